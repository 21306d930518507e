/**
 * The address book: which contract lives where on a chain, from Hardhat Ignition's
 * `deploy/deployments/<economy>-chain-<id>/deployed_addresses.json` (keys `"<Module>#<Contract>"`), or given
 * explicitly. This module is the pure mapping; reading the files is sdk/kit/node/addressBookFile.ts's
 * (`loadAddressBook`, `deployedEconomies`, exported by economy-kit/deploy). Each economy has its own deployment (journal) per chain, because each deploys its own kit stack under
 * the same `Kit#...` ids (its registry, timelock, governor and treasury).
 */
import { InvalidArgumentError } from "../core/errors";
import { parseAddress } from "../core/units";

/**
 * Ignition future ids of the kit stack every preset shares (deploy/modules/Kit.ts). Each preset adds its own ids
 * with {@link registerContractIds} (the preset list does it for the built-in presets).
 */
export const KIT_IDS = {
  registry: "Kit#ParameterRegistry",
  timelock: "Kit#TimelockController",
  governor: "Kit#EconomyGovernor",
  treasury: "Kit#Treasury",
  council: "Kit#councilSafe",
  guardian: "Kit#guardianSafe",
} as const;

/** A short name the SDK uses for a contract, e.g. `"governor"` (or one a preset registered, e.g. `"staking"`). */
export type ContractKey = keyof typeof KIT_IDS | (string & {});

const knownIds = new Map<string, string>(Object.entries(KIT_IDS));

/**
 * Makes SDK keys of a preset known to {@link addressOf} and {@link addressBookFromHandles}. A key registered twice
 * must name the same id.
 *
 * @example
 * registerContractIds({ token: "Kit#ToyToken" });
 */
export function registerContractIds(ids: Readonly<Record<string, string>>): void {
  for (const [key, id] of Object.entries(ids)) {
    const had = knownIds.get(key);
    if (had !== undefined && had !== id) {
      throw new InvalidArgumentError(`contract key "${key}" is ${had}, cannot also be ${id}`, { details: { key } });
    }
    knownIds.set(key, id);
  }
}

/**
 * Every SDK key the address book knows (the kit's and the registered presets'), to its Ignition id.
 *
 * @example
 * contractIds().governor; // "Kit#EconomyGovernor"
 */
export function contractIds(): Readonly<Record<string, string>> {
  return Object.freeze(Object.fromEntries(knownIds));
}

/** Addresses of one deployment on one chain. */
export interface AddressBook {
  readonly chainId: bigint;
  /** Ignition future id (`"Kit#EconomyGovernor"`) to checksummed address. */
  readonly contracts: Readonly<Record<string, string>>;
  /** Where the book was read from (a file path), or `"explicit"`. */
  readonly source: string;
  /** The economy (preset name) whose deployment this is, when read from `<economy>-chain-<id>`. */
  readonly economy?: string;
}

/**
 * The Ignition deployment id of an economy on a chain: `<economy>-chain-<id>` (`kit deploy`, `npm run devnet` and
 * `npm run demo` write there; with `npx hardhat ignition deploy` pass `--deployment-id quiver-chain-31337`).
 *
 * @example
 * deploymentIdOf("quiver", 31337); // "quiver-chain-31337"
 */
export function deploymentIdOf(economy: string, chainId: bigint | number): string {
  if (!/^[a-z][a-z0-9-]*$/.test(economy)) throw new InvalidArgumentError(`not an economy name: "${economy}"`);
  return `${economy}-chain-${BigInt(chainId)}`;
}

/**
 * The economies among the folder names of a deployments directory on a chain: each `<economy>-chain-<id>` whose
 * folder holds a `deployed_addresses.json` (`hasAddresses`), sorted by name.
 *
 * @example
 * economiesIn(["quiver-chain-31337", "chain-1"], 31337, () => true); // ["quiver"]
 */
export function economiesIn(
  folders: readonly string[],
  chainId: bigint | number,
  hasAddresses: (folder: string) => boolean,
): string[] {
  const suffix = `-chain-${BigInt(chainId)}`;
  return folders
    .filter((name) => name.endsWith(suffix) && hasAddresses(name))
    .map((name) => name.slice(0, -suffix.length))
    .filter((name) => /^[a-z][a-z0-9-]*$/.test(name))
    .sort();
}

/** Options of `loadAddressBook` (economy-kit/deploy, sdk/kit/node/addressBookFile.ts). */
export interface LoadAddressBookOptions {
  /** Chain id of the deployment. */
  readonly chainId: bigint | number;
  /** Ignition deployments directory (default `$KIT_DEPLOYMENTS_DIR`, else `DEFAULT_DEPLOYMENTS_DIR`). */
  readonly deploymentsDir?: string;
  /** The economy (preset name) whose deployment to read: `<economy>-chain-<id>` (see {@link deploymentIdOf}). */
  readonly economy?: string;
  /**
   * Deployment id, when deployed with another `--deployment-id`. Default: the economy's (or Ignition's own
   * `chain-<id>` when the economy has none and that exists); without an economy, `chain-<id>` if it exists, else the
   * only economy deployed on the chain.
   */
  readonly deploymentId?: string;
  /** Explicit addresses that take precedence over the file (and are enough on their own). */
  readonly override?: Readonly<Record<string, string>>;
}

