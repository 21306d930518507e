/**
 * Builders and senders of the QUIVer market: jobs (post, sealed bids, accept, submit, settle, refund), payment
 * channels (open, top up, collect, close, delegated signers) and vouchers signed against the chain's EIP-712 domain,
 * disputes (challenge, commit-reveal votes, resolve, finalize) and validators.
 *
 * Sealed bids and votes need a secret salt between commit and reveal: the senders draw it, write it to a
 * {@link SaltStore} *before* the commit is sent (so a crash after sending can still reveal), and the reveal reads it
 * back. The file-backed store (sdk/kit/node/store.ts, `JsonFileStore`) keeps it in a file so a bid committed by one
 * process can be revealed by another (the CLI, an agent restart); this layer writes no files.
 */
import { ensureAllowance } from "../../kit/tx/send";

import { MemorySaltStore, newSalt, type SaltStore } from "../../kit/tx/salts";
import { getAddress, type Interface, Signature, type Signer, type TransactionReceipt } from "ethers";
import { InvalidArgumentError, InvariantError } from "../../kit/core/errors";
import { MAX_UINT256 } from "../../kit/core/feeSplit";
import { parseAddress } from "../../kit/core/units";
import { bidCommitment, disputeIdOf, voteCommitment } from "../core/market";
import {
  verifyVoucher,
  type ChannelsDeployment,
  type SignedVoucher,
  type Voucher,
  type VoucherAcceptance,
} from "../core/voucher";
import {
  DisputeManager__factory,
  InferenceMarketplace__factory,
  PaymentChannels__factory,
  QuivToken__factory,
  type PaymentChannels,
} from "../../kit/chain/contracts";
import { connectQuivToken } from "../chain/contracts";
import { signVoucher } from "../chain/voucher";
import { toKitError } from "../../kit/chain/decoder";
import { readChannelsDomain, readChannelView } from "../chain/market";
import { sendTx, type SendOptions } from "../../kit/tx/send";
import { signPermit } from "../../kit/tx/signing";
import type { TxRequest } from "../../kit/tx/builders";

const MARKET = InferenceMarketplace__factory.createInterface();
const CHANNELS = PaymentChannels__factory.createInterface();
const DISPUTES = DisputeManager__factory.createInterface();
const QUIV = QuivToken__factory.createInterface();

export { MemorySaltStore, newSalt, type SaltStore };

function uint(value: bigint, label: string, max: bigint = MAX_UINT256): bigint {
  if (typeof value !== "bigint") throw new InvalidArgumentError(`${label} must be a bigint`);
  if (value < 0n) throw new InvalidArgumentError(`${label} must not be negative`, { details: { [label]: value } });
  if (value > max) throw new InvalidArgumentError(`${label} is too large`, { details: { [label]: value, max } });
  return value;
}

function bytes32(value: string, label: string, nonZero = true): string {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new InvalidArgumentError(`${label} must be a 0x-prefixed 32-byte hex string`, {
      details: { [label]: value },
    });
  }
  if (nonZero && /^0x0{64}$/.test(value)) throw new InvalidArgumentError(`${label} must not be zero`);
  return value.toLowerCase();
}

function smallInt(value: number, label: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`${label} must be an integer ${min}..${max}`, { details: { [label]: value } });
  }
  return value;
}

function tx(to: string, data: string): TxRequest {
  return Object.freeze({ to: parseAddress(to, "contract"), data, value: 0n });
}

// ------------------------------------------------------------------------------------------------ salt store

/**
 * Store key of a sealed bid.
 *
 * @example
 * JSON.parse(store.get(bidKey(marketplace, 1n, provider))!); // { price, salt }
 */
export function bidKey(marketplace: string, jobId: bigint, provider: string): string {
  return `bid:${getAddress(marketplace)}:${jobId}:${getAddress(provider)}`;
}

/**
 * Store key of a vote.
 *
 * @example
 * store.get(voteKey(disputes, disputeId, validator)); // '{"upheld":true,"salt":"0x…"}'
 */
export function voteKey(disputes: string, disputeId: string, validator: string): string {
  return `vote:${getAddress(disputes)}:${disputeId.toLowerCase()}:${getAddress(validator)}`;
}

// ------------------------------------------------------------------------------------------------ builders: jobs

