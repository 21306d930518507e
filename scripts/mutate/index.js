#!/usr/bin/env node
"use strict";
/**
 * `npm run mutate -- [--contract A,B] [--max N] [--seed S] [--jobs J] [--timeout SEC] [--list] [--survivors]`
 *
 * Mutation testing of the contracts (issue 17). For every non-mock source under contracts/ (or the ones named by
 * --contract, by file name without .sol), the operators of ./operators.js generate mutants from the solc AST of
 * the last compile; --max N keeps N of them per contract, drawn with the seeded RNG (--seed, default 1). Each
 * mutant is applied to a copy of the working tree (never the tree itself; J copies run side by side, default 1),
 * compiled incrementally (only the mutated file and the files that import it), and the test files that cover the
 * contract (./tests.js) run against it with --bail under a time limit. Outcomes: killed (a test failed), survived
 * (every test passed), did not compile, timed out. Before its mutants, a contract's tests run once unmutated: a
 * contract whose suite does not pass as it is gets no verdicts.
 *
 * --survivors reruns only the mutants that survived (or timed out) in reports/mutation.json, found again in the
 * current source by their diff, and updates their outcomes in place: the check after new tests were written.
 *
 * Results are merged into reports/mutation.json by contract (a run of one contract replaces only that contract's
 * row), and reports/mutation.md is rendered from it: per contract and in total, and every survivor with its diff,
 * marked "equivalent" where scripts/mutate/equivalent.json explains why no test can kill it.
 * Score = killed / (compiled - equivalent), timed-out mutants counted as not killed.
 */
