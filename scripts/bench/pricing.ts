/**
 * Gas of a job against the real PricingOracle (the QUIVer preset), where the market rows (market.ts) use the mock
 * oracle: the reveal reads the class's reference price and counts the bid on the job when it is at or below it
 * (SIM-02), and the settlement reports the job's demand and supply to the oracle (`recordSettlement`, one storage
 * slot). A warm-up job first, so the provider, the fee accumulators and the oracle's pending slot hold values, as in steady state. Then
 * one oracle update (`poke`) over the preset's three size classes with activity pending.
 */
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { gasOf, row, type BenchContext, type BenchRow } from "./lib";
import { deployQuiverActors } from "../../test/quiver/fixtures/quiverActors";
import { bidCommitment } from "../../sdk/quiver/core/market";
import { HOUR, TOKEN as Q } from "../../test/helpers/units";

export default async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const f = await deployQuiverActors();
  const m = f.marketplace;
  await f.quiv.connect(f.consumer).approve(await m.getAddress(), ethers.MaxUint256);
  const price = 5n * Q;

  async function oneJob() {
    const bidDeadline = BigInt(await time.latest()) + HOUR;
    await m.connect(f.consumer).post({
      modelHash: ethers.id("model"),
      inputHash: ethers.id(`input${bidDeadline}`),
      maxPrice: 10n * Q,
      bidDeadline,
      completionDeadline: bidDeadline + 3n * HOUR,
      minTier: 1,
      sizeClass: 1,
    });
    const jobId = await m.jobCount();
    const salt = ethers.id(`bench${jobId}`);
    await m.connect(f.provider).commitBid(jobId, bidCommitment(jobId, f.provider.address, price, salt));
    await time.increaseTo(bidDeadline);
    const reveal = await gasOf(m.connect(f.provider).revealBid(jobId, price, salt));
    await time.increaseTo(bidDeadline + HOUR);
    const accept = await gasOf(m.connect(f.consumer).accept(jobId, f.provider.address));
    await m.connect(f.provider).submit(jobId, ethers.id("out"), ethers.id("receipt"));
    const confirm = await gasOf(m.connect(f.consumer).confirm(jobId));
    return { reveal, accept, confirm };
  }

  await oneJob();
  const j = await oneJob();
  const transfer = await gasOf(f.quiv.connect(f.consumer).transfer(f.provider.address, Q));
  const budget = 2n * transfer + 25_000n;
  const next = await f.oracle.nextUpdateAt();
  if (next > BigInt(await time.latest())) await time.setNextBlockTimestamp(next);
  const poke = await gasOf(f.oracle.poke());
  ctx.note(
    `pricing (QUIVer preset, real PricingOracle): reveal ${j.reveal}, accept ${j.accept}, confirm ${j.confirm} ` +
      `(reports the job's demand and supply) vs 2 x QUIV transfer + 25,000 = ${budget}; poke over 3 classes ${poke}.`,
  );
  return [
    row("job reveal bid (PricingOracle preset)", j.reveal),
    row("job accept (PricingOracle preset)", j.accept),
    row(
      "job confirm (PricingOracle preset, reports demand and supply)",
      j.confirm,
      "2 x QUIV transfer + 25k",
      budget,
      1,
    ),
    row("pricing poke (3 size classes, activity pending)", poke),
  ];
}
