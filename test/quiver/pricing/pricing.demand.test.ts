import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { Signer } from "ethers";
import { deployQuiverActors, postPresetJob, type QuiverActors } from "../fixtures/quiverActors";
import { bidCommitment } from "../../../sdk/quiver/core/market";
import { HOUR, TOKEN as Q } from "../../helpers/units";

/**
 * Demand must cost what it moves (the simulator's `fee-attack-up` finding): an owner with a consumer wallet and a
 * staked provider accepted its own 1-wei bids and let the jobs expire; each counted as one job of demand and the
 * refund returned the escrow in full, so the network fee climbed to its ceiling for nothing.
 */
const SIZE_CLASS = 1;
const WAD = 10n ** 18n;

/** Posts a job from `consumer`, a sealed bid of `price` from `provider`, revealed; returns the job id. */
async function bidOn(f: QuiverActors, consumer: Signer, provider: Signer, price: bigint) {
  const { jobId, bidDeadline } = await postPresetJob(f, consumer);
  const salt = ethers.id("salt");
  const who = await provider.getAddress();
  await f.marketplace.connect(provider).commitBid(jobId, bidCommitment(jobId, who, price, salt));
  await time.increaseTo(bidDeadline);
  await f.marketplace.connect(provider).revealBid(jobId, price, salt);
  await time.increaseTo(bidDeadline + HOUR);
  return jobId;
}

/** `bidOn`, then accepted by the consumer (the price escrowed). */
async function acceptedJob(f: QuiverActors, price: bigint) {
  const jobId = await bidOn(f, f.consumer, f.provider, price);
  await f.quiv.connect(f.consumer).approve(await f.marketplace.getAddress(), price);
  await f.marketplace.connect(f.consumer).accept(jobId, f.provider.address);
  return jobId;
}

