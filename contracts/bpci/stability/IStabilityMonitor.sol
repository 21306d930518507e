// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";
import {IFeedReader} from "../../oracles/IFeedReader.sol";

/// @title IStabilityMonitor
/// @notice BPCI's stability monitor (SPEC.md "Stability monitoring"). It reads one deviation per tracked token through
/// the kit's FeedReader: AUR's market price against gold, FLX's price against its target, NEX's price against a
/// reference (each a price feed against a target feed or a fixed target). A feed that cannot be read (stale, future,
/// non-positive, reverted) makes its token's level `Unknown`, never `Normal`.
/// - Above `bpci.stability.interventionBps` (10%) the intervention fast path opens: `PROPOSER_ROLE` (the council)
///   queues changes of pre-approved registry keys (governance keeps the list: PoE weights, fee split, AUR margin...),
///   each within the key's registry bounds; anyone executes them `bpci.stability.interventionDelay` (6 h) later and
///   within `bpci.stability.interventionGrace` (3 d); `CANCELLER_ROLE` (the timelock, the guardian) cancels. The
///   registry still applies its rate limits at execution. Keys of the `bpci.stability` module can never be approved:
///   the fast path cannot weaken its own guard or lift the halt.
/// - Above `bpci.stability.emergencyBps` (25%) the first check sets `bpci.stability.mintHalted` to 1: NexToken and
///   AurToken refuse to mint (transfers, burns and AUR redemptions go on) until governance sets it back to 0. The
///   halt is edge-triggered: it is set once per emergency episode, so a resumption by governance holds while the
///   same episode lasts; the episode ends only when every token reads below the emergency threshold (an unknown
///   reading does not end it).
/// @dev Gas of every call is constant: three tracks, at most `MAX_CHANGES` changes per intervention and
/// `MAX_APPROVED_KEYS` approved keys. The monitor holds `PARAMETER_ADMIN_ROLE` on the registry and only ever sets the
/// halt flag and the approved keys of executed interventions.
interface IStabilityMonitor {
    /// @notice The tracked tokens.
    enum Track {
        AUR,
        FLX,
        NEX
    }

    /// @notice Level of one reading or of the whole monitor (the highest of the three), in increasing severity.
    enum Level {
        Normal,
        Unknown,
        Intervention,
        Emergency
    }

    /// @notice States of an intervention (the kit's convention: derived, checked with a state bitmap).
    enum InterventionState {
        None,
        Queued,
        Executable,
        Executed,
        Expired,
        Cancelled
    }

    /// @notice What a track compares: `price` against `target`, or against `fixedTarget` when `target` is zero.
    struct TrackConfig {
        AggregatorV3Interface price;
        AggregatorV3Interface target;
        uint256 fixedTarget; // 18 decimals; 0 when `target` is set
    }

    /// @notice One track's reading now.
    struct Reading {
        IFeedReader.Status priceStatus;
        IFeedReader.Status targetStatus; // Ok for a fixed target
        uint256 price; // 18 decimals, 0 unless Ok
        uint256 target; // 18 decimals, 0 unless Ok
        uint256 deviationBps; // |price - target| / target in bps, rounded up (0 when Unknown)
        Level level;
    }

    /// @notice The whole status in one call.
    struct Status {
        Level level; // evaluated now from the feeds
        Level recorded; // as of the last check
        uint64 recordedSince; // when the recorded level was entered
        bool emergency; // an emergency episode is running (the halt was set for it)
        bool mintHalted; // `bpci.stability.mintHalted` != 0
        uint256 interventionBps;
        uint256 emergencyBps;
        uint256 interventions; // how many were ever proposed
        Reading[3] readings; // AUR, FLX, NEX
    }

    /// @notice A queued parameter change set of the fast path.
    struct Intervention {
        address proposer;
        uint64 eta; // executable from here
        uint64 expiresAt; // and up to here, inclusive
        bool executed;
        bool cancelled;
        Level levelAtProposal;
        bytes32 descriptionHash;
        bytes32[] keys;
        uint256[] values;
    }

    /// @notice A zero address where an account or contract is required (admin, registry).
    error StabilityZeroAddress();

    /// @notice A track needs a price feed and exactly one of a target feed and a non-zero fixed target.
    error StabilityInvalidTrack(Track track, address price, address target, uint256 fixedTarget);

    /// @notice `propose` while no token deviates beyond the intervention threshold (the fast path is closed).
    /// @param level the level evaluated now
    error StabilityNotDeviated(Level level);

    /// @notice An intervention with no change, more than `MAX_CHANGES`, or keys and values of different lengths.
    error StabilityBadChanges(uint256 keys, uint256 values, uint256 maxChanges);

    /// @notice A change of a key that governance has not approved for the fast path.
    error StabilityKeyNotApproved(bytes32 key);

    /// @notice The same key twice in one intervention.
    error StabilityDuplicateKey(bytes32 key);

    /// @notice A value outside the key's registry bounds (checked when queued; the registry checks again).
    error StabilityValueOutOfBounds(bytes32 key, uint256 value, uint256 min, uint256 max);

    /// @notice `approveKey` for a key of the `bpci.stability` module (never approvable).
    error StabilityKeyNotApprovable(bytes32 key);

    /// @notice `approveKey` past `MAX_APPROVED_KEYS` approved keys.
    error StabilityTooManyKeys(uint256 max);

