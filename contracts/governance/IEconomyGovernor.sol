// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// @title IEconomyGovernor
/// @notice The kit's additions to the OpenZeppelin Governor ABI (which stays unchanged, so Tally and similar
/// tools work by pasting the address): weighted vote sources, typed proposals with their own quorum,
/// approval threshold and minimum timelock delay, a guardian pause, and an optional quadratic counting mode.
/// @dev Powers:
/// - governance (`onlyGovernance`, i.e. an executed proposal through the timelock): `setVoteSource`,
///   `setTypeConfig`, `setPauseDuration`, `unpause`, and the OZ setters (voting delay/period, threshold,
///   late-quorum extension, proposal guardian, timelock);
/// - guardian (a Safe, `proposalGuardian()`): cancel any proposal that is not executed, expired or cancelled,
///   except one whose every call is `setProposalGuardian` on this governor (its own replacement, SEC-08);
///   `pause` (bounded duration, then a cooldown of the same length) and `unpause`. The guardian can never
///   execute, queue or move funds, and holds no timelock role.
/// Warning: the proposal type is chosen by the proposer and does not restrict the proposal's calls. Voters must
/// vote against a proposal whose type does not match its actions (for example a treasury spend typed as
/// EmergencyAction to get the shorter delay); the event `ProposalTyped` and `proposalType(id)` show the type.
/// Plain `propose` follows OpenZeppelin's rules (quorum `quorum(snapshot)`, for > against) so that governance UIs
/// predict its outcome; it takes the timelock delay of TechnicalUpgrade, the longest in the shipped configuration.
interface IEconomyGovernor {
    /// @notice The four proposal types; plain `propose` uses `TechnicalUpgrade` (the enum's zero value).
    enum ProposalType {
        TechnicalUpgrade,
        EconomicParameter,
        TreasurySpending,
        EmergencyAction
    }

    /// @notice Requirements of one proposal type, read at the proposal's snapshot (not retroactive).
    /// @param quorumBps quorum as a fraction of the weighted past total supply, in basis points (10000 = 100%)
    /// @param approvalBps share of for-votes among for+against votes that must be exceeded, in basis points
    /// (5000 = simple majority: for > against)
    /// @param minDelay minimum timelock delay in seconds; the proposal is scheduled with
    /// max(minDelay, timelock.getMinDelay())
    struct TypeConfig {
        uint16 quorumBps;
        uint16 approvalBps;
        uint32 minDelay;
    }

    /// @notice One source of voting power.
    /// @param token any ERC-5805 token on a timestamp clock (QUIV, staked QUIV, BPCI tokens)
    /// @param weightBps multiplier in basis points (10000 = 1x, 100000 = 10x); 0 disables the source
    /// @param wrapsFirst true if the token's supply is the first source's token held by the token contract (staked
    /// QUIV is QUIV held by ProviderStaking): the quorum base then counts that supply once, at this source's weight
    /// instead of the first source's (SEC-10). Fixed when the source is registered; never true for the first source.
    struct VoteSource {
        IERC5805 token;
        uint32 weightBps;
        bool wrapsFirst;
    }

    /// @notice One proposal as a dashboard lists it (`proposalDetailsAt`); targets, values, calldatas and the
    /// description are in its `ProposalCreated` event.
    /// @param proposalId the IGovernor proposal id
    /// @param snapshot vote snapshot (unix seconds)
    /// @param deadline voting deadline (unix seconds, late-quorum extension included)
    /// @param quorum votes (for + abstain) it needs: `proposalQuorum(id)`; 0 until the snapshot is past (the
    /// snapshot's supply is not known while the proposal is Pending)
    /// @param approvalBps share of for among for + against it must exceed: `proposalApprovalBps(id)`
    /// @param proposer who proposed
    /// @param proposalType its type (TechnicalUpgrade for a plain `propose`, whose delay it takes)
    /// @param typed true if created by `proposeWithType` (its type's quorum and approval apply), false for a plain
    /// `propose` (OpenZeppelin's rules: `quorum(snapshot)`, approval 5000)
    // solhint-disable-next-line gas-struct-packing
    struct ProposalDetails {
        uint256 proposalId;
        uint256 snapshot;
        uint256 deadline;
        uint256 quorum;
        uint256 approvalBps;
        address proposer;
        ProposalType proposalType;
        bool typed;
    }

