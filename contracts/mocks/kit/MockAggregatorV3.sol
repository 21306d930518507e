// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";

/// @notice Test and local-preset AggregatorV3 feed: anyone sets the answer (a new round at the current time) or
/// any raw round data, the decimals, and whether the feed reverts. Never use it on a live network.
contract MockAggregatorV3 is AggregatorV3Interface {
    /// @notice The feed was told to revert.
    error MockAggregatorReverted();

    /// @notice A new round was written.
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    uint8 public decimals_;
    bool public revertRounds;
    bool public revertDecimals;
    uint80 private _roundId;
    int256 private _answer;
    uint256 private _startedAt;
    uint256 private _updatedAt;
    uint80 private _answeredInRound;

    /// @param feedDecimals decimals of the answers
    /// @param initialAnswer answer of round 1, written at deployment time
    constructor(uint8 feedDecimals, int256 initialAnswer) {
        decimals_ = feedDecimals;
        updateAnswer(initialAnswer);
    }

    /// @notice Writes `answer` as a new complete round at the current block time.
    function updateAnswer(int256 answer) public {
        uint80 id = _roundId + 1;
        setRoundData(id, answer, block.timestamp, block.timestamp, id);
    }

    /// @notice Writes raw round data (any values, for the rejection tests).
    function setRoundData(
        uint80 roundId,
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) public {
        (_roundId, _answer, _startedAt, _updatedAt, _answeredInRound) = (
            roundId,
            answer,
            startedAt,
            updatedAt,
            answeredInRound
        );
        emit AnswerUpdated(answer, roundId, updatedAt);
    }

    /// @notice Sets the decimals reported from now on.
    function setDecimals(uint8 feedDecimals) external {
        decimals_ = feedDecimals;
    }

    /// @notice Makes `latestRoundData`/`getRoundData` and `decimals` revert (or not).
    function setReverts(bool rounds, bool decimalsToo) external {
        revertRounds = rounds;
        revertDecimals = decimalsToo;
    }

    function decimals() external view returns (uint8) {
        if (revertDecimals) revert MockAggregatorReverted();
        return decimals_;
    }

    function description() external pure returns (string memory) {
        return "QUIVer mock feed";
    }

    function version() external pure returns (uint256) {
        return 1;
    }

    function getRoundData(uint80) external view returns (uint80, int256, uint256, uint256, uint80) {
        return latestRoundData();
    }

    function latestRoundData() public view returns (uint80, int256, uint256, uint256, uint80) {
        if (revertRounds) revert MockAggregatorReverted();
        return (_roundId, _answer, _startedAt, _updatedAt, _answeredInRound);
    }
}
