import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { IERC20 } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/IERC20";
import type { StaticVotesWrapper } from "../../typechain-types/contracts/tokens/StaticVotesWrapper";
import type { StaticWrapperContext, StaticWrapperOptions } from "./context";

/** The wrapper's share math, mirrored to the wei (contracts/tokens/StaticVotesWrapper.sol, design comment). */
export class WrapperMath {
  readonly virtualShares: bigint;
  constructor(offset: bigint) {
    this.virtualShares = 10n ** offset;
  }
  /** shares = assets * (S + V) / (A + 1), rounded down (deposit, convertToShares). */
  toSharesDown(assets: bigint, totalAssets: bigint, supply: bigint): bigint {
    return (assets * (supply + this.virtualShares)) / (totalAssets + 1n);
  }
  /** The same, rounded up (withdraw). */
  toSharesUp(assets: bigint, totalAssets: bigint, supply: bigint): bigint {
    return ceilDiv(assets * (supply + this.virtualShares), totalAssets + 1n);
  }
  /** assets = shares * (A + 1) / (S + V), rounded down (redeem, convertToAssets). */
  toAssetsDown(shares: bigint, totalAssets: bigint, supply: bigint): bigint {
    return (shares * (totalAssets + 1n)) / (supply + this.virtualShares);
  }
  /** The same, rounded up (mint). */
  toAssetsUp(shares: bigint, totalAssets: bigint, supply: bigint): bigint {
    return ceilDiv(shares * (totalAssets + 1n), supply + this.virtualShares);
  }
}

const ceilDiv = (a: bigint, b: bigint) => (a === 0n ? 0n : (a - 1n) / b + 1n);
const E18 = 10n ** 18n;

type Ctx = StaticWrapperContext<StaticVotesWrapper, IERC20>;

/** The wrapper's totals (A, S) as the math sees them. */
async function totals(c: Ctx): Promise<[bigint, bigint]> {
  return [await c.wrapper.totalAssets(), await c.wrapper.totalSupply()];
}

/** What `to`'s underlying balance grows by on a transfer of `amount` now (the context's mirror, else `amount`). */
async function received(c: Ctx, to: string, amount: bigint): Promise<bigint> {
  return c.received ? c.received(to, amount) : amount;
}

/**
 * A static (non-rebasing) ERC-4626 voting wrapper over a rebasing underlying, to the wei: round trips, shares and
 * votes untouched by rebases, assets per share following them, rounding in the wrapper's favour on all four entry
 * points, a donation before the first deposit stealing nothing, and custom errors for zero amounts and addresses.
 * A demurrage underlying (CAESAR: test/caesar/CaesarToken.behaviors.test.ts) runs the same tests with
 * `options.rises` false (every lever a fall) and its context's `received` / `heldNow` mirrors of its rounding, so
 * each expectation stays exact to the wei instead of being skipped.
 */
