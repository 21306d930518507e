import { expect } from "chai";
import { network } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciMining, EPOCH, JOB, REQUESTER_AUR } from "../fixtures/mining";
import { TOKEN } from "../fixtures/tokens";
import { findBpciParameter, issuanceShare, poeFee } from "../../../sdk/bpci/core";
import { WAD } from "../../../sdk/kit/core/math";

const d = (name: string) => findBpciParameter(`bpci.poe.${name}`)!.value;
const FEE_BPS = d("feeBps");
const CAP = d("maxNexPerWork");

/**
 * Two requesters (alice, bob) pay two miners in epoch 0, in AUR (work weight 1: work = fee): alice 100 AUR to miner 0
 * (fee 1 AUR), bob 200 AUR + 1 wei to miner 1 (fee 2 AUR + 1 wei, rounded up). Total work 3e18 + 1 is not a divisor
 * of the issuance, so the pro-rata shares leave a remainder.
 */
async function twoMinersOneEpoch() {
  const f = await deployBpciMining();
  const aur = await f.aur.getAddress();
  const [alice, bob] = f.requesters;
  const [m0, m1, idle] = f.miners;
  await f.mining.connect(alice).submitJob(m0.address, JOB.Transaction, aur, 100n * TOKEN);
  await f.mining.connect(bob).submitJob(m1.address, JOB.Storage, aur, 200n * TOKEN + 1n);
  await f.mining.connect(m0).confirmJob(1n);
  await f.mining.connect(m1).confirmJob(2n);
  const works = [poeFee(100n * TOKEN, FEE_BPS), poeFee(200n * TOKEN + 1n, FEE_BPS)];
  await time.increaseTo(f.genesis + EPOCH);
  return { f, alice, bob, m0, m1, idle, works };
}

