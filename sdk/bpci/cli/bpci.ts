/**
 * `kit bpci …`: the BPCI economy from the command line (miner, job, epoch, aur, flx, owner, billing, stability, bank-mesh, status), each with
 * `--json` and decoded errors; and `kit agent bpci-miner`. Amounts are in whole tokens (18 decimals; wFLX has 21)
 * unless `--wei`. Every signing command runs through the shared `txCommand` (sdk/cli/helpers.ts): connect, pre-flight (`send` estimates gas,
 * `sendWithAllowance` pre-flights with the allowance it will approve, then approves exactly), send with a progress
 * line, print the `--json` transaction shape and one text line.
 */
import type { Command } from "commander";
import { runAgentCommand } from "../../cli/agentLoop";
import { registerStakedVotesCommands } from "../../cli/stakedVotes";
import { formatAmount, InvalidArgumentError, parseAddress, parseAmount, parseBaseUnits } from "../../kit/core";
import { buildDelegate, buildTransfer, encodeRequest, send, sendWithAllowance } from "../../kit/tx";
import { JsonLineLogger } from "../../kit/agents";
import { registerStateNames } from "../../cli/describe";
import type { CliContext } from "../../cli/context";
import { registerBankMesh } from "./mesh";
import { readTextFile, writeTextFile } from "../../kit/node/store";
import {
  accountArg,
  amountArg,
  localOnly,
  plan,
  txCommand,
  uintArg,
  type AmountOpts,
  type Signing as SharedSigning,
} from "../../cli/helpers";
import {
  connectBpci,
  JOB_STATES,
  POE_JOB_TYPES,
  BPCI_TOKEN_DECIMALS,
  WFLX_DECIMALS,
  readBpciJob,
  readBpciMiner,
  readBpciStatus,
  readOwnerSalaryReport,
  buildAurCheck,
  buildGenSyncLimit,
  buildMinerStake,
  buildSetLocalFeed,
  buildAurMint,
  buildMinerUnbond,
  buildMinerWithdraw,
  buildRefundJob,
  buildRegisterMiner,
  buildWrapFlx,
  claimIssuance,
  claimOwnerSalary,
  closeEpoch,
  confirmJob,
  flushTreasury,
  rebaseFlx,
  redeemAur,
  releaseReserve,
  jobTypeArg,
  submitJob,
  unwrapFlx,
  transferAllFlx,
  BpciMinerAgent,
  BpciBankAgent,
  MESH_MAX_RATE_BPS,
  buildBillingCancel,
  buildBillingTree,
  commitBilling,
  parseRecords,
  payBilling,
  readBillingSettlement,
  SETTLEMENT_STATES,
  INTERVENTION_STATES,
  buildInterventionCancel,
  buildInterventionExecute,
  buildInterventionPropose,
  buildStabilityCheck,
  proposeIntervention,
  readIntervention,
  readStability,
  type BpciContracts,
  type InterventionChange,
  type StabilityStatus,
  type UsageRecord,
} from "..";

registerStateNames("PoeUnexpectedState", JOB_STATES);
registerStateNames("BillingUnexpectedState", SETTLEMENT_STATES);
registerStateNames("StabilityUnexpectedState", INTERVENTION_STATES);

/** Text lines of the stability monitor's status (`kit bpci economy stability`, `kit bpci stability check`). */
export function stabilityLines(s: StabilityStatus): string[] {
  const pct = (bps: bigint) => `${(Number(bps) / 100).toFixed(2)}%`;
  return [
    `stability: ${s.level} now (recorded ${s.recorded} since ${new Date(Number(s.recordedSince) * 1000).toISOString()})`,
    `thresholds: intervention above ${pct(s.interventionBps)}, emergency above ${pct(s.emergencyBps)}`,
    `minting of NEX and AUR: ${s.mintHalted ? "HALTED (governance resumes it)" : "open"}${s.emergency ? ", emergency episode running" : ""}`,
    ...s.readings.map((r) =>
      r.level === "Unknown"
        ? `  ${r.track}: Unknown (price feed ${r.priceStatus}, target ${r.targetStatus})`
        : `  ${r.track}: ${formatAmount(r.price)} vs target ${formatAmount(r.target)}, deviation ${pct(r.deviationBps)}: ${r.level}`,
    ),
    `interventions proposed: ${s.interventions}`,
  ];
}

/** `name=value` changes of `kit bpci stability propose --set` (values in the parameter's base unit). */
function changesArg(sets: readonly string[]): InterventionChange[] {
  return sets.map((x) => {
    const m = /^([a-zA-Z0-9.]+)=(\d+)$/.exec(x.trim());
    if (!m) {
      throw new InvalidArgumentError(`--set must be <parameter>=<integer>, not "${x}"`, { details: { set: x } });
    }
    return { name: m[1], value: BigInt(m[2]) };
  });
}

/**
 * An amount argument in a token of `decimals` decimals, or wei with `--wei`: the kit's {@link amountArg} (18
 * decimals) for every BPCI token but wFLX.
 */
function amount(value: string, opts: AmountOpts, decimals = BPCI_TOKEN_DECIMALS): bigint {
  if (decimals === BPCI_TOKEN_DECIMALS) return amountArg(value, opts);
  return opts.wei ? parseBaseUnits(value) : parseAmount(value, decimals);
}

async function bpci(c: CliContext, signing: boolean): Promise<BpciContracts> {
  const book = await c.addressBook();
  return connectBpci(book, signing ? await c.signer() : await c.provider());
}

/** A BPCI token as the commands name it: its address, decimals and symbol. */
export interface TokenArg {
  readonly address: string;
  readonly decimals: number;
  readonly symbol: string;
}

/** The token `name` (gen, nex, flx, wflx, aur; case-insensitive) among `allowed`, or a bad-input error. */
function tokenArg(b: BpciContracts, name: string, allowed: readonly string[], option = "token"): TokenArg {
  const n = name.toLowerCase();
  const all: Record<string, TokenArg> = {
    gen: { address: b.gen.target as string, decimals: BPCI_TOKEN_DECIMALS, symbol: "GEN" },
    nex: { address: b.nex.target as string, decimals: BPCI_TOKEN_DECIMALS, symbol: "NEX" },
    flx: { address: b.flx.target as string, decimals: BPCI_TOKEN_DECIMALS, symbol: "FLX" },
    wflx: { address: b.wflx.target as string, decimals: WFLX_DECIMALS, symbol: "wFLX" },
    aur: { address: b.aur.target as string, decimals: BPCI_TOKEN_DECIMALS, symbol: "AUR" },
  };
  if (!allowed.includes(n)) {
    throw new InvalidArgumentError(`${option} must be ${allowed.join(", ")}, not "${name}"`, {
      details: { [option]: name, allowed },
    });
  }
  return all[n];
}

