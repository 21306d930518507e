// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IQuivToken} from "../IQuivToken.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {IProviderStaking} from "../IProviderStaking.sol";
import {IEmissionController} from "./IEmissionController.sol";
import {QuiverParams} from "../QuiverParams.sol";
import {FeeSplit} from "../../fees/FeeSplit.sol";
import {EmissionMath} from "./EmissionMath.sol";
import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";
import {FeedReader} from "../../oracles/FeedReader.sol";
import {IFeedReader} from "../../oracles/IFeedReader.sol";
import {BPS} from "../../utils/Constants.sol";

/// @title EmissionController
/// @notice Mints QUIV epoch by epoch on a halving schedule and splits it among staking, treasury and ecosystem.
/// @dev Design (formula in EmissionMath). State is O(1): the next triggerable epoch and the current
/// emission year's (index, start supply, minted). Skipped epochs are lost, never caught up: a trigger only
/// ever mints the epoch containing `block.timestamp`. The halving interval is read from the registry once
/// at deployment (SECURITY-CHECKLIST EM-06: no role can stretch the schedule later); the inflation cap and
/// the split shares are read at each trigger and apply to emissions after a change only.
/// Growth metric (SEC-15): read at each trigger from an AggregatorV3 feed through FeedReader with the registry's
/// heartbeat and sanity bounds (`quiver.emission.growth*`), scaled to bps; a stale, incomplete, non-positive,
/// out-of-bounds or reverting answer is replaced by 1.0 (the plain schedule) and the trigger emits
/// `GrowthMetricFallback`, so a failed feed can never raise emission above the 1.0 schedule.
/// Rounding: every step rounds down (EmissionMath); FeeSplit's last leg (ecosystem) takes the dust.
contract EmissionController is AccessControl, ReentrancyGuard, IEmissionController {
    using SafeERC20 for IQuivToken;

    /// @dev Growth metric used when the feed cannot be used: 1.0 (no adjustment), in bps.
    uint256 private constant _NEUTRAL_METRIC_BPS = BPS;
    /// @dev The metric is in bps: 4 decimals (10,000 = 1.0).
    uint8 private constant _METRIC_DECIMALS = 4;

    IQuivToken private immutable _QUIV;
    IParameterRegistry private immutable _REGISTRY;
    IProviderStaking private immutable _STAKING;
    uint256 private immutable _START;
    uint256 private immutable _EPOCH_LENGTH;
    uint256 private immutable _HALVING_INTERVAL;
    uint256 private immutable _BASE;

    address private _treasury;
    address private _ecosystem;
    AggregatorV3Interface private _growthFeed;
    uint256 private _nextEpoch;
    uint256 private _year;
    uint256 private _yearStartSupply;
    uint256 private _mintedThisYear;

    /// @param quiv the QUIV token (this contract needs its MINTER_ROLE)
    /// @param registry the ParameterRegistry
    /// @param staking ProviderStaking, receives the staking leg through `distributeRewards`
    /// @param admin receives DEFAULT_ADMIN_ROLE (the deployer; the timelock at merge)
    /// @param treasury_ treasury recipient
    /// @param ecosystem_ ecosystem recipient
    /// @param growthFeed_ AggregatorV3 feed of the network growth metric (any decimals; 1.0 = 10^decimals)
    /// @param epochLength_ epoch length in seconds (> 0, <= halving interval)
    /// @param baseEpochEmission_ emission of epoch 0 in wei (> 0)
    constructor(
        IQuivToken quiv,
        IParameterRegistry registry,
        IProviderStaking staking,
        address admin,
        address treasury_,
        address ecosystem_,
        AggregatorV3Interface growthFeed_,
        uint256 epochLength_,
        uint256 baseEpochEmission_
    ) {
        if (
            address(quiv) == address(0) ||
            address(registry) == address(0) ||
            address(staking) == address(0) ||
            admin == address(0) ||
            treasury_ == address(0) ||
            ecosystem_ == address(0) ||
            address(growthFeed_) == address(0)
        ) revert EmissionZeroAddress();
        uint256 halving = registry.get(QuiverParams.EMISSION_HALVING_INTERVAL);
        if (epochLength_ == 0 || baseEpochEmission_ == 0 || epochLength_ > halving) {
            revert EmissionInvalidSchedule(epochLength_, baseEpochEmission_, halving);
        }
        _QUIV = quiv;
        _REGISTRY = registry;
        _STAKING = staking;
        _START = block.timestamp;
        _EPOCH_LENGTH = epochLength_;
        _HALVING_INTERVAL = halving;
        _BASE = baseEpochEmission_;
        _treasury = treasury_;
        _ecosystem = ecosystem_;
        _growthFeed = growthFeed_;
        _yearStartSupply = quiv.totalSupply();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IEmissionController
    function triggerEpoch() external nonReentrant returns (uint256 epoch, uint256 amount) {
        epoch = currentEpoch();
        if (epoch < _nextEpoch) revert EmissionEpochAlreadyTriggered(epoch, nextEpochAt());
        uint256 year = EmissionMath.yearOf(epoch, _EPOCH_LENGTH);
        if (year != _year) {
            _year = year;
            _yearStartSupply = _QUIV.totalSupply();
            _mintedThisYear = 0;
        }
        (uint256 metric, IFeedReader.Status status, uint256 updatedAt) = growthMetric();
        amount = _emissionNow(epoch, metric);
        _nextEpoch = epoch + 1;
        _mintedThisYear += amount;
        uint256[] memory legs = FeeSplit.splitWithRemainder(amount, _shares());
        if (status != IFeedReader.Status.Ok) emit GrowthMetricFallback(epoch, address(_growthFeed), status, updatedAt);
        emit EpochTriggered(epoch, msg.sender, amount, legs[0], legs[1], legs[2]);
        if (amount == 0) return (epoch, 0);
        _QUIV.mint(address(this), amount);
        if (legs[0] != 0) {
            _QUIV.forceApprove(address(_STAKING), legs[0]);
            _STAKING.distributeRewards(legs[0]);
        }
        if (legs[1] != 0) _QUIV.safeTransfer(_treasury, legs[1]);
        if (legs[2] != 0) _QUIV.safeTransfer(_ecosystem, legs[2]);
    }

    /// @inheritdoc IEmissionController
    function setGrowthFeed(AggregatorV3Interface feed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (address(feed) == address(0)) revert EmissionZeroAddress();
        AggregatorV3Interface old = _growthFeed;
        _growthFeed = feed;
        emit GrowthFeedChanged(address(old), address(feed));
    }

    /// @inheritdoc IEmissionController
    function setRecipients(address treasury_, address ecosystem_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasury_ == address(0) || ecosystem_ == address(0)) revert EmissionZeroAddress();
        address oldTreasury = _treasury;
        address oldEcosystem = _ecosystem;
        _treasury = treasury_;
        _ecosystem = ecosystem_;
        emit RecipientsChanged(oldTreasury, treasury_, oldEcosystem, ecosystem_);
    }

    /// @inheritdoc IEmissionController
    function currentEpoch() public view returns (uint256) {
        return EmissionMath.epochAt(block.timestamp, _START, _EPOCH_LENGTH);
    }

    /// @inheritdoc IEmissionController
    function nextTriggerableEpoch() external view returns (uint256) {
        uint256 epoch = currentEpoch();
        return epoch < _nextEpoch ? _nextEpoch : epoch;
    }

    /// @inheritdoc IEmissionController
    function nextEpochAt() public view returns (uint256) {
        uint256 epoch = currentEpoch();
        return epoch < _nextEpoch ? _START + _nextEpoch * _EPOCH_LENGTH : block.timestamp;
    }

    /// @inheritdoc IEmissionController
    function previewEmission() external view returns (uint256) {
        uint256 epoch = currentEpoch();
        if (epoch < _nextEpoch) return 0;
        (uint256 metric, , ) = growthMetric();
        if (EmissionMath.yearOf(epoch, _EPOCH_LENGTH) != _year) {
            uint256 budget = EmissionMath.yearBudget(
                _QUIV.totalSupply(),
                _REGISTRY.get(QuiverParams.EMISSION_MAX_INFLATION_BPS)
            );
            return _emission(epoch, budget, _capLeft(), metric);
        }
        return _emissionNow(epoch, metric);
    }

    /// @inheritdoc IEmissionController
    function start() external view returns (uint256) {
        return _START;
    }

    /// @inheritdoc IEmissionController
    function epochLength() external view returns (uint256) {
        return _EPOCH_LENGTH;
    }

    /// @inheritdoc IEmissionController
    function halvingInterval() external view returns (uint256) {
        return _HALVING_INTERVAL;
    }

    /// @inheritdoc IEmissionController
    function baseEpochEmission() external view returns (uint256) {
        return _BASE;
    }

    /// @inheritdoc IEmissionController
    function growthMetricBps() external view returns (uint256 metricBps) {
        (metricBps, , ) = growthMetric();
    }

    /// @inheritdoc IEmissionController
    function growthMetric() public view returns (uint256 metricBps, IFeedReader.Status status, uint256 updatedAt) {
        (status, metricBps, updatedAt) = FeedReader.tryRead(
            _growthFeed,
            _REGISTRY.get(QuiverParams.EMISSION_GROWTH_HEARTBEAT),
            _REGISTRY.get(QuiverParams.EMISSION_GROWTH_MIN_BPS),
            _REGISTRY.get(QuiverParams.EMISSION_GROWTH_MAX_BPS),
            _METRIC_DECIMALS
        );
        if (status != IFeedReader.Status.Ok) metricBps = _NEUTRAL_METRIC_BPS;
    }

    /// @inheritdoc IEmissionController
    function growthFeed() external view returns (address) {
        return address(_growthFeed);
    }

    /// @inheritdoc IEmissionController
    function yearState() external view returns (uint256, uint256, uint256) {
        return (_year, _yearStartSupply, _mintedThisYear);
    }

    /// @inheritdoc IEmissionController
    function recipients() external view returns (address, address) {
        return (_treasury, _ecosystem);
    }

    /// @dev Emission of `epoch` within the current year's bookkeeping.
    function _emissionNow(uint256 epoch, uint256 metricBps) private view returns (uint256) {
        uint256 budget = EmissionMath.yearBudget(
            _yearStartSupply,
            _REGISTRY.get(QuiverParams.EMISSION_MAX_INFLATION_BPS)
        );
        uint256 minted = _mintedThisYear;
        return _emission(epoch, budget > minted ? budget - minted : 0, _capLeft(), metricBps);
    }

    function _emission(
        uint256 epoch,
        uint256 yearLeft,
        uint256 capLeft,
        uint256 metricBps
    ) private view returns (uint256) {
        return EmissionMath.epochEmission(_BASE, epoch, _EPOCH_LENGTH, _HALVING_INTERVAL, metricBps, yearLeft, capLeft);
    }

    function _capLeft() private view returns (uint256) {
        return _QUIV.cap() - _QUIV.totalMinted();
    }

    /// @dev [staking, treasury] in bps; the ecosystem leg is the remainder (registry bounds keep the two at
    /// <= 100% together; if a bounds change broke that, FeeSplit.splitWithRemainder rejects the split).
    function _shares() private view returns (uint256[] memory shares) {
        shares = new uint256[](2);
        shares[0] = _REGISTRY.get(QuiverParams.EMISSION_STAKING_BPS);
        shares[1] = _REGISTRY.get(QuiverParams.EMISSION_TREASURY_BPS);
    }
}
