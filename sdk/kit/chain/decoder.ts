/**
 * Revert decoding: every custom error declared by any compiled contract (all typechain factories) decodes
 * into a {@link ContractRevertError} with its name and arguments; unknown data is kept raw.
 */
import { Interface, type ErrorFragment } from "ethers";
import { ContractRevertError, KitError } from "../core/errors";
import { allFactories } from "./contracts";

interface ErrorSource {
  readonly contract: string;
  readonly iface: Interface;
}

let sources: ErrorSource[] | undefined;

/**
 * Every ABI the SDK can decode errors from: one entry per typechain factory (`X__factory.abi`), so a
 * contract added to `contracts/` is covered after `npx hardhat compile`.
 *
 * @example
 * errorSources().map((s) => s.contract); // ["AccessControl", ..., "QuivToken", ...]
 */
export function errorSources(): readonly ErrorSource[] {
  if (!sources) {
    // Loaded on first use: the typechain index loads every factory, which the happy path does not need.
    const typechain = allFactories();
    sources = [];
    for (const [name, value] of Object.entries(typechain)) {
      const abi = (value as { abi?: unknown }).abi;
      if (name.endsWith("__factory") && Array.isArray(abi)) {
        sources.push({ contract: name.slice(0, -"__factory".length), iface: new Interface(abi) });
      }
    }
  }
  return sources;
}

/**
 * Decodes revert data. `contractHint` (the callee's name) wins when its ABI declares the error, otherwise the
 * first ABI that declares it names the contract. `Error(string)` and `Panic(uint256)` decode too.
 *
 * @param data revert bytes (`0x…`)
 * @param contractHint name of the called contract, e.g. `"QuivToken"`
 * @example
 * const e = decodeRevertData("0x…", "QuivToken");
 * e.errorName; // "QuivCapExceeded"
 */
export function decodeRevertData(data: string, contractHint?: string): ContractRevertError {
  const all = errorSources();
  const ordered = contractHint ? [...all.filter((s) => s.contract === contractHint), ...all] : all;
  for (const s of ordered) {
    let parsed: ReturnType<Interface["parseError"]> = null;
    try {
      parsed = s.iface.parseError(data);
    } catch {
      continue; // selector matched but arguments did not decode in this ABI: try the next one
    }
    if (parsed) return fromParsed(parsed.fragment, [...parsed.args], s.contract, data);
  }
  const builtin = decodeBuiltin(data);
  if (builtin) return new ContractRevertError(builtin.message, { ...builtin, contract: contractHint, data });
  return new ContractRevertError(`reverted with unknown data ${data.slice(0, 10) || "0x"}`, {
    data,
    contract: contractHint,
  });
}

function fromParsed(fragment: ErrorFragment, args: unknown[], contract: string, data: string): ContractRevertError {
  const shown = args.map((a) => (typeof a === "bigint" ? a.toString() : String(a))).join(", ");
  return new ContractRevertError(`${contract} reverted: ${fragment.name}(${shown})`, {
    errorName: fragment.name,
    args,
    contract,
    data,
    signature: fragment.format("sighash"),
  });
}

const BUILTIN = new Interface(["error Error(string message)", "error Panic(uint256 code)"]);

function decodeBuiltin(data: string): { errorName: string; args: unknown[]; message: string } | undefined {
  try {
    const parsed = BUILTIN.parseError(data);
    if (!parsed) return undefined;
    const args = [...parsed.args];
    return { errorName: parsed.name, args, message: `reverted: ${parsed.name}(${String(args[0])})` };
  } catch {
    return undefined;
  }
}

/**
 * Finds revert data inside an error thrown by ethers, Hardhat or a JSON-RPC node (it nests differently in
 * each), or undefined when there is none.
 *
 * @example
 * try { await quiv.transfer(to, huge) } catch (e) { extractRevertData(e) } // "0xe450d38c…"
 */
export function extractRevertData(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): string | undefined => {
    if (depth > 6 || e === null || typeof e !== "object" || seen.has(e)) return undefined;
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const key of ["data", "revertData"]) {
      const v = o[key];
      if (typeof v === "string" && /^0x([0-9a-fA-F]{2})*$/.test(v) && v.length >= 10) return v;
      if (typeof v === "object") {
        const inner = visit(v, depth + 1);
        if (inner) return inner;
      }
    }
    for (const key of ["error", "info", "cause", "revert", "receipt"]) {
      const inner = visit(o[key], depth + 1);
      if (inner) return inner;
    }
    return undefined;
  };
  return visit(error, 0);
}

/**
 * Turns anything a contract call threw into a typed SDK error: a {@link ContractRevertError} when revert
 * data is found, the error itself when it already is a {@link KitError}, otherwise a {@link KitError}
 * wrapping it.
 *
 * @example
 * try { await quiv.burn(huge) } catch (e) { throw toKitError(e, "QuivToken") }
 */
export function toKitError(error: unknown, contractHint?: string): KitError {
  if (error instanceof KitError) return error;
  const data = extractRevertData(error);
  if (data) {
    const decoded = decodeRevertData(data, contractHint);
    return new ContractRevertError(decoded.shortMessage, {
      errorName: decoded.decoded ? decoded.errorName : undefined,
      args: decoded.args,
      contract: decoded.contract,
      data,
      signature: decoded.signature,
      cause: error,
    });
  }
  if ((error as { code?: string })?.code === "CALL_EXCEPTION") {
    return new ContractRevertError("reverted without data", { data: "0x", contract: contractHint, cause: error });
  }
  const e = error as { shortMessage?: string; message?: string } | undefined;
  const msg = e?.shortMessage ?? e?.message ?? String(error);
  return new KitError(msg.split("\n")[0], { cause: error });
}
