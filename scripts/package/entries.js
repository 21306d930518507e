// The package's entry points: sub-path -> module path without extension, relative to the repository (the sources)
// and to dist/ (the compiled CommonJS and its declarations). package.json "exports" is checked against this list by
// test/sdk/package.process.test.ts; scripts/package/esm.js writes one ES module per entry from it.
"use strict";

/** @type {Readonly<Record<string, string>>} */
const ENTRIES = Object.freeze({
  core: "sdk/kit/core/index",
  chain: "sdk/kit/chain/index",
  tx: "sdk/kit/tx/index",
  deploy: "sdk/kit/node/deploy",
  agents: "sdk/kit/agents/index",
  preset: "sdk/kit/preset",
  presets: "sdk/presets",
  cli: "sdk/cli/main",
  quiver: "sdk/quiver/index",
  caesar: "sdk/caesar/index",
  bpci: "sdk/bpci/index",
  // Each economy's layers alone: its core (pure math and catalogue, no typechain, no provider), chain, tx, agents.
  ...Object.fromEntries(
    ["quiver", "caesar", "bpci"].flatMap((economy) =>
      ["core", "chain", "tx", "agents"].map((layer) => [`${economy}/${layer}`, `sdk/${economy}/${layer}/index`]),
    ),
  ),
});

/** The custom condition that resolves an entry to its TypeScript source (in-repo tools, `node --conditions`). */
const SOURCE_CONDITION = "economy-kit-source";

/** The "exports" map package.json must hold for ENTRIES. */
function exportsMap() {
  const map = {};
  for (const [name, mod] of Object.entries(ENTRIES)) {
    map[`./${name}`] = {
      [SOURCE_CONDITION]: `./${mod}.ts`,
      types: `./dist/${mod}.d.ts`,
      import: `./dist/esm/${name}.mjs`,
      require: `./dist/${mod}.js`,
    };
  }
  map["./package.json"] = "./package.json";
  return map;
}

module.exports = { ENTRIES, SOURCE_CONDITION, exportsMap };
