// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {JobId, CaseId} from "../../types/Ids.sol";

/// @title IDisputeManager
/// @notice QUIVer validators, quality attestations and receipt challenges. Validators stake QUIV here.
/// Anyone may challenge a job's receipt within the dispute window with a bond and an evidence hash. A job has
/// one dispute (one incident, SEC-01): the first challenger opens it, which snapshots the provider's slashable
/// stake in ProviderStaking (one slash case) and draws a committee of validators; later challengers join it
/// during the commit phase with their own bond and evidence (at most `MAX_CHALLENGERS`). The committee votes
/// with commit-reveal; a quorum of the committee and a majority decide. After one appeal window (one appeal
/// to governance, by the party the outcome costs, with its own bond) the outcome is final and applies to
/// every challenger:
/// - Upheld: one slash of `slashBps` of the snapshot is proposed in ProviderStaking (pending and appealable
///   there; its challenger leg is paid once, to the only challenger or to a ChallengerRewardSplitter that
///   shares it equally among the challengers), every bond is returned, the job's escrow refunds the consumer
///   (even when nothing is left to slash, SEC-02), and the majority voters share up to `upheldVoterReward`.
/// - Rejected: the slash case is closed; the bonds are split with FeeSplit into a burned part, a part for the
///   majority voters and the rest for the provider.
/// - Drawn (no quorum, or no side above the majority share): the case is closed and every bond returned.
/// Committee members who do not commit or do not reveal lose `nonRevealPenaltyBps` of their stake to the
/// reward pool; a validator whose stake falls below the minimum leaves the active set (SEC-04).
/// @dev Powers: GOVERNANCE_ROLE (the timelock) rules appealed disputes and nothing else; DEFAULT_ADMIN_ROLE
/// (the timelock) manages roles. The dispute terms (bond, appeal bond, windows, quorum, shares, penalty) are
/// fixed when the dispute opens, so parameter changes never apply retroactively (DSP-04). The dispute id is
/// `keccak256(abi.encode(jobId))`: the accused cannot block an honest challenger with a sybil dispute because
/// the honest challenger joins it (and the committee, not the challenger, decides). Warning: the committee is
/// drawn from `block.prevrandao`, which the block proposer can bias (by withholding a block).
interface IDisputeManager {
    /// @notice Stored status of a dispute.
    enum DisputeStatus {
        None,
        Voting,
        Decided,
        Appealed,
        Final
    }

    /// @notice Derived state of a dispute (bit `StateBitmap.encode(uint8(state))` in `DisputeUnexpectedState.allowed`).
    /// @dev Commit: votes are committed. Reveal: votes are revealed. Tally: anyone may resolve. Decided:
    /// resolved, appeal window open. Finalizable: appeal window over, anyone may finalize. Appealed: waiting
    /// for governance. AppealExpired: governance did not rule within the appeal timeout; anyone may finalize
    /// the decided outcome (governance may still rule first). Final: applied.
    enum DisputeState {
        None,
        Commit,
        Reveal,
        Tally,
        Decided,
        Finalizable,
        Appealed,
        AppealExpired,
        Final
    }

    /// @notice Outcome of a dispute.
    enum Outcome {
        None,
        Upheld,
        Rejected,
        Drawn
    }

