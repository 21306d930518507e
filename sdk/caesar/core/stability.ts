/**
 * CAESAR's stability controller, mirrored exactly from contracts/caesar/stability/StabilityMath.sol and the output
 * mapping of StabilityController (`status()`): a PI controller (RAI style) with a deadband, an integral leak per
 * update, a clamp, and a step capped at one day. Deviation and error in WAD, the integral in WAD-seconds, gains in
 * bps. BigInt division truncates toward zero, as Solidity's signed division does.
 */

import { WAD } from "./demurrage";

const BPS = 10_000n;
const BPS_TO_WAD = 10n ** 14n;
const DAY = 86_400n;
/** Largest deviation the controller uses (+10,000%). */
export const MAX_DEVIATION = 100n * WAD;
/** Longest time step one update integrates (s). */
export const STABILITY_MAX_STEP = DAY;
/** Largest market price the controller stores (uint128). */
export const MAX_MARKET = 2n ** 128n - 1n;

/** Gains and bounds (the `caesar.stability.*` registry values). */
export interface StabilityGains {
  readonly deadbandBps: bigint;
  readonly kpBps: bigint;
  readonly kiBps: bigint;
  readonly leakBps: bigint;
  readonly maxOutputBps: bigint;
}

/** One controller step. */
export interface StabilityStep {
  readonly deviation: bigint;
  readonly error: bigint;
  readonly integral: bigint;
  readonly output: bigint;
}

/** (market - target) / target in WAD, capped at {@link MAX_DEVIATION}. */
export function deviationWad(market: bigint, target: bigint): bigint {
  if (target <= 0n) throw new RangeError("target must be positive");
  if (market >= target * 101n) return MAX_DEVIATION;
  return ((market - target) * WAD) / target;
}

/** The error after the deadband: zero inside, the deviation minus the band outside. */
export function errorWad(deviation: bigint, deadbandBps: bigint): bigint {
  const band = deadbandBps * BPS_TO_WAD;
  if (deviation > band) return deviation - band;
  if (deviation < -band) return deviation + band;
  return 0n;
}

/** One PI step from `integral`, `dt` seconds after the previous one (dt already capped). */
export function stabilityStep(
  integral: bigint,
  market: bigint,
  target: bigint,
  dt: bigint,
  g: StabilityGains,
): StabilityStep {
  const deviation = deviationWad(market, target);
  const error = errorWad(deviation, g.deadbandBps);
  const next = (integral * (BPS - g.leakBps)) / BPS + error * dt;
  const u = (error * g.kpBps) / BPS + (next * g.kiBps) / (BPS * DAY);
  const bound = g.maxOutputBps * BPS_TO_WAD;
  const output = u > bound ? bound : u < -bound ? -bound : u;
  return { deviation, error, integral: next, output };
}

/** The controller's state between updates. */
export interface ControllerState {
  readonly lastUpdate: bigint;
  readonly market: bigint;
  readonly deviation: bigint;
  readonly integral: bigint;
  readonly output: bigint;
}

/** StabilityController.update(): the market capped at uint128, the step at {@link STABILITY_MAX_STEP}. */
export function controllerUpdate(
  s: ControllerState,
  now: bigint,
  market: bigint,
  target: bigint,
  g: StabilityGains,
): ControllerState {
  const raw = now - s.lastUpdate;
  const dt = raw > STABILITY_MAX_STEP ? STABILITY_MAX_STEP : raw;
  const m = market > MAX_MARKET ? MAX_MARKET : market;
  const r = stabilityStep(s.integral, m, target, dt, g);
  return { lastUpdate: now, market: m, deviation: r.deviation, integral: r.integral, output: r.output };
}

/** |x| in bps (floor). */
export function levelBps(x: bigint): bigint {
  return (x < 0n ? -x : x) / BPS_TO_WAD;
}

/** The controller's outputs (StabilityController.status). */
export interface StabilityOutputs {
  readonly factorBps: bigint;
  readonly deviationBps: bigint;
  readonly buyBonusBps: bigint;
  readonly buyPenaltyBps: bigint;
  readonly sellBonusBps: bigint;
  readonly sellPenaltyBps: bigint;
  readonly demurrageBps: bigint;
}

/** The outputs for an output and deviation (paused: neutral), given the registry's demurrage rate. */
export function stabilityOutputs(
  output: bigint,
  deviation: bigint,
  paused: boolean,
  demurrageBps: bigint,
  maxOutputBps: bigint,
  demurrageGainBps: bigint,
): StabilityOutputs {
  const zero = { buyBonusBps: 0n, buyPenaltyBps: 0n, sellBonusBps: 0n, sellPenaltyBps: 0n };
  if (paused) return { factorBps: BPS, deviationBps: 0n, ...zero, demurrageBps };
  const level = levelBps(output);
  const base = { factorBps: BPS + level, deviationBps: levelBps(deviation), demurrageBps };
  if (output > 0n) return { ...base, ...zero, buyPenaltyBps: level, sellBonusBps: level };
  if (output < 0n) {
    const cut = (demurrageBps * level * demurrageGainBps) / (maxOutputBps * BPS);
    return {
      ...base,
      ...zero,
      buyBonusBps: level,
      sellPenaltyBps: level,
      demurrageBps: cut > demurrageBps ? 0n : demurrageBps - cut,
    };
  }
  return { ...base, ...zero };
}
