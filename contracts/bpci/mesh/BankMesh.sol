// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IBurnableERC20} from "../../tokens/IBurnableERC20.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {StakingPools} from "../../staking/StakingPools.sol";
import {UnbondingSegments} from "../../staking/libraries/UnbondingSegments.sol";
import {StateBitmap} from "../../utils/StateBitmap.sol";
import {BPS} from "../../utils/Constants.sol";
import {BpciParams} from "../BpciParams.sol";
import {IBankMesh} from "./IBankMesh.sol";
import {MeshInterest} from "./MeshInterest.sol";

/// @title BankMesh
/// @notice The BPCI bank mesh (see IBankMesh) on the kit's staking core: each bank is a self-bonded StakingPools pool
/// of NEX, so stake, unbonding and the staked-vote checkpoints (OZ `Votes`, timestamp clock) are the core's.
/// @dev Design.
/// - Ledger identity: `NEX.balanceOf(this) == totalBonded + totalUnbonding + escrowed(NEX)` and
///   `AUR.balanceOf(this) == escrowed(AUR)`, where `escrowed` is the sum of open offers and of open or expired
///   settlements. A loan holds nothing: acceptance pays the escrow to the borrower, repayments go straight to the
///   lender, a claim pays the lender from the borrower's bonded stake (`_slashPools` on the bonded pool only).
/// - Interest: MeshInterest (simple, rounded up for the lender). A claim takes `min(due - repaid, bonded stake)`,
///   never more than the shortfall. A borrower with open loans cannot unbond, so its stake cannot escape a claim.
/// - Votes: a proposal counts each bank's staked votes and the total at `snapshot = start - 1` (`getPastVotes`,
///   `getPastTotalSupply`), so stake moved at or after the start does not count. It passes once
///   `approvals x 10,000 >= thresholdBps x totalStake` (67% default; 66.99% fails).
/// - Every transition is O(1): no loop over banks, requests, offers or settlements. Transfers come last
///   (checks, effects, interactions) under `nonReentrant`.
/// - Boundaries: a settlement is confirmable while `now < deadline` and refundable from `now >= deadline`; a loan
///   is Overdue (claimable) from `now >= dueAt`; a request takes offers and accepts while `now < deadline`; a
///   proposal takes votes while `now < endsAt`.
contract BankMesh is StakingPools, IBankMesh, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using UnbondingSegments for UnbondingSegments.Book;

    /// @notice Highest rate a request may allow: 50,000 bps a year (500%).
    uint256 public constant MAX_RATE_BPS = 50_000;
    /// @dev Reputation of a new bank (bps) and its ceiling.
    uint256 private constant _REP_START = 5_000;
    uint256 private constant _REP_MAX = 10_000;
    uint256 private constant _REP_REPAID = 100;
    uint256 private constant _REP_DEFAULT = 1_000;
    uint256 private constant _REP_SETTLED = 10;

    uint8 private constant _OFFER_OPEN = 1;
    uint8 private constant _OFFER_WITHDRAWN = 2;
    uint8 private constant _LOAN_OPEN = 3;
    uint8 private constant _LOAN_REPAID = 4;
    uint8 private constant _LOAN_CLAIMED = 5;
    uint8 private constant _SETTLEMENT_OPEN = 1;
    uint8 private constant _SETTLEMENT_CONFIRMED = 2;
    uint8 private constant _SETTLEMENT_REFUNDED = 3;

    IParameterRegistry private immutable _REGISTRY;
    IERC20 private immutable _AUR;

    mapping(address bank => Bank) private _banks;
    uint256 private _bankCount;
    mapping(address token => uint256) private _escrowed;

    mapping(uint256 requestId => Request) private _requests;
    mapping(uint256 offerId => Offer) private _offers;
    mapping(uint256 settlementId => Settlement) private _settlements;
    mapping(uint256 proposalId => Proposal) private _proposals;
    mapping(uint256 proposalId => mapping(address voter => bool)) private _voted;
    uint256 private _requestCount;
    uint256 private _offerCount;
    uint256 private _settlementCount;
    uint256 private _proposalCount;

    /// @param nex NEX (staked, lent, settled)
    /// @param aur AUR (settled)
    /// @param registry the kit registry holding `bpci.mesh.*`
    constructor(
        IBurnableERC20 nex,
        IERC20 aur,
        IParameterRegistry registry
    ) StakingPools(nex) EIP712("BPCI bank mesh", "1") {
        if (address(aur) == address(0) || address(registry) == address(0)) revert StakingZeroAddress();
        _AUR = aur;
        _REGISTRY = registry;
    }

    // ------------------------------------------------------------------------------------ banks

    /// @inheritdoc IBankMesh
    function join(uint256 amount, string calldata name, string calldata endpoint) external nonReentrant {
        Pool storage pool = _pools[msg.sender];
        if (pool.registered) revert BankMeshAlreadyRegistered(msg.sender);
        uint256 minimum = _REGISTRY.get(BpciParams.MESH_MIN_STAKE);
        if (amount < minimum) revert BankMeshBelowMinimum(msg.sender, amount, minimum);
        uint256 n = bytes(name).length;
        uint256 e = bytes(endpoint).length;
        if (n == 0 || n > 64 || e == 0 || e > 256) revert BankMeshBadMetadata(n, e);
        pool.registered = true;
        pool.reputation = _REP_START;
        pool.globalAccSnapshot = _accRewardPerToken;
        ++_bankCount;
        _banks[msg.sender].lastHeartbeat = uint48(block.timestamp);
        emit BankJoined(msg.sender, name, endpoint, amount);
        _bond(amount);
    }

    /// @inheritdoc IBankMesh
    function heartbeat() external {
        _requireMember(msg.sender);
        _banks[msg.sender].lastHeartbeat = uint48(block.timestamp);
        emit BankHeartbeat(msg.sender, block.timestamp);
    }

    /// @inheritdoc IBankMesh
    function stake(uint256 amount) external nonReentrant {
        _requireMember(msg.sender);
        if (amount == 0) revert StakingZeroAmount();
        _bond(amount);
    }

    /// @inheritdoc IBankMesh
    function unbond(uint256 amount) external nonReentrant {
        if (amount == 0) revert StakingZeroAmount();
        uint256 open = _banks[msg.sender].openLoans;
        if (open != 0) revert BankMeshOpenLoans(msg.sender, open);
        _unbondAll(msg.sender, amount);
    }

    /// @inheritdoc IBankMesh
    function withdraw(uint256 index) external nonReentrant {
        uint256 count = _unbondings[msg.sender].length;
        if (index >= count) revert BankMeshUnknownUnbonding(msg.sender, index, count);
        uint256 unlockAt = _unbondings[msg.sender][index].unlockAt;
        if (block.timestamp < unlockAt) revert BankMeshStillUnbonding(msg.sender, index, block.timestamp, unlockAt);
        (, uint256 tokens_) = _takeUnbonding(msg.sender, index);
        emit BankWithdrawn(msg.sender, index, tokens_);
        if (tokens_ != 0) IERC20(address(_TOKEN)).safeTransfer(msg.sender, tokens_);
    }

    // ------------------------------------------------------------------------------------ liquidity

    /// @inheritdoc IBankMesh
    function requestLiquidity(
        address token,
        uint256 amount,
        uint256 maxRateBps,
        uint256 duration
    ) external returns (uint256 requestId) {
        _requireActive(msg.sender);
        if (token != address(_TOKEN)) revert BankMeshUnsupportedToken(token);
        if (amount == 0) revert StakingZeroAmount();
        if (maxRateBps > MAX_RATE_BPS) revert BankMeshRateTooHigh(maxRateBps, MAX_RATE_BPS);
        uint256 maxDuration = _REGISTRY.get(BpciParams.MESH_MAX_LOAN_DURATION);
        if (duration == 0 || duration > maxDuration) revert BankMeshBadDuration(duration, maxDuration);
        requestId = ++_requestCount;
        uint256 deadline = block.timestamp + _REGISTRY.get(BpciParams.MESH_REQUEST_WINDOW);
        Request storage r = _requests[requestId];
        r.requester = msg.sender;
        r.deadline = uint48(deadline); // registry-bounded windows: far below 2^48 s
        r.duration = uint32(duration); // <= bpci.mesh.maxLoanDuration (registry max 4 years) < 2^32
        r.maxRateBps = uint16(maxRateBps); // <= MAX_RATE_BPS < 2^16
        r.amount = amount;
        emit LiquidityRequested(requestId, msg.sender, amount, maxRateBps, duration, deadline);
    }

    /// @inheritdoc IBankMesh
    function cancelRequest(uint256 requestId) external {
        _validateRequest(requestId, _bit(uint8(RequestState.Open)));
        Request storage r = _requests[requestId];
        if (msg.sender != r.requester) revert BankMeshUnauthorized(msg.sender, r.requester);
        r.cancelled = true;
        emit LiquidityRequestCancelled(requestId);
    }

    /// @inheritdoc IBankMesh
    function offer(
        uint256 requestId,
        uint256 amount,
        uint256 rateBps,
        bytes32 conditionsHash
    ) external nonReentrant returns (uint256 offerId) {
        _validateRequest(requestId, _bit(uint8(RequestState.Open)));
        _requireActive(msg.sender);
        Request storage r = _requests[requestId];
        if (msg.sender == r.requester) revert BankMeshSelfDealing(msg.sender);
        if (amount == 0) revert StakingZeroAmount();
        if (rateBps > r.maxRateBps) revert BankMeshRateTooHigh(rateBps, r.maxRateBps);
        uint256 remaining = r.amount - r.accepted;
        if (amount > remaining) revert BankMeshExceedsRequest(requestId, amount, remaining);
        uint256 maxOffers = _REGISTRY.get(BpciParams.MESH_MAX_OFFERS);
        if (r.offers >= maxOffers) revert BankMeshTooManyOffers(requestId, r.offers, maxOffers);
        ++r.offers;
        offerId = ++_offerCount;
        Offer storage o = _offers[offerId];
        o.requestId = requestId;
        o.lender = msg.sender;
        o.rateBps = uint16(rateBps); // <= maxRateBps < 2^16
        o.status = _OFFER_OPEN;
        o.amount = amount;
        o.conditionsHash = conditionsHash;
        _escrowed[address(_TOKEN)] += amount;
        emit LiquidityOffered(offerId, requestId, msg.sender, amount, rateBps, conditionsHash);
        _pull(IERC20(address(_TOKEN)), amount);
    }

    /// @inheritdoc IBankMesh
    function withdrawOffer(uint256 offerId) external nonReentrant {
        _validateOffer(offerId, _bit(uint8(OfferState.Open)));
        Offer storage o = _offers[offerId];
        if (msg.sender != o.lender) revert BankMeshUnauthorized(msg.sender, o.lender);
        o.status = _OFFER_WITHDRAWN;
        uint256 amount = o.amount;
        _escrowed[address(_TOKEN)] -= amount;
        emit LiquidityOfferWithdrawn(offerId, amount);
        IERC20(address(_TOKEN)).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IBankMesh
    function accept(uint256 offerId) external nonReentrant {
        _validateOffer(offerId, _bit(uint8(OfferState.Open)));
        Offer storage o = _offers[offerId];
        uint256 requestId = o.requestId;
        _validateRequest(requestId, _bit(uint8(RequestState.Open)));
        Request storage r = _requests[requestId];
        if (msg.sender != r.requester) revert BankMeshUnauthorized(msg.sender, r.requester);
        _requireActive(msg.sender);
        uint256 principal = o.amount;
        uint256 remaining = r.amount - r.accepted;
        if (principal > remaining) revert BankMeshExceedsRequest(requestId, principal, remaining);
        r.accepted += principal;
        uint256 due = MeshInterest.due(principal, o.rateBps, r.duration);
        uint256 dueAt = block.timestamp + r.duration;
        o.status = _LOAN_OPEN;
        o.due = due;
        o.dueAt = uint48(dueAt); // registry-bounded windows: far below 2^48 s
        ++_banks[msg.sender].openLoans;
        _escrowed[address(_TOKEN)] -= principal;
        emit LoanOpened(offerId, msg.sender, o.lender, principal, due, dueAt);
        IERC20(address(_TOKEN)).safeTransfer(msg.sender, principal);
    }

    /// @inheritdoc IBankMesh
    function repay(uint256 loanId, uint256 amount) external nonReentrant {
        _validateLoan(loanId, _bit(uint8(LoanState.Active)) | _bit(uint8(LoanState.Overdue)));
        if (amount == 0) revert StakingZeroAmount();
        Offer storage o = _offers[loanId];
        uint256 owed = o.due - o.repaid;
        if (amount > owed) revert BankMeshOverpayment(loanId, amount, owed);
        uint256 repaid = o.repaid + amount;
        o.repaid = repaid;
        address lender = o.lender;
        emit LoanRepayment(loanId, amount, repaid);
        if (amount == owed) {
            o.status = _LOAN_REPAID;
            address borrower = _requests[o.requestId].requester;
            --_banks[borrower].openLoans;
            _moveReputation(borrower, int256(_REP_REPAID));
            emit LoanRepaid(loanId);
        }
        IERC20(address(_TOKEN)).safeTransferFrom(msg.sender, lender, amount);
    }

    /// @inheritdoc IBankMesh
    function claim(uint256 loanId) external nonReentrant returns (uint256 claimed) {
        _validateLoan(loanId, _bit(uint8(LoanState.Overdue)));
        Offer storage o = _offers[loanId];
        if (msg.sender != o.lender) revert BankMeshUnauthorized(msg.sender, o.lender);
        address borrower = _requests[o.requestId].requester;
        uint256 shortfall = o.due - o.repaid;
        Pool storage pool = _pools[borrower];
        claimed = _claimAmount(shortfall, pool.bondedTokens);
        o.status = _LOAN_CLAIMED;
        --_banks[borrower].openLoans;
        // Bonded pool only (no unbonding segments: a borrower with open loans cannot unbond, see `unbond`).
        _slashPools(borrower, 0, claimed, 0);
        _syncVotes(borrower, pool, _positions[borrower][borrower]);
        _moveReputation(borrower, -int256(_REP_DEFAULT));
        emit LoanClaimed(loanId, shortfall, claimed);
        if (claimed != 0) IERC20(address(_TOKEN)).safeTransfer(msg.sender, claimed);
    }

    // ------------------------------------------------------------------------------------ settlements

    /// @inheritdoc IBankMesh
    function openSettlement(
        address to,
        address token,
        uint256 amount,
        bytes32 purposeHash
    ) external nonReentrant returns (uint256 settlementId) {
        _requireActive(msg.sender);
        if (to == msg.sender) revert BankMeshSelfDealing(msg.sender);
        _requireMember(to);
        if (token != address(_TOKEN) && token != address(_AUR)) revert BankMeshUnsupportedToken(token);
        if (amount == 0) revert StakingZeroAmount();
        settlementId = ++_settlementCount;
        uint256 deadline = block.timestamp + _REGISTRY.get(BpciParams.MESH_SETTLEMENT_TIMEOUT);
        Settlement storage s = _settlements[settlementId];
        s.from = msg.sender;
        s.to = to;
        s.token = token;
        s.deadline = uint48(deadline); // registry-bounded windows: far below 2^48 s
        s.status = _SETTLEMENT_OPEN;
        s.amount = amount;
        s.purposeHash = purposeHash;
        _escrowed[token] += amount;
        emit SettlementOpened(settlementId, msg.sender, to, token, amount, purposeHash, deadline);
        _pull(IERC20(token), amount);
    }

    /// @inheritdoc IBankMesh
    function confirmSettlement(uint256 settlementId) external nonReentrant {
        _validateSettlement(settlementId, _bit(uint8(SettlementState.Open)));
        Settlement storage s = _settlements[settlementId];
        if (msg.sender != s.to) revert BankMeshUnauthorized(msg.sender, s.to);
        s.status = _SETTLEMENT_CONFIRMED;
        _escrowed[s.token] -= s.amount;
        _moveReputation(s.from, int256(_REP_SETTLED));
        emit SettlementConfirmed(settlementId);
        IERC20(s.token).safeTransfer(msg.sender, s.amount);
    }

    /// @inheritdoc IBankMesh
    function refundSettlement(uint256 settlementId) external nonReentrant {
        _validateSettlement(settlementId, _bit(uint8(SettlementState.Expired)));
        Settlement storage s = _settlements[settlementId];
        s.status = _SETTLEMENT_REFUNDED;
        _escrowed[s.token] -= s.amount;
        _moveReputation(s.to, -int256(_REP_SETTLED));
        emit SettlementRefunded(settlementId);
        IERC20(s.token).safeTransfer(s.from, s.amount);
    }

    // ------------------------------------------------------------------------------------ proposals

    /// @inheritdoc IBankMesh
    function propose(
        ProposalKind kind,
        address bank,
        bytes32 key,
        uint256 value,
        bytes32 descriptionHash
    ) external returns (uint256 proposalId) {
        _requireMember(msg.sender);
        if (kind == ProposalKind.ParameterChange) {
            if (key == bytes32(0) || bank != address(0)) revert BankMeshBadProposalTarget(bank, bankStatus(bank));
        } else {
            BankStatus st = bankStatus(bank);
            bool ok =
                kind == ProposalKind.Admission
                    ? st == BankStatus.Expelled
                    : (st == BankStatus.Active || st == BankStatus.Inactive);
            if (!ok || key != bytes32(0) || value != 0) revert BankMeshBadProposalTarget(bank, st);
        }
        uint256 snapshot = block.timestamp - 1;
        uint256 total = getPastTotalSupply(snapshot);
        if (total == 0) revert BankMeshNoStake();
        proposalId = ++_proposalCount;
        uint256 endsAt = block.timestamp + _REGISTRY.get(BpciParams.MESH_VOTING_PERIOD);
        Proposal storage p = _proposals[proposalId];
        p.proposer = msg.sender;
        p.kind = kind;
        p.snapshot = uint48(snapshot);
        p.endsAt = uint48(endsAt); // registry-bounded windows: far below 2^48 s
        p.thresholdBps = uint16(_REGISTRY.get(BpciParams.MESH_PASS_THRESHOLD_BPS)); // registry max 10,000
        p.bank = bank;
        p.key = key;
        p.value = value;
        p.descriptionHash = descriptionHash;
        p.totalStake = total;
        emit MeshProposalCreated(
            proposalId,
            msg.sender,
            kind,
            bank,
            key,
            value,
            descriptionHash,
            snapshot,
            endsAt,
            total
        );
    }

    /// @inheritdoc IBankMesh
    function vote(uint256 proposalId, bool approve) external {
        _validateProposal(proposalId, _bit(uint8(ProposalState.Active)));
        _requireMember(msg.sender);
        if (_voted[proposalId][msg.sender]) revert BankMeshAlreadyVoted(proposalId, msg.sender);
        Proposal storage p = _proposals[proposalId];
        uint256 weight = getPastVotes(msg.sender, p.snapshot);
        if (weight == 0) revert BankMeshNoVotes(proposalId, msg.sender, p.snapshot);
        _voted[proposalId][msg.sender] = true;
        if (approve) p.approvals += weight;
        else p.rejections += weight;
        emit MeshVoteCast(proposalId, msg.sender, approve, weight);
    }

    /// @inheritdoc IBankMesh
    function execute(uint256 proposalId) external nonReentrant {
        _validateProposal(proposalId, _bit(uint8(ProposalState.Passed)));
        Proposal storage p = _proposals[proposalId];
        p.executed = true;
        emit MeshProposalExecuted(proposalId);
        address bank = p.bank;
        if (p.kind == ProposalKind.ParameterChange) {
            emit MeshParameterChangeApproved(proposalId, p.key, p.value);
        } else if (p.kind == ProposalKind.Admission) {
            BankStatus st = bankStatus(bank);
            if (st != BankStatus.Expelled) revert BankMeshBadProposalTarget(bank, st);
            _banks[bank].expelled = false;
            emit BankAdmitted(bank, proposalId);
        } else {
            BankStatus st = bankStatus(bank);
            if (st != BankStatus.Active && st != BankStatus.Inactive) revert BankMeshBadProposalTarget(bank, st);
            _banks[bank].expelled = true;
            uint256 unbonded;
            uint256 value = stakeOf(bank);
            if (_banks[bank].openLoans == 0 && value != 0 && _unbondings[bank].length < MAX_UNBONDINGS) {
                unbonded = value;
                _unbondAll(bank, value);
            }
            emit BankExpelled(bank, proposalId, unbonded);
        }
    }

    // ------------------------------------------------------------------------------------ views

    /// @inheritdoc IBankMesh
    function bankStatus(address bank) public view returns (BankStatus) {
        if (!_pools[bank].registered) return BankStatus.None;
        Bank storage b = _banks[bank];
        if (b.expelled) return BankStatus.Expelled;
        if (block.timestamp >= uint256(b.lastHeartbeat) + _REGISTRY.get(BpciParams.MESH_HEARTBEAT_PERIOD)) {
            return BankStatus.Inactive;
        }
        if (stakeOf(bank) < _REGISTRY.get(BpciParams.MESH_MIN_STAKE)) return BankStatus.Inactive;
        return BankStatus.Active;
    }

    /// @inheritdoc IBankMesh
    function bankOf(address bank) external view returns (Bank memory) {
        return _banks[bank];
    }

    /// @inheritdoc IBankMesh
    function reputationOf(address bank) external view returns (uint256) {
        return _pools[bank].reputation;
    }

    /// @inheritdoc IBankMesh
    function stakeOf(address bank) public view returns (uint256) {
        return _positionTokens(bank, bank);
    }

    /// @inheritdoc IBankMesh
    function bankCount() external view returns (uint256) {
        return _bankCount;
    }

    /// @inheritdoc IBankMesh
    function unbondingCount(address account) external view returns (uint256) {
        return _unbondings[account].length;
    }

    /// @inheritdoc IBankMesh
    function unbondingAt(address account, uint256 index) external view returns (uint256 unlockAt, uint256 value) {
        Unbonding storage u = _unbondings[account][index];
        return (u.unlockAt, _books[u.provider].valueOf(u));
    }

    /// @inheritdoc IBankMesh
    function escrowed(address token) external view returns (uint256) {
        return _escrowed[token];
    }

    /// @inheritdoc IBankMesh
    function requestOf(uint256 requestId) external view returns (Request memory) {
        return _requests[requestId];
    }

    /// @inheritdoc IBankMesh
    function requestState(uint256 requestId) public view returns (RequestState) {
        Request storage r = _requests[requestId];
        if (r.requester == address(0)) return RequestState.None;
        if (r.cancelled) return RequestState.Cancelled;
        if (r.accepted == r.amount) return RequestState.Filled;
        if (block.timestamp >= r.deadline) return RequestState.Expired;
        return RequestState.Open;
    }

    /// @inheritdoc IBankMesh
    function offerOf(uint256 offerId) external view returns (Offer memory) {
        return _offers[offerId];
    }

    /// @inheritdoc IBankMesh
    function offerState(uint256 offerId) public view returns (OfferState) {
        uint8 s = _offers[offerId].status;
        if (s == 0) return OfferState.None;
        if (s == _OFFER_OPEN) return OfferState.Open;
        if (s == _OFFER_WITHDRAWN) return OfferState.Withdrawn;
        return OfferState.Accepted;
    }

    /// @inheritdoc IBankMesh
    function loanState(uint256 loanId) public view returns (LoanState) {
        Offer storage o = _offers[loanId];
        uint8 s = o.status;
        if (s == _LOAN_REPAID) return LoanState.Repaid;
        if (s == _LOAN_CLAIMED) return LoanState.Claimed;
        if (s != _LOAN_OPEN) return LoanState.None;
        return block.timestamp >= o.dueAt ? LoanState.Overdue : LoanState.Active;
    }

    /// @inheritdoc IBankMesh
    function settlementOf(uint256 settlementId) external view returns (Settlement memory) {
        return _settlements[settlementId];
    }

    /// @inheritdoc IBankMesh
    function settlementState(uint256 settlementId) public view returns (SettlementState) {
        Settlement storage s = _settlements[settlementId];
        uint8 st = s.status;
        if (st == 0) return SettlementState.None;
        if (st == _SETTLEMENT_CONFIRMED) return SettlementState.Confirmed;
        if (st == _SETTLEMENT_REFUNDED) return SettlementState.Refunded;
        return block.timestamp >= s.deadline ? SettlementState.Expired : SettlementState.Open;
    }

    /// @inheritdoc IBankMesh
    function proposalOf(uint256 proposalId) external view returns (Proposal memory) {
        return _proposals[proposalId];
    }

    /// @inheritdoc IBankMesh
    function proposalState(uint256 proposalId) public view returns (ProposalState) {
        Proposal storage p = _proposals[proposalId];
        if (p.proposer == address(0)) return ProposalState.None;
        if (p.executed) return ProposalState.Executed;
        if (p.approvals * BPS >= uint256(p.thresholdBps) * p.totalStake) return ProposalState.Passed;
        if (block.timestamp >= p.endsAt) return ProposalState.Rejected;
        return ProposalState.Active;
    }

    /// @inheritdoc IBankMesh
    function hasVoted(uint256 proposalId, address voter) external view returns (bool) {
        return _voted[proposalId][voter];
    }

    /// @inheritdoc IBankMesh
    function counts() external view returns (uint256, uint256, uint256, uint256) {
        return (_requestCount, _offerCount, _settlementCount, _proposalCount);
    }

    // ------------------------------------------------------------------------------------ internals

    /// @dev What a claim takes from a `stake`-wei bonded pool for a `shortfall`: never more than either.
    /// (Virtual only for the known-bad canary in contracts/mocks/bpci.)
    function _claimAmount(uint256 shortfall, uint256 stake_) internal view virtual returns (uint256) {
        return Math.min(shortfall, stake_);
    }

    function _unbondingPeriod() internal view override returns (uint256) {
        return _REGISTRY.get(BpciParams.MESH_UNBONDING_PERIOD);
    }

    function _bond(uint256 amount) private {
        uint256 shares = _deposit(msg.sender, msg.sender, amount);
        emit BankStaked(msg.sender, amount, shares);
        _pull(IERC20(address(_TOKEN)), amount);
    }

    function _unbondAll(address bank, uint256 amount) private {
        uint256 count = _unbondings[bank].length;
        if (count >= MAX_UNBONDINGS) revert BankMeshTooManyUnbondings(bank, count, MAX_UNBONDINGS);
        uint256 unlockAt = _startUnbonding(bank, bank, amount);
        emit BankUnbondingStarted(bank, count, amount, unlockAt);
    }

    /// @dev Pulls `amount` of `token` from the caller. No balance-delta check: the only tokens are NEX and AUR (fixed
    /// at construction), which move exact amounts.
    function _pull(IERC20 token, uint256 amount) private {
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function _moveReputation(address bank, int256 delta) private {
        Pool storage pool = _pools[bank];
        uint256 r = pool.reputation;
        uint256 next;
        if (delta >= 0) next = Math.min(r + uint256(delta), _REP_MAX);
        else next = r > uint256(-delta) ? r - uint256(-delta) : 0;
        if (next == r) return;
        pool.reputation = next;
        emit BankReputationChanged(bank, next);
    }

    function _requireMember(address bank) private view {
        BankStatus st = bankStatus(bank);
        if (st != BankStatus.Active && st != BankStatus.Inactive) revert BankMeshNotMember(bank, st);
    }

    function _requireActive(address bank) private view {
        BankStatus st = bankStatus(bank);
        if (st != BankStatus.Active) revert BankMeshNotActive(bank, st);
    }

    function _bit(uint8 state) private pure returns (bytes32) {
        return StateBitmap.encode(state);
    }

    function _validateRequest(uint256 id, bytes32 allowed) private view {
        RequestState c = requestState(id);
        if (!StateBitmap.contains(allowed, uint8(c))) revert BankMeshUnexpectedRequestState(id, c, allowed);
    }

    function _validateOffer(uint256 id, bytes32 allowed) private view {
        OfferState c = offerState(id);
        if (!StateBitmap.contains(allowed, uint8(c))) revert BankMeshUnexpectedOfferState(id, c, allowed);
    }

    function _validateLoan(uint256 id, bytes32 allowed) private view {
        LoanState c = loanState(id);
        if (!StateBitmap.contains(allowed, uint8(c))) revert BankMeshUnexpectedLoanState(id, c, allowed);
    }

    function _validateSettlement(uint256 id, bytes32 allowed) private view {
        SettlementState c = settlementState(id);
        if (!StateBitmap.contains(allowed, uint8(c))) revert BankMeshUnexpectedSettlementState(id, c, allowed);
    }

    function _validateProposal(uint256 id, bytes32 allowed) private view {
        ProposalState c = proposalState(id);
        if (!StateBitmap.contains(allowed, uint8(c))) revert BankMeshUnexpectedProposalState(id, c, allowed);
    }
}
