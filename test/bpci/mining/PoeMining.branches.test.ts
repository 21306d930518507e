import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { id } from "ethers";
import { deployBpciMining, EPOCH, JOB, SALARY_PERIOD, type BpciMining } from "../fixtures/mining";
import { TOKEN } from "../fixtures/tokens";
import { feeLegs, poeFee, findBpciParameter } from "../../../sdk/bpci/core";

const d = (name: string) => findBpciParameter(`bpci.poe.${name}`)!.value;

/** The constructor arguments of the fixture's PoeMining, in order. */
async function ctorArgs(f: BpciMining): Promise<unknown[]> {
  return [
    f.admin.address,
    await f.registry.getAddress(),
    await f.staking.getAddress(),
    await f.nex.getAddress(),
    await f.wflx.getAddress(),
    await f.aur.getAddress(),
    f.treasury.address,
    f.owner.address,
    [await f.liquidityFeed.getAddress(), await f.uptimeFeed.getAddress(), await f.qualityFeed.getAddress()],
    EPOCH,
    SALARY_PERIOD,
  ];
}

describe("PoeMining: construction", () => {
  it("refuses each zero address and a zero epoch or salary period with PoeZeroAddress", async () => {
    const f = await loadFixture(deployBpciMining);
    const factory = await ethers.getContractFactory("PoeMining");
    const base = await ctorArgs(f);
    const variants: unknown[][] = [];
    for (let i = 0; i < 8; i++) {
      const a = [...base];
      a[i] = ethers.ZeroAddress;
      variants.push(a);
    }
    for (let k = 0; k < 3; k++) {
      const a = [...base];
      const feeds = [...(base[8] as string[])];
      feeds[k] = ethers.ZeroAddress;
      a[8] = feeds;
      variants.push(a);
    }
    for (const i of [9, 10]) {
      const a = [...base];
      a[i] = 0n;
      variants.push(a);
    }
    expect(variants.length).to.equal(13);
    for (const a of variants) {
      await expect(factory.deploy(...(a as Parameters<typeof factory.deploy>))).to.be.revertedWithCustomError(
        f.mining,
        "PoeZeroAddress",
      );
    }
    const ok = await factory.deploy(...(base as Parameters<typeof factory.deploy>));
    await expect(ok.deploymentTransaction()).to.emit(ok, "OwnerChanged").withArgs(ethers.ZeroAddress, f.owner.address);
    expect(await ok.EPOCH_LENGTH()).to.equal(EPOCH);
  });

  it("setOwner is the admin's only", async () => {
    const f = await loadFixture(deployBpciMining);
    await expect(f.mining.connect(f.stranger).setOwner(f.stranger.address))
      .to.be.revertedWithCustomError(f.mining, "AccessControlUnauthorizedAccount")
      .withArgs(f.stranger.address, ethers.ZeroHash);
    expect(await f.mining.owner()).to.equal(f.owner.address);
  });
});

describe("PoeMining: reserves without a line", () => {
  it("releaseReserve with nothing vested reverts PoeNothingToClaim; an unknown token reverts PoeUnknownToken", async () => {
    const f = await loadFixture(deployBpciMining);
    const aur = await f.aur.getAddress();
    await expect(f.mining.connect(f.miners[0]).releaseReserve(aur))
      .to.be.revertedWithCustomError(f.mining, "PoeNothingToClaim")
      .withArgs(f.miners[0].address, ethers.MaxUint256);
    const flx = await f.flx.getAddress();
    await expect(f.mining.connect(f.miners[0]).releaseReserve(flx))
      .to.be.revertedWithCustomError(f.mining, "PoeUnknownToken")
      .withArgs(flx);
    await expect(f.mining.reserveOf(f.miners[0].address, flx))
      .to.be.revertedWithCustomError(f.mining, "PoeUnknownToken")
      .withArgs(flx);
    expect(await f.mining.reserveOf(f.miners[0].address, aur)).to.deep.equal([0n, 0n, 0n]);
  });

  it("slashReserve: only the slasher; above an empty line reverts; a zero slash of an empty line pays nothing", async () => {
    const f = await loadFixture(deployBpciMining);
    const wflx = await f.wflx.getAddress();
    const m = f.miners[2].address;
    await expect(f.mining.connect(f.stranger).slashReserve(m, wflx, 1n))
      .to.be.revertedWithCustomError(f.mining, "AccessControlUnauthorizedAccount")
      .withArgs(f.stranger.address, id("SLASHER_ROLE"));
    await expect(f.mining.connect(f.slasher).slashReserve(m, wflx, 1n))
      .to.be.revertedWithCustomError(f.mining, "PoeSlashExceedsLocked")
      .withArgs(m, wflx, 1n, 0n);
    const tx = f.mining.connect(f.slasher).slashReserve(m, wflx, 0n);
    await expect(tx).to.emit(f.mining, "ReserveSlashed").withArgs(m, wflx, 0n, 0n);
    await expect(tx).to.not.emit(f.mining, "ReserveReleased");
    await expect(tx).to.changeTokenBalances(f.wflx, [f.miners[2], f.mining], [0n, 0n]);
    expect(await f.mining.obligations(wflx)).to.deep.equal([0n, 0n, 0n, 0n]);
  });

  it("a slash after the line fully vested and was released finds nothing locked and pays nothing", async () => {
    const f = await loadFixture(deployBpciMining);
    const aur = await f.aur.getAddress();
    const value = 10_000n * TOKEN;
    await f.mining.connect(f.requesters[0]).submitJob(f.miners[0].address, JOB.Audit, aur, value);
    await f.mining.connect(f.miners[0]).confirmJob(1n);
    const legs = feeLegs(poeFee(value, d("feeBps")), d("lockShareBps"), d("spendShareBps"), d("ownerShareBps"));
    await time.increase(d("reserveVesting"));
    await expect(f.mining.connect(f.miners[0]).releaseReserve(aur))
      .to.emit(f.mining, "ReserveReleased")
      .withArgs(f.miners[0].address, aur, legs.locked);
    await expect(f.mining.connect(f.slasher).slashReserve(f.miners[0].address, aur, 1n))
      .to.be.revertedWithCustomError(f.mining, "PoeSlashExceedsLocked")
      .withArgs(f.miners[0].address, aur, 1n, 0n);
    const tx = f.mining.connect(f.slasher).slashReserve(f.miners[0].address, aur, 0n);
    await expect(tx).to.emit(f.mining, "ReserveSlashed").withArgs(f.miners[0].address, aur, 0n, 0n);
    await expect(tx).to.changeTokenBalance(f.aur, f.miners[0], 0n);
  });
});

