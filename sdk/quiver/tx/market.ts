/**
 * The InferenceMarketplace: typed requests for every job step (send them with `send` from economy-kit/tx) and the
 * flows that do more than send: posting (returns the job id), sealed bids (salt kept in a {@link SaltStore} between
 * commit and reveal) and accepting with a permit.
 *
 * A sealed bid needs a secret salt between commit and reveal: {@link commitBid} draws it and writes it to the store
 * *before* the commit is sent (so a crash after sending can still reveal), and {@link revealBid} reads it back. The
 * file-backed store (sdk/kit/node/store.ts, `JsonFileStore`) lets one process reveal what another committed; this
 * layer writes no files.
 */
import { getAddress, Signature, type Signer } from "ethers";
import { InvalidArgumentError } from "../../kit/core/errors";
import { parseAddress } from "../../kit/core/units";
import { toKitError } from "../../kit/chain/decoder";
import { bytes32Arg, oneOf, smallIntArg, uintArg } from "../../kit/core/args";
import { eventArgs } from "../../kit/chain/events";
import { newSalt, type SaltStore } from "../../kit/tx/salts";
import { send, writeRequest, type WriteName, type WriteRequest } from "../../kit/tx/request";
import type { SendOptions } from "../../kit/tx/send";
import { signPermit } from "../../kit/tx/signing";
import { bidCommitment } from "../core/market";
import { InferenceMarketplace__factory, MARKET_ABI, type InferenceMarketplace } from "../chain/contracts";

type Market<F extends WriteName<InferenceMarketplace>> = WriteRequest<InferenceMarketplace, F>;

const U48 = (1n << 48n) - 1n;
const U64 = (1n << 64n) - 1n;
const U128 = (1n << 128n) - 1n;

/**
 * Store key of a sealed bid.
 *
 * @example
 * JSON.parse(store.get(bidKey(marketplace, 1n, provider))!); // { price, salt }
 */
export function bidKey(marketplace: string, jobId: bigint, provider: string): string {
  return `bid:${getAddress(marketplace)}:${jobId}:${getAddress(provider)}`;
}

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

function market(address: string): string {
  return parseAddress(address, "marketplace");
}

/**
 * `InferenceMarketplace.post(request)`.
 *
 * @example
 * buildPost(marketplace, { modelHash, inputHash, maxPrice: parseAmount("10"), bidDeadline, completionDeadline, minTier: 1, sizeClass: 1 });
 */
export function buildPost(marketplace: string, r: JobRequest): Market<"post"> {
  const request = {
    modelHash: bytes32Arg(r.modelHash, "modelHash"),
    inputHash: bytes32Arg(r.inputHash, "inputHash"),
    maxPrice: uintArg(r.maxPrice, "maxPrice", U128),
    bidDeadline: uintArg(r.bidDeadline, "bidDeadline", U48),
    completionDeadline: uintArg(r.completionDeadline, "completionDeadline", U64),
    minTier: smallIntArg(r.minTier, "minTier", 0, 255),
    sizeClass: smallIntArg(r.sizeClass, "sizeClass", 0, 255),
  };
  if (request.completionDeadline <= request.bidDeadline) {
    throw new InvalidArgumentError("completionDeadline must be after bidDeadline", { details: { ...request } });
  }
  return writeRequest(MARKET_ABI, market(marketplace), "post", [request]);
}

/**
 * `commitBid(jobId, commitment)` with `commitment = bidCommitment(jobId, provider, price, salt)`.
 *
 * @example
 * buildCommitBid(marketplace, 1n, bidCommitment(1n, provider, price, salt));
 */
export function buildCommitBid(marketplace: string, jobId: bigint, commitment: string): Market<"commitBid"> {
  return writeRequest(MARKET_ABI, market(marketplace), "commitBid", [
    uintArg(jobId, "jobId"),
    bytes32Arg(commitment, "commitment"),
  ]);
}

/**
 * `revealBid(jobId, price, salt)`.
 *
 * @example
 * buildRevealBid(marketplace, 1n, parseAmount("4"), salt);
 */
export function buildRevealBid(marketplace: string, jobId: bigint, price: bigint, salt: string): Market<"revealBid"> {
  return writeRequest(MARKET_ABI, market(marketplace), "revealBid", [
    uintArg(jobId, "jobId"),
    uintArg(price, "price"),
    bytes32Arg(salt, "salt", false),
  ]);
}

