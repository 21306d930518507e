/** Runs the chosen presets with progress bars and writes the outputs (used by scripts/simulate.ts and the tests). */
import path from "node:path";
import cliProgress from "cli-progress";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { SimOptions } from "./args";
import { runPreset, type PresetSim } from "./engine";
import { writeOutputs, type PresetRun } from "./report";
import { SIMS } from "./presets";

export interface SimSummary {
  parameters: Record<string, unknown>;
  presets: {
    preset: string;
    scenario: string;
    days: number;
    txs: number;
    wallSeconds: number;
    txPerSecond: number;
    daysPerSecond: number;
    checks: { name: string; pass: boolean; firstFailureDay: number | null }[];
    failures: Record<string, number>;
    final: Record<string, unknown>;
  }[];
  txs: number;
  wallSeconds: number;
  txPerSecond: number;
  daysPerSecond: number;
  allChecksPass: boolean;
  files: string[];
}

export async function simulate(hre: HardhatRuntimeEnvironment, o: SimOptions): Promise<SimSummary> {
  const t0 = Date.now();
  const runs: PresetRun[] = [];
  for (const name of o.presets) {
    const sim = SIMS[name] as PresetSim<unknown>;
    if (!sim.scenarios[o.scenario])
      throw new Error(
        `scenario ${JSON.stringify(o.scenario)} is not registered for ${name} (it has: ${Object.keys(sim.scenarios).join(", ")})`,
      );
  }
  for (const name of o.presets) {
    const sim = SIMS[name] as PresetSim<unknown>;
    const bars = o.progress
      ? new cliProgress.MultiBar(
          { clearOnComplete: false, hideCursor: true, format: ` ${name} {bar} {value}/{total} {what}` },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    const dayBar = bars?.create(o.days, 0, { what: "days" });
    const txBar = bars?.create(1, 0, { what: "txs" });
    const run = await runPreset(hre, sim, {
      days: o.days,
      agents: o.agents,
      seed: o.seed,
      scenario: o.scenario,
      batchOnNode: o.batch,
      onDay: (d) => dayBar?.update(d),
      onTx: (n) => {
        if (txBar) {
          if (n > txBar.getTotal()) txBar.setTotal(Math.ceil(n * 1.5));
          txBar.update(n);
        }
      },
    });
    bars?.stop();
    runs.push(run);
  }
  const wallSeconds = (Date.now() - t0) / 1000;
  const txs = runs.reduce((a, r) => a + r.txs, 0);
  const summary: SimSummary = {
    parameters: {
      presets: o.presets,
      days: o.days,
      agents: o.agents,
      seed: o.seed,
      scenario: o.scenario,
      rpcUrl: o.rpcUrl ?? "in-process hardhat",
      batching: o.rpcUrl === undefined || o.batch,
      populations: Object.fromEntries(o.presets.map((p) => [p, `scripts/simulate/populations/${p}.json`])),
    },
    presets: runs.map((r) => ({
      preset: r.preset,
      scenario: r.scenario,
      days: r.series.length,
      txs: r.txs,
      wallSeconds: round(r.wallSeconds),
      txPerSecond: round(r.txs / r.wallSeconds),
      daysPerSecond: round(r.series.length / r.wallSeconds),
      checks: r.checks.map((c) => ({ name: c.name, pass: c.pass, firstFailureDay: c.firstFailureDay })),
      failures: { ...r.failures },
      final: r.series[r.series.length - 1] ?? {},
    })),
    txs,
    wallSeconds: round(wallSeconds),
    txPerSecond: round(txs / wallSeconds),
    daysPerSecond: round((o.days * runs.length) / wallSeconds),
    allChecksPass: runs.every((r) => r.checks.every((c) => c.pass)),
    files: [],
  };
  summary.files = writeOutputs(o.out, runs, summary as unknown as Record<string, unknown>).map((f) =>
    path.relative(process.cwd(), f),
  );
  return summary;
}

const round = (x: number) => Math.round(x * 100) / 100;
