/**
 * Readers of CAESAR's StabilityGate (contracts/caesar/stability/StabilityGate.sol): its state in one object (pause,
 * breaker, reserves, escrow) and the delay queue's entries with their states, and the handle on
 * `Caesar#StabilityGate` (connected apart from `connectCaesar`, so that an address book from before the gate still
 * connects).
 */
import type { ContractRunner } from "ethers";
import { addressOf, type AddressBook } from "../../kit/chain/addressBook";
import { connectAbi } from "../../kit/chain/contracts";
import { InvalidArgumentError } from "../../kit/core/errors";
import { GATE_ABI, PAIR_ABI } from "./contracts";
import type { StabilityGate } from "./contracts";
import { spotPriceWad } from "../core/market";
import "./ids";

/** `StabilityGate.EntryState`, by index. */
export const ENTRY_STATES = ["None", "Queued", "Executable", "Executed", "Expired", "Cancelled"] as const;
export type EntryStateName = (typeof ENTRY_STATES)[number];

/** Most entries {@link readQueue} reads in one call. */
export const MAX_QUEUE_READ = 200;

/** The gate of a CAESAR deployment. */
export function connectCaesarGate(book: AddressBook, runner: ContractRunner): StabilityGate {
  return connectAbi(GATE_ABI, addressOf(book, "caesarGate"), runner);
}

/** The gate's state: pause flag, breaker, reserves beyond the escrow, escrow, entries so far. */
export interface GateStatus {
  readonly paused: boolean;
  readonly breakerTripped: boolean;
  readonly breakerArmed: boolean;
  readonly breakerResetsAt: bigint;
  readonly caesarReserve: bigint;
  readonly quoteReserve: bigint;
  readonly escrowCaesar: bigint;
  readonly escrowQuote: bigint;
  readonly entryCount: bigint;
}

/** Reads the gate's state. */
export async function readGate(gate: StabilityGate): Promise<GateStatus> {
  const [paused, b, r, eC, eQ, n] = await Promise.all([
    gate.paused(),
    gate.breaker(),
    gate.reserves(),
    gate.escrowCaesar(),
    gate.escrowQuote(),
    gate.entryCount(),
  ]);
  return {
    paused,
    breakerTripped: b[0],
    breakerArmed: b[1],
    breakerResetsAt: b[2],
    caesarReserve: r[0],
    quoteReserve: r[1],
    escrowCaesar: eC,
    escrowQuote: eQ,
    entryCount: n,
  };
}

/** One queue entry with its derived state. */
export interface QueueEntry {
  readonly id: bigint;
  readonly state: EntryStateName;
  /** An Expired entry whose escrow was refunded (a second refund reverts with `GateAlreadyRefunded`). */
  readonly refunded: boolean;
  readonly trader: string;
  readonly side: "buy" | "sell";
  /** Escrowed input: quote wei for a buy, CAESAR wei for a sell. */
  readonly amountIn: bigint;
  readonly minOut: bigint;
  readonly executableAt: bigint;
  readonly expiresAt: bigint;
}

/**
 * Reads the newest `limit` entries (at most {@link MAX_QUEUE_READ}), newest first, optionally only `trader`'s.
 *
 * @example
 * const open = (await readQueue(gate, { limit: 20 })).filter((e) => e.state === "Executable");
 */
export async function readQueue(
  gate: StabilityGate,
  opts: { limit?: number; trader?: string } = {},
): Promise<QueueEntry[]> {
  const limit = opts.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUEUE_READ) {
    throw new InvalidArgumentError(`limit must be an integer in [1, ${MAX_QUEUE_READ}], got ${limit}`);
  }
  const n = await gate.entryCount();
  const ids: bigint[] = [];
  for (let id = n; id >= 1n && ids.length < limit; id--) ids.push(id);
  const rows = await Promise.all(
    ids.map(async (id) => {
      const [e, st] = await Promise.all([gate.entry(id), gate.state(id)]);
      return {
        id,
        state: ENTRY_STATES[Number(st)],
        refunded: e.closed === 3n,
        trader: e.trader,
        side: e.buy ? ("buy" as const) : ("sell" as const),
        amountIn: e.amountIn,
        minOut: e.minOut,
        executableAt: e.executableAt,
        expiresAt: e.expiresAt,
      };
    }),
  );
  const t = opts.trader?.toLowerCase();
  return t === undefined ? rows : rows.filter((r) => r.trader.toLowerCase() === t);
}

/** The gate's pool: the pair, its quote token, both reserves and the spot price (quote wei per CAESAR wei, WAD). */
export interface PoolState {
  readonly pair: string;
  readonly quote: string;
  readonly caesarReserve: bigint;
  readonly quoteReserve: bigint;
  readonly spotPriceWad: bigint;
}

/**
 * Reads the pool the gate trades on. The spot price moves with every trade; the controller reads the TWAP instead
 * (`readStability(...).marketPriceWad`).
 *
 * @example
 * const p = await readPool(gate);
 * tradeToPrice(p.caesarReserve, p.quoteReserve, target); // the arbitrageur's trade
 */
export async function readPool(gate: StabilityGate): Promise<PoolState> {
  const [pairAddress, quote, caesar] = await Promise.all([gate.pair(), gate.quote(), gate.caesar()]);
  const pair = connectAbi(PAIR_ABI, pairAddress, gate.runner);
  const [[r0, r1], t0] = await Promise.all([pair.getReserves(), pair.token0()]);
  const [caesarReserve, quoteReserve] = t0.toLowerCase() === caesar.toLowerCase() ? [r0, r1] : [r1, r0];
  return {
    pair: pairAddress,
    quote,
    caesarReserve,
    quoteReserve,
    spotPriceWad: spotPriceWad(caesarReserve, quoteReserve),
  };
}
