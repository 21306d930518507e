/**
 * The BPCI miner agent (`kit agent bpci-miner`): each tick confirms the Pending jobs addressed to it, closes every
 * ended epoch (anyone may; the agent does it so that its work is issued), and claims its NEX share of each closed
 * epoch it worked in. Logs JSON lines. Jobs and worked epochs are found from JobSubmitted and JobConfirmed events
 * after a block cursor, so a restarted agent (`--from-block`) picks up what an earlier run left.
 */
import type { Signer } from "ethers";
import type { AgentLogger } from "../../kit/agents/log";
import { toKitError } from "../../kit/chain/decoder";
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
}

/** What one tick did. */
export interface MinerTick {
  readonly confirmed: bigint[];
  readonly closed: bigint[];
  readonly claimed: Array<{ epoch: bigint; amount: bigint }>;
}

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

  /** One step: confirm, close, claim. */
  async tick(): Promise<MinerTick> {
    const { mining } = this.o.contracts;
    const me = await this.address();
    const miningAddress = await mining.getAddress();
    const head = await this.o.signer.provider!.getBlockNumber();
    if (head >= this.cursor) {
      const events = await mining.queryFilter(mining.filters.JobSubmitted(undefined, undefined, me), this.cursor, head);
      for (const ev of events) this.pending.add(ev.args.jobId);
      // Epochs it worked in (also confirmations of an earlier run): candidates for a claim once closed.
      const done = await mining.queryFilter(mining.filters.JobConfirmed(undefined, me), this.cursor, head);
      for (const ev of done) this.worked.add(ev.args.epoch);
      this.cursor = head + 1;
    }
    const confirmed: bigint[] = [];
    for (const id of [...this.pending]) {
      const state = Number(await mining.state(id));
      if (state !== 1) {
        this.pending.delete(id); // Expired, Confirmed or Refunded: nothing to do
        if (state === 2) this.o.log.log("warn", "job.expired", { jobId: id });
        continue;
      }
      try {
        const r = await confirmJob(this.o.signer, miningAddress, id);
        this.pending.delete(id);
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
      } catch (e) {
        this.o.log.log("error", "job.confirm.failed", { jobId: id, error: toKitError(e, "PoeMining").message });
      }
    }
    const closed: bigint[] = [];
    const max = this.o.maxClosesPerTick ?? 8;
    for (let i = 0; i < max; i++) {
      const [current, nextToClose] = await mining.epochStatus();
      if (nextToClose >= current) break;
      const r = await closeEpoch(this.o.signer, miningAddress);
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
      const r = await claimIssuance(this.o.signer, miningAddress, epoch);
      this.worked.delete(epoch);
      claimed.push({ epoch, amount: r.amount });
      this.o.log.log("info", "issuance.claimed", { epoch, amount: r.amount, tx: r.receipt.hash });
    }
    return { confirmed, closed, claimed };
  }
}
