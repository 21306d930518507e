// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStakingHooks} from "../staking/IStakingHooks.sol";
import {IStakingTiers} from "../staking/extensions/IStakingTiers.sol";
import {IStakingSlashCases} from "../staking/extensions/IStakingSlashCases.sol";

/// @title IProviderStaking
/// @notice QUIVer provider staking: tiers, delegation, unbonding, slashing with appeal, accumulator rewards.
/// @dev The functions the marketplace and the dispute system call are in IStakingHooks.
/// Powers: SLASHER_ROLE (the DisputeManager) opens, proposes and closes slash cases; MARKET_ROLE (the
/// marketplace) records completed jobs; APPEAL_ROLE (the timelock) overturns a pending slash during its
/// appeal window; DEFAULT_ADMIN_ROLE (the timelock) manages roles and sets the insurance fund.
/// Warning: while a provider has an open case its pool takes no new stake, and the unbonding entries that the
/// case can slash (created at or after its offence) cannot be withdrawn; entries created before every open
/// offence withdraw normally (SEC-03). SLASHER_ROLE can keep a case open indefinitely, so it is trusted not to.
/// Warning: tiers count the whole bonded pool (self stake + delegations), not self stake alone.
/// Warning: staked votes keep each position's value at its last touch; after a slash they are too high
/// until the position is touched or `syncVotes` is called.
/// Warning: QUIV sent to the contract by plain transfer is not accounted anywhere and stays stuck.
interface IProviderStaking is IStakingHooks, IStakingTiers, IStakingSlashCases {
    // The unbonding entry, the core errors and events are in IStakingPools; tier and slash-case
    // declarations in the extensions' interfaces.
    // ---------------------------------------------------------------------------------------------
    // Everything below is the rest of the staking API (pools, delegation, unbonding, slashing, rewards).
    // ---------------------------------------------------------------------------------------------

    /// @notice Public view of a provider pool.
    /// @param registered whether the provider registered
    /// @param tier stored tier (tierOf applies the current registry values to it)
    /// @param openCases slash cases open against the provider (no new stake while > 0; each freezes only the
    /// unbonding entries it can slash)
    /// @param commissionBps commission on the pool's rewards (bps)
    /// @param pendingCommissionBps scheduled commission increase (bps; meaningful if commissionEffectiveAt > 0)
    /// @param commissionEffectiveAt when the scheduled increase may be applied (unix seconds, 0 = none)
    /// @param bondedTokens bonded stake, self + delegated (wei)
    /// @param bondedShares shares of the bonded pool
    /// @param unbondingTokens stake unbonding from this provider, all segments (wei; slashable only by cases
    /// whose offence is at or before each entry's creation)
    /// @param unbondingShares sum of the shares of all its unbonding segments (each segment has its own rate)
    /// @param reputation reputation score (points)
    struct PoolView {
        bool registered;
        uint8 tier;
        uint32 openCases;
        uint16 commissionBps;
        uint16 pendingCommissionBps;
        uint48 commissionEffectiveAt;
        uint256 bondedTokens;
        uint256 bondedShares;
        uint256 unbondingTokens;
        uint256 unbondingShares;
        uint256 reputation;
    }

    /// @notice A stake or delegation is below the minimum delegation.
    /// @param account the caller
    /// @param amount wei given
    /// @param minimum wei required (`quiver.staking.minDelegation`)
    error StakingBelowMinimum(address account, uint256 amount, uint256 minimum);
    /// @notice The provider is already registered.
    error StakingAlreadyProvider(address provider);
    /// @notice A commission above the registry maximum.
    /// @param provider the provider
    /// @param commissionBps requested (bps)
    /// @param maxBps allowed (bps, `quiver.staking.maxCommissionBps`)
    error StakingCommissionTooHigh(address provider, uint256 commissionBps, uint256 maxBps);
    /// @notice `applyCommission` with no scheduled increase.
    error StakingNoPendingCommission(address provider);
    /// @notice `applyCommission` before the scheduled time.
    /// @param provider the provider
    /// @param nowTime block timestamp
    /// @param effectiveAt scheduled time
    error StakingCommissionNotDue(address provider, uint256 nowTime, uint256 effectiveAt);
    /// @notice The account already has the maximum number of pending unbondings.
    error StakingTooManyUnbondings(address account, uint256 count, uint256 max);
    /// @notice No unbonding at this index.
    error StakingUnknownUnbonding(address account, uint256 index, uint256 count);
    /// @notice The unbonding has not reached its unlock time.
    error StakingStillUnbonding(address account, uint256 index, uint256 nowTime, uint256 unlockAt);
    /// @notice Nothing to claim.
    error StakingNothingToClaim(address account);

