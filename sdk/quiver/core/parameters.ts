/**
 * The catalogue of economic parameters held by the on-chain ParameterRegistry: names, units, defaults
 * and bounds. It is the single source for the deploy modules (which seed the registry), the Solidity
 * key constants (`contracts/quiver/QuiverParams.sol`, checked against this list by a test) and the
 * SDK/CLI (which show parameters by name).
 */
import {
  defineParameter as p,
  findParameterIn,
  groupByModule,
  type ParameterCatalogue,
  type ParameterSpec,
} from "../../kit/core/parameters";
import { DAY, HOUR } from "../../kit/core/math";

export { parameterKey } from "../../kit/core/parameters";
export type { ParameterSpec, ParameterUnit } from "../../kit/core/parameters";

const QUIV = 10n ** 18n;

// The SPEC.md sections (QUIVer chapter) that the defaults below come from.
const STAKE = "SPEC Provider staking";
const MARKET = "SPEC Inference marketplace";
const VALID = "SPEC Validators and challenges";
const CHANNEL = "SPEC Payment channels";
const PRICE = "SPEC Pricing oracle";

/**
 * QUIVer defaults (SPEC.md, "QUIVer"), module by module (staking, emission, pricing, market, dispute, channels; a
 * test keeps each module's entries together). The registry is seeded with every entry at deployment.
 */
