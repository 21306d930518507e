import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  caesarDefaults,
  caesarDemurrageOnly,
  deployCaesarWith,
  deployCaesarRegistry,
  ALICE_GENESIS,
  BOB_GENESIS,
  CAESAR,
  GENESIS_SUPPLY,
  NO_FEES,
  TREASURY_GENESIS,
  type CaesarFixture,
} from "./fixtures";
import {
  dailyFactor,
  indexAfter,
  nextCongestion,
  penaltyAmount,
  rpowDown,
  toAmountDown,
  toAmountUp,
  toBaseDown,
  toBaseUp,
  WAD,
} from "../../sdk/caesar/core";
import { DAY } from "../helpers/units";
import type { CaesarToken, MockCaesarPair, QuoteProbe } from "../../typechain-types";

const ZERO = ethers.ZeroAddress;
const G = dailyFactor(100n);
const DECAYING = 0n;
const EXEMPT = 1n;
const POOL = 2n;

/** Moves the clock to `days` whole days after genesis plus `extra` seconds (the next block's time). */
async function atDay(token: CaesarToken, days: bigint, extra = 60n): Promise<void> {
  await time.setNextBlockTimestamp((await token.genesisTime()) + days * DAY + extra);
}

/** Same, and mines a block there (for views). */
async function viewAtDay(token: CaesarToken, days: bigint, extra = 60n): Promise<void> {
  await time.increaseTo((await token.genesisTime()) + days * DAY + extra);
}

