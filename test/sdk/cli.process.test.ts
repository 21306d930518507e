/**
 * The `kit` launcher as a process: it runs the compiled CLI in dist/ (built here with tsconfig.build.json when it is
 * missing or stale), says when dist/ is stale and falls back to the sources, and keeps stdout one JSON document with
 * `--json`, through `npm run -s cli` too. The staleness rule itself is checked on a temporary tree, in-process.
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { kitProcess, runProcess } from "../helpers/processRun";

const ROOT = path.resolve(__dirname, "..", "..");
const BIN = path.join(ROOT, "sdk", "cli", "bin.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const launcher = require(BIN) as { staleReason: (root?: string) => string; SOURCES: string[] };

const coverage = Boolean((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING);

/** Runs a command to completion (killed after 60 s). */
const run = (cmd: string, args: string[], env: Record<string, string> = {}) => runProcess(cmd, args, { env });

const kit = (args: string[], env: Record<string, string> = {}) => kitProcess(args, { env });

describe("kit launcher: the staleness rule (a temporary tree)", () => {
  let root: string;
  const write = (rel: string, mtimeSec: number) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "");
    fs.utimesSync(file, mtimeSec, mtimeSec);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "kit-launcher-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("a missing build is reported", () => {
    write("sdk/cli/main.ts", 1_000);
    expect(launcher.staleReason(root)).to.equal("the compiled CLI (dist/) is missing");
  });

  it("a build newer than every source is used; a newer source or typechain index makes it stale", () => {
    write("sdk/cli/main.ts", 1_000);
    write("deploy/modules/Quiver.ts", 1_000);
    write("typechain-types/index.ts", 1_000);
    write("dist/sdk/cli/main.js", 2_000);
    expect(launcher.staleReason(root)).to.equal("");
    write("deploy/blocks/governance/x.ts", 3_000);
    expect(launcher.staleReason(root)).to.match(/older than its TypeScript sources/);
    write("dist/sdk/cli/main.js", 4_000);
    write("typechain-types/index.ts", 5_000);
    expect(launcher.staleReason(root)).to.match(/older than its TypeScript sources/);
    write("dist/sdk/cli/main.js", 6_000);
    write("sdk/quiver/cli/job.ts", 7_000);
    expect(launcher.staleReason(root)).to.match(/older than its TypeScript sources/);
    // Files other than .ts (a README, a stray .js) do not make the build stale.
    write("dist/sdk/cli/main.js", 8_000);
    write("sdk/README.md", 9_000);
    expect(launcher.staleReason(root)).to.equal("");
  });
});

describe("kit launcher: the compiled CLI as a process", function () {
  this.timeout(180_000);

  before(function () {
    if (coverage) this.skip();
    if (launcher.staleReason() !== "") {
      // The same build as `npm run build:sdk` after a compile (typechain-types exist when the tests run).
      const tsc = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
        cwd: ROOT,
        encoding: "utf8",
      });
      expect(tsc.status, tsc.stdout + tsc.stderr).to.equal(0);
    }
    expect(launcher.staleReason()).to.equal("");
  });

  it("`kit --help` runs the build: exit 0, the usage on stdout, nothing on stderr", async () => {
    const r = await kit(["--help"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^Usage: kit \[options\] \[command\]/);
    expect(r.stdout).to.contain("status");
    expect(r.stderr).to.equal("");
  });

  it("KIT_CLI_FROM_SOURCE=1 runs the TypeScript sources, with the same output", async () => {
    const [built, source] = await Promise.all([
      kit(["token", "--help"]),
      kit(["token", "--help"], { KIT_CLI_FROM_SOURCE: "1" }),
    ]);
    expect(source.code, source.stderr).to.equal(0);
    expect(source.stdout).to.equal(built.stdout);
    expect(source.stderr).to.equal("");
  });

  it("`npm run -s cli -- --json …`: stdout is exactly one JSON document, errors included (no npm banner)", async () => {
    const r = await run("npm", ["run", "-s", "cli", "--", "--json", "--rpc-url", "http://127.0.0.1:9", "status"]);
    expect(r.code).to.equal(1);
    expect(r.stdout.trim().split("\n")).to.have.length(1);
    expect(JSON.parse(r.stdout)).to.deep.equal({
      error: { name: "KitError", message: "cannot reach custom at http://127.0.0.1:9", details: {} },
    });
    const usage = await kit(["--json", "job", "show"]);
    expect(usage.code).to.equal(2);
    expect(JSON.parse(usage.stdout).error).to.include({
      name: "UsageError",
      message: "missing required argument 'jobId'",
    });
    expect(usage.stderr).to.contain("missing required argument 'jobId'");
  });
});
