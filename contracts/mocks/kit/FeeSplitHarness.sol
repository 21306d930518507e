// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeeSplit} from "../../fees/FeeSplit.sol";

/// @notice Test-only: exposes the FeeSplit library so tests and the SDK differential suite can call it.
contract FeeSplitHarness {
    function split(uint256 amount, uint256[] calldata sharesBps) external pure returns (uint256[] memory) {
        return FeeSplit.split(amount, sharesBps);
    }

    function splitWithRemainder(uint256 amount, uint256[] calldata sharesBps) external pure returns (uint256[] memory) {
        return FeeSplit.splitWithRemainder(amount, sharesBps);
    }

    function split2(uint256 amount, uint256 firstBps) external pure returns (uint256, uint256) {
        return FeeSplit.split2(amount, firstBps);
    }

    function split4(
        uint256 amount,
        uint256 a,
        uint256 b,
        uint256 c
    ) external pure returns (uint256, uint256, uint256, uint256) {
        return FeeSplit.split4(amount, a, b, c);
    }

    function validate(uint256[] calldata sharesBps) external pure {
        FeeSplit.validate(sharesBps);
    }
}
