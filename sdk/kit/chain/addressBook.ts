/**
 * The address book: which contract lives where on a chain, read from Hardhat Ignition's
 * `deploy/deployments/chain-<id>/deployed_addresses.json` (keys `"<Module>#<Contract>"`), or given explicitly.
 */
import fs from "node:fs";
import path from "node:path";
import { InvalidArgumentError } from "../core/errors";
import { parseAddress } from "../core/units";

/** Ignition future ids of the contracts the SDK knows. Later modules add their ids here. */
export const CONTRACT_IDS = {
  quiv: "Foundation#QuivToken",
  registry: "Foundation#ParameterRegistry",
  // The QUIVer preset (deploy/modules/Quiver.ts)
  staking: "Quiver#ProviderStaking",
  emission: "Quiver#EmissionController",
  oracle: "Quiver#PricingOracle",
  channels: "Quiver#PaymentChannels",
  marketplace: "Quiver#InferenceMarketplace",
  disputes: "Quiver#DisputeManager",
  metrics: "Quiver#QuiverMetrics",
  timelock: "Quiver#TimelockController",
  governor: "Quiver#EconomyGovernor",
  treasury: "Quiver#Treasury",
  council: "Quiver#councilSafe",
  guardian: "Quiver#guardianSafe",
} as const;

/** A short name the SDK uses for a contract, e.g. `"quiv"`. */
export type ContractKey = keyof typeof CONTRACT_IDS;

/** Addresses of one deployment on one chain. */
export interface AddressBook {
  readonly chainId: bigint;
  /** Ignition future id (`"Foundation#QuivToken"`) to checksummed address. */
  readonly contracts: Readonly<Record<string, string>>;
  /** Where the book was read from (a file path), or `"explicit"`. */
  readonly source: string;
}

/** Default directory of Ignition deployments: `<repo>/deploy/deployments`. */
export const DEFAULT_DEPLOYMENTS_DIR = path.resolve(__dirname, "..", "..", "..", "deploy", "deployments");

/**
 * The deployments directory: `$KIT_DEPLOYMENTS_DIR` when set, else {@link DEFAULT_DEPLOYMENTS_DIR}.
 *
 * @example
 * deploymentsDirFromEnv(); // "/path/to/repo/deploy/deployments"
 */
export function deploymentsDirFromEnv(): string {
  return process.env.KIT_DEPLOYMENTS_DIR || DEFAULT_DEPLOYMENTS_DIR;
}

/** Options of {@link loadAddressBook}. */
export interface LoadAddressBookOptions {
  /** Chain id of the deployment; picks `chain-<id>`. */
  readonly chainId: bigint | number;
  /** Ignition deployments directory (default `$KIT_DEPLOYMENTS_DIR`, else {@link DEFAULT_DEPLOYMENTS_DIR}). */
  readonly deploymentsDir?: string;
  /** Deployment id, when deployed with `--deployment-id` (default `chain-<chainId>`). */
  readonly deploymentId?: string;
  /** Explicit addresses that take precedence over the file (and are enough on their own). */
  readonly override?: Readonly<Record<string, string>>;
}

/**
 * Reads the address book of a chain from an Ignition deployment, merged with an explicit override.
 * Throws {@link InvalidArgumentError} when neither gives any address.
 *
 * @example
 * const book = loadAddressBook({ chainId: 31337 });
 * book.contracts["Foundation#QuivToken"]; // "0x5FbDB2315678afecb367f032d93F642f64180aa3"
 */
export function loadAddressBook(options: LoadAddressBookOptions): AddressBook {
  const chainId = BigInt(options.chainId);
  const dir = options.deploymentsDir ?? deploymentsDirFromEnv();
  const file = path.join(dir, options.deploymentId ?? `chain-${chainId}`, "deployed_addresses.json");
  const contracts: Record<string, string> = {};
  let source = "explicit";
  if (fs.existsSync(file)) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (cause) {
      throw new InvalidArgumentError(`cannot parse ${file}`, { cause, details: { file } });
    }
    if (typeof raw !== "object" || raw === null) throw new InvalidArgumentError(`${file} is not a JSON object`);
    for (const [id, addr] of Object.entries(raw as Record<string, unknown>)) {
      contracts[id] = parseAddress(String(addr), id);
    }
    source = file;
  }
  for (const [id, addr] of Object.entries(options.override ?? {})) contracts[id] = parseAddress(addr, id);
  if (Object.keys(contracts).length === 0) {
    throw new InvalidArgumentError(`no deployment found for chain ${chainId} (looked for ${file})`, {
      details: { chainId, file },
    });
  }
  return Object.freeze({ chainId, contracts: Object.freeze(contracts), source });
}

/**
 * Builds an address book from explicit addresses only.
 *
 * @example
 * const book = addressBookFrom(31337n, { "Foundation#QuivToken": quivAddress });
 */
export function addressBookFrom(chainId: bigint | number, contracts: Readonly<Record<string, string>>): AddressBook {
  const checked: Record<string, string> = {};
  for (const [id, addr] of Object.entries(contracts)) checked[id] = parseAddress(addr, id);
  return Object.freeze({ chainId: BigInt(chainId), contracts: Object.freeze(checked), source: "explicit" });
}

/**
 * An address book built from contract handles keyed like {@link CONTRACT_IDS} (`quiv`, `staking`, ...), such as
 * the result of an in-process `ignition.deploy(QuiverModule)`. Keys the handles do not have are left out.
 *
 * @example
 * const book = await addressBookFromHandles(31337n, await ignition.deploy(QuiverModule, { parameters }));
 * connectQuiver(book, provider);
 */
export async function addressBookFromHandles(
  chainId: bigint | number,
  handles: Partial<Record<ContractKey, { getAddress(): Promise<string> }>>,
): Promise<AddressBook> {
  const contracts: Record<string, string> = {};
  for (const [key, id] of Object.entries(CONTRACT_IDS) as Array<[ContractKey, string]>) {
    const h = handles[key];
    if (h) contracts[id] = await h.getAddress();
  }
  return addressBookFrom(chainId, contracts);
}

/**
 * The address of a contract, by SDK key (`"quiv"`) or Ignition id (`"Foundation#QuivToken"`).
 * Throws {@link InvalidArgumentError} when the book does not have it.
 *
 * @example
 * addressOf(book, "quiv");
 */
export function addressOf(book: AddressBook, contract: ContractKey | string): string {
  const id = (CONTRACT_IDS as Record<string, string>)[contract] ?? contract;
  const addr = book.contracts[id];
  if (!addr) {
    throw new InvalidArgumentError(`the deployment on chain ${book.chainId} has no ${id}`, {
      details: { id, known: Object.keys(book.contracts) },
    });
  }
  return addr;
}
