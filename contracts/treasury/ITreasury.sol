// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ITreasury
/// @notice The economy's treasury: holds ETH (`token == address(0)`) and any ERC-20, is owned by the timelock,
/// lets a council Safe spend up to a per-token budget per period, and pays grants as vesting streams.
/// @dev Powers:
/// - `DEFAULT_ADMIN_ROLE` (the timelock, i.e. an executed governance proposal): `spend` any amount of the
///   spendable balance, `setBudget`, `setBudgetPeriod`, `createGrant`, `revokeGrant`, and grant/revoke roles
///   (including replacing the council);
/// - `COUNCIL_ROLE` (the council Safe): `councilSpend`, at most `budget(token)` within any rolling window of
///   `budgetPeriod()` seconds (SEC-14; see Treasury's design note for the 8-bucket ring), from the spendable
///   balance only;
/// - a grantee: `claim` of its own grant.
/// Funds reserved for grants (`reserved(token)`) can never be spent by anyone: the spendable balance is
/// `balance - reserved`. Revoking a grant releases only its unvested part; the vested part stays claimable.
/// Warning: tokens with transfer fees or rebasing balances break the reserve accounting; the treasury is meant
/// for plain ERC-20s and ETH (QUIV, stablecoins).
interface ITreasury {
    /// @notice Derived lifecycle state of a grant (see `grantState`; bit `uint8(state)` in
    /// `TreasuryUnexpectedGrantState.allowed`, see utils/StateBitmap).
    /// @dev Vesting: not revoked, before `start + duration`. Vested: not revoked, fully vested (what is not claimed
    /// yet stays claimable). Revoked: frozen at the vested part, which stays claimable. A grant id that was never
    /// created has no state: `grantState` reverts with `TreasuryUnknownGrant`.
    enum GrantState {
        Vesting,
        Vested,
        Revoked
    }

    /// @notice One grant stream.
    /// @param grantee who may claim
    /// @param start vesting start (unix seconds)
    /// @param cliff nothing vests before this time (unix seconds, start <= cliff <= start + duration)
    /// @param token asset (address(0) = ETH)
    /// @param duration seconds from start to fully vested (> 0)
    /// @param revoked true once revoked (then `amount` is the amount vested at revocation)
    /// @param amount total of the grant in wei (after a revocation: the vested part)
    /// @param claimed wei already claimed
    struct Grant {
        address grantee;
        uint48 start;
        uint48 cliff;
        address token;
        uint48 duration;
        bool revoked;
        uint128 amount;
        uint128 claimed;
    }

    /// @notice The spend exceeds the spendable (unreserved) balance.
    /// @param token asset
    /// @param amount requested wei
    /// @param spendable balance minus grant reserves, in wei
    error TreasuryInsufficientSpendable(address token, uint256 amount, uint256 spendable);
    /// @notice A council spend above what is left of the period's budget.
    /// @param council the caller
    /// @param token asset
    /// @param amount requested wei
    /// @param remaining budget left in the rolling window now, in wei
    error TreasuryOverBudget(address council, address token, uint256 amount, uint256 remaining);
    /// @notice A zero recipient or grantee.
    error TreasuryZeroAddress();
    /// @notice A zero amount.
    error TreasuryZeroAmount();
    /// @notice A budget period of zero or above `max` seconds.
    error TreasuryInvalidPeriod(uint256 period, uint256 max);
    /// @notice Grant times that do not satisfy 0 < duration, start <= cliff <= start + duration.
    error TreasuryInvalidSchedule(uint256 start, uint256 cliff, uint256 duration);
    /// @notice The grant id does not exist.
    error TreasuryUnknownGrant(uint256 grantId);
    /// @notice Only the grantee may claim.
    error TreasuryNotGrantee(uint256 grantId, address caller, address grantee);
    /// @notice The grant is not in one of the states the call needs.
    /// @param grantId the grant
    /// @param current its derived state
    /// @param allowed bitmap of allowed states (bit `uint8(state)` set, see utils/StateBitmap)
    error TreasuryUnexpectedGrantState(uint256 grantId, GrantState current, bytes32 allowed);
    /// @notice Nothing is claimable now.
    error TreasuryNothingToClaim(uint256 grantId);
    /// @notice Constructor arrays of different lengths.
    error TreasuryLengthMismatch(uint256 tokens, uint256 budgets);
    /// @notice An ETH transfer failed.
    error TreasuryEthTransferFailed(address to, uint256 amount);