/** Input of `post` (InferenceMarketplace.JobRequest). */
export interface JobRequest {
  readonly modelHash: string;
  readonly inputHash: string;
  /** Wei. */
  readonly maxPrice: bigint;
  /** Unix seconds. */
  readonly bidDeadline: bigint;
  readonly completionDeadline: bigint;
  /** 1..4. */
  readonly minTier: number;
  /** PricingOracle size class. */
  readonly sizeClass: number;
}

/**
 * `InferenceMarketplace.post(request)`.
 *
 * @example
 * buildPost(marketplace, { modelHash, inputHash, maxPrice: parseAmount("10"), bidDeadline, completionDeadline, minTier: 1, sizeClass: 1 });
 */
export function buildPost(marketplace: string, r: JobRequest): TxRequest {
  const request = {
    modelHash: bytes32(r.modelHash, "modelHash"),
    inputHash: bytes32(r.inputHash, "inputHash"),
    maxPrice: uint(r.maxPrice, "maxPrice", (1n << 128n) - 1n),
    bidDeadline: uint(r.bidDeadline, "bidDeadline", (1n << 48n) - 1n),
    completionDeadline: uint(r.completionDeadline, "completionDeadline", (1n << 64n) - 1n),
    minTier: smallInt(r.minTier, "minTier", 0, 255),
    sizeClass: smallInt(r.sizeClass, "sizeClass", 0, 255),
  };
  if (request.completionDeadline <= request.bidDeadline) {
    throw new InvalidArgumentError("completionDeadline must be after bidDeadline", { details: { ...request } });
  }
  return tx(marketplace, MARKET.encodeFunctionData("post", [request]));
}

/**
 * `commitBid(jobId, commitment)` with `commitment = bidCommitment(jobId, provider, price, salt)`.
 *
 * @example
 * buildCommitBid(marketplace, 1n, bidCommitment(1n, provider, price, salt));
 */
export function buildCommitBid(marketplace: string, jobId: bigint, commitment: string): TxRequest {
  return tx(
    marketplace,
    MARKET.encodeFunctionData("commitBid", [uint(jobId, "jobId"), bytes32(commitment, "commitment")]),
  );
}

/**
 * `revealBid(jobId, price, salt)`.
 *
 * @example
 * buildRevealBid(marketplace, 1n, parseAmount("4"), salt);
 */
export function buildRevealBid(marketplace: string, jobId: bigint, price: bigint, salt: string): TxRequest {
  return tx(
    marketplace,
    MARKET.encodeFunctionData("revealBid", [uint(jobId, "jobId"), uint(price, "price"), bytes32(salt, "salt", false)]),
  );
}

/**
 * `accept(jobId, provider)`: escrows the revealed price (needs an allowance).
 *
 * @example
 * buildAccept(marketplace, 1n, provider);
 */
export function buildAccept(marketplace: string, jobId: bigint, provider: string): TxRequest {
  return tx(
    marketplace,
    MARKET.encodeFunctionData("accept", [uint(jobId, "jobId"), parseAddress(provider, "provider")]),
  );
}

/**
 * `acceptWithPermit(jobId, provider, deadline, v, r, s)`: escrows the price with an EIP-2612 permit.
 *
 * @example
 * buildAcceptWithPermit(marketplace, 1n, provider, permit.deadline, permit.signature);
 */
export function buildAcceptWithPermit(
  marketplace: string,
  jobId: bigint,
  provider: string,
  deadline: bigint,
  signature: string,
): TxRequest {
  const sig = Signature.from(signature);
  return tx(
    marketplace,
    MARKET.encodeFunctionData("acceptWithPermit", [
      uint(jobId, "jobId"),
      parseAddress(provider, "provider"),
      uint(deadline, "deadline"),
      sig.v,
      sig.r,
      sig.s,
    ]),
  );
}

/**
 * `submit(jobId, outputHash, receiptHash)`.
 *
 * @example
 * buildSubmit(marketplace, 1n, id("output"), id("receipt"));
 */
export function buildSubmit(marketplace: string, jobId: bigint, outputHash: string, receiptHash: string): TxRequest {
  return tx(
    marketplace,
    MARKET.encodeFunctionData("submit", [
      uint(jobId, "jobId"),
      bytes32(outputHash, "outputHash"),
      bytes32(receiptHash, "receiptHash"),
    ]),
  );
}

/** The marketplace actions that take only a job id. */
export type JobAction = "confirm" | "release" | "refundExpired" | "cancel";

