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
async function bidOn(f: QuiverActors, consumer: Signer, provider: Signer, price: bigint, sizeClass = SIZE_CLASS) {
  const { jobId, bidDeadline } = await postPresetJob(f, consumer, { sizeClass });
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

  it("a settled job counts its price in reference prices as demand and that times its revealed bids as supply", async () => {
    const f = await loadFixture(deployQuiverActors);
    // A second tier-1 provider bids higher and loses; both bids are the job's supply.
    const second = f.signers[18];
    await f.quiv.connect(f.ecosystem).transfer(second.address, 2_000n * Q);
    await f.quiv.connect(second).approve(await f.staking.getAddress(), 2_000n * Q);
    await f.staking.connect(second).registerProvider(1_000n);
    await f.staking.connect(second).stake(2_000n * Q);
    const { jobId, bidDeadline } = await postPresetJob(f, f.consumer);
    const bids: [Signer, bigint][] = [
      [f.provider, 5n * Q],
      [second, 7n * Q],
    ];
    for (const [p, price] of bids)
      await f.marketplace
        .connect(p)
        .commitBid(jobId, bidCommitment(jobId, await p.getAddress(), price, ethers.id("s")));
    await time.increaseTo(bidDeadline);
    for (const [p, price] of bids) await f.marketplace.connect(p).revealBid(jobId, price, ethers.id("s"));
    expect((await f.marketplace.getJob(jobId)).revealedBids).to.equal(2n);
    await time.increaseTo(bidDeadline + HOUR);
    await f.quiv.connect(f.consumer).approve(await f.marketplace.getAddress(), 5n * Q);
    await f.marketplace.connect(f.consumer).accept(jobId, f.provider.address);
    await f.marketplace.connect(f.provider).submit(jobId, ethers.id("out"), ethers.id("receipt"));
    expect((await f.oracle.getSizeClass(SIZE_CLASS)).pendingDemand).to.equal(0n);
    // At the 5-QUIV reference price the 5-QUIV job is exactly one job of demand and two of supply.
    expect(await f.oracle.referencePrice(SIZE_CLASS)).to.equal(5n * Q);
    await expect(f.marketplace.connect(f.consumer).confirm(jobId))
      .to.emit(f.oracle, "SettlementRecorded")
      .withArgs(SIZE_CLASS, WAD, 2n * WAD);
    const c = await f.oracle.getSizeClass(SIZE_CLASS);
    expect([c.pendingDemand, c.pendingSupply]).to.deep.equal([WAD, 2n * WAD]);
  });

  it("a job of a class the oracle does not price cannot be accepted, so nothing is escrowed", async () => {
    const f = await loadFixture(deployQuiverActors);
    const jobId = await bidOn(f, f.consumer, f.provider, Q, 5);
    await f.quiv.connect(f.consumer).approve(await f.marketplace.getAddress(), Q);
    await expect(f.marketplace.connect(f.consumer).accept(jobId, f.provider.address))
      .to.be.revertedWithCustomError(f.oracle, "PricingUnknownSizeClass")
      .withArgs(5);
    expect(await f.marketplace.totalEscrowed()).to.equal(0n);
  });
});
