import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { parameterKey } from "../../../sdk/kit/core/parameters";
import {
  DAY,
  PState,
  PType,
  TOKEN,
  SETTINGS,
  TYPES,
  VOTES,
  Vote,
  deployGovernance,
  descriptionHash,
  governanceExecute,
  impersonate,
  passProposal,
  propose,
  safeExec,
  single,
  stateBitmap,
  timelockBitmap,
  type GovFixture,
  type Proposal,
} from "../../helpers/fixtures/governance";

/** The toy catalogue's `toy.core.minimum` (1,000 tokens in [1, 100,000], at most 500 per 30 days). */
const MINIMUM = parameterKey("toy.core.minimum");
const TOTAL_SUPPLY = 400_000_000n * TOKEN;
const quorumOf = (t: PType) => (TOTAL_SUPPLY * BigInt(TYPES[t].quorumBps) + 9_999n) / 10_000n;
const delayOf = (t: PType) => BigInt(Math.max(TYPES[t].minDelay, SETTINGS.timelockMinDelay));

async function setMinimum(f: GovFixture, value: bigint, tag = ""): Promise<Proposal> {
  const data = f.registry.interface.encodeFunctionData("set", [MINIMUM, value]);
  return single(await f.registry.getAddress(), data, `Set toy.core.minimum to ${value}${tag}`);
}

