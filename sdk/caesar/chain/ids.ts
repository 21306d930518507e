/**
 * Ignition ids of the CAESAR preset (deploy/modules/Caesar.ts), registered with the address book on import so that
 * `addressOf(book, "caesar")` resolves. CaesarToken and its static votes wrapper are the governor's vote source, so
 * they are built inside the kit module (`Kit#...`); the agents stack is `Caesar#...`.
 */
import { KIT_IDS, registerContractIds } from "../../kit/chain/addressBook";

/** SDK keys of CAESAR's own contracts to their Ignition ids. */
export const CAESAR_IDS = {
  caesar: "Kit#CaesarToken",
  wrapper: "Kit#StaticVotesWrapper",
  distributor: "Caesar#CaesarFeeDistributor",
  agents: "Caesar#CaesarAgents",
  processor: "Caesar#CaesarProcessor",
  matrix: "Caesar#RegionalPriceMatrix",
  assets: "Caesar#AssetRegistry",
  assetPlugin: "Caesar#CaesarAssetPlugin",
  caesarTwap: "Caesar#PoolTwap",
  caesarStability: "Caesar#StabilityController",
  caesarGate: "Caesar#StabilityGate",
} as const;

/** Every id of a CAESAR deployment: the kit stack's and the economy's, by SDK key. */
export const CAESAR_CONTRACT_IDS = { ...KIT_IDS, ...CAESAR_IDS } as const;

registerContractIds(CAESAR_IDS);
