/**
 * What a validator attests: a {@link JobVerifier} looks at a submitted job and either gives a score with the checks
 * it made, or declines. The validator agent attests nothing a verifier did not vouch for.
 *
 * The default, {@link submissionVerifier}, checks only what the chain can show: the job is in review (submitted,
 * not challenged, review window open), no dispute on it was upheld, its output and receipt hashes are non-zero and
 * equal those of the provider's own `JobSubmitted` event. It cannot judge the output's quality; plug a verifier
 * that can (re-run the model on the input, compare with a reference, ask a judge model), for example:
 *
 * ```ts
 * const verifier: JobVerifier = {
 *   name: "rerun",
 *   async verify(job, ctx) {
 *     const base = await submissionVerifier().verify(job, ctx);   // keep the integrity checks
 *     if (!base.attest) return base;
 *     const mine = await runModel(job.modelHash, job.inputHash);  // your inference
 *     return mine === job.outputHash
 *       ? { attest: true, score: 100, checks: [...base.checks, "output re-computed"] }
 *       : { attest: true, score: 0, checks: [...base.checks, "output differs from a re-run"] };
 *   },
 * };
 * new ValidatorAgent({ ..., verifier });
 * ```
 */
import { ZeroHash, type EventLog } from "ethers";
import { blocksAtTime, streamEvents } from "../../kit/chain/events";
import type { QuiverContracts } from "../chain/contracts";
import { readDispute, type JobEntity } from "../chain/market";

/** A verifier's decision about one job. */
export type Verdict =
  | { readonly attest: true; readonly score: number; readonly checks: readonly string[] }
  | { readonly attest: false; readonly reason: string; readonly retry?: boolean };

/** What a verifier may read. */
export interface VerifyContext {
  readonly contracts: QuiverContracts;
  /** Chain time (unix seconds) of the agent's tick. */
  readonly now: bigint;
}

/** Decides what a validator attests for a job (see the module comment). */
export interface JobVerifier {
  readonly name: string;
  verify(job: JobEntity, ctx: VerifyContext): Promise<Verdict>;
}

/** Options of {@link submissionVerifier}. */
export interface SubmissionVerifierOptions {
  /** Score given when every check passes (default 100); 0..100. */
  readonly score?: number;
}

/**
 * Whether a dispute on `jobId` ended upheld (the job was found bad).
 *
 * @example
 * if (await disputeUpheld(q, 3n)) return { attest: false, reason: "a dispute found it bad" };
 */
export async function disputeUpheld(q: QuiverContracts, jobId: bigint): Promise<boolean> {
  const id = await q.disputes.disputeIdOf(jobId);
  const d = await readDispute(q.disputes, id).catch(() => undefined);
  return d !== undefined && d.outcome === "Upheld";
}

/**
 * The provider's last `JobSubmitted` event of `job`, looked up only in the blocks of the job's own `submittedAt`
 * (the marketplace record's `block.timestamp` of the submission; see {@link blocksAtTime}), so a check costs the
 * same on a chain of any length instead of an `eth_getLogs` from block 0 per job.
 *
 * @example
 * const ev = await submissionEvent(q, job); // ev?.args.outputHash === job.outputHash
 */
export async function submissionEvent(q: QuiverContracts, job: JobEntity): Promise<EventLog | undefined> {
  const provider = q.marketplace.runner?.provider;
  if (!provider || job.submittedAt === 0n) return undefined;
  const range = await blocksAtTime(provider, job.submittedAt);
  if (!range) return undefined;
  const filter = q.marketplace.filters.JobSubmitted(job.jobId, job.provider);
  let last: EventLog | undefined;
  for await (const log of streamEvents(q.marketplace as never, filter as never, range)) {
    if ("args" in log) last = log;
  }
  return last;
}

/**
 * The default verifier: integrity of the submission, not quality (see the module comment).
 *
 * @example
 * const v = await submissionVerifier().verify(job, { contracts, now });
 * if (v.attest) console.log(v.score, v.checks);
 */
export function submissionVerifier(options: SubmissionVerifierOptions = {}): JobVerifier {
  const score = options.score ?? 100;
  if (!Number.isInteger(score) || score < 0 || score > 100) throw new RangeError(`score must be 0..100, got ${score}`);
  return {
    name: "submission",
    async verify(job, { contracts: q }) {
      if (["Bidding", "Revealing", "Awarding", "InProgress"].includes(job.state)) {
        return { attest: false, reason: `not submitted yet (${job.state})`, retry: true };
      }
      if (job.state === "Challenged") return { attest: false, reason: "under dispute", retry: true };
      if (job.state !== "InReview") return { attest: false, reason: `not in review (${job.state})` };
      if (await disputeUpheld(q, job.jobId)) return { attest: false, reason: "a dispute found it bad" };
      if (job.outputHash === ZeroHash || job.receiptHash === ZeroHash) {
        return { attest: false, reason: "zero output or receipt hash" };
      }
      const last = await submissionEvent(q, job);
      if (!last) return { attest: false, reason: "no JobSubmitted event from the provider" };
      if (last.args.outputHash !== job.outputHash || last.args.receiptHash !== job.receiptHash) {
        return { attest: false, reason: "stored hashes differ from the provider's submission" };
      }
      return {
        attest: true,
        score,
        checks: ["in review", "no upheld dispute", "non-zero hashes", "hashes match the provider's JobSubmitted"],
      };
    },
  };
}
