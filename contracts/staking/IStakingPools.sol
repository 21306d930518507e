// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IStakingPools
/// @notice The part of a staking pool's ABI that the token- and economy-agnostic core (StakingPools) and its
/// libraries declare: the unbonding entry, the errors of the accounting core and the events it emits. An
/// economy's staking interface extends it (and the extensions' interfaces) with its own entry points.
interface IStakingPools {
    /// @notice One pending unbonding of an account.
    /// @param provider pool the stake left
    /// @param unlockAt earliest withdrawal time (unix seconds)
    /// @param createdAt when the unbonding started (unix seconds); a case for an offence after it cannot
    /// slash or freeze it (SEC-06)
    /// @param shares shares of the unbonding segment that holds the entry (slashed through its rate)
    /// @param segment the provider's unbonding segment the entry was minted into (splits may since have moved
    /// it into a later segment; `unbondingValue` follows them)
    /// @param position the provider's cumulative unbonding shares minted before this entry (orders entries)
    struct Unbonding {
        address provider;
        uint48 unlockAt;
        uint48 createdAt;
        uint256 shares;
        uint32 segment;
        uint192 position;
    }
    /// @notice A zero amount was given where a positive one is required.
    error StakingZeroAmount();
    /// @notice A zero address was given where a real one is required.
    error StakingZeroAddress();
    /// @notice The address is not a registered provider.
    error StakingNotProvider(address provider);
    /// @notice More unbonded than the position holds.
    /// @param account the caller
    /// @param provider the pool
    /// @param requested wei requested
    /// @param available wei the position is worth
    error StakingInsufficientStake(address account, address provider, uint256 requested, uint256 available);
    /// @notice The provider has open slash cases: its pool takes no new stake, and an unbonding entry that an open
    /// case can slash cannot be withdrawn.
    /// @param provider the pool
    /// @param openCases open cases against the pool (stake) or covering the entry (withdraw)
    error StakingFrozenByDispute(address provider, uint256 openCases);
    /// @notice Queued rewards were released into the accumulator (the drip).
    /// @param released wei released now
    /// @param stillQueued wei left in the queue
    event RewardsReleased(uint256 released, uint256 stillQueued);
    /// @notice An unbonding segment was split at a position boundary (a case opened) or a fresh open segment
    /// began after a slash (rollover, tokens and shares 0).
    /// @param provider the pool
    /// @param parent the segment split
    /// @param child the new segment, covering positions from `start`
    /// @param start first position of the child
    /// @param tokens wei moved to the child
    /// @param shares shares moved to the child
    event UnbondingSegmentSplit(
        address indexed provider,
        uint256 parent,
        uint256 child,
        uint256 start,
        uint256 tokens,
        uint256 shares
    );
    /// @notice A slash left the bonded pool with no tokens: its shares were retired (SEC-16). Positions of the
    /// retired epoch are worth 0; their rewards up to the wipe-out stay claimable.
    /// @param epoch the retired epoch (the pool is now in epoch + 1)
    event PoolSharesRetired(address indexed provider, uint256 epoch);
}
