/**
 * BPCI banks on the BankMesh (scripts/simulate/populations/bpci.json, `banks`), driven through the SDK's mesh
 * builders and readers (sdk/bpci/tx/mesh.ts, sdk/bpci/chain/mesh.ts):
 * - where their NEX comes from: NEX is only minted by PoeMining for confirmed work (about 14 NEX a day for the
 *   whole population of the default run, less than one bank's minimum stake of 1,000 NEX in two months). So each
 *   bank is a registered miner with a desk (a requester of the same owner, funded with FLX like the requesters
 *   and wrapped) that pays it one job of `selfMining.valueWflx` a day while the bank holds less than
 *   `selfMining.untilNex` NEX (balance + stake); the bank hands the job's value back to its desk the next day (the
 *   wash pair's loop), so the NEX is bought with the fee legs the pair cannot recover (the owner's and the
 *   treasury's 50% of every fee). No storage write, no impersonation: the NEX is earned and claimed like any
 *   miner's.
 * - once it holds `stakeNex` (at least `bpci.mesh.minStake`) a bank joins with that stake (exact approval), then
 *   sends a heartbeat every day before it acts (`bpci.mesh.heartbeatPeriod` is one hour); a bank whose stake fell
 *   below the minimum (a default claimed from it) tops it up from its balance when it can.
 * - each day an Active bank asks for liquidity with probability `requestProbability`:
 *   U(requestNex) NEX at a maximum rate U(maxRateBps) for U(durationDays) days. Every other Active bank offers
 *   `offerShare` of its free NEX (balance above `reserveNex`; at most the amount asked) at a rate
 *   U(minRate, max) with minRate = `minRateShare` x the maximum. The requester accepts the cheapest offers that
 *   fit the amount; the lenders withdraw the rest the same day.
 * - at acceptance the borrower's conduct is drawn: late with probability `lateProbability` (repays U(lateDays)
 *   days after the due day, while the loan is Overdue), defaulting with probability `defaultProbability` (never
 *   repays), else on time (the day before it is due). A borrower without the NEX owed on its repayment day does
 *   not repay either. The lender claims every loan still open `claimAfterDays` after its due day (the shortfall
 *   from the borrower's stake: a default).
 * - settlements: each day every Active bank, with probability `settlementProbability`, opens a settlement of
 *   U(settlementNex) NEX (from its free NEX) to another member, who confirms it in the next block.
 * - governance (`governance`): every `proposalEveryDays` days a member (in turn) proposes a ParameterChange of
 *   `bpci.mesh.requestWindow` (1 or 2 days; executing it only emits MeshParameterChangeApproved, the registry's
 *   timelock would apply it); every other member votes once on each Active proposal it has not voted on, approving
 *   with probability `approveProbability`; anyone (the proposer) executes it once Passed.
 * - leaving (`leaving`): bank number `bank` leaves: from day `fromDayShare` x days (and at least `minMemberDays`
 *   after it joined) it no longer requests, offers or settles; once it has no open loan it unbonds its whole stake,
 *   and withdraws it when the unbonding (`bpci.mesh.unbondingPeriod`, 14 days) has matured.
 * - billing (`billing`): each day the billing operator (account #1, OPERATOR_ROLE) commits one settlement per
 *   member of its usage of the day (records: heartbeats, settlements opened, liquidity requests, offers; one period
 *   per bank and day; `nexPerUnit` NEX a unit); the next day the bank pays it with probability `payProbability`
 *   when it holds the NEX (approval of exactly the total first), else it expires after `bpci.billing.paymentWindow`.
 * A step's transactions go in one batch (one block in process), after a batch of the NEX approvals they need.
 */
import type { TransactionReceipt, Wallet } from "ethers";
import { parseAmount } from "../../../sdk/kit/core";
import { buildApprove, buildTransfer } from "../../../sdk/kit/tx/builders";
import { eventArgs } from "../../../sdk/kit/chain/events";
import { MESH_ABI, type BpciContracts } from "../../../sdk/bpci/chain/contracts";
import { readMeshParameters, readMeshProposal } from "../../../sdk/bpci/chain/mesh";
import { BILLING_ABI } from "../../../sdk/bpci/chain/contracts";
import { buildBillingCommit, buildBillingPay } from "../../../sdk/bpci/tx/billing";
import { buildBillingTree, type UsageRecord } from "../../../sdk/bpci/core/billing";
import { parameterKey } from "../../../sdk/kit/core";
import {
  buildMeshAccept,
  buildMeshClaim,
  buildMeshExecute,
  buildMeshPropose,
  buildMeshUnbond,
  buildMeshVote,
  buildMeshWithdraw,
  buildMeshConfirm,
  buildMeshHeartbeat,
  buildMeshJoin,
  buildMeshOffer,
  buildMeshRepay,
  buildMeshRequest,
  buildMeshSettle,
  buildMeshStake,
  buildMeshWithdrawOffer,
  quoteMeshRepayment,
} from "../../../sdk/bpci/tx";
import { WFLX_DECIMALS } from "../../../sdk/bpci/core/units";
import { Rng } from "../rng";
import { DAY, item, tokens, type BatchItem, type SimContext } from "../engine";

