/**
 * Typed contract handles on the typechain factories. Works with any ethers v6 Signer or Provider.
 */
import type { ContractRunner } from "ethers";
// Direct factory paths (not the typechain index, which loads every factory) keep CLI start-up quick.
import { QuivToken__factory } from "../../../typechain-types/factories/contracts/quiver/QuivToken__factory";
import { ParameterRegistry__factory } from "../../../typechain-types/factories/contracts/registry/ParameterRegistry__factory";
import { ProviderStaking__factory } from "../../../typechain-types/factories/contracts/quiver/ProviderStaking__factory";
import { EmissionController__factory } from "../../../typechain-types/factories/contracts/quiver/emission/EmissionController__factory";
import { PricingOracle__factory } from "../../../typechain-types/factories/contracts/quiver/pricing/PricingOracle__factory";
import { PaymentChannels__factory } from "../../../typechain-types/factories/contracts/quiver/channels/PaymentChannels__factory";
import { InferenceMarketplace__factory } from "../../../typechain-types/factories/contracts/quiver/market/InferenceMarketplace__factory";
import { DisputeManager__factory } from "../../../typechain-types/factories/contracts/quiver/disputes/DisputeManager__factory";
import { QuiverMetrics__factory } from "../../../typechain-types/factories/contracts/quiver/market/QuiverMetrics.sol/QuiverMetrics__factory";
import { EconomyGovernor__factory } from "../../../typechain-types/factories/contracts/governance/EconomyGovernor__factory";
import { Treasury__factory } from "../../../typechain-types/factories/contracts/treasury/Treasury__factory";
import type * as TC from "../../../typechain-types";
import { addressOf, type AddressBook } from "./addressBook";
// connectQuiver resolves QUIVer keys ("staking", ...): they belong in sdk/quiver/chain with it (left for the chain move).
import "../../quiver/chain/ids";

export type {
  DisputeManager,
  EconomyGovernor,
  EmissionController,
  InferenceMarketplace,
  ParameterRegistry,
  PaymentChannels,
  PricingOracle,
  ProviderStaking,
  QuiverMetrics,
  QuivToken,
  Treasury,
} from "../../../typechain-types";

/** The contracts of the Foundation module. */
export interface FoundationContracts {
  readonly quiv: TC.QuivToken;
  readonly registry: TC.ParameterRegistry;
}

/**
 * Connects to the QUIV token.
 *
 * @example
 * const quiv = connectQuivToken(book.contracts["Foundation#QuivToken"], provider);
 * await quiv.totalSupply();
 */
export function connectQuivToken(address: string, runner: ContractRunner): TC.QuivToken {
  return QuivToken__factory.connect(address, runner);
}

/**
 * Connects to the ParameterRegistry.
 *
 * @example
 * const registry = connectParameterRegistry(addressOf(book, "registry"), provider);
 */
export function connectParameterRegistry(address: string, runner: ContractRunner): TC.ParameterRegistry {
  return ParameterRegistry__factory.connect(address, runner);
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
  readonly governor: TC.EconomyGovernor;
  readonly treasury: TC.Treasury;
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
    governor: EconomyGovernor__factory.connect(addressOf(book, "governor"), runner),
    treasury: Treasury__factory.connect(addressOf(book, "treasury"), runner),
    timelock: addressOf(book, "timelock"),
  };
}
