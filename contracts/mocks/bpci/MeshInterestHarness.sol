// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MeshInterest} from "../../bpci/mesh/MeshInterest.sol";

/// @notice Exposes MeshInterest for the differential test against sdk/bpci/core/mesh.ts (never deployed).
contract MeshInterestHarness {
    /// @notice MeshInterest.interest
    function interest(uint256 principal, uint256 rateBps, uint256 duration) external pure returns (uint256) {
        return MeshInterest.interest(principal, rateBps, duration);
    }

    /// @notice MeshInterest.due
    function due(uint256 principal, uint256 rateBps, uint256 duration) external pure returns (uint256) {
        return MeshInterest.due(principal, rateBps, duration);
    }
}
