/**
 * Staking and emission readers: provider pools, tiers, positions, pending rewards, unbondings, slash cases,
 * the emission schedule, the next epoch and a schedule preview, as plain entities with bigints.
 */
import { InvalidArgumentError } from "../../kit/core/errors";
import { parseAddress } from "../../kit/core/units";
import { split } from "../../kit/core/feeSplit";
import {
  epochEmission,
  FeedStatus,
  previewSchedule,
  yearBudget,
  yearOf,
  type EmissionPreviewRow,
} from "../core/emission";
import { BPS } from "../../kit/core/math";
import { parameterKey } from "../core/parameters";
import type { ParameterRegistry } from "../../kit/chain/contracts";
import type { EmissionController, ProviderStaking, QuivToken } from "./contracts";
import { toKitError } from "../../kit/chain/decoder";

import { CASE_STATES, type CaseStateName } from "../../kit/core/staking";
export { CASE_STATES, type CaseStateName };

async function read<T>(contract: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw toKitError(e, contract);
  }
}

/** A provider pool with its effective tier. */
export interface PoolInfo {
  readonly provider: string;
  readonly registered: boolean;
  /** Tier with the current registry minimums applied (0 = none, 1..4), as the marketplace sees it. */
  readonly tier: number;
  /** Tier stored at the pool's last change. */
  readonly storedTier: number;
  /** Open slash cases (the pool is frozen while > 0). */
  readonly openCases: number;
  /** Commission on the pool's rewards (bps). */
  readonly commissionBps: bigint;
  /** Scheduled commission increase (bps) and when it may apply (unix seconds, 0 = none). */
  readonly pendingCommissionBps: bigint;
  readonly commissionEffectiveAt: bigint;
  /** Bonded stake, self + delegated (wei). */
  readonly bondedTokens: bigint;
  readonly bondedShares: bigint;
  /** Stake unbonding from this pool, still slashable (wei). */
  readonly unbondingTokens: bigint;
  readonly unbondingShares: bigint;
  /** Reputation points. */
  readonly reputation: bigint;
}

/**
 * A provider's pool and effective tier (an unregistered address gives `registered: false`, tier 0).
 *
 * @example
 * const pool = await readPool(staking, provider);
 * console.log(pool.tier, formatAmount(pool.bondedTokens));
 */
export async function readPool(staking: ProviderStaking, provider: string): Promise<PoolInfo> {
  const who = parseAddress(provider, "provider");
  return read("ProviderStaking", async () => {
    const [p, tier] = await Promise.all([staking.poolOf(who), staking.tierOf(who)]);
    return {
      provider: who,
      registered: p.registered,
      tier: Number(tier),
      storedTier: Number(p.tier),
      openCases: Number(p.openCases),
      commissionBps: p.commissionBps,
      pendingCommissionBps: p.pendingCommissionBps,
      commissionEffectiveAt: p.commissionEffectiveAt,
      bondedTokens: p.bondedTokens,
      bondedShares: p.bondedShares,
      unbondingTokens: p.unbondingTokens,
      unbondingShares: p.unbondingShares,
      reputation: p.reputation,
    };
  });
}

/**
 * The effective tier of a provider (0 when unregistered or below tier 1).
 *
 * @example
 * await readTier(staking, provider); // 2
 */
export async function readTier(staking: ProviderStaking, provider: string): Promise<number> {
  const who = parseAddress(provider, "provider");
  return read("ProviderStaking", async () => Number(await staking.tierOf(who)));
}

/** One account's bonded position in one pool. */
export interface StakePosition {
  readonly provider: string;
  readonly account: string;
  /** Current value (wei, rounded down). */
  readonly stake: bigint;
  readonly shares: bigint;
  /** Claimable now through `claimRewards(provider)`, commission included for the provider (wei). */
  readonly pendingRewards: bigint;
}

