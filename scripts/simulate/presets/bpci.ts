/**
 * BPCI agents (scripts/simulate/populations/bpci.json), part 1 plus the billing meter:
 * - requesters: wrap FLX into wFLX once; a sampled subset each day pays a job (random type, value U(jobValueWflx))
 *   to a random miner, who confirms it.
 * - miners: register with no stake (the NEX bootstrap); claim their NEX of every epoch closed with their work.
 * - the AUR issuer (account #1, who runs the local mock feeds): each day reports the custodian's reserve on the mock
 *   reserve feed (gold-drop: the reserve falls 30% on day days/3; stale-feed: no report for 10 days from
 *   days/3) and the other feeds at their current answers, then mints `mintShareOfMintable` of `maxMintable()` to a
 *   holder; a refused mint is recorded.
 * - FLX usage: demand for FLX is an index that drifts by U(+-usageDriftBps) a day (a random walk from 1.0), and the
 *   usage the feed reports is that demand spread over the supply: usage0 x demand x supply0 / supply. A rebase that
 *   grows the supply therefore lowers the next usage, as a price would (the feedback Ampleforth relies on). An
 *   exogenous usage that ignores the supply would make every day below target contract the supply again, without
 *   end (a first version of this simulator did that: 10M FLX fell to 3,262 in 180 days).
 * - anyone rebases FLX and closes every ended PoE epoch once a day.
 * - attacker: a requester and a miner of one owner run wash jobs against each other (each day the miner hands the
 *   wFLX it was paid back to the requester, so the loop never runs dry). Profit = the pair's wFLX
 *   (balances + the miner's locked reserve) change; the NEX it earned is reported beside it (NEX has no price in the
 *   kit, so it is not in the profit).
 * - banks (./bpciBanks.ts): miners that buy their NEX stake by paying their own desks' jobs, then join the
 *   BankMesh, heartbeat, request, offer, accept, repay (some late, some never) and settle; they propose and vote
 *   (mesh governance), one of them leaves (unbonds and withdraws its stake), and the billing operator bills their
 *   metered use of the mesh, which they pay into the treasury.
 * Blocks (engine `ctx.batch`): the day's independent transactions share a block on the in-process chain: the
 * miners' claims; the issuer's five feed reports; the hand-backs; every payment (approval + submitJob); every
 * confirmJob; and the mesh's steps. The rebase, the epoch closes and the AUR mint (each reads what the one before
 * wrote) are mined alone.
 */
import type { Wallet } from "ethers";
import { parseAmount } from "../../../sdk/kit/core";
import { send } from "../../../sdk/kit/tx";
import { buildApprove, buildTransfer } from "../../../sdk/kit/tx/builders";
import { eventArgs } from "../../../sdk/kit/chain/events";
import { POE_ABI } from "../../../sdk/bpci/chain/contracts";
import { quoteJobFee } from "../../../sdk/bpci/chain/readers";
import { poeFee } from "../../../sdk/bpci/core/poe";
import { connectBpci, type BpciContracts } from "../../../sdk/bpci/chain/contracts";
import { readBpciStatus } from "../../../sdk/bpci/chain/readers";
import {
  buildAurMint,
  buildClaimIssuance,
  buildConfirmJob,
  buildFlxRebase,
  buildRegisterMiner,
  buildSetLocalFeed,
  buildSubmitJob,
  buildWrapFlx,
  closeEpoch,
  submitJob,
} from "../../../sdk/bpci/tx";
import { WFLX_DECIMALS } from "../../../sdk/bpci/core/units";
import { CHECKS, type Row } from "../checks";
import { Rng } from "../rng";
import { bankJobs, bankNotes, banksDay, bankWallets, setupBanks, type BankPop, type BankState } from "./bpciBanks";
import { attempt, DAY, item, tokens, type BatchItem, type PresetSim, type SimContext } from "../engine";

