/**
 * The `kit` CLI run in-process against the Hardhat network (runCli with captured output), for the CLI tests of every
 * economy: one runner instead of a `kit()` / `ok()` pair per test file, and Hardhat's development keys by index.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { BrowserProvider, HDNodeWallet } from "ethers";
import { runCli, EXIT_FAILURE } from "../../sdk/cli/main";
import type { AddressBook } from "../../sdk/kit/chain";

/** Hardhat's (and `hardhat node`'s) development mnemonic. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** The private key of development account `i` (the one `ethers.getSigners()[i]` signs with). */
export function devKey(i: number): string {
  return HDNodeWallet.fromPhrase(DEV_MNEMONIC, undefined, `m/44'/60'/0'/0/${i}`).privateKey;
}

/** One finished CLI run. */
export interface KitRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as the one JSON document of `--json` mode. */
  json(): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Writes an address book's contracts to a temporary `--address-book` file; `remove()` deletes its folder. */
export function addressBookFile(contracts: AddressBook["contracts"] | Record<string, string>, prefix = "kit-cli-") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, "addresses.json");
  fs.writeFileSync(file, JSON.stringify(contracts));
  return { dir, file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Keys of the actors of test/quiver/fixtures/quiverActors (Hardhat accounts #10..#17). */
export const QUIVER_ACTOR_KEYS = {
  provider: devKey(10),
  consumer: devKey(12),
  challenger: devKey(13),
  v1: devKey(14),
  v2: devKey(15),
  v3: devKey(16),
  stranger: devKey(17),
} as const;

/** What every call of a {@link kitRunner} shares. */
export interface KitRunnerOptions {
  /** The `--address-book` file (none: the CLI reads the deployments directory). */
  readonly book?: () => string;
  /** Global options before each call's own (`() => ["--deployments", dir]`). */
  readonly prefix?: () => readonly string[];
  /** Environment of every call (a salt store, ...); the call's key is added as `KIT_PRIVATE_KEY`. */
  readonly env?: () => Record<string, string>;
  /** Key used when a call names none (`null` in a call: no key). */
  readonly key?: string;
  /** Every stdout and stderr is appended here (tests that check no key is ever printed). */
  readonly outputs?: string[];
}

/** Per-call options of a {@link kitRunner}'s `kit`. */
export interface KitCallOptions {
  readonly env?: Record<string, string | undefined>;
  /** The EIP-1193 provider the CLI talks to (default: the in-process Hardhat network). */
  readonly eip1193?: unknown;
}

/**
 * A runner of `kit [--address-book <book()>] …` on the in-process chain. `kit` returns the run; `ok` runs with
 * `--json`, expects exit 0 and returns the document; `fails` runs with `--json`, expects `code` and one JSON error
 * document, and returns its `error`; `reverts` expects exit 1 with the decoded custom error (and its arguments).
 *
 * @example
 * const { ok } = kitRunner({ book: () => bookFile });
 * const r = await ok(["token", "balance", alice], devKey(2));
 */
export function kitRunner(options: KitRunnerOptions = {}) {
  const kit = async (args: readonly string[], key?: string | null, call: KitCallOptions = {}): Promise<KitRun> => {
    let stdout = "";
    let stderr = "";
    const k = key === null ? undefined : (key ?? options.key);
    const globals = [...(options.book ? ["--address-book", options.book()] : []), ...(options.prefix?.() ?? [])];
    const code = await runCli(["node", "kit", ...globals, ...args], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env: { ...options.env?.(), ...call.env, ...(k ? { KIT_PRIVATE_KEY: k } : {}) },
      isTTY: false,
      provider: new BrowserProvider((call.eip1193 ?? network.provider) as never),
    });
    options.outputs?.push(stdout, stderr);
    return { code, stdout, stderr, json: () => JSON.parse(stdout) };
  };
  const ok = async (args: readonly string[], key?: string | null) => {
    const r = await kit(["--json", ...args], key);
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).to.equal(0);
    return r.json();
  };
  const fails = async (args: readonly string[], key: string | null | undefined, code: number = EXIT_FAILURE) => {
    const r = await kit(["--json", ...args], key);
    expect(r.code, `${args.join(" ")} should exit ${code}: ${r.stdout}${r.stderr}`).to.equal(code);
    return r.json().error as { name: string; message: string; details?: unknown; errorName?: string; args?: string[] };
  };
  const reverts = async (
    args: readonly string[],
    key: string | null | undefined,
    errorName: string,
    errorArgs?: unknown[],
  ) => {
    const error = await fails(args, key, EXIT_FAILURE);
    expect(error.errorName, JSON.stringify(error)).to.equal(errorName);
    if (errorArgs) expect(error.args).to.deep.equal(errorArgs.map(String));
    return error as typeof error & { errorName: string; args: string[] };
  };
  return { kit, ok, fails, reverts };
}
