import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { deployBpciTokens, GENESIS, TOKEN } from "../fixtures/tokens";
import { BPCI_INVARIANTS as INV } from "./spec";
import { balancesOf, campaignOf, describeInvariants, warps } from "./helpers";
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
  const balances = await balancesOf(r.gen, r.actors);
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
  warps<Model, Real>(90 * 86_400),
];

const campaign = campaignOf<Model, Real>({
  commands: COMMANDS,
  check,
  genesis: () => ({
    balances: [GENESIS.gen.treasury, GENESIS.gen.alice, GENESIS.gen.bob, 0n, 0n],
    exempt: [true, false, false, false, false],
  }),
});

describeInvariants(
  "invariants: GEN token",
  { title: `${INV.GEN_SUPPLY}; ${INV.GEN_LIMIT}`, run: () => campaign(realGen, { runs: 12, cmds: 30 }) },
  {
    title: "catches the known-bad canary that checks the limit on the balance before the transfer",
    run: () => campaign(preBalanceCanary, { runs: 30, cmds: 30 }, true),
    caught: /GenHolderLimitExceeded/,
  },
);
