import type { Command } from "commander";
import type { Provider } from "ethers";
import { formatAmount, parseAddress } from "../../kit/core";
import {
  addressOf,
  connectParameterRegistry,
  connectVotesToken,
  readAccount,
  readTokenInfo,
  type AddressBook,
} from "../../kit/chain";
import { findPreset, presetsIn, tokenPresetOf } from "../../kit/preset";
import type { CliContext } from "../context";

/** Remaining mintable amount under a cumulative cap (`cap - totalMinted`, never negative). */
function remaining(token: { cap: bigint; totalMinted: bigint }): bigint {
  return token.cap > token.totalMinted ? token.cap - token.totalMinted : 0n;
}

/** Metadata and supply of any ERC-20 (a main token without the capped-supply counters). */
async function readPlainToken(token: ReturnType<typeof connectVotesToken>) {
  const [address, name, symbol, decimals, totalSupply] = await Promise.all([
    token.getAddress(),
    token.name(),
    token.symbol(),
    token.decimals(),
    token.totalSupply(),
  ]);
  return { address, name, symbol, decimals: Number(decimals), totalSupply };
}

/** One economy's part of `kit status`: its contracts, main token, parameters, accounts and preset lines. */
async function economyStatus(book: AddressBook, provider: Provider, accounts: readonly string[]) {
  const registry = connectParameterRegistry(addressOf(book, "registry"), provider);
  const tokenPreset = book.economy ? findPreset(book.economy) : tokenPresetOf(book);
  // The main token of the economy (every preset token is a capped votes token with the supply counters).
  const token = tokenPreset
    ? connectVotesToken(addressOf(book, tokenPreset.ids[tokenPreset.token]), provider)
    : undefined;
  // A main token without the capped-supply counters or votes (CAESAR decays and votes through its wrapper): its
  // ERC-20 supply and balances only.
  const [info, parameterCount, states] = await Promise.all([
    token ? readTokenInfo(token).catch(() => readPlainToken(token)) : undefined,
    registry.keyCount(),
    token
      ? Promise.all(
          accounts.map((a) =>
            readAccount(token, a).catch(async () => ({ address: a, balance: await token.balanceOf(a) })),
          ),
        )
      : [],
  ]);
  const presets = presetsIn(book).filter((p) => !book.economy || p.name === book.economy);
  const statuses = await Promise.all(
    presets.map(async (p) => ({ name: p.name, status: p.status ? await p.status(book, provider) : undefined })),
  );
  const data = {
    ...(book.economy ? { economy: book.economy } : {}),
    deployment: { source: book.source, contracts: book.contracts },
    presets: presets.map((p) => p.name),
    ...(info ? { token: "cap" in info ? { ...info, remainingMintable: remaining(info) } : info } : {}),
    parameterCount,
    accounts: states,
    ...Object.fromEntries(statuses.filter((s) => s.status).map((s) => [s.name, s.status!.data])),
  };
  const lines = [
    ...(book.economy ? [`economy   ${book.economy}`] : []),
    `source    ${data.deployment.source}`,
    ...Object.entries(data.deployment.contracts).map(([id, a]) => `  ${id.padEnd(32)} ${a}`),
    `presets   ${data.presets.length > 0 ? data.presets.join(", ") : "none"}`,
    ...(info ? [`supply    ${formatAmount(info.totalSupply)} ${info.symbol}`] : []),
    ...(info && "cap" in info
      ? [
          `minted    ${formatAmount(info.totalMinted)} ${info.symbol}`,
          `burned    ${formatAmount(info.totalBurned)} ${info.symbol}`,
          `cap       ${formatAmount(info.cap)} ${info.symbol} (${formatAmount(remaining(info))} mintable)`,
        ]
      : []),
    `params    ${data.parameterCount} defined`,
    ...data.accounts.map(
      (a) =>
        `account   ${a.address} balance ${formatAmount(a.balance)}${"votes" in a ? ` votes ${formatAmount(a.votes)}` : ""}`,
    ),
    ...statuses.flatMap((s) => s.status?.lines ?? []),
  ];
  return { data, lines };
}

/**
 * `kit status [--account <address...>]`: per economy deployed on the chain (or only `--economy`'s), its deployment,
 * the main token's supply counters and balances, and its preset's status lines. With one economy the JSON document
 * is that economy's fields beside network, chainId and block; with several they are under `economies.<name>`.
 */
export function registerStatus(program: Command, ctx: () => CliContext): void {
  program
    .command("status")
    .description("show each deployed economy: contracts, token supply/minted/burned/cap, balances and its status")
    .option("--account <address...>", "accounts to show (default: the signer, when a key is configured)")
    .action(async (opts: { account?: string[] }) => {
      const c = ctx();
      const accounts = (opts.account ?? []).map((a) => parseAddress(a, "account"));
      if (accounts.length === 0 && c.hasKey()) accounts.push((await c.wallet()).address);
      const provider = await c.provider();
      const deployed = c.economy() || c.options.addressBook ? [] : await c.deployedEconomies();
      const books =
        deployed.length > 1 ? await Promise.all(deployed.map((e) => c.addressBookOf(e))) : [await c.addressBook()];
      const [chainId, block, parts] = await Promise.all([
        c.chainId(),
        provider.getBlockNumber(),
        Promise.all(books.map((b) => economyStatus(b, provider, accounts))),
      ]);
      const head = { network: c.networkName, chainId, block };
      const result =
        parts.length === 1
          ? { ...head, ...parts[0].data }
          : { ...head, economies: Object.fromEntries(parts.map((p, i) => [books[i].economy!, p.data])) };
      c.print(result, () => [
        `network   ${head.network} (chain ${head.chainId}, block ${head.block})`,
        ...parts.flatMap((p, i) => (i > 0 ? ["", ...p.lines] : p.lines)),
      ]);
    });
}
