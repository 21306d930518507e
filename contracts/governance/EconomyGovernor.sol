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
import {EconomyGovernorLib} from "./libraries/EconomyGovernorLib.sol";
import {EconomyVotes} from "./EconomyVotes.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {BPS} from "../utils/Constants.sol";

/// @title EconomyGovernor
/// @notice The kit's Governor: OZ Governor + Settings + CountingSimple + PreventLateQuorum + ProposalGuardian,
/// weighted multi-source votes, typed proposals with per-type quorum / approval / timelock delay, a bounded
/// guardian pause and an optional quadratic counting mode.
/// @dev Design:
/// - Quorum of proposal p = ceil(weightedSupply(snapshot) * quorumBps(type, snapshot) / 10000), where
///   weightedSupply is the weighted sum of getPastTotalSupply of all sources. Type configs are checkpointed,
///   so changing a quorum never revives a defeated proposal nor defeats a queued one (CVE-2022-31198).
/// - Success: forVotes * 10000 > approvalBps * (forVotes + againstVotes). A plain `propose` follows OZ's rule, so
///   a governance UI predicts its outcome from the standard ABI: approval 5000 (for > against) and quorum
///   `quorum(snapshot)` (the default type's quorum fraction); its timelock delay is the default type's. Only
///   `proposeWithType` proposals (any type, TechnicalUpgrade included) use their type's quorum and approval;
///   `proposalQuorum(id)` and `proposalApprovalBps(id)` give each proposal's rules.
/// - `token()`: an EconomyVotes view (deployed by the constructor) whose ERC-5805 reads equal this governor's
///   weighted votes; see EconomyVotes for what it does not emit.
/// - Enumeration: `proposalCount()` and `proposalIdAt(i)` / `proposalDetailsAt(i)` (one slot per proposal).
/// - Size: the cold paths (source registry writes, type config writes, `voteSources`) live in EconomyGovernorLib.
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
    uint256 public constant MIN_QUORUM_BPS = EconomyGovernorLib.MIN_QUORUM_BPS;
    /// @notice Longest per-type timelock delay: 30 days.
    uint256 public constant MAX_TYPE_DELAY = EconomyGovernorLib.MAX_TYPE_DELAY;

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
    IERC5805 private immutable _token;

    /// @dev Type configs: full history per type (old snapshots) and a hot copy of the four current configs
    /// (written by EconomyGovernorLib.setTypeConfig; the bounds 10000 bps and 30 days fit the packed fields).
    EconomyGovernorLib.Types private _types;
    /// @dev Only `proposeWithType` proposals are stored, as type + 1; 0 is a plain `propose` (OZ's rules).
    mapping(uint256 proposalId => uint8 typeCode) private _proposalTypes;
    /// @dev Proposal ids by creation index (enumeration).
    mapping(uint256 index => uint256 proposalId) private _proposalIds;
    /// @dev Quadratic mode only: linear weighted votes of for + abstain voters.
    mapping(uint256 proposalId => uint256) private _linearQuorumVotes;

    uint8 private transient _proposingCode;
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
            EconomyGovernorLib.setTypeConfig(_types, ProposalType(i), p.types[i]);
        }
        string memory symbol = "VOTES";
        try IERC20Metadata(address(p.sources[0].token)).symbol() returns (string memory s) {
            symbol = string.concat("v", s);
        } catch {} // solhint-disable-line no-empty-blocks
        _token = new EconomyVotes(IEconomyGovernor(address(this)), string.concat(p.name, " votes"), symbol);
    }

    // ------------------------------------------------------------------ proposing

    /// @notice IGovernor `propose` with OpenZeppelin's rules: quorum `quorum(snapshot)` (for + abstain), success
    /// if for > against; the timelock delay is the default type's (TechnicalUpgrade). Emits no `ProposalTyped`.
    function propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) public override returns (uint256) {
        return _proposeCoded(targets, values, calldatas, description, 0);
    }

    /// @inheritdoc IEconomyGovernor
    function proposeWithType(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        ProposalType proposalType_
    ) public returns (uint256) {
        return _proposeCoded(targets, values, calldatas, description, uint8(proposalType_) + 1);
    }

    /// @dev `code` is 0 for a plain proposal, type + 1 for a typed one.
    function _proposeCoded(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        uint8 code
    ) private returns (uint256) {
        _requireNotPaused();
        _proposingCode = code;
        // OZ's propose: `#proposer=` suffix check, proposal threshold, then `_propose` (below).
        return super.propose(targets, values, calldatas, description);
    }

    /// @dev Records the proposal's index and the type chosen in `proposeWithType` (read from transient storage).
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        _proposalIds[_proposalCounter++] = proposalId;
        uint8 code = _proposingCode;
        if (code != 0) {
            _proposalTypes[proposalId] = code;
            emit ProposalTyped(proposalId, ProposalType(code - 1));
        }
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
    function proposalIdAt(uint256 index) public view returns (uint256) {
        uint256 count = _proposalCounter;
        if (index >= count) revert EconomyGovernorProposalIndexOutOfRange(index, count);
        return _proposalIds[index];
    }

    /// @inheritdoc IEconomyGovernor
    function proposalDetailsAt(uint256 index) external view returns (ProposalDetails memory d) {
        uint256 id = proposalIdAt(index);
        uint8 code = _proposalTypes[id];
        uint256 snapshot = proposalSnapshot(id);
        return
            ProposalDetails(
                id,
                snapshot,
                proposalDeadline(id),
                snapshot < clock() ? proposalQuorum(id) : 0,
                proposalApprovalBps(id),
                proposalProposer(id),
                ProposalType(code == 0 ? 0 : code - 1),
                code != 0
            );
    }

    /// @inheritdoc IEconomyGovernor
    function token() external view returns (IERC5805) {
        return _token;
    }

    /// @inheritdoc IEconomyGovernor
    function proposalType(uint256 proposalId) public view returns (ProposalType) {
        uint8 code = _proposalTypes[proposalId];
        return ProposalType(code == 0 ? 0 : code - 1);
    }

    /// @inheritdoc IEconomyGovernor
    function proposalApprovalBps(uint256 proposalId) public view returns (uint256) {
        uint8 code = _proposalTypes[proposalId];
        if (code == 0) return BPS / 2;
        return typeConfigAt(ProposalType(code - 1), proposalSnapshot(proposalId)).approvalBps;
    }

    /// @inheritdoc IEconomyGovernor
    function typeConfig(ProposalType proposalType_) external view returns (TypeConfig memory) {
        return typeConfigAt(proposalType_, clock()); // the hot copy: the latest change is never in the future
    }

    /// @inheritdoc IEconomyGovernor
    function typeConfigAt(ProposalType proposalType_, uint256 timepoint) public view returns (TypeConfig memory) {
        uint256 packed = _types.packed;
        if (timepoint >= packed >> 208) {
            uint256 c = packed >> (52 * uint256(proposalType_));
            return TypeConfig(uint16(c & 0x3fff), uint16((c >> 14) & 0x3fff), uint32((c >> 28) & 0xffffff));
        }
        uint208 old = _types.history[proposalType_].upperLookupRecent(SafeCast.toUint48(timepoint));
        return TypeConfig(uint16(old), uint16(old >> 16), uint32(old >> 32));
    }

    /// @inheritdoc IEconomyGovernor
    function setTypeConfig(ProposalType proposalType_, TypeConfig calldata config) external onlyGovernance {
        EconomyGovernorLib.setTypeConfig(_types, proposalType_, config);
    }

    /// @notice The quorum a plain `propose` proposal with snapshot `timepoint` needs (for + abstain votes): the
    /// default type's (TechnicalUpgrade) quorum fraction of the weighted supply. A `proposeWithType` proposal
    /// needs its own type's quorum: `proposalQuorum(id)`.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        return _quorumFor(ProposalType.TechnicalUpgrade, timepoint);
    }

    /// @inheritdoc IEconomyGovernor
    function proposalQuorum(uint256 proposalId) public view returns (uint256) {
        return _quorumFor(proposalType(proposalId), proposalSnapshot(proposalId));
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
        return forVotes * BPS > proposalApprovalBps(proposalId) * (forVotes + againstVotes);
    }

    function _proposalMinDelay(uint256 proposalId) internal view override returns (uint256) {
        return typeConfigAt(proposalType(proposalId), proposalSnapshot(proposalId)).minDelay;
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
