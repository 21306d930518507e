/**
 * The BPCI bank agent (`kit agent bpci-bank`): each tick, for the signer's bank of the mesh (contracts/bpci/mesh),
 * sends a heartbeat once the last one is older than `bpci.mesh.heartbeatPeriod` minus a margin, confirms the open
 * settlements addressed to it, withdraws its open offers on requests that are no longer Open, repays its own loans
 * due within a margin (the exact amount owed, from `quoteMeshRepayment`) when it holds the NEX, and, with an offer
 * policy (a rate and a most per request), offers once on every Open request of another bank whose maximum rate
 * allows it. Withdrawals and repayments come before new offers, so freed escrow and debts are settled before lending.
 *
 * Settlements, requests, its offers and its loans are found from SettlementOpened, LiquidityRequested,
 * LiquidityOffered and LoanOpened events after a block cursor, read in chunks (`streamEvents`, `chunkSize` blocks
 * per `eth_getLogs`), so a restarted agent (`--from-block`) picks up what an earlier run left; what an earlier run
 * already did is read from the chain (a confirmed settlement is no longer Open, an offer made is a LiquidityOffered
 * event of this bank), so nothing is done twice. A signer that is not a registered bank logs `bank.unregistered`
 * (warn) and does nothing else.
 *
 * Failures: a revert that another actor's transaction explains (recognised by BankMesh's custom error name, see
 * {@link BANK_KNOWN_RACES}) is logged at `warn` and the tick goes on; anything else is logged at `error` with its
 * error name and rethrown, so the tick fails (`runLoop` logs `tick.failed` and tries again next tick; `--once` exits
 * non-zero).
 */
import type { EventLog, Signer } from "ethers";
import type { AgentLogger } from "../../kit/agents/log";
import { runGuarded } from "../../kit/agents/races";
import { eventArgs, streamEvents } from "../../kit/chain/events";
import { InvalidArgumentError } from "../../kit/core/errors";
import { send } from "../../kit/tx/request";
import { MESH_ABI, type BpciContracts } from "../chain/contracts";
import { parameterKey } from "../core/parameters";
import { MESH_MAX_RATE_BPS } from "../core/mesh";
import {
  buildMeshConfirm,
  buildMeshWithdrawOffer,
  heartbeatMesh,
  offerMeshLiquidity,
  quoteMeshRepayment,
  repayMeshLoan,
} from "../tx";

/** Options of {@link BpciBankAgent}. */
export interface BpciBankAgentOptions {
  readonly signer: Signer;
  readonly contracts: BpciContracts;
  readonly log: AgentLogger;
  /** First block to scan for settlements, requests, offers and loans (default 0). */
  readonly fromBlock?: number;
  /** Blocks per `eth_getLogs` query (default 2,000, `streamEvents`' default). */
  readonly chunkSize?: number;
  /**
   * Rate of the agent's offers, bps a year (at most 50,000). Without it (or without {@link maxOfferAmount}) the
   * agent makes no offers.
   */
  readonly offerRateBps?: bigint;
  /** Most NEX wei offered on one request (the offer is the smaller of this and what the request still needs). */
  readonly maxOfferAmount?: bigint;
  /** Seconds before the heartbeat period runs out at which the agent sends a new one (default 300). */
  readonly heartbeatMarginSeconds?: bigint;
  /** A loan is repaid once its due time is at most this many seconds away, or past (default 3,600). */
  readonly repayMarginSeconds?: bigint;
}

/** What one tick did. */
export interface BankTick {
  /** The heartbeat's timestamp, when one was sent. */
  readonly heartbeat?: bigint;
  readonly confirmed: Array<{ settlementId: bigint; token: string; amount: bigint }>;
  readonly withdrawn: Array<{ offerId: bigint; requestId: bigint; amount: bigint }>;
  readonly repaid: Array<{ loanId: bigint; amount: bigint; closed: boolean }>;
  readonly offered: Array<{ requestId: bigint; offerId: bigint; amount: bigint; rateBps: bigint }>;
}

/**
 * The reverts each step may meet because another transaction got there first (BankMesh's custom errors): the
 * heartbeat has none; the settlement left Open (confirmed by another run of this bank, or refunded by anyone once
 * expired); the request left Open (filled, cancelled, expired), took its last offer, or its remaining amount shrank
 * below the offer; the loan was repaid or claimed, or partly repaid by someone else (anyone may pay) so the quoted
 * amount overpays; the offer was withdrawn by another run or accepted.
 */
