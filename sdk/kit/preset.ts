/**
 * The Preset descriptor: everything the shared deploy, status, address book, CLI and demo need to know about one
 * economy. Shared code iterates the registered presets and never names one; an economy is one descriptor (in
 * `sdk/<economy>/preset.ts`) plus its folders, listed in `sdk/presets.ts`.
 */
import type { Command } from "commander";
import type { ContractRunner, Provider } from "ethers";
import type { IgnitionModule } from "@nomicfoundation/ignition-core";
import { InvalidArgumentError } from "./core/errors";
import { KIT_IDS, registerContractIds, type AddressBook } from "./chain/addressBook";
import type { ParameterCatalogue } from "./core/parameters";
import type { DemoContext } from "./demo";

/** One step of `npm run demo`: a title and what it does, given the demo's context (its deployment, accounts, clock). */
export interface DemoStep<D = DemoContext> {
  readonly title: string;
  readonly run: (deployment: D) => Promise<void>;
}

/** What `kit status` shows for a preset: data for `--json` and lines for the terminal. */
export interface PresetStatus {
  readonly data: Readonly<Record<string, unknown>>;
  readonly lines: readonly string[];
}

/** Chain ids of local development nodes (Hardhat, anvil, ganache): `kit dev …` and the local modules work only there. */
export const LOCAL_CHAIN_IDS: ReadonlySet<bigint> = new Set([31337n, 1337n]);

/**
 * Which module of a preset to deploy: `"local"` deploys stand-ins for outside contracts (MockAggregatorV3 feeds that
 * anyone may update) and is for local dev chains only; `"live"` takes every outside address from the parameters.
 */
export type DeployTarget = "local" | "live";

/** The module target for a chain: `"local"` on a local dev chain ({@link LOCAL_CHAIN_IDS}), `"live"` on any other. */
export function deployTargetOf(chainId: bigint | number): DeployTarget {
  return LOCAL_CHAIN_IDS.has(BigInt(chainId)) ? "local" : "live";
}

/** One economy, as the shared tools see it. */
export interface Preset {
  /** Name on the command line and in `npm run devnet` (`kit deploy <name>`), e.g. `"quiver"`. */
  readonly name: string;
  /** One line for listings. */
  readonly description: string;
  /** Symbol of its main token, printed by the shared CLI (`"QUIV"`). */
  readonly symbol: string;
  /** SDK key of its main token in {@link Preset.ids} (`kit token`, `kit status` read it). */
  readonly token: string;
  /** SDK keys of its contracts to Ignition future ids (`Kit#...` for the kit stack and its vote sources). */
  readonly ids: Readonly<Record<string, string>>;
  /**
   * Loads the Ignition module `kit deploy <name>` runs (lazily: Ignition is heavy for the other commands) for a
   * {@link DeployTarget}: `kit deploy` asks for `"live"` on every chain that is not a local dev chain, and that module
   * must deploy nothing anyone could update (no mock feed; outside addresses come from the parameters).
   */
  readonly loadModule: (target: DeployTarget) => Promise<IgnitionModule>;
  /** Ignition parameters files by network name, relative to the repository root. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Its registry parameters (`<economy>.<module>.<name>`): `kit params` and `kit gov propose --param` resolve names here. */
  readonly catalogue: ParameterCatalogue;
  /** Typed handles on its contracts. */
  readonly connect: (book: AddressBook, runner: ContractRunner) => unknown;
  /** Its part of `kit status` (shown when the address book holds every id of the preset). */
  readonly status?: (book: AddressBook, provider: Provider) => Promise<PresetStatus>;
  /** Registers its own CLI command groups (`kit stake`, `kit job`, ...). */
  readonly commands?: (program: Command, ctx: () => never) => void;
  /** Its story for `npm run demo`, run in order on a fresh deployment. */
  readonly demoSteps?: readonly DemoStep[];
  /** What `npm run devnet` prints after deploying it: lines to try (`rpc` is the CLI's `--rpc-url …` flag or ""). */
  readonly devnetHints?: (rpc: string) => readonly string[];
}

const presets = new Map<string, Preset>();

/**
 * Adds a preset to the list every shared tool iterates, and its contract ids to the address book. The built-in
 * presets are registered by `sdk/presets.ts`; a test or a plug-in registers its own the same way.
 * Throws {@link InvalidArgumentError} on a second preset of the same name or an id that clashes with the kit's.
 *
 * @example
 * registerPreset(myPreset);
 */
export function registerPreset(preset: Preset): Preset {
  if (presets.has(preset.name)) throw new InvalidArgumentError(`preset "${preset.name}" is already registered`);
  if (!(preset.token in preset.ids)) {
    throw new InvalidArgumentError(`preset "${preset.name}" has no id for its token key "${preset.token}"`);
  }
  for (const [key, id] of Object.entries(KIT_IDS)) {
    if (key in preset.ids && preset.ids[key] !== id) {
      throw new InvalidArgumentError(`preset "${preset.name}" maps the kit key "${key}" to ${preset.ids[key]}`);
    }
  }
  registerContractIds(preset.ids);
  presets.set(preset.name, preset);
  return preset;
}

/** Removes a preset from the list (tests that registered a throwaway preset). Its ids stay known. */
export function unregisterPreset(name: string): void {
  presets.delete(name);
}

/** The registered presets, in registration order. */
export function listPresets(): readonly Preset[] {
  return [...presets.values()];
}

/**
 * The preset of that name. Throws {@link InvalidArgumentError} naming the known ones when there is none.
 *
 * @example
 * findPreset("quiver").symbol; // "QUIV"
 */
export function findPreset(name: string): Preset {
  const p = presets.get(name);
  if (!p) {
    throw new InvalidArgumentError(`unknown preset "${name}" (known: ${[...presets.keys()].join(", ") || "none"})`);
  }
  return p;
}

/**
 * The presets deployed in an address book: those whose every id is in it, in registration order.
 *
 * @example
 * presetsIn(book).map((p) => p.name); // ["quiver"]
 */
export function presetsIn(book: AddressBook): readonly Preset[] {
  return listPresets().filter((p) => Object.values(p.ids).every((id) => book.contracts[id]));
}

/**
 * The preset whose token the shared token commands use: the first whose token id is in the book.
 *
 * @example
 * tokenPresetOf(book)?.symbol; // "QUIV"
 */
export function tokenPresetOf(book: AddressBook): Preset | undefined {
  return listPresets().find((p) => book.contracts[p.ids[p.token]]);
}

/**
 * Every registered preset's parameter catalogue, concatenated (names are namespaced by economy, so they never clash).
 *
 * @example
 * readParameters(registry, allCatalogues());
 */
export function allCatalogues(): ParameterCatalogue {
  return listPresets().flatMap((p) => p.catalogue);
}
