import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployCaesarRegistry } from "../fixtures";
import { fcRuns } from "../../helpers/fc";
import {
  combineRegional,
  hopTerm,
  hourOf,
  quoteRegional,
  regionHops,
  spilloverTerm,
  validateMatrix,
  type MatrixSpec,
} from "../../../sdk/caesar/core/regions";
import type { RegionalPriceMatrix, RegionMathHarness } from "../../../typechain-types";

async function deploy() {
  const [admin] = await ethers.getSigners();
  const registry = await deployCaesarRegistry(admin);
  const matrix = (await ethers.deployContract("RegionalPriceMatrix", [
    await registry.getAddress(),
    admin.address,
  ])) as unknown as RegionalPriceMatrix;
  const harness = (await ethers.deployContract("RegionMathHarness")) as unknown as RegionMathHarness;
  return { matrix, harness };
}

const bps = fc.bigInt({ min: 5_000n, max: 20_000n });
const spill = fc.bigInt({ min: -5_000n, max: 5_000n });

describe("regional matrix: sdk/caesar/core/regions.ts == RegionMath / RegionalPriceMatrix", () => {
  it("hopTerm, spilloverTerm, combine and hourOf agree on random inputs", async () => {
    const { harness } = await loadFixture(deploy);
    await fc.assert(
      fc.asyncProperty(
        bps,
        fc.bigInt({ min: 0n, max: 16n }),
        fc.bigInt({ min: -75_000n, max: 75_000n }),
        fc.bigInt({ min: 1n, max: 15n }),
        fc.tuple(bps, bps, bps, bps, fc.bigInt({ min: 5_000n, max: 15_000n })),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        async (h, hops, sum, degree, [g, r, hb, t, s], ts) => {
          const clampedSum = sum > 5_000n * degree ? 5_000n * degree : sum < -5_000n * degree ? -5_000n * degree : sum;
          expect(await harness.hopTerm(h, hops)).to.equal(hopTerm(h, hops));
          expect(await harness.spilloverTerm(clampedSum, degree)).to.equal(spilloverTerm(clampedSum, degree));
          expect(await harness.combine(g, r, hb, t, s)).to.equal(combineRegional(g, r, hb, t, s));
          expect(await harness.hourOf(ts)).to.equal(BigInt(hourOf(ts)));
        },
      ),
      { ...fcRuns(60), seed: 12 },
    );
    expect(await harness.spilloverTerm(0n, 0n)).to.equal(spilloverTerm(0n, 0n));
  });

  it("quote and hops of random matrices agree with the contract", async () => {
    const { matrix } = await loadFixture(deploy);
    const matrixArb = fc
      .uniqueArray(fc.integer({ min: 1, max: 16 }), { minLength: 1, maxLength: 8 })
      .chain((ids) =>
        fc.record({
          regions: fc.tuple(
            ...ids.map((id) => fc.record({ id: fc.constant(id), geoBps: bps, resourceBps: bps, hopsBps: bps })),
          ),
          edges: fc.uniqueArray(
            fc.record({
              a: fc.constantFrom(...ids),
              b: fc.constantFrom(...ids),
              spilloverOnA: spill,
              spilloverOnB: spill,
            }),
            { maxLength: 12, selector: (e) => (e.a < e.b ? `${e.a}-${e.b}` : `${e.b}-${e.a}`) },
          ),
          temporal: fc.array(bps, { minLength: 24, maxLength: 24 }),
        }),
      )
      .map((m) => ({ ...m, edges: m.edges.filter((e) => e.a !== e.b) }) as MatrixSpec);
    // Deterministic replay on one matrix contract: set, compare, then clear.
    await fc.assert(
      fc.asyncProperty(matrixArb, fc.bigInt({ min: 0n, max: 4n * 10n ** 9n }), async (spec, ts) => {
        validateMatrix(spec);
        for (const id of await matrix.regionIds()) await matrix.removeRegion(id);
        for (const r of spec.regions) await matrix.setRegion(r.id, r.geoBps, r.resourceBps, r.hopsBps);
        for (const e of spec.edges) await matrix.setEdge(e.a, e.b, e.spilloverOnA, e.spilloverOnB);
        await matrix.setTemporalFactors(spec.temporal as bigint[]);
        for (const r of spec.regions) {
          for (const o of [0, ...spec.regions.map((x) => x.id)]) {
            const q = quoteRegional(spec, r.id, ts, o);
            const t = await matrix.quoteTerms(r.id, ts, o);
            expect([t.hops_, t.hopBps, t.temporalBps, t.spilloverBps, t.modifierBps]).to.deep.equal([
              q.hops,
              q.hopBps,
              q.temporalBps,
              q.spilloverBps,
              q.modifierBps,
            ]);
            expect(await matrix.hops(o, r.id)).to.equal(regionHops(spec, o, r.id));
          }
        }
      }),
      { ...fcRuns(12), seed: 7 },
    );
  });
});
