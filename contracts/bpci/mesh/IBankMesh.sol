// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStakingPools} from "../../staking/IStakingPools.sol";

/// @title IBankMesh
/// @notice The BPCI bank mesh: banks stake NEX on the kit's staking core, send heartbeats, lend each other NEX
/// through requests and escrowed offers, settle NEX or AUR with each other through timed escrows, and vote on
/// mesh proposals weighted by their stake at the proposal's start.
/// Powers: none. The mesh has no admin: every transition is taken by the party it names (requester, lender,
/// borrower, counterparty, a bank for proposals and votes) or, where a deadline has passed, by anyone. Its
/// parameters (`bpci.mesh.*`) are read from the kit registry, which only the timelock writes. A passed
/// ParameterChange proposal only records the mesh's approval; the change itself goes through the kit governance.
/// @dev Warning: loans are in the stake token (NEX), so a default is claimed from the borrower's stake one to one;
/// the lender recovers at most the borrower's bonded stake (a borrower with open loans cannot unbond).
/// Warning: a settlement's deadline second belongs to the refund: confirm while `now < openedAt + timeout`,
/// refund from `now >= openedAt + timeout`. A loan is Overdue (claimable) from its due time on, the same way.
/// Warning: FLX (rebasing) is not accepted: escrows are recorded in face amounts.
interface IBankMesh is IStakingPools {
    /// @notice Derived status of a bank.
    enum BankStatus {
        None, // never joined
        Active, // member with a fresh heartbeat and at least the minimum stake: may open positions
        Inactive, // member without a heartbeat for `bpci.mesh.heartbeatPeriod` or below the minimum stake
        Expelled // expelled by a mesh proposal (re-admitted by an Admission proposal)
    }

    /// @notice Derived state of a liquidity request.
    enum RequestState {
        None,
        Open, // offers and accepts allowed
        Filled, // accepted offers reach the amount
        Cancelled, // by the requester
        Expired // the offer window (`bpci.mesh.requestWindow`) has passed
    }

    /// @notice Derived state of an offer.
    enum OfferState {
        None,
        Open, // escrowed, not accepted
        Withdrawn, // refunded to the lender
        Accepted // a loan (same id), see `loanState`
    }

    /// @notice Derived state of a loan (id = the accepted offer's id).
    enum LoanState {
        None,
        Active, // before the due time
        Overdue, // from the due time on, not fully repaid: the lender may claim
        Repaid, // principal + interest paid to the lender
        Claimed // the shortfall claimed from the borrower's stake (default)
    }

    /// @notice Derived state of a settlement.
    enum SettlementState {
        None,
        Open, // escrowed, confirmable by the counterparty
        Expired, // the timeout passed unconfirmed: anyone may refund
        Confirmed,
        Refunded
    }

    /// @notice Kinds of mesh proposal.
    enum ProposalKind {
        ParameterChange, // approves `key = value` in the kit registry (executed by the kit's timelock only)
        Admission, // re-admits an expelled bank
        Expulsion // expels a bank
    }

    /// @notice Derived state of a mesh proposal.
    enum ProposalState {
        None,
        Active, // voting open, threshold not reached
        Passed, // approvals >= threshold of the snapshotted total stake
        Rejected, // voting ended without the threshold
        Executed
    }

    /// @notice A bank's registration (its name and endpoint are in its `BankJoined` event, not in storage).
    /// @param lastHeartbeat unix seconds of the last heartbeat
    /// @param openLoans loans borrowed and not yet repaid or claimed
    /// @param expelled whether a mesh proposal expelled it
    struct Bank {
        uint48 lastHeartbeat;
        uint32 openLoans;
        bool expelled;
    }

    /// @notice A liquidity request (NEX).
    /// @param requester the borrowing bank
    /// @param deadline unix seconds from which no offer or accept is possible
    /// @param duration loan duration, seconds
    /// @param maxRateBps highest accepted rate, bps per year
    /// @param offers offers made so far (at most `bpci.mesh.maxOffersPerRequest`)
    /// @param cancelled whether the requester cancelled it
    /// @param amount wei requested
    /// @param accepted wei of accepted offers
    struct Request {
        address requester;
        uint48 deadline;
        uint32 duration;
        uint16 maxRateBps;
        uint16 offers;
        bool cancelled;
        uint256 amount;
        uint256 accepted;
    }

