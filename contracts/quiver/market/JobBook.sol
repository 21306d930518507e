// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IInferenceMarketplace} from "./IInferenceMarketplace.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {IStakingHooks} from "../../staking/IStakingHooks.sol";
import {IPricingFeed} from "../pricing/IPricingFeed.sol";
import {MarketMath} from "./MarketMath.sol";
import {StateBitmap} from "../../utils/StateBitmap.sol";

/// @title JobBook
/// @notice The storage, derived states and views of the InferenceMarketplace.
/// @dev `state(jobId)` is derived from the stored status and the clock; every action of the marketplace
/// checks it with `_validateStateBitmap`, which reverts with the one `MarketUnexpectedState` error (the kit's
/// state-machine convention, see utils/StateBitmap).
abstract contract JobBook is IInferenceMarketplace {
    struct Bid {
        bytes32 commitment;
        uint128 price;
        bool revealed;
    }

    /// @dev One slot: escrow sum, accrued burn and escrowed job count (QUIV's cap, 1e27, is below 2^96).
    struct Totals {
        uint128 escrowed;
        uint96 pendingBurn;
        uint32 openJobs;
    }

    struct PendingFees {
        uint128 network;
        uint128 treasury;
    }

    /// @dev Allowed-state bitmaps of more than one state, built once with StateBitmap.encode in the constructor
    /// (an immutable read costs as little as a literal; a bitmap built per call would not).
    bytes32 internal immutable _confirmable; // InReview | Releasable
    bytes32 internal immutable _cancellable; // Bidding | Revealing | Awarding

    IERC20 internal immutable _token;
    IParameterRegistry internal immutable _registry;
    IStakingHooks internal immutable _staking;
    IPricingFeed internal immutable _oracle;
    address internal immutable _treasury;

    mapping(uint256 jobId => Job) internal _jobs;
    mapping(uint256 jobId => mapping(address provider => Bid)) internal _bids;
    Totals internal _totals;
    PendingFees internal _pending;
    uint256 internal _jobCount;

    constructor(address token_, address registry_, address staking_, address oracle_, address treasury_) {
        if (
            token_ == address(0) ||
            registry_ == address(0) ||
            staking_ == address(0) ||
            oracle_ == address(0) ||
            treasury_ == address(0)
        ) revert MarketZeroAddress();
        _token = IERC20(token_);
        _registry = IParameterRegistry(registry_);
        _staking = IStakingHooks(staking_);
        _oracle = IPricingFeed(oracle_);
        _treasury = treasury_;
        _confirmable = _encodeStateBitmap(JobState.InReview) | _encodeStateBitmap(JobState.Releasable);
        _cancellable =
            _encodeStateBitmap(JobState.Bidding) |
            _encodeStateBitmap(JobState.Revealing) |
            _encodeStateBitmap(JobState.Awarding);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IInferenceMarketplace
    function state(uint256 jobId) external view returns (JobState) {
        return _state(_jobs[jobId]);
    }

    /// @inheritdoc IInferenceMarketplace
    function getJob(uint256 jobId) external view returns (Job memory) {
        return _jobs[jobId];
    }

    /// @inheritdoc IInferenceMarketplace
    function receiptOf(uint256 jobId) external view returns (Receipt memory rc) {
        Job storage j = _jobs[jobId];
        if (j.status != JobStatus.Settled) return rc;
        (rc.providerReward, rc.networkFee, rc.treasuryFee, rc.burned) = MarketMath.splitPayment(
            j.price,
            j.networkFeeBps,
            j.treasuryFeeBps,
            j.burnBps
        );
    }

    /// @inheritdoc IInferenceMarketplace
    function bidOf(
        uint256 jobId,
        address provider
    ) external view returns (bytes32 commitment, uint256 price, bool revealed) {
        Bid storage b = _bids[jobId][provider];
        return (b.commitment, b.price, b.revealed);
    }

    /// @inheritdoc IInferenceMarketplace
    function bidCommitment(uint256 jobId, address provider, uint256 price, bytes32 salt) public pure returns (bytes32) {
        return keccak256(abi.encode(jobId, provider, price, salt));
    }

    /// @inheritdoc IInferenceMarketplace
    function disputeTarget(
        uint256 jobId
    ) external view returns (address provider, address consumer, uint64 submittedAt, JobState current) {
        Job storage j = _jobs[jobId];
        return (j.provider, j.consumer, j.submittedAt, _state(j));
    }

    /// @inheritdoc IInferenceMarketplace
    function totalEscrowed() external view returns (uint256) {
        return _totals.escrowed;
    }

    /// @inheritdoc IInferenceMarketplace
    function openJobCount() external view returns (uint256) {
        return _totals.openJobs;
    }

    /// @inheritdoc IInferenceMarketplace
    function pendingFees() external view returns (uint256 networkFee, uint256 treasuryFee, uint256 burn) {
        return (_pending.network, _pending.treasury, _totals.pendingBurn);
    }

    /// @inheritdoc IInferenceMarketplace
    function jobCount() external view returns (uint256) {
        return _jobCount;
    }

    /// @inheritdoc IInferenceMarketplace
    function endpoints()
        external
        view
        returns (address token, address registry, address staking, address oracle, address treasury)
    {
        return (address(_token), address(_registry), address(_staking), address(_oracle), _treasury);
    }

    function _state(Job storage j) internal view returns (JobState) {
        JobStatus s = j.status;
        if (s == JobStatus.Posted) {
            if (block.timestamp < j.bidDeadline) return JobState.Bidding;
            if (block.timestamp < j.revealDeadline) return JobState.Revealing;
            if (block.timestamp < j.completionDeadline) return JobState.Awarding;
            return JobState.Lapsed;
        }
        if (s == JobStatus.Accepted) {
            return block.timestamp < j.completionDeadline ? JobState.InProgress : JobState.Expired;
        }
        if (s == JobStatus.Submitted) {
            if (j.openDisputes != 0) return JobState.Challenged;
            return block.timestamp < j.reviewEndsAt ? JobState.InReview : JobState.Releasable;
        }
        if (s == JobStatus.Settled) return JobState.Settled;
        if (s == JobStatus.Refunded) return JobState.Refunded;
        if (s == JobStatus.Cancelled) return JobState.Cancelled;
        return JobState.None;
    }

    /// @dev The derived state of job `j`; reverts with MarketUnexpectedState unless its bit is set in `allowed`
    /// (built with `_encodeStateBitmap`).
    function _validateStateBitmap(uint256 jobId, Job storage j, bytes32 allowed) internal view {
        // StateBitmap.contains, written out: as a library call it costs every transition ~17 gas (measured), and
        // no caller needs the state back (returning it would cost 1 more).
        JobState current = _state(j);
        if (uint256(allowed) & (1 << uint8(current)) == 0) revert MarketUnexpectedState(jobId, current, allowed);
    }

    /// @dev The one-state bitmap of `s`.
    function _encodeStateBitmap(JobState s) internal pure returns (bytes32) {
        return StateBitmap.encode(uint8(s));
    }
}