export const BANK_KNOWN_RACES = {
  heartbeat: [],
  confirm: ["BankMeshUnexpectedSettlementState"],
  offer: ["BankMeshUnexpectedRequestState", "BankMeshTooManyOffers", "BankMeshExceedsRequest"],
  repay: ["BankMeshUnexpectedLoanState", "BankMeshOverpayment"],
  withdraw: ["BankMeshUnexpectedOfferState"],
} as const;

type Step = keyof typeof BANK_KNOWN_RACES;

const DEFAULT_HEARTBEAT_MARGIN = 300n;
const DEFAULT_REPAY_MARGIN = 3_600n;
/** `IBankMesh` enum values the agent compares against. */
const BANK_NONE = 0;
const BANK_ACTIVE = 1;
const BANK_EXPELLED = 3;
const OPEN = 1; // RequestState.Open, OfferState.Open, SettlementState.Open, LoanState.Active
const SETTLEMENT_EXPIRED = 2;
const LOAN_OVERDUE = 2;

/**
 * The bank agent: construct it with a signer (the bank), the BPCI handles and a logger, then call {@link tick}
 * (or hand it to `runLoop`). Its cursor ({@link nextBlock}) is the first block the next tick scans.
 *
 * @example
 * const agent = new BpciBankAgent({ signer, contracts: connectBpci(book, signer), log, offerRateBps: 400n,
 *   maxOfferAmount: 1_000n * 10n ** 18n });
 * const t = await agent.tick(); // { heartbeat, confirmed, withdrawn, repaid, offered }
 */
export class BpciBankAgent {
  private cursor: number;
  private readonly settlements = new Set<bigint>();
  private readonly requests = new Set<bigint>();
  /** Requests this bank already offered on (its LiquidityOffered events, or its own offer this run). */
  private readonly offeredOn = new Set<bigint>();
  /** This bank's offers still possibly Open: offer id -> request id. */
  private readonly offers = new Map<bigint, bigint>();
  private readonly loans = new Set<bigint>();
  private me?: string;

  /** Checks the policy options (an InvalidArgumentError names the bad one). */
  constructor(private readonly o: BpciBankAgentOptions) {
    this.cursor = o.fromBlock ?? 0;
    if (o.offerRateBps !== undefined && (o.offerRateBps < 0n || o.offerRateBps > MESH_MAX_RATE_BPS)) {
      throw new InvalidArgumentError(`offer rate must be 0 to ${MESH_MAX_RATE_BPS} bps, not ${o.offerRateBps}`, {
        details: { offerRateBps: o.offerRateBps },
      });
    }
    if (o.maxOfferAmount !== undefined && o.maxOfferAmount < 0n) {
      throw new InvalidArgumentError(`max offer amount must not be negative, not ${o.maxOfferAmount}`, {
        details: { maxOfferAmount: o.maxOfferAmount },
      });
    }
    for (const [name, v] of [
      ["heartbeatMarginSeconds", o.heartbeatMarginSeconds],
      ["repayMarginSeconds", o.repayMarginSeconds],
    ] as const) {
      if (v !== undefined && v < 0n) {
        throw new InvalidArgumentError(`${name} must not be negative, not ${v}`, { details: { [name]: v } });
      }
    }
  }

  /** The bank's address (the signer's). */
  async address(): Promise<string> {
    this.me ??= await this.o.signer.getAddress();
    return this.me;
  }

  /** The first block the next tick scans (one past the head the last tick read). */
  get nextBlock(): number {
    return this.cursor;
  }

  /**
   * Runs `action`; on a revert named in {@link BANK_KNOWN_RACES}`[step]` logs `<event>.skipped` (warn) and returns
   * undefined, on anything else logs `<event>.failed` (error, with the error name) and rethrows.
   */
  private guarded<T>(step: Step, event: string, fields: Record<string, unknown>, action: () => Promise<T>) {
    return runGuarded(this.o.log, "BankMesh", BANK_KNOWN_RACES[step], event, fields, action);
  }

  /** Reads the mesh's events that concern this bank from the cursor to the head, in chunks. */
  private async scan(me: string): Promise<void> {
    const { mesh } = this.o.contracts;
    const head = await this.o.signer.provider!.getBlockNumber();
    if (head < this.cursor) return;
    const range = { fromBlock: this.cursor, toBlock: head, chunkSize: this.o.chunkSize };
    // streamEvents is typed for the kit's contracts; each filter belongs to `mesh`, so the casts are sound.
    const events = (filter: unknown) => streamEvents(mesh as never, filter as never, range);
    for await (const log of events(mesh.filters.SettlementOpened(undefined, undefined, me)))
      this.settlements.add((log as EventLog).args.settlementId as bigint);
    for await (const log of events(mesh.filters.LiquidityRequested())) {
      const args = (log as EventLog).args;
      if ((args.requester as string).toLowerCase() !== me.toLowerCase()) this.requests.add(args.requestId as bigint);
    }
    for await (const log of events(mesh.filters.LiquidityOffered(undefined, undefined, me))) {
      const args = (log as EventLog).args;
      this.offers.set(args.offerId as bigint, args.requestId as bigint);
      this.offeredOn.add(args.requestId as bigint);
    }
    for await (const log of events(mesh.filters.LoanOpened(undefined, me)))
      this.loans.add((log as EventLog).args.loanId as bigint);
    this.cursor = head + 1;
  }

