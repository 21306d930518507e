import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  PState,
  PType,
  SETTINGS,
  Vote,
  deployGovernance,
  descriptionHash,
  impersonate,
  passProposal,
  propose,
  safeExec,
  single,
  type GovFixture,
} from "../../helpers/fixtures/governance";

const PAUSE = BigInt(SETTINGS.pauseDuration);

/** Moves time to `t` unless it is already later. */
async function atLeast(t: bigint) {
  if (BigInt(await time.latest()) < t) await time.increaseTo(t);
}

async function guardianPause(f: GovFixture) {
  const data = f.governor.interface.encodeFunctionData("pause");
  return safeExec(f.guardian, f.guardianOwners.slice(0, 2), await f.governor.getAddress(), data);
}

describe("EconomyGovernor guardian pause (GovernorGuardianPause)", () => {
  describe("when the guardian Safe pauses", () => {
    it("blocks propose and queue until the pause ends by itself, while voting, execution and cancel go on", async () => {
      const f = await loadFixture(deployGovernance);
      const gov = await f.governor.getAddress();
      const queued = single(gov, f.governor.interface.encodeFunctionData("setPauseDuration", [DAY]), "queued");
      const queuedId = await passProposal(f.governor, queued, PType.EconomicParameter, [f.team]);
      await f.governor.queue(queued.targets, queued.values, queued.calldatas, descriptionHash(queued));
      const succeeded = single(gov, "0x", "succeeded");
      const voting = single(gov, "0x", "voting");
      await passProposal(f.governor, succeeded, PType.EconomicParameter, [f.team]);
      const votingId = await propose(f.governor, f.alice, voting, PType.EconomicParameter);
      await time.increaseTo((await f.governor.proposalSnapshot(votingId)) + 1n);

      const tx = guardianPause(f);
      const until = BigInt(await time.latest()) + 1n + PAUSE;
      await expect(tx)
        .to.emit(f.governor, "GovernorPaused")
        .withArgs(await f.guardian.getAddress(), until);
      expect(await f.governor.pausedUntil()).to.equal(until);
      expect(await f.governor.pauseAvailableAt()).to.equal(until + PAUSE);

      const p = single(gov, "0x", "new");
      await expect(f.governor.connect(f.alice).propose(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorPaused")
        .withArgs(f.alice.address, until);
      await expect(
        f.governor
          .connect(f.alice)
          .proposeWithType(p.targets, p.values, p.calldatas, p.description, PType.EmergencyAction),
      )
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorPaused")
        .withArgs(f.alice.address, until);
      await expect(
        f.governor.queue(succeeded.targets, succeeded.values, succeeded.calldatas, descriptionHash(succeeded)),
      )
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorPaused")
        .withArgs(f.deployer.address, until);
      await f.governor.connect(f.team).castVote(votingId, Vote.For);
      await atLeast(await f.governor.proposalEta(queuedId));
      await f.governor.execute(queued.targets, queued.values, queued.calldatas, descriptionHash(queued));
      expect(await f.governor.state(queuedId)).to.equal(PState.Executed);

      await time.increaseTo(until);
      await expect(
        f.governor.queue(succeeded.targets, succeeded.values, succeeded.calldatas, descriptionHash(succeeded)),
      ).to.not.be.reverted;
      await expect(f.governor.connect(f.alice).propose(p.targets, p.values, p.calldatas, p.description)).to.emit(
        f.governor,
        "ProposalCreated",
      );
    });

    it("cannot pause again before the cooldown, and only the guardian can pause", async () => {
      const f = await loadFixture(deployGovernance);
      const guardian = await f.guardian.getAddress();
      await expect(f.governor.connect(f.stranger).pause())
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorNotGuardian")
        .withArgs(f.stranger.address, guardian);
      const g = await impersonate(guardian);
      await f.governor.connect(g).pause();
      const availableAt = await f.governor.pauseAvailableAt();
      await time.setNextBlockTimestamp(availableAt - 1n);
      await expect(f.governor.connect(g).pause())
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorPauseCooldown")
        .withArgs(guardian, availableAt);
      await expect(f.governor.connect(g).pause()).to.emit(f.governor, "GovernorPaused");
    });

    it("can be lifted early by the guardian (cooldown counted from then) but not by anyone else", async () => {
      const f = await loadFixture(deployGovernance);
      const g = await impersonate(await f.guardian.getAddress());
      await f.governor.connect(g).pause();
      await expect(f.governor.connect(f.stranger).unpause())
        .to.be.revertedWithCustomError(f.governor, "GovernorOnlyExecutor")
        .withArgs(f.stranger.address);
      await time.increase(DAY);
      await expect(f.governor.connect(g).unpause()).to.emit(f.governor, "GovernorUnpaused").withArgs(g.address);
      const now = BigInt(await time.latest());
      expect(await f.governor.pausedUntil()).to.equal(now);
      expect(await f.governor.pauseAvailableAt()).to.equal(now + PAUSE);
      await propose(f.governor, f.alice, single(await f.governor.getAddress(), "0x", "after unpause"));
      await expect(f.governor.connect(g).unpause()).not.to.emit(f.governor, "GovernorUnpaused");
      expect(await f.governor.pauseAvailableAt()).to.equal(now + PAUSE);
    });
  });

  describe("when governance must act while paused (no deadlock)", () => {
    it("executes an unpause queued before the pause", async () => {
      const f = await loadFixture(deployGovernance);
      const gov = await f.governor.getAddress();
      const p = single(gov, f.governor.interface.encodeFunctionData("unpause"), "unpause");
      const id = await passProposal(f.governor, p, PType.EmergencyAction, [f.team]);
      await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
      await guardianPause(f);
      await time.increaseTo(await f.governor.proposalEta(id));
      await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
        .to.emit(f.governor, "GovernorUnpaused")
        .withArgs(await f.timelock.getAddress());
      await propose(f.governor, f.alice, single(gov, "0x", "free again"));
    });

    it("replaces a guardian that pauses at every opportunity", async () => {
      const f = await loadFixture(deployGovernance);
      const gov = await f.governor.getAddress();
      const g = await impersonate(await f.guardian.getAddress());
      await f.governor.connect(g).pause();
      await time.increaseTo(await f.governor.pausedUntil());
      const p = single(
        gov,
        f.governor.interface.encodeFunctionData("setProposalGuardian", [f.stranger.address]),
        "replace the guardian",
      );
      const id = await propose(f.governor, f.alice, p, PType.EmergencyAction);
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      await f.governor.connect(f.team).castVote(id, Vote.For);
      await atLeast(await f.governor.pauseAvailableAt());
      await f.governor.connect(g).pause(); // paused again while voting runs
      await atLeast((await f.governor.proposalDeadline(id)) + 1n);
      await atLeast(await f.governor.pausedUntil());
      await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
      await atLeast(await f.governor.pauseAvailableAt());
      await f.governor.connect(g).pause(); // cannot stop execution
      expect(await f.governor.pausedUntil()).to.be.greaterThan(await time.latest());
      await atLeast(await f.governor.proposalEta(id));
      await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
        .to.emit(f.governor, "ProposalGuardianSet")
        .withArgs(g.address, f.stranger.address);
      await expect(f.governor.connect(g).unpause())
        .to.be.revertedWithCustomError(f.governor, "GovernorOnlyExecutor")
        .withArgs(g.address);
    });

    it("changes the pause duration only through governance, within bounds", async () => {
      const f = await loadFixture(deployGovernance);
      const gov = await f.governor.getAddress();
      const p = single(gov, f.governor.interface.encodeFunctionData("setPauseDuration", [DAY]), "1 day pauses");
      const id = await passProposal(f.governor, p, PType.EmergencyAction, [f.team]);
      await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
      await time.increaseTo(await f.governor.proposalEta(id));
      await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
        .to.emit(f.governor, "PauseDurationSet")
        .withArgs(PAUSE, DAY);
      expect(await f.governor.pauseDuration()).to.equal(DAY);
      void ethers;
    });
  });
});
