// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IInferenceMarketplace} from "./IInferenceMarketplace.sol";
import {QuiverParams} from "../QuiverParams.sol";
import {MarketMath} from "./MarketMath.sol";
import {JobBook} from "./JobBook.sol";
import {BPS} from "../../utils/Constants.sol";

/// @title InferenceMarketplace
/// @notice Sealed-bid inference jobs with escrow, receipts and a four-leg fee split.
/// @dev Design: the escrow ledger is `_totals.escrowed` (sum of the prices of Accepted and Submitted jobs)
/// plus the accrued fees (`_pending`, `_totals.pendingBurn`); the token balance equals their sum exactly
/// (invariant MKT_ESCROW). Settlement writes the job status, accrues the three fee legs and pushes only the
/// provider reward, so a settlement costs one token transfer; `flushFees` batches the fee legs. The fee
/// shares are copied into the job at accept (MKT-06) and the receipt is recomputed from them with the same
/// FeeSplit call that paid it. Every time-dependent rule reads the derived `state(jobId)`.
contract InferenceMarketplace is AccessControl, ReentrancyGuardTransient, JobBook {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @inheritdoc IInferenceMarketplace
    bytes32 public constant DISPUTE_ROLE = keccak256("DISPUTE_ROLE");

    /// @dev 50% in bps: kit safety bound on network + treasury + burn shares, so a misconfigured oracle or
    /// registry can never take more than half of a provider's price.
    uint256 private constant _MAX_FEE_BPS = 5_000;

    /// @param admin DEFAULT_ADMIN_ROLE (the deployer, handed to the timelock by the Governance module)
    /// @param token_ the payment token (QUIV: permit and burnable)
    /// @param registry_ the ParameterRegistry
    /// @param staking_ ProviderStaking (tiers, rewards accumulator, reputation)
    /// @param oracle_ PricingOracle (network fee, reference price, activity)
    /// @param treasury_ receiver of the treasury fee
    constructor(
        address admin,
        address token_,
        address registry_,
        address staking_,
        address oracle_,
        address treasury_
    ) JobBook(token_, registry_, staking_, oracle_, treasury_) {
        if (admin == address(0)) revert MarketZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ---------------------------------------------------------------- consumer and provider actions

    /// @inheritdoc IInferenceMarketplace
    function post(JobRequest calldata r) external nonReentrant returns (uint256 jobId) {
        if (r.minTier == 0) revert MarketInvalidTier(r.minTier);
        uint256 minPrice = _registry.get(QuiverParams.MARKET_MIN_PRICE);
        if (r.maxPrice < minPrice) revert MarketPriceTooLow(r.maxPrice, minPrice);
        uint256 ceilingBps = _registry.get(QuiverParams.MARKET_PRICE_CEILING_BPS);
        if (ceilingBps != 0) {
            uint256 ceiling = Math.mulDiv(_oracle.referencePrice(r.sizeClass), ceilingBps, BPS, Math.Rounding.Floor);
            if (r.maxPrice > ceiling) revert MarketPriceAboveCeiling(r.maxPrice, ceiling);
        }
        uint256 revealDeadline = uint256(r.bidDeadline) + _registry.get(QuiverParams.MARKET_REVEAL_WINDOW);
        if (r.bidDeadline <= block.timestamp || r.completionDeadline <= revealDeadline) {
            revert MarketInvalidDeadlines(r.bidDeadline, revealDeadline, r.completionDeadline);
        }

        jobId = ++_jobCount;
        Job storage j = _jobs[jobId];
        j.consumer = msg.sender;
        j.bidDeadline = uint256(r.bidDeadline).toUint48();
        j.minTier = r.minTier;
        j.sizeClass = r.sizeClass;
        j.status = JobStatus.Posted;
        j.completionDeadline = r.completionDeadline;
        j.maxPrice = r.maxPrice;
        // revealDeadline < completionDeadline, a uint64.
        j.revealDeadline = uint64(revealDeadline);
        j.modelHash = r.modelHash;
        j.inputHash = r.inputHash;
        emit JobPosted(
            jobId,
            msg.sender,
            r.modelHash,
            r.inputHash,
            r.maxPrice,
            r.bidDeadline,
            uint64(revealDeadline),
            r.completionDeadline,
            r.minTier,
            r.sizeClass
        );
        // SEC-11: a post escrows nothing and can be cancelled at once, so it is not demand; `_settle` records it.
    }

    /// @inheritdoc IInferenceMarketplace
    function commitBid(uint256 jobId, bytes32 commitment) external {
        Job storage j = _jobs[jobId];
        _validateStateBitmap(jobId, j, _encodeStateBitmap(JobState.Bidding));
        if (commitment == bytes32(0)) revert MarketZeroCommitment(jobId, msg.sender);
        Bid storage b = _bids[jobId][msg.sender];
        if (b.commitment != bytes32(0)) revert MarketBidAlreadyCommitted(jobId, msg.sender);
        uint8 tier = _staking.tierOf(msg.sender);
        if (tier < j.minTier) revert MarketTierTooLow(jobId, msg.sender, tier, j.minTier);
        b.commitment = commitment;
        emit BidCommitted(jobId, msg.sender, commitment);
    }

    /// @inheritdoc IInferenceMarketplace
    function revealBid(uint256 jobId, uint256 price, bytes32 salt) external nonReentrant {
        Job storage j = _jobs[jobId];
        _validateStateBitmap(jobId, j, _encodeStateBitmap(JobState.Revealing));
        Bid storage b = _bids[jobId][msg.sender];
        bytes32 commitment = b.commitment;
        if (commitment == bytes32(0)) revert MarketNoBid(jobId, msg.sender);
        if (b.revealed) revert MarketBidAlreadyRevealed(jobId, msg.sender);
        bytes32 revealed = bidCommitment(jobId, msg.sender, price, salt);
        if (revealed != commitment) revert MarketBidMismatch(jobId, msg.sender, commitment, revealed);
        if (price == 0 || price > j.maxPrice) revert MarketBidOutOfRange(jobId, msg.sender, price, j.maxPrice);
        // price <= maxPrice, a uint128.
        b.price = uint128(price);
        b.revealed = true;
        // Supply is an offer at the reference price or below it (SIM-02): a bid above it, which can lose at no cost,
        // is no supply at that price. Counted on the job, reported when it settles (a bid on a job that never pays is
        // not supply). Reverts PricingUnknownSizeClass for a class the oracle does not price, so such a job never has
        // a revealed bid to accept, never escrows, and no settlement can meet an oracle that refuses its report.
        if (price <= _oracle.referencePrice(j.sizeClass) && j.supplyBids != type(uint16).max) ++j.supplyBids;
        emit BidRevealed(jobId, msg.sender, price);
    }

    /// @inheritdoc IInferenceMarketplace
    function accept(uint256 jobId, address provider) external nonReentrant {
        _accept(jobId, provider);
    }

    /// @inheritdoc IInferenceMarketplace
    function acceptWithPermit(
        uint256 jobId,
        address provider,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        // A front-run permit (same signature already used) must not block the accept: the allowance it
        // created is still there, and `_accept` fails cleanly on its own if it is not.
        try
            IERC20Permit(address(_token)).permit(
                msg.sender,
                address(this),
                _bids[jobId][provider].price,
                deadline,
                v,
                r,
                s
            )
        {} catch {} // solhint-disable-line no-empty-blocks
        _accept(jobId, provider);
    }

    /// @inheritdoc IInferenceMarketplace
    function submit(uint256 jobId, bytes32 outputHash, bytes32 receiptHash) external {
        Job storage j = _jobs[jobId];
        _validateStateBitmap(jobId, j, _encodeStateBitmap(JobState.InProgress));
        if (msg.sender != j.provider) revert MarketUnauthorized(jobId, msg.sender, j.provider);
        if (outputHash == bytes32(0) || receiptHash == bytes32(0)) revert MarketZeroHash(jobId);
        // SEC-02: the provider must still answer for the receipt (tier and slashable stake, as at accept).
        uint8 tier = _staking.tierOf(msg.sender);
        if (tier < j.minTier) revert MarketTierTooLow(jobId, msg.sender, tier, j.minTier);
        if (_staking.slashableStakeOf(msg.sender) == 0) revert MarketNothingSlashable(jobId, msg.sender);
        j.status = JobStatus.Submitted;
        j.submittedAt = uint64(block.timestamp);
        j.reviewEndsAt = (block.timestamp + _registry.get(QuiverParams.MARKET_REVIEW_WINDOW)).toUint64();
        j.outputHash = outputHash;
        j.receiptHash = receiptHash;
        emit JobSubmitted(jobId, msg.sender, outputHash, receiptHash);
    }

    /// @inheritdoc IInferenceMarketplace
    function confirm(uint256 jobId) external nonReentrant {
        Job storage j = _jobs[jobId];
        _validateStateBitmap(jobId, j, _confirmable);
        if (msg.sender != j.consumer) revert MarketUnauthorized(jobId, msg.sender, j.consumer);
        _settle(jobId, j);
    }

    /// @inheritdoc IInferenceMarketplace
    function release(uint256 jobId) external nonReentrant {
        Job storage j = _jobs[jobId];
        _validateStateBitmap(jobId, j, _encodeStateBitmap(JobState.Releasable));
        _settle(jobId, j);
    }

    /// @inheritdoc IInferenceMarketplace
    function refundExpired(uint256 jobId) external nonReentrant {
        Job storage j = _jobs[jobId];
        _validateStateBitmap(jobId, j, _encodeStateBitmap(JobState.Expired));
        _refund(jobId, j);
    }

    /// @inheritdoc IInferenceMarketplace
    function cancel(uint256 jobId) external {
        Job storage j = _jobs[jobId];
        _validateStateBitmap(jobId, j, _cancellable);
        if (msg.sender != j.consumer) revert MarketUnauthorized(jobId, msg.sender, j.consumer);
        j.status = JobStatus.Cancelled;
        emit JobCancelled(jobId);
    }

    /// @inheritdoc IInferenceMarketplace
    function flushFees() external nonReentrant {
        PendingFees memory p = _pending;
        uint256 burned = _totals.pendingBurn;
        delete _pending;
        _totals.pendingBurn = 0;
        uint256 networkPaid = p.network;
        if (networkPaid != 0) {
            _token.forceApprove(address(_staking), networkPaid);
            // solhint-disable-next-line no-empty-blocks
            try _staking.distributeRewards(networkPaid) {} catch {
                // Staking refused (e.g. no stake yet): keep the network fee accrued for a later flush.
                _pending.network = p.network;
                networkPaid = 0;
                _token.forceApprove(address(_staking), 0);
            }
        }
        emit FeesFlushed(networkPaid, p.treasury, burned);
        if (p.treasury != 0) _token.safeTransfer(_treasury, p.treasury);
        if (burned != 0) ERC20Burnable(address(_token)).burn(burned);
    }

    // ---------------------------------------------------------------- dispute hooks

    /// @inheritdoc IInferenceMarketplace
    function lockForDispute(uint256 jobId) external onlyRole(DISPUTE_ROLE) returns (bool locked) {
        Job storage j = _jobs[jobId];
        if (j.status != JobStatus.Submitted) return false;
        uint16 open = j.openDisputes + 1;
        j.openDisputes = open;
        emit JobDisputeLockChanged(jobId, true, open);
        return true;
    }

    /// @inheritdoc IInferenceMarketplace
    function unlockFromDispute(uint256 jobId, bool upheld) external nonReentrant onlyRole(DISPUTE_ROLE) {
        Job storage j = _jobs[jobId];
        if (j.openDisputes == 0) revert MarketNotLocked(jobId);
        // openDisputes >= 1.
        uint16 open = j.openDisputes - 1;
        j.openDisputes = open;
        emit JobDisputeLockChanged(jobId, false, open);
        if (upheld && j.status == JobStatus.Submitted) _refund(jobId, j);
    }

    // ---------------------------------------------------------------- internals

    function _accept(uint256 jobId, address provider) private {
        Job storage j = _jobs[jobId];
        _validateStateBitmap(jobId, j, _encodeStateBitmap(JobState.Awarding));
        if (msg.sender != j.consumer) revert MarketUnauthorized(jobId, msg.sender, j.consumer);
        Bid storage b = _bids[jobId][provider];
        if (!b.revealed) revert MarketNoBid(jobId, provider);
        uint8 tier = _staking.tierOf(provider);
        if (tier < j.minTier) revert MarketTierTooLow(jobId, provider, tier, j.minTier);
        uint256 networkBps = _oracle.networkFeeBps();
        uint256 treasuryBps = _registry.get(QuiverParams.MARKET_TREASURY_FEE_BPS);
        uint256 burnBps = _registry.get(QuiverParams.MARKET_BURN_BPS);
        uint256 totalBps = networkBps + treasuryBps + burnBps;
        if (totalBps > _MAX_FEE_BPS) revert MarketFeesTooHigh(jobId, totalBps, _MAX_FEE_BPS);

        uint128 price = b.price;
        j.provider = provider;
        j.price = price;
        j.status = JobStatus.Accepted;
        // Each share is <= totalBps <= 5,000, so the uint16 casts are exact.
        j.networkFeeBps = uint16(networkBps);
        j.treasuryFeeBps = uint16(treasuryBps);
        j.burnBps = uint16(burnBps);
        Totals memory t = _totals;
        t.escrowed += price;
        t.openJobs += 1;
        _totals = t;
        emit BidAccepted(jobId, provider, price, uint16(networkBps), uint16(treasuryBps), uint16(burnBps));

        uint256 before = _token.balanceOf(address(this));
        _token.safeTransferFrom(msg.sender, address(this), price);
        uint256 received = _token.balanceOf(address(this)) - before;
        if (received != price) revert MarketTransferShortfall(jobId, received, price);
    }

    /// @dev Pays an accepted job: the reward to the provider, the fees booked as pending. Virtual only for the
    /// invariant suite's known-bad canary (contracts/mocks/quiver/OverpayingMarketplace.sol); nothing overrides it.
    function _settle(uint256 jobId, Job storage j) internal virtual {
        address provider = j.provider;
        uint256 price = j.price;
        j.status = JobStatus.Settled;
        (uint256 reward, uint256 networkFee, uint256 treasuryFee, uint256 burned) = MarketMath.splitPayment(
            price,
            j.networkFeeBps,
            j.treasuryFeeBps,
            j.burnBps
        );
        Totals memory t = _totals;
        // price is part of `escrowed` (added at accept) and the job one of `openJobs`.
        unchecked {
            t.escrowed -= uint128(price);
            t.openJobs -= 1;
        }
        t.pendingBurn += burned.toUint96();
        _totals = t;
        PendingFees memory p = _pending;
        p.network += networkFee.toUint128();
        p.treasury += treasuryFee.toUint128();
        _pending = p;
        emit JobSettled(jobId, provider, msg.sender, reward, networkFee, treasuryFee, burned);
        // Demand and supply are what was paid for (SEC-11, fee-attack-up): the price in reference prices and the
        // job's revealed bids, counted once per job here; a post, an expired accept or a refund never reaches this.
        _oracle.recordSettlement(j.sizeClass, price, j.supplyBids);
        _token.safeTransfer(provider, reward);
        _staking.recordJobCompleted(provider);
    }

    function _refund(uint256 jobId, Job storage j) private {
        uint256 price = j.price;
        address consumer = j.consumer;
        j.status = JobStatus.Refunded;
        Totals memory t = _totals;
        // price is part of `escrowed` (added at accept) and the job one of `openJobs`.
        unchecked {
            t.escrowed -= uint128(price);
            t.openJobs -= 1;
        }
        _totals = t;
        emit JobRefunded(jobId, consumer, price);
        _token.safeTransfer(consumer, price);
    }
}
