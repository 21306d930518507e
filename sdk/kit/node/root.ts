/**
 * Where the repository is, the same from the TypeScript sources (`sdk/kit/node/`) and from the compiled CLI
 * (`dist/sdk/kit/node/`): the nearest directory above this module that holds a package.json.
 */
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_DEPLOYMENTS_DIR } from "./addressBookFile";

/**
 * The nearest directory at or above `from` holding a package.json (dist/ holds none, so the compiled modules find
 * the repository too). Falls back to three levels up when there is none.
 *
 * @example
 * findRepoRoot(__dirname); // "/path/to/repo"
 */
export function findRepoRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, "..", "..", "..");
  }
}

/** Repository root (artifacts/, deploy/parameters/, deploy/deployments/, node_modules/.bin). */
export const REPO_ROOT = findRepoRoot();

/**
 * The Ignition deployments directory: `dir` when given, else `$KIT_DEPLOYMENTS_DIR`, else `<repo>/deploy/deployments`
 * ({@link DEFAULT_DEPLOYMENTS_DIR}: the application's `deploy/deployments` when the kit is an installed package).
 *
 * @example
 * deploymentsDir(undefined, process.env); // "/path/to/repo/deploy/deployments"
 */
export function deploymentsDir(
  dir: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return dir ?? (env.KIT_DEPLOYMENTS_DIR || DEFAULT_DEPLOYMENTS_DIR);
}
