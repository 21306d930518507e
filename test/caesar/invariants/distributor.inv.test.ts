import { expect } from "chai";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { ContractTransactionResponse } from "ethers";
import { deployAgentsWith, type AgentsFixture, DAY, REPORT_WINDOW, CAESAR } from "../agents/fixtures";
import { distributionLegs, epochReward, weightedPoints, type AgentPoints } from "../../../sdk/caesar/core/rewards";
import { runModel, underCoverage } from "../../helpers/fc";
import { CAESAR_INVARIANTS as INV } from "./spec";
import { expectCaught } from "./campaign";
import type { CaesarFeeDistributor } from "../../../typechain-types";

/**
 * Stateful campaign over CaesarFeeDistributor with time jumps of an hour to three days (across epochs and report
 * windows): fee-paying transfers, funding and distribution (settling the token's accrual), points recorded for
 * four agents, accuracy reports, claims and sweeps of random epochs. After every command the totals, the balance
 * and every epoch are checked against the model; at the end everything is claimed and swept, and paid + swept
 * must equal the agents' leg. The canary (UnnormalisedFeeDistributor: the seed's un-normalised bonus) must be caught.
 */
interface EpochModel {
  pot: bigint;
  paid: bigint;
  agents: Map<string, AgentPoints>;
  claimed: Set<string>;
  frozen: boolean;
  swept: boolean;
}

interface Model {
  received: bigint;
  agentsLeg: bigint;
  paid: bigint;
  swept: bigint;
  epochs: Map<bigint, EpochModel>;
}

interface Real {
  f: AgentsFixture;
  d: CaesarFeeDistributor;
  dAddr: string;
  agents: HardhatEthersSigner[];
}

function deployWith(contract: string) {
  return async function distributorCampaign() {
    const f = await deployAgentsWith({}, contract);
    await f.distributor.grantRole(await f.distributor.PROCESSOR_ROLE(), f.admin.address);
    return f;
  };
}
const honest = deployWith("CaesarFeeDistributor");
const canary = deployWith("UnnormalisedFeeDistributor");

function epochOf(m: Model, e: bigint): EpochModel {
  let ep = m.epochs.get(e);
  if (ep === undefined) {
    ep = { pot: 0n, paid: 0n, agents: new Map(), claimed: new Set(), frozen: false, swept: false };
    m.epochs.set(e, ep);
  }
  return ep;
}

function totalWeighted(ep: EpochModel): bigint {
  let t = 0n;
  for (const a of ep.agents.values()) t += weightedPoints(a);
  return t;
}

function rewardedCount(ep: EpochModel): number {
  let n = 0;
  for (const a of ep.agents.values()) if (weightedPoints(a) > 0n) n++;
  return n;
}

function eventsOf(d: CaesarFeeDistributor, receipt: Awaited<ReturnType<ContractTransactionResponse["wait"]>>) {
  const out: { name: string; args: Record<string, bigint> & unknown[] }[] = [];
  for (const log of receipt!.logs) {
    try {
      const p = d.interface.parseLog(log);
      if (p) out.push({ name: p.name, args: p.args as unknown as Record<string, bigint> & unknown[] });
    } catch {
      // another contract's event
    }
  }
  return out;
}

