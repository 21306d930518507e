/**
 * `npm run devnet`: a local chain for the CLI and agents. Starts `hardhat node` on 127.0.0.1:8545 (PORT to
 * change it), deploys the QUIVer preset through its Ignition module with deploy/parameters/quiver.localhost.json
 * (or only the Foundation with deploy/parameters/localhost.json when PRESET=foundation; the journal goes to
 * deploy/deployments/chain-31337, so `kit --network localhost …` finds the addresses), prints them and keeps
 * running until Ctrl-C.
 */
import path from "node:path";
import { deployPreset, readDeploymentParameters } from "../sdk/kit/node/deploy";
import { startLocalNode } from "../sdk/kit/node/localNode";

/** Hardhat's well-known development key of account #1 (public, printed by every `hardhat node`). */
const TEST_KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
/** Account #2's public development key (150M QUIV of genesis in the QUIVer preset). */
const TEST_KEY_2 = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

/** The preset to deploy (`PRESET`, default quiver) and its parameters file. */
const PRESETS = {
  quiver: "quiver.localhost.json",
  foundation: "localhost.json",
} as const;

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8545);
  const preset = (process.env.PRESET || "quiver") as keyof typeof PRESETS;
  if (!(preset in PRESETS)) {
    console.error(`unknown PRESET "${preset}" (known: ${Object.keys(PRESETS).join(", ")})`);
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
    const parameters = readDeploymentParameters(path.join(__dirname, "..", "deploy", "parameters", PRESETS[preset]));
    // A fresh node has a fresh chain: drop the previous run's journal (reset) and deploy from account #0.
    const book = await deployPreset({
      rpcUrl: node.url,
      preset,
      parameters,
      reset: true,
      onStep: (id) => console.log(`  deployed ${id}`),
    });
    const rpc = port === 8545 ? "" : `--rpc-url ${node.url} `;
    console.log(`\n${preset === "quiver" ? "QUIVer preset" : "Foundation"} on ${node.url} (chain ${book.chainId}):`);
    for (const [id, address] of Object.entries(book.contracts)) console.log(`  ${id.padEnd(32)} ${address}`);
    if (preset === "quiver") {
      console.log(`
Genesis: 150M QUIV moved into the Treasury contract, 150M to account #2, 100M to account #3 (Hardhat's well-known
test accounts); every admin role is held by the timelock. Account #2's key is Hardhat's public test key
${TEST_KEY_2} (public: never use it on a real network). Try:
  npm run cli -- ${rpc}status
  KIT_PRIVATE_KEY=${TEST_KEY_2} npm run cli -- ${rpc}stake register 1000
  KIT_PRIVATE_KEY=${TEST_KEY_2} npm run cli -- ${rpc}stake stake 10000
  KIT_PRIVATE_KEY=${TEST_KEY_2} npm run cli -- ${rpc}emission trigger
  npm run cli -- ${rpc}gov info
`);
    } else {
      console.log(`
Genesis: 150M QUIV to account #1, 150M to #2, 100M to #3 (hardhat's well-known test accounts).
Account #1's key is Hardhat's public test key ${TEST_KEY_1}
(public: never use it on a real network). Try:
  npm run cli -- ${rpc}status --account 0x70997970C51812dc3A010C7d01b50e0d17dc79C8
  KIT_PRIVATE_KEY=${TEST_KEY_1} npm run cli -- ${rpc}token delegate
`);
    }
    console.log(`Ctrl-C stops the node.`);
  } catch (e) {
    console.error(e);
    await node.stop();
    process.exit(1);
  }
}

void main();
