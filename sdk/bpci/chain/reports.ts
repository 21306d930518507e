/**
 * Reports of a BPCI deployment in the shape of the seed's management commands (`kit bpci economy …`,
 * `kit bpci poe …`): the token table, PoE statistics, a miner's rewards and the owner salary of a calendar month.
 * Every figure is read from the chain in a bounded number of calls (no log scans); each reader decodes reverts.
 */
import { toKitError } from "../../kit/chain/decoder";
import { InvalidArgumentError } from "../../kit/core/errors";
import { parameterKey } from "../../kit/core/parameters";
import { gamma, issuance, issuanceShare } from "../core/poe";
import { monthBounds, salaryPeriodsOfMonth } from "../core/month";
import type { BpciContracts } from "./contracts";
import { readOwnerSalaryReport } from "./readers";

/** Token keys of the table, in the order the seed lists the tokens (wFLX is FLX's vote wrapper). */
export const BPCI_TOKEN_KEYS = ["gen", "nex", "flx", "wflx", "aur"] as const;
export type BpciTokenKey = (typeof BPCI_TOKEN_KEYS)[number];

/** One token of `kit bpci economy tokens`. */
export interface BpciTokenRow {
  readonly key: BpciTokenKey;
  readonly address: string;
  readonly symbol: string;
  readonly decimals: number;
  readonly totalSupply: bigint;
  /** NEX only: its lifetime cap (`cap()`); GEN is a fixed supply, FLX elastic, AUR bounded by its reserves. */
  readonly cap?: bigint;
  /** NEX only: the current issuance year, minted in it, the yearly cap and what is left. */
  readonly year?: {
    readonly year: bigint;
    readonly minted: bigint;
    readonly yearlyCap: bigint;
    readonly remaining: bigint;
  };
  /** Balances of the accounts asked for, in the token's base units. */
  readonly balances: Readonly<Record<string, bigint>>;
}

/** The five tokens with supplies, caps, NEX's yearly allowance and the balances of `accounts` (5 x (4 + n) reads). */
export async function readBpciTokens(b: BpciContracts, accounts: readonly string[] = []): Promise<BpciTokenRow[]> {
  try {
    return await Promise.all(
      BPCI_TOKEN_KEYS.map(async (key) => {
        const t = b[key];
        const [address, symbol, decimals, totalSupply, cap, year, balances] = await Promise.all([
          t.getAddress(),
          t.symbol(),
          t.decimals(),
          t.totalSupply(),
          key === "nex" ? b.nex.cap() : Promise.resolve(undefined),
          key === "nex" ? b.nex.yearlyAllowance() : Promise.resolve(undefined),
          Promise.all(accounts.map((a) => t.balanceOf(a))),
        ]);
        return {
          key,
          address,
          symbol,
          decimals: Number(decimals),
          totalSupply,
          ...(cap !== undefined ? { cap } : {}),
          ...(year ? { year: { year: year[0], minted: year[1], yearlyCap: year[2], remaining: year[3] } } : {}),
          balances: Object.fromEntries(accounts.map((a, i) => [a, balances[i]])),
        };
      }),
    );
  } catch (e) {
    throw toKitError(e, "BPCI token");
  }
}

/** `kit bpci poe stats`: mining activity, the index, the fee and its split as the registry holds them now. */
export interface PoeStats {
  readonly jobs: bigint;
  readonly miners: bigint;
  readonly currentEpoch: bigint;
  readonly nextToClose: bigint;
  /** Phi's EMA after the last closed epoch and Gamma of it (WAD). */
  readonly phiEma: bigint;
  readonly gamma: bigint;
  /** The open epoch so far: work credited and fee-paying volume (work units). */
  readonly current: { readonly work: bigint; readonly volume: bigint };
  /** The last closed epoch (undefined before the first close). */
  readonly lastClosed?: {
    readonly epoch: bigint;
    readonly work: bigint;
    readonly volume: bigint;
    readonly issued: bigint;
    readonly withheld: bigint;
  };
  readonly nex: { readonly unclaimed: bigint; readonly withheld: bigint };
  readonly fee: {
    readonly feeBps: bigint;
    readonly lockShareBps: bigint;
    readonly spendShareBps: bigint;
    readonly ownerShareBps: bigint;
    /** The remainder share of the fee (treasury). */
    readonly treasuryShareBps: bigint;
  };
}

