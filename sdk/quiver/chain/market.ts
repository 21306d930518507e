/**
 * Readers of the QUIVer market (InferenceMarketplace, DisputeManager, PaymentChannels, PricingOracle,
 * QuiverMetrics): chain state returned as plain entities with bigints. Job and dispute states are derived with the
 * `sdk/quiver/core/market.ts` mirrors at the latest block's timestamp, exactly as the contracts' `state()` views would.
 */
import type { ContractRunner, EventLog, Provider } from "ethers";
import { InvalidArgumentError } from "../../kit/core/errors";
import { parseAddress } from "../../kit/core/units";
import { uintArg } from "../../kit/core/args";
import {
  deriveDisputeState,
  deriveJobState,
  DisputeState,
  DisputeStatus,
  JobState,
  JobStatus,
  Outcome,
} from "../core/market";
import type { ChannelsDeployment, ChannelsDomain, ChannelView } from "../core/voucher";
import type { DisputeManager, InferenceMarketplace, PaymentChannels, PricingOracle, QuiverMetrics } from "./contracts";
import { toKitError } from "../../kit/chain/decoder";

/** Wraps a read so that reverts surface as typed SDK errors. */
async function read<T>(contract: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw toKitError(e, contract);
  }
}

/**
 * The latest block's timestamp (unix seconds): the clock the derived states use.
 *
 * @example
 * const now = await chainTime(provider);
 */
export async function chainTime(runner: ContractRunner | Provider): Promise<bigint> {
  const provider = ("provider" in runner && runner.provider ? runner.provider : runner) as Provider;
  const block = await provider.getBlock("latest");
  if (!block) throw new InvalidArgumentError("the node returned no latest block");
  return BigInt(block.timestamp);
}

function providerOf(contract: { runner: ContractRunner | null }): Provider {
  const p = contract.runner?.provider ?? (contract.runner as Provider | null);
  if (!p) throw new InvalidArgumentError("the contract handle has no provider");
  return p as Provider;
}

// ------------------------------------------------------------------------------------------------ jobs

/** A marketplace job with its stored status and its derived state (names of the Solidity enums). */
export interface JobEntity {
  readonly jobId: bigint;
  readonly consumer: string;
  /** The accepted provider (zero address before `accept`). */
  readonly provider: string;
  readonly status: keyof typeof JobStatus;
  readonly state: keyof typeof JobState;
  readonly minTier: number;
  readonly sizeClass: number;
  /** Unix seconds. */
  readonly bidDeadline: bigint;
  readonly revealDeadline: bigint;
  readonly completionDeadline: bigint;
  readonly submittedAt: bigint;
  readonly reviewEndsAt: bigint;
  /** Wei. */
  readonly maxPrice: bigint;
  /** Accepted price held in escrow (wei; 0 before `accept`). */
  readonly price: bigint;
  /** Fee shares fixed at accept (bps). */
  readonly networkFeeBps: bigint;
  readonly treasuryFeeBps: bigint;
  readonly burnBps: bigint;
  /**
   * Bids revealed on the job at or below its class's reference price at the time (SIM-02): the supply it reports to
   * the pricing oracle when it settles.
   */
  readonly supplyBids: bigint;
  readonly openDisputes: bigint;
  readonly modelHash: string;
  readonly inputHash: string;
  readonly outputHash: string;
  readonly receiptHash: string;
}

/**
 * One job, with its state derived at the latest block (or at `now`).
 *
 * @example
 * const job = await readJob(marketplace, 1n);
 * if (job.state === "Awarding") await accept(consumer, marketplaceAddress, 1n, provider);
 */