    /// @notice A transition from a state that does not allow it.
    /// @param interventionId the intervention
    /// @param current its state
    /// @param allowed bitmap of the states that allow the transition
    error StabilityUnexpectedState(uint256 interventionId, InterventionState current, bytes32 allowed);

    /// @notice A track's feeds or fixed target changed.
    event TrackConfigured(Track indexed track, address price, address target, uint256 fixedTarget);

    /// @notice A key was added to (`approved`) or removed from the fast path's list.
    event KeyApproval(bytes32 indexed key, bool approved);

    /// @notice A check recorded a new level.
    /// @param previous the level recorded before
    /// @param level the level now
    /// @param aur AUR's deviation (bps, rounded up; 0 when Unknown)
    /// @param flx FLX's deviation
    /// @param nex NEX's deviation
    event LevelChanged(Level previous, Level level, uint256 aur, uint256 flx, uint256 nex);

    /// @notice An emergency episode began: `track` deviates by `deviationBps` above the emergency threshold.
    /// @param halted whether this check set the halt flag (false if it was already set, or the registry refused)
    event EmergencyEntered(Track indexed track, uint256 deviationBps, bool halted);

    /// @notice The emergency episode ended: every token reads below the emergency threshold. Minting stays halted
    /// until governance sets `bpci.stability.mintHalted` to 0.
    event EmergencyCleared();

    /// @notice An intervention was queued.
    event InterventionProposed(
        uint256 indexed interventionId,
        address indexed proposer,
        bytes32[] keys,
        uint256[] values,
        uint256 eta,
        uint256 expiresAt,
        Level level,
        string description
    );

    /// @notice An intervention's changes were written to the registry.
    event InterventionExecuted(uint256 indexed interventionId, address indexed executor);

    /// @notice An intervention was cancelled.
    event InterventionCancelled(uint256 indexed interventionId, address indexed canceller);

    /// @notice The role that queues interventions (the council Safe).
    function PROPOSER_ROLE() external view returns (bytes32);

    /// @notice The role that cancels queued interventions (the timelock and the guardian Safe).
    function CANCELLER_ROLE() external view returns (bytes32);

    /// @notice Most changes in one intervention (8).
    function MAX_CHANGES() external view returns (uint256);

    /// @notice Most approved keys (32).
    function MAX_APPROVED_KEYS() external view returns (uint256);

    /// @notice The registry read for thresholds and written by executed interventions and the halt.
    function registry() external view returns (address);

    /// @notice A track's configuration.
    function trackConfig(Track track) external view returns (TrackConfig memory);

    /// @notice One track's reading now (no state change).
    function reading(Track track) external view returns (Reading memory);

    /// @notice Everything at once: live level, recorded level, halt, thresholds and the three readings.
    function status() external view returns (Status memory);

    /// @notice Whether `key` may be changed through the fast path.
    function isApproved(bytes32 key) external view returns (bool);

    /// @notice The approved keys (at most `MAX_APPROVED_KEYS`).
    function approvedKeys() external view returns (bytes32[] memory);

    /// @notice How many interventions were ever proposed (ids run from 1).
    function interventionCount() external view returns (uint256);

    /// @notice An intervention. Reverts `StabilityUnexpectedState` for an unknown id.
    function getIntervention(uint256 interventionId) external view returns (Intervention memory);

    /// @notice An intervention's state (None for an unknown id).
    function interventionState(uint256 interventionId) external view returns (InterventionState);

    /// @notice Reads the feeds, records the level (emits `LevelChanged` when it moves), and on entering an emergency
    /// sets the halt flag (emits `EmergencyEntered`). Anyone (a keeper, the CLI, the bank agent).
    /// @return level the level now
    function check() external returns (Level level);

    /// @notice Queues an intervention; the fast path must be open now (a fresh check runs first). Only
    /// `PROPOSER_ROLE`. Reverts `StabilityNotDeviated`, `StabilityBadChanges`, `StabilityKeyNotApproved`,
    /// `StabilityDuplicateKey` or `StabilityValueOutOfBounds`.
    /// @param keys registry keys (approved, distinct, at most `MAX_CHANGES`)
    /// @param values their new values (within the registry bounds)
    /// @param description why (emitted; its hash stored)
    /// @return interventionId the new id
    function propose(
        bytes32[] calldata keys,
        uint256[] calldata values,
        string calldata description
    ) external returns (uint256 interventionId);

    /// @notice Writes an Executable intervention's changes to the registry (which applies its rate limits; a
    /// refusal reverts the whole execution and the intervention stays Executable). Anyone.
    function execute(uint256 interventionId) external;

    /// @notice Cancels a Queued or Executable intervention. Only `CANCELLER_ROLE`.
    function cancel(uint256 interventionId) external;

    /// @notice Sets a track's feeds or fixed target. Only `DEFAULT_ADMIN_ROLE` (the timelock).
    function configureTrack(Track track, TrackConfig calldata config) external;

    /// @notice Adds `key` to the fast path's list (`approved`) or removes it. Only `DEFAULT_ADMIN_ROLE`. The key must
    /// be defined in the registry (else the registry's `ParameterUnknown`) and must not belong to the `bpci.stability` module.
    function approveKey(bytes32 key, bool approved) external;
}
