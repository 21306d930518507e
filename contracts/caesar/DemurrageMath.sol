// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {BPS, WAD} from "../utils/Constants.sol";

/// @title DemurrageMath
/// @notice The demurrage index of CAESAR (mirrored bigint-exact by `sdk/caesar/core/demurrage.ts`).
/// @dev Design (README, "CAESAR token" and "Rounding policy").
/// - Rate: `rateBps` per 30 days (default 100 = 1%). The daily factor g (WAD) is the 30th root of
///   `1 - rateBps / 10,000`, found by Newton's method from above (`dailyFactor`), so 30 daily steps cost the holder
///   the monthly rate, never less, and more by at most 64 ulp of WAD (6.4e-17; rates 0.01%-2% tested).
/// - Index: I(d) = I(a) * g^(d - a) / WAD, rounded down, computed from an anchor (a, I(a)) that moves only when the
///   rate changes, so the index has no per-update drift: after d days at one rate, I = floor(WAD * g^d) with g^d
///   by square-and-multiply (`rpowDown`, each product rounded down). Balances are base units times the index:
///   balance = floor(base * I / WAD).
/// - Why the index never hits zero: it is floored at `MIN_INDEX` = 3e6 (3e-12 of WAD), below which decay stops.
///   At the default 1% per 30 days the index after 100 years (1,217 periods) is 0.99^1217 = 4.9e-6 of WAD, and at the
///   hard maximum rate `MAX_RATE_BPS` (2% per 30 days) 0.98^1217 = 2.1e-11 of WAD, both above the floor; so over
///   100 years the floor is never reached and every balance decays by the closed form.
/// - Range: supply <= `MAX_SUPPLY` (1e27 wei), so base <= supply * WAD / MIN_INDEX < 3.4e38 < 2^128: base units fit
///   in 128 bits at any index, and every product below (base * index < 2^192, amount * WAD < 2^150) fits in 256 bits.
/// - Rounding (towards the protocol): a debit converts the amount to base units rounding up, a credit rounding
///   down, a balance rounds down. A holder therefore loses at most 1 wei per transfer leg to the protocol, and
///   the sum of balances falls short of `totalBase * I` by less than 1 wei per holder.
library DemurrageMath {
    /// @notice The index floor (WAD units): decay stops there, so base units stay below 2^128 at `MAX_SUPPLY`.
    uint256 internal constant MIN_INDEX = 3e6; // 3e-12 of WAD
    /// @notice The largest supply (wei) the base-unit range supports: 1,000,000,000 CAESAR.
    uint256 internal constant MAX_SUPPLY = 1e27;
    /// @notice Largest demurrage rate per 30 days (bps): 2%, so the index stays above MIN_INDEX for 100 years.
    uint256 internal constant MAX_RATE_BPS = 200;
    /// @notice Days of one rate period.
    uint256 internal constant PERIOD_DAYS = 30;
    /// @dev Newton's method converges in about 4 steps from its start; 64 is a hard bound.
    uint256 private constant _MAX_NEWTON_STEPS = 64;

    /// @notice The rate per 30 days is above `MAX_RATE_BPS`.
    error DemurrageRateTooHigh(uint256 rateBps, uint256 maxRateBps);

    /// @notice x^n for x in WAD (x <= WAD), each product rounded down.
    /// @param x base in WAD, at most WAD
    /// @param n exponent (days)
    function rpowDown(uint256 x, uint256 n) internal pure returns (uint256 z) {
        z = WAD;
        while (n > 0) {
            if (n & 1 == 1) z = (z * x) / WAD;
            n >>= 1;
            if (n > 0) x = (x * x) / WAD;
        }
    }

    /// @notice The daily factor g (WAD) with g^30 = 1 - rateBps / 10,000: Newton's method from above,
    /// x' = (29 x + c * WAD / x^29) / 30 with x^29 by `rpowDown`, stopped when it no longer decreases.
    /// @param rateBps demurrage per 30 days in bps, at most `MAX_RATE_BPS`
    /// @return g the daily factor in WAD (WAD when the rate is zero)
    function dailyFactor(uint256 rateBps) internal pure returns (uint256 g) {
        if (rateBps > MAX_RATE_BPS) revert DemurrageRateTooHigh(rateBps, MAX_RATE_BPS);
        if (rateBps == 0) return WAD;
        uint256 c = (WAD * (BPS - rateBps)) / BPS;
        // Bernoulli: (1 - r/30)^30 >= 1 - r, so the start is above the root and Newton descends monotonically.
        g = WAD - (WAD * rateBps) / (BPS * PERIOD_DAYS);
        for (uint256 i = 0; i < _MAX_NEWTON_STEPS; ++i) {
            uint256 p = rpowDown(g, PERIOD_DAYS - 1);
            uint256 next = ((PERIOD_DAYS - 1) * g + (c * WAD) / p) / PERIOD_DAYS;
            if (next >= g) break;
            g = next;
        }
    }

    /// @notice The index `days_` days after an anchor: floor(anchorIndex * g^days / WAD), floored at MIN_INDEX.
    /// @param anchorIndex the index at the anchor day (WAD)
    /// @param g the daily factor (WAD)
    /// @param days_ whole days since the anchor
    function indexAfter(uint256 anchorIndex, uint256 g, uint256 days_) internal pure returns (uint256 index) {
        index = (anchorIndex * rpowDown(g, days_)) / WAD;
        if (index < MIN_INDEX) index = MIN_INDEX;
    }

    /// @notice Base units debited for `amount` wei at `index`, rounded up (the holder pays the rounding).
    function toBaseUp(uint256 amount, uint256 index) internal pure returns (uint256) {
        // Within the documented range (amount <= 2^96, base < 2^128, index <= WAD < 2^64) nothing overflows.
        unchecked {
            return (amount * WAD + index - 1) / index;
        }
    }

    /// @notice Base units credited for `amount` wei at `index`, rounded down.
    function toBaseDown(uint256 amount, uint256 index) internal pure returns (uint256) {
        // Within the documented range (amount <= 2^96, base < 2^128, index <= WAD < 2^64) nothing overflows.
        unchecked {
            return (amount * WAD) / index;
        }
    }

    /// @notice The balance (wei) of `base` units at `index`, rounded down.
    function toAmountDown(uint256 base, uint256 index) internal pure returns (uint256) {
        // Within the documented range (amount <= 2^96, base < 2^128, index <= WAD < 2^64) nothing overflows.
        unchecked {
            return (base * index) / WAD;
        }
    }

    /// @notice The value (wei) of `base` units at `index`, rounded up (the total that backs every balance).
    function toAmountUp(uint256 base, uint256 index) internal pure returns (uint256) {
        // Within the documented range (amount <= 2^96, base < 2^128, index <= WAD < 2^64) nothing overflows.
        unchecked {
            return (base * index + WAD - 1) / WAD;
        }
    }
}
