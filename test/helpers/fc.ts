/**
 * The fast-check harness of the kit: the one place that reads the run sizes, and `runModel`, which every
 * stateful suite uses.
 *
 * Run sizes: small, fixed-seed defaults for every commit, larger ones on demand
 * (FC_RUNS=200 FC_CMDS=100 FC_SEED=$RANDOM npm test). A floor of calls per stateful suite: FC_MIN_CALLS=N, or
 * FC_PROFILE=nightly for NIGHTLY_CALLS (20,000): further campaigns on the following seeds run until the suite's
 * commands ran that often. FC_STATS=1 prints each campaign's calls and sequences. A failing run prints its seed and path; replay it
 * with FC_SEED=<seed> FC_PATH=<path>. Under solidity-coverage the stateful campaigns run COVERAGE_RUNS
 * sequences each and the property tests COVERAGE_PROPERTY_RUNS inputs (the full-size runs already ran in
 * `npm test`; coverage only needs every branch reached once), unless FC_RUNS is set explicitly.
 */
import fc from "fast-check";
import hre from "hardhat";

/** Sequences per stateful campaign under solidity-coverage. */
export const COVERAGE_RUNS = 3;

/** Inputs per property (non-stateful) test under solidity-coverage. */
export const COVERAGE_PROPERTY_RUNS = 10;

