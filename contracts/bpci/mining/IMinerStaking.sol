// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStakingPools} from "../../staking/IStakingPools.sol";

/// @title IMinerStaking
/// @notice BPCI miner registration with a NEX stake, on the kit's staking core (contracts/staking/StakingPools): a
/// miner registers and bonds its own stake, adds to it, unbonds (the registry's unbonding period) and withdraws.
/// PoeMining accepts jobs only for an active miner (registered, bonded stake >= `bpci.poe.minStake`).
interface IMinerStaking is IStakingPools {
    /// @notice `miner` is already registered.
    error MinerStakingAlreadyRegistered(address miner);
    /// @notice `miner` would bond `stake` wei, below the minimum `minimum` (`bpci.poe.minStake`).
    error MinerStakingBelowMinimum(address miner, uint256 stake, uint256 minimum);
    /// @notice `account` has `count` pending unbondings, the most allowed (`max`).
    error MinerStakingTooManyUnbondings(address account, uint256 count, uint256 max);
    /// @notice `account` has no unbonding at `index` (it has `count`).
    error MinerStakingUnknownUnbonding(address account, uint256 index, uint256 count);
    /// @notice The unbonding `index` of `account` unlocks at `unlockAt`, after `nowTs`.
    error MinerStakingStillUnbonding(address account, uint256 index, uint256 nowTs, uint256 unlockAt);

    /// @notice `miner` registered with `stake` wei bonded.
    event MinerRegistered(address indexed miner, uint256 stake);
    /// @notice `miner` bonded `amount` more wei (`shares` pool shares).
    event MinerStaked(address indexed miner, uint256 amount, uint256 shares);
    /// @notice `miner` started unbonding `amount` wei as its entry `index`, withdrawable from `unlockAt`.
    event MinerUnbondingStarted(address indexed miner, uint256 index, uint256 amount, uint256 unlockAt);
    /// @notice `miner` withdrew its unbonding entry `index`, worth `amount` wei.
    event MinerWithdrawn(address indexed miner, uint256 index, uint256 amount);

    /// @notice Registers the caller as a miner and bonds `amount` NEX (allowance needed; at least the minimum stake).
    function registerMiner(uint256 amount) external;

    /// @notice Bonds `amount` more NEX to the caller's own pool (registered miners only).
    function stake(uint256 amount) external;

    /// @notice Starts unbonding `amount` of the caller's bonded stake; below the minimum the miner is inactive.
    function unbond(uint256 amount) external;

    /// @notice Withdraws the caller's matured unbonding entry `index` (swap and pop).
    function withdraw(uint256 index) external;

    /// @notice Bonded stake of `miner` (its own position's value, wei).
    function stakeOf(address miner) external view returns (uint256);

    /// @notice Whether `miner` is registered with at least the minimum stake bonded.
    /// @return active the verdict
    /// @return stake_ the bonded stake
    /// @return minimum the current minimum (`bpci.poe.minStake`)
    function activeMiner(address miner) external view returns (bool active, uint256 stake_, uint256 minimum);

    /// @notice How many miners ever registered (registration is permanent).
    function minerCount() external view returns (uint256);

    /// @notice The caller's pending unbondings.
    function unbondingsOf(address account) external view returns (Unbonding[] memory);
}
