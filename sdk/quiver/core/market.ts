/**
 * Pure mirrors of the marketplace and dispute rules (contracts/quiver/market/MarketMath.sol,
 * InferenceMarketplace.state, DisputeManager.state): fee legs, bond split, quorum, tally, penalty,
 * commitment hashes and the derived job and dispute states. No provider; bigint only. A differential test
 * (test/quiver/market/math.test.ts) compares these with the contracts.
 */
import { AbiCoder, keccak256 } from "ethers";
import { split } from "../../kit/core/feeSplit";
import { BPS, mulDivUp } from "../../kit/core/math";

/** Bad input to a market math function (the SDK twin of the contract's revert). */
export class MarketMathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MarketMathError";
  }
}

/** Every leg of a job payment, as in `IInferenceMarketplace.Receipt`. */
export interface PaymentLegs {
  readonly providerReward: bigint;
  readonly networkFee: bigint;
  readonly treasuryFee: bigint;
  readonly burned: bigint;
}

function checkNonNegative(values: Record<string, bigint>): void {
  for (const [k, v] of Object.entries(values)) if (v < 0n) throw new MarketMathError(`${k} must be >= 0`);
}

/**
 * Splits a job price like `MarketMath.splitPayment`: network, treasury and burn legs round down, the provider
 * reward is the remainder (FeeSplit's last leg).
 * @example splitPayment(1_000_000_000_000_000_007n, 300n, 200n, 100n).providerReward // 940000000000000007n
 */
export function splitPayment(
  price: bigint,
  networkFeeBps: bigint,
  treasuryFeeBps: bigint,
  burnBps: bigint,
): PaymentLegs {
  checkNonNegative({ price, networkFeeBps, treasuryFeeBps, burnBps });
  const fees = networkFeeBps + treasuryFeeBps + burnBps;
  if (fees > BPS) throw new MarketMathError("fee shares exceed 100%");
  const [networkFee, treasuryFee, burned, providerReward] = split(price, [
    networkFeeBps,
    treasuryFeeBps,
    burnBps,
    BPS - fees,
  ]);
  return { providerReward, networkFee, treasuryFee, burned };
}

/** Splits a forfeited bond like `MarketMath.splitBond`: burned and voters' legs round down, provider the rest. */
export function splitBond(
  bond: bigint,
  burnBps: bigint,
  voterBps: bigint,
): { burned: bigint; voters: bigint; provider: bigint } {
  checkNonNegative({ bond, burnBps, voterBps });
  if (burnBps + voterBps > BPS) throw new MarketMathError("bond shares exceed 100%");
  const [burned, voters, provider] = split(bond, [burnBps, voterBps, BPS - burnBps - voterBps]);
  return { burned, voters, provider };
}

/** Votes needed: `ceil(active * quorumBps / 10,000)`, at least 1. */
export function quorumFor(activeValidators: bigint, quorumBps: bigint): bigint {
  checkNonNegative({ activeValidators, quorumBps });
  const q = mulDivUp(activeValidators, quorumBps, BPS);
  return q > 1n ? q : 1n;
}

/** Dispute outcome, numbered as `IDisputeManager.Outcome`. */
export enum Outcome {
  None = 0,
  Upheld = 1,
  Rejected = 2,
  Drawn = 3,
}

/** Outcome of a vote like `MarketMath.tally`: Drawn without quorum or without a side above `majorityBps`. */
export function tally(upVotes: bigint, downVotes: bigint, quorum: bigint, majorityBps: bigint): Outcome {
  const total = upVotes + downVotes;
  if (total === 0n || total < quorum) return Outcome.Drawn;
  if (upVotes * BPS > total * majorityBps) return Outcome.Upheld;
  if (downVotes * BPS > total * majorityBps) return Outcome.Rejected;
  return Outcome.Drawn;
}

/** Non-reveal penalty: `ceil(stake * penaltyBps / 10,000)`, at most the stake. */
export function penaltyUp(stake: bigint, penaltyBps: bigint): bigint {
  checkNonNegative({ stake, penaltyBps });
  const p = mulDivUp(stake, penaltyBps, BPS);
  return p < stake ? p : stake;
}

const coder = AbiCoder.defaultAbiCoder();

/** The sealed-bid commitment: `keccak256(abi.encode(jobId, provider, price, salt))`. */
export function bidCommitment(jobId: bigint, provider: string, price: bigint, salt: string): string {
  return keccak256(coder.encode(["uint256", "address", "uint256", "bytes32"], [jobId, provider, price, salt]));
}

