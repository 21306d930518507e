// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPricingFeed
/// @notice The part of the PricingOracle the marketplace reads and calls: reference prices, the adaptive network
/// fee, and settlement reports. Kept separate so the marketplace (and its test double) depends on three functions.
interface IPricingFeed {
    /// @notice Reference price for one job of model size class `sizeClass` (wei of QUIV): base rate x smoothed
    /// demand / smoothed supply, clamped to the class floor and ceiling.
    function referencePrice(uint8 sizeClass) external view returns (uint256);

    /// @notice Current adaptive network fee in basis points of a job's price.
    /// @dev The fee is kept with 18 extra decimals (`networkFeeBpsWad`); this rounds it up to whole bps.
    function networkFeeBps() external view returns (uint256);

    /// @notice Records one settled job of `sizeClass` as demand and supply for the EMAs and congestion. Only the
    /// marketplace (MARKET_ROLE), once per job, when the job is paid.
    /// @dev Demand must cost what it moves: the job counts `price / referencePrice(sizeClass)` jobs of demand (18
    /// decimals, rounded down) and `bids` times that of supply, so a 1-wei job moves nothing and a job at the
    /// reference price with two revealed bids counts one job of demand and two of supply. Nothing that is refunded
    /// or cancelled is reported: a post, an accept that expires, bids on a cancelled job (SEC-11, fee-attack-up).
    /// @param sizeClass model size class of the job
    /// @param price the price paid (wei of QUIV)
    /// @param bids bids revealed on the job at or below the reference price (the marketplace saturates its count at
    /// 2^16 - 1)
    function recordSettlement(uint8 sizeClass, uint256 price, uint256 bids) external;
}