export function shouldBehaveLikeStaticWrapper(factory: () => Promise<Ctx>, options: StaticWrapperOptions = {}): void {
  /** The rebase lever the behaviour pulls for `bps`: the same, or a fall of the same size when nothing rises. */
  const lever = (bps: bigint) => (options.rises === false && bps > 0n ? -bps : bps);
  /** What an account credited `amount` before the first rebase holds now (`scaled`: the mock's exact product). */
  const heldNow = async (c: Ctx, amount: bigint, scaled: bigint) => (c.heldNow ? c.heldNow(amount) : scaled);

  describe("behaves like a static voting wrapper of a rebasing token", () => {
    /** The factory plus 1,000 underlying deposited by `holder`, and `other` funded with 500 (not deposited). */
    async function deposited() {
      const c = await loadFixture(factory);
      const math = new WrapperMath(c.offset);
      await c.fund(c.holder, 1_000n * E18);
      await c.fund(c.other, 500n * E18);
      await c.wrapper.connect(c.holder).deposit(1_000n * E18, c.holder.address);
      return { ...c, math, wrapperAddr: await c.wrapper.getAddress() };
    }

    describe("deposit and redeem", () => {
      it("mints floor(assets * (S + V) / (A + 1)) shares, pulls the assets and emits Deposit", async () => {
        const c = await deposited();
        await c.rebase(lever(333n)); // an inexact ratio
        const [A, S] = await totals(c);
        const assets = 123n * E18 + 7n;
        const shares = c.math.toSharesDown(assets, A, S);
        // The shares follow the assets pulled; the wrapper's balance grows by what the underlying credits it.
        const credited = await received(c, c.wrapperAddr, assets);
        await expect(c.wrapper.connect(c.other).deposit(assets, c.third.address))
          .to.emit(c.wrapper, "Deposit")
          .withArgs(c.other.address, c.third.address, assets, shares)
          .and.to.emit(c.underlying, "Transfer")
          .withArgs(c.other.address, c.wrapperAddr, credited);
        expect(await c.wrapper.balanceOf(c.third.address)).to.equal(shares);
        expect(await c.wrapper.totalAssets()).to.equal(A + credited);
        expect(await c.underlying.balanceOf(c.wrapperAddr)).to.equal(A + credited);
      });

      it("returns exactly the deposit on the first round trip (no rebase)", async () => {
        const c = await deposited();
        const shares = await c.wrapper.balanceOf(c.holder.address);
        expect(shares).to.equal(1_000n * E18 * c.math.virtualShares);
        const before = await c.underlying.balanceOf(c.holder.address);
        await expect(c.wrapper.connect(c.holder).redeem(shares, c.holder.address, c.holder.address))
          .to.emit(c.wrapper, "Withdraw")
          .withArgs(c.holder.address, c.holder.address, c.holder.address, 1_000n * E18, shares);
        expect((await c.underlying.balanceOf(c.holder.address)) - before).to.equal(1_000n * E18);
        expect(await c.wrapper.totalSupply()).to.equal(0n);
      });

      it("never pays a round trip more than it took, and loses less than one share's worth plus 1 wei", async () => {
        const c = await deposited();
        await c.rebase(lever(-777n));
        const [A, S] = await totals(c);
        const assets = 99n * E18 + 12_345n;
        const shares = c.math.toSharesDown(assets, A, S);
        const creditedIn = await received(c, c.wrapperAddr, assets);
        await c.wrapper.connect(c.other).deposit(assets, c.other.address);
        const expected = c.math.toAssetsDown(shares, A + creditedIn, S + shares);
        const before = await c.underlying.balanceOf(c.other.address);
        const creditedOut = await received(c, c.other.address, expected);
        await expect(c.wrapper.connect(c.other).redeem(shares, c.other.address, c.other.address))
          .to.emit(c.wrapper, "Withdraw")
          .withArgs(c.other.address, c.other.address, c.other.address, expected, shares);
        const back = (await c.underlying.balanceOf(c.other.address)) - before;
        expect(back).to.equal(creditedOut);
        expect(back).to.be.at.most(assets);
        // assets - back < (A + 1) / (S + V) + 1, plus the underlying's own rounding on the two legs (0 for a plain
        // rebasing token; a demurrage token credits each leg up to 1 wei short).
        const legs = assets - creditedIn + (expected - creditedOut);
        expect((assets - back - 1n - legs) * (S + c.math.virtualShares)).to.be.lessThan(A + 1n);
      });
    });

    describe("given the underlying rebases", () => {
      it("leaves every share balance and the share supply unchanged, up and down", async () => {
        const c = await deposited();
        const [shares, supply] = [await c.wrapper.balanceOf(c.holder.address), await c.wrapper.totalSupply()];
        for (const bps of [500n, -300n, -2_500n, 1_234n]) {
          await c.rebase(lever(bps));
          expect(await c.wrapper.balanceOf(c.holder.address)).to.equal(shares);
          expect(await c.wrapper.totalSupply()).to.equal(supply);
        }
      });

      it("makes totalAssets the wrapper's own underlying balance, so the wrapper pays the rebase or decay", async () => {
        const c = await deposited();
        await c.rebase(lever(1_000n)); // +10% (or -10% where nothing rises)
        expect(await c.wrapper.totalAssets()).to.equal(await heldNow(c, 1_000n * E18, 1_100n * E18));
        await c.rebase(lever(-5_000n)); // -50% (a decay)
        expect(await c.wrapper.totalAssets()).to.equal(await heldNow(c, 1_000n * E18, 550n * E18));
        expect(await c.wrapper.totalAssets()).to.equal(await c.underlying.balanceOf(c.wrapperAddr));
      });

      it("makes assets per share follow the rebase: a redeem after +10% then -50% pays the floor formula", async () => {
        const c = await deposited();
        await c.rebase(lever(1_000n));
        await c.rebase(lever(-5_000n));
        const shares = await c.wrapper.balanceOf(c.holder.address);
        const [A, S] = await totals(c);
        const expected = c.math.toAssetsDown(shares, A, S);
        expect(await c.wrapper.convertToAssets(shares)).to.equal(expected);
        expect(await c.wrapper.previewRedeem(shares)).to.equal(expected);
        // The lone holder gets all of A: the virtual share's part rounds away.
        expect(expected).to.equal(await heldNow(c, 1_000n * E18, 550n * E18));
        expect(expected).to.equal(A);
        await expect(c.wrapper.connect(c.holder).redeem(shares, c.holder.address, c.holder.address))
          .to.emit(c.wrapper, "Withdraw")
          .withArgs(c.holder.address, c.holder.address, c.holder.address, expected, shares);
      });
    });

    it("lets an address that never deposited redeem shares it received by transfer, at the floor formula", async () => {
      const c = await deposited();
      const shares = (await c.wrapper.balanceOf(c.holder.address)) / 4n;
      await c.wrapper.connect(c.holder).transfer(c.third.address, shares);
      await c.rebase(lever(-2_500n)); // -25% (a decay) after the transfer
      const [A, S] = await totals(c);
      const expected = c.math.toAssetsDown(shares, A, S);
      const before = await c.underlying.balanceOf(c.third.address);
      const credited = await received(c, c.third.address, expected);
      await expect(c.wrapper.connect(c.third).redeem(shares, c.third.address, c.third.address))
        .to.emit(c.wrapper, "Withdraw")
        .withArgs(c.third.address, c.third.address, c.third.address, expected, shares);
      expect((await c.underlying.balanceOf(c.third.address)) - before).to.equal(credited);
      expect(await c.wrapper.balanceOf(c.third.address)).to.equal(0n);
    });

    describe("votes", () => {
      it("equal shares after delegation and do not move on rebases", async () => {
        const c = await deposited();
        const shares = await c.wrapper.balanceOf(c.holder.address);
        await expect(c.wrapper.connect(c.holder).delegate(c.third.address))
          .to.emit(c.wrapper, "DelegateVotesChanged")
          .withArgs(c.third.address, 0n, shares);
        expect(await c.wrapper.getVotes(c.third.address)).to.equal(shares);
        await c.rebase(lever(2_000n));
        expect(await c.wrapper.getVotes(c.third.address)).to.equal(shares);
        await c.rebase(lever(-4_000n));
        expect(await c.wrapper.getVotes(c.third.address)).to.equal(shares);
        expect(await c.wrapper.getVotes(c.third.address)).to.equal(await c.wrapper.balanceOf(c.holder.address));
      });

      it("follow deposits and redeems of a delegating holder exactly", async () => {
        const c = await deposited();
        await c.wrapper.connect(c.other).delegate(c.other.address);
        await c.rebase(lever(250n));
        const [A, S] = await totals(c);
        const shares = c.math.toSharesDown(100n * E18, A, S);
        await c.wrapper.connect(c.other).deposit(100n * E18, c.other.address);
        expect(await c.wrapper.getVotes(c.other.address)).to.equal(shares);
        await c.wrapper.connect(c.other).redeem(shares / 3n, c.other.address, c.other.address);
        expect(await c.wrapper.getVotes(c.other.address)).to.equal(shares - shares / 3n);
      });
    });

    describe("rounding favours the wrapper", () => {
      /** The first amount from `from` up whose conversion does not divide exactly (so the rounding shows). */
      function inexact(from: bigint, num: bigint, den: bigint): bigint {
        let x = from;
        while ((x * num) % den === 0n) x += 1n;
        return x;
      }

      it("rounds deposit and redeem down, mint and withdraw up, on an inexact ratio", async () => {
        const c = await deposited();
        await c.rebase(lever(333n));
        const [A, S] = await totals(c);
        const V = c.math.virtualShares;
        const x = inexact(10n ** 18n + 1n, S + V, A + 1n);
        const down = c.math.toSharesDown(x, A, S);
        expect(c.math.toSharesUp(x, A, S)).to.equal(down + 1n);
        expect(await c.wrapper.previewDeposit(x)).to.equal(down);
        expect(await c.wrapper.convertToShares(x)).to.equal(down);
        expect(await c.wrapper.previewWithdraw(x)).to.equal(down + 1n);
        const y = inexact(10n ** 18n * V + 1n, A + 1n, S + V);
        const assetsDown = c.math.toAssetsDown(y, A, S);
        expect(c.math.toAssetsUp(y, A, S)).to.equal(assetsDown + 1n);
        expect(await c.wrapper.previewRedeem(y)).to.equal(assetsDown);
        expect(await c.wrapper.convertToAssets(y)).to.equal(assetsDown);
        expect(await c.wrapper.previewMint(y)).to.equal(assetsDown + 1n);
      });

      it("charges the rounded-up assets on mint and burns the rounded-up shares on withdraw", async () => {
        const c = await deposited();
        await c.rebase(lever(333n));
        const [A, S] = await totals(c);
        const V = c.math.virtualShares;
        const y = inexact(100n * E18 * V + 1n, A + 1n, S + V);
        const cost = c.math.toAssetsUp(y, A, S);
        expect(cost).to.equal(c.math.toAssetsDown(y, A, S) + 1n);
        await expect(c.wrapper.connect(c.other).mint(y, c.other.address))
          .to.emit(c.wrapper, "Deposit")
          .withArgs(c.other.address, c.other.address, cost, y);
        const [A2, S2] = await totals(c);
        const x = inexact(10n ** 17n + 3n, S2 + V, A2 + 1n);
        const burned = c.math.toSharesUp(x, A2, S2);
        expect(burned).to.equal(c.math.toSharesDown(x, A2, S2) + 1n);
        await expect(c.wrapper.connect(c.other).withdraw(x, c.other.address, c.other.address))
          .to.emit(c.wrapper, "Withdraw")
          .withArgs(c.other.address, c.other.address, c.other.address, x, burned);
        expect(await c.wrapper.balanceOf(c.other.address)).to.equal(y - burned);
      });
    });

    describe("given a donation before the first deposit (inflation attack)", () => {
      it("leaves the attacker who deposited 1 wei and donated with less than it spent", async () => {
        const c = await loadFixture(factory);
        const math = new WrapperMath(c.offset);
        const wrapperAddr = await c.wrapper.getAddress();
        const donation = 1_000n * E18;
        await c.fund(c.other, donation + 1n);
        await c.fund(c.holder, 1_000n * E18);
        await c.wrapper.connect(c.other).deposit(1n, c.other.address);
        await c.underlying.connect(c.other).transfer(wrapperAddr, donation);
        const [A, S] = await totals(c);
        const victimShares = math.toSharesDown(1_000n * E18, A, S);
        await c.wrapper.connect(c.holder).deposit(1_000n * E18, c.holder.address);
        const attackerShares = await c.wrapper.balanceOf(c.other.address);
        const [A2, S2] = await totals(c);
        const attackerOut = math.toAssetsDown(attackerShares, A2, S2);
        expect(await c.wrapper.previewRedeem(attackerShares)).to.equal(attackerOut);
        expect(attackerOut).to.be.lessThan(donation + 1n);
        // The victim's claim, exact to the wei, is at least what the attacker gained back.
        const victimOut = math.toAssetsDown(victimShares, A2, S2);
        expect(await c.wrapper.previewRedeem(await c.wrapper.balanceOf(c.holder.address))).to.equal(victimOut);
        expect(donation + 1n - attackerOut).to.be.at.least(1_000n * E18 - victimOut);
      });

      it("rejects a deposit too small to mint one share instead of taking it (StaticWrapperZeroAmount)", async () => {
        const c = await loadFixture(factory);
        const wrapperAddr = await c.wrapper.getAddress();
        const donation = options.hugeDonation ?? 10n ** 30n;
        await c.fund(c.other, donation);
        await c.fund(c.holder, 1n);
        await c.underlying.connect(c.other).transfer(wrapperAddr, donation);
        await expect(c.wrapper.connect(c.holder).deposit(1n, c.holder.address))
          .to.be.revertedWithCustomError(c.wrapper, "StaticWrapperZeroAmount")
          .withArgs(1n, 0n);
        expect(await c.underlying.balanceOf(c.holder.address)).to.equal(1n);
      });
    });

    describe("when an amount or an address is zero", () => {
      it("rejects zero deposit, mint, withdraw and redeem with StaticWrapperZeroAmount(0, 0)", async () => {
        const c = await deposited();
        const w = c.wrapper.connect(c.holder);
        const h = c.holder.address;
        // One call at a time: a call started before the previous one is awaited rejects unobserved.
        for (const call of [
          () => w.deposit(0n, h),
          () => w.mint(0n, h),
          () => w.withdraw(0n, h, h),
          () => w.redeem(0n, h, h),
        ]) {
          await expect(call()).to.be.revertedWithCustomError(c.wrapper, "StaticWrapperZeroAmount").withArgs(0n, 0n);
        }
      });

      it("rejects a redeem too small to pay one wei with StaticWrapperZeroAmount(0, shares)", async () => {
        const c = await deposited();
        await c.rebase(lever(-5_000n));
        await expect(c.wrapper.connect(c.holder).redeem(1n, c.holder.address, c.holder.address))
          .to.be.revertedWithCustomError(c.wrapper, "StaticWrapperZeroAmount")
          .withArgs(0n, 1n);
      });

      it("rejects the zero receiver with StaticWrapperZeroAddress", async () => {
        const c = await deposited();
        const w = c.wrapper.connect(c.holder);
        const [z, h] = [ethers.ZeroAddress, c.holder.address];
        for (const call of [
          () => w.deposit(1n * E18, z),
          () => w.mint(1n * E18, z),
          () => w.withdraw(1n, z, h),
          () => w.redeem(c.math.virtualShares * 10n, z, h),
        ]) {
          await expect(call()).to.be.revertedWithCustomError(c.wrapper, "StaticWrapperZeroAddress");
        }
      });
    });
  });
}