export async function readJob(marketplace: InferenceMarketplace, jobId: bigint, now?: bigint): Promise<JobEntity> {
  const id = uintArg(jobId, "jobId");
  return read("InferenceMarketplace", async () => {
    const [j, t] = await Promise.all([marketplace.getJob(id), now ?? chainTime(providerOf(marketplace))]);
    const status = Number(j.status) as JobStatus;
    const state = deriveJobState(
      {
        status,
        bidDeadline: j.bidDeadline,
        revealDeadline: j.revealDeadline,
        completionDeadline: j.completionDeadline,
        reviewEndsAt: j.reviewEndsAt,
        openDisputes: j.openDisputes,
      },
      t,
    );
    return {
      jobId: id,
      consumer: j.consumer,
      provider: j.provider,
      status: JobStatus[status] as keyof typeof JobStatus,
      state: JobState[state] as keyof typeof JobState,
      minTier: Number(j.minTier),
      sizeClass: Number(j.sizeClass),
      bidDeadline: j.bidDeadline,
      revealDeadline: j.revealDeadline,
      completionDeadline: j.completionDeadline,
      submittedAt: j.submittedAt,
      reviewEndsAt: j.reviewEndsAt,
      maxPrice: j.maxPrice,
      price: j.price,
      networkFeeBps: j.networkFeeBps,
      treasuryFeeBps: j.treasuryFeeBps,
      burnBps: j.burnBps,
      supplyBids: j.supplyBids,
      openDisputes: j.openDisputes,
      modelHash: j.modelHash,
      inputHash: j.inputHash,
      outputHash: j.outputHash,
      receiptHash: j.receiptHash,
    };
  });
}

/**
 * Jobs `fromId..jobCount()` (inclusive; ids start at 1), at most `limit` of them: how agents page through new jobs.
 *
 * @example
 * const fresh = await readJobs(marketplace, lastSeen + 1n);
 */
export async function readJobs(marketplace: InferenceMarketplace, fromId = 1n, limit = 100): Promise<JobEntity[]> {
  const from = uintArg(fromId, "fromId") === 0n ? 1n : fromId;
  const [count, now] = await Promise.all([
    read("InferenceMarketplace", () => marketplace.jobCount()),
    chainTime(providerOf(marketplace)),
  ]);
  const out: Promise<JobEntity>[] = [];
  for (let id = from; id <= count && out.length < limit; id++) out.push(readJob(marketplace, id, now));
  return Promise.all(out);
}

/** A provider's sealed bid on a job. */
export interface BidEntity {
  readonly jobId: bigint;
  readonly provider: string;
  /** Zero when the provider did not commit. */
  readonly commitment: string;
  /** Revealed price (wei; 0 before the reveal). */
  readonly price: bigint;
  readonly revealed: boolean;
}

/**
 * A provider's bid on a job.
 *
 * @example
 * const { revealed, price } = await readBid(marketplace, 1n, provider);
 */
export async function readBid(marketplace: InferenceMarketplace, jobId: bigint, provider: string): Promise<BidEntity> {
  const id = uintArg(jobId, "jobId");
  const who = parseAddress(provider, "provider");
  return read("InferenceMarketplace", async () => {
    const [commitment, price, revealed] = await marketplace.bidOf(id, who);
    return { jobId: id, provider: who, commitment, price, revealed };
  });
}

/**
 * The revealed bids of a job, from its `BidRevealed` events (chunked log queries), lowest price first.
 *
 * @example
 * const [cheapest] = await readRevealedBids(marketplace, 1n);
 */
export async function readRevealedBids(
  marketplace: InferenceMarketplace,
  jobId: bigint,
  options: { fromBlock?: number; chunkSize?: number } = {},
): Promise<BidEntity[]> {
  const id = uintArg(jobId, "jobId");
  const logs = await queryChunked(marketplace, marketplace.filters.BidRevealed(id), options);
  const bids = logs.map((l) => ({
    jobId: id,
    provider: l.args[1] as string,
    commitment: "",
    price: l.args[2] as bigint,
    revealed: true,
  }));
  const full = await Promise.all(bids.map((b) => readBid(marketplace, id, b.provider)));
  return full.sort((a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : 0));
}

/** The legs of a settled job's payment (all zero unless Settled). */
export interface ReceiptEntity {
  readonly jobId: bigint;
  /** Wei paid to the provider. */
  readonly providerReward: bigint;
  /** Wei accrued for stakers. */
  readonly networkFee: bigint;
  /** Wei accrued for the treasury. */
  readonly treasuryFee: bigint;
  /** Wei accrued for burning. */
  readonly burned: bigint;
}

