import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { Contract } from "ethers";
import { readQueue } from "../../../sdk/caesar";
import { CAESAR } from "../fixtures";
import { DEADLINE, deployGate, GATE_RESERVE, type GateFixture } from "./fixtures";
import { DAY, HOUR } from "../../helpers/units";
import { WAD } from "../../../sdk/kit/core/math";

const BPS = 10_000n;
/** EntryState */
const S = { None: 0n, Queued: 1n, Executable: 2n, Executed: 3n, Expired: 4n, Cancelled: 5n } as const;
const bit = (...states: bigint[]) =>
  ethers.toBeHex(
    states.reduce((a, s) => a | (1n << s), 0n),
    32,
  );
/** A deviation or output of `bps` basis points in WAD. */
const wad = (bps: bigint) => (bps * WAD) / BPS;

/** Uniswap V2's getAmountOut. */
function amountOut(amountIn: bigint, rIn: bigint, rOut: bigint): bigint {
  const withFee = amountIn * 997n;
  return (withFee * rOut) / (rIn * 1000n + withFee);
}

/** The pair's reserves as (CAESAR, quote). */
async function reserves(f: GateFixture): Promise<[bigint, bigint]> {
  const [r0, r1] = (await f.pair.getReserves()) as [bigint, bigint];
  return (await f.pair.token0()) === (await f.token.getAddress()) ? [r0, r1] : [r1, r0];
}

async function gateFixture() {
  return deployGate();
}
async function emptyGate() {
  return deployGate({}, 0n);
}

