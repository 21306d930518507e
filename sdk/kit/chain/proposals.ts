/**
 * Proposal actions before and after they are proposed: a parameter change checked against the registry's bounds
 * and rate limit at the earliest execution time, every action simulated as the timelock (`eth_call` from its
 * address), and a proposal's calldata decoded into words from the compiled ABIs and the parameter catalogue.
 */
import { Interface, ZeroAddress, getAddress, type Provider, type Result } from "ethers";
import { findParameterByKey, formatAmount, type ParameterCatalogue, type ParameterSpec } from "../core";
import type { ContractRevertError } from "../core/errors";
import type { AddressBook } from "./addressBook";
import { allFactories } from "./contracts";
import { decodeRevertData, extractRevertData } from "./decoder";
import type { ParameterState } from "./readers";

/** One action of a proposal: the timelock calls `target` with `data` and `value` wei. */
export interface ProposalCall {
  readonly target: string;
  readonly value: bigint;
  readonly data: string;
}

/** A parameter value with its catalogue unit for a person: `"250 bps"`, `"1209600 s (14 d)"`, `"5 QUIV-wei"`. */
export function formatParameterValue(value: bigint, unit: ParameterSpec["unit"] | undefined): string {
  if (unit === "bps") return `${value} bps`;
  if (unit === "seconds") return `${value} s (${spanOf(value)})`;
  if (unit === "wei") return `${value} wei (${formatAmount(value)} tokens)`;
  return `${value}`;
}

function spanOf(s: bigint): string {
  if (s < 60n) return `${s} s`;
  if (s < 3_600n) return `${s / 60n} min`;
  if (s < 86_400n) return `${s / 3_600n} h${s % 3_600n ? ` ${(s % 3_600n) / 60n} min` : ""}`;
  return `${s / 86_400n} d${s % 86_400n ? ` ${(s % 86_400n) / 3_600n} h` : ""}`;
}

/**
 * Why `ParameterRegistry.set(p.key, value)` would revert when executed at `executableAt` (unix seconds), or
 * `undefined` when it would not (as far as this parameter's state now tells; another change executed before it
 * can still move the band). Mirrors ParameterRegistry.set: bounds, freeze, then the rate-limit band.
 *
 * @example
 * checkParameterChange(state, 5000n, now + 6n * 86_400n); // "quiver.market.burnBps=5000 is above its maximum 1000"
 */
export function checkParameterChange(p: ParameterState, value: bigint, executableAt: bigint): string | undefined {
  const show = (v: bigint) => formatParameterValue(v, p.unit);
  if (value > p.max) return `${p.name}=${value} is above its maximum ${p.max}`;
  if (value < p.min) return `${p.name}=${value} is below its minimum ${p.min}`;
  if (executableAt < p.frozenUntil) {
    return `${p.name} is frozen until ${iso(p.frozenUntil)} (its bounds changed), after the earliest execution at ${iso(executableAt)}`;
  }
  let low = p.bandLow;
  let high = p.bandHigh;
  if (executableAt >= p.lastChange + p.period) [low, high] = [p.value, p.value];
  const allowedLow = high > p.maxDelta ? high - p.maxDelta : 0n;
  const allowedHigh = low + p.maxDelta;
  if (value < allowedLow || value > allowedHigh) {
    return (
      `${p.name}=${value} moves it from ${show(p.value)} by more than its rate limit of ${p.maxDelta} per ` +
      `${spanOf(p.period)}: at the earliest execution (${iso(executableAt)}) it can be set within [${allowedLow}, ${allowedHigh}]`
    );
  }
  return undefined;
}

function iso(unix: bigint): string {
  return new Date(Number(unix) * 1000).toISOString().replace(/\.000Z$/, "Z");
}

/** The outcome of one action simulated as the timelock. */
export interface SimulationResult {
  readonly index: number;
  readonly target: string;
  /** `"ok"`, `"reverted"` (see `error`), or `"skipped"` (see `note`). */
  readonly status: "ok" | "reverted" | "skipped";
  readonly error?: ContractRevertError;
  readonly note?: string;
}

/**
 * Simulates every action as `timelock` would make it: an `eth_call` from the timelock's address to the target, on
 * the latest block. An action sending more ETH than the timelock holds is skipped (the executor may pay it at
 * execution); `skip(target)` names targets that cannot be simulated alone (e.g. the governor's own
 * `onlyGovernance` functions, which accept a call only while the governor executes the proposal).
 *
 * @example
 * const r = await simulateAsTimelock(provider, timelock, calls);
 * r.filter((x) => x.status === "reverted").map((x) => x.error!.message);
 */
