/**
 * `npm run demo`: the kit's story on the in-process Hardhat chain, one numbered step at a time, with amounts.
 * For every preset of sdk/presets.ts that has demo steps, it deploys the preset through the same Ignition module as
 * production (`loadModule`, with the preset's localhost parameters file) and runs the preset's `demoSteps` on it,
 * numbered on across presets. The steps themselves live with each preset (QUIVer: sdk/quiver/demo/) and use only the
 * SDK's public functions; this script only provides their context (sdk/kit/demo.ts): the address book, the chain's
 * accounts, its clock, a contract deployer and a logger.
 */
import path from "node:path";
import { ethers, ignition } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { addressBookFromHandles } from "../sdk/kit/chain";
import { readDeploymentParameters, REPO_ROOT } from "../sdk/kit/node/deploy";
import type { DemoContext } from "../sdk/kit/demo";
import { listPresets } from "../sdk/presets";

async function main(): Promise<void> {
  const accounts = await ethers.getSigners();
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const presets = listPresets().filter((p) => (p.demoSteps ?? []).length > 0);
  let n = 0;
  for (const preset of presets) {
    const file = preset.parameters.localhost;
    const parameters = file ? readDeploymentParameters(path.join(REPO_ROOT, file)) : {};
    const deployed = await ignition.deploy(await preset.loadModule("local"), { parameters });
    const handles = deployed as Record<string, { getAddress(): Promise<string> }>;
    const book = await addressBookFromHandles(chainId, handles, preset.ids);
    console.log(`${preset.name} preset (${preset.description}) deployed through Ignition on chain ${chainId}:`);
    for (const [id, address] of Object.entries(book.contracts)) console.log(`  ${id.padEnd(32)} ${address}`);
    const ctx: DemoContext = {
      book,
      provider: ethers.provider,
      accounts,
      clock: { latest: async () => BigInt(await time.latest()), increaseTo: (t) => time.increaseTo(t) },
      deployContract: (name, args = []) => ethers.deployContract(name, [...args]),
      log: (line) => console.log(`   ${line}`),
    };
    for (const step of preset.demoSteps ?? []) {
      console.log(`\n${++n}. ${step.title}`);
      await step.run(ctx);
    }
    console.log("");
  }
  console.log("Done. Next: `npm run devnet` for a persistent local chain and `npm run cli -- --help`.");
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
