/**
 * QUIVer agents (scripts/simulate/populations/quiver.json):
 * - consumers: each day a sampled subset posts jobs (size class 1, max price = maxPriceFactor x the oracle's
 *   reference price, tier >= 1), waits the bid and reveal windows, accepts the lowest revealed bid, confirms.
 * - providers: register with 10% commission and bond `providerStakeQuiv`; on a job they are sampled for they
 *   commit a sealed bid at reference x U(priceJitter), reveal it, and submit an output hash when accepted.
 * - stakers: delegate `stakerStakeQuiv` to a random provider on day 1 (mass-exit: all unbond on day days/2).
 * - anyone triggers the emission epoch when it is triggerable; fees are flushed once a day.
 * - attacker: a consumer and a provider wallet of one owner run wash jobs against each other every day;
 *   a control provider with the same stake does nothing. Profit = (attacker pair's QUIV: balances + stake +
 *   pending rewards, change since day 0) - (the control's change): what the wash jobs earned beyond plain staking.
 */
import { id } from "ethers";
import type { Wallet } from "ethers";
import { parseAmount } from "../../../sdk/kit/core";
import { addressOf, readTokenInfo } from "../../../sdk/kit/chain";
import { buildTransfer, ensureAllowance, MemorySaltStore, send } from "../../../sdk/kit/tx";
import {
  buildAccept,
  buildDelegateStake,
  buildFlushFees,
  buildJobAction,
  buildRegisterProvider,
  buildStake,
  buildSubmit,
  buildUnbond,
  commitBid,
  connectQuiver,
  postJob,
  readEmissionStatus,
  readJob,
  readPriceQuote,
  readStakePosition,
  readStakingTotals,
  revealBid,
  triggerEpoch,
  type QuiverContracts,
} from "../../../sdk/quiver";
import { CHECKS, type Row } from "../checks";
import { attempt, DAY, tokens, type PresetSim, type SimContext } from "../engine";

interface Pop {
  shares: { consumers: number; providers: number; stakers: number };
  consumerFundingQuiv: number;
  providerStakeQuiv: number;
  stakerStakeQuiv: number;
  jobsPerConsumerPerDay: number;
  bidsPerJob: number;
  priceJitter: [number, number];
  maxPriceFactor: number;
  attacker: { washJobsPerDay: number; stakeQuiv: number; fundingQuiv: number };
}

interface State {
  q: QuiverContracts;
  pop: Pop;
  consumers: Wallet[];
  providers: Wallet[];
  stakers: { w: Wallet; provider: string; bonded: boolean }[];
  attacker: { consumer: Wallet; provider: Wallet; control: Wallet };
  stores: Map<string, MemorySaltStore>;
  base: { attacker: bigint; control: bigint };
  prev: { minted: bigint; burned: bigint };
  jobsSettled: number;
  failures: number;
}

function counts(agents: number, pop: Pop) {
  const providers = Math.max(1, Math.round(agents * pop.shares.providers));
  const stakers = Math.max(0, Math.round(agents * pop.shares.stakers));
  const consumers = Math.max(1, agents - providers - stakers);
  return { consumers, providers, stakers };
}

async function holdings(s: State, who: Wallet[], provider: Wallet): Promise<bigint> {
  let t = 0n;
  for (const w of who) t += await s.q.quiv.balanceOf(w.address);
  const p = await readStakePosition(s.q.staking, provider.address, provider.address);
  return t + p.stake + p.pendingRewards;
}

async function registerProvider(ctx: SimContext, s: State, w: Wallet, stake: bigint): Promise<void> {
  const staking = addressOf(ctx.book, "staking");
  await attempt(ctx, () => send(w, buildRegisterProvider(staking, 1_000n)));
  ctx.tick();
  await ensureAllowance(w, addressOf(ctx.book, "quiv"), staking, stake);
  await attempt(ctx, () => send(w, buildStake(staking, stake)));
}

/** One job from post to confirmation; returns whether it settled. */
interface Pending {
  consumer: Wallet;
  jobId: bigint;
  bidders: { w: Wallet; price: bigint }[];
}