describe("EconomyGovernor (with GovernorTypedTimelockControl)", () => {
  describe("given the deployed governor", () => {
    it("exposes the IGovernor settings of the module", async () => {
      const f = await loadFixture(deployGovernance);
      expect(await f.governor.name()).to.equal("Kit Governor");
      expect(await f.governor.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await f.governor.COUNTING_MODE()).to.equal("support=bravo&quorum=for,abstain");
      expect(await f.governor.votingDelay()).to.equal(SETTINGS.votingDelay);
      expect(await f.governor.votingPeriod()).to.equal(SETTINGS.votingPeriod);
      expect(await f.governor.proposalThreshold()).to.equal(SETTINGS.proposalThreshold);
      expect(await f.governor.lateQuorumVoteExtension()).to.equal(SETTINGS.lateQuorumExtension);
      expect(await f.governor.proposalGuardian()).to.equal(await f.guardian.getAddress());
      expect(await f.governor.quadratic()).to.equal(false);
      for (const t of [0, 1, 2, 3]) {
        const c = await f.governor.typeConfig(t);
        expect([c.quorumBps, c.approvalBps, c.minDelay]).to.deep.equal([
          BigInt(TYPES[t].quorumBps),
          BigInt(TYPES[t].approvalBps),
          BigInt(TYPES[t].minDelay),
        ]);
      }
      const now = await time.latest();
      expect(await f.governor.quorum(now - 1)).to.equal(quorumOf(PType.TechnicalUpgrade));
      expect(await f.governor.getVotes(f.team.address, now - 1)).to.equal(VOTES.team);
    });
  });

  for (const type of [PType.TechnicalUpgrade, PType.EconomicParameter, PType.TreasurySpending, PType.EmergencyAction]) {
    describe(`when a ${PType[type]} proposal runs its lifecycle`, () => {
      it("goes Pending, Active, Succeeded, Queued with the type's delay, and Executed exactly at the ETA", async () => {
        const f = await loadFixture(deployGovernance);
        const p = await setMinimum(f, 1_400n * TOKEN);
        const tx = f.governor.connect(f.alice).proposeWithType(p.targets, p.values, p.calldatas, p.description, type);
        const id = await f.governor.hashProposal(p.targets, p.values, p.calldatas, descriptionHash(p));
        await expect(tx).to.emit(f.governor, "ProposalTyped").withArgs(id, type);
        await expect(tx).to.emit(f.governor, "ProposalCreated");
        expect(await f.governor.proposalType(id)).to.equal(type);
        expect(await f.governor.state(id)).to.equal(PState.Pending);

        await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
        expect(await f.governor.state(id)).to.equal(PState.Active);
        expect(await f.governor.proposalQuorum(id)).to.equal(quorumOf(type));
        await expect(f.governor.connect(f.team).castVote(id, Vote.For))
          .to.emit(f.governor, "VoteCast")
          .withArgs(f.team.address, id, Vote.For, VOTES.team, "");
        await f.governor.connect(f.alice).castVote(id, Vote.Against);
        await f.governor.connect(f.carol).castVoteWithReason(id, Vote.Abstain, "no opinion");
        expect(await f.governor.proposalVotes(id)).to.deep.equal([VOTES.alice, VOTES.team, VOTES.carol]);
        expect(await f.governor.quorumVotes(id)).to.equal(VOTES.team + VOTES.carol);

        await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
        expect(await f.governor.state(id)).to.equal(PState.Succeeded);

        await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
        const eta = BigInt(await time.latest()) + delayOf(type);
        expect(await f.governor.proposalEta(id)).to.equal(eta);
        expect(await f.governor.state(id)).to.equal(PState.Queued);

        await time.setNextBlockTimestamp(eta - 1n);
        await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
          .to.be.revertedWithCustomError(f.timelock, "TimelockUnexpectedOperationState")
          .withArgs(
            await f.timelock.hashOperationBatch(p.targets, p.values, p.calldatas, ethers.ZeroHash, saltOf(f, p)),
            timelockBitmap(2),
          );
        await time.setNextBlockTimestamp(eta);
        await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
          .to.emit(f.registry, "ParameterChanged")
          .withArgs(MINIMUM, 1_000n * TOKEN, 1_400n * TOKEN);
        expect(await f.governor.state(id)).to.equal(PState.Executed);
        expect(await f.registry.get(MINIMUM)).to.equal(1_400n * TOKEN);
        await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
          .to.be.revertedWithCustomError(f.governor, "GovernorUnexpectedProposalState")
          .withArgs(id, PState.Executed, stateBitmap(PState.Succeeded, PState.Queued));
      });

      it("is Defeated when quorum is not reached, and cannot be queued", async () => {
        const f = await loadFixture(deployGovernance);
        const p = await setMinimum(f, 1_400n * TOKEN);
        const id = await propose(f.governor, f.alice, p, type);
        await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
        await f.governor.connect(f.carol).castVote(id, Vote.For); // 5M < every quorum
        await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
        expect(await f.governor.state(id)).to.equal(PState.Defeated);
        await expect(f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p)))
          .to.be.revertedWithCustomError(f.governor, "GovernorUnexpectedProposalState")
          .withArgs(id, PState.Defeated, stateBitmap(PState.Succeeded));
      });

      it("is Defeated when against outweighs for", async () => {
        const f = await loadFixture(deployGovernance);
        const p = await setMinimum(f, 1_400n * TOKEN);
        const id = await propose(f.governor, f.alice, p, type);
        await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
        await f.governor.connect(f.team).castVote(id, Vote.Against);
        await f.governor.connect(f.alice).castVote(id, Vote.For);
        await f.governor.connect(f.bob).castVote(id, Vote.For);
        await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
        expect(await f.governor.state(id)).to.equal(PState.Defeated);
      });

      it("expires GRACE_PERIOD after its ETA when nobody executes it", async () => {
        const f = await loadFixture(deployGovernance);
        const p = await setMinimum(f, 1_400n * TOKEN);
        const id = await passProposal(f.governor, p, type, [f.team, f.carol]);
        await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
        await time.increaseTo((await f.governor.proposalEta(id)) + 14n * BigInt(DAY) + 1n);
        expect(await f.governor.state(id)).to.equal(PState.Expired);
      });

      it("can be cancelled by the guardian Safe while Pending, Active, Succeeded and Queued", async () => {
        for (const stage of [PState.Pending, PState.Active, PState.Succeeded, PState.Queued]) {
          const f = await loadFixture(deployGovernance);
          const p = await setMinimum(f, 1_400n * TOKEN);
          const id = await propose(f.governor, f.alice, p, type);
          if (stage !== PState.Pending) {
            await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
            await f.governor.connect(f.team).castVote(id, Vote.For);
          }
          if (stage === PState.Succeeded || stage === PState.Queued) {
            await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
          }
          if (stage === PState.Queued) await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
          expect(await f.governor.state(id)).to.equal(stage);
          const data = f.governor.interface.encodeFunctionData("cancel", [
            p.targets,
            p.values,
            p.calldatas,
            descriptionHash(p),
          ]);
          await expect(safeExec(f.guardian, f.guardianOwners.slice(0, 2), await f.governor.getAddress(), data))
            .to.emit(f.governor, "ProposalCanceled")
            .withArgs(id);
          expect(await f.governor.state(id)).to.equal(PState.Canceled);
          if (stage === PState.Queued) {
            const opId = await f.timelock.hashOperationBatch(
              p.targets,
              p.values,
              p.calldatas,
              ethers.ZeroHash,
              saltOf(f, p),
            );
            expect(await f.timelock.isOperation(opId)).to.equal(false);
          }
        }
      });
    });
  }

  describe("when the approval threshold differs per type", () => {
    it("needs strictly more than the type's share of for-votes among for + against", async () => {
      // alice 30M for, bob 20M against: 60% for.
      const outcome: Record<number, PState> = {};
      for (const type of [PType.TechnicalUpgrade, PType.EconomicParameter, PType.TreasurySpending]) {
        const f = await loadFixture(deployGovernance);
        const id = await propose(f.governor, f.alice, await setMinimum(f, 1_100n * TOKEN), type);
        await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
        await f.governor.connect(f.alice).castVote(id, Vote.For);
        await f.governor.connect(f.bob).castVote(id, Vote.Against);
        await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
        outcome[type] = Number(await f.governor.state(id));
      }
      expect(outcome).to.deep.equal({ 0: PState.Defeated, 1: PState.Succeeded, 2: PState.Succeeded });
    });

    it("makes EmergencyAction need two thirds", async () => {
      const f = await loadFixture(deployGovernance);
      const a = await propose(f.governor, f.alice, await setMinimum(f, 1_100n * TOKEN, " a"), PType.EmergencyAction);
      const b = await propose(f.governor, f.alice, await setMinimum(f, 1_100n * TOKEN, " b"), PType.EmergencyAction);
      await time.increaseTo((await f.governor.proposalSnapshot(b)) + 1n);
      // a: 100M for vs 50M against = 66.66% (defeated); b: 105M vs 50M = 67.7% (succeeds).
      for (const id of [a, b]) {
        await f.governor.connect(f.team).castVote(id, Vote.For);
        await f.governor.connect(f.alice).castVote(id, Vote.Against);
        await f.governor.connect(f.bob).castVote(id, Vote.Against);
      }
      await f.governor.connect(f.carol).castVote(b, Vote.For);
      await time.increaseTo((await f.governor.proposalDeadline(b)) + 1n);
      expect(await f.governor.state(a)).to.equal(PState.Defeated);
      expect(await f.governor.state(b)).to.equal(PState.Succeeded);
    });
  });

  describe("when proposing", () => {
    it("gives plain propose OZ's rules (quorum(snapshot), approval 5000) and TechnicalUpgrade's delay, no ProposalTyped", async () => {
      const f = await loadFixture(deployGovernance);
      const p = await setMinimum(f, 1_100n * TOKEN);
      const id = await f.governor.hashProposal(p.targets, p.values, p.calldatas, descriptionHash(p));
      await expect(f.governor.connect(f.alice).propose(p.targets, p.values, p.calldatas, p.description)).not.to.emit(
        f.governor,
        "ProposalTyped",
      );
      expect(await f.governor.proposalType(id)).to.equal(PType.TechnicalUpgrade);
      expect(await f.governor.proposalApprovalBps(id)).to.equal(5_000n);
      const snapshot = await f.governor.proposalSnapshot(id);
      await time.increaseTo(snapshot + 1n);
      expect(await f.governor.proposalQuorum(id)).to.equal(await f.governor.quorum(snapshot));
      expect(await f.governor.proposalQuorum(id)).to.equal(quorumOf(PType.TechnicalUpgrade));
    });

    it("enforces the #proposer= suffix on propose and proposeWithType (front-running protection)", async () => {
      const f = await loadFixture(deployGovernance);
      const p = await setMinimum(f, 1_100n * TOKEN, ` #proposer=${f.alice.address}`);
      await expect(f.governor.connect(f.bob).propose(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(f.governor, "GovernorRestrictedProposer")
        .withArgs(f.bob.address);
      await expect(
        f.governor
          .connect(f.bob)
          .proposeWithType(p.targets, p.values, p.calldatas, p.description, PType.EmergencyAction),
      )
        .to.be.revertedWithCustomError(f.governor, "GovernorRestrictedProposer")
        .withArgs(f.bob.address);
      await expect(
        f.governor
          .connect(f.alice)
          .proposeWithType(p.targets, p.values, p.calldatas, p.description, PType.EmergencyAction),
      ).to.emit(f.governor, "ProposalCreated");
    });

    it("lets anyone re-submit a proposal without suffix only once (duplicates revert)", async () => {
      const f = await loadFixture(deployGovernance);
      const p = await setMinimum(f, 1_100n * TOKEN);
      const id = await propose(f.governor, f.alice, p);
      await expect(f.governor.connect(f.bob).propose(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(f.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, PState.Pending, ethers.ZeroHash);
    });

    it("rejects proposers below the threshold and empty or mismatched arrays", async () => {
      const f = await loadFixture(deployGovernance);
      const p = await setMinimum(f, 1_100n * TOKEN);
      await expect(f.governor.connect(f.stranger).propose(p.targets, p.values, p.calldatas, p.description))
        .to.be.revertedWithCustomError(f.governor, "GovernorInsufficientProposerVotes")
        .withArgs(f.stranger.address, 0, SETTINGS.proposalThreshold);
      await expect(f.governor.connect(f.alice).propose([], [], [], "empty"))
        .to.be.revertedWithCustomError(f.governor, "GovernorInvalidProposalLength")
        .withArgs(0, 0, 0);
      await expect(f.governor.connect(f.alice).propose(p.targets, [0n, 0n], p.calldatas, "mismatch"))
        .to.be.revertedWithCustomError(f.governor, "GovernorInvalidProposalLength")
        .withArgs(1, 1, 2);
    });
  });

  describe("when voting", () => {
    it("counts votes at the snapshot only (freshly bought or delegated votes weigh 0)", async () => {
      const f = await loadFixture(deployGovernance);
      const id = await propose(f.governor, f.alice, await setMinimum(f, 1_100n * TOKEN));
      // After the snapshot, team moves 50M to a stranger who delegates and votes (a flash loan would look the same).
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      await f.token.connect(f.team).transfer(f.stranger.address, 50_000_000n * TOKEN);
      await f.token.connect(f.stranger).delegate(f.stranger.address);
      await expect(f.governor.connect(f.stranger).castVote(id, Vote.For))
        .to.emit(f.governor, "VoteCast")
        .withArgs(f.stranger.address, id, Vote.For, 0, "");
      await expect(f.governor.connect(f.team).castVote(id, Vote.For))
        .to.emit(f.governor, "VoteCast")
        .withArgs(f.team.address, id, Vote.For, VOTES.team, "");
    });

    it("rejects votes before the start, twice, with an invalid support, and after the deadline", async () => {
      const f = await loadFixture(deployGovernance);
      const id = await propose(f.governor, f.alice, await setMinimum(f, 1_100n * TOKEN));
      await expect(f.governor.connect(f.team).castVote(id, Vote.For))
        .to.be.revertedWithCustomError(f.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, PState.Pending, stateBitmap(PState.Active));
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      await f.governor.connect(f.team).castVote(id, Vote.For);
      await expect(f.governor.connect(f.team).castVote(id, Vote.Against))
        .to.be.revertedWithCustomError(f.governor, "GovernorAlreadyCastVote")
        .withArgs(f.team.address);
      await expect(f.governor.connect(f.alice).castVote(id, 3)).to.be.revertedWithCustomError(
        f.governor,
        "GovernorInvalidVoteType",
      );
      await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
      await expect(f.governor.connect(f.alice).castVote(id, Vote.For))
        .to.be.revertedWithCustomError(f.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, PState.Succeeded, stateBitmap(PState.Active));
    });
  });

  describe("when quorum is reached late", () => {
    it("extends the deadline to lateQuorumExtension after the vote that reached it", async () => {
      const f = await loadFixture(deployGovernance);
      const id = await propose(f.governor, f.alice, await setMinimum(f, 1_100n * TOKEN));
      const deadline = await f.governor.proposalDeadline(id);
      await time.increaseTo(deadline - BigInt(DAY));
      await f.governor.connect(f.carol).castVote(id, Vote.For); // below quorum: no extension
      expect(await f.governor.proposalDeadline(id)).to.equal(deadline);
      const voteAt = deadline - BigInt(DAY) + 100n;
      await time.setNextBlockTimestamp(voteAt);
      await expect(f.governor.connect(f.alice).castVote(id, Vote.For))
        .to.emit(f.governor, "ProposalExtended")
        .withArgs(id, voteAt + BigInt(SETTINGS.lateQuorumExtension));
      expect(await f.governor.proposalDeadline(id)).to.equal(voteAt + BigInt(SETTINGS.lateQuorumExtension));
      await time.increaseTo(deadline + 1n);
      expect(await f.governor.state(id)).to.equal(PState.Active);
      await expect(f.governor.connect(f.bob).castVote(id, Vote.For)).not.to.emit(f.governor, "ProposalExtended");
    });

    it("does not extend when quorum was reached before the late window", async () => {
      const f = await loadFixture(deployGovernance);
      const id = await propose(f.governor, f.alice, await setMinimum(f, 1_100n * TOKEN));
      const deadline = await f.governor.proposalDeadline(id);
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      await f.governor.connect(f.team).castVote(id, Vote.For);
      await time.increaseTo(deadline - 3_600n);
      await expect(f.governor.connect(f.alice).castVote(id, Vote.For)).not.to.emit(f.governor, "ProposalExtended");
      expect(await f.governor.proposalDeadline(id)).to.equal(deadline);
    });
  });

  describe("when a queued proposal is not executed in time", () => {
    it("expires GRACE_PERIOD after its ETA and cannot be executed", async () => {
      const f = await loadFixture(deployGovernance);
      const p = await setMinimum(f, 1_100n * TOKEN);
      const id = await passProposal(f.governor, p, PType.EconomicParameter, [f.team]);
      await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
      const eta = await f.governor.proposalEta(id);
      await time.increaseTo(eta + 14n * BigInt(DAY));
      expect(await f.governor.state(id)).to.equal(PState.Queued);
      await time.increase(1);
      expect(await f.governor.state(id)).to.equal(PState.Expired);
      await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
        .to.be.revertedWithCustomError(f.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, PState.Expired, stateBitmap(PState.Succeeded, PState.Queued));
    });
  });

  describe("when cancelling", () => {
    it("lets the proposer cancel only while Pending, and nobody else but the guardian", async () => {
      const f = await loadFixture(deployGovernance);
      const p = await setMinimum(f, 1_100n * TOKEN);
      const id = await propose(f.governor, f.alice, p);
      await expect(f.governor.connect(f.bob).cancel(p.targets, p.values, p.calldatas, descriptionHash(p)))
        .to.be.revertedWithCustomError(f.governor, "GovernorUnableToCancel")
        .withArgs(id, f.bob.address);
      const q = await setMinimum(f, 1_100n * TOKEN, " q");
      const qid = await propose(f.governor, f.alice, q);
      await expect(f.governor.connect(f.alice).cancel(q.targets, q.values, q.calldatas, descriptionHash(q)))
        .to.emit(f.governor, "ProposalCanceled")
        .withArgs(qid);
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      await expect(f.governor.connect(f.alice).cancel(p.targets, p.values, p.calldatas, descriptionHash(p)))
        .to.be.revertedWithCustomError(f.governor, "GovernorUnableToCancel")
        .withArgs(id, f.alice.address);
    });

    it("shows Canceled when a timelock canceller cancels the operation directly on the timelock", async () => {
      const f = await loadFixture(deployGovernance);
      const p = await setMinimum(f, 1_100n * TOKEN);
      const id = await passProposal(f.governor, p, PType.EconomicParameter, [f.team]);
      await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
      const opId = await f.timelock.hashOperationBatch(p.targets, p.values, p.calldatas, ethers.ZeroHash, saltOf(f, p));
      // The governor is the only canceller (the guardian has no timelock role, SEC-08).
      await f.timelock.connect(await impersonate(await f.governor.getAddress())).cancel(opId);
      expect(await f.governor.state(id)).to.equal(PState.Canceled);
    });

    it("does not let the guardian cancel an executed proposal", async () => {
      const f = await loadFixture(deployGovernance);
      const p = await setMinimum(f, 1_100n * TOKEN);
      const id = await governanceExecute(f.governor, p, PType.EconomicParameter, [f.team]);
      const g = await impersonate(await f.guardian.getAddress());
      await expect(f.governor.connect(g).cancel(p.targets, p.values, p.calldatas, descriptionHash(p)))
        .to.be.revertedWithCustomError(f.governor, "GovernorUnexpectedProposalState")
        .withArgs(
          id,
          PState.Executed,
          stateBitmap(PState.Pending, PState.Active, PState.Defeated, PState.Succeeded, PState.Queued),
        );
    });
  });

  describe("when governance changes a type config (GOV-04)", () => {
    it("emits old and new values and does not revive a proposal defeated for lack of quorum", async () => {
      const f = await loadFixture(deployGovernance);
      const weak = await setMinimum(f, 1_100n * TOKEN, " weak");
      const weakId = await passProposal(f.governor, weak, PType.TechnicalUpgrade, [f.carol]);
      expect(await f.governor.state(weakId)).to.equal(PState.Defeated);
      const lowered = { quorumBps: 100, approvalBps: 6000, minDelay: 7 * DAY };
      const data = f.governor.interface.encodeFunctionData("setTypeConfig", [PType.TechnicalUpgrade, lowered]);
      const change = single(await f.governor.getAddress(), data, "Lower the TechnicalUpgrade quorum to 1%");
      const changeId = await passProposal(f.governor, change, PType.TechnicalUpgrade, [f.team]);
      await f.governor.queue(change.targets, change.values, change.calldatas, descriptionHash(change));
      await time.increaseTo(await f.governor.proposalEta(changeId));
      await expect(f.governor.execute(change.targets, change.values, change.calldatas, descriptionHash(change)))
        .to.emit(f.governor, "TypeConfigSet")
        .withArgs(PType.TechnicalUpgrade, [500, 6000, 7 * DAY], [100, 6000, 7 * DAY]);
      expect(await f.governor.state(weakId)).to.equal(PState.Defeated);
      // 1% of 400M = 4M <= carol's 5M: the same vote passes under the new config.
      const again = await passProposal(f.governor, await setMinimum(f, 1_100n * TOKEN, " again"), 0, [f.carol]);
      expect(await f.governor.state(again)).to.equal(PState.Succeeded);
      const snap = await f.governor.proposalSnapshot(weakId);
      expect((await f.governor.typeConfigAt(PType.TechnicalUpgrade, snap)).quorumBps).to.equal(500);
    });

    it("does not defeat a queued proposal when the quorum rises", async () => {
      const f = await loadFixture(deployGovernance);
      const p = await setMinimum(f, 1_100n * TOKEN);
      const id = await passProposal(f.governor, p, PType.EconomicParameter, [f.alice]); // 30M >= 16M
      await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
      const raised = { quorumBps: 5000, approvalBps: 5000, minDelay: 2 * DAY };
      const data = f.governor.interface.encodeFunctionData("setTypeConfig", [PType.EconomicParameter, raised]);
      await governanceExecute(f.governor, single(await f.governor.getAddress(), data, "Raise"), PType.EmergencyAction, [
        f.team,
        f.carol,
      ]);
      expect(await f.governor.state(id)).to.equal(PState.Queued);
      await f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p));
      expect(await f.registry.get(MINIMUM)).to.equal(1_100n * TOKEN);
    });

    it("rejects out-of-bound configs through governance", async () => {
      const f = await loadFixture(deployGovernance);
      const bad = { quorumBps: 99, approvalBps: 5000, minDelay: DAY };
      const data = f.governor.interface.encodeFunctionData("setTypeConfig", [PType.EconomicParameter, bad]);
      const p = single(await f.governor.getAddress(), data, "Bad quorum");
      await passProposal(f.governor, p, PType.EmergencyAction, [f.team, f.carol]);
      await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
      await time.increase(DAY);
      await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorInvalidTypeConfig")
        .withArgs(PType.EconomicParameter, 99, 5000, DAY);
    });
  });

  describe("when governance touches the timelock wiring", () => {
    it("needs queuing for every proposal and changes the timelock only by proposal", async () => {
      const f = await loadFixture(deployGovernance);
      const p = await setMinimum(f, 1_100n * TOKEN);
      const id = await propose(f.governor, f.alice, p);
      expect(await f.governor.proposalNeedsQueuing(id)).to.equal(true);
      const next = await ethers.deployContract("TimelockController", [DAY, [], [], f.deployer.address]);
      const data = f.governor.interface.encodeFunctionData("updateTimelock", [await next.getAddress()]);
      const change = single(await f.governor.getAddress(), data, "Move to a new timelock");
      await expect(governanceExecute(f.governor, change, PType.TechnicalUpgrade, [f.team])).to.not.be.reverted;
      expect(await f.governor.timelock()).to.equal(await next.getAddress());
    });

    it("shows Executed for a queued proposal that another proposal executed on the timelock (relay)", async () => {
      const f = await loadFixture(deployGovernance);
      const a = await setMinimum(f, 1_100n * TOKEN);
      const aId = await passProposal(f.governor, a, PType.EconomicParameter, [f.team]);
      await f.governor.queue(a.targets, a.values, a.calldatas, descriptionHash(a));
      const exec = f.timelock.interface.encodeFunctionData("executeBatch", [
        a.targets,
        a.values,
        a.calldatas,
        ethers.ZeroHash,
        saltOf(f, a),
      ]);
      const relay = f.governor.interface.encodeFunctionData("relay", [await f.timelock.getAddress(), 0, exec]);
      await governanceExecute(
        f.governor,
        single(await f.governor.getAddress(), relay, "relay a"),
        PType.EmergencyAction,
        [f.team],
      );
      expect(await f.registry.get(MINIMUM)).to.equal(1_100n * TOKEN);
      expect(await f.governor.state(aId)).to.equal(PState.Executed);
    });
  });

  describe("when a TreasurySpending proposal moves funds above the council budget", () => {
    it("pays through the timelock", async () => {
      const f = await loadFixture(deployGovernance);
      const amount = 5_000_000n * TOKEN; // above the 1M council budget
      await f.token.connect(f.treasuryEoa).transfer(await f.treasury.getAddress(), amount);
      const data = f.treasury.interface.encodeFunctionData("spend", [
        await f.token.getAddress(),
        f.stranger.address,
        amount,
      ]);
      const p = single(await f.treasury.getAddress(), data, "Pay the stranger 5M tokens");
      const id = await passProposal(f.governor, p, PType.TreasurySpending, [f.team]);
      await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
      await time.increaseTo(await f.governor.proposalEta(id));
      await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
        .to.emit(f.treasury, "Spent")
        .withArgs(await f.token.getAddress(), f.stranger.address, amount);
      expect(await f.token.balanceOf(f.stranger.address)).to.equal(amount);
    });
  });
});

