/**
 * BPCI proof-of-economic-activity math, bigint-exact mirror of contracts/bpci/mining/PoeMath.sol (differential test:
 * test/bpci/core/poe.diff.test.ts). WAD (1e18) fixed point for Phi, Gamma, weights, uptime, quality and the
 * NEX-per-work cap; basis points for the fee and its shares. Every step rounds down except the job fee and the merged
 * vesting end (up). Pure: no provider.
 */
import { BPS, WAD } from "../../kit/core/math";

/** The ten economic job types, in the order of IPoeMining.JobType. */
export const POE_JOB_TYPES = [
  "Transaction",
  "Storage",
  "Compute",
  "CrossBorderTransfer",
  "ValidatorReward",
  "Hosting",
  "BankMeshSettlement",
  "Liquidity",
  "GovernanceVote",
  "Audit",
] as const;
export type PoeJobType = (typeof POE_JOB_TYPES)[number];

/** Inputs of the PoE index of one epoch (18 decimals). */
export interface PhiInputs {
  readonly volume: bigint;
  readonly liquidity: bigint;
  readonly uptime: bigint;
  readonly quality: bigint;
}
/** Weights (WAD) and non-zero scales of the PoE index. */
export interface PhiParams {
  readonly wV: bigint;
  readonly wL: bigint;
  readonly wU: bigint;
  readonly wQ: bigint;
  readonly scaleV: bigint;
  readonly scaleL: bigint;
}

const ceilDiv = (a: bigint, b: bigint) => (a === 0n ? 0n : (a - 1n) / b + 1n);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Phi = wV volume / scaleV + wL liquidity / scaleL + wU uptime + wQ quality (WAD, each term floored). */
export function phi(x: PhiInputs, p: PhiParams): bigint {
  return (
    (p.wV * x.volume) / p.scaleV + (p.wL * x.liquidity) / p.scaleL + (p.wU * x.uptime) / WAD + (p.wQ * x.quality) / WAD
  );
}

/** One EMA step, alpha in basis points, floored. */
export function ema(previous: bigint, raw: bigint, alphaBps: bigint): bigint {
  return (raw * alphaBps + previous * (BPS - alphaBps)) / BPS;
}

/** Gamma(Phi) = Phi / (1 + Phi) in WAD, floored. */
export function gamma(phiWad: bigint): bigint {
  return (phiWad * WAD) / (WAD + phiWad);
}

/** An epoch's issuance: min(base x Gamma(Phi), maxNexPerWork x work); withheld = base - issued. */
export function issuance(
  base: bigint,
  phiWad: bigint,
  work: bigint,
  maxNexPerWork: bigint,
): { issued: bigint; withheld: bigint } {
  const issued = min((base * gamma(phiWad)) / WAD, (work * maxNexPerWork) / WAD);
  return { issued, withheld: base - issued };
}

/** A job's fee: value x feeBps / 10,000 rounded up. */
export function poeFee(value: bigint, feeBps: bigint): bigint {
  return ceilDiv(value * feeBps, BPS);
}

/** The four legs of a fee; the treasury takes the remainder share and the dust (FeeSplit.splitWithRemainder). */
export function feeLegs(
  amount: bigint,
  lockBps: bigint,
  spendBps: bigint,
  ownerBps: bigint,
): { locked: bigint; spendable: bigint; owner: bigint; treasury: bigint } {
  if (lockBps + spendBps + ownerBps > BPS)
    throw new Error("FeeSplitSharesNotWhole: the given shares exceed 10,000 bps");
  const locked = (amount * lockBps) / BPS;
  const spendable = (amount * spendBps) / BPS;
  const owner = (amount * ownerBps) / BPS;
  return { locked, spendable, owner, treasury: amount - locked - spendable - owner };
}

/** An owner leg against the period's ceiling: what the owner receives, what goes to the treasury. */
export function salary(earned: bigint, leg: bigint, ceiling: bigint): { toOwner: bigint; toTreasury: bigint } {
  const room = ceiling > earned ? ceiling - earned : 0n;
  const toOwner = min(leg, room);
  return { toOwner, toTreasury: leg - toOwner };
}

/** Vested part of a linear line of `locked` from `start` to `end` at `now` (floored; all of it from `end`). */
export function vested(locked: bigint, start: bigint, end: bigint, now: bigint): bigint {
  if (now >= end) return locked;
  if (now <= start) return 0n;
  return (locked * (now - start)) / (end - start);
}

/** End of the merged line when `amount` joins `unvested` ending at `end`, at `now`, with `period` (rounded up). */
export function mergedEnd(unvested: bigint, end: bigint, amount: bigint, now: bigint, period: bigint): bigint {
  const fresh = now + period;
  if (unvested === 0n || end <= now) return fresh;
  return ceilDiv(unvested * end + amount * fresh, unvested + amount);
}

/** A miner's share of an epoch's issuance, floored. */
export function issuanceShare(issued: bigint, work: bigint, totalWork: bigint): bigint {
  return (issued * work) / totalWork;
}

/** The 0-based salary period of `timestamp` for a contract deployed at `genesis` (`period` seconds each). */
export function salaryPeriodOf(timestamp: bigint, genesis: bigint, period: bigint): bigint {
  return (timestamp - genesis) / period;
}

/**
 * The wash-trading balance of a requester that pays its own sybil miner a job of `value` (NEX-equivalent, weight 1):
 * it loses the owner and treasury legs of the fee (the miner legs come back to it) and at most mints
 * min(base x Gamma(Phi) x work / totalWork, maxNexPerWork x work) NEX. Returns both (NEX-equivalent wei).
 */
export function washBalance(args: {
  value: bigint;
  feeBps: bigint;
  lockBps: bigint;
  spendBps: bigint;
  ownerBps: bigint;
  base: bigint;
  phiWad: bigint;
  maxNexPerWork: bigint;
  otherWork: bigint;
}): { lost: bigint; minted: bigint } {
  const f = poeFee(args.value, args.feeBps);
  const legs = feeLegs(f, args.lockBps, args.spendBps, args.ownerBps);
  const total = args.otherWork + f;
  const { issued } = issuance(args.base, args.phiWad, total, args.maxNexPerWork);
  // No fee-paying work at all (a zero fee): nothing to share, nothing minted (PoeMining has no claim without work).
  return { lost: legs.owner + legs.treasury, minted: total === 0n ? 0n : issuanceShare(issued, f, total) };
}
