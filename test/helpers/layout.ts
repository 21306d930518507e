/**
 * The import-direction checker of the kit layout (ARCHITECTURE.md, rule 2): shared code never imports an
 * economy folder, and an economy never imports another economy. It reads import lines only (Solidity
 * `import`, TypeScript `import`/`export ... from`, `import()` and `require()`), resolves relative paths
 * against the importing file, and maps typechain bindings back to the contract folder they were generated
 * from, so a shared file cannot dodge the rule through `typechain-types/contracts/quiver/...`.
 *
 * Static imports count only at the start of a line (as every real one is written), so import-like text
 * inside a string does not count; `import()` and `require()` count anywhere.
 *
 * Pure over `{ path, source }` pairs, so a test can feed it synthetic files (the canary); `scanRepository`
 * is the one part that reads the disk.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { posix, join } from "node:path";

/** Economy folder names: each is one folder beside the shared domains in contracts/, deploy/, sdk/, test/. */
export const ECONOMIES = ["quiver", "caesar", "bpci"] as const;
export type Economy = (typeof ECONOMIES)[number];

/** The trees whose import lines are scanned. */
export const SCANNED_ROOTS = ["contracts", "deploy", "sdk", "scripts", "test"] as const;

/** One source file: a repository-relative POSIX path and its text. */
export interface SourceFile {
  readonly path: string;
  readonly source: string;
}

/** One import that breaks the direction rule. */
export interface LayoutViolation {
  /** The importing file. */
  readonly file: string;
  /** The imported file, repository-relative (typechain paths mapped to their contract folder). */
  readonly imported: string;
  /** Why it is refused. */
  readonly reason: string;
}

/** Package self-references (package.json `exports`) resolved to their folder. */
const PACKAGE_SUBPATHS: Record<string, string> = {
  "economy-kit/core": "sdk/kit/core",
  "economy-kit/chain": "sdk/kit/chain",
  "economy-kit/tx": "sdk/kit/tx",
  "economy-kit/deploy": "sdk/kit/node/deploy",
  "economy-kit/agents": "sdk/kit/agents",
  "economy-kit/preset": "sdk/kit/preset",
};

/**
 * The economy a repository path belongs to, or undefined for shared code. `contracts/quiver/**`,
 * `contracts/mocks/quiver/**`, `deploy/quiver/**`, `deploy/modules/Quiver*.ts`, `sdk/quiver/**` and
 * `test/quiver/**` are QUIVer's (likewise for every economy).
 */
export function economyOf(path: string): Economy | undefined {
  const parts = path.split("/");
  const [root, second, third] = parts;
  for (const economy of ECONOMIES) {
    if (["contracts", "deploy", "sdk", "test"].includes(root) && second === economy) return economy;
    if (root === "contracts" && second === "mocks" && third === economy) return economy;
    // deploy/modules/Quiver.ts and its variants (QuiverLive.ts): module files named after the economy.
    if (
      root === "deploy" &&
      second === "modules" &&
      parts.length === 3 &&
      stripExtension(third).startsWith(capital(economy))
    )
      return economy;
  }
  return undefined;
}

/**
 * Files allowed to import any economy: the preset list (`sdk/presets.ts`), the scripts (demo, devnet,
 * bench) and the SDK/CLI tests, which exercise every preset end to end.
 */
export function mayImportEveryEconomy(path: string): boolean {
  return path === "sdk/presets.ts" || path.startsWith("scripts/") || path.startsWith("test/sdk/");
}

