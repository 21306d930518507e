import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { Signer } from "ethers";
import { deployQuiverActors, postPresetJob, type QuiverActors } from "../fixtures/quiverActors";
import { bidCommitment } from "../../../sdk/quiver/core/market";
import { HOUR, TOKEN as Q } from "../../helpers/units";
import { underCoverage } from "../../helpers/fc";

const SIZE_CLASS = 1;
/** Hours of the free-post attack: a day; 4 under solidity-coverage (the same branches, `npm test` runs the day). */
const HOURS = underCoverage ? 4 : 24;

/** Posts a job from `who` (no deposit needed) with a 1-hour bid window; returns its id and deadlines. */
const freePost = (f: QuiverActors, who: Signer, minTier = 1) =>
  postPresetJob(f, who, { minTier, sizeClass: SIZE_CLASS });

/** Pokes the oracle exactly one update interval after its last update. */
async function pokeOnTime(f: QuiverActors) {
  const at = (await f.oracle.nextUpdateAt()) > BigInt(await time.latest()) ? await f.oracle.nextUpdateAt() : 0n;
  if (at !== 0n) await time.setNextBlockTimestamp(at);
  await f.oracle.connect(f.stranger).poke();
}

describe("SEC-11 free posts do not move the network fee", () => {
  async function fixture() {
    const f = await deployQuiverActors();
    // A fresh account with 0 QUIV and no allowance: everything it does is free.
    const attacker = f.signers[19];
    return { ...f, attacker };
  }

  it("SEC-11 a day of free posts (posted and cancelled by an account with 0 QUIV) leaves the fee unchanged", async () => {
    const f = await loadFixture(fixture);
    expect(await f.quiv.balanceOf(f.attacker.address)).to.equal(0n);
    const feeBefore = await f.oracle.networkFeeBpsWad();
    expect(await f.oracle.networkFeeBps()).to.equal(250n);
    for (let h = 0; h < HOURS; h++) {
      for (let i = 0; i < 10; i++) {
        const { jobId } = await freePost(f, f.attacker);
        if (i % 2 === 0) await f.marketplace.connect(f.attacker).cancel(jobId); // half cancelled at once
      }
      await pokeOnTime(f);
    }
    const attacked = await f.oracle.networkFeeBpsWad();

    // The same day of pokes without any post: the fee ends exactly where it ends under the attack.
    const g = await loadFixture(fixture);
    expect(await g.oracle.networkFeeBpsWad()).to.equal(feeBefore);
    for (let h = 0; h < HOURS; h++) {
      await time.increase(HOUR);
      await pokeOnTime(g);
    }
    expect(attacked, "fee after a day of free posts").to.equal(await g.oracle.networkFeeBpsWad());
    expect(await f.oracle.networkFeeBps()).to.be.lessThanOrEqual(250n);
    expect((await f.oracle.getSizeClass(SIZE_CLASS)).demandEma).to.equal(0n);
  });

  it("SEC-11 demand is recorded when the job settles (its price in reference prices), once, and never for a cancelled post", async () => {
    const f = await loadFixture(fixture);
    const price = 2n * Q;
    const { jobId, bidDeadline } = await freePost(f, f.consumer);
    const salt = ethers.id("s");
    await f.marketplace.connect(f.provider).commitBid(jobId, bidCommitment(jobId, f.provider.address, price, salt));
    await time.increaseTo(bidDeadline);
    await expect(f.marketplace.connect(f.provider).revealBid(jobId, price, salt)).to.not.emit(
      f.oracle,
      "SettlementRecorded",
    );
    await time.increaseTo(bidDeadline + HOUR);
    await f.quiv.connect(f.consumer).approve(await f.marketplace.getAddress(), price);
    await expect(f.marketplace.connect(f.consumer).accept(jobId, f.provider.address)).to.not.emit(
      f.oracle,
      "SettlementRecorded",
    );
    await f.marketplace.connect(f.provider).submit(jobId, ethers.id("out"), ethers.id("receipt"));
    // Class 1 is priced at 5 QUIV: the 2-QUIV job is 0.4 jobs of demand, and its one bid 0.4 jobs of supply.
    const weight = (price * 10n ** 18n) / (await f.oracle.referencePrice(SIZE_CLASS));
    expect(weight).to.equal(4n * 10n ** 17n);
    await expect(f.marketplace.connect(f.consumer).confirm(jobId))
      .to.emit(f.oracle, "SettlementRecorded")
      .withArgs(SIZE_CLASS, weight, weight);
    const c = await f.oracle.getSizeClass(SIZE_CLASS);
    expect([c.pendingDemand, c.pendingSupply]).to.deep.equal([weight, weight]);

    const cancelled = await freePost(f, f.consumer);
    await expect(f.marketplace.connect(f.consumer).cancel(cancelled.jobId)).to.not.emit(f.oracle, "SettlementRecorded");
    expect((await f.oracle.getSizeClass(SIZE_CLASS)).pendingDemand).to.equal(weight);
  });
});