/**
 * `account`'s stake, shares and pending rewards in `provider`'s pool.
 *
 * @example
 * const pos = await readStakePosition(staking, provider, delegator);
 * formatAmount(pos.pendingRewards);
 */
export async function readStakePosition(
  staking: ProviderStaking,
  provider: string,
  account: string,
): Promise<StakePosition> {
  const p = parseAddress(provider, "provider");
  const a = parseAddress(account, "account");
  return read("ProviderStaking", async () => {
    const [stake, shares, pendingRewards] = await Promise.all([
      staking.stakeOf(p, a),
      staking.sharesOf(p, a),
      staking.pendingRewards(p, a),
    ]);
    return { provider: p, account: a, stake, shares, pendingRewards };
  });
}

/** One pending unbonding. */
export interface UnbondingInfo {
  /** Position in `unbondingsOf(account)` (what `withdraw(index)` takes). */
  readonly index: number;
  readonly provider: string;
  /** Earliest withdrawal (unix seconds). */
  readonly unlockAt: bigint;
  /** When the unbonding started (unix seconds): a case for a later offence cannot slash or freeze it. */
  readonly createdAt: bigint;
  /** Shares of the provider's unbonding segment that holds the entry. */
  readonly shares: bigint;
  /** Current value after any slash (wei): exactly what `withdraw(index)` pays. */
  readonly value: bigint;
}

/**
 * `account`'s pending unbondings with their current values (at most `MAX_UNBONDINGS` entries).
 *
 * @example
 * const ready = (await readUnbondings(staking, me)).filter((u) => u.unlockAt <= now);
 */
export async function readUnbondings(staking: ProviderStaking, account: string): Promise<UnbondingInfo[]> {
  const a = parseAddress(account, "account");
  return read("ProviderStaking", async () => {
    const list = await staking.unbondingsOf(a);
    const values = await Promise.all(list.map((_u, i) => staking.unbondingValue(a, i)));
    return list.map((u, i) => ({
      index: i,
      provider: u.provider,
      unlockAt: u.unlockAt,
      createdAt: u.createdAt,
      shares: u.shares,
      value: values[i],
    }));
  });
}

/** A slash case. */
export interface SlashCaseInfo {
  readonly id: bigint;
  readonly provider: string;
  readonly state: number;
  readonly stateName: CaseStateName;
  /** Slashable stake when the case opened: bonded plus unbonding started at or after the offence (wei). */
  readonly snapshotStake: bigint;
  /** Offence time the case uses (unix seconds; unbonding started before it is out of reach). */
  readonly offenceAt: bigint;
  /** Proposed slash (wei, 0 until proposed). */
  readonly amount: bigint;
  readonly challenger: string;
  /** End of the appeal window (unix seconds; 0 until proposed). */
  readonly appealEndsAt: bigint;
}

/**
 * A slash case and its derived state (`None` for an unknown id).
 *
 * @example
 * const c = await readSlashCase(staking, 1n);
 * if (c.stateName === "Appealing") await appealSlash(provider, stakingAddress, 1n);
 */
export async function readSlashCase(staking: ProviderStaking, caseId: bigint): Promise<SlashCaseInfo> {
  if (typeof caseId !== "bigint" || caseId < 0n) throw new InvalidArgumentError("a case id is a uint256");
  return read("ProviderStaking", async () => {
    const [c, state] = await Promise.all([staking.slashCase(caseId), staking.caseState(caseId)]);
    const s = Number(state);
    return {
      id: caseId,
      provider: c.provider,
      state: s,
      stateName: CASE_STATES[s],
      snapshotStake: c.snapshotStake,
      offenceAt: c.offenceAt,
      amount: c.amount,
      challenger: c.challenger,
      appealEndsAt: c.appealEndsAt,
    };
  });
}

/** Staking-wide totals (wei). */
export interface StakingTotals {
  readonly bonded: bigint;
  readonly unbonding: bigint;
  /** Distributed, not yet claimed (an upper bound of what claims pay). */
  readonly rewardsOwed: bigint;
  /** Rewards queued while nothing was bonded, not yet released by the one-day drip (SEC-07). */
  readonly queuedRewards: bigint;
}

