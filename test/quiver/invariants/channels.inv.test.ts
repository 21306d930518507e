import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { CHANNEL_DEFAULTS, CONSUMER_FUNDS, deployChannels, sign } from "../fixtures/channels";
import { QUIV } from "../fixtures/foundation";
import { runModel } from "../../helpers/fc";
import { INVARIANTS } from "../../helpers/invariants";
import { DAY } from "../../helpers/units";

/**
 * Stateful property test of PaymentChannels (fast-check model run): random opens, top-ups, vouchers (valid and
 * invalid: not increasing, above the deposit, wrong signer), provider closes, consumer closes, finalizes and time
 * jumps; after every step CH_BALANCE, CH_VOUCHER_BOUND and CH_CONSERVATION are checked against the chain, and a
 * command the model expects to succeed must not revert (and vice versa). Ends with everyone exiting.
 */
type Fixture = Awaited<ReturnType<typeof deployChannels>>;

/**
 * The same fixture around the known-bad canary DoubleRefundChannels (closing refunds the whole deposit, what the
 * provider collected included): the consumers' funds and approvals moved to it, vouchers signed for its address.
 */
async function deployCanaryChannels(): Promise<Fixture> {
  const f = await deployChannels();
  const canary = await (
    await ethers.getContractFactory("DoubleRefundChannels")
  ).deploy(await f.quiv.getAddress(), await f.registry.getAddress());
  const address = await canary.getAddress();
  for (const who of [f.alice, f.bob]) await f.quiv.connect(who).approve(address, ethers.MaxUint256);
  const deployment = { ...f.deployment, verifyingContract: address };
  return {
    ...f,
    channels: canary as unknown as Fixture["channels"],
    deployment,
    domain: { ...f.domain, verifyingContract: address },
  };
}

interface ModelChannel {
  id: bigint;
  consumer: 0 | 1;
  deposit: bigint;
  collected: bigint;
  expiry: bigint;
  settleDeadline: bigint;
  closed: boolean;
}

interface Model {
  chans: ModelChannel[];
  /** Per consumer: the hot key's revocation time (0 = active, undefined = never authorized). */
  hotKeyRevokeAt: (bigint | undefined)[];
  deposited: bigint;
  paid: bigint;
  refunded: bigint;
}

type State = "Open" | "Expired" | "Closing" | "Settleable" | "Closed";

function stateAt(c: ModelChannel, ts: bigint): State {
  if (c.closed) return "Closed";
  if (c.settleDeadline !== 0n) return ts < c.settleDeadline ? "Closing" : "Settleable";
  return ts < c.expiry ? "Open" : "Expired";
}

const nextTs = async () => BigInt(await time.latest()) + 1n;

/** Sends a transaction and checks it reverted exactly when the model says it must. */
async function attempt(ok: boolean, what: string, send: () => Promise<unknown>): Promise<boolean> {
  let reverted = false;
  try {
    const tx = (await send()) as { wait(): Promise<unknown> };
    await tx.wait();
  } catch (e) {
    if (!/revert/i.test(String(e))) throw e;
    reverted = true;
  }
  if (ok && reverted) throw new Error(`${what}: unexpected revert`);
  if (!ok && !reverted) throw new Error(`${what}: expected a revert`);
  return ok;
}

async function checkAll(m: Model, f: Fixture): Promise<void> {
  const address = await f.channels.getAddress();
  const locked = m.chans.filter((c) => !c.closed).reduce((a, c) => a + c.deposit - c.collected, 0n);
  expect(await f.quiv.balanceOf(address), INVARIANTS.CH_BALANCE).to.equal(locked);
  for (const c of m.chans) {
    const onChain = await f.channels.getChannel(c.id);
    expect(onChain.collected <= onChain.deposit, INVARIANTS.CH_VOUCHER_BOUND).to.equal(true);
    expect([onChain.deposit, onChain.collected, onChain.closed], INVARIANTS.CH_VOUCHER_BOUND).to.deep.equal([
      c.deposit,
      c.collected,
      c.closed,
    ]);
  }
  const paid = await f.quiv.balanceOf(f.provider.address);
  const consumers = (await f.quiv.balanceOf(f.alice.address)) + (await f.quiv.balanceOf(f.bob.address));
  expect(paid, INVARIANTS.CH_CONSERVATION).to.equal(m.paid);
  expect(consumers, INVARIANTS.CH_CONSERVATION).to.equal(2n * CONSUMER_FUNDS - m.deposited + m.refunded);
  expect(m.paid + m.refunded + locked, INVARIANTS.CH_CONSERVATION).to.equal(m.deposited);
}

const consumerOf = (f: Fixture, i: 0 | 1) => (i === 0 ? f.alice : f.bob);

