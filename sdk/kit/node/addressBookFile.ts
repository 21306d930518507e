/**
 * The address book read from disk: Hardhat Ignition's `<deploymentsDir>/<economy>-chain-<id>/deployed_addresses.json`
 * (the mapping from its JSON to an {@link AddressBook} is sdk/kit/chain/addressBook.ts's, which touches no files).
 */
import fs from "node:fs";
import path from "node:path";
import {
  addressBookFromDeployment,
  chooseDeployment,
  economiesIn,
  type AddressBook,
  type LoadAddressBookOptions,
} from "../chain/addressBook";

export type { LoadAddressBookOptions };

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
  return economiesIn(fs.readdirSync(dir), chainId, (name) =>
    fs.existsSync(path.join(dir, name, "deployed_addresses.json")),
  );
}

/**
 * Where deployments live by default, from `moduleDir` (this module's directory): `<root>/deploy/deployments`, where
 * `<root>` is the nearest directory above holding a package.json, so the TypeScript sources (`sdk/kit/node/`) and
 * the compiled package (`dist/sdk/kit/node/`, which holds no package.json) both find the repository. When that root
 * is an installed package (under `node_modules/`), the deployments are the application's, not the package's:
 * `<cwd>/deploy/deployments`.
 *
 * @example
 * defaultDeploymentsDir("/repo/dist/sdk/kit/node"); // "/repo/deploy/deployments"
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

/**
 * Reads the address book of an economy on a chain from its Ignition deployment, merged with an explicit override.
 * Throws `InvalidArgumentError` when neither gives any address, or when no economy is named and several are
 * deployed on the chain.
 *
 * @example
 * const book = loadAddressBook({ chainId: 31337, economy: "quiver" });
 * book.contracts["Kit#EconomyGovernor"]; // QUIVer's governor
 */
export function loadAddressBook(options: LoadAddressBookOptions): AddressBook {
  const dir = options.deploymentsDir ?? deploymentsDirFromEnv();
  const fileOf = (id: string) => path.join(dir, id, "deployed_addresses.json");
  const deployment = chooseDeployment(
    options,
    (id) => fs.existsSync(fileOf(id)),
    () => deployedEconomies(options.chainId, dir),
  );
  const file = fileOf(deployment.id);
  return addressBookFromDeployment(
    options,
    deployment,
    file,
    fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined,
  );
}
