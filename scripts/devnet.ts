/**
 * `npm run devnet`: a local chain for the CLI and agents. Starts `hardhat node` on 127.0.0.1:8545 (PORT to
 * change it), deploys the Foundation through its Ignition module with deploy/parameters/localhost.json (the
 * journal goes to deploy/deployments/chain-31337, so `kit --network localhost …` finds the addresses), prints
 * them and keeps running until Ctrl-C.
 */
import path from "node:path";
import { deployPreset, readDeploymentParameters } from "../sdk/chain/deploy";
import { startLocalNode } from "../sdk/chain/localNode";

/** Hardhat's well-known development key of account #1 (public, printed by every `hardhat node`). */
const TEST_KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8545);
  console.log(`starting hardhat node on 127.0.0.1:${port} (compiles first) …`);
  const node = await startLocalNode({ kind: "hardhat", port, timeoutMs: 180_000 });
  const stop = async () => {
    await node.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  try {
    const parameters = readDeploymentParameters(path.join(__dirname, "..", "deploy", "parameters", "localhost.json"));
    // A fresh node has a fresh chain: drop the previous run's journal (reset) and deploy from account #0.
    const book = await deployPreset({
      rpcUrl: node.url,
      parameters,
      reset: true,
      onStep: (id) => console.log(`  deployed ${id}`),
    });
    const rpc = port === 8545 ? "" : `--rpc-url ${node.url} `;
    console.log(`\nFoundation on ${node.url} (chain ${book.chainId}):`);
    for (const [id, address] of Object.entries(book.contracts)) console.log(`  ${id.padEnd(32)} ${address}`);
    console.log(`
Genesis: 150M QUIV to account #1, 150M to #2, 100M to #3 (hardhat's well-known test accounts).
Account #1's key is Hardhat's public test key ${TEST_KEY_1}
(public: never use it on a real network). Try:
  npm run cli -- ${rpc}status --account 0x70997970C51812dc3A010C7d01b50e0d17dc79C8
  KIT_PRIVATE_KEY=${TEST_KEY_1} npm run cli -- ${rpc}token delegate
Ctrl-C stops the node.`);
  } catch (e) {
    console.error(e);
    await node.stop();
    process.exit(1);
  }
}

void main();