describe("PoeMining: epoch closing and issuance claims", () => {
  it("refuses to close an epoch before its end and to claim from an open epoch; views say 0", async () => {
    const f = await loadFixture(deployBpciMining);
    const wflx = await f.wflx.getAddress();
    await f.mining.connect(f.requesters[0]).submitJob(f.miners[0].address, JOB.Compute, wflx, 1_000n * TOKEN);
    await f.mining.connect(f.miners[0]).confirmJob(1n);
    const work = await f.mining.workOf(0n, f.miners[0].address);
    // 1,000 wFLX-token value: fee 1% = 10e18 wFLX wei, work = fee x workWeightFlx (1e15 WAD) = 1e16 NEX-equivalent wei.
    expect(work).to.equal((poeFee(1_000n * TOKEN, d("feeBps")) * d("workWeightFlx")) / 10n ** 18n);
    expect(work).to.equal(10n ** 16n);
    const endsAt = f.genesis + EPOCH;
    const now = BigInt(await time.latest()) + 1n;
    await time.setNextBlockTimestamp(now);
    await expect(f.mining.closeEpoch())
      .to.be.revertedWithCustomError(f.mining, "PoeEpochNotEnded")
      .withArgs(0n, endsAt, now);
    await expect(f.mining.connect(f.miners[0]).claimIssuance(0n))
      .to.be.revertedWithCustomError(f.mining, "PoeEpochNotClosed")
      .withArgs(0n, 0n);
    expect(await f.mining.claimableIssuance(0n, f.miners[0].address)).to.equal(0n);
    await time.increaseTo(endsAt);
    await f.mining.closeEpoch();
    expect(await f.mining.claimableIssuance(0n, f.miners[1].address)).to.equal(0n);
    await expect(f.mining.connect(f.miners[1]).claimIssuance(0n))
      .to.be.revertedWithCustomError(f.mining, "PoeNothingToClaim")
      .withArgs(f.miners[1].address, 0n);
    await expect(f.mining.connect(f.miners[0]).claimIssuance(1n))
      .to.be.revertedWithCustomError(f.mining, "PoeEpochNotClosed")
      .withArgs(1n, 1n);
  });

  it("with NEX's yearly room used up the epoch issues 0, withholds the base, and a worker's claim pays 0", async () => {
    const f = await loadFixture(deployBpciMining);
    const wflx = await f.wflx.getAddress();
    await f.mining.connect(f.requesters[0]).submitJob(f.miners[0].address, JOB.Hosting, wflx, 5_000n * TOKEN);
    await f.mining.connect(f.miners[0]).confirmJob(1n);
    const work = await f.mining.workOf(0n, f.miners[0].address);
    const [, , , remaining] = await f.nex.yearlyAllowance();
    await f.nex.connect(f.minter).mint(f.stranger.address, remaining);
    expect((await f.nex.yearlyAllowance())[3]).to.equal(0n);
    await time.increaseTo(f.genesis + EPOCH);
    const base = d("baseIssuance");
    const supply = await f.nex.totalSupply();
    await expect(f.mining.closeEpoch()).to.not.emit(f.nex, "Transfer");
    expect(await f.nex.totalSupply()).to.equal(supply);
    const e = await f.mining.epochInfo(0n);
    expect(e.issued).to.equal(0n);
    expect(e.withheld).to.equal(base);
    expect(e.work).to.equal(work);
    expect(await f.mining.nexTotals()).to.deep.equal([0n, base]);
    expect(await f.mining.claimableIssuance(0n, f.miners[0].address)).to.equal(0n);
    const tx = f.mining.connect(f.miners[0]).claimIssuance(0n);
    await expect(tx).to.emit(f.mining, "IssuanceClaimed").withArgs(0n, f.miners[0].address, 0n);
    await expect(tx).to.not.emit(f.nex, "Transfer");
    expect(await f.mining.workOf(0n, f.miners[0].address)).to.equal(0n);
    await expect(f.mining.connect(f.miners[0]).claimIssuance(0n))
      .to.be.revertedWithCustomError(f.mining, "PoeNothingToClaim")
      .withArgs(f.miners[0].address, 0n);
  });
});
