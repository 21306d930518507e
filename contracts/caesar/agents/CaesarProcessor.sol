// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {BPS} from "../../utils/Constants.sol";
import {CaesarParams} from "../CaesarParams.sol";
import {ICaesarToken} from "../ICaesarToken.sol";
import {CaesarRewardMath} from "./CaesarRewardMath.sol";
import {ICaesarAgents} from "./ICaesarAgents.sol";
import {ICaesarFeeDistributor} from "./ICaesarFeeDistributor.sol";
import {ICaesarProcessor} from "./ICaesarProcessor.sol";
import {IRegionHops} from "./IRegionHops.sol";
import {IRegionalModifier} from "../fees/IRegionalModifier.sol";
import {IAssetRegistry} from "../assets/IAssetRegistry.sol";

/// @title CaesarProcessor
/// @notice Verifies payers' EIP-712 transfer authorizations and moves the funds through the token's processor entry
/// point, crediting the submitting agent (see ICaesarProcessor for the replay protection and the nonce scheme).
/// @dev Holds PROCESSOR_ROLE on the token and on the distributor. Per authorization: checks (window, receiver,
/// signature, nonce), marks the nonce, calls the token (a revert there is caught and turned into a skip, unmarking
/// the nonce), adds the points in memory; the batch's points are recorded once, so a batch of n costs one
/// distributor write, not n. The parameters (points per transfer, hop penalty) and the agent check are read once
/// per call. The token cannot call back (CaesarToken makes no external call in a transfer).
contract CaesarProcessor is EIP712, AccessControl, ICaesarProcessor {
    /// @inheritdoc ICaesarProcessor
    bytes32 public constant TRANSFER_AUTHORIZATION_TYPEHASH = keccak256(
        "TransferAuthorization(address from,address to,uint256 amount,uint256 maxFee,uint256 nonce,uint256 validAfter,uint256 validBefore,uint16 region)"
    );

    ICaesarToken private immutable _TOKEN;
    ICaesarAgents private immutable _AGENTS;
    ICaesarFeeDistributor private immutable _DISTRIBUTOR;
    IParameterRegistry private immutable _REGISTRY;

    address private _hops;
    address private _gate;
    uint256 private _gateAsset;
    mapping(address owner => mapping(uint256 word => uint256 bits)) private _nonces;

    /// @dev What one call reads once.
    struct Context {
        address agent;
        uint16 region;
        uint256 hopPenaltyBps;
        address hops;
    }

    /// @param caesar the CAESAR token (grants this contract PROCESSOR_ROLE)
    /// @param agents the agent registry
    /// @param distributor the fee distributor (grants this contract PROCESSOR_ROLE)
    /// @param registry the kit ParameterRegistry (`caesar.agents.*`)
    /// @param admin receives DEFAULT_ADMIN_ROLE (the timelock)
    constructor(
        ICaesarToken caesar,
        ICaesarAgents agents,
        ICaesarFeeDistributor distributor,
        IParameterRegistry registry,
        address admin
    ) EIP712("CAESAR processor", "1") {
        if (address(caesar) == address(0) || address(agents) == address(0)) revert CaesarProcessorZeroAddress();
        if (address(distributor) == address(0) || address(registry) == address(0) || admin == address(0)) {
            revert CaesarProcessorZeroAddress();
        }
        _TOKEN = caesar;
        _AGENTS = agents;
        _DISTRIBUTOR = distributor;
        _REGISTRY = registry;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ------------------------------------------------------------------------------------ views

    /// @inheritdoc ICaesarProcessor
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc ICaesarProcessor
    function nonceUsed(address owner, uint256 nonce) external view returns (bool) {
        return _nonces[owner][nonce >> 8] & (1 << (nonce & 0xff)) != 0;
    }

    /// @inheritdoc ICaesarProcessor
    function nonceBitmap(address owner, uint256 word) external view returns (uint256) {
        return _nonces[owner][word];
    }

    /// @inheritdoc ICaesarProcessor
    function hashAuthorization(TransferAuthorization calldata a) external view returns (bytes32) {
        return _digest(a);
    }

    /// @notice The token, the agent registry, the distributor and the region-distance source.
    function contracts()
        external
        view
        returns (ICaesarToken token, ICaesarAgents agents, ICaesarFeeDistributor distributor, address regionHops)
    {
        return (_TOKEN, _AGENTS, _DISTRIBUTOR, _hops);
    }

    // ------------------------------------------------------------------------------------ actions

    /// @inheritdoc ICaesarProcessor
    function process(TransferAuthorization calldata a, bytes calldata signature) external returns (uint256 points) {
        Context memory ctx = _context();
        SkipReason reason;
        (reason, points) = _relay(ctx, a, signature);
        if (reason != SkipReason.None) revert CaesarProcessorRejected(a.from, a.nonce, reason);
        _DISTRIBUTOR.recordPoints(ctx.agent, points);
    }

    /// @inheritdoc ICaesarProcessor
    function processBatch(
        TransferAuthorization[] calldata a,
        bytes[] calldata signatures
    ) external returns (uint256 processed, uint256 points) {
        if (a.length != signatures.length) revert CaesarProcessorLengthMismatch(a.length, signatures.length);
        Context memory ctx = _context();
        for (uint256 i = 0; i < a.length; ++i) {
            (SkipReason reason, uint256 p) = _relay(ctx, a[i], signatures[i]);
            if (reason == SkipReason.None) {
                ++processed;
                points += p;
            } else {
                emit AuthorizationSkipped(ctx.agent, a[i].from, a[i].nonce, reason);
            }
        }
        if (points != 0) _DISTRIBUTOR.recordPoints(ctx.agent, points);
    }

    /// @inheritdoc ICaesarProcessor
    function invalidateNonces(uint256 word, uint256 mask) external {
        _nonces[msg.sender][word] |= mask;
        emit NoncesInvalidated(msg.sender, word, mask);
    }

    /// @inheritdoc ICaesarProcessor
    function setRegionHops(address source) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _hops = source;
        emit RegionHopsChanged(source);
    }

    /// @inheritdoc ICaesarProcessor
    function setAssetGate(address gate, uint256 assetId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _gate = gate;
        _gateAsset = assetId;
        emit AssetGateChanged(gate, assetId);
    }

    /// @notice The asset registry gating relays and the asset id it checks (address(0): never paused).
    function assetGate() external view returns (address gate, uint256 assetId) {
        return (_gate, _gateAsset);
    }

    /// @inheritdoc ICaesarProcessor
    function regionalModifier(uint16 payerRegion, uint16 agentRegion) external view returns (uint256 modifierBps) {
        Context memory ctx;
        ctx.region = agentRegion;
        ctx.hops = _hops;
        return _modifierOf(ctx, payerRegion);
    }

    // ------------------------------------------------------------------------------------ internals

    /// @dev The caller must be an active agent and processing not paused; reads the parameters once.
    function _context() private view returns (Context memory ctx) {
        address gate = _gate;
        if (gate != address(0) && IAssetRegistry(gate).processingPaused(_gateAsset)) {
            revert CaesarProcessorPaused(_gateAsset);
        }
        (bool active, uint16 region) = _AGENTS.activeAgent(msg.sender);
        if (!active) revert CaesarProcessorNotAgent(msg.sender);
        ctx.agent = msg.sender;
        ctx.region = region;
        ctx.hopPenaltyBps = _REGISTRY.get(CaesarParams.AGENTS_HOP_PENALTY_BPS);
        ctx.hops = _hops;
    }

    /// @dev Checks, marks the nonce, transfers; returns the skip reason (None on success) and the points.
    function _relay(
        Context memory ctx,
        TransferAuthorization calldata a,
        bytes calldata signature
    ) private returns (SkipReason, uint256) {
        if (block.timestamp <= a.validAfter) return (SkipReason.NotYetValid, 0);
        if (block.timestamp >= a.validBefore) return (SkipReason.Expired, 0);
        if (a.to == address(0)) return (SkipReason.InvalidReceiver, 0);
        (address signer, ECDSA.RecoverError err, ) = ECDSA.tryRecover(_digest(a), signature);
        if (err != ECDSA.RecoverError.NoError || signer != a.from) return (SkipReason.BadSignature, 0);
        uint256 word = a.nonce >> 8;
        uint256 bit = 1 << (a.nonce & 0xff);
        uint256 bits = _nonces[a.from][word];
        if (bits & bit != 0) return (SkipReason.NonceUsed, 0);
        _nonces[a.from][word] = bits | bit;
        uint256 modifierBps = _modifierOf(ctx, a.region);
        try _TOKEN.transferFromAuthorized(a.from, a.to, a.amount, a.maxFee, modifierBps) returns (
            ICaesarToken.Quote memory q
        ) {
            uint256 points = _pointsOf(ctx, q, a.region, modifierBps);
            emit AuthorizationProcessed(ctx.agent, a.from, a.nonce, points);
            return (SkipReason.None, points);
        } catch (bytes memory data) {
            _nonces[a.from][word] = bits;
            return (_reasonOf(data), 0);
        }
    }

    /// @dev Points of a relayed transfer: (fee + demurrage) x efficiency (hops), weighted by the regional modifier.
    function _pointsOf(
        Context memory ctx,
        ICaesarToken.Quote memory q,
        uint16 payerRegion,
        uint256 modifierBps
    ) private view returns (uint256) {
        uint256 eff = CaesarRewardMath.efficiencyBps(_hopsOf(ctx, payerRegion), ctx.hopPenaltyBps);
        return CaesarRewardMath.regionalPoints(CaesarRewardMath.points(q.fee, q.demurrage, eff), modifierBps);
    }

    /// @dev Hops between the payer's region and the agent's (0 without a source or if the source reverts).
    function _hopsOf(Context memory ctx, uint16 payerRegion) private view returns (uint256) {
        if (ctx.hops == address(0)) return 0;
        try IRegionHops(ctx.hops).hops(payerRegion, ctx.region) returns (uint256 h) {
            return h;
        } catch {
            return 0;
        }
    }

    /// @dev The regional modifier of the payer's region seen from the agent's, clamped to [0.5, 2.0]; 1.0 without a
    /// source, or if the source does not implement IRegionalModifier or reverts.
    function _modifierOf(Context memory ctx, uint16 payerRegion) private view returns (uint256) {
        if (ctx.hops == address(0)) return BPS;
        try IRegionalModifier(ctx.hops).quote(payerRegion, block.timestamp, ctx.region) returns (uint256 m) {
            return m < BPS / 2 ? BPS / 2 : (m > 2 * BPS ? 2 * BPS : m);
        } catch {
            return BPS;
        }
    }

    function _reasonOf(bytes memory data) private pure returns (SkipReason) {
        if (data.length < 4) return SkipReason.TransferFailed;
        bytes4 selector = bytes4(data);
        if (selector == ICaesarToken.CaesarChargeAboveMax.selector) return SkipReason.FeeAboveMax;
        if (selector == IERC20Errors.ERC20InsufficientBalance.selector) return SkipReason.InsufficientBalance;
        return SkipReason.TransferFailed;
    }

    function _digest(TransferAuthorization calldata a) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        TRANSFER_AUTHORIZATION_TYPEHASH,
                        a.from,
                        a.to,
                        a.amount,
                        a.maxFee,
                        a.nonce,
                        a.validAfter,
                        a.validBefore,
                        a.region
                    )
                )
            );
    }
}
