import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { mine, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { DAY, deployBpciTokens, GENESIS, usageForBps } from "../fixtures/tokens";
import { deltaWad, gonsPerFragment, nextSupply, totalGonsFor } from "../../../sdk/bpci/core/rebase";
import { WAD } from "../../../sdk/kit/core/math";
import { BPCI_INVARIANTS as INV } from "./spec";
import { balancesOf, campaignOf, describeInvariants, nextTimestamp, warps } from "./helpers";
import type { FlxToken, MockAggregatorV3 } from "../../../typechain-types";

const SUPPLY = GENESIS.flx.treasury + GENESIS.flx.alice;
const TOTAL_GONS = totalGonsFor(SUPPLY);
const HEARTBEAT = 26n * 3_600n;
const SCALE = 10n ** 10n;

interface Model {
  gons: bigint[];
  supply: bigint;
  lastRebaseAt: bigint;
  usage: bigint; // 18 decimals
  updatedAt: bigint;
}
interface Real {
  flx: FlxToken;
  feed: MockAggregatorV3;
  actors: HardhatEthersSigner[];
}
type Cmd = fc.AsyncCommand<Model, Real>;

const balanceOf = (m: Model, i: number) => m.gons[i] / gonsPerFragment(TOTAL_GONS, m.supply);

async function check(m: Model, r: Real) {
  const gons = await Promise.all(r.actors.map((a) => r.flx.scaledBalanceOf(a.address)));
  expect(
    gons.reduce((a, b) => a + b, 0n),
    INV.FLX_GONS,
  ).to.equal(await r.flx.scaledTotalSupply());
  expect(gons, INV.FLX_GONS).to.deep.equal(m.gons);
  expect(await r.flx.totalSupply(), INV.FLX_SUPPLY).to.equal(m.supply);
  const balances = await balancesOf(r.flx, r.actors);
  expect(balances, INV.FLX_SUPPLY).to.deep.equal(m.gons.map((_, i) => balanceOf(m, i)));
  expect(balances.reduce((a, b) => a + b, 0n) <= m.supply, INV.FLX_SUPPLY).to.equal(true);
}

class TransferCmd implements Cmd {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly pick: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const amount = (balanceOf(m, this.from) * this.pick) / 1_000_000n;
    await r.flx.connect(r.actors[this.from]).transfer(r.actors[this.to].address, amount);
    const g = amount * gonsPerFragment(TOTAL_GONS, m.supply);
    m.gons[this.from] -= g;
    m.gons[this.to] += g;
  }
  toString = () => `transfer(${this.from} -> ${this.to}, ${this.pick}/1e6)`;
}

class TransferAllCmd implements Cmd {
  constructor(
    readonly from: number,
    readonly to: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await r.flx.connect(r.actors[this.from]).transferAll(r.actors[this.to].address);
    const g = m.gons[this.from];
    m.gons[this.from] = 0n;
    m.gons[this.to] += g;
  }
  toString = () => `transferAll(${this.from} -> ${this.to})`;
}

class UsageCmd implements Cmd {
  constructor(readonly bps: bigint) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const t = await nextTimestamp();
    const answer = usageForBps(this.bps);
    await r.feed.updateAnswer(answer);
    m.usage = answer * SCALE;
    m.updatedAt = t;
  }
  toString = () => `usage(${this.bps} bps)`;
}

class RebaseCmd implements Cmd {
  check = () => true;
  async run(m: Model, r: Real) {
    const t = await nextTimestamp();
    const call = r.flx.rebase();
    if (t < m.lastRebaseAt + DAY) {
      await expect(call)
        .to.be.revertedWithCustomError(r.flx, "FlxRebaseTooEarly")
        .withArgs(t, m.lastRebaseAt + DAY);
    } else if (t - m.updatedAt > HEARTBEAT) {
      await expect(call).to.be.revertedWithCustomError(r.flx, "FlxUsageFeedUnusable");
    } else {
      const before = await Promise.all(r.actors.map((a) => r.flx.scaledBalanceOf(a.address)));
      await call;
      await mine();
      m.supply = nextSupply(m.supply, deltaWad(m.usage, WAD, 500n, 50n));
      m.lastRebaseAt = t;
      const after = await Promise.all(r.actors.map((a) => r.flx.scaledBalanceOf(a.address)));
      expect(after, `${INV.FLX_GONS}: a rebase moves no gons`).to.deep.equal(before);
    }
  }
  toString = () => "rebase()";
}

/** A keeper's day: a fresh usage answer, wait out the period, rebase (the common path, weighted up). */
class KeeperRebaseCmd implements Cmd {
  constructor(readonly bps: bigint) {}
  check = () => true;
  async run(m: Model, r: Real) {
    await new UsageCmd(this.bps).run(m, r);
    const now = BigInt(await time.latest());
    if (now < m.lastRebaseAt + DAY) await time.increaseTo(m.lastRebaseAt + DAY - 1n);
    await new RebaseCmd().run(m, r);
  }
  toString = () => `keeperRebase(${this.bps} bps)`;
}

async function fromFixture(flxOf: (f: Awaited<ReturnType<typeof deployBpciTokens>>) => Promise<FlxToken>) {
  const f = await deployBpciTokens();
  return { flx: await flxOf(f), feed: f.usageFeed, actors: [f.treasury, f.alice, f.bob, f.carol] };
}
const realFlx = () => fromFixture(async (f) => f.flx);
/** Canary: the receiver is credited whole fragments (gons rounded up) (contracts/mocks/bpci). */
const wholeFragmentCanary = () =>
  fromFixture(async (f) => {
    const c = await ethers.deployContract("FlxWholeFragmentCanary", [
      await f.registry.getAddress(),
      await f.usageFeed.getAddress(),
      [f.treasury.address, f.alice.address],
      [GENESIS.flx.treasury, GENESIS.flx.alice],
    ]);
    return c as unknown as FlxToken;
  });

const actor = fc.nat(3);
const COMMANDS = [
  fc.tuple(actor, actor, fc.bigInt(0n, 1_000_000n)).map(([f, t, p]) => new TransferCmd(f, t, p)),
  fc.tuple(actor, actor).map(([f, t]) => new TransferAllCmd(f, t)),
  fc.oneof(fc.bigInt(-900n, 900n), fc.constantFrom(-500n, 500n, 49n, 50n, 333n)).map((b) => new UsageCmd(b)),
  fc.constant(new RebaseCmd()),
  fc.bigInt(-900n, 900n).map((b) => new KeeperRebaseCmd(b)),
  fc.bigInt(-900n, 900n).map((b) => new KeeperRebaseCmd(b)),
  warps<Model, Real>(2 * 86_400),
];

const campaign = campaignOf<Model, Real>({
  commands: COMMANDS,
  check,
  genesis: async (real) => {
    const [, answer, , updatedAt] = await real.feed.latestRoundData();
    const gpf = TOTAL_GONS / SUPPLY;
    return {
      gons: [GENESIS.flx.treasury * gpf, GENESIS.flx.alice * gpf, 0n, 0n],
      supply: SUPPLY,
      lastRebaseAt: await real.flx.lastRebaseAt(),
      usage: answer * SCALE,
      updatedAt,
    };
  },
});

describeInvariants(
  "invariants: FLX token",
  { title: `${INV.FLX_GONS}; ${INV.FLX_SUPPLY}`, run: () => campaign(realFlx, { runs: 12, cmds: 30 }) },
  {
    title: "catches the known-bad canary that credits receivers whole fragments (rounding gons up)",
    run: () => campaign(wholeFragmentCanary, { runs: 40, cmds: 30 }, true),
    caught: /FLX_GONS/,
  },
);