    /// @notice A provider registered.
    event ProviderRegistered(address indexed provider, uint256 commissionBps);
    /// @notice Stake entered a pool (self stake when account == provider, else a delegation).
    /// @param account staker
    /// @param provider pool
    /// @param amount wei
    /// @param shares pool shares minted
    event Staked(address indexed account, address indexed provider, uint256 amount, uint256 shares);
    /// @notice Stake left the bonded pool and started unbonding.
    /// @param index position in `unbondingsOf(account)` at this moment
    event UnbondingStarted(
        address indexed account,
        address indexed provider,
        uint256 index,
        uint256 amount,
        uint256 unlockAt
    );
    /// @notice An unbonding was withdrawn (amount after any slash of the unbonding pool).
    event Withdrawn(address indexed account, address indexed provider, uint256 index, uint256 amount);
    /// @notice Rewards were added to the accumulator.
    /// @param from payer
    /// @param amount wei pulled from the payer
    /// @param distributed wei added to the accumulator (amount + previously queued)
    event RewardsDistributed(address indexed from, uint256 amount, uint256 distributed);
    /// @notice Rewards arrived while nothing was bonded and were queued; they are released over
    /// `REWARD_DRIP_PERIOD` of bonded time (SEC-07).
    /// @param queued wei queued after this call
    event RewardsQueued(address indexed from, uint256 amount, uint256 queued);
    /// @notice Rewards were paid out.
    event RewardsClaimed(address indexed account, uint256 amount);
    /// @notice A commission increase was scheduled.
    event CommissionChangeScheduled(address indexed provider, uint256 oldBps, uint256 newBps, uint256 effectiveAt);
    /// @notice A scheduled commission increase was not applied within `COMMISSION_GRACE_PERIOD` after it became
    /// due and was dropped (SEC-17).
    /// @param provider the provider
    /// @param pendingBps the dropped commission (bps)
    /// @param lapsedAt last second it could have been applied (unix seconds)
    event CommissionIncreaseLapsed(address indexed provider, uint256 pendingBps, uint256 lapsedAt);
    /// @notice A commission changed.
    event CommissionChanged(address indexed provider, uint256 oldBps, uint256 newBps);
    /// @notice A slash became final and was executed.
    /// @param amount wei taken from the pool (the proposal, capped at the slashable stake)
    event SlashFinalized(
        uint256 indexed caseId,
        address indexed provider,
        uint256 amount,
        uint256 toChallenger,
        uint256 toInsurance,
        uint256 burned
    );
    /// @notice A provider's reputation changed.
    event ReputationChanged(address indexed provider, uint256 oldScore, uint256 newScore);
    /// @notice The insurance fund changed.
    event InsuranceFundChanged(address oldFund, address newFund);

    /// @notice Role of the dispute system: open, propose and close slash cases.
    function SLASHER_ROLE() external view returns (bytes32);
    /// @notice Role of the marketplace: record completed jobs.
    function MARKET_ROLE() external view returns (bytes32);
    /// @notice Role of governance (the timelock): overturn a pending slash during its appeal window.
    function APPEAL_ROLE() external view returns (bytes32);

    /// @notice Registers the caller as a provider with a commission on its pool's rewards.
    /// @param commissionBps commission (bps, <= `quiver.staking.maxCommissionBps`)
    function registerProvider(uint256 commissionBps) external;

    /// @notice Adds `amount` of the caller's QUIV (allowance needed) as self stake to its own pool.
    /// @dev Reverts if the caller is not a provider, below `minDelegation`, or while the pool has open cases.
    /// @param amount wei
    function stake(uint256 amount) external;

    /// @notice Delegates `amount` of the caller's QUIV (allowance needed) to `provider`'s pool.
    /// @dev Same rules as `stake`. Shares are minted rounding down.
    /// @param provider a registered provider
    /// @param amount wei (>= `quiver.staking.minDelegation`)
    function delegateStake(address provider, uint256 amount) external;

    /// @notice Starts unbonding `amount` of the caller's stake in `provider`'s pool. The stake stops earning
    /// rewards and votes now, stays slashable, and can be withdrawn after `quiver.staking.unbondingPeriod`.
    /// @dev Shares burned round up. At most `MAX_UNBONDINGS` pending entries per account.
    /// @param provider the pool
    /// @param amount wei
    function unbond(address provider, uint256 amount) external;

