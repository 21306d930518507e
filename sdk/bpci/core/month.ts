/**
 * Calendar months against PoeMining's owner-salary periods: the seed reports owner salary per month
 * (`owner-salary --report --month 2026-11`), the contract per `SALARY_PERIOD`-long period from its deployment. A month
 * is reported as every period that overlaps it, each with its own dates. Pure: no provider.
 */
import { InvalidArgumentError } from "../../kit/core/errors";

/** Most periods one month may span: a guard against a deployment with very short periods (30-day default: 1 or 2). */
export const MAX_PERIODS_PER_MONTH = 62;

/** `[start, end)` of a calendar month `YYYY-MM` in UTC, unix seconds. Throws InvalidArgumentError on other text. */
export function monthBounds(month: string): { start: bigint; end: bigint } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new InvalidArgumentError(`month must be YYYY-MM, got "${month}"`, { details: { month } });
  const [year, mon] = [Number(m[1]), Number(m[2])];
  return {
    start: BigInt(Date.UTC(year, mon - 1, 1) / 1000),
    end: BigInt(Date.UTC(year, mon, 1) / 1000),
  };
}

/**
 * The 0-based salary periods (`period` seconds each, the first starting at `genesis`) that overlap the month, in
 * order; empty when the month ends before genesis. Throws InvalidArgumentError when more than
 * {@link MAX_PERIODS_PER_MONTH} would overlap.
 * @example
 * salaryPeriodsOfMonth("2026-11", genesis, 30n * 86_400n); // [3n] or [3n, 4n]
 */
export function salaryPeriodsOfMonth(month: string, genesis: bigint, period: bigint): bigint[] {
  if (period <= 0n) throw new InvalidArgumentError("salary period must be positive", { details: { period } });
  const { start, end } = monthBounds(month);
  if (end <= genesis) return [];
  const first = start <= genesis ? 0n : (start - genesis) / period;
  const last = (end - 1n - genesis) / period; // the period holding the month's last second
  if (last - first + 1n > BigInt(MAX_PERIODS_PER_MONTH)) {
    throw new InvalidArgumentError(`month ${month} spans more than ${MAX_PERIODS_PER_MONTH} salary periods`, {
      details: { month, period, periods: last - first + 1n },
    });
  }
  const out: bigint[] = [];
  for (let p = first; p <= last; p++) out.push(p);
  return out;
}
