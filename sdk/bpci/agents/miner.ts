/**
 * The BPCI miner agent (`kit agent bpci-miner`): each tick confirms the Pending jobs addressed to it, closes every
 * ended epoch (anyone may; the agent does it so that its work is issued), and claims its NEX share of each closed
 * epoch it worked in. Logs JSON lines. Jobs and worked epochs are found from JobSubmitted and JobConfirmed events
 * after a block cursor, read in chunks (`streamEvents`, `chunkSize` blocks per `eth_getLogs`, so a long gap never
 * exceeds a node's range limit), so a restarted agent (`--from-block`) picks up what an earlier run left.
 *
 * Failures: a revert that another actor's transaction explains (the job already confirmed or refunded, the epoch
 * already closed by someone else, the issuance already claimed), recognised by its custom error name, is logged at
 * `warn` and the tick goes on; anything else is logged at `error` with its error name and rethrown, so the tick
 * fails (`runLoop` logs `tick.failed` and tries again next tick; `--once` exits non-zero).
 */
import type { EventLog, Signer } from "ethers";
import type { AgentLogger } from "../../kit/agents/log";
import { runGuarded } from "../../kit/agents/races";
import { streamEvents } from "../../kit/chain/events";
import type { BpciContracts } from "../chain/contracts";
import { claimIssuance, closeEpoch, confirmJob } from "../tx";

/** Options of {@link BpciMinerAgent}. */
export interface BpciMinerAgentOptions {
  readonly signer: Signer;
  readonly contracts: BpciContracts;
  readonly log: AgentLogger;
  /** First block to scan for jobs (default 0). */
  readonly fromBlock?: number;
  /** At most this many epochs closed per tick (default 8). */
  readonly maxClosesPerTick?: number;
  /** Blocks per `eth_getLogs` query (default 2,000, `streamEvents`' default). */
  readonly chunkSize?: number;
}

/** What one tick did. */
export interface MinerTick {
  readonly confirmed: bigint[];
  readonly closed: bigint[];
  readonly claimed: Array<{ epoch: bigint; amount: bigint }>;
}

/**
 * The reverts each step may meet because another transaction got there first (PoeMining's custom errors): the job
 * left Pending (confirmed by another run of this miner, refunded after its timeout); the epoch to close was closed by
 * someone else, so the next one has not ended; the share was claimed by another run.
 */
export const MINER_KNOWN_RACES = {
  confirm: ["PoeUnexpectedState"],
  close: ["PoeEpochNotEnded"],
  claim: ["PoeNothingToClaim"],
} as const;

type Step = keyof typeof MINER_KNOWN_RACES;

export class BpciMinerAgent {
  private cursor: number;
  private readonly pending = new Set<bigint>();
  private readonly worked = new Set<bigint>();
  private me?: string;

  constructor(private readonly o: BpciMinerAgentOptions) {
    this.cursor = o.fromBlock ?? 0;
  }

  /** The miner's address. */
  async address(): Promise<string> {
    this.me ??= await this.o.signer.getAddress();
    return this.me;
  }

  /**
   * Runs `action`; on a revert named in {@link MINER_KNOWN_RACES}`[step]` logs `<event>.skipped` (warn) and returns
   * undefined, on anything else logs `<event>.failed` (error, with the error name) and rethrows.
   */
  private guarded<T>(step: Step, event: string, fields: Record<string, unknown>, action: () => Promise<T>) {
    return runGuarded(this.o.log, "PoeMining", MINER_KNOWN_RACES[step], event, fields, action);
  }

  /** Reads JobSubmitted (to this miner) and JobConfirmed (by it) from the cursor to the head, in chunks. */
  private async scan(me: string): Promise<void> {
    const { mining } = this.o.contracts;
    const head = await this.o.signer.provider!.getBlockNumber();
    if (head < this.cursor) return;
    const range = { fromBlock: this.cursor, toBlock: head, chunkSize: this.o.chunkSize };
    // streamEvents is typed for the kit's contracts; the filter belongs to `mining`, so the casts are sound.
    for await (const log of streamEvents(
      mining as never,
      mining.filters.JobSubmitted(undefined, undefined, me) as never,
      range,
    ))
      this.pending.add((log as EventLog).args.jobId as bigint);
    // Epochs it worked in (also confirmations of an earlier run): candidates for a claim once closed.
    for await (const log of streamEvents(mining as never, mining.filters.JobConfirmed(undefined, me) as never, range))
      this.worked.add((log as EventLog).args.epoch as bigint);
    this.cursor = head + 1;
  }

  /** One step: confirm, close, claim. */
  async tick(): Promise<MinerTick> {
    const { mining } = this.o.contracts;
    const me = await this.address();
    const miningAddress = await mining.getAddress();
    await this.scan(me);
    const confirmed: bigint[] = [];
    for (const id of [...this.pending]) {
      const state = Number(await mining.state(id));
      if (state !== 1) {
        this.pending.delete(id); // Expired, Confirmed or Refunded: nothing to do
        if (state === 2) this.o.log.log("warn", "job.expired", { jobId: id });
        continue;
      }
      const r = await this.guarded("confirm", "job.confirm", { jobId: id }, () =>
        confirmJob(this.o.signer, miningAddress, id),
      );
      this.pending.delete(id);
      if (!r) continue;
      this.worked.add(r.epoch);
      confirmed.push(id);
      this.o.log.log("info", "job.confirmed", {
        jobId: id,
        epoch: r.epoch,
        locked: r.locked,
        spendable: r.spendable,
        work: r.work,
        tx: r.receipt.hash,
      });
    }
    const closed: bigint[] = [];
    const max = this.o.maxClosesPerTick ?? 8;
    for (let i = 0; i < max; i++) {
      const [current, nextToClose] = await mining.epochStatus();
      if (nextToClose >= current) break;
      const r = await this.guarded("close", "epoch.close", { epoch: nextToClose }, () =>
        closeEpoch(this.o.signer, miningAddress),
      );
      if (!r) break;
      closed.push(r.epoch);
      this.o.log.log("info", "epoch.closed", {
        epoch: r.epoch,
        phiEma: r.phiEma,
        gamma: r.gamma,
        issued: r.issued,
        withheld: r.withheld,
        tx: r.receipt.hash,
      });
    }
    const claimed: Array<{ epoch: bigint; amount: bigint }> = [];
    const [, nextToClose] = await mining.epochStatus();
    for (const epoch of [...this.worked].sort((a, b) => (a < b ? -1 : 1))) {
      if (epoch >= nextToClose) continue;
      if ((await mining.claimableIssuance(epoch, me)) === 0n) {
        this.worked.delete(epoch);
        continue;
      }
      const r = await this.guarded("claim", "issuance.claim", { epoch }, () =>
        claimIssuance(this.o.signer, miningAddress, epoch),
      );
      this.worked.delete(epoch);
      if (!r) continue;
      claimed.push({ epoch, amount: r.amount });
      this.o.log.log("info", "issuance.claimed", { epoch, amount: r.amount, tx: r.receipt.hash });
    }
    return { confirmed, closed, claimed };
  }
}
