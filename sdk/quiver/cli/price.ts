import type { Command } from "commander";
import { formatAmount } from "../../kit/core";
import { send } from "../../kit/tx";
import { buildPoke, readNetworkFee, readPriceQuote } from "..";
import type { CliContext } from "../../cli/context";
import { sendWithProgress, txJson, uintArg } from "../../cli/helpers";
import { marketFor } from "./shared";

/** `kit price …`: reference prices per model size class and the adaptive network fee. */
export function registerPrice(program: Command, ctx: () => CliContext): void {
  const price = program.command("price").description("the pricing oracle");

  price
    .command("quote")
    .description("reference price per model size class (default: classes 0, 1 and 2)")
    .argument("[sizeClass...]")
    .action(async (classes: string[]) => {
      const c = ctx();
      const ids = (classes.length ? classes : ["0", "1", "2"]).map((s) => Number(uintArg(s, "sizeClass")));
      const { q } = await marketFor(c, false);
      const quotes = await Promise.all(ids.map((i) => readPriceQuote(q.oracle, i)));
      c.print(quotes, (r) =>
        r.map(
          (p) =>
            `class ${p.sizeClass}: ${formatAmount(p.referencePrice)} QUIV per job (base ${formatAmount(p.baseRate)}, ` +
            `floor ${formatAmount(p.floor)}, ceiling ${formatAmount(p.ceiling)})`,
        ),
      );
    });

  price
    .command("fee")
    .description("the network fee and the congestion it adapts to")
    .action(async () => {
      const c = ctx();
      const { q } = await marketFor(c, false);
      c.print(await readNetworkFee(q.oracle), (r) => [
        `network fee ${r.networkFeeBps} bps, congestion ${r.congestionBps} bps, next update at ${r.nextUpdateAt}`,
      ]);
    });

  price
    .command("poke")
    .description("update prices and the network fee (anyone, once per update interval)")
    .action(async () => {
      const c = ctx();
      const { q } = await marketFor(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const oracle = await q.oracle.getAddress();
      const receipt = await sendWithProgress(c, "poke the pricing oracle", (o) => send(signer, buildPoke(oracle), o));
      const fee = await readNetworkFee(q.oracle);
      c.print(
        txJson("poke", from, receipt, { networkFeeBps: fee.networkFeeBps, nextUpdateAt: fee.nextUpdateAt }),
        (r) => [`poked the oracle in ${r.hash}: network fee ${r.networkFeeBps} bps, next update at ${r.nextUpdateAt}`],
      );
    });
}
