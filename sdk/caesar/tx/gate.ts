/**
 * Writes of CAESAR's StabilityGate: market buys and sells through the gate (traded at once or queued when
 * destabilizing beyond the delay threshold), the queue's execute / cancel / refund, and the breaker's poke.
 */
import type { Signer, TransactionReceipt } from "ethers";
import { parseAddress } from "../../kit/core/units";
import { uintArg } from "../../kit/core/args";
import { eventsOf } from "../../kit/chain/events";
import { sendWithAllowance, writeRequest, type WriteName, type WriteRequest } from "../../kit/tx/request";
import type { SendOptions } from "../../kit/tx/send";
import { GATE_ABI, type StabilityGate } from "../chain/contracts";

type Gate<F extends WriteName<StabilityGate>> = WriteRequest<StabilityGate, F>;

/** `StabilityGate.buy(quoteIn, minOut, deadline)` (quote-token allowance needed: use {@link marketTrade}). */
export function buildGateBuy(gate: string, quoteIn: bigint, minOut: bigint, deadline: bigint): Gate<"buy"> {
  return writeRequest(GATE_ABI, parseAddress(gate, "gate"), "buy", [
    uintArg(quoteIn, "quoteIn"),
    uintArg(minOut, "minOut"),
    uintArg(deadline, "deadline"),
  ]);
}

/** `StabilityGate.sell(caesarIn, minOut, deadline)` (CAESAR allowance needed: use {@link marketTrade}). */
export function buildGateSell(gate: string, caesarIn: bigint, minOut: bigint, deadline: bigint): Gate<"sell"> {
  return writeRequest(GATE_ABI, parseAddress(gate, "gate"), "sell", [
    uintArg(caesarIn, "caesarIn"),
    uintArg(minOut, "minOut"),
    uintArg(deadline, "deadline"),
  ]);
}

/** `StabilityGate.execute(id)`: an Executable entry, by its trader. */
export function buildQueueExecute(gate: string, id: bigint): Gate<"execute"> {
  return writeRequest(GATE_ABI, parseAddress(gate, "gate"), "execute", [uintArg(id, "id")]);
}

/** `StabilityGate.cancel(id)`: a Queued or Executable entry, by its trader (exact refund). */
export function buildQueueCancel(gate: string, id: bigint): Gate<"cancel"> {
  return writeRequest(GATE_ABI, parseAddress(gate, "gate"), "cancel", [uintArg(id, "id")]);
}

/** `StabilityGate.refund(id)`: an Expired entry, by anyone (exact refund to its trader). */
export function buildQueueRefund(gate: string, id: bigint): Gate<"refund"> {
  return writeRequest(GATE_ABI, parseAddress(gate, "gate"), "refund", [uintArg(id, "id")]);
}

/** `StabilityGate.poke()`: trips or re-arms the breaker from the controller's deviation (anyone). */
export function buildGatePoke(gate: string): Gate<"poke"> {
  return writeRequest(GATE_ABI, parseAddress(gate, "gate"), "poke", []);
}

/** What a gate trade did: traded (amountOut, bonus, penalty) or queued (id). */
export interface MarketTradeResult {
  readonly receipt: TransactionReceipt;
  readonly queuedId?: bigint;
  readonly amountOut?: bigint;
  readonly bonus?: bigint;
  readonly penalty?: bigint;
}

/**
 * A market buy (`side` "buy": `amount` quote wei in) or sell ("sell": `amount` CAESAR wei in) through the gate,
 * approving exactly `amount` of the input token first when the allowance is short (pre-flighted, reset on failure).
 *
 * @example
 * const r = await marketTrade(wallet, { gate, caesar, quote }, "sell", 10n ** 21n, 0n, deadline);
 * r.queuedId ?? r.amountOut;
 */
export async function marketTrade(
  signer: Signer,
  addrs: { gate: string; caesar: string; quote: string },
  side: "buy" | "sell",
  amount: bigint,
  minOut: bigint,
  deadline: bigint,
  options?: SendOptions,
): Promise<MarketTradeResult> {
  const gate = parseAddress(addrs.gate, "gate");
  const r =
    side === "buy" ? buildGateBuy(gate, amount, minOut, deadline) : buildGateSell(gate, amount, minOut, deadline);
  const token = side === "buy" ? addrs.quote : addrs.caesar;
  const receipt = await sendWithAllowance(signer, token, amount, r, options);
  const [q] = eventsOf(receipt, GATE_ABI.iface, "TradeQueued", gate);
  if (q !== undefined) return { receipt, queuedId: q.id as bigint };
  const [t] = eventsOf(receipt, GATE_ABI.iface, "GateTraded", gate);
  return { receipt, amountOut: t?.amountOut as bigint, bonus: t?.bonus as bigint, penalty: t?.penalty as bigint };
}
