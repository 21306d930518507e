import type { Command } from "commander";
import { getAddress } from "ethers";
import { InvalidArgumentError, formatAmount, parseAddress } from "../../kit/core";
import { connectErc20, readErc20Features, readSupplyCounters, toKitError, type VotesToken } from "../../kit/chain";
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
  type WriteRequest,
} from "../../kit/tx";
import { readTextFile } from "../../kit/node/store";
import { findPreset } from "../../kit/preset";
import type { CliContext, TokenRef } from "../context";
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

/** The `--token` option of the group: a key of the economy's address book or a symbol. */
interface TokenOpts {
  token?: string;
}

/** Formats an amount of `t` with its own decimals and symbol: `"12.5 wFLX"`. */
function amountOf(t: TokenRef, value: bigint): string {
  return `${formatAmount(value, t.decimals)} ${t.symbol}`;
}

/** Throws a clear {@link InvalidArgumentError} when `t` lacks EIP-2612 (`permit`) or ERC-5805 (`votes`). */
async function requireFeature(c: CliContext, t: TokenRef, feature: "permit" | "votes"): Promise<void> {
  const f = await readErc20Features(t.address, await c.provider());
  if (f[feature]) return;
  const what =
    feature === "permit"
      ? "no EIP-2612 permit (no nonces / DOMAIN_SEPARATOR): use `kit token approve` instead"
      : "no ERC-5805 votes (no delegates / getVotes / CLOCK_MODE): nothing to delegate";
  throw new InvalidArgumentError(`${t.symbol} (${t.key} of ${t.preset}, ${t.address}) has ${what}`, {
    details: { token: t.key, address: t.address, feature },
  });
}

/**
 * The token a signed message (permit, delegation) is for: `--token` if given (it must be the one the message names),
 * else the token of the economy at the address the message names, else the main token.
 */
async function tokenOfSigned(c: CliContext, given: string | undefined, named: unknown, what: string) {
  if (named !== undefined && (typeof named !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(named))) {
    throw new InvalidArgumentError(`the ${what}'s token is not an address: "${String(named)}"`);
  }
  if (given !== undefined || named === undefined) {
    const t = await c.tokenOf(given);
    if (named !== undefined && getAddress(named) !== t.address) {
      throw new InvalidArgumentError(
        `the ${what} is signed for the token at ${getAddress(named)}, not ${t.symbol} (${t.key}) at ${t.address}`,
        { details: { signedFor: getAddress(named), token: t.address } },
      );
    }
    return t;
  }
  const main = await c.tokenOf();
  const book = await c.addressBook();
  const preset = findPreset(main.preset);
  const key = Object.keys(preset.ids).find((k) => book.contracts[preset.ids[k]] === getAddress(named));
  if (key === undefined) {
    throw new InvalidArgumentError(
      `the ${what} is signed for ${getAddress(named)}, which is no contract of ${preset.name}'s deployment`,
      { details: { signedFor: getAddress(named), economy: preset.name } },
    );
  }
  return c.tokenOf(key);
}

/** Reads a view of `t`, decoding a revert. */
async function view<T>(c: CliContext, t: TokenRef, f: (token: ReturnType<typeof connectErc20>) => Promise<T>) {
  try {
    return await f(connectErc20(t.address, await c.provider()));
  } catch (e) {
    throw toKitError(e, t.symbol);
  }
}

/** The chain's time (the base of permit deadlines and delegation expiries). */
async function chainNow(c: CliContext): Promise<bigint> {
  const block = await (await c.provider()).getBlock("latest");
  return BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
}

/**
 * `kit token …`: any ERC-20 of the economy's address book (`--token <key>`, default its main token): balances,
 * votes, transfers, approvals, permits, signed delegations and burns, amounts in the token's own decimals.
 */
