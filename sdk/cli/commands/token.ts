import type { Command } from "commander";
import type { TransactionReceipt } from "ethers";
import { InvalidArgumentError, formatAmount, parseAddress } from "../../kit/core";
import { connectVotesToken, readAccount, readAllowance, readTokenInfo } from "../../kit/chain";
import {
  buildApprove,
  buildBurn,
  buildBurnFrom,
  buildDelegate,
  buildDelegateBySig,
  buildPermit,
  buildTransfer,
  buildTransferFrom,
  send,
  signDelegation,
  signPermit,
  type SignedDelegation,
  type SignedPermit,
} from "../../kit/tx";
import { readTextFile } from "../../kit/node/store";
import type { CliContext } from "../context";
import { accountArg, amountArg, durationArg, formatTime, sendWithProgress, txJson, type AmountOpts } from "../helpers";

/** A signed message argument (`what`: "permit", "delegation"): its JSON or `@file`; integer and signature readers. */
export function signedArg(value: string, what: string) {
  const text = value.startsWith("@") ? readTextFile(value.slice(1), `${what} file`) : value;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw new InvalidArgumentError(`the ${what} is not valid JSON`, { cause });
  }
  if (typeof raw !== "object" || raw === null) throw new InvalidArgumentError(`the ${what} is not a JSON object`);
  const int = (k: string) => {
    const v = raw[k];
    if (typeof v !== "string" && typeof v !== "number") throw new InvalidArgumentError(`the ${what} has no ${k}`);
    if (!/^[0-9]+$/.test(String(v))) throw new InvalidArgumentError(`the ${what}'s ${k} is not an integer: "${v}"`);
    return BigInt(v);
  };
  const signature = raw.signature;
  if (typeof signature !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(signature)) {
    throw new InvalidArgumentError(`the ${what}'s signature is not 65 bytes of hex`);
  }
  return { raw, int, signature };
}

/**
 * A signed delegation argument: its JSON (from `kit token delegate --sign-only`) or `@file` holding it.
 *
 * @example
 * delegationArg("@delegation.json");
 */
export function delegationArg(value: string): SignedDelegation {
  const { raw, int, signature } = signedArg(value, "delegation");
  return {
    delegatee: parseAddress(String(raw.delegatee ?? ""), "delegatee"),
    nonce: int("nonce"),
    expiry: int("expiry"),
    signature,
  };
}

/**
 * A signed permit argument: its JSON (from `kit token permit --sign-only`) or `@file` holding it.
 *
 * @example
 * permitArg("@permit.json");
 */
