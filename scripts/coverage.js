#!/usr/bin/env node
/**
 * `npm run coverage`: solidity-coverage of the contract suites, split into COVERAGE_JOBS partitions that run at
 * the same time, merged into one report (coverage/, coverage.json), then the thresholds (scripts/check-coverage.js).
 *
 * Why partitions: under coverage every EVM step goes through the instrumentation hook, so the suites run about
 * three times slower than in `npm test`, and solidity-coverage collects its data from the one in-process chain, so
 * mocha's --parallel cannot help. Each partition is a copy of the working tree (node_modules linked, not copied)
 * running `hardhat coverage` on its share of the test files; the hit counts of the partitions add up file by file
 * (sc-istanbul's Collector), so the merged report is the one a single run would print.
 *
 * The suites measured are every `*.test.ts` under test/ outside any `sdk` folder (test/sdk and test/<economy>/sdk:
 * the SDK, CLI, preset and demo suites, which start processes and separate chains, deploy whole presets and reach
 * the contracts only through paths the unit suites cover), test/helpers and test/behaviors (imported by the
 * suites) and test/scripts (the simulator and the mutation tool: whole presets driven through the SDK, or no
 * contract at all). Files are dealt to partitions by
 * an estimated cost (`cost` below), largest first, each to the partition with the least so far.
 *
 * Environment: COVERAGE_JOBS (default: the number of CPUs, at most 4; 1 runs in place, no copy),
 * COVERAGE_KEEP=1 keeps the partition copies (paths printed).
 */
"use strict";
const { spawn, execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const EXCLUDED_DIRS = new Set(["sdk", "helpers", "behaviors", "scripts"]);
/** Relative cost of one byte of a stateful campaign against one byte of an example-based suite. */
const INVARIANT_WEIGHT = 3;

function testFiles() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      // An economy's own SDK and CLI suites (test/<economy>/sdk) are left out as test/sdk is.
      if (e.isDirectory()) {
        if (e.name !== "sdk") walk(p);
      } else if (e.name.endsWith(".test.ts")) out.push(path.relative(ROOT, p));
    }
  };
  for (const e of fs.readdirSync(path.join(ROOT, "test"), { withFileTypes: true })) {
    if (e.isDirectory() && !EXCLUDED_DIRS.has(e.name)) walk(path.join(ROOT, "test", e.name));
  }
  return out.sort();
}

/** Size of the shared behaviour file that exports each `shouldBehaveLike*` function (test/behaviors). */
function behaviourSizes() {
  const dir = path.join(ROOT, "test", "behaviors");
  const sizes = new Map();
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const text = fs.readFileSync(path.join(dir, name), "utf8");
    for (const m of text.matchAll(/export function (shouldBehaveLike\w+)/g)) sizes.set(m[1], Buffer.byteLength(text));
  }
  return sizes;
}
const BEHAVIOURS = behaviourSizes();

/**
 * Estimated cost of a file: its size, three times that for a stateful or property campaign, plus the size of the
 * shared behaviour suite behind every `shouldBehaveLike*` call it makes (a one-line call can run dozens of tests).
 */
