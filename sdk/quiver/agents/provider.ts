/**
 * The provider agent: bids on the jobs it is eligible for, delivers them, and gets paid over payment channels.
 *
 * One `tick()`:
 * 1. tracked jobs: reveals its sealed bid once the job is Revealing, submits the result once its bid was accepted
 *    (InProgress), and forgets jobs that ended or went to another provider;
 * 2. new jobs (ids above its cursor): commits a sealed bid on every job still in Bidding whose `minTier` its stake
 *    tier (`ProviderStaking.tierOf`) reaches, at the price its pricing policy gives (default: the oracle's reference
 *    price of the job's size class, capped at the job's max price);
 * 3. channels: redeems the highest accepted voucher when the channel closes soon (close), is Closing (close within
 *    the settle window) or when the uncollected amount reaches `collectThreshold` (collect).
 *
 * Streaming: the consumer hands vouchers to {@link ProviderAgent.serve}, which verifies each one against the chain
 * (`verifyVoucher`: domain, signer, channel Open, strictly higher than the last accepted, within the deposit) and
 * persists it *before* acknowledging, so the provider serves more only against a voucher it can redeem.
 *
 * Salts, the cursor and the vouchers live in a {@link SaltStore} (a JSON file for long-running agents). Logs are
 * JSON lines without secrets.
 */
import { id as keccakText, type Signer } from "ethers";
import { InvalidArgumentError, KitError } from "../../kit/core/errors";
import { parseVoucher, serializeVoucher, type SignedVoucher, type VoucherAcceptance } from "../core/voucher";
import type { QuiverContracts } from "../chain/contracts";
import {
  chainTime,
  channelsDeployment,
  readBid,
  readChannel,
  readJob,
  readPriceQuote,
  type JobEntity,
} from "../chain/market";
import { bidKey, buildSubmit, commitBid, revealBid } from "../tx/market";
import { buildVoucherRedeem, verifyChannelVoucher } from "../tx/channels";
import { send } from "../../kit/tx/request";
import type { SaltStore } from "../../kit/tx/salts";
import type { AgentLogger } from "../../kit/agents/log";

/** The result a provider submits for a job. */
export interface JobResult {
  readonly outputHash: string;
  readonly receiptHash: string;
}

/** Options of {@link ProviderAgent}. */
export interface ProviderAgentOptions {
  /** The provider's key (never logged). */
  readonly signer: Signer;
  /** The QUIVer contracts (any runner; transactions are sent by `signer`). */
  readonly contracts: QuiverContracts;
  /** Chain id of the deployment in the address book: vouchers from another chain or contract are refused. */
  readonly chainId: bigint;
  /** Salts, cursor and vouchers. */
  readonly store: SaltStore;
  readonly log: AgentLogger;
  /** Price to bid on a job (wei), or undefined to skip it. Default: reference price capped at the max price. */
  readonly pricing?: (job: JobEntity) => Promise<bigint | undefined> | bigint | undefined;
  /** Runs the job; default: hashes of the job's input (a stand-in for a real model). */
  readonly work?: (job: JobEntity) => Promise<JobResult> | JobResult;
  /** Delegated signers to accept vouchers from, per consumer (default none). */
  readonly voucherSigners?: (consumer: string) => readonly string[];
  /** Collect as soon as this much is uncollected (wei; default: only when closing). */
  readonly collectThreshold?: bigint;
  /** Close this long before expiry (seconds; default 3,600). */
  readonly closeMargin?: bigint;
}

/** What one tick did. */
export interface ProviderTick {
  readonly committed: bigint[];
  readonly revealed: bigint[];
  readonly submitted: bigint[];
  readonly collected: bigint[];
  readonly closed: bigint[];
}

/**
 * The provider agent (see the module comment).
 *
 * @example
 * const agent = new ProviderAgent({ signer, contracts: connectQuiver(book, signer), chainId: book.chainId, store, log });
 * await agent.tick();                        // one deterministic step (tests, `kit agent provider --once`)
 * await runLoop(agent, { intervalMs: 5_000 }); // forever
 */
export class ProviderAgent {
  private _me: string | undefined;
  private _addresses: { marketplace: string; channels: string } | undefined;
  private _serving: Promise<unknown> = Promise.resolve();

  constructor(readonly options: ProviderAgentOptions) {}

  /** The provider's address. */
  async address(): Promise<string> {
    this._me ??= await this.options.signer.getAddress();
    return this._me;
  }

  private async _addr() {
    this._addresses ??= {
      marketplace: await this.options.contracts.marketplace.getAddress(),
      channels: await this.options.contracts.channels.getAddress(),
    };
    return this._addresses;
  }