/** The dispute id: `keccak256(abi.encode(jobId))`, one dispute per job (SEC-01; later challengers join it). */
export function disputeIdOf(jobId: bigint): string {
  return keccak256(coder.encode(["uint256"], [jobId]));
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Mirror of `MarketMath.permutation`: `index_i = (start + i * step) mod n` with `gcd(step, n) = 1`. */
export function permutation(seed: bigint, n: bigint): { start: bigint; step: bigint } {
  if (n < 3n) return { start: seed % (n > 1n ? n : 1n), step: 1n };
  let step = 1n + ((seed >> 128n) % (n - 1n));
  while (gcd(step, n) !== 1n) step -= 1n;
  return { start: seed % n, step };
}

/**
 * Mirror of the committee draw (`ValidatorSet._drawCommittee`): up to `k` members of `active` (in the
 * contract's set order), skipping `excluded` and validators whose stake is below `minStake` (`eligible`
 * returns false), from `keccak256(abi.encode(prevrandao, disputeId))`, reading at most `3k + 3` entries.
 */
export function drawCommittee(
  prevrandao: bigint,
  disputeId: string,
  active: readonly string[],
  k: number,
  excluded: readonly string[],
  eligible: (validator: string) => boolean = () => true,
): string[] {
  const n = BigInt(active.length);
  if (n === 0n || k === 0) return [];
  const seed = BigInt(keccak256(coder.encode(["uint256", "bytes32"], [prevrandao, disputeId])));
  const { start, step } = permutation(seed, n);
  const skip = new Set(excluded.map((a) => a.toLowerCase()));
  const limit = Math.min(active.length, 3 * k + 3);
  const out: string[] = [];
  for (let i = 0; i < limit && out.length < k; i++) {
    const v = active[Number((start + BigInt(i) * step) % n)];
    if (skip.has(v.toLowerCase()) || !eligible(v)) continue;
    out.push(v);
  }
  return out;
}

/** The vote commitment: `keccak256(abi.encode(disputeId, validator, upheld, salt))`. */
export function voteCommitment(disputeId: string, validator: string, upheld: boolean, salt: string): string {
  return keccak256(coder.encode(["bytes32", "address", "bool", "bytes32"], [disputeId, validator, upheld, salt]));
}

/** Stored job status, numbered as `IInferenceMarketplace.JobStatus`. */
export enum JobStatus {
  None = 0,
  Posted = 1,
  Accepted = 2,
  Submitted = 3,
  Settled = 4,
  Refunded = 5,
  Cancelled = 6,
}

/** Derived job state, numbered as `IInferenceMarketplace.JobState`. */
export enum JobState {
  None = 0,
  Bidding = 1,
  Revealing = 2,
  Awarding = 3,
  Lapsed = 4,
  InProgress = 5,
  Expired = 6,
  InReview = 7,
  Releasable = 8,
  Challenged = 9,
  Settled = 10,
  Refunded = 11,
  Cancelled = 12,
}

/** The fields of a stored job that its state depends on. */
export interface JobTiming {
  readonly status: JobStatus;
  readonly bidDeadline: bigint;
  readonly revealDeadline: bigint;
  readonly completionDeadline: bigint;
  readonly reviewEndsAt: bigint;
  readonly openDisputes: bigint;
}

/** The derived state of a job at time `now` (unix seconds), exactly as `InferenceMarketplace.state`. */
export function deriveJobState(job: JobTiming, now: bigint): JobState {
  switch (job.status) {
    case JobStatus.Posted:
      if (now < job.bidDeadline) return JobState.Bidding;
      if (now < job.revealDeadline) return JobState.Revealing;
      if (now < job.completionDeadline) return JobState.Awarding;
      return JobState.Lapsed;
    case JobStatus.Accepted:
      return now < job.completionDeadline ? JobState.InProgress : JobState.Expired;
    case JobStatus.Submitted:
      if (job.openDisputes !== 0n) return JobState.Challenged;
      return now < job.reviewEndsAt ? JobState.InReview : JobState.Releasable;
    case JobStatus.Settled:
      return JobState.Settled;
    case JobStatus.Refunded:
      return JobState.Refunded;
    case JobStatus.Cancelled:
      return JobState.Cancelled;
    default:
      return JobState.None;
  }
}

/** Stored dispute status, numbered as `IDisputeManager.DisputeStatus`. */
export enum DisputeStatus {
  None = 0,
  Voting = 1,
  Decided = 2,
  Appealed = 3,
  Final = 4,
}

/** Derived dispute state, numbered as `IDisputeManager.DisputeState`. */
export enum DisputeState {
  None = 0,
  Commit = 1,
  Reveal = 2,
  Tally = 3,
  Decided = 4,
  Finalizable = 5,
  Appealed = 6,
  AppealExpired = 7,
  Final = 8,
}

/** The fields of a stored dispute that its state depends on. */
export interface DisputeTiming {
  readonly status: DisputeStatus;
  readonly commitEndsAt: bigint;
  readonly revealEndsAt: bigint;
  readonly decidedAt: bigint;
  readonly appealedAt: bigint;
  readonly appealWindow: bigint;
  readonly appealTimeout: bigint;
}

/** The derived state of a dispute at time `now`, exactly as `DisputeManager.state`. */
export function deriveDisputeState(d: DisputeTiming, now: bigint): DisputeState {
  switch (d.status) {
    case DisputeStatus.Voting:
      if (now < d.commitEndsAt) return DisputeState.Commit;
      if (now < d.revealEndsAt) return DisputeState.Reveal;
      return DisputeState.Tally;
    case DisputeStatus.Decided:
      return now < d.decidedAt + d.appealWindow ? DisputeState.Decided : DisputeState.Finalizable;
    case DisputeStatus.Appealed:
      return now < d.appealedAt + d.appealTimeout ? DisputeState.Appealed : DisputeState.AppealExpired;
    case DisputeStatus.Final:
      return DisputeState.Final;
    default:
      return DisputeState.None;
  }
}
