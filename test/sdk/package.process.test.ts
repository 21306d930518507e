/**
 * The SDK as an installed package: `npm pack` of this repository (the compiled CommonJS in dist/, its declarations,
 * the ES module entries of dist/esm/, the typechain types the SDK needs, the launcher), unpacked into a temporary
 * plain Node project whose node_modules holds only the package's declared dependencies (symlinked from this repo's
 * node_modules: no network, and an undeclared dependency fails to resolve). Every entry point is imported from an
 * ES module and required from a CommonJS file, a consumer TypeScript file is type-checked with tsc (node16
 * resolution, through the "types" conditions), and the installed `kit` bin starts.
 */
import { expect } from "chai";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";

const ROOT = path.resolve(__dirname, "..", "..");
/* eslint-disable @typescript-eslint/no-require-imports */
const launcher = require(path.join(ROOT, "sdk", "cli", "bin.js")) as { staleReason: (root?: string) => string };
const { ENTRIES, SOURCE_CONDITION, exportsMap } = require(path.join(ROOT, "scripts", "package", "entries.js")) as {
  ENTRIES: Readonly<Record<string, string>>;
  SOURCE_CONDITION: string;
  exportsMap: () => Record<string, unknown>;
};
/* eslint-enable @typescript-eslint/no-require-imports */
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const coverage = Boolean((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING);

/** Builds dist/ (tsc, as `npm run build:sdk` after a compile) and dist/esm/ when either is missing or stale. */
function ensureBuild(): void {
  const esm = Object.keys(ENTRIES).map((n) => path.join(ROOT, "dist", "esm", `${n}.mjs`));
  const main = path.join(ROOT, "dist", "sdk", "cli", "main.js");
  const stale = launcher.staleReason() !== "";
  if (stale) {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
      cwd: ROOT,
      stdio: "pipe",
    });
  }
  if (stale || esm.some((f) => !fs.existsSync(f) || fs.statSync(f).mtimeMs < fs.statSync(main).mtimeMs)) {
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "package", "esm.js")], { cwd: ROOT, stdio: "pipe" });
  }
}

/** Symlinks `name` from this repo's node_modules into `modules`. */
function linkDependency(modules: string, name: string): void {
  const target = fs.realpathSync(path.join(ROOT, "node_modules", name));
  fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
  fs.symlinkSync(target, path.join(modules, name), "dir");
}

const ESM_CONSUMER = (names: string[]) => `
import { createRequire } from "node:module";
${names.map((n, i) => `import * as e${i} from "economy-kit/${n}";`).join("\n")}
const require = createRequire(import.meta.url);
const entries = { ${names.map((n, i) => `"${n}": e${i}`).join(", ")} };
const out = {};
for (const [name, m] of Object.entries(entries)) {
  // the ES module and the CommonJS entry are one module instance (no dual-package hazard)
  const cjs = require("economy-kit/" + name);
  const names = Object.keys(m).filter((k) => k !== "default");
  out[name] = { count: names.length, same: names.every((k) => m[k] === cjs[k]) };
}
out.amount = e${names.indexOf("core")}.formatAmount(e${names.indexOf("core")}.parseAmount("12.5"));
out.resolved = import.meta.resolve("economy-kit/core");
console.log(JSON.stringify(out));
`;

const CJS_CONSUMER = (names: string[]) => `
"use strict";
const out = {};
for (const name of ${JSON.stringify(names)}) {
  const m = require("economy-kit/" + name);
  out[name] = Object.keys(m).filter((k) => k !== "__esModule").length;
}
out.resolved = require.resolve("economy-kit/chain");
out.deployments = require("economy-kit/deploy").DEFAULT_DEPLOYMENTS_DIR;
out.presetNames = require("economy-kit/presets").listPresets().map((p) => p.name);
console.log(JSON.stringify(out));
`;