/**
 * Which deployment folder to read for `options`, and the economy it belongs to, given which deployment ids hold a
 * `deployed_addresses.json` (`has`) and the economies deployed on the chain (`economies`, asked only when needed).
 * Throws {@link InvalidArgumentError} when no economy is named and several are deployed on the chain.
 *
 * @example
 * chooseDeployment({ chainId: 31337 }, () => false, () => ["quiver"]); // { id: "quiver-chain-31337", economy: "quiver" }
 */
export function chooseDeployment(
  options: Pick<LoadAddressBookOptions, "chainId" | "economy" | "deploymentId">,
  has: (id: string) => boolean,
  economies: () => readonly string[],
): { id: string; economy?: string } {
  const chainId = BigInt(options.chainId);
  if (options.deploymentId) return { id: options.deploymentId, economy: options.economy };
  const plain = `chain-${chainId}`;
  if (options.economy) {
    const own = deploymentIdOf(options.economy, chainId);
    // A deployment made with `npx hardhat ignition deploy` and no `--deployment-id` is Ignition's `chain-<id>`.
    return { id: !has(own) && has(plain) ? plain : own, economy: options.economy };
  }
  if (has(plain)) return { id: plain };
  const found = economies();
  if (found.length > 1) {
    throw new InvalidArgumentError(
      `${found.length} economies are deployed on chain ${chainId} (${found.join(", ")}): choose one ` +
        `(the CLI's --economy <name> or KIT_ECONOMY; the SDK's loadAddressBook({ economy }))`,
      { details: { chainId, economies: found } },
    );
  }
  return found.length === 1 ? { id: deploymentIdOf(found[0], chainId), economy: found[0] } : { id: plain };
}

/**
 * The address book of a deployment from the text of its `deployed_addresses.json` (`text`, read from `file`;
 * `undefined` when there is no such file), merged with the explicit `override`. Throws {@link InvalidArgumentError}
 * when the text is not a JSON object, or when neither gives any address.
 *
 * @example
 * addressBookFromDeployment({ chainId: 31337 }, { id: "quiver-chain-31337", economy: "quiver" }, file, text);
 */
export function addressBookFromDeployment(
  options: Pick<LoadAddressBookOptions, "chainId" | "deploymentId" | "override">,
  deployment: { readonly id: string; readonly economy?: string },
  file: string,
  text: string | undefined,
): AddressBook {
  const chainId = BigInt(options.chainId);
  const contracts: Record<string, string> = {};
  let source = "explicit";
  if (text !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
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
    const what = deployment.economy ? `of ${deployment.economy} ` : "";
    const where = deployment.economy || options.deploymentId ? file : `${file} or any <economy>-chain-${chainId}`;
    const fix = `deploy it (\`kit deploy ${deployment.economy ?? "<economy>"}\`) or point the deployments directory (--deployments, KIT_DEPLOYMENTS_DIR) at the folder that holds it`;
    throw new InvalidArgumentError(`no deployment ${what}found for chain ${chainId} (looked for ${where}): ${fix}`, {
      details: { chainId, file, ...(deployment.economy ? { economy: deployment.economy } : {}), fix },
    });
  }
  const economy = source === file ? deployment.economy : undefined;
  return Object.freeze({ chainId, contracts: Object.freeze(contracts), source, ...(economy ? { economy } : {}) });
}

/**
 * Builds an address book from explicit addresses only.
 *
 * @example
 * const book = addressBookFrom(31337n, { "Kit#EconomyGovernor": governorAddress });
 */
export function addressBookFrom(chainId: bigint | number, contracts: Readonly<Record<string, string>>): AddressBook {
  const checked: Record<string, string> = {};
  for (const [id, addr] of Object.entries(contracts)) checked[id] = parseAddress(addr, id);
  return Object.freeze({ chainId: BigInt(chainId), contracts: Object.freeze(checked), source: "explicit" });
}

/**
 * An address book built from contract handles keyed like {@link contractIds} (`governor`, `staking`, ...), such as
 * the result of an in-process `ignition.deploy(QuiverModule)`, or like `ids` when given. Keys the handles do not
 * have are left out.
 *
 * @example
 * const book = await addressBookFromHandles(31337n, await ignition.deploy(QuiverModule, { parameters }));
 * connectQuiver(book, provider);
 */
export async function addressBookFromHandles(
  chainId: bigint | number,
  handles: Partial<Record<ContractKey, { getAddress(): Promise<string> }>>,
  ids: Readonly<Record<string, string>> = contractIds(),
): Promise<AddressBook> {
  const contracts: Record<string, string> = {};
  for (const [key, id] of Object.entries(ids)) {
    const h = (handles as Record<string, { getAddress(): Promise<string> } | undefined>)[key];
    if (h) contracts[id] = await h.getAddress();
  }
  return addressBookFrom(chainId, contracts);
}

/**
 * The address of a contract, by SDK key (`"governor"`) or Ignition id (`"Kit#EconomyGovernor"`).
 * Throws {@link InvalidArgumentError} when the book does not have it.
 *
 * @example
 * addressOf(book, "governor");
 */
export function addressOf(book: AddressBook, contract: ContractKey | string): string {
  const id = knownIds.get(contract) ?? contract;
  const addr = book.contracts[id];
  if (!addr) {
    throw new InvalidArgumentError(`the deployment on chain ${book.chainId} has no ${id}`, {
      details: { id, known: Object.keys(book.contracts) },
    });
  }
  return addr;
}
