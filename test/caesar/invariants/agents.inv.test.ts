import { expect } from "chai";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { deployAgentsWith, type AgentsFixture, AGENT_STAKE, CAESAR, DAY } from "../agents/fixtures";
import { toAmountDown, toBaseDown, WAD } from "../../../sdk/caesar/core/demurrage";
import { runModel, underCoverage } from "../../helpers/fc";
import { CAESAR_INVARIANTS as INV } from "./spec";
import { expectCaught, steadyDay, warps } from "./campaign";
import { eventArgs } from "../../../sdk/kit/chain/events";
import type { CaesarAgents } from "../../../typechain-types";

/**
 * Stateful campaign over CaesarAgents, the contract that holds the agents' stakes, with time jumps of an hour to two
 * years: registrations, top-ups, unbondings (partial and exit), withdrawals before and after the unlock, and slashes
 * by governance. The book (base units staked minus withdrawn minus slashed, per agent) is kept from the events and
 * checked against the contract; after every command the registry is solvent, every payout is floor(base x index) to
 * the wei, and the registry's surplus is rounding dust; at the end everyone exits and withdraws, and nothing but that
 * dust is left. The canary (LeakyCaesarAgents: payouts rounded up) must be caught.
 */
const UNBONDING = 7 * DAY;
/** Successful actions of the honest campaign (reachability: the campaign must really withdraw and slash). */
const stats = { stakes: 0, unbonds: 0, withdrawals: 0, slashes: 0, early: 0 };
const MAX_UNBONDINGS = 16n;

interface Model {
  booked: Map<string, bigint>; // base units owed per agent (bonded + unbonding)
  registered: Set<string>;
  dust: bigint; // the most base units the payouts may have left behind
}

interface Real {
  f: AgentsFixture;
  agents: CaesarAgents;
  addr: string;
  who: HardhatEthersSigner[];
}

function deployWith(contract: string) {
  return async function agentsCampaign() {
    const f = await deployAgentsWith({}, "CaesarFeeDistributor", contract);
    const addr = await f.agents.getAddress();
    for (const o of f.others.slice(0, 2)) {
      await f.token.connect(f.treasury).transfer(o.address, 200_000n * CAESAR);
      await f.token.connect(o).approve(addr, 2n ** 255n);
    }
    return f;
  };
}
const honest = deployWith("CaesarAgents");
const leaky = deployWith("LeakyCaesarAgents");

const bookedOf = (m: Model, a: string) => m.booked.get(a) ?? 0n;
const totalBooked = (m: Model) => [...m.booked.values()].reduce((s, b) => s + b, 0n);

async function checkAll(m: Model, r: Real) {
  const { token } = r.f;
  const [base, balance, idx] = await Promise.all([token.baseOf(r.addr), token.balanceOf(r.addr), token.index()]);
  const booked = totalBooked(m);
  expect(
    toAmountDown(booked, idx) <= balance,
    `${INV.CAESAR_AGENTS_SOLVENT}: book ${booked} base, ${balance} wei`,
  ).to.equal(true);
  if (base >= booked) {
    expect(base - booked <= m.dust, `${INV.CAESAR_AGENTS_SOLVENT}: surplus ${base - booked} > ${m.dust}`).to.equal(
      true,
    );
  }
  for (const w of r.who) {
    const a = await r.agents.agentOf(w.address);
    expect(a.bondedBase <= bookedOf(m, w.address), INV.CAESAR_AGENTS_BOOK).to.equal(true);
    expect(a.bondedWei, `${INV.CAESAR_AGENTS_PAYOUT}: a stake is worth floor(base x index)`).to.equal(
      toAmountDown(a.bondedBase, idx),
    );
  }
}

type Cmd = fc.AsyncCommand<Model, Real>;