    /// @notice An offer, and the loan it becomes once accepted.
    /// @param requestId the request answered
    /// @param lender the offering bank
    /// @param rateBps rate, bps per year
    /// @param status 0 none, 1 open, 2 withdrawn, 3 loaned, 4 repaid, 5 claimed (see the derived states)
    /// @param dueAt loan due time, unix seconds (0 before acceptance)
    /// @param amount wei escrowed (the principal once accepted)
    /// @param due wei owed at the due time (principal + interest; 0 before acceptance)
    /// @param repaid wei repaid so far
    /// @param conditionsHash hash of the lender's off-chain conditions
    struct Offer {
        uint256 requestId;
        address lender;
        uint16 rateBps;
        uint8 status;
        uint48 dueAt;
        uint256 amount;
        uint256 due;
        uint256 repaid;
        bytes32 conditionsHash;
    }

    /// @notice A settlement between two banks.
    /// @param from the paying bank
    /// @param to the counterparty (confirms)
    /// @param token NEX or AUR
    /// @param deadline `openedAt + bpci.mesh.settlementTimeout`, unix seconds (the refund owns this second)
    /// @param status 0 none, 1 open, 2 confirmed, 3 refunded
    /// @param amount wei escrowed
    /// @param purposeHash hash of the purpose
    struct Settlement {
        address from;
        address to;
        address token;
        uint48 deadline;
        uint8 status;
        uint256 amount;
        bytes32 purposeHash;
    }

    /// @notice A mesh proposal.
    /// @param proposer the proposing bank
    /// @param kind the kind
    /// @param snapshot the timepoint of the stake counted (the second before the proposal)
    /// @param endsAt end of voting, unix seconds (voting open while `now < endsAt`)
    /// @param thresholdBps the pass threshold at proposal start (bps of `totalStake`)
    /// @param executed whether it was executed
    /// @param bank Admission/Expulsion: the bank concerned (zero otherwise)
    /// @param key ParameterChange: the registry key (zero otherwise)
    /// @param value ParameterChange: the proposed value
    /// @param descriptionHash hash of the description
    /// @param approvals stake (wei) voting approve
    /// @param rejections stake (wei) voting reject
    /// @param totalStake all banks' staked votes at `snapshot`
    struct Proposal {
        address proposer;
        ProposalKind kind;
        uint48 snapshot;
        uint48 endsAt;
        uint16 thresholdBps;
        bool executed;
        address bank;
        bytes32 key;
        uint256 value;
        bytes32 descriptionHash;
        uint256 approvals;
        uint256 rejections;
        uint256 totalStake;
    }

    // ------------------------------------------------------------------------------------ errors

    /// @notice `bank` already joined.
    error BankMeshAlreadyRegistered(address bank);
    /// @notice `bank` would bond `stake` wei, below `minimum` (`bpci.mesh.minStake`).
    error BankMeshBelowMinimum(address bank, uint256 stake, uint256 minimum);
    /// @notice A name (at most 64 bytes) or an endpoint (at most 256 bytes) is empty or too long.
    error BankMeshBadMetadata(uint256 nameLength, uint256 endpointLength);
    /// @notice `bank` must be Active for this (its status is `status`).
    error BankMeshNotActive(address bank, BankStatus status);
    /// @notice `bank` is not a registered, non-expelled member (status `status`).
    error BankMeshNotMember(address bank, BankStatus status);
    /// @notice `bank` has `openLoans` open loans and cannot unbond.
    error BankMeshOpenLoans(address bank, uint256 openLoans);
    /// @notice `account` has `count` pending unbondings, the most allowed (`max`).
    error BankMeshTooManyUnbondings(address account, uint256 count, uint256 max);
    /// @notice `account` has no unbonding at `index` (it has `count`).
    error BankMeshUnknownUnbonding(address account, uint256 index, uint256 count);
    /// @notice The unbonding `index` of `account` unlocks at `unlockAt`, after `nowTs`.
    error BankMeshStillUnbonding(address account, uint256 index, uint256 nowTs, uint256 unlockAt);
    /// @notice `token` is not accepted here (loans: NEX only; settlements: NEX or AUR).
    error BankMeshUnsupportedToken(address token);
    /// @notice A rate of `rateBps` is above the limit `maxBps`.
    error BankMeshRateTooHigh(uint256 rateBps, uint256 maxBps);
    /// @notice A duration of `duration` s is outside [1, `maxDuration`] (`bpci.mesh.maxLoanDuration`).
    error BankMeshBadDuration(uint256 duration, uint256 maxDuration);
    /// @notice `caller` is not `expected` (the party the transition names).
    error BankMeshUnauthorized(address caller, address expected);
    /// @notice A bank cannot lend to, settle with or vote on itself (`bank`).
    error BankMeshSelfDealing(address bank);
    /// @notice Request `requestId` has `offers` offers, the most allowed (`max`).
    error BankMeshTooManyOffers(uint256 requestId, uint256 offers, uint256 max);
    /// @notice Request `requestId` has `remaining` wei left to fill, below `amount`.
    error BankMeshExceedsRequest(uint256 requestId, uint256 amount, uint256 remaining);
    /// @notice Repaying `amount` wei exceeds the `owed` wei left on loan `loanId`.
    error BankMeshOverpayment(uint256 loanId, uint256 amount, uint256 owed);
    /// @notice Request `requestId` is in `current`, not in the `allowed` bitmap.
    error BankMeshUnexpectedRequestState(uint256 requestId, RequestState current, bytes32 allowed);
    /// @notice Offer `offerId` is in `current`, not in the `allowed` bitmap.
    error BankMeshUnexpectedOfferState(uint256 offerId, OfferState current, bytes32 allowed);
    /// @notice Loan `loanId` is in `current`, not in the `allowed` bitmap.
    error BankMeshUnexpectedLoanState(uint256 loanId, LoanState current, bytes32 allowed);
    /// @notice Settlement `settlementId` is in `current`, not in the `allowed` bitmap.
    error BankMeshUnexpectedSettlementState(uint256 settlementId, SettlementState current, bytes32 allowed);
    /// @notice Proposal `proposalId` is in `current`, not in the `allowed` bitmap.
    error BankMeshUnexpectedProposalState(uint256 proposalId, ProposalState current, bytes32 allowed);
    /// @notice A proposal's target is wrong: `bank` has status `status` (Admission needs Expelled, Expulsion a member)
    /// or a ParameterChange has a zero key (`bank` zero, status None).
    error BankMeshBadProposalTarget(address bank, BankStatus status);
    /// @notice No stake was bonded at the snapshot: nothing can be voted.
    error BankMeshNoStake();
    /// @notice `voter` already voted on `proposalId`.
    error BankMeshAlreadyVoted(uint256 proposalId, address voter);
    /// @notice `voter` had no staked votes at the proposal's snapshot `snapshot`.
    error BankMeshNoVotes(uint256 proposalId, address voter, uint256 snapshot);