async function checkAll(m: Model, r: Real) {
  const [received, agentsLeg, paid, swept, held] = await r.d.totals();
  expect(received, INV.CAESAR_DISTRIBUTOR_MODEL).to.equal(m.received);
  expect(agentsLeg, INV.CAESAR_DISTRIBUTOR_MODEL).to.equal(m.agentsLeg);
  expect(paid, INV.CAESAR_DISTRIBUTOR_MODEL).to.equal(m.paid);
  expect(swept, INV.CAESAR_DISTRIBUTOR_MODEL).to.equal(m.swept);
  expect(paid + held + swept, INV.CAESAR_DISTRIBUTOR_CONSERVATION).to.equal(agentsLeg);
  expect(paid + swept <= received, INV.CAESAR_DISTRIBUTOR_BOUND).to.equal(true);
  expect(await r.f.token.balanceOf(r.dAddr), INV.CAESAR_DISTRIBUTOR_CONSERVATION).to.equal(held);
  let heldModel = 0n;
  for (const [e, ep] of m.epochs) {
    const real = await r.d.epochOf(e);
    expect(real.pot, INV.CAESAR_DISTRIBUTOR_MODEL).to.equal(ep.pot);
    expect(real.paid <= real.pot, `${INV.CAESAR_DISTRIBUTOR_BOUND}: epoch ${e}`).to.equal(true);
    expect(real.paid, INV.CAESAR_DISTRIBUTOR_MODEL).to.equal(ep.paid);
    expect(real.weighted, INV.CAESAR_DISTRIBUTOR_MODEL).to.equal(totalWeighted(ep));
    if (!ep.swept) heldModel += ep.pot - ep.paid;
  }
  expect(held, INV.CAESAR_DISTRIBUTOR_CONSERVATION).to.equal(heldModel);
}

/** Claims that paid in the campaign (the honest run must reach some). */
const stats = { claims: 0 };

type Cmd = fc.AsyncCommand<Model, Real>;

class FundCmd implements Cmd {
  constructor(readonly amount: bigint) {}
  check = () => true;
  async run(m: Model, r: Real) {
    if (this.amount > 0n) await r.f.token.connect(r.f.treasury).transfer(r.dAddr, this.amount);
    const receipt = await (await r.d.distribute()).wait();
    for (const ev of eventsOf(r.d, receipt)) {
      if (ev.name !== "Distributed") continue;
      const [epoch, amount, agents, treasury, infra, reserve] = ev.args as unknown as bigint[];
      expect(amount >= this.amount, INV.CAESAR_DISTRIBUTOR_MODEL).to.equal(true);
      const legs = distributionLegs(amount);
      expect([agents, treasury, infra, reserve], INV.CAESAR_DISTRIBUTOR_MODEL).to.deep.equal([
        legs.agents,
        legs.treasury,
        legs.infra,
        legs.reserve,
      ]);
      m.received += amount;
      m.agentsLeg += agents;
      epochOf(m, epoch).pot += agents;
    }
  }
  toString = () => `fund ${this.amount}`;
}

class FeeTransferCmd implements Cmd {
  constructor(readonly amount: bigint) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    await r.f.token.connect(r.f.alice).transfer(r.f.bob.address, this.amount);
  }
  toString = () => `fee transfer ${this.amount}`;
}

class PointsCmd implements Cmd {
  constructor(
    readonly agent: number,
    readonly points: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const who = r.agents[this.agent].address;
    const receipt = await (await r.d.connect(r.f.admin).recordPoints(who, this.points)).wait();
    for (const ev of eventsOf(r.d, receipt)) {
      if (ev.name !== "PointsRecorded") continue;
      const ep = epochOf(m, ev.args[1] as bigint);
      const a = ep.agents.get(who) ?? { points: 0n };
      ep.agents.set(who, { ...a, points: a.points + this.points });
    }
  }
  toString = () => `points(${this.agent}, ${this.points})`;
}

class ReportCmd implements Cmd {
  constructor(
    readonly agent: number,
    readonly back: bigint,
    readonly accuracy: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const who = r.agents[this.agent].address;
    const current = await r.d.currentEpoch();
    if (this.back > current) return;
    const e = current - this.back;
    const ep = epochOf(m, e);
    try {
      await (await r.d.connect(r.f.reporter).reportAccuracy(who, e, this.accuracy)).wait();
    } catch (err) {
      expect(String(err)).to.contain("CaesarDistributorReportClosed");
      return;
    }
    expect(ep.frozen, `${INV.CAESAR_DISTRIBUTOR_BOUND}: a report after a claim`).to.equal(false);
    const a = ep.agents.get(who) ?? { points: 0n };
    ep.agents.set(who, { ...a, accuracyBps: this.accuracy });
  }
  toString = () => `report(${this.agent}, -${this.back}, ${this.accuracy})`;
}

