/**
 * BPCI governance gas rows: castVote and propose on the BPCI preset's governor (deployed by deploy/modules/Bpci.ts,
 * four tier vote sources GEN 10x, AUR 5x, NEX 3x, wFLX 1x, the voter holding three of them) beside the OpenZeppelin
 * reference Governor (one ERC20Votes source), same proposal shape, measured in this run. What the weighted
 * electorate costs: one getPastVotes per source at the snapshot (each a checkpoint lookup).
 */
import path from "node:path";
import hre from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import BpciModule from "../../deploy/modules/Bpci";
import { readDeploymentParameters } from "../../sdk/kit/node/deploy";
import { gasOf, row, type BenchContext, type BenchRow, TOKEN as E18, DAY } from "./lib";
import type {
  AurToken,
  EconomyGovernor,
  FlxToken,
  GenToken,
  MockVotesSource,
  RefGovernor,
  StaticVotesWrapper,
} from "../../typechain-types";

export default async function bpciGovernance(ctx: BenchContext): Promise<BenchRow[]> {
  const { ethers, ignition } = hre;
  const s = await ethers.getSigners();
  const [deployer, issuer, alice] = s;
  const parameters = readDeploymentParameters(path.join(__dirname, "../../deploy/parameters/bpci.localhost.json"));
  const d = await ignition.deploy(BpciModule, { parameters });
  const governor = d.governor as unknown as EconomyGovernor;
  const gen = d.gen as unknown as GenToken;
  const aur = d.aur as unknown as AurToken;
  const flx = d.flx as unknown as FlxToken;
  const wflx = d.wflx as unknown as StaticVotesWrapper;
  // alice: 10,000 GEN, 1,000 AUR, 1,000,000 FLX wrapped, each self-delegated (three of the four sources).
  await flx.connect(alice).approve(await wflx.getAddress(), 1_000_000n * E18);
  await wflx.connect(alice).deposit(1_000_000n * E18, alice.address);
  await aur.connect(issuer).mint(alice.address, 1_000n * E18);
  for (const t of [gen, aur, wflx]) await t.connect(alice).delegate(alice.address);

  const refToken = (await ethers.deployContract("MockVotesSource", ["REF", true])) as unknown as MockVotesSource;
  const refTimelock = await ethers.deployContract("TimelockController", [DAY, [], [], deployer.address]);
  const refGov = (await ethers.deployContract("RefGovernor", [
    await refToken.getAddress(),
    await refTimelock.getAddress(),
    DAY,
    5 * DAY,
    10_000n * E18,
    4,
  ])) as unknown as RefGovernor;
  await refToken.mint(alice.address, 1_105_000n * E18);
  await refToken.connect(alice).delegate(alice.address);
  await time.increase(1);

  const target = await ethers.deployContract("MockVotesSource", ["TARGET", true]);
  const data = target.interface.encodeFunctionData("approve", [deployer.address, 1n]);
  const desc = "Bench proposal: approve the deployer for 1 wei of TARGET";
  const [targets, values, calldatas, dHash] = [[await target.getAddress()], [0n], [data], ethers.id(desc)];
  const measure = async (gov: EconomyGovernor | RefGovernor) => {
    const propose = await gasOf(gov.connect(alice).propose(targets, values, calldatas, desc));
    const id = await gov.hashProposal(targets, values, calldatas, dHash);
    await time.increaseTo((await gov.proposalSnapshot(id)) + 1n);
    const vote = await gasOf(gov.connect(alice).castVote(id, 1));
    return { propose, vote };
  };
  const ref = await measure(refGov);
  const ours = await measure(governor);
  ctx.note(
    "BPCI governance rows: the preset's EconomyGovernor (4 tier sources, the voter in 3) vs OZ Governor on one " +
      "ERC20Votes token with the same weighted power (1,105,000 votes), same proposal.",
  );
  return [
    row("BPCI governance: propose (4 tier sources)", ours.propose, "OZ Governor (reference)", ref.propose),
    row("BPCI governance: castVote (4 tier sources)", ours.vote, "OZ Governor (reference)", ref.vote),
  ];
}