// Type-checked with the consumer's own tsconfig (node16: the package's "types" conditions); the @ts-expect-error
// lines fail the check if the declarations degrade to `any`.
const TS_CONSUMER = `
import { formatAmount, parseAmount, KitError } from "economy-kit/core";
import type { AddressBook } from "economy-kit/chain";
import { buildTransfer, type SendOptions } from "economy-kit/tx";
import { connectQuiver, QUIVER_PARAMETERS } from "economy-kit/quiver";
import { CAESAR_PARAMETERS, signAuthorization } from "economy-kit/caesar";
import { BPCI_PARAMETERS } from "economy-kit/bpci";
import { authorizationDigest } from "economy-kit/caesar/core";
import { gamma } from "economy-kit/bpci/core";
import { registerPreset, type Preset } from "economy-kit/preset";
import { runCli } from "economy-kit/cli";
import { loadAddressBook, type DeployPresetOptions } from "economy-kit/deploy";
import { JsonLineLogger } from "economy-kit/agents";
import { JsonRpcProvider } from "ethers";

const amount: bigint = parseAmount("1.5");
const shown: string = formatAmount(amount);
// @ts-expect-error parseAmount takes a string
parseAmount(1);
const book: AddressBook = loadAddressBook({ chainId: 31337n, override: { "Kit#Treasury": "0x" + "11".repeat(20) } });
const q = connectQuiver(book, new JsonRpcProvider("http://127.0.0.1:8545"));
const balance: Promise<bigint> = q.quiv.balanceOf(book.contracts["Kit#Treasury"]);
// @ts-expect-error the typechain method checks its arguments
q.quiv.balanceOf(1, 2, 3);
const request = buildTransfer(book.contracts["Kit#Treasury"], book.contracts["Kit#Treasury"], amount);
const to: string = request.address;
const options: SendOptions = {};
const keys: string[] = [...QUIVER_PARAMETERS, ...CAESAR_PARAMETERS, ...BPCI_PARAMETERS].map((p) => p.name);
const code: Promise<number> = runCli(["node", "kit", "--help"], { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false });
const register: (p: Preset) => void = registerPreset;
const deploy: DeployPresetOptions | undefined = undefined;
const err: KitError = new KitError("x");
const signs: typeof signAuthorization = signAuthorization; // the CAESAR chain layer is reachable, not only its core
// An economy's layers alone (economy-kit/<economy>/core: no typechain, no provider).
const g: bigint = gamma(10n ** 18n);
const f: typeof authorizationDigest = authorizationDigest;
export { shown, balance, to, options, keys, code, register, deploy, err, signs, JsonLineLogger, g, f };
`;