    /// @notice ETH received.
    event Received(address indexed from, uint256 amount);
    /// @notice Governance spent `amount` of `token` to `to`.
    event Spent(address indexed token, address indexed to, uint256 amount);
    /// @notice The council spent `amount` of `token` to `to`; `spentInWindow` is the council's spending of that token
    /// in the rolling window, this spend included (wei).
    event CouncilSpent(
        address indexed council,
        address indexed token,
        address indexed to,
        uint256 amount,
        uint256 spentInWindow
    );
    /// @notice A token's council budget per rolling window changed (wei).
    event BudgetSet(address indexed token, uint256 oldBudget, uint256 newBudget);
    /// @notice The budget period changed (seconds).
    event BudgetPeriodSet(uint256 oldPeriod, uint256 newPeriod);
    /// @notice A grant stream was created and its amount reserved.
    event GrantCreated(
        uint256 indexed grantId,
        address indexed grantee,
        address indexed token,
        uint256 amount,
        uint256 start,
        uint256 cliff,
        uint256 duration
    );
    /// @notice A grant was revoked: `vested` stays claimable, `returned` is unreserved (wei).
    event GrantRevoked(uint256 indexed grantId, uint256 vested, uint256 returned);
    /// @notice The grantee claimed `amount` wei.
    event GrantClaimed(uint256 indexed grantId, address indexed grantee, uint256 amount);

    /// @notice Role of the council Safe.
    function COUNCIL_ROLE() external view returns (bytes32);

    /// @notice Largest budget period: 365 days.
    function MAX_BUDGET_PERIOD() external view returns (uint256);

    /// @notice Balance of `token` held (wei).
    function balance(address token) external view returns (uint256);

    /// @notice Balance reserved for grants: unvested plus vested-unclaimed (wei).
    function reserved(address token) external view returns (uint256);

    /// @notice `balance - reserved` (wei).
    function spendable(address token) external view returns (uint256);

    /// @notice Council budget of `token` per rolling window of `budgetPeriod()` seconds (wei).
    function budget(address token) external view returns (uint256);

    /// @notice Length of the council's rolling budget window in seconds (not calendar aligned): within any window of
    /// this length the council spends at most `budget(token)`; a spend is forgotten between one and 8/7 periods
    /// (plus one second) after it.
    function budgetPeriod() external view returns (uint256);

    /// @notice Council budget of `token` left now: the budget minus the spending still in the rolling window, floored at
    /// 0 (wei).
    function remainingBudget(address token) external view returns (uint256);

    /// @notice Pays `amount` of `token` to `to` from the spendable balance. Only DEFAULT_ADMIN_ROLE (timelock).
    function spend(address token, address to, uint256 amount) external;

    /// @notice Pays `amount` of `token` to `to` within the council's rolling budget. Only COUNCIL_ROLE. Reverts
    /// `TreasuryOverBudget` when `amount > remainingBudget(token)`.
    function councilSpend(address token, address to, uint256 amount) external;

    /// @notice Sets the council budget of `token` per rolling window (wei); spending already in the window still
    /// counts. Only DEFAULT_ADMIN_ROLE.
    function setBudget(address token, uint256 amount) external;

    /// @notice Sets the budget period (1 s .. MAX_BUDGET_PERIOD). Only DEFAULT_ADMIN_ROLE.
    /// @dev What each token's window held at the change is carried over, dated at the change, so a shorter period
    /// never frees earlier spending before one new period has passed; the bound "one budget per window" holds for
    /// windows within which the period does not change.
    function setBudgetPeriod(uint256 period) external;

    /// @notice Creates a grant stream and reserves `amount` from the spendable balance. Only DEFAULT_ADMIN_ROLE.
    /// @param token asset (address(0) = ETH)
    /// @param grantee who may claim
    /// @param amount total wei
    /// @param start vesting start (unix seconds, may be in the past)
    /// @param cliff time before which nothing vests (unix seconds)
    /// @param duration seconds from start to fully vested
    /// @return grantId id of the new grant (0, 1, 2, ...)
    function createGrant(
        address token,
        address grantee,
        uint256 amount,
        uint256 start,
        uint256 cliff,
        uint256 duration
    ) external returns (uint256 grantId);

    /// @notice Revokes a grant (Vesting or Vested): freezes it at the vested amount and unreserves the rest. Only
    /// DEFAULT_ADMIN_ROLE. Reverts with `TreasuryUnexpectedGrantState` for a revoked grant.
    function revokeGrant(uint256 grantId) external;

    /// @notice Pays the grantee everything vested and not yet claimed. Only the grantee. Gas is independent of
    /// the number of grants.
    /// @return amount wei paid
    function claim(uint256 grantId) external returns (uint256 amount);

    /// @notice A grant.
    function grant(uint256 grantId) external view returns (Grant memory);

    /// @notice The derived state of a grant now; reverts with `TreasuryUnknownGrant` for an id never created.
    /// @param grantId the grant
    function grantState(uint256 grantId) external view returns (GrantState);

    /// @notice Number of grants created.
    function grantCount() external view returns (uint256);

    /// @notice Vested amount of a grant at `timestamp` (wei): 0 before the cliff, linear from start, the whole
    /// amount from start + duration, rounded down.
    function vestedAmount(uint256 grantId, uint256 timestamp) external view returns (uint256);

    /// @notice Vested and not yet claimed, now (wei).
    function claimable(uint256 grantId) external view returns (uint256);
}
