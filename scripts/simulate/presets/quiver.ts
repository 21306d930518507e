/**
 * QUIVer agents (scripts/simulate/populations/quiver.json):
 * - consumers: each day a sampled subset posts jobs (size class 1, max price = maxPriceFactor x the oracle's
 *   reference price, tier >= 1), waits the bid and reveal windows, accepts the lowest revealed bid, confirms.
 * - providers: register with 10% commission and bond `providerStakeQuiv`; on a job they are sampled for they
 *   commit a sealed bid at reference x U(priceJitter), never below `providerCostQuiv` (what serving a job costs
 *   them off chain; no bid where the job's maximum is below it) nor above the job's maximum, reveal it, and submit
 *   an output hash when accepted.
 * - stakers: delegate `stakerStakeQuiv` to a random provider on day 1 (mass-exit: all unbond on day days/2).
 * - anyone triggers the emission epoch when it is triggerable; fees are flushed once a day.
 * - attacker: a consumer and a provider wallet of one owner run wash jobs against each other every day;
 *   a control provider with the same stake does nothing. Profit = (attacker pair's QUIV: balances + stake +
 *   pending rewards, change since day 0) - (the control's change): what the wash jobs earned beyond plain staking.
 * - keeper: account #0 pokes the pricing oracle at the start of every day (once its update interval has passed),
 *   so the network fee and the reference price follow the congestion of the day before.
 * - fee attacker (against the network fee): one owner with a consumer wallet and a registered provider wallet (same
 *   stake as an honest provider; the provider is one of the honest bidders too, so it gains from the prices and fees
 *   it moves). Only in the fee-attack scenarios; each day, for each honest job, `feeAttack.postsPerHonestJob` jobs of
 *   its own with a sealed bid from its own provider, revealed (the paid variant's price is the reference price, the
 *   others' 1 wei), then:
 *   - down: cancelled (a revealed bid used to be supply for the oracle, so congestion and with it the fee and the
 *     reference price fell). Cost: nothing in QUIV.
 *   - up: accepted (1 wei in escrow; an accepted job used to be demand) and left to expire (the provider never
 *     submits), refunded in full by `refundExpired`. Cost: nothing in QUIV (1 wei locked for two days per job).
 *   - paid: accepted, served and confirmed at the reference price, the cheapest way left to add demand since the oracle
 *     counts a job when it settles, weighted by its price over the reference price. Cost: the fee legs (the treasury
 *     and burn shares, and the network share less what its own stake earns back). It stops once the network fee is
 *     at its maximum (`quiver.pricing.maxFeeBps`) and harvests: the fee falls only when congestion drops below
 *     `quiver.pricing.congestionLowBps`, so it may stay up long after the attack.
 *   - bids: no jobs of its own to move the oracle; it is a buyer (its consumer buys the day's first job, in both
 *     passes) and its provider also bids the maximum price on every market job it was not drawn for: more supply
 *     would lower the reference price and with it the bids the buyer pays (providers bid around it). Such losing
 *     bids cost nothing and counted as supply until SIM-02; only bids at or below the reference price count now.
 *   - bids-ref: as bids, at the reference price (the highest bid that still counts). Its bids win once the price
 *     falls below what the others ask, and serving a market job costs its provider `providerCostQuiv` (charged to
 *     its profit in both passes).
 *   Since the fix of the first two (a refunded or cancelled job reports nothing), they move nothing and measure 0.
 *   Profit: the attacker's QUIV (both balances, the provider's stake and pending rewards, its 1-wei escrows, less
 *   `providerCostQuiv` for each market job its provider served) minus the
 *   same wallets' QUIV in a counterfactual pass of the same run without the manipulation (same seed and draws; the
 *   engine runs it first in setup from a chain snapshot and reverts), so every channel counts: fees, burns, prices,
 *   staking rewards, deposits. Gas (ETH) is out of scope.
 * A day's independent transactions go through `ctx.batch`, one block per step (refunds; approvals; delegations or
 * exits; posts; commits; reveals; approvals with the cancels; accepts; submissions; confirmations), with the
 * seeded draws in the order of the one-by-one loop they replace (the series are byte-identical to it).
 */