class StakeCmd implements Cmd {
  constructor(
    readonly i: number,
    readonly amount: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const w = r.who[this.i];
    const balance = await r.f.token.balanceOf(w.address);
    const registering = !m.registered.has(w.address);
    const amount = registering ? AGENT_STAKE + this.amount : this.amount;
    if (amount > balance || amount === 0n) return;
    await steadyDay(r.f.token);
    const idx = await r.f.token.index();
    const before = await r.f.token.baseOf(r.addr);
    const tx = registering
      ? await r.agents.connect(w).register(this.i, `https://a${this.i}`, amount)
      : await r.agents.connect(w).addStake(amount);
    const e = eventArgs((await tx.wait())!, r.agents.interface, "AgentStaked");
    expect([e.amount, e.base], INV.CAESAR_AGENTS_PAYOUT).to.deep.equal([amount, toBaseDown(amount, idx)]);
    expect((await r.f.token.baseOf(r.addr)) - before, INV.CAESAR_AGENTS_BOOK).to.equal(e.base);
    m.booked.set(w.address, bookedOf(m, w.address) + e.base);
    stats.stakes++;
    m.registered.add(w.address);
  }
  toString = () => `stake(${this.i}, ${this.amount})`;
}

class UnbondCmd implements Cmd {
  constructor(
    readonly i: number,
    readonly pick: bigint, // millionths of the bonded stake; 1_000_000 = exit()
  ) {}
  check = (m: Model) => m.registered.size > 0;
  async run(m: Model, r: Real) {
    const w = r.who[this.i];
    if (!m.registered.has(w.address)) {
      await expect(r.agents.connect(w).unbond(1n))
        .to.be.revertedWithCustomError(r.agents, "CaesarAgentsNotRegistered")
        .withArgs(w.address);
      return;
    }
    const bonded = (await r.agents.agentOf(w.address)).bondedBase;
    const count = BigInt((await r.agents.unbondingsOf(w.address)).length);
    const exit = this.pick === 1_000_000n;
    const base = (bonded * this.pick) / 1_000_000n;
    if (count >= MAX_UNBONDINGS && (exit || base > 0n)) {
      const call = exit ? r.agents.connect(w).exit() : r.agents.connect(w).unbond(base);
      await expect(call)
        .to.be.revertedWithCustomError(r.agents, "CaesarAgentsTooManyUnbondings")
        .withArgs(w.address, MAX_UNBONDINGS, MAX_UNBONDINGS);
      return;
    }
    if (exit) {
      const worth = await r.agents
        .connect(w)
        .exit.staticCall()
        .then(() => true)
        .catch(() => false);
      if (!worth) {
        // Nothing bonded left to unbond (the whole stake unbonding, or slashed away).
        await expect(r.agents.connect(w).exit()).to.be.revertedWithCustomError(r.agents, "StakingZeroAmount");
        return;
      }
      const tx = await r.agents.connect(w).exit();
      const receipt = await tx.wait();
      expect(eventArgs(receipt!, r.agents.interface, "AgentUnbonding").base).to.be.at.most(bonded);
      stats.unbonds++;
      return;
    }
    if (base === 0n) {
      await expect(r.agents.connect(w).unbond(0n)).to.be.revertedWithCustomError(r.agents, "StakingZeroAmount");
      return;
    }
    const tx = await r.agents.connect(w).unbond(base);
    const e = eventArgs((await tx.wait())!, r.agents.interface, "AgentUnbonding");
    expect([e.index, e.base]).to.deep.equal([count, base]);
    stats.unbonds++;
    expect((await r.agents.agentOf(w.address)).bondedBase).to.equal(bonded - base);
  }
  toString = () => `unbond(${this.i}, ${this.pick}/1e6)`;
}