    /// @notice A dispute as stored.
    /// @param challenger who opened the dispute (the first challenger; `challengersOf` lists all)
    /// @param commitEndsAt end of the commit window (unix seconds)
    /// @param revealEndsAt end of the reveal window (unix seconds)
    /// @param provider the accused provider
    /// @param decidedAt when `resolve` ran (unix seconds)
    /// @param appealedAt when the appellant appealed (unix seconds, 0 if not appealed)
    /// @param status stored status
    /// @param outcome decided outcome (after `resolve`), then the final one (after `finalize`/`ruleAppeal`)
    /// @param jobLocked whether the job's escrow was locked by this dispute
    /// @param upVotes revealed votes to uphold
    /// @param downVotes revealed votes to reject
    /// @param quorum revealed votes needed (a share of the committee, at least 1)
    /// @param majorityBps share of revealed votes an outcome must exceed (bps)
    /// @param rejectBurnBps share of the bond burned when rejected (bps)
    /// @param rejectVoterBps share of the bond for the majority voters when rejected (bps)
    /// @param nonRevealPenaltyBps share of a validator's stake lost for a missing reveal (bps)
    /// @param appealWindow seconds after `decidedAt` in which a party may appeal
    /// @param appealTimeout seconds after the appeal after which anyone may finalize the decided outcome
    /// @param bond each challenger's bond (wei)
    /// @param challengerCount challengers sharing the outcome (1..MAX_CHALLENGERS)
    /// @param committeeSize validators drawn to vote (0..MAX_COMMITTEE_SIZE)
    /// @param slashAmount slash proposed if upheld (wei, `slashBps` of the snapshot)
    /// @param upheldVoterReward largest total reward from the pool for the voters if upheld (wei)
    /// @param rewardPerVoter reward each voter on the final side may claim (wei)
    /// @param appealBond bond an appeal posts (wei); returned if the ruling changes the decided outcome
    /// @param jobId the disputed job
    /// @param caseId the ProviderStaking slash case
    /// @param evidenceHash hash of the opening challenger's evidence (`evidenceOf` for the others)
    /// @param appellant who appealed (zero if nobody did)
    /// @param rewardSplitter receiver of the slash's challenger leg when several challengers uphold
    struct Dispute {
        address challenger;
        uint64 commitEndsAt;
        uint32 upVotes;
        address provider;
        uint64 revealEndsAt;
        uint32 downVotes;
        uint64 decidedAt;
        uint64 appealedAt;
        uint32 quorum;
        DisputeStatus status;
        Outcome outcome;
        bool jobLocked;
        uint16 majorityBps;
        uint16 rejectBurnBps;
        uint16 rejectVoterBps;
        uint16 nonRevealPenaltyBps;
        uint32 appealWindow;
        uint32 appealTimeout;
        uint128 bond;
        uint8 challengerCount;
        uint8 committeeSize;
        uint128 slashAmount;
        uint128 upheldVoterReward;
        uint128 rewardPerVoter;
        uint128 appealBond;
        JobId jobId;
        CaseId caseId;
        bytes32 evidenceHash;
        address appellant;
        address rewardSplitter;
    }

    /// @notice A validator as stored.
    /// @param stake staked QUIV (wei)
    /// @param exitAvailableAt 0 while active; after `requestValidatorExit`, when the stake can be withdrawn
    /// @param openCommits committee seats not yet revealed or penalised (withdrawal waits for 0)
    /// @param active in the active set (drawn into committees, may attest); left when the stake falls below
    /// the minimum or at `requestValidatorExit`
    struct Validator {
        uint128 stake;
        uint64 exitAvailableAt;
        uint32 openCommits;
        bool active;
    }

    /// @notice The dispute is not in one of the states the call needs.
    /// @param disputeId the dispute
    /// @param current its derived state
    /// @param allowed bitmap of allowed states (bit `uint8(state)` set, see utils/StateBitmap)
    error DisputeUnexpectedState(bytes32 disputeId, DisputeState current, bytes32 allowed);
    /// @notice The job's receipt cannot be challenged now (no receipt, or the dispute window is over).
    error DisputeWindowClosed(uint256 jobId, uint256 submittedAt, uint256 windowEndsAt, uint256 nowTime);
    /// @notice The caller already challenges this job's dispute (DSP-03).
    error DisputeAlreadyChallenger(bytes32 disputeId, address challenger);
    /// @notice The dispute already has `MAX_CHALLENGERS` challengers.
    error DisputeTooManyChallengers(bytes32 disputeId, uint256 max);
    /// @notice The validator was not drawn into this dispute's committee.
    error DisputeNotCommitteeMember(bytes32 disputeId, address validator);
    /// @notice The evidence hash is zero.
    error DisputeZeroEvidence(uint256 jobId);
    /// @notice The caller is not an active validator with at least the minimum stake.
    error DisputeNotValidator(address caller, uint256 stake, uint256 minStake);
    /// @notice A validator stake operation with a stake below the minimum.
    error DisputeStakeTooLow(address validator, uint256 stake, uint256 minStake);
    /// @notice The validator already committed a vote on this dispute.
    error DisputeAlreadyCommitted(bytes32 disputeId, address validator);
    /// @notice The validator has no commitment to reveal or settle on this dispute.
    error DisputeNoCommitment(bytes32 disputeId, address validator);
    /// @notice The revealed vote and salt do not hash to the commitment.
    error DisputeVoteMismatch(bytes32 disputeId, address validator);
    /// @notice The vote was already revealed, rewarded or penalised.
    error DisputeVoteSettled(bytes32 disputeId, address validator);
    /// @notice The voter did not vote for the final outcome, or the outcome pays no voter reward.
    error DisputeNoReward(bytes32 disputeId, address validator);
    /// @notice The caller does not lose stake or bond by the decided outcome (upheld: only the provider may
    /// appeal; rejected: only a challenger; drawn: nobody) (SEC-03).
    error DisputeNotAppellant(bytes32 disputeId, address caller, Outcome decided);
    /// @notice The validator is a challenger, the accused provider or the job's consumer; or the accused provider
    /// or a committee member tried to challenge.
    error DisputeConflictOfInterest(bytes32 disputeId, address validator);
    /// @notice Governance ruled `None`.
    error DisputeInvalidRuling(bytes32 disputeId);
    /// @notice The validator is exiting (or already exited), or not exiting when withdrawing.
    error DisputeValidatorExiting(address validator, uint256 exitAvailableAt);
    /// @notice The validator's stake is still locked (unbonding period or unrevealed commitments).
    error DisputeStakeLocked(address validator, uint256 availableAt, uint256 openCommits);
    /// @notice A zero amount, score above 100, or a second attestation of the same job.
    error DisputeInvalidAttestation(uint256 jobId, address validator, uint8 score);
    /// @notice A zero amount was given.
    error DisputeZeroAmount();
    /// @notice A constructor address is zero.
    error DisputeZeroAddress();

