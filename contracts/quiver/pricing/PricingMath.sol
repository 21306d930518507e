// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {BPS, WAD} from "../../utils/Constants.sol";

/// @title PricingMath
/// @notice Pure math of the PricingOracle, mirrored bit for bit by `sdk/quiver/core/pricing.ts` (differential tests).
/// @dev Units: demand, supply and EMAs with 18 decimals (WAD), prices in wei, fees in bps with 18 decimals, shares
/// in bps.
/// Rounding (README, "Rounding"): EMAs and reference prices round down (they are references, not payments; the
/// error is below 1e-18 of a job resp. 1 wei); the largest price step rounds down (a move never exceeds the
/// bound); fee raises and cuts round up (in the protocol's favour: a raise is never smaller, a cut never larger
/// than its share).
library PricingMath {
    /// @notice Demand weight of one settled job: `price x WAD / referencePrice`, rounded down (a job at the reference
    /// price weighs 1.0; a 1-wei job nothing).
    /// @dev Requires `referencePrice > 0` (the oracle's prices never fall below a positive floor).
    function jobWeight(uint256 price, uint256 referencePrice) internal pure returns (uint256) {
        return Math.mulDiv(price, WAD, referencePrice, Math.Rounding.Floor);
    }

    /// @notice Activity `amount` (18 decimals) observed over `elapsed` seconds, normalised to one `interval`:
    /// `amount x interval / elapsed`, rounded down.
    /// @dev Requires `elapsed > 0`; the oracle calls it with `elapsed >= interval`, so the rate never exceeds the
    /// amount.
    function ratePerInterval(uint256 amount, uint256 interval, uint256 elapsed) internal pure returns (uint256) {
        return Math.mulDiv(amount, interval, elapsed, Math.Rounding.Floor);
    }

    /// @notice One EMA step: `ema x (1 - alpha) + sample x alpha`, each term rounded down.
    /// @param alphaBps weight of the new sample in bps (<= 10,000)
    function emaStep(uint256 ema, uint256 sample, uint256 alphaBps) internal pure returns (uint256) {
        return
            Math.mulDiv(ema, BPS - alphaBps, BPS, Math.Rounding.Floor) +
            Math.mulDiv(sample, alphaBps, BPS, Math.Rounding.Floor);
    }

    /// @notice Unbounded target price `baseRate x demand / supply`, rounded down; `baseRate` without any activity
    /// and `type(uint256).max` with demand but no supply (the step bound and the ceiling then apply).
    function targetPrice(uint256 baseRate, uint256 demand, uint256 supply) internal pure returns (uint256) {
        if (supply == 0) return demand == 0 ? baseRate : type(uint256).max;
        return Math.mulDiv(baseRate, demand, supply, Math.Rounding.Floor);
    }

    /// @notice Moves `current` towards `target` by at most `current x maxStepBps / 10,000` (rounded down), then
    /// clamps into `[floor, ceiling]` (the ceiling wins if `floor > ceiling`).
    /// @dev `current <= 2^128` in the oracle, so `current + maxMove` cannot overflow.
    function stepPrice(
        uint256 current,
        uint256 target,
        uint256 maxStepBps,
        uint256 floor,
        uint256 ceiling
    ) internal pure returns (uint256) {
        uint256 maxMove = Math.mulDiv(current, maxStepBps, BPS, Math.Rounding.Floor);
        uint256 next;
        if (target >= current) {
            next = Math.min(target, current + maxMove);
        } else {
            // maxStepBps <= 10,000 in the registry, so maxMove <= current; saturate anyway.
            next = Math.max(target, maxMove >= current ? 0 : current - maxMove);
        }
        return clamp(next, floor, ceiling);
    }

    /// @notice Congestion in bps: `demand x 10,000 / supply` rounded down; 0 without activity and
    /// `type(uint256).max` with demand but no supply.
    function congestionBps(uint256 demand, uint256 supply) internal pure returns (uint256) {
        if (supply == 0) return demand == 0 ? 0 : type(uint256).max;
        return Math.mulDiv(demand, BPS, supply, Math.Rounding.Floor);
    }

    /// @notice Next network fee (bps with 18 decimals): raised by `raiseBps` when `congestion > highBps`, cut by
    /// `cutBps` when `congestion < lowBps` (both rounded up), then clamped into `[minFee, maxFee]` (same unit).
    /// @param cutBps <= 10,000
    function nextFee(
        uint256 fee,
        uint256 congestion,
        uint256 highBps,
        uint256 lowBps,
        uint256 raiseBps,
        uint256 cutBps,
        uint256 minFee,
        uint256 maxFee
    ) internal pure returns (uint256) {
        if (congestion > highBps) {
            fee = Math.mulDiv(fee, BPS + raiseBps, BPS, Math.Rounding.Ceil);
        } else if (congestion < lowBps) {
            fee = Math.mulDiv(fee, BPS - cutBps, BPS, Math.Rounding.Ceil);
        }
        return clamp(fee, minFee, maxFee);
    }

    /// @notice `value` clamped into `[lo, hi]`; `hi` wins if `lo > hi`.
    function clamp(uint256 value, uint256 lo, uint256 hi) internal pure returns (uint256) {
        return Math.min(Math.max(value, lo), hi);
    }
}
