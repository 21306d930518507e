// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IEmissionController
/// @notice The only QUIV minter after genesis: releases the uncapped remainder epoch by epoch.
/// @dev Schedule (see EmissionMath): epoch `e` emits `base >> halvings(e)`, times the growth multiplier
/// (an ORACLE_ROLE metric clamped to [0, 2.0]), capped by the yearly inflation budget
/// (`quiver.emission.maxInflationBps` of the supply at the start of the emission year) and by the token
/// cap (emission stops exactly at it). Anyone may trigger the current epoch once; an epoch nobody
/// triggers before the next one starts is lost (use-it-or-lose-it), so a trigger costs O(1) gas however
/// long the controller sat idle. The emission is split by FeeSplit into staking rewards (sent to
/// ProviderStaking.distributeRewards), treasury and ecosystem (last leg, takes the dust).
/// Powers: ORACLE_ROLE sets the growth metric (bounded by the clamp); DEFAULT_ADMIN_ROLE (the timelock)
/// sets the treasury and ecosystem recipients. No role can raise the base schedule or move the epoch clock.
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
    /// @notice The growth metric changed.
    /// @param oldBps previous metric (bps, 10,000 = 1.0)
    /// @param newBps new metric (bps; the clamp to 20,000 applies when used)
    event GrowthMetricChanged(uint256 oldBps, uint256 newBps);
    /// @notice The emission recipients changed.
    event RecipientsChanged(address oldTreasury, address newTreasury, address oldEcosystem, address newEcosystem);

    /// @notice Role allowed to set the growth metric.
    function ORACLE_ROLE() external view returns (bytes32);

    /// @notice Mints and splits the emission of the current epoch. Anyone may call, once per epoch.
    /// @return epoch the epoch triggered
    /// @return amount wei minted
    function triggerEpoch() external returns (uint256 epoch, uint256 amount);

    /// @notice Sets the network growth metric that drives the multiplier. Only ORACLE_ROLE.
    /// @param metricBps growth metric in bps (10,000 = 1.0); values above 20,000 are clamped when used
    function setGrowthMetric(uint256 metricBps) external;

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

    /// @notice The raw growth metric (bps).
    function growthMetricBps() external view returns (uint256);

    /// @notice Emission year bookkeeping: current year, supply at its start and wei minted in it.
    function yearState() external view returns (uint256 year, uint256 yearStartSupply, uint256 mintedThisYear);

    /// @notice Treasury and ecosystem recipients.
    function recipients() external view returns (address treasury, address ecosystem);
}
