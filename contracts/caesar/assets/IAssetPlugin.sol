// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";

/// @title IAssetPlugin
/// @notice What an asset plugin exposes to the AssetRegistry (the seed's `AssetPlugin`: its definition and its
/// status). Registered plugins answer ERC-165 for this interface.
interface IAssetPlugin is IERC165 {
    /// @notice An asset's economic definition.
    /// @param supply total supply (wei)
    /// @param demurrageBps holding fee (bps per 30 days; 0 for none)
    /// @param antiSpeculationThreshold rapid trades per window before a penalty (count; 0 for none)
    /// @param stabilityTarget target price (WAD, quote units per token; 0 while the asset has no stability target)
    struct AssetDefinition {
        uint256 supply;
        uint256 demurrageBps;
        uint256 antiSpeculationThreshold;
        uint256 stabilityTarget;
    }

    /// @notice An asset's live status.
    /// @param priceDeviationBps absolute deviation of the market price from the target (bps of the target)
    /// @param reserve wei held by the asset's stability reserve
    /// @param agents processing agents registered
    /// @param processingPaused whether the registry's guardian paused relayed processing
    /// @param stabilizerPaused whether the registry's guardian paused the stabilizer
    struct AssetStatus {
        uint256 priceDeviationBps;
        uint256 reserve;
        uint256 agents;
        bool processingPaused;
        bool stabilizerPaused;
    }

    /// @notice The asset's definition now.
    function assetDefinition() external view returns (AssetDefinition memory);

    /// @notice The asset's status now.
    function assetStatus() external view returns (AssetStatus memory);
}
