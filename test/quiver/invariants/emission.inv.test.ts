import { expect } from "chai";
import { ethers, ignition } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import fc from "fast-check";
import EmissionModule from "../../../deploy/quiver/modules/Emission";
import type {
  EmissionController,
  MockAggregatorV3,
  ParameterRegistry,
  ProviderStaking,
  QuivToken,
} from "../../../typechain-types";
import { QUIV, foundationGenesis } from "../fixtures/foundation";
import {
  epochEmission,
  FeedStatus,
  growthMetricOf,
  NEUTRAL_METRIC_BPS,
  yearBudget,
  yearOf,
  type FeedRound,
} from "../../../sdk/quiver/core/emission";
import { runModel } from "../../helpers/fc";
import { INVARIANTS } from "../../helpers/invariants";

/** A fast schedule so random runs reach the yearly budget and the token cap: 20M QUIV per 7-day epoch. */
const BASE = 20_000_000n * QUIV;
const L = 7n * 86_400n;
const HALVING = 1_460n * 86_400n;

interface Real {
  quiv: QuivToken;
  emission: EmissionController;
  staking: ProviderStaking;
  registry: ParameterRegistry;
  feed: MockAggregatorV3;
  holder: Awaited<ReturnType<typeof ethers.getSigners>>[number];
  treasury: string;
  ecosystem: string;
  start: bigint;
}
/** Model: the SDK's view of the year bookkeeping and of the growth feed (8 decimals). */
interface Model {
  round: FeedRound;
  feedReverts: boolean;
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
    const schedule = { base: BASE, epochLength: L, halvingInterval: HALVING };
    const read = m.feedReverts
      ? { status: FeedStatus.Reverted, metricBps: NEUTRAL_METRIC_BPS }
      : growthMetricOf(m.round, ts, await growthParams(r));
    const expected = epochEmission(schedule, e, read.metricBps, left, capLeft);
    const atNeutral = epochEmission(schedule, e, NEUTRAL_METRIC_BPS, left, capLeft);
    const before = await Promise.all([
      r.quiv.balanceOf(await r.staking.getAddress()),
      r.quiv.balanceOf(r.treasury),
      r.quiv.balanceOf(r.ecosystem),
      r.quiv.totalMinted(),
    ]);
    const tx = await r.emission.triggerEpoch();
    const after = await Promise.all([
      r.quiv.balanceOf(await r.staking.getAddress()),
      r.quiv.balanceOf(r.treasury),
      r.quiv.balanceOf(r.ecosystem),
      r.quiv.totalMinted(),
    ]);
    const receipt = await tx.wait();
    const fallbacks = receipt!.logs
      .map((l) => r.emission.interface.parseLog(l))
      .filter((ev) => ev?.name === "GrowthMetricFallback")
      .map((ev) => [ev!.args.epoch, ev!.args.feed, ev!.args.status, ev!.args.updatedAt]);
    if (read.status !== FeedStatus.Ok) {
      expect(after[3] - before[3] <= atNeutral, INVARIANTS.EM_GROWTH_FALLBACK).to.equal(true);
      const updatedAt = m.feedReverts ? 0n : m.round.updatedAt;
      expect(fallbacks, INVARIANTS.EM_GROWTH_FALLBACK).to.deep.equal([
        [e, await r.feed.getAddress(), BigInt(read.status), updatedAt],
      ]);
    } else {
      expect(fallbacks, INVARIANTS.EM_GROWTH_FALLBACK).to.deep.equal([]);
    }
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

/** The feed publishes `answer` (8 decimals: 1e8 = 1.0) as a new round now; may be <= 0 or beyond the bounds. */
class FeedAnswerCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly answer: bigint) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await r.feed.updateAnswer(this.answer);
    const id = m.round.roundId + 1n;
    m.round = {
      ...m.round,
      roundId: id,
      answeredInRound: id,
      answer: this.answer,
      updatedAt: BigInt(await time.latest()),
    };
    await checkAll(r, m);
  }
  toString = () => `feed(${this.answer})`;
}

/** The feed publishes `answer`, time moves to the next triggerable epoch, and the epoch is triggered. */
class FeedThenTriggerCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly answer: bigint) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await new FeedAnswerCmd(this.answer).run(m, r);
    const at = await r.emission.nextEpochAt();
    if (at > BigInt(await time.latest()) + 1n) await time.increaseTo(at - 1n);
    await new TriggerCmd().run(m, r);
  }
  toString = () => `feedThenTrigger(${this.answer})`;
}

