/**
 * Governance and treasury gas rows: propose / castVote / queue / execute of the EconomyGovernor (deployed by the
 * Governance Ignition module, QUIV as its one vote source) beside the OpenZeppelin reference Governor
 * (Governor + Settings + CountingSimple + Votes + QuorumFraction + TimelockControl on an OZ ERC20Votes token with
 * the same timestamp clock), same settings, same proposal shape, measured in the same run; and a grant claim
 * beside OZ VestingWallet(Cliff).release on the same token and schedule.
 */
import hre from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import GovernanceModule from "../../deploy/quiver/modules/Governance";
import { gasOf, row, type BenchContext, type BenchRow, TOKEN as E18, DAY } from "./lib";
import type { EconomyGovernor, MockVotesSource, QuivToken, RefGovernor, Treasury } from "../../typechain-types";
import { foundationGenesis } from "../../test/quiver/fixtures/foundation";

export default async function governance(ctx: BenchContext): Promise<BenchRow[]> {
  const { ethers, ignition } = hre;
  const s = await ethers.getSigners();
  const [deployer, treasuryEoa, ecosystem, team] = s;
  const voter = s[10];
  const grantee = s[11];
  const grantee2 = s[12];

  // ------------------------------------------------------------ ours, through the real module
  const out = await ignition.deploy(GovernanceModule, {
    parameters: {
      Foundation: foundationGenesis(treasuryEoa, ecosystem, team),
      Governance: {
        councilOwners: [s[4].address, s[5].address, s[6].address],
        councilThreshold: 2,
        guardianOwners: [s[7].address, s[8].address, s[9].address],
        guardianThreshold: 2,
      },
    },
  });
  const quiv = out.quiv as unknown as QuivToken;
  const governor = out.governor as unknown as EconomyGovernor;
  const ourTimelock = await out.timelock.getAddress();

  // ------------------------------------------------------------ the reference, same settings
  const refToken = (await ethers.deployContract("MockVotesSource", ["REF", true])) as unknown as MockVotesSource;
  const refTimelock = await ethers.deployContract("TimelockController", [DAY, [], [], deployer.address]);
  const refGov = (await ethers.deployContract("RefGovernor", [
    await refToken.getAddress(),
    await refTimelock.getAddress(),
    DAY,
    5 * DAY,
    100_000n * E18,
    4,
  ])) as unknown as RefGovernor;
  await refTimelock.grantRole(ethers.id("PROPOSER_ROLE"), await refGov.getAddress());
  await refTimelock.grantRole(ethers.id("CANCELLER_ROLE"), await refGov.getAddress());
  await refTimelock.grantRole(ethers.id("EXECUTOR_ROLE"), await refGov.getAddress());

  // Same voting power on both sides: 30M delegated, 400M total supply.
  await quiv.connect(ecosystem).transfer(voter.address, 30_000_000n * E18);
  await quiv.connect(voter).delegate(voter.address);
  await refToken.mint(voter.address, 30_000_000n * E18);
  await refToken.mint(ecosystem.address, 370_000_000n * E18);
  await refToken.connect(voter).delegate(voter.address);
  await time.increase(1);

  // Same proposal shape: one call from the timelock, `approve(deployer, 1)` on a target contract (zero -> nonzero).
  const target = await ethers.deployContract("MockVotesSource", ["TARGET", true]);
  const data = target.interface.encodeFunctionData("approve", [deployer.address, 1n]);
  const desc = "Bench proposal: approve the deployer for 1 wei of TARGET";
  const targets = [await target.getAddress()];
  const values = [0n];
  const calldatas = [data];
  const dHash = ethers.id(desc);

  const measure = async (gov: EconomyGovernor | RefGovernor) => {
    const propose = await gasOf(gov.connect(voter).propose(targets, values, calldatas, desc));
    const id = await gov.hashProposal(targets, values, calldatas, dHash);
    await time.increaseTo((await gov.proposalSnapshot(id)) + 1n);
    const vote = await gasOf(gov.connect(voter).castVote(id, 1));
    await time.increaseTo((await gov.proposalDeadline(id)) + 1n);
    const queue = await gasOf(gov.queue(targets, values, calldatas, dHash));
    await time.increaseTo(await gov.proposalEta(id));
    const execute = await gasOf(gov.execute(targets, values, calldatas, dHash));
    return { propose, vote, queue, execute };
  };
  const ref = await measure(refGov);
  const ours = await measure(governor);
  void ourTimelock;

  // ------------------------------------------------------------ grant claim vs VestingWallet.release
  const token = (await ethers.deployContract("MockVotesSource", ["GRANT", true])) as unknown as MockVotesSource;
  const treasury = (await ethers.deployContract("Treasury", [
    deployer.address,
    deployer.address,
    30 * DAY,
    [],
    [],
  ])) as unknown as Treasury;
  const amount = 1_000_000n * E18;
  const start = (await time.latest()) + 10;
  const duration = 365 * DAY;
  const cliff = 90 * DAY;
  await token.mint(await treasury.getAddress(), amount);
  await treasury.createGrant(await token.getAddress(), grantee.address, amount, start, start + cliff, duration);
  const wallet = await ethers.deployContract("RefVestingWallet", [grantee2.address, start, duration, cliff]);
  await token.mint(await wallet.getAddress(), amount);
  await time.increaseTo(start + duration / 2);
  const claim = await gasOf(treasury.connect(grantee).claim(0));
  const release = await gasOf(
    (wallet.connect(grantee2) as typeof wallet).getFunction("release(address)")(await token.getAddress()),
  );

  // ------------------------------------------------------------ council spend (rolling window) and registry set
  await token.mint(await treasury.getAddress(), 10n * amount);
  await treasury.setBudget(await token.getAddress(), amount);
  const councilSpend = await gasOf(treasury.councilSpend(await token.getAddress(), grantee2.address, E18));
  await time.increase(10 * DAY); // a later bucket: the ring advances and clears the buckets in between
  const councilSpendLater = await gasOf(treasury.councilSpend(await token.getAddress(), grantee2.address, E18));
  const registry = await ethers.deployContract("ParameterRegistry", [deployer.address]);
  const key = ethers.id("bench.parameter");
  await registry.defineParameter({ key, value: 1_000n, min: 0n, max: 10_000n, maxDelta: 500n, period: 30 * DAY });
  const registrySet = await gasOf(registry.set(key, 1_100n));

  ctx.note(
    "Governance rows: EconomyGovernor via the Governance module (1 vote source, default type, mid-period vote) vs " +
      "OZ Governor+Settings+CountingSimple+Votes+QuorumFraction+TimelockControl; grant claim mid-stream vs " +
      "VestingWalletCliff.release (first release, same token).",
  );
  return [
    // 1.45x: propose also writes the proposal counter (SEC-09, `proposalCount()`; about 5,000 gas, the slot is
    // shared with the timelock address) and, for on-chain enumeration (`proposalIdAt`), the proposal id
    // into a fresh slot (about 22,100 gas: a zero-to-nonzero write). No enumeration is possible without that slot.
    row("governance: propose", ours.propose, "OZ Governor (reference)", ref.propose, 1.45),
    row("governance: castVote", ours.vote, "OZ Governor (reference)", ref.vote, 1.1),
    row("governance: queue", ours.queue, "OZ Governor (reference)", ref.queue, 1.1),
    row("governance: execute", ours.execute, "OZ Governor (reference)", ref.execute, 1.1),
    row("treasury: grant claim", claim, "OZ VestingWallet release", release, 1.0),
    row("treasury: council spend (first)", councilSpend),
    row("treasury: council spend (10 days later)", councilSpendLater),
    row("registry: set", registrySet),
  ];
}
