// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPricingOracle
/// @notice QUIVer reference prices per model size class and the adaptive network fee.
/// @dev This file starts with what the marketplace reads; the oracle implementation (issue #5) keeps these
/// signatures and adds the rest of its API below them.
interface IPricingOracle {
    /// @notice Reference price for one job of model size class `sizeClass` (wei of QUIV): base rate x smoothed
    /// demand / smoothed supply, clamped to the class floor and ceiling.
    function referencePrice(uint8 sizeClass) external view returns (uint256);

    /// @notice Current adaptive network fee in basis points of a job's price.
    function networkFeeBps() external view returns (uint256);

    /// @notice Records marketplace activity used for the demand/supply EMAs and congestion. Only the
    /// marketplace (MARKET_ROLE).
    /// @param sizeClass model size class of the job
    /// @param posted 1 when a job was posted (demand), 0 otherwise
    /// @param bids number of eligible bids revealed (supply)
    function recordActivity(uint8 sizeClass, uint256 posted, uint256 bids) external;
}
