"use strict";
/**
 * Which test files run against a contract's mutants, so that a mutant does not rerun everything.
 *
 * A test file covers a contract when the file, or a local module it imports (fixtures, helpers, invariant specs;
 * one level of relative imports, test/helpers and test/behaviors not followed), names the contract as a word: a factory, a typechain type, an Ignition id. A
 * library or an abstract base is also covered by the files that name a contract importing it directly (the token
 * tests exercise DemurrageMath without naming it). SDK and CLI suites (test/sdk, test/<economy>/sdk) start
 * processes and separate chains and are left out; `OVERRIDES` adds or replaces files by contract name where the
 * heuristic is wrong.
 */
const fs = require("node:fs");
const path = require("node:path");
const { walk } = require("./operators");

/** Imported test modules that are not followed: shared by every suite, they name most contracts. */
const SHARED = [`${path.sep}test${path.sep}helpers${path.sep}`, `${path.sep}test${path.sep}behaviors${path.sep}`];

/** Contract name -> test files to use instead of the heuristic's. */
const OVERRIDES = {};

function listTests(root) {
  const out = [];
  const go = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "sdk") go(p);
      } else if (e.name.endsWith(".test.ts")) out.push(p);
    }
  };
  go(path.join(root, "test"));
  return out.sort();
}

/** The text of a test file plus the local modules it imports (one level). */
const textCache = new Map();
function textOf(file) {
  if (textCache.has(file)) return textCache.get(file);
  let text = fs.readFileSync(file, "utf8");
  for (const m of text.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)) {
    const base = path.resolve(path.dirname(file), m[1]);
    // Only the suite's own modules: kit-wide helpers, the SDK and typechain-types name every contract.
    if (!base.includes(`${path.sep}test${path.sep}`) || SHARED.some((d) => base.includes(d))) continue;
    for (const cand of [`${base}.ts`, path.join(base, "index.ts")]) {
      if (fs.existsSync(cand)) {
        text += "\n" + fs.readFileSync(cand, "utf8");
        break;
      }
    }
  }
  textCache.set(file, text);
  return text;
}

/** Is the source unit a library or an abstract contract (used through others, seldom named by tests)? */
function isIndirect(ast) {
  let indirect = false;
  walk(ast, (n) => {
    if (n.nodeType === "ContractDefinition" && (n.contractKind === "library" || n.abstract)) indirect = true;
  });
  return indirect;
}

/** Non-mock sources that import `file` directly. */
function importers(file, asts) {
  const out = [];
  for (const [name, ast] of asts) {
    if (!name.startsWith("contracts/") || name.startsWith("contracts/mocks/")) continue;
    let hit = false;
    walk(ast, (n) => {
      if (n.nodeType === "ImportDirective" && n.absolutePath === file) hit = true;
    });
    if (hit) out.push(name);
  }
  return out;
}

/**
 * The test files (relative to `root`) that cover the contract in `file`.
 * @param {string} root the project root
 * @param {string} file the contract source, e.g. "contracts/fees/FeeSplit.sol"
 * @param {Map<string, object>} asts every source's AST
 */
function testsFor(root, file, asts) {
  const name = path.basename(file, ".sol");
  if (OVERRIDES[name]) return OVERRIDES[name];
  const names = [name];
  if (isIndirect(asts.get(file))) names.push(...importers(file, asts).map((f) => path.basename(f, ".sol")));
  const words = names.map((n) => new RegExp(`\\b${n}\\b`));
  return listTests(root)
    .filter((t) => words.some((w) => w.test(textOf(t))))
    .map((t) => path.relative(root, t));
}

module.exports = { testsFor, OVERRIDES };
