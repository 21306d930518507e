import { expect } from "chai";
import fc from "fast-check";
import { fcSizes } from "../../helpers/fc";
import { ethers, ignition } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import PricingModule from "../../../deploy/quiver/modules/Pricing";
import type { ParameterRegistry, PricingMathHarness, PricingOracle } from "../../../typechain-types";
import { foundationGenesis } from "../fixtures/foundation";
import * as pricing from "../../../sdk/quiver/core/pricing";
import { parameterKey } from "../../../sdk/quiver/core/parameters";

/**
 * Differential tests (STYLE.md, SECURITY-CHECKLIST X-RND-02): sdk/quiver/core/pricing.ts equals PricingMath (through the
 * test-only PricingMathHarness) on random inputs, and a simulated oracle built from the SDK's `poke` follows the
 * deployed PricingOracle exactly through random activity and update timings.
 */
const { numRuns: RUNS, seed: SEED, maxCommands: STEPS } = fcSizes({ runs: 25, cmds: 8 });
const U128 = 2n ** 128n - 1n;

async function deployPricingWithHarness() {
  const [deployer, treasury, ecosystem, team, market] = await ethers.getSigners();
  const { oracle, registry } = await ignition.deploy(PricingModule, {
    parameters: {
      Foundation: foundationGenesis(treasury, ecosystem, team),
    },
  });
  const o = oracle as unknown as PricingOracle;
  await o.grantRole(await o.MARKET_ROLE(), market.address);
  const harness = (await (
    await ethers.getContractFactory("PricingMathHarness")
  ).deploy()) as unknown as PricingMathHarness;
  return { oracle: o, registry: registry as unknown as ParameterRegistry, harness, deployer, market };
}

async function readParams(registry: ParameterRegistry): Promise<pricing.PricingParams> {
  const get = (name: string) => registry.get(parameterKey(`quiver.pricing.${name}`));
  return {
    updateInterval: await get("updateInterval"),
    emaAlphaBps: await get("emaAlphaBps"),
    maxStepBps: await get("maxStepBps"),
    congestionHighBps: await get("congestionHighBps"),
    congestionLowBps: await get("congestionLowBps"),
    feeRaiseBps: await get("feeRaiseBps"),
    feeCutBps: await get("feeCutBps"),
    minFeeBps: await get("minFeeBps"),
    maxFeeBps: await get("maxFeeBps"),
  };
}