/**
 * `confirm`, `release`, `refundExpired` or `cancel` of a job.
 *
 * @example
 * buildJobAction(marketplace, "confirm", 1n);
 */
export function buildJobAction(marketplace: string, action: JobAction, jobId: bigint): TxRequest {
  if (!["confirm", "release", "refundExpired", "cancel"].includes(action)) {
    throw new InvalidArgumentError(`unknown job action "${action}"`);
  }
  return tx(marketplace, (MARKET as Interface).encodeFunctionData(action, [uint(jobId, "jobId")]));
}

/**
 * `flushFees()`: moves the accrued network fee to stakers, the treasury fee to the Treasury, and burns the rest.
 *
 * @example
 * buildFlushFees(marketplace);
 */
export function buildFlushFees(marketplace: string): TxRequest {
  return tx(marketplace, MARKET.encodeFunctionData("flushFees"));
}

// ------------------------------------------------------------------------------------------------ builders: channels

/**
 * `open(provider, amount, expiry)`: needs an allowance of `amount` for the channels contract.
 *
 * @example
 * buildOpenChannel(channels, provider, parseAmount("50"), now + 86_400n);
 */
export function buildOpenChannel(channels: string, provider: string, amount: bigint, expiry: bigint): TxRequest {
  return tx(
    channels,
    CHANNELS.encodeFunctionData("open", [
      parseAddress(provider, "provider"),
      uint(amount, "amount"),
      uint(expiry, "expiry", (1n << 64n) - 1n),
    ]),
  );
}

/**
 * `topUp(channelId, amount)`.
 *
 * @example
 * buildTopUp(channels, 1n, parseAmount("10"));
 */
export function buildTopUp(channels: string, channelId: bigint, amount: bigint): TxRequest {
  return tx(channels, CHANNELS.encodeFunctionData("topUp", [uint(channelId, "channelId"), uint(amount, "amount")]));
}

/**
 * `collect` (channel stays open) or `close` (pays and refunds the rest) with a signed voucher; provider only.
 *
 * @example
 * buildVoucherRedeem(channels, "close", signedVoucher);
 */
export function buildVoucherRedeem(channels: string, action: "collect" | "close", v: SignedVoucher): TxRequest {
  if (action !== "collect" && action !== "close") throw new InvalidArgumentError(`unknown action "${action}"`);
  return tx(
    channels,
    (CHANNELS as Interface).encodeFunctionData(action, [
      uint(v.channelId, "channelId"),
      {
        cumulativeAmount: uint(v.cumulativeAmount, "cumulativeAmount"),
        tokensGenerated: uint(v.tokensGenerated, "tokensGenerated"),
      },
      v.signature,
    ]),
  );
}

/**
 * `startClose(channelId)` (consumer, after expiry) or `finalize(channelId)` (anyone, after the settle window).
 *
 * @example
 * buildChannelAction(channels, "startClose", 1n);
 */
export function buildChannelAction(channels: string, action: "startClose" | "finalize", channelId: bigint): TxRequest {
  if (action !== "startClose" && action !== "finalize") throw new InvalidArgumentError(`unknown action "${action}"`);
  return tx(channels, (CHANNELS as Interface).encodeFunctionData(action, [uint(channelId, "channelId")]));
}

/**
 * `authorizeSigner(signer)` or `revokeSigner(signer)`: a hot key that may sign the caller's vouchers.
 *
 * @example
 * buildSignerAction(channels, "authorizeSigner", hotKey);
 */
export function buildSignerAction(
  channels: string,
  action: "authorizeSigner" | "revokeSigner",
  signer: string,
): TxRequest {
  if (action !== "authorizeSigner" && action !== "revokeSigner") {
    throw new InvalidArgumentError(`unknown action "${action}"`);
  }
  return tx(channels, (CHANNELS as Interface).encodeFunctionData(action, [parseAddress(signer, "signer")]));
}

// ------------------------------------------------------------------------------------------------ builders: disputes

/**
 * `challenge(jobId, evidenceHash)`: posts the bond (needs an allowance for the DisputeManager).
 *
 * @example
 * buildChallenge(disputes, 1n, id("evidence"));
 */
export function buildChallenge(disputes: string, jobId: bigint, evidenceHash: string): TxRequest {
  return tx(
    disputes,
    DISPUTES.encodeFunctionData("challenge", [uint(jobId, "jobId"), bytes32(evidenceHash, "evidenceHash")]),
  );
}