const WAD = 10n ** 18n;
/** Decimals of the local usage feed (deploy/bpci/votes.ts: 1.0 = 1e8). */
const USAGE_DECIMALS = 8;

interface Pop {
  shares: { requesters: number; miners: number };
  requesterFundingFlx: number;
  jobsPerRequesterPerDay: number;
  jobValueWflx: [number, number];
  usageDriftBps: number;
  aur: { mintShareOfMintable: number };
  attacker: { fundingFlx: number; washJobsPerDay: number; valueWflx: number };
  banks?: BankPop;
}

interface State {
  b: BpciContracts;
  pop: Pop;
  requesters: Wallet[];
  miners: Wallet[];
  attacker: { requester: Wallet; miner: Wallet };
  holder: Wallet;
  work: Map<bigint, Set<Wallet>>;
  nexIssued: bigint;
  nexWithheld: bigint;
  attackerNex: bigint;
  base: bigint;
  rebases: number;
  aurMinted: bigint;
  refusedMints: number;
  jobs: number;
  failures: number;
  phiRaw: bigint;
  phiEma: bigint;
  gamma: bigint;
  reserveAnswer: bigint;
  lastReserves: bigint;
  /** FLX demand index (1e18 = the genesis demand), the usage feed's first answer and the genesis supply. */
  demand: bigint;
  usage0: bigint;
  flx0: bigint;
  /** The usage reported today (feed decimals). */
  usage: bigint;
  /** The mesh's banks (absent when the population has none). */
  banks?: BankState;
}

function counts(agents: number, pop: Pop) {
  const m = Math.max(1, Math.round(agents * pop.shares.miners));
  return { miners: m, requesters: Math.max(1, agents - m) };
}

async function attackerWflx(s: State): Promise<bigint> {
  const w = s.b.wflx.target as string;
  const [a, m, [locked]] = await Promise.all([
    s.b.wflx.balanceOf(s.attacker.requester.address),
    s.b.wflx.balanceOf(s.attacker.miner.address),
    s.b.mining.reserveOf(s.attacker.miner.address, w),
  ]);
  return a + m + locked;
}

async function wrapAll(ctx: SimContext, s: State, w: Wallet): Promise<void> {
  const wflx = s.b.wflx.target as string;
  const bal = await s.b.flx.balanceOf(w.address);
  ctx.tick();
  await (await s.b.flx.connect(w).approve(wflx, bal)).wait();
  await attempt(ctx, () => send(w, buildWrapFlx(wflx, bal, w.address)));
}

interface Job {
  requester: Wallet;
  miner: Wallet;
  value: bigint;
  jobType: number;
}

/**
 * Pays and confirms `jobs` in three batches (one block each in process): `pre` (the hand-backs) and every
 * requester's exact approval of what it pays today when its allowance is short and it holds the payments (as
 * `sendWithAllowance` does: no approval for a payment it cannot make, whose submitJob then reverts on its own and
 * is tallied); every submitJob; every job's confirmJob by its miner. `incoming` is what `pre` brings each address.
 * Returns how many were confirmed; records the miners' work per epoch for the claims.
 */
