/**
 * The CAESAR processing agent: relays payers' signed transfer authorizations and claims its epoch rewards.
 *
 * One `tick()`:
 * 1. reads the authorizations its source holds (a queue file, stdin, memory) and drops those it already settled;
 * 2. checks each one off-chain: the processor's EIP-712 domain is the expected deployment (chain and contract), the
 *    signature is the payer's, the validity window holds at the chain's time (one not yet valid waits for a later
 *    tick), the nonce is unused on the processor, and the relay's quote in this block (`quoteRelayed`: the fee at the
 *    regional modifier of the payer's region seen from the agent's) charges at most `maxFee` (fee + penalty); a
 *    failed check is logged (`authorization.skipped`, with the reason) and not sent;
 * 3. sends the good ones in batches of at most `maxBatch` (`process` for one, `processBatch` for more), logging
 *    each outcome the receipt reports (`authorization.processed` with its points, or the processor's skip reason);
 * 4. claims every epoch it relayed in once its claims open and it has something to claim (`reward.claimed`).
 * Its state (settled authorizations, epochs to claim) is in memory: after a restart the nonce check on chain
 * settles what was already processed.
 */
import type { Signer } from "ethers";
import { toKitError } from "../../kit/chain/decoder";
import { KitError } from "../../kit/core/errors";
import type { AgentLogger } from "../../kit/agents/log";
import {
  assertAuthorizationDomain,
  AuthorizationDomainMismatchError,
  verifyAuthorization,
  type ProcessorDeployment,
  type ProcessorDomain,
  type SignedAuthorization,
} from "../core/authorization";
import type { CaesarContracts } from "../chain/contracts";
import { readProcessorDomain } from "../chain/authorization";
import { quoteRelayed } from "../chain/readers";
import { claimEpoch, submitAuthorizations, type RelayOutcome } from "../tx";

/** Where the agent finds signed authorizations: every call returns all it currently holds (old ones included). */
export interface AuthorizationSource {
  pending(): Promise<readonly SignedAuthorization[]>;
}

/** An in-memory source (tests, or a caller that pushes authorizations it received). */
export class MemoryAuthorizationSource implements AuthorizationSource {
  private readonly items: SignedAuthorization[] = [];
  push(...sa: SignedAuthorization[]): void {
    this.items.push(...sa);
  }
  async pending(): Promise<readonly SignedAuthorization[]> {
    return [...this.items];
  }
}

/** Options of {@link CaesarProcessorAgent}. */
export interface CaesarProcessorOptions {
  /** The agent's signer (a registered, active agent). */
  readonly signer: Signer;
  /** The deployment's contracts (connected to any runner: reads go through them, sends through `signer`). */
  readonly contracts: Pick<CaesarContracts, "caesar" | "processor" | "distributor" | "agents">;
  /** The processor the payers must have signed for (the address book's chain id and processor address). */
  readonly expected: ProcessorDeployment;
  readonly source: AuthorizationSource;
  readonly log: AgentLogger;
  /** Most authorizations per transaction (default 50). */
  readonly maxBatch?: number;
  /** Claim rewards of ended epochs (default true). */
  readonly claim?: boolean;
}

/** Why the agent did not send an authorization (its off-chain checks) or the processor skipped it. */
export type AgentSkipReason =
  | "DomainMismatch"
  | "BadSignature"
  | "Expired"
  | "NonceUsed"
  | "FeeAboveMax"
  | "QuoteFailed"
  | RelayOutcome["reason"];

/** What one tick did. */
export interface ProcessorTick {
  readonly submitted: number;
  readonly processed: number;
  readonly points: bigint;
  readonly skipped: readonly { readonly from: string; readonly nonce: bigint; readonly reason: AgentSkipReason }[];
  readonly waiting: number;
  readonly claimed: readonly { readonly epoch: bigint; readonly amount: bigint }[];
}

const keyOf = (a: { from: string; nonce: bigint }) => `${a.from.toLowerCase()}:${a.nonce}`;

/** The CAESAR processing agent (see the module comment). */
export class CaesarProcessorAgent {
  private readonly settled = new Set<string>();
  private readonly toClaim = new Set<bigint>();
  private domain?: ProcessorDomain;
  private address?: string;

  constructor(readonly options: CaesarProcessorOptions) {}

  private async now(): Promise<bigint> {
    const provider = this.options.signer.provider;
    const block = provider ? await provider.getBlock("latest") : null;
    if (!block) throw new KitError("the signer has no provider with a latest block");
    return BigInt(block.timestamp);
  }

