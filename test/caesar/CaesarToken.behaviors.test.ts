import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { ERC20 } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/ERC20";
import type { ERC20Permit } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit";
import type { ERC20Votes } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes";
import type { CaesarToken, StaticVotesWrapper } from "../../typechain-types";
import type { IERC20 } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/IERC20";
import type { StaticWrapperContext, TokenContext, TokenFactory } from "../behaviors/context";
import { shouldBehaveLikeERC20 } from "../behaviors/erc20.behavior";
import { shouldBehaveLikePermit } from "../behaviors/permit.behavior";
import { shouldBehaveLikeVotes } from "../behaviors/votes.behavior";
import { shouldBehaveLikeStaticWrapper } from "../behaviors/staticWrapper.behavior";
import {
  caesarDefaults,
  caesarDemurrageOnly,
  deployWCaesar,
  FEE_FREE,
  caesarPlain,
  ALICE_GENESIS,
  CAESAR,
  GENESIS_SUPPLY,
  type CaesarFixture,
} from "./fixtures";
import { BPS, caesarDefault, dailyFactor, indexAfter, toAmountDown, toBaseDown, WAD } from "../../sdk/caesar/core";
import { WRAPPER_DECIMALS_OFFSET } from "../../deploy/caesar/votes";
import { DAY } from "../helpers/units";

/**
 * The shared token behaviours against CaesarToken (demurrage-aware: with fees and demurrage at zero, and with
 * demurrage on at genesis, where the index is exactly 1.0), the demurrage behaviours that replace the plain
 * ERC-20's "balances change only on transfer", and the kit StaticVotesWrapper over CAESAR (FeeFree kind: it
 * decays, its deposits and redeems are exact).
 */

function asToken(fixture: () => Promise<CaesarFixture>) {
  return async function caesarUnderTest(): Promise<TokenContext<CaesarToken>> {
    const f = await fixture();
    return { token: f.token, holder: f.alice, holderBalance: ALICE_GENESIS, other: f.dave, third: f.others[0] };
  };
}
const plainToken = asToken(caesarPlain);
const decayingToken = asToken(caesarDemurrageOnly);
const through = <T>(f: () => Promise<TokenContext<CaesarToken>>) => f as unknown as TokenFactory<T>;

/** The wrapper over a decaying CAESAR (no fees), registered FeeFree, Alice approved for everything. */
async function wrapped() {
  const f = await caesarDemurrageOnly();
  const wrapper = await deployWCaesar(f);
  for (const s of [f.alice, f.bob]) await f.token.connect(s).approve(await wrapper.getAddress(), ethers.MaxUint256);
  return { ...f, wrapper };
}

/** Wrapper shares as a token: Alice deposited 1,000 CAESAR at genesis (index 1.0). */
async function wrapperShares(): Promise<TokenContext<StaticVotesWrapper>> {
  const f = await wrapped();
  await f.wrapper.connect(f.alice).deposit(1_000n * CAESAR, f.alice.address);
  return {
    token: f.wrapper,
    holder: f.alice,
    holderBalance: 1_000n * CAESAR * 1_000n,
    other: f.dave,
    third: f.others[0],
  };
}

/** The catalogue's daily demurrage factor (1% per 30 days). */
const DEFAULT_DAILY = dailyFactor(caesarDefault("caesar.token.demurrageBps"));

/**
 * wCAESAR as the preset deploys it (deployWCaesar: the kit StaticVotesWrapper, offset 3, set FeeFree)
 * over CAESAR at the catalogue defaults, so both the transfer fee and demurrage are on. The levers:
 * - `rebase(bps)` lets whole demurrage days pass until the SDK-mirrored index has fallen by at least `bps`
 *   (CAESAR only decays, so the behaviour runs with `rises: false` and every lever is a fall);
 * - `fund` pays from the treasury (Exempt: no fee) at genesis, where the index is exactly 1.0, so the account gets
 *   exactly `amount` (checked against the mirror: funding after a decay throws instead of funding less);
 * - `received` and `heldNow` mirror the base-unit rounding of a credit (sdk/caesar/core/demurrage.ts), because a
 *   credit after a decay can land up to 1 wei short, and after whole days a balance is `base * index` rounded down
 *   rather than the mock's `1 + bps / 10,000` product.
 * No transfer in the behaviour pays the fee: every underlying move is from the Exempt treasury or to or from the
 * FeeFree wrapper, which is the preset's point (deposits and redeems pay no fee). The holders hold no CAESAR at
 * genesis (dave and two spare signers), so the behaviour's balance expectations start from zero.
 */