/**
 * Totals of the staking contract.
 *
 * @example
 * formatAmount((await readStakingTotals(staking)).bonded);
 */
export async function readStakingTotals(staking: ProviderStaking): Promise<StakingTotals> {
  return read("ProviderStaking", async () => {
    const [bonded, unbonding, rewardsOwed, queuedRewards] = await staking.totals();
    return { bonded, unbonding, rewardsOwed, queuedRewards };
  });
}

/** The emission controller's schedule and clock. */
export interface EmissionStatus {
  /** Start of epoch 0 (unix seconds). */
  readonly start: bigint;
  /** Seconds per epoch and per halving. */
  readonly epochLength: bigint;
  readonly halvingInterval: bigint;
  /** Emission of epoch 0 (wei). */
  readonly baseEpochEmission: bigint;
  /**
   * Growth metric a trigger would use now (bps, 10,000 = 1.0; clamped to 20,000 when used): the feed's answer
   * scaled to bps, or 10,000 when the feed cannot be used (`growthStatus` says why).
   */
  readonly growthMetricBps: bigint;
  /** The AggregatorV3 feed of the growth metric. */
  readonly growthFeed: string;
  /** Status of the feed read (`FeedStatus.Ok`, or why the metric falls back to 1.0). */
  readonly growthStatus: FeedStatus;
  /** When the feed's answer was updated (unix s; 0 if the call failed). */
  readonly growthUpdatedAt: bigint;
  readonly currentEpoch: bigint;
  /** The next epoch `triggerEpoch` can mint (the current one if not yet triggered). */
  readonly nextTriggerableEpoch: bigint;
  /** When `triggerEpoch` can next succeed (unix seconds; now when it can now). */
  readonly nextEpochAt: bigint;
  /** True when `triggerEpoch` would succeed now. */
  readonly triggerable: boolean;
  /** What `triggerEpoch` would mint now (wei; 0 if the current epoch was triggered). */
  readonly previewEmission: bigint;
  /** Emission year bookkeeping. */
  readonly year: bigint;
  readonly yearStartSupply: bigint;
  readonly mintedThisYear: bigint;
  /** Where the treasury and ecosystem legs go. */
  readonly treasury: string;
  readonly ecosystem: string;
}

/**
 * The emission schedule, clock and what a trigger would mint now.
 *
 * @example
 * const s = await readEmissionStatus(emission);
 * if (s.triggerable) await triggerEpoch(wallet, await emission.getAddress());
 */
export async function readEmissionStatus(emission: EmissionController): Promise<EmissionStatus> {
  return read("EmissionController", async () => {
    const [
      start,
      epochLength,
      halvingInterval,
      baseEpochEmission,
      growth,
      growthFeed,
      currentEpoch,
      nextTriggerableEpoch,
      nextEpochAt,
      previewEmission,
      yearState,
      recipients,
    ] = await Promise.all([
      emission.start(),
      emission.epochLength(),
      emission.halvingInterval(),
      emission.baseEpochEmission(),
      emission.growthMetric(),
      emission.growthFeed(),
      emission.currentEpoch(),
      emission.nextTriggerableEpoch(),
      emission.nextEpochAt(),
      emission.previewEmission(),
      emission.yearState(),
      emission.recipients(),
    ]);
    return {
      start,
      epochLength,
      halvingInterval,
      baseEpochEmission,
      growthMetricBps: growth[0],
      growthFeed,
      growthStatus: Number(growth[1]) as FeedStatus,
      growthUpdatedAt: growth[2],
      currentEpoch,
      nextTriggerableEpoch,
      nextEpochAt,
      triggerable: nextTriggerableEpoch === currentEpoch,
      previewEmission,
      year: yearState[0],
      yearStartSupply: yearState[1],
      mintedThisYear: yearState[2],
      treasury: recipients[0],
      ecosystem: recipients[1],
    };
  });
}

