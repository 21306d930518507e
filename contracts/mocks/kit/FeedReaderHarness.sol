// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";
import {FeedReader} from "../../oracles/FeedReader.sol";
import {IFeedReader} from "../../oracles/IFeedReader.sol";

/// @notice Test-only: exposes FeedReader for its unit tests.
contract FeedReaderHarness {
    function tryRead(
        AggregatorV3Interface feed,
        uint256 heartbeat,
        uint256 minValue,
        uint256 maxValue,
        uint8 targetDecimals
    ) external view returns (IFeedReader.Status, uint256, uint256) {
        return FeedReader.tryRead(feed, heartbeat, minValue, maxValue, targetDecimals);
    }

    function read(
        AggregatorV3Interface feed,
        uint256 heartbeat,
        uint256 minValue,
        uint256 maxValue,
        uint8 targetDecimals
    ) external view returns (uint256, uint256) {
        return FeedReader.read(feed, heartbeat, minValue, maxValue, targetDecimals);
    }

    function scale(uint256 value, uint8 fromDecimals, uint8 toDecimals) external pure returns (bool, uint256) {
        return FeedReader.scale(value, fromDecimals, toDecimals);
    }
}
