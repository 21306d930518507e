/**
 * The seed's management commands (seeds/bpci-autonomous-economy.md, "Management Commands") under `kit bpci`:
 * `economy status [--detailed]`, `economy tokens [--balances] [--supply]`, `poe stats`,
 * `economy stability [--monitor]`, `economy metrics [--comprehensive] [--export <file>]`,
 * `economy audit [--month YYYY-MM | --from-block N --to-block N] [--export <file.csv>]`,
 * `poe calculate-rewards [--miner-id]`, `poe owner-salary --report [--month YYYY-MM | --period N]`; the sending
 * ones (`poe start-mining`, `poe submit-job`) are the same actions as `bpci miner register` and `bpci job submit`
 * (`registerMinerCommand`, `submitJobCommand` in sdk/bpci/cli/bpci.ts).
 * A miner id is the miner's address (PoE miners are accounts). Every command has `--json`.
 */
import type { Command } from "commander";
import { formatAmount, InvalidArgumentError, parseAddress, toCsv } from "../../kit/core";
import { blocksBetween, type EventLogRow } from "../../kit/chain";
import { writeTextFile } from "../../kit/node/store";
import type { CliContext } from "../../cli/context";
import { accountArg, uintArg } from "../../cli/helpers";
import {
  connectBpci,
  POE_JOB_TYPES,
  WFLX_DECIMALS,
  readOwnerSalaryReport,
  readBpciStatus,
  readBpciTokens,
  readMinerRewards,
  readOwnerSalaryMonth,
  readPoeStats,
  readStability,
  readBpciMetrics,
  readBpciAudit,
  auditCsvRow,
  monthBounds,
  type BpciContracts,
  type BpciTokenRow,
  type MinerRewards,
  type PoeStats,
} from "..";
import { bpciStatusLines, stabilityLines } from "./bpci";
import { registerMinerCommand, salaryPeriodLines, submitJobCommand } from "./bpci";

async function reader(c: CliContext): Promise<BpciContracts> {
  return connectBpci(await c.addressBook(), await c.provider());
}

const bigintJson = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);

/** The current calendar month (UTC) of the chain's latest block, `YYYY-MM`. */
async function chainMonth(c: CliContext): Promise<string> {
  const block = await (await c.provider()).getBlock("latest");
  return new Date(Number(block!.timestamp) * 1000).toISOString().slice(0, 7);
}

/** Lines of `poe stats` (and of `economy status --detailed`). */
export function poeStatsLines(s: PoeStats): string[] {
  const pct = (bps: bigint) => `${Number(bps) / 100}%`;
  return [
    `jobs      ${s.jobs} submitted, ${s.miners} miners registered`,
    `epoch     ${s.currentEpoch} open (work ${formatAmount(s.current.work)}, volume ${formatAmount(s.current.volume)}); next to close ${s.nextToClose}`,
    `index     Phi EMA ${formatAmount(s.phiEma)}, Gamma ${formatAmount(s.gamma)}`,
    s.lastClosed
      ? `last      epoch ${s.lastClosed.epoch}: issued ${formatAmount(s.lastClosed.issued)} NEX, withheld ${formatAmount(s.lastClosed.withheld)} NEX, work ${formatAmount(s.lastClosed.work)}`
      : `last      no epoch closed yet`,
    `NEX       ${formatAmount(s.nex.unclaimed)} unclaimed, ${formatAmount(s.nex.withheld)} withheld by the gate in total`,
    `fee       ${pct(s.fee.feeBps)} of a job's value: locked reserve ${pct(s.fee.lockShareBps)}, miner ${pct(s.fee.spendShareBps)}, owner ${pct(s.fee.ownerShareBps)}, treasury ${pct(s.fee.treasuryShareBps)} of the fee`,
  ];
}

function tokenLines(rows: readonly BpciTokenRow[], supply: boolean, balances: boolean): string[] {
  return rows.flatMap((t) => {
    const out: string[] = [];
    if (supply) {
      const extra = [
        t.cap !== undefined ? `cap ${formatAmount(t.cap, t.decimals)}` : undefined,
        t.year
          ? `year ${t.year.year}: ${formatAmount(t.year.minted, t.decimals)} of ${formatAmount(t.year.yearlyCap, t.decimals)} minted`
          : undefined,
      ].filter(Boolean);
      out.push(
        `${t.symbol.padEnd(5)} supply ${formatAmount(t.totalSupply, t.decimals)}${extra.length ? ` (${extra.join(", ")})` : ""}  ${t.address}`,
      );
    }
    if (balances) {
      for (const [who, v] of Object.entries(t.balances))
        out.push(`${t.symbol.padEnd(5)} ${who} ${formatAmount(v, t.decimals)}`);
    }
    return out;
  });
}

