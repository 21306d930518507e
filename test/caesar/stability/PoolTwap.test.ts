import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { Contract } from "ethers";
import { CAESAR } from "../fixtures";
import { DEADLINE, deployStability } from "./fixtures";
import type { FeedPriceSource, MockAggregatorV3, TwapSandwich } from "../../../typechain-types";
import { HOUR_S as HOUR } from "../../helpers/units";

describe("PoolTwap", () => {
  it("refuses a pair without CAESAR", async () => {
    const { pairAddress, registry, usd, alice } = await loadFixture(deployStability);
    const factory = await ethers.getContractFactory("PoolTwap");
    await expect(factory.deploy(pairAddress, alice.address, await registry.getAddress(), 18, 18))
      .to.be.revertedWithCustomError(factory, "TwapTokenNotInPair")
      .withArgs(pairAddress, alice.address);
    expect(await usd.decimals()).to.equal(18n);
  });

  it("refuses to average less than the window, then returns the 1:1 price of the seeded pool", async () => {
    const { twap } = await loadFixture(deployStability);
    const deployed = (await twap.older())[1];
    await expect(twap.peek())
      .to.be.revertedWithCustomError(twap, "TwapWindowNotElapsed")
      .withArgs(BigInt(await time.latest()) - deployed, BigInt(HOUR));
    await time.increase(HOUR);
    expect(await twap.peek()).to.equal(CAESAR);
  });

  it("rolls its observations once the newer one is a window old, with an event", async () => {
    const { twap } = await loadFixture(deployStability);
    const start = (await twap.newer())[1];
    const expected = await twap.cumulativeNow();
    await time.setNextBlockTimestamp(start + BigInt(HOUR));
    await expect(twap.observe()).to.emit(twap, "TwapObserved");
    const [cum, ts] = await twap.newer();
    expect(ts).to.equal(start + BigInt(HOUR));
    expect((await twap.older())[1]).to.equal(start);
    expect(cum).to.be.greaterThanOrEqual(expected);
    // the next observe does not roll again
    await expect(twap.observe()).not.to.emit(twap, "TwapObserved");
  });

  it("follows a lasting price move as a time-weighted average, not the spot", async () => {
    const { twap, router, token, usd, alice, pair } = await loadFixture(deployStability);
    await time.increase(HOUR);
    await twap.observe();
    // buy CAESAR: its price rises
    await (router.connect(alice) as Contract).swapExactTokensForTokensSupportingFeeOnTransferTokens(
      10_000n * CAESAR,
      0n,
      [await usd.getAddress(), await token.getAddress()],
      alice.address,
      DEADLINE,
    );
    const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
    const caesar0 = (await pair.token0()) === (await token.getAddress());
    const spot = ((caesar0 ? r1 : r0) * CAESAR) / (caesar0 ? r0 : r1);
    await time.increase(HOUR / 2);
    const avg = await twap.peek();
    expect(avg).to.be.greaterThan(CAESAR);
    expect(avg).to.be.lessThan(spot);
  });

  it("is not moved by a sandwich inside one transaction (a big buy, a read, the sell back)", async () => {
    const { twap, token, usd, pairAddress } = await loadFixture(deployStability);
    await time.increase(HOUR);
    await twap.observe();
    await time.increase(HOUR / 4);
    const attacker = (await ethers.deployContract("TwapSandwich")) as unknown as TwapSandwich;
    await usd.mint(await attacker.getAddress(), 500_000n * CAESAR);
    await attacker.run(
      pairAddress,
      await usd.getAddress(),
      await token.getAddress(),
      await twap.getAddress(),
      500_000n * CAESAR,
    );
    const before = await attacker.before();
    expect(await attacker.spotDuring()).to.be.greaterThan(30n * CAESAR); // the spot moved 30x
    expect(await attacker.during()).to.equal(before);
    expect(await attacker.afterwards()).to.equal(before);
  });
});

describe("FeedPriceSource", () => {
  it("reads an AggregatorV3 feed in WAD and reverts with the FeedReader error when stale", async () => {
    const { registry } = await loadFixture(deployStability);
    const feed = (await ethers.deployContract("MockAggregatorV3", [8, 101_000_000n])) as unknown as MockAggregatorV3;
    const src = (await ethers.deployContract("FeedPriceSource", [
      await feed.getAddress(),
      await registry.getAddress(),
    ])) as unknown as FeedPriceSource;
    expect(await src.peek()).to.equal(1_010_000_000_000_000_000n);
    expect(await src.observe.staticCall()).to.equal(1_010_000_000_000_000_000n);
    const updatedAt = (await feed.latestRoundData())[3];
    await time.increase(86_401);
    await expect(src.peek())
      .to.be.revertedWithCustomError(src, "FeedStale")
      .withArgs(await feed.getAddress(), updatedAt, 86_400n, BigInt(await time.latest()));
  });
});
