// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPricingFeed
/// @notice The part of the PricingOracle the marketplace reads and calls: reference prices, the adaptive network
/// fee, and activity reports. Kept separate so the marketplace (and its test double) depends on three functions.
interface IPricingFeed {
    /// @notice Reference price for one job of model size class `sizeClass` (wei of QUIV): base rate x smoothed
    /// demand / smoothed supply, clamped to the class floor and ceiling.
    function referencePrice(uint8 sizeClass) external view returns (uint256);

    /// @notice Current adaptive network fee in basis points of a job's price.
    /// @dev The fee is kept with 18 extra decimals (`networkFeeBpsWad`); this rounds it up to whole bps.
    function networkFeeBps() external view returns (uint256);

    /// @notice Records marketplace activity used for the demand/supply EMAs and congestion. Only the
    /// marketplace (MARKET_ROLE).
    /// @dev Warning: only escrowed activity may count as demand (SEC-11): the marketplace reports a job when its
    /// price is escrowed at accept, never at post (a post is free and can be cancelled at once).
    /// @param sizeClass model size class of the job
    /// @param posted 1 when a job's price was escrowed (accept: demand), 0 otherwise
    /// @param bids number of eligible bids revealed (supply)
    function recordActivity(uint8 sizeClass, uint256 posted, uint256 bids) external;
}