function rewardLines(r: MinerRewards): string[] {
  return [
    `miner ${r.miner}: ${formatAmount(r.claimableTotal)} NEX claimable over the last ${r.epochsChecked} closed epoch(s)`,
    ...r.closed.map((e) => `  epoch ${e.epoch}: ${formatAmount(e.claimable)} NEX (kit bpci epoch claim ${e.epoch})`),
    `open epoch ${r.current.epoch}: work ${formatAmount(r.current.work)} of ${formatAmount(r.current.totalWork)}, about ${formatAmount(r.current.estimate)} NEX if it closed at today's Phi EMA`,
    `reserve wFLX ${formatAmount(r.reserves.wflx.locked, WFLX_DECIMALS)} locked (${formatAmount(r.reserves.wflx.vested, WFLX_DECIMALS)} vested), AUR ${formatAmount(r.reserves.aur.locked)} locked (${formatAmount(r.reserves.aur.vested)} vested)`,
  ];
}

/** Adds the seed-named groups `economy` and `poe` to the `kit bpci` group (registered first by `registerBpci`). */
export function registerBpciSeedCommands(program: Command, ctx: () => CliContext): void {
  const bpci = program.commands.find((x) => x.name() === "bpci");
  if (!bpci) throw new Error("registerBpciSeedCommands: register the `bpci` group first");
  const economy = bpci
    .command("economy")
    .description("the seed's economy commands: status, tokens, stability, metrics, audit");
  economy
    .command("stability")
    .description("the stability monitor: level, halt, thresholds and each token's deviation; --monitor refreshes")
    .option("--monitor", "a live view: read again every --interval seconds (Ctrl-C stops; --json prints one line each)")
    .option("--interval <seconds>", "seconds between reads with --monitor (1..3600)", "10")
    .option("--count <n>", "stop after n reads with --monitor (default: until stopped)")
    .action(async (opts: { monitor?: boolean; interval: string; count?: string }) => {
      const c = ctx();
      const b = await reader(c);
      const interval = Number(uintArg(opts.interval, "--interval"));
      if (interval < 1 || interval > 3600) {
        throw new InvalidArgumentError(`--interval must be 1..3600 seconds, not ${opts.interval}`, {
          details: { interval: opts.interval },
        });
      }
      const count = opts.count === undefined ? undefined : Number(uintArg(opts.count, "--count"));
      if (!opts.monitor) {
        const s = await readStability(b);
        c.print(s, stabilityLines);
        return;
      }
      for (let i = 0; count === undefined || i < count; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, interval * 1000));
        const s = await readStability(b);
        if (c.options.json)
          c.io.stdout(JSON.stringify(s, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) + "\n");
        else {
          // A terminal gets a refreshed screen; a pipe or file gets one block per read.
          if (c.io.isTTY) c.io.stdout("\x1b[2J\x1b[H");
          c.io.stdout([`read ${i + 1} at ${new Date().toISOString()}`, ...stabilityLines(s), ""].join("\n") + "\n");
        }
      }
    });
  economy
    .command("metrics")
    .description("every reading at one block: status and the monitor; --comprehensive adds PoE statistics and tokens")
    .option("--comprehensive", "PoE statistics, the fee split and the token table too")
    .option("--export <file>", "write the metrics as JSON to <file> (bigints as decimal strings)")
    .action(async (opts: { comprehensive?: boolean; export?: string }) => {
      const c = ctx();
      const m = await readBpciMetrics(await reader(c), await c.provider(), { comprehensive: opts.comprehensive });
      if (opts.export) writeTextFile(opts.export, JSON.stringify(m, bigintJson, 2) + "\n", "metrics file");
      const out = opts.export ? { ...m, exported: opts.export } : m;
      c.print(out, () => [
        `block ${m.block} at ${new Date(Number(m.timestamp) * 1000).toISOString()} (chain ${m.chainId})`,
        ...bpciStatusLines(m.status),
        "",
        ...stabilityLines(m.stability),
        ...(m.poe ? ["", ...poeStatsLines(m.poe)] : []),
        ...(m.tokens ? ["", ...tokenLines(m.tokens, true, false)] : []),
        ...(opts.export ? ["", `written to ${opts.export}`] : []),
      ]);
    });
  economy
    .command("audit")
    .description("the events of every BPCI contract in a period, in chain order; --export writes them as CSV")
    .option("--month <YYYY-MM>", "the blocks of a calendar month (UTC)")
    .option("--from-block <n>", "first block (default 0)")
    .option("--to-block <n>", "last block (default: the latest)")
    .option("--export <file>", "write the events as CSV (block, time, tx, logIndex, contract, address, event, args)")
    .action(async (opts: { month?: string; fromBlock?: string; toBlock?: string; export?: string }) => {
      const c = ctx();
      if (opts.month !== undefined && (opts.fromBlock !== undefined || opts.toBlock !== undefined)) {
        throw new InvalidArgumentError("--month and --from-block/--to-block are exclusive: give one period", {
          details: { month: opts.month, fromBlock: opts.fromBlock, toBlock: opts.toBlock },
        });
      }
      const provider = await c.provider();
      let range: { fromBlock: number; toBlock: number } | undefined;
      if (opts.month !== undefined) {
        const { start, end } = monthBounds(opts.month);
        range = await blocksBetween(provider, start, end);
      } else {
        const latest = await provider.getBlockNumber();
        const fromBlock = opts.fromBlock === undefined ? 0 : Number(uintArg(opts.fromBlock, "--from-block"));
        const toBlock = opts.toBlock === undefined ? latest : Number(uintArg(opts.toBlock, "--to-block"));
        if (fromBlock > toBlock || toBlock > latest) {
          throw new InvalidArgumentError(
            `the block range ${fromBlock}..${toBlock} is empty or beyond the latest block ${latest}`,
            { details: { fromBlock, toBlock, latest } },
          );
        }
        range = { fromBlock, toBlock };
      }
      const rows: EventLogRow[] = range ? await readBpciAudit(await reader(c), provider, range) : [];
      if (opts.export) writeTextFile(opts.export, toCsv(rows.map(auditCsvRow)), "audit file");
      const counts: Record<string, number> = {};
      for (const r of rows) counts[`${r.contract}.${r.event}`] = (counts[`${r.contract}.${r.event}`] ?? 0) + 1;
      const summary = { ...(range ?? { fromBlock: null, toBlock: null }), events: rows.length, counts };
      const out = opts.export ? { ...summary, exported: opts.export } : { ...summary, rows };
      c.print(out, () => [
        range
          ? `${rows.length} event(s) in blocks ${range.fromBlock}..${range.toBlock}`
          : `no block in ${opts.month}: 0 events`,
        ...Object.entries(counts).map(([k, n]) => `  ${k}: ${n}`),
        ...(opts.export
          ? [`written to ${opts.export}`]
          : rows.map((r) => `${r.block}/${r.logIndex} ${r.contract}.${r.event} ${JSON.stringify(r.args)}`)),
      ]);
    });
  economy
    .command("status")
    .description("supplies, AUR backing, Phi, the epoch; --detailed adds PoE statistics and the token table")
    .option("--detailed", "PoE statistics, the fee split and every token's supply and caps")
    .action(async (opts: { detailed?: boolean }) => {
      const c = ctx();
      const b = await reader(c);
      const status = await readBpciStatus(b);
      const detail = opts.detailed ? { stats: await readPoeStats(b), tokens: await readBpciTokens(b) } : undefined;
      c.print({ ...status, ...(detail ?? {}) }, () => [
        ...bpciStatusLines(status),
        ...(detail ? ["", ...poeStatsLines(detail.stats), "", ...tokenLines(detail.tokens, true, false)] : []),
      ]);
    });
  economy
    .command("tokens")
    .description("GEN, NEX, FLX, wFLX and AUR: supplies (caps, NEX's yearly allowance) and balances")
    .option("--supply", "supplies and caps")
    .option("--balances", "balances of --account (default: the signer)")
    .option("--account <addresses...>", "accounts whose balances to show")
    .action(async (opts: { supply?: boolean; balances?: boolean; account?: string[] }) => {
      const c = ctx();
      // Neither flag: both, as `tokens` alone should show something useful.
      const [supply, balances] = opts.supply || opts.balances ? [!!opts.supply, !!opts.balances] : [true, true];
      const accounts = !balances
        ? []
        : opts.account?.length
          ? opts.account.map((a) => parseAddress(a, "--account"))
          : c.hasKey()
            ? [await accountArg(c, undefined)]
            : [];
      if (balances && accounts.length === 0 && opts.balances)
        throw new InvalidArgumentError("--balances needs --account <address> (or a configured key)");
      const rows = await readBpciTokens(await reader(c), accounts);
      c.print(rows, () => tokenLines(rows, supply, balances));
    });

  const poe = bpci
    .command("poe")
    .description("the seed's PoE mining commands: start-mining, submit-job, stats, calculate-rewards, owner-salary");
  poe
    .command("start-mining")
    .description("register the signer as a miner with a NEX stake (= `bpci miner register`)")
    .option("--miner-id <address>", "the miner: must be the signer's own address (a miner registers itself)")
    .option("--stake <NEX>", "NEX to bond (0 during the bootstrap)", "0")
    .option("--wei", "amounts in wei")
    .action(async (opts: { minerId?: string; stake: string; wei?: boolean }) => {
      const c = ctx();
      const signer = (await c.wallet()).address;
      if (opts.minerId !== undefined && parseAddress(opts.minerId, "--miner-id") !== signer) {
        throw new InvalidArgumentError(
          `--miner-id ${opts.minerId} is not the signer ${signer}: a miner registers itself`,
          {
            details: { minerId: opts.minerId, signer },
          },
        );
      }
      await registerMinerCommand(c, opts.stake, opts);
    });
  poe
    .command("submit-job")
    .description(
      `pay a miner for a job (= \`bpci job submit\`): ${POE_JOB_TYPES.join(", ")}; approves value + fee exactly`,
    )
    .requiredOption("--miner-id <address>", "the miner who does the job")
    .requiredOption("--job-type <type>", "job type (name or 0..9)")
    .requiredOption("--value <amount>", "value in the payment token")
    .option("--token <token>", "wflx or aur", "wflx")
    .option("--wei", "amounts in wei")
    .action(async (opts: { minerId: string; jobType: string; value: string; token: string; wei?: boolean }) => {
      const c = ctx();
      const miner = parseAddress(opts.minerId, "--miner-id");
      await submitJobCommand(c, miner, opts.jobType, opts.value, opts);
    });
  poe
    .command("stats")
    .description("jobs, miners, the open and last closed epoch, Phi and Gamma, the fee and its split")
    .action(async () => {
      const c = ctx();
      const s = await readPoeStats(await reader(c));
      c.print(s, poeStatsLines);
    });
  poe
    .command("calculate-rewards")
    .description("a miner's claimable NEX per closed epoch, the open epoch's estimate and its locked reserves")
    .option("--miner-id <address>", "the miner (default: the signer)")
    .option("--epochs <n>", "closed epochs to look back over (1..90)", "7")
    .action(async (opts: { minerId?: string; epochs: string }) => {
      const c = ctx();
      const miner = await accountArg(c, opts.minerId, "--miner-id");
      const r = await readMinerRewards(await reader(c), miner, uintArg(opts.epochs, "--epochs"));
      c.print(r, rewardLines);
    });
  poe
    .command("owner-salary")
    .description("the owner-salary report of a calendar month (every salary period overlapping it) or of one period")
    .option("--report", "print the report (the only action here; the owner claims with `kit bpci owner claim`)")
    .option("--month <YYYY-MM>", "calendar month, UTC (default: the chain's current month)")
    .option("--period <n>", "one salary period instead of a month")
    .action(async (opts: { report?: boolean; month?: string; period?: string }) => {
      const c = ctx();
      if (opts.month !== undefined && opts.period !== undefined)
        throw new InvalidArgumentError("give --month or --period, not both");
      const b = await reader(c);
      if (opts.period !== undefined) {
        const p = await readOwnerSalaryReport(b, uintArg(opts.period, "--period"));
        c.print(p, (r) => [`owner salary, owner ${r.owner}:`, ...salaryPeriodLines(r)]);
        return;
      }
      const r = await readOwnerSalaryMonth(b, opts.month ?? (await chainMonth(c)));
      c.print(r, (x) => [
        `owner salary, ${x.month} (${x.periods.length} salary period(s) overlap it), owner ${x.owner}`,
        ...x.periods.flatMap(salaryPeriodLines),
        `  total wFLX salary ${formatAmount(x.totals.wFLX.salary, WFLX_DECIMALS)}, to treasury ${formatAmount(x.totals.wFLX.toTreasury, WFLX_DECIMALS)}; AUR salary ${formatAmount(x.totals.AUR.salary)}, to treasury ${formatAmount(x.totals.AUR.toTreasury)}`,
      ]);
    });
}
