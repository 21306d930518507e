// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {IStakingPools} from "../IStakingPools.sol";
import {SharesMath} from "./SharesMath.sol";

/// @title UnbondingSegments
/// @notice A provider's unbonding stake as segments: share pools that each cover a contiguous range of entry
/// positions, so a slash for an offence at T reaches exactly the entries created at or after T (SEC-06) and
/// an open case freezes only those (SEC-03). Linked library (external functions) to keep ProviderStaking
/// under the contract size limit.
/// @dev Positions. An entry's position is the provider's cumulative count of unbonding shares minted before
/// it; `trace` maps a timestamp to that count, so `trace.upperLookup(T - 1)` is the boundary between the
/// entries created before T and those created at or after T, exact to the second.
/// Segments. Each segment covers [start, next.start) (the open, last one up to the latest position); new
/// entries are minted into the open segment. Opening a case splits the segment holding the case's boundary
/// k: the child's shares are `end - k` (the trace difference over its range), its tokens the same fraction
/// of the parent's (floor). This is exact because shares keep their units inside a segment and no entry at a
/// position >= k has been withdrawn: k is raised to `withdrawnEnd` (the end of the latest-positioned
/// withdrawn entry). With the registry defaults (dispute window 1 day < unbonding period 14 days) an entry
/// created after an offence cannot have matured when its case opens, so the raise never moves k; it only
/// keeps the accounting exact under any bounds. After a slash took tokens from the open segment, a fresh
/// open segment starts at the latest position (rollover), so entries minted later never get a price that a
/// slash lowered (no share inflation after repeated slashes, the unbonding side of SEC-16).
/// Loops (documented bound): over segments only, never over users or entries. Every segment after the first
/// was created by a split (at most one per case opened) or a rollover (at most one per slash finalized), so
/// a walk from a case's first segment, or from an entry's minted segment, visits at most one segment per
/// case of that provider opened or finalized since the case's offence or the entry's creation.
library UnbondingSegments {
    using Checkpoints for Checkpoints.Trace208;

    /// @dev A share pool of the entries whose positions lie in [start, next.start).
    struct Segment {
        uint256 tokens;
        uint256 shares;
        uint192 start;
        uint32 prev;
        uint32 next;
        uint32 openCases;
    }

    /// @dev One provider's segments, position trace and withdrawal high-water mark.
    struct Book {
        mapping(uint256 id => Segment) at;
        Checkpoints.Trace208 trace;
        uint32 open;
        uint32 count;
        uint256 withdrawnEnd;
    }

    /// @notice Mints an entry of `amount` wei into the open segment (created on first use, covered by the
    /// provider's `openCases`) and appends it to `list`. Returns the shares minted (rounded down).
    function mint(
        Book storage self,
        IStakingPools.Unbonding[] storage list,
        address provider,
        uint256 amount,
        uint256 openCases,
        uint256 unlockAt
    ) external returns (uint256 minted) {
        uint32 id = _ensure(self, openCases);
        Segment storage seg = self.at[id];
        minted = SharesMath.toSharesDown(amount, seg.tokens, seg.shares);
        seg.tokens += amount;
        seg.shares += minted;
        uint256 position = self.trace.latest();
        self.trace.push(uint48(block.timestamp), SafeCast.toUint208(position + minted));
        list.push(
            IStakingPools.Unbonding({
                provider: provider,
                unlockAt: SafeCast.toUint48(unlockAt),
                createdAt: uint48(block.timestamp),
                shares: minted,
                segment: id,
                position: SafeCast.toUint192(position)
            })
        );
    }

    /// @notice Removes `list[index]` (swap and pop) and returns its token value (rounded down) and shares.
    /// Reverts `StakingFrozenByDispute` if an open case covers its segment.
    function take(
        Book storage self,
        IStakingPools.Unbonding[] storage list,
        uint256 index
    ) external returns (uint256 tokens, uint256 shares) {
        IStakingPools.Unbonding memory entry = list[index];
        Segment storage seg = self.at[_current(self, entry.segment, entry.position)];
        if (seg.openCases != 0) revert IStakingPools.StakingFrozenByDispute(entry.provider, seg.openCases);
        shares = entry.shares;
        tokens = SharesMath.toTokensDown(shares, seg.tokens, seg.shares);
        seg.tokens -= tokens;
        seg.shares -= shares;
        uint256 end = uint256(entry.position) + shares;
        if (end > self.withdrawnEnd) self.withdrawnEnd = end;
        list[index] = list[list.length - 1];
        list.pop();
    }

    /// @notice An entry's current value (what `take` would pay).
    function valueOf(Book storage self, IStakingPools.Unbonding storage entry) external view returns (uint256) {
        Segment storage seg = self.at[_current(self, entry.segment, entry.position)];
        return SharesMath.toTokensDown(entry.shares, seg.tokens, seg.shares);
    }

    /// @notice Opens a case for an offence at `offenceAt`: splits at its boundary, covers the segments from it to
    /// the open one and returns the first of them and their tokens (the case's unbonding snapshot).
    function openCase(
        Book storage self,
        address provider,
        uint256 offenceAt,
        uint256 openCases
    ) external returns (uint32 first, uint256 tokens) {
        first = _split(self, provider, _boundary(self, offenceAt), openCases);
        tokens = _cover(self, first, true);
    }

    /// @notice Ends a case's cover of the segments from `first` on; returns their tokens.
    function release(Book storage self, uint32 first) external returns (uint256 tokens) {
        return _cover(self, first, false);
    }

    /// @notice Takes `amount` (<= `tokens`, the tokens of the segments from `first` on) from those segments in
    /// proportion: each part rounded up of what is left, so the parts sum to `amount` and none exceeds its
    /// segment. Then rolls the open segment over if the slash lowered its price.
    function slash(Book storage self, address provider, uint32 first, uint256 amount, uint256 tokens) external {
        bool openTouched;
        uint32 open = self.open;
        for (uint32 id = first; id != 0 && amount != 0; id = self.at[id].next) {
            Segment storage s = self.at[id];
            uint256 t = s.tokens;
            uint256 part = Math.mulDiv(amount, t, tokens, Math.Rounding.Ceil);
            s.tokens = t - part;
            amount -= part;
            tokens -= t;
            if (part != 0 && id == open) openTouched = true;
        }
        if (!openTouched) return;
        Segment storage o = self.at[open];
        uint256 k = self.trace.latest();
        if (o.start == k) return;
        uint32 child = ++self.count;
        Segment storage c = self.at[child];
        c.start = SafeCast.toUint192(k);
        c.prev = open;
        c.openCases = o.openCases;
        o.next = child;
        self.open = child;
        emit IStakingPools.UnbondingSegmentSplit(provider, open, child, k, 0, 0);
    }

    /// @notice Unbonding tokens a case for an offence at `offenceAt` would reach now (without splitting).
    function reach(Book storage self, uint256 offenceAt) external view returns (uint256 tokens) {
        uint256 k = _boundary(self, offenceAt);
        uint256 end = self.trace.latest();
        uint32 id = self.open;
        while (id != 0 && end > k) {
            Segment storage s = self.at[id];
            uint256 start = s.start;
            uint256 from = start > k ? start : k;
            if (s.shares != 0) tokens += Math.mulDiv(end - from, s.tokens, s.shares, Math.Rounding.Floor);
            if (start <= k) break;
            end = start;
            id = s.prev;
        }
    }

    /// @notice A segment of the book (for views and tests).
    function segmentOf(Book storage self, uint256 id) external view returns (Segment memory) {
        return self.at[id];
    }

    // ------------------------------------------------------------------------------------ internals

    function _ensure(Book storage self, uint256 openCases) private returns (uint32 id) {
        id = self.open;
        if (id != 0) return id;
        id = ++self.count;
        self.open = id;
        // The open segment is covered by every open case of the provider.
        self.at[id].openCases = SafeCast.toUint32(openCases);
    }

    /// @dev Position boundary of an offence at `offenceAt`, raised to `withdrawnEnd` (see the design note).
    function _boundary(Book storage self, uint256 offenceAt) private view returns (uint256 k) {
        k = offenceAt == 0 ? 0 : self.trace.upperLookupRecent(SafeCast.toUint48(offenceAt - 1));
        if (self.withdrawnEnd > k) k = self.withdrawnEnd;
    }

    /// @dev The segment holding the entry minted into `minted` at `position`: follow the split links while the
    /// next segment starts at or before the position.
    function _current(Book storage self, uint32 minted, uint256 position) private view returns (uint32 id) {
        id = minted;
        uint32 next = self.at[id].next;
        while (next != 0 && self.at[next].start <= position) {
            id = next;
            next = self.at[id].next;
        }
    }

    /// @dev Splits at position `k` (unless a segment starts there) and returns the segment starting at `k`.
    /// Walks back from the open segment over the segments that start after `k`.
    function _split(Book storage self, address provider, uint256 k, uint256 openCases) private returns (uint32 id) {
        id = _ensure(self, openCases);
        while (self.at[id].start > k) id = self.at[id].prev;
        Segment storage s = self.at[id];
        if (s.start == k) return id;
        uint32 next = s.next;
        uint256 shares = (next == 0 ? self.trace.latest() : self.at[next].start) - k;
        uint256 tokens = shares == 0 ? 0 : Math.mulDiv(shares, s.tokens, s.shares, Math.Rounding.Floor);
        uint32 child = ++self.count;
        Segment storage c = self.at[child];
        c.tokens = tokens;
        c.shares = shares;
        c.start = SafeCast.toUint192(k);
        c.prev = id;
        c.next = next;
        c.openCases = s.openCases;
        s.tokens -= tokens;
        s.shares -= shares;
        s.next = child;
        if (next == 0) self.open = child;
        else self.at[next].prev = child;
        emit IStakingPools.UnbondingSegmentSplit(provider, id, child, k, tokens, shares);
        return child;
    }

    /// @dev Adds (`cover`) or removes one open case on the segments from `first` to the open one; returns the
    /// sum of their tokens.
    function _cover(Book storage self, uint32 first, bool cover) private returns (uint256 tokens) {
        for (uint32 id = first; id != 0; id = self.at[id].next) {
            Segment storage s = self.at[id];
            if (cover) s.openCases += 1;
            else s.openCases -= 1;
            tokens += s.tokens;
        }
    }
}
