/**
 * The named economic checks. Each is a pure function of a preset's daily series, so a test can feed it a bad
 * series (the canary) and see it fail; it returns pass/fail and the first day it failed.
 */
export type Row = Record<string, number | string | boolean>;

export interface CheckResult {
  readonly name: string;
  readonly preset: string;
  readonly pass: boolean;
  /** Day of the first failure, or null. */
  readonly firstFailureDay: number | null;
  readonly detail: string;
}

export interface Check {
  readonly name: string;
  readonly description: string;
  /** True when the row passes. */
  readonly ok: (row: Row) => boolean;
  /** Only the last row is checked (cumulative quantities such as an attacker's profit). */
  readonly finalOnly?: boolean;
  /** A measured quantity appended to the result's detail (e.g. how many days a recovery took). */
  readonly measure?: (series: readonly Row[]) => string;
}

export function runCheck(preset: string, check: Check, series: readonly Row[]): CheckResult {
  const rows = check.finalOnly ? series.slice(-1) : series;
  const bad = rows.find((r) => !check.ok(r));
  return {
    name: check.name,
    preset,
    pass: bad === undefined,
    firstFailureDay: bad === undefined ? null : Number(bad.day),
    detail: check.measure ? `${check.description}: ${check.measure(series)}` : check.description,
  };
}

const n = (r: Row, k: string) => Number(r[k]);

/** The sell shock's recovery on a CAESAR row: not applicable (no shock, or not reached), or in how many days. */
function shockRecovery(r: Row): { applies: boolean; days: number; limit: number; shockDay: number } {
  const shockDay = n(r, "shockDay");
  return {
    applies: shockDay > 0 && n(r, "day") >= shockDay,
    days: n(r, "recoveryDays"),
    limit: n(r, "recoveryLimitDays"),
    shockDay,
  };
}

