import { expect } from "chai";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { deployCaesarWith, deployWCaesar, CAESAR, type CaesarFixture } from "../fixtures";
import { toAmountDown, toBaseDown } from "../../../sdk/caesar/core/demurrage";
import { runModel } from "../../helpers/fc";
import { CAESAR_INVARIANTS as INV } from "./spec";
import { expectCaught, steadyDay, warps, type WarpCmd } from "./campaign";
import { eventArgs } from "../../../sdk/kit/chain/events";
import type { CaesarToken, StaticVotesWrapper } from "../../../typechain-types";
import { DAY_S as DAY } from "../../helpers/units";

/**
 * Stateful campaign over wCAESAR, the kit's StaticVotesWrapper holding users' CAESAR (FeeFree: it decays, it pays
 * no fee), with the catalogue's fees on and time jumps of an hour to two years: deposits, mints, withdrawals,
 * redeems (each also above what is possible), share transfers and wrap-unwrap round trips. Shares are modelled
 * exactly; after every command the wrapper's CAESAR decays like any balance, covers what every holder can redeem,
 * and every conversion moved exactly its preview; at the end everyone redeems and only rounding dust stays. The
 * canary (LeakyCaesarWrapper: shares converted to CAESAR rounded up) must be caught.
 */

interface Model {
  shares: Map<string, bigint>;
  ops: bigint; // conversions so far: each may leave at most 1 wei of rounding in the wrapper
}

interface Real {
  f: CaesarFixture;
  token: CaesarToken;
  w: StaticVotesWrapper;
  addr: string;
  who: HardhatEthersSigner[];
}

function deployWith(contract: string) {
  return async function wrapperCampaign() {
    const f = await deployCaesarWith();
    const w = await deployWCaesar(f, contract);
    for (const s of [f.alice, f.bob, f.carol]) await f.token.connect(s).approve(await w.getAddress(), 2n ** 255n);
    return { f, w };
  };
}
const honest = deployWith("StaticVotesWrapper");
const leaky = deployWith("LeakyCaesarWrapper");
const depositRoundsUp = deployWith("BadStaticWrapper"); // the kit's canary: deposits round shares up

const VIRTUAL = 1_000n; // 10^offset virtual shares, one virtual asset (StaticVotesWrapper's design note)

/** The wrapper's documented conversions at A = totalAssets, S = totalSupply, rounded in the wrapper's favour. */
async function conversions(r: Real) {
  const [A, S] = await Promise.all([r.w.totalAssets(), r.w.totalSupply()]);
  const down = (x: bigint, num: bigint, den: bigint) => (x * num) / den;
  const up = (x: bigint, num: bigint, den: bigint) => (x * num + den - 1n) / den;
  return {
    deposit: (assets: bigint) => down(assets, S + VIRTUAL, A + 1n), // shares minted
    mint: (shares: bigint) => up(shares, A + 1n, S + VIRTUAL), // assets pulled
    withdraw: (assets: bigint) => up(assets, S + VIRTUAL, A + 1n), // shares burned
    redeem: (shares: bigint) => down(shares, A + 1n, S + VIRTUAL), // assets paid
  };
}

const sharesOf = (m: Model, a: string) => m.shares.get(a) ?? 0n;

async function checkAll(m: Model, r: Real) {
  const [assets, balance, base, idx, supply] = await Promise.all([
    r.w.totalAssets(),
    r.token.balanceOf(r.addr),
    r.token.baseOf(r.addr),
    r.token.index(),
    r.w.totalSupply(),
  ]);
  expect([assets, balance], `${INV.CAESAR_WRAPPER_DECAY}: base ${base}`).to.deep.equal([
    toAmountDown(base, idx),
    toAmountDown(base, idx),
  ]);
  let redeemable = 0n;
  let total = 0n;
  for (const h of r.who) {
    const s = sharesOf(m, h.address);
    expect(await r.w.balanceOf(h.address), INV.CAESAR_WRAPPER_SHARES).to.equal(s);
    redeemable += await r.w.previewRedeem(s);
    total += s;
  }
  expect(supply, INV.CAESAR_WRAPPER_SHARES).to.equal(total);
  expect(redeemable <= assets, `${INV.CAESAR_WRAPPER_SOLVENT}: ${redeemable} > ${assets}`).to.equal(true);
}

type Cmd = fc.AsyncCommand<Model, Real>;

