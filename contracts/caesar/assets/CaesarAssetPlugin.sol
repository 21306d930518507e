// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC165} from "@openzeppelin/contracts/utils/introspection/ERC165.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {CaesarParams} from "../CaesarParams.sol";
import {ICaesarToken} from "../ICaesarToken.sol";
import {ICaesarAgents} from "../agents/ICaesarAgents.sol";
import {IStabilityFactor} from "../fees/IStabilityFactor.sol";
import {IAssetPlugin} from "./IAssetPlugin.sol";
import {IAssetRegistry} from "./IAssetRegistry.sol";

/// @dev CaesarToken's view of its factor sources (not in ICaesarToken).
interface ICaesarFactorSources {
    function factorSources() external view returns (address liquidityFeed, address volatilityFeed, address stability);
}

/// @title CaesarAssetPlugin
/// @notice CAESAR's asset plugin: a read-only adapter over the token, the parameter registry, the agents and the
/// asset registry's pause flags. Definition: supply, demurrage rate (`caesar.token.demurrageBps`), anti-speculation
/// threshold (`caesar.antispec.threshold`), stability target (`caesar.stability.targetPriceWad`, the
/// StabilityController's target price, WAD). Status: the price deviation of the token's stability source (0 while none
/// is set, or when it reverts), the stability reserve's balance, the agent count, the registry's pause flags.
contract CaesarAssetPlugin is ERC165, IAssetPlugin {
    /// @notice A zero address where a contract is required.
    error CaesarAssetPluginZeroAddress();

    ICaesarToken private immutable _TOKEN;
    ICaesarAgents private immutable _AGENTS;
    IParameterRegistry private immutable _REGISTRY;
    IAssetRegistry private immutable _ASSETS;

    /// @param caesar the CAESAR token
    /// @param agents the agent registry
    /// @param registry the kit ParameterRegistry
    /// @param assets the asset registry (pause flags)
    constructor(ICaesarToken caesar, ICaesarAgents agents, IParameterRegistry registry, IAssetRegistry assets) {
        if (address(caesar) == address(0) || address(agents) == address(0)) revert CaesarAssetPluginZeroAddress();
        if (address(registry) == address(0) || address(assets) == address(0)) revert CaesarAssetPluginZeroAddress();
        _TOKEN = caesar;
        _AGENTS = agents;
        _REGISTRY = registry;
        _ASSETS = assets;
    }

    /// @inheritdoc IAssetPlugin
    function assetDefinition() external view returns (AssetDefinition memory d) {
        d.supply = _TOKEN.totalSupply();
        d.demurrageBps = _REGISTRY.get(CaesarParams.TOKEN_DEMURRAGE_BPS);
        d.antiSpeculationThreshold = _REGISTRY.get(CaesarParams.ANTISPEC_THRESHOLD);
        d.stabilityTarget = _REGISTRY.get(CaesarParams.STABILITY_TARGET_PRICE);
    }

    /// @inheritdoc IAssetPlugin
    function assetStatus() external view returns (AssetStatus memory s) {
        (, , address stability) = ICaesarFactorSources(address(_TOKEN)).factorSources();
        if (stability != address(0)) {
            try IStabilityFactor(stability).stabilityFactor() returns (uint256, uint256 deviationBps) {
                s.priceDeviationBps = deviationBps;
            } catch {} // solhint-disable-line no-empty-blocks
        }
        s.reserve = _TOKEN.balanceOf(_TOKEN.stabilityReserve());
        s.agents = _AGENTS.agentCount();
        (s.processingPaused, s.stabilizerPaused) = _ASSETS.pauseFlags(_ASSETS.assetIdOf(address(this)));
    }

    /// @inheritdoc ERC165
    function supportsInterface(bytes4 interfaceId) public view override(ERC165, IERC165) returns (bool) {
        return interfaceId == type(IAssetPlugin).interfaceId || super.supportsInterface(interfaceId);
    }
}
