import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";

/** Wall time that passes between the fixture's snapshot and the test that restores it. */
const WAIT_MS = 2_100;

async function fixture() {
  const [a, b] = await ethers.getSigners();
  return { a, b };
}

describe("test harness: block time after a restored snapshot (test/helpers/snapshotClock.ts)", () => {
  it("mines the first block after loadFixture at latest + 1, whatever wall time passed since the snapshot", async () => {
    await loadFixture(fixture); // takes the snapshot
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    const { a, b } = await loadFixture(fixture); // restores it
    const latest = await time.latest();
    const receipt = await (await a.sendTransaction({ to: b.address, value: 1n })).wait();
    const block = await ethers.provider.getBlock(receipt!.blockNumber);
    expect(block!.timestamp).to.equal(latest + 1);
  });

  it("still lets a test choose the next timestamp after loadFixture", async () => {
    await loadFixture(fixture);
    const latest = await time.latest();
    await time.increase(3_600);
    expect(await time.latest()).to.equal(latest + 3_600);
    await loadFixture(fixture);
    await time.setNextBlockTimestamp(latest + 50);
    await ethers.provider.send("evm_mine", []);
    expect(await time.latest()).to.equal(latest + 50);
  });
});
