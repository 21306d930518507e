/**
 * `npm run demo`: deploys the foundation through its Ignition module on the in-process Hardhat chain and
 * prints what happened, step by step, with amounts.
 */
import { ethers, ignition } from "hardhat";
import FoundationModule from "../deploy/modules/Foundation";
import { QUIVER_PARAMETERS, parameterKey } from "../sdk/core/parameters";
import type { FeeSplitHarness, ParameterRegistry, QuivToken } from "../typechain-types";

const fmt = (wei: bigint) => `${ethers.formatUnits(wei, 18)} QUIV`;
let n = 0;
const step = (title: string) => console.log(`\n${++n}. ${title}`);

async function main() {
  const [, treasury, ecosystem, team, alice] = await ethers.getSigners();
  const Q = 10n ** 18n;

  step("Deploy the Foundation module (QuivToken + ParameterRegistry) through Ignition");
  const genesis = [150_000_000n * Q, 150_000_000n * Q, 100_000_000n * Q];
  const d = await ignition.deploy(FoundationModule, {
    parameters: {
      Foundation: { genesisRecipients: [treasury.address, ecosystem.address, team.address], genesisAmounts: genesis },
    },
  });
  const quiv = d.quiv as unknown as QuivToken;
  const registry = d.registry as unknown as ParameterRegistry;
  console.log(`   QuivToken          ${await quiv.getAddress()}`);
  console.log(`   ParameterRegistry  ${await registry.getAddress()}`);

  step("Genesis allocation");
  for (const [name, s] of [
    ["treasury", treasury],
    ["ecosystem", ecosystem],
    ["team", team],
  ] as const) {
    console.log(`   ${name.padEnd(10)} ${fmt(await quiv.balanceOf(s.address))}`);
  }
  console.log(`   minted ${fmt(await quiv.totalMinted())} of the ${fmt(await quiv.cap())} cap`);

  step("Treasury pays alice 1,000 QUIV; alice self-delegates and gets votes");
  await (await quiv.connect(treasury).transfer(alice.address, 1_000n * Q)).wait();
  await (await quiv.connect(alice).delegate(alice.address)).wait();
  console.log(
    `   alice balance ${fmt(await quiv.balanceOf(alice.address))}, votes ${fmt(await quiv.getVotes(alice.address))}`,
  );

  step("Alice burns 100 QUIV: supply falls, the cap does not reopen");
  await (await quiv.connect(alice).burn(100n * Q)).wait();
  console.log(`   totalSupply ${fmt(await quiv.totalSupply())}`);
  console.log(
    `   totalMinted ${fmt(await quiv.totalMinted())} (unchanged), totalBurned ${fmt(await quiv.totalBurned())}`,
  );

  step("The registry holds the QUIVer defaults");
  for (const s of QUIVER_PARAMETERS.slice(0, 7)) {
    const v = await registry.get(parameterKey(s.name));
    const shown = s.unit === "wei" ? fmt(v) : s.unit === "seconds" ? `${Number(v) / 86_400} days` : `${v} bps`;
    console.log(`   ${s.name.padEnd(34)} ${shown}`);
  }

  step("Split a 1,000,003-wei fee 70/20/5/5 with FeeSplit: the last leg takes the dust");
  const harness = (await (await ethers.getContractFactory("FeeSplitHarness")).deploy()) as unknown as FeeSplitHarness;
  const legs = await harness.split(1_000_003n, [7_000n, 2_000n, 500n, 500n]);
  console.log(`   legs ${legs.join(" + ")} = ${legs.reduce((a, b) => a + b, 0n)} wei`);

  console.log("\nDone: every step above ran on the in-process Hardhat chain.");
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