export const QUIVER_PARAMETERS: ParameterCatalogue = [
  // Provider tiers by minimum stake: 1k / 10k / 50k / 250k QUIV. Each may move by half its default per 30 days.
  p(
    "quiver.staking.tier1Min",
    "wei",
    1_000n * QUIV,
    1n * QUIV,
    1_000_000n * QUIV,
    500n * QUIV,
    30n * DAY,
    "SPEC: tiers 1k",
  ),
  p(
    "quiver.staking.tier2Min",
    "wei",
    10_000n * QUIV,
    1n * QUIV,
    10_000_000n * QUIV,
    5_000n * QUIV,
    30n * DAY,
    "SPEC: tiers 10k",
  ),
  p(
    "quiver.staking.tier3Min",
    "wei",
    50_000n * QUIV,
    1n * QUIV,
    50_000_000n * QUIV,
    25_000n * QUIV,
    30n * DAY,
    "SPEC: tiers 50k",
  ),
  p(
    "quiver.staking.tier4Min",
    "wei",
    250_000n * QUIV,
    1n * QUIV,
    100_000_000n * QUIV,
    125_000n * QUIV,
    30n * DAY,
    "SPEC: tiers 250k",
  ),
  // Unbonding waits 14 days (1..60 days, at most 7 days of change per 30 days).
  p("quiver.staking.unbondingPeriod", "seconds", 14n * DAY, 1n * DAY, 60n * DAY, 7n * DAY, 30n * DAY, "SPEC: 14 days"),
  // At most 50% of the snapshotted stake per incident (1%..100%, 10 points per 30 days).
  p("quiver.staking.maxSlashBps", "bps", 5_000n, 100n, 10_000n, 1_000n, 30n * DAY, "SPEC: 50% per incident"),
  // A slash stays pending for 3 days of appeal (1..14 days).
  p("quiver.staking.appealWindow", "seconds", 3n * DAY, 1n * DAY, 14n * DAY, 2n * DAY, 30n * DAY, `${STAKE}: 3 days`),
  // Tier hysteresis: a provider keeps its tier until its stake falls below 90% of the tier minimum (50%..100%).
  p("quiver.staking.tierDemotionBps", "bps", 9_000n, 5_000n, 10_000n, 1_000n, 30n * DAY, `${STAKE}: hysteresis`),
  // Smallest stake or delegation: 1 QUIV (0.001..1,000 QUIV); dust protection (SECURITY-CHECKLIST X-DOS-06).
  p(
    "quiver.staking.minDelegation",
    "wei",
    1n * QUIV,
    QUIV / 1_000n,
    1_000n * QUIV,
    10n * QUIV,
    30n * DAY,
    `${STAKE}: minimum delegation`,
  ),
  // Largest provider commission on its pool's rewards: 30% (0..50%).
  p("quiver.staking.maxCommissionBps", "bps", 3_000n, 0n, 5_000n, 1_000n, 30n * DAY, `${STAKE}: bounded commission`),
  // A commission increase applies 7 days after it is announced (1..30 days), so delegators can unbond first.
  p("quiver.staking.commissionDelay", "seconds", 7n * DAY, 1n * DAY, 30n * DAY, 7n * DAY, 30n * DAY, STAKE),
  // Final slash split: 25% challenger, 25% insurance fund, the rest (50%) burned. Each 0..50%.
  p("quiver.staking.slashChallengerBps", "bps", 2_500n, 0n, 5_000n, 1_000n, 30n * DAY, "SPEC: part to challenger"),
  p("quiver.staking.slashInsuranceBps", "bps", 2_500n, 0n, 5_000n, 1_000n, 30n * DAY, "SPEC: part to insurance"),
  // A provider that appeals a pending slash gives governance 21 days (7..60) to overturn or dismiss it.
  p(
    "quiver.staking.appealTimeout",
    "seconds",
    21n * DAY,
    7n * DAY,
    60n * DAY,
    7n * DAY,
    30n * DAY,
    "lead: fits a full proposal",
  ),
  // Emission halves every 4 years of 365 days (1..8 years; a change of at most 1 year per 365 days).
  p(
    "quiver.emission.halvingInterval",
    "seconds",
    1_460n * DAY,
    365n * DAY,
    2_920n * DAY,
    365n * DAY,
    365n * DAY,
    "SPEC: 4 years",
  ),
  // Yearly inflation cap of the emission: 20% of the supply at the start of the emission year (0..30%).
  p("quiver.emission.maxInflationBps", "bps", 2_000n, 0n, 3_000n, 500n, 365n * DAY, "SPEC: inflation cap"),
  // Emission split: 60% staking rewards, 20% treasury, the rest (20%) ecosystem. Bounds keep the sum <= 100%.
  p("quiver.emission.stakingBps", "bps", 6_000n, 0n, 8_000n, 1_000n, 30n * DAY, "SPEC: shares"),
  p("quiver.emission.treasuryBps", "bps", 2_000n, 0n, 2_000n, 1_000n, 30n * DAY, "SPEC: shares"),
  // Growth-metric feed (SEC-15): an answer older than 2 days (1 hour..30 days) is stale and emission falls back
  // to 1.0; so does an answer not strictly between the sanity bounds 0 and 5.0 (in bps, 10,000 = 1.0).
  p("quiver.emission.growthHeartbeat", "seconds", 2n * DAY, HOUR, 30n * DAY, 2n * DAY, 30n * DAY, "SEC-15: staleness"),
  p("quiver.emission.growthMinBps", "bps", 0n, 0n, 10_000n, 2_500n, 30n * DAY, "SEC-15: sanity bounds"),
  p("quiver.emission.growthMaxBps", "bps", 50_000n, 10_001n, 1_000_000n, 10_000n, 30n * DAY, "SEC-15: sanity bounds"),
  // Congestion thresholds of the adaptive network fee: above 0.8 raise by 10%, below 0.3 cut by 5%.
  p("quiver.pricing.congestionHighBps", "bps", 8_000n, 5_000n, 10_000n, 1_000n, 30n * DAY, "SPEC: above 0.8"),
  p("quiver.pricing.congestionLowBps", "bps", 3_000n, 0n, 5_000n, 1_000n, 30n * DAY, "SPEC: below 0.3"),
  p("quiver.pricing.feeRaiseBps", "bps", 1_000n, 0n, 2_500n, 500n, 30n * DAY, "SPEC: +10%"),
  p("quiver.pricing.feeCutBps", "bps", 500n, 0n, 2_500n, 500n, 30n * DAY, "SPEC: -5%"),
  // Bounds of the adaptive network fee: 0.5% .. 10% of a job's price.
  p("quiver.pricing.minFeeBps", "bps", 50n, 0n, 1_000n, 50n, 30n * DAY, `${PRICE}: fee bounds`),
  p("quiver.pricing.maxFeeBps", "bps", 1_000n, 100n, 3_000n, 500n, 30n * DAY, `${PRICE}: fee bounds`),
  // EMA weight of the newest demand/supply sample: 20% per update (1%..100%).
  p("quiver.pricing.emaAlphaBps", "bps", 2_000n, 100n, 10_000n, 1_000n, 30n * DAY, `${PRICE}: EMA smoothing`),
  // Largest move of a reference price per update: 12.5% (EIP-1559's base-fee bound), 1%..50%.
  p("quiver.pricing.maxStepBps", "bps", 1_250n, 100n, 5_000n, 500n, 30n * DAY, "EIP-1559: 12.5% per step"),
  // One price/fee update per hour at most (5 minutes..1 day).
  p("quiver.pricing.updateInterval", "seconds", HOUR, 5n * 60n, DAY, HOUR, 30n * DAY, `${PRICE}: update interval`),
  // Marketplace (SPEC "Inference marketplace"). Fee legs are basis points of a job's price; the network fee comes from the PricingOracle.
  p("quiver.market.treasuryFeeBps", "bps", 200n, 0n, 1_000n, 100n, 30n * DAY, `${MARKET}: 2% treasury fee`),
  p("quiver.market.burnBps", "bps", 100n, 0n, 1_000n, 100n, 30n * DAY, `${MARKET}: 1% burned`),
  // After a receipt is submitted the consumer has 1 day to confirm or challenge before anyone may release it.
  p("quiver.market.reviewWindow", "seconds", DAY, 3_600n, 7n * DAY, DAY, 30n * DAY, `${MARKET}: 1 day review`),
  // Sealed bids are revealed within 1 hour after the bid deadline.
  p("quiver.market.revealWindow", "seconds", 3_600n, 600n, DAY, 3_600n, 30n * DAY, `${MARKET}: 1 hour reveal`),
  // Smallest job price (MKT-07 dust): 0.01 QUIV, so every fee leg of the default shares is non-zero.
  p("quiver.market.minPrice", "wei", QUIV / 100n, 10n ** 12n, 100n * QUIV, QUIV, 30n * DAY, "MKT-07: 0.01 QUIV"),
  // Max price ceiling as a multiple of the oracle reference price (bps; 0 = no ceiling, 30,000 = 3x).
  p("quiver.market.priceCeilingBps", "bps", 0n, 0n, 100_000n, 20_000n, 30n * DAY, `${MARKET}: off by default`),
  // Disputes (SPEC "Validators and challenges"): a receipt can be challenged within 1 day of its submission, with a 100 QUIV bond.
  p("quiver.dispute.window", "seconds", DAY, 3_600n, 14n * DAY, DAY, 30n * DAY, `${VALID}: 1 day`),
  p("quiver.dispute.bond", "wei", 100n * QUIV, QUIV, 100_000n * QUIV, 50n * QUIV, 30n * DAY, `${VALID}: 100 QUIV`),
  p("quiver.dispute.commitWindow", "seconds", DAY, 3_600n, 7n * DAY, DAY, 30n * DAY, `${VALID}: 1 day commit`),
  p("quiver.dispute.revealWindow", "seconds", DAY, 3_600n, 7n * DAY, DAY, 30n * DAY, `${VALID}: 1 day reveal`),
  // Quorum: share of the validators active at challenge time that must reveal (rounded up, at least 1).
  p("quiver.dispute.quorumBps", "bps", 5_000n, 1n, 10_000n, 1_000n, 30n * DAY, `${VALID}: half the validators`),
  // Majority: an outcome wins with strictly more than this share of the revealed votes (a tie is a draw).
  p("quiver.dispute.majorityBps", "bps", 5_000n, 5_000n, 9_000n, 1_000n, 30n * DAY, `${VALID}: simple majority`),
  // Upheld disputes propose a slash of 10% of the provider's snapshotted stake (ProviderStaking caps it).
  p("quiver.dispute.slashBps", "bps", 1_000n, 100n, 5_000n, 500n, 30n * DAY, `${VALID}: 10% of snapshot`),
  // Rejected disputes: 50% of the bond burned, 20% to the majority voters, the rest to the provider.
  p("quiver.dispute.rejectBurnBps", "bps", 5_000n, 0n, 5_000n, 1_000n, 30n * DAY, `${VALID}: half burned`),
  p("quiver.dispute.rejectVoterBps", "bps", 2_000n, 0n, 5_000n, 1_000n, 30n * DAY, `${VALID}: 20% to voters`),
  // Upheld disputes pay the majority voters up to 10 QUIV in total from the validator reward pool.
  p("quiver.dispute.upheldVoterReward", "wei", 10n * QUIV, 0n, 1_000n * QUIV, 10n * QUIV, 30n * DAY, VALID),
  // A validator that commits and does not reveal loses 1% of its validator stake (rounded up).
  p("quiver.dispute.nonRevealPenaltyBps", "bps", 100n, 0n, 1_000n, 100n, 30n * DAY, `${VALID}: 1% of stake`),
  // One appeal to governance within 2 days of the decision; governance has 21 days to rule.
  p("quiver.dispute.appealWindow", "seconds", 2n * DAY, DAY, 14n * DAY, DAY, 30n * DAY, `${VALID}: 2 days`),
  p(
    "quiver.dispute.appealTimeout",
    "seconds",
    21n * DAY,
    7n * DAY,
    60n * DAY,
    7n * DAY,
    30n * DAY,
    `${VALID}: 21 days`,
  ),
  // Validators stake at least 10,000 QUIV and wait 7 days to withdraw after leaving.
  p(
    "quiver.dispute.validatorMinStake",
    "wei",
    10_000n * QUIV,
    QUIV,
    1_000_000n * QUIV,
    5_000n * QUIV,
    30n * DAY,
    `${VALID}: 10k QUIV`,
  ),
  p("quiver.dispute.validatorUnbonding", "seconds", 7n * DAY, DAY, 60n * DAY, 7n * DAY, 30n * DAY, `${VALID}: 7 days`),
  // SEC-03: an appeal posts 200 QUIV, returned if governance rules another outcome, else paid to the reward pool.
  p("quiver.dispute.appealBond", "wei", 200n * QUIV, QUIV, 100_000n * QUIV, 100n * QUIV, 30n * DAY, "SEC-03: 200 QUIV"),
  // SEC-04: each dispute is voted by a committee of 5 validators drawn at open (1..15, MAX_COMMITTEE_SIZE).
  p("quiver.dispute.committeeSize", "count", 5n, 1n, 15n, 2n, 30n * DAY, "SEC-04: 5 validators"),
  // Payment channels (SPEC "Payment channels"). The settle window after a consumer's close: 1 day (1 hour..7 days).
  p("quiver.channels.settleWindow", "seconds", DAY, HOUR, 7n * DAY, DAY, 30n * DAY, `${CHANNEL}: settle window`),
  // A revoked voucher signer keeps working for 1 day (1 hour..30 days), so providers can redeem its vouchers.
  p("quiver.channels.signerRevokeDelay", "seconds", DAY, HOUR, 30n * DAY, DAY, 30n * DAY, `${CHANNEL}: revoke delay`),
  // Smallest channel deposit: 1 QUIV (1 wei..1,000 QUIV), against dust channels (SECURITY-CHECKLIST X-DOS-06).
  p("quiver.channels.minDeposit", "wei", QUIV, 1n, 1_000n * QUIV, 10n * QUIV, 30n * DAY, "X-DOS-06: no dust"),
  // Longest channel lifetime at open: 90 days (1..365 days).
  p("quiver.channels.maxDuration", "seconds", 90n * DAY, DAY, 365n * DAY, 30n * DAY, 30n * DAY, CHANNEL),
];

/** QUIVer's catalogue per module (`staking`, `emission`, `market`, `channels`, `pricing`, ...). */
export const QUIVER_PARAMETERS_BY_MODULE = groupByModule(QUIVER_PARAMETERS);

/** The QUIVer catalogue entry called `name`, or undefined. */
export function findParameter(name: string): ParameterSpec | undefined {
  return findParameterIn(QUIVER_PARAMETERS, name);
}