/**
 * `commitVote(disputeId, commitment)` with `commitment = voteCommitment(disputeId, validator, upheld, salt)`.
 *
 * @example
 * buildCommitVote(disputes, disputeId, voteCommitment(disputeId, validator, true, salt));
 */
export function buildCommitVote(disputes: string, disputeId: string, commitment: string): TxRequest {
  return tx(
    disputes,
    DISPUTES.encodeFunctionData("commitVote", [bytes32(disputeId, "disputeId"), bytes32(commitment, "commitment")]),
  );
}

/**
 * `revealVote(disputeId, upheld, salt)`.
 *
 * @example
 * buildRevealVote(disputes, disputeId, true, salt);
 */
export function buildRevealVote(disputes: string, disputeId: string, upheld: boolean, salt: string): TxRequest {
  if (typeof upheld !== "boolean") throw new InvalidArgumentError("upheld must be a boolean");
  return tx(
    disputes,
    DISPUTES.encodeFunctionData("revealVote", [bytes32(disputeId, "disputeId"), upheld, bytes32(salt, "salt", false)]),
  );
}

/**
 * `resolve(disputeId)` (tally after the reveal window) or `finalize(disputeId)` (after the appeal window).
 *
 * @example
 * buildDisputeAction(disputes, "resolve", disputeId);
 */
export function buildDisputeAction(disputes: string, action: "resolve" | "finalize", disputeId: string): TxRequest {
  if (action !== "resolve" && action !== "finalize") throw new InvalidArgumentError(`unknown action "${action}"`);
  return tx(disputes, (DISPUTES as Interface).encodeFunctionData(action, [bytes32(disputeId, "disputeId")]));
}

/**
 * `penalizeNonReveal(disputeId, validator)` (committed, did not reveal) or `penalizeNonCommit(disputeId,
 * validator)` (a committee member that did not commit, SEC-04). Anyone, after the phase is over.
 *
 * @example
 * buildPenalize(disputes, "nonCommit", disputeId, validator);
 */
export function buildPenalize(
  disputes: string,
  kind: "nonReveal" | "nonCommit",
  disputeId: string,
  validator: string,
): TxRequest {
  if (kind !== "nonReveal" && kind !== "nonCommit") throw new InvalidArgumentError(`unknown penalty "${kind}"`);
  const id = bytes32(disputeId, "disputeId");
  const who = parseAddress(validator, "validator");
  return tx(
    disputes,
    kind === "nonReveal"
      ? DISPUTES.encodeFunctionData("penalizeNonReveal", [id, who])
      : DISPUTES.encodeFunctionData("penalizeNonCommit", [id, who]),
  );
}

/**
 * `appeal(disputeId)`: the party the decided outcome costs appeals to governance, posting the dispute's
 * appeal bond (needs an allowance for the DisputeManager, SEC-03).
 *
 * @example
 * buildAppeal(disputes, disputeId);
 */
export function buildAppeal(disputes: string, disputeId: string): TxRequest {
  return tx(disputes, DISPUTES.encodeFunctionData("appeal", [bytes32(disputeId, "disputeId")]));
}

/**
 * `stakeAsValidator(amount)` (needs an allowance) or `attest(jobId, score)`.
 *
 * @example
 * buildStakeAsValidator(disputes, parseAmount("10000"));
 */
export function buildStakeAsValidator(disputes: string, amount: bigint): TxRequest {
  return tx(disputes, DISPUTES.encodeFunctionData("stakeAsValidator", [uint(amount, "amount")]));
}

/**
 * `attest(jobId, score)`: a validator's quality score (0..100) of a submitted job.
 *
 * @example
 * buildAttest(disputes, 1n, 90);
 */
export function buildAttest(disputes: string, jobId: bigint, score: number): TxRequest {
  return tx(disputes, DISPUTES.encodeFunctionData("attest", [uint(jobId, "jobId"), smallInt(score, "score", 0, 100)]));
}

// ------------------------------------------------------------------------------------------------ senders

function eventArg(receipt: TransactionReceipt, iface: typeof MARKET | typeof CHANNELS | typeof DISPUTES, name: string) {
  for (const log of receipt.logs) {
    try {
      const parsed = iface.parseLog(log);
      if (parsed?.name === name) return parsed.args;
    } catch {
      // a log of another contract
    }
  }
  throw new InvariantError(`the transaction emitted no ${name}`, { details: { hash: receipt.hash } });
}

