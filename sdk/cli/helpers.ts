/**
 * The one helper module of every CLI command group (shared and per economy): sends with progress output, the body
 * of a signing command (`txCommand`), the `--json` shape of a transaction, the local-chain guard (`localOnly`), and
 * the argument parsers (amounts, unsigned integers, hashes, accounts).
 */
import type { Signer, TransactionReceipt } from "ethers";
import { id as keccakText } from "ethers";
import { InvalidArgumentError, parseAddress, parseAmount, parseBaseUnits } from "../kit/core";
import type { SendOptions } from "../kit/tx";
import { addressOf, connectGovernor, connectParameterRegistry, connectTreasury } from "../kit/chain";
import { LOCAL_CHAIN_IDS } from "../kit/preset";
import type { CliContext } from "./context";

/** `--wei` switch of amount arguments. */
export interface AmountOpts {
  wei?: boolean;
}

/**
 * Runs a send with a progress line (silent with `--json`).
 *
 * @example
 * const receipt = await sendWithProgress(c, "stake 10 QUIV", (o) => stake(signer, staking, amount, o));
 */
export async function sendWithProgress<T>(c: CliContext, label: string, f: (o: SendOptions) => Promise<T>): Promise<T> {
  const progress = c.progress(label);
  try {
    const result = await f({ onProgress: (s) => progress.update(s) });
    progress.done();
    return result;
  } catch (e) {
    progress.done(false);
    throw e;
  }
}

/** What a signing command works with: an economy's contracts `b` connected to the signer, the signer and its address. */
export interface Signing<B> {
  readonly c: CliContext;
  readonly b: B;
  readonly signer: Signer;
  readonly from: string;
}

/** One signing command, planned once its arguments are parsed: the progress label, the send, the output. */
export interface TxPlan<R, E extends Record<string, unknown>> {
  readonly label: string;
  readonly send: (o: SendOptions) => Promise<R>;
  /** The command's own `--json` fields (beside action, from, hash, block, gasUsed). */
  readonly json: (r: R) => E;
  readonly text: (x: E & { hash: string }) => string;
}

/**
 * Types a {@link TxPlan} (its send's result types the json, the json types the text).
 *
 * @example
 * plan({ label: "heartbeat", send: (o) => heartbeat(signer, mesh, o), json: () => ({}), text: (x) => `in ${x.hash}` });
 */
export function plan<R, E extends Record<string, unknown>>(p: TxPlan<R, E>): TxPlan<R, E> {
  return p;
}

/**
 * The body of a signing command: connect the economy's contracts to the signer (`connect`), parse (`plan`, where bad
 * input throws before anything is sent), send with a progress line (pre-flighted by the kit's senders), print
 * `txJson(action, …)` and the plan's one text line.
 *
 * @example
 * await txCommand(c, "meshHeartbeat", connectBpciFor, ({ b, signer }) => plan({ ... }));
 */
export async function txCommand<
  B,
  R extends TransactionReceipt | { receipt: TransactionReceipt },
  E extends Record<string, unknown>,
>(
  c: CliContext,
  action: string,
  connect: (c: CliContext, signing: boolean) => Promise<B>,
  plan: (s: Signing<B>) => Promise<TxPlan<R, E>> | TxPlan<R, E>,
): Promise<void> {
  const b = await connect(c, true);
  const signer = await c.signer();
  const from = await signer.getAddress();
  const p = await plan({ c, b, signer, from });
  const r = await sendWithProgress(c, p.label, p.send);
  const receipt = (r as { receipt?: TransactionReceipt }).receipt ?? (r as TransactionReceipt);
  c.print(txJson(action, from, receipt, p.json(r)), (x) => [p.text(x)]);
}

/**
 * Refuses a command that only makes sense on a local dev chain ({@link LOCAL_CHAIN_IDS}: its mock feeds, its time
 * travel) with an {@link InvalidArgumentError} naming the command, the chain and `why` (when given).
 *
 * @example
 * await localOnly(c, "feed set", "a live deployment reads real feeds");
 */
