// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IInferenceMarketplace
/// @notice QUIVer inference jobs: a consumer posts a job, staked providers bid with sealed (commit-reveal)
/// bids, the consumer accepts one bid and the price moves into escrow, the provider submits an output hash
/// and a receipt, and the consumer confirms (or, after the review window, anyone releases). The price is
/// split with FeeSplit into network fee (to stakers), treasury fee, burn and provider reward (the last leg,
/// which takes the rounding dust). Failed and expired jobs refund the consumer exactly.
/// @dev Powers: DEFAULT_ADMIN_ROLE (the timelock) only manages roles; DISPUTE_ROLE (the DisputeManager)
/// locks a job's escrow while a challenge of its receipt is open and, when the dispute is upheld, refunds
/// the consumer. Nobody can move escrowed funds anywhere but to the job's consumer or its fee legs.
/// Fees are accrued on settlement and pushed out in one batch by `flushFees` (anyone), which keeps a
/// settlement at one token transfer. The fee shares that apply to a job are fixed when its bid is accepted.
/// Warning: the network fee share comes from the PricingOracle and the treasury and burn shares from the
/// ParameterRegistry; `accept` reverts if their sum exceeds 50%.
interface IInferenceMarketplace {
    /// @notice The stored lifecycle status of a job; `state(jobId)` derives the time-dependent state from it.
    enum JobStatus {
        None,
        Posted,
        Accepted,
        Submitted,
        Settled,
        Refunded,
        Cancelled
    }

    /// @notice The derived state of a job (bit `uint8(state)` in `MarketUnexpectedState.allowed`).
    /// @dev Bidding: before the bid deadline. Revealing: until the reveal deadline. Awarding: the consumer
    /// may accept a revealed bid until the completion deadline. Lapsed: posted, never accepted, completion
    /// deadline passed (nothing escrowed). InProgress: accepted, waiting for the receipt. Expired: accepted
    /// and no receipt by the completion deadline (refundable). InReview: receipt in, review window open.
    /// Releasable: review window over. Challenged: a dispute on the receipt is open (escrow locked).
    /// Settled, Refunded, Cancelled: terminal.
    enum JobState {
        None,
        Bidding,
        Revealing,
        Awarding,
        Lapsed,
        InProgress,
        Expired,
        InReview,
        Releasable,
        Challenged,
        Settled,
        Refunded,
        Cancelled
    }

    /// @notice A job as stored.
    /// @param consumer who posted and pays
    /// @param bidDeadline end of the commit window (unix seconds)
    /// @param minTier smallest provider tier allowed to bid (ProviderStaking.tierOf)
    /// @param sizeClass model size class (PricingOracle)
    /// @param status stored status
    /// @param openDisputes number of open disputes locking the escrow (at most 65,535)
    /// @param provider accepted provider (zero before accept)
    /// @param completionDeadline the receipt must be submitted before this time (unix seconds)
    /// @param maxPrice largest price the consumer accepts (wei)
    /// @param price accepted price, held in escrow until settlement or refund (wei)
    /// @param revealDeadline end of the reveal window (unix seconds)
    /// @param submittedAt when the receipt was submitted (unix seconds, 0 before)
    /// @param reviewEndsAt end of the review window (unix seconds, 0 before submission)
    /// @param networkFeeBps network fee share fixed at accept (bps)
    /// @param treasuryFeeBps treasury fee share fixed at accept (bps)
    /// @param burnBps burned share fixed at accept (bps)
    /// @param supplyBids bids revealed at or below the reference price of the job's size class at the time
    /// (saturates at 65,535); reported to the PricingOracle as the job's supply when it settles
    /// @param modelHash hash identifying the model
    /// @param inputHash hash of the input
    /// @param outputHash hash of the output (zero before submission)
    /// @param receiptHash hash of the off-chain receipt (zero before submission)
    struct Job {
        address consumer;
        uint48 bidDeadline;
        uint8 minTier;
        uint8 sizeClass;
        JobStatus status;
        uint16 openDisputes;
        address provider;
        uint64 completionDeadline;
        uint128 maxPrice;
        uint128 price;
        uint64 revealDeadline;
        uint64 submittedAt;
        uint64 reviewEndsAt;
        uint16 networkFeeBps;
        uint16 treasuryFeeBps;
        uint16 burnBps;
        uint16 supplyBids;
        bytes32 modelHash;
        bytes32 inputHash;
        bytes32 outputHash;
        bytes32 receiptHash;
    }

