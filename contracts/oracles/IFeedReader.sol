// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IFeedReader
/// @notice Read status and errors of the FeedReader library, declared once so that every consumer of an
/// AggregatorV3 feed reports the same statuses and reverts with the same errors, and the SDK decodes one set.
/// @dev A consumer either falls back on a non-Ok status (`FeedReader.tryRead`) or reverts (`FeedReader.read`).
interface IFeedReader {
    /// @notice Outcome of one read, in the order the checks run.
    /// @dev Ok: the value is usable. Reverted: `latestRoundData` or `decimals` reverted. Malformed: the feed
    /// returned too little data (no code at the address, wrong function) or decimals above 255.
    /// IncompleteRound: `updatedAt == 0`, `answeredInRound == 0` or `answeredInRound < roundId`.
    /// FutureTimestamp: `updatedAt > block.timestamp`. Stale: `block.timestamp - updatedAt > heartbeat`.
    /// NonPositive: `answer <= 0`. OutOfBounds: the scaled value is not strictly between the bounds (or does not
    /// fit in 256 bits once scaled).
    enum Status {
        Ok,
        Reverted,
        Malformed,
        IncompleteRound,
        FutureTimestamp,
        Stale,
        NonPositive,
        OutOfBounds
    }

    /// @notice `feed` reverted on `latestRoundData` or `decimals`.
    error FeedReverted(address feed);
    /// @notice `feed` returned data that is not an AggregatorV3 answer (too short, or decimals above 255).
    error FeedMalformed(address feed);
    /// @notice The latest round of `feed` is not complete.
    /// @param roundId the latest round id
    /// @param answeredInRound the round the answer was computed in
    /// @param updatedAt its update time (unix s; 0 = never)
    error FeedIncompleteRound(address feed, uint256 roundId, uint256 answeredInRound, uint256 updatedAt);
    /// @notice `feed` reports an update time `updatedAt` after the current block time `nowTs` (unix s).
    error FeedFutureTimestamp(address feed, uint256 updatedAt, uint256 nowTs);
    /// @notice The answer of `feed`, updated at `updatedAt`, is older than `heartbeat` seconds at `nowTs`.
    error FeedStale(address feed, uint256 updatedAt, uint256 heartbeat, uint256 nowTs);
    /// @notice `feed` answered `answer`, which is not positive.
    error FeedNonPositiveAnswer(address feed, int256 answer);
    /// @notice The answer of `feed` scaled to the target decimals, `value`, is not strictly between `minValue` and
    /// `maxValue` (`value` is `type(uint256).max` when the scaled answer does not fit in 256 bits).
    error FeedOutOfBounds(address feed, uint256 value, uint256 minValue, uint256 maxValue);
}