  /** One step: heartbeat, confirm, withdraw, repay, offer (see the module comment). */
  async tick(): Promise<BankTick> {
    const { mesh, registry } = this.o.contracts;
    const me = await this.address();
    const meshAddress = await mesh.getAddress();
    const tick: BankTick = { confirmed: [], withdrawn: [], repaid: [], offered: [] };
    let status = Number(await mesh.bankStatus(me));
    if (status === BANK_NONE) {
      this.o.log.log("warn", "bank.unregistered", { bank: me, mesh: meshAddress });
      return tick;
    }
    let heartbeat: bigint | undefined;
    if (status === BANK_EXPELLED) {
      this.o.log.log("warn", "bank.expelled", { bank: me });
    } else {
      const [info, period, now] = await Promise.all([
        mesh.bankOf(me),
        registry.get(parameterKey("bpci.mesh.heartbeatPeriod")),
        this.now(),
      ]);
      const margin = this.o.heartbeatMarginSeconds ?? DEFAULT_HEARTBEAT_MARGIN;
      if (now + margin >= info.lastHeartbeat + period) {
        const r = await this.guarded("heartbeat", "bank.heartbeat", { bank: me }, () =>
          heartbeatMesh(this.o.signer, meshAddress),
        );
        if (r) {
          heartbeat = r.timestamp;
          // Inactive for a lapsed heartbeat until now: the status as of the heartbeat's block decides the offers.
          status = Number(await mesh.bankStatus(me, { blockTag: r.receipt.blockNumber }));
          this.o.log.log("info", "bank.heartbeat", {
            bank: me,
            timestamp: r.timestamp,
            previous: info.lastHeartbeat,
            tx: r.receipt.hash,
          });
        }
      }
    }
    await this.scan(me);
    await this.confirmSettlements(tick);
    await this.withdrawOffers(tick);
    await this.repayLoans(me, tick);
    await this.offerLiquidity(me, status, tick);
    return { ...tick, heartbeat };
  }

  /** The latest block's timestamp (ethers caches a read for 250 ms: ticks seconds apart see each new block). */
  private async now(): Promise<bigint> {
    const block = await this.o.signer.provider!.getBlock("latest");
    return BigInt(block!.timestamp);
  }

  /** Confirms every Open settlement addressed to the bank; forgets the ones no longer Open. */
  private async confirmSettlements(tick: BankTick): Promise<void> {
    const { mesh } = this.o.contracts;
    const meshAddress = await mesh.getAddress();
    for (const id of [...this.settlements].sort(ascending)) {
      const state = Number(await mesh.settlementState(id));
      if (state !== OPEN) {
        this.settlements.delete(id); // Expired (anyone refunds it), Confirmed or Refunded: nothing to do
        if (state === SETTLEMENT_EXPIRED) this.o.log.log("warn", "settlement.expired", { settlementId: id });
        continue;
      }
      const s = await mesh.settlementOf(id);
      const r = await this.guarded("confirm", "settlement.confirm", { settlementId: id }, () =>
        send(this.o.signer, buildMeshConfirm(meshAddress, id)),
      );
      this.settlements.delete(id);
      if (!r) continue;
      eventArgs(r, MESH_ABI.iface, "SettlementConfirmed"); // throws unless the mesh reports the confirmation
      tick.confirmed.push({ settlementId: id, token: s.token, amount: s.amount });
      this.o.log.log("info", "settlement.confirmed", {
        settlementId: id,
        from: s.from,
        token: s.token,
        amount: s.amount,
        tx: r.hash,
      });
    }
  }

