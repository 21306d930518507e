/**
 * How every `kit agent …` command runs its agent: `--once` one tick (its failure is the command's, exit 1), else
 * ticks every `--interval` seconds until `--ticks` or SIGINT/SIGTERM, a failing tick logged and the loop going on;
 * with `--ticks` a progress bar of the ticks on stderr (the JSON-line logs stay alone on stdout).
 */
import { runLoop, type JsonLineLogger } from "../kit/agents";
import type { CliContext } from "./context";
import { uintArg } from "./helpers";

/** The loop options every agent command takes. */
export interface AgentLoopOpts {
  once?: boolean;
  interval: string;
  ticks?: string;
}

/** Runs `agent` as the options say (see the module comment). */
export async function runAgentCommand(
  c: CliContext,
  agent: { tick(): Promise<unknown> },
  log: JsonLineLogger,
  opts: AgentLoopOpts,
): Promise<void> {
  const intervalMs = Number(uintArg(opts.interval, "interval")) * 1000;
  const maxTicks = opts.once ? 1 : opts.ticks ? Number(uintArg(opts.ticks, "ticks")) : undefined;
  if (opts.once) {
    await agent.tick(); // --once: a failure is the command's failure (exit code 1)
    return;
  }
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const bar = maxTicks === undefined ? undefined : c.progressBar("agent ticks", maxTicks);
  const counted = bar ? { tick: async () => agent.tick().finally(() => bar.tick()) } : agent;
  let ok = false;
  try {
    await runLoop(counted, { intervalMs, maxTicks, signal: stop.signal, log });
    ok = true;
  } finally {
    bar?.done(ok);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
