/**
 * BPCI stability monitor, the off-chain mirror: the deviation of a token's price from its target in basis
 * points, rounded up exactly as `contracts/bpci/stability/StabilityMonitor.sol` does, the level it gives, the
 * intervention states, and the keys the preset approves for the intervention fast path. Pure: no provider, no I/O.
 */
import { BPS, mulDivUp } from "../../kit/core/math";
import { InvalidArgumentError } from "../../kit/core/errors";

/** The tracked tokens (`IStabilityMonitor.Track`). */
export enum Track {
  AUR = 0,
  FLX = 1,
  NEX = 2,
}

/** Track names in enum order. */
export const TRACKS = ["AUR", "FLX", "NEX"] as const;

/** Levels in increasing severity (`IStabilityMonitor.Level`): the monitor's level is the highest of the three. */
export enum Level {
  Normal = 0,
  Unknown = 1,
  Intervention = 2,
  Emergency = 3,
}

/** Level names in enum order. */
export const LEVELS = ["Normal", "Unknown", "Intervention", "Emergency"] as const;

/** Intervention states (`IStabilityMonitor.InterventionState`). */
export enum InterventionState {
  None = 0,
  Queued = 1,
  Executable = 2,
  Executed = 3,
  Expired = 4,
  Cancelled = 5,
}

/** Intervention state names in enum order. */
export const INTERVENTION_STATES = ["None", "Queued", "Executable", "Executed", "Expired", "Cancelled"] as const;

/** The thresholds of the monitor (`bpci.stability.interventionBps`, `bpci.stability.emergencyBps`). */
export interface StabilityThresholds {
  readonly interventionBps: bigint;
  readonly emergencyBps: bigint;
}

/**
 * |price - target| / target in basis points, rounded up, so that `deviationBps(...) > threshold` holds exactly when
 * the true deviation is above the threshold. Both values in the same units (the contract uses 18 decimals).
 */
export function deviationBps(price: bigint, target: bigint): bigint {
  if (target <= 0n) throw new InvalidArgumentError("the target must be positive");
  if (price < 0n) throw new InvalidArgumentError("the price must not be negative");
  const diff = price > target ? price - target : target - price;
  return mulDivUp(diff, BPS, target);
}

/** The level of a known deviation: Emergency above `emergencyBps`, Intervention above `interventionBps`. */
export function levelOf(deviation: bigint, t: StabilityThresholds): Level {
  if (deviation > t.emergencyBps) return Level.Emergency;
  if (deviation > t.interventionBps) return Level.Intervention;
  return Level.Normal;
}

/** The monitor's level from the three readings (undefined = the feed could not be read: Unknown). */
export function overallLevel(deviations: readonly (bigint | undefined)[], t: StabilityThresholds): Level {
  return deviations.reduce<Level>((worst, d) => {
    const l = d === undefined ? Level.Unknown : levelOf(d, t);
    return l > worst ? l : worst;
  }, Level.Normal);
}

/**
 * The registry keys the BPCI preset approves for the intervention fast path: the seed's `StabilityIntervention` list
 * where it names registry parameters: the four PoE weights, the fee and its split, and AUR's backing margin. The
 * tier multipliers are vote-source weights of the governor (not registry keys) and change only by a full
 * governance proposal; `bpci.stability.*` keys can never be approved (the contract refuses them).
 */
export const FAST_PATH_KEYS = [
  "bpci.poe.weightVolume",
  "bpci.poe.weightLiquidity",
  "bpci.poe.weightUptime",
  "bpci.poe.weightQuality",
  "bpci.poe.feeBps",
  "bpci.poe.lockShareBps",
  "bpci.poe.spendShareBps",
  "bpci.poe.ownerShareBps",
  "bpci.aur.marginBps",
] as const;
