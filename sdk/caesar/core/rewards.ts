/**
 * CAESAR processing-agent points and the fee distributor's arithmetic, bigint-exact mirrors of
 * `contracts/caesar/agents/CaesarRewardMath.sol` (differential test: test/caesar/rewards.diff.test.ts), plus the
 * epoch model the invariant suite checks the distributor against. Pure: no provider.
 */

const BPS = 10_000n;

/** Efficiency of a transfer relayed `hops` region hops away from its payer: 10,000 - hops x penalty, floored at 0. */
export function efficiencyBps(hops: bigint, hopPenaltyBps: bigint): bigint {
  const cut = hops * hopPenaltyBps;
  return cut >= BPS ? 0n : BPS - cut;
}

/**
 * Points of one relayed transfer: (fee + demurrage wei) x efficiency (unscaled, exact). No flat points per transfer,
 * so dust an agent relays between its own addresses (no fee) earns nothing.
 */
export function relayPoints(fee: bigint, demurrage: bigint, effBps: bigint): bigint {
  return (fee + demurrage) * effBps;
}

/** An agent's reward out of an epoch's pot: floor(pot x weighted / totalWeighted), 0 when nothing is weighted. */
export function epochReward(pot: bigint, weighted: bigint, totalWeighted: bigint): bigint {
  if (totalWeighted === 0n) return 0n;
  return (pot * weighted) / totalWeighted;
}

/** The distributor's four legs of `amount`. */
export interface DistributionLegs {
  readonly agents: bigint;
  readonly treasury: bigint;
  readonly infra: bigint;
  readonly reserve: bigint;
}

/** 70/20/5/5 by default: each given leg rounded down (the kit FeeSplit), the stability reserve the remainder. */
export function distributionLegs(
  amount: bigint,
  agentsBps = 7_000n,
  treasuryBps = 2_000n,
  infraBps = 500n,
): DistributionLegs {
  if (agentsBps + treasuryBps + infraBps > BPS) throw new RangeError("shares above 10,000 bps");
  const agents = (amount * agentsBps) / BPS;
  const treasury = (amount * treasuryBps) / BPS;
  const infra = (amount * infraBps) / BPS;
  return { agents, treasury, infra, reserve: amount - agents - treasury - infra };
}

/** One agent's points in one epoch: raw points and the reported accuracy (undefined: 10,000). */
export interface AgentPoints {
  readonly points: bigint;
  readonly accuracyBps?: bigint;
}

/** An agent's weighted points: points x accuracy. */
export function weightedPoints(a: AgentPoints): bigint {
  return a.points * (a.accuracyBps ?? BPS);
}

/**
 * Everything an epoch pays: each agent's reward and the dust left to the reserve (pot - sum of rewards; the whole
 * pot when nothing is weighted). The sum of the rewards never exceeds the pot, and the dust is below the number
 * of rewarded agents.
 */
export function epochPayout(
  pot: bigint,
  agents: ReadonlyMap<string, AgentPoints>,
): { readonly rewards: Map<string, bigint>; readonly dust: bigint } {
  let total = 0n;
  for (const a of agents.values()) total += weightedPoints(a);
  const rewards = new Map<string, bigint>();
  let paid = 0n;
  for (const [who, a] of agents) {
    const w = weightedPoints(a);
    if (w === 0n) continue;
    const r = epochReward(pot, w, total);
    rewards.set(who, r);
    paid += r;
  }
  return { rewards, dust: pot - paid };
}

/**
 * Points weighted by the regional modifier (bps, 5,000..20,000), rounded down like CaesarRewardMath.regionalPoints:
 * `points x regionalBps / 10,000` (exactly `points` at 10,000).
 */
export function regionalPoints(points: bigint, regionalBps: bigint): bigint {
  return (points * regionalBps) / 10_000n;
}
