/**
 * The ABI module: the only SDK module that imports `typechain-types`. It re-exports the generated contract types
 * and factories every layer above uses (kit and economies alike), plus typed handles for the kit's own contracts.
 * Works with any ethers v6 Signer or Provider.
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
import { MockAggregatorV3__factory } from "../../../typechain-types/factories/contracts/mocks/kit/MockAggregatorV3__factory";
import type * as TC from "../../../typechain-types";

export type {
  DisputeManager,
  EconomyGovernor,
  EmissionController,
  InferenceMarketplace,
  MockAggregatorV3,
  ParameterRegistry,
  PaymentChannels,
  PricingOracle,
  ProviderStaking,
  QuiverMetrics,
  QuivToken,
  Treasury,
} from "../../../typechain-types";
export type { TypedContractMethod } from "../../../typechain-types/common";

export {
  DisputeManager__factory,
  EconomyGovernor__factory,
  EmissionController__factory,
  InferenceMarketplace__factory,
  MockAggregatorV3__factory,
  ParameterRegistry__factory,
  PaymentChannels__factory,
  PricingOracle__factory,
  ProviderStaking__factory,
  QuiverMetrics__factory,
  QuivToken__factory,
  Treasury__factory,
};

/**
 * A capped ERC20Votes token with permit (cumulative-minted cap, timestamp clock), as the kit's token commands and
 * readers use it. Its ABI is QuivToken's until the kit's own token base has its artifact.
 */
export type VotesToken = TC.QuivToken;

/**
 * Every typechain factory, loaded on first use (the index loads all of them, which the happy path does not need).
 * The revert decoder builds its error sources from it.
 */
export function allFactories(): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../../../typechain-types") as Record<string, unknown>;
}

/**
 * Connects to a capped votes token.
 *
 * @example
 * const token = connectVotesToken(addressOf(book, "quiv"), provider);
 * await token.totalSupply();
 */
export function connectVotesToken(address: string, runner: ContractRunner): VotesToken {
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
 * Connects to the EconomyGovernor.
 *
 * @example
 * const governor = connectGovernor(addressOf(book, "governor"), provider);
 */
export function connectGovernor(address: string, runner: ContractRunner): TC.EconomyGovernor {
  return EconomyGovernor__factory.connect(address, runner);
}

/**
 * Connects to the Treasury.
 *
 * @example
 * const treasury = connectTreasury(addressOf(book, "treasury"), provider);
 */
export function connectTreasury(address: string, runner: ContractRunner): TC.Treasury {
  return Treasury__factory.connect(address, runner);
}

/**
 * Connects to a MockAggregatorV3 (the local chains' Chainlink feed).
 *
 * @example
 * await connectMockFeed(feedAddress, wallet).setAnswer(2n * 10n ** 8n);
 */
export function connectMockFeed(address: string, runner: ContractRunner): TC.MockAggregatorV3 {
  return MockAggregatorV3__factory.connect(address, runner);
}