/** Import specifiers of one file, in order of appearance. */
export function importSpecifiers(file: SourceFile): string[] {
  const text = stripComments(file.source);
  const patterns = file.path.endsWith(".sol")
    ? [/^\s*import\s+(?:[^;"']*?\bfrom\s+)?["']([^"']+)["']/gm]
    : [
        /^\s*(?:import|export)\s[^;"']*?\bfrom\s+["']([^"']+)["']/gm,
        /^\s*import\s+["']([^"']+)["']/gm,
        /\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/g,
      ];
  const found: { at: number; spec: string }[] = [];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push({ at: m.index ?? 0, spec: m[1] });
  return found.sort((a, b) => a.at - b.at).map((f) => f.spec);
}

/**
 * The repository path an import resolves to, or undefined when it leaves the repository's own trees (a
 * package such as `@openzeppelin/contracts/...`). Typechain bindings map to the contract folder.
 */
export function resolveImport(fromPath: string, spec: string): string | undefined {
  let target: string | undefined;
  if (spec.startsWith(".")) target = posix.normalize(posix.join(posix.dirname(fromPath), spec));
  else {
    const pkg = Object.keys(PACKAGE_SUBPATHS).find((p) => spec === p || spec.startsWith(p + "/"));
    if (pkg) target = PACKAGE_SUBPATHS[pkg] + spec.slice(pkg.length);
  }
  if (target === undefined || target.startsWith("..")) return undefined;
  const typechain = /^typechain-types\/(?:factories\/)?(contracts\/.*)$/.exec(target);
  return typechain ? typechain[1] : target;
}

/**
 * The root typechain barrel (`typechain-types/index.ts`) as `binding name -> contract folder path`: its lines
 * `export type { QuivToken } from "./contracts/quiver/QuivToken"` and the factories' `export { X__factory } ...`.
 */
export function barrelIndex(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(
    /^export\s+(?:type\s+)?\{\s*([\w$]+)\s*\}\s+from\s+["']\.\/(?:factories\/)?(contracts\/[^"']+)["']/gm,
  ))
    out.set(m[1], m[2]);
  return out;
}

/** Is `spec` (imported by `fromPath`) the root typechain barrel? */
function isRootBarrel(fromPath: string, spec: string): boolean {
  if (!spec.startsWith(".")) return false;
  const t = posix.normalize(posix.join(posix.dirname(fromPath), spec));
  return t === "typechain-types" || t === "typechain-types/index";
}

/**
 * The bindings a file takes from the root typechain barrel: named imports (`import type { QuivToken } from
 * "../../typechain-types"`), and for a namespace import (`import type * as TC from ...`) every `TC.Name` used.
 */
export function barrelBindings(file: SourceFile): string[] {
  if (file.path.endsWith(".sol")) return [];
  const text = stripComments(file.source);
  const names: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s+(?:type\s+)?\{([^}]*)\}\s*from\s+["']([^"']+)["']/gm)) {
    if (!isRootBarrel(file.path, m[2])) continue;
    for (const part of m[1].split(",")) {
      const name = part
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)[0]
        .trim();
      if (name) names.push(name);
    }
  }
  for (const m of text.matchAll(/^\s*import\s+(?:type\s+)?\*\s+as\s+([\w$]+)\s+from\s+["']([^"']+)["']/gm)) {
    if (!isRootBarrel(file.path, m[2])) continue;
    for (const u of text.matchAll(new RegExp(`\\b${m[1]}\\.([\\w$]+)`, "g"))) names.push(u[1]);
  }
  return names;
}

/**
 * Every wrong-way import among `files`. With `barrel` ({@link barrelIndex}), a binding taken from the root
 * typechain barrel counts as an import of its contract's folder.
 */
export function findViolations(files: readonly SourceFile[], barrel?: ReadonlyMap<string, string>): LayoutViolation[] {
  const out: LayoutViolation[] = [];
  for (const file of files) {
    if (mayImportEveryEconomy(file.path)) continue;
    const own = economyOf(file.path);
    const fromBarrel = barrel ? barrelBindings(file).flatMap((n) => (barrel.has(n) ? [barrel.get(n)!] : [])) : [];
    const targets = [...importSpecifiers(file).map((spec) => resolveImport(file.path, spec)), ...fromBarrel];
    for (const imported of targets) {
      if (imported === undefined) continue;
      const theirs = economyOf(imported);
      if (theirs === undefined || theirs === own) continue;
      const reason =
        own === undefined
          ? `shared code imports the ${theirs} economy`
          : `the ${own} economy imports the ${theirs} economy`;
      out.push({ file: file.path, imported, reason });
    }
  }
  return out;
}

/** `file -> imported`, the form of the known-violation list. */
export function edge(v: LayoutViolation): string {
  return `${v.file} -> ${v.imported}`;
}

/** The root typechain barrel of `repoRoot` as {@link barrelIndex} (empty before a compile). */
export function readBarrel(repoRoot: string): Map<string, string> {
  const file = join(repoRoot, "typechain-types", "index.ts");
  return existsSync(file) ? barrelIndex(readFileSync(file, "utf8")) : new Map();
}

/** Reads every .sol/.ts/.js file under the scanned roots of `repoRoot` (node_modules and generated trees skipped). */
export function scanRepository(repoRoot: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(repoRoot, rel))) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      const child = rel + "/" + name;
      if (statSync(join(repoRoot, child)).isDirectory()) walk(child);
      else if (/\.(sol|ts|js|mjs|cjs)$/.test(name))
        files.push({ path: child, source: readFileSync(join(repoRoot, child), "utf8") });
    }
  };
  for (const root of SCANNED_ROOTS) if (existsSync(join(repoRoot, root))) walk(root);
  return files;
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

function stripExtension(name: string): string {
  return name.replace(/\.[^.]+$/, "");
}

function capital(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}
