/**
 * The simulation engine: deploys a preset exactly like scripts/demo.ts (Ignition, the preset's localhost
 * parameters), creates the agents as seeded wallets funded with gas by account #0, then runs the preset's day
 * function once per simulated day and moves the node's clock (evm_increaseTime + evm_mine through
 * hardhat-network-helpers). Each preset (./presets/*.ts) supplies setup, day, charts, checks and its scenarios.
 * Independent transactions of a day can go through `ctx.batch` ({@link sendBatch}): one block for all of them on
 * the in-process chain (automine off, explicit nonces, one `evm_mine`), one by one against a node (--rpc-url)
 * unless the run owns the node (--batch, for an anvil started for the run).
 */
import fs from "node:fs";
import path from "node:path";
import { Wallet, parseEther, type Provider, type Signer, type TransactionReceipt } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { addressBookFromHandles, type AddressBook } from "../../sdk/kit/chain";
import { readDeploymentParameters, REPO_ROOT } from "../../sdk/kit/node/deploy";
import { toKitError } from "../../sdk/kit/chain/decoder";
import { sendTx, withGasHeadroom } from "../../sdk/kit/tx/send";
import { encodeRequest, type WriteName, type WriteRequest } from "../../sdk/kit/tx/request";
import type { TxRequest } from "../../sdk/kit/tx/builders";
import { findPreset } from "../../sdk/presets";
import { Rng } from "./rng";
import { runCheck, type Check, type Row } from "./checks";
import type { ChartSpec, PresetRun } from "./report";
import type { PresetName } from "./args";

export const DAY = 86_400;

/** A scenario: a name, what it does, and the knobs the preset's day function reads. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** Demand multiplier for a day (1 = the population's base demand). */
  readonly demand?: (day: number, days: number) => number;
  readonly [knob: string]: unknown;
}

export interface SimContext {
  readonly hre: HardhatRuntimeEnvironment;
  readonly provider: Provider;
  readonly book: AddressBook;
  /** The chain's unlocked accounts (#0 deployed the preset). */
  readonly accounts: readonly Signer[];
  /** The agents' wallets (seeded keys), funded with gas. */
  readonly wallets: readonly Wallet[];
  readonly rng: Rng;
  readonly days: number;
  readonly scenario: Scenario;
  readonly population: Record<string, unknown>;
  /** Moves the chain's clock forward and mines a block. */
  advance(seconds: number): Promise<void>;
  now(): Promise<number>;
  /** Counts one transaction attempt (for the progress bar). */
  tick(n?: number): void;
  /** Reverted agent transactions by reason (the decoded custom error's name, else the node's short message). */
  readonly failures: Map<string, number>;
  /** Whether {@link SimContext.batch} mines a batch in one block (the in-process chain) or sends one by one. */
  readonly batching: boolean;
  /**
   * Sends independent transactions (see {@link sendBatch}); one result per item, in order: the receipt, or the
   * revert as an Error (counted and tallied by reason like {@link attempt}).
   */
  batch(items: readonly BatchItem[]): Promise<Array<TransactionReceipt | Error>>;
}

/** One transaction of a batch: who signs it, the encoded request and the contract name its revert decodes with. */
export interface BatchItem {
  readonly signer: Signer;
  readonly request: TxRequest;
  readonly hint?: string;
}

/** A batch item of a typed SDK request (its ABI names the contract for the revert decoder). */
export function item<C, F extends WriteName<C>>(signer: Signer, r: WriteRequest<C, F>): BatchItem {
  return { signer, request: encodeRequest(r), hint: r.abi.name };
}

export interface PresetSim<S> {
  readonly name: PresetName;
  readonly scenarios: Readonly<Record<string, Scenario>>;
  readonly charts: readonly ChartSpec[];
  readonly checks: readonly Check[];
  /** How many wallets the population needs for `agents` agents. */
  walletsFor(agents: number, population: Record<string, unknown>): number;
  setup(ctx: SimContext, agents: number): Promise<S>;
  /** Runs one simulated day (it may move the clock inside the day) and returns the day's row. */
  day(ctx: SimContext, state: S, day: number): Promise<Row>;
  /** Free-text notes for the report (what an agent could not do and why). */
  notes?(state: S): string[];
}

