import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse, Signer } from "ethers";
import {
  DEFAULTS,
  QUIV,
  acceptedJob,
  commitVotes,
  deployMarket,
  revealVotes,
  stakeValidators,
  submittedJob,
  type MarketFixture,
} from "../fixtures/market";
import { DisputeState, Outcome, drawCommittee, penaltyUp } from "../../../sdk/quiver/core/market";
import { encodeStates } from "../../../sdk/kit/core";
import { parameterKey } from "../../../sdk/quiver/core/parameters";

const EVIDENCE = ethers.id("evidence");
const BOND = DEFAULTS.bond;
const APPEAL_BOND = 200n * QUIV;

/** Regression tests of the dispute items of the security review. */
describe("DisputeManager security review", () => {
  let f: MarketFixture;
  beforeEach(async () => {
    f = await loadFixture(deployMarket);
  });

  /** The dispute id announced by a challenge (DisputeOpened or ChallengerJoined). */
  async function idOf(tx: Promise<ContractTransactionResponse>): Promise<string> {
    const r = await (await tx).wait();
    for (const log of r!.logs) {
      const parsed = (() => {
        try {
          return f.disputes.interface.parseLog(log);
        } catch {
          return null;
        }
      })();
      if (parsed && (parsed.name === "DisputeOpened" || parsed.name === "ChallengerJoined")) return parsed.args[0];
    }
    throw new Error("no dispute event");
  }

  /** Funded signers beyond the fixture's actors, approved for the dispute manager. */
  async function extraSigners(n: number, amount = 20_000n * QUIV): Promise<Signer[]> {
    const all = await ethers.getSigners();
    const out = all.slice(13, 13 + n);
    for (const s of out) {
      await f.quiv.connect(f.team).transfer(s.address, amount);
      await f.quiv.connect(s).approve(await f.disputes.getAddress(), ethers.MaxUint256);
    }
    return out;
  }

  /** Votes, resolves and (after the appeal window) leaves the dispute Finalizable. */
  async function decide(id: string, votes: [Signer, boolean][]) {
    await commitVotes(f, id, votes);
    const d = await f.disputes.getDispute(id);
    await time.increaseTo(d.commitEndsAt);
    await revealVotes(f, id, votes);
    await time.increaseTo(d.revealEndsAt);
    await f.disputes.resolve(id);
  }

  const up = (vs: Signer[]): [Signer, boolean][] => vs.map((v) => [v, true]);

  describe("SEC-01 one bad receipt costs at most one capped slash", () => {
    it("SEC-01 six challengers of one receipt share one dispute, one slash of 10% and one challenger leg", async () => {
      const POOL = 100_000n * QUIV;
      await f.staking.setStake(f.provider.address, POOL);
      await stakeValidators(f, 3);
      const { jobId } = await submittedJob(f);
      const challengers = [f.challenger, f.consumer, ...(await extraSigners(4))];
      const ids = new Set<string>();
      for (const c of challengers)
        ids.add(await idOf(f.disputes.connect(c).challenge(jobId, ethers.id(`ev:${ids.size}`))));
      expect(ids.size, "one dispute per job").to.equal(1);
      const [id] = [...ids];
      expect(await f.disputes.challengersOf(id)).to.deep.equal(
        challengers.map((c) => (c as unknown as { address: string }).address),
      );
      expect(await f.staking.caseCount(), "one slash case").to.equal(1n);
      const before = await Promise.all(challengers.map((c) => f.quiv.balanceOf(c)));

      await decide(id, up(f.validators.slice(0, 3)));
      await time.increase(DEFAULTS.appealWindow);
      const tx = f.disputes.finalize(id);
      const slash = (POOL * DEFAULTS.slashBps) / 10_000n; // 10,000 QUIV, one incident
      // The reward pool is empty: no voter reward.
      await expect(tx)
        .to.emit(f.disputes, "DisputeFinalized")
        .withArgs(id, Outcome.Upheld, 6n * BOND, 0n, 0n, 0n, 0n);
      const splitter = (await f.disputes.getDispute(id)).rewardSplitter;
      await expect(tx).to.emit(f.disputes, "ChallengerRewardSplit").withArgs(id, splitter, 6n);
      await expect(tx).to.emit(f.staking, "MockSlashProposed").withArgs(1n, 1n, slash, splitter);
      expect(await f.staking.slashCount(), "one slash per incident").to.equal(1n);
      for (let i = 0; i < challengers.length; i++) {
        // The consumer (challengers[1]) is also refunded the job's price.
        const refund = i === 1 ? (await f.market.getJob(jobId)).price : 0n;
        expect(await f.quiv.balanceOf(challengers[i]), "bond back").to.equal(before[i] + BOND + refund);
      }

      // Staking pays the 25% challenger leg to the splitter when the slash is final; each challenger pulls 1/6.
      const leg = (slash * 2_500n) / 10_000n;
      await f.quiv.connect(f.team).transfer(splitter, leg);
      const s = await ethers.getContractAt("ChallengerRewardSplitter", splitter);
      expect(await s.terms()).to.deep.equal([await f.disputes.getAddress(), id, await f.quiv.getAddress()]);
      const share = leg / 6n;
      for (const c of challengers) {
        const a = await c.getAddress();
        await expect(s.release(a)).to.emit(s, "ChallengerRewardReleased").withArgs(a, share, share);
        await expect(s.release(a)).to.be.revertedWithCustomError(s, "SplitterNothingDue").withArgs(a);
      }
      await expect(s.release(f.provider.address))
        .to.be.revertedWithCustomError(s, "SplitterNotChallenger")
        .withArgs(f.provider.address);
      expect(await f.quiv.balanceOf(splitter), "dust below 6 wei").to.equal(leg - 6n * share);
    });

    it("SEC-01 a challenger joins only during Commit, once, up to MAX_CHALLENGERS, and not from the committee", async () => {
      await stakeValidators(f, 3);
      await f.registry.set(parameterKey("quiver.dispute.commitWindow"), 3_600n); // shorter than the dispute window
      const { jobId } = await submittedJob(f);
      const id = await idOf(f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE));
      await expect(f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE))
        .to.be.revertedWithCustomError(f.disputes, "DisputeAlreadyChallenger")
        .withArgs(id, f.challenger.address);
      const v1 = f.validators[0];
      await expect(f.disputes.connect(v1).challenge(jobId, EVIDENCE))
        .to.be.revertedWithCustomError(f.disputes, "DisputeConflictOfInterest")
        .withArgs(id, await v1.getAddress());
      const more = await extraSigners(7);
      const joiners = [f.consumer, ...more.slice(0, 6)];
      for (let i = 0; i < joiners.length; i++) {
        const a = await joiners[i].getAddress();
        await expect(f.disputes.connect(joiners[i]).challenge(jobId, ethers.id(a)))
          .to.emit(f.disputes, "ChallengerJoined")
          .withArgs(id, a, BOND, ethers.id(a), BigInt(i + 2));
        expect(await f.disputes.evidenceOf(id, a)).to.equal(ethers.id(a));
      }
      expect(await f.disputes.totalBonds()).to.equal(8n * BOND);
      await expect(f.disputes.connect(more[6]).challenge(jobId, EVIDENCE))
        .to.be.revertedWithCustomError(f.disputes, "DisputeTooManyChallengers")
        .withArgs(id, 8n);
      await time.increaseTo((await f.disputes.getDispute(id)).commitEndsAt);
      await expect(f.disputes.connect(more[6]).challenge(jobId, EVIDENCE))
        .to.be.revertedWithCustomError(f.disputes, "DisputeUnexpectedState")
        .withArgs(id, DisputeState.Reveal, encodeStates(DisputeState.Commit));
    });

    it("SEC-01 the accused cannot challenge its own receipt; a challenger joins after the window while in Commit", async () => {
      await stakeValidators(f, 3);
      await f.quiv.connect(f.team).transfer(f.provider.address, 1_000n * QUIV);
      await f.quiv.connect(f.provider).approve(await f.disputes.getAddress(), ethers.MaxUint256);
      const { jobId, submittedAt } = await submittedJob(f);
      const id = ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [jobId]));
      await expect(f.disputes.connect(f.provider).challenge(jobId, EVIDENCE))
        .to.be.revertedWithCustomError(f.disputes, "DisputeConflictOfInterest")
        .withArgs(id, f.provider.address);
      // A late opener one second before the window closes does not shut others out.
      await time.setNextBlockTimestamp(submittedAt + DEFAULTS.disputeWindow - 1n);
      await f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE);
      await expect(f.disputes.connect(f.consumer).challenge(jobId, EVIDENCE))
        .to.emit(f.disputes, "ChallengerJoined")
        .withArgs(id, f.consumer.address, BOND, EVIDENCE, 2n);
      await expect(f.disputes.connect(f.provider).challenge(jobId, EVIDENCE))
        .to.be.revertedWithCustomError(f.disputes, "DisputeConflictOfInterest")
        .withArgs(id, f.provider.address);
    });

    it("SEC-01 a rejected dispute forfeits every challenger's bond with one FeeSplit", async () => {
      await stakeValidators(f, 3);
      const { jobId } = await submittedJob(f);
      const id = await idOf(f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE));
      const [second] = await extraSigners(1);
      await f.disputes.connect(second).challenge(jobId, EVIDENCE);
      await decide(
        id,
        f.validators.slice(0, 3).map((v) => [v, false]),
      );
      await time.increase(DEFAULTS.appealWindow);
      const total = 2n * BOND;
      const burned = (total * DEFAULTS.rejectBurnBps) / 10_000n;
      const voters = (total * DEFAULTS.rejectVoterBps) / 10_000n;
      const perVoter = voters / 3n;
      await expect(f.disputes.finalize(id))
        .to.emit(f.disputes, "DisputeFinalized")
        .withArgs(id, Outcome.Rejected, 0n, burned, total - burned - voters, perVoter * 3n, perVoter);
      expect(await f.disputes.totalBonds()).to.equal(0n);
    });
  });

  describe("SEC-02 a provider cannot escape by withdrawing before it submits", () => {
    it("SEC-02 a provider below the job's tier or without slashable stake cannot submit", async () => {
      const { jobId } = await acceptedJob(f);
      await f.staking.setTier(f.provider.address, 0);
      await expect(f.market.connect(f.provider).submit(jobId, ethers.id("o"), ethers.id("r")))
        .to.be.revertedWithCustomError(f.market, "MarketTierTooLow")
        .withArgs(jobId, f.provider.address, 0, 1);
      await f.staking.setTier(f.provider.address, 2);
      await f.staking.setStake(f.provider.address, 0n);
      await expect(f.market.connect(f.provider).submit(jobId, ethers.id("o"), ethers.id("r")))
        .to.be.revertedWithCustomError(f.market, "MarketNothingSlashable")
        .withArgs(jobId, f.provider.address);
    });

    it("SEC-02 an upheld dispute refunds the consumer when nothing is left to slash", async () => {
      await stakeValidators(f, 3);
      const { jobId, price } = await submittedJob(f);
      await f.staking.setStake(f.provider.address, 0n);
      const id = await idOf(f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE));
      await decide(id, up(f.validators.slice(0, 3)));
      await time.increase(DEFAULTS.appealWindow);
      const tx = f.disputes.finalize(id);
      await expect(tx).to.emit(f.market, "JobRefunded").withArgs(jobId, f.consumer.address, price);
      await expect(tx).to.emit(f.staking, "MockCaseClosed").withArgs(1n);
      await expect(tx).to.not.emit(f.staking, "MockSlashProposed");
      await expect(tx).to.changeTokenBalances(f.quiv, [f.consumer, f.challenger], [price, BOND]);
    });
  });

  describe("SEC-03 only the losing party appeals, with a bond", () => {
    async function decided(votes: boolean[] | null) {
      await stakeValidators(f, 3);
      await f.quiv.connect(f.team).transfer(f.provider.address, 1_000n * QUIV);
      await f.quiv.connect(f.provider).approve(await f.disputes.getAddress(), ethers.MaxUint256);
      const { jobId } = await submittedJob(f);
      const id = await idOf(f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE));
      if (votes === null) {
        const d = await f.disputes.getDispute(id);
        await time.increaseTo(d.revealEndsAt);
        await f.disputes.resolve(id);
      } else
        await decide(
          id,
          f.validators.slice(0, votes.length).map((v, i) => [v, votes[i]]),
        );
      return id;
    }

    it("SEC-03 nobody appeals a draw", async () => {
      const id = await decided(null);
      for (const who of [f.challenger, f.provider]) {
        await expect(f.disputes.connect(who).appeal(id))
          .to.be.revertedWithCustomError(f.disputes, "DisputeNotAppellant")
          .withArgs(id, who.address, Outcome.Drawn);
      }
    });

    it("SEC-03 a rejected dispute is appealed by a challenger only, and the bond comes back if overturned", async () => {
      const id = await decided([false, false, false]);
      await expect(f.disputes.connect(f.provider).appeal(id))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNotAppellant")
        .withArgs(id, f.provider.address, Outcome.Rejected);
      const tx = f.disputes.connect(f.challenger).appeal(id);
      await expect(tx).to.emit(f.disputes, "DisputeAppealed").withArgs(id, f.challenger.address, APPEAL_BOND);
      await expect(tx).to.changeTokenBalances(f.quiv, [f.challenger, f.disputes], [-APPEAL_BOND, APPEAL_BOND]);
      expect(await f.disputes.totalBonds()).to.equal(BOND + APPEAL_BOND);
      const rule = f.disputes.connect(f.deployer).ruleAppeal(id, Outcome.Upheld);
      await expect(rule).to.emit(f.disputes, "AppealBondSettled").withArgs(id, f.challenger.address, APPEAL_BOND, 0n);
      await expect(rule).to.changeTokenBalance(f.quiv, f.challenger, BOND + APPEAL_BOND);
      expect(await f.disputes.totalBonds()).to.equal(0n);
    });

    it("SEC-03 an upheld dispute is appealed by the provider only; a confirmed decision pays the bond to the pool", async () => {
      const id = await decided([true, true, true]);
      await expect(f.disputes.connect(f.challenger).appeal(id))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNotAppellant")
        .withArgs(id, f.challenger.address, Outcome.Upheld);
      await f.disputes.connect(f.provider).appeal(id);
      const d = await f.disputes.getDispute(id);
      expect(d.appellant).to.equal(f.provider.address);
      await time.increaseTo(d.appealedAt + d.appealTimeout);
      const pool = await f.disputes.rewardPool();
      const tx = f.disputes.finalize(id);
      await expect(tx).to.emit(f.disputes, "AppealBondSettled").withArgs(id, f.provider.address, 0n, APPEAL_BOND);
      // The pool was empty: the appeal bond joins it and the upheld voter reward (10 QUIV) comes out of it.
      expect(await f.disputes.rewardPool()).to.equal(pool + APPEAL_BOND - 10n * QUIV + ((10n * QUIV) % 3n));
    });
  });

  describe("SEC-04 idle validators cannot make a dispute draw", () => {
    it("SEC-04 the committee decides: idle validators staked by the accused are drawn or not, and pay if absent", async () => {
      await stakeValidators(f, 4); // v4 is idle
      const idle = [f.validators[3], ...(await extraSigners(3))];
      for (const s of idle.slice(1)) await f.disputes.connect(s).stakeAsValidator(DEFAULTS.validatorMinStake);
      const honest = f.validators.slice(0, 3);
      const { jobId } = await submittedJob(f);
      const id = ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [jobId]));
      const active: string[] = [];
      for (let i = 0n; i < (await f.disputes.activeValidatorCount()); i++)
        active.push(await f.disputes.activeValidatorAt(i));
      const honestAddrs = await Promise.all(honest.map((v) => v.getAddress()));
      const excluded = [f.provider.address, f.challenger.address, f.consumer.address];
      // Choose a prevrandao under which all three honest validators are drawn (a 2-of-4 idle committee).
      let r = 1n;
      let committee = drawCommittee(r, id, active, 5, excluded);
      while (!honestAddrs.every((a) => committee.includes(a))) committee = drawCommittee(++r, id, active, 5, excluded);
      await network.provider.send("hardhat_setPrevRandao", [ethers.toBeHex(r, 32)]);
      await expect(f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE))
        .to.emit(f.disputes, "CommitteeDrawn")
        .withArgs(id, committee, 3n);
      for (const a of active) expect(await f.disputes.isCommitteeMember(id, a)).to.equal(committee.includes(a));
      const idleOut = idle.find((s) => !committee.includes((s as unknown as { address: string }).address))!;
      await expect(f.disputes.connect(idleOut).commitVote(id, ethers.id("x")))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNotCommitteeMember")
        .withArgs(id, await idleOut.getAddress());

      await decide(id, up(honest));
      expect((await f.disputes.getDispute(id)).outcome, "3 of 3 votes uphold").to.equal(Outcome.Upheld);
      const penalty = penaltyUp(DEFAULTS.validatorMinStake, DEFAULTS.nonRevealPenaltyBps);
      for (const a of committee.filter((x) => !honestAddrs.includes(x))) {
        await expect(f.disputes.penalizeNonCommit(id, a))
          .to.emit(f.disputes, "ValidatorPenalized")
          .withArgs(id, a, penalty);
        expect((await f.disputes.getValidator(a)).stake).to.equal(DEFAULTS.validatorMinStake - penalty);
      }
      await expect(f.disputes.penalizeNonCommit(id, honestAddrs[0]))
        .to.be.revertedWithCustomError(f.disputes, "DisputeAlreadyCommitted")
        .withArgs(id, honestAddrs[0]);
      await expect(f.disputes.penalizeNonCommit(id, await idleOut.getAddress()))
        .to.be.revertedWithCustomError(f.disputes, "DisputeNotCommitteeMember")
        .withArgs(id, await idleOut.getAddress());
    });

    it("SEC-04 without eligible validators the committee is empty and the dispute draws", async () => {
      const { jobId } = await submittedJob(f);
      const id = ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256"], [jobId]));
      await expect(f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE))
        .to.emit(f.disputes, "CommitteeDrawn")
        .withArgs(id, [], 1n);
      const d = await f.disputes.getDispute(id);
      await time.increaseTo(d.revealEndsAt);
      await f.disputes.resolve(id);
      expect((await f.disputes.getDispute(id)).outcome).to.equal(Outcome.Drawn);
    });

    it("SEC-04 an absent member is penalised once, after Commit only, and its seat keeps the stake locked", async () => {
      await stakeValidators(f, 2);
      const { jobId } = await submittedJob(f);
      const id = await idOf(f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE));
      const [v1] = f.validators;
      const a1 = await v1.getAddress();
      expect((await f.disputes.getValidator(a1)).openCommits, "a seat").to.equal(1n);
      await expect(f.disputes.penalizeNonCommit(id, a1))
        .to.be.revertedWithCustomError(f.disputes, "DisputeUnexpectedState")
        .withArgs(
          id,
          DisputeState.Commit,
          encodeStates(
            DisputeState.Reveal,
            DisputeState.Tally,
            DisputeState.Decided,
            DisputeState.Finalizable,
            DisputeState.Appealed,
            DisputeState.AppealExpired,
            DisputeState.Final,
          ),
        );
      await f.disputes.connect(v1).requestValidatorExit();
      await time.increase(DEFAULTS.validatorUnbonding);
      await expect(f.disputes.connect(v1).withdrawValidatorStake()).to.be.revertedWithCustomError(
        f.disputes,
        "DisputeStakeLocked",
      );
      await f.disputes.penalizeNonCommit(id, a1);
      await expect(f.disputes.penalizeNonCommit(id, a1))
        .to.be.revertedWithCustomError(f.disputes, "DisputeVoteSettled")
        .withArgs(id, a1);
      const penalty = penaltyUp(DEFAULTS.validatorMinStake, DEFAULTS.nonRevealPenaltyBps);
      await expect(f.disputes.connect(v1).withdrawValidatorStake())
        .to.emit(f.disputes, "ValidatorWithdrawn")
        .withArgs(a1, DEFAULTS.validatorMinStake - penalty);
      await expect(f.disputes.connect(v1).requestValidatorExit())
        .to.be.revertedWithCustomError(f.disputes, "DisputeValidatorExiting")
        .withArgs(a1, 0n);
    });

    it("SEC-04 a validator penalised below the minimum stops counting and can still exit", async () => {
      await stakeValidators(f, 3);
      const { jobId } = await submittedJob(f);
      const id = await idOf(f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE));
      const [v1, v2, v3] = f.validators;
      await commitVotes(f, id, up([v1, v2, v3]));
      const d = await f.disputes.getDispute(id);
      await time.increaseTo(d.commitEndsAt);
      await revealVotes(f, id, up([v1, v2]));
      await time.increaseTo(d.revealEndsAt);
      const a3 = await v3.getAddress();
      const penalty = penaltyUp(DEFAULTS.validatorMinStake, DEFAULTS.nonRevealPenaltyBps);
      await expect(f.disputes.penalizeNonReveal(id, a3))
        .to.emit(f.disputes, "ValidatorDeactivated")
        .withArgs(a3, DEFAULTS.validatorMinStake - penalty, DEFAULTS.validatorMinStake);
      expect(await f.disputes.activeValidatorCount()).to.equal(2n);
      expect((await f.disputes.getValidator(a3)).active).to.equal(false);
      // Topping up re-enters the active set; exiting is possible either way.
      await f.disputes.connect(v3).stakeAsValidator(penalty);
      expect(await f.disputes.activeValidatorCount()).to.equal(3n);
      await f.disputes.connect(v3).requestValidatorExit();
      expect(await f.disputes.activeValidatorCount()).to.equal(2n);
      await time.increase(DEFAULTS.validatorUnbonding);
      await expect(f.disputes.connect(v3).withdrawValidatorStake())
        .to.emit(f.disputes, "ValidatorWithdrawn")
        .withArgs(a3, DEFAULTS.validatorMinStake);
    });
  });

  describe("conflicts and repeated refunds (security review, extra items)", () => {
    it("a validator who is the job's consumer cannot vote on a dispute of that job", async () => {
      await stakeValidators(f, 3);
      await f.disputes.connect(f.consumer).stakeAsValidator(DEFAULTS.validatorMinStake);
      const { jobId } = await submittedJob(f);
      const id = await idOf(f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE));
      expect(await f.disputes.isCommitteeMember(id, f.consumer.address)).to.equal(false);
      await expect(f.disputes.connect(f.consumer).commitVote(id, ethers.id("x")))
        .to.be.revertedWithCustomError(f.disputes, "DisputeConflictOfInterest")
        .withArgs(id, f.consumer.address);
    });

    it("a receipt of a settled job can be challenged for a slash only, never for a refund", async () => {
      await stakeValidators(f, 3);
      const { jobId } = await submittedJob(f);
      await f.market.connect(f.consumer).confirm(jobId);
      const id = await idOf(f.disputes.connect(f.challenger).challenge(jobId, EVIDENCE));
      expect((await f.disputes.getDispute(id)).jobLocked).to.equal(false);
      await decide(id, up(f.validators.slice(0, 3)));
      await time.increase(DEFAULTS.appealWindow);
      const escrow = await f.market.totalEscrowed();
      const tx = f.disputes.finalize(id);
      await expect(tx).to.emit(f.staking, "MockSlashProposed");
      await expect(tx).to.not.emit(f.market, "JobRefunded");
      await expect(tx).to.changeTokenBalance(f.quiv, f.consumer, 0n);
      expect(await f.market.totalEscrowed()).to.equal(escrow);
      // The incident is closed: the job's one dispute is final, so no second challenge can refund anything.
      await expect(f.disputes.connect(f.consumer).challenge(jobId, EVIDENCE)).to.be.reverted;
    });
  });
});
