/**
 * Readers of a BPCI deployment: the economy's status (supplies, AUR backing, Phi and its EMA, the epoch, miners),
 * jobs, miners and epochs. Each wraps revert data into a decoded KitError.
 */
import { toKitError } from "../../kit/chain/decoder";
import { FeedStatus } from "../../kit/core/oracle";
import { BPS } from "../../kit/core/math";
import { POE_JOB_TYPES, poeFee, salaryPeriodOf, type PoeJobType } from "../core/poe";
import { parameterKey } from "../core/parameters";
import type { ParameterRegistry } from "../../kit/chain/contracts";
import type { BpciContracts } from "./contracts";

/** Job states in enum order (IPoeMining.JobState). */
export const JOB_STATES = ["None", "Pending", "Expired", "Confirmed", "Refunded"] as const;

/** One PoE job as the SDK shows it. */
export interface BpciJob {
  readonly id: bigint;
  readonly requester: string;
  readonly miner: string;
  readonly jobType: PoeJobType;
  /** Payment token: "wFLX" or "AUR", and its address. */
  readonly token: "wFLX" | "AUR";
  readonly tokenAddress: string;
  readonly value: bigint;
  readonly fee: bigint;
  readonly deadline: bigint;
  readonly state: (typeof JOB_STATES)[number];
}

/** The status of a BPCI economy (`kit status`, `kit bpci status`). */
export interface BpciStatus {
  readonly supplies: { gen: bigint; nex: bigint; flx: bigint; wflx: bigint; aur: bigint };
  readonly aur: {
    /** Reserves reported by the proof-of-reserve feed (18 decimals), the feed status and what may still be minted. */
    readonly reserves: bigint;
    /** The reserve feed's status by the kit's FeedReader (`FeedStatus` names: "Ok", "Stale", ...). */
    readonly feedStatus: keyof typeof FeedStatus;
    readonly mintable: bigint;
    /** reserves / supply in bps (0 when there is no supply). */
    readonly backingBps: bigint;
    readonly paused: boolean;
  };
  readonly poe: {
    readonly currentEpoch: bigint;
    readonly nextToClose: bigint;
    /** Phi's EMA after the last closed epoch (WAD). */
    readonly phiEma: bigint;
    /** NEX issued and unclaimed, and withheld by the gate so far. */
    readonly nexUnclaimed: bigint;
    readonly nexWithheld: bigint;
    readonly jobs: bigint;
    /** Registered miners (MinerRegistered events). */
    readonly miners: number;
  };
  readonly flx: { readonly lastRebaseAt: bigint };
}

/** The job `id` of a PoeMining contract. */
export async function readBpciJob(b: Pick<BpciContracts, "mining" | "wflx" | "aur">, id: bigint): Promise<BpciJob> {
  try {
    const [j, state] = await Promise.all([b.mining.getJob(id), b.mining.state(id)]);
    const t = Number(j.token);
    const tokenAddress = t === 0 ? await b.wflx.getAddress() : await b.aur.getAddress();
    return {
      id,
      requester: j.requester,
      miner: j.miner,
      jobType: POE_JOB_TYPES[Number(j.jobType)],
      token: t === 0 ? "wFLX" : "AUR",
      tokenAddress,
      value: j.value,
      fee: j.fee,
      deadline: j.deadline,
      state: JOB_STATES[Number(state)],
    };
  } catch (e) {
    throw toKitError(e, "PoeMining");
  }
}

/**
 * The fee PoeMining charges now for a job of `value` (payment-token wei): `bpci.poe.feeBps` read from the registry
 * (governance may have changed it) and the fee rounded up as `PoeMath.fee` does.
 *
 * @example
 * const { feeBps, fee } = await quoteJobFee(b.registry, 10n ** 21n); // 100n, 10n ** 19n at the default 1%
 */
