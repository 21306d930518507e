// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC165Checker} from "@openzeppelin/contracts/utils/introspection/ERC165Checker.sol";
import {IAssetPlugin} from "./IAssetPlugin.sol";
import {IAssetRegistry} from "./IAssetRegistry.sol";

/// @title AssetRegistry
/// @notice The registry of asset plugins (see IAssetRegistry). CAESAR is registered by the preset as asset 1.
/// @dev An asset is one slot (current version, version count, the two pause flags); a version is its plugin and
/// status (one slot) plus its metadata. Every write is bounded by the constants below; no function loops over
/// assets or versions.
contract AssetRegistry is AccessControl, IAssetRegistry {
    /// @inheritdoc IAssetRegistry
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @notice Most assets.
    uint256 public constant MAX_ASSETS = 64;
    /// @notice Most versions per asset.
    uint256 public constant MAX_VERSIONS = 16;
    /// @notice Most supported chain ids per version.
    uint256 public constant MAX_CHAINS = 16;
    /// @notice Most required permissions per version.
    uint256 public constant MAX_PERMISSIONS = 16;

    struct Asset {
        uint32 current;
        uint32 versions;
        bool processingPaused;
        bool stabilizerPaused;
    }

    struct Version {
        address plugin;
        Status status;
    }

    uint256 private _count;
    mapping(uint256 assetId => Asset) private _assets;
    mapping(uint256 assetId => mapping(uint256 version => Version)) private _versions;
    mapping(uint256 assetId => mapping(uint256 version => Metadata)) private _meta;
    mapping(address plugin => uint256 assetId) private _idOf;

    /// @param admin receives DEFAULT_ADMIN_ROLE (the timelock; it grants GUARDIAN_ROLE)
    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ------------------------------------------------------------------------------------ views

    /// @inheritdoc IAssetRegistry
    function assetCount() external view returns (uint256) {
        return _count;
    }

    /// @inheritdoc IAssetRegistry
    function currentVersion(uint256 assetId) external view returns (uint256 version, address plugin, Status status) {
        version = _assets[assetId].current;
        Version storage v = _versions[assetId][version];
        return (version, v.plugin, v.status);
    }

    /// @inheritdoc IAssetRegistry
    function versionOf(uint256 assetId, uint256 version) external view returns (address plugin, Status status) {
        Version storage v = _versions[assetId][version];
        return (v.plugin, v.status);
    }

    /// @inheritdoc IAssetRegistry
    function metadataOf(uint256 assetId, uint256 version) external view returns (Metadata memory) {
        if (_versions[assetId][version].status == Status.None) revert AssetsUnknownVersion(assetId, version);
        return _meta[assetId][version];
    }

    /// @inheritdoc IAssetRegistry
    function assetIdOf(address plugin) external view returns (uint256) {
        return _idOf[plugin];
    }

    /// @inheritdoc IAssetRegistry
    function pauseFlags(uint256 assetId) external view returns (bool processing, bool stabilizer) {
        Asset storage a = _assets[assetId];
        return (a.processingPaused, a.stabilizerPaused);
    }

    /// @inheritdoc IAssetRegistry
    function processingPaused(uint256 assetId) external view returns (bool) {
        return _assets[assetId].processingPaused;
    }

    /// @inheritdoc IAssetRegistry
    function definitionOf(uint256 assetId) external view returns (IAssetPlugin.AssetDefinition memory) {
        return IAssetPlugin(_currentPlugin(assetId)).assetDefinition();
    }

    /// @inheritdoc IAssetRegistry
    function statusOf(uint256 assetId) external view returns (IAssetPlugin.AssetStatus memory) {
        return IAssetPlugin(_currentPlugin(assetId)).assetStatus();
    }

    // ------------------------------------------------------------------------------------ governance

    /// @inheritdoc IAssetRegistry
    function register(
        address plugin,
        Metadata calldata meta
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256 assetId) {
        _checkPlugin(plugin);
        _checkMetadata(meta);
        if (_count >= MAX_ASSETS) revert AssetsTooMany(_count, MAX_ASSETS);
        assetId = ++_count;
        _assets[assetId] = Asset({current: 1, versions: 1, processingPaused: false, stabilizerPaused: false});
        _versions[assetId][1] = Version(plugin, Status.Active);
        _meta[assetId][1] = meta;
        _idOf[plugin] = assetId;
        emit AssetRegistered(assetId, plugin, meta.name, meta.version);
        emit AssetStatusChanged(assetId, 1, Status.Active);
    }

    /// @inheritdoc IAssetRegistry
    function upgrade(
        uint256 assetId,
        address plugin,
        Metadata calldata meta
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256 version) {
        Asset storage a = _requireLive(assetId);
        if (a.versions >= MAX_VERSIONS) revert AssetsTooManyVersions(assetId, MAX_VERSIONS);
        _checkPlugin(plugin);
        _checkMetadata(meta);
        uint256 old = a.current;
        address previous = _versions[assetId][old].plugin;
        version = old + 1;
        // Exact: version <= MAX_VERSIONS.
        a.current = uint32(version);
        a.versions = uint32(version);
        _versions[assetId][old].status = Status.Deprecated;
        _versions[assetId][version] = Version(plugin, Status.Active);
        _meta[assetId][version] = meta;
        _idOf[plugin] = assetId;
        emit AssetStatusChanged(assetId, old, Status.Deprecated);
        emit AssetUpgraded(assetId, version, plugin, previous);
        emit AssetStatusChanged(assetId, version, Status.Active);
    }

    /// @inheritdoc IAssetRegistry
    function setStatus(uint256 assetId, Status status) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Asset storage a = _requireLive(assetId);
        if (status == Status.None) revert AssetsInvalidStatus(assetId, status);
        _versions[assetId][a.current].status = status;
        emit AssetStatusChanged(assetId, a.current, status);
    }

    /// @inheritdoc IAssetRegistry
    function setProcessingPaused(uint256 assetId, bool paused) external {
        Asset storage a = _pauser(assetId, paused);
        a.processingPaused = paused;
        emit ProcessingPauseSet(assetId, paused, msg.sender);
    }

    /// @inheritdoc IAssetRegistry
    function setStabilizerPaused(uint256 assetId, bool paused) external {
        Asset storage a = _pauser(assetId, paused);
        a.stabilizerPaused = paused;
        emit StabilizerPauseSet(assetId, paused, msg.sender);
    }

    // ------------------------------------------------------------------------------------ internals

    /// @dev Pausing: the guardian or the admin; unpausing: the admin.
    function _pauser(uint256 assetId, bool paused) private view returns (Asset storage a) {
        if (!hasRole(DEFAULT_ADMIN_ROLE, msg.sender) && !(paused && hasRole(GUARDIAN_ROLE, msg.sender))) {
            revert AccessControlUnauthorizedAccount(msg.sender, paused ? GUARDIAN_ROLE : DEFAULT_ADMIN_ROLE);
        }
        a = _assets[assetId];
        if (a.current == 0) revert AssetsUnknownAsset(assetId);
    }

    function _requireLive(uint256 assetId) private view returns (Asset storage a) {
        a = _assets[assetId];
        if (a.current == 0) revert AssetsUnknownAsset(assetId);
        if (_versions[assetId][a.current].status == Status.Deprecated) revert AssetsDeprecated(assetId);
    }

    function _currentPlugin(uint256 assetId) private view returns (address) {
        uint256 v = _assets[assetId].current;
        if (v == 0) revert AssetsUnknownAsset(assetId);
        return _versions[assetId][v].plugin;
    }

    function _checkPlugin(address plugin) private view {
        if (!ERC165Checker.supportsInterface(plugin, type(IAssetPlugin).interfaceId)) revert AssetsNotPlugin(plugin);
        uint256 id = _idOf[plugin];
        if (id != 0) revert AssetsPluginAlreadyRegistered(plugin, id);
    }

    function _checkMetadata(Metadata calldata m) private pure {
        _checkString("name", m.name, 1, 64);
        _checkString("version", m.version, 1, 32);
        _checkString("author", m.author, 0, 64);
        _checkString("description", m.description, 0, 1024);
        _checkString("governanceModel", m.governanceModel, 0, 64);
        if (m.economicModel == EconomicModel.Custom) _checkString("customModel", m.customModel, 1, 64);
        else if (bytes(m.customModel).length != 0) revert AssetsUnexpectedCustomModel(m.economicModel);
        if (m.chainIds.length > MAX_CHAINS) revert AssetsTooManyChains(m.chainIds.length, MAX_CHAINS);
        for (uint256 i = 0; i < m.chainIds.length; ++i) {
            if (m.chainIds[i] == 0) revert AssetsZeroChainId();
        }
        if (m.permissions.length > MAX_PERMISSIONS) {
            revert AssetsTooManyPermissions(m.permissions.length, MAX_PERMISSIONS);
        }
    }

    function _checkString(string memory field, string calldata value, uint256 min, uint256 max) private pure {
        uint256 n = bytes(value).length;
        if (n < min) revert AssetsEmptyField(field);
        if (n > max) revert AssetsFieldTooLong(field, n, max);
    }
}
