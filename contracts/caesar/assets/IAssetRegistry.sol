// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAssetPlugin} from "./IAssetPlugin.sol";

/// @title IAssetRegistry
/// @notice A registry of asset plugins (the seed's `AssetPluginRegistry`): each asset id has versions 1..n, each a
/// plugin contract with its metadata and a status; an upgrade registers a new version and deprecates the one before,
/// and the current version of an asset is one read. The guardian can pause an asset's relayed processing and its
/// stabilizer (flags the CAESAR processor and stabilizer read), never holders' transfers: no token reads them.
/// @dev Bounded: at most MAX_ASSETS assets, MAX_VERSIONS versions each, MAX_CHAINS chain ids and MAX_PERMISSIONS
/// permissions per version, and bounded string lengths, so no read or write grows without limit.
/// Powers: DEFAULT_ADMIN_ROLE (the timelock) registers, upgrades, sets statuses and pauses or unpauses; GUARDIAN_ROLE
/// (the guardian Safe) may only pause.
interface IAssetRegistry {
    /// @notice The seed's `EconomicModelType`.
    enum EconomicModel {
        Inflationary,
        Deflationary,
        Demurrage,
        Stablecoin,
        Utility,
        Governance,
        Custom
    }

    /// @notice A version's status (None: no such version).
    enum Status {
        None,
        Active,
        Paused,
        Deprecated
    }

    /// @notice A version's metadata (the seed's `AssetPluginMetadata`).
    /// @param name asset name (1..64 bytes)
    /// @param version version label (1..32 bytes, e.g. "1.0.0")
    /// @param author author (at most 64 bytes)
    /// @param description description (at most 1,024 bytes)
    /// @param chainIds supported chain ids (at most 16, none zero)
    /// @param permissions required permissions (at most 16 ids, e.g. keccak256 of a role name)
    /// @param economicModel the economic model
    /// @param customModel the model's name when `economicModel` is Custom (1..64 bytes), else empty
    /// @param governanceModel the governance model (at most 64 bytes, e.g. "EconomyGovernor, base-unit votes")
    struct Metadata {
        string name;
        string version;
        string author;
        string description;
        uint256[] chainIds;
        bytes32[] permissions;
        EconomicModel economicModel;
        string customModel;
        string governanceModel;
    }

    /// @notice `plugin` is not a contract answering ERC-165 for IAssetPlugin.
    error AssetsNotPlugin(address plugin);
    /// @notice `plugin` is already registered, as asset `assetId`.
    error AssetsPluginAlreadyRegistered(address plugin, uint256 assetId);
    /// @notice Registering would exceed `max` assets (`count` exist).
    error AssetsTooMany(uint256 count, uint256 max);
    /// @notice Asset `assetId` has `max` versions already.
    error AssetsTooManyVersions(uint256 assetId, uint256 max);
    /// @notice No asset `assetId`.
    error AssetsUnknownAsset(uint256 assetId);
    /// @notice Asset `assetId` has no version `version`.
    error AssetsUnknownVersion(uint256 assetId, uint256 version);
    /// @notice Asset `assetId`'s current version is deprecated: it cannot change any more.
    error AssetsDeprecated(uint256 assetId);
    /// @notice `status` cannot be set (None).
    error AssetsInvalidStatus(uint256 assetId, Status status);
    /// @notice Metadata field `field` is empty.
    error AssetsEmptyField(string field);
    /// @notice Metadata field `field` is `length` bytes long, more than `max`.
    error AssetsFieldTooLong(string field, uint256 length, uint256 max);
    /// @notice `count` chain ids, more than `max`.
    error AssetsTooManyChains(uint256 count, uint256 max);
    /// @notice A supported chain id is zero.
    error AssetsZeroChainId();
    /// @notice `count` permissions, more than `max`.
    error AssetsTooManyPermissions(uint256 count, uint256 max);
    /// @notice A custom model name was given with `model`, which is not Custom.
    error AssetsUnexpectedCustomModel(EconomicModel model);

    /// @notice Asset `assetId` was registered with `plugin` as version 1.
    event AssetRegistered(uint256 indexed assetId, address indexed plugin, string name, string version);
    /// @notice Asset `assetId` got version `version` (`plugin`), replacing `previous`.
    event AssetUpgraded(uint256 indexed assetId, uint256 indexed version, address indexed plugin, address previous);
    /// @notice Version `version` of asset `assetId` became `status`.
    event AssetStatusChanged(uint256 indexed assetId, uint256 indexed version, Status status);
    /// @notice `by` set asset `assetId`'s processing pause to `paused`.
    event ProcessingPauseSet(uint256 indexed assetId, bool paused, address indexed by);
    /// @notice `by` set asset `assetId`'s stabilizer pause to `paused`.
    event StabilizerPauseSet(uint256 indexed assetId, bool paused, address indexed by);

    /// @notice The role that may pause (the guardian).
    function GUARDIAN_ROLE() external view returns (bytes32);

    /// @notice Number of assets.
    function assetCount() external view returns (uint256);

    /// @notice Asset `assetId`'s current version, its plugin and status (one read).
    function currentVersion(uint256 assetId) external view returns (uint256 version, address plugin, Status status);

    /// @notice Version `version` of asset `assetId`: its plugin and status.
    function versionOf(uint256 assetId, uint256 version) external view returns (address plugin, Status status);

    /// @notice The metadata of version `version` of asset `assetId`.
    function metadataOf(uint256 assetId, uint256 version) external view returns (Metadata memory);

    /// @notice The asset id `plugin` is registered under (0: none).
    function assetIdOf(address plugin) external view returns (uint256);

    /// @notice Asset `assetId`'s pause flags.
    function pauseFlags(uint256 assetId) external view returns (bool processing, bool stabilizer);

    /// @notice Whether asset `assetId`'s relayed processing is paused (false for an unknown asset).
    function processingPaused(uint256 assetId) external view returns (bool);

    /// @notice The current plugin's definition of asset `assetId`.
    function definitionOf(uint256 assetId) external view returns (IAssetPlugin.AssetDefinition memory);

    /// @notice The current plugin's status of asset `assetId`.
    function statusOf(uint256 assetId) external view returns (IAssetPlugin.AssetStatus memory);

    /// @notice Registers `plugin` as a new asset (version 1, Active). Admin only.
    /// @return assetId the new asset's id (1, 2, ...)
    function register(address plugin, Metadata calldata meta) external returns (uint256 assetId);

    /// @notice Registers `plugin` as the next version of `assetId` (Active) and deprecates the current one. Admin only.
    /// @return version the new version
    function upgrade(uint256 assetId, address plugin, Metadata calldata meta) external returns (uint256 version);

    /// @notice Sets the status of `assetId`'s current version (Active, Paused or Deprecated: final). Admin only.
    function setStatus(uint256 assetId, Status status) external;

    /// @notice Pauses (guardian or admin) or unpauses (admin only) `assetId`'s relayed processing.
    function setProcessingPaused(uint256 assetId, bool paused) external;

    /// @notice Pauses (guardian or admin) or unpauses (admin only) `assetId`'s stabilizer.
    function setStabilizerPaused(uint256 assetId, bool paused) external;
}