  async tick(): Promise<ProcessorTick> {
    const { contracts, log, expected } = this.options;
    this.address ??= await this.options.signer.getAddress();
    if (!this.domain) {
      try {
        this.domain = await readProcessorDomain(contracts.processor);
      } catch (e) {
        throw toKitError(e, "CaesarProcessor");
      }
      // A processor that is not the expected deployment: refuse to relay anything (a config error, not a skip).
      assertAuthorizationDomain(expected, this.domain);
    }
    const now = await this.now();
    const skipped: { from: string; nonce: bigint; reason: AgentSkipReason }[] = [];
    const skip = (sa: SignedAuthorization, reason: AgentSkipReason, fields: Record<string, unknown> = {}) => {
      this.settled.add(keyOf(sa));
      skipped.push({ from: sa.from, nonce: sa.nonce, reason });
      log.log("warn", "authorization.skipped", { from: sa.from, nonce: sa.nonce, reason, ...fields });
    };
    const ready: SignedAuthorization[] = [];
    let waiting = 0;
    const seen = new Set<string>();
    // The agent's region: the processor charges the payer's fee at the modifier of its region seen from this one.
    const region = Number((await contracts.agents.activeAgent(this.address))[1]);
    for (const sa of await this.options.source.pending()) {
      const k = keyOf(sa);
      if (this.settled.has(k) || seen.has(k)) continue;
      seen.add(k);
      if (now >= sa.validBefore) {
        skip(sa, "Expired", { validBefore: sa.validBefore, now });
        continue;
      }
      try {
        verifyAuthorization(sa, { expected, actual: this.domain });
      } catch (e) {
        skip(sa, e instanceof AuthorizationDomainMismatchError ? "DomainMismatch" : "BadSignature", {
          message: (e as Error).message.split("\n")[0],
        });
        continue;
      }
      if (sa.validAfter >= now) {
        waiting++; // not yet valid: kept for a later tick
        continue;
      }
      if (await contracts.processor.nonceUsed(sa.from, sa.nonce)) {
        skip(sa, "NonceUsed");
        continue;
      }
      let charge: bigint;
      try {
        const q = await quoteRelayed(
          contracts.caesar,
          contracts.processor,
          sa.from,
          sa.to,
          sa.amount,
          sa.region,
          region,
        );
        charge = q.fee + q.penalty;
      } catch (e) {
        skip(sa, "QuoteFailed", { message: toKitError(e, "CaesarToken").shortMessage });
        continue;
      }
      if (charge > sa.maxFee) {
        skip(sa, "FeeAboveMax", { charge, maxFee: sa.maxFee });
        continue;
      }
      ready.push(sa);
    }

    let processed = 0;
    let points = 0n;
    const maxBatch = this.options.maxBatch ?? 50;
    for (let i = 0; i < ready.length; i += maxBatch) {
      const batch = ready.slice(i, i + maxBatch);
      const r = await submitAuthorizations(this.options.signer, await contracts.processor.getAddress(), batch, {
        single: false,
      });
      for (const o of r.outcomes) {
        this.settled.add(keyOf(o));
        if (o.processed) {
          log.log("info", "authorization.processed", { from: o.from, nonce: o.nonce, points: o.points });
        } else {
          skipped.push({ from: o.from, nonce: o.nonce, reason: o.reason });
          log.log("warn", "authorization.skipped", { from: o.from, nonce: o.nonce, reason: o.reason, onChain: true });
        }
      }
      processed += r.processed;
      points += r.points;
      log.log("info", "batch.submitted", {
        count: batch.length,
        processed: r.processed,
        points: r.points,
        hash: r.receipt.hash,
        gasUsed: r.receipt.gasUsed,
      });
      if (r.processed > 0) this.toClaim.add(await contracts.distributor.currentEpoch());
    }

    const claimed: { epoch: bigint; amount: bigint }[] = [];
    if (this.options.claim ?? true) {
      for (const epoch of [...this.toClaim].sort((a, b) => (a < b ? -1 : 1))) {
        if ((await contracts.distributor.claimOpensAt(epoch)) > now) continue;
        if ((await contracts.distributor.claimable(this.address, epoch)) === 0n) {
          this.toClaim.delete(epoch); // claimed already, or nothing earned (e.g. accuracy reported 0)
          continue;
        }
        const { amount, receipt } = await claimEpoch(
          this.options.signer,
          await contracts.distributor.getAddress(),
          epoch,
        );
        this.toClaim.delete(epoch);
        claimed.push({ epoch, amount });
        log.log("info", "reward.claimed", { epoch, amount, hash: receipt.hash });
      }
    }
    return { submitted: ready.length, processed, points, skipped, waiting, claimed };
  }
}
