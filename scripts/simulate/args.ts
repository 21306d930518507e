/** Command-line options of `npm run simulate` (parsed and validated; errors say what is wrong). */
export const PRESET_NAMES = ["quiver", "caesar", "bpci"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface SimOptions {
  readonly presets: readonly PresetName[];
  readonly days: number;
  readonly agents: number;
  readonly seed: number;
  readonly scenario: string;
  readonly rpcUrl?: string;
  /**
   * Mine each batch of a day as one block against the --rpc-url node too (automine off during the batch, then
   * on again): for a node this run owns, such as an anvil started for it. Always on for the in-process chain.
   */
  readonly batch: boolean;
  readonly out: string;
  readonly json: boolean;
  readonly progress: boolean;
}

export class SimArgumentError extends Error {
  override name = "SimArgumentError";
}

function positiveInt(name: string, v: string | undefined, max: number): number {
  if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max)
    throw new SimArgumentError(`--${name} must be an integer from 1 to ${max}, got ${JSON.stringify(v ?? "")}`);
  return Number(v);
}

/** Parses argv (without node and the script). */
export function parseSimArgs(argv: readonly string[]): SimOptions {
  const m = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new SimArgumentError(`unexpected argument ${JSON.stringify(a)}`);
    const [k, inline] = a.slice(2).split("=", 2);
    if (k === "json" || k === "no-progress" || k === "batch") {
      flags.add(k);
      continue;
    }
    if (!["preset", "days", "agents", "seed", "scenario", "rpc-url", "out"].includes(k))
      throw new SimArgumentError(`unknown option --${k}`);
    const v = inline ?? argv[++i];
    if (v === undefined) throw new SimArgumentError(`--${k} needs a value`);
    m.set(k, v);
  }
  const p = m.get("preset") ?? "all";
  if (p !== "all" && !(PRESET_NAMES as readonly string[]).includes(p))
    throw new SimArgumentError(`--preset must be one of ${PRESET_NAMES.join(", ")} or all, got ${JSON.stringify(p)}`);
  if (flags.has("batch") && !m.has("rpc-url"))
    throw new SimArgumentError(
      "--batch is for a node (--rpc-url); the in-process chain always mines a batch as one block",
    );
  const seedText = m.get("seed") ?? "1";
  if (!/^\d+$/.test(seedText))
    throw new SimArgumentError(`--seed must be a non-negative integer, got ${JSON.stringify(seedText)}`);
  return {
    presets: p === "all" ? PRESET_NAMES : [p as PresetName],
    days: positiveInt("days", m.get("days") ?? "180", 3650),
    agents: positiveInt("agents", m.get("agents") ?? "100", 1000),
    seed: Number(seedText),
    scenario: m.get("scenario") ?? "baseline",
    rpcUrl: m.get("rpc-url"),
    batch: flags.has("batch"),
    out: m.get("out") ?? "reports/sim",
    json: flags.has("json"),
    progress: !flags.has("json") && !flags.has("no-progress") && Boolean(process.stdout.isTTY),
  };
}
