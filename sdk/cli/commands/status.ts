import type { Command } from "commander";
import { formatAmount, parseAddress } from "../../kit/core";
import { addressOf, connectParameterRegistry, connectVotesToken, readAccount, readTokenInfo } from "../../kit/chain";
import { presetsIn, tokenPresetOf } from "../../kit/preset";
import type { CliContext } from "../context";

/** Remaining mintable amount under a cumulative cap (`cap - totalMinted`, never negative). */
function remaining(token: { cap: bigint; totalMinted: bigint }): bigint {
  return token.cap > token.totalMinted ? token.cap - token.totalMinted : 0n;
}

/**
 * `kit status [--account <address...>]`: deployment, the main token's supply counters and balances, and the
 * status lines of every preset the address book holds (each preset's `status`).
 */
export function registerStatus(program: Command, ctx: () => CliContext): void {
  program
    .command("status")
    .description("show the deployment, the token's supply/minted/burned/cap, balances and each preset's status")
    .option("--account <address...>", "accounts to show (default: the signer, when a key is configured)")
    .action(async (opts: { account?: string[] }) => {
      const c = ctx();
      const accounts = (opts.account ?? []).map((a) => parseAddress(a, "account"));
      if (accounts.length === 0 && c.hasKey()) accounts.push((await c.wallet()).address);
      const provider = await c.provider();
      const [chainId, block, book] = await Promise.all([c.chainId(), provider.getBlockNumber(), c.addressBook()]);
      const registry = connectParameterRegistry(addressOf(book, "registry"), provider);
      const tokenPreset = tokenPresetOf(book);
      // The capped votes token of the first preset whose token is deployed (every preset token has the counters).
      const token = tokenPreset
        ? connectVotesToken(addressOf(book, tokenPreset.ids[tokenPreset.token]), provider)
        : undefined;
      const [info, parameterCount, states] = await Promise.all([
        token ? readTokenInfo(token) : undefined,
        registry.keyCount(),
        token ? Promise.all(accounts.map((a) => readAccount(token, a))) : [],
      ]);
      const presets = presetsIn(book);
      const statuses = await Promise.all(
        presets.map(async (p) => ({ name: p.name, status: p.status ? await p.status(book, provider) : undefined })),
      );
      const result = {
        network: c.networkName,
        chainId,
        block,
        deployment: { source: book.source, contracts: book.contracts },
        presets: presets.map((p) => p.name),
        ...(info ? { token: { ...info, remainingMintable: remaining(info) } } : {}),
        parameterCount,
        accounts: states,
        ...Object.fromEntries(statuses.filter((s) => s.status).map((s) => [s.name, s.status!.data])),
      };
      c.print(result, (r) => [
        `network   ${r.network} (chain ${r.chainId}, block ${r.block})`,
        `source    ${r.deployment.source}`,
        ...Object.entries(r.deployment.contracts).map(([id, a]) => `  ${id.padEnd(32)} ${a}`),
        `presets   ${r.presets.length > 0 ? r.presets.join(", ") : "none"}`,
        ...(r.token
          ? [
              `supply    ${formatAmount(r.token.totalSupply)} ${r.token.symbol}`,
              `minted    ${formatAmount(r.token.totalMinted)} ${r.token.symbol}`,
              `burned    ${formatAmount(r.token.totalBurned)} ${r.token.symbol}`,
              `cap       ${formatAmount(r.token.cap)} ${r.token.symbol} (${formatAmount(r.token.remainingMintable)} mintable)`,
            ]
          : []),
        `params    ${r.parameterCount} defined`,
        ...r.accounts.map(
          (a) => `account   ${a.address} balance ${formatAmount(a.balance)} votes ${formatAmount(a.votes)}`,
        ),
        ...statuses.flatMap((s) => s.status?.lines ?? []),
      ]);
    });
}
