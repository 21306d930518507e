import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { runModel } from "../../helpers/fc";
import { deployBpciTokens, NEX_LIFETIME_CAP, TOKEN } from "../fixtures/tokens";
import { BPCI_INVARIANTS as INV } from "./spec";
import { failureOf, nextTimestamp } from "./helpers";
import type { NexToken } from "../../../typechain-types";

const YEARLY = 1_000_000n * TOKEN;
const YEAR = 365n * 86_400n;

interface Model {
  genesis: bigint;
  balances: bigint[];
  mintedByYear: Map<bigint, bigint>;
  minted: bigint;
  burned: bigint;
}
interface Real {
  nex: NexToken;
  actors: HardhatEthersSigner[];
  minter: HardhatEthersSigner;
}
type Cmd = fc.AsyncCommand<Model, Real>;

async function check(m: Model, r: Real) {
  const balances = await Promise.all(r.actors.map((a) => r.nex.balanceOf(a.address)));
  expect(balances, INV.NEX_SUPPLY).to.deep.equal(m.balances);
  expect(await r.nex.totalSupply(), INV.NEX_SUPPLY).to.equal(m.minted - m.burned);
  expect(await r.nex.totalMinted(), INV.NEX_SUPPLY).to.equal(m.minted);
  for (const [year, minted] of m.mintedByYear)
    expect(minted <= YEARLY, `${INV.NEX_YEAR_CAP} (year ${year})`).to.equal(true);
  const [year, minted] = await r.nex.yearlyAllowance();
  expect(minted, INV.NEX_YEAR_CAP).to.equal(m.mintedByYear.get(year) ?? 0n);
}

class MintCmd implements Cmd {
  constructor(
    readonly to: number,
    readonly amount: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const t = await nextTimestamp();
    const year = (t - m.genesis) / YEAR;
    const inYear = m.mintedByYear.get(year) ?? 0n;
    const call = r.nex.connect(r.minter).mint(r.actors[this.to].address, this.amount);
    if (this.amount === 0n) {
      await expect(call).to.be.revertedWithCustomError(r.nex, "NexZeroAmount");
    } else if (inYear + this.amount > YEARLY) {
      await expect(call, INV.NEX_YEAR_CAP)
        .to.be.revertedWithCustomError(r.nex, "NexYearlyCapExceeded")
        .withArgs(r.minter.address, year, inYear, this.amount, YEARLY);
    } else if (m.minted + this.amount > NEX_LIFETIME_CAP) {
      await expect(call).to.be.revertedWithCustomError(r.nex, "NexCapExceeded");
    } else {
      await call;
      m.mintedByYear.set(year, inYear + this.amount);
      m.minted += this.amount;
      m.balances[this.to] += this.amount;
    }
  }
  toString = () => `mint(${this.to}, ${this.amount})`;
}

class BurnCmd implements Cmd {
  constructor(
    readonly who: number,
    readonly pick: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const amount = (m.balances[this.who] * this.pick) / 1_000_000n;
    await r.nex.connect(r.actors[this.who]).burn(amount);
    m.balances[this.who] -= amount;
    m.burned += amount;
  }
  toString = () => `burn(${this.who}, ${this.pick}/1e6)`;
}

class WarpCmd implements Cmd {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run() {
    await time.increase(this.seconds);
  }
  toString = () => `warp(${this.seconds}s)`;
}

async function realNex() {
  const f = await deployBpciTokens();
  return { nex: f.nex, actors: [f.alice, f.bob, f.carol], minter: f.minter };
}

/** Canary: the yearly cap bounds each mint, not the year's running total (contracts/mocks/bpci). */
async function perMintCapCanary() {
  const f = await deployBpciTokens();
  const c = await ethers.deployContract("NexPerMintCapCanary", [
    f.admin.address,
    await f.registry.getAddress(),
    NEX_LIFETIME_CAP,
  ]);
  await c.grantRole(await c.MINTER_ROLE(), f.minter.address);
  return { nex: c as unknown as NexToken, actors: [f.alice, f.bob, f.carol], minter: f.minter };
}

const actor = fc.nat(2);
const COMMANDS = [
  fc
    .tuple(actor, fc.oneof(fc.bigInt(0n, 700_000n * TOKEN), fc.constantFrom(1n, YEARLY)))
    .map(([t, a]) => new MintCmd(t, a)),
  fc.tuple(actor, fc.bigInt(0n, 1_000_000n)).map(([w, p]) => new BurnCmd(w, p)),
  fc.integer({ min: 0, max: 200 * 86_400 }).map((s) => new WarpCmd(s)),
];

function campaign(fixture: () => Promise<Real>, defaults: { runs: number; cmds: number }, fixed = false) {
  return runModel({
    commands: COMMANDS,
    defaults,
    fixed,
    check,
    setup: async () => {
      const real = await loadFixture(fixture);
      return {
        real,
        model: {
          genesis: await real.nex.genesisTime(),
          balances: [0n, 0n, 0n],
          mintedByYear: new Map(),
          minted: 0n,
          burned: 0n,
        },
      };
    },
  });
}

describe("invariants: NEX token", () => {
  it(`${INV.NEX_YEAR_CAP}; ${INV.NEX_SUPPLY}`, async () => {
    await campaign(realNex, { runs: 12, cmds: 30 });
  });

  it("catches the known-bad canary whose yearly cap bounds each mint instead of the year's total", async () => {
    const failure = await failureOf(campaign(perMintCapCanary, { runs: 30, cmds: 30 }, true));
    expect(failure, "the suite must fail on the canary").to.match(/NexYearlyCapExceeded|NEX_YEAR_CAP/);
  });
});
