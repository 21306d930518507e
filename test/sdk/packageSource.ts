/**
 * In-repo resolution of the package's sub-path exports. package.json "exports" send `import` / `require` to the
 * compiled package in dist/ (what an installed copy uses) and the custom condition `economy-kit-source` to the
 * TypeScript sources; the repo's tests run the sources, so they resolve a self-reference through that condition
 * (as `node --conditions=economy-kit-source` does) instead of through the build.
 */
import fs from "node:fs";
import path from "node:path";

const ROOT = path.join(__dirname, "..", "..");
/** The condition of the TypeScript sources in package.json "exports" (scripts/package/entries.js). */
export const SOURCE_CONDITION = "economy-kit-source";

/**
 * The repo-relative source file `economy-kit/<entry>` resolves to under {@link SOURCE_CONDITION}.
 *
 * @example
 * sourceOf("economy-kit/preset"); // "./sdk/kit/preset.ts"
 */
export function sourceOf(spec: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    name: string;
    exports: Record<string, string | Record<string, string>>;
  };
  const sub = "." + spec.slice(pkg.name.length);
  const entry = pkg.exports[sub];
  const target = typeof entry === "object" ? entry[SOURCE_CONDITION] : undefined;
  if (!spec.startsWith(pkg.name + "/") || !target) throw new Error(`${spec} has no "${SOURCE_CONDITION}" export`);
  return target;
}

/**
 * Requires `economy-kit/<entry>` from the sources, through package.json "exports".
 *
 * @example
 * const pkg = requireSource<typeof import("../../sdk/kit/preset")>("economy-kit/preset");
 */
export function requireSource<T>(spec: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(ROOT, sourceOf(spec))) as T;
}