export interface BankPop {
  count: number;
  deskFundingFlx: number;
  selfMining: { valueWflx: number; untilNex: number };
  stakeNex: number;
  reserveNex: number;
  requestProbability: number;
  requestNex: [number, number];
  maxRateBps: [number, number];
  minRateShare: number;
  durationDays: [number, number];
  offerShare: number;
  lateProbability: number;
  lateDays: [number, number];
  defaultProbability: number;
  claimAfterDays: number;
  settlementProbability: number;
  settlementNex: [number, number];
  governance?: { proposalEveryDays: number; approveProbability: number };
  leaving?: { bank: number; fromDayShare: number; minMemberDays: number };
  billing?: { nexPerUnit: number; payProbability: number };
}

type Leaving = "no" | "draining" | "unbonding" | "withdrawn";

/** A bank's metered use of the mesh today (billing services 0..3). */
interface Usage {
  heartbeats: number;
  settlements: number;
  requests: number;
  offers: number;
}

interface Bank {
  name: string;
  w: Wallet;
  desk: Wallet;
  joined: boolean;
  active: boolean;
  joinedDay: number;
  leaving: Leaving;
  /** The unbonding it started (index, amount, unlock time) and what it withdrew. */
  unbonding?: { index: bigint; amount: bigint; unlockAt: bigint };
  withdrawn: bigint;
  usage: Usage;
}

type Conduct = "onTime" | "late" | "default";

interface Loan {
  id: bigint;
  borrower: Bank;
  lender: Bank;
  principal: bigint;
  conduct: Conduct;
  dueDay: number;
  repayDay: number;
  claimDay: number;
}

export interface BankState {
  pop: BankPop;
  banks: Bank[];
  rng: Rng;
  stake: bigint;
  minStake: bigint;
  loans: Loan[];
  requests: number;
  offers: number;
  opened: number;
  volume: bigint;
  repaid: number;
  repaidLate: number;
  defaulted: number;
  claimedNex: bigint;
  settled: number;
  settledNex: bigint;
  failures: number;
  firstJoinDay: number;
  /** Proposals not closed yet (ids) and who voted on them. */
  proposals: Array<{ id: bigint; day: number; voted: Set<Bank> }>;
  proposed: number;
  executed: number;
  rejected: number;
  /** Decided proposals whose state contradicts their tally (the check's count). */
  proposalRuleViolations: number;
  unbonded: bigint;
  withdrawn: bigint;
  /** Σ over completed unbondings of (amount unbonded - amount withdrawn), wei. */
  unbondShortfall: bigint;
  bills: Array<{ id: bigint; payer: Bank; nex: bigint }>;
  billed: number;
  billedNex: bigint;
  billsPaid: number;
  billsPaidNex: bigint;
  billsExpired: number;
  /** Σ |treasury NEX received in a pay block - totals paid in it|, wei. */
  billingTreasuryError: bigint;
}

const nex = (n: number) => parseAmount(String(n));

export function bankWallets(pop: BankPop | undefined): number {
  return pop ? 2 * pop.count : 0;
}