    // ------------------------------------------------------------------------------------ events

    /// @notice `bank` joined with `stake` wei bonded.
    event BankJoined(address indexed bank, string name, string endpoint, uint256 stake);
    /// @notice `bank` bonded `amount` more wei (`shares` pool shares).
    event BankStaked(address indexed bank, uint256 amount, uint256 shares);
    /// @notice `bank` started unbonding `amount` wei as entry `index`, withdrawable from `unlockAt`.
    event BankUnbondingStarted(address indexed bank, uint256 index, uint256 amount, uint256 unlockAt);
    /// @notice `bank` withdrew its unbonding entry `index`, worth `amount` wei.
    event BankWithdrawn(address indexed bank, uint256 index, uint256 amount);
    /// @notice `bank` sent a heartbeat at `timestamp`.
    event BankHeartbeat(address indexed bank, uint256 timestamp);
    /// @notice `bank`'s reputation moved to `reputation` (bps, 0..10,000).
    event BankReputationChanged(address indexed bank, uint256 reputation);
    /// @notice `bank` was expelled (proposal `proposalId`); `unbonded` wei of its stake started unbonding.
    event BankExpelled(address indexed bank, uint256 indexed proposalId, uint256 unbonded);
    /// @notice `bank` was re-admitted (proposal `proposalId`).
    event BankAdmitted(address indexed bank, uint256 indexed proposalId);

    /// @notice `requester` asked for `amount` NEX wei at most `maxRateBps` for `duration` s, offers until `deadline`.
    event LiquidityRequested(
        uint256 indexed requestId,
        address indexed requester,
        uint256 amount,
        uint256 maxRateBps,
        uint256 duration,
        uint256 deadline
    );
    /// @notice The requester cancelled request `requestId`.
    event LiquidityRequestCancelled(uint256 indexed requestId);
    /// @notice `lender` offered `amount` wei at `rateBps` on request `requestId` (escrowed).
    event LiquidityOffered(
        uint256 indexed offerId,
        uint256 indexed requestId,
        address indexed lender,
        uint256 amount,
        uint256 rateBps,
        bytes32 conditionsHash
    );
    /// @notice Offer `offerId` was withdrawn; `amount` wei refunded to its lender.
    event LiquidityOfferWithdrawn(uint256 indexed offerId, uint256 amount);
    /// @notice Offer `offerId` was accepted: loan `offerId` of `principal` wei, `due` wei owed at `dueAt`.
    event LoanOpened(
        uint256 indexed loanId,
        address indexed borrower,
        address indexed lender,
        uint256 principal,
        uint256 due,
        uint256 dueAt
    );
    /// @notice `amount` wei were repaid on loan `loanId`; `repaid` in total.
    event LoanRepayment(uint256 indexed loanId, uint256 amount, uint256 repaid);
    /// @notice Loan `loanId` is fully repaid.
    event LoanRepaid(uint256 indexed loanId);
    /// @notice The lender claimed `claimed` wei of a `shortfall` wei shortfall from the borrower's stake.
    event LoanClaimed(uint256 indexed loanId, uint256 shortfall, uint256 claimed);