/** Withdraws unbonding `pick` of agent `i` (mod the count), or expects the early refusal. */
async function withdrawOne(m: Model, r: Real, w: HardhatEthersSigner, pick: number) {
  const list = await r.agents.unbondingsOf(w.address);
  if (list.length === 0) {
    await expect(r.agents.connect(w).withdraw(0n))
      .to.be.revertedWithCustomError(r.agents, "CaesarAgentsUnknownUnbonding")
      .withArgs(w.address, 0n, 0n);
    return;
  }
  const index = BigInt(pick % list.length);
  const unlockAt = list[Number(index)].unlockAt;
  if (BigInt(await time.latest()) + 1n < unlockAt) {
    await expect(r.agents.connect(w).withdraw(index))
      .to.be.revertedWithCustomError(r.agents, "CaesarAgentsStillUnbonding")
      .withArgs(w.address, index, anyValue, unlockAt);
    stats.early++;
    return;
  }
  await steadyDay(r.f.token);
  const { token } = r.f;
  const idx = await token.index();
  const [agentBase, regBase] = await Promise.all([token.baseOf(w.address), token.baseOf(r.addr)]);
  const tx = await r.agents.connect(w).withdraw(index);
  const e = eventArgs((await tx.wait())!, r.agents.interface, "AgentWithdrawn");
  expect(e.amount, `${INV.CAESAR_AGENTS_PAYOUT}: withdrawal pays floor(base x index)`).to.equal(
    toAmountDown(e.base, idx),
  );
  expect((await token.baseOf(w.address)) - agentBase, INV.CAESAR_AGENTS_PAYOUT).to.equal(toBaseDown(e.amount, idx));
  // The token debits at most the entry's base units, except when the payout is the registry's whole balance: then
  // it takes every base unit (the dust of earlier roundings, and what is left of the book is worth 0 wei).
  const regAfter = await token.baseOf(r.addr);
  expect(regBase - regAfter <= e.base || regAfter === 0n, INV.CAESAR_AGENTS_SOLVENT).to.equal(true);
  m.booked.set(w.address, bookedOf(m, w.address) - e.base);
  m.dust += WAD / idx + 1n;
  stats.withdrawals++;
}

class WithdrawCmd implements Cmd {
  constructor(
    readonly i: number,
    readonly pick: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await withdrawOne(m, r, r.who[this.i], this.pick);
  }
  toString = () => `withdraw(${this.i}, #${this.pick})`;
}

class SlashCmd implements Cmd {
  constructor(
    readonly i: number,
    readonly pick: bigint, // millionths of the agent's book; above 1e6 asks for more than it has
  ) {}
  check = (m: Model) => m.registered.size > 0;
  async run(m: Model, r: Real) {
    const w = r.who[this.i];
    const admin = r.agents.connect(r.f.admin);
    if (!m.registered.has(w.address)) {
      await expect(admin.slash(w.address, 1n, "0x" + "11".repeat(32)))
        .to.be.revertedWithCustomError(r.agents, "CaesarAgentsNotRegistered")
        .withArgs(w.address);
      return;
    }
    const owed = bookedOf(m, w.address);
    const base = (owed * this.pick) / 1_000_000n + 1n;
    await steadyDay(r.f.token);
    const { token } = r.f;
    const idx = await token.index();
    const reserveBefore = await token.balanceOf(r.f.reserve.address);
    const tx = await admin.slash(w.address, base, "0x" + "22".repeat(32));
    const e = eventArgs((await tx.wait())!, r.agents.interface, "AgentSlashed");
    expect(e.base, `${INV.CAESAR_AGENTS_BOOK}: a slash takes min(base, bonded + unbonding)`).to.equal(
      base < owed ? base : owed,
    );
    expect(e.amount, `${INV.CAESAR_AGENTS_PAYOUT}: a slash pays floor(base x index)`).to.equal(
      toAmountDown(e.base, idx),
    );
    expect((await token.balanceOf(r.f.reserve.address)) - reserveBefore, INV.CAESAR_AGENTS_PAYOUT).to.equal(e.amount);
    m.booked.set(w.address, owed - e.base);
    m.dust += WAD / idx + 1n;
    if (e.base > 0n) stats.slashes++;
  }
  toString = () => `slash(${this.i}, ${this.pick}/1e6)`;
}