    /// @notice A validator staked `amount` (total `stake` after).
    event ValidatorStaked(address indexed validator, uint256 amount, uint256 stake);
    /// @notice A validator left the active set; its stake unlocks at `availableAt`.
    event ValidatorExitRequested(address indexed validator, uint256 availableAt);
    /// @notice A validator withdrew its whole stake.
    event ValidatorWithdrawn(address indexed validator, uint256 amount);
    /// @notice A validator attested a job's quality (score 0..100).
    event QualityAttested(uint256 indexed jobId, address indexed validator, uint8 score);
    /// @notice A receipt was challenged.
    event DisputeOpened(
        bytes32 indexed disputeId,
        JobId indexed jobId,
        address indexed challenger,
        address provider,
        CaseId caseId,
        uint256 snapshotStake,
        uint256 bond,
        bytes32 evidenceHash
    );
    /// @notice A later challenger joined an open dispute with its own bond and evidence (`count` after).
    event ChallengerJoined(
        bytes32 indexed disputeId,
        address indexed challenger,
        uint256 bond,
        bytes32 evidenceHash,
        uint256 count
    );
    /// @notice The committee of a dispute was drawn; `quorum` of its members must reveal.
    event CommitteeDrawn(bytes32 indexed disputeId, address[] members, uint256 quorum);
    /// @notice A validator's stake fell below the minimum and it left the active set.
    event ValidatorDeactivated(address indexed validator, uint256 stake, uint256 minStake);
    /// @notice The challenger leg of an upheld dispute's slash goes to `splitter`, shared by the challengers.
    event ChallengerRewardSplit(bytes32 indexed disputeId, address splitter, uint256 challengers);
    /// @notice The appeal bond was returned (`returned`) or paid to the reward pool (`toPool`).
    event AppealBondSettled(bytes32 indexed disputeId, address indexed appellant, uint256 returned, uint256 toPool);
    /// @notice A validator committed a vote.
    event VoteCommitted(bytes32 indexed disputeId, address indexed validator);
    /// @notice A validator revealed its vote.
    event VoteRevealed(bytes32 indexed disputeId, address indexed validator, bool upheld);
    /// @notice The votes were tallied.
    event DisputeDecided(bytes32 indexed disputeId, Outcome outcome, uint256 upVotes, uint256 downVotes);
    /// @notice The losing party appealed to governance, posting `appealBond`.
    event DisputeAppealed(bytes32 indexed disputeId, address indexed by, uint256 appealBond);
    /// @notice Governance ruled an appealed dispute.
    event AppealRuled(bytes32 indexed disputeId, Outcome decided, Outcome ruling);
    /// @notice The outcome was applied: the bond legs summed over the challengers (returned to them, burned,
    /// paid to the provider), the total reward allocated to the voters on the final side and each one's share.
    event DisputeFinalized(
        bytes32 indexed disputeId,
        Outcome outcome,
        uint256 bondReturned,
        uint256 bondBurned,
        uint256 bondToProvider,
        uint256 votersReward,
        uint256 rewardPerVoter
    );
    /// @notice A majority voter claimed its reward.
    event VoterRewarded(bytes32 indexed disputeId, address indexed validator, uint256 amount);
    /// @notice A committee member that did not commit or did not reveal lost part of its stake to the pool.
    event ValidatorPenalized(bytes32 indexed disputeId, address indexed validator, uint256 penalty);
    /// @notice The reward pool was funded.
    event RewardPoolFunded(address indexed from, uint256 amount, uint256 pool);

