/**
 * Pure bigint mirror of the ProviderStaking math (contracts/staking/libraries/SharesMath.sol, TierMath.sol and the
 * reward accumulator of contracts/staking/StakingPools.sol). No provider; rounding exactly as on chain.
 * A differential test (test/quiver/staking/math.diff.test.ts) checks these against the Solidity libraries.
 */
import { BPS, mulDivDown, mulDivUp } from "./math";

/** Virtual shares of every pool: 10^6 (OZ ERC4626 decimals offset 6). */
export const VIRTUAL_SHARES = 1_000_000n;
/** Virtual tokens of every pool: 1 wei. */
export const VIRTUAL_TOKENS = 1n;
/** Fixed-point scale of the reward accumulators. */
export const ACC_SCALE = 10n ** 36n;

/**
 * Shares minted for `tokens` entering a pool (rounded down, like `SharesMath.toSharesDown`).
 * @example toSharesDown(10n ** 18n, 0n, 0n) // 10n ** 24n
 */
export function toSharesDown(tokens: bigint, totalTokens: bigint, totalShares: bigint): bigint {
  return mulDivDown(tokens, totalShares + VIRTUAL_SHARES, totalTokens + VIRTUAL_TOKENS);
}

/** Shares burned to take `tokens` out of a pool (rounded up, like `SharesMath.toSharesUp`). */
export function toSharesUp(tokens: bigint, totalTokens: bigint, totalShares: bigint): bigint {
  return mulDivUp(tokens, totalShares + VIRTUAL_SHARES, totalTokens + VIRTUAL_TOKENS);
}

/** Token value of `shares` (rounded down, like `SharesMath.toTokensDown`). */
export function toTokensDown(shares: bigint, totalTokens: bigint, totalShares: bigint): bigint {
  return mulDivDown(shares, totalTokens + VIRTUAL_TOKENS, totalShares + VIRTUAL_SHARES);
}

/**
 * Tier after a stake change, with hysteresis (mirror of `TierMath.tierAfter`): keep tier t while
 * stake >= ceil(min_t * demotionBps / 10,000), then climb one tier at a time while the next tier's minimum is
 * reached (with ascending minimums: the highest tier whose minimum is reached).
 * @example tierAfter(950n * 10n ** 18n, 1, [1000n, 10000n, 50000n, 250000n].map((x) => x * 10n ** 18n), 9000n) // 1
 */
export function tierAfter(stake: bigint, current: number, mins: readonly bigint[], demotionBps: bigint): number {
  let tier = Math.min(current, 4);
  while (tier > 0 && stake < mulDivUp(mins[tier - 1], demotionBps, BPS)) tier--;
  while (tier < 4 && stake >= mins[tier]) tier++;
  return tier;
}

/**
 * Rewards of one distribution to one position, following both accumulator levels exactly (all floors).
 * @param amount distributed wei
 * @param totalBonded wei bonded over all pools
 * @param poolTokens the pool's bonded wei
 * @param poolShares the pool's bonded shares
 * @param shares the position's shares
 * @param commissionBps the pool's commission
 * @returns the position's reward and the provider's commission (wei)
 */
export function rewardOf(
  amount: bigint,
  totalBonded: bigint,
  poolTokens: bigint,
  poolShares: bigint,
  shares: bigint,
  commissionBps: bigint,
): { reward: bigint; commission: bigint } {
  const acc = mulDivDown(amount, ACC_SCALE, totalBonded);
  const poolReward = mulDivDown(poolTokens, acc, ACC_SCALE);
  const commission = mulDivDown(poolReward, commissionBps, BPS);
  const perShare = poolShares === 0n ? 0n : mulDivDown(poolReward - commission, ACC_SCALE, poolShares);
  return { reward: mulDivDown(shares, perShare, ACC_SCALE), commission };
}

/** Slash case states, numbered as `IStakingSlashCases.CaseState` (contracts/staking/extensions). */
export enum CaseState {
  None = 0,
  Open = 1,
  Appealing = 2,
  Finalizable = 3,
  Overturned = 4,
  Executed = 5,
  Closed = 6,
  Appealed = 7,
}

/** Names of the slash case states, by enum value. */
export const CASE_STATES = [
  "None",
  "Open",
  "Appealing",
  "Finalizable",
  "Overturned",
  "Executed",
  "Closed",
  "Appealed",
] as const satisfies readonly (keyof typeof CaseState)[];
/** A slash case state name. */
export type CaseStateName = (typeof CASE_STATES)[number];
