/**
 * The QUIVer preset descriptor: its Ignition ids, parameters files, contracts, `kit status` lines, CLI groups and
 * demo steps. Registered by sdk/presets.ts.
 */
import type { Command } from "commander";
import type { IgnitionModule } from "@nomicfoundation/ignition-core";
import type { ContractRunner, Provider } from "ethers";
import { formatAmount } from "../kit/core";
import type { AddressBook } from "../kit/chain";
import { CONTRACT_IDS } from "./chain/ids";

export { CONTRACT_IDS, QUIVER_IDS } from "./chain/ids";
import { toKitError } from "../kit/chain";
import { connectQuiver } from "./chain/contracts";
import { QUIVER_PARAMETERS } from "./core/parameters";
import type { Preset, PresetStatus } from "../kit/preset";
import { readMetrics } from "./chain/market";
import type { CliContext } from "../cli/context";
import { registerJob } from "./cli/job";
import { registerChannel } from "./cli/channel";
import { registerDispute } from "./cli/dispute";
import { registerPrice } from "./cli/price";
import { registerAgent } from "./cli/agent";
import { registerStake } from "./cli/stake";
import { registerEmission } from "./cli/emission";

async function quiverStatus(book: AddressBook, provider: Provider): Promise<PresetStatus> {
  const q = connectQuiver(book, provider);
  const m = await readMetrics(q.metrics);
  let emission: { currentEpoch: bigint; nextEpochAt: bigint; previewEmission: bigint };
  try {
    const [currentEpoch, nextEpochAt, previewEmission] = await Promise.all([
      q.emission.currentEpoch(),
      q.emission.nextEpochAt(),
      q.emission.previewEmission(),
    ]);
    emission = { currentEpoch, nextEpochAt, previewEmission };
  } catch (e) {
    throw toKitError(e, "EmissionController");
  }
  return {
    data: { ...m, emission },
    lines: [
      `TVL       ${formatAmount(m.totalValueLocked)} QUIV (staking ratio ${m.stakingRatioBps} bps)`,
      `circul.   ${formatAmount(m.circulatingSupply)} QUIV, burned ${formatAmount(m.burned)} QUIV`,
      `market    ${m.openJobs} open jobs, ${m.activeValidators} active validators, ${m.governanceProposals} proposals`,
      `emission  epoch ${emission.currentEpoch}, ${emission.previewEmission > 0n ? `${formatAmount(emission.previewEmission)} QUIV triggerable now` : `next at ${emission.nextEpochAt}`}`,
    ],
  };
}

/** Account #2's public development key (150M QUIV of genesis in the QUIVer preset's localhost parameters). */
const TEST_KEY_2 = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

/** The QUIVer inference economy. */
export const QUIVER_PRESET: Preset = {
  name: "quiver",
  description: "QUIVer: inference market, provider staking, emission, channels, disputes",
  symbol: "QUIV",
  token: "quiv",
  ids: CONTRACT_IDS,
  catalogue: QUIVER_PARAMETERS,
  // Locally a MockAggregatorV3 growth feed; on any other chain the feed address comes from the parameters.
  loadModule: async (target) =>
    (target === "live"
      ? (await import("../../deploy/modules/QuiverLive")).default
      : (await import("../../deploy/modules/Quiver")).default) as unknown as IgnitionModule,
  parameters: {
    localhost: "deploy/parameters/quiver.localhost.json",
    sepolia: "deploy/parameters/quiver.sepolia.json",
  },
  connect: (book: AddressBook, runner: ContractRunner) => connectQuiver(book, runner),
  status: quiverStatus,
  commands: (program: Command, ctx: () => CliContext) => {
    registerJob(program, ctx);
    registerChannel(program, ctx);
    registerDispute(program, ctx);
    registerPrice(program, ctx);
    registerAgent(program, ctx);
    registerStake(program, ctx);
    registerEmission(program, ctx);
  },
  // The demo's steps load on first use: the CLI, which never runs them, does not pay for their modules.
  get demoSteps() {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("./demo") as typeof import("./demo")).QUIVER_DEMO_STEPS;
  },
  devnetHints: (rpc: string) => [
    "Genesis: 150M QUIV moved into the Treasury contract, 150M to account #2, 100M to account #3 (Hardhat's well-known",
    "test accounts); every admin role is held by the timelock. Account #2's key is Hardhat's public test key",
    `${TEST_KEY_2} (public: never use it on a real network). Try:`,
    `  npm run cli -- ${rpc}status`,
    `  KIT_PRIVATE_KEY=${TEST_KEY_2} npm run cli -- ${rpc}stake register 1000`,
    `  KIT_PRIVATE_KEY=${TEST_KEY_2} npm run cli -- ${rpc}stake stake 10000`,
    `  KIT_PRIVATE_KEY=${TEST_KEY_2} npm run cli -- ${rpc}emission trigger`,
    `  npm run cli -- ${rpc}gov info`,
  ],
};
