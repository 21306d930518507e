import type { Command } from "commander";
import type { TransactionReceipt } from "ethers";
import { InvalidArgumentError } from "../../kit/core/errors";
import { formatAmount, parseAddress, parseAmount, parseBaseUnits } from "../../kit/core/units";
import { connectQuivToken } from "../../kit/chain/contracts";
import { readAccount, readTokenInfo } from "../../kit/chain/readers";
import { approve, burn, delegate, transfer, type SendOptions } from "../../kit/tx/send";
import type { CliContext } from "../context";

interface AmountOpts {
  wei?: boolean;
}

function amountOf(value: string, opts: AmountOpts): bigint {
  return opts.wei ? parseBaseUnits(value) : parseAmount(value);
}

function txResult(action: string, from: string, receipt: TransactionReceipt, extra: Record<string, unknown>) {
  return { action, from, ...extra, hash: receipt.hash, block: receipt.blockNumber, gasUsed: receipt.gasUsed };
}

/** `kit token …`: balances of the preset's token, votes, transfers, approvals, delegation and burns. */
export function registerToken(program: Command, ctx: () => CliContext): void {
  const token = program.command("token").description("the main token of the deployment's preset");

  // The main token of the deployment's preset (its id and symbol come from the preset descriptor).
  const quivFor = async (c: CliContext, signing: boolean) => {
    const { address, symbol } = await c.token();
    return { address, symbol, quiv: connectQuivToken(address, signing ? await c.signer() : await c.provider()) };
  };
  const who = async (c: CliContext, given?: string) => {
    if (given) return parseAddress(given, "address");
    if (!c.hasKey()) throw new InvalidArgumentError("give an address (or configure a key to use the signer's)");
    return (await c.wallet()).address;
  };
  const send = async (c: CliContext, label: string, f: (o: SendOptions) => Promise<TransactionReceipt>) => {
    const progress = c.progress(label);
    try {
      const receipt = await f({ onProgress: (s) => progress.update(s) });
      progress.done();
      return receipt;
    } catch (e) {
      progress.done(false);
      throw e;
    }
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
    .description("token balance of an address (default: the signer)")
    .argument("[address]")
    .action(async (address?: string) => {
      const c = ctx();
      const account = await who(c, address);
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
      const state = await readAccount(quiv, await who(c, address));
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
      const value = amountOf(amount, opts);
      const { address, symbol } = await quivFor(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const receipt = await send(c, `transfer ${formatAmount(value)} ${symbol}`, (o) =>
        transfer(signer, address, recipient, value, o),
      );
      c.print(txResult("transfer", from, receipt, { to: recipient, amount: value }), (r) => [
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
      const value = amountOf(amount, opts);
      const { address, symbol } = await quivFor(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const receipt = await send(c, `approve ${formatAmount(value)} ${symbol}`, (o) =>
        approve(signer, address, who, value, o),
      );
      c.print(txResult("approve", from, receipt, { spender: who, amount: value }), (r) => [
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
      const { address } = await quivFor(c, false);
      const receipt = await send(c, `delegate to ${to}`, (o) => delegate(signer, address, to, o));
      c.print(txResult("delegate", from, receipt, { delegatee: to }), (r) => [`delegated to ${to} in ${r.hash}`]);
    });

  token
    .command("burn")
    .description("destroy your tokens (the cap does not grow back)")
    .argument("<amount>", "amount in tokens, or wei with --wei")
    .option("--wei", "the amount is in wei")
    .action(async (amount: string, opts: AmountOpts) => {
      const c = ctx();
      const value = amountOf(amount, opts);
      const { address, symbol } = await quivFor(c, false);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const receipt = await send(c, `burn ${formatAmount(value)} ${symbol}`, (o) => burn(signer, address, value, o));
      c.print(txResult("burn", from, receipt, { amount: value }), (r) => [
        `burned ${formatAmount(value)} ${symbol} in ${r.hash}`,
      ]);
    });
}
