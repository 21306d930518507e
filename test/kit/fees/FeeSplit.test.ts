import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

async function deployHarness() {
  const harness = await (await ethers.getContractFactory("FeeSplitHarness")).deploy();
  return { harness };
}

describe("FeeSplit", () => {
  it("splits 1,000,003 wei by 70/20/5/5 with the 2 wei of dust on the last leg", async () => {
    const { harness } = await loadFixture(deployHarness);
    // 700002.1 -> 700002, 200000.6 -> 200000, 50000.15 -> 50000, last = 1000003 - 950002 = 50001
    expect(await harness.split(1_000_003n, [7_000n, 2_000n, 500n, 500n])).to.deep.equal([
      700_002n,
      200_000n,
      50_000n,
      50_001n,
    ]);
  });

  it("gives everything to the last leg when the amount is below 10,000 / share", async () => {
    const { harness } = await loadFixture(deployHarness);
    expect(await harness.split(3n, [3_000n, 3_000n, 4_000n])).to.deep.equal([0n, 0n, 3n]);
  });

  it("splits zero into zero legs and a single 100% leg into the amount", async () => {
    const { harness } = await loadFixture(deployHarness);
    expect(await harness.split(0n, [5_000n, 5_000n])).to.deep.equal([0n, 0n]);
    expect(await harness.split(12_345n, [10_000n])).to.deep.equal([12_345n]);
  });

  it("does not overflow at the largest uint256 amount", async () => {
    const { harness } = await loadFixture(deployHarness);
    const max = ethers.MaxUint256;
    const legs = await harness.split(max, [9_999n, 1n]);
    expect(legs[0]).to.equal((max * 9_999n) / 10_000n);
    expect(legs[0] + legs[1]).to.equal(max);
  });

  it("rejects shares that do not sum to 10,000 and an empty share list", async () => {
    const { harness } = await loadFixture(deployHarness);
    await expect(harness.split(1n, [5_000n, 4_999n]))
      .to.be.revertedWithCustomError(harness, "FeeSplitSharesNotWhole")
      .withArgs(9_999n);
    await expect(harness.validate([5_000n, 5_001n]))
      .to.be.revertedWithCustomError(harness, "FeeSplitSharesNotWhole")
      .withArgs(10_001n);
    await expect(harness.split(1n, [])).to.be.revertedWithCustomError(harness, "FeeSplitNoLegs");
  });

  it("split2 rounds the first leg down and gives the rest to the second", async () => {
    const { harness } = await loadFixture(deployHarness);
    expect(await harness.split2(999n, 3_333n)).to.deep.equal([332n, 667n]);
    expect(await harness.split2(999n, 10_000n)).to.deep.equal([999n, 0n]);
    await expect(harness.split2(1n, 10_001n))
      .to.be.revertedWithCustomError(harness, "FeeSplitSharesNotWhole")
      .withArgs(10_001n);
  });

  describe("splitWithRemainder", () => {
    it("rounds each given leg down and gives the remainder share and all dust to the last leg", async () => {
      const { harness } = await loadFixture(deployHarness);
      // 1,000,003 by 70% / 20% (+ remainder 10%): 700002, 200000, last = 1000003 - 900002 = 100001
      expect(await harness.splitWithRemainder(1_000_003n, [7_000n, 2_000n])).to.deep.equal([
        700_002n,
        200_000n,
        100_001n,
      ]);
    });

    it("equals split() with the remainder share appended, for every leg count 0..3", async () => {
      const { harness } = await loadFixture(deployHarness);
      const amount = 987_654_321_987n;
      for (const given of [[], [10_000n], [3_333n, 3_333n], [1n, 2_500n, 7_000n]]) {
        const rest = 10_000n - given.reduce((a, b) => a + b, 0n);
        expect(await harness.splitWithRemainder(amount, given)).to.deep.equal(
          await harness.split(amount, [...given, rest]),
        );
      }
    });

    it("gives the last leg zero when the given shares are exactly 100%", async () => {
      const { harness } = await loadFixture(deployHarness);
      expect(await harness.splitWithRemainder(999n, [5_000n, 5_000n])).to.deep.equal([499n, 499n, 1n]);
      expect(await harness.splitWithRemainder(1_000n, [5_000n, 5_000n])).to.deep.equal([500n, 500n, 0n]);
    });

    it("rejects given shares above 100% with their sum, even when a leg alone would overflow", async () => {
      const { harness } = await loadFixture(deployHarness);
      await expect(harness.splitWithRemainder(1n, [5_000n, 5_001n]))
        .to.be.revertedWithCustomError(harness, "FeeSplitSharesNotWhole")
        .withArgs(10_001n);
      await expect(harness.splitWithRemainder(ethers.MaxUint256, [20_000n]))
        .to.be.revertedWithCustomError(harness, "FeeSplitSharesNotWhole")
        .withArgs(20_000n);
    });
  });
});
