import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { deployStaking, DAY } from "../fixtures/staking";
import { DEFAULT_BASE_EPOCH_EMISSION } from "../../../deploy/quiver/modules/Emission";
import { FeedStatus } from "../../../sdk/quiver/core/emission";

const BASE = DEFAULT_BASE_EPOCH_EMISSION;
const E8 = 10n ** 8n;
const HEARTBEAT = 2n * DAY;

describe("SEC-15 a stale or unusable growth metric falls back to 1.0", () => {
  async function fixture() {
    const f = await deployStaking();
    return { ...f, feedAddr: await f.growthFeed.getAddress() };
  }
  type F = Awaited<ReturnType<typeof fixture>>;

  /** Triggers the current epoch and returns what it minted. */
  async function trigger(f: F) {
    const before = await f.quiv.totalMinted();
    const tx = await f.emission.triggerEpoch();
    return { tx, minted: (await f.quiv.totalMinted()) - before };
  }

  it("SEC-15 a 300-day-old 2.0 does not double emission: the epoch mints the 1.0 schedule", async () => {
    const f = await loadFixture(fixture);
    await f.growthFeed.updateAnswer(2n * E8);
    const [, , , updatedAt] = await f.growthFeed.latestRoundData();
    await time.increase(300n * DAY);
    expect(await f.emission.growthMetric()).to.deep.equal([10_000n, BigInt(FeedStatus.Stale), updatedAt]);
    expect(await f.emission.previewEmission()).to.equal(BASE);
    const epoch = await f.emission.currentEpoch();
    const { tx, minted } = await trigger(f);
    expect(minted).to.equal(BASE);
    await expect(tx)
      .to.emit(f.emission, "GrowthMetricFallback")
      .withArgs(epoch, f.feedAddr, FeedStatus.Stale, updatedAt);
  });

  it("SEC-15 a fresh 2.0 still doubles emission (the feed is used, no fallback event)", async () => {
    const f = await loadFixture(fixture);
    await f.growthFeed.updateAnswer(2n * E8);
    expect(await f.emission.growthMetricBps()).to.equal(20_000n);
    const { tx, minted } = await trigger(f);
    expect(minted).to.equal(2n * BASE);
    await expect(tx).to.not.emit(f.emission, "GrowthMetricFallback");
  });

  it("SEC-15 the answer is used up to heartbeat seconds after its update and not one second later", async () => {
    const f = await loadFixture(fixture);
    await f.growthFeed.updateAnswer(15n * 10n ** 7n); // 1.5
    const [, , , updatedAt] = await f.growthFeed.latestRoundData();
    await time.setNextBlockTimestamp(updatedAt + HEARTBEAT);
    expect((await trigger(f)).minted).to.equal((BASE * 15n) / 10n);
    await f.growthFeed.updateAnswer(15n * 10n ** 7n);
    const [, , , second] = await f.growthFeed.latestRoundData();
    await time.increaseTo(
      (await f.emission.nextEpochAt()) > second + HEARTBEAT ? await f.emission.nextEpochAt() : second + HEARTBEAT + 1n,
    );
    expect((await f.emission.growthMetric())[1]).to.equal(BigInt(FeedStatus.Stale));
    expect((await trigger(f)).minted).to.equal(BASE);
  });

  describe("when the answer is out of the sanity bounds (0, 5.0) or unusable", () => {
    for (const [label, setup, status] of [
      ["at the upper bound 5.0", (f: F) => f.growthFeed.updateAnswer(5n * E8), FeedStatus.OutOfBounds],
      ["far above it (1e30)", (f: F) => f.growthFeed.updateAnswer(10n ** 30n), FeedStatus.OutOfBounds],
      ["zero", (f: F) => f.growthFeed.updateAnswer(0n), FeedStatus.NonPositive],
      ["negative", (f: F) => f.growthFeed.updateAnswer(-1n), FeedStatus.NonPositive],
      ["from a reverting feed", (f: F) => f.growthFeed.setReverts(true, false), FeedStatus.Reverted],
      ["an incomplete round", (f: F) => f.growthFeed.setRoundData(3n, 2n * E8, 1n, 0n, 3n), FeedStatus.IncompleteRound],
    ] as const) {
      it(`SEC-15 mints the 1.0 schedule for an answer ${label} and emits the status`, async () => {
        const f = await loadFixture(fixture);
        await setup(f);
        expect((await f.emission.growthMetric()).slice(0, 2)).to.deep.equal([10_000n, BigInt(status)]);
        const { tx, minted } = await trigger(f);
        expect(minted).to.equal(BASE);
        await expect(tx).to.emit(f.emission, "GrowthMetricFallback").withArgs(0n, f.feedAddr, status, anyValue);
      });
    }

    it("SEC-15 an answer in the future falls back (FutureTimestamp)", async () => {
      const f = await loadFixture(fixture);
      const now = BigInt(await time.latest());
      await f.growthFeed.setRoundData(2n, 2n * E8, now, now + DAY, 2n);
      const { tx, minted } = await trigger(f);
      expect(minted).to.equal(BASE);
      await expect(tx)
        .to.emit(f.emission, "GrowthMetricFallback")
        .withArgs(0n, f.feedAddr, FeedStatus.FutureTimestamp, now + DAY);
    });

    it("SEC-15 governance's bounds apply: a metric of 4.5 falls back once growthMaxBps is 4.0", async () => {
      const f = await loadFixture(fixture);
      await f.growthFeed.updateAnswer(45n * 10n ** 7n);
      expect(await f.emission.growthMetricBps()).to.equal(45_000n); // used (clamped to 2.0 when minting)
      await f.registry.connect(f.deployer).set(ethers.id("quiver.emission.growthMaxBps"), 40_000n);
      expect((await f.emission.growthMetric()).slice(0, 2)).to.deep.equal([10_000n, BigInt(FeedStatus.OutOfBounds)]);
    });
  });

  describe("setGrowthFeed", () => {
    it("SEC-15 lets the admin point the controller at another feed (any decimals), emits, rejects zero", async () => {
      const f = await loadFixture(fixture);
      const feed18 = await ethers.deployContract("MockAggregatorV3", [18, 125n * 10n ** 16n]); // 1.25
      const addr = await feed18.getAddress();
      await expect(f.emission.connect(f.deployer).setGrowthFeed(addr))
        .to.emit(f.emission, "GrowthFeedChanged")
        .withArgs(f.feedAddr, addr);
      expect(await f.emission.growthFeed()).to.equal(addr);
      expect(await f.emission.growthMetricBps()).to.equal(12_500n);
      await expect(f.emission.connect(f.deployer).setGrowthFeed(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.emission,
        "EmissionZeroAddress",
      );
    });

    it("SEC-15 rejects a stranger", async () => {
      const f = await loadFixture(fixture);
      await expect(f.emission.connect(f.stranger).setGrowthFeed(f.stranger.address))
        .to.be.revertedWithCustomError(f.emission, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, await f.emission.DEFAULT_ADMIN_ROLE());
    });
  });
});
