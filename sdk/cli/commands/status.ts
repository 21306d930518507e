import type { Command } from "commander";
import { formatAmount, parseAddress } from "../../core/units";
import { remainingMintable } from "../../core/supply";
import { connectFoundation } from "../../chain/contracts";
import { readAccount, readTokenInfo } from "../../chain/readers";
import type { CliContext } from "../context";

/** `kit status [--account <address...>]`: deployment, supply counters and balances. */
export function registerStatus(program: Command, ctx: () => CliContext): void {
  program
    .command("status")
    .description("show the deployment, QUIV supply/minted/burned/cap and balances")
    .option("--account <address...>", "accounts to show (default: the signer, when a key is configured)")
    .action(async (opts: { account?: string[] }) => {
      const c = ctx();
      const accounts = (opts.account ?? []).map((a) => parseAddress(a, "account"));
      if (accounts.length === 0 && c.hasKey()) accounts.push((await c.wallet()).address);
      const provider = await c.provider();
      const [chainId, block, book] = await Promise.all([c.chainId(), provider.getBlockNumber(), c.addressBook()]);
      const { quiv, registry } = connectFoundation(book, provider);
      const [token, parameterCount, states] = await Promise.all([
        readTokenInfo(quiv),
        registry.keyCount(),
        Promise.all(accounts.map((a) => readAccount(quiv, a))),
      ]);
      const result = {
        network: c.networkName,
        chainId,
        block,
        deployment: { source: book.source, contracts: book.contracts },
        token: { ...token, remainingMintable: remainingMintable(token) },
        parameterCount,
        accounts: states,
      };
      c.print(result, (r) => [
        `network   ${r.network} (chain ${r.chainId}, block ${r.block})`,
        `source    ${r.deployment.source}`,
        ...Object.entries(r.deployment.contracts).map(([id, a]) => `  ${id.padEnd(32)} ${a}`),
        `supply    ${formatAmount(r.token.totalSupply)} ${r.token.symbol}`,
        `minted    ${formatAmount(r.token.totalMinted)} ${r.token.symbol}`,
        `burned    ${formatAmount(r.token.totalBurned)} ${r.token.symbol}`,
        `cap       ${formatAmount(r.token.cap)} ${r.token.symbol} (${formatAmount(r.token.remainingMintable)} mintable)`,
        `params    ${r.parameterCount} defined`,
        ...r.accounts.map(
          (a) => `account   ${a.address} balance ${formatAmount(a.balance)} votes ${formatAmount(a.votes)}`,
        ),
      ]);
    });
}
