/**
 * `kit bpci …`: the BPCI economy from the command line (miner, job, epoch, aur, flx, status), each with `--json` and
 * decoded errors; and `kit agent bpci-miner`. Amounts are in whole tokens (18 decimals; wFLX has 21) unless `--wei`.
 */
import type { Command } from "commander";
import { formatAmount, InvalidArgumentError, parseAmount, parseBaseUnits } from "../../kit/core";
import { buildDelegate, buildTransfer, send, sendWithAllowance } from "../../kit/tx";
import { JsonLineLogger, runLoop } from "../../kit/agents";
import { registerStateNames } from "../../cli/describe";
import type { CliContext } from "../../cli/context";
import { accountArg, sendWithProgress, txJson, uintArg } from "../../cli/helpers";
import {
  connectBpci,
  JOB_STATES,
  JOB_TYPES,
  readBpciJob,
  readBpciMiner,
  readBpciStatus,
  buildAurCheck,
  buildClaimOwnerSalary,
  buildFlushTreasury,
  buildMinerStake,
  buildReleaseReserve,
  buildSetLocalFeed,
  buildAurMint,
  buildMinerUnbond,
  buildMinerWithdraw,
  buildRefundJob,
  buildRegisterMiner,
  buildWrapFlx,
  claimIssuance,
  closeEpoch,
  confirmJob,
  rebaseFlx,
  redeemAur,
  jobTypeArg,
  submitJob,
  BpciMinerAgent,
  poeFee,
  parameterKey,
  type BpciContracts,
} from "..";

registerStateNames("PoeUnexpectedState", JOB_STATES);

/** wFLX has the wrapper's 3 decimals more than FLX. */
const WFLX_DECIMALS = 21;

interface AmountOpts {
  wei?: boolean;
}

function amount(value: string, opts: AmountOpts, decimals = 18): bigint {
  return opts.wei ? parseBaseUnits(value) : parseAmount(value, decimals);
}

async function bpci(c: CliContext, signing: boolean): Promise<BpciContracts> {
  const book = await c.addressBook();
  return connectBpci(book, signing ? await c.signer() : await c.provider());
}

