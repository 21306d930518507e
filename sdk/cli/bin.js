#!/usr/bin/env node
// Entry point of the `kit` CLI: registers ts-node in transpile-only mode (no type check at startup; `npm run
// lint:ts` type-checks) and runs the TypeScript CLI.
"use strict";
require("ts-node").register({
  transpileOnly: true,
  project: require("node:path").join(__dirname, "..", "..", "tsconfig.json"),
  compilerOptions: { module: "commonjs" },
});
require("./main.ts")
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
