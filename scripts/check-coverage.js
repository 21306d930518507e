#!/usr/bin/env node
// Fails (exit 1) when Solidity coverage of contracts/ is below the thresholds the project enforces in CI.
const fs = require("node:fs");
const path = require("node:path");

const LINES = Number(process.env.COVERAGE_LINES ?? 95);
const BRANCHES = Number(process.env.COVERAGE_BRANCHES ?? 90);

const file = path.join(__dirname, "..", "coverage", "coverage-summary.json");
if (!fs.existsSync(file)) {
  console.error(`coverage summary not found at ${file}: run "hardhat coverage" first`);
  process.exit(1);
}
const summary = JSON.parse(fs.readFileSync(file, "utf8"));
const { lines, branches } = summary.total;
const worst = Object.entries(summary)
  .filter(([k]) => k !== "total")
  .map(([k, v]) => ({ file: path.relative(process.cwd(), k), lines: v.lines.pct, branches: v.branches.pct }))
  .sort((a, b) => a.branches - b.branches)
  .slice(0, 5);
console.log(`contracts/ coverage: lines ${lines.pct}% (min ${LINES}%), branches ${branches.pct}% (min ${BRANCHES}%)`);
for (const w of worst) console.log(`  lowest branches: ${w.file}: lines ${w.lines}%, branches ${w.branches}%`);
if (lines.pct < LINES || branches.pct < BRANCHES) {
  console.error("coverage below the thresholds");
  process.exit(1);
}
