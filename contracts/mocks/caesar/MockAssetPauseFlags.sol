// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Test helper: the asset registry's `pauseFlags(assetId)` with settable flags, for the StabilityGate's
/// asset-level stabilizer pause.
contract MockAssetPauseFlags {
    mapping(uint256 assetId => bool) public processing;
    mapping(uint256 assetId => bool) public stabilizer;

    function set(uint256 assetId, bool processing_, bool stabilizer_) external {
        processing[assetId] = processing_;
        stabilizer[assetId] = stabilizer_;
    }

    function pauseFlags(uint256 assetId) external view returns (bool, bool) {
        return (processing[assetId], stabilizer[assetId]);
    }
}