export const CHECKS = {
  quivMintedUnderCap: {
    name: "QUIV minted <= cap",
    description: "QuivToken.totalMinted() never above cap() on any day",
    ok: (r: Row) => BigInt(String(r.mintedWei)) <= BigInt(String(r.capWei)),
  },
  caesarConservation: {
    name: "CAESAR demurrage conserved",
    description:
      "supply - (sum of balances of every holder seen + accrued) in [0, holders + 1] wei every day (README rounding table, CAESAR_CONSERVATION)",
    ok: (r: Row) => n(r, "conservationErrorWei") >= 0 && n(r, "conservationErrorWei") <= n(r, "holders") + 1,
  },
  aurCoverage: {
    name: "AUR coverage >= 100%",
    description: "reserve feed answer / AUR supply >= 10,000 bps every day with AUR outstanding",
    ok: (r: Row) => n(r, "aurSupply") === 0 || n(r, "aurCoverageBps") >= 10_000,
  },
  aurHaltedWhileStale: {
    name: "AUR minting halted while the feed is stale",
    description: "no AUR minted on a day the reserve feed was stale",
    ok: (r: Row) => !(r.feedStale === true && n(r, "aurMintedToday") > 0),
  },
  flxUsageInBand: {
    name: "FLX usage within +-5% of target",
    description:
      "the usage FLX's rebase reads stays within bpci.flx.maxRebaseBps (5%) of the target (1.0) every day: the rebase keeps up with demand",
    // In the feed's units (8 decimals), so that exactly 5% is not lost to floating point.
    ok: (r: Row) => Math.abs(Math.round(n(r, "flxUsage") * 1e8) - 1e8) <= 5e6,
  },
  caesarShockRecovery: {
    name: "CAESAR price back within +-5% of target after the sell shock",
    description:
      "after the sell shock (scenario shock) the end-of-day spot price returns within +-recoveryBandBps (5%) of target within recoveryLimitDays days (recoveryDays on the last row); passes trivially without a shock",
    ok: (r: Row) => {
      const x = shockRecovery(r);
      return !x.applies || (x.days >= 0 && x.days <= x.limit);
    },
    finalOnly: true,
    measure: (series: readonly Row[]) => {
      const last = series[series.length - 1];
      if (last === undefined) return "no rows";
      const x = shockRecovery(last);
      if (!(x.shockDay > 0)) return "no sell shock in this run (not applicable)";
      if (!x.applies) return `the run ended on day ${n(last, "day")}, before the shock day ${x.shockDay}`;
      if (x.days >= 0) return `recovered in ${x.days} day(s) (day ${x.shockDay + x.days}; limit ${x.limit})`;
      return `not recovered ${n(last, "day") - x.shockDay} day(s) after the shock on day ${x.shockDay} (limit ${x.limit})`;
    },
  },
  attackerProfit: {
    name: "attacker profit <= 0",
    description: "the attacker's cumulative profit at the end of the run (in the preset's token) is not positive",
    ok: (r: Row) => n(r, "attackerProfit") <= 0,
    finalOnly: true,
  },
  feeAttackerProfit: {
    name: "attacker profit <= 0 (against the network fee)",
    description:
      "on every day, the fee attacker's QUIV minus the same wallets' QUIV on that day of the counterfactual pass without the manipulation (scenarios fee-attack-down, -up, -paid, -bids and -bids-ref; 0 elsewhere) is not positive, so an attacker who stops on its best day is not ahead either; gas is out of scope",
    ok: (r: Row) => BigInt(String(r.feeAttackerProfitWei ?? "0")) <= 0n,
    measure: (series: readonly Row[]) => {
      const last = series[series.length - 1];
      if (last === undefined) return "no rows";
      if (last.feeAttack === undefined || last.feeAttack === "none")
        return "no fee attack in this run (not applicable)";
      const best = series.reduce((a, r) =>
        BigInt(String(r.feeAttackerProfitWei ?? "0")) > BigInt(String(a.feeAttackerProfitWei ?? "0")) ? r : a,
      );
      return `${String(last.feeAttack)}: profit ${String(last.feeAttackerProfitWei)} wei (${n(last, "feeAttackerProfit")} QUIV) at the end, best day ${String(best.day)} (${n(best, "feeAttackerProfit")} QUIV); network fee ${n(last, "networkFeeBps")} bps vs ${n(last, "cfNetworkFeeBps")} without the attack, reference price ${n(last, "referencePrice")} vs ${n(last, "cfReferencePrice")} QUIV`;
    },
  },
  meshProposalTally: {
    name: "mesh proposals follow their tally",
    description:
      "every decided BankMesh proposal: approvals + rejections <= the total stake at its snapshot, and Passed/Executed iff approvals >= passThresholdBps of that stake (Rejected otherwise)",
    ok: (r: Row) => Number(r.proposalRuleViolations ?? 0) === 0,
    measure: (series: readonly Row[]) => {
      const last = series[series.length - 1];
      if (last === undefined || last.proposalsMade === undefined) return "no mesh governance in this run";
      return `${n(last, "proposalsMade")} proposal(s), ${n(last, "proposalsExecuted")} executed, ${n(last, "proposalsRejected")} rejected, ${n(last, "proposalsOpen")} open`;
    },
  },
  meshUnbondInFull: {
    name: "a bank's stake back in full after unbonding",
    description:
      "a bank that unbonded its whole stake with no loan open withdraws exactly that amount once the unbonding period has passed (no slash, no loss): the sum of (unbonded - withdrawn) over completed unbondings is 0 wei",
    ok: (r: Row) => BigInt(String(r.unbondShortfallWei ?? "0")) === 0n,
    measure: (series: readonly Row[]) => {
      const last = series[series.length - 1];
      if (last === undefined || last.banksLeft === undefined) return "no bank leaves in this run";
      return `${n(last, "banksLeft")} bank(s) left: ${n(last, "withdrawnNex")} NEX withdrawn of ${n(last, "unbondedNex")} unbonded; ${n(last, "banksUnbonding")} still unbonding`;
    },
  },
  billingToTreasury: {
    name: "billed usage paid reaches the treasury in full",
    description:
      "on every day the treasury's NEX received in the block of the billing payments equals the totals of the settlements paid in it (0 wei difference, cumulative)",
    ok: (r: Row) => BigInt(String(r.billingTreasuryErrorWei ?? "0")) === 0n,
    measure: (series: readonly Row[]) => {
      const last = series[series.length - 1];
      if (last === undefined || last.billingSettlements === undefined) return "no billing in this run";
      return `${n(last, "billingSettlements")} settlement(s) billed (${n(last, "billedNex")} NEX), ${n(last, "billingPaid")} paid (${n(last, "billingPaidNex")} NEX), ${n(last, "billingExpired")} expired`;
    },
  },
} satisfies Record<string, Check>;
