/**
 * `kit bpci economy metrics` and `economy audit`: the economy's readings in one document (status, the stability
 * monitor, and with `comprehensive` the PoE statistics and the token table), and the events of a period as rows for
 * a CSV export. Reads only; the CLI writes the files.
 */
import type { Provider } from "ethers";
import { eventSourcesOf, readEventLog, type EventLogRow, type StreamOptions } from "../../kit/chain/events";
import type { BpciContracts } from "./contracts";
import { readBpciStatus, type BpciStatus } from "./readers";
import { readBpciTokens, readPoeStats, type BpciTokenRow, type PoeStats } from "./reports";
import { readStability, type StabilityStatus } from "./stability";

/** What `economy metrics` exports. */
export interface BpciMetrics {
  readonly chainId: bigint;
  /** The block the readings were taken at, and its time (unix s). */
  readonly block: number;
  readonly timestamp: bigint;
  readonly status: BpciStatus;
  readonly stability: StabilityStatus;
  /** With `comprehensive` only. */
  readonly poe?: PoeStats;
  readonly tokens?: readonly BpciTokenRow[];
}

/**
 * Every reading of the BPCI economy at one block (pinned with `blockTag`, so the parts agree).
 *
 * @example
 * const m = await readBpciMetrics(connectBpci(book, provider), provider, { comprehensive: true });
 */
export async function readBpciMetrics(
  b: BpciContracts,
  provider: Provider,
  options: { comprehensive?: boolean } = {},
): Promise<BpciMetrics> {
  const block = await provider.getBlock("latest");
  if (!block) throw new Error("the node returned no latest block");
  const [network, status, stability] = await Promise.all([provider.getNetwork(), readBpciStatus(b), readStability(b)]);
  const detail = options.comprehensive ? { poe: await readPoeStats(b), tokens: await readBpciTokens(b) } : {};
  return {
    chainId: network.chainId,
    block: block.number,
    timestamp: BigInt(block.timestamp),
    status,
    stability,
    ...detail,
  };
}

/**
 * The events of every BPCI contract (tokens, mining, billing, the monitor, governance, the treasury, the feeds, and
 * any contract added to {@link BpciContracts}) in `[fromBlock, toBlock]`, in chain order.
 *
 * @example
 * const rows = await readBpciAudit(b, provider, await blocksBetween(provider, start, end));
 */
export async function readBpciAudit(
  b: BpciContracts,
  provider: Provider,
  options: StreamOptions = {},
): Promise<EventLogRow[]> {
  return readEventLog(provider, eventSourcesOf(b), options);
}

/** One audit row flattened for CSV: the arguments as one JSON column. */
export function auditCsvRow(r: EventLogRow): Record<string, unknown> {
  return {
    block: r.block,
    time: new Date(r.timestamp * 1000).toISOString(),
    tx: r.tx,
    logIndex: r.logIndex,
    contract: r.contract,
    address: r.address,
    event: r.event,
    args: JSON.stringify(r.args),
  };
}
