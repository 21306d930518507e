/**
 * Ignition ids of the BPCI preset (deploy/modules/Bpci.ts), registered with the address book on import so that
 * `addressOf(book, "mining")` resolves. GEN, NEX, FLX, wFLX and AUR are the governor's vote sources and FLX and AUR
 * take their feeds at construction, so the tokens and the usage and reserve feeds are built inside the kit module
 * (`Kit#...`); mining and the Phi feeds are `Bpci#...`.
 */
import { KIT_IDS, registerContractIds } from "../../kit/chain/addressBook";

/** SDK keys of BPCI's own contracts to their Ignition ids. */
export const BPCI_IDS = {
  gen: "Kit#GenToken",
  nex: "Kit#NexToken",
  flx: "Kit#FlxToken",
  wflx: "Kit#StaticVotesWrapper",
  aur: "Kit#AurToken",
  usageFeed: "Kit#UsageFeed",
  reserveFeed: "Kit#ReserveFeed",
  minerStaking: "Bpci#MinerStaking",
  mining: "Bpci#PoeMining",
  liquidityFeed: "Bpci#LiquidityFeed",
  uptimeFeed: "Bpci#UptimeFeed",
  qualityFeed: "Bpci#QualityFeed",
  billing: "Bpci#BillingMeter",
  stability: "Bpci#StabilityMonitor",
  aurPriceFeed: "Bpci#AurPriceFeed",
  goldPriceFeed: "Bpci#GoldPriceFeed",
  flxPriceFeed: "Bpci#FlxPriceFeed",
  nexPriceFeed: "Bpci#NexPriceFeed",
  nexReferenceFeed: "Bpci#NexReferenceFeed",
  mesh: "Bpci#BankMesh",
} as const;

/** Every id of a BPCI deployment: the kit stack's and the economy's, by SDK key. */
export const BPCI_CONTRACT_IDS = { ...KIT_IDS, ...BPCI_IDS } as const;

registerContractIds(BPCI_IDS);
