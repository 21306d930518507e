/**
 * FLX rebase math, bigint-exact mirror of `contracts/bpci/tokens/libraries/FlxRebaseMath.sol` (same names, same
 * rounding; differential test: test/bpci/core/rebase.diff.test.ts). Pure: no provider.
 *
 * Accounts hold gons; `gonsPerFragment = totalGons / supply` (floor) and `balance = gons / gonsPerFragment` (floor).
 * A rebase changes the supply only, by `delta = clamp((usage - target) / target, +-maxBps)` (0 in the deadband).
 */
import { InvalidArgumentError } from "../../kit/core/errors";
import { WAD } from "../../kit/core/math";

/** WAD per basis point (1 bps = 1e14). */
export const WAD_PER_BPS = 10n ** 14n;
/** 2^256 - 1. */
const MAX_UINT256 = (1n << 256n) - 1n;
/** FLX's largest supply: 2^104 - 1 wei (`FlxToken.MAX_SUPPLY`). */
export const FLX_MAX_SUPPLY = (1n << 104n) - 1n;

function positive(name: string, v: bigint): void {
  if (v <= 0n) throw new InvalidArgumentError(`${name} must be positive`, { details: { [name]: v.toString() } });
}

/**
 * The total gons for a genesis supply: the largest multiple of it below 2^256.
 *
 * @example
 * totalGonsFor(10n ** 25n) % 10n ** 25n; // 0n
 */
export function totalGonsFor(initialSupply: bigint): bigint {
  positive("initialSupply", initialSupply);
  return MAX_UINT256 - (MAX_UINT256 % initialSupply);
}

/**
 * Gons per fragment at `supply`, rounded down.
 *
 * @example
 * gonsPerFragment(totalGonsFor(1_000n), 1_000n) * 1_000n === totalGonsFor(1_000n); // true
 */
export function gonsPerFragment(totalGons: bigint, supply: bigint): bigint {
  positive("supply", supply);
  return totalGons / supply;
}

/**
 * The fragments `gons` are worth at `gpf` gons per fragment, rounded down (the balance `balanceOf` reports).
 *
 * @example
 * toFragmentsDown(7n, 2n); // 3n
 */
export function toFragmentsDown(gons: bigint, gpf: bigint): bigint {
  positive("gonsPerFragment", gpf);
  return gons / gpf;
}

/**
 * The signed rebase delta (WAD) for `usage` against `target`: `(usage - target) / target` rounded toward zero, 0
 * when its size is below `deadbandBps`, clamped to `maxBps`.
 *
 * @example
 * deltaWad(103n * 10n ** 16n, WAD, 500n, 50n); // 3e16 (+3%)
 * deltaWad(2n * WAD, WAD, 500n, 0n); // 5e16 (clamped at +5%)
 */
export function deltaWad(usage: bigint, target: bigint, maxBps: bigint, deadbandBps: bigint): bigint {
  positive("target", target);
  const up = usage >= target;
  const diff = up ? usage - target : target - usage;
  const bound = maxBps * WAD_PER_BPS;
  let size = diff >= target ? MAX_UINT256 : (diff * WAD) / target;
  if (size < deadbandBps * WAD_PER_BPS) return 0n;
  if (size > bound) size = bound;
  return up ? size : -size;
}

/**
 * The supply after a rebase of `delta` (WAD, > -1e18): `floor(supply * (1e18 + delta) / 1e18)`, capped at
 * `maxSupply`, at least 1.
 *
 * @example
 * nextSupply(1_000n, 5n * 10n ** 16n); // 1_050n
 */
export function nextSupply(supply: bigint, delta: bigint, maxSupply: bigint = FLX_MAX_SUPPLY): bigint {
  if (delta <= -WAD)
    throw new InvalidArgumentError("delta must be above -1e18", { details: { delta: delta.toString() } });
  let next = (supply * (WAD + delta)) / WAD;
  if (next > maxSupply) next = maxSupply;
  if (next === 0n) next = 1n;
  return next;
}

/**
 * What a holder of `gons` sees after a rebase from `supplyBefore` by `delta`: the new supply, gons per fragment and
 * balance (its gons do not change).
 *
 * @example
 * const tg = totalGonsFor(1_000n);
 * balanceAfterRebase(tg / 1_000n * 100n, tg, 1_000n, 5n * 10n ** 16n).balance; // 105n
 */
export function balanceAfterRebase(
  gons: bigint,
  totalGons: bigint,
  supplyBefore: bigint,
  delta: bigint,
  maxSupply: bigint = FLX_MAX_SUPPLY,
): { supply: bigint; gonsPerFragment: bigint; balance: bigint } {
  const supply = nextSupply(supplyBefore, delta, maxSupply);
  const gpf = gonsPerFragment(totalGons, supply);
  return { supply, gonsPerFragment: gpf, balance: toFragmentsDown(gons, gpf) };
}
