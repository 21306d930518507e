/**
 * Time and token units of the tests, in one place (bigint, as the contracts and the SDK take them). Economy
 * fixtures re-export them under their token's name (test/quiver/fixtures/foundation.ts: `QUIV`).
 */

/** One hour in seconds. */
export const HOUR = 3_600n;
/** One day in seconds. */
export const DAY = 86_400n;
/** One hour and one day in seconds as numbers, for the time helpers (`time.increase`) that take a number. */
export const HOUR_S = 3_600;
export const DAY_S = 86_400;
/** One whole token of 18 decimals, in wei. */
export const TOKEN = 10n ** 18n;

/**
 * `n` whole tokens of 18 decimals, in wei.
 *
 * @example
 * tokens(1_000n); // 1000 * 10^18
 */
export function tokens(n: bigint | number): bigint {
  return BigInt(n) * TOKEN;
}
