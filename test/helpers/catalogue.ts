/**
 * A kit-local toy catalogue for the shared registry tests, so that they stand without any economy's catalogue.
 * Its first entry has the shape of a typical rate-limited period (14 days in [1, 60] days, at most 7 days of
 * change per 30 days); the others cover the other units.
 */
import { defineParameter as p, parameterKey, type ParameterCatalogue } from "../../sdk/kit/core/parameters";
import { DAY, TOKEN } from "./units";

export const TOY_PARAMETERS: ParameterCatalogue = [
  p("toy.core.period", "seconds", 14n * DAY, 1n * DAY, 60n * DAY, 7n * DAY, 30n * DAY, "toy: 14 days"),
  p("toy.core.shareBps", "bps", 5_000n, 100n, 10_000n, 1_000n, 30n * DAY, "toy: 50%"),
  p("toy.core.minimum", "wei", 1_000n * TOKEN, 1n * TOKEN, 100_000n * TOKEN, 500n * TOKEN, 30n * DAY, "toy: 1,000"),
  p("toy.core.count", "count", 3n, 1n, 10n, 1n, 7n * DAY, "toy: 3"),
];

/** Registry key of the toy period (`toy.core.period`). */
export const TOY_PERIOD = parameterKey("toy.core.period");

/**
 * The modules of a catalogue in order of first appearance, failing if a module's entries are not contiguous:
 * the catalogue and its Solidity key library are read module by module.
 */
export function contiguousModules(catalogue: ParameterCatalogue): string[] {
  const seen: string[] = [];
  for (const { name } of catalogue) {
    const module = name.split(".").slice(0, 2).join(".");
    if (seen.at(-1) === module) continue;
    if (seen.includes(module)) throw new Error(`${name}: module ${module} is split (after ${seen.at(-1)})`);
    seen.push(module);
  }
  return seen;
}
