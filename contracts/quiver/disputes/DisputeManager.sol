// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IDisputeManager} from "./IDisputeManager.sol";
import {IInferenceMarketplace} from "../market/IInferenceMarketplace.sol";
import {IStakingHooks} from "../../staking/IStakingHooks.sol";
import {QuiverParams} from "../QuiverParams.sol";
import {MarketMath} from "../market/MarketMath.sol";
import {ValidatorSet} from "./ValidatorSet.sol";
import {ChallengerRewardSplitter} from "./ChallengerRewardSplitter.sol";
import {BPS} from "../../utils/Constants.sol";
import {StateBitmap} from "../../utils/StateBitmap.sol";
import {JobId, CaseId} from "../../types/Ids.sol";

/// @title DisputeManager
/// @notice Receipt challenges decided by commit-reveal votes of a drawn committee, with one appeal to governance.
/// @dev Money held: validator stakes (`_totalValidatorStake`), open challenger and appeal bonds (`_totalBonds`),
/// allocated and unclaimed voter rewards (`_unclaimedRewards`) and the reward pool (`_rewardPool`); the token
/// balance equals their sum exactly (invariant DSP_CONSERVATION). An outcome moves value only between these
/// buckets and out (bonds back, provider leg, burn, claimed rewards). The slash's challenger leg never passes
/// through here: ProviderStaking pays it to the only challenger or to a ChallengerRewardSplitter clone. The
/// reward per voter rounds down and its dust stays in the pool. Dispute terms are copied into the dispute
/// when it opens (DSP-04). One dispute per job (SEC-01): `disputeIdOf(jobId)`, one slash case, one snapshot.
contract DisputeManager is ValidatorSet {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @inheritdoc IDisputeManager
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @inheritdoc IDisputeManager
    uint256 public constant MAX_CHALLENGERS = 8; // challengers per dispute; bounds the bond loops

    /// @dev Side of a revealed vote.
    uint8 private constant _UP = 1;
    uint8 private constant _DOWN = 2;

    struct Vote {
        bytes32 commitment;
        uint8 side;
        bool settled;
        bool member;
    }

    /// @dev Allowed-state bitmaps of more than one state, built once with StateBitmap.encode in the constructor
    /// (an immutable read costs as little as a literal; a bitmap built per call would not).
    bytes32 private immutable _afterReveal; // Tally .. Final: a missing reveal can be penalised
    bytes32 private immutable _afterCommit; // Reveal and _afterReveal: a missing commit can be penalised
    bytes32 private immutable _ruleable; // Appealed | AppealExpired: governance may rule
    bytes32 private immutable _finalizable; // Finalizable | AppealExpired: anyone may finalize

    IStakingHooks private immutable _staking;
    IInferenceMarketplace private immutable _market;
    address private immutable _splitterImpl;

    mapping(bytes32 disputeId => Dispute) private _disputes;
    mapping(bytes32 disputeId => mapping(address validator => Vote)) private _votes;
    /// @dev Challengers who joined after the opener (the opener is `Dispute.challenger`, its evidence
    /// `Dispute.evidenceHash`: the common single-challenger dispute writes neither of these).
    mapping(bytes32 disputeId => address[]) private _joiners;
    mapping(bytes32 disputeId => mapping(address joiner => bytes32 evidenceHash)) private _evidence;
    uint256 private _totalBonds;
    uint256 private _unclaimedRewards;
    uint256 private _rewardPool;

    /// @param admin DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE (the deployer; handed to the timelock later)
    /// @param token_ QUIV (stakes, bonds, rewards; burnable)
    /// @param registry_ the ParameterRegistry
    /// @param staking_ ProviderStaking (this contract needs its SLASHER_ROLE)
    /// @param market_ the InferenceMarketplace (this contract needs its DISPUTE_ROLE)
    constructor(
        address admin,
        address token_,
        address registry_,
        address staking_,
        address market_
    ) ValidatorSet(token_, registry_) {
        if (admin == address(0) || staking_ == address(0) || market_ == address(0)) revert DisputeZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
        _staking = IStakingHooks(staking_);
        _market = IInferenceMarketplace(market_);
        _splitterImpl = address(new ChallengerRewardSplitter());
        bytes32 afterReveal =
            _encodeStateBitmap(DisputeState.Tally) |
                _encodeStateBitmap(DisputeState.Decided) |
                _encodeStateBitmap(DisputeState.Finalizable) |
                _encodeStateBitmap(DisputeState.Appealed) |
                _encodeStateBitmap(DisputeState.AppealExpired) |
                _encodeStateBitmap(DisputeState.Final);
        _afterReveal = afterReveal;
        _afterCommit = afterReveal | _encodeStateBitmap(DisputeState.Reveal);
        _ruleable = _encodeStateBitmap(DisputeState.Appealed) | _encodeStateBitmap(DisputeState.AppealExpired);
        _finalizable = _encodeStateBitmap(DisputeState.Finalizable) | _encodeStateBitmap(DisputeState.AppealExpired);
    }

    /// @inheritdoc IDisputeManager
    function attest(uint256 jobId, uint8 score) external {
        _requireVoter(msg.sender);
        (, , uint64 submittedAt, ) = _market.disputeTarget(jobId);
        _recordAttestation(jobId, score, submittedAt != 0);
    }

    /// @inheritdoc IDisputeManager
    function challenge(uint256 jobId, bytes32 evidenceHash) external nonReentrant returns (bytes32 disputeId) {
        if (evidenceHash == bytes32(0)) revert DisputeZeroEvidence(jobId);
        disputeId = disputeIdOf(jobId);
        Dispute storage d = _disputes[disputeId];
        if (d.status == DisputeStatus.None) {
            (address provider, address consumer, uint64 submittedAt, ) = _market.disputeTarget(jobId);
            uint256 windowEnds = uint256(submittedAt) + _param(QuiverParams.DISPUTE_WINDOW);
            if (submittedAt == 0 || block.timestamp >= windowEnds) {
                revert DisputeWindowClosed(jobId, submittedAt, windowEnds, block.timestamp);
            }
            if (msg.sender == provider) revert DisputeConflictOfInterest(disputeId, msg.sender);
            _writeTerms(d, jobId, provider, evidenceHash);
            _totalBonds += d.bond;
            _openCase(disputeId, d, submittedAt, consumer);
        } else {
            // Joining the open incident: allowed during its Commit phase, even after the dispute window, so a
            // late sybil opener cannot shut honest challengers out.
            _validateStateBitmap(disputeId, d, _encodeStateBitmap(DisputeState.Commit));
            if (msg.sender == d.provider || _votes[disputeId][msg.sender].member) {
                revert DisputeConflictOfInterest(disputeId, msg.sender);
            }
            _addJoiner(disputeId, d, evidenceHash);
            emit ChallengerJoined(disputeId, msg.sender, d.bond, evidenceHash, d.challengerCount);
        }
        _token.safeTransferFrom(msg.sender, address(this), d.bond);
    }

    /// @inheritdoc IDisputeManager
    function commitVote(bytes32 disputeId, bytes32 commitment) external {
        Dispute storage d = _disputes[disputeId];
        _validateStateBitmap(disputeId, d, _encodeStateBitmap(DisputeState.Commit));
        Vote storage v = _votes[disputeId][msg.sender];
        if (!v.member) {
            (, address consumer, , ) = _market.disputeTarget(JobId.unwrap(d.jobId));
            if (msg.sender == d.provider || msg.sender == consumer || _isChallenger(disputeId, d, msg.sender)) {
                revert DisputeConflictOfInterest(disputeId, msg.sender);
            }
            revert DisputeNotCommitteeMember(disputeId, msg.sender);
        }
        if (commitment == bytes32(0)) revert DisputeNoCommitment(disputeId, msg.sender);
        if (v.commitment != bytes32(0)) revert DisputeAlreadyCommitted(disputeId, msg.sender);
        v.commitment = commitment;
        emit VoteCommitted(disputeId, msg.sender);
    }

    /// @inheritdoc IDisputeManager
    function revealVote(bytes32 disputeId, bool upheld, bytes32 salt) external {
        Dispute storage d = _disputes[disputeId];
        _validateStateBitmap(disputeId, d, _encodeStateBitmap(DisputeState.Reveal));
        Vote storage v = _votes[disputeId][msg.sender];
        if (v.commitment == bytes32(0)) revert DisputeNoCommitment(disputeId, msg.sender);
        if (v.side != 0) revert DisputeVoteSettled(disputeId, msg.sender);
        if (voteCommitment(disputeId, msg.sender, upheld, salt) != v.commitment) {
            revert DisputeVoteMismatch(disputeId, msg.sender);
        }
        v.side = upheld ? _UP : _DOWN;
        if (upheld) d.upVotes += 1;
        else d.downVotes += 1;
        _validators[msg.sender].openCommits -= 1;
        emit VoteRevealed(disputeId, msg.sender, upheld);
    }

    /// @inheritdoc IDisputeManager
    function resolve(bytes32 disputeId) external {
        Dispute storage d = _disputes[disputeId];
        _validateStateBitmap(disputeId, d, _encodeStateBitmap(DisputeState.Tally));
        Outcome outcome = MarketMath.tally(d.upVotes, d.downVotes, d.quorum, d.majorityBps);
        d.outcome = outcome;
        d.status = DisputeStatus.Decided;
        d.decidedAt = uint64(block.timestamp);
        emit DisputeDecided(disputeId, outcome, d.upVotes, d.downVotes);
    }

    /// @inheritdoc IDisputeManager
    function appeal(bytes32 disputeId) external nonReentrant {
        Dispute storage d = _disputes[disputeId];
        _validateStateBitmap(disputeId, d, _encodeStateBitmap(DisputeState.Decided));
        Outcome decided = d.outcome;
        // Only the party the decided outcome costs stake or bond (SEC-03).
        bool loser =
            decided == Outcome.Upheld
                ? msg.sender == d.provider
                : decided == Outcome.Rejected && _isChallenger(disputeId, d, msg.sender);
        if (!loser) revert DisputeNotAppellant(disputeId, msg.sender, decided);
        uint256 bond = d.appealBond;
        d.status = DisputeStatus.Appealed;
        d.appealedAt = uint64(block.timestamp);
        d.appellant = msg.sender;
        _totalBonds += bond;
        emit DisputeAppealed(disputeId, msg.sender, bond);
        _token.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc IDisputeManager
    function ruleAppeal(bytes32 disputeId, Outcome ruling) external nonReentrant onlyRole(GOVERNANCE_ROLE) {
        Dispute storage d = _disputes[disputeId];
        _validateStateBitmap(disputeId, d, _ruleable);
        if (ruling == Outcome.None) revert DisputeInvalidRuling(disputeId);
        emit AppealRuled(disputeId, d.outcome, ruling);
        _apply(disputeId, d, ruling);
    }

    /// @inheritdoc IDisputeManager
    function finalize(bytes32 disputeId) external nonReentrant {
        Dispute storage d = _disputes[disputeId];
        _validateStateBitmap(disputeId, d, _finalizable);
        _apply(disputeId, d, d.outcome);
    }

    /// @inheritdoc IDisputeManager
    function claimVoterReward(bytes32 disputeId) external nonReentrant {
        Dispute storage d = _disputes[disputeId];
        _validateStateBitmap(disputeId, d, _encodeStateBitmap(DisputeState.Final));
        Vote storage v = _votes[disputeId][msg.sender];
        if (v.settled) revert DisputeVoteSettled(disputeId, msg.sender);
        uint8 winning = d.outcome == Outcome.Upheld ? _UP : (d.outcome == Outcome.Rejected ? _DOWN : 0);
        uint256 amount = d.rewardPerVoter;
        if (winning == 0 || v.side != winning || amount == 0) revert DisputeNoReward(disputeId, msg.sender);
        v.settled = true;
        _unclaimedRewards -= amount;
        emit VoterRewarded(disputeId, msg.sender, amount);
        _token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IDisputeManager
    function penalizeNonReveal(bytes32 disputeId, address validator) external {
        Dispute storage d = _disputes[disputeId];
        _validateStateBitmap(disputeId, d, _afterReveal);
        Vote storage v = _votes[disputeId][validator];
        if (v.commitment == bytes32(0)) revert DisputeNoCommitment(disputeId, validator);
        if (v.side != 0 || v.settled) revert DisputeVoteSettled(disputeId, validator);
        _penalizeVote(disputeId, d, v, validator);
    }

    /// @inheritdoc IDisputeManager
    function penalizeNonCommit(bytes32 disputeId, address validator) external {
        Dispute storage d = _disputes[disputeId];
        _validateStateBitmap(disputeId, d, _afterCommit);
        Vote storage v = _votes[disputeId][validator];
        if (!v.member) revert DisputeNotCommitteeMember(disputeId, validator);
        if (v.commitment != bytes32(0)) revert DisputeAlreadyCommitted(disputeId, validator);
        if (v.settled) revert DisputeVoteSettled(disputeId, validator);
        _penalizeVote(disputeId, d, v, validator);
    }

    /// @inheritdoc IDisputeManager
    function fundRewardPool(uint256 amount) external nonReentrant {
        if (amount == 0) revert DisputeZeroAmount();
        uint256 pool = _rewardPool + amount;
        _rewardPool = pool;
        emit RewardPoolFunded(msg.sender, amount, pool);
        _token.safeTransferFrom(msg.sender, address(this), amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDisputeManager
    function state(bytes32 disputeId) external view returns (DisputeState) {
        return _state(_disputes[disputeId]);
    }

    /// @inheritdoc IDisputeManager
    function getDispute(bytes32 disputeId) external view returns (Dispute memory) {
        return _disputes[disputeId];
    }

    /// @inheritdoc IDisputeManager
    function voteOf(
        bytes32 disputeId,
        address validator
    ) external view returns (bytes32 commitment, uint8 side, bool settled) {
        Vote storage v = _votes[disputeId][validator];
        return (v.commitment, v.side, v.settled);
    }

    /// @inheritdoc IDisputeManager
    function disputeIdOf(uint256 jobId) public pure returns (bytes32) {
        return keccak256(abi.encode(jobId));
    }

    /// @inheritdoc IDisputeManager
    function challengersOf(bytes32 disputeId) external view returns (address[] memory all) {
        Dispute storage d = _disputes[disputeId];
        if (d.status == DisputeStatus.None) return all;
        address[] storage joiners = _joiners[disputeId];
        uint256 n = joiners.length;
        all = new address[](n + 1);
        all[0] = d.challenger;
        for (uint256 i; i < n; ++i) all[i + 1] = joiners[i];
    }

    /// @inheritdoc IDisputeManager
    function evidenceOf(bytes32 disputeId, address challenger) external view returns (bytes32) {
        Dispute storage d = _disputes[disputeId];
        if (d.status != DisputeStatus.None && challenger == d.challenger) return d.evidenceHash;
        return _evidence[disputeId][challenger];
    }

    /// @inheritdoc IDisputeManager
    function isCommitteeMember(bytes32 disputeId, address validator) external view returns (bool) {
        return _votes[disputeId][validator].member;
    }

    /// @inheritdoc IDisputeManager
    function voteCommitment(
        bytes32 disputeId,
        address validator,
        bool upheld,
        bytes32 salt
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(disputeId, validator, upheld, salt));
    }

    /// @inheritdoc IDisputeManager
    function totalBonds() external view returns (uint256) {
        return _totalBonds;
    }

    /// @inheritdoc IDisputeManager
    function totalUnclaimedRewards() external view returns (uint256) {
        return _unclaimedRewards;
    }

    /// @inheritdoc IDisputeManager
    function rewardPool() external view returns (uint256) {
        return _rewardPool;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Copies the dispute terms in force now into `d` (DSP-04: later parameter changes do not apply).
    function _writeTerms(Dispute storage d, uint256 jobId, address provider, bytes32 evidenceHash) private {
        uint256 commitEnds = block.timestamp + _param(QuiverParams.DISPUTE_COMMIT_WINDOW);
        d.challenger = msg.sender;
        d.provider = provider;
        d.commitEndsAt = commitEnds.toUint64();
        d.revealEndsAt = (commitEnds + _param(QuiverParams.DISPUTE_REVEAL_WINDOW)).toUint64();
        d.status = DisputeStatus.Voting;
        // Registry bounds keep these shares <= 10,000 bps and the windows <= 60 days.
        d.majorityBps = _param(QuiverParams.DISPUTE_MAJORITY_BPS).toUint16();
        d.rejectBurnBps = _param(QuiverParams.DISPUTE_REJECT_BURN_BPS).toUint16();
        d.rejectVoterBps = _param(QuiverParams.DISPUTE_REJECT_VOTER_BPS).toUint16();
        d.nonRevealPenaltyBps = _param(QuiverParams.DISPUTE_NON_REVEAL_PENALTY_BPS).toUint16();
        d.appealWindow = _param(QuiverParams.DISPUTE_APPEAL_WINDOW).toUint32();
        d.appealTimeout = _param(QuiverParams.DISPUTE_APPEAL_TIMEOUT).toUint32();
        d.bond = _param(QuiverParams.DISPUTE_BOND).toUint128();
        d.appealBond = _param(QuiverParams.DISPUTE_APPEAL_BOND).toUint128();
        d.upheldVoterReward = _param(QuiverParams.DISPUTE_UPHELD_VOTER_REWARD).toUint128();
        d.jobId = JobId.wrap(jobId);
        d.evidenceHash = evidenceHash;
        d.challengerCount = 1;
    }

    /// @dev Records `msg.sender` as a later challenger of `d` with its evidence and books its bond.
    function _addJoiner(bytes32 disputeId, Dispute storage d, bytes32 evidenceHash) private {
        if (_isChallenger(disputeId, d, msg.sender)) revert DisputeAlreadyChallenger(disputeId, msg.sender);
        uint256 count = d.challengerCount;
        if (count == MAX_CHALLENGERS) revert DisputeTooManyChallengers(disputeId, MAX_CHALLENGERS);
        // count < MAX_CHALLENGERS = 8.
        d.challengerCount = uint8(count + 1);
        _evidence[disputeId][msg.sender] = evidenceHash;
        _joiners[disputeId].push(msg.sender);
        _totalBonds += d.bond;
    }

    /// @dev Whether `who` challenges the open dispute `d` (the opener or a joiner; evidence is never zero).
    function _isChallenger(bytes32 disputeId, Dispute storage d, address who) private view returns (bool) {
        return who == d.challenger || _evidence[disputeId][who] != 0;
    }

    /// @dev Opens the job's one slash case (stake snapshot at the offence, DSP-01; a zero snapshot still opens
    /// the dispute so that an upheld one refunds the consumer, SEC-02), locks the job's escrow if it is still
    /// held, draws the committee and emits. Staking and the marketplace are trusted protocol contracts.
    function _openCase(bytes32 disputeId, Dispute storage d, uint256 offenceAt, address consumer) private {
        address provider = d.provider;
        _seatCommittee(disputeId, d, provider, consumer);
        (uint256 caseId, uint256 snapshot) = _staking.openSlashCase(provider, offenceAt);
        d.caseId = CaseId.wrap(caseId);
        d.slashAmount = Math
            .mulDiv(snapshot, _param(QuiverParams.DISPUTE_SLASH_BPS), BPS, Math.Rounding.Floor)
            .toUint128();
        d.jobLocked = _market.lockForDispute(JobId.unwrap(d.jobId));
        emit DisputeOpened(
            disputeId,
            d.jobId,
            msg.sender,
            provider,
            CaseId.wrap(caseId),
            snapshot,
            d.bond,
            d.evidenceHash
        );
    }

    /// @dev Draws the committee (SEC-04: excluding the provider, the opening challenger and the consumer),
    /// marks its seats and sets the quorum as a share of the committee.
    function _seatCommittee(bytes32 disputeId, Dispute storage d, address provider, address consumer) private {
        uint256 k = Math.min(_param(QuiverParams.DISPUTE_COMMITTEE_SIZE), MAX_COMMITTEE_SIZE);
        address[] memory members = _drawCommittee(disputeId, k, provider, msg.sender, consumer);
        uint256 size = members.length;
        for (uint256 i; i < size; ++i) _votes[disputeId][members[i]].member = true;
        uint256 quorum = MarketMath.quorumFor(size, _param(QuiverParams.DISPUTE_QUORUM_BPS));
        // size <= MAX_COMMITTEE_SIZE = 15, and so is the quorum (at least 1).
        d.committeeSize = uint8(size);
        d.quorum = uint32(quorum);
        emit CommitteeDrawn(disputeId, members, quorum);
    }

    /// @dev Takes the non-participation penalty from `validator` into the reward pool.
    function _penalizeVote(bytes32 disputeId, Dispute storage d, Vote storage v, address validator) private {
        v.settled = true;
        uint256 penalty = _penalize(validator, d.nonRevealPenaltyBps);
        _rewardPool += penalty;
        emit ValidatorPenalized(disputeId, validator, penalty);
    }

    /// @dev Applies `outcome` to every challenger: moves the bonds, the appeal bond and the voter reward
    /// between the buckets, then calls staking, the marketplace and the token.
    function _apply(bytes32 disputeId, Dispute storage d, Outcome outcome) private {
        // Before the outcome is overwritten: the appeal bond compares the ruling with the decided outcome.
        uint256 appealReturned = _settleAppealBond(disputeId, d, outcome);
        d.status = DisputeStatus.Final;
        d.outcome = outcome;
        uint256 count = d.challengerCount;
        uint256 bonds = uint256(d.bond) * count;
        _totalBonds -= bonds;
        uint256 returned;
        uint256 burned;
        uint256 toProvider;
        uint256 voters;
        uint256 voterCount;
        if (outcome == Outcome.Upheld) {
            returned = bonds;
            voters = Math.min(_rewardPool, d.upheldVoterReward);
            voterCount = d.upVotes;
        } else if (outcome == Outcome.Rejected) {
            (burned, voters, toProvider) = MarketMath.splitBond(bonds, d.rejectBurnBps, d.rejectVoterBps);
            // The voters' leg of the bonds joins the pool, and the allocation below takes it back out.
            _rewardPool += voters;
            voterCount = d.downVotes;
        } else {
            returned = bonds;
        }
        {
            uint256 perVoter = voterCount == 0 ? 0 : voters / voterCount;
            uint256 allocated = perVoter * voterCount;
            _rewardPool -= allocated;
            _unclaimedRewards += allocated;
            d.rewardPerVoter = perVoter.toUint128();
            emit DisputeFinalized(disputeId, outcome, returned, burned, toProvider, allocated, perVoter);
        }

        _settleCase(disputeId, d, outcome == Outcome.Upheld, count);
        if (d.jobLocked) _market.unlockFromDispute(JobId.unwrap(d.jobId), outcome == Outcome.Upheld);
        if (returned != 0) _returnBonds(d.challenger, _joiners[disputeId], d.bond);
        if (appealReturned != 0) _token.safeTransfer(d.appellant, appealReturned);
        if (toProvider != 0) _token.safeTransfer(d.provider, toProvider);
        if (burned != 0) ERC20Burnable(address(_token)).burn(burned);
    }

    /// @dev Books the appeal bond: back to the appellant if the ruling changed the decided outcome (returned
    /// amount), else into the reward pool.
    function _settleAppealBond(
        bytes32 disputeId,
        Dispute storage d,
        Outcome outcome
    ) private returns (uint256 returned) {
        address appellant = d.appellant;
        if (appellant == address(0)) return 0;
        uint256 appealBond = d.appealBond;
        _totalBonds -= appealBond;
        if (outcome != d.outcome) returned = appealBond;
        else _rewardPool += appealBond;
        emit AppealBondSettled(disputeId, appellant, returned, appealBond - returned);
    }

    /// @dev Upheld with something to slash: proposes the one slash of the incident, its challenger leg paid to
    /// the only challenger or to a splitter clone shared by all of them (SEC-01). Otherwise closes the case.
    function _settleCase(bytes32 disputeId, Dispute storage d, bool upheld, uint256 count) private {
        uint256 amount = d.slashAmount;
        if (!upheld || amount == 0) {
            _staking.closeSlashCase(CaseId.unwrap(d.caseId));
            return;
        }
        address recipient = d.challenger;
        if (count > 1) {
            recipient = Clones.cloneWithImmutableArgs(_splitterImpl, abi.encode(address(this), disputeId, _token));
            d.rewardSplitter = recipient;
            emit ChallengerRewardSplit(disputeId, recipient, count);
        }
        _staking.proposeSlash(CaseId.unwrap(d.caseId), amount, recipient);
    }

    /// @dev Pays each challenger its bond back (at most MAX_CHALLENGERS transfers).
    function _returnBonds(address opener, address[] storage joiners, uint256 bond) private {
        _token.safeTransfer(opener, bond);
        uint256 n = joiners.length;
        for (uint256 i; i < n; ++i) _token.safeTransfer(joiners[i], bond);
    }

    function _state(Dispute storage d) private view returns (DisputeState) {
        DisputeStatus s = d.status;
        if (s == DisputeStatus.Voting) {
            if (block.timestamp < d.commitEndsAt) return DisputeState.Commit;
            if (block.timestamp < d.revealEndsAt) return DisputeState.Reveal;
            return DisputeState.Tally;
        }
        if (s == DisputeStatus.Decided) {
            return
                block.timestamp < uint256(d.decidedAt) + d.appealWindow
                    ? DisputeState.Decided
                    : DisputeState.Finalizable;
        }
        if (s == DisputeStatus.Appealed) {
            return
                block.timestamp < uint256(d.appealedAt) + d.appealTimeout
                    ? DisputeState.Appealed
                    : DisputeState.AppealExpired;
        }
        if (s == DisputeStatus.Final) return DisputeState.Final;
        return DisputeState.None;
    }

    /// @dev The derived state of `d`; reverts with DisputeUnexpectedState unless its bit is set in `allowed`
    /// (built with `_encodeStateBitmap`, see utils/StateBitmap).
    function _validateStateBitmap(bytes32 disputeId, Dispute storage d, bytes32 allowed) private view {
        // StateBitmap.contains, written out: as a library call it costs every transition ~17 gas (measured), and
        // no caller needs the state back (returning it would cost 1 more).
        DisputeState current = _state(d);
        if (uint256(allowed) & (1 << uint8(current)) == 0) revert DisputeUnexpectedState(disputeId, current, allowed);
    }

    /// @dev The one-state bitmap of `s`.
    function _encodeStateBitmap(DisputeState s) private pure returns (bytes32) {
        return StateBitmap.encode(uint8(s));
    }
}