class OpenCmd implements fc.AsyncCommand<Model, Fixture> {
  constructor(
    readonly who: 0 | 1,
    readonly amount: bigint,
    readonly days: bigint,
  ) {}
  check = () => true;
  async run(m: Model, f: Fixture) {
    const ts = await nextTs();
    const expiry = ts + this.days * DAY;
    const ok =
      this.amount >= CHANNEL_DEFAULTS.minDeposit && this.days >= 1n && this.days * DAY <= CHANNEL_DEFAULTS.maxDuration;
    const send = () => f.channels.connect(consumerOf(f, this.who)).open(f.provider.address, this.amount, expiry);
    if (await attempt(ok, this.toString(), send)) {
      m.chans.push({
        id: BigInt(m.chans.length + 1),
        consumer: this.who,
        deposit: this.amount,
        collected: 0n,
        expiry,
        settleDeadline: 0n,
        closed: false,
      });
      m.deposited += this.amount;
    }
    await checkAll(m, f);
  }
  toString = () => `open(${this.who}, ${this.amount}, ${this.days}d)`;
}

class TopUpCmd implements fc.AsyncCommand<Model, Fixture> {
  constructor(
    readonly ch: number,
    readonly amount: bigint,
  ) {}
  check = (m: Readonly<Model>) => m.chans.length > 0;
  async run(m: Model, f: Fixture) {
    const c = m.chans[this.ch % m.chans.length];
    const ok = stateAt(c, await nextTs()) === "Open" && this.amount > 0n;
    const send = () => f.channels.connect(consumerOf(f, c.consumer)).topUp(c.id, this.amount);
    if (await attempt(ok, this.toString(), send)) {
      c.deposit += this.amount;
      m.deposited += this.amount;
    }
    await checkAll(m, f);
  }
  toString = () => `topUp(${this.ch}, ${this.amount})`;
}

class VoucherCmd implements fc.AsyncCommand<Model, Fixture> {
  constructor(
    readonly ch: number,
    /** Share of the remaining deposit to add, in percent (over 100: above the deposit). */
    readonly pct: bigint,
    readonly closeIt: boolean,
    /** 0: the consumer, 1: the fixture's hot key (valid only while delegated), 2: a stranger. */
    readonly signerKind: number,
  ) {}
  check = (m: Readonly<Model>) => m.chans.length > 0;
  async run(m: Model, f: Fixture) {
    const c = m.chans[this.ch % m.chans.length];
    const delta = ((c.deposit - c.collected) * this.pct) / 100n;
    const cumulative = c.collected + delta;
    const signer = [consumerOf(f, c.consumer), f.hotKey, f.stranger][this.signerKind];
    const sv = await sign(f, signer, c.id, cumulative, 1n);
    const ts = await nextTs();
    const st = stateAt(c, ts);
    const revokeAt = m.hotKeyRevokeAt[c.consumer];
    const signerOk =
      this.signerKind === 0 || (this.signerKind === 1 && revokeAt !== undefined && (revokeAt === 0n || ts < revokeAt));
    const ok = ["Open", "Expired", "Closing"].includes(st) && delta > 0n && cumulative <= c.deposit && signerOk;
    const voucher = { cumulativeAmount: cumulative, tokensGenerated: 1n };
    const send = () =>
      this.closeIt
        ? f.channels.connect(f.provider).close(c.id, voucher, sv.signature)
        : f.channels.connect(f.provider).collect(c.id, voucher, sv.signature);
    if (await attempt(ok, this.toString(), send)) {
      m.paid += delta;
      c.collected = cumulative;
      if (this.closeIt) {
        c.closed = true;
        m.refunded += c.deposit - c.collected;
      }
    }
    await checkAll(m, f);
  }
  toString = () =>
    `${this.closeIt ? "close" : "collect"}(${this.ch}, +${this.pct}%, ${["consumer", "hot key", "stranger"][this.signerKind]})`;
}

class StartCloseCmd implements fc.AsyncCommand<Model, Fixture> {
  constructor(readonly ch: number) {}
  check = (m: Readonly<Model>) => m.chans.length > 0;
  async run(m: Model, f: Fixture) {
    const c = m.chans[this.ch % m.chans.length];
    const ts = await nextTs();
    const send = () => f.channels.connect(consumerOf(f, c.consumer)).startClose(c.id);
    if (await attempt(stateAt(c, ts) === "Expired", this.toString(), send)) {
      c.settleDeadline = ts + CHANNEL_DEFAULTS.settleWindow;
    }
    await checkAll(m, f);
  }
  toString = () => `startClose(${this.ch})`;
}

class FinalizeCmd implements fc.AsyncCommand<Model, Fixture> {
  constructor(readonly ch: number) {}
  check = (m: Readonly<Model>) => m.chans.length > 0;
  async run(m: Model, f: Fixture) {
    const c = m.chans[this.ch % m.chans.length];
    const send = () => f.channels.connect(f.stranger).finalize(c.id);
    if (await attempt(stateAt(c, await nextTs()) === "Settleable", this.toString(), send)) {
      c.closed = true;
      m.refunded += c.deposit - c.collected;
    }
    await checkAll(m, f);
  }
  toString = () => `finalize(${this.ch})`;
}

