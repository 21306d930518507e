/**
 * Commands run as real processes to completion, for the process tests (test/sdk/*.process.test.ts): one spawner
 * with a kill timer instead of a copy per test file, and the `kit` launcher (sdk/cli/bin.js) as a process.
 */
import { spawn } from "node:child_process";
import path from "node:path";

/** The repository root (the process tests' working directory). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** The `kit` launcher, as package.json's `bin` names it. */
export const KIT_BIN = path.join(REPO_ROOT, "sdk", "cli", "bin.js");

/** A finished process. */
export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runProcess}. */
export interface RunOptions {
  /** Added to this process's environment. */
  readonly env?: Record<string, string>;
  /** Killed (SIGKILL) after this long (default 60 s). */
  readonly timeoutMs?: number;
  /** Every stdout and stderr is appended here (tests that check no key is ever printed). */
  readonly outputs?: string[];
}

/**
 * Runs `cmd args` in the repository root to completion and returns its exit code and output.
 *
 * @example
 * const r = await runProcess("npm", ["run", "-s", "cli", "--", "--json", "status"]);
 */
export function runProcess(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      options.outputs?.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The `kit` CLI as a real process (no key unless `env` sets `KIT_PRIVATE_KEY`).
 *
 * @example
 * const r = await kitProcess(["--json", "status"], { env: { KIT_DEPLOYMENTS_DIR: dir } });
 */
export function kitProcess(args: readonly string[], options: RunOptions = {}): Promise<Ran> {
  return runProcess(process.execPath, [KIT_BIN, ...args], { ...options, env: { KIT_PRIVATE_KEY: "", ...options.env } });
}
