/**
 * An Ignition module's futures by id (its submodules' too) and the ids a future depends on, for tests of a preset's
 * deployment order.
 */

/** A future as these helpers read it. */
export interface FutureLike {
  readonly id: string;
  readonly dependencies: Set<{ id: string }>;
  readonly args?: unknown[];
}

/** Every future of `mod` and its submodules, by id. */
export function futuresOf(mod: { futures: Set<unknown>; submodules: Set<unknown> }): Map<string, FutureLike> {
  const out = new Map<string, FutureLike>();
  const walk = (m: { futures: Set<unknown>; submodules: Set<unknown> }) => {
    for (const f of m.futures as Set<FutureLike>) out.set(f.id, f);
    for (const s of m.submodules) walk(s as typeof m);
  };
  walk(mod);
  return out;
}

/** Ids of the futures `f` depends on directly. */
export const depsOf = (f: FutureLike | undefined): string[] => [...(f?.dependencies ?? [])].map((d) => d.id);