/** The banks' wallets (bank, desk pairs) from `wallets`; `rng` is the banks' own stream. */
export async function setupBanks(
  ctx: SimContext,
  b: BpciContracts,
  pop: BankPop,
  wallets: readonly Wallet[],
  rng: Rng,
): Promise<BankState> {
  const banks: Bank[] = Array.from({ length: pop.count }, (_, i) => ({
    name: `Bank ${String.fromCharCode(65 + i)}`,
    w: wallets[2 * i],
    desk: wallets[2 * i + 1],
    joined: false,
    active: false,
    joinedDay: 0,
    leaving: "no" as Leaving,
    withdrawn: 0n,
    usage: { heartbeats: 0, settlements: 0, requests: 0, offers: 0 },
  }));
  const { minStake } = await readMeshParameters(b);
  const want = nex(pop.stakeNex);
  return {
    pop,
    banks,
    rng,
    stake: want > minStake ? want : minStake,
    minStake,
    loans: [],
    requests: 0,
    offers: 0,
    opened: 0,
    volume: 0n,
    repaid: 0,
    repaidLate: 0,
    defaulted: 0,
    claimedNex: 0n,
    settled: 0,
    settledNex: 0n,
    failures: 0,
    firstJoinDay: 0,
    proposals: [],
    proposed: 0,
    executed: 0,
    rejected: 0,
    proposalRuleViolations: 0,
    unbonded: 0n,
    withdrawn: 0n,
    unbondShortfall: 0n,
    bills: [],
    billed: 0,
    billedNex: 0n,
    billsPaid: 0,
    billsPaidNex: 0n,
    billsExpired: 0,
    billingTreasuryError: 0n,
  };
}

/**
 * Today's self-mining: the hand-backs of yesterday's job value (bank to desk) and one job per bank that holds
 * less than `selfMining.untilNex`.
 */
export async function bankJobs(
  b: BpciContracts,
  bs: BankState,
): Promise<{
  pre: BatchItem[];
  incoming: Map<string, bigint>;
  jobs: Array<{ requester: Wallet; miner: Wallet; value: bigint; jobType: number }>;
}> {
  const wflx = b.wflx.target as string;
  const pre: BatchItem[] = [];
  const incoming = new Map<string, bigint>();
  const jobs: Array<{ requester: Wallet; miner: Wallet; value: bigint; jobType: number }> = [];
  for (const k of bs.banks) {
    const paid = await b.wflx.balanceOf(k.w.address);
    if (paid > 0n) {
      pre.push(item(k.w, buildTransfer(wflx, k.desk.address, paid)));
      incoming.set(k.desk.address, paid);
    }
    const held = (await b.nex.balanceOf(k.w.address)) + (await b.mesh.stakeOf(k.w.address));
    if (k.leaving === "no" && held < nex(bs.pop.selfMining.untilNex))
      jobs.push({
        requester: k.desk,
        miner: k.w,
        value: parseAmount(String(bs.pop.selfMining.valueWflx), WFLX_DECIMALS),
        jobType: bs.rng.int(0, 9),
      });
  }
  return { pre, incoming, jobs };
}

const ok = (r: TransactionReceipt | Error | undefined): r is TransactionReceipt =>
  r !== undefined && !(r instanceof Error);

type Call = { call: BatchItem; signer?: Wallet; amount?: bigint };

/**
 * Sends `calls` after the NEX approvals they need, as the SDK's flows do: for each signer, an approval of exactly
 * what its calls pull (`amount`) to the mesh when its allowance is short, in one batch (with `along`, independent
 * transactions of the previous step riding in the same block), then the calls in the next (a batch holds only
 * independent transactions). Failures are counted; a call whose approval failed reverts and is tallied on its own.
 */
async function withApprovals(
  ctx: SimContext,
  b: BpciContracts,
  bs: BankState,
  calls: readonly Call[],
  along: readonly BatchItem[] = [],
): Promise<{ calls: Array<TransactionReceipt | Error>; along: Array<TransactionReceipt | Error> }> {
  const mesh = b.mesh.target as string;
  const need = new Map<string, { w: Wallet; amount: bigint }>();
  for (const c of calls) {
    if (!c.signer || !c.amount) continue;
    const n = need.get(c.signer.address) ?? { w: c.signer, amount: 0n };
    n.amount += c.amount;
    need.set(c.signer.address, n);
  }
  const approvals: BatchItem[] = [];
  for (const n of need.values())
    if ((await b.nex.allowance(n.w.address, mesh)) < n.amount)
      approvals.push(item(n.w, buildApprove(b.nex.target as string, mesh, n.amount)));
  const first = await ctx.batch([...along, ...approvals]);
  bs.failures += first.filter((r) => r instanceof Error).length;
  const res = await ctx.batch(calls.map((c) => c.call));
  bs.failures += res.filter((r) => r instanceof Error).length;
  return { calls: res, along: first.slice(0, along.length) };
}

