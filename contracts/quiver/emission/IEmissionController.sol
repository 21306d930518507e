// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";
import {IFeedReader} from "../../oracles/IFeedReader.sol";

/// @title IEmissionController
/// @notice The only QUIV minter after genesis: releases the uncapped remainder epoch by epoch.
/// @dev Schedule (see EmissionMath): epoch `e` emits `base >> halvings(e)`, times the growth multiplier
/// (the growth metric clamped to [0, 2.0]), capped by the yearly inflation budget
/// (`quiver.emission.maxInflationBps` of the supply at the start of the emission year) and by the token
/// cap (emission stops exactly at it). Anyone may trigger the current epoch once; an epoch nobody
/// triggers before the next one starts is lost (use-it-or-lose-it), so a trigger costs O(1) gas however
/// long the controller sat idle. The emission is split by FeeSplit into staking rewards (sent to
/// ProviderStaking.distributeRewards), treasury and ecosystem (last leg, takes the dust).
/// Growth metric (SEC-15): read at each trigger from the AggregatorV3 `growthFeed` through FeedReader, scaled to
/// bps, with the heartbeat `quiver.emission.growthHeartbeat` and the exclusive sanity bounds
/// `(quiver.emission.growthMinBps, quiver.emission.growthMaxBps)`. When the read fails (stale, incomplete round,
/// future timestamp, non-positive, out of bounds, reverting or malformed feed) the metric is 1.0 and the trigger
/// emits `GrowthMetricFallback`; `growthMetric()` shows the status at any time.
/// Powers: DEFAULT_ADMIN_ROLE (the timelock) sets the growth feed and the treasury and ecosystem recipients;
/// whoever controls the feed moves the multiplier within [0, 2.0] (and within the sanity bounds). No role can
/// raise the base schedule or move the epoch clock.
/// Warning: a fallback is 1.0 also when the last good metric was below 1.0, so a feed that stops updating while
/// the network shrinks lets emission return to the plain schedule (never above it).
interface IEmissionController {
    /// @notice The current epoch was already triggered.
    /// @param epoch the current epoch
    /// @param nextEpochAt when the next epoch starts (unix seconds)
    error EmissionEpochAlreadyTriggered(uint256 epoch, uint256 nextEpochAt);
    /// @notice A zero address was given where a real one is required.
    error EmissionZeroAddress();
    /// @notice The epoch length or base emission given to the constructor is zero, or the epoch is longer
    /// than the halving interval.
    error EmissionInvalidSchedule(uint256 epochLength, uint256 baseEpochEmission, uint256 halvingInterval);

    /// @notice An epoch was triggered.
    /// @param epoch the epoch index
    /// @param caller who triggered it
    /// @param amount wei minted (0 once the schedule, the year's budget or the cap is exhausted)
    /// @param toStaking wei sent to staking rewards
    /// @param toTreasury wei sent to the treasury
    /// @param toEcosystem wei sent to the ecosystem fund
    event EpochTriggered(
        uint256 indexed epoch,
        address indexed caller,
        uint256 amount,
        uint256 toStaking,
        uint256 toTreasury,
        uint256 toEcosystem
    );
    /// @notice The growth feed could not be used for `epoch`, so the epoch was minted at metric 1.0.
    /// @param epoch the epoch triggered
    /// @param feed the growth feed
    /// @param status why (IFeedReader.Status: Reverted, Malformed, IncompleteRound, FutureTimestamp, Stale,
    /// NonPositive, OutOfBounds)
    /// @param updatedAt the feed's update time (unix s; 0 if the call failed)
    event GrowthMetricFallback(
        uint256 indexed epoch,
        address indexed feed,
        IFeedReader.Status status,
        uint256 updatedAt
    );
    /// @notice The growth feed changed.
    event GrowthFeedChanged(address oldFeed, address newFeed);
    /// @notice The emission recipients changed.
    event RecipientsChanged(address oldTreasury, address newTreasury, address oldEcosystem, address newEcosystem);

    /// @notice Mints and splits the emission of the current epoch. Anyone may call, once per epoch.
    /// @return epoch the epoch triggered
    /// @return amount wei minted
    function triggerEpoch() external returns (uint256 epoch, uint256 amount);

    /// @notice Sets the AggregatorV3 feed of the growth metric (read at each trigger). Only DEFAULT_ADMIN_ROLE
    /// (the timelock). Reverts with EmissionZeroAddress for the zero address.
    /// @param feed the feed (any decimals; an answer of 10^decimals is 1.0)
    function setGrowthFeed(AggregatorV3Interface feed) external;

    /// @notice Sets the treasury and ecosystem recipients. Only DEFAULT_ADMIN_ROLE (the timelock).
    function setRecipients(address treasury, address ecosystem) external;

    /// @notice Index of the epoch containing the current time.
    function currentEpoch() external view returns (uint256);

    /// @notice The next epoch index that can be triggered (the current one if not yet triggered).
    function nextTriggerableEpoch() external view returns (uint256);

    /// @notice When `triggerEpoch` can next succeed (unix seconds; now or in the past if it can now).
    function nextEpochAt() external view returns (uint256);

    /// @notice What `triggerEpoch` would mint if called now (0 if the current epoch was triggered).
    function previewEmission() external view returns (uint256);

    /// @notice Start of epoch 0 (unix seconds).
    function start() external view returns (uint256);

    /// @notice Epoch length in seconds.
    function epochLength() external view returns (uint256);

    /// @notice Halving interval in seconds (the registry value at deployment, fixed).
    function halvingInterval() external view returns (uint256);

    /// @notice Base emission of epoch 0 in wei.
    function baseEpochEmission() external view returns (uint256);

    /// @notice The growth metric a trigger would use now (bps, 10,000 = 1.0, before the 2.0 clamp): the feed's
    /// answer scaled to bps, or 1.0 when the feed cannot be used.
    function growthMetricBps() external view returns (uint256);

    /// @notice The growth metric a trigger would use now, with the feed's read status.
    /// @return metricBps the metric (bps; 10,000 when `status` is not Ok)
    /// @return status IFeedReader.Status of the read (Ok, or why the fallback applies)
    /// @return updatedAt the feed's update time (unix s; 0 if the call failed)
    function growthMetric() external view returns (uint256 metricBps, IFeedReader.Status status, uint256 updatedAt);

    /// @notice The AggregatorV3 feed of the growth metric.
    function growthFeed() external view returns (address);

    /// @notice Emission year bookkeeping: current year, supply at its start and wei minted in it.
    function yearState() external view returns (uint256 year, uint256 yearStartSupply, uint256 mintedThisYear);

    /// @notice Treasury and ecosystem recipients.
    function recipients() external view returns (address treasury, address ecosystem);
}
