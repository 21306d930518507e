/**
 * Shared helpers of the gas benchmark (`npm run bench`). Each file in scripts/bench/ (other than this
 * one) exports `default async function (ctx: BenchContext): Promise<BenchRow[]>`; scripts/bench.ts runs
 * them all in one Hardhat network, prints one table and writes snapshots/gas.json.
 */
import { ethers, network } from "hardhat";
import { id, keccak256, toUtf8Bytes, Wallet, type ContractTransactionResponse } from "ethers";
import type { ParameterCatalogue } from "../../sdk/kit/core/parameters";
import type { ParameterRegistry } from "../../typechain-types";

/** One whole token of 18 decimals, in wei (every token of the bench has 18). */
export const TOKEN = 10n ** 18n;
/** One day in seconds (a number, as `warp` takes it). */
export const DAY = 86_400;

/** One row of the gas table: our figure, and the reference implementation's figure measured in the same run. */
export interface BenchRow {
  /** Scenario name, e.g. "QUIV transfer (fresh recipient)". */
  readonly scenario: string;
  readonly gas: bigint;
  /** Name of the reference implementation, or "" if there is none. */
  readonly reference: string;
  readonly referenceGas?: bigint;
  /** Largest allowed gas / referenceGas (or other target), printed next to the ratio; undefined = report only. */
  readonly target?: number;
}

export interface BenchContext {
  /** Logs a line under the table (e.g. throughput figures). */
  note(line: string): void;
}

/**
 * A wallet whose key is derived from `label`: the same accounts in every run, so calldata that names them (and its
 * zero-byte count, 4 gas per zero byte against 16) does not move a row between runs as random accounts would.
 */
export function benchWallet(label: string): Wallet {
  return new Wallet(keccak256(toUtf8Bytes(`kit bench ${label}`)));
}

/** Gas used by a sent transaction. */
export async function gasOf(tx: Promise<ContractTransactionResponse> | ContractTransactionResponse): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("transaction was dropped");
  return receipt.gasUsed;
}

/** A row comparing ours to a reference. */
export function row(scenario: string, gas: bigint, reference = "", referenceGas?: bigint, target?: number): BenchRow {
  return { scenario, gas, reference, referenceGas, target };
}

/** A ParameterRegistry administered by `admin` holding `catalogue` at its defaults (every bound as declared). */
export async function catalogueRegistry(admin: string, catalogue: ParameterCatalogue): Promise<ParameterRegistry> {
  const registry = (await ethers.deployContract("ParameterRegistry", [admin])) as unknown as ParameterRegistry;
  await registry.defineParameters(
    catalogue.map((s) => ({
      key: id(s.name),
      value: s.value,
      min: s.min,
      max: s.max,
      maxDelta: s.maxDelta,
      period: s.period,
    })),
  );
  return registry;
}

/** Moves the chain's clock `seconds` forward and mines a block. */
export async function warp(seconds: number): Promise<void> {
  await network.provider.send("evm_increaseTime", [seconds]);
  await network.provider.send("evm_mine", []);
}