/** One day of the mesh (after the day's claims, so the banks hold today's NEX); returns the day's columns. */
export async function banksDay(
  ctx: SimContext,
  b: BpciContracts,
  bs: BankState,
  day: number,
): Promise<Record<string, number | string>> {
  const { pop, rng } = bs;
  const mesh = b.mesh.target as string;
  const nexAddr = b.nex.target as string;
  const balance = (k: Bank) => b.nex.balanceOf(k.w.address);
  // What each bank's calls of a step spend (a call it cannot pay for is not sent).
  let spent = new Map<Bank, bigint>();
  const afford = async (k: Bank, amount: bigint, keep = 0n) => {
    const used = spent.get(k) ?? 0n;
    if ((await balance(k)) < used + amount + keep) return false;
    spent.set(k, used + amount);
    return true;
  };
  // 1. One block: repayments due today, claims of loans still open after the grace, joins, top-ups of a stake
  //    below the minimum, heartbeats.
  const step1: Call[] = [];
  const loanAt: Array<{ at: number; loan: Loan; kind: "repay" | "claim" }> = [];
  for (const loan of bs.loans) {
    if (day >= loan.claimDay) {
      loanAt.push({ at: step1.length, loan, kind: "claim" });
      step1.push({ call: item(loan.lender.w, buildMeshClaim(mesh, loan.id)) });
    } else if (day === loan.repayDay) {
      const q = await quoteMeshRepayment(b, loan.id);
      if (!(await afford(loan.borrower, q.owed))) continue; // it cannot pay: the lender claims later
      const w = loan.borrower.w;
      loanAt.push({ at: step1.length, loan, kind: "repay" });
      step1.push({ call: item(w, buildMeshRepay(mesh, loan.id, q.owed)), signer: w, amount: q.owed });
    }
  }
  const joinAt = new Map<Bank, number>();
  for (const k of bs.banks) {
    k.usage = { heartbeats: 0, settlements: 0, requests: 0, offers: 0 };
    if (!k.joined) {
      if (!(await afford(k, bs.stake))) continue;
      const endpoint = `https://${k.name.replace(" ", "-").toLowerCase()}.example/mesh`;
      joinAt.set(k, step1.length);
      step1.push({ call: item(k.w, buildMeshJoin(mesh, bs.stake, k.name, endpoint)), signer: k.w, amount: bs.stake });
      continue;
    }
    if (k.leaving === "unbonding" || k.leaving === "withdrawn") continue;
    const st = await b.mesh.stakeOf(k.w.address);
    if (k.leaving === "no" && st < bs.minStake && (await afford(k, bs.minStake - st)))
      step1.push({ call: item(k.w, buildMeshStake(mesh, bs.minStake - st)), signer: k.w, amount: bs.minStake - st });
    step1.push({ call: item(k.w, buildMeshHeartbeat(mesh)) });
    k.usage.heartbeats++;
  }
  const r1 = (await withApprovals(ctx, b, bs, step1)).calls;
  for (const [k, at] of joinAt)
    if (ok(r1[at])) {
      k.joined = true;
      k.joinedDay = day;
      if (bs.firstJoinDay === 0) bs.firstJoinDay = day;
    }
  const closed = new Set<Loan>();
  for (const { at, loan, kind } of loanAt) {
    const r = r1[at];
    if (!ok(r)) continue;
    closed.add(loan);
    if (kind === "claim") {
      bs.defaulted++;
      bs.claimedNex += eventArgs(r, MESH_ABI.iface, "LoanClaimed").claimed as bigint;
    } else {
      bs.repaid++;
      if (loan.conduct === "late") bs.repaidLate++;
    }
  }
  bs.loans = bs.loans.filter((l) => !closed.has(l));
  // Active after the heartbeats and the claims (a claim can take a borrower's stake below the minimum).
  for (const k of bs.banks) k.active = k.joined && Number(await b.mesh.bankStatus(k.w.address)) === 1;
  // A leaving bank drains from its leaving day on: no new requests, offers or settlements.
  if (pop.leaving) {
    const k = bs.banks[pop.leaving.bank];
    const from = (x: Bank) =>
      Math.max(Math.ceil(ctx.days * (pop.leaving?.fromDayShare ?? 1)), x.joinedDay + (pop.leaving?.minMemberDays ?? 0));
    if (k && k.joined && k.leaving === "no" && day >= from(k)) k.leaving = "draining";
  }
  const active = bs.banks.filter((k) => k.active && k.leaving === "no");
  const keep = nex(pop.reserveNex);
  // 2. One block: settlements between members and new liquidity requests.
  spent = new Map();
  const step2: Call[] = [];
  const openTo: Array<{ at: number; to: Bank }> = [];
  for (const k of active) {
    if (rng.next() >= pop.settlementProbability) continue;
    const others = bs.banks.filter((o) => o !== k && o.joined && o.leaving === "no");
    if (others.length === 0) continue;
    const to = rng.pick(others);
    const amount = nex(rng.int(pop.settlementNex[0], pop.settlementNex[1]));
    if (!(await afford(k, amount, keep))) continue;
    openTo.push({ at: step2.length, to });
    k.usage.settlements++;
    step2.push({ call: item(k.w, buildMeshSettle(mesh, to.w.address, nexAddr, amount)), signer: k.w, amount });
  }
  const asks: Array<{ at: number; k: Bank; amount: bigint; maxRate: number; days: number }> = [];
  for (const k of active) {
    if (rng.next() >= pop.requestProbability) continue;
    const a = {
      at: step2.length,
      k,
      amount: nex(rng.int(pop.requestNex[0], pop.requestNex[1])),
      maxRate: rng.int(pop.maxRateBps[0], pop.maxRateBps[1]),
      days: rng.int(pop.durationDays[0], pop.durationDays[1]),
    };
    asks.push(a);
    k.usage.requests++;
    step2.push({ call: item(k.w, buildMeshRequest(mesh, nexAddr, a.amount, BigInt(a.maxRate), BigInt(a.days * DAY))) });
  }
  const r2 = (await withApprovals(ctx, b, bs, step2)).calls;
  const confirms: BatchItem[] = [];
  const amounts: bigint[] = [];
  for (const { at, to } of openTo) {
    const r = r2[at];
    if (!ok(r)) continue;
    const ev = eventArgs(r, MESH_ABI.iface, "SettlementOpened");
    confirms.push(item(to.w, buildMeshConfirm(mesh, ev.settlementId as bigint)));
    amounts.push(ev.amount as bigint);
  }
  const requests: Array<{ id: bigint; k: Bank; amount: bigint; maxRate: number; days: number }> = [];
  for (const a of asks) {
    const r = r2[a.at];
    if (!ok(r)) continue;
    bs.requests++;
    requests.push({ ...a, id: eventArgs(r, MESH_ABI.iface, "LiquidityRequested").requestId as bigint });
  }
  // 3. Offers from every other Active bank with free NEX (above its reserve; what it offers on one request is not
  //    free for the next); the settlements' confirmations ride with the offers' approvals.
  spent = new Map();
  const step3: Call[] = [];
  const offerMeta: Array<{ req: (typeof requests)[number]; lender: Bank; amount: bigint; rate: number }> = [];
  for (const req of requests) {
    for (const lender of active) {
      if (lender === req.k) continue;
      const bal = await balance(lender);
      const used = spent.get(lender) ?? 0n;
      const avail = bal > keep + used ? bal - keep - used : 0n;
      let amount = (avail * BigInt(Math.round(pop.offerShare * 10_000))) / 10_000n;
      if (amount > req.amount) amount = req.amount;
      if (amount < nex(1)) continue;
      const rate = rng.int(Math.round(req.maxRate * pop.minRateShare), req.maxRate);
      spent.set(lender, used + amount);
      const call = item(lender.w, buildMeshOffer(mesh, req.id, amount, BigInt(rate)));
      step3.push({ call, signer: lender.w, amount });
      offerMeta.push({ req, lender, amount, rate });
    }
  }
  const r3 = await withApprovals(ctx, b, bs, step3, confirms);
  r3.along.forEach((r, i) => {
    if (!ok(r)) return;
    bs.settled++;
    bs.settledNex += amounts[i];
  });
  const offers: Array<(typeof offerMeta)[number] & { id: bigint }> = [];
  r3.calls.forEach((r, i) => {
    if (!ok(r)) return;
    bs.offers++;
    offerMeta[i].lender.usage.offers++;
    offers.push({ ...offerMeta[i], id: eventArgs(r, MESH_ABI.iface, "LiquidityOffered").offerId as bigint });
  });
  // 4. One block: each requester accepts its cheapest offers that fit; the lenders withdraw the others.
  const accepts: BatchItem[] = [];
  const acceptMeta: Array<(typeof offers)[number]> = [];
  const withdraws: BatchItem[] = [];
  for (const req of requests) {
    let left = req.amount;
    const mine = offers.filter((o) => o.req === req).sort((x, y) => x.rate - y.rate || Number(x.id - y.id));
    for (const o of mine) {
      if (o.amount <= left) {
        left -= o.amount;
        accepts.push(item(req.k.w, buildMeshAccept(mesh, o.id)));
        acceptMeta.push(o);
      } else withdraws.push(item(o.lender.w, buildMeshWithdrawOffer(mesh, o.id)));
    }
  }
  const r4 = await ctx.batch([...accepts, ...withdraws]);
  bs.failures += r4.filter((r) => r instanceof Error).length;
  r4.slice(0, accepts.length).forEach((r, i) => {
    if (!ok(r)) return;
    const o = acceptMeta[i];
    const u = rng.next();
    const conduct: Conduct =
      u < pop.defaultProbability ? "default" : u < pop.defaultProbability + pop.lateProbability ? "late" : "onTime";
    const dueDay = day + o.req.days;
    bs.opened++;
    bs.volume += o.amount;
    bs.loans.push({
      id: eventArgs(r, MESH_ABI.iface, "LoanOpened").loanId as bigint,
      borrower: o.req.k,
      lender: o.lender,
      principal: o.amount,
      conduct,
      dueDay,
      repayDay:
        conduct === "onTime"
          ? dueDay - 1
          : conduct === "late"
            ? dueDay + rng.int(pop.lateDays[0], pop.lateDays[1])
            : -1,
      claimDay: dueDay + pop.claimAfterDays,
    });
  });
  await governanceLeavingBilling(ctx, b, bs, day);
  // The day's columns.
  let stake = 0n;
  let liquid = 0n;
  let repSum = 0n;
  let repMin = 10_000n;
  let members = 0;
  for (const k of bs.banks) {
    liquid += await balance(k);
    if (!k.joined) continue;
    members++;
    stake += await b.mesh.stakeOf(k.w.address);
    const rep = await b.mesh.reputationOf(k.w.address);
    repSum += rep;
    if (rep < repMin) repMin = rep;
  }
  return {
    banksJoined: members,
    banksActive: bs.banks.filter((k) => k.active).length,
    loansOpen: bs.loans.length,
    loansOpened: bs.opened,
    loansRepaid: bs.repaid,
    loansRepaidLate: bs.repaidLate,
    loansDefaulted: bs.defaulted,
    loanVolumeNex: tokens(bs.volume),
    defaultClaimedNex: tokens(bs.claimedNex),
    meshStakeNex: tokens(stake),
    meshLiquidityNex: tokens(liquid),
    meshEscrowNex: tokens(await b.mesh.escrowed(nexAddr)),
    settlements: bs.settled,
    settledNex: tokens(bs.settledNex),
    bankReputationAvg: members === 0 ? 0 : Number(repSum) / members,
    bankReputationMin: members === 0 ? 0 : Number(repMin),
    meshFailedTxs: bs.failures,
    proposalsOpen: bs.proposals.length,
    proposalsMade: bs.proposed,
    proposalsExecuted: bs.executed,
    proposalsRejected: bs.rejected,
    proposalRuleViolations: bs.proposalRuleViolations,
    banksUnbonding: bs.banks.filter((k) => k.leaving === "unbonding").length,
    banksLeft: bs.banks.filter((k) => k.leaving === "withdrawn").length,
    unbondedNex: tokens(bs.unbonded),
    withdrawnNex: tokens(bs.withdrawn),
    unbondShortfallWei: bs.unbondShortfall.toString(),
    billingSettlements: bs.billed,
    billedNex: tokens(bs.billedNex),
    billingPaid: bs.billsPaid,
    billingPaidNex: tokens(bs.billsPaidNex),
    billingUnpaid: bs.bills.length,
    billingExpired: bs.billsExpired,
    billingTreasuryErrorWei: bs.billingTreasuryError.toString(),
  };
}

