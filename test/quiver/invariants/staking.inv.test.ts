import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import fc from "fast-check";
import { deployStaking, QUIV, DAY } from "../fixtures/staking";
import { runModel } from "../../helpers/fc";
import { INVARIANTS } from "../../helpers/invariants";

type Sys = Awaited<ReturnType<typeof deployStaking>>;
type Signer = Sys["alice"];
interface Model {
  cases: bigint[];
}
interface Real {
  sys: Sys;
  actors: Signer[];
  providers: Signer[];
}

/** Case states in which a case still covers (freezes) its segments: Open, Appealing, Finalizable, Appealed. */
const LIVE = new Set([1, 2, 3, 7]);

/** Sends a transaction that may legitimately revert with one of the contract's custom errors. */
export const stats = { ok: 0, reverted: 0 };

async function attempt(p: Promise<unknown>): Promise<void> {
  try {
    await p;
    stats.ok++;
  } catch (e) {
    stats.reverted++;
    const msg = String((e as Error).message);
    // Only the contract's own custom errors are acceptable; a panic or a plain revert is a bug.
    if (!/reverted with custom error '(Staking|AccessControl)/.test(msg)) throw e;
  }
}

async function checkAll(r: Real): Promise<void> {
  const { staking, quiv } = r.sys;
  const addr = await staking.getAddress();
  const [bonded, unbonding, owed, queued] = await staking.totals();
  expect(await quiv.balanceOf(addr), INVARIANTS.STK_SOLVENCY).to.equal(bonded + unbonding + owed + queued);
  let sumBonded = 0n;
  let sumUnbonding = 0n;
  let sumPending = 0n;
  const entryShares = new Map<string, bigint>();
  for (const a of r.actors) {
    for (const u of await staking.unbondingsOf(a.address)) {
      entryShares.set(u.provider, (entryShares.get(u.provider) ?? 0n) + u.shares);
    }
  }
  for (const p of r.providers) {
    const pool = await staking.poolOf(p.address);
    sumBonded += pool.bondedTokens;
    sumUnbonding += pool.unbondingTokens;
    let shares = 0n;
    let value = 0n;
    for (const a of r.actors) {
      shares += await staking.sharesOf(p.address, a.address);
      value += await staking.stakeOf(p.address, a.address);
      sumPending += await staking.pendingRewards(p.address, a.address);
    }
    expect(shares, INVARIANTS.STK_SHARES).to.equal(pool.bondedShares);
    expect(value <= pool.bondedTokens, INVARIANTS.STK_SHARES).to.equal(true);
    expect(entryShares.get(p.address) ?? 0n, INVARIANTS.STK_SHARES).to.equal(pool.unbondingShares);
  }
  // pendingRewards(provider, account) includes the account's whole claimable balance once per provider
  // queried, so count each provider's own commission view only once: bound with the loose sum / providers.
  // It also previews the drip due now (SEC-07), which is still in the queue.
  expect(sumPending <= (owed + queued) * BigInt(r.providers.length), INVARIANTS.STK_REWARDS_BOUND).to.equal(true);
  expect(sumBonded, INVARIANTS.STK_POOL_TOTALS).to.equal(bonded);
  expect(sumUnbonding, INVARIANTS.STK_POOL_TOTALS).to.equal(unbonding);
  let votes = 0n;
  for (const a of r.actors) votes += await staking.getVotes(a.address);
  const now = await time.latest();
  await ethers.provider.send("evm_mine", []);
  expect(votes, INVARIANTS.STK_VOTES).to.equal(await staking.getPastTotalSupply(now));
}

class StakeCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly who: number,
    readonly provider: number,
    readonly amount: bigint,
  ) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    const a = r.actors[this.who % r.actors.length];
    const p = r.providers[this.provider % r.providers.length];
    await attempt(
      a.address === p.address
        ? r.sys.staking.connect(a).stake(this.amount)
        : r.sys.staking.connect(a).delegateStake(p.address, this.amount),
    );
    await checkAll(r);
  }
  toString = () => `stake(${this.who}->${this.provider}, ${this.amount})`;
}

class UnbondCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly who: number,
    readonly provider: number,
    readonly pct: number,
  ) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    const a = r.actors[this.who % r.actors.length];
    const p = r.providers[this.provider % r.providers.length];
    const have = await r.sys.staking.stakeOf(p.address, a.address);
    await attempt(r.sys.staking.connect(a).unbond(p.address, (have * BigInt(this.pct)) / 100n));
    await checkAll(r);
  }
  toString = () => `unbond(${this.who}@${this.provider}, ${this.pct}%)`;
}

/** Whether a live case of `provider` has an offence at or before `createdAt` (it may slash and freeze the entry). */
async function coveredByLiveCase(m: Model, r: Real, provider: string, createdAt: bigint): Promise<boolean> {
  for (const id of m.cases) {
    const c = await r.sys.staking.slashCase(id);
    if (c.provider === provider && LIVE.has(Number(c.status)) && c.offenceAt <= createdAt) return true;
  }
  return false;
}

class WithdrawCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly who: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const a = r.actors[this.who % r.actors.length];
    const list = await r.sys.staking.unbondingsOf(a.address);
    if (list.length > 0 && list[0].unlockAt < BigInt(await time.latest()) + 1n) {
      // STK_UNBOND_BEFORE_OFFENCE: a matured entry created before every live offence withdraws (SEC-03).
      if (!(await coveredByLiveCase(m, r, list[0].provider, list[0].createdAt))) {
        const value = await r.sys.staking.unbondingValue(a.address, 0n);
        await expect(r.sys.staking.connect(a).withdraw(0n), INVARIANTS.STK_UNBOND_BEFORE_OFFENCE)
          .to.emit(r.sys.staking, "Withdrawn")
          .withArgs(a.address, list[0].provider, 0n, value);
        stats.ok++;
        await checkAll(r);
        return;
      }
    }
    await attempt(r.sys.staking.connect(a).withdraw(0n));
    await checkAll(r);
  }
  toString = () => `withdraw(${this.who})`;
}

class ClaimCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly who: number,
    readonly provider: number,
  ) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    const a = r.actors[this.who % r.actors.length];
    const p = r.providers[this.provider % r.providers.length];
    await attempt(r.sys.staking.connect(a).claimRewards(p.address));
    await checkAll(r);
  }
  toString = () => `claim(${this.who}@${this.provider})`;
}

class RewardCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly amount: bigint) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    await attempt(r.sys.staking.connect(r.sys.treasury).distributeRewards(this.amount));
    await checkAll(r);
  }
  toString = () => `reward(${this.amount})`;
}

class WarpCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    await time.increase(this.seconds);
    await checkAll(r);
  }
  toString = () => `warp(${this.seconds})`;
}

class OpenCaseCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly provider: number,
    readonly age: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const p = r.providers[this.provider % r.providers.length];
    // The offence happened `age` seconds before the next block (older than the unbonding period: clamped).
    const offenceAt = BigInt(await time.latest()) + 1n - BigInt(this.age);
    const at = offenceAt < 0n ? 0n : offenceAt;
    await time.setNextBlockTimestamp((await time.latest()) + 1);
    const [id] = await r.sys.staking.connect(r.sys.slasher).openSlashCase.staticCall(p.address, at);
    await r.sys.staking.connect(r.sys.slasher).openSlashCase(p.address, at);
    m.cases.push(id);
    await checkAll(r);
  }
  toString = () => `open(${this.provider}, -${this.age}s)`;
}

/** Entries of `provider` created before `offenceAt`, with their values now. */
async function entriesBefore(r: Real, provider: string, offenceAt: bigint): Promise<[Signer, bigint, bigint][]> {
  const kept: [Signer, bigint, bigint][] = [];
  for (const a of r.actors) {
    const list = await r.sys.staking.unbondingsOf(a.address);
    for (let i = 0; i < list.length; i++) {
      if (list[i].provider === provider && list[i].createdAt < offenceAt) {
        kept.push([a, BigInt(i), await r.sys.staking.unbondingValue(a.address, i)]);
      }
    }
  }
  return kept;
}

async function expectKept(r: Real, kept: [Signer, bigint, bigint][]): Promise<void> {
  for (const [a, i, v] of kept) {
    expect(await r.sys.staking.unbondingValue(a.address, i), INVARIANTS.STK_UNBOND_BEFORE_OFFENCE).to.equal(v);
  }
}

/**
 * A whole case at once: `who` unbonds `pct`% of its stake in the pool at t1, the offence is at t1 + `gap`
 * (seconds; 0 puts the entry at the offence, so it stays slashable), then the case opens, a slash of `bps` of
 * the snapshot is proposed, and it is finalized after the appeal window.
 */
class SlashNowCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly provider: number,
    readonly who: number,
    readonly pct: number,
    readonly gap: number,
    readonly bps: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const s = r.sys.staking;
    const p = r.providers[this.provider % r.providers.length];
    const a = r.actors[this.who % r.actors.length];
    // Give the actor stake to unbond (frozen while the pool has open cases; then only existing stake unbonds).
    if ((await s.poolOf(p.address)).openCases === 0n) {
      await attempt(
        a.address === p.address
          ? s.connect(a).stake(1_000n * QUIV)
          : s.connect(a).delegateStake(p.address, 1_000n * QUIV),
      );
    }
    const t1 = BigInt(await time.latest()) + 1n;
    await time.setNextBlockTimestamp(t1);
    const have = await s.stakeOf(p.address, a.address);
    await attempt(s.connect(a).unbond(p.address, (have * BigInt(this.pct)) / 100n));
    const offenceAt = t1 + BigInt(this.gap);
    await time.increaseTo(offenceAt + 1n);
    const [id] = await s.connect(r.sys.slasher).openSlashCase.staticCall(p.address, offenceAt);
    await s.connect(r.sys.slasher).openSlashCase(p.address, offenceAt);
    m.cases.push(id);
    const c = await s.slashCase(id);
    await attempt(
      s.connect(r.sys.slasher).proposeSlash(id, (c.snapshotStake * this.bps) / 10_000n, r.sys.challenger.address),
    );
    await time.increase(3n * DAY);
    const kept = await entriesBefore(r, p.address, c.offenceAt);
    await attempt(s.finalizeSlash(id));
    await expectKept(r, kept);
    await checkAll(r);
  }
  toString = () => `slashNow(${this.provider}, ${this.who} unbonds ${this.pct}%, +${this.gap}s, ${this.bps})`;
}

/** STK_QUEUE_NO_SNIPE: a fresh stake and a distribution in one block gain at most 1 wei (SEC-07). */
class SnipeCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly provider: number,
    readonly amount: bigint,
  ) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    const s = r.sys.staking;
    const p = r.providers[this.provider % r.providers.length];
    const sniper = r.sys.stranger;
    if ((await s.sharesOf(p.address, sniper.address)) !== 0n) return;
    if ((await s.poolOf(p.address)).openCases !== 0n) return;
    const before = await s.pendingRewards(p.address, sniper.address);
    await network.provider.send("evm_setAutomine", [false]);
    try {
      await s.connect(sniper).delegateStake(p.address, this.amount, { gasLimit: 2_000_000 });
      await s.connect(r.sys.treasury).distributeRewards(1n, { gasLimit: 2_000_000 });
      await network.provider.send("evm_mine", []);
    } finally {
      await network.provider.send("evm_setAutomine", [true]);
    }
    const gained = (await s.pendingRewards(p.address, sniper.address)) - before;
    expect(gained <= 1n, INVARIANTS.STK_QUEUE_NO_SNIPE).to.equal(true);
    await checkAll(r);
  }
  toString = () => `snipe(${this.provider}, ${this.amount})`;
}

class CaseCmd implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly pick: number,
    readonly action: number,
    readonly bps: bigint,
  ) {}
  check = (m: Readonly<Model>) => m.cases.length > 0;
  async run(m: Model, r: Real) {
    const id = m.cases[this.pick % m.cases.length];
    const s = r.sys.staking;
    if (this.action === 0) {
      const c = await s.slashCase(id);
      await attempt(
        s.connect(r.sys.slasher).proposeSlash(id, (c.snapshotStake * this.bps) / 10_000n, r.sys.challenger.address),
      );
    } else if (this.action === 1) {
      // STK_UNBOND_BEFORE_OFFENCE: entries created before the case's offence keep their value to the wei.
      const c = await s.slashCase(id);
      const kept = await entriesBefore(r, c.provider, c.offenceAt);
      await attempt(s.finalizeSlash(id));
      await expectKept(r, kept);
    } else if (this.action === 2) await attempt(s.connect(r.sys.deployer).overturnSlash(id));
    else await attempt(s.connect(r.sys.slasher).closeSlashCase(id));
    await checkAll(r);
  }
  toString = () => `case(${this.pick}, ${["propose", "finalize", "overturn", "close"][this.action]}, ${this.bps})`;
}

/** X-GLOB-02: settle every case, everyone unbonds, waits, withdraws and claims. */
async function everyoneExits(m: Model, r: Real) {
  const s = r.sys.staking;
  for (const id of m.cases) {
    const st = Number(await s.caseState(id));
    if (st === 1) await s.connect(r.sys.slasher).closeSlashCase(id);
    if (st === 2) await s.connect(r.sys.deployer).overturnSlash(id);
    if (st === 3) await s.finalizeSlash(id);
  }
  // Burned shares round up, so an exit leaves its rounding wei in the pool, and that wei raises the value of
  // the positions that exited before it (a position of 0 can become 1 wei). A second pass takes it; a third
  // must find nothing, or the dust is not bounded.
  for (let pass = 0; pass < 3; pass++) {
    let moved = false;
    for (const a of r.actors) {
      for (const p of r.providers) {
        const have = await s.stakeOf(p.address, a.address);
        if (have > 0n) {
          expect(pass < 2, INVARIANTS.STK_EXIT).to.equal(true);
          if (pass > 0) expect(have, INVARIANTS.STK_EXIT).to.equal(1n);
          moved = true;
          while ((await s.unbondingsOf(a.address)).length >= 16) {
            await time.increase(15n * DAY);
            await s.connect(a).withdraw(0n);
          }
          await s.connect(a).unbond(p.address, have);
        }
      }
    }
    if (!moved) break;
  }
  await time.increase(15n * DAY);
  for (const a of r.actors) {
    while ((await s.unbondingsOf(a.address)).length > 0) await s.connect(a).withdraw(0n);
    for (const p of r.providers) {
      if ((await s.pendingRewards(p.address, a.address)) > 0n) await s.connect(a).claimRewards(p.address);
    }
  }
  await checkAll(r);
  const [bonded, unbonding, owed] = await s.totals();
  expect(bonded + unbonding + owed < QUIV, INVARIANTS.STK_EXIT).to.equal(true);
  for (const p of r.providers) {
    for (const a of r.actors) expect(await s.stakeOf(p.address, a.address), INVARIANTS.STK_EXIT).to.equal(0n);
  }
}