/**
 * Posts a job; returns the receipt and the new job id.
 *
 * @example
 * const { jobId } = await postJob(consumer, marketplace, request);
 */
export async function postJob(signer: Signer, marketplace: string, request: JobRequest, options?: SendOptions) {
  const receipt = await sendTx(signer, buildPost(marketplace, request), "InferenceMarketplace", options);
  return { receipt, jobId: eventArg(receipt, MARKET, "JobPosted")[0] as bigint };
}

/**
 * Commits a sealed bid at `price`: draws a salt, stores `{price, salt}` under {@link bidKey} *before* sending, then
 * sends the commitment. Reveal later with {@link revealBid} and the same store.
 *
 * @example
 * const store = new JsonFileStore("salts.json");
 * await commitBid(provider, marketplace, 1n, parseAmount("4"), store);
 */
export async function commitBid(
  signer: Signer,
  marketplace: string,
  jobId: bigint,
  price: bigint,
  store: SaltStore,
  options?: SendOptions,
) {
  const provider = await signer.getAddress();
  uint(price, "price");
  const salt = newSalt();
  const commitment = bidCommitment(uint(jobId, "jobId"), provider, price, salt);
  store.set(bidKey(marketplace, jobId, provider), JSON.stringify({ price: price.toString(), salt }));
  const receipt = await sendTx(signer, buildCommitBid(marketplace, jobId, commitment), "InferenceMarketplace", options);
  return { receipt, commitment, price };
}

/**
 * Reveals the bid committed by {@link commitBid} (price and salt from the store); throws InvalidArgumentError when
 * the store has no bid for this job and signer.
 *
 * @example
 * await revealBid(provider, marketplace, 1n, store);
 */
export async function revealBid(
  signer: Signer,
  marketplace: string,
  jobId: bigint,
  store: SaltStore,
  options?: SendOptions,
) {
  const key = bidKey(marketplace, jobId, await signer.getAddress());
  const saved = store.get(key);
  if (!saved)
    throw new InvalidArgumentError(`no committed bid for job ${jobId} in the salt store`, { details: { key } });
  const { price, salt } = JSON.parse(saved) as { price: string; salt: string };
  const receipt = await sendTx(
    signer,
    buildRevealBid(marketplace, jobId, BigInt(price), salt),
    "InferenceMarketplace",
    options,
  );
  return { receipt, price: BigInt(price) };
}

/**
 * Accepts a revealed bid (the consumer must have approved the price).
 *
 * @example
 * await acceptBid(consumer, marketplace, 1n, provider);
 */
export function acceptBid(signer: Signer, marketplace: string, jobId: bigint, provider: string, options?: SendOptions) {
  return sendTx(signer, buildAccept(marketplace, jobId, provider), "InferenceMarketplace", options);
}

/**
 * Accepts a revealed bid paying through an EIP-2612 permit for exactly the bid's price (no prior approval).
 *
 * @example
 * await acceptBidWithPermit(consumer, marketplace, quiv, 1n, provider, deadline);
 */
export async function acceptBidWithPermit(
  signer: Signer,
  marketplace: string,
  token: string,
  jobId: bigint,
  provider: string,
  deadline: bigint,
  options?: SendOptions,
) {
  const market = InferenceMarketplace__factory.connect(parseAddress(marketplace, "marketplace"), signer);
  const [, price] = await market.bidOf(uint(jobId, "jobId"), parseAddress(provider, "provider")).catch((e: unknown) => {
    throw toKitError(e, "InferenceMarketplace");
  });
  const permit = await signPermit(signer, token, { spender: marketplace, value: price, deadline });
  return sendTx(
    signer,
    buildAcceptWithPermit(marketplace, jobId, provider, deadline, permit.signature),
    "InferenceMarketplace",
    options,
  );
}

/**
 * Submits the output and receipt hashes of an accepted job (provider).
 *
 * @example
 * await submitResult(provider, marketplace, 1n, id("output"), id("receipt"));
 */
export function submitResult(
  signer: Signer,
  marketplace: string,
  jobId: bigint,
  outputHash: string,
  receiptHash: string,
  options?: SendOptions,
) {
  return sendTx(signer, buildSubmit(marketplace, jobId, outputHash, receiptHash), "InferenceMarketplace", options);
}

