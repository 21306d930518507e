import { extendEnvironment, subtask, vars } from "hardhat/config";
import {
  TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD,
  TASK_TEST_SETUP_TEST_ENVIRONMENT,
} from "hardhat/builtin-tasks/task-names";
import type { HardhatUserConfig } from "hardhat/config";
import "@nomicfoundation/hardhat-toolbox";
import os from "node:os";
import { HardhatArtifactResolver } from "@nomicfoundation/hardhat-ignition/helpers";
import { installSnapshotClock } from "./test/helpers/snapshotClock";

/** The one compiler version of the kit, pinned exactly in package.json (`solc`). */
const SOLC_VERSION = "0.8.30";

// Offline compilation: Hardhat 2 downloads native solc from the internet, which this project's
// machines cannot reach. Serve the solcjs build from node_modules instead (same bytecode, slower).
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args: { solcVersion: string }, _hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) return runSuper(args);
  const compilerPath = require.resolve("solc/soljson.js");
  return {
    compilerPath,
    isSolcJs: true,
    version: args.solcVersion,
    longVersion: `${args.solcVersion}+commit.73712a01`,
  };
});

// Tests: the first block after a restored snapshot (loadFixture) is `latest + 1`, not the wall clock, so margins
// like `now + 100` hold on a loaded machine (test/helpers/snapshotClock.ts; inert outside a mocha run).
extendEnvironment((hre) => {
  if (hre.network.name === "hardhat") installSnapshotClock(hre.network.provider);
});
// In-process Ignition deployments (test fixtures, `npm run demo`) keep their journal in memory and never use a
// contract's build info (it serves verification), yet Ignition's artifact resolver reads and parses the whole
// build-info file (up to 42 MB here) for every contract it deploys: the QUIVer preset spent most of its ~20 s per
// fixture in JSON.parse. On the in-process network the resolver answers "no build info" (what Ignition does anyway
// for a contract without one); JSON-RPC deployments (`kit deploy`, devnet, a public network) keep it.
extendEnvironment((hre) => {
  if (hre.network.name !== "hardhat") return;
  const proto = HardhatArtifactResolver.prototype as { getBuildInfo: (name: string) => Promise<unknown> };
  proto.getBuildInfo = async () => undefined;
});
// solidity-coverage swaps in its own provider before it runs the tests: wrap that one too (idempotent).
subtask(TASK_TEST_SETUP_TEST_ENVIRONMENT, async (_args, hre, runSuper) => {
  if (hre.network.name === "hardhat") installSnapshotClock(hre.network.provider);
  return runSuper();
});

// Public networks read their RPC URL and key from `npx hardhat vars set ...`, never from files.
const sepoliaUrl = vars.get("SEPOLIA_RPC_URL", "");
const deployerKey = vars.get("DEPLOYER_PRIVATE_KEY", "");

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "prague",
    },
  },
  // `npx hardhat ignition deploy` polls for receipts every second; KIT_IGNITION_POLLING_MS shortens it against a
  // local automining node (the test that deploys through the sepolia network entry onto anvil sets it).
  ignition: process.env.KIT_IGNITION_POLLING_MS
    ? { blockPollingInterval: Number(process.env.KIT_IGNITION_POLLING_MS) }
    : {},
  paths: {
    sources: "./contracts",
    tests: "./test",
    cache: "./cache",
    artifacts: "./artifacts",
    ignition: "./deploy",
  },
  networks: {
    hardhat: {
      // A mainnet-like block gas limit, so gas-growth tests mean something (SECURITY-CHECKLIST X-DOS-01).
      blockGasLimit: 36_000_000,
    },
    localhost: { url: "http://127.0.0.1:8545" },
    ...(sepoliaUrl
      ? { sepolia: { url: sepoliaUrl, accounts: deployerKey ? [deployerKey] : [], chainId: 11155111 } }
      : {}),
  },
  typechain: { outDir: "typechain-types", target: "ethers-v6" },
  gasReporter: { enabled: process.env.REPORT_GAS === "true", offline: true },
  // `npm test` runs the files in parallel (`hardhat test --parallel`), one worker per CPU (at least two) unless
  // MOCHA_JOBS says otherwise; each worker has its own in-process chain. MOCHA_REPORTER=json gives per-test durations.
  mocha: {
    // A floor of calls (FC_MIN_CALLS, FC_PROFILE=nightly: scripts/fc-nightly.js) makes a campaign run for minutes.
    timeout: process.env.FC_PROFILE === "nightly" || process.env.FC_MIN_CALLS ? 0 : 120_000,
    jobs: Number(process.env.MOCHA_JOBS ?? Math.max(2, os.cpus().length)),
    ...(process.env.MOCHA_REPORTER ? { reporter: process.env.MOCHA_REPORTER } : {}),
  },
  etherscan: { apiKey: vars.get("ETHERSCAN_API_KEY", "") },
};

export default config;