describe("CaesarToken", () => {
  describe("deployment", () => {
    it("allocates the genesis supply once, exempts the protocol accounts and starts the index at 1.0", async () => {
      const { token, alice, treasury, distributor, reserve, bob } = await loadFixture(caesarDefaults);
      expect(await token.totalSupply()).to.equal(GENESIS_SUPPLY);
      expect(await token.balanceOf(alice.address)).to.equal(ALICE_GENESIS);
      expect(await token.balanceOf(treasury.address)).to.equal(TREASURY_GENESIS);
      expect(await token.kindOf(alice.address)).to.equal(DECAYING);
      for (const a of [treasury, distributor, reserve]) expect(await token.kindOf(a.address)).to.equal(EXEMPT);
      expect(await token.index()).to.equal(WAD);
      expect(await token.totalBase()).to.equal(GENESIS_SUPPLY - TREASURY_GENESIS);
      expect(await token.nominalTotal()).to.equal(TREASURY_GENESIS);
      expect(await token.accrued()).to.equal(0n);
      expect(await token.baseOf(bob.address)).to.equal(BOB_GENESIS);
      expect(await token.feeDistributor()).to.equal(distributor.address);
      expect(await token.stabilityReserve()).to.equal(reserve.address);
      expect(await token.congestion()).to.deep.equal([10_000n, 0n]);
      expect(await token.factors()).to.deep.equal([10_000n, 10_000n, 10_000n]);
    });

    it("rejects mismatched genesis lists, a supply above 1e27 and zero addresses", async () => {
      const [admin, d, r, a] = await ethers.getSigners();
      const registry = await deployCaesarRegistry(admin);
      const f = await ethers.getContractFactory("CaesarToken");
      const reg = await registry.getAddress();
      await expect(f.deploy(admin.address, reg, d.address, r.address, [], [a.address], []))
        .to.be.revertedWithCustomError(f, "CaesarGenesisLengthMismatch")
        .withArgs(1n, 0n);
      await expect(f.deploy(admin.address, reg, d.address, r.address, [], [a.address], [10n ** 27n + 1n]))
        .to.be.revertedWithCustomError(f, "CaesarSupplyTooLarge")
        .withArgs(10n ** 27n + 1n, 10n ** 27n);
      await expect(f.deploy(ZERO, reg, d.address, r.address, [], [], [])).to.be.revertedWithCustomError(
        f,
        "CaesarZeroAddress",
      );
      await expect(f.deploy(admin.address, reg, ZERO, r.address, [], [], [])).to.be.revertedWithCustomError(
        f,
        "CaesarZeroAddress",
      );
      await expect(f.deploy(admin.address, reg, d.address, r.address, [], [ZERO], [1n]))
        .to.be.revertedWithCustomError(f, "ERC20InvalidReceiver")
        .withArgs(ZERO);
    });
  });

  describe("demurrage", () => {
    for (const days of [1n, 30n, 365n]) {
      it(`after ${days} days a balance is floor(base x floor(g^${days})) to the wei, and exempt accounts keep theirs`, async () => {
        const { token, alice, treasury } = await loadFixture(caesarDemurrageOnly);
        await viewAtDay(token, days);
        const index = (WAD * rpowDown(G, days)) / WAD;
        expect(await token.index()).to.equal(index);
        const expected = toAmountDown(ALICE_GENESIS, index);
        expect(await token.balanceOf(alice.address)).to.equal(expected);
        // Closed form 0.99^(days/30): g^30 = 0.99 to within 64 ulp of WAD, so per 30 days the holder pays 1%.
        if (days === 30n) {
          const exact = (ALICE_GENESIS * 99n) / 100n;
          const diff = expected > exact ? expected - exact : exact - expected;
          expect(diff <= (ALICE_GENESIS * 64n) / WAD + 1n).to.equal(true);
        }
        expect(await token.balanceOf(treasury.address)).to.equal(TREASURY_GENESIS);
      });
    }

    it("derives the daily factor so that 30 days cost the monthly rate, never less, within 64 ulp of WAD", async () => {
      for (const rate of [1n, 50n, 100n, 150n, 200n]) {
        const g30 = rpowDown(dailyFactor(rate), 30n);
        const target = (WAD * (10_000n - rate)) / 10_000n;
        expect(g30 <= target && g30 + 64n >= target, `rate ${rate}`).to.equal(true);
      }
    });

    it("accrues the decayed value to the distributor: accrued == supply - nominal - ceil(totalBase x index)", async () => {
      const { token, distributor } = await loadFixture(caesarDemurrageOnly);
      await viewAtDay(token, 30n);
      const index = await token.index();
      const totalBase = await token.totalBase();
      const expected = GENESIS_SUPPLY - TREASURY_GENESIS - toAmountUp(totalBase, index);
      expect(await token.accrued()).to.equal(expected);
      await expect(token.settle()).to.emit(token, "AccrualSettled").withArgs(distributor.address, expected);
      expect(await token.balanceOf(distributor.address)).to.equal(expected);
      expect(await token.accrued()).to.equal(0n);
    });

    it("emits DemurrageIndexed(day, index, totalBase) on the first touch of a new day, once", async () => {
      const { token, alice, bob } = await loadFixture(caesarDemurrageOnly);
      await atDay(token, 3n);
      const index = indexAfter(WAD, G, 3n);
      const totalBase = await token.totalBase();
      await expect(token.connect(alice).transfer(bob.address, 1n))
        .to.emit(token, "DemurrageIndexed")
        .withArgs(3n, index, totalBase);
      await expect(token.connect(alice).transfer(bob.address, 1n)).not.to.emit(token, "DemurrageIndexed");
    });

    it("lets an indexer reconcile the accrual from events to the wei: each day's decay, each transfer's fee + rounding", async () => {
      const { token, alice, bob, carol } = await loadFixture(caesarDefaults);
      const people = [alice, bob, carol];
      let index = WAD; // from the last DemurrageIndexed
      let indexed = 0n; // the accrual as an indexer sums it from events
      let last = await token.accrued(); // the accrual after the previous day's transfers
      for (let day = 1n; day <= 61n; day += 4n) {
        await viewAtDay(token, day);
        const before = await token.accrued(); // the day moved: the view includes the day's decay
        let decay: bigint | undefined;
        for (let k = 0; k < 3; k++) {
          const from = people[(Number(day) + k) % 3];
          const to = people[(Number(day) + k + 1) % 3];
          const rc = await (
            await token.connect(from).transfer(to.address, 1_234n * CAESAR + day * 7n + BigInt(k))
          ).wait();
          for (const log of rc!.logs) {
            const ev = token.interface.parseLog(log);
            if (ev?.name === "DemurrageIndexed") {
              decay = toAmountUp(ev.args.totalBase, index) - toAmountUp(ev.args.totalBase, ev.args.index);
              index = ev.args.index;
              indexed += decay;
            }
            if (ev?.name === "TransferCharged") indexed += ev.args.fee + ev.args.rounding;
          }
        }
        // The day's decay from DemurrageIndexed alone is exactly what the accrual gained when the day moved.
        expect(before - last, `day ${day}: ceil(T x I_prev) - ceil(T x I)`).to.equal(decay);
        const accrued = await token.accrued();
        last = accrued;
        expect(indexed, `day ${day}: the events' sum is the accrual`).to.equal(accrued);
      }
    });

    it("converts a debit up and a credit down: the sender pays at most 1 wei, the receiver gets amount or amount - 1", async () => {
      const { token, alice, bob } = await loadFixture(caesarDemurrageOnly);
      await atDay(token, 17n);
      const index = indexAfter(WAD, G, 17n);
      const amount = 123_456_789_123_456_789n;
      const aBefore = toAmountDown(ALICE_GENESIS, index);
      const bBefore = toAmountDown(BOB_GENESIS, index);
      await token.connect(alice).transfer(bob.address, amount);
      const aLeft = ALICE_GENESIS - toBaseUp(amount, index);
      const bNew = BOB_GENESIS + toBaseDown(amount, index);
      expect(await token.baseOf(alice.address)).to.equal(aLeft);
      expect(await token.baseOf(bob.address)).to.equal(bNew);
      const drop = aBefore - toAmountDown(aLeft, index);
      const gain = toAmountDown(bNew, index) - bBefore;
      expect(drop - amount <= 1n && drop >= amount).to.equal(true);
      expect(amount - gain <= 1n && gain <= amount).to.equal(true);
    });

    it("re-anchors the index when the rate changes, so the new rate applies from that day on", async () => {
      const { token, registry, alice } = await loadFixture(caesarDemurrageOnly);
      await atDay(token, 10n);
      await registry.set(ethers.id("caesar.token.demurrageBps"), 125n);
      await token.refreshParameters();
      const i10 = indexAfter(WAD, G, 10n);
      await viewAtDay(token, 40n);
      const g2 = dailyFactor(125n);
      expect(await token.index()).to.equal(indexAfter(i10, g2, 30n));
      expect(await token.balanceOf(alice.address)).to.equal(toAmountDown(ALICE_GENESIS, indexAfter(i10, g2, 30n)));
    });
  });

  describe("fees", () => {
    it("charges base x factors on a transfer, rounded up, to the accrual, and emits the charge", async () => {
      const { token, alice, bob } = await loadFixture(caesarDefaults);
      const amount = 1_000n * CAESAR;
      const fee = amount / 1_000n; // 0.1% at neutral factors
      await expect(token.connect(alice).transfer(bob.address, amount))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, bob.address, amount - fee)
        .and.to.emit(token, "TransferCharged")
        .withArgs(alice.address, fee, 0n, 0n);
      expect(await token.balanceOf(alice.address)).to.equal(ALICE_GENESIS - amount);
      expect(await token.balanceOf(bob.address)).to.equal(BOB_GENESIS + amount - fee);
      expect(await token.accrued()).to.equal(fee);
    });

    it("charges at least the minimum fee, and never more than 3% of the amount", async () => {
      const { token, alice, bob } = await loadFixture(caesarDefaults);
      const half = CAESAR / 2n; // 0.1% = 5e14 < minimum 1e15
      await expect(token.connect(alice).transfer(bob.address, half))
        .to.emit(token, "TransferCharged")
        .withArgs(alice.address, 10n ** 15n, 0n, 0n);
      const tiny = 10n ** 16n; // the minimum 1e15 is above 3% = 3e14: the cap wins
      await expect(token.connect(alice).transfer(bob.address, tiny))
        .to.emit(token, "TransferCharged")
        .withArgs(alice.address, 3n * 10n ** 14n, 0n, 0n);
    });

    it("charges nothing from or to an exempt account", async () => {
      const { token, alice, treasury } = await loadFixture(caesarDefaults);
      await expect(token.connect(treasury).transfer(alice.address, 100n * CAESAR)).not.to.emit(
        token,
        "TransferCharged",
      );
      await expect(token.connect(alice).transfer(treasury.address, 100n * CAESAR)).not.to.emit(
        token,
        "TransferCharged",
      );
      expect(await token.balanceOf(treasury.address)).to.equal(TREASURY_GENESIS);
    });

    describe("given feeds and a stability source", () => {
      async function withSources() {
        const f = await caesarDefaults();
        const liq = await ethers.deployContract("MockAggregatorV3", [4, 20_000n]);
        const vol = await ethers.deployContract("MockAggregatorV3", [4, 9_000n]);
        const stab = await ethers.deployContract("MockStabilityFactor");
        await f.token.setFactorSources(await liq.getAddress(), await vol.getAddress(), await stab.getAddress());
        return { ...f, liq, vol, stab };
      }

      it("caches the factors on refresh (a transfer reads no feed) and the fee follows them", async () => {
        const { token, alice, bob, stab } = await loadFixture(withSources);
        await stab.set(12_000n, 600n, 0); // deviation 6% > 5%: x1.5
        await expect(token.refreshFactors()).to.emit(token, "FactorsRefreshed").withArgs(20_000n, 9_000n, 18_000n);
        const amount = 1_000n * CAESAR;
        const fee = (amount * 10n * 20_000n * 9_000n * 18_000n) / 10n ** 16n; // 0.1% x 2.0 x 0.9 x 1.8 = 0.324%
        await expect(token.connect(alice).transfer(bob.address, amount))
          .to.emit(token, "TransferCharged")
          .withArgs(alice.address, fee, 0n, 0n);
      });

      it("uses the neutral 1.0 for a stale feed and a reverting stability source, never reverting", async () => {
        const { token, stab } = await loadFixture(withSources);
        await stab.set(12_000n, 0n, 1);
        await time.increase(2n * DAY); // heartbeat 1 day
        await expect(token.refreshFactors()).to.emit(token, "FactorsRefreshed").withArgs(10_000n, 10_000n, 10_000n);
      });

      it("clamps a feed value to its registry bounds", async () => {
        const { token, liq, vol } = await loadFixture(withSources);
        await liq.updateAnswer(40_000n); // 4.0 -> 2.0
        await vol.updateAnswer(1_000n); // 0.1 -> 0.8
        await expect(token.refreshFactors()).to.emit(token, "FactorsRefreshed").withArgs(20_000n, 8_000n, 10_000n);
      });
    });

    describe("given a congested window", () => {
      async function congested() {
        return deployCaesarWith({
          "caesar.token.demurrageBps": 0n,
          "caesar.fees.congestionTarget": 2n,
          "caesar.fees.congestionWindow": 600n,
        });
      }

      it("raises the factor by the bounded EIP-1559 step after a window above target, and counts transfers", async () => {
        const { token, alice, bob } = await loadFixture(congested);
        const start = (await token.genesisTime()) + DAY; // a window start
        await time.setNextBlockTimestamp(start);
        for (let i = 0; i < 5; i++) await token.connect(alice).transfer(bob.address, CAESAR);
        expect((await token.congestion())[1]).to.equal(5n);
        await time.setNextBlockTimestamp(start + 600n);
        const c = nextCongestion(nextCongestion(10_000n, 0n, 2n, 1_250n, 30_000n, 144n), 5n, 2n, 1_250n, 30_000n, 1n);
        await expect(token.connect(alice).transfer(bob.address, 1_000n * CAESAR))
          .to.emit(token, "CongestionUpdated")
          .withArgs(5n, c)
          .and.to.emit(token, "TransferCharged")
          .withArgs(alice.address, (1_000n * CAESAR * c) / 10_000n / 1_000n, 0n, 0n);
        expect(c).to.equal(11_250n);
      });
    });
  });

  describe("anti-speculation", () => {
    it("counts transfers out within 24 h of a receipt; from the 4th on, +0.5% each, capped at 5%, to the reserve", async () => {
      const { token, alice, bob, carol, reserve } = await loadFixture(caesarDefaults);
      await token.connect(alice).transfer(bob.address, 100_000n * CAESAR);
      const amount = 1_000n * CAESAR;
      let reserveBalance = 0n;
      for (let k = 1n; k <= 15n; k++) {
        const bps = k <= 3n ? 0n : k - 3n >= 10n ? 500n : 50n * (k - 3n);
        const penalty = penaltyAmount(amount, bps);
        const fee = amount / 1_000n;
        const tx = token.connect(bob).transfer(carol.address, amount);
        await expect(tx).to.emit(token, "RapidTrade").withArgs(bob.address, k, bps);
        await expect(tx).to.emit(token, "TransferCharged").withArgs(bob.address, fee, penalty, 0n);
        reserveBalance += penalty;
      }
      expect(await token.balanceOf(reserve.address)).to.equal(reserveBalance);
      expect((await token.speculationOf(bob.address))[1]).to.equal(15n);
    });

    it("does not count a transfer after the holding period, and restarts the count after the 7-day window", async () => {
      const { token, alice, bob, carol } = await loadFixture(caesarDefaults);
      await token.connect(alice).transfer(bob.address, 100_000n * CAESAR);
      for (let k = 0; k < 5; k++) await token.connect(bob).transfer(carol.address, CAESAR);
      await time.increase(DAY);
      await expect(token.connect(bob).transfer(carol.address, CAESAR)).not.to.emit(token, "RapidTrade");
      await time.increase(7n * DAY);
      await token.connect(alice).transfer(bob.address, CAESAR);
      await expect(token.connect(bob).transfer(carol.address, CAESAR))
        .to.emit(token, "RapidTrade")
        .withArgs(bob.address, 1n, 0n);
    });

    it("ignores zero transfers, so a stranger cannot raise someone's count with transferFrom(victim, x, 0)", async () => {
      const { token, alice, bob, carol, dave } = await loadFixture(caesarDefaults);
      await token.connect(alice).transfer(bob.address, 100n * CAESAR);
      for (let k = 0; k < 5; k++) {
        await expect(token.connect(dave).transferFrom(bob.address, carol.address, 0n)).not.to.emit(token, "RapidTrade");
      }
      expect((await token.speculationOf(bob.address))[1]).to.equal(0n);
    });

    it("exempts pools and protocol accounts as senders", async () => {
      const { token, alice, treasury, admin, carol } = await loadFixture(caesarDefaults);
      await token.connect(alice).transfer(treasury.address, 100n * CAESAR);
      await expect(token.connect(treasury).transfer(carol.address, CAESAR)).not.to.emit(token, "RapidTrade");
      const pair = (await ethers.deployContract("MockCaesarPair", [
        await token.getAddress(),
      ])) as unknown as MockCaesarPair;
      await token.connect(admin).setKind(await pair.getAddress(), POOL);
      await token.connect(alice).transfer(await pair.getAddress(), 100n * CAESAR);
      await expect(pair.pay(carol.address, CAESAR)).not.to.emit(token, "RapidTrade");
    });
  });

  describe("pools", () => {
    async function withPool() {
      const f = await caesarDemurrageOnly();
      const pair = (await ethers.deployContract("MockCaesarPair", [
        await f.token.getAddress(),
      ])) as unknown as MockCaesarPair;
      await f.token.connect(f.admin).setKind(await pair.getAddress(), POOL);
      await f.token.connect(f.alice).transfer(await pair.getAddress(), 10_000n * CAESAR);
      await pair.sync();
      return { ...f, pair };
    }

    it("keeps a pool's balance until syncPool, which applies the decay and calls sync() in the same transaction", async () => {
      const { token, pair } = await loadFixture(withPool);
      const p = await pair.getAddress();
      await viewAtDay(token, 30n);
      expect(await token.balanceOf(p)).to.equal(10_000n * CAESAR);
      expect(await pair.solvent()).to.equal(true);
      const index = indexAfter(WAD, G, 30n);
      const after = (10_000n * CAESAR * index) / WAD;
      await expect(token.syncPool(p))
        .to.emit(token, "PoolSynced")
        .withArgs(p, 10_000n * CAESAR - after, 30n, index)
        .and.to.emit(pair, "Synced")
        .withArgs(after);
      expect(await token.balanceOf(p)).to.equal(after);
      expect(await pair.reserve()).to.equal(after);
    });

    it("syncs at most once a day, and only registered pools", async () => {
      const { token, pair, alice } = await loadFixture(withPool);
      const p = await pair.getAddress();
      await viewAtDay(token, 2n);
      await token.syncPool(p);
      await expect(token.syncPool(p)).to.be.revertedWithCustomError(token, "CaesarPoolAlreadySynced").withArgs(p, 2n);
      await expect(token.syncPool(alice.address))
        .to.be.revertedWithCustomError(token, "CaesarNotAPool")
        .withArgs(alice.address, DECAYING);
    });
  });

  describe("net-flow limits on registered pools", () => {
    const LIMIT = 1_000n * CAESAR;
    /** A pool holding 10,000 CAESAR (moved in before it was registered), limited to 1,000 CAESAR net per day. */
    async function withLimitedPool() {
      const f = await deployCaesarWith({
        ...NO_FEES,
        "caesar.antispec.netFlowLimit": LIMIT,
        "caesar.antispec.netFlowWindow": DAY,
      });
      const pair = (await ethers.deployContract("MockCaesarPair", [
        await f.token.getAddress(),
      ])) as unknown as MockCaesarPair;
      await f.token.connect(f.alice).transfer(await pair.getAddress(), 10_000n * CAESAR);
      await f.token.connect(f.admin).setKind(await pair.getAddress(), POOL);
      await pair.sync();
      return { ...f, pair };
    }

    it("counts inflows and outflows of a window; at the limit it passes, one wei beyond reverts with the net flow", async () => {
      const { token, pair, alice, bob } = await loadFixture(withLimitedPool);
      const p = await pair.getAddress();
      expect(await token.netFlowLimit()).to.deep.equal([LIMIT, BigInt(DAY)]);
      await token.connect(alice).transfer(p, 600n * CAESAR);
      const start = BigInt(await time.latest());
      await pair.pay(bob.address, 100n * CAESAR);
      await token.connect(alice).transfer(p, 500n * CAESAR);
      expect(await token.netFlowOf(p)).to.deep.equal([LIMIT, start]);
      await expect(token.connect(alice).transfer(p, 1n))
        .to.be.revertedWithCustomError(token, "CaesarNetFlowLimit")
        .withArgs(p, LIMIT + 1n, LIMIT);
      await expect(token.quoteTransfer(alice.address, p, 1n))
        .to.be.revertedWithCustomError(token, "CaesarNetFlowLimit")
        .withArgs(p, LIMIT + 1n, LIMIT);
      // Flowing back out is always possible.
      await pair.pay(bob.address, 2_000n * CAESAR);
      expect((await token.netFlowOf(p))[0]).to.equal(-1_000n * CAESAR);
    });

    it("is not bypassed by fresh addresses: a pool's outflows to many new accounts add up", async () => {
      const { token, pair, others } = await loadFixture(withLimitedPool);
      const p = await pair.getAddress();
      await pair.pay(others[0].address, 400n * CAESAR);
      await pair.pay(others[1].address, 400n * CAESAR);
      await pair.pay(others[2].address, 200n * CAESAR);
      await expect(pair.pay(others[3].address, 1n))
        .to.be.revertedWithCustomError(token, "CaesarNetFlowLimit")
        .withArgs(p, -LIMIT - 1n, LIMIT);
      expect(await token.balanceOf(others[3].address)).to.equal(0n);
    });

    it("starts every window from zero, and leaves transfers that touch no pool alone", async () => {
      const { token, pair, alice, bob } = await loadFixture(withLimitedPool);
      const p = await pair.getAddress();
      await token.connect(alice).transfer(p, LIMIT);
      await token.connect(alice).transfer(bob.address, 5n * LIMIT);
      await time.increase(DAY);
      await token.connect(alice).transfer(p, LIMIT);
      expect(await token.netFlowOf(p)).to.deep.equal([LIMIT, BigInt(await time.latest())]);
      expect(await token.netFlowOf(alice.address)).to.deep.equal([0n, 0n]);
    });
  });

  describe("quoteTransfer", () => {
    async function withProbe() {
      const f = await caesarDefaults();
      const probe = (await ethers.deployContract("QuoteProbe")) as unknown as QuoteProbe;
      const pair = (await ethers.deployContract("MockCaesarPair", [
        await f.token.getAddress(),
      ])) as unknown as MockCaesarPair;
      await f.token.connect(f.admin).setKind(await pair.getAddress(), POOL);
      for (const s of [f.alice, f.bob, f.treasury]) {
        await f.token.connect(s).approve(await probe.getAddress(), ethers.MaxUint256);
      }
      return { ...f, probe, pair };
    }

    async function check(f: CaesarFixture & { probe: QuoteProbe }, from: string, to: string, amount: bigint) {
      await f.probe.run(await f.token.getAddress(), from, to, amount);
      const q = await f.probe.quote();
      const drop = await f.probe.fromDrop();
      const gain = await f.probe.toGain();
      if (from !== to) {
        expect(gain, "net").to.equal(q.net);
        expect(drop, "debit").to.equal(q.net + q.fee + q.penalty + q.demurrage);
      }
      return q;
    }

    it("returns exactly what a transfer in the same block does: fees, penalties, rounding, pools, exempt", async () => {
      const f = await loadFixture(withProbe);
      const { alice, bob, treasury, pair } = f;
      const p = await pair.getAddress();
      await check(f, alice.address, bob.address, 777n * CAESAR + 123n);
      await atDay(f.token, 17n);
      const q = await check(f, alice.address, bob.address, 333n * CAESAR + 7n);
      expect(q.fee > 0n).to.equal(true);
      await check(f, alice.address, p, 1_000n * CAESAR);
      await check(f, treasury.address, bob.address, 5n * CAESAR + 1n);
      await check(f, bob.address, treasury.address, 5n * CAESAR + 1n);
      // Bob received several times today: his 4th and later sends are penalised.
      for (let i = 0; i < 5; i++) await check(f, bob.address, alice.address, 10n * CAESAR + BigInt(i));
      const last = await check(f, bob.address, alice.address, 10n * CAESAR);
      expect(last.penalty).to.equal(penaltyAmount(10n * CAESAR, 150n));
    });

    it("reverts like the transfer on an amount above the balance", async () => {
      const { token, alice, bob } = await loadFixture(withProbe);
      await expect(token.quoteTransfer(alice.address, bob.address, ALICE_GENESIS + 1n))
        .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
        .withArgs(alice.address, ALICE_GENESIS, ALICE_GENESIS + 1n);
    });
  });

  describe("transferAll", () => {
    it("sends the whole decayed balance (fees deducted), leaves zero base units and returns the net", async () => {
      const { token, alice, bob } = await loadFixture(caesarDefaults);
      await viewAtDay(token, 45n);
      const index = await token.index();
      const balance = await token.balanceOf(alice.address);
      const bobBase = await token.baseOf(bob.address);
      const fee = (balance + 999n) / 1_000n; // 0.1%, rounded up
      const net = toAmountDown(bobBase + toBaseDown(balance - fee, index), index) - toAmountDown(bobBase, index);
      expect(await token.connect(alice).transferAll.staticCall(bob.address)).to.equal(net);
      await expect(token.connect(alice).transferAll(bob.address))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, bob.address, net);
      expect(await token.balanceOf(alice.address)).to.equal(0n);
      expect(await token.baseOf(alice.address)).to.equal(0n);
      expect(await token.balanceOf(bob.address)).to.equal(toAmountDown(bobBase, index) + net);
    });

    it("rejects the zero receiver", async () => {
      const { token, alice } = await loadFixture(caesarDefaults);
      await expect(token.connect(alice).transferAll(ZERO))
        .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
        .withArgs(ZERO);
    });
  });

  describe("governance", () => {
    it("lets only the admin set kinds, the distributor, the reserve and the sources", async () => {
      const { token, alice, bob } = await loadFixture(caesarDefaults);
      const role = await token.DEFAULT_ADMIN_ROLE();
      // One call at a time: a call started before the previous one is awaited rejects unobserved.
      for (const call of [
        () => token.connect(alice).setKind(bob.address, EXEMPT),
        () => token.connect(alice).setFeeDistributor(bob.address),
        () => token.connect(alice).setStabilityReserve(bob.address),
        () => token.connect(alice).setFactorSources(ZERO, ZERO, ZERO),
      ]) {
        await expect(call())
          .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
          .withArgs(alice.address, role);
      }
    });

    it("keeps the balance across a kind change, and an exempt account never decays", async () => {
      const { token, alice, admin } = await loadFixture(caesarDemurrageOnly);
      await viewAtDay(token, 30n);
      const balance = await token.balanceOf(alice.address);
      const [totalBase, idx, base, accrued] = [
        await token.totalBase(),
        await token.index(),
        await token.baseOf(alice.address),
        await token.accrued(),
      ];
      // What the conversion adds to the accrual: ceil(T x I) - ceil((T - b) x I) - floor(b x I) (0 or 1 wei).
      const rounding = toAmountUp(totalBase, idx) - toAmountUp(totalBase - base, idx) - toAmountDown(base, idx);
      await expect(token.connect(admin).setKind(alice.address, EXEMPT))
        .to.emit(token, "AccountKindChanged")
        .withArgs(alice.address, DECAYING, EXEMPT, balance, rounding);
      expect(await token.accrued()).to.equal(accrued + rounding);
      await viewAtDay(token, 400n);
      expect(await token.balanceOf(alice.address)).to.equal(balance);
      await token.connect(admin).setKind(alice.address, DECAYING);
      const index = await token.index();
      expect(await token.balanceOf(alice.address)).to.equal(toAmountDown(toBaseDown(balance, index), index));
      await expect(token.connect(admin).setKind(alice.address, DECAYING))
        .to.be.revertedWithCustomError(token, "CaesarKindUnchanged")
        .withArgs(alice.address, DECAYING);
    });

    it("keeps the distributor and the reserve exempt, and makes a new distributor exempt", async () => {
      const { token, admin, distributor, reserve, dave } = await loadFixture(caesarDefaults);
      await expect(token.connect(admin).setKind(distributor.address, DECAYING)).to.be.revertedWithCustomError(
        token,
        "CaesarParameterInvalid",
      );
      await expect(token.connect(admin).setKind(reserve.address, POOL)).to.be.revertedWithCustomError(
        token,
        "CaesarParameterInvalid",
      );
      await expect(token.connect(admin).setFeeDistributor(dave.address))
        .to.emit(token, "FeeDistributorChanged")
        .withArgs(dave.address);
      expect(await token.kindOf(dave.address)).to.equal(EXEMPT);
      await expect(token.connect(admin).setStabilityReserve(ZERO)).to.be.revertedWithCustomError(
        token,
        "CaesarZeroAddress",
      );
    });

    it("refuses a congestion window that does not divide a day", async () => {
      const f = await deployCaesarWith({ ...NO_FEES });
      const key = ethers.id("caesar.fees.congestionWindow");
      await f.registry.set(key, 7_000n);
      await expect(f.token.refreshParameters())
        .to.be.revertedWithCustomError(f.token, "CaesarParameterInvalid")
        .withArgs(key, 7_000n);
    });
  });
});
