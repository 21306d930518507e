/**
 * The validator agent: registers with a stake, attests the quality of submitted jobs, and votes on disputes with
 * commit-reveal.
 *
 * One `tick()`:
 * 1. registration: stakes `stake` (default: the registry's `quiver.dispute.validatorMinStake`) when not active;
 * 2. attestations: for every job above its cursor and every job it still watches, asks its {@link JobVerifier}
 *    (default {@link submissionVerifier}: in review, no upheld dispute, hashes non-zero and equal to the provider's
 *    submission) and attests the verifier's score with the checks it made, never more: a job no check vouched for
 *    is not attested (logged `attest.skipped` with the reason), and a job a dispute found bad is never attested
 *    above 0 whatever the verifier says. Jobs not submitted yet or under dispute stay watched; others are dropped;
 * 3. disputes (from `DisputeOpened` events after its block cursor, plus the ones it watches): in Commit it commits
 *    `judge(dispute)` (default: uphold when the job's average attested score is below 50) unless it is the
 *    challenger or the provider; in Reveal it reveals (side and salt from the store); in Tally it resolves and in
 *    Finalizable it finalizes (anyone may, so disputes do not stall); Final disputes are dropped.
 */
import type { Signer } from "ethers";
import { parameterKey } from "../core/parameters";
import type { QuiverContracts } from "../chain/contracts";
import {
  chainTime,
  readDispute,
  readDisputeIds,
  readJob,
  readValidator,
  readVote,
  type DisputeEntity,
  type JobEntity,
} from "../chain/market";
import { buildAttest, buildDisputeAction, commitVote, registerValidator, revealVote, voteKey } from "../tx/disputes";
import { send } from "../../kit/tx/request";
import type { SaltStore } from "../../kit/tx/salts";
import type { AgentLogger } from "../../kit/agents/log";
import { errorFields } from "./provider";
import { disputeUpheld, submissionVerifier, type JobVerifier } from "./verifier";

/** Options of {@link ValidatorAgent}. */
export interface ValidatorAgentOptions {
  readonly signer: Signer;
  readonly contracts: QuiverContracts;
  readonly store: SaltStore;
  readonly log: AgentLogger;
  /** Stake to register with (wei; default the registry's minimum). */
  readonly stake?: bigint;
  /** Decides whether and what to attest for a job (default {@link submissionVerifier}). */
  readonly verifier?: JobVerifier;
  /** True to uphold a dispute (default: the job's average attested score is below 50). */
  readonly judge?: (dispute: DisputeEntity, job: JobEntity) => Promise<boolean> | boolean;
  /** Blocks per log query (default 2,000). */
  readonly chunkSize?: number;
}

/** What one tick did. */
export interface ValidatorTick {
  readonly registered: boolean;
  readonly attested: bigint[];
  readonly committed: string[];
  readonly revealed: string[];
  readonly resolved: string[];
  readonly finalized: string[];
}

/**
 * The validator agent (see the module comment).
 *
 * @example
 * const agent = new ValidatorAgent({ signer, contracts: connectQuiver(book, signer), store, log });
 * await agent.tick();
 */
export class ValidatorAgent {
  private _me: string | undefined;

  constructor(readonly options: ValidatorAgentOptions) {}

  /** The validator's address. */
  async address(): Promise<string> {
    this._me ??= await this.options.signer.getAddress();
    return this._me;
  }

  private _key(name: string): string {
    return `validator:${this._me}:${name}`;
  }

  private _get(name: string): string[] {
    const raw = this.options.store.get(this._key(name));
    return raw ? (JSON.parse(raw) as string[]) : [];
  }

  private _set(name: string, values: Iterable<string>): void {
    this.options.store.set(this._key(name), JSON.stringify([...new Set(values)]));
  }