describe("Pricing demand costs what it moves (fee-attack-up)", () => {
  it("an accepted job that expires and is refunded in full records no demand", async () => {
    const f = await loadFixture(deployQuiverActors);
    const jobId = await acceptedJob(f, 1n);
    await time.increase(3n * HOUR);
    await f.marketplace.connect(f.consumer).refundExpired(jobId);
    expect((await f.oracle.getSizeClass(SIZE_CLASS)).pendingDemand).to.equal(0n);
  });

  it("a self-served job settled at 1 wei adds no demand", async () => {
    const f = await loadFixture(deployQuiverActors);
    const jobId = await acceptedJob(f, 1n);
    await f.marketplace.connect(f.provider).submit(jobId, ethers.id("out"), ethers.id("receipt"));
    await f.marketplace.connect(f.consumer).confirm(jobId);
    expect((await f.oracle.getSizeClass(SIZE_CLASS)).pendingDemand).to.equal(0n);
  });

  it("revealed bids on a job that is then cancelled add no supply", async () => {
    const f = await loadFixture(deployQuiverActors);
    const jobId = await bidOn(f, f.consumer, f.provider, 1n);
    await f.marketplace.connect(f.consumer).cancel(jobId);
    expect((await f.oracle.getSizeClass(SIZE_CLASS)).pendingSupply).to.equal(0n);
  });

  it("a settled job counts its price in reference prices as demand and that times its bids at or below the reference price as supply", async () => {
    const f = await loadFixture(deployQuiverActors);
    // Two more tier-1 providers: one bids exactly the 5-QUIV reference price and loses (supply), one bids 1 wei
    // above it (an offer that can lose at no cost is no supply at that price: SIM-02).
    const [second, third] = [f.signers[18], f.signers[19]];
    for (const p of [second, third]) {
      await f.quiv.connect(f.ecosystem).transfer(p.address, 2_000n * Q);
      await f.quiv.connect(p).approve(await f.staking.getAddress(), 2_000n * Q);
      await f.staking.connect(p).registerProvider(1_000n);
      await f.staking.connect(p).stake(2_000n * Q);
    }
    const { jobId, bidDeadline } = await postPresetJob(f, f.consumer);
    expect(await f.oracle.referencePrice(SIZE_CLASS)).to.equal(5n * Q);
    const bids: [Signer, bigint, bigint][] = [
      [f.provider, 4n * Q, 1n],
      [second, 5n * Q, 2n],
      [third, 5n * Q + 1n, 2n],
    ];
    for (const [p, price] of bids)
      await f.marketplace
        .connect(p)
        .commitBid(jobId, bidCommitment(jobId, await p.getAddress(), price, ethers.id("s")));
    await time.increaseTo(bidDeadline);
    for (const [p, price, counted] of bids) {
      await expect(f.marketplace.connect(p).revealBid(jobId, price, ethers.id("s")))
        .to.emit(f.marketplace, "BidRevealed")
        .withArgs(jobId, await p.getAddress(), price);
      expect((await f.marketplace.getJob(jobId)).supplyBids, `after the bid of ${price}`).to.equal(counted);
    }
    await time.increaseTo(bidDeadline + HOUR);
    await f.quiv.connect(f.consumer).approve(await f.marketplace.getAddress(), 4n * Q);
    await f.marketplace.connect(f.consumer).accept(jobId, f.provider.address);
    await f.marketplace.connect(f.provider).submit(jobId, ethers.id("out"), ethers.id("receipt"));
    expect((await f.oracle.getSizeClass(SIZE_CLASS)).pendingDemand).to.equal(0n);
    // At the 5-QUIV reference price the 4-QUIV job is 0.8 jobs of demand, and its two counted bids 1.6 of supply.
    const weight = (8n * WAD) / 10n;
    await expect(f.marketplace.connect(f.consumer).confirm(jobId))
      .to.emit(f.oracle, "SettlementRecorded")
      .withArgs(SIZE_CLASS, weight, 2n * weight);
    const c = await f.oracle.getSizeClass(SIZE_CLASS);
    expect([c.pendingDemand, c.pendingSupply]).to.deep.equal([weight, 2n * weight]);
  });

  it("a bid above the reference price may still win: it is paid, and the job counts as demand without supply", async () => {
    const f = await loadFixture(deployQuiverActors);
    const jobId = await bidOn(f, f.consumer, f.provider, 6n * Q);
    expect((await f.marketplace.getJob(jobId)).supplyBids).to.equal(0n);
    await f.quiv.connect(f.consumer).approve(await f.marketplace.getAddress(), 6n * Q);
    await f.marketplace.connect(f.consumer).accept(jobId, f.provider.address);
    await f.marketplace.connect(f.provider).submit(jobId, ethers.id("out"), ethers.id("receipt"));
    // 6 / 5 = 1.2 jobs of demand and none of supply: the next update raises the price towards the ceiling.
    await expect(f.marketplace.connect(f.consumer).confirm(jobId))
      .to.emit(f.oracle, "SettlementRecorded")
      .withArgs(SIZE_CLASS, (12n * WAD) / 10n, 0n);
  });

  it("a job of a class the oracle does not price gets no revealed bid, so it cannot be accepted and nothing is escrowed", async () => {
    const f = await loadFixture(deployQuiverActors);
    const { jobId, bidDeadline } = await postPresetJob(f, f.consumer, { sizeClass: 5 });
    const salt = ethers.id("salt");
    await f.marketplace.connect(f.provider).commitBid(jobId, bidCommitment(jobId, f.provider.address, Q, salt));
    await time.increaseTo(bidDeadline);
    await expect(f.marketplace.connect(f.provider).revealBid(jobId, Q, salt))
      .to.be.revertedWithCustomError(f.oracle, "PricingUnknownSizeClass")
      .withArgs(5);
    await time.increaseTo(bidDeadline + HOUR);
    await f.quiv.connect(f.consumer).approve(await f.marketplace.getAddress(), Q);
    await expect(f.marketplace.connect(f.consumer).accept(jobId, f.provider.address))
      .to.be.revertedWithCustomError(f.marketplace, "MarketNoBid")
      .withArgs(jobId, f.provider.address);
    expect(await f.marketplace.totalEscrowed()).to.equal(0n);
  });
});
