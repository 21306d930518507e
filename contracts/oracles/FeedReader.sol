// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";
import {IFeedReader} from "./IFeedReader.sol";

/// @title FeedReader
/// @notice Reads an AggregatorV3 feed with the checks every consumer needs: complete round, no future timestamp,
/// freshness within a heartbeat, a positive answer, decimal scaling to the consumer's unit and sanity bounds.
/// @dev Kit block: it names no economy and no parameter key; the heartbeat, the bounds and the target decimals
/// are arguments, so each consumer decides where they come from (a registry, a constructor). Two entry points:
/// `tryRead` never reverts and returns an `IFeedReader.Status` for consumers that fall back (emission growth
/// metric); `read` reverts with the matching `IFeedReader` error for consumers that must stop (a reserve-gated
/// mint). Checks run in the order of `IFeedReader.Status` and the first failure is reported.
/// - Bounds are exclusive: a value exactly at a bound is what an aggregator clamping at its own min/max answer
///   reports when the real value is beyond it (Venus/Blizz, SECURITY-CHECKLIST ORC-03), so it is rejected.
/// - Scaling: from the feed's `decimals()` to `targetDecimals`; scaling down rounds down (floor), scaling up
///   reports OutOfBounds instead of overflowing. The check against the bounds uses the scaled value.
/// - The feed is called with `staticcall` and its return data is length-checked before decoding, so a feed
///   that reverts, has no code or returns too little data yields a status (or an error) instead of an
///   undecodable revert. Warning: the feed is trusted for gas: a feed that burns all gas or returns huge data
///   makes the read, and the consumer's transaction, run out of gas.
library FeedReader {
    /// @notice Everything one read saw (raw fields as words, so that no malformed field makes decoding revert).
    /// @param status outcome of the checks
    /// @param value the answer scaled to the target decimals (set once scaled, also when OutOfBounds;
    /// `type(uint256).max` when it does not fit)
    /// @param answer the raw answer
    /// @param roundId the latest round id
    /// @param answeredInRound the round the answer was computed in
    /// @param updatedAt when the answer was updated (unix s)
    struct Round {
        IFeedReader.Status status;
        uint256 value;
        int256 answer;
        uint256 roundId;
        uint256 answeredInRound;
        uint256 updatedAt;
    }

    /// @dev Five 32-byte words of `latestRoundData`.
    uint256 private constant _ROUND_DATA_LENGTH = 160;
    /// @dev 10^77 < 2^256 <= 10^78: a power of ten above 77 overflows.
    uint256 private constant _MAX_POW10 = 77;

    /// @notice Reads `feed` and returns a status instead of reverting.
    /// @param feed the AggregatorV3 feed
    /// @param heartbeat largest accepted age of the answer (seconds)
    /// @param minValue exclusive lower bound, in `targetDecimals`
    /// @param maxValue exclusive upper bound, in `targetDecimals`
    /// @param targetDecimals decimals of the returned value
    /// @return status Ok, or the first check that failed
    /// @return value the scaled answer when Ok, else 0
    /// @return updatedAt the feed's update time (0 when the call failed)
    function tryRead(
        AggregatorV3Interface feed,
        uint256 heartbeat,
        uint256 minValue,
        uint256 maxValue,
        uint8 targetDecimals
    ) internal view returns (IFeedReader.Status status, uint256 value, uint256 updatedAt) {
        Round memory r = inspect(feed, heartbeat, minValue, maxValue, targetDecimals);
        return (r.status, r.status == IFeedReader.Status.Ok ? r.value : 0, r.updatedAt);
    }

    /// @notice Reads `feed` and reverts with the `IFeedReader` error of the first check that fails.
    /// @dev Arguments as in `tryRead`.
    /// @return value the scaled answer
    /// @return updatedAt the feed's update time (unix s)
    function read(
        AggregatorV3Interface feed,
        uint256 heartbeat,
        uint256 minValue,
        uint256 maxValue,
        uint8 targetDecimals
    ) internal view returns (uint256 value, uint256 updatedAt) {
        Round memory r = inspect(feed, heartbeat, minValue, maxValue, targetDecimals);
        IFeedReader.Status s = r.status;
        if (s == IFeedReader.Status.Ok) return (r.value, r.updatedAt);
        address f = address(feed);
        if (s == IFeedReader.Status.Reverted) revert IFeedReader.FeedReverted(f);
        if (s == IFeedReader.Status.Malformed) revert IFeedReader.FeedMalformed(f);
        if (s == IFeedReader.Status.IncompleteRound) {
            revert IFeedReader.FeedIncompleteRound(f, r.roundId, r.answeredInRound, r.updatedAt);
        }
        if (s == IFeedReader.Status.FutureTimestamp)
            revert IFeedReader.FeedFutureTimestamp(f, r.updatedAt, block.timestamp);
        if (s == IFeedReader.Status.Stale) revert IFeedReader.FeedStale(f, r.updatedAt, heartbeat, block.timestamp);
        if (s == IFeedReader.Status.NonPositive) revert IFeedReader.FeedNonPositiveAnswer(f, r.answer);
        revert IFeedReader.FeedOutOfBounds(f, r.value, minValue, maxValue);
    }

    /// @notice Runs every check and returns what the read saw (arguments as in `tryRead`); never reverts.
    function inspect(
        AggregatorV3Interface feed,
        uint256 heartbeat,
        uint256 minValue,
        uint256 maxValue,
        uint8 targetDecimals
    ) internal view returns (Round memory r) {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory data) = address(feed).staticcall(
            abi.encodeCall(AggregatorV3Interface.latestRoundData, ())
        );
        if (!ok) return _fail(r, IFeedReader.Status.Reverted);
        if (data.length < _ROUND_DATA_LENGTH) return _fail(r, IFeedReader.Status.Malformed);
        // Decoded as full words: nothing here can make abi.decode revert.
        (r.roundId, r.answer, , r.updatedAt, r.answeredInRound) = abi.decode(
            data,
            (uint256, int256, uint256, uint256, uint256)
        );
        if (r.updatedAt == 0 || r.answeredInRound == 0 || r.answeredInRound < r.roundId) {
            return _fail(r, IFeedReader.Status.IncompleteRound);
        }
        if (r.updatedAt > block.timestamp) return _fail(r, IFeedReader.Status.FutureTimestamp);
        if (block.timestamp - r.updatedAt > heartbeat) return _fail(r, IFeedReader.Status.Stale);
        if (r.answer <= 0) return _fail(r, IFeedReader.Status.NonPositive);

        // solhint-disable-next-line avoid-low-level-calls
        (ok, data) = address(feed).staticcall(abi.encodeCall(AggregatorV3Interface.decimals, ()));
        if (!ok) return _fail(r, IFeedReader.Status.Reverted);
        if (data.length < 32) return _fail(r, IFeedReader.Status.Malformed);
        uint256 feedDecimals = abi.decode(data, (uint256));
        if (feedDecimals > type(uint8).max) return _fail(r, IFeedReader.Status.Malformed);

        // answer > 0 (checked above), so the cast is exact.
        // feedDecimals <= 255 (checked above).
        (bool fits, uint256 value) = scale(uint256(r.answer), uint8(feedDecimals), targetDecimals);
        r.value = fits ? value : type(uint256).max;
        if (!fits || value <= minValue || value >= maxValue) return _fail(r, IFeedReader.Status.OutOfBounds);
        r.status = IFeedReader.Status.Ok;
    }

    /// @notice `value` with `fromDecimals` decimals expressed with `toDecimals` decimals: multiplied by
    /// `10^(to - from)` (fits = false instead of overflowing) or divided by `10^(from - to)`, rounding down.
    function scale(uint256 value, uint8 fromDecimals, uint8 toDecimals) internal pure returns (bool fits, uint256) {
        if (fromDecimals == toDecimals) return (true, value);
        if (fromDecimals > toDecimals) {
            uint256 down = fromDecimals - toDecimals;
            // Every uint256 is below 10^78: dividing by a larger power leaves 0.
            return (true, down > _MAX_POW10 ? 0 : value / 10 ** down);
        }
        uint256 up = toDecimals - fromDecimals;
        if (value == 0) return (true, 0);
        if (up > _MAX_POW10) return (false, 0);
        return Math.tryMul(value, 10 ** up);
    }

    function _fail(Round memory r, IFeedReader.Status status) private pure returns (Round memory) {
        r.status = status;
        return r;
    }
}
