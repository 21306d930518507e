/**
 * Readers of the RegionalPriceMatrix: the whole matrix as a {@link MatrixSpec} (so that
 * sdk/caesar/core/regions.ts `quoteRegional` reproduces any on-chain quote off-chain), one quote with its terms,
 * and hops.
 */
import type { RegionalPriceMatrix } from "./contracts";
import type { MatrixSpec, RegionalQuote } from "../core/regions";

/** A region as read from the chain, with its neighbours. */
export interface RegionInfo {
  readonly id: number;
  readonly geoBps: bigint;
  readonly resourceBps: bigint;
  readonly hopsBps: bigint;
  readonly neighbours: readonly number[];
}

/** The matrix on chain: its regions, edges and temporal factors (at most 16 regions, 120 edges: bounded reads). */
export interface MatrixInfo extends MatrixSpec {
  readonly regions: readonly RegionInfo[];
  readonly maxRegions: bigint;
}

/**
 * Reads the whole matrix.
 *
 * @example
 * const spec = await readMatrix(c.matrix);
 * quoteRegional(spec, 2, now, 1).modifierBps === (await c.matrix.quote(2, now, 1)); // true
 */
export async function readMatrix(matrix: RegionalPriceMatrix): Promise<MatrixInfo> {
  const ids = (await matrix.regionIds()).map(Number);
  const regions = await Promise.all(
    ids.map(async (id) => {
      const r = await matrix.regionOf(id);
      const neighbours = ids.filter((n) => (r.adjacency & (1n << BigInt(n - 1))) !== 0n);
      return { id, geoBps: r.geoBps, resourceBps: r.resourceBps, hopsBps: r.hopsBps, neighbours };
    }),
  );
  const edges = [];
  for (const r of regions) {
    for (const n of r.neighbours) {
      if (n <= r.id) continue;
      const [spilloverOnA, spilloverOnB] = await Promise.all([
        matrix.spilloverOf(r.id, n),
        matrix.spilloverOf(n, r.id),
      ]);
      edges.push({ a: r.id, b: n, spilloverOnA, spilloverOnB });
    }
  }
  const [temporal, maxRegions] = await Promise.all([matrix.temporalFactors(), matrix.maxRegions()]);
  return { regions, edges, temporal: [...temporal], maxRegions };
}

/** `quoteTerms(region, timestamp, origin)` as a {@link RegionalQuote}. */
export async function readRegionalQuote(
  matrix: RegionalPriceMatrix,
  region: number,
  timestamp: bigint,
  origin: number,
): Promise<RegionalQuote & { readonly region: number; readonly origin: number; readonly timestamp: bigint }> {
  const t = await matrix.quoteTerms(region, timestamp, origin);
  return {
    region,
    origin,
    timestamp,
    hops: t.hops_,
    hopBps: t.hopBps,
    temporalBps: t.temporalBps,
    spilloverBps: t.spilloverBps,
    modifierBps: t.modifierBps,
  };
}