import { id } from "ethers";
import type { Wallet } from "ethers";
import { parseAmount } from "../../../sdk/kit/core";
import { addressOf, readParameter, readTokenInfo } from "../../../sdk/kit/chain";
import { buildApprove, buildTransfer, ensureAllowance, MemorySaltStore, newSalt, send } from "../../../sdk/kit/tx";
import { eventArgs } from "../../../sdk/kit/chain/events";
import {
  bidCommitment,
  bidKey,
  buildAccept,
  buildCommitBid,
  buildPost,
  buildRevealBid,
  MARKET_ABI,
  buildPoke,
  buildDelegateStake,
  buildFlushFees,
  buildJobAction,
  buildRegisterProvider,
  buildStake,
  buildSubmit,
  buildUnbond,
  connectQuiver,
  QUIVER_PARAMETERS,
  readEmissionStatus,
  readJob,
  readNetworkFee,
  readPriceQuote,
  readStakePosition,
  readStakingTotals,
  triggerEpoch,
  type QuiverContracts,
} from "../../../sdk/quiver";
import { CHECKS, type Row } from "../checks";
import { attempt, DAY, item, sendBatch, tokens, type BatchItem, type PresetSim, type SimContext } from "../engine";

interface Pop {
  shares: { consumers: number; providers: number; stakers: number };
  consumerFundingQuiv: number;
  providerStakeQuiv: number;
  stakerStakeQuiv: number;
  jobsPerConsumerPerDay: number;
  bidsPerJob: number;
  priceJitter: [number, number];
  /** What serving one job costs a provider off chain (QUIV): no provider bids below it. */
  providerCostQuiv: number;
  maxPriceFactor: number;
  attacker: { washJobsPerDay: number; stakeQuiv: number; fundingQuiv: number };
  feeAttack: { postsPerHonestJob: number };
}

type FeeAttackMode = "down" | "up" | "paid" | "bids" | "bids-ref";

