import type { Command } from "commander";
import type { TransactionReceipt } from "ethers";
import { InvalidArgumentError, formatAmount, parseAddress, parseAmount, parseBaseUnits } from "../../kit/core";
import { connectVotesToken, readAccount, readTokenInfo } from "../../kit/chain";
import { type SendOptions, buildApprove, buildBurn, buildDelegate, buildTransfer, send } from "../../kit/tx";
import type { CliContext } from "../context";
import { accountArg, amountArg, sendWithProgress, txJson, type AmountOpts } from "../helpers";

/** `kit token …`: the preset's main token: balances, votes, transfers, approvals, delegation and burns. */
export function registerToken(program: Command, ctx: () => CliContext): void {
  const token = program.command("token").description("the main token of the deployment's preset");

  // The main token of the deployment's preset (its id and symbol come from the preset descriptor).
  const quivFor = async (c: CliContext, signing: boolean) => {
    const { address, symbol } = await c.token();
    return { address, symbol, quiv: connectVotesToken(address, signing ? await c.signer() : await c.provider()) };
  };

  token
    .command("info")
    .description("name, symbol and supply counters")
    .action(async () => {
      const c = ctx();
      const info = await readTokenInfo((await quivFor(c, false)).quiv);
      c.print(info, (r) => [
        `${r.name} (${r.symbol}) at ${r.address}`,
        `supply ${formatAmount(r.totalSupply)}, minted ${formatAmount(r.totalMinted)}, burned ${formatAmount(r.totalBurned)}, cap ${formatAmount(r.cap)}`,
      ]);
    });

  token
    .command("balance")
    .description("balance of an address (default: the signer)")
    .argument("[address]")
    .action(async (address?: string) => {
      const c = ctx();
      const account = await accountArg(c, address);
      const { quiv, symbol } = await quivFor(c, false);
      const state = await readAccount(quiv, account);
      c.print({ address: state.address, balance: state.balance }, (r) => [`${formatAmount(r.balance)} ${symbol}`]);
    });

  token
    .command("votes")
    .description("voting power and delegate of an address (default: the signer)")
    .argument("[address]")
    .action(async (address?: string) => {
      const c = ctx();
      const { quiv, symbol } = await quivFor(c, false);
      const state = await readAccount(quiv, await accountArg(c, address));
      c.print({ address: state.address, votes: state.votes, delegate: state.delegate }, (r) => [
        `votes ${formatAmount(r.votes)} ${symbol}, delegates to ${r.delegate}`,
      ]);
    });

  token
    .command("transfer")
    .description("send tokens")
    .argument("<to>", "recipient address")
    .argument("<amount>", "amount in tokens (e.g. 12.5), or wei with --wei")
    .option("--wei", "the amount is in wei")
    .action(async (to: string, amount: string, opts: AmountOpts) => {
      const c = ctx();
      const recipient = parseAddress(to, "recipient");
      const value = amountArg(amount, opts);
      const { address, symbol } = await quivFor(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `transfer ${formatAmount(value)} ${symbol}`, (o) =>
        send(signer, buildTransfer(address, recipient, value), o),
      );
      c.print(txJson("transfer", from, receipt, { to: recipient, amount: value }), (r) => [
        `transferred ${formatAmount(value)} ${symbol} to ${recipient} in ${r.hash}`,
      ]);
    });

  token
    .command("approve")
    .description("let a spender use your tokens")
    .argument("<spender>", "spender address")
    .argument("<amount>", "amount in tokens, or wei with --wei")
    .option("--wei", "the amount is in wei")
    .action(async (spender: string, amount: string, opts: AmountOpts) => {
      const c = ctx();
      const who = parseAddress(spender, "spender");
      const value = amountArg(amount, opts);
      const { address, symbol } = await quivFor(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `approve ${formatAmount(value)} ${symbol}`, (o) =>
        send(signer, buildApprove(address, who, value), o),
      );
      c.print(txJson("approve", from, receipt, { spender: who, amount: value }), (r) => [
        `approved ${who} for ${formatAmount(value)} ${symbol} in ${r.hash}`,
      ]);
    });

  token
    .command("delegate")
    .description("delegate your votes (default: to yourself, which activates them)")
    .argument("[delegatee]", "address receiving the votes")
    .action(async (delegatee?: string) => {
      const c = ctx();
      const signer = await c.signer();
      const from = await signer.getAddress();
      const to = delegatee ? parseAddress(delegatee, "delegatee") : from;
      const { address, symbol } = await quivFor(c, false);
      const receipt = await sendWithProgress(c, `delegate to ${to}`, (o) =>
        send(signer, buildDelegate(address, to), o),
      );
      c.print(txJson("delegate", from, receipt, { delegatee: to }), (r) => [`delegated to ${to} in ${r.hash}`]);
    });

  token
    .command("burn")
    .description("destroy your tokens (the cap does not grow back)")
    .argument("<amount>", "amount in tokens, or wei with --wei")
    .option("--wei", "the amount is in wei")
    .action(async (amount: string, opts: AmountOpts) => {
      const c = ctx();
      const value = amountArg(amount, opts);
      const { address, symbol } = await quivFor(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `burn ${formatAmount(value)} ${symbol}`, (o) =>
        send(signer, buildBurn(address, value), o),
      );
      c.print(txJson("burn", from, receipt, { amount: value }), (r) => [
        `burned ${formatAmount(value)} ${symbol} in ${r.hash}`,
      ]);
    });
}