    /// @notice Role that rules appeals (the timelock).
    function GOVERNANCE_ROLE() external view returns (bytes32);

    /// @notice Stakes `amount` QUIV as a validator (allowance needed); the first stake registers and must
    /// reach `quiver.dispute.validatorMinStake`. Not while exiting.
    /// @param amount wei of QUIV
    function stakeAsValidator(uint256 amount) external;

    /// @notice Leaves the active validator set; the stake unlocks after `quiver.dispute.validatorUnbonding`.
    /// Committed votes can still be revealed, and the stake stays penalisable until then.
    function requestValidatorExit() external;

    /// @notice Withdraws the whole stake after the exit delay, once every commitment is revealed or penalised.
    function withdrawValidatorStake() external;

    /// @notice An active validator attests the quality of a job with a receipt (score 0..100), once per job.
    /// @param jobId the job (it must have a receipt)
    /// @param score quality score in percent (0..100)
    function attest(uint256 jobId, uint8 score) external;

    /// @notice Largest number of challengers of one dispute (bounds the loops that return bonds).
    function MAX_CHALLENGERS() external view returns (uint256);

    /// @notice Largest committee (bounds the draw; `quiver.dispute.committeeSize` is at most this).
    function MAX_COMMITTEE_SIZE() external view returns (uint256);

    /// @notice Challenges a job's receipt within `quiver.dispute.window` of its submission, pulling the bond
    /// (allowance needed). The first challenge opens the job's dispute: it snapshots the provider's stake in
    /// ProviderStaking (one slash case per job), locks the escrow if still held and draws the committee from
    /// the active validators, excluding the provider, the challenger and the job's consumer. A later
    /// challenge joins that dispute during its Commit phase, even after the dispute window (the accused
    /// provider and committee members cannot challenge). A receipt of a settled job can be challenged for a
    /// slash only: nothing is refunded twice.
    /// @param evidenceHash hash of the evidence (off-chain document)
    /// @return disputeId `keccak256(abi.encode(jobId))`
    /// @param jobId the job whose receipt is challenged
    function challenge(uint256 jobId, bytes32 evidenceHash) external returns (bytes32 disputeId);

    /// @notice Commits `keccak256(abi.encode(disputeId, validator, upheld, salt))` (see `voteCommitment`).
    /// Only committee members, during Commit, once.
    /// @param disputeId the dispute
    /// @param commitment `voteCommitment(disputeId, msg.sender, upheld, salt)`
    function commitVote(bytes32 disputeId, bytes32 commitment) external;

    /// @notice Reveals a committed vote during Reveal.
    /// @param disputeId the dispute
    /// @param upheld the committed vote (true = uphold the challenge)
    /// @param salt the secret used in the commitment
    function revealVote(bytes32 disputeId, bool upheld, bytes32 salt) external;

    /// @notice Tallies the revealed votes after the reveal window (anyone). Opens the appeal window.
    /// @param disputeId the dispute
    function resolve(bytes32 disputeId) external;

    /// @notice The party that loses by the decided outcome appeals it to governance, once, within the appeal
    /// window, posting the dispute's `appealBond` (allowance needed): the provider if upheld, a challenger if
    /// rejected; a draw costs nobody and cannot be appealed (SEC-03). The bond is returned if governance rules
    /// another outcome; if it confirms the decision or does not rule in time, the bond joins the reward pool.
    /// @param disputeId the dispute
    function appeal(bytes32 disputeId) external;

