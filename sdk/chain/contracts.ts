/**
 * Typed contract handles on the typechain factories. Works with any ethers v6 Signer or Provider.
 */
import type { ContractRunner } from "ethers";
// Direct factory paths (not the typechain index, which loads every factory) keep CLI start-up quick.
import { QuivToken__factory } from "../../typechain-types/factories/contracts/tokens/QuivToken__factory";
import { ParameterRegistry__factory } from "../../typechain-types/factories/contracts/governance/ParameterRegistry__factory";
import type { ParameterRegistry, QuivToken } from "../../typechain-types";
import { addressOf, type AddressBook } from "./addressBook";

export type { ParameterRegistry, QuivToken };

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
 * Connects to the ParameterRegistry.
 *
 * @example
 * const registry = connectParameterRegistry(addressOf(book, "registry"), provider);
 */
export function connectParameterRegistry(address: string, runner: ContractRunner): ParameterRegistry {
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
