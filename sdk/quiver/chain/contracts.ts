/**
 * Typed handles on a QUIVer preset deployment, and QUIVer's typed ABIs.
 */
import type { ContractRunner } from "ethers";
import { addressOf, type AddressBook } from "../../kit/chain/addressBook";
import "./ids"; // registers the QUIVer ids with the address book, so that addressOf(book, "staking") resolves
// QUIVer's ABI module: with sdk/kit/chain/contracts.ts, the only SDK modules that import typechain-types. Direct
// factory paths (not the typechain index, which loads every factory) keep CLI start-up quick.
import { QuivToken__factory } from "../../../typechain-types/factories/contracts/quiver/QuivToken__factory";
import { ProviderStaking__factory } from "../../../typechain-types/factories/contracts/quiver/ProviderStaking__factory";
import { EmissionController__factory } from "../../../typechain-types/factories/contracts/quiver/emission/EmissionController__factory";
import { PricingOracle__factory } from "../../../typechain-types/factories/contracts/quiver/pricing/PricingOracle__factory";
import { PaymentChannels__factory } from "../../../typechain-types/factories/contracts/quiver/channels/PaymentChannels__factory";
import { InferenceMarketplace__factory } from "../../../typechain-types/factories/contracts/quiver/market/InferenceMarketplace__factory";
import { DisputeManager__factory } from "../../../typechain-types/factories/contracts/quiver/disputes/DisputeManager__factory";
import { QuiverMetrics__factory } from "../../../typechain-types/factories/contracts/quiver/market/QuiverMetrics.sol/QuiverMetrics__factory";
import type * as TC from "../../../typechain-types";
import {
  abiOf,
  connectAbi,
  connectGovernor,
  connectParameterRegistry,
  connectTreasury,
  type EconomyGovernor,
  type ParameterRegistry,
  type Treasury,
} from "../../kit/chain/contracts";

export type {
  DisputeManager,
  EmissionController,
  InferenceMarketplace,
  PaymentChannels,
  PricingOracle,
  ProviderStaking,
  QuiverMetrics,
  QuivToken,
} from "../../../typechain-types";
export {
  DisputeManager__factory,
  EmissionController__factory,
  InferenceMarketplace__factory,
  PaymentChannels__factory,
  PricingOracle__factory,
  ProviderStaking__factory,
  QuiverMetrics__factory,
  QuivToken__factory,
};

/** Typed ABIs of QUIVer's contracts, for `writeRequest` and `send`. */
export const QUIV_ABI = abiOf<TC.QuivToken>("QuivToken", QuivToken__factory);
export const STAKING_ABI = abiOf<TC.ProviderStaking>("ProviderStaking", ProviderStaking__factory);
export const EMISSION_ABI = abiOf<TC.EmissionController>("EmissionController", EmissionController__factory);
export const MARKET_ABI = abiOf<TC.InferenceMarketplace>("InferenceMarketplace", InferenceMarketplace__factory);
export const CHANNELS_ABI = abiOf<TC.PaymentChannels>("PaymentChannels", PaymentChannels__factory);
export const DISPUTES_ABI = abiOf<TC.DisputeManager>("DisputeManager", DisputeManager__factory);
export const ORACLE_ABI = abiOf<TC.PricingOracle>("PricingOracle", PricingOracle__factory);
const METRICS_ABI = abiOf<TC.QuiverMetrics>("QuiverMetrics", QuiverMetrics__factory);

/** The contracts of the Foundation module. */
export interface FoundationContracts {
  readonly quiv: TC.QuivToken;
  readonly registry: ParameterRegistry;
}

/**
 * Connects to the QUIV token.
 *
 * @example
 * const quiv = connectQuivToken(book.contracts["Foundation#QuivToken"], provider);
 * await quiv.totalSupply();
 */
export function connectQuivToken(address: string, runner: ContractRunner): TC.QuivToken {
  return connectAbi(QUIV_ABI, address, runner);
}

/**
 * Connects to every Foundation contract of an address book.
 *
 * @example
 * const { quiv, registry } = connectFoundation(loadAddressBook({ chainId: 31337 }), wallet);
 */
export function connectFoundation(book: AddressBook, runner: ContractRunner): FoundationContracts {
  return {
    quiv: connectQuivToken(addressOf(book, "quiv"), runner),
    registry: connectParameterRegistry(addressOf(book, "registry"), runner),
  };
}

/** The contracts of the QUIVer preset (deploy/modules/Quiver.ts). */
export interface QuiverContracts extends FoundationContracts {
  readonly staking: TC.ProviderStaking;
  readonly emission: TC.EmissionController;
  readonly oracle: TC.PricingOracle;
  readonly channels: TC.PaymentChannels;
  readonly marketplace: TC.InferenceMarketplace;
  readonly disputes: TC.DisputeManager;
  readonly metrics: TC.QuiverMetrics;
  readonly governor: EconomyGovernor;
  readonly treasury: Treasury;
  /** The TimelockController's address (the admin of everything). */
  readonly timelock: string;
}

/**
 * Connects to every contract of a QUIVer preset deployment.
 *
 * @example
 * const q = connectQuiver(loadAddressBook({ chainId: 31337 }), wallet);
 * await q.staking.tierOf(provider);
 */
export function connectQuiver(book: AddressBook, runner: ContractRunner): QuiverContracts {
  return {
    ...connectFoundation(book, runner),
    staking: connectAbi(STAKING_ABI, addressOf(book, "staking"), runner),
    emission: connectAbi(EMISSION_ABI, addressOf(book, "emission"), runner),
    oracle: connectAbi(ORACLE_ABI, addressOf(book, "oracle"), runner),
    channels: connectAbi(CHANNELS_ABI, addressOf(book, "channels"), runner),
    marketplace: connectAbi(MARKET_ABI, addressOf(book, "marketplace"), runner),
    disputes: connectAbi(DISPUTES_ABI, addressOf(book, "disputes"), runner),
    metrics: connectAbi(METRICS_ABI, addressOf(book, "metrics"), runner),
    governor: connectGovernor(addressOf(book, "governor"), runner),
    treasury: connectTreasury(addressOf(book, "treasury"), runner),
    timelock: addressOf(book, "timelock"),
  };
}
