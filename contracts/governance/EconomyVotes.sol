// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IEconomyGovernor} from "./IEconomyGovernor.sol";
import {IEconomyVotes} from "./IEconomyVotes.sol";
import {BPS} from "../utils/Constants.sol";

/// @title EconomyVotes
/// @notice `EconomyGovernor.token()`: the governor's weighted votes as one ERC-5805 token (read-only).
/// @dev Deployed by the governor's constructor (so `token()` is an immutable and the pair cannot be mis-wired).
/// Past reads delegate to the governor, so they are equal by construction, history and reweights included;
/// the current read (`getVotes`) sums the sources' current votes at the current weights, which is what
/// `governor.getVotes(a, now)` returns once `now` is past. No storage, no events (see IEconomyVotes).
contract EconomyVotes is IEconomyVotes {
    IEconomyGovernor private immutable _governor;
    string private _name;
    string private _symbol;

    /// @param governor_ the governor (the deployer)
    /// @param name_ display name
    /// @param symbol_ display symbol
    constructor(IEconomyGovernor governor_, string memory name_, string memory symbol_) {
        _governor = governor_;
        _name = name_;
        _symbol = symbol_;
    }

    /// @inheritdoc IEconomyVotes
    function governor() external view returns (IEconomyGovernor) {
        return _governor;
    }

    /// @inheritdoc IEconomyVotes
    function name() external view returns (string memory) {
        return _name;
    }

    /// @inheritdoc IEconomyVotes
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IEconomyVotes
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @notice ERC-6372 clock: the block timestamp, like the governor and its sources.
    function clock() external view returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice Current weighted votes: floor(sum_i currentWeight_i * source_i.getVotes(account) / 10000).
    function getVotes(address account) external view returns (uint256) {
        IEconomyGovernor.VoteSource[] memory sources = _governor.voteSources();
        uint256 sum;
        for (uint256 i = 0; i < sources.length; ++i) {
            uint256 w = sources[i].weightBps;
            if (w != 0) sum += w * sources[i].token.getVotes(account);
        }
        return sum / BPS;
    }

    /// @notice `governor.getVotes(account, timepoint)`; reverts like the sources for a timepoint not in the past.
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
        return IGovernor(address(_governor)).getVotes(account, timepoint);
    }

    /// @notice `governor.weightedPastTotalSupply(timepoint)`: the quorum base (each staked token counted once).
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256) {
        return _governor.weightedPastTotalSupply(timepoint);
    }

    /// @notice The delegate of `account` in the first vote source (each source has its own delegation).
    function delegates(address account) external view returns (address) {
        return IVotes(address(_governor.voteSources()[0].token)).delegates(account);
    }

    /// @notice Reverts: delegate in each vote source.
    function delegate(address) external view {
        revert EconomyVotesDelegateAtSources(msg.sender, address(_governor.voteSources()[0].token));
    }

    /// @notice Reverts: delegate in each vote source.
    function delegateBySig(address, uint256, uint256, uint8, bytes32, bytes32) external view {
        revert EconomyVotesDelegateAtSources(msg.sender, address(_governor.voteSources()[0].token));
    }
}
