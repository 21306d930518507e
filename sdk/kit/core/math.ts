/**
 * Integer math shared by the SDK's mirrors of the contracts: basis points and `mulDiv` with an explicit
 * rounding direction, as OpenZeppelin's `Math.mulDiv(a, b, d, Rounding)` computes it (bigints never overflow).
 */

/** 100% in basis points (contracts/utils/Constants.sol `BPS`). */
export const BPS = 10_000n;

/** 1.0 in 18-decimal fixed point (contracts/utils/Constants.sol `WAD`). */
export const WAD = 10n ** 18n;

/** Seconds in an hour and in a day (durations of the parameter catalogues, block timestamps). */
export const HOUR = 3_600n;
export const DAY = 86_400n;

/** Largest uint256, the range of on-chain amounts. */
export const MAX_UINT256 = (1n << 256n) - 1n;

/**
 * `floor(a * b / d)` for non-negative operands, like `Math.mulDiv(a, b, d, Rounding.Floor)`.
 *
 * @example
 * mulDivDown(10n, 3n, 4n); // 7n
 */
export function mulDivDown(a: bigint, b: bigint, d: bigint): bigint {
  return (a * b) / d;
}

/**
 * `ceil(a * b / d)` for non-negative operands, like `Math.mulDiv(a, b, d, Rounding.Ceil)`.
 *
 * @example
 * mulDivUp(10n, 3n, 4n); // 8n
 */
export function mulDivUp(a: bigint, b: bigint, d: bigint): bigint {
  const p = a * b;
  return p === 0n ? 0n : (p - 1n) / d + 1n;
}