export async function localOnly(c: CliContext, command: string, why?: string): Promise<void> {
  const chainId = await c.chainId();
  if (!LOCAL_CHAIN_IDS.has(chainId)) {
    throw new InvalidArgumentError(
      `\`kit ${command}\` works on local chains only (ids ${[...LOCAL_CHAIN_IDS].join(", ")}), not chain ${chainId} (${c.networkName})${why ? `: ${why}` : ""}`,
      { details: { chainId, allowed: [...LOCAL_CHAIN_IDS] } },
    );
  }
}

/**
 * The `--json` shape of a transaction: action, sender, extra fields, hash, block and gas.
 *
 * @example
 * c.print(txJson("unbond", from, receipt, { provider, amount }), (r) => [`unbonded in ${r.hash}`]);
 */
export function txJson<E extends Record<string, unknown>>(
  action: string,
  from: string,
  receipt: TransactionReceipt,
  extra: E,
) {
  return { action, from, ...extra, hash: receipt.hash, block: receipt.blockNumber, gasUsed: receipt.gasUsed };
}

/**
 * Parses an amount argument: tokens with up to `decimals` decimals (the token's own; 18 by default), or base units
 * (wei) with `--wei`.
 *
 * @example
 * amountArg("12.5", {}); // 12_500_000_000_000_000_000n
 * amountArg("1", {}, 21); // 10n ** 21n: one wFLX share
 */
export function amountArg(value: string, opts: AmountOpts = {}, decimals?: number): bigint {
  return opts.wei ? parseBaseUnits(value) : parseAmount(value, decimals);
}

/**
 * A non-negative integer argument below 2^256 (ids, indexes, seconds, bps), named in errors.
 *
 * @example
 * uintArg("7", "jobId"); // 7n
 */
export function uintArg(value: string, label: string): bigint {
  if (!/^[0-9]+$/.test(value ?? "")) {
    throw new InvalidArgumentError(`${label} must be a non-negative integer, not "${value}"`, {
      details: { [label]: value },
    });
  }
  const v = BigInt(value);
  if (v >= 1n << 256n) throw new InvalidArgumentError(`${label} exceeds uint256`, { details: { [label]: value } });
  return v;
}

/**
 * A 32-byte hash argument: a 0x-prefixed 32-byte hex string is used as is, any other text is hashed
 * (`keccak256(utf8(text))`), so `--model llama-8b` works.
 *
 * @example
 * hashArg("llama-8b", "model"); // keccak256("llama-8b")
 */