export const QUIVER_SIM: PresetSim<State> = {
  name: "quiver",
  scenarios: {
    baseline: { name: "baseline", description: "constant demand", demand: () => 1 },
    "demand-spike": {
      name: "demand-spike",
      description: "demand x3 from day days/3 for 14 days",
      demand: (d, days) => (d >= Math.floor(days / 3) && d < Math.floor(days / 3) + 14 ? 3 : 1),
    },
    "demand-collapse": {
      name: "demand-collapse",
      description: "demand x0.1 from day days/3 on",
      demand: (d, days) => (d >= Math.floor(days / 3) ? 0.1 : 1),
    },
    "mass-exit": {
      name: "mass-exit",
      description: "every staker unbonds on day days/2",
      demand: () => 1,
      massExit: true,
    },
  },
  charts: [
    { title: "QUIV supply, minted and cap (QUIV)", columns: ["supply", "minted", "cap"] },
    { title: "Emission per day vs schedule preview (QUIV)", columns: ["emittedToday", "schedulePreview"] },
    { title: "Burned (cumulative, QUIV)", columns: ["burned"] },
    { title: "Staking ratio (bonded / supply)", columns: ["stakingRatio"] },
    { title: "Fees (bps)", columns: ["networkFeeBps"] },
    { title: "Treasury balance (QUIV)", columns: ["treasury"] },
    { title: "Jobs settled per day", columns: ["jobsSettled", "jobsPosted"] },
    { title: "Attacker profit vs control (QUIV)", columns: ["attackerProfit"] },
  ],
  checks: [CHECKS.quivMintedUnderCap, CHECKS.attackerProfit],
  walletsFor: (agents, pop) => {
    const c = counts(agents, pop as unknown as Pop);
    return c.consumers + c.providers + c.stakers + 3;
  },
  async setup(ctx, agents) {
    const pop = ctx.population as unknown as Pop;
    const c = counts(agents, pop);
    const w = [...ctx.wallets];
    const s: State = {
      q: connectQuiver(ctx.book, ctx.provider),
      pop,
      consumers: w.splice(0, c.consumers),
      providers: w.splice(0, c.providers),
      stakers: w.splice(0, c.stakers).map((x) => ({ w: x, provider: "", bonded: false })),
      attacker: { consumer: w[0], provider: w[1], control: w[2] },
      stores: new Map(),
      base: { attacker: 0n, control: 0n },
      prev: { minted: 0n, burned: 0n },
      jobsSettled: 0,
      failures: 0,
    };
    const ecosystem = ctx.accounts[2];
    const quiv = addressOf(ctx.book, "quiv");
    const fund = async (to: string, amount: number) => {
      ctx.tick();
      await send(ecosystem, buildTransfer(quiv, to, parseAmount(String(amount))));
    };
    for (const x of s.consumers) await fund(x.address, pop.consumerFundingQuiv);
    for (const x of s.providers) {
      await fund(x.address, pop.providerStakeQuiv * 2);
      await registerProvider(ctx, s, x, parseAmount(String(pop.providerStakeQuiv)));
    }
    for (const x of s.stakers) await fund(x.w.address, pop.stakerStakeQuiv);
    await fund(s.attacker.consumer.address, pop.attacker.fundingQuiv);
    for (const p of [s.attacker.provider, s.attacker.control]) {
      await fund(p.address, pop.attacker.stakeQuiv);
      await registerProvider(ctx, s, p, parseAmount(String(pop.attacker.stakeQuiv)));
    }
    for (const x of [...s.providers, s.attacker.provider]) s.stores.set(x.address, new MemorySaltStore());
    s.base.attacker = await holdings(s, [s.attacker.consumer, s.attacker.provider], s.attacker.provider);
    s.base.control = await holdings(s, [s.attacker.control], s.attacker.control);
    const info = await readTokenInfo(s.q.quiv);
    s.prev = { minted: info.totalMinted, burned: info.totalBurned };
    return s;
  },
  async day(ctx, s, day) {
    const { rng, book } = ctx;
    const market = addressOf(book, "marketplace");
    const staking = addressOf(book, "staking");
    const quiv = addressOf(book, "quiv");
    const start = await ctx.now();
    // Stakers: delegate on day 1; mass exit unbonds everyone on day days/2.
    for (const st of s.stakers) {
      if (day === 1 && !st.bonded) {
        st.provider = rng.pick(s.providers).address;
        const amount = parseAmount(String(s.pop.stakerStakeQuiv));
        ctx.tick();
        await ensureAllowance(st.w, quiv, staking, amount);
        const r = await attempt(ctx, () => send(st.w, buildDelegateStake(staking, st.provider, amount)));
        st.bonded = !(r instanceof Error);
      }
      if (ctx.scenario.massExit && day === Math.floor(ctx.days / 2) && st.bonded) {
        const pos = await readStakePosition(s.q.staking, st.provider, st.w.address);
        const r = await attempt(ctx, () => send(st.w, buildUnbond(staking, st.provider, pos.shares)));
        if (!(r instanceof Error)) st.bonded = false;
      }
    }
    // Consumers post.
    const demand = ctx.scenario.demand?.(day, ctx.days) ?? 1;
    const nJobs = Math.round(s.consumers.length * s.pop.jobsPerConsumerPerDay * demand);
    const quote = await readPriceQuote(s.q.oracle, 1);
    const ref = quote.referencePrice;
    const maxPrice = (ref * BigInt(Math.round(s.pop.maxPriceFactor * 100))) / 100n;
    const now = BigInt(await ctx.now());
    const request = () => ({
      modelHash: id("llama-3-8b"),
      inputHash: id(`job ${day} ${rng.next()}`),
      maxPrice,
      bidDeadline: now + 3_600n,
      completionDeadline: now + 3n * 3_600n + BigInt(DAY),
      minTier: 1,
      sizeClass: 1,
    });
    const pending: Pending[] = [];
    const post = async (consumer: Wallet, bidders: Wallet[]) => {
      const r = await attempt(ctx, () => postJob(consumer, market, request()));
      if (r instanceof Error) return void s.failures++;
      const p: Pending = { consumer, jobId: r.jobId, bidders: [] };
      for (const b of bidders) {
        const f = s.pop.priceJitter[0] + rng.next() * (s.pop.priceJitter[1] - s.pop.priceJitter[0]);
        let price = (ref * BigInt(Math.round(f * 10_000))) / 10_000n;
        if (price > maxPrice) price = maxPrice;
        if (price === 0n) price = 1n;
        const c = await attempt(ctx, () => commitBid(b, market, r.jobId, price, s.stores.get(b.address)!));
        if (!(c instanceof Error)) p.bidders.push({ w: b, price });
      }
      pending.push(p);
    };
    for (let i = 0; i < nJobs; i++) await post(rng.pick(s.consumers), rng.sample(s.providers, s.pop.bidsPerJob));
    for (let i = 0; i < s.pop.attacker.washJobsPerDay; i++) await post(s.attacker.consumer, [s.attacker.provider]);
    // Reveal after the bid window, accept after the reveal window, serve and confirm.
    await ctx.advance(3_601);
    for (const p of pending)
      for (const b of p.bidders) {
        const r = await attempt(ctx, () => revealBid(b.w, market, p.jobId, s.stores.get(b.w.address)!));
        if (r instanceof Error) s.failures++;
      }
    let reveal = 0n;
    for (const p of pending) {
      const j = await readJob(s.q.marketplace, p.jobId);
      if (j.revealDeadline > reveal) reveal = j.revealDeadline;
    }
    if (pending.length) {
      const t = BigInt(await ctx.now());
      if (reveal > t) await ctx.advance(Number(reveal - t));
    }
    let settled = 0;
    for (const p of pending) {
      if (p.bidders.length === 0) continue;
      const best = p.bidders.reduce((a, b) => (b.price < a.price ? b : a));
      ctx.tick();
      await ensureAllowance(p.consumer, quiv, market, best.price);
      const a = await attempt(ctx, () => send(p.consumer, buildAccept(market, p.jobId, best.w.address)));
      if (a instanceof Error) {
        s.failures++;
        continue;
      }
      const sub = await attempt(ctx, () => send(best.w, buildSubmit(market, p.jobId, id("out"), id("receipt"))));
      if (sub instanceof Error) continue;
      const c = await attempt(ctx, () => send(p.consumer, buildJobAction(market, "confirm", p.jobId)));
      if (!(c instanceof Error)) settled++;
    }
    s.jobsSettled += settled;
    await attempt(ctx, () => send(ctx.accounts[0], buildFlushFees(market)));
    // Emission.
    const em = await readEmissionStatus(s.q.emission);
    const preview = em.previewEmission;
    let emitted = 0n;
    if (em.triggerable) {
      const r = await attempt(ctx, () => triggerEpoch(ctx.accounts[0], addressOf(book, "emission")));
      if (!(r instanceof Error)) emitted = r.amount;
    }
    // Close the day.
    const elapsed = (await ctx.now()) - start;
    await ctx.advance(Math.max(1, DAY - elapsed));
    // Read the day's state.
    const info = await readTokenInfo(s.q.quiv);
    const totals = await readStakingTotals(s.q.staking);
    const profit =
      (await holdings(s, [s.attacker.consumer, s.attacker.provider], s.attacker.provider)) -
      s.base.attacker -
      ((await holdings(s, [s.attacker.control], s.attacker.control)) - s.base.control);
    const row: Row = {
      day,
      supply: tokens(info.totalSupply),
      minted: tokens(info.totalMinted),
      cap: tokens(info.cap),
      mintedWei: info.totalMinted.toString(),
      capWei: info.cap.toString(),
      emittedToday: tokens(emitted),
      schedulePreview: tokens(preview),
      mintedThisYear: tokens(em.mintedThisYear),
      burned: tokens(info.totalBurned),
      burnedToday: tokens(info.totalBurned - s.prev.burned),
      bonded: tokens(totals.bonded),
      unbonding: tokens(totals.unbonding),
      stakingRatio: Number((totals.bonded * 1_000_000n) / info.totalSupply) / 1_000_000,
      networkFeeBps: Number(await s.q.oracle.networkFeeBps()),
      referencePrice: tokens(ref),
      treasury: tokens(await s.q.quiv.balanceOf(addressOf(book, "treasury"))),
      jobsPosted: pending.length,
      jobsSettled: settled,
      demand,
      attackerProfit: tokens(profit),
      failedTxs: s.failures,
    };
    s.prev = { minted: info.totalMinted, burned: info.totalBurned };
    return row;
  },
  notes: (s) => [
    `${s.jobsSettled} jobs settled; ${s.failures} agent transactions reverted (counted, the agents carry on).`,
    "Validators and the governance participant are not simulated yet (disputes and proposals are not driven).",
  ],
};