const who = fc.integer({ min: 0, max: 3 });
const commands = [
  fc.tuple(who, fc.bigInt({ min: 1n, max: 50_000n * CAESAR })).map(([i, a]) => new StakeCmd(i, a) as Cmd),
  fc.tuple(who, fc.bigInt({ min: 1n, max: 10n ** 6n })).map(([i, a]) => new StakeCmd(i, a) as Cmd),
  fc.tuple(who, fc.bigInt({ min: 0n, max: 1_000_000n })).map(([i, p]) => new UnbondCmd(i, p) as Cmd),
  fc.tuple(who, fc.constant(1_000_000n)).map(([i, p]) => new UnbondCmd(i, p) as Cmd),
  fc.tuple(who, fc.nat(16)).map(([i, p]) => new WithdrawCmd(i, p) as Cmd),
  fc.tuple(who, fc.nat(16)).map(([i, p]) => new WithdrawCmd(i, p) as Cmd),
  fc.tuple(who, fc.bigInt({ min: 0n, max: 1_200_000n })).map(([i, p]) => new SlashCmd(i, p) as Cmd),
  warps<Model, Real>(UNBONDING),
];

function campaign(fixture: typeof honest, fixed = false) {
  return runModel<Model, Real>({
    commands,
    defaults: { runs: 8, cmds: 30 },
    size: "max",
    fixed,
    setup: async () => {
      const f = await loadFixture(fixture);
      const agents = [f.agent1, f.agent2];
      const booked = new Map<string, bigint>();
      for (const a of agents) booked.set(a.address, (await f.agents.agentOf(a.address)).bondedBase);
      return {
        model: { booked, registered: new Set(agents.map((a) => a.address)), dust: 0n },
        real: {
          f,
          agents: f.agents,
          addr: await f.agents.getAddress(),
          who: [...agents, ...f.others.slice(0, 2)],
        },
      };
    },
    check: checkAll,
    exit: async (m, r) => {
      // Everyone withdraws what is unlocked, exits, waits out the unbonding and withdraws every entry.
      const withdrawAll = async () => {
        await time.increase(UNBONDING + 1);
        for (const w of r.who) {
          while ((await r.agents.unbondingsOf(w.address)).length > 0) await withdrawOne(m, r, w, 0);
        }
      };
      await withdrawAll();
      for (const w of r.who) {
        if (!m.registered.has(w.address)) continue;
        const exits = await r.agents
          .connect(w)
          .exit.staticCall()
          .then(() => true)
          .catch(() => false);
        if (exits) await r.agents.connect(w).exit();
      }
      await withdrawAll();
      await checkAll(m, r);
      // What is still booked is only the bonded stake the share rounding (or a full unbonding list) kept.
      for (const w of r.who) {
        expect((await r.agents.agentOf(w.address)).bondedBase, INV.CAESAR_AGENTS_BOOK).to.equal(bookedOf(m, w.address));
      }
    },
  });
}

describe("CaesarAgents invariants (fast-check, stakes across time jumps of hours to years)", () => {
  it("holds CAESAR_AGENTS_SOLVENT, CAESAR_AGENTS_BOOK, CAESAR_AGENTS_PAYOUT", async () => {
    Object.assign(stats, { stakes: 0, unbonds: 0, withdrawals: 0, slashes: 0, early: 0 });
    await campaign(honest);
    if (process.env.DEBUG_CAMPAIGN) console.log(stats);
    // Reachability at the default size (coverage runs fewer sequences: one of each is enough there).
    const least = underCoverage ? 1 : 5;
    for (const [k, n] of Object.entries(stats)) expect(n, `the campaign reaches ${k}`).to.be.at.least(least);
  });

  it("catches the canary LeakyCaesarAgents (payouts rounded up) with CAESAR_AGENTS_*", async () => {
    await expectCaught(() => campaign(leaky, true), /CAESAR_AGENTS_(SOLVENT|PAYOUT)/);
  });
});
