#!/usr/bin/env node
// Entry point of the `kit` CLI. Runs the compiled JavaScript in dist/ (`npm run build:sdk`, tsc with
// tsconfig.build.json), which starts in a fraction of the time ts-node needs. When dist/ is missing or older than
// the TypeScript it is built from (a source edited, a branch switched, contracts recompiled), it says so on stderr
// and runs the sources through ts-node (transpile-only, ~3 s start) so a checkout never runs stale code;
// KIT_CLI_FROM_SOURCE=1 forces the sources. Without ts-node (an installed package) a missing build is an error.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
/** Trees dist/ is compiled from (tsconfig.build.json "include"); typechain rewrites its index on every generation. */
const SOURCES = ["sdk", path.join("deploy", "modules"), path.join("deploy", "blocks")];
const distMain = (root) => path.join(root, "dist", "sdk", "cli", "main.js");
const typechainIndex = (root) => path.join(root, "typechain-types", "index.ts");

/** Newest modification time (ms) of a .ts file under `dir`, 0 when there is none. */
function newestSource(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Why the build under `root` cannot be used ("" when it can): missing, or older than a source it is built from. */
function staleReason(root = ROOT) {
  let built;
  try {
    built = fs.statSync(distMain(root)).mtimeMs;
  } catch {
    return "the compiled CLI (dist/) is missing";
  }
  let newest = Math.max(...SOURCES.map((s) => newestSource(path.join(root, s))));
  if (fs.existsSync(typechainIndex(root))) newest = Math.max(newest, fs.statSync(typechainIndex(root)).mtimeMs);
  return newest > built ? "the compiled CLI (dist/) is older than its TypeScript sources" : "";
}

function run(entry) {
  require(entry)
    .main(process.argv)
    .then((code) => {
      process.exitCode = code;
    });
}

/** Runs the compiled CLI, or the sources through ts-node when the build is missing or stale. */
function start() {
  const fromSource = process.env.KIT_CLI_FROM_SOURCE === "1";
  const reason = fromSource ? "" : staleReason();
  if (!fromSource && !reason) return run(distMain(ROOT));
  let tsNode;
  try {
    tsNode = require("ts-node");
  } catch {
    process.stderr.write(`error: ${reason || "ts-node is not installed"}: run \`npm run build:sdk\`\n`);
    process.exit(1);
  }
  if (!fs.existsSync(typechainIndex(ROOT))) {
    process.stderr.write("error: contract types are missing: run `npx hardhat compile` first\n");
    process.exit(1);
  }
  if (reason) process.stderr.write(`note: ${reason}; running the sources (slow start): run \`npm run build:sdk\`\n`);
  tsNode.register({
    transpileOnly: true,
    project: path.join(ROOT, "tsconfig.json"),
    compilerOptions: { module: "commonjs" },
  });
  run("./main.ts");
}

if (require.main === module) start();
module.exports = { staleReason, SOURCES };
