/**
 * Typed handles on a QUIVer preset deployment, from the kit's ABI module.
 */
import type { ContractRunner } from "ethers";
import { addressOf, type AddressBook } from "../../kit/chain/addressBook";
import "./ids"; // registers the QUIVer ids with the address book, so that addressOf(book, "staking") resolves
import {
  connectGovernor,
  connectParameterRegistry,
  connectTreasury,
  DisputeManager__factory,
  EmissionController__factory,
  InferenceMarketplace__factory,
  PaymentChannels__factory,
  PricingOracle__factory,
  ProviderStaking__factory,
  QuiverMetrics__factory,
  QuivToken__factory,
  type DisputeManager,
  type EconomyGovernor,
  type EmissionController,
  type InferenceMarketplace,
  type ParameterRegistry,
  type PaymentChannels,
  type PricingOracle,
  type ProviderStaking,
  type QuiverMetrics,
  type QuivToken,
  type Treasury,
} from "../../kit/chain/contracts";

/** The contracts of the Foundation module. */
export interface FoundationContracts {
  readonly quiv: QuivToken;
  readonly registry: ParameterRegistry;
}

/**
 * Connects to the QUIV token.
 *
 * @example
 * const quiv = connectQuivToken(book.contracts["Foundation#QuivToken"], provider);
 * await quiv.totalSupply();
 */
export function connectQuivToken(address: string, runner: ContractRunner): QuivToken {
  return QuivToken__factory.connect(address, runner);
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
  readonly staking: ProviderStaking;
  readonly emission: EmissionController;
  readonly oracle: PricingOracle;
  readonly channels: PaymentChannels;
  readonly marketplace: InferenceMarketplace;
  readonly disputes: DisputeManager;
  readonly metrics: QuiverMetrics;
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
    staking: ProviderStaking__factory.connect(addressOf(book, "staking"), runner),
    emission: EmissionController__factory.connect(addressOf(book, "emission"), runner),
    oracle: PricingOracle__factory.connect(addressOf(book, "oracle"), runner),
    channels: PaymentChannels__factory.connect(addressOf(book, "channels"), runner),
    marketplace: InferenceMarketplace__factory.connect(addressOf(book, "marketplace"), runner),
    disputes: DisputeManager__factory.connect(addressOf(book, "disputes"), runner),
    metrics: QuiverMetrics__factory.connect(addressOf(book, "metrics"), runner),
    governor: connectGovernor(addressOf(book, "governor"), runner),
    treasury: connectTreasury(addressOf(book, "treasury"), runner),
    timelock: addressOf(book, "timelock"),
  };
}