export async function quoteJobFee(
  registry: ParameterRegistry,
  value: bigint,
): Promise<{ feeBps: bigint; fee: bigint }> {
  try {
    const feeBps = await registry.get(parameterKey("bpci.poe.feeBps"));
    return { feeBps, fee: poeFee(value, feeBps) };
  } catch (e) {
    throw toKitError(e, "ParameterRegistry");
  }
}

/** The owner-salary report of salary `period` (default: the current one): bounds, recipient, one line per token. */
export async function readOwnerSalaryReport(b: BpciContracts, period?: bigint) {
  try {
    const [genesis, length, owner, block] = await Promise.all([
      b.mining.GENESIS(),
      b.mining.SALARY_PERIOD(),
      b.mining.owner(),
      b.mining.runner!.provider!.getBlock("latest"),
    ]);
    const p = period ?? salaryPeriodOf(BigInt(block!.timestamp), genesis, length);
    const lines = await b.mining.ownerSalaryReport(p);
    return {
      period: p,
      startsAt: genesis + p * length,
      endsAt: genesis + (p + 1n) * length,
      owner,
      lines: lines.map((l, i) => ({
        token: i === 0 ? ("wFLX" as const) : ("AUR" as const),
        address: l.token,
        salary: l.salary,
        toTreasury: l.toTreasury,
        ceiling: l.ceiling,
      })),
    };
  } catch (e) {
    throw toKitError(e, "PoeMining");
  }
}

/** The status of the whole economy. */
export async function readBpciStatus(b: BpciContracts): Promise<BpciStatus> {
  try {
    const [gen, nex, flx, wflx, aur] = await Promise.all([
      b.gen.totalSupply(),
      b.nex.totalSupply(),
      b.flx.totalSupply(),
      b.wflx.totalSupply(),
      b.aur.totalSupply(),
    ]);
    const [[status, reserves, mintable], [paused]] = await Promise.all([b.aur.maxMintable(), b.aur.mintingPaused()]);
    const [[currentEpoch, nextToClose, phiEma], [nexUnclaimed, nexWithheld], jobs, registered, lastRebaseAt] =
      await Promise.all([
        b.mining.epochStatus(),
        b.mining.nexTotals(),
        b.mining.jobCount(),
        b.minerStaking.minerCount(),
        b.flx.lastRebaseAt(),
      ]);
    return {
      supplies: { gen, nex, flx, wflx, aur },
      aur: {
        reserves,
        feedStatus: FeedStatus[Number(status)] as keyof typeof FeedStatus,
        mintable,
        backingBps: aur === 0n ? 0n : (reserves * BPS) / aur,
        paused,
      },
      poe: {
        currentEpoch,
        nextToClose,
        phiEma,
        nexUnclaimed,
        nexWithheld,
        jobs,
        miners: Number(registered),
      },
      flx: { lastRebaseAt },
    };
  } catch (e) {
    throw toKitError(e, "PoeMining");
  }
}

/** A miner's stake, activity, reserves and claimable issuance of `epoch`. */
export async function readBpciMiner(b: BpciContracts, miner: string, epoch?: bigint) {
  try {
    const [[active, stake, minimum], unbondings] = await Promise.all([
      b.minerStaking.activeMiner(miner),
      b.minerStaking.unbondingsOf(miner),
    ]);
    const [wflx, aur] = [await b.wflx.getAddress(), await b.aur.getAddress()];
    const [rw, ra] = await Promise.all([b.mining.reserveOf(miner, wflx), b.mining.reserveOf(miner, aur)]);
    const e = epoch ?? (await b.mining.epochStatus())[1] - 1n;
    const claimable = e >= 0n ? await b.mining.claimableIssuance(e, miner) : 0n;
    return {
      miner,
      active,
      stake,
      minimum,
      unbondings: unbondings.map((u, index) => ({ index, shares: u.shares, unlockAt: u.unlockAt })),
      reserves: {
        wflx: { locked: rw.locked, vested: rw.vested, end: rw.end },
        aur: { locked: ra.locked, vested: ra.vested, end: ra.end },
      },
      epoch: e,
      claimable,
    };
  } catch (e) {
    throw toKitError(e, "PoeMining");
  }
}