export function hashArg(value: string, label: string): string {
  if (value === undefined || value === "") throw new InvalidArgumentError(`${label} must not be empty`);
  if (/^0x[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase();
  if (/^0x/.test(value)) throw new InvalidArgumentError(`${label} looks like hex but is not 32 bytes: "${value}"`);
  return keccakText(value);
}

/**
 * The given address, or the signer's when none is given and a key is configured.
 *
 * @example
 * await accountArg(c, undefined); // the signer's address
 */
export async function accountArg(c: CliContext, given: string | undefined, label = "address"): Promise<string> {
  if (given) return parseAddress(given, label);
  if (!c.hasKey()) {
    const what = label === "address" ? "an address" : `the ${label}'s address`;
    throw new InvalidArgumentError(`give ${what} (or configure a key to use the signer's)`);
  }
  return (await c.wallet()).address;
}

/**
 * Typed handles on the kit stack of the deployment (governor, treasury, registry), read-only or signing.
 *
 * @example
 * const { governor } = await kitContracts(c, false);
 */
export async function kitContracts(c: CliContext, signing: boolean) {
  const book = await c.addressBook();
  const runner = signing ? await c.signer() : await c.provider();
  return {
    governor: connectGovernor(addressOf(book, "governor"), runner),
    treasury: connectTreasury(addressOf(book, "treasury"), runner),
    registry: connectParameterRegistry(addressOf(book, "registry"), runner),
  };
}

export { LOCAL_CHAIN_IDS };

const UNIT_SECONDS: Readonly<Record<string, bigint>> = { s: 1n, m: 60n, h: 3_600n, d: 86_400n, w: 604_800n };

/**
 * A duration argument: seconds (`3600`), or amounts with units s, m, h, d, w, combined (`90m`, `1d12h`, `2w`).
 * Positive and at most 100 years.
 *
 * @example
 * durationArg("1d12h", "duration"); // 129_600n
 */
export function durationArg(value: string, label: string): bigint {
  const text = (value ?? "").trim().toLowerCase();
  let total = 0n;
  if (/^[0-9]+$/.test(text)) total = BigInt(text);
  else if (/^([0-9]+[smhdw])+$/.test(text)) {
    for (const [, n, unit] of text.matchAll(/([0-9]+)([smhdw])/g)) total += BigInt(n) * UNIT_SECONDS[unit];
  } else {
    throw new InvalidArgumentError(`${label} must be seconds or a duration like 90m, 6h, 7d, 1d12h, not "${value}"`, {
      details: { [label]: value },
    });
  }
  if (total === 0n) throw new InvalidArgumentError(`${label} must be positive`, { details: { [label]: value } });
  if (total > 100n * 365n * 86_400n) {
    throw new InvalidArgumentError(`${label} exceeds 100 years`, { details: { [label]: value } });
  }
  return total;
}

/**
 * A span of seconds for a person: `"45 s"`, `"59 min"`, `"2 h 5 min"`, `"3 d 4 h"`.
 *
 * @example
 * formatDuration(3_540n); // "59 min"
 */
export function formatDuration(seconds: bigint): string {
  const s = seconds < 0n ? -seconds : seconds;
  if (s < 60n) return `${s} s`;
  if (s < 3_600n) return `${s / 60n} min`;
  if (s < 86_400n) {
    const m = (s % 3_600n) / 60n;
    return `${s / 3_600n} h${m ? ` ${m} min` : ""}`;
  }
  const h = (s % 86_400n) / 3_600n;
  return `${s / 86_400n} d${h ? ` ${h} h` : ""}`;
}

/**
 * A unix time for a person, relative to `now` (chain time): `"2026-12-02T11:14:00Z (in 59 min)"`, `"… (3 h ago)"`.
 *
 * @example
 * formatTime(1_796_210_040n, 1_796_206_500n); // "2026-12-02T11:14:00Z (in 59 min)"
 */
export function formatTime(unix: bigint, now?: bigint): string {
  const iso = new Date(Number(unix) * 1000).toISOString().replace(/\.000Z$/, "Z");
  if (now === undefined) return iso;
  if (unix === now) return `${iso} (now)`;
  return `${iso} (${unix > now ? `in ${formatDuration(unix - now)}` : `${formatDuration(now - unix)} ago`})`;
}

/**
 * A point in time argument, converted to absolute unix seconds (what the contracts store, e.g. a grant's `start`
 * and `cliff`): a date (`2027-01-15`, `2027-01-15T08:00:00Z`; UTC unless it has an offset), `@<unix seconds>`,
 * `now`, or a duration after `base` (`90d`, `1d12h`, `3600`; see {@link durationArg}).
 *
 * @example
 * timeArg("30d", "cliff", start); // start + 2_592_000n
 * timeArg("2027-01-15T08:00:00Z", "start", now); // 1_800_000_000n
 */
export function timeArg(value: string, label: string, base: bigint): bigint {
  const text = (value ?? "").trim();
  if (text === "now") return base;
  if (/^@[0-9]+$/.test(text)) return uintArg(text.slice(1), label);
  if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(text)) {
    const iso = /([zZ]|[+-][0-9]{2}:?[0-9]{2})$/.test(text) || text.length === 10 ? text : `${text}Z`;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms))
      throw new InvalidArgumentError(`${label} is not a date: "${value}"`, { details: { [label]: value } });
    if (ms < 0 || ms % 1000 !== 0) {
      throw new InvalidArgumentError(`${label} must be a whole second after 1970: "${value}"`, {
        details: { [label]: value },
      });
    }
    return BigInt(ms / 1000);
  }
  try {
    return base + durationArg(text, label);
  } catch {
    throw new InvalidArgumentError(
      `${label} must be a date (2027-01-15, 2027-01-15T08:00:00Z), @unix-seconds, now, or a duration like 90d, not "${value}"`,
      { details: { [label]: value } },
    );
  }
}