export function registerToken(program: Command, ctx: () => CliContext): void {
  const token = program
    .command("token")
    .description("an ERC-20 of the economy's deployment (--token <key>; default its main token)")
    .option(
      "--token <key>",
      "which token: a key of the economy's address book (quiv; caesar, wrapper; gen, nex, flx, wflx, aur) or its symbol",
    );
  const pick = (c: CliContext) => c.tokenOf(token.opts<TokenOpts>().token);

  /** Sends one request on the token from the signer (pre-flighted by `send`) and prints its result. */
  const sendOn = async (
    c: CliContext,
    t: TokenRef,
    label: string,
    request: (address: string) => WriteRequest<VotesToken>,
    action: string,
    extra: Record<string, unknown>,
    text: (hash: string) => string,
  ) => {
    const signer = await c.signer();
    const from = await signer.getAddress();
    const receipt = await sendWithProgress(c, label, (o) => send(signer, request(t.address), o));
    c.print(txJson(action, from, receipt, { token: t.key, ...extra }), (r) => [text(r.hash)]);
  };

  token
    .command("info")
    .description("name, symbol, decimals and supply (and the cap counters where the token has them)")
    .action(async () => {
      const c = ctx();
      const t = await pick(c);
      const totalSupply = await view(c, t, (e) => e.totalSupply() as Promise<bigint>);
      const counters = await readSupplyCounters(t.address, await c.provider());
      const info = { address: t.address, key: t.key, name: t.name, symbol: t.symbol, decimals: t.decimals };
      c.print({ ...info, totalSupply, ...counters }, (r) => [
        `${r.name} (${r.symbol}, ${r.decimals} decimals) at ${r.address}`,
        `supply ${formatAmount(r.totalSupply, t.decimals)}` +
          (r.totalMinted !== undefined ? `, minted ${formatAmount(r.totalMinted, t.decimals)}` : "") +
          (r.totalBurned !== undefined ? `, burned ${formatAmount(r.totalBurned, t.decimals)}` : "") +
          (r.cap !== undefined ? `, cap ${formatAmount(r.cap, t.decimals)}` : ""),
      ]);
    });

  token
    .command("balance")
    .description("balance of an address (default: the signer)")
    .argument("[address]")
    .action(async (address?: string) => {
      const c = ctx();
      const account = await accountArg(c, address);
      const t = await pick(c);
      const balance = await view(c, t, (e) => e.balanceOf(account) as Promise<bigint>);
      c.print({ address: account, balance }, (r) => [amountOf(t, r.balance)]);
    });

  token
    .command("votes")
    .description("voting power and delegate of an address (default: the signer); ERC-5805 tokens only")
    .argument("[address]")
    .action(async (address?: string) => {
      const c = ctx();
      const account = await accountArg(c, address);
      const t = await pick(c);
      await requireFeature(c, t, "votes");
      const [votes, delegate] = await view(c, t, (e) =>
        Promise.all([e.getVotes(account) as Promise<bigint>, e.delegates(account) as Promise<string>]),
      );
      c.print({ address: account, votes, delegate }, (r) => [
        `votes ${amountOf(t, r.votes)}, delegates to ${r.delegate}`,
      ]);
    });

  token
    .command("transfer")
    .description("send tokens")
    .argument("<to>", "recipient address")
    .argument("<amount>", "amount in tokens (e.g. 12.5, the token's own decimals), or base units with --wei")
    .option("--wei", "the amount is in base units (wei)")
    .action(async (to: string, amount: string, opts: AmountOpts) => {
      const c = ctx();
      const recipient = parseAddress(to, "recipient");
      const t = await pick(c);
      const value = amountArg(amount, opts, t.decimals);
      await sendOn(
        c,
        t,
        `transfer ${amountOf(t, value)}`,
        (a) => buildTransfer(a, recipient, value),
        "transfer",
        { to: recipient, amount: value },
        (h) => `transferred ${amountOf(t, value)} to ${recipient} in ${h}`,
      );
    });

  token
    .command("approve")
    .description("let a spender use exactly this much of your tokens (replaces the allowance)")
    .argument("<spender>", "spender address")
    .argument("<amount>", "amount in tokens, or base units with --wei")
    .option("--wei", "the amount is in base units (wei)")
    .action(async (spender: string, amount: string, opts: AmountOpts) => {
      const c = ctx();
      const who = parseAddress(spender, "spender");
      const t = await pick(c);
      const value = amountArg(amount, opts, t.decimals);
      await sendOn(
        c,
        t,
        `approve ${amountOf(t, value)}`,
        (a) => buildApprove(a, who, value),
        "approve",
        { spender: who, amount: value },
        (h) => `approved ${who} for ${amountOf(t, value)} in ${h}`,
      );
    });

  token
    .command("delegate")
    .description("delegate your votes (default: to yourself, which activates them); ERC-5805 tokens only")
    .argument("[delegatee]", "address receiving the votes")
    .option("--sign-only", "print a signed delegation (JSON, no gas) for someone else to submit (delegate-submit)")
    .option("--expiry <duration>", "with --sign-only: valid for this long from the chain's time", "1h")
    .action(async (delegatee: string | undefined, opts: { signOnly?: boolean; expiry: string }) => {
      const c = ctx();
      const given = delegatee ? parseAddress(delegatee, "delegatee") : undefined;
      const ttl = opts.signOnly ? durationArg(opts.expiry, "expiry") : 0n;
      const signer = await c.signer();
      const from = await signer.getAddress();
      const to = given ?? from;
      const t = await pick(c);
      await requireFeature(c, t, "votes");
      if (opts.signOnly) {
        const now = await chainNow(c);
        const d = await signDelegation(signer, t.address, { delegatee: to, expiry: now + ttl });
        c.print({ action: "delegationSigned", token: t.address, owner: from, ...d }, (r) => [
          JSON.stringify({ ...r, nonce: String(r.nonce), expiry: String(r.expiry) }),
          `(submit with \`kit token delegate-submit '<json>'\`; valid until ${formatTime(r.expiry, now)})`,
        ]);
        return;
      }
      await sendOn(
        c,
        t,
        `delegate ${t.symbol} to ${to}`,
        (a) => buildDelegate(a, to),
        "delegate",
        { delegatee: to },
        (h) => `delegated ${t.symbol} votes to ${to} in ${h}`,
      );
    });

  token
    .command("burn")
    .description("destroy your tokens (burnable tokens; the cap does not grow back)")
    .argument("<amount>", "amount in tokens, or base units with --wei")
    .option("--wei", "the amount is in base units (wei)")
    .action(async (amount: string, opts: AmountOpts) => {
      const c = ctx();
      const t = await pick(c);
      const value = amountArg(amount, opts, t.decimals);
      await sendOn(
        c,
        t,
        `burn ${amountOf(t, value)}`,
        (a) => buildBurn(a, value),
        "burn",
        { amount: value },
        (h) => `burned ${amountOf(t, value)} in ${h}`,
      );
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
      const t = await pick(c);
      const allowance = await view(c, t, (e) => e.allowance(o, s) as Promise<bigint>);
      c.print({ owner: o, spender: s, allowance }, (r) => [
        `${r.spender} may take ${amountOf(t, r.allowance)} from ${r.owner}`,
      ]);
    });

  token
    .command("transfer-from")
    .description("move tokens from an owner who approved you (spends your allowance)")
    .argument("<from>", "owner address")
    .argument("<to>", "recipient address")
    .argument("<amount>", "amount in tokens, or base units with --wei")
    .option("--wei", "the amount is in base units (wei)")
    .action(async (fromArg: string, to: string, amount: string, opts: AmountOpts) => {
      const c = ctx();
      const owner = parseAddress(fromArg, "from");
      const recipient = parseAddress(to, "recipient");
      const t = await pick(c);
      const value = amountArg(amount, opts, t.decimals);
      await sendOn(
        c,
        t,
        `transfer ${amountOf(t, value)} from ${owner}`,
        (a) => buildTransferFrom(a, owner, recipient, value),
        "transferFrom",
        { owner, to: recipient, amount: value },
        (h) => `transferred ${amountOf(t, value)} from ${owner} to ${recipient} in ${h}`,
      );
    });

  token
    .command("burn-from")
    .description("destroy tokens of an owner who approved you (spends your allowance; burnable tokens)")
    .argument("<account>", "owner address")
    .argument("<amount>", "amount in tokens, or base units with --wei")
    .option("--wei", "the amount is in base units (wei)")
    .action(async (account: string, amount: string, opts: AmountOpts) => {
      const c = ctx();
      const owner = parseAddress(account, "account");
      const t = await pick(c);
      const value = amountArg(amount, opts, t.decimals);
      await sendOn(
        c,
        t,
        `burn ${amountOf(t, value)} of ${owner}`,
        (a) => buildBurnFrom(a, owner, value),
        "burnFrom",
        { owner, amount: value },
        (h) => `burned ${amountOf(t, value)} of ${owner} in ${h}`,
      );
    });

  token
    .command("permit")
    .description("sign an EIP-2612 permit (no gas) and submit it, or print it for someone else to submit")
    .argument("<spender>", "spender address")
    .argument("<amount>", "amount in tokens, or base units with --wei")
    .option("--wei", "the amount is in base units (wei)")
    .option("--deadline <duration>", "valid for this long from the chain's time (90m, 1d, ...)", "1h")
    .option("--sign-only", "print the signed permit (JSON) instead of submitting it")
    .action(async (spender: string, amount: string, opts: AmountOpts & { deadline: string; signOnly?: boolean }) => {
      const c = ctx();
      const s = parseAddress(spender, "spender");
      const ttl = durationArg(opts.deadline, "deadline");
      const t = await pick(c);
      const value = amountArg(amount, opts, t.decimals);
      await requireFeature(c, t, "permit");
      const signer = await c.signer();
      const now = await chainNow(c);
      const permit = await signPermit(signer, t.address, { spender: s, value, deadline: now + ttl });
      if (opts.signOnly) {
        c.print({ action: "permitSigned", token: t.address, ...permit }, (r) => [
          JSON.stringify({ ...r, value: String(r.value), nonce: String(r.nonce), deadline: String(r.deadline) }),
          `(submit with \`kit token permit-submit '<json>'\`; valid until ${formatTime(r.deadline, now)})`,
        ]);
        return;
      }
      const receipt = await sendWithProgress(c, `permit ${amountOf(t, value)}`, (o) =>
        send(signer, buildPermit(t.address, permit), o),
      );
      c.print(
        txJson("permit", permit.owner, receipt, {
          token: t.key,
          spender: s,
          amount: value,
          deadline: permit.deadline,
        }),
        (r) => [`permitted ${s} to take ${amountOf(t, value)} (until ${formatTime(r.deadline, now)}) in ${r.hash}`],
      );
    });

  token
    .command("permit-submit")
    .description("submit a permit someone signed (`kit token permit --sign-only`); you pay the gas")
    .argument("<permit>", "the permit JSON, or @file holding it")
    .action(async (value: string) => {
      const c = ctx();
      const permit = permitArg(value);
      const t = await tokenOfSigned(c, token.opts<TokenOpts>().token, signedArg(value, "permit").raw.token, "permit");
      await requireFeature(c, t, "permit");
      await sendOn(
        c,
        t,
        `submit permit of ${permit.owner}`,
        (a) => buildPermit(a, permit),
        "permit",
        { owner: permit.owner, spender: permit.spender, amount: permit.value, deadline: permit.deadline },
        (h) =>
          `submitted the permit: ${permit.spender} may take ${amountOf(t, permit.value)} from ${permit.owner} in ${h}`,
      );
    });

  token
    .command("delegate-submit")
    .alias("delegate-by-sig")
    .description("submit a delegation someone signed (`kit token delegate --sign-only`); you pay the gas")
    .argument("<delegation>", "the delegation JSON, or @file holding it")
    .action(async (value: string) => {
      const c = ctx();
      const d = delegationArg(value);
      const raw = signedArg(value, "delegation").raw;
      const t = await tokenOfSigned(c, token.opts<TokenOpts>().token, raw.token, "delegation");
      await requireFeature(c, t, "votes");
      await sendOn(
        c,
        t,
        `submit delegation to ${d.delegatee}`,
        (a) => buildDelegateBySig(a, d),
        "delegateBySig",
        { delegatee: d.delegatee, nonce: d.nonce, expiry: d.expiry },
        (h) => `submitted the signed ${t.symbol} delegation to ${d.delegatee} in ${h}`,
      );
    });
}