interface State {
  q: QuiverContracts;
  pop: Pop;
  consumers: Wallet[];
  providers: Wallet[];
  stakers: { w: Wallet; provider: string; bonded: boolean }[];
  attacker: { consumer: Wallet; provider: Wallet; control: Wallet };
  feeAttacker: { consumer: Wallet; provider: Wallet };
  /** `quiver.pricing.maxFeeBps`: the paid fee attack stops there. */
  maxFeeBps: bigint;
  /** The fee attack of this run (undefined: none, or the counterfactual pass). */
  manipulate: FeeAttackMode | undefined;
  /**
   * Per day of the counterfactual pass: the fee attacker's holdings, the network fee, the reference price and the
   * market jobs its provider had served.
   */
  counterfactual: { market: bigint; staking: bigint; feeBps: number; referencePrice: number; served: number }[];
  recording: boolean;
  /** The fee attacker's accepted 1-wei jobs (up) not refunded yet: 1 wei each in escrow. */
  pump: { jobId: bigint; price: bigint }[];
  feeAttack: {
    posts: number;
    revealed: number;
    cancelled: number;
    accepted: number;
    refunded: number;
    settled: number;
    extraBids: number;
  };
  stores: Map<string, MemorySaltStore>;
  base: { attacker: bigint; control: bigint };
  prev: { minted: bigint; burned: bigint };
  jobsSettled: number;
  failures: number;
  /** Market jobs (not its own) the fee attacker's provider served: each cost it `providerCostQuiv` off chain. */
  faServed: number;
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

/**
 * The fee attacker's QUIV: the wallets' balances with its jobs' escrow, less what serving market jobs cost its provider
 * off chain (`market`), and its provider's own stake with its pending rewards (`staking`).
 */
async function feeAttackerHoldings(s: State): Promise<{ market: bigint; staking: bigint }> {
  const { consumer, provider } = s.feeAttacker;
  const total = await holdings(s, [consumer, provider], provider);
  const staking = await holdings(s, [], provider);
  const serving = BigInt(s.faServed) * parseAmount(String(s.pop.providerCostQuiv));
  return { market: total - staking + s.pump.reduce((a, p) => a + p.price, 0n) - serving, staking };
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
  /** One of the fee attacker's own jobs (posted to move the oracle), not a market purchase. */
  own: boolean;
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
    "fee-attack-down": {
      name: "fee-attack-down",
      description:
        "the fee attacker posts jobs, reveals 1-wei bids of its own provider on them and cancels them (free supply; moves nothing since bids count only on settled jobs)",
      demand: () => 1,
      feeAttack: "down",
    },
    "fee-attack-up": {
      name: "fee-attack-up",
      description:
        "the fee attacker posts jobs, reveals 1-wei bids of its own provider, accepts them and lets them expire (free demand; moves nothing since demand counts only settled jobs)",
      demand: () => 1,
      feeAttack: "up",
    },
    "fee-attack-paid": {
      name: "fee-attack-paid",
      description:
        "the fee attacker serves its own jobs at the reference price and confirms them until the fee is at its maximum, then stops and harvests (demand up: fee and price up; it pays the fee legs)",
      demand: () => 1,
      feeAttack: "paid",
    },
    "fee-attack-bids": {
      name: "fee-attack-bids",
      description:
        "the fee attacker buys a job a day, and its provider bids the maximum price on every market job it was not drawn for (free losing bids; moves nothing since only bids at or below the reference price are supply)",
      demand: () => 1,
      feeAttack: "bids",
    },
    "fee-attack-bids-ref": {
      name: "fee-attack-bids-ref",
      description:
        "the fee attacker buys a job a day, and its provider bids the reference price on every market job it was not drawn for (more supply: the reference price, and the bids the buyer pays, fall; its bids win once the price is below the others' asks)",
      demand: () => 1,
      feeAttack: "bids-ref",
    },
  },
  charts: [
    { title: "QUIV supply, minted and cap (QUIV)", columns: ["supply", "minted", "cap"] },
    { title: "Emission per day vs schedule preview (QUIV)", columns: ["emittedToday", "schedulePreview"] },
    { title: "Burned (cumulative, QUIV)", columns: ["burned"] },
    { title: "Staking ratio (bonded / supply)", columns: ["stakingRatio"] },
    { title: "Network fee with and without the fee attack (bps)", columns: ["networkFeeBps", "cfNetworkFeeBps"] },
    {
      title: "Reference price with and without the fee attack (QUIV)",
      columns: ["referencePrice", "cfReferencePrice"],
    },
    { title: "Congestion (bps)", columns: ["congestionBps"] },
    { title: "Treasury balance (QUIV)", columns: ["treasury"] },
    { title: "Jobs settled per day", columns: ["jobsSettled", "jobsPosted"] },
    { title: "Attacker profit vs control (QUIV)", columns: ["attackerProfit"] },
    {
      title: "Fee attacker profit vs the counterfactual run (QUIV): total, from jobs, from staking rewards",
      columns: ["feeAttackerProfit", "feeAttackerMarketProfit", "feeAttackerStakingProfit"],
    },
  ],
  checks: [CHECKS.quivMintedUnderCap, CHECKS.attackerProfit, CHECKS.feeAttackerProfit],
  walletsFor: (agents, pop) => {
    const c = counts(agents, pop as unknown as Pop);
    return c.consumers + c.providers + c.stakers + 5;
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
      feeAttacker: { consumer: w[3], provider: w[4] },
      manipulate: undefined,
      maxFeeBps: 0n,
      counterfactual: [],
      recording: false,
      pump: [],
      feeAttack: { posts: 0, revealed: 0, cancelled: 0, accepted: 0, refunded: 0, settled: 0, extraBids: 0 },
      stores: new Map(),
      base: { attacker: 0n, control: 0n },
      prev: { minted: 0n, burned: 0n },
      jobsSettled: 0,
      failures: 0,
      faServed: 0,
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
    // The fee attacker's provider is one of the honest bidders too (in every scenario; it manipulates in two).
    await fund(s.feeAttacker.consumer.address, pop.consumerFundingQuiv);
    await fund(s.feeAttacker.provider.address, pop.providerStakeQuiv * 2);
    await registerProvider(ctx, s, s.feeAttacker.provider, parseAmount(String(pop.providerStakeQuiv)));
    s.providers.push(s.feeAttacker.provider);
    for (const x of [...s.providers, s.attacker.provider]) s.stores.set(x.address, new MemorySaltStore());
    s.base.attacker = await holdings(s, [s.attacker.consumer, s.attacker.provider], s.attacker.provider);
    s.base.control = await holdings(s, [s.attacker.control], s.attacker.control);
    const info = await readTokenInfo(s.q.quiv);
    s.prev = { minted: info.totalMinted, burned: info.totalBurned };
    s.maxFeeBps = (await readParameter(s.q.registry, "quiver.pricing.maxFeeBps", QUIVER_PARAMETERS)).value;
    const mode = ctx.scenario.feeAttack as FeeAttackMode | undefined;
    if (mode) await counterfactualPass(ctx, s);
    s.manipulate = mode;
    return s;
  },
  async day(ctx, s, day) {
    const { rng, book } = ctx;
    const market = addressOf(book, "marketplace");
    const oracle = addressOf(book, "oracle");
    const staking = addressOf(book, "staking");
    const quiv = addressOf(book, "quiv");
    const start = await ctx.now();
    const fa = s.feeAttacker;
    // Keeper: the oracle's update (the congestion of the day before moves the fee and the reference price).
    const fee0 = await readNetworkFee(s.q.oracle);
    if (BigInt(start) >= fee0.nextUpdateAt) await attempt(ctx, () => send(ctx.accounts[0], buildPoke(oracle)));
    // Fee attacker (up): its expired jobs are refunded in full (anyone may call refundExpired; it does), one block.
    if (s.manipulate === "up") {
      const due: State["pump"] = [];
      const left: State["pump"] = [];
      for (const p of s.pump) ((await readJob(s.q.marketplace, p.jobId)).state === "Expired" ? due : left).push(p);
      const r = await ctx.batch(due.map((p) => item(fa.consumer, buildJobAction(market, "refundExpired", p.jobId))));
      due.forEach((p, i) => (r[i] instanceof Error ? left.push(p) : s.feeAttack.refunded++));
      s.pump = left;
    }
    // Stakers: delegate on day 1 (the approvals in one block, the delegations in the next); mass exit unbonds
    // everyone on day days/2 (one block).
    const stakeAmount = parseAmount(String(s.pop.stakerStakeQuiv));
    const delegating = day === 1 ? s.stakers.filter((st) => !st.bonded) : [];
    for (const st of delegating) st.provider = rng.pick(s.providers).address;
    const approvals: BatchItem[] = [];
    for (const st of delegating)
      if ((await s.q.quiv.allowance(st.w.address, staking)) < stakeAmount)
        approvals.push(item(st.w, buildApprove(quiv, staking, stakeAmount)));
    await ctx.batch(approvals);
    const delegated = await ctx.batch(
      delegating.map((st) => item(st.w, buildDelegateStake(staking, st.provider, stakeAmount))),
    );
    delegating.forEach((st, i) => (st.bonded = !(delegated[i] instanceof Error)));
    if (ctx.scenario.massExit && day === Math.floor(ctx.days / 2)) {
      const leaving = s.stakers.filter((st) => st.bonded);
      const exits: BatchItem[] = [];
      for (const st of leaving) {
        const pos = await readStakePosition(s.q.staking, st.provider, st.w.address);
        exits.push(item(st.w, buildUnbond(staking, st.provider, pos.stake)));
      }
      const r = await ctx.batch(exits);
      leaving.forEach((st, i) => {
        if (!(r[i] instanceof Error)) st.bonded = false;
      });
    }
    // Consumers post (one block), the sampled providers commit their sealed bids (the next block).
    const demand = ctx.scenario.demand?.(day, ctx.days) ?? 1;
    const nJobs = Math.round(s.consumers.length * s.pop.jobsPerConsumerPerDay * demand);
    const quote = await readPriceQuote(s.q.oracle, 1);
    const ref = quote.referencePrice;
    const maxPrice = (ref * BigInt(Math.round(s.pop.maxPriceFactor * 100))) / 100n;
    const cost = parseAmount(String(s.pop.providerCostQuiv));
    const now = BigInt(await ctx.now());
    const request0 = {
      modelHash: id("llama-3-8b"),
      inputHash: id(`job ${day}`),
      maxPrice,
      bidDeadline: now + 3_600n,
      completionDeadline: now + 3n * 3_600n + BigInt(DAY),
      minTier: 1,
      sizeClass: 1,
    };
    // The draws in the order of the unbatched loop: consumer, bidders, input, then each bidder's price.
    const planned: Array<{ consumer: Wallet; request: typeof request0; bids: { w: Wallet; price: bigint }[] }> = [];
    const plan = (consumer: Wallet, bidders: Wallet[]) => {
      const request = { ...request0, inputHash: id(`job ${day} ${rng.next()}`) };
      // A provider never asks less than its cost: where the job's maximum is below it, it does not bid (the draw
      // is still made, so the stream stays the same).
      const bids = bidders
        .map((w) => {
          const f = s.pop.priceJitter[0] + rng.next() * (s.pop.priceJitter[1] - s.pop.priceJitter[0]);
          let price = (ref * BigInt(Math.round(f * 10_000))) / 10_000n;
          if (price < cost) price = cost;
          if (price > maxPrice) price = maxPrice;
          if (price === 0n) price = 1n;
          return { w, price };
        })
        .filter((b) => b.price >= cost);
      planned.push({ consumer, request, bids });
    };
    // In fee-attack-bids (both passes), the fee attacker's consumer buys the day's first job in place of the drawn
    // consumer (the draw is still made): the buyer the lower reference price, and with it the bids, would pay.
    const buyer = ctx.scenario.feeAttack === "bids" || ctx.scenario.feeAttack === "bids-ref";
    for (let i = 0; i < nJobs; i++) {
      const consumer = rng.pick(s.consumers);
      plan(buyer && i === 0 ? fa.consumer : consumer, rng.sample(s.providers, s.pop.bidsPerJob));
    }
    for (let i = 0; i < s.pop.attacker.washJobsPerDay; i++) plan(s.attacker.consumer, [s.attacker.provider]);
    // Fee attacker: its own jobs with a 1-wei bid of its own provider (no draw from the seeded stream, so the
    // counterfactual pass sees the same honest market).
    const harvesting = s.manipulate === "paid" && (await readNetworkFee(s.q.oracle)).networkFeeBps >= s.maxFeeBps;
    const k =
      s.manipulate && !s.manipulate.startsWith("bids") && !harvesting
        ? Math.ceil(nJobs * s.pop.feeAttack.postsPerHonestJob)
        : 0;
    const ownPrice = s.manipulate === "paid" ? ref : 1n;
    for (let i = 0; i < k; i++)
      planned.push({
        consumer: fa.consumer,
        request: { ...request0, inputHash: id(`fee attack ${day} ${i}`) },
        bids: [{ w: fa.provider, price: ownPrice }],
      });
    // Fee attacker (bids, bids-ref): a bid at the maximum resp. the reference price on every market job it was not
    // drawn for (its own purchase too).
    const extraBids = new Set<{ w: Wallet; price: bigint }>();
    if (s.manipulate === "bids" || s.manipulate === "bids-ref")
      for (const x of planned.slice(0, nJobs))
        if (!x.bids.some((b) => b.w === fa.provider)) {
          const bid = { w: fa.provider, price: s.manipulate === "bids" ? maxPrice : ref };
          x.bids.push(bid);
          extraBids.add(bid);
        }
    const honest = planned.length - k;
    const posted = await ctx.batch(planned.map((x) => item(x.consumer, buildPost(market, x.request))));
    const pending: Pending[] = [];
    const own: Pending[] = [];
    const commits: BatchItem[] = [];
    const committing: Array<{ p: Pending; bid: { w: Wallet; price: bigint } }> = [];
    posted.forEach((r, i) => {
      if (r instanceof Error) {
        if (i < honest) s.failures++;
        return;
      }
      const jobId = eventArgs(r, MARKET_ABI.iface, "JobPosted")[0] as bigint;
      const p: Pending = { consumer: planned[i].consumer, jobId, bidders: [], own: i >= honest };
      if (i < honest) pending.push(p);
      else {
        own.push(p);
        s.feeAttack.posts++;
      }
      for (const bid of planned[i].bids) {
        const salt = newSalt();
        const store = s.stores.get(bid.w.address)!;
        store.set(bidKey(market, jobId, bid.w.address), JSON.stringify({ price: bid.price.toString(), salt }));
        commits.push(item(bid.w, buildCommitBid(market, jobId, bidCommitment(jobId, bid.w.address, bid.price, salt))));
        committing.push({ p, bid });
      }
    });
    const committed = await ctx.batch(commits);
    committed.forEach((r, i) => {
      if (!(r instanceof Error)) committing[i].p.bidders.push(committing[i].bid);
    });
    // Reveal after the bid window (one block), accept after the reveal window, serve and confirm.
    await ctx.advance(3_601);
    const revealing = [...pending, ...own].flatMap((p) => p.bidders.map((b) => ({ p, b })));
    const revealed = await ctx.batch(
      revealing.map(({ p, b }) => {
        const { price, salt } = JSON.parse(s.stores.get(b.w.address)!.get(bidKey(market, p.jobId, b.w.address))!) as {
          price: string;
          salt: string;
        };
        return item(b.w, buildRevealBid(market, p.jobId, BigInt(price), salt));
      }),
    );
    revealed.forEach((r, i) => {
      if (r instanceof Error) {
        if (!revealing[i].p.own) s.failures++;
      } else if (revealing[i].p.own) s.feeAttack.revealed++;
      else if (extraBids.has(revealing[i].b)) s.feeAttack.extraBids++;
    });
    let reveal = 0n;
    for (const p of [...pending, ...own]) {
      const j = await readJob(s.q.marketplace, p.jobId);
      if (j.revealDeadline > reveal) reveal = j.revealDeadline;
    }
    if (pending.length || own.length) {
      const t = BigInt(await ctx.now());
      if (reveal > t) await ctx.advance(Number(reveal - t));
    }
    // Each consumer approves what its accepts pull (exactly, when its allowance is short), in one block with the
    // fee attacker's cancels (down); then the accepts, the submissions and the confirmations, one block each.
    const awarded = pending
      .filter((p) => p.bidders.length > 0)
      .map((p) => ({ p, best: p.bidders.reduce((a, b) => (b.price < a.price ? b : a)) }));
    const pumping = s.manipulate === "up" || s.manipulate === "paid" ? own.filter((p) => p.bidders.length > 0) : [];
    const need = new Map<Wallet, bigint>();
    for (const { p, best } of awarded) need.set(p.consumer, (need.get(p.consumer) ?? 0n) + best.price);
    if (pumping.length > 0) need.set(fa.consumer, (need.get(fa.consumer) ?? 0n) + BigInt(pumping.length) * ownPrice);
    const step: BatchItem[] = [];
    for (const [w, amount] of need)
      if ((await s.q.quiv.allowance(w.address, market)) < amount)
        step.push(item(w, buildApprove(quiv, market, amount)));
    const cancelling = s.manipulate === "down" ? own : [];
    const firstCancel = step.length;
    for (const p of cancelling) step.push(item(fa.consumer, buildJobAction(market, "cancel", p.jobId)));
    const r0 = await ctx.batch(step);
    r0.slice(firstCancel).forEach((r) => {
      if (!(r instanceof Error)) s.feeAttack.cancelled++;
    });
    const accepted = await ctx.batch([
      ...awarded.map(({ p, best }) => item(p.consumer, buildAccept(market, p.jobId, best.w.address))),
      ...pumping.map((p) => item(fa.consumer, buildAccept(market, p.jobId, fa.provider.address))),
    ]);
    // Its accepted jobs: up leaves them to expire (1 wei each in escrow); paid serves and confirms them below.
    const ownServing: typeof awarded = [];
    pumping.forEach((p, i) => {
      if (accepted[awarded.length + i] instanceof Error) return;
      s.feeAttack.accepted++;
      if (s.manipulate === "up") s.pump.push({ jobId: p.jobId, price: 1n });
      else ownServing.push({ p, best: p.bidders[0] });
    });
    const serving = awarded.filter((_, i) => {
      if (accepted[i] instanceof Error) s.failures++;
      return !(accepted[i] instanceof Error);
    });
    const allServing = [...serving, ...ownServing];
    const submitted = await ctx.batch(
      allServing.map(({ p, best }) => item(best.w, buildSubmit(market, p.jobId, id("out"), id("receipt")))),
    );
    const confirming = allServing.filter((_, i) => !(submitted[i] instanceof Error));
    const confirmed = await ctx.batch(
      confirming.map(({ p }) => item(p.consumer, buildJobAction(market, "confirm", p.jobId))),
    );
    let settled = 0;
    confirmed.forEach((r, i) => {
      if (r instanceof Error) return;
      if (confirming[i].p.own) s.feeAttack.settled++;
      else {
        settled++;
        if (confirming[i].best.w === fa.provider) s.faServed++;
      }
    });
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
    const fee = await readNetworkFee(s.q.oracle);
    const faHoldings = await feeAttackerHoldings(s);
    if (s.recording)
      s.counterfactual.push({
        ...faHoldings,
        feeBps: Number(fee.networkFeeBps),
        referencePrice: tokens((await readPriceQuote(s.q.oracle, 1)).referencePrice),
        served: s.faServed,
      });
    const cf = s.manipulate ? s.counterfactual[day - 1] : undefined;
    const marketProfit = cf ? faHoldings.market - cf.market : 0n;
    const stakingProfit = cf ? faHoldings.staking - cf.staking : 0n;
    const feeProfit = marketProfit + stakingProfit;
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
      networkFeeBps: Number(fee.networkFeeBps),
      cfNetworkFeeBps: cf ? cf.feeBps : Number(fee.networkFeeBps),
      congestionBps: Number(fee.congestionBps),
      referencePrice: tokens(ref),
      cfReferencePrice: cf ? cf.referencePrice : tokens(ref),
      treasury: tokens(await s.q.quiv.balanceOf(addressOf(book, "treasury"))),
      jobsPosted: pending.length,
      jobsSettled: settled,
      demand,
      attackerProfit: tokens(profit),
      feeAttack: s.manipulate ?? "none",
      feeAttackerProfit: tokens(feeProfit),
      feeAttackerProfitWei: feeProfit.toString(),
      feeAttackerMarketProfit: tokens(marketProfit),
      feeAttackerStakingProfit: tokens(stakingProfit),
      feeAttackPosts: s.feeAttack.posts,
      feeAttackBidsRevealed: s.feeAttack.revealed,
      feeAttackJobsSettled: s.feeAttack.settled,
      feeAttackExtraBids: s.feeAttack.extraBids,
      feeAttackerServed: s.faServed,
      cfFeeAttackerServed: cf ? cf.served : s.faServed,
      failedTxs: s.failures,
    };
    s.prev = { minted: info.totalMinted, burned: info.totalBurned };
    return row;
  },
  notes: (s) => [
    `${s.jobsSettled} jobs settled; ${s.failures} agent transactions reverted (counted, the agents carry on).`,
    ...(s.manipulate
      ? [
          `Fee attack (${s.manipulate}): ${s.feeAttack.posts} own jobs posted, ${s.feeAttack.revealed} own bids revealed on them, ${s.feeAttack.cancelled} cancelled, ${s.feeAttack.accepted} accepted (${s.feeAttack.refunded} refunded after expiring, ${s.feeAttack.settled} served and settled); ${s.feeAttack.extraBids} losing bids on honest jobs; profit measured against a counterfactual pass of the same seed without the manipulation; gas (ETH) is out of scope.`,
        ]
      : []),
    "Validators and the governance participant are not simulated yet (disputes and proposals are not driven).",
  ],
};

