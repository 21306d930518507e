import type { Command } from "commander";
import { InvalidArgumentError, formatAmount, parseAddress } from "../../kit/core";
import { send } from "../../kit/tx";
import {
  serializeVoucher,
  chainTime,
  readChannel,
  buildChannelAction,
  buildSignerAction,
  buildVoucherRedeem,
  openChannel,
  signChannelVoucher,
  topUpChannel,
  verifyChannelVoucher,
  type SignedVoucher,
  type ChannelEntity,
} from "..";
import type { CliContext } from "../../cli/context";
import { amountArg, sendWithProgress, txJson, uintArg, type AmountOpts } from "../../cli/helpers";
import { existingChannel, marketFor, voucherArg } from "./shared";

function channelLines(ch: ChannelEntity): string[] {
  return [
    `channel ${ch.channelId}: ${ch.state}`,
    `  consumer ${ch.consumer} -> provider ${ch.provider}`,
    `  deposit ${formatAmount(ch.deposit)} QUIV, collected ${formatAmount(ch.collected)} QUIV, expires ${ch.expiry}`,
  ];
}

function voucherJson(v: SignedVoucher) {
  return JSON.parse(serializeVoucher(v)) as Record<string, string>;
}

/** `kit channel …`: payment channels and vouchers. */
export function registerChannel(program: Command, ctx: () => CliContext): void {
  const channel = program.command("channel").description("payment channels for streaming inference");

  channel
    .command("open")
    .description("open a channel to a provider with a deposit (approves it first when needed)")
    .argument("<provider>")
    .argument("<amount>", "deposit in QUIV (or wei with --wei)")
    .option("--wei", "the amount is in wei")
    .option("--duration <seconds>", "time until expiry", "86400")
    .action(async (who: string, amount: string, opts: AmountOpts & { duration: string }) => {
      const c = ctx();
      const provider = parseAddress(who, "provider");
      const deposit = amountArg(amount, opts);
      const duration = uintArg(opts.duration, "duration");
      const signer = await c.signer();
      const { addresses } = await marketFor(c, false);
      const expiry = (await chainTime(await c.provider())) + duration;
      const from = await signer.getAddress();
      const { receipt, channelId } = await sendWithProgress(c, `open channel to ${provider}`, (o) =>
        openChannel(signer, addresses.channels, addresses.quiv, provider, deposit, expiry, o),
      );
      c.print(txJson("open", from, receipt, { channelId, provider, deposit, expiry }), (r) => [
        `opened channel ${r.channelId} to ${provider} with ${formatAmount(deposit)} QUIV in ${r.hash}`,
      ]);
    });

  channel
    .command("top-up")
    .description("add to a channel's deposit")
    .argument("<channelId>")
    .argument("<amount>", "in QUIV (or wei with --wei)")
    .option("--wei", "the amount is in wei")
    .action(async (id: string, amount: string, opts: AmountOpts) => {
      const c = ctx();
      const channelId = uintArg(id, "channelId");
      const value = amountArg(amount, opts);
      const signer = await c.signer();
      const { addresses } = await marketFor(c, false);
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `top up channel ${channelId}`, (o) =>
        topUpChannel(signer, addresses.channels, addresses.quiv, channelId, value, o),
      );
      c.print(txJson("topUp", from, receipt, { channelId, amount: value }), (r) => [
        `topped up channel ${channelId} by ${formatAmount(value)} QUIV in ${r.hash}`,
      ]);
    });

  channel
    .command("show")
    .description("a channel's deposit, collected amount and state")
    .argument("<channelId>")
    .action(async (id: string) => {
      const c = ctx();
      const { q } = await marketFor(c, false);
      c.print(await existingChannel(q, uintArg(id, "channelId")), channelLines);
    });

  const voucher = channel.command("voucher").description("sign and verify vouchers off-chain");

  voucher
    .command("sign")
    .description("sign a voucher of the cumulative amount (the EIP-712 domain is read from the chain and checked)")
    .argument("<channelId>")
    .argument("<cumulative>", "cumulative amount in QUIV (or wei with --wei)")
    .option("--wei", "the amount is in wei")
    .option("--tokens <n>", "tokens generated so far", "0")
    .action(async (id: string, cumulative: string, opts: AmountOpts & { tokens: string }) => {
      const c = ctx();
      const channelId = uintArg(id, "channelId");
      const cumulativeAmount = amountArg(cumulative, opts);
      const tokensGenerated = uintArg(opts.tokens, "tokens");
      const signer = await c.signer();
      const { q, expected } = await marketFor(c, false);
      const v = await signChannelVoucher(signer, q.channels, expected, {
        channelId,
        cumulativeAmount,
        tokensGenerated,
      });
      // The serialised voucher is the output, in both modes: it is what the consumer hands to the provider.
      if (c.options.json) c.print(voucherJson(v), () => []);
      else c.io.stdout(serializeVoucher(v) + "\n");
    });

  voucher
    .command("verify")
    .description("verify a voucher against the chain: domain, signer, channel state, deposit and your last voucher")
    .argument("<voucher>", "voucher JSON, or @file")
    .option("--last-accepted <amount>", "highest cumulative amount accepted so far, in QUIV (or wei with --wei)", "0")
    .option("--wei", "amounts are in wei")
    .option("--signer <address...>", "delegated signers of the consumer to accept")
    .action(async (text: string, opts: AmountOpts & { lastAccepted: string; signer?: string[] }) => {
      const c = ctx();
      const v = voucherArg(text);
      const lastAccepted = amountArg(opts.lastAccepted, opts);
      const signers = (opts.signer ?? []).map((s) => parseAddress(s, "signer"));
      const { q, expected } = await marketFor(c, false);
      const ok = await verifyChannelVoucher(q.channels, expected, v, lastAccepted, signers);
      c.print({ valid: true, channelId: v.channelId, cumulativeAmount: v.cumulativeAmount, ...ok }, (r) => [
        `valid voucher for channel ${r.channelId}, signed by ${r.signer}: +${formatAmount(r.increment)} QUIV`,
      ]);
    });

  for (const action of ["collect", "close"] as const) {
    channel
      .command(action)
      .description(
        action === "collect"
          ? "collect the difference a voucher owes (provider; the channel stays open)"
          : "close with the latest voucher: pays the provider and refunds the rest (provider)",
      )
      .argument("<voucher>", "voucher JSON, or @file")
      .action(async (text: string) => {
        const c = ctx();
        const v = voucherArg(text);
        const signer = await c.signer();
        const { q, addresses } = await marketFor(c, false);
        const before = await readChannel(q.channels, v.channelId);
        const from = await signer.getAddress();
        const receipt = await sendWithProgress(c, `${action} channel ${v.channelId}`, (o) =>
          send(signer, buildVoucherRedeem(addresses.channels, action, v), o),
        );
        const paid = v.cumulativeAmount - before.collected;
        const refunded = action === "close" ? before.deposit - v.cumulativeAmount : 0n;
        c.print(txJson(action, from, receipt, { channelId: v.channelId, paid, refunded }), (r) => [
          `${action === "collect" ? "collected" : "closed"} channel ${v.channelId}: paid ${formatAmount(paid)} QUIV` +
            (action === "close" ? `, refunded ${formatAmount(refunded)} QUIV` : "") +
            ` in ${r.hash}`,
        ]);
      });
  }

  for (const [name, action] of [
    ["start-close", "startClose"],
    ["finalize", "finalize"],
  ] as const) {
    channel
      .command(name)
      .description(
        name === "start-close"
          ? "start closing an expired channel (consumer); the provider can still close within the settle window"
          : "finalize a channel after its settle window: refunds the rest to the consumer",
      )
      .argument("<channelId>")
      .action(async (id: string) => {
        const c = ctx();
        const channelId = uintArg(id, "channelId");
        const signer = await c.signer();
        const { addresses } = await marketFor(c, false);
        const from = await signer.getAddress();
        const receipt = await sendWithProgress(c, `${name} channel ${channelId}`, (o) =>
          send(signer, buildChannelAction(addresses.channels, action, channelId), o),
        );
        c.print(txJson(action, from, receipt, { channelId }), (r) => [`${name} channel ${channelId} in ${r.hash}`]);
      });
  }

  channel
    .command("authorize-signer")
    .description("let a hot key sign your vouchers (revocation takes effect after a delay)")
    .argument("<signer>")
    .option("--revoke", "revoke instead")
    .action(async (who: string, opts: { revoke?: boolean }) => {
      const c = ctx();
      const delegate = parseAddress(who, "signer");
      const signer = await c.signer();
      const from = await signer.getAddress();
      if (delegate === from) throw new InvalidArgumentError("you always sign your own vouchers");
      const { addresses } = await marketFor(c, false);
      const receipt = await sendWithProgress(c, `${opts.revoke ? "revoke" : "authorize"} ${delegate}`, (o) =>
        send(
          signer,
          buildSignerAction(addresses.channels, opts.revoke ? "revokeSigner" : "authorizeSigner", delegate),
          o,
        ),
      );
      c.print(txJson(opts.revoke ? "revokeSigner" : "authorizeSigner", from, receipt, { signer: delegate }), (r) => [
        `${opts.revoke ? "revoked" : "authorized"} ${delegate} in ${r.hash}`,
      ]);
    });
}
