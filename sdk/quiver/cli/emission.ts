import type { Command } from "commander";
import { InvalidArgumentError, formatAmount } from "../../kit/core";
import {
  FeedStatus,
  previewEmissionEpochs,
  readEmissionStatus,
  growthAnswerFor,
  buildSetLocalFeedAnswer,
  triggerEpoch,
} from "..";
import { send } from "../../kit/tx";
import { connectMockFeed } from "../../kit/chain";
import type { CliContext } from "../../cli/context";
import { uintArg, sendWithProgress, txJson } from "../../cli/helpers";
import { quiverContracts } from "./shared";

const iso = (ts: bigint) => new Date(Number(ts) * 1000).toISOString();

/** `kit emission …`: the QUIV emission schedule, a preview, the epoch trigger and the local growth feed. */
export function registerEmission(program: Command, ctx: () => CliContext): void {
  const cmd = program.command("emission").description("QUIV emission: schedule, preview, epoch trigger");

  cmd
    .command("status")
    .description("schedule, current epoch, next trigger time and what a trigger would mint now")
    .action(async () => {
      const c = ctx();
      const { emission } = await quiverContracts(c, false);
      const s = await readEmissionStatus(emission);
      c.print(s, (r) => [
        `epoch ${r.currentEpoch} (length ${r.epochLength} s, halving every ${r.halvingInterval} s, base ${formatAmount(r.baseEpochEmission)} QUIV)`,
        r.triggerable
          ? `triggerable now: would mint ${formatAmount(r.previewEmission)} QUIV`
          : `next trigger at ${iso(r.nextEpochAt)} (epoch ${r.nextTriggerableEpoch})`,
        `growth metric ${r.growthMetricBps} bps from feed ${r.growthFeed} (${
          r.growthStatus === FeedStatus.Ok
            ? `updated ${iso(r.growthUpdatedAt)}`
            : `${FeedStatus[r.growthStatus]}: falls back to 1.0`
        }); year ${r.year}: ${formatAmount(r.mintedThisYear)} QUIV minted of a budget on ${formatAmount(r.yearStartSupply)} supply`,
        `recipients: treasury ${r.treasury}, ecosystem ${r.ecosystem}`,
      ]);
    });

  cmd
    .command("preview")
    .description("emission of the next N epochs if each is triggered (current metric held, no burns)")
    .argument("<epochs>", "number of epochs (1..10000)")
    .action(async (n: string) => {
      const c = ctx();
      const epochs = uintArg(n, "epochs");
      if (epochs < 1n || epochs > 10_000n)
        throw new InvalidArgumentError(`epochs must be in [1, 10000], not ${epochs}`);
      const q = await quiverContracts(c, false);
      const rows = await previewEmissionEpochs(q, Number(epochs));
      const total = rows.reduce((s, r) => s + r.amount, 0n);
      c.print({ epochs: rows, total }, (r) => [
        ...r.epochs.map(
          (e) =>
            `epoch ${String(e.epoch).padStart(5)} ${iso(e.startsAt)}  ${formatAmount(e.amount).padStart(14)} QUIV  (staking ${formatAmount(e.toStaking)}, treasury ${formatAmount(e.toTreasury)}, ecosystem ${formatAmount(e.toEcosystem)})`,
        ),
        `total ${formatAmount(r.total)} QUIV over ${r.epochs.length} epochs`,
      ]);
    });

  cmd
    .command("set-metric")
    .description("local presets only: publish a growth metric on the local feed (MockAggregatorV3), now")
    .argument("<bps>", "growth metric in bps (10000 = 1.0)")
    .action(async (bps: string) => {
      const c = ctx();
      const metric = uintArg(bps, "bps");
      const q = await quiverContracts(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const feed = await q.emission.growthFeed();
      const decimals = BigInt(await connectMockFeed(feed, signer).decimals());
      const answer = growthAnswerFor(metric, decimals);
      const r = await sendWithProgress(c, "set growth metric", (o) =>
        send(signer, buildSetLocalFeedAnswer(feed, answer), o),
      );
      c.print(txJson("setGrowthMetric", from, r, { feed, metricBps: metric, answer, decimals }), (x) => [
        `growth feed ${x.feed}: answer ${x.answer} (${x.decimals} decimals) = ${x.metricBps} bps (${x.hash})`,
      ]);
    });

  cmd
    .command("trigger")
    .description("mint the current epoch (anyone may, once per epoch) and show its split")
    .action(async () => {
      const c = ctx();
      const q = await quiverContracts(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const address = await q.emission.getAddress();
      const r = await sendWithProgress(c, "trigger epoch", (o) => triggerEpoch(signer, address, o));
      c.print(
        txJson("triggerEpoch", from, r.receipt, {
          epoch: r.epoch,
          amount: r.amount,
          toStaking: r.toStaking,
          toTreasury: r.toTreasury,
          toEcosystem: r.toEcosystem,
        }),
        (x) => [
          `epoch ${x.epoch}: minted ${formatAmount(x.amount)} QUIV -> staking ${formatAmount(x.toStaking)}, treasury ${formatAmount(x.toTreasury)}, ecosystem ${formatAmount(x.toEcosystem)} (${x.hash})`,
        ],
      );
    });
}
