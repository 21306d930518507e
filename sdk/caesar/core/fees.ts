/**
 * CAESAR dynamic fee, congestion step and rapid-trade penalty: bigint-exact mirror of
 * `contracts/caesar/fees/CaesarFeeMath.sol` (same names, same rounding). Factors in bps of 1.0 (10,000 = 1.0).
 */
import { BPS } from "./demurrage";

export const LIQUIDITY_MIN = 5_000n;
export const LIQUIDITY_MAX = 20_000n;
export const VOLATILITY_MIN = 8_000n;
export const VOLATILITY_MAX = 15_000n;
export const CONGESTION_MIN = 10_000n;
export const CONGESTION_MAX = 30_000n;
export const MODIFIER_MIN = 5_000n;
export const MODIFIER_MAX = 20_000n;
export const MAX_FEE_BPS = 1_000n;
export const MAX_PENALTY_BPS = 2_000n;
export const MAX_EMPTY_WINDOWS = 64n;

/** The inputs of one fee (as `CaesarFeeMath.FeeInputs`). */
export interface FeeInputs {
  readonly baseBps: bigint;
  readonly minFee: bigint;
  readonly maxFeeBps: bigint;
  readonly liquidityBps: bigint;
  readonly volatilityBps: bigint;
  readonly stabilityBps: bigint;
  readonly congestionBps: bigint;
  readonly regionalBps: bigint;
}

/** `x` clamped to `[lo, hi]`. */
export const clamp = (x: bigint, lo: bigint, hi: bigint): bigint => (x < lo ? lo : x > hi ? hi : x);

/** The fee rate: the product of the six clamped factors (bps^6 units); the base is clamped to MAX_FEE_BPS. */
export function feeRate(f: FeeInputs): bigint {
  return (
    clamp(f.baseBps, 0n, MAX_FEE_BPS) *
    clamp(f.liquidityBps, LIQUIDITY_MIN, LIQUIDITY_MAX) *
    clamp(f.volatilityBps, VOLATILITY_MIN, VOLATILITY_MAX) *
    clamp(f.stabilityBps, MODIFIER_MIN, MODIFIER_MAX) *
    clamp(f.congestionBps, CONGESTION_MIN, CONGESTION_MAX) *
    clamp(f.regionalBps, MODIFIER_MIN, MODIFIER_MAX)
  );
}

/**
 * The fee (wei) on `amount`: rate rounded up, at least `minFee`, at most `maxFeeBps` of the amount (rounded down;
 * the cap wins).
 * @example transferFee(1_000n * 10n ** 18n, { baseBps: 10n, minFee: 0n, maxFeeBps: 300n, liquidityBps: 10_000n,
 *   volatilityBps: 10_000n, stabilityBps: 10_000n, congestionBps: 10_000n, regionalBps: 10_000n }) // 1e18
 */
export function transferFee(amount: bigint, f: FeeInputs): bigint {
  const denominator = BPS ** 6n;
  let charged = (amount * feeRate(f) + denominator - 1n) / denominator;
  if (charged < f.minFee) charged = f.minFee;
  const maxBps = f.maxFeeBps > MAX_FEE_BPS ? MAX_FEE_BPS : f.maxFeeBps;
  const cap = (amount * maxBps) / BPS;
  return charged > cap ? cap : charged;
}

/** The stability term (`CaesarFeeMath.stabilityTerm`). */
export function stabilityTerm(factorBps: bigint, deviationBps: bigint, thresholdBps: bigint, multiplierBps: bigint) {
  let s = clamp(factorBps, MODIFIER_MIN, MODIFIER_MAX);
  if (deviationBps > thresholdBps) s = (s * multiplierBps) / BPS;
  return clamp(s, MODIFIER_MIN, MODIFIER_MAX);
}

/** The congestion factor after `elapsed` windows (`CaesarFeeMath.nextCongestion`). */
export function nextCongestion(
  current: bigint,
  transfers: bigint,
  target: bigint,
  stepBps: bigint,
  maxBps: bigint,
  elapsed: bigint,
): bigint {
  let c = current;
  if (elapsed === 0n) return c;
  if (target === 0n) target = 1n;
  if (maxBps > CONGESTION_MAX) maxBps = CONGESTION_MAX;
  if (transfers >= target) {
    let up = (stepBps * (transfers - target)) / target;
    if (up > stepBps) up = stepBps;
    c = (c * (BPS + up)) / BPS;
  } else {
    let down = (stepBps * (target - transfers) + target - 1n) / target;
    if (down > stepBps) down = stepBps;
    c = (c * (BPS - down)) / BPS;
  }
  let empty = elapsed - 1n;
  if (empty > MAX_EMPTY_WINDOWS) empty = MAX_EMPTY_WINDOWS;
  for (let i = 0n; i < empty && c > CONGESTION_MIN; i++) c = (c * (BPS - stepBps)) / BPS;
  return clamp(c, CONGESTION_MIN, maxBps < CONGESTION_MIN ? CONGESTION_MIN : maxBps);
}

/** The penalty rate of the `count`-th rapid trade of a window (`CaesarFeeMath.penaltyBps`). */
export function penaltyBps(count: bigint, threshold: bigint, stepBps: bigint, capBps: bigint): bigint {
  if (count <= threshold) return 0n;
  if (capBps > MAX_PENALTY_BPS) capBps = MAX_PENALTY_BPS;
  const p = stepBps * (count - threshold);
  return p > capBps ? capBps : p;
}

/** The penalty (wei) on `amount` at `bps`, rounded up. */
export const penaltyAmount = (amount: bigint, bps: bigint): bigint => (amount * bps + BPS - 1n) / BPS;
