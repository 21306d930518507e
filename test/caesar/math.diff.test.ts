import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import * as core from "../../sdk/caesar/core";
import { fcRuns } from "../helpers/fc";
import type { CaesarMathHarness } from "../../typechain-types";

/**
 * Differential tests: sdk/caesar/core (demurrage.ts, fees.ts) against DemurrageMath and CaesarFeeMath through
 * contracts/mocks/caesar/CaesarMathHarness.sol, on random inputs, plus the fee at every factor bound.
 */
async function harness(): Promise<CaesarMathHarness> {
  return (await ethers.deployContract("CaesarMathHarness")) as unknown as CaesarMathHarness;
}

const NEUTRAL: core.FeeInputs = {
  baseBps: 10n,
  minFee: 0n,
  maxFeeBps: 300n,
  liquidityBps: 10_000n,
  volatilityBps: 10_000n,
  stabilityBps: 10_000n,
  congestionBps: 10_000n,
  regionalBps: 10_000n,
};

const bps = (max: number) => fc.bigInt({ min: 0n, max: BigInt(max) });

describe("CAESAR math: SDK core == on-chain libraries", () => {
  it("dailyFactor and rpowDown agree for every rate 0..200 bps and random day counts", async () => {
    const h = await loadFixture(harness);
    for (let r = 0n; r <= 200n; r += 7n) expect(core.dailyFactor(r), `rate ${r}`).to.equal(await h.dailyFactor(r));
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 0n, max: 200n }), fc.bigInt({ min: 0n, max: 40_000n }), async (r, d) => {
        const g = core.dailyFactor(r);
        expect(core.rpowDown(g, d)).to.equal(await h.rpowDown(g, d));
        expect(core.indexAfter(core.WAD, g, d)).to.equal(await h.indexAfter(core.WAD, g, d));
      }),
      fcRuns(25),
    );
  });

  it("rejects a rate above 2% per 30 days on both sides with DemurrageRateTooHigh(rate, 200)", async () => {
    const h = await loadFixture(harness);
    await expect(h.dailyFactor(201n)).to.be.revertedWithCustomError(h, "DemurrageRateTooHigh").withArgs(201n, 200n);
    expect(() => core.dailyFactor(201n)).to.throw("above 200");
  });

  it("keeps the index above the floor for 100 years at the highest rate", async () => {
    const g = core.dailyFactor(core.MAX_RATE_BPS);
    expect(core.rpowDown(g, 36_525n) > core.MIN_INDEX).to.equal(true);
    expect(core.indexAfter(core.WAD, g, 200_000n)).to.equal(core.MIN_INDEX);
  });

  it("converts amounts and base units identically, rounding as named", async () => {
    const h = await loadFixture(harness);
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: core.MAX_SUPPLY }),
        fc.bigInt({ min: core.MIN_INDEX, max: core.WAD }),
        async (x, i) => {
          expect(core.toBaseUp(x, i)).to.equal(await h.toBaseUp(x, i));
          expect(core.toBaseDown(x, i)).to.equal(await h.toBaseDown(x, i));
          expect(core.toAmountDown(x, i)).to.equal(await h.toAmountDown(x, i));
          expect(core.toAmountUp(x, i)).to.equal(await h.toAmountUp(x, i));
          expect(core.toAmountDown(core.toBaseUp(x, i), i) >= x).to.equal(true);
          expect(core.toAmountDown(core.toBaseDown(x, i), i) <= x).to.equal(true);
        },
      ),
      fcRuns(25),
    );
  });

  it("computes the same fee, stability term, congestion step and penalty on random inputs", async () => {
    const h = await loadFixture(harness);
    const inputs = fc.record({
      baseBps: bps(1_000),
      minFee: fc.bigInt({ min: 0n, max: 10n ** 18n }),
      maxFeeBps: bps(2_000),
      liquidityBps: bps(40_000),
      volatilityBps: bps(40_000),
      stabilityBps: bps(40_000),
      congestionBps: bps(40_000),
      regionalBps: bps(40_000),
    });
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 0n, max: core.MAX_SUPPLY }), inputs, async (amount, f) => {
        const fee = core.transferFee(amount, f);
        expect(fee).to.equal(await h.fee(amount, f));
        expect(fee <= (amount * core.MAX_FEE_BPS) / core.BPS).to.equal(true);
      }),
      fcRuns(25),
    );
    await fc.assert(
      fc.asyncProperty(bps(40_000), bps(5_000), bps(2_000), bps(30_000), async (f, d, t, m) => {
        expect(core.stabilityTerm(f, d, t, m)).to.equal(await h.stabilityTerm(f, d, t, m));
      }),
      fcRuns(15),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 10_000n, max: 30_000n }),
        fc.bigInt({ min: 0n, max: 5_000n }),
        fc.bigInt({ min: 0n, max: 2_000n }),
        bps(2_500),
        bps(40_000),
        fc.bigInt({ min: 0n, max: 200n }),
        async (c, n, t, s, m, e) => {
          expect(core.nextCongestion(c, n, t, s, m, e)).to.equal(await h.nextCongestion(c, n, t, s, m, e));
        },
      ),
      fcRuns(25),
    );
    await fc.assert(
      fc.asyncProperty(
        bps(300),
        bps(20),
        bps(1_000),
        bps(3_000),
        fc.bigInt({ min: 0n, max: 10n ** 27n }),
        async (k, th, st, cap, a) => {
          const p = core.penaltyBps(k, th, st, cap);
          expect(p).to.equal(await h.penaltyBps(k, th, st, cap));
          expect(p <= core.MAX_PENALTY_BPS && p <= cap).to.equal(true);
          expect(core.penaltyAmount(a, p)).to.equal(await h.penalty(a, p));
        },
      ),
      fcRuns(15),
    );
  });

  describe("the fee at every factor bound", () => {
    const amount = 1_000_000n * 10n ** 18n;
    const cases: Array<[string, Partial<core.FeeInputs>, bigint]> = [
      ["liquidity at 0.5", { liquidityBps: 5_000n }, 5_000n],
      ["liquidity below 0.5 (clamped)", { liquidityBps: 1n }, 5_000n],
      ["liquidity at 2.0", { liquidityBps: 20_000n }, 20_000n],
      ["liquidity above 2.0 (clamped)", { liquidityBps: 90_000n }, 20_000n],
      ["volatility at 0.8", { volatilityBps: 8_000n }, 8_000n],
      ["volatility below 0.8 (clamped)", { volatilityBps: 0n }, 8_000n],
      ["volatility at 1.5", { volatilityBps: 15_000n }, 15_000n],
      ["volatility above 1.5 (clamped)", { volatilityBps: 15_001n }, 15_000n],
      ["congestion at 1.0", { congestionBps: 10_000n }, 10_000n],
      ["congestion below 1.0 (clamped)", { congestionBps: 9_999n }, 10_000n],
      ["congestion at 3.0", { congestionBps: 30_000n }, 30_000n],
      ["congestion above 3.0 (clamped)", { congestionBps: 65_535n }, 30_000n],
      ["stability at 0.5", { stabilityBps: 5_000n }, 5_000n],
      ["stability at 2.0", { stabilityBps: 20_000n }, 20_000n],
      ["regional at 0.5", { regionalBps: 5_000n }, 5_000n],
      ["regional above 2.0 (clamped)", { regionalBps: 30_000n }, 20_000n],
    ];
    for (const [name, change, factor] of cases) {
      it(`${name}: amount x 0.1% x ${factor}/10,000, on chain and in the SDK`, async () => {
        const h = await loadFixture(harness);
        const f = { ...NEUTRAL, ...change };
        const expected = (amount * 10n * factor) / 10_000n / 10_000n;
        expect(core.transferFee(amount, f)).to.equal(expected);
        expect(await h.fee(amount, f)).to.equal(expected);
      });
    }

    it("every factor at its maximum: 0.1% x 2.0 x 1.5 x 2.0 x 3.0 x 2.0 = 3.6% is capped at 3%", async () => {
      const h = await loadFixture(harness);
      const f = { ...NEUTRAL, liquidityBps: 20_000n, volatilityBps: 15_000n, stabilityBps: 20_000n };
      const all = { ...f, congestionBps: 30_000n, regionalBps: 20_000n };
      expect(await h.fee(amount, all)).to.equal((amount * 300n) / 10_000n);
      expect(core.transferFee(amount, all)).to.equal((amount * 300n) / 10_000n);
    });

    it("every factor at its minimum: 0.1% x 0.5 x 0.8 x 0.5 x 1.0 x 0.5 = 0.01%", async () => {
      const h = await loadFixture(harness);
      const f = {
        ...NEUTRAL,
        liquidityBps: 0n,
        volatilityBps: 0n,
        stabilityBps: 0n,
        congestionBps: 0n,
        regionalBps: 0n,
      };
      expect(await h.fee(amount, f)).to.equal((amount * 10n * 5n * 8n * 5n * 10n * 5n) / 10n ** 9n);
    });

    it("the stability multiplier applies only beyond the threshold", async () => {
      const h = await loadFixture(harness);
      expect(await h.stabilityTerm(12_000n, 500n, 500n, 15_000n)).to.equal(12_000n);
      expect(await h.stabilityTerm(12_000n, 501n, 500n, 15_000n)).to.equal(18_000n);
      expect(await h.stabilityTerm(15_000n, 501n, 500n, 15_000n)).to.equal(20_000n); // clamped at 2.0
    });
  });
});