/**
 * The payment legs of a job.
 *
 * @example
 * const r = await readReceipt(marketplace, 1n); // r.providerReward + r.networkFee + r.treasuryFee + r.burned == price
 */
export async function readReceipt(marketplace: InferenceMarketplace, jobId: bigint): Promise<ReceiptEntity> {
  const id = uintArg(jobId, "jobId");
  return read("InferenceMarketplace", async () => {
    const r = await marketplace.receiptOf(id);
    return {
      jobId: id,
      providerReward: r.providerReward,
      networkFee: r.networkFee,
      treasuryFee: r.treasuryFee,
      burned: r.burned,
    };
  });
}

/** Marketplace-wide counters. */
export interface MarketTotals {
  readonly jobCount: bigint;
  readonly openJobs: bigint;
  /** Wei held in escrow for open jobs. */
  readonly totalEscrowed: bigint;
  /** Accrued fee legs not yet flushed (wei). */
  readonly pendingNetworkFee: bigint;
  readonly pendingTreasuryFee: bigint;
  readonly pendingBurn: bigint;
}

/**
 * Job count, open jobs, escrow and the fees waiting for `flushFees`.
 *
 * @example
 * const { totalEscrowed } = await readMarketTotals(marketplace);
 */
export async function readMarketTotals(marketplace: InferenceMarketplace): Promise<MarketTotals> {
  return read("InferenceMarketplace", async () => {
    const [jobCount, openJobs, totalEscrowed, fees] = await Promise.all([
      marketplace.jobCount(),
      marketplace.openJobCount(),
      marketplace.totalEscrowed(),
      marketplace.pendingFees(),
    ]);
    return {
      jobCount,
      openJobs,
      totalEscrowed,
      pendingNetworkFee: fees[0],
      pendingTreasuryFee: fees[1],
      pendingBurn: fees[2],
    };
  });
}

// ------------------------------------------------------------------------------------------------ disputes

/** A dispute with its stored status and derived state. */
export interface DisputeEntity {
  readonly disputeId: string;
  readonly jobId: bigint;
  readonly challenger: string;
  readonly provider: string;
  readonly status: keyof typeof DisputeStatus;
  readonly state: keyof typeof DisputeState;
  readonly outcome: keyof typeof Outcome;
  /** Unix seconds. */
  readonly commitEndsAt: bigint;
  readonly revealEndsAt: bigint;
  readonly decidedAt: bigint;
  readonly upVotes: bigint;
  readonly downVotes: bigint;
  readonly quorum: bigint;
  /** Wei. */
  readonly bond: bigint;
  readonly slashAmount: bigint;
  readonly evidenceHash: string;
  /** Challengers sharing the outcome (SEC-01) and validators drawn to vote (SEC-04). */
  readonly challengerCount: bigint;
  readonly committeeSize: bigint;
  /** Who appealed (zero address if nobody) and the appeal bond (wei, SEC-03). */
  readonly appellant: string;
  readonly appealBond: bigint;
  /** Receiver of the challenger leg when several challengers upheld (zero address otherwise). */
  readonly rewardSplitter: string;
}

/**
 * One dispute by id (`disputeIdOf(jobId)`, one per job), state derived at the latest block.
 *
 * @example
 * const d = await readDispute(disputes, disputeIdOf(1n));
 * if (d.state === "Commit") await commitVote(validator, disputesAddress, d.disputeId, true, store);
 */
