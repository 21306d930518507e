import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { DAY, deployBpciTokens, FEED_ONE, INITIAL_RESERVES, TOKEN } from "../fixtures/tokens";
import { requiredReservesUp } from "../../../sdk/bpci/core/reserve";
import { BPCI_INVARIANTS as INV } from "./spec";
import { balancesOf, campaignOf, describeInvariants, nextTimestamp, warps } from "./helpers";
import type { AurToken, MockAggregatorV3 } from "../../../typechain-types";

const MARGIN = 200n;
const SCALE = 10n ** 10n;
const REF = ethers.ZeroHash;

interface Model {
  balances: bigint[];
  supply: bigint;
  reserves: bigint; // 18 decimals
  updatedAt: bigint;
  paused: boolean;
}
interface Real {
  aur: AurToken;
  feed: MockAggregatorV3;
  actors: HardhatEthersSigner[];
  issuer: HardhatEthersSigner;
  admin: HardhatEthersSigner;
}
type Cmd = fc.AsyncCommand<Model, Real>;

async function check(m: Model, r: Real) {
  const balances = await balancesOf(r.aur, r.actors);
  expect(balances, INV.AUR_SUPPLY).to.deep.equal(m.balances);
  expect(await r.aur.totalSupply(), INV.AUR_SUPPLY).to.equal(m.supply);
  expect((await r.aur.mintingPaused())[0]).to.equal(m.paused);
}

class MintCmd implements Cmd {
  constructor(
    readonly to: number,
    readonly amount: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const t = await nextTimestamp();
    const call = r.aur.connect(r.issuer).mint(r.actors[this.to].address, this.amount);
    const required = requiredReservesUp(m.supply + this.amount, MARGIN);
    if (this.amount === 0n) await expect(call).to.be.revertedWithCustomError(r.aur, "AurZeroAmount");
    else if (m.paused) await expect(call, INV.AUR_COVERAGE).to.be.revertedWithCustomError(r.aur, "AurMintingPaused");
    else if (t - m.updatedAt > DAY)
      await expect(call, INV.AUR_COVERAGE).to.be.revertedWithCustomError(r.aur, "FeedStale");
    else if (m.reserves < required) {
      await expect(call, INV.AUR_COVERAGE)
        .to.be.revertedWithCustomError(r.aur, "AurReservesInsufficient")
        .withArgs(r.issuer.address, this.amount, m.reserves, required);
    } else {
      await call;
      m.supply += this.amount;
      m.balances[this.to] += this.amount;
      // The invariant itself, on chain values at the mint: reserves cover the supply after it plus the margin.
      const [, answer] = await r.feed.latestRoundData();
      const supply = await r.aur.totalSupply();
      expect(answer * SCALE >= requiredReservesUp(supply, MARGIN), INV.AUR_COVERAGE).to.equal(true);
    }
  }
  toString = () => `mint(${this.to}, ${this.amount})`;
}

class ReservesCmd implements Cmd {
  constructor(readonly units: bigint) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const t = await nextTimestamp();
    await r.feed.updateAnswer(this.units);
    m.reserves = this.units * SCALE;
    m.updatedAt = t;
  }
  toString = () => `reserves(${this.units})`;
}

class RedeemCmd implements Cmd {
  constructor(
    readonly who: number,
    readonly pick: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const amount = (m.balances[this.who] * this.pick) / 1_000_000n;
    const call = r.aur.connect(r.actors[this.who]).redeem(amount, REF);
    if (amount === 0n) await expect(call).to.be.revertedWithCustomError(r.aur, "AurZeroAmount");
    else {
      await expect(call, INV.AUR_SUPPLY).to.emit(r.aur, "Redeemed");
      m.balances[this.who] -= amount;
      m.supply -= amount;
    }
  }
  toString = () => `redeem(${this.who}, ${this.pick}/1e6)`;
}

class CheckCmd implements Cmd {
  check = () => true;
  async run(m: Model, r: Real) {
    const t = await nextTimestamp();
    await r.aur.checkReserves();
    if (t - m.updatedAt <= DAY && m.reserves > 0n && m.reserves < m.supply) m.paused = true;
  }
  toString = () => "checkReserves()";
}

class ResumeCmd implements Cmd {
  check = () => true;
  async run(m: Model, r: Real) {
    const t = await nextTimestamp();
    const call = r.aur.connect(r.admin).resumeMinting();
    if (!m.paused) await expect(call).to.be.revertedWithCustomError(r.aur, "AurMintingNotPaused");
    else if (t - m.updatedAt > DAY) await expect(call).to.be.revertedWithCustomError(r.aur, "FeedStale");
    else if (m.reserves <= 0n) await expect(call).to.be.revertedWithCustomError(r.aur, "FeedNonPositiveAnswer");
    else if (m.reserves < m.supply) await expect(call).to.be.revertedWithCustomError(r.aur, "AurReservesBelowSupply");
    else {
      await call;
      m.paused = false;
    }
  }
  toString = () => "resumeMinting()";
}

async function fromFixture(aurOf: (f: Awaited<ReturnType<typeof deployBpciTokens>>) => Promise<AurToken>) {
  const f = await deployBpciTokens();
  const aur = await aurOf(f);
  return { aur, feed: f.reserveFeed, actors: [f.alice, f.bob, f.carol], issuer: f.issuer, admin: f.admin };
}
const realAur = () => fromFixture(async (f) => f.aur);
/** Canary: the guard leaves the new amount out and checks the supply before the mint (contracts/mocks/bpci). */
const staleSupplyCanary = () =>
  fromFixture(async (f) => {
    const c = await ethers.deployContract("AurStaleSupplyCanary", [
      f.admin.address,
      await f.registry.getAddress(),
      await f.reserveFeed.getAddress(),
    ]);
    await c.grantRole(await c.ISSUER_ROLE(), f.issuer.address);
    return c as unknown as AurToken;
  });

const actor = fc.nat(2);
const COMMANDS = [
  fc
    .tuple(actor, fc.oneof(fc.bigInt(0n, 600_000n * TOKEN), fc.constantFrom(1n, 980_392n * TOKEN)))
    .map(([t, a]) => new MintCmd(t, a)),
  fc.tuple(actor, fc.bigInt(0n, 1_000_000n * TOKEN)).map(([t, a]) => new MintCmd(t, a)),
  fc
    .oneof(fc.bigInt(-1n, 2_000_000n), fc.constantFrom(1_000_000n, 1_020_000n))
    .map((u) => new ReservesCmd(u * FEED_ONE)),
  fc.tuple(actor, fc.bigInt(0n, 1_000_000n)).map(([w, p]) => new RedeemCmd(w, p)),
  fc.constant(new CheckCmd()),
  fc.constant(new ResumeCmd()),
  warps<Model, Real>(2 * 86_400),
];

const campaign = campaignOf<Model, Real>({
  commands: COMMANDS,
  check,
  genesis: async (real) => {
    const [, , , updatedAt] = await real.feed.latestRoundData();
    return { balances: [0n, 0n, 0n], supply: 0n, reserves: INITIAL_RESERVES * SCALE, updatedAt, paused: false };
  },
});

describeInvariants(
  "invariants: AUR token",
  { title: `${INV.AUR_COVERAGE}; ${INV.AUR_SUPPLY}`, run: () => campaign(realAur, { runs: 12, cmds: 30 }) },
  {
    title: "catches the known-bad canary whose guard leaves the new amount out",
    run: () => campaign(staleSupplyCanary, { runs: 30, cmds: 30 }, true),
    caught: /AurReservesInsufficient|AUR_COVERAGE/,
  },
);