/** True while `hardhat coverage` runs the suites. */
export const underCoverage = Boolean(
  (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING,
);

/** Default sizes of one suite: property runs, and commands per sequence for stateful ones. */
export interface FcDefaults {
  readonly runs: number;
  readonly cmds: number;
}

/** Resolved sizes of one suite (environment first, then coverage, then the suite's defaults). */
export interface FcSizes {
  readonly numRuns: number;
  readonly maxCommands: number;
  readonly seed: number;
  readonly path: string | undefined;
}

/**
 * The run sizes of a suite. `numRuns` is FC_RUNS, else COVERAGE_RUNS under coverage when `stateful`, else
 * COVERAGE_PROPERTY_RUNS under coverage, else the default; `maxCommands` is FC_CMDS or the default; `seed` is FC_SEED or 42; `path` is FC_PATH.
 */
export function fcSizes(defaults: FcDefaults, stateful = false): FcSizes {
  const env = process.env;
  const cap = stateful ? COVERAGE_RUNS : COVERAGE_PROPERTY_RUNS;
  const coverageRuns = underCoverage ? Math.min(cap, defaults.runs) : defaults.runs;
  return {
    numRuns: env.FC_RUNS !== undefined ? Number(env.FC_RUNS) : coverageRuns,
    maxCommands: Number(env.FC_CMDS ?? defaults.cmds),
    seed: Number(env.FC_SEED ?? 42),
    path: env.FC_PATH,
  };
}

/** `fc.assert` options of a property suite with `runs` default runs (seed and replay path from the environment). */
export function fcRuns(runs: number): { numRuns: number; seed: number; path?: string; endOnFailure: true } {
  const s = fcSizes({ runs, cmds: 0 });
  return { numRuns: s.numRuns, seed: s.seed, ...(s.path === undefined ? {} : { path: s.path }), endOnFailure: true };
}

/**
 * Sizes and options in the shape the suites used before `runModel` (kept for property suites).
 * `commands` holds the options of `fc.commands`: sequences of up to `maxCommands`, drawn over the whole range.
 */
export function fcParams(defaults: FcDefaults) {
  const s = fcSizes(defaults);
  return {
    ...s,
    endOnFailure: true,
    commands: { maxCommands: s.maxCommands, size: "max" as const },
  };
}

/** One stateful campaign: commands, a fresh system per sequence, a check after each command and at the end. */
export interface ModelRun<Model extends object, Real> {
  /** The command arbitraries (repeat an entry to weight it). */
  readonly commands: readonly fc.Arbitrary<fc.AsyncCommand<Model, Real>>[];
  /** Default run sizes; FC_RUNS / FC_CMDS override them, coverage shrinks the runs. */
  readonly defaults: FcDefaults;
  /** Reset: a fresh system and model for each sequence (usually `loadFixture` plus the genesis model). */
  readonly setup: () => Promise<{ model: Model; real: Real }>;
  /** Checked after every command that ran (the invariants of the suite). */
  readonly check?: (model: Model, real: Real) => Promise<void>;
  /** Run once after each whole sequence: everyone exits, then the exit invariants. */
  readonly exit?: (model: Model, real: Real) => Promise<void>;
  /** Size of the command sequences (`fc.commands`' `size`); "max" draws over the whole range. */
  readonly size?: fc.SizeForArbitrary;
  /** Ignore FC_* and coverage (a canary keeps the sizes and seed that are known to catch its bug). */
  readonly fixed?: boolean;
  /** Called with each sequence before it runs (statistics, logging). */
  readonly onSequence?: (commands: Iterable<fc.AsyncCommand<Model, Real>>) => void;
}

/**
 * Runs a stateful campaign: `fc.assert(fc.asyncProperty(fc.commands(...), ...))` where each sequence
 * starts from `setup()`, every command is followed by `check`, and `exit` closes the sequence.
 * Rejects with fast-check's report (seed, path, counterexample) on the first failing sequence.
 */
export async function runModel<Model extends object, Real>(run: ModelRun<Model, Real>): Promise<void> {
  const sizes = run.fixed
    ? { numRuns: run.defaults.runs, maxCommands: run.defaults.cmds, seed: 42, path: undefined }
    : fcSizes(run.defaults, true);
  const calls = { n: 0 };
  const counted = run.commands.map((arb) => arb.map((cmd) => counting(cmd, calls)));
  const checked = run.check ? counted.map((arb) => arb.map((cmd) => withCheck(cmd, run.check!))) : counted;
  const commandOptions: fc.CommandsContraints = { maxCommands: sizes.maxCommands };
  if (run.size !== undefined) commandOptions.size = run.size;
  const property = fc.asyncProperty(fc.commands(checked, commandOptions), async (cmds) => {
    const { model, real } = await run.setup();
    run.onSequence?.(cmds);
    await fc.asyncModelRun(() => ({ model, real }), cmds);
    if (run.exit) await run.exit(model, real);
  });
  // One campaign of the resolved size, then (outside a replay, a canary or coverage) further campaigns on the
  // following seeds until the profile's floor of calls ran: FC_PROFILE=nightly asks for NIGHTLY_CALLS.
  const floor = run.fixed || sizes.path !== undefined || underCoverage ? 0 : minCalls();
  let campaigns = 0;
  do {
    await fc.assert(property, {
      numRuns: sizes.numRuns,
      seed: sizes.seed + campaigns,
      ...(sizes.path === undefined ? {} : { path: sizes.path }),
      endOnFailure: true,
      verbose: 1,
    });
    campaigns++;
  } while (calls.n < floor && campaigns < MAX_CAMPAIGNS);
  if (process.env.FC_STATS) {
    console.log(
      `    [fc] ${calls.n} calls in ${campaigns * sizes.numRuns} sequences (seeds ${sizes.seed}..${sizes.seed + campaigns - 1})`,
    );
  }
}

/** Calls a stateful suite runs at least in the nightly profile (FC_PROFILE=nightly). */
export const NIGHTLY_CALLS = 20_000;

/** Campaigns a floor may add, at most (a suite whose commands rarely apply cannot loop for ever). */
const MAX_CAMPAIGNS = 1_000;

/** The floor of calls per stateful suite: FC_MIN_CALLS, else NIGHTLY_CALLS in the nightly profile, else none. */
function minCalls(): number {
  if (process.env.FC_MIN_CALLS !== undefined) return Number(process.env.FC_MIN_CALLS);
  return process.env.FC_PROFILE === "nightly" ? NIGHTLY_CALLS : 0;
}

/** `cmd`, counting each run of it in `calls`. */
function counting<Model extends object, Real>(
  cmd: fc.AsyncCommand<Model, Real>,
  calls: { n: number },
): fc.AsyncCommand<Model, Real> {
  return {
    check: (m) => cmd.check(m),
    run: async (m, r) => {
      calls.n++;
      await cmd.run(m, r);
    },
    toString: () => cmd.toString(),
  };
}

/** `cmd` followed by `check`, printed and gated as `cmd`. */
function withCheck<Model extends object, Real>(
  cmd: fc.AsyncCommand<Model, Real>,
  check: (model: Model, real: Real) => Promise<void>,
): fc.AsyncCommand<Model, Real> {
  return {
    check: (m) => cmd.check(m),
    run: async (m, r) => {
      await cmd.run(m, r);
      await check(m, r);
    },
    toString: () => cmd.toString(),
  };
}
