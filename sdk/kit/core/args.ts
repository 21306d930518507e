/**
 * Argument checks shared by every builder: each returns the value it checked (so a builder reads as its call) and
 * throws {@link InvalidArgumentError} naming the argument otherwise.
 */
import { InvalidArgumentError } from "./errors";
import { MAX_UINT256 } from "./math";

/**
 * A non-negative bigint at most `max` (default uint256).
 *
 * @example
 * uintArg(1n, "jobId"); // 1n
 */
export function uintArg(value: bigint, label: string, max: bigint = MAX_UINT256): bigint {
  if (typeof value !== "bigint") throw new InvalidArgumentError(`${label} must be a bigint`);
  if (value < 0n) throw new InvalidArgumentError(`${label} must not be negative`, { details: { [label]: value } });
  if (value > max) {
    const bound = max === MAX_UINT256 ? "uint256" : `its maximum ${max}`;
    throw new InvalidArgumentError(`${label} exceeds ${bound}`, { details: { [label]: value, max } });
  }
  return value;
}

/**
 * A bigint that fits an int256.
 *
 * @example
 * intArg(-1n, "answer"); // -1n
 */
export function intArg(value: bigint, label: string): bigint {
  if (typeof value !== "bigint") throw new InvalidArgumentError(`${label} must be a bigint`);
  if (value < -(2n ** 255n) || value >= 2n ** 255n) {
    throw new InvalidArgumentError(`${label} exceeds int256`, { details: { [label]: value } });
  }
  return value;
}

/**
 * Basis points: 0..10,000 (100%).
 *
 * @example
 * bpsArg(1_000n, "commissionBps"); // 10%
 */
export function bpsArg(value: bigint, label: string): bigint {
  if (uintArg(value, label) > 10_000n) {
    throw new InvalidArgumentError(`${label} must be at most 10000 bps (100%)`, { details: { [label]: value } });
  }
  return value;
}

/**
 * A 0x-prefixed 32-byte hex string, lower-cased; zero is refused unless `nonZero` is false.
 *
 * @example
 * bytes32Arg(id("output"), "outputHash");
 */
export function bytes32Arg(value: string, label: string, nonZero = true): string {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new InvalidArgumentError(`${label} must be a 0x-prefixed 32-byte hex string`, {
      details: { [label]: value },
    });
  }
  if (nonZero && /^0x0{64}$/.test(value)) throw new InvalidArgumentError(`${label} must not be zero`);
  return value.toLowerCase();
}

/**
 * An integer `number` in `min..max` (small enums: tiers, size classes, scores).
 *
 * @example
 * smallIntArg(90, "score", 0, 100);
 */
export function smallIntArg(value: number, label: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`${label} must be an integer ${min}..${max}`, { details: { [label]: value } });
  }
  return value;
}

/**
 * One of `allowed` (a runtime check of a name a typed caller cannot get wrong, for JavaScript callers and the CLI).
 *
 * @example
 * oneOf("confirm", ["confirm", "release"] as const, "job action");
 */
export function oneOf<T extends string>(value: T, allowed: readonly T[], label: string): T {
  if (!allowed.includes(value)) throw new InvalidArgumentError(`unknown ${label} "${value}"`);
  return value;
}
