/**
 * `npm run devnet`: a local chain for the CLI and agents. Starts `hardhat node` on 127.0.0.1:8545 (PORT to
 * change it), deploys every preset of sdk/presets.ts (or only `PRESET`) through its Ignition module with the
 * preset's localhost parameters file (each economy's journal goes to deploy/deployments/<economy>-chain-31337, so
 * `kit --network localhost …` finds the addresses; shared commands take `--economy <name>` once several are
 * deployed), prints them and each preset's `devnetHints`, and keeps running until Ctrl-C.
 */
import path from "node:path";
import { deployPreset, readDeploymentParameters, REPO_ROOT } from "../sdk/kit/node/deploy";
import { findPreset, listPresets } from "../sdk/presets";
import { startLocalNode } from "../sdk/kit/node/localNode";

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8545);
  let presets;
  try {
    presets = process.env.PRESET ? [findPreset(process.env.PRESET)] : listPresets();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  console.log(`starting hardhat node on 127.0.0.1:${port} (compiles first) …`);
  const node = await startLocalNode({ kind: "hardhat", port, timeoutMs: 180_000 });
  const stop = async () => {
    await node.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    const rpc = port === 8545 ? "" : `--rpc-url ${node.url} `;
    // A fresh node has a fresh chain: drop each economy's journal of the previous run.
    for (const preset of presets) {
      const file = preset.parameters.localhost;
      const parameters = file ? readDeploymentParameters(path.join(REPO_ROOT, file)) : {};
      const book = await deployPreset({
        rpcUrl: node.url,
        preset,
        parameters,
        reset: true,
        onStep: (id) => console.log(`  deployed ${id}`),
      });
      console.log(`\n${preset.name} preset (${preset.description}) on ${node.url} (chain ${book.chainId}):`);
      for (const [id, address] of Object.entries(book.contracts)) console.log(`  ${id.padEnd(32)} ${address}`);
      const hints = preset.devnetHints?.(rpc) ?? [];
      console.log(hints.length > 0 ? `\n${hints.join("\n")}\n` : "");
    }
    console.log(`Ctrl-C stops the node.`);
  } catch (e) {
    console.error(e);
    await node.stop();
    process.exit(1);
  }
}

void main();
