/**
 * The kit's ABI module: with sdk/<economy>/chain/contracts.ts, the only SDK modules that import `typechain-types`.
 * It re-exports the kit contracts' generated types and factories and typed handles for them; each economy's own
 * contracts are in its ABI module. Works with any ethers v6 Signer or Provider.
 */
import { Contract, Interface, type ContractRunner, type InterfaceAbi } from "ethers";
// Direct factory paths (not the typechain index, which loads every factory) keep CLI start-up quick.
import { ParameterRegistry__factory } from "../../../typechain-types/factories/contracts/registry/ParameterRegistry__factory";
import { EconomyGovernor__factory } from "../../../typechain-types/factories/contracts/governance/EconomyGovernor__factory";
import { Treasury__factory } from "../../../typechain-types/factories/contracts/treasury/Treasury__factory";
import { MockAggregatorV3__factory } from "../../../typechain-types/factories/contracts/mocks/kit/MockAggregatorV3__factory";
import { CappedVotesToken__factory } from "../../../typechain-types/factories/contracts/tokens/CappedVotesToken__factory";
import type * as TC from "../../../typechain-types";

export type { EconomyGovernor, MockAggregatorV3, ParameterRegistry, Treasury } from "../../../typechain-types";
export type { TypedContractMethod } from "../../../typechain-types/common";

export { EconomyGovernor__factory, MockAggregatorV3__factory, ParameterRegistry__factory, Treasury__factory };

/** A contract's ABI tagged with its typechain type `C` (the tag exists only for the type checker). */
export interface Abi<C> {
  readonly name: string;
  readonly iface: Interface;
  readonly contract?: C;
}

/**
 * The ABI of a typechain factory, tagged with its contract type.
 *
 * @example
 * const MARKET = abiOf<InferenceMarketplace>("InferenceMarketplace", InferenceMarketplace__factory);
 */
export function abiOf<C>(name: string, factory: { createInterface(): Interface }): Abi<C> {
  // Built on first use: parsing an ABI into an Interface costs ~2 ms, and the CLI declares ~30 ABIs at start-up
  // that one command mostly never touches.
  let iface: Interface | undefined;
  return Object.freeze({
    name,
    get iface(): Interface {
      iface ??= factory.createInterface();
      return iface;
    },
  });
}

/**
 * A typed handle on `address` through an {@link Abi}'s one shared Interface: a typechain factory's `connect` parses
 * the whole ABI again at every call (~2 ms each, ~40 of them in one `kit status`).
 *
 * @example
 * const market = connectAbi(MARKET_ABI, addressOf(book, "marketplace"), provider);
 */
export function connectAbi<C>(abi: Abi<C>, address: string, runner: ContractRunner | null): C {
  return new Contract(address, abi.iface, runner) as unknown as C;
}

const REGISTRY_ABI = abiOf<TC.ParameterRegistry>("ParameterRegistry", ParameterRegistry__factory);
const GOVERNOR_ABI = abiOf<TC.EconomyGovernor>("EconomyGovernor", EconomyGovernor__factory);
const TREASURY_ABI = abiOf<TC.Treasury>("Treasury", Treasury__factory);
/** The local chains' Chainlink feed (MockAggregatorV3: anyone may publish an answer). */
export const MOCK_FEED_ABI = abiOf<TC.MockAggregatorV3>("MockAggregatorV3", MockAggregatorV3__factory);

/**
 * A capped ERC20Votes token with permit (cumulative-minted cap, timestamp clock), as the kit's token commands and
 * readers use it: the kit's own base, contracts/tokens/CappedVotesToken.sol, which every economy's votes token
 * extends (QUIV does). An economy's token-specific errors are decoded by that economy's ABI module.
 */
export type VotesToken = TC.CappedVotesToken;

/** The ABI of a capped votes token (CappedVotesToken's: ERC-20, permit, votes, burn, cap and mint counters). */
export const VOTES_TOKEN_ABI: InterfaceAbi = CappedVotesToken__factory.abi;

const VOTES_TOKEN = abiOf<VotesToken>("CappedVotesToken", CappedVotesToken__factory);

/** The capped votes token's interface, for builders and decoders. */
export const VotesToken__factory = {
  abi: VOTES_TOKEN_ABI,
  createInterface(): Interface {
    return CappedVotesToken__factory.createInterface();
  },
};

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
  return connectAbi(VOTES_TOKEN, address, runner);
}

/**
 * Connects to the ParameterRegistry.
 *
 * @example
 * const registry = connectParameterRegistry(addressOf(book, "registry"), provider);
 */
export function connectParameterRegistry(address: string, runner: ContractRunner): TC.ParameterRegistry {
  return connectAbi(REGISTRY_ABI, address, runner);
}

/**
 * Connects to the EconomyGovernor.
 *
 * @example
 * const governor = connectGovernor(addressOf(book, "governor"), provider);
 */
export function connectGovernor(address: string, runner: ContractRunner): TC.EconomyGovernor {
  return connectAbi(GOVERNOR_ABI, address, runner);
}

/**
 * Connects to the Treasury.
 *
 * @example
 * const treasury = connectTreasury(addressOf(book, "treasury"), provider);
 */
export function connectTreasury(address: string, runner: ContractRunner): TC.Treasury {
  return connectAbi(TREASURY_ABI, address, runner);
}

/**
 * Connects to a MockAggregatorV3 (the local chains' Chainlink feed).
 *
 * @example
 * await connectMockFeed(feedAddress, wallet).setAnswer(2n * 10n ** 8n);
 */
export function connectMockFeed(address: string, runner: ContractRunner): TC.MockAggregatorV3 {
  return connectAbi(MOCK_FEED_ABI, address, runner);
}
