import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { INVARIANTS } from "../../helpers/invariants";
import { fcRuns } from "../../helpers/fc";
import type { FeeSplitHarness } from "../../../typechain-types";

/** Random basis-point shares summing to exactly 10,000, with 1..6 legs. */
const sharesArb = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 0, maxLength: 5 }).map((cuts) => {
  const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
  return points.slice(1).map((p, i) => BigInt(p - points[i]));
});

describe("properties: FeeSplit", () => {
  let harness: FeeSplitHarness;
  before(async () => {
    harness = await (await ethers.getContractFactory("FeeSplitHarness")).deploy();
  });

  it(`${INVARIANTS.SPLIT_SUM}; ${INVARIANTS.SPLIT_LEG_BOUND}; ${INVARIANTS.SPLIT_LAST_DUST}`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.bigInt(0n, 10n ** 30n), fc.bigInt(0n, 2n ** 256n - 1n)),
        sharesArb,
        async (amount, shares) => {
          const legs = await harness.split(amount, shares);
          expect(
            legs.reduce((a, b) => a + b, 0n),
            INVARIANTS.SPLIT_SUM,
          ).to.equal(amount);
          const n = legs.length;
          for (let i = 0; i < n - 1; i++) {
            // exact share = amount * bps / 10000; leg = floor(exact): leg <= exact < leg + 1
            const scaled = amount * shares[i];
            expect(legs[i] * 10_000n <= scaled, INVARIANTS.SPLIT_LEG_BOUND).to.equal(true);
            expect(scaled < (legs[i] + 1n) * 10_000n, INVARIANTS.SPLIT_LEG_BOUND).to.equal(true);
          }
          const exactLast = amount * shares[n - 1];
          expect(legs[n - 1] * 10_000n >= exactLast, INVARIANTS.SPLIT_LAST_DUST).to.equal(true);
          expect(
            legs[n - 1] * 10_000n - exactLast < BigInt(Math.max(n - 1, 1)) * 10_000n,
            INVARIANTS.SPLIT_LAST_DUST,
          ).to.equal(true);
        },
      ),
      fcRuns(300),
    );
  });

  it("split2 equals the two-leg split", async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt(0n, 2n ** 256n - 1n), fc.integer({ min: 0, max: 10_000 }), async (amount, bps) => {
        const [a, b] = await harness.split2(amount, bps);
        expect([a, b]).to.deep.equal(await harness.split(amount, [BigInt(bps), 10_000n - BigInt(bps)]));
      }),
      fcRuns(300),
    );
  });

  it("split4 equals splitWithRemainder of its three shares, and reverts where it reverts", async () => {
    const bps = fc.integer({ min: 0, max: 6_000 }).map(BigInt);
    await fc.assert(
      fc.asyncProperty(fc.bigInt(0n, 2n ** 256n - 1n), bps, bps, bps, async (amount, a, b, c) => {
        if (a + b + c > 10_000n) {
          await expect(harness.split4(amount, a, b, c))
            .to.be.revertedWithCustomError(harness, "FeeSplitSharesNotWhole")
            .withArgs(a + b + c);
          return;
        }
        expect(await harness.split4(amount, a, b, c)).to.deep.equal(
          await harness.splitWithRemainder(amount, [a, b, c]),
        );
      }),
      fcRuns(300),
    );
  });
});
