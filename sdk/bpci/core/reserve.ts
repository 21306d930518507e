/**
 * AUR reserve coverage, bigint-exact mirror of `contracts/bpci/tokens/libraries/AurReserveMath.sol` (differential
 * test: test/bpci/core/reserve.diff.test.ts), plus the guard `AurToken.mint` applies. Pure: no provider.
 */
import { RuleError } from "../../kit/core/errors";
import { BPS } from "../../kit/core/math";

/**
 * Reserves needed for a supply of `supplyAfter` at `marginBps`, rounded up (against the issuer).
 *
 * @example
 * requiredReservesUp(1_000n, 200n); // 1_020n
 * requiredReservesUp(1n, 1n); // 2n (the margin never rounds to zero)
 */
export function requiredReservesUp(supplyAfter: bigint, marginBps: bigint): bigint {
  const num = supplyAfter * (BPS + marginBps);
  return (num + BPS - 1n) / BPS;
}

/**
 * The largest mint `reserves` cover on top of `supply` at `marginBps`, rounded down (0 if none).
 *
 * @example
 * maxMintableDown(1_020n, 0n, 200n); // 1_000n
 */
export function maxMintableDown(reserves: bigint, supply: bigint, marginBps: bigint): bigint {
  const covered = (reserves * BPS) / (BPS + marginBps);
  return covered > supply ? covered - supply : 0n;
}

/**
 * Throws the SDK twin of `AurReservesInsufficient(issuer, amount, reserves, required)` when `AurToken.mint` would
 * refuse the mint; returns the required reserves otherwise.
 *
 * @example
 * assertMintCovered("0x..", 1_000n, 1_020n, 0n, 200n); // 1_020n
 */
export function assertMintCovered(
  issuer: string,
  amount: bigint,
  reserves: bigint,
  supply: bigint,
  marginBps: bigint,
): bigint {
  const required = requiredReservesUp(supply + amount, marginBps);
  if (reserves < required) {
    throw new RuleError("AUR reserves do not cover the mint", {
      errorName: "AurReservesInsufficient",
      args: [issuer, amount, reserves, required],
    });
  }
  return required;
}
