/**
 * Run sizes of the fast-check suites: small, fixed-seed defaults for every commit, larger ones on demand
 * (FC_RUNS=200 FC_CMDS=100 FC_SEED=$RANDOM npm test). A failing run prints its seed and path; replay it
 * with FC_SEED=<seed> FC_PATH=<path>.
 */
export function fcParams(defaults: { runs: number; cmds: number }) {
  const env = process.env;
  return {
    numRuns: Number(env.FC_RUNS ?? defaults.runs),
    maxCommands: Number(env.FC_CMDS ?? defaults.cmds),
    seed: Number(env.FC_SEED ?? 42),
    path: env.FC_PATH,
    endOnFailure: true,
    /** Options for `fc.commands`: sequences of up to `maxCommands`, drawn over the whole range (not biased small). */
    commands: { maxCommands: Number(env.FC_CMDS ?? defaults.cmds), size: "max" as const },
  };
}
