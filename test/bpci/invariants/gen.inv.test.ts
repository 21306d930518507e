import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { runModel } from "../../helpers/fc";
import { deployBpciTokens, GENESIS, TOKEN } from "../fixtures/tokens";
import { BPCI_INVARIANTS as INV } from "./spec";
import { failureOf } from "./helpers";
import type { GenToken } from "../../../typechain-types";

const SUPPLY = 100_000n * TOKEN;
const LIMIT = 10_000n * TOKEN;

interface Model {
  balances: bigint[];
  exempt: boolean[];
}
interface Real {
  gen: GenToken;
  actors: HardhatEthersSigner[];
  admin: HardhatEthersSigner;
}
type Cmd = fc.AsyncCommand<Model, Real>;

async function check(m: Model, r: Real) {
  const balances = await Promise.all(r.actors.map((a) => r.gen.balanceOf(a.address)));
  expect(balances, INV.GEN_SUPPLY).to.deep.equal(m.balances);
  expect(await r.gen.totalSupply(), INV.GEN_SUPPLY).to.equal(SUPPLY);
  expect(
    balances.reduce((a, b) => a + b, 0n),
    INV.GEN_SUPPLY,
  ).to.equal(SUPPLY);
}

class TransferCmd implements Cmd {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly pick: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const amount = (m.balances[this.from] * this.pick) / 1_000_000n;
    const after = this.from === this.to ? m.balances[this.to] : m.balances[this.to] + amount;
    const call = r.gen.connect(r.actors[this.from]).transfer(r.actors[this.to].address, amount);
    if (!m.exempt[this.to] && after > LIMIT) {
      await expect(call, INV.GEN_LIMIT)
        .to.be.revertedWithCustomError(r.gen, "GenHolderLimitExceeded")
        .withArgs(r.actors[this.to].address, after, LIMIT);
    } else {
      await call;
      m.balances[this.from] -= amount;
      m.balances[this.to] += amount;
    }
  }
  toString = () => `transfer(${this.from} -> ${this.to}, ${this.pick}/1e6)`;
}

class ExemptCmd implements Cmd {
  constructor(
    readonly who: number,
    readonly exempt: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await r.gen.connect(r.admin).setExempt(r.actors[this.who].address, this.exempt);
    m.exempt[this.who] = this.exempt;
  }
  toString = () => `setExempt(${this.who}, ${this.exempt})`;
}

class WarpCmd implements Cmd {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run() {
    await time.increase(this.seconds);
  }
  toString = () => `warp(${this.seconds}s)`;
}

async function realGen() {
  const f = await deployBpciTokens();
  return { gen: f.gen, actors: [f.treasury, f.alice, f.bob, f.carol, f.dave], admin: f.admin };
}

/** Canary: the limit checked on the receiver's balance before the transfer (contracts/mocks/bpci). */
async function preBalanceCanary() {
  const f = await deployBpciTokens();
  const c = await ethers.deployContract("GenPreBalanceCanary", [
    f.admin.address,
    await f.registry.getAddress(),
    [f.treasury.address, f.alice.address, f.bob.address],
    [GENESIS.gen.treasury, GENESIS.gen.alice, GENESIS.gen.bob],
    [f.treasury.address],
  ]);
  return { gen: c as unknown as GenToken, actors: [f.treasury, f.alice, f.bob, f.carol, f.dave], admin: f.admin };
}

const actor = fc.nat(4);
const COMMANDS = [
  fc.tuple(actor, actor, fc.bigInt(0n, 1_000_000n)).map(([f, t, p]) => new TransferCmd(f, t, p)),
  fc.tuple(fc.constant(0), actor, fc.bigInt(0n, 150_000n)).map(([f, t, p]) => new TransferCmd(f, t, p)),
  fc.tuple(fc.integer({ min: 1, max: 4 }), fc.boolean()).map(([w, e]) => new ExemptCmd(w, e)),
  fc.integer({ min: 0, max: 90 * 86_400 }).map((s) => new WarpCmd(s)),
];

function campaign(fixture: () => Promise<Real>, defaults: { runs: number; cmds: number }, fixed = false) {
  return runModel({
    commands: COMMANDS,
    defaults,
    fixed,
    check,
    setup: async () => ({
      real: await loadFixture(fixture),
      model: {
        balances: [GENESIS.gen.treasury, GENESIS.gen.alice, GENESIS.gen.bob, 0n, 0n],
        exempt: [true, false, false, false, false],
      },
    }),
  });
}

describe("invariants: GEN token", () => {
  it(`${INV.GEN_SUPPLY}; ${INV.GEN_LIMIT}`, async () => {
    await campaign(realGen, { runs: 12, cmds: 30 });
  });

  it("catches the known-bad canary that checks the limit on the balance before the transfer", async () => {
    const failure = await failureOf(campaign(preBalanceCanary, { runs: 30, cmds: 30 }, true));
    expect(failure, "the suite must fail on the canary").to.match(/GenHolderLimitExceeded/);
  });
});
