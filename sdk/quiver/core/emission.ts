/**
 * Pure bigint mirror of the QUIV emission schedule (contracts/quiver/emission/EmissionMath.sol and the year
 * bookkeeping of contracts/quiver/emission/EmissionController.sol), plus a schedule preview. No provider.
 * A differential test (test/quiver/emission/math.diff.test.ts) checks these against the Solidity library.
 */
import { BPS } from "../../kit/core/math";
import { checkRound, FeedStatus, type FeedRound } from "../../kit/core/oracle";

export { FeedStatus, scaleDecimals } from "../../kit/core/oracle";
export type { FeedRound } from "../../kit/core/oracle";

/** Largest growth multiplier: 2.0 in bps. */
export const MAX_MULTIPLIER_BPS = 20_000n;
/** An emission year: 365 days in seconds. */
export const YEAR = 365n * 86_400n;

/** Static schedule inputs of a deployed controller. */
export interface EmissionSchedule {
  /** Emission of epoch 0 (wei). */
  readonly base: bigint;
  /** Seconds per epoch. */
  readonly epochLength: bigint;
  /** Seconds per halving. */
  readonly halvingInterval: bigint;
}

/** Index of the epoch containing `timestamp`. */
export function epochAt(timestamp: bigint, start: bigint, epochLength: bigint): bigint {
  return timestamp <= start ? 0n : (timestamp - start) / epochLength;
}

/** Halvings applied to `epoch`. */
export function halvingsAt(epoch: bigint, s: EmissionSchedule): bigint {
  return (epoch * s.epochLength) / s.halvingInterval;
}

/** Emission year of `epoch`. */
export function yearOf(epoch: bigint, epochLength: bigint): bigint {
  return (epoch * epochLength) / YEAR;
}

/** The multiplier actually applied: the metric clamped to [0, 2.0]. */
export function clampMultiplier(metricBps: bigint): bigint {
  return metricBps > MAX_MULTIPLIER_BPS ? MAX_MULTIPLIER_BPS : metricBps < 0n ? 0n : metricBps;
}

/** A year's inflation budget: floor(yearStartSupply * maxInflationBps / 10,000). */
export function yearBudget(yearStartSupply: bigint, maxInflationBps: bigint): bigint {
  return (yearStartSupply * maxInflationBps) / BPS;
}

/**
 * Emission of `epoch` (mirror of `EmissionMath.epochEmission`).
 * @example epochEmission({ base: 100n, epochLength: 7n, halvingInterval: 14n }, 2n, 10_000n, 10n ** 30n, 10n ** 30n) // 50n
 */
export function epochEmission(
  s: EmissionSchedule,
  epoch: bigint,
  metricBps: bigint,
  yearLeft: bigint,
  capLeft: bigint,
): bigint {
  const h = halvingsAt(epoch, s);
  const halved = h >= 256n ? 0n : s.base >> h;
  let amount = (halved * clampMultiplier(metricBps)) / BPS;
  if (amount > yearLeft) amount = yearLeft;
  if (amount > capLeft) amount = capLeft;
  return amount;
}

/** One row of a schedule preview. */
export interface EmissionPreviewRow {
  readonly epoch: bigint;
  readonly amount: bigint;
  /** Cumulative minted supply after this epoch (wei). */
  readonly totalMinted: bigint;
}

/**
 * Preview of the emission if every epoch from `fromEpoch` to `toEpoch - 1` is triggered with a constant
 * growth metric and nothing is burned (so supply == minted). Mirrors the controller's year bookkeeping.
 * @param s schedule
 * @param totalMinted cumulative minted supply before `fromEpoch` (wei)
 * @param cap the token cap (wei)
 * @param maxInflationBps yearly inflation cap
 * @param metricBps growth metric
 * @example previewSchedule(s, 400n * 10n ** 24n, 10n ** 27n, 2_000n, 10_000n, 0n, 52n)
 */
export function previewSchedule(
  s: EmissionSchedule,
  totalMinted: bigint,
  cap: bigint,
  maxInflationBps: bigint,
  metricBps: bigint,
  fromEpoch: bigint,
  toEpoch: bigint,
): EmissionPreviewRow[] {
  const rows: EmissionPreviewRow[] = [];
  let year = -1n;
  let budget = 0n;
  let mintedThisYear = 0n;
  let minted = totalMinted;
  for (let e = fromEpoch; e < toEpoch; e++) {
    const y = yearOf(e, s.epochLength);
    if (y !== year) {
      year = y;
      budget = yearBudget(minted, maxInflationBps);
      mintedThisYear = 0n;
    }
    const left = budget > mintedThisYear ? budget - mintedThisYear : 0n;
    const amount = epochEmission(s, e, metricBps, left, cap - minted);
    mintedThisYear += amount;
    minted += amount;
    rows.push({ epoch: e, amount, totalMinted: minted });
  }
  return rows;
}

/** The growth metric used when the feed cannot be used: 1.0 in bps. */
export const NEUTRAL_METRIC_BPS = 10_000n;
/** Decimals of the metric in bps. */
export const METRIC_DECIMALS = 4n;

/** Heartbeat (s) and exclusive sanity bounds (bps) of the growth feed (`quiver.emission.growth*`). */
export interface GrowthFeedParams {
  readonly heartbeat: bigint;
  readonly minBps: bigint;
  readonly maxBps: bigint;
}

/**
 * The growth metric the EmissionController uses for a feed round at time `now`, with the read status, as
 * `EmissionController.growthMetric` (FeedReader checks in the same order; 1.0 on any failure).
 * @example
 * growthMetricOf({ roundId: 1n, answer: 2n * 10n ** 8n, updatedAt: 0n, answeredInRound: 1n, decimals: 8n }, now, p);
 * // { status: FeedStatus.IncompleteRound, metricBps: 10_000n }
 */
export function growthMetricOf(
  r: FeedRound,
  now: bigint,
  p: GrowthFeedParams,
): { status: FeedStatus; metricBps: bigint } {
  const { status, value } = checkRound(r, now, {
    heartbeat: p.heartbeat,
    decimals: METRIC_DECIMALS,
    min: p.minBps,
    max: p.maxBps,
  });
  return { status, metricBps: status === FeedStatus.Ok ? value : NEUTRAL_METRIC_BPS };
}
