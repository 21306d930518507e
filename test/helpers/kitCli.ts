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

/**
 * A runner of `kit --address-book <book()> …` on the in-process chain. `kit` returns the run; `ok` runs with
 * `--json`, expects exit 0 and returns the document; `fails` runs with `--json`, expects `code` and exactly one JSON
 * error document on stdout, and returns its `error`. Every output is appended to `outputs` when given (tests that
 * check no key is ever printed).
 *
 * @example
 * const { ok } = kitRunner(() => bookFile);
 * const r = await ok(["token", "balance", alice], devKey(2));
 */
export function kitRunner(book: () => string, outputs?: string[]) {
  const kit = async (args: readonly string[], key?: string, env: Record<string, string> = {}): Promise<KitRun> => {
    let stdout = "";
    let stderr = "";
    const code = await runCli(["node", "kit", "--address-book", book(), ...args], {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env: { ...env, ...(key ? { KIT_PRIVATE_KEY: key } : {}) },
      isTTY: false,
      provider: new BrowserProvider(network.provider as never),
    });
    outputs?.push(stdout, stderr);
    return { code, stdout, stderr, json: () => JSON.parse(stdout) };
  };
  const ok = async (args: readonly string[], key?: string) => {
    const r = await kit(["--json", ...args], key);
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).to.equal(0);
    return r.json();
  };
  const fails = async (args: readonly string[], key: string | undefined, code: number = EXIT_FAILURE) => {
    const r = await kit(["--json", ...args], key);
    expect(r.code, `${args.join(" ")} should exit ${code}: ${r.stdout}${r.stderr}`).to.equal(code);
    return r.json().error as { name: string; message: string; details?: unknown; errorName?: string; args?: string[] };
  };
  return { kit, ok, fails };
}
