/**
 * Reader of CAESAR's StabilityController (contracts/caesar/stability): its whole `status()` as named fields, and
 * the handle on `Caesar#StabilityController` (connected apart from {@link connectCaesar}, so that an address book
 * from before the controller still connects).
 */
import type { ContractRunner } from "ethers";
import { addressOf, type AddressBook } from "../../kit/chain/addressBook";
import { connectAbi } from "../../kit/chain/contracts";
import { STABILITY_ABI, type StabilityController } from "./contracts";
import "./ids";

/** The controller of a CAESAR deployment. */
export function connectCaesarStability(book: AddressBook, runner: ContractRunner): StabilityController {
  return connectAbi(STABILITY_ABI, addressOf(book, "caesarStability"), runner);
}

/** `StabilityController.status()` with its fields named (prices WAD, deviation/output WAD, levels bps). */
export interface StabilityStatus {
  readonly paused: boolean;
  readonly lastUpdate: bigint;
  readonly nextUpdateAt: bigint;
  readonly marketPriceWad: bigint;
  readonly targetPriceWad: bigint;
  readonly deviationWad: bigint;
  readonly integral: bigint;
  readonly outputWad: bigint;
  readonly factorBps: bigint;
  readonly deviationBps: bigint;
  readonly buyBonusBps: bigint;
  readonly buyPenaltyBps: bigint;
  readonly sellBonusBps: bigint;
  readonly sellPenaltyBps: bigint;
  readonly demurrageBps: bigint;
}

/**
 * Reads the controller's state and outputs in one call.
 *
 * @example
 * const s = await readStability(connectCaesarStability(book, provider));
 * s.factorBps; // 10000n while the price is within the deadband
 */
export async function readStability(controller: StabilityController): Promise<StabilityStatus> {
  const s = await controller.status();
  return {
    paused: s[0],
    lastUpdate: s[1],
    nextUpdateAt: s[2],
    marketPriceWad: s[3],
    targetPriceWad: s[4],
    deviationWad: s[5],
    integral: s[6],
    outputWad: s[7],
    factorBps: s[8],
    deviationBps: s[9],
    buyBonusBps: s[10],
    buyPenaltyBps: s[11],
    sellBonusBps: s[12],
    sellPenaltyBps: s[13],
    demurrageBps: s[14],
  };
}