describe("PricingMath == sdk/core/pricing (differential)", () => {
  const big = fc.bigInt({ min: 0n, max: U128 });
  const bps = fc.bigInt({ min: 0n, max: 10_000n });

  it("jobWeight", async () => {
    const { harness } = await loadFixture(deployPricingWithHarness);
    await fc.assert(
      fc.asyncProperty(big, fc.bigInt({ min: 1n, max: U128 }), async (price, ref) => {
        expect(await harness.jobWeight(price, ref)).to.equal(pricing.jobWeight(price, ref));
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(() => pricing.jobWeight(1n, 0n)).to.throw(RangeError, "referencePrice must be > 0");
  });

  it("ratePerInterval", async () => {
    const { harness } = await loadFixture(deployPricingWithHarness);
    const args = fc
      .tuple(
        fc.bigInt({ min: 0n, max: pricing.MAX_UNITS }),
        fc.bigInt({ min: 1n, max: 86_400n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
      )
      .filter(([, i, e]) => e >= i);
    await fc.assert(
      fc.asyncProperty(args, async ([c, i, e]) => {
        expect(await harness.ratePerInterval(c, i, e)).to.equal(pricing.ratePerInterval(c, i, e));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("emaStep", async () => {
    const { harness } = await loadFixture(deployPricingWithHarness);
    await fc.assert(
      fc.asyncProperty(big, big, bps, async (ema, sample, alpha) => {
        expect(await harness.emaStep(ema, sample, alpha)).to.equal(pricing.emaStep(ema, sample, alpha));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("targetPrice and congestionBps, including zero supply", async () => {
    const { harness } = await loadFixture(deployPricingWithHarness);
    const maybeZero = fc.oneof(big, fc.constant(0n));
    await fc.assert(
      fc.asyncProperty(big, maybeZero, maybeZero, async (base, demand, supply) => {
        expect(await harness.targetPrice(base, demand, supply)).to.equal(pricing.targetPrice(base, demand, supply));
        expect(await harness.congestionBps(demand, supply)).to.equal(pricing.congestionBps(demand, supply));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("stepPrice never moves more than the bound and ends within [floor, ceiling]", async () => {
    const { harness } = await loadFixture(deployPricingWithHarness);
    const target = fc.oneof(big, fc.constant(2n ** 256n - 1n));
    await fc.assert(
      fc.asyncProperty(big, target, bps, big, big, async (current, t, step, floor, ceiling) => {
        const sdk = pricing.stepPrice(current, t, step, floor, ceiling);
        expect(await harness.stepPrice(current, t, step, floor, ceiling)).to.equal(sdk);
        const unclamped = pricing.stepPrice(current, t, step, 0n, 2n ** 256n - 1n);
        const moved = unclamped > current ? unclamped - current : current - unclamped;
        expect(moved <= (current * step) / 10_000n).to.equal(true);
        expect(sdk).to.equal(pricing.clamp(unclamped, floor, ceiling));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("nextFee", async () => {
    const { harness } = await loadFixture(deployPricingWithHarness);
    const fee = fc.bigInt({ min: 0n, max: 10_000n * 10n ** 18n });
    const congestion = fc.oneof(fc.bigInt({ min: 0n, max: 20_000n }), fc.constant(2n ** 256n - 1n));
    await fc.assert(
      fc.asyncProperty(
        fee,
        congestion,
        bps,
        bps,
        fc.bigInt({ min: 0n, max: 2_500n }),
        bps,
        fee,
        fee,
        async (f, c, hi, lo, up, cut, mn, mx) => {
          expect(await harness.nextFee(f, c, [hi, lo, up, cut, mn, mx])).to.equal(
            pricing.nextFee(f, c, hi, lo, up, cut, mn, mx),
          );
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe("PricingOracle == sdk/core/pricing poke simulation (differential)", () => {
  it("follows random settlements and update timings exactly", async () => {
    const step = fc.record({
      // Settled jobs: class, price (up to 200 QUIV, so weights of a few thousandths to 2,000 jobs) and bids.
      settlements: fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 2 }),
          fc.bigInt({ min: 0n, max: 200n * 10n ** 18n }),
          fc.bigInt({ min: 0n, max: 60n }),
        ),
        { maxLength: 4 },
      ),
      extra: fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 3n * 3_600n })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: STEPS }), async (steps) => {
        const { oracle, registry, market } = await loadFixture(deployPricingWithHarness);
        const params = await readParams(registry);
        let classes: (pricing.SizeClassState | undefined)[] = [];
        for (let i = 0; i < 3; i++) {
          const c = await oracle.getSizeClass(i);
          classes.push({
            baseRate: c.baseRate,
            floor: c.floor,
            ceiling: c.ceiling,
            price: c.price,
            demandEma: c.demandEma,
            supplyEma: c.supplyEma,
            pendingDemand: c.pendingDemand,
            pendingSupply: c.pendingSupply,
          });
        }
        let fee = await oracle.networkFeeBpsWad();
        for (const s of steps) {
          for (const [c, price, bids] of s.settlements) {
            await oracle.connect(market).recordSettlement(c, price, bids);
            classes[c] = pricing.recordSettlement(classes[c]!, price, bids);
            const onChain = await oracle.getSizeClass(c);
            expect([onChain.pendingDemand, onChain.pendingSupply]).to.deep.equal([
              classes[c]!.pendingDemand,
              classes[c]!.pendingSupply,
            ]);
          }
          const elapsed = params.updateInterval + s.extra;
          await time.setNextBlockTimestamp((await oracle.lastUpdate()) + elapsed);
          await oracle.poke();
          const sim = pricing.poke(classes, fee, elapsed, params);
          classes = [...sim.classes];
          fee = sim.feeBpsWad;
          for (let i = 0; i < 3; i++) {
            const onChain = await oracle.getSizeClass(i);
            expect([onChain.price, onChain.demandEma, onChain.supplyEma]).to.deep.equal([
              classes[i]!.price,
              classes[i]!.demandEma,
              classes[i]!.supplyEma,
            ]);
          }
          expect(await oracle.networkFeeBpsWad()).to.equal(fee);
          expect(await oracle.networkFeeBps()).to.equal(pricing.feeBpsOf(fee));
          expect(await oracle.congestionBps()).to.equal(sim.congestionBps);
        }
      }),
      { numRuns: Math.max(5, Math.floor(RUNS / 2)), seed: SEED },
    );
  });

  it("the SDK refuses an update before the interval, like the contract", () => {
    expect(() =>
      pricing.poke([], 0n, 59n, {
        updateInterval: 60n,
        emaAlphaBps: 0n,
        maxStepBps: 0n,
        congestionHighBps: 0n,
        congestionLowBps: 0n,
        feeRaiseBps: 0n,
        feeCutBps: 0n,
        minFeeBps: 0n,
        maxFeeBps: 0n,
      }),
    ).to.throw(RangeError);
  });
});
