// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {BPS} from "../../utils/Constants.sol";

/// @title CaesarFeeMath
/// @notice The CAESAR dynamic transfer fee, the congestion step and the rapid-trade penalty (mirrored bigint-exact by
/// `sdk/caesar/core/fees.ts`). Every factor is in bps of 1.0 (10,000 = 1.0).
/// @dev Fee (SPEC.md, "Dynamic fee"):
///   rate = base x liquidity x volatility x stability x congestion x regional   (six bps factors, one product)
///   fee  = min(max(ceil(amount x rate / 10,000^6), minFee), floor(amount x maxFeeBps / 10,000))
/// The product of six factors below 2^16 each is below 2^96 and the amount is below 2^96, so nothing overflows and
/// nothing is rounded before the end. The fee rounds up (towards the protocol), the cap rounds down (towards the
/// payer), and the cap wins over the minimum, so a fee never exceeds `maxFeeBps` of the amount.
/// Each factor is clamped to its hard range here (liquidity 0.5-2.0, volatility 0.8-1.5, congestion 1.0-3.0,
/// stability and regional 0.5-2.0); the registry narrows them further.
/// Congestion (EIP-1559 style): at the end of each window, c' = c x (1 + step x (n - target) / target), the move
/// bounded by +-step, then each further empty window multiplies by (1 - step), clamped to [1.0, maxCongestion].
/// Penalty: the k-th rapid trade of a window pays min(cap, step x (k - threshold)) bps when k > threshold, rounded up.
library CaesarFeeMath {
    /// @notice Hard range of the liquidity factor (bps of 1.0).
    uint256 internal constant LIQUIDITY_MIN = 5_000; // 0.5
    uint256 internal constant LIQUIDITY_MAX = 20_000; // 2.0
    /// @notice Hard range of the volatility factor.
    uint256 internal constant VOLATILITY_MIN = 8_000; // 0.8
    uint256 internal constant VOLATILITY_MAX = 15_000; // 1.5
    /// @notice Hard range of the congestion factor.
    uint256 internal constant CONGESTION_MIN = 10_000; // 1.0
    uint256 internal constant CONGESTION_MAX = 30_000; // 3.0
    /// @notice Hard range of the stability term (factor times the multiplier) and of the regional modifier.
    uint256 internal constant MODIFIER_MIN = 5_000; // 0.5
    uint256 internal constant MODIFIER_MAX = 20_000; // 2.0
    /// @notice Hard caps: the fee never exceeds 10% and the penalty 20% of the amount (registry defaults 3% / 5%).
    uint256 internal constant MAX_FEE_BPS = 1_000;
    uint256 internal constant MAX_PENALTY_BPS = 2_000;
    /// @notice Largest number of empty windows applied one by one (the factor is at its floor long before).
    uint256 internal constant MAX_EMPTY_WINDOWS = 64;

    /// @dev 10,000^5: five factors beyond the first are divided out at once.
    /// @dev 10,000^6: the unit of `rate` (a literal: a constant expression would be evaluated, with overflow checks,
    /// at every use).
    uint256 private constant _BPS6 = 1e24;

    /// @notice The inputs of one fee.
    /// @param baseBps base fee in bps of the amount
    /// @param minFee smallest fee in wei (below the cap)
    /// @param maxFeeBps cap in bps of the amount
    /// @param liquidityBps liquidity factor (bps of 1.0)
    /// @param volatilityBps volatility factor
    /// @param stabilityBps stability term (factor times multiplier, see `stabilityTerm`)
    /// @param congestionBps congestion factor
    /// @param regionalBps regional modifier (10,000 while regions do not exist)
    struct FeeInputs {
        uint256 baseBps;
        uint256 minFee;
        uint256 maxFeeBps;
        uint256 liquidityBps;
        uint256 volatilityBps;
        uint256 stabilityBps;
        uint256 congestionBps;
        uint256 regionalBps;
    }

    /// @notice `x` clamped to `[lo, hi]`.
    function clamp(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        return x < lo ? lo : (x > hi ? hi : x);
    }

    /// @notice The fee rate as a product of the six clamped factors (bps^6 units: divide by 10,000^6 for a share);
    /// the base is clamped to MAX_FEE_BPS.
    function rate(FeeInputs memory f) internal pure returns (uint256) {
        return rateOf(f.baseBps, f.liquidityBps, f.volatilityBps, f.stabilityBps, f.congestionBps, f.regionalBps);
    }

    /// @notice `rate` from the six factors as values (the token's transfer path keeps them on the stack).
    function rateOf(
        uint256 baseBps,
        uint256 liquidityBps,
        uint256 volatilityBps,
        uint256 stabilityBps,
        uint256 congestionBps,
        uint256 regionalBps
    ) internal pure returns (uint256) {
        // Unchecked: each factor is clamped below 2^15 and the base below 2^10, so the product is below 2^85. The
        // clamps are written out (not `clamp` calls): this runs on every transfer.
        unchecked {
            uint256 r = baseBps > MAX_FEE_BPS ? MAX_FEE_BPS : baseBps;
            r *=
                liquidityBps < LIQUIDITY_MIN
                    ? LIQUIDITY_MIN
                    : (liquidityBps > LIQUIDITY_MAX ? LIQUIDITY_MAX : liquidityBps);
            r *=
                volatilityBps < VOLATILITY_MIN
                    ? VOLATILITY_MIN
                    : (volatilityBps > VOLATILITY_MAX ? VOLATILITY_MAX : volatilityBps);
            r *=
                stabilityBps < MODIFIER_MIN
                    ? MODIFIER_MIN
                    : (stabilityBps > MODIFIER_MAX ? MODIFIER_MAX : stabilityBps);
            r *=
                congestionBps < CONGESTION_MIN
                    ? CONGESTION_MIN
                    : (congestionBps > CONGESTION_MAX ? CONGESTION_MAX : congestionBps);
            return
                r *
                (regionalBps < MODIFIER_MIN ? MODIFIER_MIN : (regionalBps > MODIFIER_MAX ? MODIFIER_MAX : regionalBps));
        }
    }

    /// @notice The fee (wei) on `amount`: the rate rounded up, at least `minFee`, at most `maxFeeBps` of the amount
    /// rounded down (the cap wins). Zero for a zero amount.
    function fee(uint256 amount, FeeInputs memory f) internal pure returns (uint256) {
        return feeAt(amount, rate(f), f.minFee, f.maxFeeBps);
    }

    /// @notice `fee` for a rate already computed by `rateOf`.
    function feeAt(
        uint256 amount,
        uint256 rate_,
        uint256 minFee,
        uint256 maxFeeBps
    ) internal pure returns (uint256 charged) {
        charged = amount * rate_; // checked: the amount is the caller's
        unchecked {
            charged = charged / _BPS6 + (charged % _BPS6 == 0 ? 0 : 1); // rounded up
        }
        if (charged < minFee) charged = minFee;
        uint256 maxBps = maxFeeBps > MAX_FEE_BPS ? MAX_FEE_BPS : maxFeeBps;
        uint256 cap = (amount * maxBps) / BPS;
        if (charged > cap) charged = cap;
    }

    /// @notice The stability term: the source's factor, times `multiplierBps` when the deviation is beyond the
    /// threshold, clamped to the modifier range (rounded down).
    /// @param factorBps stability factor reported by the stability source (10,000 when none)
    /// @param deviationBps price deviation from the target (bps)
    /// @param thresholdBps deviation beyond which the multiplier applies
    /// @param multiplierBps stability multiplier (bps of 1.0)
    function stabilityTerm(
        uint256 factorBps,
        uint256 deviationBps,
        uint256 thresholdBps,
        uint256 multiplierBps
    ) internal pure returns (uint256) {
        uint256 s = clamp(factorBps, MODIFIER_MIN, MODIFIER_MAX);
        if (deviationBps > thresholdBps) s = (s * multiplierBps) / BPS;
        return clamp(s, MODIFIER_MIN, MODIFIER_MAX);
    }

    /// @notice The congestion factor after `elapsed` windows, the first of which counted `transfers` against
    /// `target` (EIP-1559 step bounded by `stepBps`), the rest empty; clamped to [1.0, maxBps].
    /// @param current the factor during the window that ended (bps of 1.0)
    /// @param transfers transfers counted in that window
    /// @param target transfers per window at which the factor holds (at least 1)
    /// @param stepBps largest relative move per window (bps)
    /// @param maxBps upper clamp (at most CONGESTION_MAX)
    /// @param elapsed windows since that window began (0 = still in it)
    function nextCongestion(
        uint256 current,
        uint256 transfers,
        uint256 target,
        uint256 stepBps,
        uint256 maxBps,
        uint256 elapsed
    ) internal pure returns (uint256 c) {
        c = current;
        if (elapsed == 0) return c;
        if (target == 0) target = 1;
        if (maxBps > CONGESTION_MAX) maxBps = CONGESTION_MAX;
        if (transfers >= target) {
            uint256 up = (stepBps * (transfers - target)) / target;
            if (up > stepBps) up = stepBps;
            c = (c * (BPS + up)) / BPS;
        } else {
            uint256 down = (stepBps * (target - transfers) + target - 1) / target; // rounded up
            if (down > stepBps) down = stepBps;
            c = (c * (BPS - down)) / BPS;
        }
        uint256 empty = elapsed - 1;
        if (empty > MAX_EMPTY_WINDOWS) empty = MAX_EMPTY_WINDOWS;
        for (uint256 i = 0; i < empty && c > CONGESTION_MIN; ++i) c = (c * (BPS - stepBps)) / BPS;
        c = clamp(c, CONGESTION_MIN, maxBps < CONGESTION_MIN ? CONGESTION_MIN : maxBps);
    }

    /// @notice The penalty rate of the `count`-th rapid trade of a window: `stepBps` per trade beyond `threshold`,
    /// at most `capBps` (itself at most MAX_PENALTY_BPS); zero up to the threshold.
    function penaltyBps(
        uint256 count,
        uint256 threshold,
        uint256 stepBps,
        uint256 capBps
    ) internal pure returns (uint256 p) {
        if (count <= threshold) return 0;
        if (capBps > MAX_PENALTY_BPS) capBps = MAX_PENALTY_BPS;
        p = stepBps * (count - threshold);
        if (p > capBps) p = capBps;
    }

    /// @notice The penalty (wei) on `amount` at `bps`, rounded up (at most the amount).
    function penalty(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return (amount * bps + BPS - 1) / BPS;
    }
}