const reg = (b: BpciContracts, name: string) => b.registry.get(parameterKey(name));

/** PoE statistics in a fixed number of reads. */
export async function readPoeStats(b: BpciContracts): Promise<PoeStats> {
  try {
    const [[currentEpoch, nextToClose, phiEma], [unclaimed, withheld], jobs, miners] = await Promise.all([
      b.mining.epochStatus(),
      b.mining.nexTotals(),
      b.mining.jobCount(),
      b.minerStaking.minerCount(),
    ]);
    const [cur, last, feeBps, lockShareBps, spendShareBps, ownerShareBps] = await Promise.all([
      b.mining.epochInfo(currentEpoch),
      nextToClose > 0n ? b.mining.epochInfo(nextToClose - 1n) : Promise.resolve(undefined),
      reg(b, "bpci.poe.feeBps"),
      reg(b, "bpci.poe.lockShareBps"),
      reg(b, "bpci.poe.spendShareBps"),
      reg(b, "bpci.poe.ownerShareBps"),
    ]);
    return {
      jobs,
      miners,
      currentEpoch,
      nextToClose,
      phiEma,
      gamma: gamma(phiEma),
      current: { work: cur.work, volume: cur.volume },
      ...(last
        ? {
            lastClosed: {
              epoch: nextToClose - 1n,
              work: last.work,
              volume: last.volume,
              issued: last.issued,
              withheld: last.withheld,
            },
          }
        : {}),
      nex: { unclaimed, withheld },
      fee: {
        feeBps,
        lockShareBps,
        spendShareBps,
        ownerShareBps,
        treasuryShareBps: 10_000n - lockShareBps - spendShareBps - ownerShareBps,
      },
    };
  } catch (e) {
    throw toKitError(e, "PoeMining");
  }
}

/** Most closed epochs `readMinerRewards` looks back over (one read each). */
export const MAX_REWARD_EPOCHS = 90;

/** `kit bpci poe calculate-rewards`: what a miner has earned and may claim. */
export interface MinerRewards {
  readonly miner: string;
  /** Claimable NEX per closed epoch looked at (newest first; epochs with nothing to claim left out) and their sum. */
  readonly closed: readonly { readonly epoch: bigint; readonly claimable: bigint }[];
  readonly claimableTotal: bigint;
  /** Epochs looked back over: the last `epochs` closed ones. */
  readonly epochsChecked: bigint;
  /**
   * The open epoch: the miner's work, the epoch's work, and the NEX the miner would get if the epoch closed with
   * Phi's EMA where it is (an estimate: closing updates the EMA with the epoch's own Phi, and the yearly cap applies).
   */
  readonly current: {
    readonly epoch: bigint;
    readonly work: bigint;
    readonly totalWork: bigint;
    readonly estimate: bigint;
  };
  /** The locked fee reserves (payment token base units): locked, of which vested, and when the line ends. */
  readonly reserves: {
    readonly wflx: { readonly locked: bigint; readonly vested: bigint; readonly end: bigint };
    readonly aur: { readonly locked: bigint; readonly vested: bigint; readonly end: bigint };
  };
}

