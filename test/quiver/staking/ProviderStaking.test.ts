import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployStaking, QUIV, DAY } from "../fixtures/staking";
import { parameterKey } from "../../../sdk/quiver/core/parameters";
import { rewardOf, toSharesDown, toSharesUp, toTokensDown } from "../../../sdk/kit/core/staking";

const T1 = 1_000n * QUIV;
const T2 = 10_000n * QUIV;
const T3 = 50_000n * QUIV;
const T4 = 250_000n * QUIV;

describe("ProviderStaking (with its StakingPools accounting)", () => {
  async function fixture() {
    return deployStaking();
  }

  /** alice registers with 10% commission. */
  async function withProvider() {
    const f = await loadFixture(fixture);
    await f.staking.connect(f.alice).registerProvider(1_000n);
    return f;
  }

  describe("registerProvider", () => {
    it("registers with the commission and emits", async () => {
      const { staking, alice } = await loadFixture(fixture);
      await expect(staking.connect(alice).registerProvider(1_000n))
        .to.emit(staking, "ProviderRegistered")
        .withArgs(alice.address, 1_000n);
      const pool = await staking.poolOf(alice.address);
      expect(pool.registered).to.equal(true);
      expect(pool.commissionBps).to.equal(1_000n);
    });

    it("rejects a second registration", async () => {
      const { staking, alice } = await withProvider();
      await expect(staking.connect(alice).registerProvider(0n))
        .to.be.revertedWithCustomError(staking, "StakingAlreadyProvider")
        .withArgs(alice.address);
    });

    it("rejects a commission above the registry maximum (30%)", async () => {
      const { staking, alice } = await loadFixture(fixture);
      await expect(staking.connect(alice).registerProvider(3_001n))
        .to.be.revertedWithCustomError(staking, "StakingCommissionTooHigh")
        .withArgs(alice.address, 3_001n, 3_000n);
    });
  });

  describe("stake and delegateStake", () => {
    it("mints 1e6 shares per wei into an empty pool and moves the tokens", async () => {
      const { staking, quiv, alice } = await withProvider();
      await expect(staking.connect(alice).stake(T1))
        .to.emit(staking, "Staked")
        .withArgs(alice.address, alice.address, T1, T1 * 1_000_000n);
      expect(await staking.stakeOf(alice.address, alice.address)).to.equal(T1);
      expect(await quiv.balanceOf(await staking.getAddress())).to.equal(T1);
      expect((await staking.totals())[0]).to.equal(T1);
    });

    it("delegates to a provider at the pool rate", async () => {
      const { staking, alice, carol } = await withProvider();
      await staking.connect(alice).stake(T1);
      await expect(staking.connect(carol).delegateStake(alice.address, 3n * T1))
        .to.emit(staking, "Staked")
        .withArgs(carol.address, alice.address, 3n * T1, 3n * T1 * 1_000_000n);
      expect((await staking.poolOf(alice.address)).bondedTokens).to.equal(4n * T1);
    });

    it("is immune to a first-delegator inflation attack: a donation does not move the share rate (STK-06)", async () => {
      const { staking, quiv, alice, carol, dave } = await withProvider();
      await staking.connect(carol).delegateStake(alice.address, QUIV); // attacker: the minimum
      await quiv.connect(carol).transfer(await staking.getAddress(), 100_000n * QUIV); // "donation"
      await staking.connect(dave).delegateStake(alice.address, 20_000n * QUIV); // victim
      expect(await staking.stakeOf(alice.address, dave.address)).to.equal(20_000n * QUIV);
      expect(await staking.sharesOf(alice.address, dave.address)).to.equal(20_000n * QUIV * 1_000_000n);
    });

    describe("when the input is bad", () => {
      it("rejects staking by a non-provider", async () => {
        const { staking, carol } = await loadFixture(fixture);
        await expect(staking.connect(carol).stake(T1))
          .to.be.revertedWithCustomError(staking, "StakingNotProvider")
          .withArgs(carol.address);
      });

      it("rejects delegating to a non-provider (STK-09)", async () => {
        const { staking, bob, carol } = await loadFixture(fixture);
        await expect(staking.connect(carol).delegateStake(bob.address, T1))
          .to.be.revertedWithCustomError(staking, "StakingNotProvider")
          .withArgs(bob.address);
      });

      it("rejects 1 wei below the minimum delegation (1 QUIV) and accepts exactly the minimum", async () => {
        const { staking, alice, carol } = await withProvider();
        await expect(staking.connect(carol).delegateStake(alice.address, QUIV - 1n))
          .to.be.revertedWithCustomError(staking, "StakingBelowMinimum")
          .withArgs(carol.address, QUIV - 1n, QUIV);
        await expect(staking.connect(carol).delegateStake(alice.address, QUIV)).to.emit(staking, "Staked");
      });
    });
  });

  describe("tierOf (hysteresis, demotion below 90% of the minimum)", () => {
    it("is 0 for an unregistered address", async () => {
      const { staking, bob } = await loadFixture(fixture);
      expect(await staking.tierOf(bob.address)).to.equal(0);
    });

    it("promotes exactly at each minimum and not 1 wei below", async () => {
      const { staking, alice } = await withProvider();
      await staking.connect(alice).stake(T1 - 1n);
      expect(await staking.tierOf(alice.address)).to.equal(0);
      await expect(staking.connect(alice).stake(1n * QUIV)).to.emit(staking, "TierChanged");
      // now T1 - 1 + 1e18 = just above T1
      expect(await staking.tierOf(alice.address)).to.equal(1);
      const cases: [bigint, number][] = [
        [T2, 2],
        [T3, 3],
        [T4, 4],
      ];
      for (const [min, tier] of cases) {
        const have = (await staking.poolOf(alice.address)).bondedTokens;
        await staking.connect(alice).stake(min - 1n - have);
        expect(await staking.tierOf(alice.address)).to.equal(tier - 1);
        await staking.connect(alice).stake(1n * QUIV);
        expect(await staking.tierOf(alice.address)).to.equal(tier);
      }
    });

    it("keeps the tier down to 90% of the minimum and demotes 1 wei below", async () => {
      const { staking, alice } = await withProvider();
      await staking.connect(alice).stake(T2);
      expect(await staking.tierOf(alice.address)).to.equal(2);
      await staking.connect(alice).unbond(alice.address, T1); // 9,000 QUIV = exactly 90% of 10k
      expect(await staking.tierOf(alice.address)).to.equal(2);
      await expect(staking.connect(alice).unbond(alice.address, 1n))
        .to.emit(staking, "TierChanged")
        .withArgs(alice.address, 2, 1);
      expect(await staking.tierOf(alice.address)).to.equal(1);
    });

    it("does not flap when stake oscillates around a minimum", async () => {
      const { staking, alice } = await withProvider();
      await staking.connect(alice).stake(T1);
      expect(await staking.tierOf(alice.address)).to.equal(1);
      await staking.connect(alice).unbond(alice.address, 50n * QUIV); // 950
      expect(await staking.tierOf(alice.address)).to.equal(1);
      await staking.connect(alice).stake(50n * QUIV);
      expect(await staking.tierOf(alice.address)).to.equal(1);
    });

    it("applies a registry change of the minimums in the view at once", async () => {
      const { staking, registry, alice, deployer } = await withProvider();
      await staking.connect(alice).stake(T1 - QUIV);
      expect(await staking.tierOf(alice.address)).to.equal(0);
      await registry.connect(deployer).set(parameterKey("quiver.staking.tier1Min"), T1 - 2n * QUIV);
      expect(await staking.tierOf(alice.address)).to.equal(1);
    });
  });

  describe("commission", () => {
    it("applies a decrease at once", async () => {
      const { staking, alice } = await withProvider();
      await expect(staking.connect(alice).setCommission(500n))
        .to.emit(staking, "CommissionChanged")
        .withArgs(alice.address, 1_000n, 500n);
      expect((await staking.poolOf(alice.address)).commissionBps).to.equal(500n);
    });

    it("the same rate or a cut applies at once and cancels a scheduled increase (it can never be applied later)", async () => {
      const { staking, alice, stranger } = await withProvider();
      const scheduled = async () => (await staking.poolOf(alice.address)).commissionEffectiveAt;
      for (const next of [1_000n, 500n]) {
        await staking.connect(alice).setCommission(2_000n);
        expect(await scheduled()).to.be.greaterThan(0n);
        const old = (await staking.poolOf(alice.address)).commissionBps;
        await expect(staking.connect(alice).setCommission(next))
          .to.emit(staking, "CommissionChanged")
          .withArgs(alice.address, old, next);
        expect(await scheduled(), `after setting ${next}`).to.equal(0n);
        await time.increase(8n * DAY); // past the 7-day delay, within the 3-day grace period
        await expect(staking.connect(stranger).applyCommission(alice.address))
          .to.be.revertedWithCustomError(staking, "StakingNoPendingCommission")
          .withArgs(alice.address);
        expect((await staking.poolOf(alice.address)).commissionBps).to.equal(next);
      }
    });

    it("schedules an increase for 7 days later; apply at due-1 reverts, at due succeeds", async () => {
      const { staking, alice, stranger } = await withProvider();
      const tx = await staking.connect(alice).setCommission(2_000n);
      const t = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      const due = t + 7n * DAY;
      await expect(tx).to.emit(staking, "CommissionChangeScheduled").withArgs(alice.address, 1_000n, 2_000n, due);
      await time.setNextBlockTimestamp(due - 1n);
      await expect(staking.connect(stranger).applyCommission(alice.address))
        .to.be.revertedWithCustomError(staking, "StakingCommissionNotDue")
        .withArgs(alice.address, due - 1n, due);
      await time.setNextBlockTimestamp(due);
      await expect(staking.connect(stranger).applyCommission(alice.address))
        .to.emit(staking, "CommissionChanged")
        .withArgs(alice.address, 1_000n, 2_000n);
      await expect(staking.connect(stranger).applyCommission(alice.address))
        .to.be.revertedWithCustomError(staking, "StakingNoPendingCommission")
        .withArgs(alice.address);
    });

    it("rejects a commission change by a non-provider and above the maximum", async () => {
      const { staking, alice, bob } = await withProvider();
      await expect(staking.connect(bob).setCommission(0n))
        .to.be.revertedWithCustomError(staking, "StakingNotProvider")
        .withArgs(bob.address);
      await expect(staking.connect(alice).setCommission(5_000n))
        .to.be.revertedWithCustomError(staking, "StakingCommissionTooHigh")
        .withArgs(alice.address, 5_000n, 3_000n);
    });

    it("charges the old rate on rewards before the increase is applied", async () => {
      const { staking, alice, carol, treasury, quiv } = await withProvider();
      await staking.connect(alice).stake(T1);
      await staking.connect(carol).delegateStake(alice.address, 3n * T1);
      await staking.connect(alice).setCommission(2_000n);
      await quiv.connect(treasury).approve(await staking.getAddress(), 400n * QUIV);
      await staking.connect(treasury).distributeRewards(400n * QUIV);
      await time.increase(7n * DAY);
      await staking.applyCommission(alice.address);
      // 400 QUIV at 10%: commission 40, carol 3/4 of 360 = 270
      expect(await staking.pendingRewards(alice.address, carol.address)).to.equal(270n * QUIV);
      expect(await staking.pendingRewards(alice.address, alice.address)).to.equal(130n * QUIV);
    });
  });

  describe("rewards", () => {
    async function funded() {
      const f = await withProvider();
      await f.staking.connect(f.alice).stake(T1);
      await f.staking.connect(f.carol).delegateStake(f.alice.address, 3n * T1);
      await f.quiv.connect(f.treasury).approve(await f.staking.getAddress(), ethers.MaxUint256);
      return f;
    }

    it("splits a distribution pro rata after the commission, to the wei", async () => {
      const { staking, alice, carol, treasury, quiv } = await funded();
      await expect(staking.connect(treasury).distributeRewards(400n * QUIV))
        .to.emit(staking, "RewardsDistributed")
        .withArgs(treasury.address, 400n * QUIV, 400n * QUIV);
      expect(await staking.pendingRewards(alice.address, carol.address)).to.equal(270n * QUIV);
      expect(await staking.pendingRewards(alice.address, alice.address)).to.equal(130n * QUIV);
      const before = await quiv.balanceOf(carol.address);
      await expect(staking.connect(carol).claimRewards(alice.address))
        .to.emit(staking, "RewardsClaimed")
        .withArgs(carol.address, 270n * QUIV);
      expect(await quiv.balanceOf(carol.address)).to.equal(before + 270n * QUIV);
      await expect(staking.connect(alice).claimRewards(alice.address))
        .to.emit(staking, "RewardsClaimed")
        .withArgs(alice.address, 130n * QUIV);
    });

    it("rounds a non-divisible reward down for everyone (dust stays owed, never paid)", async () => {
      const { staking, alice, carol, treasury } = await funded();
      await staking.connect(treasury).distributeRewards(7n);
      // acc = 7e36 / 4000e18 = 1.75e15; pool = 4000e18 * 1.75e15 / 1e36 = 7 wei; commission 0; carol 5, alice 1
      expect(await staking.pendingRewards(alice.address, carol.address)).to.equal(5n);
      expect(await staking.pendingRewards(alice.address, alice.address)).to.equal(1n);
    });

    it("shows a sole staker exactly what a claim pays when the per-share split leaves dust (the view rounds down too)", async () => {
      const { staking, alice, treasury, quiv } = await withProvider();
      // 1,000 QUIV + 1 wei of stake divides neither the reward per token nor the reward per share: both round down,
      // and the sole staker is shown and paid 2 wei less than the 1,000,000 distributed (dust stays owed).
      await staking.connect(alice).stake(T1 + 1n);
      await quiv.connect(treasury).approve(await staking.getAddress(), ethers.MaxUint256);
      await staking.connect(treasury).distributeRewards(1_000_000n);
      const shown = await staking.pendingRewards(alice.address, alice.address);
      expect(shown).to.equal(999_998n);
      await expect(staking.connect(alice).claimRewards(alice.address))
        .to.emit(staking, "RewardsClaimed")
        .withArgs(alice.address, shown);
    });

    it("queues rewards while nothing is bonded and drips them over one day of bonded time (SEC-07)", async () => {
      const { staking, alice, treasury, quiv } = await withProvider();
      await quiv.connect(treasury).approve(await staking.getAddress(), ethers.MaxUint256);
      await expect(staking.connect(treasury).distributeRewards(100n * QUIV))
        .to.emit(staking, "RewardsQueued")
        .withArgs(treasury.address, 100n * QUIV, 100n * QUIV);
      expect((await staking.totals())[3]).to.equal(100n * QUIV);
      // Nothing bonded for an hour: the drip is paused, nothing is released by the stake.
      await time.increase(3_600);
      const t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      await staking.connect(alice).stake(T1);
      expect((await staking.totals())[3]).to.equal(100n * QUIV);
      // One bonded second later: 100 QUIV * 1 / 86,400 is released with the new distribution.
      await time.setNextBlockTimestamp(t + 1n);
      const released = (100n * QUIV) / 86_400n;
      await expect(staking.connect(treasury).distributeRewards(50n * QUIV))
        .to.emit(staking, "RewardsDistributed")
        .withArgs(treasury.address, 50n * QUIV, 50n * QUIV + released)
        .and.to.emit(staking, "RewardsReleased")
        .withArgs(released, 100n * QUIV - released);
      expect(await staking.pendingRewards(alice.address, alice.address)).to.equal(50n * QUIV + released);
      // After the day of bonded time everything was released (pendingRewards previews the drip).
      await time.increaseTo(t + 86_400n);
      expect(await staking.pendingRewards(alice.address, alice.address)).to.equal(150n * QUIV);
      await staking.connect(alice).claimRewards(alice.address);
      expect((await staking.totals())[3]).to.equal(0n);
    });

    it("gives a stake made just before a reward and unbonded just after exactly its pro-rata share (STK-08)", async () => {
      const { staking, alice, dave, treasury } = await funded();
      await staking.connect(dave).delegateStake(alice.address, 4n * T1);
      await staking.connect(treasury).distributeRewards(800n * QUIV);
      await staking.connect(dave).unbond(alice.address, 4n * T1);
      await staking.connect(treasury).distributeRewards(800n * QUIV);
      // dave: half the pool for the first reward, after 10% commission: 800 * 0.9 / 2 = 360
      expect(await staking.pendingRewards(alice.address, dave.address)).to.equal(360n * QUIV);
    });

    it("pays no rewards on unbonding stake", async () => {
      const { staking, alice, carol, treasury } = await funded();
      await staking.connect(carol).unbond(alice.address, 3n * T1);
      await staking.connect(treasury).distributeRewards(100n * QUIV);
      expect(await staking.pendingRewards(alice.address, carol.address)).to.equal(0n);
      expect(await staking.pendingRewards(alice.address, alice.address)).to.equal(100n * QUIV);
    });

    it("matches the SDK rewardOf on non-divisible amounts and an odd commission", async () => {
      const { staking, alice, bob, carol, treasury } = await funded();
      await staking.connect(bob).registerProvider(777n);
      await staking.connect(bob).stake(1_234n * QUIV + 5n);
      await staking.connect(carol).delegateStake(bob.address, 3_333n * QUIV + 7n);
      const amount = 999n * QUIV + 13n;
      await staking.connect(treasury).distributeRewards(amount);
      const [bonded] = await staking.totals();
      const p = await staking.poolOf(bob.address);
      const shares = await staking.sharesOf(bob.address, carol.address);
      const { reward, commission } = rewardOf(amount, bonded, p.bondedTokens, p.bondedShares, shares, 777n);
      // carol also has a position with alice: her claimable from bob's pool is exactly `reward`
      const fromAlice = await staking.pendingRewards(alice.address, carol.address);
      await staking.connect(carol).claimRewards(alice.address);
      expect(await staking.pendingRewards(bob.address, carol.address)).to.equal(reward);
      expect(fromAlice > 0n).to.equal(true);
      const own = rewardOf(
        amount,
        bonded,
        p.bondedTokens,
        p.bondedShares,
        await staking.sharesOf(bob.address, bob.address),
        777n,
      );
      expect(await staking.pendingRewards(bob.address, bob.address)).to.equal(own.reward + commission);
    });

    it("rejects a zero distribution and a claim of nothing", async () => {
      const { staking, alice, stranger } = await funded();
      await expect(staking.distributeRewards(0n)).to.be.revertedWithCustomError(staking, "StakingZeroAmount");
      await expect(staking.connect(stranger).claimRewards(alice.address))
        .to.be.revertedWithCustomError(staking, "StakingNothingToClaim")
        .withArgs(stranger.address);
    });

    it("splits rewards across two providers by bonded stake", async () => {
      const { staking, alice, bob, treasury } = await funded();
      await staking.connect(bob).registerProvider(0n);
      await staking.connect(bob).stake(4n * T1);
      await staking.connect(treasury).distributeRewards(80n * QUIV);
      expect(await staking.pendingRewards(bob.address, bob.address)).to.equal(40n * QUIV);
      expect(await staking.pendingRewards(alice.address, alice.address)).to.equal(13n * QUIV);
      await expect(staking.connect(bob).claimRewards(bob.address))
        .to.emit(staking, "RewardsClaimed")
        .withArgs(bob.address, 40n * QUIV);
    });
  });

  describe("unbond and withdraw", () => {
    it("unbonds into a 14-day entry; withdraw at unlock-1 reverts, at unlock pays, twice reverts", async () => {
      const { staking, quiv, alice } = await withProvider();
      await staking.connect(alice).stake(T1);
      const tx = await staking.connect(alice).unbond(alice.address, 400n * QUIV);
      const t = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      const unlock = t + 14n * DAY;
      await expect(tx)
        .to.emit(staking, "UnbondingStarted")
        .withArgs(alice.address, alice.address, 0n, 400n * QUIV, unlock);
      expect(await staking.stakeOf(alice.address, alice.address)).to.equal(600n * QUIV);
      expect((await staking.unbondingsOf(alice.address))[0].unlockAt).to.equal(unlock);
      await time.setNextBlockTimestamp(unlock - 1n);
      await expect(staking.connect(alice).withdraw(0n))
        .to.be.revertedWithCustomError(staking, "StakingStillUnbonding")
        .withArgs(alice.address, 0n, unlock - 1n, unlock);
      await time.setNextBlockTimestamp(unlock);
      const before = await quiv.balanceOf(alice.address);
      await expect(staking.connect(alice).withdraw(0n))
        .to.emit(staking, "Withdrawn")
        .withArgs(alice.address, alice.address, 0n, 400n * QUIV);
      expect(await quiv.balanceOf(alice.address)).to.equal(before + 400n * QUIV);
      await expect(staking.connect(alice).withdraw(0n))
        .to.be.revertedWithCustomError(staking, "StakingUnknownUnbonding")
        .withArgs(alice.address, 0n, 0n);
    });

    it("keeps several entries, moves the last into a withdrawn slot, and bounds their number", async () => {
      const { staking, alice } = await withProvider();
      await staking.connect(alice).stake(100n * QUIV);
      const max = await staking.MAX_UNBONDINGS();
      for (let i = 0n; i < max; i++) await staking.connect(alice).unbond(alice.address, QUIV + i);
      await expect(staking.connect(alice).unbond(alice.address, QUIV))
        .to.be.revertedWithCustomError(staking, "StakingTooManyUnbondings")
        .withArgs(alice.address, max, max);
      await time.increase(14n * DAY);
      await staking.connect(alice).withdraw(0n);
      const list = await staking.unbondingsOf(alice.address);
      expect(list.length).to.equal(Number(max) - 1);
      expect(await staking.unbondingValue(alice.address, 0n)).to.equal(QUIV + max - 1n);
    });

    it("rejects unbonding zero or more than the position", async () => {
      const { staking, alice, carol } = await withProvider();
      await staking.connect(alice).stake(T1);
      await expect(staking.connect(alice).unbond(alice.address, 0n)).to.be.revertedWithCustomError(
        staking,
        "StakingZeroAmount",
      );
      await expect(staking.connect(alice).unbond(alice.address, T1 + 1n))
        .to.be.revertedWithCustomError(staking, "StakingInsufficientStake")
        .withArgs(alice.address, alice.address, T1 + 1n, T1);
      await expect(staking.connect(carol).unbond(alice.address, 1n))
        .to.be.revertedWithCustomError(staking, "StakingInsufficientStake")
        .withArgs(carol.address, alice.address, 1n, 0n);
    });

    it("round trip never returns more than was put in (shares up, tokens down)", async () => {
      const { staking, quiv, alice, carol } = await withProvider();
      await staking.connect(alice).stake(T1 + 7n);
      const before = await quiv.balanceOf(carol.address);
      await staking.connect(carol).delegateStake(alice.address, QUIV + 3n);
      const worth = await staking.stakeOf(alice.address, carol.address);
      await staking.connect(carol).unbond(alice.address, worth);
      await time.increase(14n * DAY);
      await staking.connect(carol).withdraw(0n);
      expect(await quiv.balanceOf(carol.address)).to.be.lte(before);
    });
  });

  describe("staked votes (IERC5805, timestamp clock)", () => {
    it("uses the timestamp clock", async () => {
      const { staking } = await loadFixture(fixture);
      expect(await staking.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await staking.clock()).to.equal(BigInt(await time.latest()));
    });

    it("checkpoints bonded stake as self-delegated votes and past total supply", async () => {
      const { staking, alice, carol } = await withProvider();
      const tx = await staking.connect(alice).stake(T1);
      const t1 = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      await staking.connect(carol).delegateStake(alice.address, 2n * T1);
      expect(await staking.delegates(carol.address)).to.equal(carol.address);
      expect(await staking.getVotes(alice.address)).to.equal(T1);
      expect(await staking.getVotes(carol.address)).to.equal(2n * T1);
      await staking.connect(carol).unbond(alice.address, T1);
      await time.increase(10n);
      expect(await staking.getVotes(carol.address)).to.equal(T1);
      expect(await staking.getPastVotes(alice.address, t1)).to.equal(T1);
      expect(await staking.getPastTotalSupply(t1)).to.equal(T1);
      expect(await staking.getPastTotalSupply((await time.latest()) - 1)).to.equal(2n * T1);
    });

    it("moves votes to a chosen delegate", async () => {
      const { staking, alice, carol, bob } = await withProvider();
      await staking.connect(carol).delegateStake(alice.address, T1);
      await expect(staking.connect(carol).delegate(bob.address))
        .to.emit(staking, "DelegateChanged")
        .withArgs(carol.address, carol.address, bob.address);
      expect(await staking.getVotes(bob.address)).to.equal(T1);
      expect(await staking.getVotes(carol.address)).to.equal(0n);
      await staking.connect(carol).delegateStake(alice.address, T1);
      expect(await staking.delegates(carol.address)).to.equal(bob.address);
      expect(await staking.getVotes(bob.address)).to.equal(2n * T1);
    });

    it("treats delegating to address(0) as delegating back to self", async () => {
      const { staking, alice, carol, bob } = await withProvider();
      await staking.connect(carol).delegateStake(alice.address, T1);
      await staking.connect(carol).delegate(bob.address);
      await expect(staking.connect(carol).delegate(ethers.ZeroAddress))
        .to.emit(staking, "DelegateChanged")
        .withArgs(carol.address, bob.address, carol.address);
      expect(await staking.getVotes(carol.address)).to.equal(T1);
      await staking.connect(carol).unbond(alice.address, T1);
      expect(await staking.getVotes(carol.address)).to.equal(0n);
      expect(await staking.getVotes(bob.address)).to.equal(0n);
    });

    it("syncVotes is a no-op when nothing changed", async () => {
      const { staking, alice, stranger } = await withProvider();
      await staking.connect(alice).stake(T1);
      await expect(staking.connect(stranger).syncVotes(alice.address, alice.address)).not.to.emit(
        staking,
        "DelegateVotesChanged",
      );
      expect(await staking.getVotes(alice.address)).to.equal(T1);
    });
  });

  describe("share math against the SDK mirror", () => {
    it("matches toSharesDown/toSharesUp/toTokensDown on a non-trivial pool", async () => {
      const { staking, alice, carol } = await withProvider();
      await staking.connect(alice).stake(T1 + 3n);
      await staking.connect(carol).delegateStake(alice.address, QUIV + 11n);
      const p = await staking.poolOf(alice.address);
      expect(p.bondedShares).to.equal(
        toSharesDown(T1 + 3n, 0n, 0n) + toSharesDown(QUIV + 11n, T1 + 3n, toSharesDown(T1 + 3n, 0n, 0n)),
      );
      const shares = await staking.sharesOf(alice.address, carol.address);
      expect(await staking.stakeOf(alice.address, carol.address)).to.equal(
        toTokensDown(shares, p.bondedTokens, p.bondedShares),
      );
      await staking.connect(carol).unbond(alice.address, QUIV);
      expect(await staking.sharesOf(alice.address, carol.address)).to.equal(
        shares - toSharesUp(QUIV, p.bondedTokens, p.bondedShares),
      );
    });
  });
});
