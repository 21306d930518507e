import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";

// The SDK's layer rules, checked on the import lines of every file under sdk/ (ARCHITECTURE.md: core <- chain <- tx
// <- agents, cli; only sdk/kit/node touches the filesystem or child processes; one ABI module imports typechain).

const ROOT = path.join(__dirname, "..", "..");
const SDK = path.join(ROOT, "sdk");
const LAYERS = ["core", "chain", "tx", "agents"] as const;
const FS_MODULES = new Set(["fs", "node:fs", "fs/promises", "node:fs/promises", "child_process", "node:child_process"]);
const ETHERS_RUNTIME =
  /\b(Provider|JsonRpcProvider|WebSocketProvider|BrowserProvider|FallbackProvider|Signer|Wallet|Contract)\b/;
/** The ABI modules: the kit's (`sdk/kit/chain/contracts.ts`) and one per economy (`sdk/<economy>/chain/contracts.ts`). */
const ABI_MODULE = /^sdk\/[a-z]+\/chain\/contracts\.ts$/;
// The launcher checks that typechain-types exist before ts-node starts, like a script.
const FS_LAUNCHER = "sdk/cli/bin.js";

interface ImportLine {
  readonly file: string; // repo-relative, forward slashes
  readonly spec: string;
  readonly names: string;
  /** The repo-relative target without extension for a relative import, else undefined. */
  readonly target?: string;
}

function sdkFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sdkFiles(p);
    return /\.(ts|js)$/.test(e.name) ? [p] : [];
  });
}

function rel(p: string): string {
  return path.relative(ROOT, p).split(path.sep).join("/");
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s+"([^"]+)"/g;
const REQUIRE = /require\("([^"]+)"\)/g;

function importsOf(file: string): ImportLine[] {
  const text = fs.readFileSync(file, "utf8");
  const out: ImportLine[] = [];
  const add = (spec: string, names: string) => {
    const target = spec.startsWith(".") ? rel(path.resolve(path.dirname(file), spec)) : undefined;
    out.push({ file: rel(file), spec, names, target });
  };
  for (const m of text.matchAll(IMPORT)) add(m[3], m[1] ? "" : m[2]);
  for (const m of text.matchAll(REQUIRE)) add(m[1], "");
  return out;
}

const ALL = sdkFiles(SDK).flatMap(importsOf);
const isCli = (f: string) => f.startsWith("sdk/cli/") || /^sdk\/[^/]+\/cli\//.test(f);
const layerOf = (f: string) => /^sdk\/[^/]+\/(core|chain|tx|agents|node)(\/|$)/.exec(f)?.[1];

function offenders(pred: (i: ImportLine) => boolean): string[] {
  return ALL.filter(pred).map((i) => `${i.file} imports "${i.spec}"`);
}

describe("SDK layer rules (import lines under sdk/)", () => {
  it("finds the SDK's files and their imports", () => {
    expect(ALL.length).to.be.greaterThan(200);
    expect(ALL.some((i) => i.file === "sdk/kit/core/index.ts")).to.equal(true);
  });

  it("the kit imports no economy folder (an economy: an sdk/ folder other than kit with a preset.ts)", () => {
    const economies = fs
      .readdirSync(SDK, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== "kit" && fs.existsSync(path.join(SDK, e.name, "preset.ts")))
      .map((e) => `sdk/${e.name}`);
    expect(economies).to.include.members(["sdk/quiver", "sdk/caesar", "sdk/bpci"]);
    const intoEconomy = (t: string | undefined) => !!t && economies.some((e) => t === e || t.startsWith(`${e}/`));
    expect(offenders((i) => i.file.startsWith("sdk/kit/") && intoEconomy(i.target))).to.deep.equal([]);
  });

  it("core layers import no chain, tx, agents, node or CLI code and no ethers provider, signer or contract", () => {
    const bad = offenders((i) => {
      if (layerOf(i.file) !== "core") return false;
      if (i.target) return layerOf(i.target + "/") !== undefined && layerOf(i.target + "/") !== "core";
      if (i.spec === "ethers") return ETHERS_RUNTIME.test(i.names);
      return FS_MODULES.has(i.spec);
    });
    expect(bad).to.deep.equal([]);
  });

  it("lower layers never import higher ones (core <- chain <- tx <- agents)", () => {
    const rank = (l: string | undefined) => (l === undefined ? -1 : LAYERS.indexOf(l as (typeof LAYERS)[number]));
    const bad = offenders((i) => {
      const from = layerOf(i.file);
      if (!from || from === "node" || !i.target) return false;
      const to = layerOf(i.target + "/");
      return to === "node" || isCli(i.target) || rank(to) > rank(from);
    });
    expect(bad).to.deep.equal([]);
  });

  it("tx layers write no files and start no processes", () => {
    expect(offenders((i) => layerOf(i.file) === "tx" && FS_MODULES.has(i.spec))).to.deep.equal([]);
  });

  it("only sdk/kit/node touches the filesystem or child processes", () => {
    const bad = ALL.filter((i) => FS_MODULES.has(i.spec) && !i.file.startsWith("sdk/kit/node/"));
    expect([...new Set(bad.map((i) => i.file))].filter((f) => f !== FS_LAUNCHER)).to.deep.equal([]);
  });

  it("only the ABI modules (the kit's and each economy's) import typechain-types", () => {
    expect(offenders((i) => i.spec.includes("typechain-types") && !ABI_MODULE.test(i.file))).to.deep.equal([]);
  });

  it("the CLI imports only public entry points: layer barrels, sdk/kit/node, presets and other CLI files", () => {
    const bad = offenders((i) => {
      if (!isCli(i.file) || !i.target) return false;
      if (isCli(i.target) || i.target.startsWith("sdk/kit/node/")) return false;
      if (/^sdk\/kit\/(core|chain|tx|agents)$/.test(i.target)) return false; // a kit layer's index.ts
      if (/^sdk\/[^/]+$/.test(i.target) || /^sdk\/[^/]+\/(index|preset)$/.test(i.target)) return false; // economy
      return true;
    });
    expect(bad).to.deep.equal([]);
  });

  it("the CLI imports no typechain-types (also through require)", () => {
    expect(offenders((i) => isCli(i.file) && i.spec.includes("typechain-types"))).to.deep.equal([]);
  });

  it("catches a kit file importing quiver and a deep CLI import (the checks are not vacuous)", () => {
    const fake = (file: string, spec: string): ImportLine => ({
      file,
      spec,
      names: "",
      target: rel(path.resolve(path.join(ROOT, path.dirname(file)), spec)),
    });
    expect(fake("sdk/kit/chain/x.ts", "../../quiver/core/market").target?.startsWith("sdk/quiver")).to.equal(true);
    const deep = fake("sdk/quiver/cli/x.ts", "../tx/market").target!;
    expect(/^sdk\/[^/]+$/.test(deep) || /^sdk\/kit\/(core|chain|tx|agents)$/.test(deep)).to.equal(false);
  });
});
