import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { UnbondingSegmentsHarness } from "../../../typechain-types";

// SharesMath's virtual offset: a first mint into an empty segment gets 1e6 shares per token wei, and so does
// every mint into a segment no slash has touched (the positions below are exact).
const PER = 1_000_000n;

async function deployHarness() {
  const [provider] = await ethers.getSigners();
  const lib = await ethers.deployContract("UnbondingSegments");
  const factory = await ethers.getContractFactory("UnbondingSegmentsHarness", {
    libraries: { UnbondingSegments: await lib.getAddress() },
  });
  const h = (await factory.deploy(provider.address)) as unknown as UnbondingSegmentsHarness;
  // The library's events and errors are emitted from the harness's address (delegatecall).
  const ev = await ethers.getContractAt("IStakingPools", await h.getAddress());
  const t0 = BigInt(await time.latest()) + 100n;
  return { h, ev, provider: provider.address, t0 };
}

async function at(t: bigint) {
  await time.setNextBlockTimestamp(t);
}

/** Three entries of 1000, 500 and 500 wei at t0+10, t0+20 and t0+30: positions 0, 1e9, 1.5e9; latest 2e9. */
async function threeEntries() {
  const f = await deployHarness();
  const times = [f.t0 + 10n, f.t0 + 20n, f.t0 + 30n];
  for (const [i, amount] of [1_000n, 500n, 500n].entries()) {
    await at(times[i]);
    await expect(f.h.mint(amount, 0n))
      .to.emit(f.h, "Returned")
      .withArgs(amount * PER, 0n);
  }
  return { ...f, times };
}

describe("UnbondingSegments: reach and the offence boundary", () => {
  it("reach(0) covers every entry, an offence at an entry's second starts at it, one after the last reaches 0", async () => {
    const { h, times } = await loadFixture(threeEntries);
    expect(await h.reach(0n)).to.equal(2_000n);
    expect(await h.reach(times[1])).to.equal(1_000n);
    expect(await h.reach(times[2])).to.equal(500n);
    expect(await h.reach(times[2] + 1n)).to.equal(0n);
    expect(await h.book()).to.deep.equal([1n, 1n, 0n]);
  });
});

describe("UnbondingSegments: cases split, cover, freeze and release", () => {
  it("splits the open segment, then a middle one (relinking prev), then reuses a segment starting at the boundary", async () => {
    const { h, ev, provider, times } = await loadFixture(threeEntries);
    // Offence at t3: boundary 1.5e9, the open segment [0, 2e9) splits; the child is the new open segment.
    await expect(h.openCase(times[2], 0n))
      .to.emit(ev, "UnbondingSegmentSplit")
      .withArgs(provider, 1n, 2n, 1_500n * PER, 500n, 500n * PER)
      .and.to.emit(h, "Returned")
      .withArgs(2n, 500n);
    // Offence at t2: boundary 1e9 falls inside segment 1 [0, 1.5e9), which has a next: the child goes between.
    await expect(h.openCase(times[1], 1n))
      .to.emit(ev, "UnbondingSegmentSplit")
      .withArgs(provider, 1n, 3n, 1_000n * PER, 500n, 500n * PER)
      .and.to.emit(h, "Returned")
      .withArgs(3n, 1_000n);
    expect((await h.segmentOf(2n)).prev).to.equal(3n);
    expect((await h.segmentOf(3n)).next).to.equal(2n);
    expect((await h.segmentOf(1n)).next).to.equal(3n);
    // Offence at t1: boundary 0 is segment 1's start: no split, cover 1 -> 3 -> 2.
    await expect(h.openCase(times[0], 2n))
      .to.emit(h, "Returned")
      .withArgs(1n, 2_000n)
      .and.not.to.emit(ev, "UnbondingSegmentSplit");
    expect((await h.segmentOf(1n)).openCases).to.equal(1n);
    expect((await h.segmentOf(3n)).openCases).to.equal(2n);
    expect((await h.segmentOf(2n)).openCases).to.equal(3n);
    // reach walks back from the open segment over the segments after the boundary.
    expect(await h.reach(times[1])).to.equal(1_000n);
    expect(await h.reach(times[2])).to.equal(500n);
    // Frozen while covered.
    await expect(h.take(0n)).to.be.revertedWithCustomError(ev, "StakingFrozenByDispute").withArgs(provider, 1n);
    await expect(h.take(2n)).to.be.revertedWithCustomError(ev, "StakingFrozenByDispute").withArgs(provider, 3n);
    await expect(h.release(1n)).to.emit(h, "Returned").withArgs(2_000n, 0n);
    await expect(h.release(3n)).to.emit(h, "Returned").withArgs(1_000n, 0n);
    await expect(h.release(2n)).to.emit(h, "Returned").withArgs(500n, 0n);
    expect(await h.entryValue(2n)).to.equal(500n);
  });

  it("withdrawals out of order keep the high-water mark; the boundary is raised to it", async () => {
    const { h, times } = await loadFixture(threeEntries);
    // The last entry (position 1.5e9, end 2e9) first: withdrawnEnd = 2e9.
    await expect(h.take(2n))
      .to.emit(h, "Returned")
      .withArgs(500n, 500n * PER);
    expect((await h.book())[2]).to.equal(2_000n * PER);
    // Then the middle one (end 1.5e9 < 2e9): the mark stays.
    await expect(h.take(1n))
      .to.emit(h, "Returned")
      .withArgs(500n, 500n * PER);
    expect((await h.book())[2]).to.equal(2_000n * PER);
    expect((await h.entries()).length).to.equal(1);
    // Any offence's boundary is now 2e9 = the latest position: the first entry (position 0) is out of reach.
    expect(await h.reach(0n)).to.equal(0n);
    expect(await h.reach(times[0])).to.equal(0n);
    expect(await h.entryValue(0n)).to.equal(1_000n);
  });
});

