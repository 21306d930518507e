/**
 * The loop runner shared by the agents: calls `tick()` every `intervalMs` until stopped, logging (not throwing)
 * a failed tick so one bad block does not stop an agent.
 */
import type { AgentLogger } from "./log";

/** Anything with a `tick()` step. */
export interface Tickable {
  tick(): Promise<unknown>;
}

/** Options of {@link runLoop}. */
export interface LoopOptions {
  /** Milliseconds between ticks (default 5,000). */
  readonly intervalMs?: number;
  /** Stop after this many ticks (default: until `signal` aborts). */
  readonly maxTicks?: number;
  readonly signal?: AbortSignal;
  readonly log?: AgentLogger;
}

/**
 * Runs `agent.tick()` in a loop; resolves with the number of ticks run.
 *
 * @example
 * const stop = new AbortController();
 * process.on("SIGINT", () => stop.abort());
 * await runLoop(agent, { intervalMs: 2_000, signal: stop.signal });
 */
export async function runLoop(agent: Tickable, options: LoopOptions = {}): Promise<number> {
  const interval = options.intervalMs ?? 5_000;
  let ticks = 0;
  while (!options.signal?.aborted && (options.maxTicks === undefined || ticks < options.maxTicks)) {
    try {
      await agent.tick();
    } catch (e) {
      options.log?.log("error", "tick.failed", { error: e });
    }
    ticks++;
    if (options.maxTicks !== undefined && ticks >= options.maxTicks) break;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, interval);
      options.signal?.addEventListener("abort", () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
  return ticks;
}
