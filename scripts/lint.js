#!/usr/bin/env node
/**
 * `npm run lint`: solhint, prettier --check and the type check (`tsc --noEmit`, which needs the typechain bindings
 * of a compile), exiting non-zero if any of them fails.
 *
 * Why not one after the other: Hardhat compiles with solcjs in one thread, so on a two-core machine the second
 * core idles through the compile (about two minutes on a fresh clone). solhint and prettier read only sources, so
 * they run beside the compile; `tsc` waits for it. Each tool's output is printed when it ends, under its name, so
 * the lines of two tools never interleave.
 */
"use strict";
const { spawn } = require("node:child_process");

/** Runs one npm script (or, given `args`, one command) with its output captured; resolves with its exit code. */
function run(script, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    const [cmd, argv] = args ? [args[0], args.slice(1)] : ["npm", ["run", "-s", script]];
    const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stdout.write(`-- ${script}: ${code === 0 ? "ok" : `failed (exit ${code})`} in ${seconds} s\n${out}`);
      resolve(code ?? 1);
    });
  });
}

async function main() {
  const sources = (async () => [await run("lint:sol"), await run("lint:format")])();
  const types = (async () => {
    const compiled = await run("compile", ["npx", "hardhat", "compile", "--quiet"]);
    return compiled === 0 ? [compiled, await run("tsc --noEmit", ["npx", "tsc", "--noEmit"])] : [compiled];
  })();
  const codes = [...(await sources), ...(await types)];
  process.exitCode = codes.some((c) => c !== 0) ? 1 : 0;
}

main();