/**
 * The fee attack's counterfactual: from a snapshot of the chain after setup, runs every day without the manipulation
 * (the same seeded draws; no progress ticks, its reverts tallied apart), records the fee attacker's holdings, the fee
 * and the reference price per day, then reverts the chain and rewinds the stream, so the real run starts from the
 * same state. The real run's profit is its holdings minus these (what the manipulation itself earned).
 */
async function counterfactualPass(ctx: SimContext, s: State): Promise<void> {
  const node = ctx.hre.network.provider;
  const snapshot = await node.request({ method: "evm_snapshot", params: [] });
  const position = ctx.rng.position();
  const kept = {
    stakers: s.stakers.map((x) => ({ ...x })),
    prev: { ...s.prev },
    jobsSettled: s.jobsSettled,
    failures: s.failures,
    faServed: s.faServed,
  };
  const quiet: SimContext = {
    ...ctx,
    tick: () => undefined,
    failures: new Map(),
    batch: (items) => sendBatch(ctx.hre, quiet, items),
  };
  s.manipulate = undefined;
  s.recording = true;
  for (let d = 1; d <= ctx.days; d++) await QUIVER_SIM.day(quiet, s, d);
  s.recording = false;
  if ((await node.request({ method: "evm_revert", params: [snapshot] })) !== true)
    throw new Error("the counterfactual pass could not revert the chain (evm_revert)");
  ctx.rng.restore(position);
  s.stakers = kept.stakers;
  s.prev = kept.prev;
  s.jobsSettled = kept.jobsSettled;
  s.failures = kept.failures;
  s.faServed = kept.faServed;
  s.pump = [];
  for (const k of [...s.stores.keys()]) s.stores.set(k, new MemorySaltStore());
}