    /// @notice No proposal at creation index `index`: only `count` proposals exist.
    error EconomyGovernorProposalIndexOutOfRange(uint256 index, uint256 count);
    /// @notice The governor is paused: propose and queue are blocked until `pausedUntil`.
    /// @param caller who tried
    /// @param pausedUntil unix seconds when the pause ends by itself
    error EconomyGovernorPaused(address caller, uint256 pausedUntil);
    /// @notice Only the guardian may call this.
    error EconomyGovernorNotGuardian(address caller, address guardian);
    /// @notice The guardian paused recently; it may pause again only from `availableAt` (unix seconds).
    error EconomyGovernorPauseCooldown(address caller, uint256 availableAt);
    /// @notice A pause duration of zero or above `max` seconds.
    error EconomyGovernorInvalidPauseDuration(uint256 duration, uint256 max);
    /// @notice A type config out of bounds: quorum in [MIN_QUORUM_BPS, 10000], approval in [5000, 10000),
    /// delay at most MAX_TYPE_DELAY.
    error EconomyGovernorInvalidTypeConfig(
        ProposalType proposalType,
        uint256 quorumBps,
        uint256 approvalBps,
        uint256 minDelay
    );
    /// @notice A vote source that is the zero address, does not use the timestamp clock, is the first source
    /// with `wrapsFirst`, or is re-registered with a different `wrapsFirst`.
    error EconomyGovernorInvalidSource(address token);
    /// @notice A source weight above `maxWeightBps`.
    error EconomyGovernorInvalidWeight(address token, uint256 weightBps, uint256 maxWeightBps);
    /// @notice Registering one more source would exceed `max` sources.
    error EconomyGovernorTooManySources(uint256 count, uint256 max);
    /// @notice A voting delay of zero (flash-loan protection needs a snapshot strictly before voting starts).
    error EconomyGovernorInvalidVotingDelay(uint256 votingDelay);
    /// @notice A proposal threshold of zero (spam protection, SECURITY-CHECKLIST GOV-09).
    error EconomyGovernorInvalidProposalThreshold(uint256 threshold);
    /// @notice The guardian may not cancel its own replacement: a proposal whose every call is
    /// `setProposalGuardian` on this governor (SEC-08).
    /// @param guardian the caller (the current guardian)
    /// @param proposalId the protected proposal
    error EconomyGovernorGuardianCannotCancel(address guardian, uint256 proposalId);

    /// @notice A vote source was added or its weight changed; effective for proposals whose snapshot is at or
    /// after this block's timestamp.
    event VoteSourceSet(address indexed token, uint256 oldWeightBps, uint256 newWeightBps);
    /// @notice A proposal type's requirements changed (effective for snapshots at or after now).
    event TypeConfigSet(ProposalType indexed proposalType, TypeConfig oldConfig, TypeConfig newConfig);
    /// @notice Emitted with the `ProposalCreated` of every `proposeWithType` proposal: its type (a plain `propose`
    /// emits none).
    event ProposalTyped(uint256 indexed proposalId, ProposalType indexed proposalType);
    /// @notice The guardian paused the governor until `pausedUntil` (unix seconds).
    event GovernorPaused(address indexed guardian, uint256 pausedUntil);
    /// @notice The pause was lifted early by governance or the guardian.
    event GovernorUnpaused(address indexed by);
    /// @notice The pause duration (seconds) changed.
    event PauseDurationSet(uint256 oldDuration, uint256 newDuration);

    /// @notice Like `propose`, with an explicit type. Same checks as `propose`: the `#proposer=0x...`
    /// description suffix (front-running protection), the proposal threshold, and the pause.
    /// @return proposalId the IGovernor proposal id (independent of the type)
    function proposeWithType(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        ProposalType proposalType
    ) external returns (uint256 proposalId);

    /// @notice Number of proposals ever created (cancelled and defeated ones included), for dashboards
    /// (`QuiverMetrics.governanceProposals`); indexes 0 .. count - 1 of `proposalIdAt` / `proposalDetailsAt`.
    function proposalCount() external view returns (uint256);

    /// @notice Id of the proposal created `index`-th (0-based, creation order). Reverts
    /// `EconomyGovernorProposalIndexOutOfRange` for `index >= proposalCount()`.
    function proposalIdAt(uint256 index) external view returns (uint256);

    /// @notice The proposal created `index`-th with its rules (see `ProposalDetails`). Reverts like `proposalIdAt`.
    function proposalDetailsAt(uint256 index) external view returns (ProposalDetails memory);

