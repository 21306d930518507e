/**
 * Readers of the BPCI stability monitor: the whole status in one call (levels, halt, thresholds, the three readings by
 * name) and one intervention with its derived state.
 */
import { FeedStatus } from "../../kit/core/oracle";
import type { BpciContracts } from "./contracts";
import { INTERVENTION_STATES, LEVELS, TRACKS } from "../core/stability";

type LevelName = (typeof LEVELS)[number];

/** One token's reading, as `kit bpci economy stability` prints it. */
export interface StabilityReading {
  readonly track: (typeof TRACKS)[number];
  readonly level: LevelName;
  /** FeedReader statuses by name ("Ok", "Stale", ...); the target's is "Ok" for a fixed target. */
  readonly priceStatus: string;
  readonly targetStatus: string;
  /** 18 decimals; 0 unless the feed read Ok. */
  readonly price: bigint;
  readonly target: bigint;
  /** Rounded up; 0 when Unknown. */
  readonly deviationBps: bigint;
}

/** `StabilityMonitor.status()` with names. */
export interface StabilityStatus {
  /** Evaluated now from the feeds. */
  readonly level: LevelName;
  /** As of the last `check` (and since when, unix s). */
  readonly recorded: LevelName;
  readonly recordedSince: bigint;
  readonly emergency: boolean;
  readonly mintHalted: boolean;
  readonly interventionBps: bigint;
  readonly emergencyBps: bigint;
  readonly interventions: bigint;
  readonly readings: readonly StabilityReading[];
}

/** One intervention of the fast path. */
export interface StabilityIntervention {
  readonly id: bigint;
  readonly state: (typeof INTERVENTION_STATES)[number];
  readonly proposer: string;
  readonly eta: bigint;
  readonly expiresAt: bigint;
  readonly levelAtProposal: LevelName;
  readonly descriptionHash: string;
  readonly keys: readonly string[];
  readonly values: readonly bigint[];
}

const feedStatus = (n: bigint) => FeedStatus[Number(n)] ?? `Status${n}`;

/**
 * The monitor's status in one call.
 *
 * @example
 * const s = await readStability(b); // { level: "Intervention", mintHalted: false, readings: [{ track: "AUR", ... }] }
 */
export async function readStability(b: Pick<BpciContracts, "stability">): Promise<StabilityStatus> {
  const s = await b.stability.status();
  return {
    level: LEVELS[Number(s.level)],
    recorded: LEVELS[Number(s.recorded)],
    recordedSince: s.recordedSince,
    emergency: s.emergency,
    mintHalted: s.mintHalted,
    interventionBps: s.interventionBps,
    emergencyBps: s.emergencyBps,
    interventions: s.interventions,
    readings: s.readings.map((r, i) => ({
      track: TRACKS[i],
      level: LEVELS[Number(r.level)],
      priceStatus: feedStatus(r.priceStatus),
      targetStatus: feedStatus(r.targetStatus),
      price: r.price,
      target: r.target,
      deviationBps: r.deviationBps,
    })),
  };
}

/** Intervention `id` and its state (reverts with StabilityUnexpectedState for an unknown id). */
export async function readIntervention(
  b: Pick<BpciContracts, "stability">,
  id: bigint,
): Promise<StabilityIntervention> {
  const [it, state] = await Promise.all([b.stability.getIntervention(id), b.stability.interventionState(id)]);
  return {
    id,
    state: INTERVENTION_STATES[Number(state)],
    proposer: it.proposer,
    eta: it.eta,
    expiresAt: it.expiresAt,
    levelAtProposal: LEVELS[Number(it.levelAtProposal)],
    descriptionHash: it.descriptionHash,
    // ethers' Result has keys() and values() methods: read the arrays by position.
    keys: [...(it[7] as string[])],
    values: [...(it[8] as bigint[])],
  };
}