/** One previewed epoch: the amount and its split. */
export interface EmissionPreviewEpoch extends EmissionPreviewRow {
  /** Unix seconds when the epoch starts. */
  readonly startsAt: bigint;
  readonly toStaking: bigint;
  readonly toTreasury: bigint;
  readonly toEcosystem: bigint;
}

/**
 * Preview of the next `epochs` epochs if each is triggered once with the current growth metric and nothing is
 * burned (so the supply grows by exactly the emission), using `sdk/quiver/core/emission.ts` `previewSchedule`. The
 * current emission year is continued from the controller's bookkeeping (its budget and what it minted), later
 * years restart their budget; the split uses the registry's current shares (staking, treasury, ecosystem last).
 *
 * @example
 * const rows = await previewEmissionEpochs({ emission, quiv, registry }, 52);
 * rows.reduce((s, r) => s + r.amount, 0n); // a year of emission
 */
export async function previewEmissionEpochs(
  c: { emission: EmissionController; quiv: QuivToken; registry: ParameterRegistry },
  epochs: number,
): Promise<EmissionPreviewEpoch[]> {
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > 10_000) {
    throw new InvalidArgumentError(`epochs must be an integer in [1, 10000], not ${epochs}`);
  }
  const s = await readEmissionStatus(c.emission);
  const [supply, cap, maxInflationBps, stakingBps, treasuryBps] = await read("QuivToken", () =>
    Promise.all([
      c.quiv.totalSupply(),
      c.quiv.cap(),
      c.registry.get(parameterKey("quiver.emission.maxInflationBps")),
      c.registry.get(parameterKey("quiver.emission.stakingBps")),
      c.registry.get(parameterKey("quiver.emission.treasuryBps")),
    ]),
  );
  const minted = await read("QuivToken", () => c.quiv.totalMinted());
  const schedule = { base: s.baseEpochEmission, epochLength: s.epochLength, halvingInterval: s.halvingInterval };
  const from = s.nextTriggerableEpoch;
  const to = from + BigInt(epochs);
  const rows: EmissionPreviewRow[] = [];
  let e = from;
  let supplyNow = supply;
  let mintedNow = minted;
  // Epochs left in the controller's current year continue its budget; previewSchedule restarts budgets per year.
  if (yearOf(e, s.epochLength) === s.year && s.mintedThisYear + s.yearStartSupply > 0n) {
    let mintedThisYear = s.mintedThisYear;
    const budget = yearBudget(s.yearStartSupply, maxInflationBps);
    for (; e < to && yearOf(e, s.epochLength) === s.year; e++) {
      const left = budget > mintedThisYear ? budget - mintedThisYear : 0n;
      const amount = epochEmission(schedule, e, s.growthMetricBps, left, cap - mintedNow);
      mintedThisYear += amount;
      mintedNow += amount;
      supplyNow += amount;
      rows.push({ epoch: e, amount, totalMinted: mintedNow });
    }
  }
  if (e < to) {
    // previewSchedule takes the year-start supply as `totalMinted`; with no burns supply == minted, so shift by
    // the burned amount to keep the cap check on minted.
    const burned = mintedNow - supplyNow;
    for (const r of previewSchedule(schedule, supplyNow, cap - burned, maxInflationBps, s.growthMetricBps, e, to)) {
      rows.push({ ...r, totalMinted: r.totalMinted + burned });
    }
  }
  const shares = [stakingBps, treasuryBps, stakingBps + treasuryBps > BPS ? 0n : BPS - stakingBps - treasuryBps];
  return rows.map((r) => {
    const [toStaking, toTreasury, toEcosystem] = split(r.amount, shares);
    return { ...r, startsAt: s.start + r.epoch * s.epochLength, toStaking, toTreasury, toEcosystem };
  });
}