/** The payment token of a job (`wflx`, default, or `aur`; `flx` means wFLX, the form jobs are paid in). */
const paymentToken = (b: BpciContracts, name: string) =>
  tokenArg(b, name.toLowerCase() === "flx" ? "wflx" : name, ["wflx", "aur"], "--token");
/** A tier token of the governor (gen 10x, aur 5x, nex 3x, wflx 1x per FLX). */
const tierToken = (b: BpciContracts, name: string) => tokenArg(b, name, ["gen", "aur", "nex", "wflx"]);

/** What a signing `kit bpci` command works with: the BPCI contracts connected to the signer, the signer, its address. */
export type Signing = SharedSigning<BpciContracts>;

/**
 * The shared pieces of the `kit bpci` commands that other files' groups (`bank-mesh`, sdk/bpci/cli/mesh.ts) use,
 * handed over at registration (no import cycle).
 */
export interface BpciCliHelpers {
  readonly amount: typeof amount;
  readonly contracts: typeof bpci;
  readonly tokenArg: typeof tokenArg;
}

/** The usage records of a JSON file (see `kit bpci billing build`), with a clear error for a missing or bad file. */
function readRecords(file: string): UsageRecord[] {
  const text = readTextFile(file, "records file");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InvalidArgumentError(`records file ${file} is not JSON: ${(e as Error).message}`, { details: { file } });
  }
  return parseRecords(json);
}