/**
 * Step 5 of a day (after the loans): votes, executions and a new proposal; the leaving bank's unbonding or
 * withdrawal; yesterday's bills paid; today's usage committed. Two batches: the bills' NEX approvals with the
 * independent governance and leaving calls, then the payments with the operator's commits (a commit moves no token).
 */
async function governanceLeavingBilling(ctx: SimContext, b: BpciContracts, bs: BankState, day: number): Promise<void> {
  const { pop, rng } = bs;
  const mesh = b.mesh.target as string;
  const meter = b.billing.target as string;
  const members = bs.banks.filter((k) => k.joined && (k.leaving === "no" || k.leaving === "draining"));
  const first: BatchItem[] = [];
  const after: Array<(r: TransactionReceipt | Error) => void> = [];
  const push = (x: BatchItem, then: (r: TransactionReceipt | Error) => void = () => undefined) => {
    first.push(x);
    after.push(then);
  };
  const rounds: Array<{ id: bigint; ballots: BatchItem[] }> = [];
  // Governance: close what is decided, vote on what is open, propose every proposalEveryDays days.
  if (pop.governance && members.length > 0) {
    const still: BankState["proposals"] = [];
    for (const p of bs.proposals) {
      const pr = await readMeshProposal(b, p.id);
      const passes = pr.approvals * 10_000n >= pr.thresholdBps * pr.totalStake;
      const decided = pr.state === "Passed" || pr.state === "Rejected" || pr.state === "Executed";
      if (
        decided &&
        (pr.approvals + pr.rejections > pr.totalStake ||
          (pr.state === "Rejected") === passes ||
          (pr.state === "Passed" && !passes))
      )
        bs.proposalRuleViolations++;
      if (pr.state === "Passed") {
        push(item(members[0].w, buildMeshExecute(mesh, p.id)), (r) => {
          if (ok(r)) bs.executed++;
        });
        continue;
      }
      if (pr.state === "Rejected") {
        bs.rejected++;
        continue;
      }
      if (pr.state === "Executed") continue;
      const ballots: BatchItem[] = [];
      for (const k of members) {
        // Only a bank staked before the proposal's snapshot has votes.
        if (p.voted.has(k) || k.joinedDay >= p.day) continue;
        const approve = rng.next() < pop.governance.approveProbability;
        p.voted.add(k);
        ballots.push(item(k.w, buildMeshVote(mesh, p.id, approve)));
      }
      // Votes on one proposal are not independent (the vote that reaches the threshold passes it at once and
      // closes it to the next): one per proposal rides in the first batch, the others go in rounds after it.
      if (ballots.length > 0) push(ballots[0]);
      if (ballots.length > 1) rounds.push({ id: p.id, ballots: ballots.slice(1) });
      still.push(p);
    }
    bs.proposals = still;
    if (day % pop.governance.proposalEveryDays === 0) {
      const proposer = members[(day / pop.governance.proposalEveryDays) % members.length];
      const value = BigInt(rng.int(1, 2) * DAY);
      push(
        item(
          proposer.w,
          buildMeshPropose(mesh, { kind: "ParameterChange", key: parameterKey("bpci.mesh.requestWindow"), value }),
        ),
        (r) => {
          if (!ok(r)) return;
          bs.proposed++;
          bs.proposals.push({
            id: eventArgs(r, MESH_ABI.iface, "MeshProposalCreated").proposalId as bigint,
            day,
            voted: new Set(),
          });
        },
      );
    }
  }
  // Leaving: unbond the whole stake once no loan of the bank is open; withdraw when matured.
  for (const k of bs.banks) {
    if (k.leaving === "draining" && (await b.mesh.bankOf(k.w.address)).openLoans === 0n) {
      const amount = await b.mesh.stakeOf(k.w.address);
      if (amount === 0n) continue;
      push(item(k.w, buildMeshUnbond(mesh, amount)), (r) => {
        if (!ok(r)) return;
        const ev = eventArgs(r, MESH_ABI.iface, "BankUnbondingStarted");
        k.unbonding = { index: ev.index as bigint, amount: ev.amount as bigint, unlockAt: ev.unlockAt as bigint };
        k.leaving = "unbonding";
        bs.unbonded += ev.amount as bigint;
      });
    } else if (k.leaving === "unbonding" && k.unbonding && BigInt(await ctx.now()) >= k.unbonding.unlockAt) {
      const u = k.unbonding;
      push(item(k.w, buildMeshWithdraw(mesh, u.index)), (r) => {
        if (!ok(r)) return;
        const got = eventArgs(r, MESH_ABI.iface, "BankWithdrawn").amount as bigint;
        k.withdrawn += got;
        k.leaving = "withdrawn";
        bs.withdrawn += got;
        bs.unbondShortfall += u.amount - got;
      });
    }
  }
  // Billing: yesterday's bills, paid with probability payProbability when the bank holds the NEX.
  const pays: Array<{ bill: BankState["bills"][number] }> = [];
  if (pop.billing) {
    const left: BankState["bills"] = [];
    const spent = new Map<Bank, bigint>();
    for (const bill of bs.bills) {
      const st = Number(await b.billing.state(bill.id));
      if (st === 3) {
        bs.billsExpired++;
        continue;
      }
      const used = spent.get(bill.payer) ?? 0n;
      const pay =
        st === 1 &&
        rng.next() < pop.billing.payProbability &&
        (await b.nex.balanceOf(bill.payer.w.address)) >= used + bill.nex;
      if (!pay) {
        left.push(bill);
        continue;
      }
      spent.set(bill.payer, used + bill.nex);
      pays.push({ bill });
    }
    bs.bills = left;
    for (const [k, amount] of spent)
      if ((await b.nex.allowance(k.w.address, meter)) < amount)
        push(item(k.w, buildApprove(b.nex.target as string, meter, amount)));
  }
  const r1 = await ctx.batch(first);
  bs.failures += r1.filter((r) => r instanceof Error).length;
  r1.forEach((r, i) => after[i](r));
  for (let i = 0; rounds.some((x) => x.ballots.length > i); i++) {
    const round: BatchItem[] = [];
    for (const x of rounds)
      if (x.ballots.length > i && (await readMeshProposal(b, x.id)).state === "Active") round.push(x.ballots[i]);
    const r = await ctx.batch(round);
    bs.failures += r.filter((e) => e instanceof Error).length;
  }
  // Payments and today's commits (one per member with usage).
  const second: BatchItem[] = pays.map((p) => item(p.bill.payer.w, buildBillingPay(meter, p.bill.id)));
  const commits: Array<{ k: Bank; nex: bigint }> = [];
  if (pop.billing) {
    const unit = parseAmount(String(pop.billing.nexPerUnit));
    bs.banks.forEach((k, i) => {
      if (!k.joined || k.leaving === "withdrawn") return;
      const u = k.usage;
      const records: UsageRecord[] = [u.heartbeats, u.settlements, u.requests, u.offers]
        .map((n, service) => ({ n, service }))
        .filter((x) => x.n > 0)
        .map(({ n, service }) => ({
          user: k.w.address,
          service,
          resource: BigInt(n),
          gen: 0n,
          nex: BigInt(n) * unit,
          flx: 0n,
          aur: 0n,
          usd: 0n,
        }));
      if (records.length === 0) return;
      const tree = buildBillingTree(records);
      const period = BigInt(day * 16 + i);
      second.push(
        item(ctx.accounts[1], buildBillingCommit(meter, period, tree.root, records.length, k.w.address, tree.totals)),
      );
      commits.push({ k, nex: tree.totals.nex });
    });
  }
  if (second.length === 0) return;
  const treasury = b.treasury.target as string;
  const before = await b.nex.balanceOf(treasury);
  const r2 = await ctx.batch(second);
  bs.failures += r2.filter((r) => r instanceof Error).length;
  let paid = 0n;
  pays.forEach((p, i) => {
    if (!ok(r2[i])) return bs.bills.push(p.bill);
    bs.billsPaid++;
    bs.billsPaidNex += p.bill.nex;
    paid += p.bill.nex;
  });
  const got = (await b.nex.balanceOf(treasury)) - before;
  bs.billingTreasuryError += got > paid ? got - paid : paid - got;
  commits.forEach((c, i) => {
    const r = r2[pays.length + i];
    if (!ok(r)) return;
    bs.billed++;
    bs.billedNex += c.nex;
    bs.bills.push({
      id: eventArgs(r, BILLING_ABI.iface, "SettlementCommitted").settlementId as bigint,
      payer: c.k,
      nex: c.nex,
    });
  });
}

