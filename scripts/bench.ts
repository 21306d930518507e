/**
 * `npm run bench`: gas per operation, ours beside OpenZeppelin reference implementations deployed in the
 * same run. Prints a table and writes snapshots/gas.json ({ scenario: { gas, reference, referenceGas } }).
 * Scenario files live in scripts/bench/*.ts; see scripts/bench/lib.ts.
 * `BENCH_ONLY=staking,market npm run bench` runs only the scenario files whose names contain one of the words and
 * prints their rows without writing the snapshot or the README (a partial snapshot would drop the other rows).
 */
import fs from "node:fs";
import { network } from "hardhat";
import path from "node:path";
import type { BenchContext, BenchRow } from "./bench/lib";

/** 2033-05-18T03:33:20Z, the start time of every scenario file. */
const BENCH_START = 2_000_000_000;

async function main(): Promise<void> {
  const dir = path.join(__dirname, "bench");
  const only = (process.env.BENCH_ONLY ?? "").split(",").filter(Boolean);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== "lib.ts")
    .filter((f) => only.length === 0 || only.some((w) => f.includes(w)))
    .sort();
  const notes: string[] = [];
  const ctx: BenchContext = { note: (l) => notes.push(l) };
  const rows: BenchRow[] = [];
  for (const f of files) {
    // Each scenario file starts on a fresh chain, so its figures do not depend on which files ran before it
    // (addresses and ids, and so calldata and storage costs, would move with every deployment before).
    // It also starts at one fixed time: rows whose calldata carries a deadline would otherwise move by 12 gas
    // whenever a byte of the wall-clock time is zero (calldata costs 4 gas per zero byte and 16 per other byte).
    await network.provider.request({ method: "hardhat_reset", params: [] });
    await network.provider.request({ method: "evm_setNextBlockTimestamp", params: [BENCH_START] });
    const mod = (await import(path.join(dir, f))) as { default: (c: BenchContext) => Promise<BenchRow[]> };
    rows.push(...(await mod.default(ctx)));
  }

  const snapshot: Record<string, { gas: number; reference: string; referenceGas: number | null }> = {};
  const lines = [["scenario", "gas", "reference", "ref gas", "ratio", "target"]];
  let missed = 0;
  for (const r of rows) {
    snapshot[r.scenario] = {
      gas: Number(r.gas),
      reference: r.reference,
      referenceGas: r.referenceGas === undefined ? null : Number(r.referenceGas),
    };
    const ratio = r.referenceGas ? Number(r.gas) / Number(r.referenceGas) : undefined;
    const ok = r.target === undefined || ratio === undefined || ratio <= r.target;
    if (!ok) missed++;
    lines.push([
      r.scenario,
      r.gas.toString(),
      r.reference || "-",
      r.referenceGas?.toString() ?? "-",
      ratio === undefined ? "-" : ratio.toFixed(3) + "x",
      r.target === undefined ? "-" : `<= ${r.target}x${ok ? "" : "  MISSED"}`,
    ]);
  }
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  for (const [i, l] of lines.entries()) {
    console.log("| " + l.map((c, j) => c.padEnd(widths[j])).join(" | ") + " |");
    if (i === 0) console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  }
  for (const n of notes) console.log(n);
  if (missed) console.log(`\n${missed} scenario(s) above their target.`);

  if (only.length > 0) {
    console.log(`\nBENCH_ONLY=${only.join(",")}: snapshot and README left as they are`);
    return;
  }
  const out = path.join(__dirname, "..", "snapshots", "gas.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(snapshot, null, 2) + "\n");
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);

  // Keep the README's gas table in step with the snapshot.
  const readme = path.join(__dirname, "..", "README.md");
  const text = fs.readFileSync(readme, "utf8");
  const start = text.indexOf("<!-- gas:start");
  const end = text.indexOf("<!-- gas:end -->");
  if (start >= 0 && end > start) {
    const table = [
      "| scenario | gas | reference | ref gas | ratio |",
      "| --- | --- | --- | --- | --- |",
      ...rows.map(
        (r) =>
          `| ${r.scenario} | ${r.gas} | ${r.reference || "-"} | ${r.referenceGas ?? "-"} | ${
            r.referenceGas ? (Number(r.gas) / Number(r.referenceGas)).toFixed(3) + "x" : "-"
          } |`,
      ),
    ].join("\n");
    const head = text.slice(0, text.indexOf("\n", start) + 1);
    fs.writeFileSync(readme, head + table + "\n" + text.slice(end));
    console.log("updated the README gas table");
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