    /// @notice Withdraws the caller's unbonding at `index` once unlocked. The last entry moves into `index`.
    /// @dev Warning: frozen while an open slash case can slash the entry (it was created at or after the case's
    /// offence), so a provider or its delegators cannot escape a dispute by unbonding and withdrawing; entries
    /// created before every open offence withdraw normally.
    /// @param index position in `unbondingsOf(msg.sender)`
    function withdraw(uint256 index) external;

    /// @notice Settles the caller's rewards in `provider`'s pool and pays everything claimable (commission
    /// included).
    /// @param provider a pool the caller has (or had) a position in; any address works for commission only
    /// @return amount wei paid
    function claimRewards(address provider) external returns (uint256 amount);

    /// @notice Sets the caller's commission. A decrease applies now; an increase is scheduled and applies
    /// after `quiver.staking.commissionDelay` through `applyCommission`, so delegators can leave first.
    /// @param commissionBps new commission (bps)
    function setCommission(uint256 commissionBps) external;

    /// @notice Applies a due scheduled commission increase. Anyone may call. After `COMMISSION_GRACE_PERIOD`
    /// past the due time the increase has lapsed: this call drops it instead (`CommissionIncreaseLapsed`).
    function applyCommission(address provider) external;

    /// @notice Overturns a pending slash during its appeal window, or an appealed one before governance's
    /// deadline. Only APPEAL_ROLE (the timelock).
    function overturnSlash(uint256 caseId) external;

    /// @notice The slashed provider appeals a pending slash to governance. Only inside the appeal window
    /// (state Appealing) and only by the provider. Finalization then waits until governance overturns the
    /// slash, dismisses the appeal, or `quiver.staking.appealTimeout` (default 21 days) passes, after which
    /// the original slash stands. This is what lets a full governance proposal (voting delay + voting period
    /// + timelock delay, longer than the 3-day window) still overturn a slash.
    /// @param caseId the case
    function appealSlash(uint256 caseId) external;

    /// @notice Dismisses an appeal: the slash becomes final at once. Only APPEAL_ROLE (the timelock).
    /// @param caseId the case (state Appealed)
    function dismissAppeal(uint256 caseId) external;

    /// @notice Executes a slash whose appeal window is over: takes the amount (capped at what the case can still
    /// reach) from the provider's bonded pool and the unbonding segments the case covers, pro rata and splits it challenger / insurance fund / burn (`quiver.staking.slash*Bps`
    /// read now). Anyone may call.
    function finalizeSlash(uint256 caseId) external;

    /// @notice Re-values `account`'s staked votes from `provider`'s pool at the current rate. Anyone may call.
    /// @dev A slash lowers a pool's rate in O(1) without touching each position, so each position's votes
    /// keep the value of its last touch until it is touched again (any action, or this call).
    function syncVotes(address provider, address account) external;

    /// @notice Sets the insurance fund that receives the insurance share of slashes. Only DEFAULT_ADMIN_ROLE.
    function setInsuranceFund(address fund) external;

    /// @notice Current value of `account`'s bonded position in `provider`'s pool (wei, rounded down).
    function stakeOf(address provider, address account) external view returns (uint256);

    /// @notice Shares of `account` in `provider`'s bonded pool.
    function sharesOf(address provider, address account) external view returns (uint256);

    /// @notice Rewards `account` could claim now through `claimRewards(provider)` (wei).
    function pendingRewards(address provider, address account) external view returns (uint256);

    /// @notice The pending unbondings of `account`.
    function unbondingsOf(address account) external view returns (Unbonding[] memory);

    /// @notice Current value of `account`'s unbonding at `index`: exactly what `withdraw(index)` pays (wei).
    function unbondingValue(address account, uint256 index) external view returns (uint256);

    /// @notice Public view of `provider`'s pool.
    function poolOf(address provider) external view returns (PoolView memory);

    /// @notice Reputation score of `provider`: +1 per completed job, -100 per executed slash, floored at 0.
    function reputationOf(address provider) external view returns (uint256);

    /// @notice Totals for solvency checks: bonded, unbonding, rewards owed (distributed not yet claimed,
    /// an upper bound of what claims can pay) and queued rewards (not yet released by the drip) (wei).
    function totals()
        external
        view
        returns (uint256 bonded, uint256 unbonding, uint256 rewardsOwed, uint256 queuedRewards);

    /// @notice Address of the insurance fund.
    function insuranceFund() external view returns (address);
}