async function payJobs(
  ctx: SimContext,
  s: State,
  jobs: readonly Job[],
  pre: readonly BatchItem[],
  incoming: ReadonlyMap<string, bigint>,
): Promise<number> {
  const mining = s.b.mining.target as string;
  const wflx = s.b.wflx.target as string;
  const registry = s.b.registry.target as string;
  const { feeBps } = await quoteJobFee(s.b.registry, 0n);
  // Each requester's payments today, in order, and what it holds for them; the payments it cannot make.
  const short = new Set<Job>();
  const owners = new Map<string, { w: Wallet; allowance: bigint; balance: bigint; total: bigint }>();
  for (const j of jobs) {
    const total = j.value + poeFee(j.value, feeBps);
    const owner = j.requester.address;
    let o = owners.get(owner);
    if (!o) {
      const [allowance, balance] = await Promise.all([s.b.wflx.allowance(owner, mining), s.b.wflx.balanceOf(owner)]);
      o = { w: j.requester, allowance, balance: balance + (incoming.get(owner) ?? 0n), total: 0n };
      owners.set(owner, o);
    }
    if (o.balance >= o.total + total) o.total += total;
    else short.add(j);
  }
  const approvals = [...owners.values()]
    .filter((o) => o.total > 0n && o.allowance < o.total)
    .map((o) => item(o.w, buildApprove(wflx, mining, o.total)));
  const first = await ctx.batch([...pre, ...approvals]);
  s.failures += first.filter((r) => r instanceof Error).length;
  const payable = jobs.filter((j) => !short.has(j));
  const submitted = await ctx.batch(
    payable.map((j) => item(j.requester, buildSubmitJob(mining, j.miner.address, j.jobType, wflx, j.value))),
  );
  const confirms: BatchItem[] = [];
  const confirmed: Job[] = [];
  const confirm = (j: Job, jobId: bigint) => {
    confirms.push(item(j.miner, buildConfirmJob(mining, jobId)));
    confirmed.push(j);
  };
  payable.forEach((j, i) => {
    const r = submitted[i];
    if (r instanceof Error) return void s.failures++;
    confirm(j, eventArgs(r, POE_ABI.iface, "JobSubmitted").jobId as bigint);
  });
  // A payment the requester cannot make goes through the SDK's submitJob alone (its pre-flight with the allowance
  // reports the real reason, e.g. ERC20InsufficientBalance, and approves nothing).
  for (const j of short) {
    const r = await attempt(ctx, () =>
      submitJob(j.requester, {
        mining,
        registry,
        miner: j.miner.address,
        jobType: j.jobType,
        token: wflx,
        value: j.value,
      }),
    );
    if (r instanceof Error) s.failures++;
    else confirm(j, r.jobId);
  }
  let done = 0;
  (await ctx.batch(confirms)).forEach((r, i) => {
    if (r instanceof Error) return void s.failures++;
    done++;
    const epoch = eventArgs(r, POE_ABI.iface, "JobConfirmed").epoch as bigint;
    const set = s.work.get(epoch) ?? new Set<Wallet>();
    set.add(confirmed[i].miner);
    s.work.set(epoch, set);
  });
  return done;
}

