// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {StakingPools} from "../StakingPools.sol";
import {IStakingSlashCases} from "./IStakingSlashCases.sol";
import {UnbondingSegments} from "../libraries/UnbondingSegments.sol";
import {StateBitmap} from "../../utils/StateBitmap.sol";
import {BPS} from "../../utils/Constants.sol";

/// @title StakingSlashCases
/// @notice Staking extension: slash cases with an appeal window over the core's pools and unbonding segments.
/// A case is opened for an offence time, a slash is proposed (capped at `_maxSlashBps` of the case snapshot),
/// the provider may appeal, and once the window (or the appeal's deadline) is over the economy executes it.
/// The economy's contract decides who may call each step, supplies the parameters through the hooks and
/// decides where the slashed tokens go (`_executeSlash` returns the amount taken from the pools).
/// @dev Case states, transitions checked only in `_validateStateBitmap` (see utils/StateBitmap):
/// None -open-> Open -propose-> Appealing -appeal-> Appealed -dismiss-> Appealing (window over at once);
/// Open -close-> Closed; Appealing | Appealed -overturn-> Overturned; Appealing | Appealed -time-> Finalizable
/// -execute-> Executed. Snapshot and freezing rules: see StakingPools and UnbondingSegments.
abstract contract StakingSlashCases is StakingPools, IStakingSlashCases {
    using UnbondingSegments for UnbondingSegments.Book;

    uint256 private _caseCount;
    mapping(uint256 caseId => SlashCase) private _cases;

    // ------------------------------------------------------------------------------------ hooks

    /// @dev Largest slash as a share of the case snapshot (bps), read when the slash is proposed.
    function _maxSlashBps() internal view virtual returns (uint256);

    /// @dev Seconds between a proposal and its finality, read when the slash is proposed.
    function _appealWindow() internal view virtual returns (uint256);

    /// @dev Seconds governance has to decide an appeal, read when the provider appeals.
    function _appealTimeout() internal view virtual returns (uint256);

    // ------------------------------------------------------------------------------------ views

    /// @inheritdoc IStakingSlashCases
    function caseState(uint256 caseId) public view returns (CaseState) {
        SlashCase storage c = _cases[caseId];
        CaseState s = c.status;
        // A window (or an appeal's deadline) that has run out makes the proposed slash final.
        if ((s == CaseState.Appealing || s == CaseState.Appealed) && block.timestamp >= c.appealEndsAt) {
            return CaseState.Finalizable;
        }
        return s;
    }

    /// @inheritdoc IStakingSlashCases
    function slashCase(uint256 caseId) external view returns (SlashCase memory c) {
        c = _cases[caseId];
        c.status = caseState(caseId);
    }

    // ------------------------------------------------------------------------------------ transitions

    /// @dev Opens a case against the registered `provider` for an offence at `offenceAt` (raised to
    /// `now - unbondingPeriod + 1`: older entries have matured) and snapshots its slashable stake.
    function _openSlashCase(
        address provider,
        uint256 offenceAt
    ) internal returns (uint256 caseId, uint256 snapshotStake) {
        Pool storage pool = _pools[provider];
        if (!pool.registered) revert StakingNotProvider(provider);
        if (offenceAt > block.timestamp) revert StakingOffenceInFuture(offenceAt, block.timestamp);
        uint256 period = _unbondingPeriod();
        if (offenceAt + period <= block.timestamp) offenceAt = block.timestamp - period + 1;
        uint32 open = pool.openCases;
        (uint32 segment, uint256 unbonding) = _books[provider].openCase(provider, offenceAt, open);
        caseId = ++_caseCount;
        snapshotStake = pool.bondedTokens + unbonding;
        pool.openCases = open + 1;
        SlashCase storage c = _cases[caseId];
        c.provider = provider;
        c.snapshotStake = snapshotStake;
        c.status = CaseState.Open;
        (c.offenceAt, c.segment) = (uint48(offenceAt), segment);
        emit SlashCaseOpened(caseId, provider, snapshotStake);
    }

    /// @dev Proposes a slash of `amount` (lowered to the cap, never reverted: SEC-05) for an open case.
    function _proposeSlash(uint256 caseId, uint256 amount, address challenger) internal returns (uint256) {
        _validateStateBitmap(caseId, _encodeStateBitmap(CaseState.Open));
        if (amount == 0) revert StakingZeroAmount();
        if (challenger == address(0)) revert StakingZeroAddress();
        SlashCase storage c = _cases[caseId];
        uint256 max = Math.mulDiv(c.snapshotStake, _maxSlashBps(), BPS, Math.Rounding.Floor);
        if (amount > max) amount = max; // SEC-05: cap, never revert, so an upheld dispute always finalizes
        uint256 appealEndsAt = block.timestamp + _appealWindow();
        c.amount = amount;
        c.challenger = challenger;
        c.appealEndsAt = uint48(appealEndsAt);
        c.status = CaseState.Appealing;
        emit SlashProposed(caseId, c.provider, amount, challenger, appealEndsAt);
        return caseId;
    }

    /// @dev Closes an open case without a slash.
    function _closeSlashCase(uint256 caseId) internal {
        _validateStateBitmap(caseId, _encodeStateBitmap(CaseState.Open));
        SlashCase storage c = _cases[caseId];
        c.status = CaseState.Closed;
        _release(c);
        emit SlashCaseClosed(caseId, c.provider);
    }

    /// @dev Overturns a pending (or appealed) slash.
    function _overturnSlash(uint256 caseId) internal {
        _validateStateBitmap(caseId, _encodeStateBitmap(CaseState.Appealing) | _encodeStateBitmap(CaseState.Appealed));
        SlashCase storage c = _cases[caseId];
        c.status = CaseState.Overturned;
        _release(c);
        emit SlashOverturned(caseId, c.provider, c.amount);
    }

    /// @dev The slashed provider (`caller`) appeals inside the window; governance then has `_appealTimeout()`.
    function _appealSlash(uint256 caseId, address caller) internal {
        _validateStateBitmap(caseId, _encodeStateBitmap(CaseState.Appealing));
        SlashCase storage c = _cases[caseId];
        if (caller != c.provider) revert StakingNotAppellant(caseId, caller, c.provider);
        uint256 decideBy = block.timestamp + _appealTimeout();
        c.appealEndsAt = uint48(decideBy);
        c.status = CaseState.Appealed;
        emit SlashAppealed(caseId, c.provider, decideBy);
    }

    /// @dev Dismisses an appeal: the slash is final at once.
    function _dismissAppeal(uint256 caseId) internal {
        _validateStateBitmap(caseId, _encodeStateBitmap(CaseState.Appealed));
        SlashCase storage c = _cases[caseId];
        c.status = CaseState.Appealing;
        c.appealEndsAt = uint48(block.timestamp);
        emit SlashAppealDismissed(caseId, c.provider);
    }

    /// @dev Executes a final slash: takes the proposed amount (capped at what the case reaches now, for
    /// overlapping cases) from the bonded pool and the case's segments. The caller sends the tokens on.
    /// @return c the case (provider, challenger)
    /// @return amount wei taken from the pools
    function _executeSlash(uint256 caseId) internal returns (SlashCase storage c, uint256 amount) {
        _validateStateBitmap(caseId, _encodeStateBitmap(CaseState.Finalizable));
        c = _cases[caseId];
        address provider = c.provider;
        Pool storage pool = _pools[provider];
        c.status = CaseState.Executed;
        uint256 unbonding = _release(c);
        amount = Math.min(c.amount, pool.bondedTokens + unbonding);
        _slashPools(provider, c.segment, amount, unbonding);
    }

    // ------------------------------------------------------------------------------------ internals

    /// @dev Ends a case's cover of its segments and of the pool; returns the unbonding tokens it covered.
    function _release(SlashCase storage c) private returns (uint256 unbonding) {
        address provider = c.provider;
        _pools[provider].openCases -= 1;
        unbonding = _books[provider].release(c.segment);
    }

    /// @dev The bitmap of one case state (OZ Governor's `_encodeStateBitmap`).
    function _encodeStateBitmap(CaseState s) internal pure returns (bytes32) {
        return StateBitmap.encode(uint8(s));
    }

    /// @dev Reverts `StakingUnexpectedCaseState` unless the case's current state is in `allowed`.
    function _validateStateBitmap(uint256 caseId, bytes32 allowed) internal view {
        // StateBitmap.contains, written out: as a library call it costs every transition ~17 gas (measured), and
        // no caller needs the state back (returning it would cost 1 more).
        CaseState current = caseState(caseId);
        if (uint256(allowed) & (1 << uint8(current)) == 0) {
            revert StakingUnexpectedCaseState(caseId, current, allowed);
        }
    }
}