  private _key(name: string): string {
    return `provider:${this._me}:${name}`;
  }

  private _list(name: string): bigint[] {
    const raw = this.options.store.get(this._key(name));
    return raw ? (JSON.parse(raw) as string[]).map((s) => BigInt(s)) : [];
  }

  private _setList(name: string, ids: Iterable<bigint>): void {
    this.options.store.set(this._key(name), JSON.stringify([...new Set([...ids].map(String))]));
  }

  /**
   * One step: reveal, submit, bid, redeem (see the module comment). Failures of one job or channel are logged and
   * do not stop the others.
   *
   * @example
   * const { committed } = await agent.tick();
   */
  async tick(): Promise<ProviderTick> {
    const me = await this.address();
    const { marketplace } = await this._addr();
    const { contracts, signer, store, log } = this.options;
    const out: ProviderTick = { committed: [], revealed: [], submitted: [], collected: [], closed: [] };
    const now = await chainTime(contracts.marketplace.runner!);

    // 1. Jobs already bid on.
    const keep: bigint[] = [];
    for (const jobId of this._list("jobs")) {
      try {
        const job = await readJob(contracts.marketplace, jobId, now);
        if (job.state === "Revealing") {
          const bid = await readBid(contracts.marketplace, jobId, me);
          if (!bid.revealed) {
            const { receipt, price } = await revealBid(signer, marketplace, jobId, store);
            out.revealed.push(jobId);
            log.log("info", "bid.revealed", { jobId, price, hash: receipt.hash });
          }
          keep.push(jobId);
        } else if (job.state === "InProgress" && job.provider === me) {
          const result = await (this.options.work ?? defaultWork)(job);
          const receipt = await send(signer, buildSubmit(marketplace, jobId, result.outputHash, result.receiptHash));
          out.submitted.push(jobId);
          log.log("info", "job.submitted", {
            jobId,
            price: job.price,
            outputHash: result.outputHash,
            hash: receipt.hash,
          });
        } else if (job.state === "Bidding" || job.state === "Awarding") {
          keep.push(jobId);
        } else {
          store.delete(bidKey(marketplace, jobId, me));
          log.log("debug", "job.dropped", { jobId, state: job.state, provider: job.provider });
        }
      } catch (e) {
        keep.push(jobId);
        log.log("warn", "job.failed", { jobId, error: errorFields(e) });
      }
    }

    // 2. New jobs.
    const cursorRaw = store.get(this._key("cursor"));
    const cursor = cursorRaw ? BigInt(cursorRaw) : 0n;
    const count = await contracts.marketplace.jobCount();
    if (count > cursor) {
      const tier = BigInt(await contracts.staking.tierOf(me));
      for (let jobId = cursor + 1n; jobId <= count; jobId++) {
        try {
          const job = await readJob(contracts.marketplace, jobId, now);
          if (job.state !== "Bidding" || job.consumer === me) continue;
          if (tier < BigInt(job.minTier)) {
            log.log("debug", "job.ineligible", { jobId, tier, minTier: job.minTier });
            continue;
          }
          const price = await (this.options.pricing ?? ((j: JobEntity) => this._defaultPrice(j)))(job);
          if (price === undefined || price <= 0n || price > job.maxPrice) {
            log.log("debug", "job.skipped", { jobId, price, maxPrice: job.maxPrice });
            continue;
          }
          const { receipt } = await commitBid(signer, marketplace, jobId, price, store);
          keep.push(jobId);
          out.committed.push(jobId);
          log.log("info", "bid.committed", { jobId, price, maxPrice: job.maxPrice, tier, hash: receipt.hash });
        } catch (e) {
          log.log("warn", "bid.failed", { jobId, error: errorFields(e) });
        }
      }
      store.set(this._key("cursor"), count.toString());
    }
    this._setList("jobs", keep);

    // 3. Channels.
    await this._redeemChannels(now, out);
    return out;
  }

  private async _defaultPrice(job: JobEntity): Promise<bigint> {
    const quote = await readPriceQuote(this.options.contracts.oracle, job.sizeClass);
    return quote.referencePrice < job.maxPrice ? quote.referencePrice : job.maxPrice;
  }

  /** The highest voucher accepted on a channel, if any. */
  latestVoucher(channelId: bigint): SignedVoucher | undefined {
    const raw = this.options.store.get(`voucher:${this._addresses?.channels}:${channelId}`);
    return raw ? parseVoucher(raw) : undefined;
  }

