import { expect } from "chai";
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { TOKEN as Q } from "../../helpers/units";

/**
 * The research model behind scripts/bench/votesHook.ts (the design `token()` does not use) is faithful: the sink's
 * power is exactly 1.5x the source's delegated votes, and its events carry each move, so the measured gas is that
 * of a working design.
 */
describe("MockHookedVotesSource -> MockVotingPowerSink (research model of a checkpointed voting-power token)", () => {
  it("checkpoints 1.5x the source's delegated votes and emits DelegateVotesChanged per move", async () => {
    const [, a, b] = await ethers.getSigners();
    const sink = await ethers.deployContract("MockVotingPowerSink");
    const source = await ethers.deployContract("MockHookedVotesSource", ["HOOKED", await sink.getAddress()]);
    await sink.setWeight(await source.getAddress(), 15_000n);
    await source.mint(a.address, 1_000n * Q);
    await expect(source.connect(a).delegate(b.address))
      .to.emit(sink, "DelegateVotesChanged")
      .withArgs(b.address, 0n, 1_500n * Q);
    await source.mint(a.address, 1n); // 1 wei at 1.5x: the raw sum keeps the half, the event floors it
    await expect(source.connect(a).transfer(b.address, 100n * Q))
      .to.emit(sink, "DelegateVotesChanged")
      .withArgs(b.address, 1_500n * Q + 1n, 1_350n * Q + 1n);
    await source.connect(b).delegate(b.address);
    await time.increase(1);
    const t = (await time.latest()) - 1;
    for (const who of [a.address, b.address]) {
      expect(await sink.getPastVotes(who, t)).to.equal(((await source.getPastVotes(who, t)) * 15_000n) / 10_000n);
    }
    expect(await sink.getPastVotes(b.address, t)).to.equal(1_500n * Q + 1n);
  });
});