/**
 * `confirm` (consumer), `release` (anyone after review), `refundExpired` (anyone) or `cancel` (consumer).
 *
 * @example
 * await jobAction(consumer, marketplace, "confirm", 1n);
 */
export function jobAction(
  signer: Signer,
  marketplace: string,
  action: JobAction,
  jobId: bigint,
  options?: SendOptions,
) {
  return sendTx(signer, buildJobAction(marketplace, action, jobId), "InferenceMarketplace", options);
}

/**
 * Flushes the accrued fees (anyone).
 *
 * @example
 * await flushFees(anyone, marketplace);
 */
export function flushFees(signer: Signer, marketplace: string, options?: SendOptions) {
  return sendTx(signer, buildFlushFees(marketplace), "InferenceMarketplace", options);
}

/**
 * Opens a channel (approving the deposit first when needed); returns the receipt and the channel id.
 *
 * @example
 * const { channelId } = await openChannel(consumer, channels, quiv, provider, parseAmount("50"), expiry);
 */
export async function openChannel(
  signer: Signer,
  channels: string,
  token: string,
  provider: string,
  amount: bigint,
  expiry: bigint,
  options?: SendOptions,
) {
  const request = buildOpenChannel(channels, provider, amount, expiry);
  await ensureAllowance(signer, token, channels, amount, options);
  const receipt = await sendTx(signer, request, "PaymentChannels", options);
  return { receipt, channelId: eventArg(receipt, CHANNELS, "ChannelOpened")[0] as bigint };
}

/**
 * Tops a channel up (approving first when needed).
 *
 * @example
 * await topUpChannel(consumer, channels, quiv, 1n, parseAmount("10"));
 */
export async function topUpChannel(
  signer: Signer,
  channels: string,
  token: string,
  channelId: bigint,
  amount: bigint,
  options?: SendOptions,
) {
  const request = buildTopUp(channels, channelId, amount);
  await ensureAllowance(signer, token, channels, amount, options);
  return sendTx(signer, request, "PaymentChannels", options);
}

/**
 * Collects (`"collect"`) or closes (`"close"`) with the latest voucher (provider).
 *
 * @example
 * await redeemVoucher(provider, channels, "close", voucher);
 */
export function redeemVoucher(
  signer: Signer,
  channels: string,
  action: "collect" | "close",
  voucher: SignedVoucher,
  options?: SendOptions,
) {
  return sendTx(signer, buildVoucherRedeem(channels, action, voucher), "PaymentChannels", options);
}

/**
 * `startClose` or `finalize` of a channel.
 *
 * @example
 * await channelAction(consumer, channels, "startClose", 1n);
 */
export function channelAction(
  signer: Signer,
  channels: string,
  action: "startClose" | "finalize",
  channelId: bigint,
  options?: SendOptions,
) {
  return sendTx(signer, buildChannelAction(channels, action, channelId), "PaymentChannels", options);
}

/**
 * Authorizes (or revokes) a delegated voucher signer of the caller.
 *
 * @example
 * await authorizeSigner(consumer, channels, hotKey);
 */
export function authorizeSigner(
  signer: Signer,
  channels: string,
  delegate: string,
  options?: SendOptions & { readonly revoke?: boolean },
) {
  const action = options?.revoke ? "revokeSigner" : "authorizeSigner";
  return sendTx(signer, buildSignerAction(channels, action, delegate), "PaymentChannels", options);
}

/**
 * Signs a voucher after reading the channels contract's `eip712Domain()` from the chain and checking it against the
 * deployment in the address book (`expected`): refuses (VoucherDomainMismatchError) when the chain id or the
 * contract differ, or when the signer is connected to another chain.
 *
 * @example
 * const expected = channelsDeployment(book.chainId, addressOf(book, "channels"));
 * const v = await signChannelVoucher(consumer, q.channels, expected, { channelId: 1n, cumulativeAmount: parseAmount("2"), tokensGenerated: 200n });
 */
export async function signChannelVoucher(
  signer: Signer,
  channels: PaymentChannels,
  expected: ChannelsDeployment,
  voucher: Voucher,
): Promise<SignedVoucher> {
  const actual = await readChannelsDomain(channels);
  return signVoucher(signer, voucher, { expected, actual });
}

