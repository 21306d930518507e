/**
 * CAESAR demurrage, bigint-exact mirror of `contracts/caesar/DemurrageMath.sol` (same names, same rounding):
 * the daily factor from the rate per 30 days, the index after some days, and the base-unit conversions.
 * Differential test: test/caesar/math.diff.test.ts.
 */
import { RuleError } from "../../kit/core/errors";

/** 1.0 in WAD (the index at genesis). */
export const WAD = 10n ** 18n;
/** 100% in basis points. */
export const BPS = 10_000n;
/** The index floor (WAD units), as `DemurrageMath.MIN_INDEX`. */
export const MIN_INDEX = 3_000_000n;
/** Largest genesis supply (wei): 1,000,000,000 CAESAR. */
export const MAX_SUPPLY = 10n ** 27n;
/** Largest rate per 30 days (bps). */
export const MAX_RATE_BPS = 200n;
/** Days of one rate period. */
export const PERIOD_DAYS = 30n;
/** Seconds of one demurrage day. */
export const DAY_SECONDS = 86_400n;

/** x^n for x in WAD, each product rounded down (`DemurrageMath.rpowDown`). */
export function rpowDown(x: bigint, n: bigint): bigint {
  let z = WAD;
  while (n > 0n) {
    if ((n & 1n) === 1n) z = (z * x) / WAD;
    n >>= 1n;
    if (n > 0n) x = (x * x) / WAD;
  }
  return z;
}

/**
 * The daily factor g (WAD) with g^30 = 1 - rateBps / 10,000, by the contract's Newton iteration from above.
 * Throws the twin of `DemurrageRateTooHigh` above `MAX_RATE_BPS`.
 * @example dailyFactor(100n) // 999665045...n: 1% per 30 days
 */
export function dailyFactor(rateBps: bigint): bigint {
  if (rateBps > MAX_RATE_BPS) {
    throw new RuleError(`demurrage rate ${rateBps} bps above ${MAX_RATE_BPS}`, {
      errorName: "DemurrageRateTooHigh",
      args: [rateBps, MAX_RATE_BPS],
    });
  }
  if (rateBps === 0n) return WAD;
  const c = (WAD * (BPS - rateBps)) / BPS;
  let g = WAD - (WAD * rateBps) / (BPS * PERIOD_DAYS);
  for (let i = 0; i < 64; i++) {
    const p = rpowDown(g, PERIOD_DAYS - 1n);
    const next = ((PERIOD_DAYS - 1n) * g + (c * WAD) / p) / PERIOD_DAYS;
    if (next >= g) break;
    g = next;
  }
  return g;
}

/** The index `days` days after an anchor: floor(anchorIndex * g^days / WAD), floored at MIN_INDEX. */
export function indexAfter(anchorIndex: bigint, g: bigint, days: bigint): bigint {
  const index = (anchorIndex * rpowDown(g, days)) / WAD;
  return index < MIN_INDEX ? MIN_INDEX : index;
}

/** Base units debited for `amount` wei (rounded up). */
export const toBaseUp = (amount: bigint, index: bigint): bigint => (amount * WAD + index - 1n) / index;
/** Base units credited for `amount` wei (rounded down). */
export const toBaseDown = (amount: bigint, index: bigint): bigint => (amount * WAD) / index;
/** Balance of `base` units (rounded down). */
export const toAmountDown = (base: bigint, index: bigint): bigint => (base * index) / WAD;
/** Value of `base` units (rounded up). */
export const toAmountUp = (base: bigint, index: bigint): bigint => (base * index + WAD - 1n) / WAD;

/**
 * The balance an account showing `balance` wei today (at index `index`, WAD) shows after `days` more days at
 * `rateBps`, if the index was anchored today (an estimate within 1 wei otherwise).
 * @example balanceAfterDays(1_000n * 10n ** 18n, 30n, 100n) // 990 CAESAR, to within a few wei
 */
export function balanceAfterDays(balance: bigint, days: bigint, rateBps: bigint, index: bigint = WAD): bigint {
  const base = toBaseDown(balance, index);
  const g = dailyFactor(rateBps);
  return toAmountDown(base, (index * rpowDown(g, days)) / WAD);
}

/** The holding cost (wei) of `balance` over `days` days: `balance - balanceAfterDays(...)`. */
export function holdingCost(balance: bigint, days: bigint, rateBps: bigint): bigint {
  return balance - balanceAfterDays(balance, days, rateBps);
}
