/**
 * The `--json` rule over every command path of the CLI (enumerated from the program, so a new command is
 * covered the day it is added): on failure stdout is exactly one JSON document `{ error: { name, message, details } }`,
 * exit 2 for bad input or usage, 1 otherwise (an unreachable node). And the economy selection errors say what to do.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { BrowserProvider } from "ethers";
import type { Command } from "commander";
import { buildProgram, runCli, EXIT_FAILURE, EXIT_USAGE } from "../../sdk/cli/main";
import { CliContext } from "../../sdk/cli/context";

const UNREACHABLE = "http://127.0.0.1:9"; // the discard port: connection refused at once

/** Every leaf command path of the program (`["channel", "voucher", "sign"]`). */
function leafPaths(): string[][] {
  const io = { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false };
  const program = buildProgram(io, () => new CliContext(io, {}));
  const out: string[][] = [];
  const walk = (cmd: Command, prefix: string[]) => {
    for (const sub of cmd.commands) {
      const p = [...prefix, sub.name()];
      if (sub.commands.length > 0) walk(sub, p);
      else out.push(p);
    }
  };
  walk(program, []);
  return out;
}

async function run(args: string[], provider?: BrowserProvider) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["node", "kit", "--json", ...args], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: {},
    isTTY: false,
    ...(provider ? { provider } : {}),
  });
  return { code, stdout, stderr };
}

/** The one JSON error document of a failed run (fails the test when stdout is anything else). */
function oneError(r: { stdout: string }, what: string) {
  let doc: { error?: { name?: unknown; message?: unknown; details?: unknown } };
  try {
    doc = JSON.parse(r.stdout);
  } catch {
    throw new Error(`${what}: stdout is not exactly one JSON document: ${JSON.stringify(r.stdout.slice(0, 300))}`);
  }
  expect(Object.keys(doc), what).to.deep.equal(["error"]);
  expect(doc.error, what).to.include.keys("name", "message", "details");
  return doc.error as { name: string; message: string; details: unknown };
}

describe("kit --json: one JSON error document and the right exit code on every command path", () => {
  const leaves = leafPaths();

  it("enumerates the command tree (shared groups and every economy's)", () => {
    const groups = new Set(leaves.map((p) => p[0]));
    for (const g of ["status", "token", "gov", "treasury", "params", "dev", "job", "caesar", "bpci", "agent"]) {
      expect(groups.has(g), g).to.equal(true);
    }
    expect(leaves.length).to.be.greaterThan(140);
  });

  it("an unknown option: exit 2 and a UsageError document, for every command", async () => {
    for (const p of leaves) {
      const r = await run(["--rpc-url", UNREACHABLE, ...p, "--no-such-option"]);
      expect(r.code, p.join(" ")).to.equal(EXIT_USAGE);
      const e = oneError(r, p.join(" "));
      expect(e.name, p.join(" ")).to.equal("UsageError");
      // commander names the unknown option, or first a required option the command lacks
      expect(e.message, p.join(" ")).to.match(/unknown option '--no-such-option'|required option/);
    }
  });

  it("no arguments against an unreachable node: bad input exits 2, the unreachable node 1, one document each", async () => {
    let unreachable = 0;
    for (const p of leaves) {
      const r = await run(["--rpc-url", UNREACHABLE, ...p]);
      const e = oneError(r, p.join(" "));
      if (r.code === EXIT_FAILURE) {
        expect(e.message, p.join(" ")).to.equal(`cannot reach custom at ${UNREACHABLE}`);
        unreachable++;
      } else {
        expect(r.code, `${p.join(" ")}: ${e.message}`).to.equal(EXIT_USAGE);
        expect(e.name, p.join(" ")).to.be.oneOf(["UsageError", "InvalidArgumentError"]);
      }
    }
    expect(unreachable).to.be.greaterThan(10); // the read-only commands without arguments got as far as the node
  });

  describe("economy selection (in-process chain, no deployment in the directory)", () => {
    let dir: string;
    const provider = () => new BrowserProvider(network.provider as never);
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-json-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("a preset without a deployment: exit 2 naming the folder looked in and `kit deploy <economy>`", async () => {
      const r = await run(["--deployments", dir, "--economy", "caesar", "token", "info"], provider());
      expect(r.code).to.equal(EXIT_USAGE);
      const e = oneError(r, "token info");
      expect(e.message).to.contain(`no deployment of caesar found for chain 31337 (looked for ${dir}`);
      expect(e.message).to.contain("`kit deploy caesar`");
      const none = await run(["--deployments", dir, "status"], provider());
      expect(oneError(none, "status").message).to.contain("`kit deploy <economy>`");
    });

    it("an economy's own command with --economy naming another is refused; an unknown name lists the known", async () => {
      const r = await run(["--deployments", dir, "--economy", "caesar", "job", "list"], provider());
      expect(r.code).to.equal(EXIT_USAGE);
      expect(oneError(r, "job list").message).to.equal(
        "this is a quiver command: it acts on quiver's deployment, not caesar's (drop --economy caesar)",
      );
      const unknown = await run(["--deployments", dir, "--economy", "nope", "caesar", "epoch"], provider());
      expect(unknown.code).to.equal(EXIT_USAGE);
      expect(oneError(unknown, "caesar epoch").message).to.contain('unknown preset "nope"');
      const same = await run(["--deployments", dir, "--economy", "caesar", "caesar", "epoch"], provider());
      expect(oneError(same, "caesar epoch").message).to.contain("no deployment of caesar");
    });
  });
});