    /// @notice Governance rules an appealed dispute; the ruling is applied at once. Only GOVERNANCE_ROLE.
    /// @param disputeId the dispute
    /// @param ruling the final outcome (Upheld, Rejected or Drawn)
    function ruleAppeal(bytes32 disputeId, Outcome ruling) external;

    /// @notice Applies the decided outcome after the appeal window (or after the appeal timeout). Anyone.
    /// @param disputeId the dispute
    function finalize(bytes32 disputeId) external;

    /// @notice A validator who revealed a vote for the final outcome claims its share of the voter reward.
    /// @param disputeId the dispute
    function claimVoterReward(bytes32 disputeId) external;

    /// @notice Penalises a validator that committed and did not reveal in time (anyone, after Reveal).
    /// @param disputeId the dispute
    /// @param validator the validator that committed and did not reveal
    function penalizeNonReveal(bytes32 disputeId, address validator) external;

    /// @notice Penalises a committee member that did not commit (anyone, after Commit): it loses
    /// `nonRevealPenaltyBps` of its stake to the reward pool, and leaves the active set below the minimum.
    /// @param disputeId the dispute
    /// @param validator the committee member that did not commit
    function penalizeNonCommit(bytes32 disputeId, address validator) external;

    /// @notice Adds `amount` QUIV to the voter reward pool (allowance needed). Anyone.
    /// @param amount wei of QUIV
    function fundRewardPool(uint256 amount) external;

    /// @notice The derived state of a dispute.
    /// @param disputeId the dispute
    function state(bytes32 disputeId) external view returns (DisputeState);

    /// @notice The stored dispute.
    /// @param disputeId the dispute
    function getDispute(bytes32 disputeId) external view returns (Dispute memory);

    /// @notice A validator's record.
    /// @param validator the validator
    function getValidator(address validator) external view returns (Validator memory);

    /// @notice A validator's vote on a dispute: commitment, revealed side (0 none, 1 uphold, 2 reject) and
    /// whether its reward or penalty was settled.
    /// @param disputeId the dispute
    /// @param validator the validator
    function voteOf(
        bytes32 disputeId,
        address validator
    ) external view returns (bytes32 commitment, uint8 side, bool settled);

    /// @notice Attestation count and score sum of a job (average = sum / count).
    /// @param jobId the job
    function attestationsOf(uint256 jobId) external view returns (uint256 count, uint256 scoreSum);

    /// @notice The id of the dispute of `jobId` (one per job).
    /// @param jobId the job
    function disputeIdOf(uint256 jobId) external pure returns (bytes32);

    /// @notice The challengers of a dispute, the opener first (at most `MAX_CHALLENGERS`).
    /// @param disputeId the dispute
    function challengersOf(bytes32 disputeId) external view returns (address[] memory);

    /// @notice The evidence hash `challenger` posted (zero if it is not a challenger of the dispute).
    /// @param disputeId the dispute
    /// @param challenger the challenger
    function evidenceOf(bytes32 disputeId, address challenger) external view returns (bytes32);

    /// @notice Whether `validator` was drawn into the dispute's committee.
    /// @param disputeId the dispute
    /// @param validator the validator
    function isCommitteeMember(bytes32 disputeId, address validator) external view returns (bool);

    /// @notice The vote commitment the contract expects.
    /// @param disputeId the dispute
    /// @param validator the voter
    /// @param upheld the vote
    /// @param salt a secret chosen by the voter
    function voteCommitment(
        bytes32 disputeId,
        address validator,
        bool upheld,
        bytes32 salt
    ) external pure returns (bytes32);

    /// @notice The active validator at `index` of the set committees are drawn from (insertion order; a
    /// removal moves the last one into the gap), for off-chain mirrors of the draw.
    /// @param index 0..activeValidatorCount()-1
    function activeValidatorAt(uint256 index) external view returns (address);

    /// @notice Number of active validators (the set committees are drawn from).
    function activeValidatorCount() external view returns (uint256);

    /// @notice Total validator stake held (wei, exiting stake included).
    function totalValidatorStake() external view returns (uint256);

    /// @notice Sum of the challenger bonds and appeal bonds of disputes not yet final (wei).
    function totalBonds() external view returns (uint256);

    /// @notice Voter rewards allocated and not yet claimed (wei).
    function totalUnclaimedRewards() external view returns (uint256);

    /// @notice The voter reward pool (wei).
    function rewardPool() external view returns (uint256);
}
