/**
 * Typed handles on a BPCI preset deployment, and BPCI's typed ABIs. With sdk/kit/chain/contracts.ts, the only BPCI
 * SDK module that imports typechain-types (direct factory paths keep CLI start-up quick).
 */
import type { ContractRunner } from "ethers";
import { addressOf, type AddressBook } from "../../kit/chain/addressBook";
import "./ids"; // registers the BPCI ids with the address book, so that addressOf(book, "mining") resolves
import { GenToken__factory } from "../../../typechain-types/factories/contracts/bpci/tokens/GenToken__factory";
import { NexToken__factory } from "../../../typechain-types/factories/contracts/bpci/tokens/NexToken__factory";
import { FlxToken__factory } from "../../../typechain-types/factories/contracts/bpci/tokens/FlxToken__factory";
import { AurToken__factory } from "../../../typechain-types/factories/contracts/bpci/tokens/AurToken__factory";
import { StaticVotesWrapper__factory } from "../../../typechain-types/factories/contracts/tokens/StaticVotesWrapper__factory";
import { MinerStaking__factory } from "../../../typechain-types/factories/contracts/bpci/mining/MinerStaking__factory";
import { PoeMining__factory } from "../../../typechain-types/factories/contracts/bpci/mining/PoeMining__factory";
import { BillingMeter__factory } from "../../../typechain-types/factories/contracts/bpci/billing/BillingMeter__factory";
import { StabilityMonitor__factory } from "../../../typechain-types/factories/contracts/bpci/stability/StabilityMonitor__factory";
import { BankMesh__factory } from "../../../typechain-types/factories/contracts/bpci/mesh/BankMesh__factory";
import type * as TC from "../../../typechain-types";
import {
  abiOf,
  connectAbi,
  connectGovernor,
  connectMockFeed,
  connectParameterRegistry,
  connectTreasury,
  type EconomyGovernor,
  type MockAggregatorV3,
  type ParameterRegistry,
  type Treasury,
} from "../../kit/chain/contracts";

export type {
  AurToken,
  BankMesh,
  BillingMeter,
  FlxToken,
  GenToken,
  MinerStaking,
  NexToken,
  PoeMining,
  StabilityMonitor,
  StaticVotesWrapper,
} from "../../../typechain-types";
export {
  AurToken__factory,
  BankMesh__factory,
  BillingMeter__factory,
  FlxToken__factory,
  GenToken__factory,
  MinerStaking__factory,
  NexToken__factory,
  PoeMining__factory,
  StabilityMonitor__factory,
  StaticVotesWrapper__factory,
};

/** Typed ABIs of BPCI's contracts, for `writeRequest`, `send` and the error decoder. */
export const GEN_ABI = abiOf<TC.GenToken>("GenToken", GenToken__factory);
export const NEX_ABI = abiOf<TC.NexToken>("NexToken", NexToken__factory);
export const FLX_ABI = abiOf<TC.FlxToken>("FlxToken", FlxToken__factory);
export const WFLX_ABI = abiOf<TC.StaticVotesWrapper>("StaticVotesWrapper", StaticVotesWrapper__factory);
export const AUR_ABI = abiOf<TC.AurToken>("AurToken", AurToken__factory);
export const MINER_STAKING_ABI = abiOf<TC.MinerStaking>("MinerStaking", MinerStaking__factory);
export const POE_ABI = abiOf<TC.PoeMining>("PoeMining", PoeMining__factory);
export const BILLING_ABI = abiOf<TC.BillingMeter>("BillingMeter", BillingMeter__factory);
export const STABILITY_ABI = abiOf<TC.StabilityMonitor>("StabilityMonitor", StabilityMonitor__factory);
export const MESH_ABI = abiOf<TC.BankMesh>("BankMesh", BankMesh__factory);

/** Every BPCI ABI, for enumerations (the CLI ABI test) and error decoding. */
export const BPCI_ABIS = [
  GEN_ABI,
  NEX_ABI,
  FLX_ABI,
  WFLX_ABI,
  AUR_ABI,
  MINER_STAKING_ABI,
  POE_ABI,
  BILLING_ABI,
  STABILITY_ABI,
  MESH_ABI,
] as const;