/** `kit bpci …` command groups. */
export function registerBpci(program: Command, ctx: () => CliContext): void {
  const root = program.command("bpci").description("BPCI: GEN/NEX/FLX/AUR, PoE mining, jobs, epochs, reserves");

  root
    .command("status")
    .description("supplies, AUR backing, Phi (EMA), the epoch, miners and jobs")
    .action(async () => {
      const c = ctx();
      const s = await readBpciStatus(await bpci(c, false));
      c.print(s, (r) => bpciStatusLines(r));
    });

  // ------------------------------------------------------------------------------------------------ miner
  const miner = root.command("miner").description("register, unbond, withdraw and show PoE miners (NEX stake)");
  registerStakedVotesCommands(miner, ctx, {
    group: "bpci miner",
    what: "your staked NEX (MinerStaking's staked votes; not a governor source)",
    staking: async (c) => (await bpci(c, false)).minerStaking.getAddress(),
  });
  miner
    .command("register")
    .description("register the signer as a miner with a NEX stake (0 during the bootstrap)")
    .argument("[stake]", "NEX to bond", "0")
    .option("--wei", "amounts in wei")
    .action((stake: string, opts: AmountOpts) => registerMinerCommand(ctx(), stake, opts));
  miner
    .command("unbond")
    .description("start unbonding NEX (bpci.poe.unbondingPeriod)")
    .argument("<amount>", "NEX")
    .option("--wei", "amounts in wei")
    .action((a: string, opts: AmountOpts) =>
      txCommand(ctx(), "unbond", bpci, ({ b, signer }) => {
        const value = amount(a, opts);
        return plan({
          label: "unbond",
          send: (o) => send(signer, buildMinerUnbond(b.minerStaking.target as string, value), o),
          json: () => ({ amount: value }),
          text: (x) => `unbonding ${formatAmount(x.amount)} NEX (${x.hash})`,
        });
      }),
    );
  miner
    .command("withdraw")
    .description("withdraw an unlocked unbonding")
    .argument("<index>", "unbonding index")
    .action((i: string) =>
      txCommand(ctx(), "withdraw", bpci, ({ b, signer }) => {
        const index = uintArg(i, "index");
        return plan({
          label: "withdraw",
          send: (o) => send(signer, buildMinerWithdraw(b.minerStaking.target as string, index), o),
          json: () => ({ index }),
          text: (x) => `withdrew unbonding ${x.index} (${x.hash})`,
        });
      }),
    );
  miner
    .command("stake")
    .description("add NEX to the signer's bond (approves exactly, if needed)")
    .argument("<amount>", "NEX")
    .option("--wei", "amounts in wei")
    .action((a: string, opts: AmountOpts) =>
      txCommand(ctx(), "stake", bpci, ({ b, signer }) => {
        const value = amount(a, opts);
        const req = buildMinerStake(b.minerStaking.target as string, value);
        return plan({
          label: "stake NEX",
          send: (o) => sendWithAllowance(signer, b.nex.target as string, value, req, o),
          json: () => ({ amount: value }),
          text: (x) => `bonded ${formatAmount(x.amount)} NEX (${x.hash})`,
        });
      }),
    );
  miner
    .command("release")
    .description("release the signer's vested locked reserve in a payment token")
    .option("--token <token>", "wflx or aur", "wflx")
    .action((opts: { token: string }) =>
      txCommand(ctx(), "releaseReserve", bpci, ({ b, signer }) => {
        const token = paymentToken(b, opts.token);
        return plan({
          label: "release reserve",
          send: (o) => releaseReserve(signer, b.mining.target as string, token.address, o),
          json: (r) => ({ token: token.symbol, amount: r.amount }),
          text: (x) => `released ${formatAmount(x.amount, token.decimals)} ${x.token} (${x.hash})`,
        });
      }),
    );
  miner
    .command("show")
    .description("a miner's stake, activity, reserves and claimable NEX")
    .argument("[address]", "miner (default: the signer)")
    .option("--epoch <n>", "epoch of the claimable figure (default: the last closed)")
    .action(async (address: string | undefined, opts: { epoch?: string }) => {
      const c = ctx();
      const who = await accountArg(c, address, "miner");
      const m = await readBpciMiner(await bpci(c, false), who, opts.epoch ? uintArg(opts.epoch, "epoch") : undefined);
      c.print(m, (r) => [
        `miner ${r.miner}: ${r.active ? "active" : "inactive"}, stake ${formatAmount(r.stake)} NEX (minimum ${formatAmount(r.minimum)})`,
        `reserve wFLX ${formatAmount(r.reserves.wflx.locked, WFLX_DECIMALS)} locked, ${formatAmount(r.reserves.wflx.vested, WFLX_DECIMALS)} vested; AUR ${formatAmount(r.reserves.aur.locked)} locked, ${formatAmount(r.reserves.aur.vested)} vested`,
        `epoch ${r.epoch}: ${formatAmount(r.claimable)} NEX claimable; ${r.unbondings.length} unbonding(s)`,
      ]);
    });

  // -------------------------------------------------------------------------------------------------- job
  const job = root.command("job").description("PoE jobs: submit, confirm, refund, show");
  job
    .command("submit")
    .description(
      `pay a miner for a job of a type (${POE_JOB_TYPES.join(", ")}); the fee is bpci.poe.feeBps of the value, read from the registry; approves exactly value + fee if needed`,
    )
    .argument("<miner>", "miner address")
    .argument("<type>", "job type (name or 0..9)")
    .argument("<value>", "value in the payment token")
    .option("--token <token>", "wflx or aur", "wflx")
    .option("--wei", "amounts in wei")
    .action((minerAddress: string, type: string, v: string, opts: AmountOpts & { token: string }) =>
      submitJobCommand(ctx(), minerAddress, type, v, opts),
    );
  job
    .command("confirm")
    .description("the job's miner confirms it: value + spendable leg paid, reserve locked, work credited")
    .argument("<jobId>", "job id")
    .action((i: string) =>
      txCommand(ctx(), "confirmJob", bpci, ({ b, signer }) => {
        const id = uintArg(i, "jobId");
        return plan({
          label: "confirm job",
          send: (o) => confirmJob(signer, b.mining.target as string, id, o),
          json: ({ receipt: _, ...legs }) => legs,
          text: (x) =>
            `job ${x.jobId} confirmed in epoch ${x.epoch}: locked ${x.locked}, spendable ${x.spendable}, owner ${x.ownerSalary}, treasury ${x.treasury} (wei), work ${x.work} (${x.hash})`,
        });
      }),
    );
  job
    .command("refund")
    .description("refund an expired job's value and fee to its requester (anyone)")
    .argument("<jobId>", "job id")
    .action((i: string) =>
      txCommand(ctx(), "refundJob", bpci, ({ b, signer }) => {
        const id = uintArg(i, "jobId");
        return plan({
          label: "refund job",
          send: (o) => send(signer, buildRefundJob(b.mining.target as string, id), o),
          json: () => ({ jobId: id }),
          text: (x) => `job ${x.jobId} refunded (${x.hash})`,
        });
      }),
    );
  job
    .command("show")
    .description("a job's parties, type, value, fee, deadline and state")
    .argument("<jobId>", "job id")
    .action(async (i: string) => {
      const c = ctx();
      const j = await readBpciJob(await bpci(c, false), uintArg(i, "jobId"));
      c.print(j, (r) => [
        `job ${r.id} ${r.state}: ${r.jobType}, ${r.value} + fee ${r.fee} ${r.token} wei, ${r.requester} -> ${r.miner}, deadline ${r.deadline}`,
      ]);
    });

  // ------------------------------------------------------------------------------------------------ epoch
  const epoch = root.command("epoch").description("PoE issuance epochs: close, claim");
  epoch
    .command("close")
    .description("close the next ended epoch: Phi, Gamma, NEX issued and withheld (anyone)")
    .action(() =>
      txCommand(ctx(), "closeEpoch", bpci, ({ b, signer }) =>
        plan({
          label: "close epoch",
          send: (o) => closeEpoch(signer, b.mining.target as string, o),
          json: ({ receipt: _, ...e }) => e,
          text: (x) =>
            `epoch ${x.epoch} closed: Phi EMA ${formatAmount(x.phiEma)}, Gamma ${formatAmount(x.gamma)}, issued ${formatAmount(x.issued)} NEX, withheld ${formatAmount(x.withheld)} NEX (${x.hash})`,
        }),
      ),
    );
  epoch
    .command("claim")
    .description("claim the signer's NEX share of a closed epoch")
    .argument("<epoch>", "epoch")
    .action((e: string) =>
      txCommand(ctx(), "claimIssuance", bpci, ({ b, signer }) => {
        const n = uintArg(e, "epoch");
        return plan({
          label: "claim issuance",
          send: (o) => claimIssuance(signer, b.mining.target as string, n, o),
          json: (r) => ({ epoch: r.epoch, amount: r.amount }),
          text: (x) => `claimed ${formatAmount(x.amount)} NEX of epoch ${x.epoch} (${x.hash})`,
        });
      }),
    );

  // -------------------------------------------------------------------------------------------------- aur
  const aur = root.command("aur").description("AUR: guarded mint, redeem, reserve check");
  aur
    .command("mint")
    .description("issuer only: mint AUR while the reserve feed covers supply + amount + margin")
    .argument("<to>", "receiver")
    .argument("<amount>", "AUR")
    .option("--wei", "amounts in wei")
    .action((to: string, a: string, opts: AmountOpts) =>
      txCommand(ctx(), "mintAur", bpci, ({ b, signer }) => {
        const value = amount(a, opts);
        return plan({
          label: "mint AUR",
          send: (o) => send(signer, buildAurMint(b.aur.target as string, to, value), o),
          json: () => ({ to, amount: value }),
          text: (x) => `minted ${formatAmount(x.amount)} AUR to ${x.to} (${x.hash})`,
        });
      }),
    );
  aur
    .command("redeem")
    .description("burn AUR; the Redeemed event tells the custodian what to release and where")
    .argument("<amount>", "AUR")
    .argument("<releaseTo>", "custodian reference (32-byte hex, or text that is hashed)")
    .option("--wei", "amounts in wei")
    .action((a: string, releaseTo: string, opts: AmountOpts) =>
      txCommand(ctx(), "redeemAur", bpci, async ({ b, signer }) => {
        const value = amount(a, opts);
        const ref = /^0x[0-9a-fA-F]{64}$/.test(releaseTo) ? releaseTo : (await import("ethers")).id(releaseTo);
        return plan({
          label: "redeem AUR",
          send: (o) => redeemAur(signer, b.aur.target as string, value, ref, o),
          json: (r) => ({ redemptionId: r.redemptionId, amount: r.amount, releaseTo: ref }),
          text: (x) =>
            `redemption ${x.redemptionId}: ${formatAmount(x.amount)} AUR burned, release to ${x.releaseTo} (${x.hash})`,
        });
      }),
    );
  aur
    .command("check")
    .description("check reported reserves against the supply; pauses minting on a shortfall (anyone)")
    .action(() =>
      txCommand(ctx(), "checkReserves", bpci, ({ b, signer }) =>
        plan({
          label: "check reserves",
          send: async (o) => {
            const receipt = await send(signer, buildAurCheck(b.aur.target as string), o);
            return { receipt, paused: (await b.aur.mintingPaused())[0] };
          },
          json: (r) => ({ paused: r.paused }),
          text: (x) => `reserves checked: minting ${x.paused ? "PAUSED (shortfall)" : "open"} (${x.hash})`,
        }),
      ),
    );

  // -------------------------------------------------------------------------------------------------- gen
  const gen = root.command("gen").description("GEN: the concentration limit");
  gen
    .command("sync-limit")
    .description(
      "copy bpci.gen.maxHolderBps into GEN's cached limit (anyone; a lowered limit applies from then on, a raised one at once)",
    )
    .action(() =>
      txCommand(ctx(), "syncHolderLimit", bpci, ({ b, signer }) =>
        plan({
          label: "sync the GEN holder limit",
          send: async (o) => {
            const receipt = await send(signer, buildGenSyncLimit(b.gen.target as string), o);
            return { receipt, limit: await b.gen.cachedHolderLimit(), limitBps: await b.gen.maxHolderBps() };
          },
          json: (r) => ({ limit: r.limit, limitBps: r.limitBps }),
          text: (x) => `GEN holder limit ${formatAmount(x.limit)} GEN (${x.limitBps} bps of the supply) (${x.hash})`,
        }),
      ),
    );

  // -------------------------------------------------------------------------------------------------- flx
  const flx = root.command("flx").description("FLX: rebase, wrap into wFLX, unwrap");
  flx
    .command("rebase")
    .description("rebase FLX by the usage feed (anyone, once per bpci.flx.rebasePeriod)")
    .action(() =>
      txCommand(ctx(), "rebase", bpci, ({ b, signer }) =>
        plan({
          label: "rebase FLX",
          send: (o) => rebaseFlx(signer, b.flx.target as string, o),
          json: (r) => ({ supplyBefore: r.supplyBefore, supplyAfter: r.supplyAfter, deltaWad: BigInt(r.delta) }),
          text: (x) => `FLX supply ${formatAmount(x.supplyBefore)} -> ${formatAmount(x.supplyAfter)} (${x.hash})`,
        }),
      ),
    );
  flx
    .command("wrap")
    .description("wrap FLX into wFLX (the vote-carrying, non-rebasing share; approves FLX exactly, if needed)")
    .argument("<amount>", "FLX")
    .option("--wei", "amounts in wei")
    .action((a: string, opts: AmountOpts) =>
      txCommand(ctx(), "wrapFlx", bpci, ({ b, signer, from }) => {
        const value = amount(a, opts);
        const req = buildWrapFlx(b.wflx.target as string, value, from);
        return plan({
          label: "wrap FLX",
          send: (o) => sendWithAllowance(signer, b.flx.target as string, value, req, o),
          json: () => ({ amount: value }),
          text: (x) => `wrapped ${formatAmount(x.amount)} FLX (${x.hash})`,
        });
      }),
    );
  flx
    .command("transfer-all")
    .description("move the whole FLX balance (every gon: no rebase dust left) to an address; --from with an allowance")
    .argument("<to>", "recipient")
    .option("--from <owner>", "move the owner's whole balance (transferAllFrom; needs its allowance)")
    .action((to: string, opts: { from?: string }) =>
      txCommand(ctx(), "transferAll", bpci, ({ b, signer }) => {
        const receiver = parseAddress(to, "to");
        const owner = opts.from === undefined ? undefined : parseAddress(opts.from, "--from");
        return plan({
          label: "transfer all FLX",
          send: (o) => transferAllFlx(signer, b.flx.target as string, receiver, owner, o),
          json: (r) => ({ to: receiver, ...(owner ? { owner } : {}), amount: r.value }),
          text: (x) => `moved ${formatAmount(x.amount)} FLX (the whole balance) to ${x.to} (${x.hash})`,
        });
      }),
    );
  flx
    .command("unwrap")
    .description("unwrap wFLX back into FLX: an amount of FLX (withdraw), or of wFLX with --shares (redeem)")
    .argument("<amount>", "FLX to receive (with --shares: wFLX to burn, 21 decimals)")
    .option("--shares", "the amount is wFLX shares to burn (redeem) instead of FLX to receive (withdraw)")
    .option("--wei", "amounts in wei")
    .action((a: string, opts: AmountOpts & { shares?: boolean }) =>
      txCommand(ctx(), opts.shares ? "redeemWflx" : "unwrapFlx", bpci, ({ b, signer }) => {
        const value = amount(a, opts, opts.shares ? WFLX_DECIMALS : BPCI_TOKEN_DECIMALS);
        const request = opts.shares ? { shares: value } : { assets: value };
        return plan({
          label: "unwrap wFLX",
          send: (o) => unwrapFlx(signer, b.wflx.target as string, request, o),
          json: (r) => ({ assets: r.assets, shares: r.shares }),
          text: (x) =>
            `unwrapped ${formatAmount(x.shares, WFLX_DECIMALS)} wFLX into ${formatAmount(x.assets)} FLX (${x.hash})`,
        });
      }),
    );

  // ------------------------------------------------------------------------------------------------ owner
  const owner = root.command("owner").description("owner salary: report, claim; treasury legs: flush");
  owner
    .command("report")
    .description("the owner-salary report of a period (salary, diverted to the treasury, ceiling per token)")
    .option("--period <n>", "salary period (default: the current one)")
    .action(async (opts: { period?: string }) => {
      const c = ctx();
      const period = opts.period !== undefined ? uintArg(opts.period, "period") : undefined;
      const report = await readOwnerSalaryReport(await bpci(c, false), period);
      c.print(report, (r) => [`owner salary, owner ${r.owner}:`, ...salaryPeriodLines(r)]);
    });
  owner
    .command("claim")
    .description("the owner-salary recipient claims what it is owed in a payment token")
    .option("--token <token>", "wflx or aur", "wflx")
    .action((opts: { token: string }) =>
      txCommand(ctx(), "claimOwnerSalary", bpci, ({ b, signer }) => {
        const token = paymentToken(b, opts.token);
        return plan({
          label: "claim owner salary",
          send: (o) => claimOwnerSalary(signer, b.mining.target as string, token.address, o),
          json: (r) => ({ token: token.symbol, amount: r.amount }),
          text: (x) => `owner salary of ${formatAmount(x.amount, token.decimals)} ${x.token} claimed (${x.hash})`,
        });
      }),
    );
  owner
    .command("flush-treasury")
    .description("push the treasury legs owed in a payment token to the Treasury (anyone)")
    .option("--token <token>", "wflx or aur", "wflx")
    .action((opts: { token: string }) =>
      txCommand(ctx(), "flushTreasury", bpci, ({ b, signer }) => {
        const token = paymentToken(b, opts.token);
        return plan({
          label: "flush treasury",
          send: (o) => flushTreasury(signer, b.mining.target as string, token.address, o),
          json: (r) => ({ token: token.symbol, amount: r.amount }),
          text: (x) =>
            `${formatAmount(x.amount, token.decimals)} ${x.token} of treasury legs sent to the Treasury (${x.hash})`,
        });
      }),
    );

  // ----------------------------------------------------------------------------------------- tier tokens
  root
    .command("delegate")
    .description("delegate the votes of a tier token (gen 10x, aur 5x, nex 3x, wflx 1x per FLX) to an account")
    .argument("<token>", "gen, aur, nex or wflx")
    .argument("[to]", "delegatee (default: the signer)")
    .action((name: string, to: string | undefined) =>
      txCommand(ctx(), "delegate", bpci, async ({ c, b, signer }) => {
        const token = tierToken(b, name);
        const delegatee = await accountArg(c, to, "delegatee");
        return plan({
          label: `delegate ${name}`,
          send: (o) => send(signer, buildDelegate(token.address, delegatee), o),
          json: () => ({ token: token.symbol.toUpperCase(), delegatee }),
          text: (x) => `${x.token} votes delegated to ${x.delegatee} (${x.hash})`,
        });
      }),
    );
  root
    .command("transfer")
    .description("transfer GEN, NEX, FLX, wFLX or AUR")
    .argument("<token>", "gen, nex, flx, wflx or aur")
    .argument("<to>", "recipient")
    .argument("<amount>", "amount (wFLX has 21 decimals)")
    .option("--wei", "amounts in wei")
    .action((name: string, to: string, a: string, opts: AmountOpts) =>
      txCommand(ctx(), "transfer", bpci, ({ b, signer }) => {
        const token = tokenArg(b, name, ["gen", "nex", "flx", "wflx", "aur"]);
        const value = amount(a, opts, token.decimals);
        return plan({
          label: `transfer ${name}`,
          send: (o) => send(signer, buildTransfer(token.address, to, value), o),
          json: () => ({ token: token.symbol.toUpperCase(), to, amount: value }),
          text: (x) => `${x.amount} ${x.token} wei to ${x.to} (${x.hash})`,
        });
      }),
    );

  root
    .command("feed")
    .description(
      "local chains only: publish an answer on a mock feed (usage, reserve, liquidity, uptime, quality, and the monitor's aur-price, gold-price, flx-price, nex-price, nex-reference)",
    )
    .argument(
      "<name>",
      "usage, reserve, liquidity, uptime, quality, aur-price, gold-price, flx-price, nex-price or nex-reference",
    )
    .argument("<answer>", "raw answer in the feed's decimals (8 locally)")
    .action(async (name: string, answer: string) => {
      const c = ctx();
      // The local preset's feeds are MockAggregatorV3 that anyone may update; a live one reads real feeds.
      await localOnly(c, "bpci feed", "a live deployment reads real feeds");
      await txCommand(c, "setFeed", bpci, ({ b, signer }) => {
        const feeds = b.feeds as Record<string, { target: unknown }>;
        const key = Object.keys(feeds).find((k) => k.toLowerCase() === name.toLowerCase().replace(/[-_]/g, ""));
        const feed = key === undefined ? undefined : feeds[key];
        if (!feed) throw new InvalidArgumentError(`unknown feed "${name}" (known: ${Object.keys(feeds).join(", ")})`);
        const value = uintArg(answer, "answer");
        return plan({
          label: `set ${name} feed`,
          send: (o) => send(signer, buildSetLocalFeed(feed.target as string, value), o),
          json: () => ({ feed: name, answer: value }),
          text: (x) => `${x.feed} feed answers ${x.answer} (${x.hash})`,
        });
      });
    });

  // -------------------------------------------------------------------------------------------------- billing
  const billing = root
    .command("billing")
    .description("usage billing: build a period's Merkle tree, commit it, pay its totals, verify a record, cancel");
  billing
    .command("build")
    .description("offline: the root, totals and record count of a records file (JSON array of usage records)")
    .argument("<records>", "records file (JSON: user, service, resource, gen, nex, flx, aur, usd; integers in wei)")
    .option("--out <file>", "write the tree (StandardMerkleTree dump) to publish beside the root")
    .action((file: string, opts: { out?: string }) => {
      const c = ctx();
      const tree = buildBillingTree(readRecords(file));
      if (opts.out)
        writeTextFile(
          opts.out,
          JSON.stringify(tree.dump(), (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
          "tree file",
        );
      const out = {
        root: tree.root,
        records: tree.records.length,
        totals: tree.totals,
        ...(opts.out ? { tree: opts.out } : {}),
      };
      c.print(out, (x) => [
        `root ${x.root} over ${x.records} records`,
        `totals: ${formatAmount(x.totals.gen)} GEN, ${formatAmount(x.totals.nex)} NEX, ${formatAmount(x.totals.flx)} FLX, ${formatAmount(x.totals.aur)} AUR ($${formatAmount(x.totals.usd)})`,
      ]);
    });
  billing
    .command("commit")
    .description("operator only: commit the records of <period> as one settlement, payable by --payer")
    .argument("<period>", "billing period number (one live settlement per period)")
    .argument("<records>", "records file (see `billing build`)")
    .requiredOption("--payer <address>", "the account that pays the totals")
    .action((period: string, file: string, opts: { payer: string }) =>
      txCommand(ctx(), "commitBilling", bpci, ({ b, signer }) => {
        const tree = buildBillingTree(readRecords(file));
        const p = uintArg(period, "period");
        const payer = parseAddress(opts.payer, "--payer");
        return plan({
          label: `commit billing period ${p}`,
          send: (o) => commitBilling(signer, b.billing.target as string, p, tree, payer, o),
          json: (r) => ({
            settlementId: r.settlementId,
            period: p,
            root: tree.root,
            records: tree.records.length,
            payer,
            payBy: r.payBy,
            totals: tree.totals,
          }),
          text: (x) =>
            `settlement ${x.settlementId}: period ${x.period}, ${x.records} records, root ${x.root}, payable by ${x.payer} until ${new Date(Number(x.payBy) * 1000).toISOString()} (${x.hash})`,
        });
      }),
    );
  billing
    .command("pay")
    .description("the payer: pay a settlement's GEN, NEX, FLX and AUR totals into the treasury (approves exactly)")
    .argument("<id>", "settlement id")
    .action((id: string) =>
      txCommand(ctx(), "payBilling", bpci, ({ b, signer }) => {
        const sid = uintArg(id, "id");
        return plan({
          label: `pay settlement ${sid}`,
          send: (o) => payBilling(signer, b, sid, o),
          json: (r) => ({ settlementId: sid, totals: r.totals }),
          text: (x) =>
            `settlement ${x.settlementId} paid: ${formatAmount(x.totals.gen)} GEN, ${formatAmount(x.totals.nex)} NEX, ${formatAmount(x.totals.flx)} FLX, ${formatAmount(x.totals.aur)} AUR (${x.hash})`,
        });
      }),
    );
  billing
    .command("cancel")
    .description("operator only: cancel an unpaid settlement (its period can be committed again)")
    .argument("<id>", "settlement id")
    .action((id: string) =>
      txCommand(ctx(), "cancelBilling", bpci, ({ b, signer }) => {
        const sid = uintArg(id, "id");
        return plan({
          label: `cancel settlement ${sid}`,
          send: (o) => send(signer, buildBillingCancel(b.billing.target as string, sid), o),
          json: () => ({ settlementId: sid }),
          text: (x) => `settlement ${x.settlementId} cancelled (${x.hash})`,
        });
      }),
    );
  billing
    .command("verify")
    .description("check on-chain that record <index> of a records file is in settlement <id>")
    .argument("<id>", "settlement id")
    .argument("<records>", "the period's records file")
    .argument("<index>", "the record's position in the file (from 0)")
    .action(async (id: string, file: string, index: string) => {
      const c = ctx();
      const b = await bpci(c, false);
      const tree = buildBillingTree(readRecords(file));
      const i = Number(uintArg(index, "index"));
      if (i >= tree.records.length) {
        throw new InvalidArgumentError(`index ${i} is past the last record (${tree.records.length - 1})`, {
          details: { index: i, records: tree.records.length },
        });
      }
      const sid = uintArg(id, "id");
      const proof = tree.proof(i);
      const onChain = await b.billing.verify(sid, tree.records[i], proof);
      const s = await readBillingSettlement(b, sid);
      c.print({ settlementId: sid, index: i, included: onChain, rootMatches: s.root === tree.root, proof }, (x) => [
        `record ${x.index} ${x.included ? "IS" : "is NOT"} in settlement ${x.settlementId}${x.rootMatches ? "" : " (the file's root differs from the committed one)"}`,
      ]);
    });
  billing
    .command("show")
    .description("a settlement: state, period, root, payer, due date and totals")
    .argument("<id>", "settlement id")
    .action(async (id: string) => {
      const c = ctx();
      const s = await readBillingSettlement(await bpci(c, false), uintArg(id, "id"));
      c.print(s, (x) => [
        `settlement ${x.id}: ${x.state}, period ${x.period}, ${x.records} records, root ${x.root}`,
        `payer ${x.payer}, due ${new Date(Number(x.payBy) * 1000).toISOString()}${x.paidAt > 0n ? `, paid ${new Date(Number(x.paidAt) * 1000).toISOString()}` : ""}`,
        `totals: ${formatAmount(x.totals.gen)} GEN, ${formatAmount(x.totals.nex)} NEX, ${formatAmount(x.totals.flx)} FLX, ${formatAmount(x.totals.aur)} AUR ($${formatAmount(x.totals.usd)})`,
      ]);
    });

  // ------------------------------------------------------------------------------------------------ stability
  const stability = root
    .command("stability")
    .description("the stability monitor: check the deviations, propose/execute/cancel fast-path interventions");
  stability
    .command("check")
    .description(
      "read the three deviations and record the level; entering an emergency halts NEX and AUR minting (anyone)",
    )
    .action(() =>
      txCommand(ctx(), "checkStability", bpci, ({ b, signer }) =>
        plan({
          label: "check stability",
          send: async (o) => {
            const receipt = await send(signer, buildStabilityCheck(b.stability.target as string), o);
            return { receipt, status: await readStability(b) };
          },
          json: (r) => ({ status: r.status }),
          text: (x) => [...stabilityLines(x.status), `(${x.hash})`].join("\n"),
        }),
      ),
    );
  stability
    .command("propose")
    .description(
      "PROPOSER_ROLE (the council): queue pre-approved parameter changes while a token deviates above the intervention threshold",
    )
    .requiredOption("--set <name=value...>", "changes, e.g. --set bpci.aur.marginBps=300 (base units of the parameter)")
    .requiredOption("--description <text>", "why (emitted with the intervention)")
    .option("--calldata", "print the transaction (to, data) for the council Safe instead of sending it")
    .action(async (opts: { set: string[]; description: string; calldata?: boolean }) => {
      const c = ctx();
      const changes = changesArg(opts.set);
      if (opts.calldata) {
        const b = await bpci(c, false);
        const req = encodeRequest(buildInterventionPropose(b.stability.target as string, changes, opts.description));
        const tx = { ...req, changes };
        c.print(tx, (x) => [`submit through the council Safe: to ${x.to}`, `data ${x.data}`]);
        return;
      }
      await txCommand(c, "proposeIntervention", bpci, ({ b, signer }) =>
        plan({
          label: "propose an intervention",
          send: (o) => proposeIntervention(signer, b.stability.target as string, changes, opts.description, o),
          json: (r) => ({ interventionId: r.interventionId, eta: r.eta, expiresAt: r.expiresAt, changes }),
          text: (x) =>
            `intervention ${x.interventionId} queued: executable from ${new Date(Number(x.eta) * 1000).toISOString()} to ${new Date(Number(x.expiresAt) * 1000).toISOString()} (${x.hash})`,
        }),
      );
    });
  stability
    .command("execute")
    .description("write an Executable intervention's changes to the registry (anyone)")
    .argument("<id>", "intervention id")
    .action((id: string) =>
      txCommand(ctx(), "executeIntervention", bpci, ({ b, signer }) => {
        const iid = uintArg(id, "id");
        return plan({
          label: `execute intervention ${iid}`,
          send: (o) => send(signer, buildInterventionExecute(b.stability.target as string, iid), o),
          json: () => ({ interventionId: iid }),
          text: (x) => `intervention ${x.interventionId} executed (${x.hash})`,
        });
      }),
    );
  stability
    .command("cancel")
    .description("CANCELLER_ROLE (the timelock, the guardian): cancel a Queued or Executable intervention")
    .argument("<id>", "intervention id")
    .action((id: string) =>
      txCommand(ctx(), "cancelIntervention", bpci, ({ b, signer }) => {
        const iid = uintArg(id, "id");
        return plan({
          label: `cancel intervention ${iid}`,
          send: (o) => send(signer, buildInterventionCancel(b.stability.target as string, iid), o),
          json: () => ({ interventionId: iid }),
          text: (x) => `intervention ${x.interventionId} cancelled (${x.hash})`,
        });
      }),
    );
  stability
    .command("show")
    .description("an intervention: state, proposer, window and changes")
    .argument("<id>", "intervention id")
    .action(async (id: string) => {
      const c = ctx();
      const it = await readIntervention(await bpci(c, false), uintArg(id, "id"));
      c.print(it, (x) => [
        `intervention ${x.id}: ${x.state}, proposed by ${x.proposer} at level ${x.levelAtProposal}`,
        `executable ${new Date(Number(x.eta) * 1000).toISOString()} .. ${new Date(Number(x.expiresAt) * 1000).toISOString()}`,
        ...x.keys.map((k, i) => `  ${k} -> ${x.values[i]}`),
      ]);
    });

  // ------------------------------------------------------------------------------------------------ bank mesh
  registerBankMesh(root, ctx, { amount, contracts: bpci, tokenArg });

  registerMinerAgent(program, ctx);
  registerBankAgent(program, ctx);
}

/**
 * `kit bpci miner register [stake]` and `kit bpci poe start-mining --stake`: registers the signer as a miner with a
 * NEX stake (approved exactly; nothing to approve during the bootstrap, when the minimum is 0).
 */
export function registerMinerCommand(c: CliContext, stake: string, opts: AmountOpts): Promise<void> {
  return txCommand(c, "registerMiner", bpci, ({ b, signer }) => {
    const value = amount(stake, opts);
    const req = buildRegisterMiner(b.minerStaking.target as string, value);
    return plan({
      label: "register miner",
      send: (o) =>
        value === 0n ? send(signer, req, o) : sendWithAllowance(signer, b.nex.target as string, value, req, o),
      json: () => ({ stake: value }),
      text: (x) => `registered miner with ${formatAmount(x.stake)} NEX (${x.hash})`,
    });
  });
}

/**
 * `kit bpci job submit <miner> <type> <value>` and `kit bpci poe submit-job --miner-id --job-type --value`: pays a
 * miner for a job; the fee is `bpci.poe.feeBps` of the value, read from the registry; approves exactly value + fee.
 */
export function submitJobCommand(
  c: CliContext,
  minerAddress: string,
  type: string,
  v: string,
  opts: AmountOpts & { token: string },
): Promise<void> {
  return txCommand(c, "submitJob", bpci, ({ b, signer }) => {
    const token = paymentToken(b, opts.token);
    const value = amount(v, opts, token.decimals);
    const jobType = jobTypeArg(type);
    const d = { mining: b.mining.target as string, registry: b.registry.target as string, token: token.address };
    return plan({
      label: "submit job",
      send: (o) => submitJob(signer, { ...d, miner: minerAddress, jobType, value }, o),
      json: (r) => ({
        jobId: r.jobId,
        jobType: POE_JOB_TYPES[jobType],
        miner: minerAddress,
        token: token.symbol,
        value,
        feeBps: r.feeBps,
        fee: r.fee,
        deadline: r.deadline,
      }),
      text: (x) =>
        `job ${x.jobId}: ${formatAmount(x.value, token.decimals)} ${x.token} + fee ${formatAmount(x.fee, token.decimals)} (${x.feeBps} bps) for ${x.miner} (${x.hash})`,
    });
  });
}

/** The lines of one owner-salary period (`bpci owner report`, `bpci poe owner-salary`). */
export function salaryPeriodLines(p: {
  period: bigint;
  startsAt: bigint;
  endsAt: bigint;
  lines: readonly { token: "wFLX" | "AUR"; salary: bigint; toTreasury: bigint; ceiling: bigint }[];
}): string[] {
  const iso = (t: bigint) => new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");
  return [
    `  period ${p.period} (${iso(p.startsAt)} .. ${iso(p.endsAt)})`,
    ...p.lines.map((l) => {
      const d = l.token === "AUR" ? BPCI_TOKEN_DECIMALS : WFLX_DECIMALS;
      return `    ${l.token.padEnd(5)} salary ${formatAmount(l.salary, d)}, to treasury ${formatAmount(l.toTreasury, d)}, ceiling ${formatAmount(l.ceiling, d)}`;
    }),
  ];
}

/** The lines of `kit bpci status` and the BPCI part of `kit status`. */
export function bpciStatusLines(r: Awaited<ReturnType<typeof readBpciStatus>>): string[] {
  return [
    `supply    GEN ${formatAmount(r.supplies.gen)}, NEX ${formatAmount(r.supplies.nex)}, FLX ${formatAmount(r.supplies.flx)} (${formatAmount(r.supplies.wflx, WFLX_DECIMALS)} wrapped), AUR ${formatAmount(r.supplies.aur)}`,
    `AUR       reserves ${formatAmount(r.aur.reserves)} (feed ${r.aur.feedStatus}), backing ${r.aur.backingBps} bps, ${formatAmount(r.aur.mintable)} mintable${r.aur.paused ? ", MINTING PAUSED" : ""}`,
    `PoE       epoch ${r.poe.currentEpoch} (next to close ${r.poe.nextToClose}), Phi EMA ${formatAmount(r.poe.phiEma)}, ${r.poe.miners} miners, ${r.poe.jobs} jobs`,
    `NEX       ${formatAmount(r.poe.nexUnclaimed)} unclaimed, ${formatAmount(r.poe.nexWithheld)} withheld by the gate`,
  ];
}

/** `--chunk-size`: a positive number of blocks. */
function chunkSizeArg(value: string): number {
  const n = Number(uintArg(value, "chunk-size"));
  if (n < 1) throw new InvalidArgumentError("--chunk-size must be at least 1 block", { details: { chunkSize: value } });
  return n;
}

/** `kit agent bpci-miner`, in the existing `agent` group (QUIVer's) or a new one. */
function registerMinerAgent(program: Command, ctx: () => CliContext): void {
  const agent =
    program.commands.find((c) => c.name() === "agent") ??
    program.command("agent").description("run an agent (structured JSON logs on stdout)");
  agent
    .command("bpci-miner")
    .description("BPCI miner: confirm jobs addressed to the signer, close ended epochs, claim NEX")
    .option("--once", "run one tick and exit")
    .option("--interval <seconds>", "seconds between ticks", "5")
    .option("--ticks <n>", "stop after this many ticks")
    .option("--from-block <n>", "first block to scan for jobs", "0")
    .option("--chunk-size <blocks>", "blocks per eth_getLogs query (keep it under the RPC's range limit)", "2000")
    .action(
      async (opts: { once?: boolean; interval: string; ticks?: string; fromBlock: string; chunkSize: string }) => {
        const c = ctx();
        const signer = await c.signer();
        const book = await c.addressBook();
        const log = new JsonLineLogger("bpci-miner", (l) => c.io.stdout(l));
        const a = new BpciMinerAgent({
          signer,
          contracts: connectBpci(book, signer),
          log,
          fromBlock: Number(uintArg(opts.fromBlock, "from-block")),
          chunkSize: chunkSizeArg(opts.chunkSize),
        });
        log.log("info", "agent.started", { miner: await a.address(), chainId: book.chainId, once: Boolean(opts.once) });
        await runAgentCommand(c, a, log, opts);
      },
    );
}

/** The `agent` command group: QUIVer's or the miner's if registered, else a new one. */
function agentGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === "agent") ??
    program.command("agent").description("run an agent (structured JSON logs on stdout)")
  );
}

