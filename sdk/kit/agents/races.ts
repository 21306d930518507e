/**
 * The failure policy of an agent's step: a revert that another actor's transaction explains (the work was done by
 * someone else first), recognised by its custom error name, is logged at `warn` and the tick goes on; anything else
 * is logged at `error` with its error name and rethrown, so the tick fails (`runLoop` logs it and tries again).
 */
import { toKitError } from "../chain/decoder";
import type { KitError } from "../core/errors";
import type { AgentLogger } from "./log";

/** The custom error name of a decoded failure, or its class name when it is not a revert. */
export function errorNameOf(e: KitError): string {
  return (e as { errorName?: string }).errorName ?? e.name;
}

/**
 * Runs `action` (a send to `contract`); on a revert named in `knownRaces` logs `<event>.skipped` (warn) and returns
 * undefined, on anything else logs `<event>.failed` (error, with the error name) and rethrows the decoded error.
 *
 * @example
 * await runGuarded(log, "PoeMining", ["PoeEpochNotEnded"], "epoch.close", { epoch }, () => closeEpoch(signer, mining));
 */
export async function runGuarded<T>(
  log: AgentLogger,
  contract: string,
  knownRaces: readonly string[],
  event: string,
  fields: Record<string, unknown>,
  action: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await action();
  } catch (e) {
    const err = toKitError(e, contract);
    const errorName = errorNameOf(err);
    const known = knownRaces.includes(errorName);
    log.log(known ? "warn" : "error", `${event}.${known ? "skipped" : "failed"}`, {
      ...fields,
      errorName,
      error: err.message,
    });
    if (!known) throw err;
    return undefined;
  }
}