/** The feed starts or stops reverting. */
class FeedRevertCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly reverts: boolean) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await r.feed.setReverts(this.reverts, false);
    m.feedReverts = this.reverts;
    await checkAll(r, m);
  }
  toString = () => `feedReverts(${this.reverts})`;
}

async function growthParams(r: Real) {
  const [heartbeat, minBps, maxBps] = await Promise.all(
    ["growthHeartbeat", "growthMinBps", "growthMaxBps"].map((n) => r.registry.get(ethers.id(`quiver.emission.${n}`))),
  );
  return { heartbeat, minBps, maxBps };
}

async function initialModel(real: Real): Promise<Model> {
  const [roundId, answer, , updatedAt, answeredInRound] = await real.feed.latestRoundData();
  return {
    round: { roundId, answer, updatedAt, answeredInRound, decimals: await real.feed.decimals() },
    feedReverts: false,
    year: 0n,
    yearStartSupply: await real.quiv.totalSupply(),
    mintedThisYear: 0n,
    nextEpoch: 0n,
  };
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
    const [, treasury, ecosystem, team, insurance] = await ethers.getSigners();
    const d = await ignition.deploy(EmissionModule, {
      parameters: {
        Foundation: foundationGenesis(treasury, ecosystem, team),
        Staking: { insuranceFund: insurance.address },
        Emission: { treasury: treasury.address, ecosystem: ecosystem.address, baseEpochEmission: BASE },
      },
    });
    const emission = d.emission as unknown as EmissionController;
    return {
      quiv: d.quiv as unknown as QuivToken,
      emission,
      staking: d.staking as unknown as ProviderStaking,
      registry: d.registry as unknown as ParameterRegistry,
      feed: d.growthFeed as unknown as MockAggregatorV3,
      holder: team,
      treasury: treasury.address,
      ecosystem: ecosystem.address,
      start: await emission.start(),
    };
  }

  it("canary: the checker fails when the model and the chain disagree", async () => {
    const real = await loadFixture(fixture);
    const model = await initialModel(real);
    await new TriggerCmd().run(model, real);
    model.mintedThisYear += 1n;
    await expect(checkAll(real, model)).to.be.rejectedWith(INVARIANTS.EM_MODEL);
  });

  it("canary: EM_GROWTH_FALLBACK is caught when a stale metric would raise emission", async () => {
    const real = await loadFixture(fixture);
    const model = await initialModel(real);
    await new FeedAnswerCmd(2n * 10n ** 8n).run(model, real);
    await time.increase(3n * 86_400n); // stale for the chain
    // A model that believes the stale 2.0 is fresh expects a doubled epoch and no fallback event.
    model.round = { ...model.round, updatedAt: BigInt(await time.latest()) + 1n };
    await expect(new TriggerCmd().run(model, real)).to.be.rejectedWith(INVARIANTS.EM_GROWTH_FALLBACK);
  });

  it("holds EM_* after random triggers, feed answers, feed failures, burns and time jumps up to 3 years", async () => {
    const cmds = [
      fc.constant(new TriggerCmd()),
      fc.constant(new TriggerCmd()),
      fc
        .oneof(fc.bigInt({ min: 1n, max: 2n * L }), fc.bigInt({ min: 1n, max: 3n * 365n * 86_400n }))
        .map((s) => new WarpCmd(s)),
      fc
        .oneof(fc.bigInt({ min: 1n, max: 25_000n }), fc.bigInt({ min: -(10n ** 8n), max: 6n * 10n ** 8n }))
        .map((a) => new FeedAnswerCmd(a)),
      fc.bigInt({ min: 1n, max: 4n * 10n ** 8n }).map((a) => new FeedAnswerCmd(a)),
      fc.boolean().map((b) => new FeedRevertCmd(b)),
      fc
        .oneof(fc.bigInt({ min: -(10n ** 8n), max: 6n * 10n ** 8n }), fc.constantFrom(0n, 5n * 10n ** 8n, 9_999n))
        .map((a) => new FeedThenTriggerCmd(a)),
      fc.bigInt({ min: 1n, max: 1_000_000n * QUIV }).map((a) => new BurnCmd(a)),
    ];
    await runModel({
      commands: cmds,
      defaults: { runs: 20, cmds: 30 },
      size: "max",
      setup: async () => {
        const real = await loadFixture(fixture);
        return { model: await initialModel(real), real };
      },
    });
  });
});