function cost(file) {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const own = Buffer.byteLength(text) * (/\.(inv|prop)\.test\.ts$/.test(file) ? INVARIANT_WEIGHT : 1);
  let shared = 0;
  for (const m of text.matchAll(/\b(shouldBehaveLike\w+)\s*\(/g)) shared += BEHAVIOURS.get(m[1]) ?? 0;
  return own + shared;
}

/** Longest-processing-time-first: each file, largest first, goes to the lightest partition. */
function partition(files, jobs) {
  const parts = Array.from({ length: jobs }, () => ({ files: [], cost: 0 }));
  for (const f of [...files].sort((a, b) => cost(b) - cost(a) || a.localeCompare(b))) {
    const lightest = parts.reduce((m, p) => (p.cost < m.cost ? p : m));
    lightest.files.push(f);
    lightest.cost += cost(f);
  }
  return parts.filter((p) => p.files.length > 0);
}

/** A copy of the tracked and untracked (not ignored) files, with node_modules linked. */
function copyTree(dest) {
  const list = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const rel of list) {
    const src = path.join(ROOT, rel);
    if (!fs.existsSync(src)) continue; // deleted in the working tree, not yet committed
    fs.mkdirSync(path.dirname(path.join(dest, rel)), { recursive: true });
    fs.copyFileSync(src, path.join(dest, rel));
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dest, "node_modules"), "dir");
  // The contract types of the last compile (coverage regenerates them from its own build; runtime imports of
  // factories need them from the first line of the first test file).
  const types = path.join(ROOT, "typechain-types");
  if (fs.existsSync(types)) fs.cpSync(types, path.join(dest, "typechain-types"), { recursive: true });
}

function run(cwd, files, label) {
  return new Promise((resolve) => {
    const glob = files.length === 1 ? files[0] : `{${files.join(",")}}`;
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "hardhat"), ["coverage", "--testfiles", glob], {
      cwd,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const prefix = (stream, out) => {
      let rest = "";
      stream.on("data", (chunk) => {
        const lines = (rest + chunk).split("\n");
        rest = lines.pop();
        for (const l of lines) out.write(`[${label}] ${l}\n`);
      });
      stream.on("end", () => rest && out.write(`[${label}] ${rest}\n`));
    };
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

function merge(dirs) {
  const istanbul = require("sc-istanbul");
  const collector = new istanbul.Collector();
  const merged = {};
  for (const d of dirs) {
    const data = JSON.parse(fs.readFileSync(path.join(d, "coverage.json"), "utf8"));
    collector.add(data);
  }
  for (const file of collector.files()) merged[file] = collector.fileCoverageFor(file);
  fs.writeFileSync(path.join(ROOT, "coverage.json"), JSON.stringify(merged));
  const reporter = new istanbul.Reporter(false, path.join(ROOT, "coverage"));
  reporter.addAll(["text-summary", "json-summary", "lcov"]);
  return new Promise((resolve, reject) => reporter.write(collector, true, (err) => (err ? reject(err) : resolve())));
}

async function main() {
  const files = testFiles();
  const jobs = Math.max(1, Number(process.env.COVERAGE_JOBS ?? Math.min(4, os.cpus().length)));
  const parts = partition(files, jobs);
  const started = Date.now();
  console.log(`coverage: ${files.length} test files in ${parts.length} partition(s)`);
  if (parts.length === 1) {
    const code = await run(ROOT, parts[0].files, "cov");
    if (code !== 0) process.exit(code);
  } else {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "kit-coverage-"));
    const dirs = parts.map((_, i) => path.join(base, `part-${i + 1}`));
    parts.forEach((p, i) => {
      copyTree(dirs[i]);
      console.log(`  part ${i + 1}: ${p.files.length} files in ${dirs[i]}`);
    });
    const codes = await Promise.all(parts.map((p, i) => run(dirs[i], p.files, `part ${i + 1}`)));
    const failed = codes.map((c, i) => (c === 0 ? null : i + 1)).filter((x) => x !== null);
    if (failed.length > 0) {
      console.error(`coverage: partition(s) ${failed.join(", ")} failed (copies kept in ${base})`);
      process.exit(1);
    }
    fs.rmSync(path.join(ROOT, "coverage"), { recursive: true, force: true });
    await merge(dirs);
    if (process.env.COVERAGE_KEEP === "1") console.log(`coverage: partition copies kept in ${base}`);
    else fs.rmSync(base, { recursive: true, force: true });
  }
  console.log(`coverage: done in ${Math.round((Date.now() - started) / 1000)} s`);
  execFileSync(process.execPath, [path.join(__dirname, "check-coverage.js")], { stdio: "inherit" });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