    /// @notice `from` opened a settlement of `amount` `token` wei to `to` (escrowed), confirmable until `deadline`.
    event SettlementOpened(
        uint256 indexed settlementId,
        address indexed from,
        address indexed to,
        address token,
        uint256 amount,
        bytes32 purposeHash,
        uint256 deadline
    );
    /// @notice The counterparty confirmed settlement `settlementId` (paid to it).
    event SettlementConfirmed(uint256 indexed settlementId);
    /// @notice Settlement `settlementId` was refunded to its sender after the timeout.
    event SettlementRefunded(uint256 indexed settlementId);

    /// @notice `proposer` opened proposal `proposalId` counting stake at `snapshot`, voting until `endsAt`.
    event MeshProposalCreated(
        uint256 indexed proposalId,
        address indexed proposer,
        ProposalKind kind,
        address bank,
        bytes32 key,
        uint256 value,
        bytes32 descriptionHash,
        uint256 snapshot,
        uint256 endsAt,
        uint256 totalStake
    );
    /// @notice `voter` voted (`approve`) with `weight` wei of stake on `proposalId`.
    event MeshVoteCast(uint256 indexed proposalId, address indexed voter, bool approve, uint256 weight);
    /// @notice Proposal `proposalId` was executed.
    event MeshProposalExecuted(uint256 indexed proposalId);
    /// @notice The mesh approved setting registry `key` to `value` (proposal `proposalId`); the kit governance
    /// executes it through the timelock.
    event MeshParameterChangeApproved(uint256 indexed proposalId, bytes32 indexed key, uint256 value);

    // ------------------------------------------------------------------------------------ banks

    /// @notice Joins the mesh, bonding `amount` NEX (allowance needed; at least `bpci.mesh.minStake`); counts as a
    /// heartbeat.
    /// @param amount wei of NEX to bond
    /// @param name display name (1..64 bytes)
    /// @param endpoint off-chain endpoint (1..256 bytes)
    function join(uint256 amount, string calldata name, string calldata endpoint) external;

    /// @notice Records a heartbeat of the caller (a member).
    function heartbeat() external;

    /// @notice Bonds `amount` more NEX to the caller's stake (a member).
    function stake(uint256 amount) external;

    /// @notice Starts unbonding `amount` of the caller's stake (`bpci.mesh.unbondingPeriod`); refused while the
    /// caller has open loans.
    function unbond(uint256 amount) external;

    /// @notice Withdraws the caller's matured unbonding entry `index` (swap and pop).
    function withdraw(uint256 index) external;

    // ------------------------------------------------------------------------------------ liquidity

    /// @notice Asks the mesh for `amount` NEX at most `maxRateBps` a year for `duration` s (the caller: an Active
    /// bank). Offers are possible for `bpci.mesh.requestWindow` seconds.
    /// @return requestId the new request's id (from 1)
    function requestLiquidity(
        address token,
        uint256 amount,
        uint256 maxRateBps,
        uint256 duration
    ) external returns (uint256 requestId);

    /// @notice Cancels the caller's open request (open offers stay withdrawable).
    function cancelRequest(uint256 requestId) external;

    /// @notice Offers `amount` NEX at `rateBps` (<= the request's maximum) on `requestId`; the amount is escrowed.
    /// The caller: an Active bank other than the requester.
    /// @return offerId the new offer's id (from 1; the loan keeps it)
    function offer(
        uint256 requestId,
        uint256 amount,
        uint256 rateBps,
        bytes32 conditionsHash
    ) external returns (uint256 offerId);

    /// @notice Withdraws the caller's open offer; the exact escrowed amount is refunded.
    function withdrawOffer(uint256 offerId) external;

    /// @notice Accepts an open offer on the caller's open request: the escrow goes to the caller and a loan opens,
    /// due `principal + interest` at `now + duration`. The caller must be Active.
    function accept(uint256 offerId) external;

    /// @notice Repays `amount` wei of loan `loanId` straight to its lender (anyone may pay; allowance needed);
    /// possible until the loan is claimed.
    function repay(uint256 loanId, uint256 amount) external;

