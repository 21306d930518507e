import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployStaking, QUIV, DAY } from "../fixtures/staking";
import { toTokensDown } from "../../../sdk/kit/core/staking";
import { setBoundsUnfrozen } from "../../helpers/registry";
import { maxSlash, slashParts } from "../../../sdk/quiver";
import { CaseState as S, encodeStates } from "../../../sdk/kit/core";

describe("ProviderStaking slashing", () => {
  /**
   * alice: provider with 10,000 self stake; carol delegates 30,000 then unbonds 10,000. Bonded 30,000,
   * unbonding 10,000: slashable 40,000.
   */
  async function fixture() {
    const f = await deployStaking();
    await f.staking.connect(f.alice).registerProvider(1_000n);
    await f.staking.connect(f.alice).stake(10_000n * QUIV);
    await f.staking.connect(f.carol).delegateStake(f.alice.address, 30_000n * QUIV);
    await f.staking.connect(f.carol).unbond(f.alice.address, 10_000n * QUIV);
    return f;
  }

  async function opened() {
    const f = await loadFixture(fixture);
    await f.staking.connect(f.slasher).openSlashCase(f.alice.address, 0);
    return { ...f, caseId: 1n };
  }

  async function proposed(amount = 8_000n * QUIV) {
    const f = await opened();
    const tx = await f.staking.connect(f.slasher).proposeSlash(f.caseId, amount, f.challenger.address);
    const t = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
    return { ...f, appealEndsAt: t + 3n * DAY, amount };
  }

  describe("openSlashCase", () => {
    it("snapshots bonded + unbonding stake and returns the case id", async () => {
      const { staking, slasher, alice } = await loadFixture(fixture);
      const [caseId, snapshot] = await staking.connect(slasher).openSlashCase.staticCall(alice.address, 0);
      expect(caseId).to.equal(1n);
      expect(snapshot).to.equal(40_000n * QUIV);
      await expect(staking.connect(slasher).openSlashCase(alice.address, 0))
        .to.emit(staking, "SlashCaseOpened")
        .withArgs(1n, alice.address, 40_000n * QUIV);
      expect(await staking.caseState(1n)).to.equal(S.Open);
      expect((await staking.poolOf(alice.address)).openCases).to.equal(1);
    });

    it("rejects a non-provider", async () => {
      const { staking, slasher, bob } = await loadFixture(fixture);
      await expect(staking.connect(slasher).openSlashCase(bob.address, 0))
        .to.be.revertedWithCustomError(staking, "StakingNotProvider")
        .withArgs(bob.address);
    });
  });

  describe("given an open case (dispute lock, DSP-09)", () => {
    it("freezes withdrawals of the provider's pool, even when unlocked", async () => {
      const { staking, carol, alice } = await opened();
      await time.increase(14n * DAY);
      await expect(staking.connect(carol).withdraw(0n))
        .to.be.revertedWithCustomError(staking, "StakingFrozenByDispute")
        .withArgs(alice.address, 1n);
    });

    it("rejects new stake and delegation into the pool", async () => {
      const { staking, alice, dave } = await opened();
      await expect(staking.connect(alice).stake(QUIV))
        .to.be.revertedWithCustomError(staking, "StakingFrozenByDispute")
        .withArgs(alice.address, 1n);
      await expect(staking.connect(dave).delegateStake(alice.address, QUIV))
        .to.be.revertedWithCustomError(staking, "StakingFrozenByDispute")
        .withArgs(alice.address, 1n);
    });

    it("still lets stakers unbond (the stake stays slashable)", async () => {
      const { staking, alice } = await opened();
      await expect(staking.connect(alice).unbond(alice.address, 5_000n * QUIV)).to.emit(staking, "UnbondingStarted");
    });

    it("closing it without a slash unfreezes withdrawals", async () => {
      const { staking, slasher, carol, alice, caseId } = await opened();
      await expect(staking.connect(slasher).closeSlashCase(caseId))
        .to.emit(staking, "SlashCaseClosed")
        .withArgs(caseId, alice.address);
      expect(await staking.caseState(caseId)).to.equal(S.Closed);
      await time.increase(14n * DAY);
      await expect(staking.connect(carol).withdraw(0n))
        .to.emit(staking, "Withdrawn")
        .withArgs(carol.address, alice.address, 0n, 10_000n * QUIV);
    });
  });

  describe("proposeSlash", () => {
    it("caps a proposal 1 wei above 50% of the snapshot at exactly 50% (SEC-05)", async () => {
      const { staking, slasher, challenger, caseId, alice } = await opened();
      expect(maxSlash(40_000n * QUIV, 5_000n)).to.equal(20_000n * QUIV);
      const t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t); // pinned: on a loaded machine the next block may be seconds later
      await expect(staking.connect(slasher).proposeSlash(caseId, 20_000n * QUIV + 1n, challenger.address))
        .to.emit(staking, "SlashProposed")
        .withArgs(caseId, alice.address, 20_000n * QUIV, challenger.address, t + 3n * DAY);
    });

    it("caps on the snapshot, not on stake that left the bonded pool after opening", async () => {
      const { staking, slasher, challenger, alice, caseId } = await opened();
      await staking.connect(alice).unbond(alice.address, 10_000n * QUIV);
      await expect(staking.connect(slasher).proposeSlash(caseId, 20_000n * QUIV, challenger.address)).to.emit(
        staking,
        "SlashProposed",
      );
    });

    it("emits the appeal end and moves the case to Appealing", async () => {
      const { staking, slasher, challenger, alice, caseId } = await opened();
      const tx = await staking.connect(slasher).proposeSlash(caseId, 8_000n * QUIV, challenger.address);
      const t = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      await expect(tx)
        .to.emit(staking, "SlashProposed")
        .withArgs(caseId, alice.address, 8_000n * QUIV, challenger.address, t + 3n * DAY);
      expect(await staking.caseState(caseId)).to.equal(S.Appealing);
      const c = await staking.slashCase(caseId);
      expect(c.amount).to.equal(8_000n * QUIV);
      expect(c.appealEndsAt).to.equal(t + 3n * DAY);
    });

    it("rejects zero, a zero challenger, an unknown case and a second proposal", async () => {
      const { staking, slasher, challenger, caseId } = await opened();
      await expect(staking.connect(slasher).proposeSlash(caseId, 0n, challenger.address)).to.be.revertedWithCustomError(
        staking,
        "StakingZeroAmount",
      );
      await expect(staking.connect(slasher).proposeSlash(caseId, 1n, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        staking,
        "StakingZeroAddress",
      );
      await expect(staking.connect(slasher).proposeSlash(9n, 1n, challenger.address))
        .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
        .withArgs(9n, S.None, encodeStates(S.Open));
      await staking.connect(slasher).proposeSlash(caseId, 1n, challenger.address);
      await expect(staking.connect(slasher).proposeSlash(caseId, 1n, challenger.address))
        .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
        .withArgs(caseId, S.Appealing, encodeStates(S.Open));
      await expect(staking.connect(slasher).closeSlashCase(caseId))
        .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
        .withArgs(caseId, S.Appealing, encodeStates(S.Open));
    });
  });

  describe("given a pending slash of 8,000 QUIV", () => {
    it("cannot be finalized before the appeal window ends (at end-1), can at the end", async () => {
      const { staking, stranger, caseId, appealEndsAt } = await proposed();
      await time.setNextBlockTimestamp(appealEndsAt - 1n);
      await expect(staking.connect(stranger).finalizeSlash(caseId))
        .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
        .withArgs(caseId, S.Appealing, encodeStates(S.Finalizable));
      await time.setNextBlockTimestamp(appealEndsAt);
      await expect(staking.connect(stranger).finalizeSlash(caseId)).to.emit(staking, "SlashFinalized");
      expect(await staking.caseState(caseId)).to.equal(S.Executed);
    });

    it("finalizes pro rata over bonded and unbonding stake and splits 25/25/50, to the wei", async () => {
      const { staking, quiv, stranger, challenger, insurance, alice, carol, caseId, appealEndsAt } = await proposed();
      await time.increaseTo(appealEndsAt);
      const supply = await quiv.totalSupply();
      const { fromBonded, fromUnbonding } = slashParts(8_000n * QUIV, 30_000n * QUIV, 10_000n * QUIV);
      expect(fromBonded).to.equal(6_000n * QUIV);
      await expect(staking.connect(stranger).finalizeSlash(caseId))
        .to.emit(staking, "SlashFinalized")
        .withArgs(caseId, alice.address, 8_000n * QUIV, 2_000n * QUIV, 2_000n * QUIV, 4_000n * QUIV);
      expect(await quiv.balanceOf(challenger.address)).to.equal(2_000n * QUIV);
      expect(await quiv.balanceOf(insurance.address)).to.equal(2_000n * QUIV);
      expect(await quiv.totalSupply()).to.equal(supply - 4_000n * QUIV);
      const p = await staking.poolOf(alice.address);
      expect(p.bondedTokens).to.equal(24_000n * QUIV);
      expect(p.unbondingTokens).to.equal(10_000n * QUIV - fromUnbonding);
      // every bonded position and every unbonding entry lost 20%, rounded down
      expect(await staking.stakeOf(alice.address, alice.address)).to.equal(
        toTokensDown(10_000n * QUIV * 1_000_000n, p.bondedTokens, p.bondedShares),
      );
      expect(await staking.stakeOf(alice.address, alice.address)).to.be.within(8_000n * QUIV - 1n, 8_000n * QUIV);
      expect(await staking.unbondingValue(carol.address, 0n)).to.be.within(8_000n * QUIV - 1n, 8_000n * QUIV);
      expect(await staking.tierOf(alice.address)).to.equal(2);
      const [bonded, unbonding] = await staking.totals();
      expect(bonded + unbonding).to.equal(32_000n * QUIV);
    });

    it("lowers the reputation by 100 points (floored at 0) and unfreezes the pool", async () => {
      const { staking, market, stranger, alice, carol, caseId, appealEndsAt } = await proposed();
      for (let i = 0; i < 3; i++) await staking.connect(market).recordJobCompleted(alice.address);
      await time.increaseTo(appealEndsAt);
      await expect(staking.connect(stranger).finalizeSlash(caseId))
        .to.emit(staking, "ReputationChanged")
        .withArgs(alice.address, 3n, 0n);
      await time.increase(14n * DAY);
      await expect(staking.connect(carol).withdraw(0n)).to.emit(staking, "Withdrawn");
    });

    it("can be overturned by governance during the window: nothing is taken", async () => {
      const { staking, deployer, alice, caseId, amount } = await proposed();
      await expect(staking.connect(deployer).overturnSlash(caseId))
        .to.emit(staking, "SlashOverturned")
        .withArgs(caseId, alice.address, amount);
      expect(await staking.caseState(caseId)).to.equal(S.Overturned);
      expect((await staking.poolOf(alice.address)).bondedTokens).to.equal(30_000n * QUIV);
      expect((await staking.poolOf(alice.address)).openCases).to.equal(0);
      await expect(staking.finalizeSlash(caseId))
        .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
        .withArgs(caseId, S.Overturned, encodeStates(S.Finalizable));
    });

    it("cannot be overturned once the window is over (final)", async () => {
      const { staking, deployer, caseId, appealEndsAt } = await proposed();
      await time.increaseTo(appealEndsAt);
      await expect(staking.connect(deployer).overturnSlash(caseId))
        .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
        .withArgs(caseId, S.Finalizable, encodeStates(S.Appealing, S.Appealed));
    });

    describe("when the provider appeals inside the window", () => {
      async function appealed() {
        const f = await proposed();
        const tx = await f.staking.connect(f.alice).appealSlash(f.caseId);
        const t = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
        return { ...f, decideBy: t + 21n * DAY };
      }

      it("emits SlashAppealed with governance's 21-day deadline and holds the slash past the 3-day window", async () => {
        const { staking, alice, caseId, decideBy, appealEndsAt } = await appealed();
        await expect(staking.queryFilter(staking.filters.SlashAppealed(caseId))).to.eventually.have.length(1);
        const [ev] = await staking.queryFilter(staking.filters.SlashAppealed(caseId));
        expect([ev.args.provider, ev.args.decideBy]).to.deep.equal([alice.address, decideBy]);
        await time.increaseTo(appealEndsAt + DAY);
        expect(await staking.caseState(caseId)).to.equal(S.Appealed);
        await expect(staking.finalizeSlash(caseId))
          .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
          .withArgs(caseId, S.Appealed, encodeStates(S.Finalizable));
      });

      it("lets governance overturn it after the original window (a full proposal fits)", async () => {
        const { staking, deployer, alice, caseId, amount, appealEndsAt } = await appealed();
        await time.increaseTo(appealEndsAt + 10n * DAY);
        await expect(staking.connect(deployer).overturnSlash(caseId))
          .to.emit(staking, "SlashOverturned")
          .withArgs(caseId, alice.address, amount);
        expect((await staking.poolOf(alice.address)).openCases).to.equal(0);
      });

      it("lets governance dismiss the appeal, which makes the slash final at once", async () => {
        const { staking, deployer, alice, stranger, caseId } = await appealed();
        await expect(staking.connect(deployer).dismissAppeal(caseId))
          .to.emit(staking, "SlashAppealDismissed")
          .withArgs(caseId, alice.address);
        expect(await staking.caseState(caseId)).to.equal(S.Finalizable);
        await expect(staking.connect(stranger).finalizeSlash(caseId)).to.emit(staking, "SlashFinalized");
      });

      it("lets the original slash stand when governance does not rule by the deadline (deadline-1 / deadline)", async () => {
        const { staking, deployer, stranger, caseId, decideBy } = await appealed();
        await time.setNextBlockTimestamp(decideBy - 1n);
        await expect(staking.connect(stranger).finalizeSlash(caseId)).to.be.revertedWithCustomError(
          staking,
          "StakingUnexpectedCaseState",
        );
        await time.increaseTo(decideBy);
        expect(await staking.caseState(caseId)).to.equal(S.Finalizable);
        await expect(staking.connect(deployer).overturnSlash(caseId)).to.be.revertedWithCustomError(
          staking,
          "StakingUnexpectedCaseState",
        );
        await expect(staking.connect(stranger).finalizeSlash(caseId)).to.emit(staking, "SlashFinalized");
      });

      it("cannot be appealed twice, by anyone but the provider, or after the window", async () => {
        const f = await proposed();
        const { staking, alice, carol, stranger, deployer, caseId, appealEndsAt } = f;
        await expect(staking.connect(carol).appealSlash(caseId))
          .to.be.revertedWithCustomError(staking, "StakingNotAppellant")
          .withArgs(caseId, carol.address, alice.address);
        await expect(staking.connect(stranger).dismissAppeal(caseId))
          .to.be.revertedWithCustomError(staking, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, await staking.APPEAL_ROLE());
        await expect(staking.connect(deployer).dismissAppeal(caseId))
          .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
          .withArgs(caseId, S.Appealing, encodeStates(S.Appealed));
        await time.increaseTo(appealEndsAt);
        await expect(staking.connect(alice).appealSlash(caseId))
          .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
          .withArgs(caseId, S.Finalizable, encodeStates(S.Appealing));
      });

      it("rejects a second appeal", async () => {
        const { staking, alice, caseId } = await appealed();
        await expect(staking.connect(alice).appealSlash(caseId))
          .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
          .withArgs(caseId, S.Appealed, encodeStates(S.Appealing));
      });
    });

    it("caps an overlapping slash at what is left slashable", async () => {
      const f = await loadFixture(fixture);
      const { staking, slasher, challenger, alice } = f;
      await staking.connect(slasher).openSlashCase(alice.address, 0);
      await staking.connect(slasher).openSlashCase(alice.address, 0);
      await staking.connect(slasher).openSlashCase(alice.address, 0);
      for (const id of [1n, 2n, 3n])
        await staking.connect(slasher).proposeSlash(id, 20_000n * QUIV, challenger.address);
      await time.increase(3n * DAY);
      await staking.finalizeSlash(1n);
      await staking.finalizeSlash(2n);
      await expect(staking.finalizeSlash(3n))
        .to.emit(staking, "SlashFinalized")
        .withArgs(3n, alice.address, 0n, 0n, 0n, 0n);
      const [bonded, unbonding] = await staking.totals();
      expect(bonded + unbonding).to.equal(0n);
    });
  });

  describe("after a 100% slash", () => {
    it("keeps a consistent state: new delegators are not diluted by the worthless old shares", async () => {
      const { staking, registry, deployer, slasher, challenger, alice, dave, carol } = await loadFixture(fixture);
      const key = ethers.id("quiver.staking.maxSlashBps");
      await registry.connect(deployer).set(key, 6_000n);
      await time.increase(31n * DAY);
      await registry.connect(deployer).set(key, 7_000n);
      await staking.connect(slasher).openSlashCase(alice.address, 0);
      await staking.connect(slasher).proposeSlash(1n, 28_000n * QUIV, challenger.address);
      await staking.connect(slasher).openSlashCase(alice.address, 0);
      await staking.connect(slasher).proposeSlash(2n, 28_000n * QUIV, challenger.address);
      await time.increase(3n * DAY);
      await staking.finalizeSlash(1n);
      await staking.finalizeSlash(2n);
      expect((await staking.poolOf(alice.address)).bondedTokens).to.equal(0n);
      expect(await staking.tierOf(alice.address)).to.equal(0);
      await staking.connect(dave).delegateStake(alice.address, 1_000n * QUIV);
      expect(await staking.stakeOf(alice.address, dave.address)).to.be.within(1_000n * QUIV - 1n, 1_000n * QUIV);
      // carol's unbonding entry had matured (31 days) when the cases opened: it is not slashed (SEC-06)
      await expect(staking.connect(carol).withdraw(0n))
        .to.emit(staking, "Withdrawn")
        .withArgs(carol.address, alice.address, 0n, 10_000n * QUIV);
    });
  });

  describe("given a provider with 101 reputation points", () => {
    it("an executed slash leaves 1 point", async () => {
      const { staking, market, alice, caseId, appealEndsAt } = await proposed();
      for (let i = 0; i < 101; i++) await staking.connect(market).recordJobCompleted(alice.address);
      await time.increaseTo(appealEndsAt);
      await expect(staking.finalizeSlash(caseId))
        .to.emit(staking, "ReputationChanged")
        .withArgs(alice.address, 101n, 1n);
    });
  });

  describe("given slash shares misconfigured above 100% by a bounds change", () => {
    it("finalizeSlash reverts with FeeSplitSharesNotWhole and leaves the case finalizable", async () => {
      const { staking, registry, deployer, caseId, appealEndsAt } = await proposed();
      const c = ethers.id("quiver.staking.slashChallengerBps");
      const i = ethers.id("quiver.staking.slashInsuranceBps");
      for (const key of [c, i]) {
        await setBoundsUnfrozen(registry.connect(deployer), key, 0n, 10_000n, 10_000n, 86_400);
        await registry.connect(deployer).set(key, 6_000n);
      }
      await time.increaseTo(appealEndsAt);
      const lib = await ethers.getContractAt("IFeeSplit", await staking.getAddress());
      await expect(staking.finalizeSlash(caseId))
        .to.be.revertedWithCustomError(lib, "FeeSplitSharesNotWhole")
        .withArgs(12_000n);
      expect(await staking.caseState(caseId)).to.equal(S.Finalizable);
    });
  });

  describe("recordJobCompleted", () => {
    it("raises the reputation by 1 and rejects non-providers", async () => {
      const { staking, market, alice, bob } = await loadFixture(fixture);
      await expect(staking.connect(market).recordJobCompleted(alice.address))
        .to.emit(staking, "ReputationChanged")
        .withArgs(alice.address, 0n, 1n);
      expect(await staking.reputationOf(alice.address)).to.equal(1n);
      await expect(staking.connect(market).recordJobCompleted(bob.address))
        .to.be.revertedWithCustomError(staking, "StakingNotProvider")
        .withArgs(bob.address);
    });
  });

  describe("staked votes after a slash", () => {
    it("keep the last-touch value until synced, then drop by the slashed fraction", async () => {
      const { staking, stranger, alice, caseId, appealEndsAt } = await proposed();
      await time.increaseTo(appealEndsAt);
      await staking.finalizeSlash(caseId);
      expect(await staking.getVotes(alice.address)).to.equal(10_000n * QUIV);
      await staking.connect(stranger).syncVotes(alice.address, alice.address);
      expect(await staking.getVotes(alice.address)).to.equal(await staking.stakeOf(alice.address, alice.address));
    });
  });

  describe("access control", () => {
    it("rejects every restricted function from a stranger with the exact error", async () => {
      const { staking, stranger, alice } = await loadFixture(fixture);
      const slasherRole = await staking.SLASHER_ROLE();
      const marketRole = await staking.MARKET_ROLE();
      const appealRole = await staking.APPEAL_ROLE();
      const adminRole = await staking.DEFAULT_ADMIN_ROLE();
      const s = staking.connect(stranger);
      const err = "AccessControlUnauthorizedAccount";
      await expect(s.openSlashCase(alice.address, 0))
        .to.be.revertedWithCustomError(staking, err)
        .withArgs(stranger.address, slasherRole);
      await expect(s.proposeSlash(1n, 1n, stranger.address))
        .to.be.revertedWithCustomError(staking, err)
        .withArgs(stranger.address, slasherRole);
      await expect(s.closeSlashCase(1n))
        .to.be.revertedWithCustomError(staking, err)
        .withArgs(stranger.address, slasherRole);
      await expect(s.recordJobCompleted(alice.address))
        .to.be.revertedWithCustomError(staking, err)
        .withArgs(stranger.address, marketRole);
      await expect(s.overturnSlash(1n))
        .to.be.revertedWithCustomError(staking, err)
        .withArgs(stranger.address, appealRole);
      await expect(s.setInsuranceFund(stranger.address))
        .to.be.revertedWithCustomError(staking, err)
        .withArgs(stranger.address, adminRole);
    });

    it("lets a second slasher open its own case beside the first, and no longer once its role is revoked", async () => {
      const { staking, deployer, slasher, stranger, alice, challenger } = await loadFixture(fixture);
      const role = await staking.SLASHER_ROLE();
      await staking.connect(deployer).grantRole(role, stranger.address);
      await expect(staking.connect(slasher).openSlashCase(alice.address, 0))
        .to.emit(staking, "SlashCaseOpened")
        .withArgs(1n, alice.address, 40_000n * QUIV);
      await expect(staking.connect(stranger).openSlashCase(alice.address, 0))
        .to.emit(staking, "SlashCaseOpened")
        .withArgs(2n, alice.address, 40_000n * QUIV);
      // Cases are not owned by the slasher that opened them: the role is the trust boundary (README, Trust).
      await expect(staking.connect(stranger).proposeSlash(1n, QUIV, challenger.address)).to.emit(
        staking,
        "SlashProposed",
      );
      await staking.connect(deployer).revokeRole(role, stranger.address);
      await expect(staking.connect(stranger).closeSlashCase(2n))
        .to.be.revertedWithCustomError(staking, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, role);
      await expect(staking.connect(slasher).closeSlashCase(2n))
        .to.emit(staking, "SlashCaseClosed")
        .withArgs(2n, alice.address);
    });

    it("lets the admin change the insurance fund with old and new values", async () => {
      const { staking, deployer, insurance, stranger } = await loadFixture(fixture);
      await expect(staking.connect(deployer).setInsuranceFund(stranger.address))
        .to.emit(staking, "InsuranceFundChanged")
        .withArgs(insurance.address, stranger.address);
      expect(await staking.insuranceFund()).to.equal(stranger.address);
      await expect(staking.connect(deployer).setInsuranceFund(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        staking,
        "StakingZeroAddress",
      );
    });
  });
});
