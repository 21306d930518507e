import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import fc from "fast-check";
import { fcSizes } from "../../helpers/fc";
import { tierAfter, toSharesDown, toSharesUp, toTokensDown } from "../../../sdk/kit/core/staking";
import type { StakingMathHarness } from "../../../typechain-types";
import { TOKEN as QUIV } from "../../helpers/units";

const { numRuns: RUNS, seed: SEED } = fcSizes({ runs: 100, cmds: 0 });

describe("SDK staking math == SharesMath / TierMath (differential)", () => {
  async function fixture() {
    const h = (await (await ethers.getContractFactory("StakingMathHarness")).deploy()) as unknown as StakingMathHarness;
    return { h };
  }

  const amount = fc.bigInt({ min: 0n, max: 10n ** 27n });
  const shares = fc.bigInt({ min: 0n, max: 10n ** 33n });

  it("share conversions agree to the wei and round in the pool's favour", async () => {
    const { h } = await loadFixture(fixture);
    await fc.assert(
      fc.asyncProperty(amount, amount, shares, async (x, totalTokens, totalShares) => {
        const down = await h.toSharesDown(x, totalTokens, totalShares);
        const up = await h.toSharesUp(x, totalTokens, totalShares);
        expect(down).to.equal(toSharesDown(x, totalTokens, totalShares));
        expect(up).to.equal(toSharesUp(x, totalTokens, totalShares));
        expect(up - down <= 1n).to.equal(true);
        const back = await h.toTokensDown(down, totalTokens, totalShares);
        expect(back).to.equal(toTokensDown(down, totalTokens, totalShares));
        expect(back <= x).to.equal(true); // round trip never gains (X-RND-03)
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("tier with hysteresis agrees and is monotone in stake for a fixed previous tier", async () => {
    const { h } = await loadFixture(fixture);
    const mins: [bigint, bigint, bigint, bigint] = [1_000n * QUIV, 10_000n * QUIV, 50_000n * QUIV, 250_000n * QUIV];
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: 400_000n * QUIV }),
        fc.bigInt({ min: 0n, max: 400_000n * QUIV }),
        fc.integer({ min: 0, max: 5 }),
        fc.bigInt({ min: 5_000n, max: 10_000n }),
        async (a, b, current, demotion) => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const tLo = await h.tierAfter.staticCall(lo, current, mins, demotion);
          const tHi = await h.tierAfter.staticCall(hi, current, mins, demotion);
          expect(Number(tLo)).to.equal(tierAfter(lo, current, mins, demotion));
          expect(Number(tHi)).to.equal(tierAfter(hi, current, mins, demotion));
          expect(tLo <= tHi).to.equal(true);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("tier agrees for minimums that do not ascend (each is bounded alone): a tier needs every lower minimum", async () => {
    const { h } = await loadFixture(fixture);
    const min = fc.bigInt({ min: 1n, max: 300_000n * QUIV });
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(min, min, min, min),
        fc.bigInt({ min: 0n, max: 400_000n * QUIV }),
        fc.integer({ min: 0, max: 5 }),
        fc.bigInt({ min: 5_000n, max: 10_000n }),
        async (mins, stake, current, demotion) => {
          const t = await h.tierAfter.staticCall(stake, current, mins, demotion);
          expect(Number(t)).to.equal(tierAfter(stake, current, mins, demotion));
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    // Tier 2's minimum below tier 1's: 5k reaches tier 2's 2k but not tier 1's 10k, so the provider stays at 0.
    const odd: [bigint, bigint, bigint, bigint] = [10_000n * QUIV, 2_000n * QUIV, 50_000n * QUIV, 250_000n * QUIV];
    expect(await h.tierAfter.staticCall(5_000n * QUIV, 0, odd, 9_000n)).to.equal(0n);
    expect(await h.tierAfter.staticCall(10_000n * QUIV, 0, odd, 9_000n)).to.equal(2n);
  });
});