class DelegateCmd implements fc.AsyncCommand<Model, Fixture> {
  constructor(
    readonly who: 0 | 1,
    readonly revoke: boolean,
  ) {}
  check = () => true;
  async run(m: Model, f: Fixture) {
    const consumer = consumerOf(f, this.who);
    const ts = await nextTs();
    if (this.revoke) {
      const ok = m.hotKeyRevokeAt[this.who] === 0n;
      if (await attempt(ok, this.toString(), () => f.channels.connect(consumer).revokeSigner(f.hotKey.address))) {
        m.hotKeyRevokeAt[this.who] = ts + CHANNEL_DEFAULTS.signerRevokeDelay;
      }
    } else {
      await attempt(true, this.toString(), () => f.channels.connect(consumer).authorizeSigner(f.hotKey.address));
      m.hotKeyRevokeAt[this.who] = 0n;
    }
    await checkAll(m, f);
  }
  toString = () => `${this.revoke ? "revoke" : "authorize"}HotKey(${this.who})`;
}

class WarpCmd implements fc.AsyncCommand<Model, Fixture> {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(m: Model, f: Fixture) {
    await time.increase(this.seconds);
    await checkAll(m, f);
  }
  toString = () => `warp(${this.seconds}s)`;
}

/** Everyone exits: every channel still open is closed by its consumer and finalized. */
async function everyoneExits(m: Model, f: Fixture): Promise<void> {
  await time.increase(100n * DAY);
  for (const [i, c] of m.chans.entries()) {
    if (!c.closed && c.settleDeadline === 0n) await new StartCloseCmd(i).run(m, f);
  }
  await time.increase(CHANNEL_DEFAULTS.settleWindow);
  for (const [i, c] of m.chans.entries()) if (!c.closed) await new FinalizeCmd(i).run(m, f);
  expect(await f.quiv.balanceOf(await f.channels.getAddress()), INVARIANTS.CH_BALANCE).to.equal(0n);
  expect(m.paid + m.refunded, INVARIANTS.CH_CONSERVATION).to.equal(m.deposited);
}

/** The campaign against `fixture`; `fixed` keeps the sizes and seed (the canary's, so FC_* cannot make it miss). */
function campaign(fixture: () => Promise<Fixture>, defaults: { runs: number; cmds: number }, fixed = false) {
  const amount = fc.oneof(
    { arbitrary: fc.bigInt({ min: QUIV, max: 50n * QUIV }), weight: 4 },
    { arbitrary: fc.constantFrom(0n, 1n, QUIV - 1n, QUIV), weight: 1 },
  );
  const pct = fc.oneof({ arbitrary: fc.bigInt({ min: 1n, max: 100n }), weight: 5 }, fc.constantFrom(0n, 101n, 150n));
  const open = fc
    .tuple(
      fc.constantFrom<0 | 1>(0, 1),
      amount,
      fc.oneof(fc.bigInt({ min: 1n, max: 30n }), fc.constantFrom(0n, 90n, 91n)),
    )
    .map(([w, a, d]) => new OpenCmd(w, a, d));
  const voucher = fc
    .tuple(fc.nat(), pct, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 9 }))
    .map(([c, p, cl, w]) => new VoucherCmd(c, p, cl === 0, w === 0 ? 2 : w <= 3 ? 1 : 0));
  const cmds = [
    open,
    open,
    voucher,
    voucher,
    voucher,
    fc.tuple(fc.nat(), fc.bigInt({ min: 0n, max: 10n * QUIV })).map(([c, a]) => new TopUpCmd(c, a)),
    fc.tuple(fc.constantFrom<0 | 1>(0, 1), fc.boolean()).map(([w, r]) => new DelegateCmd(w, r)),
    fc.nat().map((c) => new StartCloseCmd(c)),
    fc.nat().map((c) => new FinalizeCmd(c)),
    fc.integer({ min: 1, max: 20 * 86_400 }).map((s) => new WarpCmd(s)),
  ];
  return runModel({
    commands: cmds,
    defaults,
    fixed,
    size: "max",
    setup: async () => {
      const model: Model = {
        chans: [],
        hotKeyRevokeAt: [undefined, undefined],
        deposited: 0n,
        paid: 0n,
        refunded: 0n,
      };
      return { model, real: await loadFixture(fixture) };
    },
    exit: everyoneExits,
  });
}

describe("PaymentChannels invariants (fast-check)", () => {
  it("CH_BALANCE, CH_VOUCHER_BOUND and CH_CONSERVATION hold after random actions and time jumps", async () => {
    await campaign(deployChannels, { runs: 25, cmds: 30 });
  });

  it("catches the known-bad canary whose close refunds the whole deposit, what was collected included", async () => {
    const failure = await campaign(deployCanaryChannels, { runs: 25, cmds: 30 }, true).then(
      () => undefined,
      (e: Error & { cause?: Error }) => e,
    );
    expect(failure, "the suite must fail on the canary").to.be.instanceOf(Error);
    // The refund drains other channels' escrow: the balance no longer covers the open channels.
    expect(String(failure?.cause?.message ?? failure?.message)).to.contain("CH_BALANCE:");
  });
});
