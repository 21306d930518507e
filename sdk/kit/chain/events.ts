/**
 * Event streams: typed logs fetched with chunked `eth_getLogs` queries, so a long range never hits a node's
 * block-range or result limits; and the event a flow's receipt must carry ({@link eventArgs}).
 */
import type { EventLog, Interface, Log, Provider, Result, TransactionReceipt } from "ethers";
import { InvalidArgumentError, InvariantError } from "../core/errors";
import type { VotesToken, ParameterRegistry } from "./contracts";

/** Options of {@link streamEvents}. */
export interface StreamOptions {
  /** First block (inclusive, default 0). */
  readonly fromBlock?: number;
  /** Last block (inclusive, default `"latest"`). */
  readonly toBlock?: number;
  /** Blocks per `eth_getLogs` query (default 2,000). */
  readonly chunkSize?: number;
}

type AnyContract = VotesToken | ParameterRegistry;

/**
 * Streams the logs of `filter` over `[fromBlock, toBlock]` in chunks of `chunkSize` blocks.
 *
 * @example
 * for await (const ev of streamEvents(quiv, quiv.filters.Transfer(undefined, alice), { chunkSize: 500 })) {
 *   console.log(ev.args.from, ev.args.value);
 * }
 */
export async function* streamEvents<C extends AnyContract>(
  contract: C,
  filter: Parameters<C["queryFilter"]>[0],
  options: StreamOptions = {},
): AsyncGenerator<EventLog | Log> {
  const chunk = options.chunkSize ?? 2_000;
  if (!Number.isInteger(chunk) || chunk < 1) throw new InvalidArgumentError("chunkSize must be a positive integer");
  const provider = contract.runner?.provider as Provider | null | undefined;
  if (!provider) throw new InvalidArgumentError("the contract has no provider");
  const from = options.fromBlock ?? 0;
  const to = options.toBlock ?? (await provider.getBlockNumber());
  for (let start = from; start <= to; start += chunk) {
    const end = Math.min(start + chunk - 1, to);
    // Without an explicit toBlock the last chunk ends at "latest", so blocks mined since the head was read (or
    // hidden by ethers' 250 ms request cache) are included.
    const endTag = options.toBlock === undefined && end === to ? "latest" : end;
    // queryFilter is typed per contract; the union is safe because `filter` belongs to `contract`.
    const logs = await (contract as VotesToken).queryFilter(filter as never, start, endTag);
    for (const log of logs) yield log;
  }
}

/**
 * The blocks whose timestamp is `timestamp` (what a contract recorded as `block.timestamp` of an action), found by a
 * binary search over block headers in `[fromBlock, toBlock]` (default: the whole chain): about 2·log2(blocks)
 * `eth_getBlockByNumber` calls, whatever the chain's history, so a reader can query that action's events from a
 * few blocks instead of from block 0. `undefined` when no block in the range has that timestamp.
 *
 * @example
 * const range = await blocksAtTime(provider, job.submittedAt); // { fromBlock: 812, toBlock: 812 }
 * for await (const ev of streamEvents(market, market.filters.JobSubmitted(jobId), range)) …
 */
export async function blocksAtTime(
  provider: Provider,
  timestamp: bigint,
  range: { fromBlock?: number; toBlock?: number } = {},
): Promise<{ fromBlock: number; toBlock: number } | undefined> {
  const last = range.toBlock ?? (await provider.getBlockNumber());
  const first = range.fromBlock ?? 0;
  const timeOf = async (n: number) => {
    const b = await provider.getBlock(n);
    if (!b) throw new InvalidArgumentError(`block ${n} is not known to the node`);
    return BigInt(b.timestamp);
  };
  /** The first block in [first, last + 1) whose timestamp is above (`after`) or at least `timestamp`. */
  const search = async (after: boolean) => {
    let lo = first;
    let hi = last + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const t = await timeOf(mid);
      if (after ? t > timestamp : t >= timestamp) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const start = await search(false);
  if (start > last || (await timeOf(start)) !== timestamp) return undefined;
  return { fromBlock: start, toBlock: (await search(true)) - 1 };
}

/** A token transfer (mint when `from` is zero, burn when `to` is zero). */
export interface TransferEvent {
  readonly from: string;
  readonly to: string;
  readonly value: bigint;
  readonly blockNumber: number;
  readonly transactionHash: string;
}

/**
 * Collects a token's `Transfer` events, optionally filtered by sender and/or recipient.
 *
 * @example
 * const burns = await readTransfers(quiv, { to: ZeroAddress });
 */
export async function readTransfers(
  quiv: VotesToken,
  where: { from?: string; to?: string } = {},
  options: StreamOptions = {},
): Promise<TransferEvent[]> {
  const out: TransferEvent[] = [];
  for await (const log of streamEvents(quiv, quiv.filters.Transfer(where.from, where.to), options)) {
    const ev = log as EventLog;
    out.push({
      from: ev.args[0] as string,
      to: ev.args[1] as string,
      value: ev.args[2] as bigint,
      blockNumber: ev.blockNumber,
      transactionHash: ev.transactionHash,
    });
  }
  return out;
}

/**
 * The arguments of the first log in `receipt` that `iface` parses as event `name`; throws {@link InvariantError}
 * when there is none (a flow that must emit it did not).
 *
 * @example
 * const [jobId] = eventArgs(receipt, MARKET_ABI.iface, "JobPosted");
 */
export function eventArgs(receipt: TransactionReceipt, iface: Interface, name: string): Result {
  const [first] = eventsOf(receipt, iface, name);
  if (first === undefined) {
    throw new InvariantError(`the transaction emitted no ${name}`, { details: { hash: receipt.hash } });
  }
  return first;
}

/**
 * The arguments of every log in `receipt` that `iface` parses as event `name`, in log order; only logs of
 * `address` when given (two contracts with the same event).
 *
 * @example
 * const processed = eventsOf(receipt, PROCESSOR_ABI.iface, "AuthorizationProcessed", processor);
 */
export function eventsOf(receipt: TransactionReceipt, iface: Interface, name: string, address?: string): Result[] {
  const out: Result[] = [];
  for (const log of receipt.logs) {
    if (address !== undefined && log.address.toLowerCase() !== address.toLowerCase()) continue;
    try {
      const parsed = iface.parseLog(log);
      if (parsed?.name === name) out.push(parsed.args);
    } catch {
      // a log of another contract
    }
  }
  return out;
}
