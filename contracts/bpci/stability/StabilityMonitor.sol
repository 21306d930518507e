// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IStabilityMonitor} from "./IStabilityMonitor.sol";
import {BpciParams} from "../BpciParams.sol";
import {FeedReader} from "../../oracles/FeedReader.sol";
import {IFeedReader} from "../../oracles/IFeedReader.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {StateBitmap} from "../../utils/StateBitmap.sol";
import {BPS} from "../../utils/Constants.sol";

/// @title StabilityMonitor
/// @notice Deviation monitoring, the intervention fast path and the emergency mint halt of BPCI (see
/// IStabilityMonitor). It holds no tokens.
contract StabilityMonitor is IStabilityMonitor, AccessControl {
    using EnumerableSet for EnumerableSet.Bytes32Set;

    /// @inheritdoc IStabilityMonitor
    bytes32 public constant PROPOSER_ROLE = keccak256("PROPOSER_ROLE");
    /// @inheritdoc IStabilityMonitor
    bytes32 public constant CANCELLER_ROLE = keccak256("CANCELLER_ROLE");
    /// @inheritdoc IStabilityMonitor
    uint256 public constant MAX_CHANGES = 8;
    /// @inheritdoc IStabilityMonitor
    uint256 public constant MAX_APPROVED_KEYS = 32;

    uint8 private constant _DECIMALS = 18;
    uint256 private constant _TRACKS = 3;

    IParameterRegistry private immutable _REGISTRY;

    TrackConfig[_TRACKS] private _tracks;
    EnumerableSet.Bytes32Set private _approved;
    Intervention[] private _interventions; // id = index + 1

    Level private _level;
    bool private _emergency;
    uint64 private _levelSince;

    /// @param admin DEFAULT_ADMIN_ROLE (the timelock): tracks and approved keys; it also gets CANCELLER_ROLE
    /// @param proposer PROPOSER_ROLE (the council Safe; zero: granted later by the admin)
    /// @param canceller a second CANCELLER_ROLE (the guardian Safe; zero: none)
    /// @param registry_ the kit registry (thresholds, the halt flag, the approved keys' values)
    /// @param tracks AUR, FLX and NEX: price feed against a target feed or a fixed target
    /// @param approved the keys approved for the fast path at deployment
    constructor(
        address admin,
        address proposer,
        address canceller,
        IParameterRegistry registry_,
        TrackConfig[3] memory tracks,
        bytes32[] memory approved
    ) {
        if (admin == address(0) || address(registry_) == address(0)) revert StabilityZeroAddress();
        _REGISTRY = registry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(CANCELLER_ROLE, admin);
        if (proposer != address(0)) _grantRole(PROPOSER_ROLE, proposer);
        if (canceller != address(0)) _grantRole(CANCELLER_ROLE, canceller);
        for (uint256 i; i < _TRACKS; ++i) _configure(Track(i), tracks[i]);
        for (uint256 i; i < approved.length; ++i) _approve(approved[i], true);
        _levelSince = uint64(block.timestamp);
    }

    // ------------------------------------------------------------------------------------------ views

    /// @inheritdoc IStabilityMonitor
    function registry() external view returns (address) {
        return address(_REGISTRY);
    }

    /// @inheritdoc IStabilityMonitor
    function trackConfig(Track track) external view returns (TrackConfig memory) {
        return _tracks[uint8(track)];
    }

    /// @inheritdoc IStabilityMonitor
    function reading(Track track) public view returns (Reading memory r) {
        (uint256 intervention, uint256 emergency, uint256 heartbeat) = _thresholds();
        return _read(_tracks[uint8(track)], heartbeat, intervention, emergency);
    }

    /// @inheritdoc IStabilityMonitor
    function status() external view returns (Status memory s) {
        (s.interventionBps, s.emergencyBps, ) = _thresholds();
        (s.level, s.readings, , ) = _evaluate();
        s.recorded = _level;
        s.recordedSince = _levelSince;
        s.emergency = _emergency;
        s.mintHalted = _REGISTRY.get(BpciParams.STABILITY_MINT_HALTED) != 0;
        s.interventions = _interventions.length;
    }

    /// @inheritdoc IStabilityMonitor
    function isApproved(bytes32 key) external view returns (bool) {
        return _approved.contains(key);
    }

    /// @inheritdoc IStabilityMonitor
    function approvedKeys() external view returns (bytes32[] memory) {
        return _approved.values();
    }

    /// @inheritdoc IStabilityMonitor
    function interventionCount() external view returns (uint256) {
        return _interventions.length;
    }

    /// @inheritdoc IStabilityMonitor
    function getIntervention(uint256 interventionId) external view returns (Intervention memory) {
        if (interventionId == 0 || interventionId > _interventions.length) {
            revert StabilityUnexpectedState(interventionId, InterventionState.None, _ANY);
        }
        return _interventions[interventionId - 1];
    }

    /// @inheritdoc IStabilityMonitor
    function interventionState(uint256 interventionId) public view returns (InterventionState) {
        if (interventionId == 0 || interventionId > _interventions.length) return InterventionState.None;
        Intervention storage i = _interventions[interventionId - 1];
        if (i.executed) return InterventionState.Executed;
        if (i.cancelled) return InterventionState.Cancelled;
        if (block.timestamp < i.eta) return InterventionState.Queued;
        return block.timestamp <= i.expiresAt ? InterventionState.Executable : InterventionState.Expired;
    }

    // ------------------------------------------------------------------------------------ transitions

    /// @inheritdoc IStabilityMonitor
    function check() external returns (Level level) {
        return _update();
    }

    /// @inheritdoc IStabilityMonitor
    function propose(
        bytes32[] calldata keys,
        uint256[] calldata values,
        string calldata description
    ) external onlyRole(PROPOSER_ROLE) returns (uint256 interventionId) {
        Level level = _update();
        if (level < Level.Intervention) revert StabilityNotDeviated(level);
        _checkChanges(keys, values);
        // Both durations are registry-bounded (at most 3 and 14 days): the sums fit 64 bits for billions of years.
        uint256 eta = block.timestamp + _REGISTRY.get(BpciParams.STABILITY_INTERVENTION_DELAY);
        Intervention storage it = _interventions.push();
        it.proposer = msg.sender;
        it.eta = uint64(eta);
        it.expiresAt = uint64(eta + _REGISTRY.get(BpciParams.STABILITY_INTERVENTION_GRACE));
        it.levelAtProposal = level;
        it.descriptionHash = keccak256(bytes(description));
        it.keys = keys;
        it.values = values;
        interventionId = _interventions.length;
        _emitProposed(interventionId, it, description);
    }

    /// @inheritdoc IStabilityMonitor
    function execute(uint256 interventionId) external {
        _validateStateBitmap(interventionId, StateBitmap.encode(uint8(InterventionState.Executable)));
        Intervention storage it = _interventions[interventionId - 1];
        it.executed = true;
        emit InterventionExecuted(interventionId, msg.sender);
        uint256 n = it.keys.length;
        for (uint256 i; i < n; ++i) _REGISTRY.set(it.keys[i], it.values[i]);
    }

    /// @inheritdoc IStabilityMonitor
    function cancel(uint256 interventionId) external onlyRole(CANCELLER_ROLE) {
        _validateStateBitmap(
            interventionId,
            StateBitmap.encode(uint8(InterventionState.Queued)) |
                StateBitmap.encode(uint8(InterventionState.Executable))
        );
        _interventions[interventionId - 1].cancelled = true;
        emit InterventionCancelled(interventionId, msg.sender);
    }

    /// @inheritdoc IStabilityMonitor
    function configureTrack(Track track, TrackConfig calldata config) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _configure(track, config);
    }

    /// @inheritdoc IStabilityMonitor
    function approveKey(bytes32 key, bool approved) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _approve(key, approved);
    }

    // -------------------------------------------------------------------------------------- internals

    bytes32 private constant _ANY = bytes32(uint256(0x3e)); // Queued | Executable | Executed | Expired | Cancelled

    /// @dev Approved, distinct keys, at most MAX_CHANGES, values within the registry bounds.
    function _checkChanges(bytes32[] calldata keys, uint256[] calldata values) private view {
        uint256 n = keys.length;
        if (n == 0 || n > MAX_CHANGES || values.length != n) {
            revert StabilityBadChanges(n, values.length, MAX_CHANGES);
        }
        for (uint256 i; i < n; ++i) {
            bytes32 key = keys[i];
            if (!_approved.contains(key)) revert StabilityKeyNotApproved(key);
            for (uint256 j; j < i; ++j) if (keys[j] == key) revert StabilityDuplicateKey(key);
            IParameterRegistry.Parameter memory p = _REGISTRY.getParameter(key);
            if (values[i] < p.min || values[i] > p.max) {
                revert StabilityValueOutOfBounds(key, values[i], p.min, p.max);
            }
        }
    }

    function _emitProposed(uint256 interventionId, Intervention storage it, string calldata description) private {
        emit InterventionProposed(
            interventionId,
            it.proposer,
            it.keys,
            it.values,
            it.eta,
            it.expiresAt,
            it.levelAtProposal,
            description
        );
    }

    function _update() private returns (Level level) {
        Reading[3] memory r;
        bool anyUnknown;
        uint256 worst;
        (level, r, anyUnknown, worst) = _evaluate();
        Level previous = _level;
        if (level != previous) {
            _level = level;
            _levelSince = uint64(block.timestamp);
            emit LevelChanged(previous, level, r[0].deviationBps, r[1].deviationBps, r[2].deviationBps);
        }
        if (level == Level.Emergency) {
            if (!_emergency) _enterEmergency(Track(worst), r[worst].deviationBps);
        } else if (_emergency && !anyUnknown) {
            _emergency = false;
            emit EmergencyCleared();
        }
    }

    /// @dev Sets the halt flag once per episode. A registry refusal (the key frozen by a bounds change) must not
    /// block the monitor: the episode is then not recorded, so the next check tries again.
    function _enterEmergency(Track track, uint256 deviationBps) private {
        bool halted;
        if (_REGISTRY.get(BpciParams.STABILITY_MINT_HALTED) == 0) {
            try _REGISTRY.set(BpciParams.STABILITY_MINT_HALTED, 1) {
                halted = true;
            } catch {
                emit EmergencyEntered(track, deviationBps, false);
                return;
            }
        }
        _emergency = true;
        emit EmergencyEntered(track, deviationBps, halted);
    }

    /// @dev The three readings, the highest level, whether any is Unknown, and the most deviating known track.
    function _evaluate() private view returns (Level level, Reading[3] memory r, bool anyUnknown, uint256 worst) {
        (uint256 intervention, uint256 emergency, uint256 heartbeat) = _thresholds();
        uint256 worstBps;
        for (uint256 i; i < _TRACKS; ++i) {
            r[i] = _read(_tracks[i], heartbeat, intervention, emergency);
            if (r[i].level > level) level = r[i].level;
            if (r[i].level == Level.Unknown) anyUnknown = true;
            else if (r[i].deviationBps > worstBps) (worst, worstBps) = (i, r[i].deviationBps);
        }
    }

    function _read(
        TrackConfig storage c,
        uint256 heartbeat,
        uint256 intervention,
        uint256 emergency
    ) private view returns (Reading memory r) {
        (r.priceStatus, r.price, ) = FeedReader.tryRead(c.price, heartbeat, 0, type(uint256).max, _DECIMALS);
        if (address(c.target) == address(0)) {
            r.target = c.fixedTarget;
        } else {
            (r.targetStatus, r.target, ) = FeedReader.tryRead(c.target, heartbeat, 0, type(uint256).max, _DECIMALS);
        }
        if (r.priceStatus != IFeedReader.Status.Ok || r.targetStatus != IFeedReader.Status.Ok) {
            r.level = Level.Unknown;
            return r;
        }
        uint256 diff = r.price > r.target ? r.price - r.target : r.target - r.price;
        // Rounded up, so that `deviationBps > threshold` holds exactly when the true deviation is above it.
        r.deviationBps = Math.mulDiv(diff, BPS, r.target, Math.Rounding.Ceil);
        if (r.deviationBps > emergency) r.level = Level.Emergency;
        else if (r.deviationBps > intervention) r.level = Level.Intervention;
    }

    function _thresholds() private view returns (uint256 intervention, uint256 emergency, uint256 heartbeat) {
        intervention = _REGISTRY.get(BpciParams.STABILITY_INTERVENTION_BPS);
        emergency = _REGISTRY.get(BpciParams.STABILITY_EMERGENCY_BPS);
        heartbeat = _REGISTRY.get(BpciParams.STABILITY_FEED_HEARTBEAT);
    }

    function _configure(Track track, TrackConfig memory c) private {
        bool hasTarget = address(c.target) != address(0);
        if (address(c.price) == address(0) || hasTarget == (c.fixedTarget != 0)) {
            revert StabilityInvalidTrack(track, address(c.price), address(c.target), c.fixedTarget);
        }
        _tracks[uint8(track)] = c;
        emit TrackConfigured(track, address(c.price), address(c.target), c.fixedTarget);
    }

    function _approve(bytes32 key, bool approved) private {
        if (approved) {
            if (_isStabilityKey(key)) revert StabilityKeyNotApprovable(key);
            if (!_REGISTRY.getParameter(key).exists) revert IParameterRegistry.ParameterUnknown(key);
            if (!_approved.add(key)) return;
            if (_approved.length() > MAX_APPROVED_KEYS) revert StabilityTooManyKeys(MAX_APPROVED_KEYS);
        } else if (!_approved.remove(key)) {
            return;
        }
        emit KeyApproval(key, approved);
    }

    function _isStabilityKey(bytes32 key) private pure returns (bool) {
        return
            key == BpciParams.STABILITY_INTERVENTION_BPS ||
            key == BpciParams.STABILITY_EMERGENCY_BPS ||
            key == BpciParams.STABILITY_FEED_HEARTBEAT ||
            key == BpciParams.STABILITY_INTERVENTION_DELAY ||
            key == BpciParams.STABILITY_INTERVENTION_GRACE ||
            key == BpciParams.STABILITY_MINT_HALTED;
    }

    function _validateStateBitmap(uint256 interventionId, bytes32 allowed) private view {
        InterventionState current = interventionState(interventionId);
        if (!StateBitmap.contains(allowed, uint8(current))) {
            revert StabilityUnexpectedState(interventionId, current, allowed);
        }
    }
}