describe("ProviderStaking invariants (fast-check)", () => {
  async function fixture() {
    const sys = await deployStaking();
    // The sniper of STK_QUEUE_NO_SNIPE (also an ordinary actor).
    await sys.quiv.connect(sys.team).transfer(sys.stranger.address, 1_000_000n * QUIV);
    await sys.quiv.connect(sys.stranger).approve(await sys.staking.getAddress(), ethers.MaxUint256);
    await sys.staking.connect(sys.alice).registerProvider(1_000n);
    await sys.staking.connect(sys.bob).registerProvider(3_000n);
    await sys.quiv.connect(sys.treasury).approve(await sys.staking.getAddress(), ethers.MaxUint256);
    return sys;
  }

  it("canary: the checker fails on an unaccounted donation (STK_SOLVENCY is exact)", async () => {
    const sys = await loadFixture(fixture);
    const real: Real = {
      sys,
      actors: [sys.alice, sys.bob, sys.carol, sys.dave, sys.stranger],
      providers: [sys.alice, sys.bob],
    };
    await sys.staking.connect(sys.alice).stake(1_000n * QUIV);
    await checkAll(real);
    await sys.quiv.connect(sys.carol).transfer(await sys.staking.getAddress(), 1n);
    await expect(checkAll(real)).to.be.rejectedWith(INVARIANTS.STK_SOLVENCY);
  });

  it("holds STK_* after random stake, delegate, unbond, withdraw, claim, reward, snipe, slash and time jumps", async () => {
    const amount = fc.oneof(fc.bigInt({ min: 0n, max: 2n * QUIV }), fc.bigInt({ min: QUIV, max: 300_000n * QUIV }));
    const cmds = [
      fc.tuple(fc.nat(3), fc.nat(1), amount).map(([w, p, a]) => new StakeCmd(w, p, a)),
      fc.tuple(fc.nat(3), fc.nat(1), fc.integer({ min: 0, max: 100 })).map(([w, p, x]) => new UnbondCmd(w, p, x)),
      fc.nat(3).map((w) => new WithdrawCmd(w)),
      fc.tuple(fc.nat(3), fc.nat(1)).map(([w, p]) => new ClaimCmd(w, p)),
      fc.bigInt({ min: 0n, max: 10_000n * QUIV }).map((a) => new RewardCmd(a)),
      fc.integer({ min: 1, max: 20 * 86_400 }).map((s) => new WarpCmd(s)),
      fc
        .tuple(fc.nat(1), fc.oneof(fc.integer({ min: 0, max: 3_600 }), fc.integer({ min: 0, max: 20 * 86_400 })))
        .map(([p, age]) => new OpenCaseCmd(p, age)),
      fc.tuple(fc.nat(1), fc.bigInt({ min: QUIV, max: 100_000n * QUIV })).map(([p, a]) => new SnipeCmd(p, a)),
      fc
        .tuple(
          fc.nat(1),
          fc.nat(3),
          fc.integer({ min: 1, max: 100 }),
          fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 86_400 })),
          fc.bigInt({ min: 1n, max: 5_000n }),
        )
        .map(([p, w, x, gap, b]) => new SlashNowCmd(p, w, x, gap, b)),
      fc
        .tuple(fc.nat(5), fc.integer({ min: 0, max: 3 }), fc.bigInt({ min: 1n, max: 5_001n }))
        .map(([i, a, b]) => new CaseCmd(i, a, b)),
    ];
    await runModel({
      commands: cmds,
      defaults: { runs: 20, cmds: 30 },
      size: "xlarge",
      setup: async () => {
        const sys = await loadFixture(fixture);
        const real: Real = {
          sys,
          actors: [sys.alice, sys.bob, sys.carol, sys.dave, sys.stranger],
          providers: [sys.alice, sys.bob],
        };
        const model: Model = { cases: [] };
        return { model, real };
      },
      onSequence: (c) => {
        if (process.env.FC_STATS) console.log(String(c));
      },
      exit: everyoneExits,
    });
    if (process.env.FC_STATS) console.log(stats);
  });
});
