import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { FeedReaderHarness, MockAggregatorV3 } from "../../../typechain-types";
import { FeedStatus } from "../../../sdk/kit/core/oracle";

const HEARTBEAT = 3_600n;
const E8 = 10n ** 8n;
const MAX = 2n ** 256n - 1n;

describe("FeedReader", () => {
  async function fixture() {
    const [, eoa] = await ethers.getSigners();
    const reader = (await ethers.deployContract("FeedReaderHarness")) as unknown as FeedReaderHarness;
    const feed = (await ethers.deployContract("MockAggregatorV3", [8, 150_000_000n])) as unknown as MockAggregatorV3;
    return { reader, feed, eoa, feedAddr: await feed.getAddress() };
  }
  type F = Awaited<ReturnType<typeof fixture>>;

  /** tryRead with a 1-hour heartbeat, bounds (0, 10.0) and 4 target decimals unless given. */
  const tryRead = (f: F, feed = f.feedAddr, min = 0n, max = 100_000n, decimals = 4) =>
    f.reader.tryRead(feed, HEARTBEAT, min, max, decimals);
  const read = (f: F, feed = f.feedAddr, min = 0n, max = 100_000n, decimals = 4) =>
    f.reader.read(feed, HEARTBEAT, min, max, decimals);

  describe("given a fresh, complete, positive answer", () => {
    it("returns it scaled down from 8 to 4 decimals (1.5 -> 15,000), with its update time", async () => {
      const f = await loadFixture(fixture);
      const [, , , updatedAt] = await f.feed.latestRoundData();
      expect(await tryRead(f)).to.deep.equal([BigInt(FeedStatus.Ok), 15_000n, updatedAt]);
      expect(await read(f)).to.deep.equal([15_000n, updatedAt]);
    });

    it("scales down rounding down (1.23456789 -> 12,345 bps)", async () => {
      const f = await loadFixture(fixture);
      await f.feed.updateAnswer(123_456_789n);
      expect((await read(f))[0]).to.equal(12_345n);
    });

    it("scales up from 8 to 18 decimals and keeps equal decimals unchanged", async () => {
      const f = await loadFixture(fixture);
      expect((await read(f, f.feedAddr, 0n, MAX, 18))[0]).to.equal(15n * 10n ** 17n);
      expect((await read(f, f.feedAddr, 0n, MAX, 8))[0]).to.equal(150_000_000n);
      await f.feed.setDecimals(2);
      await f.feed.updateAnswer(150n); // 1.50 with 2 decimals
      expect((await read(f))[0]).to.equal(15_000n);
    });

    it("accepts an answer exactly heartbeat seconds old and rejects it one second later (Stale)", async () => {
      const f = await loadFixture(fixture);
      await f.feed.updateAnswer(E8);
      const [, , , updatedAt] = await f.feed.latestRoundData();
      await time.increaseTo(updatedAt + HEARTBEAT);
      expect((await tryRead(f))[0]).to.equal(BigInt(FeedStatus.Ok));
      await time.increaseTo(updatedAt + HEARTBEAT + 1n);
      expect(await tryRead(f)).to.deep.equal([BigInt(FeedStatus.Stale), 0n, updatedAt]);
      await expect(read(f))
        .to.be.revertedWithCustomError(f.reader, "FeedStale")
        .withArgs(f.feedAddr, updatedAt, HEARTBEAT, updatedAt + HEARTBEAT + 1n);
    });
  });

  describe("when the feed reverts or is not a feed", () => {
    it("reports Reverted when latestRoundData reverts", async () => {
      const f = await loadFixture(fixture);
      await f.feed.setReverts(true, false);
      expect(await tryRead(f)).to.deep.equal([BigInt(FeedStatus.Reverted), 0n, 0n]);
      await expect(read(f)).to.be.revertedWithCustomError(f.reader, "FeedReverted").withArgs(f.feedAddr);
    });

    it("reports Reverted when decimals reverts", async () => {
      const f = await loadFixture(fixture);
      await f.feed.setReverts(false, true);
      expect((await tryRead(f))[0]).to.equal(BigInt(FeedStatus.Reverted));
      await expect(read(f)).to.be.revertedWithCustomError(f.reader, "FeedReverted").withArgs(f.feedAddr);
    });

    it("reports Malformed for an address without code and for a contract without the functions", async () => {
      const f = await loadFixture(fixture);
      expect(await tryRead(f, f.eoa.address)).to.deep.equal([BigInt(FeedStatus.Malformed), 0n, 0n]);
      await expect(read(f, f.eoa.address))
        .to.be.revertedWithCustomError(f.reader, "FeedMalformed")
        .withArgs(f.eoa.address);
      // The harness has no latestRoundData and no fallback: the call reverts.
      const harness = await f.reader.getAddress();
      expect((await tryRead(f, harness))[0]).to.equal(BigInt(FeedStatus.Reverted));
    });
  });

  describe("when the round is incomplete", () => {
    for (const [label, round, answeredInRound, zeroUpdate] of [
      ["updatedAt == 0", 5n, 5n, true],
      ["answeredInRound == 0", 0n, 0n, false],
      ["answeredInRound < roundId", 5n, 4n, false],
    ] as const) {
      it(`reports IncompleteRound for ${label}`, async () => {
        const f = await loadFixture(fixture);
        const now = BigInt(await time.latest());
        const updatedAt = zeroUpdate ? 0n : now;
        await f.feed.setRoundData(round, E8, now, updatedAt, answeredInRound);
        expect((await tryRead(f))[0]).to.equal(BigInt(FeedStatus.IncompleteRound));
        await expect(read(f))
          .to.be.revertedWithCustomError(f.reader, "FeedIncompleteRound")
          .withArgs(f.feedAddr, round, answeredInRound, updatedAt);
      });
    }
  });

  it("reports FutureTimestamp for an update time after the block time", async () => {
    const f = await loadFixture(fixture);
    const now = BigInt(await time.latest());
    await f.feed.setRoundData(2n, E8, now, now + 100n, 2n);
    expect((await tryRead(f))[0]).to.equal(BigInt(FeedStatus.FutureTimestamp));
    await expect(read(f))
      .to.be.revertedWithCustomError(f.reader, "FeedFutureTimestamp")
      .withArgs(f.feedAddr, now + 100n, now + 1n);
  });

  for (const answer of [0n, -1n, -(2n ** 255n)]) {
    it(`reports NonPositive for an answer of ${answer}`, async () => {
      const f = await loadFixture(fixture);
      await f.feed.updateAnswer(answer);
      expect((await tryRead(f))[0]).to.equal(BigInt(FeedStatus.NonPositive));
      await expect(read(f))
        .to.be.revertedWithCustomError(f.reader, "FeedNonPositiveAnswer")
        .withArgs(f.feedAddr, answer);
    });
  }

  describe("bounds (exclusive, on the scaled value)", () => {
    it("rejects a value at either bound and beyond, accepts one inside", async () => {
      const f = await loadFixture(fixture); // 1.5 = 15,000 bps
      for (const [min, max, ok] of [
        [14_999n, 15_001n, true],
        [15_000n, 20_000n, false],
        [10_000n, 15_000n, false],
        [16_000n, 20_000n, false],
        [0n, 14_000n, false],
      ] as const) {
        const r = await tryRead(f, f.feedAddr, min, max);
        expect(r[0], `(${min}, ${max})`).to.equal(BigInt(ok ? FeedStatus.Ok : FeedStatus.OutOfBounds));
        if (!ok) {
          await expect(read(f, f.feedAddr, min, max))
            .to.be.revertedWithCustomError(f.reader, "FeedOutOfBounds")
            .withArgs(f.feedAddr, 15_000n, min, max);
        }
      }
    });

    it("rejects an answer that scales down to 0 with a lower bound of 0", async () => {
      const f = await loadFixture(fixture);
      await f.feed.updateAnswer(9_999n); // 0.00009999 -> 0 bps
      await expect(read(f))
        .to.be.revertedWithCustomError(f.reader, "FeedOutOfBounds")
        .withArgs(f.feedAddr, 0n, 0n, 100_000n);
    });

    it("reports OutOfBounds (value 2^256 - 1) when scaling up overflows", async () => {
      const f = await loadFixture(fixture);
      await f.feed.setDecimals(0);
      await f.feed.updateAnswer(2n ** 255n - 1n);
      expect((await tryRead(f, f.feedAddr, 0n, MAX, 18))[0]).to.equal(BigInt(FeedStatus.OutOfBounds));
      await expect(read(f, f.feedAddr, 0n, MAX, 18))
        .to.be.revertedWithCustomError(f.reader, "FeedOutOfBounds")
        .withArgs(f.feedAddr, MAX, 0n, MAX);
    });
  });

  describe("scale", () => {
    it("scales both ways, rounds down, and handles differences beyond 77 decimals", async () => {
      const f = await loadFixture(fixture);
      expect(await f.reader.scale(123_456_789n, 8, 4)).to.deep.equal([true, 12_345n]);
      expect(await f.reader.scale(15n, 1, 4)).to.deep.equal([true, 15_000n]);
      expect(await f.reader.scale(7n, 6, 6)).to.deep.equal([true, 7n]);
      expect(await f.reader.scale(MAX, 255, 0)).to.deep.equal([true, 0n]);
      expect(await f.reader.scale(MAX, 78, 0)).to.deep.equal([true, MAX / 10n ** 78n]);
      expect(await f.reader.scale(1n, 0, 77)).to.deep.equal([true, 10n ** 77n]);
      expect(await f.reader.scale(1n, 0, 78)).to.deep.equal([false, 0n]);
      expect(await f.reader.scale(0n, 0, 200)).to.deep.equal([true, 0n]);
      expect(await f.reader.scale(MAX, 0, 1)).to.deep.equal([false, 0n]);
    });
  });
});

describe("AggregatorV3Interface (declared in the repo, SEC-15)", () => {
  it("has Chainlink's selectors, so a real AggregatorV3 feed answers it", async () => {
    const artifact = await hre.artifacts.readArtifact("AggregatorV3Interface");
    const iface = new hre.ethers.Interface(artifact.abi);
    // Selectors of Chainlink's AggregatorV3Interface (keccak of the canonical signatures).
    expect(iface.getFunction("decimals")!.selector).to.equal("0x313ce567");
    expect(iface.getFunction("description")!.selector).to.equal("0x7284e416");
    expect(iface.getFunction("version")!.selector).to.equal("0x54fd4d50");
    expect(iface.getFunction("getRoundData")!.selector).to.equal("0x9a6fc8f5");
    expect(iface.getFunction("latestRoundData")!.selector).to.equal("0xfeaf968c");
    expect(iface.getFunction("latestRoundData")!.outputs.map((o) => o.type)).to.deep.equal([
      "uint80",
      "int256",
      "uint256",
      "uint256",
      "uint80",
    ]);
  });
});