/** The payment token of a job: `wflx` (default) or `aur`, its address and decimals. */
async function paymentToken(
  b: BpciContracts,
  name: string,
): Promise<{ address: string; decimals: number; symbol: string }> {
  const n = name.toLowerCase();
  if (n === "wflx" || n === "flx")
    return { address: await b.wflx.getAddress(), decimals: WFLX_DECIMALS, symbol: "wFLX" };
  if (n === "aur") return { address: await b.aur.getAddress(), decimals: 18, symbol: "AUR" };
  throw new InvalidArgumentError(`--token must be wflx or aur, not "${name}"`);
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
  miner
    .command("register")
    .description("register the signer as a miner with a NEX stake (0 during the bootstrap)")
    .argument("[stake]", "NEX to bond", "0")
    .option("--wei", "amounts in wei")
    .action(async (stake: string, opts: AmountOpts) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const value = amount(stake, opts);
      const staking = await b.minerStaking.getAddress();
      const req = buildRegisterMiner(staking, value);
      const nex = await b.nex.getAddress();
      const r = await sendWithProgress(c, "register miner", (o) =>
        value === 0n ? send(signer, req, o) : sendWithAllowance(signer, nex, value, req, o),
      );
      c.print(txJson("registerMiner", from, r, { stake: value }), (x) => [
        `registered miner ${x.from} with ${formatAmount(x.stake)} NEX (${x.hash})`,
      ]);
    });
  miner
    .command("unbond")
    .description("start unbonding NEX (bpci.poe.unbondingPeriod)")
    .argument("<amount>", "NEX")
    .option("--wei", "amounts in wei")
    .action(async (a: string, opts: AmountOpts) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const value = amount(a, opts);
      const r = await sendWithProgress(c, "unbond", (o) =>
        send(signer, buildMinerUnbond(b.minerStaking.target as string, value), o),
      );
      c.print(txJson("unbond", await signer.getAddress(), r, { amount: value }), (x) => [
        `unbonding ${formatAmount(x.amount)} NEX (${x.hash})`,
      ]);
    });
  miner
    .command("withdraw")
    .description("withdraw an unlocked unbonding")
    .argument("<index>", "unbonding index")
    .action(async (i: string) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const index = uintArg(i, "index");
      const r = await sendWithProgress(c, "withdraw", (o) =>
        send(signer, buildMinerWithdraw(b.minerStaking.target as string, index), o),
      );
      c.print(txJson("withdraw", await signer.getAddress(), r, { index }), (x) => [
        `withdrew unbonding ${x.index} (${x.hash})`,
      ]);
    });
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
    .description(`pay a miner for a job of a type (${JOB_TYPES.join(", ")}); approves value + fee if needed`)
    .argument("<miner>", "miner address")
    .argument("<type>", "job type (name or 0..9)")
    .argument("<value>", "value in the payment token")
    .option("--token <token>", "wflx or aur", "wflx")
    .option("--wei", "amounts in wei")
    .action(async (minerAddress: string, type: string, v: string, opts: AmountOpts & { token: string }) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const token = await paymentToken(b, opts.token);
      const value = amount(v, opts, token.decimals);
      const jobType = jobTypeArg(type);
      const fee = poeFee(value, await b.registry.get(parameterKey("bpci.poe.feeBps")));
      const r = await sendWithProgress(c, "submit job", (o) =>
        submitJob(
          signer,
          { mining: b.mining.target as string, miner: minerAddress, jobType, token: token.address, value, fee },
          o,
        ),
      );
      c.print(
        txJson("submitJob", await signer.getAddress(), r.receipt, {
          jobId: r.jobId,
          jobType: JOB_TYPES[jobType],
          miner: minerAddress,
          token: token.symbol,
          value,
          fee: r.fee,
          deadline: r.deadline,
        }),
        (x) => [
          `job ${x.jobId}: ${formatAmount(x.value, token.decimals)} ${x.token} + fee ${formatAmount(x.fee, token.decimals)} for ${x.miner} (${x.hash})`,
        ],
      );
    });
  job
    .command("confirm")
    .description("the job's miner confirms it: value + spendable leg paid, reserve locked, work credited")
    .argument("<jobId>", "job id")
    .action(async (i: string) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const r = await sendWithProgress(c, "confirm job", (o) =>
        confirmJob(signer, b.mining.target as string, uintArg(i, "jobId"), o),
      );
      const { receipt, ...legs } = r;
      c.print(txJson("confirmJob", await signer.getAddress(), receipt, legs), (x) => [
        `job ${x.jobId} confirmed in epoch ${x.epoch}: locked ${x.locked}, spendable ${x.spendable}, owner ${x.ownerSalary}, treasury ${x.treasury} (wei), work ${x.work} (${x.hash})`,
      ]);
    });
  job
    .command("refund")
    .description("refund an expired job's value and fee to its requester (anyone)")
    .argument("<jobId>", "job id")
    .action(async (i: string) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const id = uintArg(i, "jobId");
      const r = await sendWithProgress(c, "refund job", (o) =>
        send(signer, buildRefundJob(b.mining.target as string, id), o),
      );
      c.print(txJson("refundJob", await signer.getAddress(), r, { jobId: id }), (x) => [
        `job ${x.jobId} refunded (${x.hash})`,
      ]);
    });
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
    .action(async () => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const r = await sendWithProgress(c, "close epoch", (o) => closeEpoch(signer, b.mining.target as string, o));
      const { receipt, ...e } = r;
      c.print(txJson("closeEpoch", await signer.getAddress(), receipt, e), (x) => [
        `epoch ${x.epoch} closed: Phi EMA ${formatAmount(x.phiEma)}, Gamma ${formatAmount(x.gamma)}, issued ${formatAmount(x.issued)} NEX, withheld ${formatAmount(x.withheld)} NEX (${x.hash})`,
      ]);
    });
  epoch
    .command("claim")
    .description("claim the signer's NEX share of a closed epoch")
    .argument("<epoch>", "epoch")
    .action(async (e: string) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const r = await sendWithProgress(c, "claim issuance", (o) =>
        claimIssuance(signer, b.mining.target as string, uintArg(e, "epoch"), o),
      );
      c.print(
        txJson("claimIssuance", await signer.getAddress(), r.receipt, { epoch: r.epoch, amount: r.amount }),
        (x) => [`claimed ${formatAmount(x.amount)} NEX of epoch ${x.epoch} (${x.hash})`],
      );
    });

  // -------------------------------------------------------------------------------------------------- aur
  const aur = root.command("aur").description("AUR: guarded mint, redeem, reserve check");
  aur
    .command("mint")
    .description("issuer only: mint AUR while the reserve feed covers supply + amount + margin")
    .argument("<to>", "receiver")
    .argument("<amount>", "AUR")
    .option("--wei", "amounts in wei")
    .action(async (to: string, a: string, opts: AmountOpts) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const value = amount(a, opts);
      const r = await sendWithProgress(c, "mint AUR", (o) =>
        send(signer, buildAurMint(b.aur.target as string, to, value), o),
      );
      c.print(txJson("mintAur", await signer.getAddress(), r, { to, amount: value }), (x) => [
        `minted ${formatAmount(x.amount)} AUR to ${x.to} (${x.hash})`,
      ]);
    });
  aur
    .command("redeem")
    .description("burn AUR; the Redeemed event tells the custodian what to release and where")
    .argument("<amount>", "AUR")
    .argument("<releaseTo>", "custodian reference (32-byte hex, or text that is hashed)")
    .option("--wei", "amounts in wei")
    .action(async (a: string, releaseTo: string, opts: AmountOpts) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const value = amount(a, opts);
      const ref = /^0x[0-9a-fA-F]{64}$/.test(releaseTo) ? releaseTo : (await import("ethers")).id(releaseTo);
      const r = await sendWithProgress(c, "redeem AUR", (o) =>
        redeemAur(signer, b.aur.target as string, value, ref, o),
      );
      c.print(
        txJson("redeemAur", await signer.getAddress(), r.receipt, {
          redemptionId: r.redemptionId,
          amount: r.amount,
          releaseTo: ref,
        }),
        (x) => [
          `redemption ${x.redemptionId}: ${formatAmount(x.amount)} AUR burned, release to ${x.releaseTo} (${x.hash})`,
        ],
      );
    });
  aur
    .command("check")
    .description("check reported reserves against the supply; pauses minting on a shortfall (anyone)")
    .action(async () => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const r = await sendWithProgress(c, "check reserves", (o) =>
        send(signer, buildAurCheck(b.aur.target as string), o),
      );
      const [paused] = await b.aur.mintingPaused();
      c.print(txJson("checkReserves", await signer.getAddress(), r, { paused }), (x) => [
        `reserves checked: minting ${x.paused ? "PAUSED (shortfall)" : "open"} (${x.hash})`,
      ]);
    });

  // -------------------------------------------------------------------------------------------------- flx
  const flx = root.command("flx").description("FLX: rebase, wrap into wFLX");
  flx
    .command("rebase")
    .description("rebase FLX by the usage feed (anyone, once per bpci.flx.rebasePeriod)")
    .action(async () => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const r = await sendWithProgress(c, "rebase FLX", (o) => rebaseFlx(signer, b.flx.target as string, o));
      c.print(
        txJson("rebase", await signer.getAddress(), r.receipt, {
          supplyBefore: r.supplyBefore,
          supplyAfter: r.supplyAfter,
          deltaWad: BigInt(r.delta),
        }),
        (x) => [`FLX supply ${formatAmount(x.supplyBefore)} -> ${formatAmount(x.supplyAfter)} (${x.hash})`],
      );
    });
  flx
    .command("wrap")
    .description("wrap FLX into wFLX (the vote-carrying, non-rebasing share; approves FLX if needed)")
    .argument("<amount>", "FLX")
    .option("--wei", "amounts in wei")
    .action(async (a: string, opts: AmountOpts) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const value = amount(a, opts);
      const r = await sendWithProgress(c, "wrap FLX", (o) =>
        sendWithAllowance(signer, b.flx.target as string, value, buildWrapFlx(b.wflx.target as string, value, from), o),
      );
      c.print(txJson("wrapFlx", from, r, { amount: value }), (x) => [
        `wrapped ${formatAmount(x.amount)} FLX (${x.hash})`,
      ]);
    });

  // ------------------------------------------------------------------------------- more miner, owner, tokens
  miner
    .command("stake")
    .description("add NEX to the signer's bond (approves if needed)")
    .argument("<amount>", "NEX")
    .option("--wei", "amounts in wei")
    .action(async (a: string, opts: AmountOpts) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const value = amount(a, opts);
      const nex = await b.nex.getAddress();
      const r = await sendWithProgress(c, "stake NEX", (o) =>
        sendWithAllowance(signer, nex, value, buildMinerStake(b.minerStaking.target as string, value), o),
      );
      c.print(txJson("stake", await signer.getAddress(), r, { amount: value }), (x) => [
        `bonded ${formatAmount(x.amount)} NEX (${x.hash})`,
      ]);
    });
  miner
    .command("release")
    .description("release the signer's vested locked reserve in a payment token")
    .option("--token <token>", "wflx or aur", "wflx")
    .action(async (opts: { token: string }) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const token = await paymentToken(b, opts.token);
      const before = await (token.symbol === "AUR" ? b.aur : b.wflx).balanceOf(await signer.getAddress());
      const r = await sendWithProgress(c, "release reserve", (o) =>
        send(signer, buildReleaseReserve(b.mining.target as string, token.address), o),
      );
      const after = await (token.symbol === "AUR" ? b.aur : b.wflx).balanceOf(await signer.getAddress());
      c.print(
        txJson("releaseReserve", await signer.getAddress(), r, { token: token.symbol, amount: after - before }),
        (x) => [`released ${formatAmount(x.amount, token.decimals)} ${x.token} (${x.hash})`],
      );
    });

  const owner = root.command("owner").description("owner salary: report, claim; treasury legs: flush");
  owner
    .command("report")
    .description("the owner-salary report of a period (salary, diverted to the treasury, ceiling per token)")
    .option("--period <n>", "salary period (default: the current one)")
    .action(async (opts: { period?: string }) => {
      const c = ctx();
      const b = await bpci(c, false);
      const provider = await c.provider();
      const now = BigInt((await provider.getBlock("latest"))!.timestamp);
      const [genesis, length] = [await b.mining.GENESIS(), await b.mining.SALARY_PERIOD()];
      const period = opts.period !== undefined ? uintArg(opts.period, "period") : (now - genesis) / length;
      const lines = await b.mining.ownerSalaryReport(period);
      const report = {
        period,
        startsAt: genesis + period * length,
        endsAt: genesis + (period + 1n) * length,
        owner: await b.mining.owner(),
        lines: lines.map((l, i) => ({
          token: i === 0 ? "wFLX" : "AUR",
          address: l.token,
          salary: l.salary,
          toTreasury: l.toTreasury,
          ceiling: l.ceiling,
        })),
      };
      c.print(report, (r) => [
        `owner salary, period ${r.period} (${r.startsAt}..${r.endsAt}), owner ${r.owner}`,
        ...r.lines.map((l) => {
          const d = l.token === "AUR" ? 18 : WFLX_DECIMALS;
          return `  ${l.token.padEnd(5)} salary ${formatAmount(l.salary, d)}, to treasury ${formatAmount(l.toTreasury, d)}, ceiling ${formatAmount(l.ceiling, d)}`;
        }),
      ]);
    });
  owner
    .command("claim")
    .description("the owner-salary recipient claims what it is owed in a payment token")
    .option("--token <token>", "wflx or aur", "wflx")
    .action(async (opts: { token: string }) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const token = await paymentToken(b, opts.token);
      const r = await sendWithProgress(c, "claim owner salary", (o) =>
        send(signer, buildClaimOwnerSalary(b.mining.target as string, token.address), o),
      );
      c.print(txJson("claimOwnerSalary", await signer.getAddress(), r, { token: token.symbol }), (x) => [
        `owner salary in ${x.token} claimed (${x.hash})`,
      ]);
    });
  owner
    .command("flush-treasury")
    .description("push the treasury legs owed in a payment token to the Treasury (anyone)")
    .option("--token <token>", "wflx or aur", "wflx")
    .action(async (opts: { token: string }) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const token = await paymentToken(b, opts.token);
      const r = await sendWithProgress(c, "flush treasury", (o) =>
        send(signer, buildFlushTreasury(b.mining.target as string, token.address), o),
      );
      c.print(txJson("flushTreasury", await signer.getAddress(), r, { token: token.symbol }), (x) => [
        `treasury legs in ${x.token} sent to the Treasury (${x.hash})`,
      ]);
    });

  root
    .command("delegate")
    .description("delegate the votes of a tier token (gen 10x, aur 5x, nex 3x, wflx 1x per FLX) to an account")
    .argument("<token>", "gen, aur, nex or wflx")
    .argument("[to]", "delegatee (default: the signer)")
    .action(async (name: string, to: string | undefined) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const token = tierToken(b, name);
      const delegatee = await accountArg(c, to, "delegatee");
      const r = await sendWithProgress(c, `delegate ${name}`, (o) =>
        send(signer, buildDelegate(token.target as string, delegatee), o),
      );
      c.print(txJson("delegate", await signer.getAddress(), r, { token: name.toUpperCase(), delegatee }), (x) => [
        `${x.token} votes delegated to ${x.delegatee} (${x.hash})`,
      ]);
    });
  root
    .command("transfer")
    .description("transfer GEN, NEX, FLX, wFLX or AUR")
    .argument("<token>", "gen, nex, flx, wflx or aur")
    .argument("<to>", "recipient")
    .argument("<amount>", "amount (wFLX has 21 decimals)")
    .option("--wei", "amounts in wei")
    .action(async (name: string, to: string, a: string, opts: AmountOpts) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const n = name.toLowerCase();
      const token = n === "flx" ? b.flx : tierToken(b, n);
      const value = amount(a, opts, n === "wflx" ? WFLX_DECIMALS : 18);
      const r = await sendWithProgress(c, `transfer ${name}`, (o) =>
        send(signer, buildTransfer(token.target as string, to, value), o),
      );
      c.print(txJson("transfer", await signer.getAddress(), r, { token: n.toUpperCase(), to, amount: value }), (x) => [
        `${x.amount} ${x.token} wei to ${x.to} (${x.hash})`,
      ]);
    });

  root
    .command("feed")
    .description("local presets only: publish an answer on a mock feed (usage, reserve, liquidity, uptime, quality)")
    .argument("<name>", "usage, reserve, liquidity, uptime or quality")
    .argument("<answer>", "raw answer in the feed's decimals (8 locally)")
    .action(async (name: string, answer: string) => {
      const c = ctx();
      const b = await bpci(c, true);
      const signer = await c.signer();
      const feeds = b.feeds as Record<string, { target: unknown }>;
      const feed = feeds[name.toLowerCase()];
      if (!feed) throw new InvalidArgumentError(`unknown feed "${name}" (known: ${Object.keys(feeds).join(", ")})`);
      const value = uintArg(answer, "answer");
      const r = await sendWithProgress(c, `set ${name} feed`, (o) =>
        send(signer, buildSetLocalFeed(feed.target as string, value), o),
      );
      c.print(txJson("setFeed", await signer.getAddress(), r, { feed: name, answer: value }), (x) => [
        `${x.feed} feed answers ${x.answer} (${x.hash})`,
      ]);
    });

  registerMinerAgent(program, ctx);
}

function tierToken(b: BpciContracts, name: string) {
  const t = ({ gen: b.gen, aur: b.aur, nex: b.nex, wflx: b.wflx } as const)[name.toLowerCase() as "gen"];
  if (!t) throw new InvalidArgumentError(`token must be gen, aur, nex or wflx, not "${name}"`);
  return t;
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
    .action(async (opts: { once?: boolean; interval: string; ticks?: string; fromBlock: string }) => {
      const c = ctx();
      const signer = await c.signer();
      const book = await c.addressBook();
      const log = new JsonLineLogger("bpci-miner", (l) => c.io.stdout(l));
      const a = new BpciMinerAgent({
        signer,
        contracts: connectBpci(book, signer),
        log,
        fromBlock: Number(uintArg(opts.fromBlock, "from-block")),
      });
      log.log("info", "agent.started", { miner: await a.address(), chainId: book.chainId, once: Boolean(opts.once) });
      if (opts.once) {
        await a.tick();
        return;
      }
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      try {
        await runLoop(a, {
          intervalMs: Number(uintArg(opts.interval, "interval")) * 1000,
          maxTicks: opts.ticks ? Number(uintArg(opts.ticks, "ticks")) : undefined,
          signal: stop.signal,
          log,
        });
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}