/** Timelock salt used by the governor: bytes20(governor) XOR descriptionHash. */
function saltOf(f: GovFixture, p: Proposal): string {
  const gov = BigInt(f.governor.target as string) << 96n;
  return ethers.toBeHex(gov ^ BigInt(descriptionHash(p)), 32);
}

describe("SEC-08 the guardian cannot veto its own replacement", () => {
  async function replacement(f: GovFixture, tag = "") {
    const gov = await f.governor.getAddress();
    const data = f.governor.interface.encodeFunctionData("setProposalGuardian", [f.stranger.address]);
    return single(gov, data, `SEC-08: replace the guardian${tag}`);
  }
  const cancelData = (f: GovFixture, p: Proposal) =>
    f.governor.interface.encodeFunctionData("cancel", [p.targets, p.values, p.calldatas, descriptionHash(p)]);

  it("SEC-08 the real guardian Safe cannot cancel a proposal that replaces it, in any state, nor its timelock operation", async () => {
    const f = await loadFixture(deployGovernance);
    const gov = await f.governor.getAddress();
    const guardian = await f.guardian.getAddress();
    const g = await impersonate(guardian);
    const p = await replacement(f);
    const id = await propose(f.governor, f.alice, p, PType.EmergencyAction);
    const refused = async () => {
      // Through the real Safe 1.4.1: the inner call fails, so the whole Safe transaction reverts (GS013).
      await expect(safeExec(f.guardian, f.guardianOwners.slice(0, 2), gov, cancelData(f, p))).to.be.revertedWith(
        "GS013",
      );
      // The same call from the Safe's address shows the exact error.
      await expect(f.governor.connect(g).cancel(p.targets, p.values, p.calldatas, descriptionHash(p)))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorGuardianCannotCancel")
        .withArgs(guardian, id);
    };
    expect(await f.governor.state(id)).to.equal(PState.Pending);
    await refused();
    await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
    await f.governor.connect(f.team).castVote(id, Vote.For);
    expect(await f.governor.state(id)).to.equal(PState.Active);
    await refused();
    await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
    expect(await f.governor.state(id)).to.equal(PState.Succeeded);
    await refused();
    await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
    expect(await f.governor.state(id)).to.equal(PState.Queued);
    await refused();
    // Nor directly on the timelock: the guardian holds no timelock role.
    const opId = await f.timelock.hashOperationBatch(p.targets, p.values, p.calldatas, ethers.ZeroHash, saltOf(f, p));
    const tlCancel = f.timelock.interface.encodeFunctionData("cancel", [opId]);
    await expect(
      safeExec(f.guardian, f.guardianOwners.slice(1, 3), await f.timelock.getAddress(), tlCancel),
    ).to.be.revertedWith("GS013");
    await expect(f.timelock.connect(g).cancel(opId))
      .to.be.revertedWithCustomError(f.timelock, "AccessControlUnauthorizedAccount")
      .withArgs(guardian, await f.timelock.CANCELLER_ROLE());
    await time.increaseTo(await f.governor.proposalEta(id));
    await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
      .to.emit(f.governor, "ProposalGuardianSet")
      .withArgs(guardian, f.stranger.address);
  });

  it("SEC-08 lets the guardian Safe cancel a replacement bundled with any other call, and every other proposal", async () => {
    const f = await loadFixture(deployGovernance);
    const gov = await f.governor.getAddress();
    const r = await replacement(f, " and pay");
    const spend = f.treasury.interface.encodeFunctionData("spend", [
      await f.token.getAddress(),
      f.stranger.address,
      1n,
    ]);
    const bundled: Proposal = {
      targets: [...r.targets, await f.treasury.getAddress()],
      values: [0n, 0n],
      calldatas: [...r.calldatas, spend],
      description: r.description,
    };
    const id = await propose(f.governor, f.alice, bundled, PType.EmergencyAction);
    await expect(safeExec(f.guardian, f.guardianOwners.slice(0, 2), gov, cancelData(f, bundled)))
      .to.emit(f.governor, "ProposalCanceled")
      .withArgs(id);
    // A proposal that only touches the timelock's roles is not protected either (granting PROPOSER_ROLE to an
    // attacker is exactly what the guardian must be able to stop).
    const grant = f.timelock.interface.encodeFunctionData("grantRole", [
      await f.timelock.PROPOSER_ROLE(),
      f.stranger.address,
    ]);
    const roles = single(await f.timelock.getAddress(), grant, "SEC-08: a timelock role grant");
    const rid = await propose(f.governor, f.alice, roles, PType.EmergencyAction);
    await expect(safeExec(f.guardian, f.guardianOwners.slice(0, 2), gov, cancelData(f, roles)))
      .to.emit(f.governor, "ProposalCanceled")
      .withArgs(rid);
    // The proposer may still cancel its own pending replacement.
    const own = await replacement(f, " (withdrawn)");
    const oid = await propose(f.governor, f.alice, own, PType.EmergencyAction);
    await expect(f.governor.connect(f.alice).cancel(own.targets, own.values, own.calldatas, descriptionHash(own)))
      .to.emit(f.governor, "ProposalCanceled")
      .withArgs(oid);
  });
});

describe("SEC-09 the governor counts its proposals", () => {
  it("SEC-09 proposalCount() is the number of proposals ever created, cancelled ones included", async () => {
    const f = await loadFixture(deployGovernance);
    expect(await f.governor.proposalCount()).to.equal(0n);
    const a = await setMinimum(f, 1_100n * TOKEN, " a");
    await propose(f.governor, f.alice, a);
    await propose(f.governor, f.bob, await setMinimum(f, 1_100n * TOKEN, " b"), PType.EconomicParameter);
    expect(await f.governor.proposalCount()).to.equal(2n);
    await f.governor.connect(f.alice).cancel(a.targets, a.values, a.calldatas, descriptionHash(a));
    await propose(f.governor, f.carol, await setMinimum(f, 1_100n * TOKEN, " c"), PType.EmergencyAction);
    expect(await f.governor.proposalCount()).to.equal(3n);
  });
});