describe("UnbondingSegments: slashes and the open segment's rollover", () => {
  it("a case after the last entry splits off an empty segment; a slash that leaves the open segment untouched does not roll over; one that lowers its price does", async () => {
    const { h, ev, provider, t0 } = await loadFixture(deployHarness);
    await at(t0 + 10n);
    await h.mint(1_000n, 0n);
    await at(t0 + 20n);
    await h.mint(1_000n, 0n);
    // Offence after both entries: boundary = latest = 2e9, an empty child [2e9, 2e9) becomes the open segment.
    await expect(h.openCase(t0 + 30n, 0n))
      .to.emit(ev, "UnbondingSegmentSplit")
      .withArgs(provider, 1n, 2n, 2_000n * PER, 0n, 0n)
      .and.to.emit(h, "Returned")
      .withArgs(2n, 0n);
    await expect(h.openCase(t0 + 10n, 1n))
      .to.emit(h, "Returned")
      .withArgs(1n, 2_000n);
    // 300 of 2000 from segment 1 only (the open one holds nothing): no rollover.
    await expect(h.slash(1n, 300n, 2_000n)).to.not.emit(ev, "UnbondingSegmentSplit");
    expect((await h.segmentOf(1n)).tokens).to.equal(1_700n);
    expect(await h.book()).to.deep.equal([2n, 2n, 0n]);
    // A mint into the open segment (still covered by both cases), then a slash that takes from it: rollover at 2.5e9.
    await expect(h.mint(500n, 2n))
      .to.emit(h, "Returned")
      .withArgs(500n * PER, 0n);
    await expect(h.slash(2n, 100n, 500n))
      .to.emit(ev, "UnbondingSegmentSplit")
      .withArgs(provider, 2n, 3n, 2_500n * PER, 0n, 0n);
    const child = await h.segmentOf(3n);
    expect([child.tokens, child.shares, child.start, child.prev, child.next, child.openCases]).to.deep.equal([
      0n,
      0n,
      2_500n * PER,
      2n,
      0n,
      2n,
    ]);
    expect(await h.book()).to.deep.equal([3n, 3n, 0n]);
    // reach skips the empty rolled-over segment and walks back: 400 + 1700.
    expect(await h.reach(0n)).to.equal(2_100n);
    // An entry minted after the rollover gets a fresh 1:1e6 price, not the slashed one.
    await expect(h.mint(100n, 2n))
      .to.emit(h, "Returned")
      .withArgs(100n * PER, 0n);
  });
});
