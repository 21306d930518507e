// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GovernorProposalGuardian} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {IEconomyGovernor} from "../IEconomyGovernor.sol";

/// @title GovernorGuardianPause
/// @notice OZ GovernorProposalGuardian (the guardian may cancel any proposal that is not executed, expired or
/// cancelled) plus a bounded pause of `propose` and `queue` by the same guardian.
/// @dev Design: a pause lasts `pauseDuration` seconds (at most MAX_PAUSE_DURATION) and ends by itself; governance
/// or the guardian may lift it earlier; the guardian may pause again only `pauseDuration` after the previous pause
/// ended. Voting, execution and cancelling are never paused, so a proposal queued before a pause (for example
/// `unpause` or `setProposalGuardian`) still executes, and a guardian that pauses at every opportunity still leaves
/// windows of `pauseDuration` seconds in which proposals can be created and queued. A paused governor can therefore
/// always replace its guardian: no deadlock.
abstract contract GovernorGuardianPause is GovernorProposalGuardian, IEconomyGovernor {
    /// @notice Longest guardian pause: 7 days.
    uint256 public constant MAX_PAUSE_DURATION = 7 days;

    uint48 private _pausedUntil;
    uint48 private _pauseAvailableAt;
    uint32 private _pauseDuration;
    /// @dev Number of proposals created (SEC-09); packs with `_pauseDuration` (and the timelock address of the next
    /// base), so counting costs one slot write per proposal (about 5,000 gas) and no new slot. 2^64 proposals are
    /// never reached.
    uint64 internal _proposalCounter;

    /// @param guardian the proposal guardian (a Safe)
    /// @param duration length of a pause in seconds
    constructor(address guardian, uint32 duration) {
        _setProposalGuardian(guardian);
        _setPauseDuration(duration);
    }

    /// @inheritdoc IEconomyGovernor
    function pause() external {
        address guardian = proposalGuardian();
        if (msg.sender != guardian) revert EconomyGovernorNotGuardian(msg.sender, guardian);
        uint256 availableAt = _pauseAvailableAt;
        if (block.timestamp < availableAt) revert EconomyGovernorPauseCooldown(msg.sender, availableAt);
        uint32 duration = _pauseDuration;
        // block.timestamp + 2 * MAX_PAUSE_DURATION fits in 48 bits for millions of years.
        uint48 until = uint48(block.timestamp + duration);
        _pausedUntil = until;
        _pauseAvailableAt = until + duration;
        emit GovernorPaused(msg.sender, until);
    }

    /// @inheritdoc IEconomyGovernor
    function unpause() external {
        if (msg.sender != proposalGuardian()) _checkGovernance();
        if (block.timestamp >= _pausedUntil) return; // not paused: nothing to do, no event
        // The guardian's cooldown counts from the real end of the pause.
        _pausedUntil = uint48(block.timestamp);
        _pauseAvailableAt = uint48(block.timestamp + _pauseDuration);
        emit GovernorUnpaused(msg.sender);
    }

    /// @inheritdoc IEconomyGovernor
    function pausedUntil() external view returns (uint256) {
        return _pausedUntil;
    }

    /// @inheritdoc IEconomyGovernor
    function pauseAvailableAt() external view returns (uint256) {
        return _pauseAvailableAt;
    }

    /// @inheritdoc IEconomyGovernor
    function pauseDuration() external view returns (uint256) {
        return _pauseDuration;
    }

    /// @inheritdoc IEconomyGovernor
    function setPauseDuration(uint32 duration) external onlyGovernance {
        _setPauseDuration(duration);
    }

    /// @dev Reverts with `EconomyGovernorPaused` while paused.
    function _requireNotPaused() internal view {
        uint256 until = _pausedUntil;
        if (block.timestamp < until) revert EconomyGovernorPaused(msg.sender, until);
    }

    function _setPauseDuration(uint32 duration) private {
        if (duration == 0 || duration > MAX_PAUSE_DURATION) {
            revert EconomyGovernorInvalidPauseDuration(duration, MAX_PAUSE_DURATION);
        }
        emit PauseDurationSet(_pauseDuration, duration);
        _pauseDuration = duration;
    }
}
