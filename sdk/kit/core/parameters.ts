/**
 * Generic parameter catalogue types and helpers. Each economy keeps its own catalogue (for QUIVer:
 * `sdk/quiver/core/parameters.ts`); the kit only knows the shape of an entry and how to find one.
 */
import { keccak256, toUtf8Bytes } from "ethers";

/** Unit of a parameter's value, for display. */
export type ParameterUnit = "wei" | "seconds" | "bps" | "count";

/** One parameter definition, mirroring `IParameterRegistry.Definition`. */
export interface ParameterSpec {
  /** Human name (`<economy>.<module>.<name>`); the on-chain key is `keccak256(name)`. */
  readonly name: string;
  readonly unit: ParameterUnit;
  readonly value: bigint;
  readonly min: bigint;
  readonly max: bigint;
  /** Largest movement of the value within any `period` seconds (the registry's sliding rate limit). */
  readonly maxDelta: bigint;
  /** Length of a rate-limit window in seconds. */
  readonly period: bigint;
  /** Where the default comes from. */
  readonly source: string;
}

/** A catalogue: every parameter an economy seeds into its registry. */
export type ParameterCatalogue = readonly ParameterSpec[];

/** The on-chain key of a parameter name. */
export function parameterKey(name: string): string {
  return keccak256(toUtf8Bytes(name));
}

/** A frozen catalogue entry. */
export function defineParameter(
  name: string,
  unit: ParameterUnit,
  value: bigint,
  min: bigint,
  max: bigint,
  maxDelta: bigint,
  period: bigint,
  source: string,
): ParameterSpec {
  return Object.freeze({ name, unit, value, min, max, maxDelta, period, source });
}

/** The entry of `catalogue` called `name`, or undefined. */
export function findParameterIn(catalogue: ParameterCatalogue, name: string): ParameterSpec | undefined {
  return catalogue.find((s) => s.name === name);
}

/** The entry of `catalogue` whose key is `key` (lower-case hex), or undefined. */
export function findParameterByKey(catalogue: ParameterCatalogue, key: string): ParameterSpec | undefined {
  const k = key.toLowerCase();
  return catalogue.find((s) => parameterKey(s.name) === k);
}

/** The module of a parameter name: `"quiver.staking.tier1Min"` -> `"staking"`. */
export function parameterModule(name: string): string {
  return name.split(".")[1] ?? "";
}

/** The catalogue grouped by module, in catalogue order within each group. */
export function groupByModule(catalogue: ParameterCatalogue): Readonly<Record<string, ParameterCatalogue>> {
  const groups: Record<string, ParameterSpec[]> = {};
  for (const s of catalogue) (groups[parameterModule(s.name)] ??= []).push(s);
  return Object.freeze(groups);
}