    /// @notice The ERC-5805 voting-power token of this governor (an EconomyVotes view): its `getPastVotes(a, t)`
    /// equals `getVotes(a, t)`, its `getPastTotalSupply(t)` equals `weightedPastTotalSupply(t)`. For governance
    /// UIs that read the electorate from `token()`; it emits no events (see EconomyVotes).
    function token() external view returns (IERC5805);

    /// @notice The type of `proposalId`: the one given to `proposeWithType`, TechnicalUpgrade for a plain `propose`
    /// (and for unknown ids). Whether the type's quorum and approval apply: `proposalDetailsAt(i).typed`.
    function proposalType(uint256 proposalId) external view returns (ProposalType);

    /// @notice The quorum `proposalId` must reach, in weighted votes: its type's quorum at its snapshot; for a plain
    /// `propose` that is `quorum(snapshot)`.
    function proposalQuorum(uint256 proposalId) external view returns (uint256);

    /// @notice The approval threshold of `proposalId` in basis points: it succeeds if for * 10000 > approvalBps *
    /// (for + against). 5000 (for > against, OpenZeppelin's rule) for a plain `propose` and unknown ids, its type's
    /// approval at its snapshot for a `proposeWithType` proposal.
    function proposalApprovalBps(uint256 proposalId) external view returns (uint256);

    /// @notice Votes counted towards quorum so far: for + abstain (in quadratic mode, the linear weighted
    /// votes of the for and abstain voters, not their square roots).
    function quorumVotes(uint256 proposalId) external view returns (uint256);

    /// @notice Current requirements of a type.
    function typeConfig(ProposalType proposalType) external view returns (TypeConfig memory);

    /// @notice Requirements of a type as they were at `timepoint` (unix seconds).
    function typeConfigAt(ProposalType proposalType, uint256 timepoint) external view returns (TypeConfig memory);

    /// @notice Sets a type's requirements. Only governance.
    function setTypeConfig(ProposalType proposalType, TypeConfig calldata config) external;

    /// @notice Every registered source with its current weight (disabled sources have weight 0).
    function voteSources() external view returns (VoteSource[] memory);

    /// @notice Weight in basis points of `token` at `timepoint` (0 if it was not a source then).
    function sourceWeightAt(address token, uint256 timepoint) external view returns (uint256);

    /// @notice Adds a source or changes its weight (0 disables it). Only governance. At most MAX_SOURCES
    /// distinct tokens can ever be registered.
    /// @param token the ERC-5805 token
    /// @param weightBps new weight in basis points
    /// @param wrapsFirst see `VoteSource.wrapsFirst`; must equal the flag the source was registered with
    function setVoteSource(address token, uint32 weightBps, bool wrapsFirst) external;

    /// @notice The quorum base: sum over sources of weight x getPastTotalSupply(timepoint), minus, for each source
    /// with `wrapsFirst`, the first source's weight x that source's past supply (the wrapped tokens are in the
    /// first source's supply too, so each token is counted once, at its wrapper's weight), floored at 0; in
    /// weighted votes, rounded down.
    /// @dev Warning: tokens that can never vote (held by the treasury, the emission, marketplace, channel and
    /// dispute contracts, unbonding stake) are still in the base; see the README for the effective quorum.
    function weightedPastTotalSupply(uint256 timepoint) external view returns (uint256);

    /// @notice True if votes are counted quadratically (fixed at deployment).
    /// @dev Warning (sybil): in quadratic mode each address counts sqrt(its weighted votes), so splitting a
    /// holding across n addresses multiplies its counted weight by sqrt(n). Quadratic mode is only meaningful
    /// with sybil-resistant vote sources (one identity per address).
    function quadratic() external view returns (bool);

    /// @notice Pauses propose and queue for `pauseDuration()` seconds. Only the guardian, at most once per
    /// cooldown (the guardian may pause again only `pauseDuration()` after the previous pause ended).
    function pause() external;

    /// @notice Lifts the pause. Governance or the guardian.
    function unpause() external;

    /// @notice Unix seconds until which propose and queue are paused (in the past when not paused).
    function pausedUntil() external view returns (uint256);

    /// @notice Unix seconds from which the guardian may pause again.
    function pauseAvailableAt() external view returns (uint256);

    /// @notice Length of a guardian pause in seconds.
    function pauseDuration() external view returns (uint256);

    /// @notice Sets the pause length (1 s .. MAX_PAUSE_DURATION). Only governance.
    function setPauseDuration(uint32 duration) external;
}