async function wCaesarUnderTest(): Promise<StaticWrapperContext<StaticVotesWrapper, IERC20>> {
  const f = await caesarDefaults();
  const [holder, other, third] = [f.dave, f.others[0], f.others[1]];
  const wrapper = await deployWCaesar(f);
  const wrapperAddr = await wrapper.getAddress();
  const indexNow = async () => indexAfter(WAD, DEFAULT_DAILY, await f.token.today());
  const received = async (to: string, amount: bigint) => {
    const [index, base] = [await indexNow(), await f.token.baseOf(to)];
    return toAmountDown(base + toBaseDown(amount, index), index) - toAmountDown(base, index);
  };
  return {
    wrapper,
    underlying: f.token as unknown as IERC20,
    offset: WRAPPER_DECIMALS_OFFSET,
    holder,
    other,
    third,
    rebase: async (bps) => {
      if (bps >= 0n) throw new Error(`CAESAR only decays: no rebase of +${bps} bps`);
      const day = await f.token.today();
      const target = ((await indexNow()) * (BPS + bps)) / BPS;
      let days = 1n;
      while (indexAfter(WAD, DEFAULT_DAILY, day + days) > target) days += 1n;
      await time.increase(days * DAY);
    },
    fund: async (account, amount) => {
      const credit = await received(account.address, amount);
      if (credit !== amount) throw new Error(`funding ${amount} would credit ${credit}: fund before any decay`);
      await f.token.connect(f.treasury).transfer(account.address, amount);
      await f.token.connect(account).approve(wrapperAddr, ethers.MaxUint256);
    },
    received,
    heldNow: async (amount) => toAmountDown(amount, await indexNow()),
  };
}

describe("CaesarToken (shared behaviours)", () => {
  describe("with fees and demurrage at zero", () => {
    shouldBehaveLikeERC20(through<ERC20>(plainToken), { name: "CAESAR", symbol: "CAESAR", decimals: 18n });
    shouldBehaveLikePermit(through<ERC20Permit>(plainToken), "CAESAR");
  });

  describe("with demurrage on, at genesis (index exactly 1.0)", () => {
    shouldBehaveLikeERC20(through<ERC20>(decayingToken), { name: "CAESAR", symbol: "CAESAR", decimals: 18n });
  });

  describe("demurrage behaviours", () => {
    it("lowers balances without a Transfer and keeps totalSupply; the difference is accrued", async () => {
      const { token, holder: alice } = await loadFixture(decayingToken);
      await time.increase(90n * DAY);
      expect(await token.balanceOf(alice.address)).to.equal(
        toAmountDown(ALICE_GENESIS, indexAfter(WAD, dailyFactor(100n), 90n)),
      );
      expect(await token.totalSupply()).to.equal(GENESIS_SUPPLY);
      expect((await token.accrued()) > 0n).to.equal(true);
    });

    it("moves the whole decayed balance with a transfer of balanceOf, leaving 0", async () => {
      const { token, holder: alice, other } = await loadFixture(decayingToken);
      await time.increase(45n * DAY);
      const balance = await token.balanceOf(alice.address);
      await token.connect(alice).transfer(other.address, balance);
      expect(await token.balanceOf(alice.address)).to.equal(0n);
      expect(await token.baseOf(alice.address)).to.equal(0n);
    });

    it("a permit allowance is nominal: it does not decay with the balance", async () => {
      const { token, holder: alice, third } = await loadFixture(decayingToken);
      await token.connect(alice).approve(third.address, 500n * CAESAR);
      await time.increase(60n * DAY);
      expect(await token.allowance(alice.address, third.address)).to.equal(500n * CAESAR);
    });
  });
});