  /**
   * Verifies a voucher received from a consumer before serving more: domain (chain id and contract from the
   * address book), signature, channel Open and addressed to this provider, strictly above the last accepted one and
   * within the deposit. Persists it, then returns the increment. Throws the VoucherError (logged) otherwise.
   *
   * @example
   * const { increment } = await agent.serve(voucherFromConsumer); // now serve `increment` worth of tokens
   */
  serve(voucher: SignedVoucher): Promise<VoucherAcceptance> {
    // One voucher at a time: two concurrent checks against the same `lastAccepted` could otherwise both pass and
    // the lower one could be persisted last (SDK-04: never go back to a lower voucher).
    const next = this._serving.then(() => this._serve(voucher));
    this._serving = next.catch(() => undefined);
    return next;
  }

  private async _serve(voucher: SignedVoucher): Promise<VoucherAcceptance> {
    const me = await this.address();
    const { channels } = await this._addr();
    const { contracts, store, log } = this.options;
    const expected = channelsDeployment(this.options.chainId, channels);
    const last = this.latestVoucher(voucher.channelId)?.cumulativeAmount ?? 0n;
    try {
      const ch = await readChannel(contracts.channels, voucher.channelId);
      if (ch.provider !== me) {
        throw new InvalidArgumentError(`channel ${voucher.channelId} pays ${ch.provider}, not this provider`);
      }
      const signers = this.options.voucherSigners?.(ch.consumer) ?? [];
      const ok = await verifyChannelVoucher(contracts.channels, expected, voucher, last, signers);
      store.set(`voucher:${channels}:${voucher.channelId}`, serializeVoucher(voucher));
      this._setList("channels", [...this._list("channels"), voucher.channelId]);
      log.log("info", "voucher.accepted", {
        channelId: voucher.channelId,
        cumulativeAmount: voucher.cumulativeAmount,
        tokensGenerated: voucher.tokensGenerated,
        increment: ok.increment,
        signer: ok.signer,
      });
      return ok;
    } catch (e) {
      log.log("warn", "voucher.rejected", {
        channelId: voucher.channelId,
        cumulativeAmount: voucher.cumulativeAmount,
        lastAccepted: last,
        error: errorFields(e),
      });
      throw e;
    }
  }

  private async _redeemChannels(now: bigint, out: ProviderTick): Promise<void> {
    const { contracts, signer, log } = this.options;
    const { channels } = await this._addr();
    const margin = this.options.closeMargin ?? 3_600n;
    const keep: bigint[] = [];
    for (const channelId of this._list("channels")) {
      try {
        const v = this.latestVoucher(channelId);
        const ch = await readChannel(contracts.channels, channelId);
        if (!v || ch.closed || ch.state === "Closed" || ch.state === "Settleable") {
          log.log("debug", "channel.dropped", { channelId, state: ch.state });
          continue;
        }
        const owed = v.cumulativeAmount - ch.collected;
        const closing = ch.state === "Closing" || ch.state === "Expired" || now + margin >= ch.expiry;
        if (owed > 0n && closing) {
          const receipt = await send(signer, buildVoucherRedeem(channels, "close", v));
          out.closed.push(channelId);
          log.log("info", "channel.closed", {
            channelId,
            paid: owed,
            refunded: ch.deposit - v.cumulativeAmount,
            hash: receipt.hash,
          });
          continue;
        }
        const threshold = this.options.collectThreshold;
        if (owed > 0n && threshold !== undefined && owed >= threshold) {
          const receipt = await send(signer, buildVoucherRedeem(channels, "collect", v));
          out.collected.push(channelId);
          log.log("info", "channel.collected", { channelId, paid: owed, hash: receipt.hash });
        }
        keep.push(channelId);
      } catch (e) {
        keep.push(channelId);
        log.log("warn", "channel.failed", { channelId, error: errorFields(e) });
      }
    }
    this._setList("channels", keep);
  }
}

/** The stand-in "model": output and receipt hashes derived from the job. */
function defaultWork(job: JobEntity): JobResult {
  return {
    outputHash: keccakText(`output:${job.modelHash}:${job.inputHash}`),
    receiptHash: keccakText(`receipt:${job.jobId}:${job.inputHash}`),
  };
}

/**
 * The loggable part of an error (name, short message, decoded custom error); never the cause chain.
 *
 * @example
 * log.log("warn", "bid.failed", { jobId, error: errorFields(e) });
 */
export function errorFields(e: unknown): Record<string, unknown> {
  if (e instanceof KitError) {
    const errorName = (e as { errorName?: string }).errorName;
    return { name: e.name, message: e.shortMessage, ...(errorName ? { errorName } : {}) };
  }
  return { name: (e as Error)?.name ?? "Error", message: String((e as Error)?.message ?? e).split("\n")[0] };
}
