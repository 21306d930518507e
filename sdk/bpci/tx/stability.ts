/**
 * Typed requests and flows for the BPCI stability monitor: check, propose an intervention (registry keys by name),
 * execute, cancel.
 */
import type { Signer, TransactionReceipt } from "ethers";
import { parseAddress } from "../../kit/core/units";
import { uintArg } from "../../kit/core/args";
import { InvalidArgumentError } from "../../kit/core/errors";
import { eventArgs } from "../../kit/chain/events";
import { send, writeRequest, type WriteName, type WriteRequest } from "../../kit/tx/request";
import type { SendOptions } from "../../kit/tx/send";
import { STABILITY_ABI, type StabilityMonitor } from "../chain/contracts";
import { findBpciParameter, parameterKey } from "../core/parameters";

type Monitor<F extends WriteName<StabilityMonitor>> = WriteRequest<StabilityMonitor, F>;

/** One change of an intervention: a BPCI registry parameter by name and its new value. */
export interface InterventionChange {
  readonly name: string;
  readonly value: bigint;
}

/** `StabilityMonitor.check()` (anyone). */
export function buildStabilityCheck(monitor: string): Monitor<"check"> {
  return writeRequest(STABILITY_ABI, parseAddress(monitor, "monitor"), "check", []);
}

/**
 * `StabilityMonitor.propose(keys, values, description)` (PROPOSER_ROLE, the council). Names must be BPCI catalogue
 * parameters; the contract checks that they are approved and within bounds.
 */
export function buildInterventionPropose(
  monitor: string,
  changes: readonly InterventionChange[],
  description: string,
): Monitor<"propose"> {
  if (changes.length === 0) throw new InvalidArgumentError("an intervention needs at least one change");
  for (const c of changes) {
    if (!findBpciParameter(c.name)) throw new InvalidArgumentError(`unknown BPCI parameter "${c.name}"`);
  }
  return writeRequest(STABILITY_ABI, parseAddress(monitor, "monitor"), "propose", [
    changes.map((c) => parameterKey(c.name)),
    changes.map((c) => uintArg(c.value, c.name)),
    description,
  ]);
}

/** `StabilityMonitor.execute(id)` (anyone, while Executable). */
export function buildInterventionExecute(monitor: string, id: bigint): Monitor<"execute"> {
  return writeRequest(STABILITY_ABI, parseAddress(monitor, "monitor"), "execute", [uintArg(id, "interventionId")]);
}

/** `StabilityMonitor.cancel(id)` (CANCELLER_ROLE: the timelock, the guardian). */
export function buildInterventionCancel(monitor: string, id: bigint): Monitor<"cancel"> {
  return writeRequest(STABILITY_ABI, parseAddress(monitor, "monitor"), "cancel", [uintArg(id, "interventionId")]);
}

/**
 * Queues an intervention from the signer (the council's account); returns its id, ETA and expiry.
 *
 * @example
 * const { interventionId, eta } = await proposeIntervention(council, monitor, [{ name: "bpci.aur.marginBps", value: 300n }], "margin 3%");
 */
export async function proposeIntervention(
  signer: Signer,
  monitor: string,
  changes: readonly InterventionChange[],
  description: string,
  options?: SendOptions,
): Promise<{ receipt: TransactionReceipt; interventionId: bigint; eta: bigint; expiresAt: bigint }> {
  const receipt = await send(signer, buildInterventionPropose(monitor, changes, description), options);
  const ev = eventArgs(receipt, STABILITY_ABI.iface, "InterventionProposed");
  return {
    receipt,
    interventionId: ev.interventionId as bigint,
    eta: ev.eta as bigint,
    expiresAt: ev.expiresAt as bigint,
  };
}
