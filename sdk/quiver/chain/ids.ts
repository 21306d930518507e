/**
 * Ignition ids of the QUIVer preset (deploy/modules/Quiver.ts), registered with the address book on import so
 * that `addressOf(book, "staking")` resolves. QUIV and ProviderStaking are the governor's vote sources, so they are
 * built inside the kit module (`Kit#...`); the rest of the economy is `Quiver#...`.
 */
import { KIT_IDS, registerContractIds } from "../../kit/chain/addressBook";

/** SDK keys of QUIVer's own contracts to their Ignition ids. */
export const QUIVER_IDS = {
  quiv: "Kit#QuivToken",
  staking: "Kit#ProviderStaking",
  emission: "Quiver#EmissionController",
  oracle: "Quiver#PricingOracle",
  channels: "Quiver#PaymentChannels",
  marketplace: "Quiver#InferenceMarketplace",
  disputes: "Quiver#DisputeManager",
  metrics: "Quiver#QuiverMetrics",
} as const;

/** Every id of a QUIVer deployment: the kit stack's and the economy's, by SDK key. */
export const CONTRACT_IDS = { ...KIT_IDS, ...QUIVER_IDS } as const;

registerContractIds(QUIVER_IDS);
