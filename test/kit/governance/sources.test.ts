import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  PState,
  PType,
  TOKEN,
  TYPES,
  VOTES,
  Vote,
  deployGovernance,
  deployGovernorDirect,
  descriptionHash,
  passProposal,
  propose,
  single,
} from "../../helpers/fixtures/governance";
import type { MockVotesSource } from "../../../typechain-types";

const TOTAL_SUPPLY = 400_000_000n * TOKEN;
const BPS = 10_000n;

/** Governance + a second vote source (an ERC20Votes on the timestamp clock): alice holds 10M of its 100M. */
async function deployWithSecondSource() {
  const f = await deployGovernance();
  const staked = (await ethers.deployContract("MockVotesSource", ["stVotes", true])) as unknown as MockVotesSource;
  await staked.mint(f.alice.address, 10_000_000n * TOKEN);
  await staked.mint(f.stranger.address, 90_000_000n * TOKEN);
  await staked.connect(f.alice).delegate(f.alice.address);
  await time.increase(1);
  return { ...f, staked };
}

describe("EconomyGovernor weighted vote sources (GovernorWeightedVotes)", () => {
  describe("given the vote token at 0.5x and a second source at 2x, set by an EmergencyAction proposal", () => {
    it("gives the weighted power and quorum, and leaves earlier snapshots on the old weights", async () => {
      const f = await loadFixture(deployWithSecondSource);
      const gov = await f.governor.getAddress();
      const [token, staked] = [await f.token.getAddress(), await f.staked.getAddress()];
      const change = {
        targets: [gov, gov],
        values: [0n, 0n],
        calldatas: [
          f.governor.interface.encodeFunctionData("setVoteSource", [token, 5_000, false]),
          f.governor.interface.encodeFunctionData("setVoteSource", [staked, 20_000, false]),
        ],
        description: "Vote token 0.5x, stVotes 2x",
      };
      await passProposal(f.governor, change, PType.EmergencyAction, [f.team]);
      await f.governor.queue(change.targets, change.values, change.calldatas, descriptionHash(change));
      const eta = await f.governor.proposalEta(
        await f.governor.hashProposal(change.targets, change.values, change.calldatas, descriptionHash(change)),
      );
      // A proposal whose snapshot falls before the change.
      const before = await propose(f.governor, f.alice, single(gov, "0x", "probe before"), PType.EconomicParameter);
      const beforeSnap = await f.governor.proposalSnapshot(before);
      // Execute the change after that snapshot (and after the ETA).
      await time.increaseTo(beforeSnap > eta ? beforeSnap + 1n : eta);
      await expect(f.governor.execute(change.targets, change.values, change.calldatas, descriptionHash(change)))
        .to.emit(f.governor, "VoteSourceSet")
        .withArgs(token, 10_000, 5_000)
        .and.to.emit(f.governor, "VoteSourceSet")
        .withArgs(staked, 0, 20_000);
      expect(await f.governor.voteSources()).to.deep.equal([
        [token, 5_000n, false],
        [staked, 20_000n, false],
      ]);

      const after = await propose(f.governor, f.alice, single(gov, "0x", "probe after"), PType.EconomicParameter);
      const afterSnap = await f.governor.proposalSnapshot(after);
      await time.increaseTo(afterSnap + 1n);

      // Before the change: the vote token only, 1x.
      expect(await f.governor.sourceWeightAt(token, beforeSnap)).to.equal(10_000);
      expect(await f.governor.sourceWeightAt(staked, beforeSnap)).to.equal(0);
      expect(await f.governor.getVotes(f.alice.address, beforeSnap)).to.equal(VOTES.alice);
      await expect(f.governor.connect(f.alice).castVote(before, Vote.For))
        .to.emit(f.governor, "VoteCast")
        .withArgs(f.alice.address, before, Vote.For, VOTES.alice, "");
      expect(await f.governor.proposalQuorum(before)).to.equal((TOTAL_SUPPLY * 400n) / BPS);

      // After: 30M * 0.5 + 10M * 2 = 35M; quorum 4% of (400M * 0.5 + 100M * 2) = 16M.
      const power = (VOTES.alice * 5_000n + 10_000_000n * TOKEN * 20_000n) / BPS;
      expect(power).to.equal(35_000_000n * TOKEN);
      await expect(f.governor.connect(f.alice).castVote(after, Vote.For))
        .to.emit(f.governor, "VoteCast")
        .withArgs(f.alice.address, after, Vote.For, power, "");
      const weightedSupply = (TOTAL_SUPPLY * 5_000n + 100_000_000n * TOKEN * 20_000n) / BPS;
      expect(await f.governor.weightedPastTotalSupply(afterSnap)).to.equal(weightedSupply);
      expect(await f.governor.proposalQuorum(after)).to.equal(
        (weightedSupply * BigInt(TYPES[PType.EconomicParameter].quorumBps)) / BPS,
      );
      // X-GLOB-04: no account has more than the weighted supply.
      expect(power).to.be.lessThanOrEqual(weightedSupply);
      // 35M >= 16M: the weighted vote alone carries the proposal.
      await time.increaseTo((await f.governor.proposalDeadline(after)) + 1n);
      expect(await f.governor.state(after)).to.equal(PState.Succeeded);
    });

    it("disables a source with weight 0 and rejects invalid sources through governance", async () => {
      const f = await loadFixture(deployWithSecondSource);
      const gov = await f.governor.getAddress();
      const blockClock = await ethers.deployContract("MockVotesSource", ["blk", false]);
      const bad = single(
        gov,
        f.governor.interface.encodeFunctionData("setVoteSource", [await blockClock.getAddress(), 10_000, false]),
        "block clock source",
      );
      await passProposal(f.governor, bad, PType.EmergencyAction, [f.team]);
      await f.governor.queue(bad.targets, bad.values, bad.calldatas, descriptionHash(bad));
      await time.increase(DAY);
      await expect(f.governor.execute(bad.targets, bad.values, bad.calldatas, descriptionHash(bad)))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorInvalidSource")
        .withArgs(await blockClock.getAddress());

      const off = single(
        gov,
        f.governor.interface.encodeFunctionData("setVoteSource", [await f.token.getAddress(), 0, false]),
        "Vote token off",
      );
      await passProposal(f.governor, off, PType.EmergencyAction, [f.team]);
      await f.governor.queue(off.targets, off.values, off.calldatas, descriptionHash(off));
      await time.increase(DAY);
      await f.governor.execute(off.targets, off.values, off.calldatas, descriptionHash(off));
      await time.increase(1);
      expect(await f.governor.getVotes(f.team.address, (await time.latest()) - 1)).to.equal(0);
      expect(await f.governor.weightedPastTotalSupply((await time.latest()) - 1)).to.equal(0);
    });
  });

  describe("when deploying with invalid settings", () => {
    async function base() {
      const f = await loadFixture(deployGovernance);
      return {
        f,
        params: {
          name: "G",
          votingDelay: DAY,
          votingPeriod: 5 * DAY,
          proposalThreshold: 1n,
          lateQuorumExtension: DAY,
          timelock: await f.timelock.getAddress(),
          guardian: await f.guardian.getAddress(),
          pauseDuration: DAY,
          quadratic: false,
          sources: [{ token: await f.token.getAddress(), weightBps: 10_000, wrapsFirst: false }],
          types: TYPES,
        },
      };
    }
    const deploy = (params: object) => deployGovernorDirect(params);

    it("rejects no, zero, block-clock, overweight and too many sources", async () => {
      const { f, params } = await base();
      await expect(deploy({ ...params, sources: [] }))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorInvalidSource")
        .withArgs(ethers.ZeroAddress);
      await expect(deploy({ ...params, sources: [{ token: ethers.ZeroAddress, weightBps: 1, wrapsFirst: false }] }))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorInvalidSource")
        .withArgs(ethers.ZeroAddress);
      const token = await f.token.getAddress();
      await expect(deploy({ ...params, sources: [{ token: token, weightBps: 1_000_001, wrapsFirst: false }] }))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorInvalidWeight")
        .withArgs(token, 1_000_001, 1_000_000);
      const many = [];
      for (let i = 0; i < 9; i++) {
        const t = await ethers.deployContract("MockVotesSource", [`s${i}`, true]);
        many.push({ token: await t.getAddress(), weightBps: 10_000, wrapsFirst: false });
      }
      await expect(deploy({ ...params, sources: many }))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorTooManySources")
        .withArgs(8, 8);
      const eight = await deploy({ ...params, sources: many.slice(0, 8) });
      expect((await eight.getFunction("voteSources")()).length).to.equal(8);
    });

    it("rejects a zero voting delay, a zero threshold, bad pause durations and out-of-bound types", async () => {
      const { f, params } = await base();
      await expect(deploy({ ...params, votingDelay: 0 }))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorInvalidVotingDelay")
        .withArgs(0);
      await expect(deploy({ ...params, proposalThreshold: 0 }))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorInvalidProposalThreshold")
        .withArgs(0);
      for (const d of [0, 7 * DAY + 1]) {
        await expect(deploy({ ...params, pauseDuration: d }))
          .to.be.revertedWithCustomError(f.governor, "EconomyGovernorInvalidPauseDuration")
          .withArgs(d, 7 * DAY);
      }
      const cases = [
        { quorumBps: 99, approvalBps: 5000, minDelay: DAY },
        { quorumBps: 10_001, approvalBps: 5000, minDelay: DAY },
        { quorumBps: 100, approvalBps: 4999, minDelay: DAY },
        { quorumBps: 100, approvalBps: 10_000, minDelay: DAY },
        { quorumBps: 100, approvalBps: 5000, minDelay: 30 * DAY + 1 },
      ];
      for (const c of cases) {
        await expect(deploy({ ...params, types: [TYPES[0], TYPES[1], c, TYPES[3]] }))
          .to.be.revertedWithCustomError(f.governor, "EconomyGovernorInvalidTypeConfig")
          .withArgs(PType.TreasurySpending, c.quorumBps, c.approvalBps, c.minDelay);
      }
      const edge = await deploy({
        ...params,
        types: [TYPES[0], TYPES[1], { quorumBps: 10_000, approvalBps: 9_999, minDelay: 30 * DAY }, TYPES[3]],
      });
      expect(await edge.getFunction("typeConfig")(PType.TreasurySpending)).to.deep.equal([
        10_000n,
        9_999n,
        BigInt(30 * DAY),
      ]);
    });
  });
});
