/**
 * Event streams: typed logs fetched with chunked `eth_getLogs` queries, so a long range never hits a node's
 * block-range or result limits; and the event a flow's receipt must carry ({@link eventArgs}).
 */
import { Interface, type EventLog, type Log, type Provider, type Result, type TransactionReceipt } from "ethers";
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
  const start = await firstBlockFrom(provider, timestamp, first, last);
  if (start > last || (await blockTime(provider, start)) !== timestamp) return undefined;
  return { fromBlock: start, toBlock: (await firstBlockFrom(provider, timestamp + 1n, first, last)) - 1 };
}

/**
 * The blocks mined in `[fromTime, toTime)` (unix seconds), found by two binary searches over block headers
 * (about 2·log2(blocks) `eth_getBlockByNumber` calls); `undefined` when no block falls in it. For reading a period's
 * events: `streamEvents(..., await blocksBetween(provider, start, end))`.
 *
 * @example
 * const { start, end } = monthBounds("2026-11");
 * const range = await blocksBetween(provider, start, end); // { fromBlock: 812, toBlock: 1604 }
 */
export async function blocksBetween(
  provider: Provider,
  fromTime: bigint,
  toTime: bigint,
): Promise<{ fromBlock: number; toBlock: number } | undefined> {
  if (toTime <= fromTime) return undefined;
  const last = await provider.getBlockNumber();
  const fromBlock = await firstBlockFrom(provider, fromTime, 0, last);
  const toBlock = (await firstBlockFrom(provider, toTime, 0, last)) - 1;
  return fromBlock <= toBlock ? { fromBlock, toBlock } : undefined;
}

async function blockTime(provider: Provider, n: number): Promise<bigint> {
  const b = await provider.getBlock(n);
  if (!b) throw new InvalidArgumentError(`block ${n} is not known to the node`);
  return BigInt(b.timestamp);
}

/** The first block in [first, last + 1) whose timestamp is at least `timestamp` (last + 1: none). */
async function firstBlockFrom(provider: Provider, timestamp: bigint, first: number, last: number): Promise<number> {
  let lo = first;
  let hi = last + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await blockTime(provider, mid)) >= timestamp) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A contract whose events {@link readEventLog} collects, under a display name. */
export interface EventSource {
  readonly name: string;
  readonly address: string;
  readonly iface: Interface;
}

/** One decoded event of {@link readEventLog}. */
export interface EventLogRow {
  readonly block: number;
  /** Unix seconds of the block. */
  readonly timestamp: number;
  readonly tx: string;
  readonly logIndex: number;
  /** The source's name. */
  readonly contract: string;
  readonly address: string;
  readonly event: string;
  /** Named arguments, bigints as decimal strings. */
  readonly args: Readonly<Record<string, string>>;
}

/**
 * Every event the `sources` emitted in `[fromBlock, toBlock]`, decoded with each source's ABI, in chain order. One
 * `eth_getLogs` per `chunkSize` blocks covers every address at once; one header per block with events gives the
 * timestamps. Logs no ABI knows (an event of a library or of a newer contract version) keep their topic as `event`.
 *
 * @example
 * const rows = await readEventLog(provider, [{ name: "mining", address, iface: POE_ABI.iface }], { fromBlock: 100 });
 */
export async function readEventLog(
  provider: Provider,
  sources: readonly EventSource[],
  options: StreamOptions = {},
): Promise<EventLogRow[]> {
  const chunk = options.chunkSize ?? 2_000;
  if (!Number.isInteger(chunk) || chunk < 1) throw new InvalidArgumentError("chunkSize must be a positive integer");
  const byAddress = new Map(sources.map((s) => [s.address.toLowerCase(), s]));
  if (byAddress.size === 0) return [];
  const from = options.fromBlock ?? 0;
  const to = options.toBlock ?? (await provider.getBlockNumber());
  const times = new Map<number, number>();
  const rows: EventLogRow[] = [];
  for (let start = from; start <= to; start += chunk) {
    const end = Math.min(start + chunk - 1, to);
    const logs = await provider.getLogs({ address: [...byAddress.keys()], fromBlock: start, toBlock: end });
    for (const log of logs) {
      const source = byAddress.get(log.address.toLowerCase());
      if (!source) continue;
      if (!times.has(log.blockNumber)) times.set(log.blockNumber, Number(await blockTime(provider, log.blockNumber)));
      const parsed = source.iface.parseLog({ topics: [...log.topics], data: log.data });
      const args: Record<string, string> = {};
      parsed?.fragment.inputs.forEach((input, i) => {
        const v: unknown = parsed.args[i];
        args[input.name || String(i)] =
          typeof v === "bigint" ? v.toString() : typeof v === "string" ? v : JSON.stringify(v, bigintJson);
      });
      rows.push({
        block: log.blockNumber,
        timestamp: times.get(log.blockNumber)!,
        tx: log.transactionHash,
        logIndex: log.index,
        contract: source.name,
        address: source.address,
        event: parsed?.name ?? log.topics[0] ?? "",
        args,
      });
    }
  }
  return rows.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
}

const bigintJson = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

/**
 * The event sources of a connected preset: every contract handle among `contracts`' fields (nested objects such as
 * a `feeds` group included, named `feeds.usage`), once per address. Plain strings (an address kept without an ABI)
 * are skipped. Economy-agnostic: a preset's `connect` result goes in as it is.
 *
 * @example
 * const rows = await readEventLog(provider, eventSourcesOf(connectBpci(book, provider)), { fromBlock });
 */
export function eventSourcesOf(contracts: object, prefix = ""): EventSource[] {
  const out: EventSource[] = [];
  const seen = new Set<string>();
  const walk = (o: object, at: string) => {
    for (const [key, v] of Object.entries(o)) {
      if (v === null || typeof v !== "object") continue;
      const name = at ? `${at}.${key}` : key;
      const c = v as { interface?: unknown; target?: unknown };
      if (c.interface instanceof Interface && typeof c.target === "string") {
        const address = c.target.toLowerCase();
        if (!seen.has(address)) {
          seen.add(address);
          out.push({ name, address: c.target, iface: c.interface });
        }
      } else walk(v as object, name);
    }
  };
  walk(contracts, prefix);
  return out;
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