describe("StabilityGate", () => {
  describe("incentives", () => {
    it("trades at the market price with neither bonus nor penalty when neutral", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, alice, token, usd } = f;
      const [rc, rq] = await reserves(f);
      const out = amountOut(1_000n * CAESAR, rq, rc);
      const before = await token.balanceOf(alice.address);
      await expect(gate.connect(alice).buy(1_000n * CAESAR, out, DEADLINE))
        .to.emit(gate, "GateTraded")
        .withArgs(alice.address, true, 1_000n * CAESAR, out, 0n, 0n, 0n);
      expect((await token.balanceOf(alice.address)) - before).to.equal(out);
      const [rc2, rq2] = await reserves(f);
      const qOut = amountOut(500n * CAESAR, rc2, rq2);
      const uBefore = await usd.balanceOf(alice.address);
      await gate.connect(alice).sell(500n * CAESAR, qOut, DEADLINE);
      expect((await usd.balanceOf(alice.address)) - uBefore).to.equal(qOut);
      expect(await gate.reserves()).to.deep.equal([GATE_RESERVE, 0n]);
    });

    it("above target: a buy pays the penalty in quote (kept), a sell gets the bonus in CAESAR (from the reserve)", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, regime, alice, token, usd } = f;
      await regime.set(false, wad(600n), wad(300n)); // +6%, output +3%: level 300 bps
      const quoteIn = 1_000n * CAESAR;
      const penalty = (quoteIn * 300n) / BPS;
      const [rc, rq] = await reserves(f);
      const out = amountOut(quoteIn - penalty, rq, rc);
      await expect(gate.connect(alice).buy(quoteIn, 0n, DEADLINE))
        .to.emit(gate, "GateTraded")
        .withArgs(alice.address, true, quoteIn, out, 0n, penalty, wad(600n));
      expect(await gate.reserves()).to.deep.equal([GATE_RESERVE, penalty]);
      const caesarIn = 2_000n * CAESAR;
      const bonus = (caesarIn * 300n) / BPS;
      const [rc2, rq2] = await reserves(f);
      const qOut = amountOut(caesarIn, rc2, rq2);
      const cBefore = await token.balanceOf(alice.address);
      const uBefore = await usd.balanceOf(alice.address);
      await expect(gate.connect(alice).sell(caesarIn, qOut, DEADLINE))
        .to.emit(gate, "GateTraded")
        .withArgs(alice.address, false, caesarIn, qOut, bonus, 0n, wad(600n));
      expect(cBefore - (await token.balanceOf(alice.address))).to.equal(caesarIn - bonus);
      expect((await usd.balanceOf(alice.address)) - uBefore).to.equal(qOut);
      expect(await gate.reserves()).to.deep.equal([GATE_RESERVE - bonus, penalty]);
    });

    it("below target: a buy gets the bonus in CAESAR, a sell pays the penalty in CAESAR (to the reserve)", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, regime, alice, token } = f;
      await regime.set(false, -wad(700n), -wad(250n));
      const quoteIn = 1_000n * CAESAR;
      const [rc, rq] = await reserves(f);
      const out = amountOut(quoteIn, rq, rc);
      const bonus = (out * 250n) / BPS;
      const before = await token.balanceOf(alice.address);
      await expect(gate.connect(alice).buy(quoteIn, out, DEADLINE))
        .to.emit(gate, "GateTraded")
        .withArgs(alice.address, true, quoteIn, out, bonus, 0n, -wad(700n));
      expect((await token.balanceOf(alice.address)) - before).to.equal(out + bonus);
      const caesarIn = 2_000n * CAESAR;
      const penalty = (caesarIn * 250n) / BPS;
      const [rc2, rq2] = await reserves(f);
      const qOut = amountOut(caesarIn - penalty, rc2, rq2);
      await expect(gate.connect(alice).sell(caesarIn, qOut, DEADLINE))
        .to.emit(gate, "GateTraded")
        .withArgs(alice.address, false, caesarIn, qOut, 0n, penalty, -wad(700n));
      expect(await gate.reserves()).to.deep.equal([GATE_RESERVE - bonus + penalty, 0n]);
    });

    it("never pays a bonus the reserve cannot cover: 0 and BonusUncovered, one wei short or empty; exactly covered pays", async () => {
      const f = await loadFixture(emptyGate);
      const { gate, regime, alice, bob, token, treasury } = f;
      await regime.set(false, wad(600n), wad(300n));
      const caesarIn = 1_000n * CAESAR;
      const bonus = (caesarIn * 300n) / BPS;
      await expect(gate.connect(alice).sell(caesarIn, 0n, DEADLINE))
        .to.emit(gate, "BonusUncovered")
        .withArgs(alice.address, bonus, 0n);
      expect(await gate.reserves()).to.deep.equal([0n, 0n]);
      await token.connect(treasury).transfer(await gate.getAddress(), bonus - 1n);
      await expect(gate.connect(bob).sell(caesarIn, 0n, DEADLINE))
        .to.emit(gate, "BonusUncovered")
        .withArgs(bob.address, bonus, bonus - 1n);
      await token.connect(treasury).transfer(await gate.getAddress(), 1n);
      const before = await token.balanceOf(bob.address);
      await expect(gate.connect(bob).sell(caesarIn, 0n, DEADLINE)).to.not.emit(gate, "BonusUncovered");
      expect(before - (await token.balanceOf(bob.address))).to.equal(caesarIn - bonus);
      expect(await gate.reserves()).to.deep.equal([0n, 0n]);
    });

    it("the escrow never pays a bonus: a queued sell's CAESAR is not reserve", async () => {
      const f = await loadFixture(emptyGate);
      const { gate, regime, alice, bob } = f;
      await regime.set(false, -wad(1_200n), -wad(300n));
      await gate.connect(alice).sell(5_000n * CAESAR, 0n, DEADLINE); // queued: 5,000 CAESAR escrowed
      expect(await gate.escrowCaesar()).to.equal(5_000n * CAESAR);
      const quoteIn = 1_000n * CAESAR; // a stabilizing buy, bonus due
      await expect(gate.connect(bob).buy(quoteIn, 0n, DEADLINE)).to.emit(gate, "BonusUncovered");
      expect(await gate.escrowCaesar()).to.equal(5_000n * CAESAR);
      expect(await gate.reserves()).to.deep.equal([0n, 0n]);
    });
  });

  describe("delay queue", () => {
    it("queues a destabilizing buy beyond the delay threshold; Queued at the delay - 1 s, Executable at the second", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, regime, alice, usd, token } = f;
      await regime.set(false, wad(1_000n), wad(400n)); // exactly the 10% threshold: queued
      const quoteIn = 1_000n * CAESAR;
      const uBefore = await usd.balanceOf(alice.address);
      const tx = await gate.connect(alice).buy(quoteIn, 1n, DEADLINE);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      await expect(tx)
        .to.emit(gate, "TradeQueued")
        .withArgs(1n, alice.address, true, quoteIn, 1n, at + HOUR, at + HOUR + DAY);
      expect(uBefore - (await usd.balanceOf(alice.address))).to.equal(quoteIn);
      expect(await gate.escrowQuote()).to.equal(quoteIn);
      expect(await gate.state(1n)).to.equal(S.Queued);
      await time.setNextBlockTimestamp(at + HOUR - 1n);
      await expect(gate.connect(alice).execute(1n))
        .to.be.revertedWithCustomError(gate, "GateUnexpectedState")
        .withArgs(1n, S.Queued, bit(S.Executable));
      await time.setNextBlockTimestamp(at + HOUR);
      await ethers.provider.send("evm_mine", []);
      expect(await gate.state(1n)).to.equal(S.Executable);
      await expect(gate.connect(f.bob).execute(1n))
        .to.be.revertedWithCustomError(gate, "GateNotTrader")
        .withArgs(1n, f.bob.address, alice.address);
      const penalty = (quoteIn * 400n) / BPS;
      const [rc, rq] = await reserves(f);
      const out = amountOut(quoteIn - penalty, rq, rc);
      const before = await token.balanceOf(alice.address);
      await expect(gate.connect(alice).execute(1n)).to.emit(gate, "EntryExecuted").withArgs(1n, out);
      expect((await token.balanceOf(alice.address)) - before).to.equal(out);
      expect(await gate.state(1n)).to.equal(S.Executed);
      expect(await gate.escrowQuote()).to.equal(0n);
      expect(await gate.reserves()).to.deep.equal([GATE_RESERVE, penalty]);
      await expect(gate.connect(alice).execute(1n))
        .to.be.revertedWithCustomError(gate, "GateUnexpectedState")
        .withArgs(1n, S.Executed, bit(S.Executable));
    });

    it("trades a destabilizing buy one bps under the threshold, and a stabilizing sell beyond it", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, regime, alice } = f;
      await regime.set(false, wad(999n), wad(400n));
      await expect(gate.connect(alice).buy(100n * CAESAR, 0n, DEADLINE)).to.not.emit(gate, "TradeQueued");
      await regime.set(false, wad(1_500n), wad(400n));
      await expect(gate.connect(alice).sell(100n * CAESAR, 0n, DEADLINE)).to.not.emit(gate, "TradeQueued");
      expect(await gate.entryCount()).to.equal(0n);
      expect(await gate.state(0n)).to.equal(S.None);
    });

    it("expires after the window and refunds exactly the escrow (anyone may refund, once)", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, regime, alice, bob, token } = f;
      await regime.set(false, -wad(1_200n), -wad(300n));
      const before = await token.balanceOf(alice.address);
      const gateBefore = await token.balanceOf(await gate.getAddress());
      const amount = 1_234n * CAESAR + 567n;
      const tx = await gate.connect(alice).sell(amount, 0n, DEADLINE);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      expect(await token.balanceOf(await gate.getAddress())).to.equal(gateBefore + amount);
      expect(await gate.escrowCaesar()).to.equal(amount);
      await time.setNextBlockTimestamp(at + HOUR + DAY - 1n);
      await expect(gate.connect(alice).execute(1n)).to.emit(gate, "EntryExecuted"); // the last second still runs
      // a second entry, left to expire
      const tx2 = await gate.connect(alice).sell(amount, 0n, DEADLINE);
      const at2 = BigInt((await ethers.provider.getBlock(tx2.blockNumber!))!.timestamp);
      await expect(gate.connect(bob).refund(2n))
        .to.be.revertedWithCustomError(gate, "GateUnexpectedState")
        .withArgs(2n, S.Queued, bit(S.Expired));
      const mid = await token.balanceOf(alice.address);
      await time.setNextBlockTimestamp(at2 + HOUR + DAY);
      await ethers.provider.send("evm_mine", []);
      expect(await gate.state(2n)).to.equal(S.Expired);
      await expect(gate.connect(alice).execute(2n))
        .to.be.revertedWithCustomError(gate, "GateUnexpectedState")
        .withArgs(2n, S.Expired, bit(S.Executable));
      await expect(gate.connect(bob).refund(2n)).to.emit(gate, "EntryRefunded").withArgs(2n, amount);
      expect((await token.balanceOf(alice.address)) - mid).to.equal(amount);
      expect(await gate.escrowCaesar()).to.equal(0n);
      expect(await gate.state(2n)).to.equal(S.Expired);
      await expect(gate.connect(bob).refund(2n))
        .to.be.revertedWithCustomError(gate, "GateAlreadyRefunded")
        .withArgs(2n);
      expect(before - (await token.balanceOf(alice.address))).to.equal(amount); // only the executed one left
      expect((await gate.entry(2n)).closed).to.equal(3n);
      // the SDK's queue reader tells the refunded entry apart
      const q = await readQueue(gate);
      expect(q.map((e) => [e.id, e.state, e.refunded])).to.deep.equal([
        [2n, "Expired", true],
        [1n, "Executed", false],
      ]);
    });

    it("the trader cancels a Queued or Executable entry and gets exactly the escrow back", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, regime, alice, bob, usd } = f;
      await regime.set(false, wad(1_200n), wad(300n));
      const amount = 777n * CAESAR + 1n;
      const before = await usd.balanceOf(alice.address);
      await gate.connect(alice).buy(amount, 0n, DEADLINE);
      await gate.connect(alice).buy(amount, 0n, DEADLINE);
      await expect(gate.connect(bob).cancel(1n))
        .to.be.revertedWithCustomError(gate, "GateNotTrader")
        .withArgs(1n, bob.address, alice.address);
      await expect(gate.connect(alice).cancel(1n)).to.emit(gate, "EntryCancelled").withArgs(1n, amount);
      expect(await gate.state(1n)).to.equal(S.Cancelled);
      await time.increase(HOUR);
      expect(await gate.state(2n)).to.equal(S.Executable);
      await gate.connect(alice).cancel(2n);
      expect(await usd.balanceOf(alice.address)).to.equal(before);
      expect(await gate.escrowQuote()).to.equal(0n);
      await expect(gate.connect(alice).cancel(1n))
        .to.be.revertedWithCustomError(gate, "GateUnexpectedState")
        .withArgs(1n, S.Cancelled, bit(S.Queued, S.Executable));
      await expect(gate.connect(alice).cancel(9n))
        .to.be.revertedWithCustomError(gate, "GateUnexpectedState")
        .withArgs(9n, S.None, bit(S.Queued, S.Executable));
    });
  });

  describe("round trips against the incentives", () => {
    /** Alice buys `quoteIn` through the gate (bonus), passes the CAESAR to bob by wallet, bob sells it back. */
    async function roundTrip(f: GateFixture, sellThroughGate: boolean) {
      const { gate, alice, bob, token, usd, router } = f;
      const quoteIn = 10_000n * CAESAR;
      const [, bought] = await gate.connect(alice).buy.staticCall(quoteIn, 0n, DEADLINE);
      const start = await token.balanceOf(alice.address);
      await gate.connect(alice).buy(quoteIn, 0n, DEADLINE);
      const got = (await token.balanceOf(alice.address)) - start;
      expect(got).to.be.greaterThan(bought); // bought + the bonus
      const bobStart = await token.balanceOf(bob.address);
      await token.connect(alice).transfer(bob.address, got);
      const held = (await token.balanceOf(bob.address)) - bobStart; // less the wallet transfer's fee
      const before = await usd.balanceOf(bob.address);
      const path = [await token.getAddress(), await usd.getAddress()];
      const sell = sellThroughGate
        ? gate.connect(bob).sell(held, 0n, DEADLINE)
        : (router.connect(bob) as Contract).swapExactTokensForTokensSupportingFeeOnTransferTokens(
            held,
            0n,
            path,
            bob.address,
            DEADLINE,
          );
      return { quoteIn, sell, received: async () => (await usd.balanceOf(bob.address)) - before };
    }

    it("a direct router sell is refused while sells are penalised, so the bonus cannot be sold back penalty-free", async () => {
      // default fees, 9% below target (under the delay threshold), output at its -10% bound: the buy's bonus is 10%
      const f = await deployGate({ "caesar.fees.baseBps": 10n, "caesar.fees.minFee": CAESAR / 1_000n });
      await f.regime.set(false, -wad(900n), -wad(1_000n));
      const { sell } = await roundTrip(f, false);
      // before the fix this sell passed and bob received 10,813.6 mUSD for alice's 10,000 (+8.1%, from the reserve)
      await expect(sell).to.be.revertedWith("TransferHelper: TRANSFER_FROM_FAILED");
      await expect(f.token.connect(f.bob).transfer(f.pairAddress, CAESAR))
        .to.be.revertedWithCustomError(f.gate, "GateDirectTradePenalised")
        .withArgs(f.pairAddress, false, 1_000n, await f.gate.getAddress());
    });

    it("a gate sell does not open the pool to a direct sell later in the same transaction", async () => {
      // The gate marks its own pair trade (a transient flag) so the token's pool check lets it through; the flag
      // is cleared when that trade returns, so a direct sell after it in the same call is still refused.
      const f = await deployGate({ "caesar.fees.baseBps": 10n, "caesar.fees.minFee": CAESAR / 1_000n });
      await f.regime.set(false, -wad(900n), -wad(1_000n));
      const trader = await ethers.deployContract("GateThenDirect");
      await f.token.connect(f.alice).transfer(await trader.getAddress(), 3_000n * CAESAR);
      await expect(
        trader.run(await f.gate.getAddress(), await f.token.getAddress(), f.pairAddress, 1_000n * CAESAR, CAESAR),
      )
        .to.be.revertedWithCustomError(f.gate, "GateDirectTradePenalised")
        .withArgs(f.pairAddress, false, 1_000n, await f.gate.getAddress());
      // the gate sell alone goes through
      await expect(
        trader.run(await f.gate.getAddress(), await f.token.getAddress(), f.pairAddress, 1_000n * CAESAR, 0n),
      ).to.emit(f.gate, "GateTraded");
    });

    it("through the gate the sell pays the same level as a penalty: the two-account round trip loses", async () => {
      const f = await deployGate({ "caesar.fees.baseBps": 10n, "caesar.fees.minFee": CAESAR / 1_000n });
      await f.regime.set(false, -wad(900n), -wad(1_000n));
      const { quoteIn, sell, received } = await roundTrip(f, true);
      await expect(sell).to.emit(f.gate, "GateTraded");
      const back = await received();
      expect(back).to.be.lessThan(quoteIn);
      expect(back).to.be.greaterThan((quoteIn * 95n) / 100n); // the fees and the 10%/10% incentives, nothing else
    });
  });

  describe("a replaced gate", () => {
    it("stays exempt, so its escrow does not decay and its entries still cancel and refund exactly", async () => {
      // demurrage on (100 bps / 30 d): a decaying escrow would come back short
      const f = await deployGate({ "caesar.token.demurrageBps": 100n });
      const { gate, regime, alice, bob, token, admin } = f;
      await regime.set(false, -wad(1_200n), -wad(300n));
      const amount = 2_000n * CAESAR + 3n;
      await gate.connect(alice).sell(amount, 0n, DEADLINE); // 1: left to expire
      await gate.connect(alice).sell(amount, 0n, DEADLINE); // 2: cancelled
      const next = await ethers.deployContract("StabilityGate", [
        await token.getAddress(),
        f.pairAddress,
        await regime.getAddress(),
        await f.registry.getAddress(),
        admin.address,
      ]);
      await expect(token.connect(admin).setStabilityGate(await next.getAddress()))
        .to.emit(token, "StabilityGateChanged")
        .withArgs(await next.getAddress());
      expect(await token.kindOf(await gate.getAddress())).to.equal(1n); // Exempt
      expect(await token.kindOf(await next.getAddress())).to.equal(1n);
      await time.increase(20n * HOUR); // Executable, not yet Expired
      const g = await gate.getAddress();
      expect(await token.balanceOf(g)).to.equal(GATE_RESERVE + 2n * amount); // 20 h on: nothing decayed
      await expect(gate.connect(alice).cancel(2n)).to.emit(gate, "EntryCancelled").withArgs(2n, amount);
      expect(await token.balanceOf(g)).to.equal(GATE_RESERVE + amount);
      await time.increase(20n * DAY);
      expect(await token.balanceOf(g)).to.equal(GATE_RESERVE + amount);
      await expect(gate.connect(bob).refund(1n)).to.emit(gate, "EntryRefunded").withArgs(1n, amount);
      expect(await gate.escrowCaesar()).to.equal(0n);
      expect(await gate.reserves()).to.deep.equal([GATE_RESERVE, 0n]); // the reserve did not decay either
    });
  });

  describe("circuit breaker", () => {
    it("trips beyond the blocking threshold, refuses with the exact error, resets by itself after the cooldown", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, regime, alice, bob } = f;
      const dev = wad(2_500n);
      await regime.set(false, dev, wad(500n));
      const tx = await gate.connect(alice).buy(100n * CAESAR, 0n, DEADLINE); // trips the breaker, is queued
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      const resetsAt = at + 6n * HOUR;
      await expect(tx).to.emit(gate, "BreakerTripped").withArgs(dev, 2_000n, resetsAt);
      await expect(tx).to.emit(gate, "TradeQueued");
      expect(await gate.breaker()).to.deep.equal([true, false, resetsAt]);
      await expect(gate.connect(bob).buy(100n * CAESAR, 0n, DEADLINE))
        .to.be.revertedWithCustomError(gate, "GateBreakerTripped")
        .withArgs(dev, 2_000n, resetsAt);
      // a stabilizing sell passes (with its bonus)
      await expect(gate.connect(bob).sell(100n * CAESAR, 0n, DEADLINE)).to.emit(gate, "GateTraded");
      // the queued entry cannot execute while tripped
      await time.increase(HOUR);
      await expect(gate.connect(alice).execute(1n))
        .to.be.revertedWithCustomError(gate, "GateBreakerTripped")
        .withArgs(dev, 2_000n, resetsAt);
      await time.setNextBlockTimestamp(resetsAt - 1n);
      await expect(gate.connect(bob).buy(100n * CAESAR, 0n, DEADLINE)).to.be.revertedWithCustomError(
        gate,
        "GateBreakerTripped",
      );
      await time.setNextBlockTimestamp(resetsAt);
      // reset by itself; the deviation persists, the breaker stays disarmed: the buy is queued, no second trip
      const again = await gate.connect(bob).buy(100n * CAESAR, 0n, DEADLINE);
      await expect(again).to.emit(gate, "TradeQueued");
      await expect(again).to.not.emit(gate, "BreakerTripped");
      expect(await gate.breaker()).to.deep.equal([false, false, resetsAt]);
      await expect(gate.connect(alice).execute(1n)).to.emit(gate, "EntryExecuted");
      // re-arms once the deviation is back under the threshold; trips again on the next excursion
      await regime.set(false, wad(1_999n), wad(500n));
      await expect(gate.poke()).to.emit(gate, "BreakerRearmed").withArgs(wad(1_999n));
      expect((await gate.breaker())[1]).to.equal(true);
      await regime.set(false, -dev, -wad(500n));
      await expect(gate.poke()).to.emit(gate, "BreakerTripped");
      await expect(gate.connect(alice).sell(100n * CAESAR, 0n, DEADLINE)).to.be.revertedWithCustomError(
        gate,
        "GateBreakerTripped",
      );
    });

    it("bounds the cooldown by MAX_COOLDOWN (1 day) and the registry key by 1 day", async () => {
      const f = await loadFixture(gateFixture);
      expect(await f.gate.MAX_COOLDOWN()).to.equal(DAY);
      const spec = (await import("../../../sdk/caesar/core/parameters")).findCaesarParameter(
        "caesar.stability.breakerCooldown",
      )!;
      expect(spec.max).to.equal(DAY);
    });
  });

  describe("direct pool trades (the token's hook)", () => {
    it("refuses a destabilizing direct trade beyond the delay threshold with the gate's error; stabilizing ones pass", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, regime, token, alice, bob, router, usd, pairAddress } = f;
      const g = await gate.getAddress();
      const dev = wad(1_200n);
      await regime.set(false, dev, wad(300n));
      // a buy: CAESAR leaving the pool (the token's own quote reverts with the gate's error; the pair swallows it)
      await expect(token.quoteTransfer(pairAddress, alice.address, CAESAR))
        .to.be.revertedWithCustomError(gate, "GateDirectTradeRefused")
        .withArgs(pairAddress, true, dev, 1_000n, g);
      const r = router.connect(alice) as Contract;
      const c = await token.getAddress();
      const u = await usd.getAddress();
      await expect(
        r.swapExactTokensForTokensSupportingFeeOnTransferTokens(CAESAR, 0n, [u, c], alice.address, DEADLINE),
      ).to.be.revertedWith("UniswapV2: TRANSFER_FAILED");
      // a sell is stabilizing above target: passes, directly and through the router
      await token.connect(alice).transfer(pairAddress, CAESAR);
      await r.swapExactTokensForTokensSupportingFeeOnTransferTokens(CAESAR, 0n, [c, u], alice.address, DEADLINE);
      // below target the sell is the destabilizing one
      await regime.set(false, -dev, -wad(300n));
      await expect(token.connect(alice).transfer(pairAddress, CAESAR))
        .to.be.revertedWithCustomError(gate, "GateDirectTradeRefused")
        .withArgs(pairAddress, false, -dev, 1_000n, g);
      await expect(
        r.swapExactTokensForTokensSupportingFeeOnTransferTokens(CAESAR, 0n, [c, u], alice.address, DEADLINE),
      ).to.be.revertedWith("TransferHelper: TRANSFER_FROM_FAILED");
      await r.swapExactTokensForTokensSupportingFeeOnTransferTokens(CAESAR, 0n, [u, c], alice.address, DEADLINE);
      // wallet transfers never ask
      await token.connect(alice).transfer(bob.address, CAESAR);
      // under the threshold the penalised side (here the sell) is still refused while the output is non-zero
      await regime.set(false, -wad(999n), -wad(300n));
      await expect(token.connect(alice).transfer(pairAddress, CAESAR))
        .to.be.revertedWithCustomError(gate, "GateDirectTradePenalised")
        .withArgs(pairAddress, false, 300n, g);
      // with a zero output (inside the deadband, integral leaked away) both directions pass
      await regime.set(false, -wad(400n), 0n);
      await token.connect(alice).transfer(pairAddress, CAESAR);
      // an output under 1 bps is no penalty (level 0): passes too
      await regime.set(false, -wad(400n), -(wad(1n) - 1n));
      await token.connect(alice).transfer(pairAddress, CAESAR);
    });

    it("the admin sets and removes the gate (made exempt); others cannot", async () => {
      const f = await loadFixture(gateFixture);
      const { token, admin, alice, regime, pairAddress, dave } = f;
      await expect(token.connect(alice).setStabilityGate(dave.address)).to.be.revertedWithCustomError(
        token,
        "AccessControlUnauthorizedAccount",
      );
      await expect(token.connect(admin).setStabilityGate(dave.address))
        .to.emit(token, "StabilityGateChanged")
        .withArgs(dave.address);
      expect(await token.kindOf(dave.address)).to.equal(1n);
      expect(await token.stabilityGate()).to.equal(dave.address);
      await token.connect(admin).setStabilityGate(ethers.ZeroAddress);
      await regime.set(false, -wad(5_000n), -wad(300n));
      await token.connect(alice).transfer(pairAddress, CAESAR); // no gate: unchecked
    });
  });

  describe("pause and exit", () => {
    it("the guardian pauses the stabilizer (neutral: no queue, no check), never the token", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, regime, guardian, alice, token, pairAddress } = f;
      await expect(gate.connect(alice).setPaused(true)).to.be.revertedWithCustomError(
        gate,
        "AccessControlUnauthorizedAccount",
      );
      await expect(gate.connect(guardian).setPaused(true)).to.emit(gate, "GatePaused").withArgs(guardian.address, true);
      await expect(gate.connect(guardian).setPaused(true))
        .to.be.revertedWithCustomError(gate, "GatePauseUnchanged")
        .withArgs(true);
      expect(await gate.paused()).to.equal(true);
      await regime.set(false, wad(3_000n), wad(500n));
      await expect(gate.connect(alice).buy(100n * CAESAR, 0n, DEADLINE))
        .to.emit(gate, "GateTraded")
        .withArgs(alice.address, true, 100n * CAESAR, (v: bigint) => v > 0n, 0n, 0n, 0n);
      await token.quoteTransfer(pairAddress, alice.address, CAESAR);
      await gate.connect(guardian).setPaused(false);
      await expect(token.quoteTransfer(pairAddress, alice.address, CAESAR)).to.be.revertedWithCustomError(
        gate,
        "GateDirectTradeRefused",
      );
      // a paused controller is neutral too
      await regime.set(true, wad(3_000n), wad(500n));
      await token.quoteTransfer(pairAddress, alice.address, CAESAR);
    });

    it("the asset registry's stabilizer pause of CAESAR's asset makes the gate neutral too (admin wires it)", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, regime, admin, alice, token, pairAddress } = f;
      const flags = await ethers.deployContract("MockAssetPauseFlags");
      const a = await flags.getAddress();
      await expect(gate.connect(alice).setAssetGate(a, 1n)).to.be.revertedWithCustomError(
        gate,
        "AccessControlUnauthorizedAccount",
      );
      expect(await gate.assetGate()).to.deep.equal([ethers.ZeroAddress, 0n]);
      await expect(gate.connect(admin).setAssetGate(a, 1n)).to.emit(gate, "AssetGateChanged").withArgs(a, 1n);
      expect(await gate.assetGate()).to.deep.equal([a, 1n]);
      await regime.set(false, wad(3_000n), wad(500n));
      await expect(token.quoteTransfer(pairAddress, alice.address, CAESAR)).to.be.revertedWithCustomError(
        gate,
        "GateDirectTradeRefused",
      );
      await flags.set(1n, true, false); // processing paused only: the stabilizer still runs
      await expect(token.quoteTransfer(pairAddress, alice.address, CAESAR)).to.be.revertedWithCustomError(
        gate,
        "GateDirectTradeRefused",
      );
      await flags.set(2n, false, true); // another asset's stabilizer: not CAESAR's
      await expect(token.quoteTransfer(pairAddress, alice.address, CAESAR)).to.be.revertedWithCustomError(
        gate,
        "GateDirectTradeRefused",
      );
      await flags.set(1n, false, true);
      await token.quoteTransfer(pairAddress, alice.address, CAESAR);
      await expect(gate.connect(alice).buy(100n * CAESAR, 0n, DEADLINE))
        .to.emit(gate, "GateTraded")
        .withArgs(alice.address, true, 100n * CAESAR, (v: bigint) => v > 0n, 0n, 0n, 0n);
      await expect(gate.connect(admin).setAssetGate(ethers.ZeroAddress, 0n))
        .to.emit(gate, "AssetGateChanged")
        .withArgs(ethers.ZeroAddress, 0n);
      await expect(token.quoteTransfer(pairAddress, alice.address, CAESAR)).to.be.revertedWithCustomError(
        gate,
        "GateDirectTradeRefused",
      );
    });

    it("a holder always exits by a wallet transfer, whatever the price does (FEI)", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, regime, alice, bob, carol, token } = f;
      for (const [dev, out] of [
        [wad(50_000n), wad(1_000n)],
        [-wad(9_900n), -wad(1_000n)],
        [wad(2_500n), wad(1_000n)],
      ] as const) {
        await regime.set(false, dev, out);
        await gate.poke();
        await token.connect(alice).transfer(bob.address, 10n * CAESAR);
      }
      expect((await gate.breaker())[0]).to.equal(true);
      await token.connect(alice).transferAll(carol.address);
      expect(await token.balanceOf(alice.address)).to.equal(0n);
    });
  });

  describe("checks and reserve", () => {
    it("refuses a zero amount, a passed deadline, a short output", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, alice } = f;
      await expect(gate.connect(alice).buy(0n, 0n, DEADLINE)).to.be.revertedWithCustomError(gate, "GateZeroAmount");
      const now = BigInt(await time.latest());
      await time.setNextBlockTimestamp(now + 10n);
      await expect(gate.connect(alice).sell(CAESAR, 0n, now + 9n))
        .to.be.revertedWithCustomError(gate, "GateDeadlinePassed")
        .withArgs(now + 9n, now + 10n);
      const [rc, rq] = await reserves(f);
      const out = amountOut(CAESAR, rq, rc);
      await expect(gate.connect(alice).buy(CAESAR, out + 1n, DEADLINE))
        .to.be.revertedWithCustomError(gate, "GateSlippage")
        .withArgs(out, out + 1n);
    });

    it("the admin withdraws the reserve, never the escrow", async () => {
      const f = await loadFixture(gateFixture);
      const { gate, regime, admin, alice, token, dave } = f;
      await regime.set(false, -wad(1_200n), -wad(300n));
      await gate.connect(alice).sell(500n * CAESAR, 0n, DEADLINE);
      const c = await token.getAddress();
      await expect(gate.connect(admin).withdrawReserve(c, dave.address, GATE_RESERVE + 1n))
        .to.be.revertedWithCustomError(gate, "GateReserveShort")
        .withArgs(c, GATE_RESERVE + 1n, GATE_RESERVE);
      await expect(gate.connect(admin).withdrawReserve(c, ethers.ZeroAddress, 1n)).to.be.revertedWithCustomError(
        gate,
        "GateZeroAddress",
      );
      await expect(gate.connect(alice).withdrawReserve(c, alice.address, 1n)).to.be.revertedWithCustomError(
        gate,
        "AccessControlUnauthorizedAccount",
      );
      await expect(gate.connect(admin).withdrawReserve(c, dave.address, GATE_RESERVE))
        .to.emit(gate, "ReserveWithdrawn")
        .withArgs(c, dave.address, GATE_RESERVE);
      expect(await gate.reserves()).to.deep.equal([0n, 0n]);
      expect(await token.balanceOf(await gate.getAddress())).to.equal(500n * CAESAR);
    });

    it("checks its constructor: no zero address, a pair that trades CAESAR", async () => {
      const f = await loadFixture(gateFixture);
      const { token, registry, regime, admin, factory, usd, weth, pairAddress } = f;
      const args = [
        await token.getAddress(),
        pairAddress,
        await regime.getAddress(),
        await registry.getAddress(),
        admin.address,
      ];
      const G = await ethers.getContractFactory("StabilityGate");
      for (let i = 0; i < args.length; i++) {
        const bad = [...args];
        bad[i] = ethers.ZeroAddress;
        await expect(G.deploy(...(bad as [string, string, string, string, string]))).to.be.revertedWithCustomError(
          G,
          "GateZeroAddress",
        );
      }
      await (await factory.createPair(await usd.getAddress(), await weth.getAddress())).wait();
      const other = (await factory.getPair(await usd.getAddress(), await weth.getAddress())) as string;
      const bad = [...args];
      bad[1] = other;
      await expect(G.deploy(...(bad as [string, string, string, string, string])))
        .to.be.revertedWithCustomError(G, "GateNotThePair")
        .withArgs(other);
    });
  });
});