    /// @notice Input of `post`.
    /// @param modelHash hash identifying the model
    /// @param inputHash hash of the input
    /// @param maxPrice largest price the consumer will accept (wei, >= `quiver.market.minPrice`)
    /// @param bidDeadline end of the sealed-bid commit window (unix seconds, in the future)
    /// @param completionDeadline receipt deadline (unix seconds, after the reveal deadline)
    /// @param minTier smallest provider tier allowed to bid (1..4)
    /// @param sizeClass model size class used by the PricingOracle
    struct JobRequest {
        bytes32 modelHash;
        bytes32 inputHash;
        uint128 maxPrice;
        uint64 bidDeadline;
        uint64 completionDeadline;
        uint8 minTier;
        uint8 sizeClass;
    }

    /// @notice Every leg of a settled job's payment (all zero unless the job is Settled).
    /// @param providerReward paid to the provider (wei; the remainder leg)
    /// @param networkFee accrued for stakers (wei)
    /// @param treasuryFee accrued for the treasury (wei)
    /// @param burned accrued for burning (wei)
    struct Receipt {
        uint256 providerReward;
        uint256 networkFee;
        uint256 treasuryFee;
        uint256 burned;
    }

    /// @notice The job is not in one of the states the call needs.
    /// @param jobId the job
    /// @param current its derived state
    /// @param allowed bitmap of allowed states (bit `uint8(state)` set, see utils/StateBitmap)
    error MarketUnexpectedState(uint256 jobId, JobState current, bytes32 allowed);
    /// @notice The caller is not the job's consumer (or accepted provider).
    error MarketUnauthorized(uint256 jobId, address caller, address required);
    /// @notice The job's max price is below the registry minimum.
    error MarketPriceTooLow(uint256 maxPrice, uint256 minPrice);
    /// @notice The job's max price is above the oracle ceiling (`referencePrice * priceCeilingBps / 10,000`).
    error MarketPriceAboveCeiling(uint256 maxPrice, uint256 ceiling);
    /// @notice The deadlines are not ordered `now < bidDeadline`, `revealDeadline < completionDeadline`.
    error MarketInvalidDeadlines(uint256 bidDeadline, uint256 revealDeadline, uint256 completionDeadline);
    /// @notice The minimum tier is 0 (every job needs a staked provider).
    error MarketInvalidTier(uint8 minTier);
    /// @notice The provider's tier is below the job's minimum.
    error MarketTierTooLow(uint256 jobId, address provider, uint8 tier, uint8 minTier);
    /// @notice The provider has no slashable stake left (`IStakingHooks.slashableStakeOf` is 0), SEC-02.
    error MarketNothingSlashable(uint256 jobId, address provider);
    /// @notice The provider already committed a bid on this job.
    error MarketBidAlreadyCommitted(uint256 jobId, address provider);
    /// @notice The bid commitment is the zero hash.
    error MarketZeroCommitment(uint256 jobId, address provider);
    /// @notice The provider has no committed bid (or it is not revealed, for `accept`).
    error MarketNoBid(uint256 jobId, address provider);
    /// @notice The provider already revealed its bid.
    error MarketBidAlreadyRevealed(uint256 jobId, address provider);
    /// @notice The revealed price and salt do not hash to the commitment.
    error MarketBidMismatch(uint256 jobId, address provider, bytes32 commitment, bytes32 revealed);
    /// @notice The revealed price is zero or above the job's max price.
    error MarketBidOutOfRange(uint256 jobId, address provider, uint256 price, uint256 maxPrice);
    /// @notice The fee shares in force at accept sum to more than the 50% safety bound.
    error MarketFeesTooHigh(uint256 jobId, uint256 totalFeeBps, uint256 maxFeeBps);
    /// @notice The escrow received fewer tokens than the price (fee-on-transfer tokens are rejected).
    error MarketTransferShortfall(uint256 jobId, uint256 received, uint256 expected);
    /// @notice The output or receipt hash is zero.
    error MarketZeroHash(uint256 jobId);
    /// @notice A constructor address is zero.
    error MarketZeroAddress();
    /// @notice `unlockFromDispute` for a job that holds no dispute lock.
    error MarketNotLocked(uint256 jobId);