class ClaimCmd implements Cmd {
  constructor(
    readonly agent: number,
    readonly back: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const current = await r.d.currentEpoch();
    if (this.back > current) return;
    await claimOne(m, r, r.agents[this.agent], current - this.back);
  }
  toString = () => `claim(${this.agent}, -${this.back})`;
}

/** Claims (or expects the right refusal) and applies the model. */
async function claimOne(m: Model, r: Real, agent: HardhatEthersSigner, e: bigint) {
  const ep = epochOf(m, e);
  const a = ep.agents.get(agent.address);
  const w = a === undefined ? 0n : weightedPoints(a);
  let receipt;
  try {
    receipt = await (await r.d.connect(agent).claim(e)).wait();
  } catch (err) {
    const s = String(err);
    expect(
      s.includes("CaesarDistributorEpochNotClaimable") || s.includes("CaesarDistributorNothingToClaim"),
      `${INV.CAESAR_DISTRIBUTOR_BOUND}: claim of epoch ${e} failed: ${s.slice(0, 200)}`,
    ).to.equal(true);
    if (s.includes("NothingToClaim")) expect(w === 0n || ep.claimed.has(agent.address)).to.equal(true);
    return;
  }
  expect(w > 0n && !ep.claimed.has(agent.address), INV.CAESAR_DISTRIBUTOR_MODEL).to.equal(true);
  stats.claims++;
  const expected = epochReward(ep.pot, w, totalWeighted(ep));
  ep.frozen = true;
  ep.claimed.add(agent.address);
  for (const ev of eventsOf(r.d, receipt)) {
    if (ev.name === "RewardClaimed") {
      expect(ev.args[2], `${INV.CAESAR_DISTRIBUTOR_MODEL}: reward`).to.equal(expected);
      ep.paid += expected;
      m.paid += expected;
    }
    if (ev.name === "EpochSwept") applySweep(m, ep, ev.args[1] as bigint);
  }
  if (ep.claimed.size === rewardedCount(ep)) expect(ep.swept, INV.CAESAR_DISTRIBUTOR_MODEL).to.equal(true);
}

function applySweep(m: Model, ep: EpochModel, amount: bigint) {
  expect(amount, `${INV.CAESAR_DISTRIBUTOR_MODEL}: dust`).to.equal(ep.pot - ep.paid);
  const rewarded = rewardedCount(ep);
  if (rewarded > 0) expect(amount < BigInt(rewarded), `${INV.CAESAR_DISTRIBUTOR_BOUND}: dust bound`).to.equal(true);
  ep.swept = true;
  ep.frozen = true;
  m.swept += amount;
}

class SweepCmd implements Cmd {
  constructor(readonly back: bigint) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const current = await r.d.currentEpoch();
    if (this.back > current) return;
    await sweepOne(m, r, current - this.back);
  }
  toString = () => `sweep(-${this.back})`;
}

async function sweepOne(m: Model, r: Real, e: bigint) {
  const ep = epochOf(m, e);
  let receipt;
  try {
    receipt = await (await r.d.sweep(e)).wait();
  } catch (err) {
    const s = String(err);
    expect(s.includes("CaesarDistributorEpochNotClaimable") || s.includes("CaesarDistributorNotSweepable")).to.equal(
      true,
    );
    if (s.includes("NotSweepable")) expect(ep.swept || ep.claimed.size !== rewardedCount(ep)).to.equal(true);
    return;
  }
  for (const ev of eventsOf(r.d, receipt)) if (ev.name === "EpochSwept") applySweep(m, ep, ev.args[1] as bigint);
}

class WarpCmd implements Cmd {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run() {
    await time.increase(this.seconds);
  }
  toString = () => `warp ${this.seconds}s`;
}

