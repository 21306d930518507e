/**
 * Mirror of `contracts/fees/FeeSplit.sol`: every leg but the last is `amount * bps / 10_000` rounded
 * down, the last leg takes the remainder, so the legs sum to the amount exactly.
 */
import { RuleError } from "./errors";
import { BPS } from "./math";
import { uintArg } from "./args";

export { MAX_UINT256 } from "./math";

/**
 * Throws the twin of `FeeSplitNoLegs` / `FeeSplitSharesNotWhole` unless the shares are non-empty and sum
 * to exactly 10,000.
 *
 * @example
 * validateShares([7_000n, 2_000n, 1_000n]); // ok
 */
export function validateShares(sharesBps: readonly bigint[]): void {
  if (sharesBps.length === 0) {
    throw new RuleError("a split needs at least one leg", { errorName: "FeeSplitNoLegs", args: [] });
  }
  let sum = 0n;
  for (const s of sharesBps) {
    uintArg(s, "share");
    sum += s;
  }
  if (sum !== BPS) {
    throw new RuleError(`shares sum to ${sum} bps, not 10000`, { errorName: "FeeSplitSharesNotWhole", args: [sum] });
  }
}

/**
 * Splits `amount` by basis-point shares exactly like `FeeSplit.split`.
 *
 * @param amount the amount (wei)
 * @param sharesBps shares summing to 10,000; the last leg receives the rounding dust
 * @returns one leg per share, summing to `amount`
 * @example
 * split(1_001n, [7_000n, 2_000n, 1_000n]); // [700n, 200n, 101n]
 */
export function split(amount: bigint, sharesBps: readonly bigint[]): bigint[] {
  uintArg(amount, "amount");
  validateShares(sharesBps);
  const legs: bigint[] = [];
  let rest = amount;
  for (let i = 0; i < sharesBps.length - 1; i++) {
    const leg = (amount * sharesBps[i]) / BPS; // bigint division floors for non-negative operands
    legs.push(leg);
    rest -= leg;
  }
  legs.push(rest);
  return legs;
}

/**
 * Two-way split exactly like `FeeSplit.split2`: `first = floor(amount * firstBps / 10_000)`, `second` the rest.
 *
 * @example
 * split2(999n, 2_500n); // { first: 249n, second: 750n }
 */
export function split2(amount: bigint, firstBps: bigint): { first: bigint; second: bigint } {
  uintArg(amount, "amount");
  uintArg(firstBps, "firstBps");
  if (firstBps > BPS) {
    throw new RuleError(`first share ${firstBps} bps exceeds 10000`, {
      errorName: "FeeSplitSharesNotWhole",
      args: [firstBps],
    });
  }
  const first = (amount * firstBps) / BPS;
  return { first, second: amount - first };
}
