import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { deployBpciTokens, NEX_LIFETIME_CAP, TOKEN } from "../fixtures/tokens";
import { BPCI_INVARIANTS as INV } from "./spec";
import { balancesOf, campaignOf, describeInvariants, nextTimestamp, warps } from "./helpers";
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
  const balances = await balancesOf(r.nex, r.actors);
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
  warps<Model, Real>(200 * 86_400),
];

const campaign = campaignOf<Model, Real>({
  commands: COMMANDS,
  check,
  genesis: async (real) => ({
    genesis: await real.nex.genesisTime(),
    balances: [0n, 0n, 0n],
    mintedByYear: new Map(),
    minted: 0n,
    burned: 0n,
  }),
});

describeInvariants(
  "invariants: NEX token",
  { title: `${INV.NEX_YEAR_CAP}; ${INV.NEX_SUPPLY}`, run: () => campaign(realNex, { runs: 12, cmds: 30 }) },
  {
    title: "catches the known-bad canary whose yearly cap bounds each mint instead of the year's total",
    run: () => campaign(perMintCapCanary, { runs: 30, cmds: 30 }, true),
    caught: /NexYearlyCapExceeded|NEX_YEAR_CAP/,
  },
);
