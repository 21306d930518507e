/**
 * The address book: which contract lives where on a chain, read from Hardhat Ignition's
 * `deploy/deployments/<economy>-chain-<id>/deployed_addresses.json` (keys `"<Module>#<Contract>"`), or given
 * explicitly. Each economy has its own deployment (journal) per chain, because each deploys its own kit stack under
 * the same `Kit#...` ids (its registry, timelock, governor and treasury).
 */
import fs from "node:fs";
import path from "node:path";
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
 * The economies with a deployment on a chain in a deployments directory (their `<economy>-chain-<id>` folders that
 * hold a `deployed_addresses.json`), sorted by name.
 *
 * @example
 * deployedEconomies(31337); // ["bpci", "caesar", "quiver"] after `npm run devnet`
 */
export function deployedEconomies(chainId: bigint | number, deploymentsDir?: string): string[] {
  const dir = deploymentsDir ?? deploymentsDirFromEnv();
  if (!fs.existsSync(dir)) return [];
  const suffix = `-chain-${BigInt(chainId)}`;
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(suffix) && fs.existsSync(path.join(dir, name, "deployed_addresses.json")))
    .map((name) => name.slice(0, -suffix.length))
    .filter((name) => /^[a-z][a-z0-9-]*$/.test(name))
    .sort();
}

/**
 * Where deployments live by default, from `moduleDir` (this module's directory): `<root>/deploy/deployments`, where
 * `<root>` is the nearest directory above holding a package.json, so the TypeScript sources (`sdk/kit/chain/`) and
 * the compiled package (`dist/sdk/kit/chain/`, which holds no package.json) both find the repository. When that root
 * is an installed package (under `node_modules/`), the deployments are the application's, not the package's:
 * `<cwd>/deploy/deployments`.
 *
 * @example
 * defaultDeploymentsDir("/repo/dist/sdk/kit/chain"); // "/repo/deploy/deployments"
 */
export function defaultDeploymentsDir(moduleDir: string = __dirname, cwd: string = process.cwd()): string {
  let root: string | undefined;
  for (let dir = path.resolve(moduleDir); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) {
      root = dir;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  const installed = root !== undefined && root.split(path.sep).includes("node_modules");
  return path.join(root === undefined || installed ? path.resolve(cwd) : root, "deploy", "deployments");
}

/** Default directory of Ignition deployments: `<repo>/deploy/deployments` (see {@link defaultDeploymentsDir}). */
export const DEFAULT_DEPLOYMENTS_DIR = defaultDeploymentsDir();

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
  /** Chain id of the deployment. */
  readonly chainId: bigint | number;
  /** Ignition deployments directory (default `$KIT_DEPLOYMENTS_DIR`, else {@link DEFAULT_DEPLOYMENTS_DIR}). */
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

/** Which deployment folder {@link loadAddressBook} reads, and the economy it belongs to. */
function resolveDeployment(options: LoadAddressBookOptions, dir: string): { id: string; economy?: string } {
  const chainId = BigInt(options.chainId);
  if (options.deploymentId) return { id: options.deploymentId, economy: options.economy };
  const plain = `chain-${chainId}`;
  const has = (id: string) => fs.existsSync(path.join(dir, id, "deployed_addresses.json"));
  if (options.economy) {
    const own = deploymentIdOf(options.economy, chainId);
    // A deployment made with `npx hardhat ignition deploy` and no `--deployment-id` is Ignition's `chain-<id>`.
    return { id: !has(own) && has(plain) ? plain : own, economy: options.economy };
  }
  if (has(plain)) return { id: plain };
  const economies = deployedEconomies(chainId, dir);
  if (economies.length > 1) {
    throw new InvalidArgumentError(
      `${economies.length} economies are deployed on chain ${chainId} (${economies.join(", ")}): choose one ` +
        `(the CLI's --economy <name> or KIT_ECONOMY; the SDK's loadAddressBook({ economy }))`,
      { details: { chainId, economies } },
    );
  }
  return economies.length === 1 ? { id: deploymentIdOf(economies[0], chainId), economy: economies[0] } : { id: plain };
}

/**
 * Reads the address book of an economy on a chain from its Ignition deployment, merged with an explicit override.
 * Throws {@link InvalidArgumentError} when neither gives any address, or when no economy is named and several are
 * deployed on the chain.
 *
 * @example
 * const book = loadAddressBook({ chainId: 31337, economy: "quiver" });
 * book.contracts["Kit#EconomyGovernor"]; // QUIVer's governor
 */
export function loadAddressBook(options: LoadAddressBookOptions): AddressBook {
  const chainId = BigInt(options.chainId);
  const dir = options.deploymentsDir ?? deploymentsDirFromEnv();
  const deployment = resolveDeployment(options, dir);
  const file = path.join(dir, deployment.id, "deployed_addresses.json");
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
