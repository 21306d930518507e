// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStakingPools} from "../IStakingPools.sol";

/// @title IStakingSlashCases
/// @notice Slash cases with an appeal window: the state machine, its errors and events, and its two views.
/// Who may open, propose, close, overturn and dismiss is the economy's contract's choice.
interface IStakingSlashCases is IStakingPools {
    /// @notice Derived state of a slash case (see `caseState`).
    /// None: unknown id. Open: no slash proposed yet. Appealing: slash proposed, appeal window running.
    /// Finalizable: the window is over, the economy may execute it. Overturned, Executed, Closed: terminal.
    /// Appealed: the provider appealed inside the window; the slash waits for governance (overturn or
    /// dismiss) until `appealEndsAt`, after which the original slash stands and becomes Finalizable.
    enum CaseState {
        None,
        Open,
        Appealing,
        Finalizable,
        Overturned,
        Executed,
        Closed,
        Appealed
    }
    /// @notice Public view of a slash case.
    /// @param provider accused provider
    /// @param snapshotStake slashable stake when the case opened (wei)
    /// @param amount proposed slash (wei, 0 until proposed)
    /// @param challenger receives the challenger share
    /// @param appealEndsAt end of the appeal window (unix seconds, 0 until proposed)
    /// @param status derived state
    /// @param offenceAt the offence time the case uses: the given one, raised to the oldest unbonding that cannot
    /// have matured (now - unbondingPeriod + 1); unbonding entries created before it are not slashable
    /// @param segment first unbonding segment the case covers (it and every later one)
    struct SlashCase {
        address provider;
        uint256 snapshotStake;
        uint256 amount;
        address challenger;
        uint48 appealEndsAt;
        CaseState status;
        uint48 offenceAt;
        uint32 segment;
    }
    /// @notice Only the slashed provider may appeal its slash.
    /// @param caseId the case
    /// @param caller who called
    /// @param provider the slashed provider
    error StakingNotAppellant(uint256 caseId, address caller, address provider);
    /// @notice A slash case for an offence after the current time.
    /// @param offenceAt the offence time given
    /// @param nowTime block timestamp
    error StakingOffenceInFuture(uint256 offenceAt, uint256 nowTime);
    /// @notice A slash case is not in a state that allows the call.
    /// @param caseId the case
    /// @param current its state
    /// @param allowed bitmap of allowed states (bit `uint8(CaseState)` set for each, utils/StateBitmap)
    error StakingUnexpectedCaseState(uint256 caseId, CaseState current, bytes32 allowed);
    /// @notice A slash case opened.
    /// @param snapshotStake bonded stake plus the unbonding stake the case can slash (wei)
    event SlashCaseOpened(uint256 indexed caseId, address indexed provider, uint256 snapshotStake);
    /// @notice A slash was proposed; it is pending until `appealEndsAt`.
    event SlashProposed(
        uint256 indexed caseId,
        address indexed provider,
        uint256 amount,
        address challenger,
        uint256 appealEndsAt
    );
    /// @notice Governance overturned a pending slash.
    event SlashOverturned(uint256 indexed caseId, address indexed provider, uint256 amount);
    /// @notice The provider appealed a pending slash.
    /// @param decideBy governance's deadline (unix seconds); after it the slash stands
    event SlashAppealed(uint256 indexed caseId, address indexed provider, uint256 decideBy);
    /// @notice Governance dismissed an appeal; the slash is final.
    event SlashAppealDismissed(uint256 indexed caseId, address indexed provider);
    /// @notice A case closed without a slash.
    event SlashCaseClosed(uint256 indexed caseId, address indexed provider);
    /// @notice Derived state of a slash case.
    function caseState(uint256 caseId) external view returns (CaseState);
    /// @notice A slash case.
    function slashCase(uint256 caseId) external view returns (SlashCase memory);
}
