/**
 * Parsing and formatting of token amounts and addresses. Amounts are bigint end to end: no number,
 * no float, no scientific notation, no hex; anything surprising is an {@link InvalidArgumentError}.
 */
import { getAddress, isAddress } from "ethers";
import { InvalidArgumentError } from "./errors";

/** Decimals of QUIV (and of every ERC-20 of the kit). */
export const DECIMALS = 18;

const DECIMAL_RE = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal token amount ("12.5") into base units (wei) with `decimals` decimals.
 * Rejects negatives, more fractional digits than `decimals`, hex, exponents, spaces, NaN and empty input.
 *
 * @param value a plain decimal string such as `"1000"` or `"0.000000000000000001"`; a bigint is returned as is
 *   (after the sign check)
 * @param decimals digits after the point (18 for QUIV)
 * @returns the amount in base units
 * @example
 * parseAmount("12.5"); // 12_500_000_000_000_000_000n
 * parseAmount("1", 6); // 1_000_000n
 */
export function parseAmount(value: string | bigint, decimals: number = DECIMALS): bigint {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 77) {
    throw new InvalidArgumentError(`decimals must be an integer in [0, 77]`, { details: { decimals } });
  }
  if (typeof value === "bigint") {
    if (value < 0n) throw new InvalidArgumentError("amount must not be negative", { details: { value } });
    return value;
  }
  if (typeof value !== "string") {
    throw new InvalidArgumentError("amount must be a decimal string or a bigint", { details: { type: typeof value } });
  }
  if (value.trim().startsWith("-")) {
    throw new InvalidArgumentError(`amount must not be negative: "${value}"`, { details: { value } });
  }
  const m = DECIMAL_RE.exec(value);
  if (!m) {
    throw new InvalidArgumentError(`not a plain decimal amount: "${value}" (use digits and one optional ".")`, {
      details: { value },
    });
  }
  const [, whole, frac = ""] = m;
  if (frac.length > decimals) {
    throw new InvalidArgumentError(`amount "${value}" has more than ${decimals} decimals`, {
      details: { value, decimals },
    });
  }
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
}

/**
 * Parses an amount given in base units (wei) as a decimal integer string.
 *
 * @example
 * parseBaseUnits("1500"); // 1500n
 */
export function parseBaseUnits(value: string): bigint {
  if (!/^\d+$/.test(value)) {
    throw new InvalidArgumentError(`not a non-negative integer: "${value}"`, { details: { value } });
  }
  return BigInt(value);
}

/**
 * Formats base units as a decimal string with no trailing zeros (`"12.5"`, `"1000"`); exact, never rounded.
 *
 * @example
 * formatAmount(12_500_000_000_000_000_000n); // "12.5"
 * formatAmount(-1n); // "-0.000000000000000001"
 */
export function formatAmount(value: bigint, decimals: number = DECIMALS): string {
  if (typeof value !== "bigint") throw new InvalidArgumentError("formatAmount expects a bigint");
  const neg = value < 0n;
  const abs = neg ? -value : value;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  const frac = (abs % base).toString().padStart(decimals, "0").replace(/0+$/, "");
  return (neg ? "-" : "") + whole.toString() + (frac ? "." + frac : "");
}

/**
 * Validates an address and returns its checksummed form. Accepts all-lowercase or all-uppercase hex,
 * rejects mixed case with a wrong checksum, ENS names and anything that is not 20 bytes.
 *
 * @param label what the address is, for the error message
 * @example
 * parseAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"); // "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
 */
export function parseAddress(value: string, label = "address"): string {
  if (typeof value !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw new InvalidArgumentError(`${label} is not a 0x-prefixed 20-byte hex address: "${String(value)}"`, {
      details: { [label]: value },
    });
  }
  if (!isAddress(value)) {
    throw new InvalidArgumentError(`${label} has a bad checksum: "${value}"`, { details: { [label]: value } });
  }
  return getAddress(value);
}