describe("PoeMining: several parties in one epoch", () => {
  it("two miners of two requesters get NEX pro rata to their fees, floored; the 1-wei remainder stays unclaimed in PoeMining", async () => {
    const { f, m0, m1, works } = await loadFixture(twoMinersOneEpoch);
    expect(works).to.deep.equal([TOKEN, 2n * TOKEN + 1n]);
    expect(await f.mining.workOf(0n, m0.address)).to.equal(works[0]);
    expect(await f.mining.workOf(0n, m1.address)).to.equal(works[1]);
    const total = works[0] + works[1];
    // base x Gamma(Phi) (about 600 NEX at the genesis feeds) is far above the cap: issued = floor(0.25 x work).
    const issued = (total * CAP) / WAD;
    expect(issued).to.equal(750_000_000_000_000_000n);
    await expect(f.mining.closeEpoch()).to.emit(f.mining, "EpochClosed");
    expect((await f.mining.epochInfo(0n)).issued).to.equal(issued);
    const shares = works.map((w) => issuanceShare(issued, w, total));
    expect(shares).to.deep.equal([249_999_999_999_999_999n, 500_000_000_000_000_000n]);
    expect(await f.mining.claimableIssuance(0n, m0.address)).to.equal(shares[0]);
    await expect(f.mining.connect(m0).claimIssuance(0n))
      .to.emit(f.mining, "IssuanceClaimed")
      .withArgs(0n, m0.address, shares[0]);
    const tx = f.mining.connect(m1).claimIssuance(0n);
    await expect(tx).to.emit(f.mining, "IssuanceClaimed").withArgs(0n, m1.address, shares[1]);
    await expect(tx).to.changeTokenBalances(f.nex, [m1, f.mining], [shares[1], -shares[1]]);
    // The remainder: minted with the epoch, never claimable by anyone, held by PoeMining and counted as unclaimed.
    const remainder = issued - shares[0] - shares[1];
    expect(remainder).to.equal(1n);
    expect(await f.mining.nexTotals()).to.deep.equal([remainder, d("baseIssuance") - issued]);
    expect(await f.nex.balanceOf(await f.mining.getAddress())).to.equal(remainder);
    expect(await f.mining.claimableIssuance(0n, m0.address)).to.equal(0n);
    expect(await f.mining.claimableIssuance(0n, m1.address)).to.equal(0n);
  });

  it("each requester paid its own value + fee, and each miner was paid only its own jobs", async () => {
    const { f, alice, bob, m0, m1, works } = await loadFixture(twoMinersOneEpoch);
    const job1 = await f.mining.getJob(1n);
    const job2 = await f.mining.getJob(2n);
    expect([job1.requester, job1.miner, job1.fee]).to.deep.equal([alice.address, m0.address, works[0]]);
    expect([job2.requester, job2.miner, job2.fee]).to.deep.equal([bob.address, m1.address, works[1]]);
    expect(await f.aur.balanceOf(alice.address)).to.equal(REQUESTER_AUR - 100n * TOKEN - works[0]);
    expect(await f.aur.balanceOf(bob.address)).to.equal(REQUESTER_AUR - (200n * TOKEN + 1n) - works[1]);
    // A miner cannot confirm a job addressed to the other one.
    await f.mining.connect(alice).submitJob(m1.address, JOB.Audit, await f.aur.getAddress(), TOKEN);
    await expect(f.mining.connect(m0).confirmJob(3n))
      .to.be.revertedWithCustomError(f.mining, "PoeUnauthorized")
      .withArgs(m0.address, m1.address);
  });

  it("closeEpoch twice: the second reverts with PoeEpochNotEnded for the next epoch; a claim before the close reverts, after it pays once", async () => {
    const { f, m0, idle, works } = await loadFixture(twoMinersOneEpoch);
    await expect(f.mining.connect(m0).claimIssuance(0n))
      .to.be.revertedWithCustomError(f.mining, "PoeEpochNotClosed")
      .withArgs(0n, 0n);
    await f.mining.closeEpoch();
    const now = BigInt(await time.latest()) + 1n;
    await time.setNextBlockTimestamp(now);
    await expect(f.mining.closeEpoch())
      .to.be.revertedWithCustomError(f.mining, "PoeEpochNotEnded")
      .withArgs(1n, f.genesis + 2n * EPOCH, now);
    const [current, nextToClose] = await f.mining.epochStatus();
    expect([current, nextToClose]).to.deep.equal([1n, 1n]); // epoch 0 closed once
    const share = issuanceShare((await f.mining.epochInfo(0n)).issued, works[0], works[0] + works[1]);
    await expect(f.mining.connect(m0).claimIssuance(0n))
      .to.emit(f.mining, "IssuanceClaimed")
      .withArgs(0n, m0.address, share);
    await expect(f.mining.connect(m0).claimIssuance(0n))
      .to.be.revertedWithCustomError(f.mining, "PoeNothingToClaim")
      .withArgs(m0.address, 0n);
    await expect(f.mining.connect(idle).claimIssuance(0n))
      .to.be.revertedWithCustomError(f.mining, "PoeNothingToClaim")
      .withArgs(idle.address, 0n);
  });

  it("a close and a claim racing in one block: ordered close first, both succeed and the claim gets its exact share", async () => {
    const { f, m0, works } = await loadFixture(twoMinersOneEpoch);
    const total = works[0] + works[1];
    const share = issuanceShare((total * CAP) / WAD, works[0], total);
    await network.provider.send("evm_setAutomine", [false]);
    try {
      // Explicit gas limits: estimating the claim against the pending state would see the epoch still open.
      const close = await f.mining.closeEpoch({ gasLimit: 1_000_000n });
      const claim = await f.mining.connect(m0).claimIssuance(0n, { gasLimit: 500_000n });
      await mine(1);
      const [rc, rl] = [await close.wait(), await claim.wait()];
      expect(rc!.blockNumber).to.equal(rl!.blockNumber);
      expect([rc!.status, rl!.status]).to.deep.equal([1, 1]);
      const ev = f.mining.interface.parseLog(rl!.logs.find((l) => l.address === f.mining.target)!)!;
      expect([ev.name, ...ev.args]).to.deep.equal(["IssuanceClaimed", 0n, m0.address, share]);
    } finally {
      await network.provider.send("evm_setAutomine", [true]);
    }
  });
});