  /** Withdraws the bank's Open offers on requests that are no longer Open (the escrow comes back exactly). */
  private async withdrawOffers(tick: BankTick): Promise<void> {
    const { mesh } = this.o.contracts;
    const meshAddress = await mesh.getAddress();
    for (const [offerId, requestId] of [...this.offers].sort(([a], [b]) => ascending(a, b))) {
      if (Number(await mesh.offerState(offerId)) !== OPEN) {
        this.offers.delete(offerId); // withdrawn or accepted (a loan: the borrower repays it)
        continue;
      }
      if (Number(await mesh.requestState(requestId)) === OPEN) continue; // may still be accepted
      const r = await this.guarded("withdraw", "offer.withdraw", { offerId, requestId }, () =>
        send(this.o.signer, buildMeshWithdrawOffer(meshAddress, offerId)),
      );
      this.offers.delete(offerId);
      if (!r) continue;
      const amount = eventArgs(r, MESH_ABI.iface, "LiquidityOfferWithdrawn").amount as bigint;
      tick.withdrawn.push({ offerId, requestId, amount });
      this.o.log.log("info", "offer.withdrawn", { offerId, requestId, amount, tx: r.hash });
    }
  }

  /** Repays what is owed on each of the bank's loans due within the margin, when the bank holds that much NEX. */
  private async repayLoans(me: string, tick: BankTick): Promise<void> {
    const { mesh, nex } = this.o.contracts;
    const margin = this.o.repayMarginSeconds ?? DEFAULT_REPAY_MARGIN;
    for (const loanId of [...this.loans].sort(ascending)) {
      const state = Number(await mesh.loanState(loanId));
      if (state !== OPEN && state !== LOAN_OVERDUE) {
        this.loans.delete(loanId); // Repaid or Claimed
        continue;
      }
      const [loan, now] = await Promise.all([mesh.offerOf(loanId), this.now()]);
      if (now + margin < loan.dueAt) continue; // not due yet
      const q = await quoteMeshRepayment(this.o.contracts, loanId);
      const balance = await nex.balanceOf(me);
      if (balance < q.owed) {
        this.o.log.log("warn", "loan.unfunded", { loanId, owed: q.owed, balance, dueAt: loan.dueAt });
        continue;
      }
      const r = await this.guarded("repay", "loan.repay", { loanId, owed: q.owed }, () =>
        repayMeshLoan(this.o.signer, this.o.contracts, loanId, q.owed),
      );
      if (!r) continue;
      if (r.closed) this.loans.delete(loanId);
      tick.repaid.push({ loanId, amount: r.amount, closed: r.closed });
      this.o.log.log("info", "loan.repaid", {
        loanId,
        amount: r.amount,
        repaid: r.repaid,
        due: r.due,
        closed: r.closed,
        tx: r.receipt.hash,
      });
    }
  }

  /** With an offer policy and an Active bank: one offer on each Open request of another bank the policy fits. */
  private async offerLiquidity(me: string, status: number, tick: BankTick): Promise<void> {
    const { offerRateBps: rateBps, maxOfferAmount: max } = this.o;
    if (rateBps === undefined || max === undefined || max === 0n) return;
    const { mesh, nex } = this.o.contracts;
    const open = [...this.requests].filter((id) => !this.offeredOn.has(id)).sort(ascending);
    if (open.length === 0) return;
    if (status !== BANK_ACTIVE) {
      this.o.log.log("warn", "offer.inactive", { bank: me, requests: open }); // only an Active bank may offer
      return;
    }
    for (const requestId of open) {
      if (Number(await mesh.requestState(requestId)) !== OPEN) {
        this.requests.delete(requestId); // filled, cancelled or expired: never Open again
        continue;
      }
      const req = await mesh.requestOf(requestId);
      if (rateBps > req.maxRateBps) {
        this.requests.delete(requestId); // a request's maximum never changes
        this.o.log.log("info", "offer.rate-above-max", { requestId, rateBps, maxRateBps: req.maxRateBps });
        continue;
      }
      const remaining = req.amount - req.accepted;
      const amount = remaining < max ? remaining : max;
      const balance = await nex.balanceOf(me);
      if (balance < amount) {
        this.o.log.log("warn", "offer.unfunded", { requestId, amount, balance }); // tried again next tick
        continue;
      }
      const r = await this.guarded("offer", "offer.make", { requestId, amount, rateBps }, () =>
        offerMeshLiquidity(this.o.signer, this.o.contracts, { requestId, amount, rateBps }),
      );
      this.requests.delete(requestId);
      this.offeredOn.add(requestId);
      if (!r) continue;
      this.offers.set(r.offerId, requestId);
      tick.offered.push({ requestId, offerId: r.offerId, amount, rateBps });
      this.o.log.log("info", "offer.made", { requestId, offerId: r.offerId, amount, rateBps, tx: r.receipt.hash });
    }
  }
}

/** Sort order of ids. */
function ascending(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
