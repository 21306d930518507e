import { expect } from "chai";
import { ethers, ignition } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import fc from "fast-check";
import EmissionModule from "../../deploy/modules/Emission";
import type { EmissionController, ParameterRegistry, ProviderStaking, QuivToken } from "../../typechain-types";
import { GENESIS, QUIV } from "../fixtures/foundation";
import { epochEmission, yearBudget, yearOf } from "../../sdk/core/emission";
import { INVARIANTS } from "./spec";

const RUNS = Number(process.env.FC_RUNS ?? 20);
const CMDS = Number(process.env.FC_CMDS ?? 30);
const SEED = Number(process.env.FC_SEED ?? 42);
/** A fast schedule so random runs reach the yearly budget and the token cap: 20M QUIV per 7-day epoch. */
const BASE = 20_000_000n * QUIV;
const L = 7n * 86_400n;
const HALVING = 1_460n * 86_400n;

interface Real {
  quiv: QuivToken;
  emission: EmissionController;
  staking: ProviderStaking;
  registry: ParameterRegistry;
  oracle: Awaited<ReturnType<typeof ethers.getSigners>>[number];
  holder: Awaited<ReturnType<typeof ethers.getSigners>>[number];
  treasury: string;
  ecosystem: string;
  start: bigint;
}
/** Model: the SDK's view of the year bookkeeping and the metric. */
interface Model {
  metric: bigint;
  year: bigint;
  yearStartSupply: bigint;
  mintedThisYear: bigint;
  nextEpoch: bigint;
}

async function checkAll(r: Real, m: Model) {
  const minted = await r.quiv.totalMinted();
  expect(minted <= (await r.quiv.cap()), INVARIANTS.EM_CAP).to.equal(true);
  const [year, startSupply, mintedThisYear] = await r.emission.yearState();
  const budget = yearBudget(startSupply, await r.registry.get(ethers.id("quiver.emission.maxInflationBps")));
  expect(mintedThisYear <= budget, INVARIANTS.EM_YEAR_CAP).to.equal(true);
  expect([year, startSupply, mintedThisYear], INVARIANTS.EM_MODEL).to.deep.equal([
    m.year,
    m.yearStartSupply,
    m.mintedThisYear,
  ]);
}

class TriggerCmd implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    const epoch = (BigInt(await time.latest()) + 1n - r.start) / L;
    if (epoch < m.nextEpoch) {
      await time.setNextBlockTimestamp(BigInt(await time.latest()) + 1n);
      await expect(r.emission.triggerEpoch()).to.be.revertedWithCustomError(
        r.emission,
        "EmissionEpochAlreadyTriggered",
      );
      return checkAll(r, m);
    }
    const ts = BigInt(await time.latest()) + 1n;
    await time.setNextBlockTimestamp(ts);
    const e = (ts - r.start) / L;
    const y = yearOf(e, L);
    if (y !== m.year) {
      m.year = y;
      m.yearStartSupply = await r.quiv.totalSupply();
      m.mintedThisYear = 0n;
    }
    const bps = await r.registry.get(ethers.id("quiver.emission.maxInflationBps"));
    const budget = yearBudget(m.yearStartSupply, bps);
    const left = budget > m.mintedThisYear ? budget - m.mintedThisYear : 0n;
    const capLeft = (await r.quiv.cap()) - (await r.quiv.totalMinted());
    const expected = epochEmission(
      { base: BASE, epochLength: L, halvingInterval: HALVING },
      e,
      m.metric,
      left,
      capLeft,
    );
    const before = await Promise.all([
      r.quiv.balanceOf(await r.staking.getAddress()),
      r.quiv.balanceOf(r.treasury),
      r.quiv.balanceOf(r.ecosystem),
      r.quiv.totalMinted(),
    ]);
    await r.emission.triggerEpoch();
    const after = await Promise.all([
      r.quiv.balanceOf(await r.staking.getAddress()),
      r.quiv.balanceOf(r.treasury),
      r.quiv.balanceOf(r.ecosystem),
      r.quiv.totalMinted(),
    ]);
    expect(after[3] - before[3], INVARIANTS.EM_MODEL).to.equal(expected);
    expect(after[0] - before[0] + (after[1] - before[1]) + (after[2] - before[2]), INVARIANTS.EM_SPLIT).to.equal(
      expected,
    );
    m.mintedThisYear += expected;
    m.nextEpoch = e + 1n;
    await checkAll(r, m);
  }
  toString = () => "trigger";
}

class WarpCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly seconds: bigint) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await time.increase(this.seconds);
    await checkAll(r, m);
  }
  toString = () => `warp(${this.seconds})`;
}

class MetricCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly bps: bigint) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await r.emission.connect(r.oracle).setGrowthMetric(this.bps);
    m.metric = this.bps;
    await checkAll(r, m);
  }
  toString = () => `metric(${this.bps})`;
}

class BurnCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly amount: bigint) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await r.quiv.connect(r.holder).burn(this.amount);
    await checkAll(r, m);
  }
  toString = () => `burn(${this.amount})`;
}

describe("EmissionController invariants (fast-check)", () => {
  async function fixture() {
    const [, treasury, ecosystem, team, insurance, oracle] = await ethers.getSigners();
    const d = await ignition.deploy(EmissionModule, {
      parameters: {
        Foundation: {
          genesisRecipients: [treasury.address, ecosystem.address, team.address],
          genesisAmounts: [GENESIS.treasury, GENESIS.ecosystem, GENESIS.team],
        },
        Staking: { insuranceFund: insurance.address },
        Emission: { treasury: treasury.address, ecosystem: ecosystem.address, baseEpochEmission: BASE },
      },
    });
    const emission = d.emission as unknown as EmissionController;
    await emission.grantRole(await emission.ORACLE_ROLE(), oracle.address);
    return {
      quiv: d.quiv as unknown as QuivToken,
      emission,
      staking: d.staking as unknown as ProviderStaking,
      registry: d.registry as unknown as ParameterRegistry,
      oracle,
      holder: team,
      treasury: treasury.address,
      ecosystem: ecosystem.address,
      start: await emission.start(),
    };
  }

  it("canary: the checker fails when the model and the chain disagree", async () => {
    const real = await loadFixture(fixture);
    const model: Model = {
      metric: 10_000n,
      year: 0n,
      yearStartSupply: await real.quiv.totalSupply(),
      mintedThisYear: 0n,
      nextEpoch: 0n,
    };
    await new TriggerCmd().run(model, real);
    model.mintedThisYear += 1n;
    await expect(checkAll(real, model)).to.be.rejectedWith(INVARIANTS.EM_MODEL);
  });

  it("holds EM_* after random triggers, metric changes, burns and time jumps up to 3 years", async () => {
    const cmds = [
      fc.constant(new TriggerCmd()),
      fc.constant(new TriggerCmd()),
      fc
        .oneof(fc.bigInt({ min: 1n, max: 2n * L }), fc.bigInt({ min: 1n, max: 3n * 365n * 86_400n }))
        .map((s) => new WarpCmd(s)),
      fc.bigInt({ min: 0n, max: 40_000n }).map((b) => new MetricCmd(b)),
      fc.bigInt({ min: 1n, max: 1_000_000n * QUIV }).map((a) => new BurnCmd(a)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(cmds, { maxCommands: CMDS, size: "max" }), async (c) => {
        const real = await loadFixture(fixture);
        const model: Model = {
          metric: 10_000n,
          year: 0n,
          yearStartSupply: await real.quiv.totalSupply(),
          mintedThisYear: 0n,
          nextEpoch: 0n,
        };
        await fc.asyncModelRun(() => ({ model, real }), c);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