describe("the SDK as an installed package (npm pack, a plain Node project, ESM + CommonJS + tsc)", function () {
  this.timeout(300_000);
  let tmp: string;
  let project: string;
  let tarball: string;
  const names = Object.keys(ENTRIES);

  before(function () {
    if (coverage) this.skip();
    ensureBuild();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kit-package-"));
    const packed = execFileSync(
      "npm",
      ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp, "--loglevel", "error"],
      { cwd: ROOT, encoding: "utf8" },
    );
    const info = JSON.parse(packed) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(tmp, info[0].filename);
    project = path.join(tmp, "consumer");
    const modules = path.join(project, "node_modules");
    const installed = path.join(modules, PKG.name);
    fs.mkdirSync(installed, { recursive: true });
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    // npm's own install step for a tarball: unpack into node_modules/<name> and link the bin.
    execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
    for (const dep of [...Object.keys(PKG.dependencies), ...Object.keys(PKG.peerDependencies)]) {
      linkDependency(modules, dep);
    }
    for (const dep of ["typescript", "@types/node"]) linkDependency(modules, dep); // the consumer's own tools
    fs.mkdirSync(path.join(modules, ".bin"));
    fs.symlinkSync(path.join(installed, "sdk", "cli", "bin.js"), path.join(modules, ".bin", "kit"));
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("package.json: every entry has source, types, import and require targets; runtime imports are dependencies", () => {
    expect(PKG.exports).to.deep.equal(exportsMap());
    for (const mod of Object.values(ENTRIES)) {
      expect(fs.existsSync(path.join(ROOT, `${mod}.ts`)), mod).to.equal(true);
    }
    expect(SOURCE_CONDITION).to.equal("economy-kit-source");
    // ethers is the application's (one ethers instance for providers and signers it passes in): a peer.
    expect(PKG.peerDependencies).to.have.property("ethers");
    for (const dep of Object.keys(PKG.dependencies)) expect(PKG.devDependencies, dep).not.to.have.property(dep);
  });

  it("the tarball holds the compiled entries, declarations, ES modules, typechain types and no TypeScript source", () => {
    const list = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n");
    for (const [name, mod] of Object.entries(ENTRIES)) {
      expect(list, mod).to.include(`package/dist/${mod}.js`);
      expect(list, mod).to.include(`package/dist/${mod}.d.ts`);
      expect(list, name).to.include(`package/dist/esm/${name}.mjs`);
    }
    expect(list).to.include("package/dist/typechain-types/factories/contracts/quiver/QuivToken__factory.js");
    expect(list).to.include("package/sdk/cli/bin.js");
    expect(list).to.include("package/deploy/parameters/quiver.localhost.json");
    expect(list.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).to.deep.equal([]);
    expect(list.filter((f) => f.endsWith(".dbg.json") || f.includes("build-info"))).to.deep.equal([]);
  });

  it("an ES module imports every entry point, each the same instance as its CommonJS entry", () => {
    fs.writeFileSync(path.join(project, "consumer.mjs"), ESM_CONSUMER(names));
    const out = JSON.parse(
      execFileSync(process.execPath, ["consumer.mjs"], { cwd: project, encoding: "utf8" }),
    ) as Record<string, { count: number; same: boolean }> & { amount: string; resolved: string };
    for (const n of names) {
      expect(out[n].count, n).to.be.greaterThan(0);
      expect(out[n].same, n).to.equal(true);
    }
    expect(out.amount).to.equal("12.5");
    expect(out.resolved).to.match(/node_modules\/economy-kit\/dist\/esm\/core\.mjs$/);
  });

  it("a CommonJS file requires every entry point; the deployments default is the application's directory", () => {
    fs.writeFileSync(path.join(project, "consumer.cjs"), CJS_CONSUMER(names));
    const out = JSON.parse(
      execFileSync(process.execPath, ["consumer.cjs"], { cwd: project, encoding: "utf8" }),
    ) as Record<string, number> & { resolved: string; deployments: string; presetNames: string[] };
    for (const n of names) expect(out[n], n).to.be.greaterThan(0);
    expect(out.resolved).to.equal(
      path.join(fs.realpathSync(project), "node_modules", "economy-kit", "dist", "sdk", "kit", "chain", "index.js"),
    );
    // not node_modules/economy-kit/deploy/deployments (nor dist/deploy/deployments from the compiled module)
    expect(out.deployments).to.equal(path.join(fs.realpathSync(project), "deploy", "deployments"));
    expect(out.presetNames).to.include("quiver");
  });

  it("a consumer TypeScript file type-checks against the declarations (tsc, node16 resolution)", () => {
    fs.writeFileSync(path.join(project, "consumer.ts"), TS_CONSUMER);
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "es2022",
          module: "node16",
          moduleResolution: "node16",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ["node"],
        },
        files: ["consumer.ts"],
      }),
    );
    const tsc = spawnSync(process.execPath, [path.join(project, "node_modules", "typescript", "bin", "tsc")], {
      cwd: project,
      encoding: "utf8",
    });
    expect(tsc.status, tsc.stdout + tsc.stderr).to.equal(0);
  });

  it("the installed `kit` bin runs the compiled CLI (no ts-node, no sources)", () => {
    const r = spawnSync(process.execPath, [path.join(project, "node_modules", ".bin", "kit"), "--help"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, KIT_CLI_FROM_SOURCE: "" },
    });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^Usage: kit /);
    expect(r.stderr).to.equal("");
  });
});
