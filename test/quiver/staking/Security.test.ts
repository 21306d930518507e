import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployStaking, QUIV, DAY } from "../fixtures/staking";

/** Regression tests of the staking items of the security review. */
describe("ProviderStaking security review", () => {
  async function base() {
    const f = await deployStaking();
    await f.staking.connect(f.alice).registerProvider(1_000n);
    await f.quiv.connect(f.treasury).approve(await f.staking.getAddress(), ethers.MaxUint256);
    return f;
  }

  async function at(t: bigint) {
    await time.setNextBlockTimestamp(t);
  }

  describe("SEC-05 a dispute slash above the staking maximum is capped, not reverted", () => {
    it("SEC-05 proposeSlash caps at maxSlashBps of the snapshot, emits the capped amount, and finalizes", async () => {
      const f = await loadFixture(base);
      const { staking, registry, slasher, alice, challenger, deployer } = f;
      await staking.connect(alice).stake(10_000n * QUIV);
      await registry.connect(deployer).set(ethers.id("quiver.staking.maxSlashBps"), 4_000n);
      const now = BigInt(await time.latest());
      await staking.connect(slasher).openSlashCase(alice.address, now);
      // The proposal's block time is pinned: on a loaded machine the next automined block may be seconds later.
      const t = BigInt(await time.latest()) + 1n;
      await at(t);
      const tx = staking.connect(slasher).proposeSlash(1n, 5_000n * QUIV, challenger.address);
      await expect(tx)
        .to.emit(staking, "SlashProposed")
        .withArgs(1n, alice.address, 4_000n * QUIV, challenger.address, t + 3n * DAY);
      expect((await staking.slashCase(1n)).amount).to.equal(4_000n * QUIV);
      await time.increase(3n * DAY);
      await expect(staking.finalizeSlash(1n))
        .to.emit(staking, "SlashFinalized")
        .withArgs(1n, alice.address, 4_000n * QUIV, 1_000n * QUIV, 1_000n * QUIV, 2_000n * QUIV);
    });
  });

  describe("SEC-06 / SEC-03 unbonding before the offence is neither slashed nor frozen", () => {
    /**
     * alice self-stakes 10,000; carol delegates 100,000 and unbonds 90,000 at t0, 1,000 at T-1, 1,000 at T
     * and 8,000 at T+1. A case for an offence at T opens at T+50.
     */
    async function scenario() {
      const f = await base();
      const { staking, alice, carol } = f;
      await staking.connect(alice).stake(10_000n * QUIV);
      await staking.connect(carol).delegateStake(alice.address, 100_000n * QUIV);
      const t0 = BigInt(await time.latest()) + 10n;
      const T = t0 + 100n;
      await at(t0);
      await staking.connect(carol).unbond(alice.address, 90_000n * QUIV);
      await at(T - 1n);
      await staking.connect(carol).unbond(alice.address, 1_000n * QUIV);
      await at(T);
      await staking.connect(carol).unbond(alice.address, 1_000n * QUIV);
      await at(T + 1n);
      await staking.connect(carol).unbond(alice.address, 8_000n * QUIV);
      const before = [0n, 1n, 2n, 3n].map((i) => staking.unbondingValue(carol.address, i));
      return { ...f, T, before: await Promise.all(before) };
    }

    it("SEC-06 the snapshot holds bonded stake plus unbonding started at or after the offence only", async () => {
      const f = await loadFixture(scenario);
      const { staking, slasher, alice, T } = f;
      await at(T + 50n);
      await expect(staking.connect(slasher).openSlashCase(alice.address, T))
        .to.emit(staking, "SlashCaseOpened")
        .withArgs(1n, alice.address, 19_000n * QUIV);
      expect(await staking.slashableStakeOf(alice.address)).to.equal(10_000n * QUIV);
    });

    it("SEC-06 a slash leaves entries created before the offence untouched and takes the rest pro rata", async () => {
      const f = await loadFixture(scenario);
      const { staking, slasher, alice, carol, challenger, T, before } = f;
      await at(T + 50n);
      await staking.connect(slasher).openSlashCase(alice.address, T);
      await staking.connect(slasher).proposeSlash(1n, 1_900n * QUIV, challenger.address);
      await time.increase(3n * DAY);
      await expect(staking.finalizeSlash(1n))
        .to.emit(staking, "SlashFinalized")
        .withArgs(1n, alice.address, 1_900n * QUIV, 475n * QUIV, 475n * QUIV, 950n * QUIV);
      const pool = await staking.poolOf(alice.address);
      expect(pool.bondedTokens).to.equal(9_000n * QUIV);
      expect(pool.unbondingTokens).to.equal(100_000n * QUIV - 900n * QUIV);
      // Entries 0 (90,000 at t0) and 1 (1,000 at T-1) keep their value to the wei.
      expect(await staking.unbondingValue(carol.address, 0n)).to.equal(before[0]);
      expect(await staking.unbondingValue(carol.address, 1n)).to.equal(before[1]);
      // Entries 2 (at T) and 3 (at T+1) lose 10% each, within one wei of rounding.
      const v2 = await staking.unbondingValue(carol.address, 2n);
      const v3 = await staking.unbondingValue(carol.address, 3n);
      expect(v2 <= 900n * QUIV && v2 >= 900n * QUIV - 2n).to.equal(true);
      expect(v3 <= 7_200n * QUIV && v3 >= 7_200n * QUIV - 2n).to.equal(true);
      await time.increase(14n * DAY);
      await expect(staking.connect(carol).withdraw(0n))
        .to.emit(staking, "Withdrawn")
        .withArgs(carol.address, alice.address, 0n, before[0]);
    });

    it("SEC-03 an open case freezes only the entries it can slash; earlier matured entries withdraw", async () => {
      const f = await loadFixture(scenario);
      const { staking, slasher, alice, carol, quiv, T, before } = f;
      await at(T + 50n);
      await staking.connect(slasher).openSlashCase(alice.address, T);
      await time.increase(15n * DAY);
      // Entry 1 (created at T-1) is withdrawable while the case is open.
      const bal = await quiv.balanceOf(carol.address);
      await expect(staking.connect(carol).withdraw(1n))
        .to.emit(staking, "Withdrawn")
        .withArgs(carol.address, alice.address, 1n, before[1]);
      expect(await quiv.balanceOf(carol.address)).to.equal(bal + before[1]);
      // The last entry (8,000 at T+1) moved into index 1 and is frozen by the case.
      await expect(staking.connect(carol).withdraw(1n))
        .to.be.revertedWithCustomError(staking, "StakingFrozenByDispute")
        .withArgs(alice.address, 1n);
      // Entry 0 (90,000 at t0) withdraws in full.
      await expect(staking.connect(carol).withdraw(0n))
        .to.emit(staking, "Withdrawn")
        .withArgs(carol.address, alice.address, 0n, before[0]);
    });

    it("SEC-06 stake that unbonds after the case opened stays slashable", async () => {
      const f = await loadFixture(scenario);
      const { staking, slasher, alice, challenger, T } = f;
      await at(T + 50n);
      await staking.connect(slasher).openSlashCase(alice.address, T);
      await staking.connect(alice).unbond(alice.address, 10_000n * QUIV);
      expect((await staking.poolOf(alice.address)).bondedTokens).to.equal(0n);
      await staking.connect(slasher).proposeSlash(1n, 1_900n * QUIV, challenger.address);
      await time.increase(3n * DAY);
      await staking.finalizeSlash(1n);
      expect((await staking.poolOf(alice.address)).unbondingTokens).to.equal(110_000n * QUIV - 1_900n * QUIV);
      const v = await staking.unbondingValue(alice.address, 0n);
      expect(v <= 9_000n * QUIV && v >= 9_000n * QUIV - 2n).to.equal(true);
    });
  });

  describe("SEC-07 rewards queued while nothing is staked", () => {
    it("SEC-07 a same-block stake and distributeRewards(1) capture no queued reward; the queue drips", async () => {
      const f = await loadFixture(base);
      const { staking, alice, treasury } = f;
      await staking.connect(treasury).distributeRewards(864_000n * QUIV);
      await network.provider.send("evm_setAutomine", [false]);
      try {
        await staking.connect(alice).stake(QUIV, { gasLimit: 1_000_000 });
        await staking.connect(treasury).distributeRewards(1n, { gasLimit: 1_000_000 });
        await network.provider.send("evm_mine", []);
      } finally {
        await network.provider.send("evm_setAutomine", [true]);
      }
      expect(await staking.pendingRewards(alice.address, alice.address)).to.be.lessThanOrEqual(1n);
      // Alone for the whole drip period, alice earns the queue over time (time-weighted), to the dust.
      await time.increase(DAY);
      const pending = await staking.pendingRewards(alice.address, alice.address);
      expect(pending > 864_000n * QUIV - QUIV / 1_000n && pending <= 864_000n * QUIV + 1n).to.equal(true);
    });
  });

  describe("SEC-16 a pool wiped out by slashes", () => {
    it("SEC-16 retires its old shares: new stakers deposit and earn normally after three wipe-outs", async () => {
      const f = await loadFixture(base);
      const { staking, slasher, alice, dave, challenger, treasury } = f;
      await staking.connect(alice).stake(1_000n * QUIV);
      await staking.connect(treasury).distributeRewards(100n * QUIV);
      const earned = await staking.pendingRewards(alice.address, alice.address);
      let id = 0n;
      for (let round = 0; round < 3; round++) {
        const now = BigInt(await time.latest());
        await staking.connect(slasher).openSlashCase(alice.address, now);
        await staking.connect(slasher).openSlashCase(alice.address, now);
        const snap = (await staking.slashCase(id + 1n)).snapshotStake;
        await staking.connect(slasher).proposeSlash(id + 1n, snap / 2n, challenger.address);
        await staking.connect(slasher).proposeSlash(id + 2n, snap / 2n, challenger.address);
        await time.increase(3n * DAY);
        await staking.finalizeSlash(id + 1n);
        await staking.finalizeSlash(id + 2n);
        id += 2n;
        expect((await staking.poolOf(alice.address)).bondedTokens).to.equal(0n);
        expect((await staking.poolOf(alice.address)).bondedShares).to.equal(0n);
        await staking.connect(dave).delegateStake(alice.address, 1_000n * QUIV);
        expect(await staking.sharesOf(alice.address, dave.address)).to.equal(1_000n * QUIV * 1_000_000n);
      }
      const p0 = await staking.pendingRewards(alice.address, dave.address);
      await staking.connect(treasury).distributeRewards(100n * QUIV);
      // dave is the only staker: 100 QUIV less alice's 10% commission, to the rounding.
      const got = (await staking.pendingRewards(alice.address, dave.address)) - p0;
      expect(got <= 90n * QUIV && got >= 90n * QUIV - 10n).to.equal(true);
      // alice's rewards from before the first wipe-out stay claimable.
      expect(await staking.pendingRewards(alice.address, alice.address)).to.be.greaterThanOrEqual(earned);
      await expect(staking.connect(alice).claimRewards(alice.address)).to.emit(staking, "RewardsClaimed");
    });
  });

  describe("SEC-17 a scheduled commission increase", () => {
    it("SEC-17 lapses if not applied within the grace period after it became due", async () => {
      const f = await loadFixture(base);
      const { staking, alice, stranger } = f;
      await staking.connect(alice).setCommission(2_000n);
      const effectiveAt = BigInt(await time.latest()) + 7n * DAY;
      const grace = await staking.COMMISSION_GRACE_PERIOD();
      await time.increaseTo(effectiveAt + grace + 1n);
      await expect(staking.connect(stranger).applyCommission(alice.address))
        .to.emit(staking, "CommissionIncreaseLapsed")
        .withArgs(alice.address, 2_000n, effectiveAt + grace);
      const pool = await staking.poolOf(alice.address);
      expect(pool.commissionBps).to.equal(1_000n);
      expect(pool.commissionEffectiveAt).to.equal(0n);
    });

    it("SEC-17 still applies at the last second of the grace period", async () => {
      const f = await loadFixture(base);
      const { staking, alice, stranger } = f;
      await staking.connect(alice).setCommission(2_000n);
      const effectiveAt = BigInt(await time.latest()) + 7n * DAY;
      const grace = await staking.COMMISSION_GRACE_PERIOD();
      await time.setNextBlockTimestamp(effectiveAt + grace);
      await expect(staking.connect(stranger).applyCommission(alice.address))
        .to.emit(staking, "CommissionChanged")
        .withArgs(alice.address, 1_000n, 2_000n);
    });
  });
});
