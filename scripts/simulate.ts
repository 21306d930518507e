/**
 * `npm run simulate -- --preset quiver|caesar|bpci|all --days 180 --agents 100 --seed 1 [--scenario NAME]
 * [--rpc-url http://127.0.0.1:8545 [--batch]] [--out reports/sim] [--json] [--no-progress]`
 *
 * A plain TypeScript entry (ts-node), not `hardhat run`, so the options pass straight through: it parses them,
 * picks the Hardhat network (the in-process chain, or `localhost` for --rpc-url http://127.0.0.1:8545 — a hardhat
 * node or anvil), then loads the Hardhat runtime and runs scripts/simulate/run.ts. See README "Simulation".
 */
import { parseSimArgs, SimArgumentError } from "./simulate/args";

async function main(): Promise<void> {
  let o;
  try {
    o = parseSimArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof SimArgumentError) {
      console.error(`simulate: ${e.message}`);
      process.exitCode = 2;
      return;
    }
    throw e;
  }
  if (o.rpcUrl) {
    const u = new URL(o.rpcUrl);
    if (!["127.0.0.1", "localhost"].includes(u.hostname) || (u.port || "80") !== "8545") {
      console.error(
        "simulate: --rpc-url supports the `localhost` network of hardhat.config.ts (http://127.0.0.1:8545) only",
      );
      process.exitCode = 2;
      return;
    }
    process.env.HARDHAT_NETWORK = "localhost";
  }
  const hre = (await import("hardhat")).default;
  const { simulate } = await import("./simulate/run");
  const summary = await simulate(hre, o);
  if (o.json) {
    console.log(JSON.stringify(summary, null, 2));
  } else {
    for (const p of summary.presets) {
      console.log(
        `${p.preset} (${p.scenario}): ${p.days} days, ${p.txs} txs, ${p.wallSeconds} s, ${p.txPerSecond} tx/s, ${p.daysPerSecond} days/s`,
      );
      for (const c of p.checks)
        console.log(
          `  ${c.pass ? "pass" : "FAIL"}  ${c.name}${c.pass ? "" : ` (first failure day ${c.firstFailureDay})`}`,
        );
    }
    console.log(
      `total: ${summary.txs} txs in ${summary.wallSeconds} s (${summary.txPerSecond} tx/s, ${summary.daysPerSecond} simulated days/s); report ${o.out}/report.html`,
    );
  }
  if (!summary.allChecksPass) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