  /**
   * One step: register, attest, vote, reveal, resolve, finalize (see the module comment).
   *
   * @example
   * const { committed, revealed } = await validator.tick();
   */
  async tick(): Promise<ValidatorTick> {
    const me = await this.address();
    const { contracts: q, signer, store, log } = this.options;
    const [quiv, disputes] = await Promise.all([q.quiv.getAddress(), q.disputes.getAddress()]);
    const out = { registered: false, attested: [] as bigint[], committed: [] as string[], revealed: [] as string[] };
    const done = { resolved: [] as string[], finalized: [] as string[] };

    // 1. Registration.
    const v = await readValidator(q.disputes, me);
    if (!v.active) {
      const stake = this.options.stake ?? (await q.registry.get(parameterKey("quiver.dispute.validatorMinStake")));
      const receipt = await registerValidator(signer, disputes, quiv, stake);
      out.registered = true;
      log.log("info", "validator.registered", { validator: me, stake, hash: receipt.hash });
    }
    const now = await chainTime(q.disputes.runner!);

    // 2. Attestations.
    const cursor = BigInt(store.get(this._key("jobCursor")) ?? "0");
    const count = await q.marketplace.jobCount();
    const watch = new Set(this._get("jobs"));
    for (let id = cursor + 1n; id <= count; id++) watch.add(id.toString());
    store.set(this._key("jobCursor"), count.toString());
    const keepJobs: string[] = [];
    const verifier = this.options.verifier ?? submissionVerifier();
    for (const raw of watch) {
      const jobId = BigInt(raw);
      try {
        const job = await readJob(q.marketplace, jobId, now);
        const verdict = await verifier.verify(job, { contracts: q, now });
        if (!verdict.attest) {
          if (verdict.retry) keepJobs.push(raw);
          else log.log("info", "attest.skipped", { jobId, verifier: verifier.name, reason: verdict.reason });
          continue;
        }
        if (!Number.isInteger(verdict.score) || verdict.score < 0 || verdict.score > 100) {
          log.log("warn", "attest.skipped", { jobId, verifier: verifier.name, reason: `score ${verdict.score}` });
          continue;
        }
        // A job a dispute found bad is never vouched for, whatever a plugged verifier says.
        const score = verdict.score > 0 && (await disputeUpheld(q, jobId)) ? 0 : verdict.score;
        const receipt = await send(signer, buildAttest(disputes, jobId, score));
        out.attested.push(jobId);
        log.log("info", "job.attested", {
          jobId,
          score,
          verifier: verifier.name,
          checks: verdict.checks,
          hash: receipt.hash,
        });
      } catch (e) {
        log.log("warn", "attest.failed", { jobId, error: errorFields(e) });
      }
    }
    this._set("jobs", keepJobs);

    // 3. Disputes.
    const fromBlock = Number(store.get(this._key("blockCursor")) ?? "0");
    const head = await q.disputes.runner!.provider!.getBlockNumber();
    const ids = new Set(this._get("disputes"));
    if (head >= fromBlock) {
      for (const id of await readDisputeIds(q.disputes, {
        fromBlock,
        toBlock: head,
        chunkSize: this.options.chunkSize,
      })) {
        ids.add(id);
      }
      store.set(this._key("blockCursor"), String(head + 1));
    }
    const keep: string[] = [];
    for (const disputeId of ids) {
      try {
        const d = await readDispute(q.disputes, disputeId, now);
        const vote = await readVote(q.disputes, disputeId, me);
        if (d.state === "Commit") {
          // Only the committee drawn for the dispute votes (SEC-04).
          if (vote.commitment === "0x" + "0".repeat(64) && (await q.disputes.isCommitteeMember(disputeId, me))) {
            const job = await readJob(q.marketplace, d.jobId, now);
            const upheld = await (this.options.judge ?? ((x: DisputeEntity) => this._defaultJudge(x)))(d, job);
            const { receipt } = await commitVote(signer, disputes, disputeId, upheld, store);
            out.committed.push(disputeId);
            log.log("info", "vote.committed", { disputeId, jobId: d.jobId, hash: receipt.hash });
          }
          keep.push(disputeId);
        } else if (d.state === "Reveal") {
          if (vote.side === 0 && store.get(voteKey(disputes, disputeId, me))) {
            const { receipt, upheld } = await revealVote(signer, disputes, disputeId, store);
            out.revealed.push(disputeId);
            log.log("info", "vote.revealed", { disputeId, upheld, hash: receipt.hash });
          }
          keep.push(disputeId);
        } else if (d.state === "Tally") {
          const receipt = await send(signer, buildDisputeAction(disputes, "resolve", disputeId));
          done.resolved.push(disputeId);
          const after = await readDispute(q.disputes, disputeId);
          log.log("info", "dispute.resolved", { disputeId, outcome: after.outcome, hash: receipt.hash });
          keep.push(disputeId);
        } else if (d.state === "Finalizable") {
          const receipt = await send(signer, buildDisputeAction(disputes, "finalize", disputeId));
          done.finalized.push(disputeId);
          log.log("info", "dispute.finalized", { disputeId, hash: receipt.hash });
          store.delete(voteKey(disputes, disputeId, me));
        } else if (d.state === "Final" || d.state === "None") {
          store.delete(voteKey(disputes, disputeId, me));
        } else {
          keep.push(disputeId); // Decided or Appealed: wait
        }
      } catch (e) {
        keep.push(disputeId);
        log.log("warn", "dispute.failed", { disputeId, error: errorFields(e) });
      }
    }
    this._set("disputes", keep);
    return { ...out, ...done };
  }

  private async _defaultJudge(d: DisputeEntity): Promise<boolean> {
    const [count, sum] = await this.options.contracts.disputes.attestationsOf(d.jobId);
    return count > 0n && sum < 50n * count;
  }
}