    /// @notice The lender of an Overdue loan claims the shortfall (`due - repaid`) from the borrower's bonded stake,
    /// at most that stake; the loan is closed and the borrower's reputation falls.
    /// @return claimed wei paid to the lender from the stake
    function claim(uint256 loanId) external returns (uint256 claimed);

    // ------------------------------------------------------------------------------------ settlements

    /// @notice Opens a settlement of `amount` `token` (NEX or AUR) wei to the member `to`; escrowed until the
    /// counterparty confirms (before the timeout) or anyone refunds (from the timeout on). The caller: Active.
    /// @return settlementId the new settlement's id (from 1)
    function openSettlement(
        address to,
        address token,
        uint256 amount,
        bytes32 purposeHash
    ) external returns (uint256 settlementId);

    /// @notice The counterparty confirms an Open settlement: the escrow is paid to it.
    function confirmSettlement(uint256 settlementId) external;

    /// @notice Refunds an Expired settlement to its sender (anyone).
    function refundSettlement(uint256 settlementId) external;

    // ------------------------------------------------------------------------------------ proposals

    /// @notice Opens a mesh proposal (the caller: a member with staked votes). Stake is counted at the second
    /// before this transaction, for every bank and in total (StakingPools' vote checkpoints).
    /// @param kind ParameterChange (`key`, `value`), Admission or Expulsion (`bank`)
    /// @return proposalId the new proposal's id (from 1)
    function propose(
        ProposalKind kind,
        address bank,
        bytes32 key,
        uint256 value,
        bytes32 descriptionHash
    ) external returns (uint256 proposalId);

    /// @notice Votes on an Active proposal with the caller's staked votes at its snapshot (a member, once).
    function vote(uint256 proposalId, bool approve) external;

    /// @notice Executes a Passed proposal (anyone): Admission re-admits, Expulsion expels (and, without open loans,
    /// starts unbonding all its stake), ParameterChange emits the approval for the kit governance.
    function execute(uint256 proposalId) external;

    // ------------------------------------------------------------------------------------ views

    /// @notice How many unbondings `account` has pending (entry `index` in `unbondingAt`).
    function unbondingCount(address account) external view returns (uint256);

    /// @notice `account`'s pending unbonding `index`: its unlock time and its value now (wei).
    function unbondingAt(address account, uint256 index) external view returns (uint256 unlockAt, uint256 value);

    /// @notice The derived status of `bank`.
    function bankStatus(address bank) external view returns (BankStatus);

    /// @notice `bank`'s registration.
    function bankOf(address bank) external view returns (Bank memory);

    /// @notice `bank`'s reputation, bps (starts at 5,000; +100 a repaid loan, +10 a confirmed settlement to
    /// its sender, -1,000 a default, -10 a refunded settlement to its counterparty; within 0..10,000).
    function reputationOf(address bank) external view returns (uint256);

    /// @notice Bonded stake of `bank` (wei).
    function stakeOf(address bank) external view returns (uint256);

    /// @notice How many banks ever joined.
    function bankCount() external view returns (uint256);

    /// @notice Wei of `token` held in escrow: open offers and open or expired settlements (not the stake).
    function escrowed(address token) external view returns (uint256);

    /// @notice The request `requestId`.
    function requestOf(uint256 requestId) external view returns (Request memory);

    /// @notice The derived state of request `requestId`.
    function requestState(uint256 requestId) external view returns (RequestState);

    /// @notice The offer (or loan) `offerId`.
    function offerOf(uint256 offerId) external view returns (Offer memory);

    /// @notice The derived state of offer `offerId`.
    function offerState(uint256 offerId) external view returns (OfferState);

    /// @notice The derived state of loan `loanId` (None unless its offer was accepted).
    function loanState(uint256 loanId) external view returns (LoanState);

    /// @notice The settlement `settlementId`.
    function settlementOf(uint256 settlementId) external view returns (Settlement memory);

    /// @notice The derived state of settlement `settlementId`.
    function settlementState(uint256 settlementId) external view returns (SettlementState);

    /// @notice The proposal `proposalId`.
    function proposalOf(uint256 proposalId) external view returns (Proposal memory);

    /// @notice The derived state of proposal `proposalId`.
    function proposalState(uint256 proposalId) external view returns (ProposalState);

    /// @notice Whether `voter` voted on `proposalId`.
    function hasVoted(uint256 proposalId, address voter) external view returns (bool);

    /// @notice Counts of requests, offers, settlements and proposals created so far.
    function counts() external view returns (uint256 requests, uint256 offers, uint256 settlements, uint256 proposals);
}
