#!/usr/bin/env node
// Entry point of the `kit` CLI: registers ts-node in transpile-only mode (no type check at startup; `npm run
// lint:ts` type-checks) and runs the TypeScript CLI.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
if (!fs.existsSync(path.join(__dirname, "..", "..", "typechain-types", "index.ts"))) {
  process.stderr.write("error: contract types are missing: run `npx hardhat compile` first\n");
  process.exit(1);
}
require("ts-node").register({
  transpileOnly: true,
  project: path.join(__dirname, "..", "..", "tsconfig.json"),
  compilerOptions: { module: "commonjs" },
});
require("./main.ts")
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
