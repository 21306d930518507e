// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

/// @title MockVotingPowerSink
/// @notice Test/bench-only model of the design EconomyGovernor does NOT use: a voting-power token that its sources
/// checkpoint into on every delegate-votes move, so that it can emit `DelegateVotesChanged` per account. Kept to
/// measure what that design would add to a source's transfers and delegations (scripts/bench/votesHook.ts); the
/// shipped `token()` is the EconomyVotes view, which adds nothing.
contract MockVotingPowerSink {
    using Checkpoints for Checkpoints.Trace208;

    uint256 private constant BPS = 10_000;

    /// @notice Weight of each source in basis points (0: not a source).
    mapping(address source => uint256) public weightBps;
    mapping(address account => Checkpoints.Trace208) private _raw;

    /// @notice The IVotes event, in weighted votes.
    event DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes);

    /// @notice Sets a source's weight (test only: no access control, no reweighting of existing power).
    function setWeight(address source, uint256 w) external {
        weightBps[source] = w;
    }

    /// @notice Called by a source when `amount` of its delegated votes move from `from` to `to`.
    function onVotesMoved(address from, address to, uint256 amount) external {
        uint256 w = weightBps[msg.sender];
        if (w == 0 || from == to || amount == 0) return;
        uint256 d = w * amount;
        if (from != address(0)) _move(from, d, false);
        if (to != address(0)) _move(to, d, true);
    }

    /// @notice Weighted votes of `account` at `timepoint`.
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
        return _raw[account].upperLookupRecent(uint48(timepoint)) / BPS;
    }

    function _move(address account, uint256 d, bool add) private {
        Checkpoints.Trace208 storage t = _raw[account];
        uint256 old = t.latest();
        uint256 updated = add ? old + d : old - d;
        t.push(uint48(block.timestamp), uint208(updated));
        emit DelegateVotesChanged(account, old / BPS, updated / BPS);
    }
}