/**
 * `accept(jobId, provider)`: escrows the revealed price (needs an allowance).
 *
 * @example
 * await send(consumer, buildAccept(marketplace, 1n, provider));
 */
export function buildAccept(marketplace: string, jobId: bigint, provider: string): Market<"accept"> {
  return writeRequest(MARKET_ABI, market(marketplace), "accept", [
    uintArg(jobId, "jobId"),
    parseAddress(provider, "provider"),
  ]);
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
): Market<"acceptWithPermit"> {
  const sig = Signature.from(signature);
  return writeRequest(MARKET_ABI, market(marketplace), "acceptWithPermit", [
    uintArg(jobId, "jobId"),
    parseAddress(provider, "provider"),
    uintArg(deadline, "deadline"),
    sig.v,
    sig.r,
    sig.s,
  ]);
}

/**
 * `submit(jobId, outputHash, receiptHash)` (provider).
 *
 * @example
 * await send(provider, buildSubmit(marketplace, 1n, id("output"), id("receipt")));
 */
export function buildSubmit(
  marketplace: string,
  jobId: bigint,
  outputHash: string,
  receiptHash: string,
): Market<"submit"> {
  return writeRequest(MARKET_ABI, market(marketplace), "submit", [
    uintArg(jobId, "jobId"),
    bytes32Arg(outputHash, "outputHash"),
    bytes32Arg(receiptHash, "receiptHash"),
  ]);
}

/** The marketplace functions that take only a job id. */
export type JobAction = "confirm" | "release" | "refundExpired" | "cancel";
const JOB_ACTIONS: readonly JobAction[] = ["confirm", "release", "refundExpired", "cancel"];

/**
 * `confirm` (consumer), `release` (anyone after review), `refundExpired` (anyone) or `cancel` (consumer) of a job.
 * Typed: every name in {@link JobAction} takes `(jobId)`, which the compiler checks against the contract.
 *
 * @example
 * await send(consumer, buildJobAction(marketplace, "confirm", 1n));
 */
export function buildJobAction(marketplace: string, action: JobAction, jobId: bigint): Market<JobAction> {
  return writeRequest(MARKET_ABI, market(marketplace), oneOf(action, JOB_ACTIONS, "job action"), [
    uintArg(jobId, "jobId"),
  ]);
}

/**
 * `flushFees()`: moves the accrued network fee to stakers, the treasury fee to the Treasury, and burns the rest.
 *
 * @example
 * await send(anyone, buildFlushFees(marketplace));
 */
export function buildFlushFees(marketplace: string): Market<"flushFees"> {
  return writeRequest(MARKET_ABI, market(marketplace), "flushFees", []);
}

/**
 * Posts a job; returns the receipt and the new job id (from `JobPosted`).
 *
 * @example
 * const { jobId } = await postJob(consumer, marketplace, request);
 */
export async function postJob(signer: Signer, marketplace: string, request: JobRequest, options?: SendOptions) {
  const receipt = await send(signer, buildPost(marketplace, request), options);
  return { receipt, jobId: eventArgs(receipt, MARKET_ABI.iface, "JobPosted")[0] as bigint };
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
  uintArg(price, "price");
  const salt = newSalt();
  const commitment = bidCommitment(uintArg(jobId, "jobId"), provider, price, salt);
  store.set(bidKey(marketplace, jobId, provider), JSON.stringify({ price: price.toString(), salt }));
  const receipt = await send(signer, buildCommitBid(marketplace, jobId, commitment), options);
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
  const receipt = await send(signer, buildRevealBid(marketplace, jobId, BigInt(price), salt), options);
  return { receipt, price: BigInt(price) };
}

/**
 * Accepts a revealed bid paying through an EIP-2612 permit for exactly the bid's price (no prior approval): reads
 * the price, signs the permit, sends.
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
  const contract = InferenceMarketplace__factory.connect(market(marketplace), signer);
  const [, price] = await contract
    .bidOf(uintArg(jobId, "jobId"), parseAddress(provider, "provider"))
    .catch((e: unknown) => {
      throw toKitError(e, "InferenceMarketplace");
    });
  const permit = await signPermit(signer, token, { spender: marketplace, value: price, deadline });
  return send(signer, buildAcceptWithPermit(marketplace, jobId, provider, deadline, permit.signature), options);
}