export async function simulateAsTimelock(
  provider: Provider,
  timelock: string,
  calls: readonly ProposalCall[],
  contractName: (target: string) => string | undefined = () => undefined,
  skip: (target: string) => string | undefined = () => undefined,
): Promise<SimulationResult[]> {
  const balance = await provider.getBalance(timelock);
  return Promise.all(
    calls.map(async (a, index): Promise<SimulationResult> => {
      const target = getAddress(a.target);
      const reason = skip(target);
      if (reason !== undefined) return { index, target, status: "skipped", note: reason };
      if (a.value > balance) {
        return {
          index,
          target,
          status: "skipped",
          note: `sends ${a.value} wei, more than the timelock's ${balance}: the executor must pay it`,
        };
      }
      try {
        await provider.call({ from: timelock, to: target, data: a.data, value: a.value });
        return { index, target, status: "ok" };
      } catch (e) {
        const data = extractRevertData(e);
        const error = decodeRevertData(data ?? "0x", contractName(target));
        return { index, target, status: "reverted", error };
      }
    }),
  );
}

/** A named, formatted argument of a decoded call. */
export interface DecodedArg {
  readonly name: string;
  readonly type: string;
  /** The raw value (bigints as decimal strings, arrays joined). */
  readonly value: string;
  /** For a person: amounts with the token symbol, times as ISO dates, known contracts by name. */
  readonly text: string;
}

/** One action of a proposal in words. */
export interface DecodedAction {
  readonly index: number;
  readonly target: string;
  /** Address-book id of the target (`"Kit#Treasury"`), when it is in the book. */
  readonly targetId?: string;
  readonly value: bigint;
  /** `"Treasury"`, when the selector matched the target's ABI (or any compiled ABI). */
  readonly contract?: string;
  /** `"createGrant"`, or undefined when the calldata matched no ABI. */
  readonly method?: string;
  readonly args: readonly DecodedArg[];
  /** The action in one line: `"set quiver.market.treasuryFeeBps from 200 to 250 bps"`. */
  readonly text: string;
}

/** What {@link describeActions} reads from the chain. */
export interface DescribeContext {
  readonly provider: Provider;
  readonly book?: AddressBook;
  readonly catalogue?: ParameterCatalogue;
}

interface Named {
  readonly contract: string;
  readonly iface: Interface;
}

let interfaces: Named[] | undefined;
function compiledInterfaces(): readonly Named[] {
  if (!interfaces) {
    interfaces = [];
    for (const [name, value] of Object.entries(allFactories())) {
      const abi = (value as { abi?: unknown }).abi;
      if (name.endsWith("__factory") && Array.isArray(abi)) {
        interfaces.push({ contract: name.slice(0, -"__factory".length), iface: new Interface(abi) });
      }
    }
  }
  return interfaces;
}

const ERC20 = new Interface(["function symbol() view returns (string)", "function decimals() view returns (uint8)"]);
const REGISTRY = new Interface(["function get(bytes32 key) view returns (uint256)"]);

const AMOUNT_NAME = /^(amount|value|wad|budget|cap|limit|reward|fee)$|Amount$|Budget$|Reward$/i;
const TIME_NAME = /^(start|cliff|end|deadline|eta|until|expiry|expiresAt|startsAt|endsAt)$|At$|Until$/;

/**
 * Decodes a proposal's actions into words: the target's contract (from the address book, or any compiled ABI that
 * knows the selector), the method with named arguments, amounts with the token's symbol, times as ISO dates, and a
 * `ParameterRegistry.set` as "set NAME from OLD to NEW UNIT" (OLD read from the registry now).
 *
 * @example
 * (await describeActions({ provider, book, catalogue }, calls))[0].text;
 * // "set quiver.market.treasuryFeeBps from 200 to 250 bps"
 */
