// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title AggregatorV3Interface
/// @notice Chainlink's data-feed interface, declared here with its standard signature because the Chainlink
/// package is not a dependency of this repository (same functions, names and return order as Chainlink's
/// `src/v0.8/shared/interfaces/AggregatorV3Interface.sol`).
/// @dev The name is Chainlink's (not `I...`) so that feeds and tooling recognise it. Read it through FeedReader, never directly: a raw answer can be stale, incomplete, non-positive or in
/// another number of decimals.
// solhint-disable-next-line interface-starts-with-i
interface AggregatorV3Interface {
    /// @notice Number of decimals of `answer`.
    function decimals() external view returns (uint8);

    /// @notice Human description of the feed (e.g. "ETH / USD").
    function description() external view returns (string memory);

    /// @notice Version of the aggregator implementation.
    function version() external view returns (uint256);

    /// @notice Data of round `_roundId`.
    /// @return roundId the round id
    /// @return answer the answer, in `decimals()` decimals
    /// @return startedAt when the round started (unix s)
    /// @return updatedAt when the answer was last updated (unix s; 0 if the round is not complete)
    /// @return answeredInRound the round in which the answer was computed (deprecated by Chainlink; kept for checks)
    function getRoundData(
        uint80 _roundId
    )
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    /// @notice Data of the latest round (same fields as `getRoundData`).
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
