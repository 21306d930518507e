/**
 * QUIVer staking specifics mirrored from `ProviderStaking.sol`: how a slash case takes stake. The share, tier and
 * reward math is the kit's (`sdk/kit/core/staking.ts`).
 */
import { BPS, mulDivDown, mulDivUp } from "../../kit/core/math";

/** The split of a slash of `amount` between a pool's bonded and unbonding stake (bonded part rounded up). */
export function slashParts(
  amount: bigint,
  bonded: bigint,
  unbonding: bigint,
): { fromBonded: bigint; fromUnbonding: bigint } {
  const fromBonded = bonded + unbonding === 0n ? 0n : mulDivUp(amount, bonded, bonded + unbonding);
  return { fromBonded, fromUnbonding: amount - fromBonded };
}

/** Largest slash a case with `snapshot` allows: floor(snapshot * maxSlashBps / 10,000). */
export function maxSlash(snapshot: bigint, maxSlashBps: bigint): bigint {
  return mulDivDown(snapshot, maxSlashBps, BPS);
}