export function bankNotes(bs: BankState): string[] {
  return [
    `Mesh governance: ${bs.proposed} proposals, ${bs.executed} executed, ${bs.rejected} rejected, ${bs.proposals.length} open. Leaving: ${
      bs.banks
        .filter((k) => k.leaving !== "no")
        .map((k) => `${k.name} ${k.leaving}`)
        .join(", ") || "none"
    } (${tokens(bs.unbonded).toFixed(2)} NEX unbonded, ${tokens(bs.withdrawn).toFixed(2)} withdrawn). Billing: ${bs.billed} settlements (${tokens(bs.billedNex).toFixed(2)} NEX), ${bs.billsPaid} paid (${tokens(bs.billsPaidNex).toFixed(2)} NEX), ${bs.billsExpired} expired, ${bs.bills.length} outstanding.`,
    `Mesh: ${bs.banks.length} banks (miners buying their NEX stake by paying their own desks' jobs), the first joined on day ${bs.firstJoinDay || "never"}; ${bs.requests} liquidity requests, ${bs.offers} offers, ${bs.opened} loans (${tokens(bs.volume).toFixed(0)} NEX), ${bs.repaid} repaid (${bs.repaidLate} late), ${bs.defaulted} defaulted and claimed (${tokens(bs.claimedNex).toFixed(2)} NEX from the borrowers' stakes), ${bs.loans.length} still open; ${bs.settled} settlements (${tokens(bs.settledNex).toFixed(0)} NEX); ${bs.failures} mesh transactions reverted.`,
  ];
}
