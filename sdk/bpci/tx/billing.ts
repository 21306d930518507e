/**
 * Typed requests and flows for the BPCI billing meter: commit a period's tree, pay a settlement (approving each of
 * the four tokens for exactly its total first), cancel.
 */
import type { Signer, TransactionReceipt } from "ethers";
import { parseAddress } from "../../kit/core/units";
import { uintArg } from "../../kit/core/args";
import { eventArgs } from "../../kit/chain/events";
import { ensureAllowance, send, writeRequest, type WriteName, type WriteRequest } from "../../kit/tx/request";
import type { SendOptions } from "../../kit/tx/send";
import { BILLING_ABI, type BillingMeter, type BpciContracts } from "../chain/contracts";
import type { BillingTotals, BillingTree } from "../core/billing";

type Meter<F extends WriteName<BillingMeter>> = WriteRequest<BillingMeter, F>;

/** `BillingMeter.commit(period, root, records, payer, totals)` (OPERATOR_ROLE). */
export function buildBillingCommit(
  meter: string,
  period: bigint,
  root: string,
  records: number,
  payer: string,
  totals: BillingTotals,
): Meter<"commit"> {
  return writeRequest(BILLING_ABI, parseAddress(meter, "meter"), "commit", [
    uintArg(period, "period"),
    root,
    BigInt(records),
    parseAddress(payer, "payer"),
    { gen: totals.gen, nex: totals.nex, flx: totals.flx, aur: totals.aur, usd: totals.usd },
  ]);
}

/** `BillingMeter.pay(settlementId)` (the payer, with allowances for the four totals). */
export function buildBillingPay(meter: string, settlementId: bigint): Meter<"pay"> {
  return writeRequest(BILLING_ABI, parseAddress(meter, "meter"), "pay", [uintArg(settlementId, "settlementId")]);
}

/** `BillingMeter.cancel(settlementId)` (OPERATOR_ROLE, before payment). */
export function buildBillingCancel(meter: string, settlementId: bigint): Meter<"cancel"> {
  return writeRequest(BILLING_ABI, parseAddress(meter, "meter"), "cancel", [uintArg(settlementId, "settlementId")]);
}

/**
 * Commits `tree` as the settlement of `period`, paid by `payer`; returns the new settlement's id.
 *
 * @example
 * const tree = buildBillingTree(records);
 * const { settlementId } = await commitBilling(operator, meter, 20_000n, tree, payer);
 */
export async function commitBilling(
  signer: Signer,
  meter: string,
  period: bigint,
  tree: BillingTree,
  payer: string,
  options?: SendOptions,
): Promise<{ receipt: TransactionReceipt; settlementId: bigint; payBy: bigint }> {
  const receipt = await send(
    signer,
    buildBillingCommit(meter, period, tree.root, tree.records.length, payer, tree.totals),
    options,
  );
  const ev = eventArgs(receipt, BILLING_ABI.iface, "SettlementCommitted");
  return { receipt, settlementId: ev.settlementId as bigint, payBy: ev.payBy as bigint };
}

/**
 * Pays settlement `settlementId` from the signer: approves the meter for exactly each non-zero total it does not
 * already cover (GEN, NEX, FLX, AUR), then pays. Returns the payment receipt and the totals paid.
 */
export async function payBilling(
  signer: Signer,
  b: Pick<BpciContracts, "billing" | "gen" | "nex" | "flx" | "aur">,
  settlementId: bigint,
  options?: SendOptions,
): Promise<{ receipt: TransactionReceipt; totals: BillingTotals }> {
  const meter = b.billing.target as string;
  const t = (await b.billing.getSettlement(settlementId)).totals;
  const totals = { gen: t.gen, nex: t.nex, flx: t.flx, aur: t.aur, usd: t.usd };
  for (const [token, amount] of [
    [b.gen, totals.gen],
    [b.nex, totals.nex],
    [b.flx, totals.flx],
    [b.aur, totals.aur],
  ] as const) {
    if (amount > 0n) await ensureAllowance(signer, token.target as string, meter, amount, options);
  }
  const receipt = await send(signer, buildBillingPay(meter, settlementId), options);
  return { receipt, totals };
}
