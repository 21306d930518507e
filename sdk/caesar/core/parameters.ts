/**
 * The catalogue of CAESAR's economic parameters held by the kit ParameterRegistry: names, units, defaults and
 * bounds. It is the single source for the Solidity keys (`contracts/caesar/CaesarParams.sol`, checked against this
 * list by test/caesar/parameters.test.ts), the test fixtures that seed the registry and (next part) the Caesar
 * preset. Every bound is also within the hard bound of the contract that reads it.
 */
import {
  defineParameter as p,
  findParameterIn,
  type ParameterCatalogue,
  type ParameterSpec,
} from "../../kit/core/parameters";
import { DAY, HOUR } from "../../kit/core/math";

export { parameterKey } from "../../kit/core/parameters";

const CAESAR = 10n ** 18n;
const TOKEN = "SPEC CAESAR token";
const FEE = "SPEC Dynamic fee";
const ANTI = "SPEC Anti-speculation";
const AGENTS = "SPEC Processing agents";
const DIST = "SPEC Fee distribution";
const STAB = "SPEC Stability";

/** CAESAR defaults (SPEC.md, "CAESAR"); each may move by the given delta per period. */
export const CAESAR_PARAMETERS: ParameterCatalogue = [
  // 1% per 30 days, at most 2% (the 100-year index floor of DemurrageMath), 0.25 points per 30 days.
  p("caesar.token.demurrageBps", "bps", 100n, 0n, 200n, 25n, 30n * DAY, `${TOKEN}: 1% per 30 days`),
  p("caesar.fees.baseBps", "bps", 10n, 0n, 100n, 5n, 30n * DAY, `${FEE}: base fee 0.1%`),
  p("caesar.fees.minFee", "wei", CAESAR / 1_000n, 0n, CAESAR, CAESAR / 2_000n, 30n * DAY, `${FEE}: minimum 0.001`),
  p("caesar.fees.maxBps", "bps", 300n, 10n, 1_000n, 100n, 30n * DAY, `${FEE}: capped at 3%`),
  p("caesar.fees.liquidityMinBps", "bps", 5_000n, 5_000n, 10_000n, 1_000n, 30n * DAY, `${FEE}: liquidity 0.5`),
  p("caesar.fees.liquidityMaxBps", "bps", 20_000n, 10_000n, 20_000n, 2_000n, 30n * DAY, `${FEE}: liquidity 2.0`),
  p("caesar.fees.volatilityMinBps", "bps", 8_000n, 8_000n, 10_000n, 1_000n, 30n * DAY, `${FEE}: volatility 0.8`),
  p("caesar.fees.volatilityMaxBps", "bps", 15_000n, 10_000n, 15_000n, 1_000n, 30n * DAY, `${FEE}: volatility 1.5`),
  p("caesar.fees.stabilityThresholdBps", "bps", 500n, 100n, 2_000n, 100n, 30n * DAY, `${FEE}: +-5% deviation`),
  p("caesar.fees.stabilityMultiplierBps", "bps", 15_000n, 10_000n, 20_000n, 1_000n, 30n * DAY, `${FEE}: x1.5`),
  p("caesar.fees.feedHeartbeat", "seconds", DAY, HOUR, 7n * DAY, DAY, 30n * DAY, `${FEE}: feeds 1 day old at most`),
  p("caesar.fees.congestionWindow", "seconds", HOUR, 600n, DAY, HOUR, 30n * DAY, `${FEE}: 1-hour windows`),
  p("caesar.fees.congestionTarget", "count", 1_000n, 1n, 1_000_000n, 500n, 30n * DAY, `${FEE}: 1,000 per window`),
  p("caesar.fees.congestionStepBps", "bps", 1_250n, 100n, 2_500n, 250n, 30n * DAY, `${FEE}: EIP-1559 1/8 step`),
  p("caesar.fees.congestionMaxBps", "bps", 30_000n, 10_000n, 30_000n, 5_000n, 30n * DAY, `${FEE}: congestion 3.0`),
  p("caesar.antispec.holdingPeriod", "seconds", DAY, HOUR, 7n * DAY, 12n * HOUR, 30n * DAY, `${ANTI}: 24 h`),
  p("caesar.antispec.window", "seconds", 7n * DAY, DAY, 30n * DAY, 3n * DAY, 30n * DAY, `${ANTI}: per 7 days`),
  p("caesar.antispec.threshold", "count", 3n, 0n, 20n, 2n, 30n * DAY, `${ANTI}: 3 rapid trades`),
  p("caesar.antispec.stepBps", "bps", 50n, 0n, 500n, 25n, 30n * DAY, `${ANTI}: +0.5% each`),
  p("caesar.antispec.capBps", "bps", 500n, 0n, 2_000n, 100n, 30n * DAY, `${ANTI}: capped at 5%`),
  // Net flow of each registered pool per window (Mento TradingLimits): fresh addresses do not bypass it.
  p(
    "caesar.antispec.netFlowWindow",
    "seconds",
    DAY,
    HOUR,
    7n * DAY,
    12n * HOUR,
    30n * DAY,
    `${ANTI}: markets per 1 day`,
  ),
  p(
    "caesar.antispec.netFlowLimit",
    "wei",
    1_000_000n * CAESAR,
    1_000n * CAESAR,
    10n ** 9n * CAESAR,
    500_000n * CAESAR,
    30n * DAY,
    `${ANTI}: net 1,000,000 CAESAR in or out of a market per window`,
  ),
  p(
    "caesar.agents.minStake",
    "wei",
    10_000n * CAESAR,
    0n,
    1_000_000n * CAESAR,
    5_000n * CAESAR,
    30n * DAY,
    `${AGENTS}: stake 10,000`,
  ),
  p(
    "caesar.agents.unbondingPeriod",
    "seconds",
    7n * DAY,
    DAY,
    30n * DAY,
    7n * DAY,
    30n * DAY,
    `${AGENTS}: unbond in 7 days`,
  ),
  p("caesar.agents.hopPenaltyBps", "bps", 1_000n, 0n, 2_500n, 500n, 30n * DAY, `${AGENTS}: -10% efficiency per hop`),
  p("caesar.distributor.agentsBps", "bps", 7_000n, 5_000n, 9_000n, 500n, 30n * DAY, `${DIST}: 70% to agents`),
  p("caesar.distributor.treasuryBps", "bps", 2_000n, 0n, 4_000n, 500n, 30n * DAY, `${DIST}: 20% to the treasury`),
  p(
    "caesar.distributor.infraBps",
    "bps",
    500n,
    0n,
    1_000n,
    250n,
    30n * DAY,
    `${DIST}: 5% infrastructure (reserve: rest)`,
  ),
  p(
    "caesar.distributor.epochLength",
    "seconds",
    DAY,
    HOUR,
    7n * DAY,
    DAY,
    30n * DAY,
    `${DIST}: 1-day epochs (read at deploy)`,
  ),
  p(
    "caesar.distributor.reportWindow",
    "seconds",
    6n * HOUR,
    0n,
    DAY,
    6n * HOUR,
    30n * DAY,
    `${DIST}: accuracy reports 6 h`,
  ),
  // Regional price matrix: at most 16 regions (RegionalPriceMatrix.MAX_REGIONS, the hard bound).
  p("caesar.regions.maxRegions", "count", 16n, 1n, 16n, 4n, 30n * DAY, "SPEC Regional price matrix: 16 regions"),
  // Stability controller (contracts/caesar/stability): TWAP window, target, PI gains, leak, output bound, cadence.
  p("caesar.stability.twapWindow", "seconds", HOUR, 600n, DAY, HOUR, 30n * DAY, `${STAB}: 1-hour TWAP`),
  p(
    "caesar.stability.targetPriceWad",
    "wei",
    CAESAR,
    10n ** 12n,
    10n ** 24n,
    CAESAR / 10n,
    30n * DAY,
    `${STAB}: target 1.0 quote per CAESAR`,
  ),
  p("caesar.stability.deadbandBps", "bps", 500n, 0n, 2_000n, 100n, 30n * DAY, `${STAB}: +-5% normal`),
  p("caesar.stability.kpBps", "bps", 5_000n, 0n, 50_000n, 2_500n, 30n * DAY, `${STAB}: Kp 0.5`),
  p("caesar.stability.kiBps", "bps", 1_000n, 0n, 10_000n, 500n, 30n * DAY, `${STAB}: Ki 0.1 per day`),
  p("caesar.stability.leakBps", "bps", 100n, 0n, 5_000n, 100n, 30n * DAY, `${STAB}: integral leak 1% per update`),
  p("caesar.stability.maxOutputBps", "bps", 1_000n, 100n, 3_000n, 500n, 30n * DAY, `${STAB}: output +-10%`),
  p("caesar.stability.updateInterval", "seconds", HOUR, 300n, DAY, HOUR, 30n * DAY, `${STAB}: update hourly`),
  p("caesar.stability.demurrageGainBps", "bps", 5_000n, 0n, 10_000n, 2_500n, 30n * DAY, `${STAB}: demurrage cut 0.5`),
  // Stability gate (contracts/caesar/stability/StabilityGate.sol): delay and blocking thresholds of |deviation|, the
  // queue's delay and expiry window, the breaker's cooldown (at most StabilityGate.MAX_COOLDOWN, 1 day).
  p("caesar.stability.delayThresholdBps", "bps", 1_000n, 100n, 5_000n, 500n, 30n * DAY, `${STAB}: queue beyond 10%`),
  p("caesar.stability.blockThresholdBps", "bps", 2_000n, 200n, 9_000n, 500n, 30n * DAY, `${STAB}: block beyond 20%`),
  p("caesar.stability.queueDelay", "seconds", HOUR, 60n, DAY, HOUR, 30n * DAY, `${STAB}: queued trades wait 1 h`),
  p("caesar.stability.queueExpiry", "seconds", DAY, HOUR, 7n * DAY, DAY, 30n * DAY, `${STAB}: then 1 day to run`),
  p("caesar.stability.breakerCooldown", "seconds", 6n * HOUR, 600n, DAY, 6n * HOUR, 30n * DAY, `${STAB}: 6 h trip`),
];

/** The catalogue entry called `name`, or undefined. */
export function findCaesarParameter(name: string): ParameterSpec | undefined {
  return findParameterIn(CAESAR_PARAMETERS, name);
}

/** The default of `name` (throws on an unknown name). */
export function caesarDefault(name: string): bigint {
  const spec = findCaesarParameter(name);
  if (spec === undefined) throw new RangeError(`unknown CAESAR parameter ${name}`);
  return spec.value;
}