/** A miner's claimable NEX over the last `epochs` closed epochs, the open epoch's estimate and its fee reserves. */
export async function readMinerRewards(b: BpciContracts, miner: string, epochs = 7n): Promise<MinerRewards> {
  if (epochs < 1n || epochs > BigInt(MAX_REWARD_EPOCHS)) {
    throw new InvalidArgumentError(`epochs must be 1..${MAX_REWARD_EPOCHS}, got ${epochs}`, { details: { epochs } });
  }
  try {
    const [[current, nextToClose, phiEma], wflx, aur] = await Promise.all([
      b.mining.epochStatus(),
      b.wflx.getAddress(),
      b.aur.getAddress(),
    ]);
    const from = nextToClose > epochs ? nextToClose - epochs : 0n;
    const checked: bigint[] = [];
    for (let e = nextToClose - 1n; e >= from; e--) checked.push(e);
    const [claims, work, info, base, maxNexPerWork, rw, ra] = await Promise.all([
      Promise.all(checked.map((e) => b.mining.claimableIssuance(e, miner))),
      b.mining.workOf(current, miner),
      b.mining.epochInfo(current),
      reg(b, "bpci.poe.baseIssuance"),
      reg(b, "bpci.poe.maxNexPerWork"),
      b.mining.reserveOf(miner, wflx),
      b.mining.reserveOf(miner, aur),
    ]);
    const closed = checked.map((epoch, i) => ({ epoch, claimable: claims[i] })).filter((c) => c.claimable > 0n);
    const issued = info.work === 0n ? 0n : issuance(base, phiEma, info.work, maxNexPerWork).issued;
    return {
      miner,
      closed,
      claimableTotal: closed.reduce((s, c) => s + c.claimable, 0n),
      epochsChecked: BigInt(checked.length),
      current: {
        epoch: current,
        work,
        totalWork: info.work,
        estimate: work === 0n ? 0n : issuanceShare(issued, work, info.work),
      },
      reserves: {
        wflx: { locked: rw.locked, vested: rw.vested, end: rw.end },
        aur: { locked: ra.locked, vested: ra.vested, end: ra.end },
      },
    };
  } catch (e) {
    throw toKitError(e, "PoeMining");
  }
}

/** One salary period of a month's owner-salary report ({@link readOwnerSalaryReport} without the recipient). */
export type SalaryPeriodReport = Omit<Awaited<ReturnType<typeof readOwnerSalaryReport>>, "owner">;

/** The owner-salary report of a calendar month (`YYYY-MM`, UTC): every salary period overlapping it, and totals. */
export interface MonthSalaryReport {
  readonly month: string;
  readonly monthStart: bigint;
  readonly monthEnd: bigint;
  readonly owner: string;
  readonly periods: readonly SalaryPeriodReport[];
  /** Sums over the periods, per payment token. */
  readonly totals: {
    readonly wFLX: { salary: bigint; toTreasury: bigint };
    readonly AUR: { salary: bigint; toTreasury: bigint };
  };
}

/** The owner salary of a calendar month: each overlapping period (at most MAX_PERIODS_PER_MONTH reads) and totals. */
export async function readOwnerSalaryMonth(b: BpciContracts, month: string): Promise<MonthSalaryReport> {
  const { start, end } = monthBounds(month);
  const [genesis, length, owner] = await Promise.all([b.mining.GENESIS(), b.mining.SALARY_PERIOD(), b.mining.owner()]);
  const periods: SalaryPeriodReport[] = await Promise.all(
    salaryPeriodsOfMonth(month, genesis, length).map(async (p) => {
      const { owner: _, ...period } = await readOwnerSalaryReport(b, p);
      return period;
    }),
  );
  const total = (token: "wFLX" | "AUR") => {
    const ls = periods.flatMap((p) => p.lines.filter((l) => l.token === token));
    return { salary: ls.reduce((s, l) => s + l.salary, 0n), toTreasury: ls.reduce((s, l) => s + l.toTreasury, 0n) };
  };
  return {
    month,
    monthStart: start,
    monthEnd: end,
    owner,
    periods,
    totals: { wFLX: total("wFLX"), AUR: total("AUR") },
  };
}
