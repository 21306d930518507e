/**
 * The whole CAESAR preset, deployed in-process through its Ignition module with deploy/parameters/caesar.localhost.json
 * (the in-process network has the same accounts as `hardhat node`): genesis 10M CAESAR to account #2, 5M to #3,
 * account #1 the accuracy reporter, 100,000 CAESAR to the deployer, seeded into the local Uniswap V2 pool.
 */
import path from "node:path";
import CaesarModule from "../../../deploy/modules/Caesar";
import { CAESAR_CONTRACT_IDS } from "../../../sdk/caesar/chain/ids";
import { deployPresetModule } from "../../helpers/fixtures/preset";
import type {
  CaesarAgents,
  CaesarFeeDistributor,
  CaesarProcessor,
  CaesarToken,
  PoolTwap,
  StabilityController,
  StabilityGate,
  StaticVotesWrapper,
} from "../../../typechain-types";

export const CAESAR_LOCALHOST_PARAMETERS = path.join(__dirname, "../../../deploy/parameters/caesar.localhost.json");
export const CAESAR = 10n ** 18n;
export const HOLDER_GENESIS = 10_000_000n * CAESAR;
export const SECOND_GENESIS = 5_000_000n * CAESAR;
/** The deployer's genesis, seeded whole into the local CAESAR/mUSD pool by the preset. */
export const POOL_SEED = 100_000n * CAESAR;

export async function deployCaesarPreset() {
  const { d, kit } = await deployPresetModule(CaesarModule, CAESAR_LOCALHOST_PARAMETERS, CAESAR_CONTRACT_IDS);
  return {
    ...kit,
    caesar: d.caesar as unknown as CaesarToken,
    wrapper: d.wrapper as unknown as StaticVotesWrapper,
    distributor: d.distributor as unknown as CaesarFeeDistributor,
    agents: d.agents as unknown as CaesarAgents,
    processor: d.processor as unknown as CaesarProcessor,
    stability: d.caesarStability as unknown as StabilityController,
    twap: d.caesarTwap as unknown as PoolTwap,
    gate: d.caesarGate as unknown as StabilityGate,
    reporter: kit.signers[1],
    holder: kit.signers[2],
    second: kit.signers[3],
  };
}
