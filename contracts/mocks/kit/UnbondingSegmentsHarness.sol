// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStakingPools} from "../../staking/IStakingPools.sol";
import {UnbondingSegments} from "../../staking/libraries/UnbondingSegments.sol";

/// @notice Test-only: one provider's UnbondingSegments book and entry list, driven directly (the branch tests of
/// test/kit/staking/UnbondingSegments.branches.test.ts reach the library's paths without a staking contract).
contract UnbondingSegmentsHarness {
    using UnbondingSegments for UnbondingSegments.Book;

    /// @notice The return values of the last call (for tests).
    event Returned(uint256 a, uint256 b);

    UnbondingSegments.Book private _book;
    IStakingPools.Unbonding[] private _list;
    address public immutable PROVIDER;

    constructor(address provider) {
        PROVIDER = provider;
    }

    function mint(uint256 amount, uint256 openCases) external returns (uint256 minted) {
        minted = _book.mint(_list, PROVIDER, amount, openCases, block.timestamp);
        emit Returned(minted, 0);
    }

    function take(uint256 index) external returns (uint256 tokens, uint256 shares) {
        (tokens, shares) = _book.take(_list, index);
        emit Returned(tokens, shares);
    }

    function openCase(uint256 offenceAt, uint256 openCases) external returns (uint32 first, uint256 tokens) {
        (first, tokens) = _book.openCase(PROVIDER, offenceAt, openCases);
        emit Returned(first, tokens);
    }

    function release(uint32 first) external returns (uint256 tokens) {
        tokens = _book.release(first);
        emit Returned(tokens, 0);
    }

    function slash(uint32 first, uint256 amount, uint256 tokens) external {
        _book.slash(PROVIDER, first, amount, tokens);
    }

    function reach(uint256 offenceAt) external view returns (uint256) {
        return _book.reach(offenceAt);
    }

    function entryValue(uint256 index) external view returns (uint256) {
        return _book.valueOf(_list[index]);
    }

    function segmentOf(uint256 id) external view returns (UnbondingSegments.Segment memory) {
        return _book.segmentOf(id);
    }

    function entries() external view returns (IStakingPools.Unbonding[] memory) {
        return _list;
    }

    function book() external view returns (uint32 open, uint32 count, uint256 withdrawnEnd) {
        return (_book.open, _book.count, _book.withdrawnEnd);
    }
}