const agentIdx = fc.integer({ min: 0, max: 3 });
const commands = [
  fc.bigInt({ min: 0n, max: 10n ** 24n }).map((a) => new FundCmd(a) as Cmd),
  fc.bigInt({ min: 0n, max: 1_000n }).map((a) => new FundCmd(a) as Cmd),
  fc.bigInt({ min: 1n, max: 1_000n * CAESAR }).map((a) => new FeeTransferCmd(a) as Cmd),
  fc.tuple(agentIdx, fc.bigInt({ min: 1n, max: 10n ** 22n })).map(([a, p]) => new PointsCmd(a, p) as Cmd),
  fc.tuple(agentIdx, fc.bigInt({ min: 1n, max: 1_000n })).map(([a, p]) => new PointsCmd(a, p) as Cmd),
  fc
    .tuple(agentIdx, fc.bigInt({ min: 0n, max: 1n }), fc.bigInt({ min: 0n, max: 10_000n }))
    .map(([a, b, acc]) => new ReportCmd(a, b, acc) as Cmd),
  fc.tuple(agentIdx, fc.bigInt({ min: 1n, max: 4n })).map(([a, b]) => new ClaimCmd(a, b) as Cmd),
  fc.tuple(agentIdx, fc.bigInt({ min: 1n, max: 4n })).map(([a, b]) => new ClaimCmd(a, b) as Cmd),
  fc.bigInt({ min: 1n, max: 4n }).map((b) => new SweepCmd(b) as Cmd),
  fc
    .oneof(fc.integer({ min: 3_600, max: REPORT_WINDOW }), fc.integer({ min: REPORT_WINDOW, max: 3 * DAY }))
    .map((s) => new WarpCmd(s) as Cmd),
];

function campaign(fixture: typeof honest, fixed = false) {
  return runModel<Model, Real>({
    commands,
    defaults: { runs: 6, cmds: 30 },
    fixed,
    setup: async () => {
      const f = await loadFixture(fixture);
      return {
        model: { received: 0n, agentsLeg: 0n, paid: 0n, swept: 0n, epochs: new Map() },
        real: {
          f,
          d: f.distributor,
          dAddr: await f.distributor.getAddress(),
          agents: [f.agent1, f.agent2, ...f.others.slice(0, 2)],
        },
      };
    },
    check: checkAll,
    exit: async (m, r) => {
      await time.increase(2 * DAY);
      for (const e of [...m.epochs.keys()].sort((a, b) => (a < b ? -1 : 1))) {
        const ep = m.epochs.get(e)!;
        for (const who of r.agents) {
          if (!ep.claimed.has(who.address) && weightedPoints(ep.agents.get(who.address) ?? { points: 0n }) > 0n) {
            await claimOne(m, r, who, e);
          }
        }
        if (!ep.swept) await sweepOne(m, r, e);
      }
      await checkAll(m, r);
      const [, agentsLeg, paid, swept, held] = await r.d.totals();
      expect(held, INV.CAESAR_DISTRIBUTOR_CONSERVATION).to.equal(0n);
      expect(paid + swept, INV.CAESAR_DISTRIBUTOR_CONSERVATION).to.equal(agentsLeg);
    },
  });
}

describe("CaesarFeeDistributor invariants (fast-check, time jumps across epochs)", () => {
  it(`holds CAESAR_DISTRIBUTOR_BOUND, CAESAR_DISTRIBUTOR_CONSERVATION, CAESAR_DISTRIBUTOR_MODEL`, async () => {
    stats.claims = 0;
    await campaign(honest);
    // Reachability at the full run size; coverage runs COVERAGE_RUNS sequences of the 6 and needs only one claim.
    expect(stats.claims, "the campaign reaches successful claims").to.be.greaterThan(underCoverage ? 0 : 5);
  });

  it("catches the canary UnnormalisedFeeDistributor (the seed's un-normalised bonus)", async () => {
    await expectCaught(() => campaign(canary, true), /CAESAR_DISTRIBUTOR/);
  });
});
