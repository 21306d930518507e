import path from "node:path";
import type { Command } from "commander";
import { InvalidArgumentError } from "../../kit/core";
import { deploymentIdOf } from "../../kit/chain";
import { findPreset, listPresets } from "../../kit/preset";
import type { CliContext } from "../context";
import { LOCAL_CHAIN_IDS } from "../helpers";
import { deployTargetOf } from "../../kit/preset";
import { pathExists } from "../../kit/node/store";

/** `kit deploy [preset]`: deploys a preset through its Ignition module. */
export function registerDeploy(program: Command, ctx: () => CliContext): void {
  program
    .command("deploy")
    .description(
      `deploy a preset (${listPresets()
        .map((p) => p.name)
        .join(", ")}) to the network through Hardhat Ignition`,
    )
    .argument("[preset]", "preset to deploy", listPresets()[0]?.name)
    .option("--parameters <file>", "Ignition parameters file (default: the preset's file for the network, if any)")
    .option(
      "--reset",
      "wipe this economy's previous deployment journal on this chain first (e.g. a restarted local node)",
    )
    .option("--yes", "do not ask before deploying to a non-local chain")
    .action(async (preset: string, opts: { parameters?: string; reset?: boolean; yes?: boolean }) => {
      const c = ctx();
      const descriptor = findPreset(preset);
      const chainId = await c.chainId();
      if (!LOCAL_CHAIN_IDS.has(chainId) && !opts.yes) {
        if (!process.stdin.isTTY || c.options.json) {
          throw new InvalidArgumentError(`deploying to chain ${chainId} (${c.networkName}) needs --yes`);
        }
        const { confirm } = await import("@inquirer/prompts");
        const ok = await confirm(
          { message: `Deploy ${preset} to ${c.networkName} (chain ${chainId})?`, default: false },
          { output: process.stderr },
        );
        if (!ok) throw new InvalidArgumentError("deployment cancelled");
      }
      // Ignition is loaded only for this command, to keep the other commands quick to start.
      const { deployPreset, futureCount, readDeploymentParameters, REPO_ROOT } = await import("../../kit/node/deploy");
      const rpcUrl = c.rpcUrl();
      const own = descriptor.parameters[c.networkName];
      const fallback = own ? path.join(REPO_ROOT, own) : undefined;
      const file = opts.parameters ?? (fallback && pathExists(fallback) ? fallback : undefined);
      const parameters = file ? readDeploymentParameters(file) : {};
      const wallet = c.hasKey() ? await c.wallet() : undefined;
      const progress = c.progressBar(
        `deploying ${preset}`,
        futureCount(await descriptor.loadModule(deployTargetOf(chainId))),
      );
      try {
        const book = await deployPreset({
          rpcUrl,
          preset: descriptor,
          wallet,
          parameters,
          deploymentsDir: c.deploymentsDir(),
          reset: opts.reset,
          onStep: (id, n) => progress.update(n, id),
        });
        progress.done();
        const deploymentDir = path.join(c.deploymentsDir(), deploymentIdOf(preset, book.chainId));
        c.print(
          { preset, chainId: book.chainId, parameters: file ?? null, deploymentDir, contracts: book.contracts },
          (r) => [
            `deployed ${r.preset} on chain ${r.chainId} (journal in ${r.deploymentDir})`,
            ...Object.entries(r.contracts).map(([id, a]) => `  ${id.padEnd(32)} ${a}`),
          ],
        );
      } catch (e) {
        progress.done(false);
        throw e;
      }
    });
}