/**
 * Checks a received voucher against the chain (domain, channel state, deposit, delegated signers among `signers`)
 * and the highest voucher accepted so far; throws the matching VoucherError, returns the increment otherwise.
 *
 * @example
 * const { increment } = await verifyChannelVoucher(q.channels, expected, voucher, lastAccepted);
 */
export async function verifyChannelVoucher(
  channels: PaymentChannels,
  expected: ChannelsDeployment,
  voucher: SignedVoucher,
  lastAccepted: bigint,
  signers: readonly string[] = [],
): Promise<VoucherAcceptance> {
  const [actual, channel] = await Promise.all([
    readChannelsDomain(channels),
    readChannelView(channels, voucher.channelId, signers),
  ]);
  return verifyVoucher(voucher, { expected, actual, channel, lastAccepted });
}

/**
 * Challenges a submitted job (approving the bond first when needed); returns the dispute id.
 *
 * @example
 * const { disputeId } = await challengeJob(challenger, disputes, quiv, 1n, id("evidence"), parseAmount("100"));
 */
export async function challengeJob(
  signer: Signer,
  disputes: string,
  token: string,
  jobId: bigint,
  evidenceHash: string,
  bond: bigint,
  options?: SendOptions,
) {
  const request = buildChallenge(disputes, jobId, evidenceHash);
  await ensureAllowance(signer, token, disputes, bond, options);
  const receipt = await sendTx(signer, request, "DisputeManager", options);
  return { receipt, disputeId: disputeIdOf(jobId) };
}

/**
 * Commits a vote: draws a salt, stores `{upheld, salt}` under {@link voteKey} before sending.
 *
 * @example
 * await commitVote(validator, disputes, disputeId, true, store);
 */
export async function commitVote(
  signer: Signer,
  disputes: string,
  disputeId: string,
  upheld: boolean,
  store: SaltStore,
  options?: SendOptions,
) {
  const validator = await signer.getAddress();
  const id = bytes32(disputeId, "disputeId");
  const salt = newSalt();
  const commitment = voteCommitment(id, validator, upheld, salt);
  store.set(voteKey(disputes, id, validator), JSON.stringify({ upheld, salt }));
  const receipt = await sendTx(signer, buildCommitVote(disputes, id, commitment), "DisputeManager", options);
  return { receipt, commitment };
}

/**
 * Reveals the vote committed by {@link commitVote} (side and salt from the store).
 *
 * @example
 * await revealVote(validator, disputes, disputeId, store);
 */
export async function revealVote(
  signer: Signer,
  disputes: string,
  disputeId: string,
  store: SaltStore,
  options?: SendOptions,
) {
  const id = bytes32(disputeId, "disputeId");
  const key = voteKey(disputes, id, await signer.getAddress());
  const saved = store.get(key);
  if (!saved) throw new InvalidArgumentError(`no committed vote on ${id} in the salt store`, { details: { key } });
  const { upheld, salt } = JSON.parse(saved) as { upheld: boolean; salt: string };
  const receipt = await sendTx(signer, buildRevealVote(disputes, id, upheld, salt), "DisputeManager", options);
  return { receipt, upheld };
}

/**
 * `resolve` or `finalize` a dispute (anyone).
 *
 * @example
 * await disputeAction(anyone, disputes, "resolve", disputeId);
 */
export function disputeAction(
  signer: Signer,
  disputes: string,
  action: "resolve" | "finalize",
  disputeId: string,
  options?: SendOptions,
) {
  return sendTx(signer, buildDisputeAction(disputes, action, disputeId), "DisputeManager", options);
}

/**
 * Registers the signer as a validator with `amount` of stake (approving first when needed).
 *
 * @example
 * await registerValidator(validator, disputes, quiv, parseAmount("10000"));
 */
export async function registerValidator(
  signer: Signer,
  disputes: string,
  token: string,
  amount: bigint,
  options?: SendOptions,
) {
  const request = buildStakeAsValidator(disputes, amount);
  await ensureAllowance(signer, token, disputes, amount, options);
  return sendTx(signer, request, "DisputeManager", options);
}

/**
 * Attests a job's quality (validator).
 *
 * @example
 * await attestJob(validator, disputes, 1n, 95);
 */
export function attestJob(signer: Signer, disputes: string, jobId: bigint, score: number, options?: SendOptions) {
  return sendTx(signer, buildAttest(disputes, jobId, score), "DisputeManager", options);
}
