import type { Command } from "commander";
import type { Provider } from "ethers";
import { formatAmount, parseAddress } from "../../kit/core";
import { remainingMintable, readMetrics, type MetricsEntity } from "../../quiver";
import { CONTRACT_IDS, toKitError, readAccount, readTokenInfo, type AddressBook } from "../../kit/chain";
import type { CliContext } from "../context";
import { connectFoundation, connectQuiver } from "../../quiver";

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
      const quiver = await readQuiverStatus(book, provider);
      const result = {
        network: c.networkName,
        chainId,
        block,
        deployment: { source: book.source, contracts: book.contracts },
        token: { ...token, remainingMintable: remainingMintable(token) },
        parameterCount,
        accounts: states,
        ...(quiver ? { quiver } : {}),
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
        ...(r.quiver ? quiverLines(r.quiver) : []),
      ]);
    });
}

// ---- sdkgov: the QUIVer preset's one-call metrics, when the address book has the preset ----

/** The QUIVer part of `kit status` (undefined for a Foundation-only deployment). */
interface QuiverStatus extends MetricsEntity {
  readonly emission: { readonly currentEpoch: bigint; readonly nextEpochAt: bigint; readonly previewEmission: bigint };
}

async function readQuiverStatus(book: AddressBook, provider: Provider): Promise<QuiverStatus | undefined> {
  const ids = [CONTRACT_IDS.metrics, CONTRACT_IDS.emission, CONTRACT_IDS.staking, CONTRACT_IDS.governor];
  if (!ids.every((id) => book.contracts[id])) return undefined;
  const q = connectQuiver(book, provider);
  const metrics = await readMetrics(q.metrics);
  try {
    const [currentEpoch, nextEpochAt, previewEmission] = await Promise.all([
      q.emission.currentEpoch(),
      q.emission.nextEpochAt(),
      q.emission.previewEmission(),
    ]);
    return { ...metrics, emission: { currentEpoch, nextEpochAt, previewEmission } };
  } catch (e) {
    throw toKitError(e, "EmissionController");
  }
}

function quiverLines(m: QuiverStatus): string[] {
  return [
    `TVL       ${formatAmount(m.totalValueLocked)} QUIV (staking ratio ${m.stakingRatioBps} bps)`,
    `circul.   ${formatAmount(m.circulatingSupply)} QUIV, burned ${formatAmount(m.burned)} QUIV`,
    `market    ${m.openJobs} open jobs, ${m.activeValidators} active validators, ${m.governanceProposals} proposals`,
    `emission  epoch ${m.emission.currentEpoch}, ${m.emission.previewEmission > 0n ? `${formatAmount(m.emission.previewEmission)} QUIV triggerable now` : `next at ${m.emission.nextEpochAt}`}`,
  ];
}
// ---- end sdkgov ----
