// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IStabilityFactor} from "../../caesar/fees/IStabilityFactor.sol";

/// @notice Test stability source: returns what it was told, or reverts.
contract MockStabilityFactor is IStabilityFactor {
    error StabilityDown();

    uint256 public factor = 10_000;
    uint256 public deviation;
    uint8 public mode; // 0 = answer, 1 = revert

    function set(uint256 factor_, uint256 deviation_, uint8 mode_) external {
        factor = factor_;
        deviation = deviation_;
        mode = mode_;
    }

    function stabilityFactor() external view returns (uint256, uint256) {
        if (mode == 1) revert StabilityDown();
        return (factor, deviation);
    }
}
