/**
 * The CAESAR preset descriptor: its Ignition ids, parameters files, contracts, `kit status` lines, CLI group, agent
 * and demo steps. Registered by sdk/presets.ts.
 */
import type { Command } from "commander";
import type { IgnitionModule } from "@nomicfoundation/ignition-core";
import type { ContractRunner, Provider } from "ethers";
import type { AddressBook } from "../kit/chain";
import type { Preset } from "../kit/preset";
import type { CliContext } from "../cli/context";
import { CAESAR_CONTRACT_IDS } from "./chain/ids";
import { connectCaesar } from "./chain/contracts";
import { CAESAR_PARAMETERS } from "./core/parameters";
import { caesarStatus } from "./chain/readers";
import { registerCaesar } from "./cli/caesar";
import { registerCaesarAgent } from "./cli/agent";
import { CAESAR_DEMO_STEPS } from "./demo";

export { CAESAR_IDS, CAESAR_CONTRACT_IDS } from "./chain/ids";
export { caesarStatus } from "./chain/readers";

/** Account #2's public development key (10M CAESAR of genesis in the CAESAR preset's localhost parameters). */
export const CAESAR_TEST_KEY_2 = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
/** Account #3's public development key (5M CAESAR of genesis). */
export const CAESAR_TEST_KEY_3 = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";

/** The CAESAR demurrage currency and its processing agents. */
export const CAESAR_PRESET: Preset = {
  name: "caesar",
  description: "CAESAR: demurrage currency, dynamic fees, relayed payments, processing agents, fee distribution",
  symbol: "CAESAR",
  token: "caesar",
  ids: CAESAR_CONTRACT_IDS,
  catalogue: CAESAR_PARAMETERS,
  // Local chains deploy the Uniswap V2 market (package artifacts) and a mock quote token; live ones name the pair.
  loadModule: async (target) =>
    (target === "live"
      ? (await import("../../deploy/modules/CaesarLive")).default
      : (await import("../../deploy/modules/Caesar")).default) as unknown as IgnitionModule,
  parameters: {
    localhost: "deploy/parameters/caesar.localhost.json",
    sepolia: "deploy/parameters/caesar.sepolia.json",
  },
  connect: (book: AddressBook, runner: ContractRunner) => connectCaesar(book, runner),
  status: caesarStatus,
  commands: (program: Command, ctx: () => CliContext) => {
    registerCaesar(program, ctx);
    registerCaesarAgent(program, ctx);
  },
  demoSteps: CAESAR_DEMO_STEPS,
  devnetHints: (rpc: string) => [
    "Genesis: 10M CAESAR to account #2, 5M to account #3 (Hardhat's well-known test accounts; public keys, never use",
    "them on a real network); every admin role is held by the timelock, account #1 reports agent accuracy. Try:",
    `  npm run cli -- ${rpc}caesar epoch`,
    `  npm run cli -- ${rpc}caesar quote 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC 0x90F79bf6EB2c4f870365E785982E1f101E93b906 100`,
    `  KIT_PRIVATE_KEY=${CAESAR_TEST_KEY_2} npm run cli -- ${rpc}caesar transfer 0x90F79bf6EB2c4f870365E785982E1f101E93b906 100`,
    `  KIT_PRIVATE_KEY=${CAESAR_TEST_KEY_3} npm run cli -- ${rpc}caesar agent register 10000 --region 1 --endpoint https://agent.example`,
    `  KIT_PRIVATE_KEY=${CAESAR_TEST_KEY_2} npm run cli -- ${rpc}caesar authorize 0x90F79bf6EB2c4f870365E785982E1f101E93b906 25 >> /tmp/caesar-queue.jsonl`,
    `  KIT_PRIVATE_KEY=${CAESAR_TEST_KEY_3} npm run cli -- ${rpc}agent caesar-processor --queue /tmp/caesar-queue.jsonl --once`,
  ],
};