    /// @notice A job was posted.
    event JobPosted(
        uint256 indexed jobId,
        address indexed consumer,
        bytes32 indexed modelHash,
        bytes32 inputHash,
        uint256 maxPrice,
        uint64 bidDeadline,
        uint64 revealDeadline,
        uint64 completionDeadline,
        uint8 minTier,
        uint8 sizeClass
    );
    /// @notice A provider committed a sealed bid.
    event BidCommitted(uint256 indexed jobId, address indexed provider, bytes32 commitment);
    /// @notice A provider revealed its bid.
    event BidRevealed(uint256 indexed jobId, address indexed provider, uint256 price);
    /// @notice The consumer accepted a bid and escrowed its price; the fee shares are fixed.
    event BidAccepted(
        uint256 indexed jobId,
        address indexed provider,
        uint256 price,
        uint16 networkFeeBps,
        uint16 treasuryFeeBps,
        uint16 burnBps
    );
    /// @notice The provider submitted its output and receipt.
    event JobSubmitted(uint256 indexed jobId, address indexed provider, bytes32 outputHash, bytes32 receiptHash);
    /// @notice A job was settled; every leg of its payment.
    event JobSettled(
        uint256 indexed jobId,
        address indexed provider,
        address indexed by,
        uint256 providerReward,
        uint256 networkFee,
        uint256 treasuryFee,
        uint256 burned
    );
    /// @notice A job's escrow was refunded to its consumer (expired, or receipt failed a dispute).
    event JobRefunded(uint256 indexed jobId, address indexed consumer, uint256 amount);
    /// @notice The consumer cancelled a job before accepting a bid (nothing was escrowed).
    event JobCancelled(uint256 indexed jobId);
    /// @notice A dispute locked (`locked = true`) or released a job's escrow; `openDisputes` after the change.
    event JobDisputeLockChanged(uint256 indexed jobId, bool locked, uint16 openDisputes);
    /// @notice Accrued fees were pushed out: network fee to stakers (0 if staking refused it), treasury, burn.
    event FeesFlushed(uint256 networkFee, uint256 treasuryFee, uint256 burned);

    /// @notice Role of the DisputeManager.
    function DISPUTE_ROLE() external view returns (bytes32);

    /// @notice Posts a job; nothing is escrowed until a bid is accepted.
    /// @dev The reveal deadline is `bidDeadline + quiver.market.revealWindow`. Reports demand to the oracle.
    /// If `quiver.market.priceCeilingBps` is non-zero, `maxPrice` must not exceed the oracle reference price
    /// times that share.
    /// @param request the job
    /// @return jobId the new job's id (sequential from 1)
    function post(JobRequest calldata request) external returns (uint256 jobId);

    /// @notice Commits a sealed bid `keccak256(abi.encode(jobId, provider, price, salt))` (see `bidCommitment`).
    /// Only during Bidding, only by providers with `tierOf >= minTier`, once per provider.
    /// @param jobId the job
    /// @param commitment `bidCommitment(jobId, msg.sender, price, salt)`
    function commitBid(uint256 jobId, bytes32 commitment) external;

    /// @notice Reveals a committed bid during Revealing. Reverts on a mismatch or a price outside (0, maxPrice], and
    /// with the oracle's PricingUnknownSizeClass for a class it does not price. A bid at or below the class's
    /// reference price counts as supply of the job (`Job.supplyBids`); a higher bid can still be accepted.
    /// @param price the bid (wei)
    /// @param salt the secret used in the commitment
    /// @param jobId the job
    function revealBid(uint256 jobId, uint256 price, bytes32 salt) external;

    /// @notice Accepts `provider`'s revealed bid and pulls its price from the consumer into escrow (allowance
    /// needed). Only the consumer, during Awarding; the provider must still have the minimum tier.
    /// @param jobId the job
    /// @param provider whose revealed bid is accepted
    function accept(uint256 jobId, address provider) external;