export async function describeActions(ctx: DescribeContext, calls: readonly ProposalCall[]): Promise<DecodedAction[]> {
  const byAddress = new Map<string, string>();
  for (const [id, address] of Object.entries(ctx.book?.contracts ?? {})) byAddress.set(address.toLowerCase(), id);
  const symbols = new Map<string, Promise<{ symbol: string; decimals: number } | undefined>>();
  const tokenOf = (address: string) => {
    const k = address.toLowerCase();
    if (!symbols.has(k)) symbols.set(k, readSymbol(ctx.provider, address));
    return symbols.get(k)!;
  };
  const nameOf = (address: string) => {
    const id = byAddress.get(address.toLowerCase());
    return id ? `${id.split("#").pop()} ${address}` : address;
  };

  return Promise.all(
    calls.map(async (a, index): Promise<DecodedAction> => {
      const target = getAddress(a.target);
      const targetId = byAddress.get(target.toLowerCase());
      const base = { index, target, targetId, value: a.value };
      const valueText = a.value > 0n ? ` sending ${formatAmount(a.value)} ETH` : "";
      if (a.data === "0x" || a.data.length < 10) {
        return { ...base, args: [], text: `send ${formatAmount(a.value)} ETH to ${nameOf(target)}` };
      }
      const hint = targetId?.split("#").pop();
      const all = compiledInterfaces();
      const ordered = hint ? [...all.filter((s) => s.contract === hint), ...all] : all;
      for (const s of ordered) {
        let parsed: ReturnType<Interface["parseTransaction"]> = null;
        try {
          parsed = s.iface.parseTransaction({ data: a.data, value: a.value });
        } catch {
          continue;
        }
        if (!parsed) continue;
        const contract = s.contract;
        if (parsed.name === "set" && parsed.signature === "set(bytes32,uint256)") {
          const key = String(parsed.args[0]).toLowerCase();
          const spec = findParameterByKey(ctx.catalogue ?? [], key);
          const to = parsed.args[1] as bigint;
          let from: bigint | undefined;
          try {
            const [v] = REGISTRY.decodeFunctionResult(
              "get",
              await ctx.provider.call({ to: target, data: REGISTRY.encodeFunctionData("get", [key]) }),
            );
            from = v as bigint;
          } catch {
            from = undefined; // not a registry, or the key is not defined
          }
          const name = spec?.name ?? key;
          const fmt = (v: bigint) => formatParameterValue(v, spec?.unit);
          const text =
            from === undefined
              ? `set ${name} to ${fmt(to)}`
              : spec?.unit === "bps"
                ? `set ${name} from ${from} to ${to} bps`
                : `set ${name} from ${fmt(from)} to ${fmt(to)}`;
          return {
            ...base,
            contract,
            method: parsed.name,
            args: [
              { name: "key", type: "bytes32", value: key, text: name },
              { name: "value", type: "uint256", value: to.toString(), text: fmt(to) },
            ],
            text: text + valueText,
          };
        }
        const args = await formatArgs(parsed.fragment.inputs, parsed.args, target, tokenOf, nameOf);
        return {
          ...base,
          contract,
          method: parsed.name,
          args,
          text: `${contract}.${parsed.name}(${args.map((x) => `${x.name}=${x.text}`).join(", ")})${valueText}`,
        };
      }
      return {
        ...base,
        args: [],
        text: `call ${nameOf(target)} with unknown selector ${a.data.slice(0, 10)}${valueText}`,
      };
    }),
  );
}

async function readSymbol(provider: Provider, address: string) {
  if (address === ZeroAddress) return { symbol: "ETH", decimals: 18 };
  try {
    const [s] = ERC20.decodeFunctionResult(
      "symbol",
      await provider.call({ to: address, data: ERC20.encodeFunctionData("symbol") }),
    );
    const [d] = ERC20.decodeFunctionResult(
      "decimals",
      await provider.call({ to: address, data: ERC20.encodeFunctionData("decimals") }),
    );
    return { symbol: String(s), decimals: Number(d) };
  } catch {
    return undefined;
  }
}

async function formatArgs(
  inputs: readonly { name: string; type: string }[],
  values: Result,
  target: string,
  tokenOf: (a: string) => Promise<{ symbol: string; decimals: number } | undefined>,
  nameOf: (a: string) => string,
): Promise<DecodedArg[]> {
  // The token an amount is denominated in: an `address token`/`asset` argument, else the target itself when it is a token.
  const tokenIndex = inputs.findIndex((i) => i.type === "address" && /^(token|asset)$/i.test(i.name));
  const token = tokenIndex >= 0 ? await tokenOf(String(values[tokenIndex])) : await tokenOf(target);
  return Promise.all(
    inputs.map(async (input, i): Promise<DecodedArg> => {
      const v = values[i] as unknown;
      const name = input.name || `arg${i}`;
      const raw = Array.isArray(v) ? `[${v.map(String).join(", ")}]` : String(v);
      let text = raw;
      if (input.type === "address") {
        const t = /^(token|asset)$/i.test(name) ? await tokenOf(String(v)) : undefined;
        text = t ? `${t.symbol} ${v}` : nameOf(String(v));
      } else if (/^uint/.test(input.type) && typeof v === "bigint") {
        if (AMOUNT_NAME.test(name) && token) text = `${formatAmount(v, token.decimals)} ${token.symbol}`;
        else if (TIME_NAME.test(name) && v > 1_000_000_000n && v < 100_000_000_000n) text = `${iso(v)} (${v})`;
        else if (/duration|period|delay/i.test(name)) text = `${v} s (${spanOf(v)})`;
      }
      return { name, type: input.type, value: raw, text };
    }),
  );
}
