// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BPS} from "../../utils/Constants.sol";

/// @title RegionMath
/// @notice The regional price modifier of CAESAR's space-time price matrix (mirrored by sdk/caesar/core/regions.ts,
/// checked by test/caesar/regions/regions.diff.test.ts). All factors are bps of 1.0 (10,000).
/// @dev Formula (seed `calculate_regional_price`, with the seed's distance factor and `1 + network_hops_factor`
/// merged into one hop term, so that each term stays within [0.5, 2.0]):
///
///   hopTerm   = clamp(10,000 + (hopsBps - 10,000) x hops, 5,000, 20,000)      (the hops modifier is the cost of one hop)
///   spillover = 10,000 + trunc(sum of the spillovers of the adjacent regions / degree)   (10,000 without neighbours)
///   raw       = floor(geoBps x resourceBps x hopTerm x temporalBps x spillover / 10^16)
///   modifier  = clamp(raw, 5,000, 20,000)
///
/// Precision: one division at the end (the product of five bps factors is at most 20,000^5 = 3.2e21 < 2^72),
/// rounded down; the spillover average truncates toward zero (Solidity's signed division, BigInt's too). Each
/// spillover lies in [-5,000, 5,000], so the spillover term lies in [5,000, 15,000] and never reaches zero.
library RegionMath {
    /// @notice Lowest modifier and lowest factor (0.5).
    uint256 internal constant MODIFIER_MIN = 5_000;
    /// @notice Highest modifier and highest factor (2.0).
    uint256 internal constant MODIFIER_MAX = 20_000;
    /// @notice Largest spillover magnitude a neighbour may exert (0.5).
    int256 internal constant SPILLOVER_MAX = 5_000;

    /// @notice The hop term of `hops` hops at `hopsBps` per hop, clamped to [0.5, 2.0].
    function hopTerm(uint256 hopsBps, uint256 hops) internal pure returns (uint256) {
        // hopsBps <= 20,000 and hops <= 16 (RegionalPriceMatrix bounds), so the products fit easily.
        if (hopsBps >= BPS) {
            uint256 up = BPS + (hopsBps - BPS) * hops;
            return up > MODIFIER_MAX ? MODIFIER_MAX : up;
        }
        uint256 down = (BPS - hopsBps) * hops;
        return down >= BPS - MODIFIER_MIN ? MODIFIER_MIN : BPS - down;
    }

    /// @notice The spillover term of a region with `degree` neighbours exerting `sum` bps in total.
    function spilloverTerm(int256 sum, uint256 degree) internal pure returns (uint256) {
        if (degree == 0) return BPS;
        // |sum / degree| <= SPILLOVER_MAX < BPS, so the result is positive.
        return uint256(int256(BPS) + sum / int256(degree));
    }

    /// @notice The combined modifier, clamped to [0.5, 2.0].
    function combine(
        uint256 geoBps,
        uint256 resourceBps,
        uint256 hopBps,
        uint256 temporalBps,
        uint256 spilloverBps
    ) internal pure returns (uint256) {
        uint256 raw = (geoBps * resourceBps * hopBps * temporalBps * spilloverBps) / 1e16;
        if (raw < MODIFIER_MIN) return MODIFIER_MIN;
        return raw > MODIFIER_MAX ? MODIFIER_MAX : raw;
    }

    /// @notice The UTC hour of `timestamp` (0..23).
    function hourOf(uint256 timestamp) internal pure returns (uint256) {
        return (timestamp % 1 days) / 1 hours;
    }
}