export interface RunOptions {
  readonly days: number;
  readonly agents: number;
  readonly seed: number;
  readonly scenario: string;
  /** Batch against a node too (--batch); the in-process chain always batches. */
  readonly batchOnNode?: boolean;
  /** Called once per day (progress). */
  readonly onDay?: (day: number, txs: number) => void;
  readonly onTx?: (txs: number) => void;
}

export function loadPopulation(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "populations", `${name}.json`), "utf8"));
}

export async function runPreset<S>(
  hre: HardhatRuntimeEnvironment,
  sim: PresetSim<S>,
  o: RunOptions,
): Promise<PresetRun> {
  const scenario = sim.scenarios[o.scenario];
  if (!scenario)
    throw new Error(
      `scenario ${JSON.stringify(o.scenario)} is not registered for ${sim.name} (it has: ${Object.keys(sim.scenarios).join(", ")})`,
    );
  const t0 = Date.now();
  const preset = findPreset(sim.name);
  if (!preset) throw new Error(`preset ${sim.name} is not registered`);
  const { ethers, ignition } = hre;
  const accounts = await ethers.getSigners();
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const file = preset.parameters.localhost;
  const parameters = file ? readDeploymentParameters(path.join(REPO_ROOT, file)) : {};
  // Against a node (--rpc-url) Ignition keeps a journal per deployment id: one id per run and preset, so that a
  // second preset (the presets share the kit's module ids) or a second run on the same node deploys afresh. The
  // folder is `deploy/deployments/<preset>-sim-<time>-chain-<id>` (git-ignored). In process there is no journal.
  const deploymentId = hre.network.name === "hardhat" ? undefined : `${sim.name}-sim-${Date.now()}-chain-${chainId}`;
  const deployed = await ignition.deploy(await preset.loadModule("local"), { parameters, deploymentId });
  const book = await addressBookFromHandles(
    chainId,
    deployed as Record<string, { getAddress(): Promise<string> }>,
    preset.ids,
  );
  const population = loadPopulation(sim.name);
  const n = sim.walletsFor(o.agents, population);
  const wallets = Array.from({ length: n }, (_, i) => new Wallet(Rng.agentKey(o.seed, i), ethers.provider));
  let txs = 0;
  // Batches are mined as one block on the in-process chain, and on a node only when the run owns it (--batch):
  // otherwise the engine does not switch the node's automine off (another client may be using it), and every
  // transaction is mined on its own.
  const inProcess = hre.network.name === "hardhat";
  const batching = inProcess || o.batchOnNode === true;
  // Gas money from account #0 (the same seeded wallets serve every preset of a run; top up, never drain #0).
  const gas = parseEther("5");
  for (const w of wallets) {
    if ((await ethers.provider.getBalance(w.address)) >= gas / 2n) continue;
    await (await accounts[0].sendTransaction({ to: w.address, value: gas })).wait();
    txs++;
  }
  // In process, every block is one second after the one before (see pinClock): a seed gives the same timestamps,
  // hence the same time-weighted values (TWAPs, accruals), however long the host takes.
  const unpin = inProcess ? pinClock(hre.network.provider) : () => undefined;
  const ctx: SimContext = {
    hre,
    provider: ethers.provider,
    book,
    accounts,
    wallets,
    rng: new Rng(o.seed),
    days: o.days,
    scenario,
    population,
    advance: async (s) => {
      await time.increase(s);
    },
    now: async () => time.latest(),
    tick: (k = 1) => {
      txs += k;
      o.onTx?.(txs);
    },
    failures: new Map(),
    batching,
    batch: (items) => sendBatch(hre, ctx, items),
  };
  const series: Row[] = [];
  let state: S;
  try {
    state = await sim.setup(ctx, o.agents);
    for (let d = 1; d <= o.days; d++) {
      series.push(await sim.day(ctx, state, d));
      o.onDay?.(d, txs);
    }
  } finally {
    unpin();
  }
  return {
    preset: sim.name,
    scenario: o.scenario,
    series,
    charts: sim.charts,
    checks: sim.checks.map((c) => runCheck(sim.name, c, series)),
    txs,
    wallSeconds: (Date.now() - t0) / 1000,
    notes: sim.notes?.(state) ?? [],
    failures: Object.fromEntries([...ctx.failures].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
  };
}

/** The in-process node as the engine and ethers call it (`request`, and the legacy `send` hardhat-ethers uses). */
export interface PinnableNode {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
  send(method: string, params?: unknown[]): Promise<unknown>;
}

/** Blocks a batch may take when the node's block gas limit cannot hold it in one (see {@link sendBatch}). */
const MAX_BATCH_BLOCKS = 16;

const MINING = new Set(["eth_sendRawTransaction", "eth_sendTransaction"]);

/**
 * Pins the in-process chain's clock: Hardhat stamps a new block with the host's wall clock (plus the offset
 * `evm_increaseTime` and `evm_setNextBlockTimestamp` leave), so a block mined after a slow step lands 2 or 3 seconds
 * after the one before instead of 1, and a time-weighted value (a TWAP, a per-second accrual) then depends on the
 * host's speed: the cause of the CAESAR TWAP that differed at the 1e-10 level on day 129 of a 180-day run. Before
 * each call that mines a block without a timestamp of its own (a transaction sent while automine is on, an
 * `evm_mine` without parameters, such as a batch's), this sets the next block's timestamp to the latest one's + 1;
 * `time.increase` (an explicit `evm_setNextBlockTimestamp`, then `hardhat_mine`) is left alone. Returns the undo.
 * Only for the in-process chain: a node (--rpc-url) keeps its own clock.
 */
export function pinClock(node: PinnableNode): () => void {
  const request = node.request;
  const send = node.send;
  let automine = true;
  const before = async (method: string, params: unknown): Promise<void> => {
    const list = Array.isArray(params) ? params : [];
    if (method === "evm_setAutomine") automine = Boolean(list[0]);
    if (!((automine && MINING.has(method)) || (method === "evm_mine" && list.length === 0))) return;
    const latest = (await request.call(node, { method: "eth_getBlockByNumber", params: ["latest", false] })) as {
      timestamp: string;
    };
    await request.call(node, {
      method: "evm_setNextBlockTimestamp",
      params: ["0x" + (BigInt(latest.timestamp) + 1n).toString(16)],
    });
  };
  node.request = async (args) => {
    await before(args.method, args.params);
    return request.call(node, args);
  };
  node.send = async (method, params) => {
    await before(method, params);
    return send.call(node, method, params);
  };
  return () => {
    node.request = request;
    node.send = send;
  };
}

/** Sends and waits; counts the attempt; a revert is returned as an Error (agents carry on). */
export async function attempt<T>(ctx: SimContext, f: () => Promise<T>): Promise<T | Error> {
  ctx.tick();
  try {
    return await f();
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const reason = failureReason(err);
    ctx.failures.set(reason, (ctx.failures.get(reason) ?? 0) + 1);
    return err;
  }
}

function tally(ctx: SimContext, e: unknown, hint?: string): Error {
  const err = toKitError(e, hint);
  const reason = failureReason(err);
  ctx.failures.set(reason, (ctx.failures.get(reason) ?? 0) + 1);
  return err;
}

/**
 * Sends independent transactions: none of them may depend on what another of the batch changes (an approval and
 * the call that spends it go in two batches). On the in-process chain they share one block: automine off, each
 * item pre-flighted with `eth_estimateGas` on the latest block (a revert is decoded and never sent, exactly like
 * the SDK's senders) and sent with its sender's next nonce, one `evm_mine`, automine back on. Items are sent one
 * after the other in the given order with the same fee, so the block orders them as given (the node's mempool
 * orders equal fees by arrival) and a seed gives the same chain. A transaction that still reverts in the block is
 * replayed with `eth_call` on the block before to decode its error (an "in a batch" reason when it succeeds
 * there). Without batching (a node, --rpc-url without --batch) each item is sent and awaited by the SDK's sender.
 */
export async function sendBatch(
  hre: HardhatRuntimeEnvironment,
  ctx: SimContext,
  items: readonly BatchItem[],
): Promise<Array<TransactionReceipt | Error>> {
  const out: Array<TransactionReceipt | Error> = new Array(items.length);
  if (!ctx.batching) {
    for (let i = 0; i < items.length; i++) {
      const { signer, request, hint } = items[i];
      const r = await attempt(ctx, () => sendTx(signer, request, hint));
      out[i] = r;
    }
    return out;
  }
  if (items.length === 0) return out;
  const node = hre.network.provider;
  const provider = ctx.provider;
  const sent: Array<{ i: number; hash: string; from: string }> = [];
  const nonces = new Map<string, number>();
  const receipts = new Map<string, TransactionReceipt>();
  const fee = await provider.getFeeData();
  await node.request({ method: "evm_setAutomine", params: [false] });
  try {
    for (let i = 0; i < items.length; i++) {
      const { signer, request, hint } = items[i];
      ctx.tick();
      try {
        const from = await signer.getAddress();
        const gas = await provider.estimateGas({ ...request, from, blockTag: "latest" });
        // Everything sent before the batch is mined (automine was on), so the latest block's count is the next
        // nonce; a "pending" count would make the node build a pending block from the batch's queue every time.
        const nonce = nonces.get(from) ?? (await provider.getTransactionCount(from, "latest"));
        const response = await signer.sendTransaction({
          ...request,
          gasLimit: withGasHeadroom(gas),
          nonce,
          maxFeePerGas: fee.maxFeePerGas,
          maxPriorityFeePerGas: fee.maxPriorityFeePerGas,
        });
        nonces.set(from, nonce + 1);
        sent.push({ i, hash: response.hash, from });
      } catch (e) {
        out[i] = tally(ctx, e, hint);
      }
    }
    // One block holds the batch when it fits the block gas limit; a node with a smaller limit than the batch needs
    // (anvil's default is 30M, the in-process chain's 36M) leaves the rest queued: mine until every one is in.
    let queued = sent.map((s) => s.hash);
    for (let blocks = 0; queued.length > 0 && blocks < MAX_BATCH_BLOCKS; blocks++) {
      await node.request({ method: "evm_mine", params: [] });
      const left: string[] = [];
      for (const h of queued) {
        const r = await provider.getTransactionReceipt(h);
        if (r === null) left.push(h);
        else receipts.set(h, r);
      }
      queued = left;
    }
    // A transaction still unmined would be reported as a revert below and hold its sender's nonce: stop instead.
    if (queued.length > 0)
      throw new Error(
        `${queued.length} of ${sent.length} batch transactions still unmined after ${MAX_BATCH_BLOCKS} blocks (the node's block gas limit is too small for them): ${queued[0]}`,
      );
  } finally {
    await node.request({ method: "evm_setAutomine", params: [true] });
  }
  for (const { i, hash, from } of sent) {
    const receipt = receipts.get(hash) ?? null;
    if (receipt && receipt.status === 1) {
      out[i] = receipt;
      continue;
    }
    const { request, hint } = items[i];
    try {
      await provider.call({ ...request, from, blockTag: receipt ? receipt.blockNumber - 1 : "latest" });
      out[i] = tally(ctx, new Error(`reverted in a batch (not when replayed alone): ${hash}`), hint);
    } catch (e) {
      out[i] = tally(ctx, e, hint);
    }
  }
  return out;
}

/** A revert's reason for the tally: the SDK's decoded error name, else the first line of the message. */
export function failureReason(e: Error): string {
  const named = (e as { errorName?: unknown }).errorName;
  if (typeof named === "string" && named.length > 0) return named;
  const short = (e as { shortMessage?: unknown }).shortMessage;
  const text = typeof short === "string" ? short : e.message;
  return text.split("\n")[0].slice(0, 120);
}

/** Number of a bigint in whole tokens (for series and charts; `decimals` default 18). */
export function tokens(wei: bigint, decimals = 18): number {
  const d = 10n ** BigInt(decimals);
  return Number(wei / d) + Number(wei % d) / Number(d);
}
