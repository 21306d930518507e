import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployStaking, QUIV, DAY } from "../fixtures/staking";
import { DEFAULT_BASE_EPOCH_EMISSION, DEFAULT_EPOCH_LENGTH } from "../../../deploy/quiver/modules/Emission";
import { epochEmission } from "../../../sdk/quiver/core/emission";
import { setBoundsUnfrozen } from "../../helpers/registry";

const coverage = Boolean((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING);

const L = DEFAULT_EPOCH_LENGTH;
const BASE = DEFAULT_BASE_EPOCH_EMISSION;
const HALVING = 1_460n * DAY;
const GENESIS_SUPPLY = 400_000_000n * QUIV;

describe("EmissionController", () => {
  async function fixture() {
    const f = await deployStaking();
    return { ...f, start: await f.emission.start() };
  }

  /** Split of an emission 60/20/20, ecosystem last (takes the dust). */
  function legs(amount: bigint) {
    const staking = (amount * 6_000n) / 10_000n;
    const treasury = (amount * 2_000n) / 10_000n;
    return { staking, treasury, ecosystem: amount - staking - treasury };
  }

  describe("deployment", () => {
    it("is wired by the module: minter, schedule, recipients", async () => {
      const { emission, quiv, treasury, ecosystem, growthFeed } = await loadFixture(fixture);
      expect(await quiv.hasRole(await quiv.MINTER_ROLE(), await emission.getAddress())).to.equal(true);
      expect(await emission.epochLength()).to.equal(L);
      expect(await emission.halvingInterval()).to.equal(HALVING);
      expect(await emission.baseEpochEmission()).to.equal(BASE);
      expect(await emission.growthMetricBps()).to.equal(10_000n);
      expect(await emission.growthFeed()).to.equal(await growthFeed.getAddress());
      expect(await emission.recipients()).to.deep.equal([treasury.address, ecosystem.address]);
      expect(await emission.yearState()).to.deep.equal([0n, GENESIS_SUPPLY, 0n]);
    });

    it("rejects zero addresses and an invalid schedule", async () => {
      const { quiv, registry, staking, deployer } = await loadFixture(fixture);
      const F = await ethers.getContractFactory("EmissionController");
      const a = [await quiv.getAddress(), await registry.getAddress(), await staking.getAddress(), deployer.address];
      for (let i = 0; i < 7; i++) {
        const args = [...a, a[3], a[3], a[3]];
        args[i] = ethers.ZeroAddress;
        await expect(
          F.deploy(args[0], args[1], args[2], args[3], args[4], args[5], args[6], L, BASE),
        ).to.be.revertedWithCustomError(F, "EmissionZeroAddress");
      }
      await expect(F.deploy(a[0], a[1], a[2], a[3], a[3], a[3], a[3], 0n, BASE))
        .to.be.revertedWithCustomError(F, "EmissionInvalidSchedule")
        .withArgs(0n, BASE, HALVING);
      await expect(F.deploy(a[0], a[1], a[2], a[3], a[3], a[3], a[3], L, 0n))
        .to.be.revertedWithCustomError(F, "EmissionInvalidSchedule")
        .withArgs(L, 0n, HALVING);
      await expect(F.deploy(a[0], a[1], a[2], a[3], a[3], a[3], a[3], HALVING + 1n, BASE))
        .to.be.revertedWithCustomError(F, "EmissionInvalidSchedule")
        .withArgs(HALVING + 1n, BASE, HALVING);
    });
  });

  describe("triggerEpoch", () => {
    it("mints epoch 0 and splits it 60/20/20 (staking leg queued while nothing is bonded)", async () => {
      const { emission, quiv, staking, treasury, ecosystem, stranger } = await loadFixture(fixture);
      const l = legs(BASE);
      expect(await emission.previewEmission()).to.equal(BASE);
      const tBefore = await quiv.balanceOf(treasury.address);
      const eBefore = await quiv.balanceOf(ecosystem.address);
      await expect(emission.connect(stranger).triggerEpoch())
        .to.emit(emission, "EpochTriggered")
        .withArgs(0n, stranger.address, BASE, l.staking, l.treasury, l.ecosystem)
        .and.to.emit(staking, "RewardsQueued")
        .withArgs(await emission.getAddress(), l.staking, l.staking);
      expect(l.staking).to.equal(864_000n * QUIV);
      expect(await quiv.balanceOf(treasury.address)).to.equal(tBefore + 288_000n * QUIV);
      expect(await quiv.balanceOf(ecosystem.address)).to.equal(eBefore + 288_000n * QUIV);
      expect(await quiv.totalMinted()).to.equal(GENESIS_SUPPLY + BASE);
      expect(await quiv.balanceOf(await emission.getAddress())).to.equal(0n);
    });

    it("feeds the staking leg to stakers through the accumulator", async () => {
      const { emission, staking, alice } = await loadFixture(fixture);
      await staking.connect(alice).registerProvider(0n);
      await staking.connect(alice).stake(1_000n * QUIV);
      await emission.triggerEpoch();
      expect(await staking.pendingRewards(alice.address, alice.address)).to.equal(legs(BASE).staking);
    });

    it("rejects a second trigger in the same epoch until the next epoch starts (at start-1 vs start)", async () => {
      const { emission, start } = await loadFixture(fixture);
      await emission.triggerEpoch();
      expect(await emission.previewEmission()).to.equal(0n);
      expect(await emission.nextEpochAt()).to.equal(start + L);
      expect(await emission.nextTriggerableEpoch()).to.equal(1n);
      await time.setNextBlockTimestamp(start + L - 1n);
      await expect(emission.triggerEpoch())
        .to.be.revertedWithCustomError(emission, "EmissionEpochAlreadyTriggered")
        .withArgs(0n, start + L);
      await time.setNextBlockTimestamp(start + L);
      await expect(emission.triggerEpoch())
        .to.emit(emission, "EpochTriggered")
        .withArgs(1n, anyAddr(), BASE, ...vals(BASE));
    });

    it("loses skipped epochs (use-it-or-lose-it): one trigger after 3 idle epochs mints one epoch", async () => {
      const { emission, quiv, start } = await loadFixture(fixture);
      await time.increaseTo(start + 3n * L + 5n);
      expect(await emission.nextTriggerableEpoch()).to.equal(3n);
      expect(await emission.nextEpochAt()).to.equal(start + 3n * L + 5n);
      await expect(emission.triggerEpoch())
        .to.emit(emission, "EpochTriggered")
        .withArgs(3n, anyAddr(), BASE, ...vals(BASE));
      expect(await quiv.totalMinted()).to.equal(GENESIS_SUPPLY + BASE);
    });

    it("halves at the first epoch that starts at or after the halving interval (epoch 209)", async () => {
      const { emission, start } = await loadFixture(fixture);
      // epoch 208 starts at day 1,456 (< 1,460): full base; epoch 209 starts at day 1,463: half.
      await time.increaseTo(start + 209n * L - 2n);
      expect(await emission.currentEpoch()).to.equal(208n);
      await time.setNextBlockTimestamp(start + 209n * L - 1n);
      await expect(emission.triggerEpoch())
        .to.emit(emission, "EpochTriggered")
        .withArgs(208n, anyAddr(), BASE, ...vals(BASE));
      await time.setNextBlockTimestamp(start + 209n * L);
      const half = BASE / 2n;
      await expect(emission.triggerEpoch())
        .to.emit(emission, "EpochTriggered")
        .withArgs(209n, anyAddr(), half, ...vals(half));
      expect(
        epochEmission({ base: BASE, epochLength: L, halvingInterval: HALVING }, 209n, 10_000n, BASE, BASE),
      ).to.equal(half);
    });

    it("opens a new emission year at epoch 53 with the supply at that moment", async () => {
      const { emission, quiv, start } = await loadFixture(fixture);
      await emission.triggerEpoch();
      await time.increaseTo(start + 53n * L);
      await emission.triggerEpoch();
      expect(await emission.yearState()).to.deep.equal([1n, (await quiv.totalSupply()) - BASE, BASE]);
    });

    it("emits 0 without reverting after 1,000 and 1,100 years, in bounded gas (no loop per epoch)", async () => {
      const { emission, quiv, start } = await loadFixture(fixture);
      const minted = await quiv.totalMinted();
      await time.increaseTo(start + 1_000n * 365n * DAY);
      const tx = await emission.triggerEpoch();
      await expect(tx).to.emit(emission, "EpochTriggered").withArgs(anyUint(), anyAddr(), 0n, 0n, 0n, 0n);
      // Coverage instrumentation adds gas to every statement; the bound is for the real bytecode.
      expect((await tx.wait())!.gasUsed).to.be.lt(coverage ? 200_000n : 150_000n);
      await time.increaseTo(start + 1_100n * 365n * DAY);
      await expect(emission.triggerEpoch()).to.emit(emission, "EpochTriggered");
      expect(await quiv.totalMinted()).to.equal(minted);
    });
  });

  describe("growth multiplier", () => {
    it("scales the base by the feed's metric (1.5x, 8 decimals scaled to bps)", async () => {
      const { emission, growthFeed } = await loadFixture(fixture);
      await growthFeed.updateAnswer(150_000_000n);
      expect(await emission.growthMetricBps()).to.equal(15_000n);
      const amount = (BASE * 15_000n) / 10_000n;
      await expect(emission.triggerEpoch())
        .to.emit(emission, "EpochTriggered")
        .withArgs(0n, anyAddr(), amount, ...vals(amount));
    });

    it("clamps the metric at 2.0", async () => {
      const { emission, growthFeed } = await loadFixture(fixture);
      await growthFeed.updateAnswer(45n * 10n ** 7n); // 4.5: inside the (0, 5.0) sanity bounds
      expect(await emission.previewEmission()).to.equal(2n * BASE);
      await expect(emission.triggerEpoch())
        .to.emit(emission, "EpochTriggered")
        .withArgs(0n, anyAddr(), 2n * BASE, ...vals(2n * BASE));
    });

    it("emits a tenth at a metric of 0.1 (a metric of 0 is rejected by the feed reader and falls back to 1.0)", async () => {
      const { emission, growthFeed } = await loadFixture(fixture);
      await growthFeed.updateAnswer(10_000_000n);
      await expect(emission.triggerEpoch())
        .to.emit(emission, "EpochTriggered")
        .withArgs(0n, anyAddr(), BASE / 10n, ...vals(BASE / 10n));
    });
  });

  describe("yearly inflation cap", () => {
    it("stops emission once the year's budget (15% of the year-start supply) is used", async () => {
      const { emission, registry, growthFeed, deployer, quiv, start } = await loadFixture(fixture);
      const key = ethers.id("quiver.emission.maxInflationBps");
      await setBoundsUnfrozen(registry.connect(deployer), key, 0n, 3_000n, 10_000n, 365 * 86_400);
      await registry.connect(deployer).set(key, 150n); // 1.5%: budget 6,000,000 QUIV
      for (let e = 0n; e < 3n; e++) {
        if (e > 0n) await time.increaseTo(start + e * L);
        await growthFeed.updateAnswer(200_000_000n); // a fresh 2.0 for each epoch
        await emission.triggerEpoch();
      }
      // 2.88M + 2.88M + 0.24M = 6M
      expect(await quiv.totalMinted()).to.equal(GENESIS_SUPPLY + 6_000_000n * QUIV);
      await time.increaseTo(start + 3n * L);
      await expect(emission.triggerEpoch()).to.emit(emission, "EpochTriggered").withArgs(3n, anyAddr(), 0n, 0n, 0n, 0n);
    });
  });

  describe("split shares", () => {
    async function setShare(f: Awaited<ReturnType<typeof fixture>>, name: string, value: bigint) {
      const key = ethers.id(name);
      await setBoundsUnfrozen(f.registry.connect(f.deployer), key, 0n, 10_000n, 10_000n, 86_400);
      await f.registry.connect(f.deployer).set(key, value);
    }

    it("sends nothing to staking at a 0% staking share", async () => {
      const f = await loadFixture(fixture);
      await setShare(f, "quiver.emission.stakingBps", 0n);
      await expect(f.emission.triggerEpoch())
        .to.emit(f.emission, "EpochTriggered")
        .withArgs(0n, anyAddr(), BASE, 0n, 288_000n * QUIV, BASE - 288_000n * QUIV)
        .and.not.to.emit(f.staking, "RewardsQueued");
    });

    it("sends everything to staking at 100% / 0% / 0%", async () => {
      const f = await loadFixture(fixture);
      await setShare(f, "quiver.emission.stakingBps", 10_000n);
      await setShare(f, "quiver.emission.treasuryBps", 0n);
      const before = await f.quiv.balanceOf(f.treasury.address);
      await expect(f.emission.triggerEpoch())
        .to.emit(f.emission, "EpochTriggered")
        .withArgs(0n, anyAddr(), BASE, BASE, 0n, 0n);
      expect(await f.quiv.balanceOf(f.treasury.address)).to.equal(before);
    });

    it("reverts (emission not lost: the epoch stays triggerable) when a bounds change pushes shares above 100%", async () => {
      const f = await loadFixture(fixture);
      await setShare(f, "quiver.emission.stakingBps", 9_000n);
      const lib = await ethers.getContractAt("IFeeSplit", await f.emission.getAddress());
      await expect(f.emission.triggerEpoch())
        .to.be.revertedWithCustomError(lib, "FeeSplitSharesNotWhole")
        .withArgs(11_000n);
      expect(await f.emission.nextTriggerableEpoch()).to.equal(0n);
    });
  });

  describe("previewEmission", () => {
    it("uses the new year's budget before the first trigger of a year", async () => {
      const { emission, registry, deployer, start } = await loadFixture(fixture);
      const key = ethers.id("quiver.emission.maxInflationBps");
      await setBoundsUnfrozen(registry.connect(deployer), key, 0n, 3_000n, 10_000n, 86_400);
      await registry.connect(deployer).set(key, 1n); // budget 0.01% of 400M = 40,000 QUIV
      await time.increaseTo(start + 53n * L);
      expect(await emission.previewEmission()).to.equal(40_000n * QUIV);
      await expect(emission.triggerEpoch())
        .to.emit(emission, "EpochTriggered")
        .withArgs(53n, anyAddr(), 40_000n * QUIV, ...vals(40_000n * QUIV));
    });
  });

  describe("reentrancy (X-REENT-01)", () => {
    it("rejects a staking contract that re-enters triggerEpoch", async () => {
      const { quiv, registry, deployer, treasury, ecosystem, growthFeed } = await loadFixture(fixture);
      const hostile = await (await ethers.getContractFactory("ReentrantStaking")).deploy();
      const c = await (
        await ethers.getContractFactory("EmissionController")
      ).deploy(
        await quiv.getAddress(),
        await registry.getAddress(),
        await hostile.getAddress(),
        deployer.address,
        treasury.address,
        ecosystem.address,
        await growthFeed.getAddress(),
        L,
        BASE,
      );
      await hostile.setController(await c.getAddress());
      await quiv.connect(deployer).grantRole(await quiv.MINTER_ROLE(), await c.getAddress());
      await expect(c.triggerEpoch()).to.be.revertedWithCustomError(c, "ReentrancyGuardReentrantCall");
    });
  });

  describe("admin", () => {
    it("sets recipients with old and new values; rejects zero", async () => {
      const { emission, deployer, treasury, ecosystem, stranger } = await loadFixture(fixture);
      await expect(emission.connect(deployer).setRecipients(stranger.address, treasury.address))
        .to.emit(emission, "RecipientsChanged")
        .withArgs(treasury.address, stranger.address, ecosystem.address, treasury.address);
      await expect(
        emission.connect(deployer).setRecipients(ethers.ZeroAddress, treasury.address),
      ).to.be.revertedWithCustomError(emission, "EmissionZeroAddress");
      await expect(
        emission.connect(deployer).setRecipients(treasury.address, ethers.ZeroAddress),
      ).to.be.revertedWithCustomError(emission, "EmissionZeroAddress");
    });

    it("rejects restricted functions from a stranger with the exact error", async () => {
      const { emission, stranger } = await loadFixture(fixture);
      await expect(emission.connect(stranger).setGrowthFeed(stranger.address))
        .to.be.revertedWithCustomError(emission, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await emission.DEFAULT_ADMIN_ROLE());
      await expect(emission.connect(stranger).setRecipients(stranger.address, stranger.address))
        .to.be.revertedWithCustomError(emission, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await emission.DEFAULT_ADMIN_ROLE());
    });
  });
});

/** Matchers for withArgs. */
function anyAddr() {
  return (v: unknown) => typeof v === "string";
}
function anyUint() {
  return (v: unknown) => typeof v === "bigint";
}
function vals(amount: bigint): [bigint, bigint, bigint] {
  const s = (amount * 6_000n) / 10_000n;
  const t = (amount * 2_000n) / 10_000n;
  return [s, t, amount - s - t];
}