export async function readDispute(disputes: DisputeManager, disputeId: string, now?: bigint): Promise<DisputeEntity> {
  if (!/^0x[0-9a-fA-F]{64}$/.test(disputeId)) {
    throw new InvalidArgumentError("disputeId must be a 32-byte hex string", { details: { disputeId } });
  }
  return read("DisputeManager", async () => {
    const [d, t] = await Promise.all([disputes.getDispute(disputeId), now ?? chainTime(providerOf(disputes))]);
    const status = Number(d.status) as DisputeStatus;
    const state = deriveDisputeState(
      {
        status,
        commitEndsAt: d.commitEndsAt,
        revealEndsAt: d.revealEndsAt,
        decidedAt: d.decidedAt,
        appealedAt: d.appealedAt,
        appealWindow: d.appealWindow,
        appealTimeout: d.appealTimeout,
      },
      t,
    );
    return {
      disputeId: disputeId.toLowerCase(),
      jobId: d.jobId,
      challenger: d.challenger,
      provider: d.provider,
      status: DisputeStatus[status] as keyof typeof DisputeStatus,
      state: DisputeState[state] as keyof typeof DisputeState,
      outcome: Outcome[Number(d.outcome)] as keyof typeof Outcome,
      commitEndsAt: d.commitEndsAt,
      revealEndsAt: d.revealEndsAt,
      decidedAt: d.decidedAt,
      upVotes: d.upVotes,
      downVotes: d.downVotes,
      quorum: d.quorum,
      bond: d.bond,
      slashAmount: d.slashAmount,
      evidenceHash: d.evidenceHash,
      challengerCount: d.challengerCount,
      committeeSize: d.committeeSize,
      appellant: d.appellant,
      appealBond: d.appealBond,
      rewardSplitter: d.rewardSplitter,
    };
  });
}

/**
 * Ids of the disputes opened since `fromBlock`, from `DisputeOpened` events (chunked log queries).
 *
 * @example
 * const ids = await readDisputeIds(disputes, { fromBlock: lastBlock + 1 });
 */
export async function readDisputeIds(
  disputes: DisputeManager,
  options: { fromBlock?: number; toBlock?: number; chunkSize?: number } = {},
): Promise<string[]> {
  const logs = await queryChunked(disputes, disputes.filters.DisputeOpened(), options);
  return logs.map((l) => (l.args[0] as string).toLowerCase());
}

/** A validator's registration in the DisputeManager. */
export interface ValidatorEntity {
  readonly address: string;
  /** Wei staked. */
  readonly stake: bigint;
  readonly active: boolean;
  readonly openCommits: bigint;
  /** Unix seconds; 0 while active. */
  readonly exitAvailableAt: bigint;
}

/**
 * A validator's stake and status.
 *
 * @example
 * const { active } = await readValidator(disputes, wallet.address);
 */
export async function readValidator(disputes: DisputeManager, validator: string): Promise<ValidatorEntity> {
  const who = parseAddress(validator, "validator");
  return read("DisputeManager", async () => {
    const v = await disputes.getValidator(who);
    return {
      address: who,
      stake: v.stake,
      active: v.active,
      openCommits: BigInt(v.openCommits),
      exitAvailableAt: v.exitAvailableAt,
    };
  });
}

/** A validator's vote on a dispute. */
export interface VoteEntity {
  readonly commitment: string;
  /** 0 unrevealed, 1 upheld, 2 rejected (as `DisputeManager.voteOf`). */
  readonly side: number;
  readonly settled: boolean;
}

/**
 * A validator's vote on a dispute.
 *
 * @example
 * const { commitment, side } = await readVote(disputes, disputeId, validator);
 */
export async function readVote(disputes: DisputeManager, disputeId: string, validator: string): Promise<VoteEntity> {
  const who = parseAddress(validator, "validator");
  return read("DisputeManager", async () => {
    const [commitment, side, settled] = await disputes.voteOf(disputeId, who);
    return { commitment, side: Number(side), settled };
  });
}

// ------------------------------------------------------------------------------------------------ channels

/** Channel state names, numbered as `IPaymentChannels.ChannelState`. */
export const CHANNEL_STATES = ["None", "Open", "Expired", "Closing", "Settleable", "Closed"] as const;

/** A payment channel. */
export interface ChannelEntity {
  readonly channelId: bigint;
  readonly consumer: string;
  readonly provider: string;
  /** Wei deposited in total. */
  readonly deposit: bigint;
  /** Wei already paid to the provider. */
  readonly collected: bigint;
  /** Unix seconds. */
  readonly expiry: bigint;
  /** End of the settle window after `startClose` (0 before). */
  readonly settleDeadline: bigint;
  readonly closed: boolean;
  readonly state: (typeof CHANNEL_STATES)[number];
}