    /// @notice `accept` with an EIP-2612 permit for the price. A permit that fails (for example because
    /// it was front-run and already used) is ignored, and the allowance decides.
    /// @param jobId the job
    /// @param provider whose revealed bid is accepted
    /// @param deadline permit deadline (unix seconds)
    /// @param v permit signature v
    /// @param r permit signature r
    /// @param s permit signature s
    function acceptWithPermit(
        uint256 jobId,
        address provider,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice The accepted provider submits the output hash and receipt hash before the completion deadline;
    /// starts the review window (`quiver.market.reviewWindow`). The provider must still hold the job's minimum
    /// tier (`MarketTierTooLow`) and some slashable stake (`MarketNothingSlashable`), so that a provider who
    /// withdrew after accept cannot be paid for a receipt it cannot answer for (SEC-02).
    /// @param jobId the job
    /// @param outputHash hash of the output (non-zero)
    /// @param receiptHash hash of the off-chain receipt (non-zero)
    function submit(uint256 jobId, bytes32 outputHash, bytes32 receiptHash) external;

    /// @notice The consumer confirms a receipt (InReview or Releasable) and the job settles.
    /// @param jobId the job
    function confirm(uint256 jobId) external;

    /// @notice Anyone settles a job whose review window is over and which has no open dispute.
    /// @param jobId the job
    function release(uint256 jobId) external;

    /// @notice Anyone refunds the consumer of an Expired job (accepted, no receipt by the deadline).
    /// @param jobId the job
    function refundExpired(uint256 jobId) external;

    /// @notice The consumer cancels a job before accepting a bid (Bidding, Revealing or Awarding).
    /// @param jobId the job
    function cancel(uint256 jobId) external;

    /// @notice Pushes accrued fees: network fee to ProviderStaking.distributeRewards (kept accrued if staking
    /// reverts), treasury fee to the treasury, burn share burned. Anyone may call.
    function flushFees() external;

    /// @notice Locks a Submitted job's escrow for its dispute (one per job). Only DISPUTE_ROLE.
    /// @return locked true if the escrow is now locked (false if the job is already settled or refunded)
    /// @param jobId the job
    function lockForDispute(uint256 jobId) external returns (bool locked);

    /// @notice Releases one dispute lock; if `upheld` and the job is still escrowed, refunds the consumer.
    /// Only DISPUTE_ROLE, for a job it locked (`MarketNotLocked` otherwise).
    /// @param jobId the job
    /// @param upheld whether the dispute was upheld (refunds the consumer if the job is still escrowed)
    function unlockFromDispute(uint256 jobId, bool upheld) external;

    /// @notice The derived state of a job.
    /// @param jobId the job
    function state(uint256 jobId) external view returns (JobState);

    /// @notice The stored job.
    /// @param jobId the job
    function getJob(uint256 jobId) external view returns (Job memory);

    /// @notice Every leg paid for a Settled job (zeros otherwise), recomputed with the same FeeSplit call.
    /// @param jobId the job
    function receiptOf(uint256 jobId) external view returns (Receipt memory);

    /// @notice A provider's bid: commitment, revealed price (0 until revealed) and whether it is revealed.
    /// @param jobId the job
    /// @param provider the bidder
    function bidOf(
        uint256 jobId,
        address provider
    ) external view returns (bytes32 commitment, uint256 price, bool revealed);

    /// @notice The sealed-bid commitment the contract expects: `keccak256(abi.encode(jobId, provider, price, salt))`.
    /// @param jobId the job
    /// @param provider the bidder
    /// @param price the bid (wei)
    /// @param salt a secret chosen by the bidder
    function bidCommitment(
        uint256 jobId,
        address provider,
        uint256 price,
        bytes32 salt
    ) external pure returns (bytes32);

    /// @notice What a dispute needs: the accepted provider, the consumer (who may not vote on it), the receipt
    /// time (0 before) and the derived state.
    /// @param jobId the job
    function disputeTarget(
        uint256 jobId
    ) external view returns (address provider, address consumer, uint64 submittedAt, JobState current);

    /// @notice Sum of the prices of all escrowed jobs (wei).
    function totalEscrowed() external view returns (uint256);

    /// @notice Number of jobs holding escrow (accepted, not yet settled or refunded).
    function openJobCount() external view returns (uint256);

    /// @notice Fees accrued and not yet flushed (wei).
    function pendingFees() external view returns (uint256 networkFee, uint256 treasuryFee, uint256 burn);

    /// @notice Number of jobs posted so far (the last job id).
    function jobCount() external view returns (uint256);

    /// @notice The payment token (QUIV) and the contracts this marketplace talks to.
    function endpoints()
        external
        view
        returns (address token, address registry, address staking, address oracle, address treasury);
}