export const BPCI_SIM: PresetSim<State> = {
  name: "bpci",
  scenarios: {
    baseline: { name: "baseline", description: "steady jobs, daily reserve reports" },
    "gold-drop": { name: "gold-drop", description: "the custodian's reserve falls 30% on day days/3", goldDrop: 0.3 },
    "stale-feed": { name: "stale-feed", description: "no reserve report for 10 days from day days/3", staleDays: 10 },
  },
  charts: [
    { title: "Phi (raw, EMA) and Gamma of the last closed epoch", columns: ["phiRaw", "phiEma", "gamma"] },
    { title: "NEX issued and withheld (cumulative)", columns: ["nexIssued", "nexWithheld", "nexSupply"] },
    { title: "FLX supply (rebasing)", columns: ["flxSupply"] },
    { title: "FLX usage reported and demand index (target 1.0)", columns: ["flxUsage", "flxDemand"] },
    { title: "AUR coverage (bps; 10,000 = 100%)", columns: ["aurCoverageBps"] },
    { title: "AUR supply and reserve", columns: ["aurSupply", "aurReserves"] },
    { title: "Jobs per day", columns: ["jobsToday"] },
    { title: "Attacker wFLX profit and NEX earned", columns: ["attackerProfit", "attackerNex"] },
    {
      title: "Mesh loans (cumulative opened, repaid, defaulted; open now)",
      columns: ["loansOpened", "loansRepaid", "loansDefaulted", "loansOpen"],
    },
    { title: "Mesh stake and the banks' NEX balances", columns: ["meshStakeNex", "meshLiquidityNex"] },
    { title: "Bank reputation (bps; 5,000 at joining)", columns: ["bankReputationAvg", "bankReputationMin"] },
    {
      title: "Mesh proposals (open, made, executed, rejected)",
      columns: ["proposalsOpen", "proposalsMade", "proposalsExecuted", "proposalsRejected"],
    },
    {
      title: "A bank leaving: unbonded and withdrawn (NEX)",
      columns: ["unbondedNex", "withdrawnNex", "banksUnbonding"],
    },
    { title: "Billed usage (NEX, cumulative): billed and paid", columns: ["billedNex", "billingPaidNex"] },
  ],
  checks: [
    CHECKS.aurCoverage,
    CHECKS.aurHaltedWhileStale,
    CHECKS.flxUsageInBand,
    CHECKS.attackerProfit,
    CHECKS.meshProposalTally,
    CHECKS.meshUnbondInFull,
    CHECKS.billingToTreasury,
  ],
  walletsFor: (agents, pop) => {
    const c = counts(agents, pop as unknown as Pop);
    return c.miners + c.requesters + 3 + bankWallets((pop as unknown as Pop).banks);
  },
  async setup(ctx, agents) {
    const pop = ctx.population as unknown as Pop;
    const k = counts(agents, pop);
    const w = [...ctx.wallets];
    const b = connectBpci(ctx.book, ctx.provider);
    const s: State = {
      b,
      pop,
      requesters: w.splice(0, k.requesters),
      miners: w.splice(0, k.miners),
      attacker: { requester: w[0], miner: w[1] },
      holder: w[2],
      work: new Map(),
      nexIssued: 0n,
      nexWithheld: 0n,
      attackerNex: 0n,
      base: 0n,
      rebases: 0,
      aurMinted: 0n,
      refusedMints: 0,
      jobs: 0,
      failures: 0,
      phiRaw: 0n,
      phiEma: 0n,
      gamma: 0n,
      reserveAnswer: (await b.feeds.reserve.latestRoundData())[1],
      lastReserves: 0n,
      demand: WAD,
      usage0: (await b.feeds.usage.latestRoundData())[1],
      flx0: await b.flx.totalSupply(),
      usage: 0n,
    };
    s.usage = s.usage0;
    const [, , alice, bob] = ctx.accounts;
    let i = 0;
    const fund = async (to: string, amount: number) => {
      ctx.tick();
      await (await b.flx.connect(i++ % 2 ? bob : alice).transfer(to, parseAmount(String(amount)))).wait();
    };
    for (const r of s.requesters) {
      await fund(r.address, pop.requesterFundingFlx);
      await wrapAll(ctx, s, r);
    }
    await fund(s.attacker.requester.address, pop.attacker.fundingFlx);
    await wrapAll(ctx, s, s.attacker.requester);
    for (const m of [...s.miners, s.attacker.miner])
      await attempt(ctx, () => send(m, buildRegisterMiner(b.minerStaking.target as string, 0n)));
    s.base = await attackerWflx(s);
    if (pop.banks && pop.banks.count > 0) {
      // The banks draw from their own stream, so their parameters do not move the other agents' draws.
      const bs = await setupBanks(ctx, b, pop.banks, w.slice(3), new Rng(ctx.rng.int(1, 2_000_000_000)));
      for (const k of bs.banks) {
        await fund(k.desk.address, pop.banks.deskFundingFlx);
        await wrapAll(ctx, s, k.desk);
        await attempt(ctx, () => send(k.w, buildRegisterMiner(b.minerStaking.target as string, 0n)));
      }
      s.banks = bs;
    }
    return s;
  },
  async day(ctx, s, day) {
    const { rng } = ctx;
    const issuer = ctx.accounts[1];
    const mining = s.b.mining.target as string;
    const wflx = s.b.wflx.target as string;
    const third = Math.floor(ctx.days / 3);
    // A day passes; FLX rebases and every ended epoch closes (yesterday's work), miners claim.
    await ctx.advance(DAY);
    // Rebase FLX, close ended epochs (one after the other: each close reads the last), then the miners' claims of
    // every closed epoch in one batch (independent).
    const rb = await attempt(ctx, () => send(ctx.accounts[0], buildFlxRebase(s.b.flx.target as string)));
    if (!(rb instanceof Error)) s.rebases++;
    const claims: Array<{ miner: Wallet; epoch: bigint }> = [];
    for (;;) {
      const [current, next] = await s.b.mining.epochStatus();
      if (next >= current) break;
      const e = await attempt(ctx, () => closeEpoch(ctx.accounts[0], mining));
      if (e instanceof Error) break;
      s.nexIssued += e.issued;
      s.nexWithheld += e.withheld;
      if (e.work > 0n) [s.phiRaw, s.phiEma, s.gamma] = [e.phiRaw, e.phiEma, e.gamma];
      for (const miner of s.work.get(e.epoch) ?? []) claims.push({ miner, epoch: e.epoch });
      s.work.delete(e.epoch);
    }
    const claimed = await ctx.batch(claims.map((c) => item(c.miner, buildClaimIssuance(mining, c.epoch))));
    claimed.forEach((r, i) => {
      if (r instanceof Error) return void s.failures++;
      if (claims[i].miner === s.attacker.miner) s.attackerNex += eventArgs(r, POE_ABI.iface, "IssuanceClaimed").amount;
    });
    // The issuer's reports on the mock feeds (one batch: independent feeds).
    const drop = Number(ctx.scenario.goldDrop ?? 0);
    if (drop > 0 && day === third)
      s.reserveAnswer = (s.reserveAnswer * BigInt(Math.round((1 - drop) * 10_000))) / 10_000n;
    const staleDays = Number(ctx.scenario.staleDays ?? 0);
    const stale = staleDays > 0 && day >= third && day < third + staleDays;
    const reports: BatchItem[] = [];
    if (!stale) reports.push(item(issuer, buildSetLocalFeed(s.b.feeds.reserve.target as string, s.reserveAnswer)));
    const drift = BigInt(rng.int(-s.pop.usageDriftBps, s.pop.usageDriftBps));
    s.demand += (s.demand * drift) / 10_000n;
    s.usage = (s.usage0 * s.demand * s.flx0) / (WAD * (await s.b.flx.totalSupply()));
    reports.push(item(issuer, buildSetLocalFeed(s.b.feeds.usage.target as string, s.usage)));
    for (const f of [s.b.feeds.liquidity, s.b.feeds.uptime, s.b.feeds.quality]) {
      const [, a] = await f.latestRoundData();
      reports.push(item(issuer, buildSetLocalFeed(f.target as string, a)));
    }
    await ctx.batch(reports);
    // AUR: mint a share of what the guard allows; a refused mint is counted.
    const [status, , mintable] = await s.b.aur.maxMintable();
    const want =
      mintable > 0n
        ? (mintable * BigInt(Math.round(s.pop.aur.mintShareOfMintable * 10_000))) / 10_000n
        : parseAmount("1");
    const supplyBefore = await s.b.aur.totalSupply();
    const m = await attempt(ctx, () =>
      send(issuer, buildAurMint(s.b.aur.target as string, s.holder.address, want > 0n ? want : 1n)),
    );
    if (m instanceof Error) s.refusedMints++;
    const mintedToday = (await s.b.aur.totalSupply()) - supplyBefore;
    s.aurMinted += mintedToday;
    // Jobs, in two blocks: every payment (the exact approval the SDK's submitJob would send when the allowance is
    // short, then submitJob; the wash pair's hand-back first), then every confirmation by its miner.
    const jobs: Job[] = [];
    const k = Math.round(s.requesters.length * s.pop.jobsPerRequesterPerDay);
    for (const req of rng.sample(s.requesters, k)) {
      const v = parseAmount(String(rng.int(s.pop.jobValueWflx[0], s.pop.jobValueWflx[1])), WFLX_DECIMALS);
      jobs.push({ requester: req, miner: rng.pick(s.miners), value: v, jobType: rng.int(0, 9) });
    }
    const pre: BatchItem[] = [];
    // The wash loop: the attacker's miner hands what it was paid back to its requester before the next jobs.
    const paid = await s.b.wflx.balanceOf(s.attacker.miner.address);
    const incoming = new Map<string, bigint>();
    if (paid > 0n) {
      pre.push(item(s.attacker.miner, buildTransfer(wflx, s.attacker.requester.address, paid)));
      incoming.set(s.attacker.requester.address, paid);
    }
    for (let i = 0; i < s.pop.attacker.washJobsPerDay; i++)
      jobs.push({
        requester: s.attacker.requester,
        miner: s.attacker.miner,
        value: parseAmount(String(s.pop.attacker.valueWflx), WFLX_DECIMALS),
        jobType: rng.int(0, 9),
      });
    // The banks' self-mining (their desks' jobs and yesterday's hand-backs) rides in the same blocks.
    if (s.banks) {
      const own = await bankJobs(s.b, s.banks);
      pre.push(...own.pre);
      for (const [a, v] of own.incoming) incoming.set(a, (incoming.get(a) ?? 0n) + v);
      jobs.push(...own.jobs);
    }
    const done = await payJobs(ctx, s, jobs, pre, incoming);
    s.jobs += done;
    const mesh = s.banks ? await banksDay(ctx, s.b, s.banks, day) : {};
    const st = await readBpciStatus(s.b);
    // Coverage uses the reserve the guard read; while the feed is stale, the last reserve it accepted.
    if (st.aur.feedStatus === "Ok") s.lastReserves = st.aur.reserves;
    const reserves = s.lastReserves;
    const row: Row = {
      day,
      phiRaw: tokens(s.phiRaw),
      phiEma: tokens(s.phiEma),
      gamma: tokens(s.gamma),
      nexIssued: tokens(s.nexIssued),
      nexWithheld: tokens(s.nexWithheld),
      nexSupply: tokens(st.supplies.nex),
      flxSupply: tokens(st.supplies.flx),
      wflxSupply: tokens(st.supplies.wflx, WFLX_DECIMALS),
      rebases: s.rebases,
      flxUsage: tokens(s.usage, USAGE_DECIMALS),
      flxDemand: tokens(s.demand),
      aurSupply: tokens(st.supplies.aur),
      aurReserves: tokens(reserves),
      aurCoverageBps: st.supplies.aur === 0n ? 0 : Number((reserves * 10_000n) / st.supplies.aur),
      aurMintedToday: tokens(mintedToday),
      refusedMints: s.refusedMints,
      feedStale: Number(status) !== 0 || stale,
      feedStatus: st.aur.feedStatus,
      jobsToday: done,
      attackerProfit: tokens((await attackerWflx(s)) - s.base, WFLX_DECIMALS),
      attackerNex: tokens(s.attackerNex),
      treasuryGen: tokens(await s.b.gen.balanceOf(s.b.treasury.target as string)),
      failedTxs: s.failures,
      ...mesh,
    };
    return row;
  },
  notes: (s) => [
    `${s.jobs} jobs paid and confirmed, ${s.rebases} FLX rebases, ${s.refusedMints} AUR mints refused by the reserve guard; ${s.failures} other agent transactions reverted.`,
    ...(s.banks ? bankNotes(s.banks) : ["No banks in the population: the mesh is not driven."]),
    "The billing meter is not driven by the agents yet.",
    "The attacker's NEX is reported but not priced into its profit (the kit has no NEX market).",
  ],
};
