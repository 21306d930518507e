/**
 * The regional price matrix's math (contracts/caesar/regions/RegionMath.sol and RegionalPriceMatrix's quote and hop
 * table), in bigint, rounding like the contract; checked by test/caesar/regions/regions.diff.test.ts. All factors
 * are bps of 1.0 (10,000).
 */
import { InvalidArgumentError } from "../../kit/core/errors";

export const REGION_BPS = 10_000n;
/** Lowest modifier and factor (0.5). */
export const REGION_MODIFIER_MIN = 5_000n;
/** Highest modifier and factor (2.0). */
export const REGION_MODIFIER_MAX = 20_000n;
/** Largest spillover magnitude (0.5). */
export const REGION_SPILLOVER_MAX = 5_000n;
/** Highest region id (RegionalPriceMatrix.MAX_REGIONS). */
export const MAX_REGIONS = 16;
/** Hops between two known regions without a path. */
export const UNREACHABLE_HOPS = 16n;

/** A region of the matrix (RegionalPriceMatrix.regionOf). */
export interface RegionSpec {
  readonly id: number;
  readonly geoBps: bigint;
  readonly resourceBps: bigint;
  readonly hopsBps: bigint;
}

/** An edge: `b` exerts `spilloverOnA` bps on `a`, `a` exerts `spilloverOnB` on `b`. */
export interface EdgeSpec {
  readonly a: number;
  readonly b: number;
  readonly spilloverOnA: bigint;
  readonly spilloverOnB: bigint;
}

/** A whole matrix: regions, edges and the 24 hourly temporal factors (index = UTC hour). */
export interface MatrixSpec {
  readonly regions: readonly RegionSpec[];
  readonly edges: readonly EdgeSpec[];
  readonly temporal: readonly bigint[];
}

/** The terms of a quote (RegionalPriceMatrix.quoteTerms). */
export interface RegionalQuote {
  readonly hops: bigint;
  readonly hopBps: bigint;
  readonly temporalBps: bigint;
  readonly spilloverBps: bigint;
  readonly modifierBps: bigint;
}

/** The hop term: 10,000 + (hopsBps - 10,000) x hops, clamped to [5,000, 20,000] (RegionMath.hopTerm). */
export function hopTerm(hopsBps: bigint, hops: bigint): bigint {
  const v = REGION_BPS + (hopsBps - REGION_BPS) * hops;
  return v < REGION_MODIFIER_MIN ? REGION_MODIFIER_MIN : v > REGION_MODIFIER_MAX ? REGION_MODIFIER_MAX : v;
}

/** The spillover term: 10,000 + trunc(sum / degree) (10,000 without neighbours; BigInt division truncates like Solidity's). */
export function spilloverTerm(sum: bigint, degree: bigint): bigint {
  return degree === 0n ? REGION_BPS : REGION_BPS + sum / degree;
}

/** floor(product of the five factors / 10^16), clamped to [5,000, 20,000] (RegionMath.combine). */
export function combineRegional(g: bigint, r: bigint, h: bigint, t: bigint, s: bigint): bigint {
  const raw = (g * r * h * t * s) / 10n ** 16n;
  return raw < REGION_MODIFIER_MIN ? REGION_MODIFIER_MIN : raw > REGION_MODIFIER_MAX ? REGION_MODIFIER_MAX : raw;
}

/** The UTC hour of `timestamp` (unix seconds). */
export function hourOf(timestamp: bigint): number {
  return Number((timestamp % 86_400n) / 3_600n);
}

/** Throws {@link InvalidArgumentError} unless every value of `spec` is within the contract's bounds. */
export function validateMatrix(spec: MatrixSpec): void {
  const ids = new Set<number>();
  const inBand = (v: bigint) => v >= REGION_MODIFIER_MIN && v <= REGION_MODIFIER_MAX;
  for (const r of spec.regions) {
    if (!Number.isInteger(r.id) || r.id < 1 || r.id > MAX_REGIONS) {
      throw new InvalidArgumentError(`region id ${r.id} is outside 1..${MAX_REGIONS}`);
    }
    for (const v of [r.geoBps, r.resourceBps, r.hopsBps]) {
      if (!inBand(v)) throw new InvalidArgumentError(`region ${r.id}: modifier ${v} is outside 5000..20000 bps`);
    }
    ids.add(r.id);
  }
  for (const e of spec.edges) {
    if (!ids.has(e.a) || !ids.has(e.b) || e.a === e.b) throw new InvalidArgumentError(`bad edge ${e.a}-${e.b}`);
    for (const v of [e.spilloverOnA, e.spilloverOnB]) {
      if (v < -REGION_SPILLOVER_MAX || v > REGION_SPILLOVER_MAX) {
        throw new InvalidArgumentError(`edge ${e.a}-${e.b}: spillover ${v} is outside -5000..5000 bps`);
      }
    }
  }
  if (spec.temporal.length !== 24 || !spec.temporal.every(inBand)) {
    throw new InvalidArgumentError("temporal factors: 24 values, each 5000..20000 bps");
  }
}

/** Shortest-path hops between two regions of `spec` (0 for the same or an unknown region; 16 without a path). */
export function regionHops(spec: MatrixSpec, from: number, to: number): bigint {
  const ids = new Set(spec.regions.map((r) => r.id));
  if (from === to || !ids.has(from) || !ids.has(to)) return 0n;
  const adj = new Map<number, number[]>();
  for (const e of spec.edges) {
    adj.set(e.a, [...(adj.get(e.a) ?? []), e.b]);
    adj.set(e.b, [...(adj.get(e.b) ?? []), e.a]);
  }
  const dist = new Map<number, number>([[from, 0]]);
  const queue = [from];
  while (queue.length > 0) {
    const x = queue.shift()!;
    for (const n of adj.get(x) ?? []) {
      if (dist.has(n)) continue;
      dist.set(n, dist.get(x)! + 1);
      if (n === to) return BigInt(dist.get(n)!);
      queue.push(n);
    }
  }
  return UNREACHABLE_HOPS;
}

/**
 * The modifier of `region` at `timestamp` seen from `origin` (RegionalPriceMatrix.quoteTerms), all neutral for an
 * unknown region.
 *
 * @example
 * quoteRegional(spec, 2, 1_800_000_000n, 1).modifierBps; // e.g. 12_474n
 */
export function quoteRegional(spec: MatrixSpec, region: number, timestamp: bigint, origin: number): RegionalQuote {
  const r = spec.regions.find((x) => x.id === region);
  if (r === undefined) {
    return {
      hops: 0n,
      hopBps: REGION_BPS,
      temporalBps: REGION_BPS,
      spilloverBps: REGION_BPS,
      modifierBps: REGION_BPS,
    };
  }
  const hops = regionHops(spec, origin, region);
  const hopBps = hopTerm(r.hopsBps, hops);
  const temporalBps = spec.temporal[hourOf(timestamp)];
  let sum = 0n;
  let degree = 0n;
  for (const e of spec.edges) {
    if (e.a === region) sum += e.spilloverOnA;
    else if (e.b === region) sum += e.spilloverOnB;
    else continue;
    degree += 1n;
  }
  const spilloverBps = spilloverTerm(sum, degree);
  const modifierBps = combineRegional(r.geoBps, r.resourceBps, hopBps, temporalBps, spilloverBps);
  return { hops, hopBps, temporalBps, spilloverBps, modifierBps };
}
