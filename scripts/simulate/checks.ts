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
}

export function runCheck(preset: string, check: Check, series: readonly Row[]): CheckResult {
  const rows = check.finalOnly ? series.slice(-1) : series;
  const bad = rows.find((r) => !check.ok(r));
  return {
    name: check.name,
    preset,
    pass: bad === undefined,
    firstFailureDay: bad === undefined ? null : Number(bad.day),
    detail: check.description,
  };
}

const n = (r: Row, k: string) => Number(r[k]);

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
  attackerProfit: {
    name: "attacker profit <= 0",
    description: "the attacker's cumulative profit at the end of the run (in the preset's token) is not positive",
    ok: (r: Row) => n(r, "attackerProfit") <= 0,
    finalOnly: true,
  },
} satisfies Record<string, Check>;
