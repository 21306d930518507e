// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorProposalGuardian} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {GovernorGuardianPause} from "./extensions/GovernorGuardianPause.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {GovernorTypedTimelockControl} from "./extensions/GovernorTypedTimelockControl.sol";
import {GovernorWeightedVotes} from "./extensions/GovernorWeightedVotes.sol";
import {IEconomyGovernor} from "./IEconomyGovernor.sol";
import {BPS} from "../utils/Constants.sol";

/// @title EconomyGovernor
/// @notice The kit's Governor: OZ Governor + Settings + CountingSimple + PreventLateQuorum + ProposalGuardian,
/// weighted multi-source votes, typed proposals with per-type quorum / approval / timelock delay, a bounded
/// guardian pause and an optional quadratic counting mode.
/// @dev Design:
/// - Quorum of proposal p = ceil(weightedSupply(snapshot) * quorumBps(type, snapshot) / 10000), where
///   weightedSupply is the weighted sum of getPastTotalSupply of all sources. Type configs are checkpointed,
///   so changing a quorum never revives a defeated proposal nor defeats a queued one (CVE-2022-31198).
/// - Success: forVotes * 10000 > approvalBps * (forVotes + againstVotes); 5000 is OZ's for > against.
/// - Quadratic mode (immutable): a voter with linear weighted votes v is counted as floor(sqrt(v)) for, against or
///   abstain; quorum compares the *linear* votes of for+abstain voters with the linear weighted supply, so a
///   quorum fraction means the same turnout in both modes. getVotes stays linear (and so does the proposal
///   threshold). Sybil caveat: splitting v over n addresses counts n*sqrt(v/n) = sqrt(n)*sqrt(v).
/// - Late quorum: OZ's GovernorPreventLateQuorum, but its (costly) quorum check only runs for votes cast inside
///   the last `lateQuorumVoteExtension` seconds before the deadline and only if quorum was not reached before the
///   vote; outside that window a vote can never extend the deadline, so the outcome equals OZ's.
/// - Pause (GovernorGuardianPause): blocks propose and queue, never voting, execution or cancelling; bounded and
///   self-expiring.
/// - Guardian replacement (SEC-08): the guardian cannot cancel a proposal whose every call is `setProposalGuardian`
///   on this governor, so it cannot veto its own replacement; bundling any other call makes a proposal cancellable
///   again, so the exemption cannot shield other actions. The guardian holds no timelock role (a timelock
///   canceller could cancel the queued replacement directly).
contract EconomyGovernor is
    GovernorSettings,
    GovernorCountingSimple,
    GovernorPreventLateQuorum,
    GovernorGuardianPause,
    GovernorTypedTimelockControl,
    GovernorWeightedVotes
{
    using Checkpoints for Checkpoints.Trace208;

    /// @notice Lowest quorum a type may have: 1% (SECURITY-CHECKLIST GOV-09 floor).
    uint256 public constant MIN_QUORUM_BPS = 100;
    /// @notice Longest per-type timelock delay: 30 days.
    uint256 public constant MAX_TYPE_DELAY = 30 days;

    /// @notice Constructor input.
    /// @param name EIP-712 name of the governor
    /// @param votingDelay seconds between propose and the snapshot (>= 1)
    /// @param votingPeriod seconds of voting
    /// @param proposalThreshold weighted (linear) votes needed to propose (> 0)
    /// @param lateQuorumExtension seconds of voting guaranteed after quorum is reached late
    /// @param timelock the TimelockController (minDelay = the shortest type delay)
    /// @param guardian the guardian Safe (may cancel and pause)
    /// @param pauseDuration seconds of a guardian pause (1 .. MAX_PAUSE_DURATION)
    /// @param quadratic quadratic counting mode (immutable)
    /// @param sources initial vote sources
    /// @param types configs of TechnicalUpgrade, EconomicParameter, TreasurySpending, EmergencyAction
    struct InitParams {
        string name;
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint48 lateQuorumExtension;
        TimelockController timelock;
        address guardian;
        uint32 pauseDuration;
        bool quadratic;
        VoteSource[] sources;
        TypeConfig[4] types;
    }

    bool private immutable _quadratic;

    /// @dev Full history per type (packed quorum | approval << 16 | delay << 32), read for old snapshots only.
    mapping(ProposalType proposalType => Checkpoints.Trace208) private _typeConfigs;
    /// @dev Hot copy of the four current configs, 52 bits each (quorum 14, approval 14, delay 24 bits; the bounds
    /// 10000 bps and 30 days fit), and in the top 48 bits the time of the last change of any type.
    uint256 private _typesPacked;
    /// @dev Only non-default types are stored (TechnicalUpgrade is 0), so plain `propose` writes nothing extra.
    mapping(uint256 proposalId => ProposalType) private _proposalTypes;
    /// @dev Quadratic mode only: linear weighted votes of for + abstain voters.
    mapping(uint256 proposalId => uint256) private _linearQuorumVotes;

    ProposalType private transient _proposingType;
    bool private transient _lateQuorumCheck;

    constructor(
        InitParams memory p
    )
        Governor(p.name)
        GovernorSettings(p.votingDelay, p.votingPeriod, p.proposalThreshold)
        GovernorPreventLateQuorum(p.lateQuorumExtension)
        GovernorGuardianPause(p.guardian, p.pauseDuration)
        GovernorTypedTimelockControl(p.timelock)
        GovernorWeightedVotes(p.sources)
    {
        _quadratic = p.quadratic;
        for (uint256 i = 0; i < 4; ++i) {
            _setTypeConfig(ProposalType(i), p.types[i]);
        }
    }

    // ------------------------------------------------------------------ proposing

    /// @notice IGovernor `propose`, typed as TechnicalUpgrade (the default type).
    function propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) public override returns (uint256) {
        return proposeWithType(targets, values, calldatas, description, ProposalType.TechnicalUpgrade);
    }

    /// @inheritdoc IEconomyGovernor
    function proposeWithType(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        ProposalType proposalType_
    ) public returns (uint256) {
        _requireNotPaused();
        _proposingType = proposalType_;
        // OZ's propose: `#proposer=` suffix check, proposal threshold, then `_propose` (below).
        return super.propose(targets, values, calldatas, description);
    }

    /// @dev Records the type chosen in `proposeWithType` (read from transient storage).
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        ++_proposalCounter;
        ProposalType t = _proposingType;
        if (t != ProposalType.TechnicalUpgrade) _proposalTypes[proposalId] = t;
        emit ProposalTyped(proposalId, t);
    }

    /// @dev Queue is blocked while paused.
    function queue(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public override returns (uint256) {
        _requireNotPaused();
        return super.queue(targets, values, calldatas, descriptionHash);
    }

    /// @notice IGovernor `cancel`, except that the guardian cannot cancel its own replacement (SEC-08): a
    /// proposal whose every call is `setProposalGuardian` on this governor.
    function cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public override returns (uint256) {
        // OZ's `cancel` (id, `_validateCancel`, `_cancel`) with the guardian check in front.
        uint256 proposalId = getProposalId(targets, values, calldatas, descriptionHash);
        address caller = _msgSender();
        if (caller == proposalGuardian()) {
            uint256 n = targets.length;
            bool replacesGuardian = n != 0 && n == calldatas.length;
            for (uint256 i = 0; i < n && replacesGuardian; ++i) {
                replacesGuardian =
                    targets[i] == address(this) &&
                    bytes4(calldatas[i]) == this.setProposalGuardian.selector;
            }
            if (replacesGuardian) revert EconomyGovernorGuardianCannotCancel(caller, proposalId);
        }
        if (!_validateCancel(proposalId, caller)) revert GovernorUnableToCancel(proposalId, caller);
        return _cancel(targets, values, calldatas, descriptionHash);
    }

    // ------------------------------------------------------------------ types and quorum

    /// @inheritdoc IEconomyGovernor
    function proposalCount() external view returns (uint256) {
        return _proposalCounter;
    }

    /// @inheritdoc IEconomyGovernor
    function proposalType(uint256 proposalId) public view returns (ProposalType) {
        return _proposalTypes[proposalId];
    }

    /// @inheritdoc IEconomyGovernor
    function typeConfig(ProposalType proposalType_) external view returns (TypeConfig memory) {
        return typeConfigAt(proposalType_, clock()); // the hot copy: the latest change is never in the future
    }

    /// @inheritdoc IEconomyGovernor
    function typeConfigAt(ProposalType proposalType_, uint256 timepoint) public view returns (TypeConfig memory) {
        uint256 packed = _typesPacked;
        if (timepoint >= packed >> 208) {
            uint256 c = packed >> (52 * uint256(proposalType_));
            return TypeConfig(uint16(c & 0x3fff), uint16((c >> 14) & 0x3fff), uint32((c >> 28) & 0xffffff));
        }
        return _unpack(_typeConfigs[proposalType_].upperLookupRecent(SafeCast.toUint48(timepoint)));
    }

    /// @inheritdoc IEconomyGovernor
    function setTypeConfig(ProposalType proposalType_, TypeConfig calldata config) external onlyGovernance {
        _setTypeConfig(proposalType_, config);
    }

    /// @notice Quorum of the default type (TechnicalUpgrade) at `timepoint`; a proposal's own quorum is
    /// `proposalQuorum(id)`.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        return _quorumFor(ProposalType.TechnicalUpgrade, timepoint);
    }

    /// @inheritdoc IEconomyGovernor
    function proposalQuorum(uint256 proposalId) public view returns (uint256) {
        return _quorumFor(_proposalTypes[proposalId], proposalSnapshot(proposalId));
    }

    /// @inheritdoc IEconomyGovernor
    function quorumVotes(uint256 proposalId) public view returns (uint256) {
        if (_quadratic) return _linearQuorumVotes[proposalId];
        (, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        return forVotes + abstainVotes;
    }

    /// @inheritdoc IEconomyGovernor
    function quadratic() external view returns (bool) {
        return _quadratic;
    }

    function _quorumReached(
        uint256 proposalId
    ) internal view override(Governor, GovernorCountingSimple) returns (bool) {
        return proposalQuorum(proposalId) <= quorumVotes(proposalId);
    }

    function _voteSucceeded(
        uint256 proposalId
    ) internal view override(Governor, GovernorCountingSimple) returns (bool) {
        (uint256 againstVotes, uint256 forVotes, ) = proposalVotes(proposalId);
        uint256 approval = typeConfigAt(_proposalTypes[proposalId], proposalSnapshot(proposalId)).approvalBps;
        return forVotes * BPS > approval * (forVotes + againstVotes);
    }

    function _proposalMinDelay(uint256 proposalId) internal view override returns (uint256) {
        return typeConfigAt(_proposalTypes[proposalId], proposalSnapshot(proposalId)).minDelay;
    }

    function _quorumFor(ProposalType t, uint256 timepoint) private view returns (uint256) {
        uint256 bps = typeConfigAt(t, timepoint).quorumBps;
        return Math.mulDiv(_weightedSupplyRaw(timepoint), bps, BPS * BPS, Math.Rounding.Ceil);
    }

    // ------------------------------------------------------------------ counting

    /// @dev Quadratic mode counts floor(sqrt(weight)); the late-quorum check is armed only inside the late window.
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal override(Governor, GovernorCountingSimple) returns (uint256) {
        if (clock() + lateQuorumVoteExtension() > proposalDeadline(proposalId)) {
            _lateQuorumCheck = !_quorumReached(proposalId);
        }
        if (_quadratic) {
            if (support != uint8(VoteType.Against)) _linearQuorumVotes[proposalId] += totalWeight;
            totalWeight = Math.sqrt(totalWeight);
        }
        return super._countVote(proposalId, account, support, totalWeight, params);
    }

    /// @dev Runs OZ's late-quorum logic only when `_countVote` armed it (see the contract's design note).
    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        if (_lateQuorumCheck) {
            _lateQuorumCheck = false;
            super._tallyUpdated(proposalId);
        }
    }

    // ------------------------------------------------------------------ settings sanity (GOV-09)

    function _setVotingDelay(uint48 newVotingDelay) internal override {
        if (newVotingDelay == 0) revert EconomyGovernorInvalidVotingDelay(newVotingDelay);
        super._setVotingDelay(newVotingDelay);
    }

    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        if (newProposalThreshold == 0) revert EconomyGovernorInvalidProposalThreshold(newProposalThreshold);
        super._setProposalThreshold(newProposalThreshold);
    }

    function _setTypeConfig(ProposalType t, TypeConfig memory c) private {
        if (
            c.quorumBps < MIN_QUORUM_BPS ||
            c.quorumBps > BPS ||
            c.approvalBps < BPS / 2 ||
            c.approvalBps >= BPS ||
            c.minDelay > MAX_TYPE_DELAY
        ) {
            revert EconomyGovernorInvalidTypeConfig(t, c.quorumBps, c.approvalBps, c.minDelay);
        }
        uint48 now_ = clock();
        TypeConfig memory old = typeConfigAt(t, now_); // the hot copy (all zero before the first config)
        _typeConfigs[t].push(now_, uint208(c.quorumBps) | (uint208(c.approvalBps) << 16) | (uint208(c.minDelay) << 32));
        uint256 shift = 52 * uint256(t);
        uint256 fields = uint256(c.quorumBps) | (uint256(c.approvalBps) << 14) | (uint256(c.minDelay) << 28);
        uint256 typesMask = (uint256(1) << 208) - 1;
        _typesPacked =
            (uint256(now_) << 208) |
            ((_typesPacked & typesMask & ~(uint256((1 << 52) - 1) << shift)) | (fields << shift));
        emit TypeConfigSet(t, old, c);
    }

    function _unpack(uint208 packed) private pure returns (TypeConfig memory) {
        return TypeConfig(uint16(packed), uint16(packed >> 16), uint32(packed >> 32));
    }

    // ------------------------------------------------------------------ OZ plumbing

    /// @dev The guardian may cancel any proposal (OZ GovernorProposalGuardian) but its replacement (`cancel`); the
    /// proposer while Pending.
    function _validateCancel(
        uint256 proposalId,
        address caller
    ) internal view override(Governor, GovernorProposalGuardian) returns (bool) {
        return super._validateCancel(proposalId, caller);
    }

    function state(
        uint256 proposalId
    ) public view override(Governor, GovernorTypedTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTypedTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function clock() public view override(Governor, GovernorWeightedVotes) returns (uint48) {
        return super.clock();
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public view override(Governor, GovernorWeightedVotes) returns (string memory) {
        return super.CLOCK_MODE();
    }

    function _getVotes(
        address account,
        uint256 timepoint,
        bytes memory params
    ) internal view override(Governor, GovernorWeightedVotes) returns (uint256) {
        return super._getVotes(account, timepoint, params);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTypedTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTypedTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTypedTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTypedTimelockControl) returns (address) {
        return super._executor();
    }
}
