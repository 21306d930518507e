import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { Signer } from "ethers";
import {
  DEFAULTS,
  PROVIDER_STAKE,
  QUIV,
  commitVotes,
  deployMarket,
  postJob,
  revealVotes,
  saltFor,
  stakeValidators,
  submittedJob,
  type MarketFixture,
} from "../fixtures/market";
import {
  DisputeState,
  JobState,
  Outcome,
  disputeIdOf,
  penaltyUp,
  voteCommitment,
} from "../../../sdk/quiver/core/market";
import { parameterKey } from "../../../sdk/quiver/core/parameters";
import { encodeStates } from "../../../sdk/kit/core";

/** The states in which non-participation can be penalised (DisputeManager `_afterReveal`). */
const AFTER_REVEAL = encodeStates(
  DisputeState.Tally,
  DisputeState.Decided,
  DisputeState.Finalizable,
  DisputeState.Appealed,
  DisputeState.AppealExpired,
  DisputeState.Final,
);

const EVIDENCE = ethers.id("evidence");
const BOND = DEFAULTS.bond;
const SLASH = (PROVIDER_STAKE * DEFAULTS.slashBps) / 10_000n; // 2,000 QUIV

describe("DisputeManager (with its ValidatorSet)", () => {
  let f: MarketFixture;
  let v1: Signer, v2: Signer, v3: Signer, v4: Signer;
  beforeEach(async () => {
    f = await loadFixture(deployMarket);
    [v1, v2, v3, v4] = f.validators;
  });

  /** A submitted job, three validators, and a challenge by `f.challenger`. */
  async function challenged() {
    await stakeValidators(f, 3);
    const job = await submittedJob(f);
    await f.disputes.connect(f.challenger).challenge(job.jobId, EVIDENCE);
    const id = disputeIdOf(job.jobId);
    const d = await f.disputes.getDispute(id);
    return { ...job, id, d };
  }

  /** Commits, reveals and resolves; returns when the dispute is Decided. */
  async function decide(id: string, votes: [Signer, boolean][], revealed = votes) {
    await commitVotes(f, id, votes);
    const d = await f.disputes.getDispute(id);
    await time.increaseTo(d.commitEndsAt);
    await revealVotes(f, id, revealed);
    await time.increaseTo(d.revealEndsAt);
    await f.disputes.resolve(id);
    return f.disputes.getDispute(id);
  }

  describe("state(disputeId)", () => {
    it("walks None, Commit, Reveal, Tally, Decided, Finalizable, Final with the clock and the calls", async () => {
      const { id, d } = await challenged();
      expect(await f.disputes.state(ethers.ZeroHash)).to.equal(DisputeState.None);
      expect(await f.disputes.state(id)).to.equal(DisputeState.Commit);
      await time.increaseTo(d.commitEndsAt);
      expect(await f.disputes.state(id)).to.equal(DisputeState.Reveal);
      await time.increaseTo(d.revealEndsAt);
      expect(await f.disputes.state(id)).to.equal(DisputeState.Tally);
      await f.disputes.resolve(id);
      expect(await f.disputes.state(id)).to.equal(DisputeState.Decided);
      const decided = await f.disputes.getDispute(id);
      await time.increaseTo(decided.decidedAt + decided.appealWindow);
      expect(await f.disputes.state(id)).to.equal(DisputeState.Finalizable);
      await f.disputes.finalize(id);
      expect(await f.disputes.state(id)).to.equal(DisputeState.Final);
    });

    it("keeps the job id and the slash case id apart (JobId / CaseId fields): each reaches its own contract", async () => {
      await postJob(f); // job 1 is never disputed, so the disputed job (2) and its case (1) differ
      const { id, d, jobId } = await challenged();
      expect([d.jobId, d.caseId]).to.deep.equal([2n, 1n]);
      expect(jobId).to.equal(2n);
      await time.increaseTo(d.revealEndsAt);
      await f.disputes.resolve(id); // no votes: Drawn
      const decided = await f.disputes.getDispute(id);
      await time.increaseTo(decided.decidedAt + decided.appealWindow);
      const tx = f.disputes.finalize(id);
      await expect(tx).to.emit(f.staking, "MockCaseClosed").withArgs(1n);
      await expect(tx).to.emit(f.market, "JobDisputeLockChanged").withArgs(2n, false, 0);
    });
  });

  describe("deployment", () => {
    it("holds the admin and governance roles on the deployer and rejects zero addresses", async () => {
      expect(await f.disputes.hasRole(await f.disputes.GOVERNANCE_ROLE(), f.deployer.address)).to.equal(true);
      expect(await f.disputes.hasRole(ethers.ZeroHash, f.deployer.address)).to.equal(true);
      const a = f.deployer.address;
      await expect(
        ethers.deployContract("DisputeManager", [a, a, a, a, ethers.ZeroAddress]),
      ).to.be.revertedWithCustomError(f.disputes, "DisputeZeroAddress");
      for (let i = 0; i < 5; i++) {
        const args = [a, a, a, a, a];
        args[i] = ethers.ZeroAddress;
        await expect(ethers.deployContract("DisputeManager", args)).to.be.revertedWithCustomError(
          f.disputes,
          "DisputeZeroAddress",
        );
      }
    });
  });

  describe("validators", () => {
    it("registers with the minimum stake and counts the active set", async () => {
      await expect(f.disputes.connect(v1).stakeAsValidator(DEFAULTS.validatorMinStake - 1n))
        .to.be.revertedWithCustomError(f.disputes, "DisputeStakeTooLow")
        .withArgs(await v1.getAddress(), DEFAULTS.validatorMinStake - 1n, DEFAULTS.validatorMinStake);
      await expect(f.disputes.connect(v1).stakeAsValidator(0n)).to.be.revertedWithCustomError(
        f.disputes,
        "DisputeZeroAmount",
      );
      await expect(f.disputes.connect(v1).stakeAsValidator(DEFAULTS.validatorMinStake))
        .to.emit(f.disputes, "ValidatorStaked")
        .withArgs(await v1.getAddress(), DEFAULTS.validatorMinStake, DEFAULTS.validatorMinStake);
      await f.disputes.connect(v1).stakeAsValidator(1n);
      expect((await f.disputes.getValidator(await v1.getAddress())).stake).to.equal(DEFAULTS.validatorMinStake + 1n);
      expect(await f.disputes.activeValidatorCount()).to.equal(1n);
      expect(await f.disputes.totalValidatorStake()).to.equal(DEFAULTS.validatorMinStake + 1n);
    });

    it("exits after the unbonding delay and withdraws the whole stake", async () => {
      await stakeValidators(f, 1);
      const a = await v1.getAddress();
      await expect(f.disputes.connect(v1).withdrawValidatorStake())
        .to.be.revertedWithCustomError(f.disputes, "DisputeValidatorExiting")
        .withArgs(a, 0n);
      await f.disputes.connect(v1).requestValidatorExit();
      const availableAt = BigInt(await time.latest()) + DEFAULTS.validatorUnbonding;
      expect(await f.disputes.activeValidatorCount()).to.equal(0n);
      await expect(f.disputes.connect(v1).requestValidatorExit())
        .to.be.revertedWithCustomError(f.disputes, "DisputeValidatorExiting")
        .withArgs(a, availableAt);
      await expect(f.disputes.connect(v1).stakeAsValidator(QUIV))
        .to.be.revertedWithCustomError(f.disputes, "DisputeValidatorExiting")
        .withArgs(a, availableAt);
      await expect(f.disputes.connect(v1).withdrawValidatorStake())
        .to.be.revertedWithCustomError(f.disputes, "DisputeStakeLocked")
        .withArgs(a, availableAt, 0n);
      await time.increaseTo(availableAt);
      const tx = f.disputes.connect(v1).withdrawValidatorStake();
      await expect(tx).to.emit(f.disputes, "ValidatorWithdrawn").withArgs(a, DEFAULTS.validatorMinStake);
      await expect(tx).to.changeTokenBalances(
        f.quiv,
        [f.disputes, v1],
        [-DEFAULTS.validatorMinStake, DEFAULTS.validatorMinStake],
      );
      expect(await f.disputes.totalValidatorStake()).to.equal(0n);
    });

    describe("attestations", () => {
      it("records one score per validator for a job with a receipt", async () => {
        await stakeValidators(f, 2);
        const { jobId } = await submittedJob(f);
        await expect(f.disputes.connect(v1).attest(jobId, 80))
          .to.emit(f.disputes, "QualityAttested")
          .withArgs(jobId, await v1.getAddress(), 80);
        await f.disputes.connect(v2).attest(jobId, 100);
        expect(await f.disputes.attestationsOf(jobId)).to.deep.equal([2n, 180n]);
        await expect(f.disputes.connect(v1).attest(jobId, 70))
          .to.be.revertedWithCustomError(f.disputes, "DisputeInvalidAttestation")
          .withArgs(jobId, await v1.getAddress(), 70);
      });

      it("rejects non-validators, scores above 100 and jobs without a receipt", async () => {
        await stakeValidators(f, 1);
        await expect(f.disputes.connect(f.stranger).attest(1n, 50))
          .to.be.revertedWithCustomError(f.disputes, "DisputeNotValidator")
          .withArgs(f.stranger.address, 0n, DEFAULTS.validatorMinStake);
        await expect(f.disputes.connect(v1).attest(1n, 50))
          .to.be.revertedWithCustomError(f.disputes, "DisputeInvalidAttestation")
          .withArgs(1n, await v1.getAddress(), 50);
        const { jobId } = await submittedJob(f);
        await expect(f.disputes.connect(v1).attest(jobId, 101))
          .to.be.revertedWithCustomError(f.disputes, "DisputeInvalidAttestation")
          .withArgs(jobId, await v1.getAddress(), 101);
      });
    });
  });

  describe("challenge", () => {
    it("snapshots the stake, locks the escrow and pulls the bond", async () => {
      await stakeValidators(f, 3);
      const { jobId, submittedAt } = await submittedJob(f);
      const id = disputeIdOf(jobId);
      expect(await f.disputes.disputeIdOf(jobId)).to.equal(id);
      const tx = f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE);
      await expect(tx)
        .to.emit(f.disputes, "DisputeOpened")
        .withArgs(id, jobId, f.challenger.address, f.provider.address, 1n, PROVIDER_STAKE, BOND, EVIDENCE);
      await expect(tx).to.changeTokenBalances(f.quiv, [f.challenger, f.disputes], [-BOND, BOND]);
      await expect(tx).to.emit(f.market, "JobDisputeLockChanged").withArgs(jobId, true, 1);
      const d = await f.disputes.getDispute(id);
      const now = BigInt(await time.latest());
      expect(d.quorum).to.equal(2n); // ceil(3 * 50%)
      expect(d.commitEndsAt).to.equal(now + DEFAULTS.commitWindow);
      expect(d.revealEndsAt).to.equal(now + DEFAULTS.commitWindow + DEFAULTS.voteRevealWindow);
      expect(d.slashAmount).to.equal(SLASH);
      expect(d.jobLocked).to.equal(true);
      expect(await f.disputes.state(id)).to.equal(DisputeState.Commit);
      expect(await f.disputes.totalBonds()).to.equal(BOND);
      expect(await f.market.state(jobId)).to.equal(JobState.Challenged);
      expect(submittedAt).to.be.greaterThan(0n);
    });

    it("keeps the escrow locked past the review window (no release, no confirm)", async () => {
      const { jobId, submittedAt } = await challenged();
      await time.increaseTo(submittedAt + DEFAULTS.reviewWindow);
      await expect(f.market.release(jobId))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(jobId, JobState.Challenged, encodeStates(JobState.Releasable));
      await expect(f.market.connect(f.consumer).confirm(jobId))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(jobId, JobState.Challenged, encodeStates(JobState.InReview, JobState.Releasable));
    });

    it("rejects a duplicate by the same challenger; a second challenger joins the same dispute (SEC-01)", async () => {
      const { jobId, id } = await challenged();
      await expect(f.disputes.connect(f.challenger).challenge(jobId, ethers.id("other")))
        .to.be.revertedWithCustomError(f.disputes, "DisputeAlreadyChallenger")
        .withArgs(id, f.challenger.address);
      await f.quiv.connect(f.consumer).approve(await f.disputes.getAddress(), ethers.MaxUint256);
      const tx = f.disputes.connect(f.consumer).challenge(jobId, EVIDENCE);
      await expect(tx).to.emit(f.disputes, "ChallengerJoined").withArgs(id, f.consumer.address, BOND, EVIDENCE, 2n);
      await expect(tx).to.not.emit(f.market, "JobDisputeLockChanged");
      expect(await f.disputes.challengersOf(id)).to.deep.equal([f.challenger.address, f.consumer.address]);
      expect(await f.staking.caseCount()).to.equal(1n);
    });

    it("rejects a zero evidence hash, a job without receipt, and a late challenge", async () => {
      await expect(f.disputes.connect(f.challenger).challenge(1n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.disputes, "DisputeZeroEvidence")
        .withArgs(1n);
      const now = BigInt(await time.latest());
      await expect(f.disputes.connect(f.challenger).challenge(7n, EVIDENCE))
        .to.be.revertedWithCustomError(f.disputes, "DisputeWindowClosed")
        .withArgs(7n, 0n, DEFAULTS.disputeWindow, now + 1n);
      const { jobId, submittedAt } = await submittedJob(f);
      await time.increaseTo(submittedAt + DEFAULTS.disputeWindow);
      await expect(f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE))
        .to.be.revertedWithCustomError(f.disputes, "DisputeWindowClosed")
        .withArgs(jobId, submittedAt, submittedAt + DEFAULTS.disputeWindow, submittedAt + DEFAULTS.disputeWindow + 1n);
    });

    it("opens a dispute against a provider without slashable stake, with nothing to slash (SEC-02)", async () => {
      const { jobId } = await submittedJob(f);
      await f.staking.setStake(f.provider.address, 0n);
      await f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE);
      expect((await f.disputes.getDispute(disputeIdOf(jobId))).slashAmount).to.equal(0n);
    });

    it("does not lock a job the consumer already confirmed (slash only)", async () => {
      const { jobId } = await submittedJob(f);
      await f.market.connect(f.consumer).confirm(jobId);
      await f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE);
      const d = await f.disputes.getDispute(disputeIdOf(jobId));
      expect(d.jobLocked).to.equal(false);
    });

    it("keeps the terms of an open dispute when parameters change (DSP-04)", async () => {
      const { id } = await challenged();
      await f.registry.set(parameterKey("quiver.dispute.bond"), 150n * QUIV);
      expect((await f.disputes.getDispute(id)).bond).to.equal(BOND);
    });
  });

  describe("voting", () => {
    it("commits and reveals; rejects strangers, conflicts of interest and duplicates", async () => {
      await f.disputes.connect(f.challenger).stakeAsValidator(DEFAULTS.validatorMinStake);
      const { id, d } = await challenged();
      const c = voteCommitment(id, await v1.getAddress(), true, saltFor("v1"));
      await expect(f.disputes.connect(f.stranger).commitVote(id, c))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNotCommitteeMember")
        .withArgs(id, f.stranger.address);
      await expect(f.disputes.connect(f.challenger).commitVote(id, c))
        .to.be.revertedWithCustomError(f.disputes, "DisputeConflictOfInterest")
        .withArgs(id, f.challenger.address);
      await expect(f.disputes.connect(v1).commitVote(id, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNoCommitment")
        .withArgs(id, await v1.getAddress());
      await expect(f.disputes.connect(v1).commitVote(id, c))
        .to.emit(f.disputes, "VoteCommitted")
        .withArgs(id, await v1.getAddress());
      await expect(f.disputes.connect(v1).commitVote(id, c))
        .to.be.revertedWithCustomError(f.disputes, "DisputeAlreadyCommitted")
        .withArgs(id, await v1.getAddress());
      expect((await f.disputes.getValidator(await v1.getAddress())).openCommits).to.equal(1n);
      await expect(f.disputes.connect(v1).revealVote(id, true, saltFor("v1")))
        .to.be.revertedWithCustomError(f.disputes, "DisputeUnexpectedState")
        .withArgs(id, DisputeState.Commit, encodeStates(DisputeState.Reveal));
      await time.increaseTo(d.commitEndsAt);
      await expect(f.disputes.connect(v1).revealVote(id, false, saltFor("v1")))
        .to.be.revertedWithCustomError(f.disputes, "DisputeVoteMismatch")
        .withArgs(id, await v1.getAddress());
      await expect(f.disputes.connect(v2).revealVote(id, true, saltFor("v2")))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNoCommitment")
        .withArgs(id, await v2.getAddress());
      await expect(f.disputes.connect(v1).revealVote(id, true, saltFor("v1")))
        .to.emit(f.disputes, "VoteRevealed")
        .withArgs(id, await v1.getAddress(), true);
      await expect(f.disputes.connect(v1).revealVote(id, true, saltFor("v1")))
        .to.be.revertedWithCustomError(f.disputes, "DisputeVoteSettled")
        .withArgs(id, await v1.getAddress());
      expect(await f.disputes.voteOf(id, await v1.getAddress())).to.deep.equal([c, 1n, false]);
      expect((await f.disputes.getValidator(await v1.getAddress())).openCommits).to.equal(0n);
      await expect(f.disputes.connect(v2).commitVote(id, c))
        .to.be.revertedWithCustomError(f.disputes, "DisputeUnexpectedState")
        .withArgs(id, DisputeState.Reveal, encodeStates(DisputeState.Commit));
    });

    it("rejects the accused provider as a voter and does not draw a validator below a raised minimum", async () => {
      await f.quiv.connect(f.team).transfer(f.provider.address, DEFAULTS.validatorMinStake);
      await f.quiv.connect(f.provider).approve(await f.disputes.getAddress(), ethers.MaxUint256);
      await f.disputes.connect(f.provider).stakeAsValidator(DEFAULTS.validatorMinStake);
      await stakeValidators(f, 3);
      await f.disputes.connect(v4).stakeAsValidator(DEFAULTS.validatorMinStake + 5_000n * QUIV);
      const raised = DEFAULTS.validatorMinStake + 5_000n * QUIV;
      await f.registry.set(parameterKey("quiver.dispute.validatorMinStake"), raised);
      const { jobId } = await submittedJob(f);
      const id = disputeIdOf(jobId);
      await f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE);
      await expect(f.disputes.connect(f.provider).commitVote(id, ethers.id("c")))
        .to.be.revertedWithCustomError(f.disputes, "DisputeConflictOfInterest")
        .withArgs(id, f.provider.address);
      await expect(f.disputes.connect(v1).commitVote(id, ethers.id("c")))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNotCommitteeMember")
        .withArgs(id, await v1.getAddress());
      expect(await f.disputes.isCommitteeMember(id, await v4.getAddress())).to.equal(true);
      expect((await f.disputes.getDispute(id)).committeeSize).to.equal(1n);
    });

    it("resolves only after the reveal window", async () => {
      const { id, d } = await challenged();
      await time.increaseTo(d.commitEndsAt);
      await expect(f.disputes.resolve(id))
        .to.be.revertedWithCustomError(f.disputes, "DisputeUnexpectedState")
        .withArgs(id, DisputeState.Reveal, encodeStates(DisputeState.Tally));
    });
  });

  describe("when upheld", () => {
    it("proposes the slash, returns the bond, refunds the consumer and rewards the majority", async () => {
      const { id, jobId, price } = await challenged();
      await f.disputes.connect(f.challenger).fundRewardPool(30n * QUIV);
      const d = await decide(id, [
        [v1, true],
        [v2, true],
        [v3, false],
      ]);
      expect(d.outcome).to.equal(Outcome.Upheld);
      expect(await f.disputes.state(id)).to.equal(DisputeState.Decided);
      await expect(f.disputes.finalize(id))
        .to.be.revertedWithCustomError(f.disputes, "DisputeUnexpectedState")
        .withArgs(id, DisputeState.Decided, encodeStates(DisputeState.Finalizable, DisputeState.AppealExpired));
      await time.increaseTo(d.decidedAt + DEFAULTS.appealWindow);
      const perVoter = DEFAULTS.upheldVoterReward / 2n;
      const tx = f.disputes.connect(f.stranger).finalize(id);
      await expect(tx)
        .to.emit(f.disputes, "DisputeFinalized")
        .withArgs(id, Outcome.Upheld, BOND, 0n, 0n, perVoter * 2n, perVoter);
      await expect(tx).to.emit(f.staking, "MockSlashProposed").withArgs(1n, 1n, SLASH, f.challenger.address);
      await expect(tx).to.emit(f.market, "JobRefunded").withArgs(jobId, f.consumer.address, price);
      await expect(tx).to.changeTokenBalances(f.quiv, [f.challenger, f.consumer, f.market], [BOND, price, -price]);
      expect(await f.market.state(jobId)).to.equal(JobState.Refunded);
      expect(await f.disputes.rewardPool()).to.equal(30n * QUIV - perVoter * 2n);
      const claim = f.disputes.connect(v1).claimVoterReward(id);
      await expect(claim)
        .to.emit(f.disputes, "VoterRewarded")
        .withArgs(id, await v1.getAddress(), perVoter);
      await expect(claim).to.changeTokenBalances(f.quiv, [v1], [perVoter]);
      await expect(f.disputes.connect(v1).claimVoterReward(id))
        .to.be.revertedWithCustomError(f.disputes, "DisputeVoteSettled")
        .withArgs(id, await v1.getAddress());
      await expect(f.disputes.connect(v3).claimVoterReward(id))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNoReward")
        .withArgs(id, await v3.getAddress());
      expect(await f.disputes.totalUnclaimedRewards()).to.equal(perVoter);
      expect(await f.disputes.totalBonds()).to.equal(0n);
    });

    it("pays no voter reward from an empty pool", async () => {
      const { id } = await challenged();
      const d = await decide(id, [
        [v1, true],
        [v2, true],
      ]);
      await time.increaseTo(d.decidedAt + DEFAULTS.appealWindow);
      await expect(f.disputes.finalize(id))
        .to.emit(f.disputes, "DisputeFinalized")
        .withArgs(id, Outcome.Upheld, BOND, 0n, 0n, 0n, 0n);
      await expect(f.disputes.connect(v1).claimVoterReward(id))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNoReward")
        .withArgs(id, await v1.getAddress());
    });
  });

  describe("when rejected", () => {
    it("forfeits the bond (burn, voters, provider) and releases the escrow", async () => {
      const { id, jobId, submittedAt } = await challenged();
      const d = await decide(id, [
        [v1, false],
        [v2, false],
        [v3, true],
      ]);
      expect(d.outcome).to.equal(Outcome.Rejected);
      await time.increaseTo(d.decidedAt + DEFAULTS.appealWindow);
      const burned = (BOND * DEFAULTS.rejectBurnBps) / 10_000n; // 50 QUIV
      const voters = (BOND * DEFAULTS.rejectVoterBps) / 10_000n; // 20 QUIV
      const toProvider = BOND - burned - voters; // 30 QUIV
      const supply = await f.quiv.totalSupply();
      const tx = f.disputes.finalize(id);
      await expect(tx)
        .to.emit(f.disputes, "DisputeFinalized")
        .withArgs(id, Outcome.Rejected, 0n, burned, toProvider, voters, voters / 2n);
      await expect(tx).to.emit(f.staking, "MockCaseClosed").withArgs(1n);
      await expect(tx).to.changeTokenBalances(f.quiv, [f.provider, f.disputes], [toProvider, -(burned + toProvider)]);
      expect(await f.quiv.totalSupply()).to.equal(supply - burned);
      expect(submittedAt + DEFAULTS.reviewWindow).to.be.lessThan(BigInt(await time.latest()));
      expect(await f.market.state(jobId)).to.equal(JobState.Releasable);
      await f.market.release(jobId);
      await f.disputes.connect(v2).claimVoterReward(id);
      expect(await f.disputes.totalUnclaimedRewards()).to.equal(voters / 2n);
      expect(await f.disputes.rewardPool()).to.equal(0n);
    });
  });

  describe("when drawn", () => {
    it("returns the bond without quorum", async () => {
      const { id, jobId } = await challenged();
      const d = await decide(id, [[v1, true]]);
      expect(d.outcome).to.equal(Outcome.Drawn);
      await time.increaseTo(d.decidedAt + DEFAULTS.appealWindow);
      const tx = f.disputes.finalize(id);
      await expect(tx).to.emit(f.disputes, "DisputeFinalized").withArgs(id, Outcome.Drawn, BOND, 0n, 0n, 0n, 0n);
      await expect(tx).to.changeTokenBalances(f.quiv, [f.challenger], [BOND]);
      await expect(tx).to.emit(f.staking, "MockCaseClosed").withArgs(1n);
      expect(await f.market.state(jobId)).to.equal(JobState.Releasable);
      await expect(f.disputes.connect(v1).claimVoterReward(id))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNoReward")
        .withArgs(id, await v1.getAddress());
    });

    it("is a draw on a tie", async () => {
      await stakeValidators(f, 4);
      const { jobId } = await submittedJob(f);
      await f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE);
      const id = disputeIdOf(jobId);
      const d = await decide(id, [
        [v1, true],
        [v2, false],
      ]);
      expect(d.outcome).to.equal(Outcome.Drawn);
      expect([d.upVotes, d.downVotes]).to.deep.equal([1n, 1n]);
    });
  });

  describe("non-reveal penalty", () => {
    it("takes 1% of the stake (rounded up) into the reward pool and unlocks the withdrawal", async () => {
      const { id } = await challenged();
      await decide(
        id,
        [
          [v1, true],
          [v2, true],
          [v3, true],
        ],
        [
          [v1, true],
          [v2, true],
        ],
      );
      const a3 = await v3.getAddress();
      await f.disputes.connect(v3).requestValidatorExit();
      const exitAt = BigInt(await time.latest()) + DEFAULTS.validatorUnbonding;
      await time.increaseTo(exitAt);
      await expect(f.disputes.connect(v3).withdrawValidatorStake())
        .to.be.revertedWithCustomError(f.disputes, "DisputeStakeLocked")
        .withArgs(a3, exitAt, 1n);
      await expect(f.disputes.penalizeNonReveal(id, await v1.getAddress()))
        .to.be.revertedWithCustomError(f.disputes, "DisputeVoteSettled")
        .withArgs(id, await v1.getAddress());
      await expect(f.disputes.penalizeNonReveal(id, f.stranger.address))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNoCommitment")
        .withArgs(id, f.stranger.address);
      const penalty = penaltyUp(DEFAULTS.validatorMinStake, DEFAULTS.nonRevealPenaltyBps);
      expect(penalty).to.equal(100n * QUIV);
      await expect(f.disputes.connect(f.stranger).penalizeNonReveal(id, a3))
        .to.emit(f.disputes, "ValidatorPenalized")
        .withArgs(id, a3, penalty);
      expect(await f.disputes.rewardPool()).to.equal(penalty);
      await expect(f.disputes.penalizeNonReveal(id, a3))
        .to.be.revertedWithCustomError(f.disputes, "DisputeVoteSettled")
        .withArgs(id, a3);
      await expect(f.disputes.connect(v3).withdrawValidatorStake()).to.changeTokenBalances(
        f.quiv,
        [v3],
        [DEFAULTS.validatorMinStake - penalty],
      );
    });

    it("cannot penalise before the reveal window ends", async () => {
      const { id } = await challenged();
      await commitVotes(f, id, [[v1, true]]);
      await expect(f.disputes.penalizeNonReveal(id, await v1.getAddress()))
        .to.be.revertedWithCustomError(f.disputes, "DisputeUnexpectedState")
        .withArgs(id, DisputeState.Commit, AFTER_REVEAL);
    });
  });

  describe("appeal", () => {
    async function upheldDecided() {
      await f.quiv.connect(f.team).transfer(f.provider.address, 1_000n * QUIV);
      await f.quiv.connect(f.provider).approve(await f.disputes.getAddress(), ethers.MaxUint256);
      const c = await challenged();
      const d = await decide(c.id, [
        [v1, true],
        [v2, true],
      ]);
      return { ...c, d };
    }

    it("only the losing party appeals, once, within the appeal window", async () => {
      const { id, d } = await upheldDecided();
      await expect(f.disputes.connect(f.stranger).appeal(id))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNotAppellant")
        .withArgs(id, f.stranger.address, Outcome.Upheld);
      await expect(f.disputes.connect(f.provider).appeal(id))
        .to.emit(f.disputes, "DisputeAppealed")
        .withArgs(id, f.provider.address, d.appealBond);
      expect(await f.disputes.state(id)).to.equal(DisputeState.Appealed);
      await expect(f.disputes.connect(f.challenger).appeal(id))
        .to.be.revertedWithCustomError(f.disputes, "DisputeUnexpectedState")
        .withArgs(id, DisputeState.Appealed, encodeStates(DisputeState.Decided));
      await expect(f.disputes.finalize(id))
        .to.be.revertedWithCustomError(f.disputes, "DisputeUnexpectedState")
        .withArgs(id, DisputeState.Appealed, encodeStates(DisputeState.Finalizable, DisputeState.AppealExpired));
      expect(d.outcome).to.equal(Outcome.Upheld);
    });

    it("cannot appeal after the window", async () => {
      const { id, d } = await upheldDecided();
      await time.increaseTo(d.decidedAt + DEFAULTS.appealWindow);
      await expect(f.disputes.connect(f.provider).appeal(id))
        .to.be.revertedWithCustomError(f.disputes, "DisputeUnexpectedState")
        .withArgs(id, DisputeState.Finalizable, encodeStates(DisputeState.Decided));
    });

    it("governance overturns: the ruling is applied at once", async () => {
      const { id, jobId } = await upheldDecided();
      await f.disputes.connect(f.provider).appeal(id);
      const role = await f.disputes.GOVERNANCE_ROLE();
      await expect(f.disputes.connect(f.stranger).ruleAppeal(id, Outcome.Rejected))
        .to.be.revertedWithCustomError(f.disputes, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, role);
      await expect(f.disputes.ruleAppeal(id, Outcome.None))
        .to.be.revertedWithCustomError(f.disputes, "DisputeInvalidRuling")
        .withArgs(id);
      const burned = (BOND * DEFAULTS.rejectBurnBps) / 10_000n;
      const voters = (BOND * DEFAULTS.rejectVoterBps) / 10_000n;
      const tx = f.disputes.ruleAppeal(id, Outcome.Rejected);
      await expect(tx).to.emit(f.disputes, "AppealRuled").withArgs(id, Outcome.Upheld, Outcome.Rejected);
      // Nobody voted to reject, so the voters' leg stays in the pool.
      await expect(tx)
        .to.emit(f.disputes, "DisputeFinalized")
        .withArgs(id, Outcome.Rejected, 0n, burned, BOND - burned - voters, 0n, 0n);
      expect(await f.disputes.rewardPool()).to.equal(voters);
      expect(await f.market.state(jobId)).to.not.equal(JobState.Challenged);
      expect(await f.disputes.state(id)).to.equal(DisputeState.Final);
    });

    it("finalizes the decided outcome when governance does not rule in time", async () => {
      const { id } = await upheldDecided();
      await f.disputes.connect(f.provider).appeal(id);
      const appealedAt = BigInt(await time.latest());
      await time.increaseTo(appealedAt + DEFAULTS.appealTimeout);
      expect(await f.disputes.state(id)).to.equal(DisputeState.AppealExpired);
      // The confirmed decision pays the appeal bond into the pool, which then funds the 10 QUIV voter reward.
      const tx = f.disputes.finalize(id);
      await expect(tx)
        .to.emit(f.disputes, "DisputeFinalized")
        .withArgs(id, Outcome.Upheld, BOND, 0n, 0n, DEFAULTS.upheldVoterReward, DEFAULTS.upheldVoterReward / 2n);
      await expect(tx)
        .to.emit(f.disputes, "AppealBondSettled")
        .withArgs(id, f.provider.address, 0n, 200n * QUIV);
    });
  });

  describe("reward pool", () => {
    it("is funded by anyone", async () => {
      await expect(f.disputes.connect(f.challenger).fundRewardPool(0n)).to.be.revertedWithCustomError(
        f.disputes,
        "DisputeZeroAmount",
      );
      await expect(f.disputes.connect(f.challenger).fundRewardPool(5n * QUIV))
        .to.emit(f.disputes, "RewardPoolFunded")
        .withArgs(f.challenger.address, 5n * QUIV, 5n * QUIV);
      expect(await f.disputes.state(ethers.ZeroHash)).to.equal(DisputeState.None);
    });
  });
});
