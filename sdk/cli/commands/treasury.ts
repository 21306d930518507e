import type { Command } from "commander";
import { ZeroAddress } from "ethers";
import { InvalidArgumentError, formatAmount, parseAddress } from "../../kit/core";
import { addressOf, connectTreasury, readGrant, readTreasuryAsset, type TreasuryAssetInfo } from "../../kit/chain";
import { buildClaimGrant, send } from "../../kit/tx";
import type { CliContext } from "../context";
import {
  amountArg,
  durationArg,
  formatTime,
  timeArg,
  uintArg,
  sendWithProgress,
  txJson,
  type AmountOpts,
} from "../helpers";

/** The kit's Treasury of the deployment (the `Kit#Treasury` entry of the address book). */
async function treasuryFor(c: CliContext) {
  return { treasury: connectTreasury(addressOf(await c.addressBook(), "treasury"), await c.provider()) };
}

/** The assets to show: `--token` when given, else the preset's token (labelled with its symbol) and ETH. */
async function assets(c: CliContext, token?: string): Promise<{ label: string; info: TreasuryAssetInfo }[]> {
  const q = await treasuryFor(c);
  const main = await c.token();
  const list = token ? [parseAddress(token, "token")] : [main.address, ZeroAddress];
  return Promise.all(
    list.map(async (t) => ({
      label: t === ZeroAddress ? "ETH" : t === main.address ? main.symbol : t,
      info: await readTreasuryAsset(q.treasury, t),
    })),
  );
}

/** `kit treasury …`: balances, council budgets and grants of the Treasury. */
export function registerTreasury(program: Command, ctx: () => CliContext): void {
  const treasury = program.command("treasury").description("the Treasury: balances, council budgets, grants");

  treasury
    .command("balance")
    .description("held, reserved for grants and spendable (the preset's token and ETH, or --token)")
    .option("--token <address>", "an ERC-20 (default: the preset's token and ETH)")
    .action(async (opts: { token?: string }) => {
      const c = ctx();
      const rows = await assets(c, opts.token);
      c.print(
        rows.map((r) => ({ asset: r.label, ...r.info })),
        (x) =>
          x.map(
            (r) =>
              `${r.asset.padEnd(5)} balance ${formatAmount(r.balance)}, reserved ${formatAmount(r.reserved)}, spendable ${formatAmount(r.spendable)}`,
          ),
      );
    });

  treasury
    .command("budget")
    .description(
      "the council's budget per rolling period and what is left of it now (the preset's token and ETH, or --token)",
    )
    .option("--token <address>", "an ERC-20 (default: the preset's token and ETH)")
    .action(async (opts: { token?: string }) => {
      const c = ctx();
      const rows = await assets(c, opts.token);
      c.print(
        rows.map((r) => ({
          asset: r.label,
          token: r.info.token,
          budget: r.info.budget,
          remainingBudget: r.info.remainingBudget,
          budgetPeriod: r.info.budgetPeriod,
        })),
        (x) =>
          x.map(
            (r) =>
              `${r.asset.padEnd(5)} budget ${formatAmount(r.budget)} per ${r.budgetPeriod} s, ${formatAmount(r.remainingBudget)} left in the rolling window`,
          ),
      );
    });

  const grant = treasury.command("grant").description("grant streams");

  grant
    .command("encode")
    .description(
      "the `gov propose --action` that creates a grant (Treasury.createGrant needs DEFAULT_ADMIN_ROLE: the timelock). " +
        "The contract takes start and cliff as absolute unix times (nothing vests before the cliff); give each as a " +
        "date (2027-01-15, 2027-01-15T08:00:00Z), @unix-seconds, or a duration: start after the chain's time, cliff after start",
    )
    .argument("<grantee>", "who receives the grant")
    .argument("<amount>", "amount in tokens, or wei with --wei")
    .requiredOption("--duration <duration>", "vesting length from start (90d, 52w, ...)")
    .option("--start <when>", "vesting start: a date, @unix, now, or a duration from the chain's time", "now")
    .option("--cliff <when>", "nothing vests before: a date, @unix, or a duration after start (default: start)")
    .option("--token <address>", "the granted token (default: the preset's token)")
    .option("--wei", "the amount is in wei")
    .action(
      async (
        grantee: string,
        amount: string,
        opts: AmountOpts & { duration: string; start: string; cliff?: string; token?: string },
      ) => {
        const c = ctx();
        const who = parseAddress(grantee, "grantee");
        const value = amountArg(amount, opts);
        const duration = durationArg(opts.duration, "duration");
        const block = await (await c.provider()).getBlock("latest");
        const now = BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
        const start = timeArg(opts.start, "start", now);
        const cliff = opts.cliff === undefined ? start : timeArg(opts.cliff, "cliff", start);
        if (cliff < start || cliff > start + duration) {
          throw new InvalidArgumentError(
            `cliff ${formatTime(cliff)} must lie within the vesting: from start ${formatTime(start)} to its end ${formatTime(start + duration)}`,
            { details: { start, cliff, duration } },
          );
        }
        const main = await c.token();
        const token = opts.token ? parseAddress(opts.token, "token") : main.address;
        const { treasury: t } = await treasuryFor(c);
        const target = await t.getAddress();
        const calldata = t.interface.encodeFunctionData("createGrant", [token, who, value, start, cliff, duration]);
        const symbol = token === main.address ? main.symbol : token;
        c.print(
          {
            target,
            calldata,
            action: `${target}:${calldata}`,
            token,
            grantee: who,
            amount: value,
            start,
            cliff,
            duration,
          },
          (r) => [
            `Treasury.createGrant: ${formatAmount(value)} ${symbol} to ${who}, vesting from ${formatTime(start, now)} ` +
              `for ${duration} s, nothing before the cliff ${formatTime(cliff, now)}`,
            `kit gov propose --type treasury --description "..." --action ${r.action}`,
          ],
        );
      },
    );

  grant
    .command("show")
    .description("a grant and what is claimable now")
    .argument("<id>", "grant id (0, 1, …)")
    .action(async (id: string) => {
      const c = ctx();
      const { treasury: t } = await treasuryFor(c);
      const g = await readGrant(t, uintArg(id, "grant id"));
      c.print(g, (r) => [
        `grant ${r.id} to ${r.grantee}${r.revoked ? " (revoked)" : ""}`,
        `  amount ${formatAmount(r.amount)}, claimed ${formatAmount(r.claimed)}, claimable now ${formatAmount(r.claimable)}`,
        `  vesting from ${r.start} (cliff ${r.cliff}) over ${r.duration} s, asset ${r.token === ZeroAddress ? "ETH" : r.token}`,
      ]);
    });

  grant
    .command("claim")
    .description("claim what has vested (only the grantee)")
    .argument("<id>", "grant id")
    .action(async (id: string) => {
      const c = ctx();
      const grantId = uintArg(id, "grant id");
      const q = await treasuryFor(c);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const before = await readGrant(q.treasury, grantId);
      const address = await q.treasury.getAddress();
      const receipt = await sendWithProgress(c, `claim grant ${grantId}`, (o) =>
        send(signer, buildClaimGrant(address, grantId), o),
      );
      const after = await readGrant(q.treasury, grantId);
      const amount = after.claimed - before.claimed;
      c.print(txJson("claimGrant", from, receipt, { grantId, amount, claimed: after.claimed }), (r) => [
        `claimed ${formatAmount(r.amount)} of grant ${grantId} in ${r.hash} (${formatAmount(r.claimed)} claimed in total)`,
      ]);
    });
}
