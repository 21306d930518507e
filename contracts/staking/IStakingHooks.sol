// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IStakingHooks
/// @notice The part of ProviderStaking that the marketplace and the dispute system call: tier checks,
/// reward distribution, slash cases and reputation. Kept separate so those contracts (and their test
/// doubles) depend on six functions, not on the whole staking API.
interface IStakingHooks {
    /// @notice Provider tier: 0 = not eligible, 1..4 = tiers by minimum stake (1k / 10k / 50k / 250k QUIV
    /// by default), with hysteresis on demotion.
    /// @param provider the provider
    function tierOf(address provider) external view returns (uint8);

    /// @notice Pulls `amount` QUIV from the caller (allowance needed) and distributes it pro rata to all
    /// stake through the reward-per-share accumulator. Anyone may call (it is a gift to stakers).
    /// @param amount wei of QUIV
    function distributeRewards(uint256 amount) external;

    /// @notice Opens a slash case against `provider` for an offence committed at `offenceAt` and snapshots its
    /// slashable stake: bonded stake plus the unbonding stake that started at or after `offenceAt` (delegators
    /// included). Only SLASHER_ROLE (the DisputeManager).
    /// @param provider the accused provider
    /// @param offenceAt timestamp of the offence (a receipt's submission time); stake that started unbonding
    /// before it is not slashable for this case
    /// @return caseId id of the case
    /// @return snapshotStake the slashable stake at this moment (wei)
    function openSlashCase(
        address provider,
        uint256 offenceAt
    ) external returns (uint256 caseId, uint256 snapshotStake);

    /// @notice Stake that a slash of `provider` for an offence committed now could reach: bonded stake plus
    /// unbonding started in this block (earlier unbonding is out of reach, SEC-06). The marketplace refuses a
    /// receipt from a provider with none (SEC-02).
    /// @param provider the provider
    /// @return wei of slashable stake
    function slashableStakeOf(address provider) external view returns (uint256);

    /// @notice Orders a slash of `amount` for an open case, capped at `maxSlashBps` of the case snapshot (a larger
    /// amount is lowered to the cap, never reverted, so an upheld dispute always finalizes; SEC-05).
    /// The slash is pending for the appeal window, then final. Only SLASHER_ROLE.
    /// @param caseId the open case
    /// @param amount wei to slash
    /// @param challenger receives the challenger share when the slash is final
    /// @return slashId id of the pending slash
    function proposeSlash(uint256 caseId, uint256 amount, address challenger) external returns (uint256 slashId);

    /// @notice Closes a case without a slash (dispute rejected). Only SLASHER_ROLE.
    function closeSlashCase(uint256 caseId) external;

    /// @notice Raises the provider's reputation for a completed job. Only MARKET_ROLE (the marketplace).
    function recordJobCompleted(address provider) external;
}