describe("StaticVotesWrapper over CAESAR", () => {
  it("keeps shares constant while the CAESAR each share is worth decays (the wrapper pays demurrage)", async () => {
    const { token, wrapper, alice } = await loadFixture(wrapped);
    await wrapper.connect(alice).deposit(1_000n * CAESAR, alice.address);
    const shares = await wrapper.balanceOf(alice.address);
    expect(shares).to.equal(1_000n * CAESAR * 1_000n);
    await time.increase(30n * DAY);
    const index = indexAfter(WAD, dailyFactor(100n), 30n);
    expect(await wrapper.balanceOf(alice.address)).to.equal(shares);
    expect(await wrapper.totalSupply()).to.equal(shares);
    const assets = toAmountDown(1_000n * CAESAR, index);
    expect(await wrapper.totalAssets()).to.equal(assets);
    expect(await token.balanceOf(await wrapper.getAddress())).to.equal(assets);
    // ~990 CAESAR: convertToAssets = shares * (A + 1) / (S + V), rounded down.
    expect(await wrapper.convertToAssets(shares)).to.equal((shares * (assets + 1n)) / (shares + 1_000n));
  });

  it("pays no fee on wrap and unwrap (FeeFree) and round-trips within the documented rounding", async () => {
    const { token, wrapper, alice, bob } = await loadFixture(wrapped);
    await wrapper.connect(bob).deposit(500n * CAESAR, bob.address);
    await time.increase(17n * DAY);
    const before = await token.balanceOf(alice.address);
    const x = 123n * CAESAR + 456n;
    await wrapper.connect(alice).deposit(x, alice.address);
    const shares = await wrapper.balanceOf(alice.address);
    const A = await wrapper.totalAssets();
    const S = await wrapper.totalSupply();
    await wrapper.connect(alice).redeem(shares, alice.address, alice.address);
    const after = await token.balanceOf(alice.address);
    expect(after <= before).to.equal(true);
    // Wrapper rounding ((A + 1) / (S + V) + 1) plus at most 1 wei per CAESAR leg (2 legs).
    expect(before - after <= (A + 1n) / (S + 1_000n) + 1n + 2n).to.equal(true);
    expect(await token.kindOf(await wrapper.getAddress())).to.equal(FEE_FREE);
  });

  it("counts votes in shares, which do not move when the underlying decays", async () => {
    const { wrapper, alice } = await loadFixture(wrapped);
    await wrapper.connect(alice).deposit(1_000n * CAESAR, alice.address);
    await wrapper.connect(alice).delegate(alice.address);
    const votes = await wrapper.getVotes(alice.address);
    await time.increase(365n * DAY);
    expect(await wrapper.getVotes(alice.address)).to.equal(votes);
  });

  describe("wCAESAR at the catalogue defaults (fees and demurrage on)", () => {
    // The treasury holds 10M CAESAR, so the "too small to mint one share" donation is 10^24 wei rather than the
    // generic 10^30: still far above the 10^3 virtual shares, so a 1-wei deposit still mints none.
    shouldBehaveLikeStaticWrapper(wCaesarUnderTest, { rises: false, hugeDonation: 10n ** 24n });
  });

  describe("shares (shared token behaviours)", () => {
    shouldBehaveLikeERC20(through<ERC20>(wrapperShares as never), {
      name: "Wrapped CAESAR",
      symbol: "wCAESAR",
      decimals: 21n,
    });
    shouldBehaveLikePermit(through<ERC20Permit>(wrapperShares as never), "Wrapped CAESAR");
    shouldBehaveLikeVotes(through<ERC20Votes>(wrapperShares as never));
  });
});