/** The contracts of the BPCI preset (deploy/modules/Bpci.ts). */
export interface BpciContracts {
  readonly registry: ParameterRegistry;
  readonly governor: EconomyGovernor;
  readonly treasury: Treasury;
  /** The TimelockController's address (the admin of everything). */
  readonly timelock: string;
  readonly gen: TC.GenToken;
  readonly nex: TC.NexToken;
  readonly flx: TC.FlxToken;
  readonly wflx: TC.StaticVotesWrapper;
  readonly aur: TC.AurToken;
  readonly minerStaking: TC.MinerStaking;
  readonly mining: TC.PoeMining;
  /** The billing meter (Merkle-committed usage settlements). */
  readonly billing: TC.BillingMeter;
  /** The stability monitor (deviations, the intervention fast path, the emergency mint halt). */
  readonly stability: TC.StabilityMonitor;
  /** The bank mesh (NEX-staked banks, loans, settlements, mesh proposals). */
  readonly mesh: TC.BankMesh;
  /** The ten feeds (local mocks answer `setAnswer`/`updateAnswer`; on a live network, read only). */
  readonly feeds: {
    readonly usage: MockAggregatorV3;
    readonly reserve: MockAggregatorV3;
    readonly liquidity: MockAggregatorV3;
    readonly uptime: MockAggregatorV3;
    readonly quality: MockAggregatorV3;
    /** The stability monitor's price feeds: AUR against gold, FLX (against a fixed target), NEX against a reference. */
    readonly aurPrice: MockAggregatorV3;
    readonly goldPrice: MockAggregatorV3;
    readonly flxPrice: MockAggregatorV3;
    readonly nexPrice: MockAggregatorV3;
    readonly nexReference: MockAggregatorV3;
  };
}

/**
 * Connects to every contract of a BPCI preset deployment.
 *
 * @example
 * const b = connectBpci(loadAddressBook({ chainId: 31337, economy: "bpci" }), wallet);
 * await b.mining.epochStatus();
 */
export function connectBpci(book: AddressBook, runner: ContractRunner): BpciContracts {
  // One shared Interface per ABI (a typechain factory's connect parses the whole ABI at every call).
  const feed = (key: string) => connectMockFeed(addressOf(book, key), runner);
  return {
    registry: connectParameterRegistry(addressOf(book, "registry"), runner),
    governor: connectGovernor(addressOf(book, "governor"), runner),
    treasury: connectTreasury(addressOf(book, "treasury"), runner),
    timelock: addressOf(book, "timelock"),
    gen: connectAbi(GEN_ABI, addressOf(book, "gen"), runner),
    nex: connectAbi(NEX_ABI, addressOf(book, "nex"), runner),
    flx: connectAbi(FLX_ABI, addressOf(book, "flx"), runner),
    wflx: connectAbi(WFLX_ABI, addressOf(book, "wflx"), runner),
    aur: connectAbi(AUR_ABI, addressOf(book, "aur"), runner),
    minerStaking: connectAbi(MINER_STAKING_ABI, addressOf(book, "minerStaking"), runner),
    mining: connectAbi(POE_ABI, addressOf(book, "mining"), runner),
    billing: connectAbi(BILLING_ABI, addressOf(book, "billing"), runner),
    stability: connectAbi(STABILITY_ABI, addressOf(book, "stability"), runner),
    mesh: connectAbi(MESH_ABI, addressOf(book, "mesh"), runner),
    feeds: {
      usage: feed("usageFeed"),
      reserve: feed("reserveFeed"),
      liquidity: feed("liquidityFeed"),
      uptime: feed("uptimeFeed"),
      quality: feed("qualityFeed"),
      aurPrice: feed("aurPriceFeed"),
      goldPrice: feed("goldPriceFeed"),
      flxPrice: feed("flxPriceFeed"),
      nexPrice: feed("nexPriceFeed"),
      nexReference: feed("nexReferenceFeed"),
    },
  };
}