/** Deposit (assets) or mint (shares) by holder `i`; `pick` in millionths of what the balance allows, above 1e6 too much. */
class WrapCmd implements Cmd {
  constructor(
    readonly i: number,
    readonly byShares: boolean,
    readonly pick: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const h = r.who[this.i];
    await steadyDay(r.token);
    const [balance, idx, wBase] = await Promise.all([
      r.token.balanceOf(h.address),
      r.token.index(),
      r.token.baseOf(r.addr),
    ]);
    const conv = await conversions(r);
    const maxShares = conv.deposit(balance);
    const amount = ((this.byShares ? maxShares : balance) * this.pick) / 1_000_000n;
    const assets = this.byShares ? conv.mint(amount) : amount;
    const shares = this.byShares ? amount : conv.deposit(amount);
    const call = () =>
      this.byShares ? r.w.connect(h).mint(amount, h.address) : r.w.connect(h).deposit(amount, h.address);
    if (assets === 0n || shares === 0n) {
      await expect(call()).to.be.revertedWithCustomError(r.w, "StaticWrapperZeroAmount").withArgs(assets, shares);
      return;
    }
    if (assets > balance) {
      await expect(call())
        .to.be.revertedWithCustomError(r.token, "ERC20InsufficientBalance")
        .withArgs(h.address, balance, assets);
      return;
    }
    const e = eventArgs((await (await call()).wait())!, r.w.interface, "Deposit");
    expect([e.assets, e.shares], INV.CAESAR_WRAPPER_EXACT).to.deep.equal([assets, shares]);
    expect((await r.token.baseOf(r.addr)) - wBase, INV.CAESAR_WRAPPER_EXACT).to.equal(toBaseDown(assets, idx));
    m.shares.set(h.address, sharesOf(m, h.address) + shares);
    m.ops++;
  }
  toString = () => `${this.byShares ? "mint" : "deposit"}(${this.i}, ${this.pick}/1e6)`;
}

/** Redeem (shares) or withdraw (assets) by holder `i`; `pick` in millionths of what it holds, above 1e6 too much. */
class UnwrapCmd implements Cmd {
  constructor(
    readonly i: number,
    readonly byAssets: boolean,
    readonly pick: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const h = r.who[this.i];
    await steadyDay(r.token);
    const held = sharesOf(m, h.address);
    const [idx, hBase, maxAssets] = await Promise.all([
      r.token.index(),
      r.token.baseOf(h.address),
      r.w.maxWithdraw(h.address),
    ]);
    const amount = ((this.byAssets ? maxAssets : held) * this.pick) / 1_000_000n;
    // The expected conversion is read before anything is sent, and the transaction is sent only where it is awaited.
    const conv = await conversions(r);
    const c = r.w.connect(h);
    const call = () =>
      this.byAssets ? c.withdraw(amount, h.address, h.address) : c.redeem(amount, h.address, h.address);
    if (this.byAssets && amount > maxAssets) {
      await expect(call())
        .to.be.revertedWithCustomError(r.w, "ERC4626ExceededMaxWithdraw")
        .withArgs(h.address, amount, maxAssets);
      return;
    }
    if (!this.byAssets && amount > held) {
      await expect(call())
        .to.be.revertedWithCustomError(r.w, "ERC4626ExceededMaxRedeem")
        .withArgs(h.address, amount, held);
      return;
    }
    const assets = this.byAssets ? amount : conv.redeem(amount);
    const shares = this.byAssets ? conv.withdraw(amount) : amount;
    if (assets === 0n || shares === 0n) {
      await expect(call()).to.be.revertedWithCustomError(r.w, "StaticWrapperZeroAmount").withArgs(assets, shares);
      return;
    }
    const e = eventArgs((await (await call()).wait())!, r.w.interface, "Withdraw");
    expect([e.assets, e.shares], INV.CAESAR_WRAPPER_EXACT).to.deep.equal([assets, shares]);
    expect((await r.token.baseOf(h.address)) - hBase, INV.CAESAR_WRAPPER_EXACT).to.equal(toBaseDown(assets, idx));
    m.shares.set(h.address, held - shares);
    m.ops++;
  }
  toString = () => `${this.byAssets ? "withdraw" : "redeem"}(${this.i}, ${this.pick}/1e6)`;
}

class RoundTripCmd implements Cmd {
  constructor(
    readonly i: number,
    readonly amount: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const h = r.who[this.i];
    if ((await r.token.balanceOf(h.address)) < this.amount) return;
    await steadyDay(r.token);
    const before = await r.token.balanceOf(h.address);
    const e = eventArgs(
      (await (await r.w.connect(h).deposit(this.amount, h.address)).wait())!,
      r.w.interface,
      "Deposit",
    );
    const back = eventArgs(
      (await (await r.w.connect(h).redeem(e.shares, h.address, h.address)).wait())!,
      r.w.interface,
      "Withdraw",
    );
    expect(back.assets <= this.amount, `${INV.CAESAR_WRAPPER_ROUNDTRIP}: ${back.assets} > ${this.amount}`).to.equal(
      true,
    );
    expect(before - (await r.token.balanceOf(h.address)) >= 0n, INV.CAESAR_WRAPPER_ROUNDTRIP).to.equal(true);
    m.ops += 2n;
  }
  toString = () => `roundTrip(${this.i}, ${this.amount})`;
}

