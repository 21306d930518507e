// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../oracles/AggregatorV3Interface.sol";
import {FeedReader} from "../../oracles/FeedReader.sol";
import {IParameterRegistry} from "../../registry/IParameterRegistry.sol";
import {CaesarParams} from "../CaesarParams.sol";
import {IPriceSource} from "./IPriceSource.sol";

/// @title FeedPriceSource
/// @notice CAESAR's market price from an AggregatorV3 feed (for deployments that prefer one to the pool's TWAP),
/// read through the kit's FeedReader: a stale, incomplete, non-positive or out-of-range answer reverts with the
/// IFeedReader error (the controller's update then reverts; nothing is recorded). Heartbeat:
/// `caesar.fees.feedHeartbeat`.
contract FeedPriceSource is IPriceSource {
    /// @notice The feed read.
    AggregatorV3Interface public immutable feed;
    /// @notice The registry holding the heartbeat.
    IParameterRegistry public immutable registry;

    /// @param feed_ an AggregatorV3 feed of quote units per CAESAR
    /// @param registry_ the registry holding `caesar.fees.feedHeartbeat`
    constructor(AggregatorV3Interface feed_, IParameterRegistry registry_) {
        feed = feed_;
        registry = registry_;
    }

    /// @inheritdoc IPriceSource
    function observe() external view returns (uint256 priceWad) {
        return _read();
    }

    /// @inheritdoc IPriceSource
    function peek() external view returns (uint256 priceWad) {
        return _read();
    }

    function _read() private view returns (uint256 value) {
        (value, ) = FeedReader.read(feed, registry.get(CaesarParams.FEES_FEED_HEARTBEAT), 0, type(uint128).max, 18);
    }
}