/**
 * One channel with its state (as `PaymentChannels.state`).
 *
 * @example
 * const ch = await readChannel(channels, 1n); // ch.deposit - ch.collected is what the channel still holds
 */
export async function readChannel(channels: PaymentChannels, channelId: bigint): Promise<ChannelEntity> {
  const id = uintArg(channelId, "channelId");
  return read("PaymentChannels", async () => {
    const [c, state] = await Promise.all([channels.getChannel(id), channels.state(id)]);
    return {
      channelId: id,
      consumer: c.consumer,
      provider: c.provider,
      deposit: c.deposit,
      collected: c.collected,
      expiry: c.expiry,
      settleDeadline: c.settleDeadline,
      closed: c.closed,
      state: CHANNEL_STATES[Number(state)] ?? "None",
    };
  });
}

/**
 * What `verifyVoucher` needs to know about a channel: deposit, consumer, state and the consumer's active
 * delegated signers among `candidates` (signers the provider was told about).
 *
 * @example
 * const view = await readChannelView(channels, 1n, [hotKey]);
 */
export async function readChannelView(
  channels: PaymentChannels,
  channelId: bigint,
  candidates: readonly string[] = [],
): Promise<ChannelView & { readonly collected: bigint; readonly provider: string }> {
  const ch = await readChannel(channels, channelId);
  const active = await read("PaymentChannels", () =>
    Promise.all(candidates.map((s) => channels.isAuthorizedSigner(ch.consumer, parseAddress(s, "signer")))),
  );
  return {
    channelId: ch.channelId,
    consumer: ch.consumer,
    provider: ch.provider,
    deposit: ch.deposit,
    collected: ch.collected,
    state: ch.state,
    signers: candidates.filter((_, i) => active[i]),
  };
}

/**
 * The channels contract's EIP-712 domain as the chain reports it (`eip712Domain()`).
 *
 * @example
 * const actual = await readChannelsDomain(channels);
 * assertVoucherDomain({ chainId: book.chainId, verifyingContract: addressOf(book, "channels") }, actual);
 */