export function permitArg(value: string): SignedPermit {
  const { raw, int, signature } = signedArg(value, "permit");
  return {
    owner: parseAddress(String(raw.owner ?? ""), "owner"),
    spender: parseAddress(String(raw.spender ?? ""), "spender"),
    value: int("value"),
    nonce: int("nonce"),
    deadline: int("deadline"),
    signature,
  };
}

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
    .option("--sign-only", "print a signed delegation (JSON, no gas) for someone else to submit (delegate-submit)")
    .option("--expiry <duration>", "with --sign-only: valid for this long from the chain's time", "1h")
    .action(async (delegatee: string | undefined, opts: { signOnly?: boolean; expiry: string }) => {
      const c = ctx();
      const signer = await c.signer();
      const from = await signer.getAddress();
      const to = delegatee ? parseAddress(delegatee, "delegatee") : from;
      const { address, symbol } = await quivFor(c, false);
      if (opts.signOnly) {
        const ttl = durationArg(opts.expiry, "expiry");
        const block = await (await c.provider()).getBlock("latest");
        const now = BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
        const d = await signDelegation(signer, address, { delegatee: to, expiry: now + ttl });
        c.print({ action: "delegationSigned", token: address, owner: from, ...d }, (r) => [
          JSON.stringify({ ...r, nonce: String(r.nonce), expiry: String(r.expiry) }),
          `(submit with \`kit token delegate-submit '<json>'\`; valid until ${formatTime(r.expiry, now)})`,
        ]);
        return;
      }
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

  token
    .command("allowance")
    .description("what a spender may still take from an owner (default owner: the signer)")
    .argument("<spender>", "spender address")
    .argument("[owner]", "owner address (default: the signer)")
    .action(async (spender: string, owner?: string) => {
      const c = ctx();
      const s = parseAddress(spender, "spender");
      const o = await accountArg(c, owner, "owner");
      const { quiv, symbol } = await quivFor(c, false);
      const allowance = await readAllowance(quiv, o, s);
      c.print({ owner: o, spender: s, allowance }, (r) => [
        `${r.spender} may take ${formatAmount(r.allowance)} ${symbol} from ${r.owner}`,
      ]);
    });

  /** Sends one token request from the signer and prints its result. */
  const sendToken = async (
    c: CliContext,
    label: string,
    request: (
      token: string,
    ) =>
      | ReturnType<typeof buildTransferFrom>
      | ReturnType<typeof buildBurnFrom>
      | ReturnType<typeof buildPermit>
      | ReturnType<typeof buildDelegateBySig>,
    action: string,
    extra: Record<string, unknown>,
    text: (hash: string) => string,
  ) => {
    const { address } = await quivFor(c, false);
    const signer = await c.signer();
    const from = await signer.getAddress();
    const receipt = await sendWithProgress(c, label, (o) => send(signer, request(address), o));
    c.print(txJson(action, from, receipt, extra), (r) => [text(r.hash)]);
  };

  token
    .command("transfer-from")
    .description("move tokens from an owner who approved you (spends your allowance)")
    .argument("<from>", "owner address")
    .argument("<to>", "recipient address")
    .argument("<amount>", "amount in tokens, or wei with --wei")
    .option("--wei", "the amount is in wei")
    .action(async (fromArg: string, to: string, amount: string, opts: AmountOpts) => {
      const c = ctx();
      const owner = parseAddress(fromArg, "from");
      const recipient = parseAddress(to, "recipient");
      const value = amountArg(amount, opts);
      const { symbol } = await c.token();
      await sendToken(
        c,
        `transfer ${formatAmount(value)} ${symbol} from ${owner}`,
        (t) => buildTransferFrom(t, owner, recipient, value),
        "transferFrom",
        { owner, to: recipient, amount: value },
        (h) => `transferred ${formatAmount(value)} ${symbol} from ${owner} to ${recipient} in ${h}`,
      );
    });

  token
    .command("burn-from")
    .description("destroy tokens of an owner who approved you (spends your allowance)")
    .argument("<account>", "owner address")
    .argument("<amount>", "amount in tokens, or wei with --wei")
    .option("--wei", "the amount is in wei")
    .action(async (account: string, amount: string, opts: AmountOpts) => {
      const c = ctx();
      const owner = parseAddress(account, "account");
      const value = amountArg(amount, opts);
      const { symbol } = await c.token();
      await sendToken(
        c,
        `burn ${formatAmount(value)} ${symbol} of ${owner}`,
        (t) => buildBurnFrom(t, owner, value),
        "burnFrom",
        { owner, amount: value },
        (h) => `burned ${formatAmount(value)} ${symbol} of ${owner} in ${h}`,
      );
    });

  token
    .command("permit")
    .description("sign an EIP-2612 permit (no gas) and submit it, or print it for someone else to submit")
    .argument("<spender>", "spender address")
    .argument("<amount>", "amount in tokens, or wei with --wei")
    .option("--wei", "the amount is in wei")
    .option("--deadline <duration>", "valid for this long from the chain's time (90m, 1d, ...)", "1h")
    .option("--sign-only", "print the signed permit (JSON) instead of submitting it")
    .action(async (spender: string, amount: string, opts: AmountOpts & { deadline: string; signOnly?: boolean }) => {
      const c = ctx();
      const s = parseAddress(spender, "spender");
      const value = amountArg(amount, opts);
      const ttl = durationArg(opts.deadline, "deadline");
      const { address, symbol } = await quivFor(c, false);
      const signer = await c.signer();
      const block = await (await c.provider()).getBlock("latest");
      const now = BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
      const permit = await signPermit(signer, address, { spender: s, value, deadline: now + ttl });
      if (opts.signOnly) {
        c.print({ action: "permitSigned", token: address, ...permit }, (r) => [
          JSON.stringify({ ...r, value: String(r.value), nonce: String(r.nonce), deadline: String(r.deadline) }),
          `(submit with \`kit token permit-submit '<json>'\`; valid until ${formatTime(r.deadline, now)})`,
        ]);
        return;
      }
      const receipt = await sendWithProgress(c, `permit ${formatAmount(value)} ${symbol}`, (o) =>
        send(signer, buildPermit(address, permit), o),
      );
      c.print(
        txJson("permit", permit.owner, receipt, { spender: s, amount: value, deadline: permit.deadline }),
        (r) => [
          `permitted ${s} to take ${formatAmount(value)} ${symbol} (until ${formatTime(r.deadline, now)}) in ${r.hash}`,
        ],
      );
    });

  token
    .command("permit-submit")
    .description("submit a permit someone signed (`kit token permit --sign-only`); you pay the gas")
    .argument("<permit>", "the permit JSON, or @file holding it")
    .action(async (value: string) => {
      const c = ctx();
      const permit = permitArg(value);
      const { symbol } = await c.token();
      await sendToken(
        c,
        `submit permit of ${permit.owner}`,
        (t) => buildPermit(t, permit),
        "permit",
        { owner: permit.owner, spender: permit.spender, amount: permit.value, deadline: permit.deadline },
        (h) =>
          `submitted the permit: ${permit.spender} may take ${formatAmount(permit.value)} ${symbol} from ${permit.owner} in ${h}`,
      );
    });

  token
    .command("delegate-submit")
    .description("submit a delegation someone signed (`kit token delegate --sign-only`); you pay the gas")
    .argument("<delegation>", "the delegation JSON, or @file holding it")
    .action(async (value: string) => {
      const c = ctx();
      const d = delegationArg(value);
      await sendToken(
        c,
        `submit delegation to ${d.delegatee}`,
        (t) => buildDelegateBySig(t, d),
        "delegateBySig",
        { delegatee: d.delegatee, nonce: d.nonce, expiry: d.expiry },
        (h) => `submitted the signed delegation to ${d.delegatee} in ${h}`,
      );
    });
}
