import type { Command } from "commander";
import type { TransactionReceipt } from "ethers";
import { InvalidArgumentError, formatAmount, parseAddress, parseAmount, parseBaseUnits } from "../../kit/core";
import { addressOf, readAccount, readTokenInfo } from "../../kit/chain";
import { approve, burn, delegate, transfer, type SendOptions } from "../../kit/tx";
import type { CliContext } from "../context";
import { connectQuivToken } from "../../quiver";
import { accountArg, amountArg, sendWithProgress, txJson, type AmountOpts } from "../helpers";

/** `kit token …`: QUIV balances, votes, transfers, approvals, delegation and burns. */
export function registerToken(program: Command, ctx: () => CliContext): void {
  const token = program.command("token").description("the QUIV token");

  const quivFor = async (c: CliContext, signing: boolean) => {
    const book = await c.addressBook();
    const address = addressOf(book, "quiv");
    return { address, quiv: connectQuivToken(address, signing ? await c.signer() : await c.provider()) };
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
    .description("QUIV balance of an address (default: the signer)")
    .argument("[address]")
    .action(async (address?: string) => {
      const c = ctx();
      const account = await accountArg(c, address);
      const state = await readAccount((await quivFor(c, false)).quiv, account);
      c.print({ address: state.address, balance: state.balance }, (r) => [`${formatAmount(r.balance)} QUIV`]);
    });

  token
    .command("votes")
    .description("voting power and delegate of an address (default: the signer)")
    .argument("[address]")
    .action(async (address?: string) => {
      const c = ctx();
      const state = await readAccount((await quivFor(c, false)).quiv, await accountArg(c, address));
      c.print({ address: state.address, votes: state.votes, delegate: state.delegate }, (r) => [
        `votes ${formatAmount(r.votes)} QUIV, delegates to ${r.delegate}`,
      ]);
    });

  token
    .command("transfer")
    .description("send QUIV")
    .argument("<to>", "recipient address")
    .argument("<amount>", "amount in QUIV (e.g. 12.5), or wei with --wei")
    .option("--wei", "the amount is in wei")
    .action(async (to: string, amount: string, opts: AmountOpts) => {
      const c = ctx();
      const recipient = parseAddress(to, "recipient");
      const value = amountArg(amount, opts);
      const { address } = await quivFor(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `transfer ${formatAmount(value)} QUIV`, (o) =>
        transfer(signer, address, recipient, value, o),
      );
      c.print(txJson("transfer", from, receipt, { to: recipient, amount: value }), (r) => [
        `transferred ${formatAmount(value)} QUIV to ${recipient} in ${r.hash}`,
      ]);
    });

  token
    .command("approve")
    .description("let a spender use your QUIV")
    .argument("<spender>", "spender address")
    .argument("<amount>", "amount in QUIV, or wei with --wei")
    .option("--wei", "the amount is in wei")
    .action(async (spender: string, amount: string, opts: AmountOpts) => {
      const c = ctx();
      const who = parseAddress(spender, "spender");
      const value = amountArg(amount, opts);
      const { address } = await quivFor(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `approve ${formatAmount(value)} QUIV`, (o) =>
        approve(signer, address, who, value, o),
      );
      c.print(txJson("approve", from, receipt, { spender: who, amount: value }), (r) => [
        `approved ${who} for ${formatAmount(value)} QUIV in ${r.hash}`,
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
      const { address } = await quivFor(c, false);
      const receipt = await sendWithProgress(c, `delegate to ${to}`, (o) => delegate(signer, address, to, o));
      c.print(txJson("delegate", from, receipt, { delegatee: to }), (r) => [`delegated to ${to} in ${r.hash}`]);
    });

  token
    .command("burn")
    .description("destroy your QUIV (the cap does not grow back)")
    .argument("<amount>", "amount in QUIV, or wei with --wei")
    .option("--wei", "the amount is in wei")
    .action(async (amount: string, opts: AmountOpts) => {
      const c = ctx();
      const value = amountArg(amount, opts);
      const { address } = await quivFor(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `burn ${formatAmount(value)} QUIV`, (o) =>
        burn(signer, address, value, o),
      );
      c.print(txJson("burn", from, receipt, { amount: value }), (r) => [
        `burned ${formatAmount(value)} QUIV in ${r.hash}`,
      ]);
    });
}
