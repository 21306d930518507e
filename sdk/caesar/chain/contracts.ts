/**
 * Typed handles on a CAESAR preset deployment, and CAESAR's typed ABIs (with sdk/kit/chain/contracts.ts, the only
 * CAESAR module importing typechain-types; direct factory paths keep CLI start-up quick).
 */
import type { ContractRunner } from "ethers";
import { addressOf, type AddressBook } from "../../kit/chain/addressBook";
import "./ids";
import { CaesarToken__factory } from "../../../typechain-types/factories/contracts/caesar/CaesarToken__factory";
import { CaesarAgents__factory } from "../../../typechain-types/factories/contracts/caesar/agents/CaesarAgents__factory";
import { CaesarFeeDistributor__factory } from "../../../typechain-types/factories/contracts/caesar/agents/CaesarFeeDistributor__factory";
import { CaesarProcessor__factory } from "../../../typechain-types/factories/contracts/caesar/agents/CaesarProcessor__factory";
import { RegionalPriceMatrix__factory } from "../../../typechain-types/factories/contracts/caesar/regions/RegionalPriceMatrix__factory";
import { AssetRegistry__factory } from "../../../typechain-types/factories/contracts/caesar/assets/AssetRegistry__factory";
import { CaesarAssetPlugin__factory } from "../../../typechain-types/factories/contracts/caesar/assets/CaesarAssetPlugin.sol/CaesarAssetPlugin__factory";
import { StabilityController__factory } from "../../../typechain-types/factories/contracts/caesar/stability/StabilityController__factory";
import { StabilityGate__factory } from "../../../typechain-types/factories/contracts/caesar/stability/StabilityGate__factory";
import { IUniswapV2PairSwap__factory } from "../../../typechain-types/factories/contracts/caesar/stability/IUniswapV2PairSwap__factory";
import { StaticVotesWrapper__factory } from "../../../typechain-types/factories/contracts/tokens/StaticVotesWrapper__factory";
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
  CaesarAgents,
  CaesarFeeDistributor,
  CaesarProcessor,
  CaesarToken,
  RegionalPriceMatrix,
  AssetRegistry,
  CaesarAssetPlugin,
  StabilityController,
  StabilityGate,
  StaticVotesWrapper,
  IUniswapV2PairSwap,
} from "../../../typechain-types";
export {
  CaesarAgents__factory,
  CaesarFeeDistributor__factory,
  CaesarProcessor__factory,
  CaesarToken__factory,
  RegionalPriceMatrix__factory,
  AssetRegistry__factory,
  CaesarAssetPlugin__factory,
  StaticVotesWrapper__factory,
};

/** Typed ABIs of CAESAR's contracts, for `writeRequest` and `send`. */
export const CAESAR_ABI = abiOf<TC.CaesarToken>("CaesarToken", CaesarToken__factory);
export const AGENTS_ABI = abiOf<TC.CaesarAgents>("CaesarAgents", CaesarAgents__factory);
export const DISTRIBUTOR_ABI = abiOf<TC.CaesarFeeDistributor>("CaesarFeeDistributor", CaesarFeeDistributor__factory);
export const PROCESSOR_ABI = abiOf<TC.CaesarProcessor>("CaesarProcessor", CaesarProcessor__factory);
export const MATRIX_ABI = abiOf<TC.RegionalPriceMatrix>("RegionalPriceMatrix", RegionalPriceMatrix__factory);
export const ASSETS_ABI = abiOf<TC.AssetRegistry>("AssetRegistry", AssetRegistry__factory);
export const ASSET_PLUGIN_ABI = abiOf<TC.CaesarAssetPlugin>("CaesarAssetPlugin", CaesarAssetPlugin__factory);
/** The StabilityController (connected by `connectCaesarStability`, sdk/caesar/chain/stability.ts). */
export const STABILITY_ABI = abiOf<TC.StabilityController>("StabilityController", StabilityController__factory);
/** The StabilityGate (connected by `connectCaesarGate`, sdk/caesar/chain/gate.ts). */
export const GATE_ABI = abiOf<TC.StabilityGate>("StabilityGate", StabilityGate__factory);
/** The Uniswap V2 pair functions the gate uses (reserves, tokens). */
export const PAIR_ABI = abiOf<TC.IUniswapV2PairSwap>("IUniswapV2PairSwap", IUniswapV2PairSwap__factory);
/** The kit's StaticVotesWrapper (wCAESAR). */
export const WRAPPER_ABI = abiOf<TC.StaticVotesWrapper>("StaticVotesWrapper", StaticVotesWrapper__factory);

/** The contracts of the CAESAR preset (deploy/modules/Caesar.ts). */
export interface CaesarContracts {
  readonly caesar: TC.CaesarToken;
  readonly wrapper: TC.StaticVotesWrapper;
  readonly distributor: TC.CaesarFeeDistributor;
  readonly agents: TC.CaesarAgents;
  readonly processor: TC.CaesarProcessor;
  /** The regional price matrix (the processor's region source). */
  readonly matrix: TC.RegionalPriceMatrix;
  /** The asset registry (CAESAR is asset 1) and CAESAR's plugin. */
  readonly assets: TC.AssetRegistry;
  readonly assetPlugin: TC.CaesarAssetPlugin;
  readonly registry: ParameterRegistry;
  readonly governor: EconomyGovernor;
  readonly treasury: Treasury;
  /** The TimelockController's address (the admin of everything, and the stability reserve until part 2). */
  readonly timelock: string;
}

/**
 * Connects to every contract of a CAESAR preset deployment.
 *
 * @example
 * const c = connectCaesar(loadAddressBook({ chainId: 31337 }), wallet);
 * await c.caesar.quoteTransfer(from, to, amount);
 */
export function connectCaesar(book: AddressBook, runner: ContractRunner): CaesarContracts {
  return {
    // One shared Interface per ABI (a typechain factory's connect parses the whole ABI at every call).
    caesar: connectAbi(CAESAR_ABI, addressOf(book, "caesar"), runner),
    wrapper: connectAbi(WRAPPER_ABI, addressOf(book, "wrapper"), runner),
    distributor: connectAbi(DISTRIBUTOR_ABI, addressOf(book, "distributor"), runner),
    agents: connectAbi(AGENTS_ABI, addressOf(book, "agents"), runner),
    processor: connectAbi(PROCESSOR_ABI, addressOf(book, "processor"), runner),
    matrix: connectAbi(MATRIX_ABI, addressOf(book, "matrix"), runner),
    assets: connectAbi(ASSETS_ABI, addressOf(book, "assets"), runner),
    assetPlugin: connectAbi(ASSET_PLUGIN_ABI, addressOf(book, "assetPlugin"), runner),
    registry: connectParameterRegistry(addressOf(book, "registry"), runner),
    governor: connectGovernor(addressOf(book, "governor"), runner),
    treasury: connectTreasury(addressOf(book, "treasury"), runner),
    timelock: addressOf(book, "timelock"),
  };
}
