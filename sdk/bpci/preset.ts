/**
 * The BPCI preset descriptor: its Ignition ids, parameters files, contracts, `kit status` lines, CLI groups, demo
 * steps and devnet hints. Registered by sdk/presets.ts.
 */
import type { Command } from "commander";
import type { IgnitionModule } from "@nomicfoundation/ignition-core";
import type { ContractRunner, Provider } from "ethers";
import type { AddressBook } from "../kit/chain";
import type { Preset, PresetStatus } from "../kit/preset";
import type { CliContext } from "../cli/context";
import { BPCI_CONTRACT_IDS } from "./chain/ids";
import { connectBpci } from "./chain/contracts";
import { readBpciStatus } from "./chain/readers";
import { BPCI_PARAMETERS } from "./core/parameters";
import { bpciStatusLines, registerBpci } from "./cli/bpci";
import { registerBpciSeedCommands } from "./cli/seed";
import { BPCI_DEMO_STEPS } from "./demo";

export { BPCI_CONTRACT_IDS, BPCI_IDS } from "./chain/ids";

async function bpciStatus(book: AddressBook, provider: Provider): Promise<PresetStatus> {
  const s = await readBpciStatus(connectBpci(book, provider));
  return { data: s as unknown as Record<string, unknown>, lines: bpciStatusLines(s) };
}

/** Account #2's public development key (10,000 GEN and 5,000,000 FLX in the BPCI preset's localhost parameters). */
const TEST_KEY_2 = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
/** Account #1's public development key: the AUR issuer and owner-salary recipient of the localhost parameters. */
const TEST_KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

/** The BPCI four-token economy. */
export const BPCI_PRESET: Preset = {
  name: "bpci",
  description: "BPCI: GEN/NEX/FLX/AUR, proof-of-economic-activity mining, tier-weighted governance",
  // The shared `kit token` / `kit status` commands read a CappedVotesToken's counters (cap, minted, burned): NEX is
  // one (the kit's base); GEN has a constant supply and no such counters, so they use NEX. `kit bpci status` shows all four.
  symbol: "NEX",
  token: "nex",
  ids: BPCI_CONTRACT_IDS,
  catalogue: BPCI_PARAMETERS,
  // Locally five MockAggregatorV3 feeds; on any other chain the feed addresses come from the parameters.
  loadModule: async (target) =>
    (target === "live"
      ? (await import("../../deploy/modules/BpciLive")).default
      : (await import("../../deploy/modules/Bpci")).default) as unknown as IgnitionModule,
  parameters: {
    localhost: "deploy/parameters/bpci.localhost.json",
    sepolia: "deploy/parameters/bpci.sepolia.json",
  },
  connect: (book: AddressBook, runner: ContractRunner) => connectBpci(book, runner),
  status: bpciStatus,
  commands: (program: Command, ctx: () => CliContext) => {
    registerBpci(program, ctx);
    registerBpciSeedCommands(program, ctx);
  },
  demoSteps: BPCI_DEMO_STEPS,
  devnetHints: (rpc: string) => [
    "Genesis: 80,000 GEN in the Treasury, 10,000 GEN and 5,000,000 FLX each to accounts #2 and #3; account #1 issues",
    "AUR and receives the owner salary; every admin role is held by the timelock; bpci.poe.minStake is 0 (NEX",
    `bootstrap). Hardhat's public test keys (never on a real network): #2 ${TEST_KEY_2}, #1 ${TEST_KEY_1}. Try:`,
    `  npm run cli -- ${rpc}bpci status`,
    `  KIT_PRIVATE_KEY=${TEST_KEY_2} npm run cli -- ${rpc}bpci miner register`,
    `  KIT_PRIVATE_KEY=${TEST_KEY_1} npm run cli -- ${rpc}bpci aur mint 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC 100`,
    `  KIT_PRIVATE_KEY=${TEST_KEY_2} npm run cli -- ${rpc}agent bpci-miner --ticks 3`,
  ],
};