class TransferSharesCmd implements Cmd {
  constructor(
    readonly i: number,
    readonly j: number,
    readonly pick: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const [from, to] = [r.who[this.i], r.who[this.j]];
    const amount = (sharesOf(m, from.address) * this.pick) / 1_000_000n;
    await r.w.connect(from).transfer(to.address, amount);
    m.shares.set(from.address, sharesOf(m, from.address) - amount);
    m.shares.set(to.address, sharesOf(m, to.address) + amount);
  }
  toString = () => `transferShares(${this.i} -> ${this.j}, ${this.pick}/1e6)`;
}

/** A time jump that also checks that time moved no base unit and no share. */
class CheckedWarpCmd implements Cmd {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    const base = await r.token.baseOf(r.addr);
    const supply = await r.w.totalSupply();
    await time.increase(this.seconds);
    expect(await r.token.baseOf(r.addr), `${INV.CAESAR_WRAPPER_DECAY}: time moves no base unit`).to.equal(base);
    expect(await r.w.totalSupply(), INV.CAESAR_WRAPPER_SHARES).to.equal(supply);
  }
  toString = () => `warp ${this.seconds}s`;
}

const who = fc.integer({ min: 0, max: 2 });
const pick = fc.oneof(fc.bigInt({ min: 0n, max: 1_000_000n }), fc.bigInt({ min: 0n, max: 1_100_000n }));
const commands = [
  fc.tuple(who, fc.boolean(), pick).map(([i, s, p]) => new WrapCmd(i, s, p) as Cmd),
  fc.tuple(who, fc.boolean(), fc.bigInt({ min: 0n, max: 100n })).map(([i, s, p]) => new WrapCmd(i, s, p) as Cmd),
  fc.tuple(who, fc.boolean(), pick).map(([i, a, p]) => new UnwrapCmd(i, a, p) as Cmd),
  fc.tuple(who, fc.boolean(), pick).map(([i, a, p]) => new UnwrapCmd(i, a, p) as Cmd),
  fc
    .tuple(who, fc.oneof(fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 1n, max: 10_000n * CAESAR })))
    .map(([i, a]) => new RoundTripCmd(i, a) as Cmd),
  fc.tuple(who, who, fc.bigInt({ min: 0n, max: 1_000_000n })).map(([i, j, p]) => new TransferSharesCmd(i, j, p) as Cmd),
  warps<Model, Real>().map((w) => new CheckedWarpCmd((w as WarpCmd<Model, Real>).seconds) as Cmd),
];

function campaign(fixture: typeof honest, fixed = false) {
  return runModel<Model, Real>({
    commands,
    defaults: { runs: 8, cmds: 30 },
    size: "max",
    fixed,
    setup: async () => {
      const { f, w } = await loadFixture(fixture);
      return {
        model: { shares: new Map(), ops: 0n },
        real: {
          f,
          token: f.token,
          w,
          addr: await w.getAddress(),
          who: [f.alice, f.bob, f.carol],
        },
      };
    },
    check: checkAll,
    exit: async (m, r) => {
      for (const h of r.who) {
        const s = sharesOf(m, h.address);
        if (s === 0n) continue;
        await steadyDay(r.token);
        const assets = (await conversions(r)).redeem(s);
        if (assets === 0n) continue; // worth nothing any more: redeem refuses to move 0 assets
        const e = eventArgs(
          (await (await r.w.connect(h).redeem(s, h.address, h.address)).wait())!,
          r.w.interface,
          "Withdraw",
        );
        expect(e.assets, INV.CAESAR_WRAPPER_EXACT).to.equal(assets);
        m.shares.set(h.address, 0n);
        m.ops++;
      }
      await checkAll(m, r);
      // What stays behind is rounding: at most 1 wei per conversion, plus the shares worth nothing.
      if ((await r.w.totalSupply()) === 0n) {
        const left = await r.w.totalAssets();
        expect(left <= m.ops + 1n, `${INV.CAESAR_WRAPPER_SOLVENT}: ${left} wei left`).to.equal(true);
      }
    },
  });
}

describe("wCAESAR invariants (StaticVotesWrapper over CAESAR, fast-check, time jumps of hours to years)", () => {
  it("holds CAESAR_WRAPPER_SHARES, CAESAR_WRAPPER_DECAY, CAESAR_WRAPPER_SOLVENT, CAESAR_WRAPPER_EXACT, CAESAR_WRAPPER_ROUNDTRIP", async () => {
    await campaign(honest);
  });

  it("catches the canary LeakyCaesarWrapper (shares converted to CAESAR rounded up)", async () => {
    await expectCaught(() => campaign(leaky, true), /CAESAR_WRAPPER_(SOLVENT|ROUNDTRIP|EXACT)/);
  });

  it("catches the kit's canary BadStaticWrapper (deposits round shares up) over CAESAR too", async () => {
    await expectCaught(() => campaign(depositRoundsUp, true), /CAESAR_WRAPPER_EXACT/);
  });
});
