// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEmissionController} from "../../quiver/emission/IEmissionController.sol";

/// @title ReentrantStaking
/// @notice Test-only hostile staking contract (X-REENT-01): `distributeRewards` re-enters the controller.
contract ReentrantStaking {
    IEmissionController public controller;

    /// @notice Sets the controller to re-enter.
    function setController(IEmissionController c) external {
        controller = c;
    }

    /// @notice Re-enters `triggerEpoch` (the call must revert with ReentrancyGuardReentrantCall).
    function distributeRewards(uint256) external {
        controller.triggerEpoch();
    }
}
