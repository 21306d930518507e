// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {BPS} from "../../utils/Constants.sol";

/// @title EmissionMath
/// @notice Pure math of the QUIV emission schedule, mirrored by `sdk/quiver/core/emission.ts` (differential test).
/// @dev Epoch `e` covers `[start + e * epochLength, start + (e + 1) * epochLength)`. Its base emission is
/// `base >> h` with `h = floor(e * epochLength / halvingInterval)` halvings (0 once `h >= 256`, so no
/// shift overflows and a call after 1,000 years costs the same as the first). The growth multiplier is
/// clamped to [0, 2.0] and applied rounding down; the result is then capped by what is left of the yearly
/// inflation budget and of the token cap. Every step rounds down: the protocol never over-mints.
library EmissionMath {
    /// @dev Largest growth multiplier: 2.0 (SPEC: "clamped to at most 2.0"), in bps.
    uint256 internal constant MAX_MULTIPLIER_BPS = 20_000;
    /// @dev Length of an emission year: 365 days in seconds.
    uint256 internal constant YEAR = 365 days;

    /// @notice Index of the epoch containing `timestamp` (0 before `start`).
    function epochAt(uint256 timestamp, uint256 start, uint256 epochLength) internal pure returns (uint256) {
        return timestamp <= start ? 0 : (timestamp - start) / epochLength;
    }

    /// @notice Halvings applied to epoch `epoch`: how many whole halving intervals precede its start.
    function halvingsAt(uint256 epoch, uint256 epochLength, uint256 halvingInterval) internal pure returns (uint256) {
        return (epoch * epochLength) / halvingInterval;
    }

    /// @notice Emission year of epoch `epoch` (year 0 starts at `start`).
    function yearOf(uint256 epoch, uint256 epochLength) internal pure returns (uint256) {
        return (epoch * epochLength) / YEAR;
    }

    /// @notice Base emission of an epoch after `halvings` halvings (wei).
    function baseAfterHalvings(uint256 base, uint256 halvings) internal pure returns (uint256) {
        return halvings >= 256 ? 0 : base >> halvings;
    }

    /// @notice The multiplier actually applied: `metricBps` clamped to [0, 20,000].
    function clampMultiplier(uint256 metricBps) internal pure returns (uint256) {
        return metricBps > MAX_MULTIPLIER_BPS ? MAX_MULTIPLIER_BPS : metricBps;
    }

    /// @notice The yearly inflation budget: `yearStartSupply * maxInflationBps / 10,000`, rounded down.
    function yearBudget(uint256 yearStartSupply, uint256 maxInflationBps) internal pure returns (uint256) {
        return Math.mulDiv(yearStartSupply, maxInflationBps, BPS, Math.Rounding.Floor);
    }

    /// @notice Emission of epoch `epoch` (wei).
    /// @param base base emission of epoch 0 (wei)
    /// @param epoch epoch index
    /// @param epochLength seconds
    /// @param halvingInterval seconds
    /// @param metricBps growth metric (bps, clamped here)
    /// @param yearLeft what is left of this emission year's inflation budget (wei)
    /// @param capLeft what is left under the token cap (wei)
    function epochEmission(
        uint256 base,
        uint256 epoch,
        uint256 epochLength,
        uint256 halvingInterval,
        uint256 metricBps,
        uint256 yearLeft,
        uint256 capLeft
    ) internal pure returns (uint256 amount) {
        uint256 halved = baseAfterHalvings(base, halvingsAt(epoch, epochLength, halvingInterval));
        amount = Math.mulDiv(halved, clampMultiplier(metricBps), BPS, Math.Rounding.Floor);
        amount = Math.min(amount, Math.min(yearLeft, capLeft));
    }
}