/** `--offer-rate <bps>`: at most the mesh's 50,000 bps a year. */
function offerRateArg(value: string): bigint {
  const v = uintArg(value, "--offer-rate");
  if (v > MESH_MAX_RATE_BPS) {
    throw new InvalidArgumentError(`--offer-rate must be at most ${MESH_MAX_RATE_BPS} bps (500% a year), not ${v}`, {
      details: { offerRate: value, max: MESH_MAX_RATE_BPS },
    });
  }
  return v;
}

/**
 * `kit agent bpci-bank`: the signer's bank of the mesh heartbeats, confirms settlements sent to it, withdraws offers
 * on requests no longer open, repays its loans due within `--repay-margin` and, with `--offer-rate` and
 * `--max-offer`, offers on other banks' requests. Same loop flags as `bpci-miner`; logs JSON lines on stdout.
 */
function registerBankAgent(program: Command, ctx: () => CliContext): void {
  agentGroup(program)
    .command("bpci-bank")
    .description(
      "BPCI bank: heartbeat, confirm settlements sent to the signer, withdraw stale offers, repay due loans, offer liquidity",
    )
    .option("--once", "run one tick and exit")
    .option("--interval <seconds>", "seconds between ticks", "5")
    .option("--ticks <n>", "stop after this many ticks")
    .option("--from-block <n>", "first block to scan for settlements, requests, offers and loans", "0")
    .option("--chunk-size <blocks>", "blocks per eth_getLogs query (keep it under the RPC's range limit)", "2000")
    .option("--offer-rate <bps>", "offer on other banks' requests at this rate, bps a year (with --max-offer)")
    .option("--max-offer <amount>", "most NEX offered on one request (with --offer-rate)")
    .option("--heartbeat-margin <seconds>", "heartbeat this many seconds before the heartbeat period runs out", "300")
    .option("--repay-margin <seconds>", "repay a loan once its due time is this many seconds away or less", "3600")
    .option("--wei", "--max-offer in wei")
    .action(
      async (
        opts: AmountOpts & {
          once?: boolean;
          interval: string;
          ticks?: string;
          fromBlock: string;
          chunkSize: string;
          offerRate?: string;
          maxOffer?: string;
          heartbeatMargin: string;
          repayMargin: string;
        },
      ) => {
        if ((opts.offerRate === undefined) !== (opts.maxOffer === undefined)) {
          throw new InvalidArgumentError("--offer-rate and --max-offer go together: give both to offer, or neither", {
            details: { offerRate: opts.offerRate ?? null, maxOffer: opts.maxOffer ?? null },
          });
        }
        const offerRateBps = opts.offerRate === undefined ? undefined : offerRateArg(opts.offerRate);
        const maxOfferAmount = opts.maxOffer === undefined ? undefined : amount(opts.maxOffer, opts);
        const heartbeatMarginSeconds = uintArg(opts.heartbeatMargin, "heartbeat-margin");
        const repayMarginSeconds = uintArg(opts.repayMargin, "repay-margin");
        const fromBlock = Number(uintArg(opts.fromBlock, "from-block"));
        const chunkSize = chunkSizeArg(opts.chunkSize);
        const c = ctx();
        const signer = await c.signer();
        const book = await c.addressBook();
        const log = new JsonLineLogger("bpci-bank", (l) => c.io.stdout(l));
        const a = new BpciBankAgent({
          signer,
          contracts: connectBpci(book, signer),
          log,
          fromBlock,
          chunkSize,
          offerRateBps,
          maxOfferAmount,
          heartbeatMarginSeconds,
          repayMarginSeconds,
        });
        log.log("info", "agent.started", {
          bank: await a.address(),
          chainId: book.chainId,
          once: Boolean(opts.once),
          offerRateBps: offerRateBps ?? null,
          maxOfferAmount: maxOfferAmount ?? null,
        });
        await runAgentCommand(c, a, log, opts);
      },
    );
}
