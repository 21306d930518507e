/**
 * Readers of the BPCI billing meter: one settlement with its derived state by name.
 */
import type { BpciContracts } from "./contracts";
import { SettlementState, type BillingTotals, type SettlementStateName } from "../core/billing";

/** The settlement state names, by value (`IBillingMeter.SettlementState`). */
export const SETTLEMENT_STATES = Object.keys(SettlementState) as SettlementStateName[];

/** One settlement as `kit bpci billing show` prints it. */
export interface BillingSettlement {
  readonly id: bigint;
  readonly state: SettlementStateName;
  readonly period: bigint;
  readonly root: string;
  readonly records: bigint;
  readonly payer: string;
  readonly payBy: bigint;
  /** When the totals were paid (0 = not paid). */
  readonly paidAt: bigint;
  readonly totals: BillingTotals;
}

/**
 * Settlement `id` of the meter and its derived state (reverts with BillingUnexpectedState for an unknown id).
 *
 * @example
 * const s = await readBillingSettlement(b, 1n); // { state: "Committed", payBy: ..., totals: { gen, nex, flx, aur, usd } }
 */
export async function readBillingSettlement(b: Pick<BpciContracts, "billing">, id: bigint): Promise<BillingSettlement> {
  const [s, state] = await Promise.all([b.billing.getSettlement(id), b.billing.state(id)]);
  const t = s.totals;
  return {
    id,
    state: SETTLEMENT_STATES[Number(state)],
    period: s.period,
    root: s.root,
    records: s.records,
    payer: s.payer,
    payBy: s.payBy,
    paidAt: s.paidAt,
    totals: { gen: t.gen, nex: t.nex, flx: t.flx, aur: t.aur, usd: t.usd },
  };
}