export async function readChannelsDomain(channels: PaymentChannels): Promise<ChannelsDomain> {
  return read("PaymentChannels", async () => {
    const d = await channels.eip712Domain();
    return { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
  });
}

/**
 * The deployment the address book expects for the channels contract.
 *
 * @example
 * const expected = channelsDeployment(book.chainId, addressOf(book, "channels"));
 */
export function channelsDeployment(chainId: bigint, channelsAddress: string): ChannelsDeployment {
  return { chainId, verifyingContract: parseAddress(channelsAddress, "channels") };
}

// ------------------------------------------------------------------------------------------------ prices

/** The reference price of one model size class. */
export interface PriceQuote {
  readonly sizeClass: number;
  /** Current reference price (wei per job). */
  readonly referencePrice: bigint;
  readonly baseRate: bigint;
  readonly floor: bigint;
  readonly ceiling: bigint;
  /** Smoothed demand and supply per update interval (18 decimals, as stored): settled jobs weighted by their price over
   * the reference price, and that weight times each job's revealed bids. */
  readonly demandEma: bigint;
  readonly supplyEma: bigint;
}

/**
 * The reference price of `sizeClass` (base rate x demand/supply, smoothed, bounded).
 *
 * @example
 * formatAmount((await readPriceQuote(oracle, 1)).referencePrice); // "5"
 */
export async function readPriceQuote(oracle: PricingOracle, sizeClass: number): Promise<PriceQuote> {
  if (!Number.isInteger(sizeClass) || sizeClass < 0 || sizeClass > 255) {
    throw new InvalidArgumentError("sizeClass must be an integer 0..255", { details: { sizeClass } });
  }
  return read("PricingOracle", async () => {
    const [price, c] = await Promise.all([oracle.referencePrice(sizeClass), oracle.getSizeClass(sizeClass)]);
    return {
      sizeClass,
      referencePrice: price,
      baseRate: c.baseRate,
      floor: c.floor,
      ceiling: c.ceiling,
      demandEma: c.demandEma,
      supplyEma: c.supplyEma,
    };
  });
}

/** The adaptive network fee. */
export interface NetworkFee {
  /** Whole basis points the marketplace charges now. */
  readonly networkFeeBps: bigint;
  /** The same with 18 decimals of precision. */
  readonly networkFeeBpsWad: bigint;
  /** Congestion (demand / supply) in bps. */
  readonly congestionBps: bigint;
  /** Unix seconds of the last and next possible update. */
  readonly lastUpdate: bigint;
  readonly nextUpdateAt: bigint;
}

/**
 * The network fee and the congestion it adapts to.
 *
 * @example
 * (await readNetworkFee(oracle)).networkFeeBps; // 250n at deployment
 */
export async function readNetworkFee(oracle: PricingOracle): Promise<NetworkFee> {
  return read("PricingOracle", async () => {
    const [bps, wad, congestion, last, next] = await Promise.all([
      oracle.networkFeeBps(),
      oracle.networkFeeBpsWad(),
      oracle.congestionBps(),
      oracle.lastUpdate(),
      oracle.nextUpdateAt(),
    ]);
    return {
      networkFeeBps: bps,
      networkFeeBpsWad: wad,
      congestionBps: congestion,
      lastUpdate: last,
      nextUpdateAt: next,
    };
  });
}

// ------------------------------------------------------------------------------------------------ metrics

/** The economy in one view (SPEC "Metrics"). */
export interface MetricsEntity {
  /** Wei locked in staking, escrow, channels, validator stakes and bonds. */
  readonly totalValueLocked: bigint;
  readonly circulatingSupply: bigint;
  readonly burned: bigint;
  readonly stakingRatioBps: bigint;
  readonly activeValidators: bigint;
  readonly openJobs: bigint;
  readonly governanceProposals: bigint;
  readonly totalSupply: bigint;
  /** Unix seconds of the block read. */
  readonly timestamp: bigint;
}

/**
 * The QuiverMetrics view.
 *
 * @example
 * const { totalValueLocked, openJobs } = await readMetrics(metrics);
 */
export async function readMetrics(metrics: QuiverMetrics): Promise<MetricsEntity> {
  return read("QuiverMetrics", async () => {
    const m = await metrics.metrics();
    return {
      totalValueLocked: m.totalValueLocked,
      circulatingSupply: m.circulatingSupply,
      burned: m.burned,
      stakingRatioBps: m.stakingRatioBps,
      activeValidators: m.activeValidators,
      openJobs: m.openJobs,
      governanceProposals: m.governanceProposals,
      totalSupply: m.totalSupply,
      timestamp: m.timestamp,
    };
  });
}

// ------------------------------------------------------------------------------------------------ logs

interface Queryable {
  runner: ContractRunner | null;
  queryFilter(filter: never, from?: number, to?: number | string): Promise<unknown[]>;
}

/** `queryFilter` in chunks of `chunkSize` blocks (default 2,000), ending at "latest". */
async function queryChunked(
  contract: unknown,
  filter: unknown,
  options: { fromBlock?: number; toBlock?: number; chunkSize?: number },
): Promise<EventLog[]> {
  const c = contract as Queryable;
  const chunk = options.chunkSize ?? 2_000;
  if (!Number.isInteger(chunk) || chunk < 1) throw new InvalidArgumentError("chunkSize must be a positive integer");
  const provider = providerOf(c);
  const from = options.fromBlock ?? 0;
  const to = options.toBlock ?? (await provider.getBlockNumber());
  const out: EventLog[] = [];
  for (let start = from; start <= to; start += chunk) {
    const end = Math.min(start + chunk - 1, to);
    const endTag = options.toBlock === undefined && end === to ? "latest" : end;
    const logs = await c.queryFilter(filter as never, start, endTag);
    out.push(...(logs as EventLog[]));
  }
  return out;
}
