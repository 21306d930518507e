/**
 * Pure bigint mirror of the PricingOracle math (`contracts/quiver/pricing/PricingMath.sol`) and of one oracle update
 * (`PricingOracle.poke`). Every function rounds exactly like the contract; the differential tests in
 * test/quiver/pricing/pricing.diff.test.ts compare both on random inputs.
 *
 * Units: demand, supply and EMAs with 18 decimals (a settled job at the reference price weighs 1.0), prices in wei of
 * QUIV, the fee in bps with 18 decimals, shares in bps.
 */
import { BPS, mulDivDown, mulDivUp } from "../../kit/core/math";

/** 1.0 with 18 decimals. */
export const WAD = 10n ** 18n;
/** Largest pending demand or supply per update, 18 decimals ((2^64 - 1) jobs); larger reports saturate (as on chain). */
export const MAX_UNITS = (2n ** 64n - 1n) * WAD;
/** Largest bid count a settlement report multiplies by (as on chain). */
export const MAX_BIDS = 2n ** 64n - 1n;
/** Size classes the oracle can hold (ids 0..7). */
export const MAX_SIZE_CLASSES = 8;
const UINT256_MAX = 2n ** 256n - 1n;

/** One size class as stored on chain (`IPricingOracle.SizeClass`). */
export interface SizeClassState {
  readonly baseRate: bigint;
  readonly floor: bigint;
  readonly ceiling: bigint;
  readonly price: bigint;
  readonly demandEma: bigint;
  readonly supplyEma: bigint;
  readonly pendingDemand: bigint;
  readonly pendingSupply: bigint;
}

/** Registry parameters one update reads (`quiver.pricing.*`). */
export interface PricingParams {
  readonly updateInterval: bigint;
  readonly emaAlphaBps: bigint;
  readonly maxStepBps: bigint;
  readonly congestionHighBps: bigint;
  readonly congestionLowBps: bigint;
  readonly feeRaiseBps: bigint;
  readonly feeCutBps: bigint;
  readonly minFeeBps: bigint;
  readonly maxFeeBps: bigint;
}

/** Default size classes of the Pricing deploy module: base rate, floor and ceiling in wei (kit defaults). */
export const DEFAULT_SIZE_CLASSES: readonly {
  readonly baseRate: bigint;
  readonly floor: bigint;
  readonly ceiling: bigint;
}[] = [
  // 0: small models: 1 QUIV per job, 0.1 .. 10 QUIV
  { baseRate: WAD, floor: WAD / 10n, ceiling: 10n * WAD },
  // 1: medium models: 5 QUIV per job, 0.5 .. 50 QUIV
  { baseRate: 5n * WAD, floor: WAD / 2n, ceiling: 50n * WAD },
  // 2: large models: 20 QUIV per job, 2 .. 200 QUIV
  { baseRate: 20n * WAD, floor: 2n * WAD, ceiling: 200n * WAD },
];

/** Default starting network fee of the Pricing deploy module: 2.5%. */
export const DEFAULT_INITIAL_FEE_BPS = 250n;

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** `value` clamped into `[lo, hi]`; `hi` wins if `lo > hi` (PricingMath.clamp). */
export function clamp(value: bigint, lo: bigint, hi: bigint): bigint {
  return min(max(value, lo), hi);
}

/** Demand weight of one settled job, 18 decimals: `price x WAD / referencePrice`, rounded down (PricingMath.jobWeight). */
export function jobWeight(price: bigint, referencePrice: bigint): bigint {
  if (referencePrice <= 0n) throw new RangeError("referencePrice must be > 0");
  return mulDivDown(price, WAD, referencePrice);
}

/** Activity `amount` (18 decimals) per interval: `amount x interval / elapsed`, rounded down. */
export function ratePerInterval(amount: bigint, interval: bigint, elapsed: bigint): bigint {
  return mulDivDown(amount, interval, elapsed);
}

/** One EMA step `ema x (1 - alpha) + sample x alpha`, each term rounded down. */
export function emaStep(ema: bigint, sample: bigint, alphaBps: bigint): bigint {
  return mulDivDown(ema, BPS - alphaBps, BPS) + mulDivDown(sample, alphaBps, BPS);
}

/** Unbounded target `baseRate x demand / supply` (down); baseRate without activity, max uint with no supply. */
export function targetPrice(baseRate: bigint, demand: bigint, supply: bigint): bigint {
  if (supply === 0n) return demand === 0n ? baseRate : UINT256_MAX;
  return mulDivDown(baseRate, demand, supply);
}

/** Moves `current` towards `target` by at most `current x maxStepBps / 10,000` (down), then clamps. */
export function stepPrice(current: bigint, target: bigint, maxStepBps: bigint, floor: bigint, ceiling: bigint): bigint {
  const maxMove = mulDivDown(current, maxStepBps, BPS);
  const next =
    target >= current ? min(target, current + maxMove) : max(target, maxMove >= current ? 0n : current - maxMove);
  return clamp(next, floor, ceiling);
}

