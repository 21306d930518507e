import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import {
  deployBpciMining,
  EPOCH,
  FEEDS_AT_GENESIS,
  JOB,
  MINER_STAKE,
  SALARY_PERIOD,
  STATE,
  type BpciMining,
} from "../fixtures/mining";
import { DAY, TOKEN } from "../fixtures/tokens";
import {
  ema,
  feeLegs,
  gamma,
  issuance,
  mergedEnd,
  phi,
  poeFee,
  vested,
  WAD,
  washBalance,
  findBpciParameter,
} from "../../../sdk/bpci/core";

const d = (name: string) => findBpciParameter(`bpci.poe.${name}`)!.value;
const FEE_BPS = d("feeBps");
const LOCK = d("lockShareBps");
const SPEND = d("spendShareBps");
const OWNER = d("ownerShareBps");
const VESTING = d("reserveVesting");
const TIMEOUT = d("jobTimeout");
const W_FLX = d("workWeightFlx");
const W_AUR = d("workWeightAur");
const bit = (s: bigint) => ethers.toBeHex(1n << s, 32);
const SCALE8 = 10n ** 10n;

async function at(t: bigint) {
  await time.setNextBlockTimestamp(t);
}

describe("PoeMining", () => {
  describe("jobs and the fee legs", () => {
    it("escrows value + fee (1%, rounded up) and emits JobSubmitted with the deadline", async () => {
      const f = await loadFixture(deployBpciMining);
      const value = 12_345_678_901n;
      const fee = poeFee(value, FEE_BPS);
      expect(fee).to.equal(123_456_790n);
      const t = BigInt(await time.latest()) + 10n;
      await at(t);
      const tx1 = f.mining
        .connect(f.requesters[0])
        .submitJob(f.miners[0].address, JOB.CrossBorderTransfer, await f.wflx.getAddress(), value);
      await expect(tx1)
        .to.emit(f.mining, "JobSubmitted")
        .withArgs(
          1n,
          f.requesters[0].address,
          f.miners[0].address,
          JOB.CrossBorderTransfer,
          await f.wflx.getAddress(),
          value,
          fee,
          t + TIMEOUT,
        );
      await expect(tx1).to.changeTokenBalances(f.wflx, [f.requesters[0], f.mining], [-(value + fee), value + fee]);
      expect(await f.mining.state(1n)).to.equal(STATE.Pending);
      expect((await f.mining.obligations(await f.wflx.getAddress()))[0]).to.equal(value + fee);
    });

    for (const value of [1n, 99n, 101n, 12_345_678_901n, 999_999_999_999_999_999_999n]) {
      it(`confirm pays value + spendable and books the legs to the wei (value ${value})`, async () => {
        const f = await loadFixture(deployBpciMining);
        const wflx = await f.wflx.getAddress();
        await f.mining.connect(f.requesters[0]).submitJob(f.miners[0].address, JOB.Transaction, wflx, value);
        const fee = poeFee(value, FEE_BPS);
        const legs = feeLegs(fee, LOCK, SPEND, OWNER);
        expect(legs.locked + legs.spendable + legs.owner + legs.treasury).to.equal(fee);
        const work = (fee * W_FLX) / WAD;
        const tx2 = f.mining.connect(f.miners[0]).confirmJob(1n);
        await expect(tx2)
          .to.emit(f.mining, "JobConfirmed")
          .withArgs(1n, f.miners[0].address, 0n, legs.locked, legs.spendable, legs.owner, legs.treasury, work);
        await expect(tx2).to.changeTokenBalances(
          f.wflx,
          [f.miners[0], f.mining],
          [value + legs.spendable, -(value + legs.spendable)],
        );
        expect(await f.mining.obligations(wflx)).to.deep.equal([0n, legs.locked, legs.owner, legs.treasury]);
        expect(await f.wflx.balanceOf(await f.mining.getAddress())).to.equal(legs.locked + legs.owner + legs.treasury);
        expect(await f.mining.workOf(0n, f.miners[0].address)).to.equal(work);
        expect(await f.mining.state(1n)).to.equal(STATE.Confirmed);
      });
    }

    it("the 1-wei job: fee 1 wei, every leg but the treasury's 0 (the dust goes last)", async () => {
      expect(feeLegs(poeFee(1n, FEE_BPS), LOCK, SPEND, OWNER)).to.deep.equal({
        locked: 0n,
        spendable: 0n,
        owner: 0n,
        treasury: 1n,
      });
    });

    it("a job of each of the ten types in AUR, and the flush and owner claims pay what is owed", async () => {
      const f = await loadFixture(deployBpciMining);
      const aur = await f.aur.getAddress();
      let owner = 0n;
      let treasury = 0n;
      for (let type = 0; type < 10; type++) {
        const value = 1_000n * TOKEN + BigInt(type) * 7n;
        await f.mining.connect(f.requesters[1]).submitJob(f.miners[1].address, type, aur, value);
        await f.mining.connect(f.miners[1]).confirmJob(BigInt(type + 1));
        const legs = feeLegs(poeFee(value, FEE_BPS), LOCK, SPEND, OWNER);
        owner += legs.owner;
        treasury += legs.treasury;
      }
      await expect(f.mining.flushTreasury(aur))
        .to.emit(f.mining, "TreasuryFlushed")
        .withArgs(aur, f.treasury.address, treasury);
      const tx3 = f.mining.connect(f.owner).claimOwnerSalary(aur);
      await expect(tx3).to.emit(f.mining, "OwnerSalaryClaimed").withArgs(aur, f.owner.address, owner);
      await expect(tx3).to.changeTokenBalance(f.aur, f.owner, owner);
      await expect(f.mining.flushTreasury(aur))
        .to.be.revertedWithCustomError(f.mining, "PoeNothingToClaim")
        .withArgs(f.treasury.address, ethers.MaxUint256);
    });

    it("times out: no confirmation after the deadline, a refund of value + fee from it, then final", async () => {
      const f = await loadFixture(deployBpciMining);
      const wflx = await f.wflx.getAddress();
      const value = 777_777n;
      const fee = poeFee(value, FEE_BPS);
      await f.mining.connect(f.requesters[0]).submitJob(f.miners[0].address, JOB.Storage, wflx, value);
      const deadline = (await f.mining.getJob(1n)).deadline;
      await expect(f.mining.refundJob(1n))
        .to.be.revertedWithCustomError(f.mining, "PoeUnexpectedState")
        .withArgs(1n, STATE.Pending, bit(STATE.Expired));
      await time.increaseTo(deadline);
      expect(await f.mining.state(1n)).to.equal(STATE.Pending); // the deadline itself still confirms
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(f.mining.connect(f.miners[0]).confirmJob(1n))
        .to.be.revertedWithCustomError(f.mining, "PoeUnexpectedState")
        .withArgs(1n, STATE.Expired, bit(STATE.Pending));
      const tx4 = f.mining.connect(f.stranger).refundJob(1n);
      await expect(tx4)
        .to.emit(f.mining, "JobRefunded")
        .withArgs(1n, f.requesters[0].address, value + fee);
      await expect(tx4).to.changeTokenBalance(f.wflx, f.requesters[0], value + fee);
      expect(await f.mining.state(1n)).to.equal(STATE.Refunded);
      expect(await f.mining.obligations(wflx)).to.deep.equal([0n, 0n, 0n, 0n]);
      await expect(f.mining.refundJob(1n))
        .to.be.revertedWithCustomError(f.mining, "PoeUnexpectedState")
        .withArgs(1n, STATE.Refunded, bit(STATE.Expired));
      await expect(f.mining.refundJob(9n))
        .to.be.revertedWithCustomError(f.mining, "PoeUnexpectedState")
        .withArgs(9n, STATE.None, bit(STATE.Expired));
    });

    it("rejects a self job, an inactive miner, another token, a zero value and a stranger's confirmation", async () => {
      const f = await loadFixture(deployBpciMining);
      const wflx = await f.wflx.getAddress();
      const r = f.requesters[0];
      await expect(f.mining.connect(f.miners[0]).submitJob(f.miners[0].address, 0, wflx, 1n))
        .to.be.revertedWithCustomError(f.mining, "PoeSelfJob")
        .withArgs(f.miners[0].address);
      await expect(f.mining.connect(r).submitJob(f.stranger.address, 0, wflx, 1n))
        .to.be.revertedWithCustomError(f.mining, "PoeMinerNotActive")
        .withArgs(f.stranger.address, 0n, 100n * TOKEN);
      await expect(f.mining.connect(r).submitJob(f.miners[0].address, 0, await f.flx.getAddress(), 1n))
        .to.be.revertedWithCustomError(f.mining, "PoeUnknownToken")
        .withArgs(await f.flx.getAddress());
      await expect(f.mining.connect(r).submitJob(f.miners[0].address, 0, wflx, 0n))
        .to.be.revertedWithCustomError(f.mining, "PoeZeroValue")
        .withArgs(r.address);
      await expect(f.mining.connect(r).submitJob(f.miners[0].address, 10, wflx, 1n)).to.be.reverted;
      await f.mining.connect(r).submitJob(f.miners[0].address, 0, wflx, 1_000n);
      await expect(f.mining.connect(f.miners[1]).confirmJob(1n))
        .to.be.revertedWithCustomError(f.mining, "PoeUnauthorized")
        .withArgs(f.miners[1].address, f.miners[0].address);
      await expect(f.mining.connect(f.stranger).claimOwnerSalary(wflx))
        .to.be.revertedWithCustomError(f.mining, "PoeUnauthorized")
        .withArgs(f.stranger.address, f.owner.address);
      await expect(f.mining.connect(f.owner).claimOwnerSalary(wflx))
        .to.be.revertedWithCustomError(f.mining, "PoeNothingToClaim")
        .withArgs(f.owner.address, ethers.MaxUint256);
      await expect(f.mining.connect(f.admin).setOwner(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.mining,
        "PoeZeroAddress",
      );
      await expect(f.mining.connect(f.admin).setOwner(f.stranger.address))
        .to.emit(f.mining, "OwnerChanged")
        .withArgs(f.owner.address, f.stranger.address);
    });
  });

  describe("the locked reserve", () => {
    async function lockedOnce() {
      const f = await deployBpciMining();
      const aur = await f.aur.getAddress();
      const value = 1_000_003n * 10n ** 12n;
      await f.mining.connect(f.requesters[0]).submitJob(f.miners[0].address, 0, aur, value);
      const t0 = BigInt(await time.latest()) + 1n;
      await at(t0);
      await f.mining.connect(f.miners[0]).confirmJob(1n);
      const locked = feeLegs(poeFee(value, FEE_BPS), LOCK, SPEND, OWNER).locked;
      return { f, aur, t0, locked, value };
    }

    it("vests linearly over 90 days from the confirmation: nothing at the start, exact at the middle and the end", async () => {
      const { f, aur, t0, locked } = await loadFixture(lockedOnce);
      expect(await f.mining.reserveOf(f.miners[0].address, aur)).to.deep.equal([locked, 0n, t0 + VESTING]);
      await expect(f.mining.connect(f.miners[0]).releaseReserve.staticCall(aur))
        .to.be.revertedWithCustomError(f.mining, "PoeNothingToClaim")
        .withArgs(f.miners[0].address, ethers.MaxUint256);
      await time.increaseTo(t0 + VESTING / 2n);
      const half = vested(locked, t0, t0 + VESTING, t0 + VESTING / 2n);
      expect(half).to.equal(locked / 2n);
      expect(await f.mining.reserveOf(f.miners[0].address, aur)).to.deep.equal([locked - half, half, t0 + VESTING]);
      await time.increaseTo(t0 + VESTING - 1n);
      const [lockedLast] = await f.mining.reserveOf(f.miners[0].address, aur);
      expect(lockedLast).to.equal(locked - vested(locked, t0, t0 + VESTING, t0 + VESTING - 1n));
      expect(lockedLast > 0n).to.equal(true);
      await at(t0 + VESTING);
      const tx5 = f.mining.connect(f.miners[0]).releaseReserve(aur);
      await expect(tx5).to.emit(f.mining, "ReserveReleased").withArgs(f.miners[0].address, aur, locked);
      await expect(tx5).to.changeTokenBalance(f.aur, f.miners[0], locked);
      await expect(f.mining.connect(f.miners[0]).releaseReserve(aur))
        .to.be.revertedWithCustomError(f.mining, "PoeNothingToClaim")
        .withArgs(f.miners[0].address, ethers.MaxUint256);
    });

    it("a second deposit pays the vested part and merges the rest into one line (amount-weighted end)", async () => {
      const { f, aur, t0, locked, value } = await loadFixture(lockedOnce);
      const t1 = t0 + 30n * DAY;
      await time.increaseTo(t1 - 10n);
      await f.mining.connect(f.requesters[0]).submitJob(f.miners[0].address, 0, aur, value);
      await at(t1);
      const v = vested(locked, t0, t0 + VESTING, t1);
      const legs = feeLegs(poeFee(value, FEE_BPS), LOCK, SPEND, OWNER);
      const end = mergedEnd(locked - v, t0 + VESTING, legs.locked, t1, VESTING);
      const tx6 = f.mining.connect(f.miners[0]).confirmJob(2n);
      await expect(tx6)
        .to.emit(f.mining, "ReserveLocked")
        .withArgs(f.miners[0].address, aur, legs.locked, locked - v + legs.locked, end);
      await expect(tx6).to.changeTokenBalance(f.aur, f.miners[0], value + legs.spendable + v);
      expect(await f.mining.reserveOf(f.miners[0].address, aur)).to.deep.equal([locked - v + legs.locked, 0n, end]);
      expect(end > t0 + VESTING && end < t1 + VESTING).to.equal(true);
    });

    it("is slashable while locked: the vested part is paid, the slash goes to the treasury, never above the locked", async () => {
      const { f, aur, t0, locked } = await loadFixture(lockedOnce);
      const t = t0 + 9n * DAY;
      const v = vested(locked, t0, t0 + VESTING, t);
      await at(t);
      await expect(f.mining.connect(f.slasher).slashReserve(f.miners[0].address, aur, locked - v + 1n))
        .to.be.revertedWithCustomError(f.mining, "PoeSlashExceedsLocked")
        .withArgs(f.miners[0].address, aur, locked - v + 1n, locked - v);
      const t2 = t + 1n;
      const v2 = vested(locked, t0, t0 + VESTING, t2);
      const cut = (locked - v2) / 3n;
      const [, , , treasuryBefore] = await f.mining.obligations(aur);
      await at(t2);
      const tx7 = f.mining.connect(f.slasher).slashReserve(f.miners[0].address, aur, cut);
      await expect(tx7)
        .to.emit(f.mining, "ReserveSlashed")
        .withArgs(f.miners[0].address, aur, cut, locked - v2 - cut);
      await expect(tx7).to.changeTokenBalance(f.aur, f.miners[0], v2);
      expect((await f.mining.obligations(aur))[3]).to.equal(treasuryBefore + cut);
      await expect(f.mining.connect(f.stranger).slashReserve(f.miners[0].address, aur, 1n))
        .to.be.revertedWithCustomError(f.mining, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, ethers.id("SLASHER_ROLE"));
    });
  });

  describe("owner salary", () => {
    it("stops at the period's ceiling, sends the rest to the treasury, restarts next period; ownerSalaryReport", async () => {
      const f = await loadFixture(deployBpciMining);
      const aur = await f.aur.getAddress();
      const wflx = await f.wflx.getAddress();
      const ceiling = d("salaryCeilingAur");
      const value = 300_000n * TOKEN; // fee 3,000 AUR, owner leg 600; twice is 1,200 > the 1,000 ceiling
      await f.mining.connect(f.requesters[0]).submitJob(f.miners[0].address, 0, aur, value);
      await expect(f.mining.connect(f.miners[0]).confirmJob(1n))
        .to.emit(f.mining, "OwnerSalaryAccrued")
        .withArgs(0n, aur, 600n * TOKEN, 0n);
      await f.mining.connect(f.requesters[1]).submitJob(f.miners[0].address, 0, aur, value);
      await expect(f.mining.connect(f.miners[0]).confirmJob(2n))
        .to.emit(f.mining, "OwnerSalaryAccrued")
        .withArgs(0n, aur, 400n * TOKEN, 200n * TOKEN);
      await f.mining.connect(f.requesters[1]).submitJob(f.miners[1].address, 0, aur, 1_000n * TOKEN);
      await expect(f.mining.connect(f.miners[1]).confirmJob(3n))
        .to.emit(f.mining, "OwnerSalaryAccrued")
        .withArgs(0n, aur, 0n, 2n * TOKEN);
      const report = await f.mining.ownerSalaryReport(0n);
      expect(report.map((l) => [l.token, l.salary, l.toTreasury, l.ceiling])).to.deep.equal([
        [wflx, 0n, 0n, d("salaryCeilingFlx")],
        [aur, ceiling, 202n * TOKEN, ceiling],
      ]);
      await time.increaseTo(f.genesis + SALARY_PERIOD);
      await f.mining.connect(f.requesters[1]).submitJob(f.miners[1].address, 0, aur, 1_000n * TOKEN);
      await expect(f.mining.connect(f.miners[1]).confirmJob(4n))
        .to.emit(f.mining, "OwnerSalaryAccrued")
        .withArgs(1n, aur, 2n * TOKEN, 0n);
      expect((await f.mining.ownerSalaryReport(1n))[1].salary).to.equal(2n * TOKEN);
      const [, , ownerOwed] = await f.mining.obligations(aur);
      expect(ownerOwed).to.equal(ceiling + 2n * TOKEN);
    });
  });

  describe("epochs, Phi and NEX issuance", () => {
    const phiParams = {
      wV: d("weightVolume"),
      wL: d("weightLiquidity"),
      wU: d("weightUptime"),
      wQ: d("weightQuality"),
      scaleV: d("scaleVolume"),
      scaleL: d("scaleLiquidity"),
    };

    async function workedEpoch() {
      const f = await deployBpciMining();
      const wflx = await f.wflx.getAddress();
      const aur = await f.aur.getAddress();
      const jobs: [number, number, string, bigint][] = [
        [0, 0, wflx, 200_000n * TOKEN * 1_000n],
        [1, 1, aur, 50_000n * TOKEN + 3n],
        [0, 2, wflx, 123_456_789n],
      ];
      const works = [0n, 0n, 0n];
      let volume = 0n;
      for (const [i, [r, m, token, value]] of jobs.entries()) {
        await f.mining.connect(f.requesters[r]).submitJob(f.miners[m].address, 0, token, value);
        await f.mining.connect(f.miners[m]).confirmJob(BigInt(i + 1));
        const w = token === wflx ? W_FLX : W_AUR;
        works[m] += (poeFee(value, FEE_BPS) * w) / WAD;
        volume += (value * w) / WAD;
      }
      return { f, works, volume };
    }

    it("closes an epoch with Phi from on-chain volume and the feeds, EMA from 0, issuance, withheld; O(1) claims", async () => {
      const { f, works, volume } = await loadFixture(workedEpoch);
      const total = works.reduce((a, b) => a + b, 0n);
      expect((await f.mining.epochInfo(0n)).work).to.equal(total);
      expect((await f.mining.epochInfo(0n)).volume).to.equal(volume);
      await expect(f.mining.claimIssuance(0n))
        .to.be.revertedWithCustomError(f.mining, "PoeEpochNotClosed")
        .withArgs(0n, 0n);
      const now = BigInt(await time.latest()) + 1n;
      await at(now);
      await expect(f.mining.closeEpoch())
        .to.be.revertedWithCustomError(f.mining, "PoeEpochNotEnded")
        .withArgs(0n, f.genesis + EPOCH, now);
      await time.increaseTo(f.genesis + EPOCH);
      const raw = phi(
        {
          volume,
          liquidity: FEEDS_AT_GENESIS.liquidity * SCALE8,
          uptime: FEEDS_AT_GENESIS.uptime * SCALE8,
          quality: FEEDS_AT_GENESIS.quality * SCALE8,
        },
        phiParams,
      );
      const smoothed = ema(0n, raw, d("emaAlphaBps"));
      const base = d("baseIssuance");
      const { issued, withheld } = issuance(base, smoothed, total, d("maxNexPerWork"));
      expect(issued > 0n && withheld > 0n).to.equal(true);
      const tx8 = f.mining.closeEpoch();
      await expect(tx8)
        .to.emit(f.mining, "EpochClosed")
        .withArgs(0n, volume, total, [0n, 0n, 0n], raw, smoothed, gamma(smoothed), issued, withheld);
      await expect(tx8).to.changeTokenBalance(f.nex, f.mining, issued);
      expect(await f.mining.nexTotals()).to.deep.equal([issued, withheld]);
      let claimed = 0n;
      for (const [m, w] of works.entries()) {
        const share = (issued * w) / total;
        claimed += share;
        expect(await f.mining.claimableIssuance(0n, f.miners[m].address)).to.equal(share);
        const tx9 = f.mining.connect(f.miners[m]).claimIssuance(0n);
        await expect(tx9).to.emit(f.mining, "IssuanceClaimed").withArgs(0n, f.miners[m].address, share);
        await expect(tx9).to.changeTokenBalance(f.nex, f.miners[m], share);
      }
      expect((await f.mining.nexTotals())[0]).to.equal(issued - claimed);
      expect(await f.nex.balanceOf(await f.mining.getAddress())).to.equal(issued - claimed);
      await expect(f.mining.connect(f.miners[0]).claimIssuance(0n))
        .to.be.revertedWithCustomError(f.mining, "PoeNothingToClaim")
        .withArgs(f.miners[0].address, 0n);
      expect((await f.mining.epochStatus())[1]).to.equal(1n);
    });

    it("an epoch without work mints nothing and withholds the whole base; stale feeds count 0", async () => {
      const f = await loadFixture(deployBpciMining);
      await time.increaseTo(f.genesis + 3n * DAY);
      const base = d("baseIssuance");
      // Epoch 0 closes 2 days after its end: the feeds (updated at genesis) are 3 days old, stale (26 h).
      await expect(f.mining.closeEpoch())
        .to.emit(f.mining, "EpochClosed")
        .withArgs(0n, 0n, 0n, [5n, 5n, 5n], 0n, 0n, 0n, 0n, base);
      await f.liquidityFeed.updateAnswer(FEEDS_AT_GENESIS.liquidity);
      await f.uptimeFeed.updateAnswer(FEEDS_AT_GENESIS.uptime);
      await f.qualityFeed.updateAnswer(FEEDS_AT_GENESIS.quality);
      const raw = phi(
        {
          volume: 0n,
          liquidity: FEEDS_AT_GENESIS.liquidity * SCALE8,
          uptime: FEEDS_AT_GENESIS.uptime * SCALE8,
          quality: FEEDS_AT_GENESIS.quality * SCALE8,
        },
        phiParams,
      );
      const smoothed = ema(0n, raw, d("emaAlphaBps"));
      // Phi > 0 from the feeds, but no work: the work cap withholds everything.
      await expect(f.mining.closeEpoch())
        .to.emit(f.mining, "EpochClosed")
        .withArgs(1n, 0n, 0n, [0n, 0n, 0n], raw, smoothed, gamma(smoothed), 0n, base);
      expect(await f.mining.nexTotals()).to.deep.equal([0n, 2n * base]);
      expect(await f.nex.totalSupply()).to.equal(3n * MINER_STAKE);
    });
  });

  describe("wash trading", () => {
    it("a requester paying its own sybil miner loses more (owner + treasury legs) than the NEX it mints, over Phi in [0, 1e6]", async () => {
      const phis = [0n, 1n, WAD / 10n, WAD / 2n, WAD, 3n * WAD, 100n * WAD, 10n ** 6n * WAD];
      const values = [1n, 999n, 10n ** 18n, 123_456n * 10n ** 18n, 10n ** 27n];
      for (const phiWad of phis)
        for (const value of values)
          for (const otherWork of [0n, 10n ** 21n]) {
            const { lost, minted } = washBalance({
              value,
              feeBps: FEE_BPS,
              lockBps: LOCK,
              spendBps: SPEND,
              ownerBps: OWNER,
              base: d("baseIssuance"),
              phiWad,
              maxNexPerWork: d("maxNexPerWork"),
              otherWork,
            });
            expect(
              lost > minted,
              `phi ${phiWad} value ${value} other ${otherWork}: lost ${lost} minted ${minted}`,
            ).to.equal(true);
            expect(lost >= 2n * minted).to.equal(true);
          }
    });

    it("on chain: alice pays her sybil miner in AUR, the sybil alone in the epoch at a high Phi; net loss > NEX minted", async () => {
      const f = await loadFixture(deployBpciMining);
      const aur = await f.aur.getAddress();
      const alice = f.requesters[0];
      const sybil = f.miners[2];
      // High Phi from the feeds (uptime and quality 1.0, liquidity 10x scale) and a large wash volume.
      await f.liquidityFeed.updateAnswer(100_000_000n * 10n ** 8n);
      await f.uptimeFeed.updateAnswer(10n ** 8n);
      await f.qualityFeed.updateAnswer(10n ** 8n);
      const before = (await f.aur.balanceOf(alice.address)) + (await f.aur.balanceOf(sybil.address));
      const value = 300_000n * TOKEN;
      await f.mining.connect(alice).submitJob(sybil.address, JOB.Liquidity, aur, value);
      await f.mining.connect(sybil).confirmJob(1n);
      await time.increaseTo(f.genesis + EPOCH);
      await f.mining.closeEpoch();
      await f.mining.connect(sybil).claimIssuance(0n);
      await time.increase(VESTING);
      await f.mining.connect(sybil).releaseReserve(aur);
      const after = (await f.aur.balanceOf(alice.address)) + (await f.aur.balanceOf(sybil.address));
      const lostAur = before - after;
      const legs = feeLegs(poeFee(value, FEE_BPS), LOCK, SPEND, OWNER);
      expect(lostAur).to.equal(legs.owner + legs.treasury);
      const minted = await f.nex.balanceOf(sybil.address);
      // AUR's work weight is 1 NEX-equivalent per AUR: compare in NEX-equivalent wei. At this Phi base x Gamma is
      // above the work cap, so the sybil mints exactly maxNexPerWork x work = 0.25 x 3,000 = 750 NEX, half the loss.
      const work = (poeFee(value, FEE_BPS) * W_AUR) / WAD;
      expect(minted).to.equal((work * d("maxNexPerWork")) / WAD);
      expect(minted).to.equal(750n * TOKEN);
      expect((lostAur * W_AUR) / WAD).to.equal(1_500n * TOKEN);
    });
  });

  describe("MinerStaking", () => {
    it("registers with at least the minimum stake, unbonds (inactive below it) and withdraws after the period", async () => {
      const f = await loadFixture(deployBpciMining);
      const min = d("minStake");
      await f.nex.connect(f.minter).mint(f.stranger.address, 1_000n * TOKEN);
      await f.nex.connect(f.stranger).approve(await f.staking.getAddress(), ethers.MaxUint256);
      await expect(f.staking.connect(f.stranger).registerMiner(min - 1n))
        .to.be.revertedWithCustomError(f.staking, "MinerStakingBelowMinimum")
        .withArgs(f.stranger.address, min - 1n, min);
      await expect(f.staking.connect(f.stranger).stake(1n)).to.be.revertedWithCustomError(
        f.staking,
        "StakingNotProvider",
      );
      await expect(f.staking.connect(f.stranger).registerMiner(min))
        .to.emit(f.staking, "MinerRegistered")
        .withArgs(f.stranger.address, min)
        .and.to.emit(f.staking, "MinerStaked")
        .withArgs(f.stranger.address, min, anyValue);
      await expect(f.staking.connect(f.stranger).registerMiner(min))
        .to.be.revertedWithCustomError(f.staking, "MinerStakingAlreadyRegistered")
        .withArgs(f.stranger.address);
      expect(await f.staking.activeMiner(f.stranger.address)).to.deep.equal([true, min, min]);
      const t = BigInt(await time.latest()) + 1n;
      await at(t);
      await expect(f.staking.connect(f.stranger).unbond(1n))
        .to.emit(f.staking, "MinerUnbondingStarted")
        .withArgs(f.stranger.address, 0n, 1n, t + d("unbondingPeriod"));
      await expect(f.mining.connect(f.requesters[0]).submitJob(f.stranger.address, 0, await f.aur.getAddress(), 1n))
        .to.be.revertedWithCustomError(f.mining, "PoeMinerNotActive")
        .withArgs(f.stranger.address, min - 1n, min);
      const now = BigInt(await time.latest()) + 1n;
      await at(now);
      await expect(f.staking.connect(f.stranger).withdraw(0n))
        .to.be.revertedWithCustomError(f.staking, "MinerStakingStillUnbonding")
        .withArgs(f.stranger.address, 0n, now, t + d("unbondingPeriod"));
      await expect(f.staking.connect(f.stranger).withdraw(1n))
        .to.be.revertedWithCustomError(f.staking, "MinerStakingUnknownUnbonding")
        .withArgs(f.stranger.address, 1n, 1n);
      await time.increaseTo(t + d("unbondingPeriod"));
      const tx10 = f.staking.connect(f.stranger).withdraw(0n);
      await expect(tx10).to.emit(f.staking, "MinerWithdrawn").withArgs(f.stranger.address, 0n, 1n);
      await expect(tx10).to.changeTokenBalance(f.nex, f.stranger, 1n);
      await expect(f.staking.connect(f.stranger).stake(1n)).to.emit(f.staking, "MinerStaked");
      expect((await f.staking.activeMiner(f.stranger.address))[0]).to.equal(true);
    });
  });
});
