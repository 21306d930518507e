/**
 * The catalogue of economic parameters held by the on-chain ParameterRegistry: names, units, defaults
 * and bounds. It is the single source for the deploy modules (which seed the registry), the Solidity
 * key constants (`contracts/libraries/ParamKeys.sol`, checked against this list by a test) and the
 * SDK/CLI (which show parameters by name).
 */
import { keccak256, toUtf8Bytes } from "ethers";

/** Unit of a parameter's value, for display. */
export type ParameterUnit = "wei" | "seconds" | "bps";

/** One parameter definition, mirroring `IParameterRegistry.Definition`. */
export interface ParameterSpec {
  /** Human name; the on-chain key is `keccak256(name)`. */
  readonly name: string;
  readonly unit: ParameterUnit;
  readonly value: bigint;
  readonly min: bigint;
  readonly max: bigint;
  /** Largest drift from the window's baseline within one window of `period` seconds. */
  readonly maxDelta: bigint;
  /** Length of a rate-limit window in seconds. */
  readonly period: bigint;
  /** Where the default comes from. */
  readonly source: string;
}

const HOUR = 3_600n;
const DAY = 86_400n;
const QUIV = 10n ** 18n;

/** The on-chain key of a parameter name. */
export function parameterKey(name: string): string {
  return keccak256(toUtf8Bytes(name));
}

/**
 * QUIVer defaults (SPEC.md, "QUIVer"). Later modules add their own entries here; the registry is
 * seeded with every entry at deployment.
 */
export const QUIVER_PARAMETERS: readonly ParameterSpec[] = [
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
  p("quiver.staking.appealWindow", "seconds", 3n * DAY, 1n * DAY, 14n * DAY, 2n * DAY, 30n * DAY, "issue #4: 3 days"),
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
  // Congestion thresholds of the adaptive network fee: above 0.8 raise by 10%, below 0.3 cut by 5%.
  p("quiver.pricing.congestionHighBps", "bps", 8_000n, 5_000n, 10_000n, 1_000n, 30n * DAY, "SPEC: above 0.8"),
  p("quiver.pricing.congestionLowBps", "bps", 3_000n, 0n, 5_000n, 1_000n, 30n * DAY, "SPEC: below 0.3"),
  p("quiver.pricing.feeRaiseBps", "bps", 1_000n, 0n, 2_500n, 500n, 30n * DAY, "SPEC: +10%"),
  p("quiver.pricing.feeCutBps", "bps", 500n, 0n, 2_500n, 500n, 30n * DAY, "SPEC: -5%"),
  // Payment channels (issue #5). The settle window after a consumer's close: 1 day (1 hour..7 days).
  p("quiver.channels.settleWindow", "seconds", DAY, HOUR, 7n * DAY, DAY, 30n * DAY, "issue #5: settle window"),
  // A revoked voucher signer keeps working for 1 day (1 hour..30 days), so providers can redeem its vouchers.
  p("quiver.channels.signerRevokeDelay", "seconds", DAY, HOUR, 30n * DAY, DAY, 30n * DAY, "issue #5: revoke delay"),
  // Smallest channel deposit: 1 QUIV (1 wei..1,000 QUIV), against dust channels (SECURITY-CHECKLIST X-DOS-06).
  p("quiver.channels.minDeposit", "wei", QUIV, 1n, 1_000n * QUIV, 10n * QUIV, 30n * DAY, "X-DOS-06: no dust"),
  // Longest channel lifetime at open: 90 days (1..365 days).
  p("quiver.channels.maxDuration", "seconds", 90n * DAY, DAY, 365n * DAY, 30n * DAY, 30n * DAY, "issue #5"),
  // Bounds of the adaptive network fee: 0.5% .. 10% of a job's price.
  p("quiver.pricing.minFeeBps", "bps", 50n, 0n, 1_000n, 50n, 30n * DAY, "issue #5: fee bounds"),
  p("quiver.pricing.maxFeeBps", "bps", 1_000n, 100n, 3_000n, 500n, 30n * DAY, "issue #5: fee bounds"),
  // EMA weight of the newest demand/supply sample: 20% per update (1%..100%).
  p("quiver.pricing.emaAlphaBps", "bps", 2_000n, 100n, 10_000n, 1_000n, 30n * DAY, "issue #5: EMA smoothing"),
  // Largest move of a reference price per update: 12.5% (EIP-1559's base-fee bound), 1%..50%.
  p("quiver.pricing.maxStepBps", "bps", 1_250n, 100n, 5_000n, 500n, 30n * DAY, "EIP-1559: 12.5% per step"),
  // One price/fee update per hour at most (5 minutes..1 day).
  p("quiver.pricing.updateInterval", "seconds", HOUR, 5n * 60n, DAY, HOUR, 30n * DAY, "issue #5: update interval"),
];

function p(
  name: string,
  unit: ParameterUnit,
  value: bigint,
  min: bigint,
  max: bigint,
  maxDelta: bigint,
  period: bigint,
  source: string,
): ParameterSpec {
  return Object.freeze({ name, unit, value, min, max, maxDelta, period, source });
}

/** The catalogue entry called `name`, or undefined. */
export function findParameter(name: string): ParameterSpec | undefined {
  return QUIVER_PARAMETERS.find((s) => s.name === name);
}