const { spawn, execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { mutantsOf, apply, diffOf } = require("./operators");
const { testsFor } = require("./tests");
const { render } = require("./report");

const ROOT = path.join(__dirname, "..", "..");
const REPORT_JSON = path.join(ROOT, "reports", "mutation.json");
const REPORT_MD = path.join(ROOT, "reports", "mutation.md");
const EQUIVALENT = path.join(__dirname, "equivalent.json");

function parseArgs(argv) {
  const opts = { contracts: [], max: Infinity, seed: 1, jobs: 1, timeout: 0, list: false, survivors: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--contract") opts.contracts.push(...next().split(",").filter(Boolean));
    else if (a === "--max") opts.max = positive(a, next());
    else if (a === "--seed") opts.seed = positive(a, next(), true);
    else if (a === "--jobs") opts.jobs = positive(a, next());
    else if (a === "--timeout") opts.timeout = positive(a, next());
    else if (a === "--list") opts.list = true;
    else if (a === "--survivors") opts.survivors = true;
    else if (a === "--help" || a === "-h") {
      console.log(fs.readFileSync(__filename, "utf8").split("*/")[0].replace(/^[\s\S]*?\/\*\*/, ""));
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (see --help)`);
  }
  return opts;
}

function positive(flag, value, zeroOk = false) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1)) throw new Error(`${flag} must be a ${zeroOk ? "non-negative" : "positive"} integer, got ${value}`);
  return n;
}

/** mulberry32: a small seeded RNG, enough to draw a reproducible sample. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample(list, max, random) {
  if (list.length <= max) return list;
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, max).sort((a, b) => a.start - b.start);
}

/** The ASTs of every source of the last compile (all build-info files, newest last). */
function loadAsts() {
  const dir = path.join(ROOT, "artifacts", "build-info");
  const files = fs
    .readdirSync(dir)
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  const asts = new Map();
  for (const f of files) {
    const info = JSON.parse(fs.readFileSync(f, "utf8"));
    for (const [name, src] of Object.entries(info.output.sources)) asts.set(name, src.ast);
  }
  return asts;
}

/** Every non-mock contract source (contracts/**.sol outside contracts/mocks). */
function targets(asts, names) {
  const all = [...asts.keys()].filter((f) => f.startsWith("contracts/") && !f.startsWith("contracts/mocks/")).sort();
  if (names.length === 0) return all;
  const picked = names.map((n) => {
    const f = all.find((x) => path.basename(x, ".sol") === n);
    if (!f) throw new Error(`no contract source named ${n}.sol under contracts/ (mocks excluded)`);
    return f;
  });
  return picked;
}

/** A copy of the working tree with node_modules linked and the last build (artifacts, cache, types) copied. */
function copyTree(dest) {
  const list = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const rel of list) {
    const src = path.join(ROOT, rel);
    if (!fs.existsSync(src)) continue;
    fs.mkdirSync(path.dirname(path.join(dest, rel)), { recursive: true });
    fs.copyFileSync(src, path.join(dest, rel));
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dest, "node_modules"), "dir");
  for (const d of ["artifacts", "cache", "typechain-types"]) {
    const p = path.join(ROOT, d);
    if (fs.existsSync(p)) fs.cpSync(p, path.join(dest, d), { recursive: true });
  }
}

/** Runs hardhat in `cwd`; resolves { code, ms, timedOut, tail } (the process group is killed on time-out). */
function hardhat(cwd, args, timeoutMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "hardhat"), args, {
      cwd,
      env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let tail = "";
    const keep = (chunk) => {
      tail = (tail + chunk).slice(-4000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, ms: Date.now() - started, timedOut, tail });
    });
  });
}

const COMPILE_TIMEOUT_MS = 15 * 60 * 1000;

async function worker(dir, queue, results, opts, log) {
  for (;;) {
    const job = queue.shift();
    if (!job) return;
    const file = path.join(dir, job.file);
    const original = fs.readFileSync(file);
    if (job.kind === "baseline") {
      const c = await hardhat(dir, ["compile", "--no-typechain", "--quiet"], COMPILE_TIMEOUT_MS);
      const t = c.code === 0 ? await hardhat(dir, ["test", "--no-compile", "--bail", ...job.tests], 60 * 60 * 1000) : c;
      job.target.baseline = { ok: t.code === 0, ms: t.ms };
      if (t.code !== 0) job.target.baselineTail = t.tail;
      log(`${job.target.name}: baseline ${t.code === 0 ? "passes" : "FAILS"} in ${Math.round(t.ms / 1000)} s`);
      continue;
    }
    const target = job.target;
    if (!target.baseline?.ok) {
      results.push({ ...job.mutant, contract: target.name, outcome: "skipped" });
      continue;
    }
    fs.writeFileSync(file, apply(original, job.mutant));
    let outcome;
    let ms = 0;
    try {
      const c = await hardhat(dir, ["compile", "--no-typechain", "--quiet"], COMPILE_TIMEOUT_MS);
      if (c.code !== 0) outcome = "not-compiled";
      else {
        const limit = opts.timeout > 0 ? opts.timeout * 1000 : Math.max(120_000, 3 * target.baseline.ms);
        const t = await hardhat(dir, ["test", "--no-compile", "--bail", ...job.tests], limit);
        ms = t.ms;
        outcome = t.timedOut ? "timed-out" : t.code === 0 ? "survived" : "killed";
      }
    } finally {
      fs.writeFileSync(file, original);
    }
    results.push({ ...job.mutant, contract: target.name, outcome, ms, diff: diffOf(original, job.mutant) });
    log(`${target.name}:${job.mutant.line} ${job.mutant.operator} -> ${outcome}${ms ? ` (${Math.round(ms / 1000)} s)` : ""}`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  execFileSync(path.join(ROOT, "node_modules", ".bin", "hardhat"), ["compile", "--quiet"], { cwd: ROOT, stdio: "inherit" });
  const asts = loadAsts();
  const random = rng(opts.seed);
  const previous = fs.existsSync(REPORT_JSON) ? JSON.parse(fs.readFileSync(REPORT_JSON, "utf8")) : { contracts: {} };
  const plan = [];
  const files = opts.survivors
    ? targets(asts, opts.contracts.length ? opts.contracts : Object.keys(previous.contracts))
    : targets(asts, opts.contracts);
  for (const file of files) {
    const buf = fs.readFileSync(path.join(ROOT, file));
    const all = mutantsOf(buf, asts.get(file));
    if (all.length === 0) continue;
    const name = path.basename(file, ".sol");
    let picked;
    if (opts.survivors) {
      const old = (previous.contracts[name]?.mutants ?? []).filter((m) => m.outcome === "survived" || m.outcome === "timed-out");
      // Each earlier survivor is found again by its diff; the same line may stand twice in a file (two identical
      // statements), so the candidate nearest to the survivor's old line number is the one.
      picked = [];
      for (const o of old) {
        const same = all.filter((m) => m.operator === o.operator && diffOf(buf, m) === o.diff);
        const best = same.sort((a, b) => Math.abs(a.line - o.line) - Math.abs(b.line - o.line))[0];
        if (best) picked.push({ ...best, previousLine: o.line });
        else console.warn(`${name}: the survivor of line ${o.line} (${o.operator}) is no longer in the source`);
      }
      if (picked.length === 0) continue;
    } else picked = sample(all, opts.max, random);
    plan.push({ name, file, generated: all.length, mutants: picked, tests: testsFor(ROOT, file, asts) });
  }
  if (opts.list) {
    for (const t of plan) console.log(`${t.name}: ${t.generated} mutants (${t.mutants.length} drawn), tests: ${t.tests.join(" ") || "none"}`);
    return;
  }
  const runnable = plan.filter((t) => t.tests.length > 0);
  for (const t of plan.filter((x) => x.tests.length === 0)) console.warn(`${t.name}: no test file covers it (scripts/mutate/tests.js); skipped`);
  const queue = [];
  for (const t of runnable) {
    queue.push({ kind: "baseline", target: t, file: t.file, tests: t.tests });
    for (const m of t.mutants) queue.push({ kind: "mutant", target: t, file: t.file, tests: t.tests, mutant: m });
  }
  const total = queue.filter((j) => j.kind === "mutant").length;
  const started = Date.now();
  console.log(`mutate: ${total} mutants of ${runnable.length} contract(s), seed ${opts.seed}, ${opts.jobs} job(s)`);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "kit-mutate-"));
  const results = [];
  let done = 0;
  const log = (line) => {
    if (!line.includes("baseline")) done++;
    console.log(`[${done}/${total}] ${line}`);
  };
  // Each contract's baseline runs before its mutants: one worker per contract at a time keeps that order.
  const dirs = Array.from({ length: Math.min(opts.jobs, Math.max(1, runnable.length)) }, (_, i) => path.join(base, `w${i + 1}`));
  dirs.forEach(copyTree);
  const perWorker = dirs.map(() => []);
  runnable.forEach((t, i) => perWorker[i % dirs.length].push(...queue.filter((j) => j.target === t)));
  try {
    await Promise.all(dirs.map((d, i) => worker(d, perWorker[i], results, opts, log)));
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  const run = { date: new Date().toISOString(), seed: opts.seed, max: Number.isFinite(opts.max) ? opts.max : null, seconds, jobs: opts.jobs };
  if (opts.survivors) {
    for (const t of runnable) {
      const c = previous.contracts[t.name];
      for (const r of results.filter((x) => x.contract === t.name)) {
        const i = c.mutants.findIndex((m) => m.diff === r.diff && m.operator === r.operator && m.line === r.previousLine);
        const { contract, previousLine, ...rest } = r;
        c.mutants[i] = { ...rest, rerun: run.date };
      }
      c.rerun = { date: run.date, seconds, mutants: results.filter((x) => x.contract === t.name).length };
    }
  }
  for (const t of opts.survivors ? [] : runnable) {
    previous.contracts[t.name] = {
      file: t.file,
      generated: t.generated,
      drawn: t.mutants.length,
      tests: t.tests,
      baseline: t.baseline,
      run,
      mutants: results.filter((r) => r.contract === t.name).map(({ contract, ...r }) => r),
    };
  }
  fs.mkdirSync(path.dirname(REPORT_JSON), { recursive: true });
  fs.writeFileSync(REPORT_JSON, JSON.stringify(previous, null, 1) + "\n");
  const equivalent = fs.existsSync(EQUIVALENT) ? JSON.parse(fs.readFileSync(EQUIVALENT, "utf8")) : {};
  fs.writeFileSync(REPORT_MD, render(previous, equivalent));
  console.log(`mutate: done in ${seconds} s; reports/mutation.md and reports/mutation.json written`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`mutate: ${e.message}`);
    process.exit(1);
  });
}

module.exports = { parseArgs, sample, rng };