/** Congestion in bps: demand x 10,000 / supply (down); 0 without activity, max uint with no supply. */
export function congestionBps(demand: bigint, supply: bigint): bigint {
  if (supply === 0n) return demand === 0n ? 0n : UINT256_MAX;
  return mulDivDown(demand, BPS, supply);
}

/** Next fee (bps with 18 decimals): +raise above high, -cut below low (both rounded up), then clamped. */
export function nextFee(
  fee: bigint,
  congestion: bigint,
  highBps: bigint,
  lowBps: bigint,
  raiseBps: bigint,
  cutBps: bigint,
  minFee: bigint,
  maxFee: bigint,
): bigint {
  let f = fee;
  if (congestion > highBps) f = mulDivUp(f, BPS + raiseBps, BPS);
  else if (congestion < lowBps) f = mulDivUp(f, BPS - cutBps, BPS);
  return clamp(f, minFee, maxFee);
}

/** What one settled job adds to its class (`recordSettlement`), 18 decimals, before saturation. */
export interface SettlementUnits {
  readonly demand: bigint;
  readonly supply: bigint;
}

/** The demand and supply one settled job counts: its weight at the class price, and that times its revealed bids. */
export function settlementUnits(c: SizeClassState, price: bigint, bids: bigint): SettlementUnits {
  const demand = jobWeight(price, c.price);
  return { demand, supply: demand * min(bids, MAX_BIDS) };
}

/**
 * Adds one settled job to a class's pending demand and supply, saturating like `PricingOracle.recordSettlement`:
 * demand is the price in units of the class's reference price, supply that times the job's revealed bids.
 * @example
 * // A job at the reference price with two bids: one job of demand, two of supply.
 * recordSettlement(cls, cls.price, 2n); // pendingDemand + 1e18, pendingSupply + 2e18
 */
export function recordSettlement(c: SizeClassState, price: bigint, bids: bigint): SizeClassState {
  const u = settlementUnits(c, price, bids);
  return {
    ...c,
    pendingDemand: min(c.pendingDemand + u.demand, MAX_UNITS),
    pendingSupply: min(c.pendingSupply + u.supply, MAX_UNITS),
  };
}

/** Result of one oracle update. */
export interface PokeResult {
  /** Classes after the update, same indexes as the input (undefined = not configured). */
  readonly classes: readonly (SizeClassState | undefined)[];
  readonly feeBpsWad: bigint;
  readonly congestionBps: bigint;
}

/**
 * One `PricingOracle.poke` at `elapsed` seconds after the last update (>= `params.updateInterval`): EMAs, prices,
 * then the fee from the summed EMAs. Throws RangeError when called too early, as the contract reverts.
 * @example
 * const r = poke([cls], 250n * WAD, 3600n, params);
 * r.classes[0]?.price; // the new reference price in wei
 */
export function poke(
  classes: readonly (SizeClassState | undefined)[],
  feeBpsWad: bigint,
  elapsed: bigint,
  params: PricingParams,
): PokeResult {
  if (elapsed < params.updateInterval) throw new RangeError(`update too early: ${elapsed} < ${params.updateInterval}`);
  let totalDemand = 0n;
  let totalSupply = 0n;
  const out = classes.map((c) => {
    if (!c) return undefined;
    const demandEma = emaStep(
      c.demandEma,
      ratePerInterval(c.pendingDemand, params.updateInterval, elapsed),
      params.emaAlphaBps,
    );
    const supplyEma = emaStep(
      c.supplyEma,
      ratePerInterval(c.pendingSupply, params.updateInterval, elapsed),
      params.emaAlphaBps,
    );
    const price = stepPrice(
      c.price,
      targetPrice(c.baseRate, demandEma, supplyEma),
      params.maxStepBps,
      c.floor,
      c.ceiling,
    );
    totalDemand += demandEma;
    totalSupply += supplyEma;
    return { ...c, demandEma, supplyEma, price, pendingDemand: 0n, pendingSupply: 0n };
  });
  const congestion = congestionBps(totalDemand, totalSupply);
  const fee = nextFee(
    feeBpsWad,
    congestion,
    params.congestionHighBps,
    params.congestionLowBps,
    params.feeRaiseBps,
    params.feeCutBps,
    params.minFeeBps * WAD,
    params.maxFeeBps * WAD,
  );
  return { classes: out, feeBpsWad: min(fee, 2n ** 128n - 1n), congestionBps: congestion };
}

/** Whole-bps network fee as `networkFeeBps()` returns it (rounded up). */
export function feeBpsOf(feeBpsWad: bigint): bigint {
  return feeBpsWad === 0n ? 0n : (feeBpsWad - 1n) / WAD + 1n;
}
