/**
 * The whole CAESAR preset, deployed in-process through its Ignition module with deploy/parameters/caesar.localhost.json
 * (the in-process network has the same accounts as `hardhat node`): genesis 10M CAESAR to account #2, 5M to #3,
 * account #1 the accuracy reporter, 100,000 CAESAR to the deployer, seeded into the local Uniswap V2 pool.
 */
import path from "node:path";
import { ethers, ignition } from "hardhat";
import CaesarModule from "../../../deploy/modules/Caesar";
import { readDeploymentParameters } from "../../../sdk/kit/node/deploy";
import { addressBookFromHandles } from "../../../sdk/kit/chain/addressBook";
import { CAESAR_CONTRACT_IDS } from "../../../sdk/caesar/chain/ids";
import type {
  CaesarAgents,
  CaesarFeeDistributor,
  CaesarProcessor,
  CaesarToken,
  EconomyGovernor,
  PoolTwap,
  StabilityController,
  StabilityGate,
  ParameterRegistry,
  StaticVotesWrapper,
  TimelockController,
  Treasury,
} from "../../../typechain-types";

export const CAESAR_LOCALHOST_PARAMETERS = path.join(__dirname, "../../../deploy/parameters/caesar.localhost.json");
export const CAESAR = 10n ** 18n;
export const HOLDER_GENESIS = 10_000_000n * CAESAR;
export const SECOND_GENESIS = 5_000_000n * CAESAR;
/** The deployer's genesis, seeded whole into the local CAESAR/mUSD pool by the preset. */
export const POOL_SEED = 100_000n * CAESAR;

export async function deployCaesarPreset() {
  const parameters = readDeploymentParameters(CAESAR_LOCALHOST_PARAMETERS);
  const d = await ignition.deploy(CaesarModule, { parameters });
  const signers = await ethers.getSigners();
  return {
    parameters,
    book: await addressBookFromHandles((await ethers.provider.getNetwork()).chainId, d, CAESAR_CONTRACT_IDS),
    caesar: d.caesar as unknown as CaesarToken,
    wrapper: d.wrapper as unknown as StaticVotesWrapper,
    registry: d.registry as unknown as ParameterRegistry,
    timelock: d.timelock as unknown as TimelockController,
    governor: d.governor as unknown as EconomyGovernor,
    treasury: d.treasury as unknown as Treasury,
    distributor: d.distributor as unknown as CaesarFeeDistributor,
    agents: d.agents as unknown as CaesarAgents,
    processor: d.processor as unknown as CaesarProcessor,
    stability: d.caesarStability as unknown as StabilityController,
    twap: d.caesarTwap as unknown as PoolTwap,
    gate: d.caesarGate as unknown as StabilityGate,
    deployer: signers[0],
    reporter: signers[1],
    holder: signers[2],
    second: signers[3],
    signers,
  };
}
