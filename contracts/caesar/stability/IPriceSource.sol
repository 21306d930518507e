// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPriceSource
/// @notice The market price the CAESAR StabilityController reads: quote units per CAESAR in WAD (1e18 = 1.0).
/// Implemented by PoolTwap (a Uniswap V2 pair's time-weighted average) and FeedPriceSource (an AggregatorV3 feed).
interface IPriceSource {
    /// @notice Records what the source needs (a TWAP observation) and returns the market price (WAD).
    function observe() external returns (uint256 priceWad);

    /// @notice The market price (WAD) without recording anything.
    function peek() external view returns (uint256 priceWad);
}
