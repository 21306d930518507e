import { expect } from "chai";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { CAESAR } from "../fixtures";
import { DEADLINE, deployGate, GATE_RESERVE, type GateFixture } from "../stability/fixtures";
import { runModel } from "../../helpers/fc";
import { CAESAR_INVARIANTS as INV } from "./spec";
import { eventArgs } from "../../../sdk/kit/chain/events";
import { expectCaught } from "./campaign";
import { WAD } from "../../../sdk/kit/core/math";

/**
 * Stateful campaign over the StabilityGate on a real Uniswap V2 pair (catalogue fees and demurrage on), with a
 * settable controller regime: buys and sells through the gate (traded or queued), executions, cancellations,
 * refunds after expiry, breaker pokes, price moves from -30% to +30% (and controller pauses), time jumps of ten
 * minutes to two days, and wallet-to-wallet transfers. After every command: the reserve is never negative, the
 * escrow equals the open entries, every entry is in exactly its modelled state; a wallet transfer never reverts.
 * The canary (GateLeakCanary: refunds forget to release the escrow) must be caught.
 */
const BPS = 10_000n;
const S = { None: 0n, Queued: 1n, Executable: 2n, Executed: 3n, Expired: 4n, Cancelled: 5n } as const;

type Status = "open" | "executed" | "refunded";
interface Entry {
  trader: string;
  buy: boolean;
  amount: bigint;
  status: Status;
}
interface Model {
  entries: Entry[]; // id - 1
}
interface Real {
  f: GateFixture;
  traders: HardhatEthersSigner[];
  gateAddress: string;
}
type Cmd = fc.AsyncCommand<Model, Real>;

const withFees = {
  "caesar.fees.baseBps": 10n,
  "caesar.fees.minFee": 10n ** 15n,
  "caesar.token.demurrageBps": 100n,
} as const;
const honest = () => deployGate(withFees);
const leaky = () => deployGate(withFees, GATE_RESERVE, "GateLeakCanary");

/** The custom error name of a revert, or "" */
function errorName(r: Real, e: unknown): string {
  const data = (e as { data?: string }).data ?? "";
  // the gate's own errors, or a token's (a transfer of more than the trader holds)
  for (const c of [r.f.gate, r.f.token, r.f.usd]) {
    try {
      const name = c.interface.parseError(data)?.name;
      if (name) return name;
    } catch {
      // not this contract's error
    }
  }
  return "";
}

async function checkAll(m: Model, r: Real): Promise<void> {
  const { gate, token, usd } = r.f;
  const [cBal, qBal, eC, eQ, count] = await Promise.all([
    token.balanceOf(r.gateAddress),
    usd.balanceOf(r.gateAddress),
    gate.escrowCaesar(),
    gate.escrowQuote(),
    gate.entryCount(),
  ]);
  expect(cBal >= eC && qBal >= eQ, `${INV.CAESAR_GATE_RESERVE}: ${cBal} < ${eC} or ${qBal} < ${eQ}`).to.equal(true);
  const open = m.entries.filter((e) => e.status === "open");
  const sum = (buy: boolean) => open.filter((e) => e.buy === buy).reduce((a, e) => a + e.amount, 0n);
  expect(eC, `${INV.CAESAR_GATE_ESCROW}: CAESAR`).to.equal(sum(false));
  expect(eQ, `${INV.CAESAR_GATE_ESCROW}: quote`).to.equal(sum(true));
  expect(count, INV.CAESAR_GATE_ENTRIES).to.equal(BigInt(m.entries.length));
  for (let i = 0; i < m.entries.length; i++) {
    const id = BigInt(i + 1);
    const e = m.entries[i];
    const [st, stored] = await Promise.all([gate.state(id), gate.entry(id)]);
    const closed = stored.closed;
    if (e.status === "open") {
      expect(closed, `${INV.CAESAR_GATE_ENTRIES}: ${id} open`).to.equal(0n);
      expect([S.Queued, S.Executable, S.Expired], `${INV.CAESAR_GATE_ENTRIES}: ${id}`).to.include(st);
    } else if (e.status === "executed") {
      expect(st, `${INV.CAESAR_GATE_ENTRIES}: ${id} executed`).to.equal(S.Executed);
    } else {
      expect([S.Cancelled, S.Expired], `${INV.CAESAR_GATE_ENTRIES}: ${id} refunded`).to.include(st);
      expect(closed === 2n || closed === 3n, `${INV.CAESAR_GATE_ENTRIES}: ${id} refunded`).to.equal(true);
    }
    expect(stored.amountIn, INV.CAESAR_GATE_ENTRIES).to.equal(e.amount);
  }
}

class TradeCmd implements Cmd {
  constructor(
    readonly who: number,
    readonly buy: boolean,
    readonly amount: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const t = r.traders[this.who];
    const g = r.f.gate.connect(t);
    // The amounts are drawn without the trader's balance (fees, demurrage and earlier trades move it): a trade of
    // more than the trader holds must be refused by the token, and only then.
    const held = await (this.buy ? r.f.usd : r.f.token).balanceOf(t.address);
    let receipt;
    try {
      receipt = await (await (this.buy ? g.buy(this.amount, 0n, DEADLINE) : g.sell(this.amount, 0n, DEADLINE))).wait();
    } catch (e) {
      // Two refusals only: the breaker (and only while it is tripped), or the token's, for a trade of more than the
      // trader holds (and only then).
      const name = errorName(r, e);
      if (name === "GateBreakerTripped") {
        expect((await r.f.gate.breaker())[0], "refused only while the breaker is tripped").to.equal(true);
        return;
      }
      expect(name, `trade refused: ${name || String(e).slice(0, 300)}`).to.equal("ERC20InsufficientBalance");
      expect(this.amount > held, `refused a trade of ${this.amount} with ${held} held`).to.equal(true);
      return;
    }
    const log = receipt!.logs.find((l) => r.f.gate.interface.parseLog(l)?.name === "TradeQueued");
    if (log !== undefined) {
      const q = eventArgs(receipt!, r.f.gate.interface, "TradeQueued");
      expect(q.id).to.equal(BigInt(m.entries.length + 1));
      m.entries.push({ trader: t.address, buy: this.buy, amount: this.amount, status: "open" });
    }
  }
  toString = () => `${this.buy ? "buy" : "sell"}(${this.who}, ${this.amount})`;
}

/** Acts on an entry (mostly an open one): execute (its trader), cancel (its trader) or refund (anyone). */
class EntryCmd implements Cmd {
  constructor(
    readonly action: "execute" | "cancel" | "refund",
    readonly pick: number,
  ) {}
  check = (m: Readonly<Model>) => m.entries.length > 0;
  async run(m: Model, r: Real): Promise<void> {
    // an open entry when there is one (closed ones only check the state machine's refusals)
    const open = m.entries.map((e, k) => k).filter((k) => m.entries[k].status === "open");
    const i = open.length > 0 && this.pick % 4 !== 0 ? open[this.pick % open.length] : this.pick % m.entries.length;
    const id = BigInt(i + 1);
    const e = m.entries[i];
    const st = await r.f.gate.state(id);
    const trader = r.traders.find((t) => t.address === e.trader)!;
    const g = r.f.gate.connect(this.action === "refund" ? r.traders[2] : trader);
    try {
      await (await g[this.action](id)).wait();
    } catch (err) {
      const name = errorName(r, err);
      expect(
        ["GateUnexpectedState", "GateBreakerTripped", "GateAlreadyRefunded"],
        `${this} refused: ${name}`,
      ).to.include(name);
      // only a refund of an entry already refunded after its expiry says so
      if (name === "GateAlreadyRefunded") expect((await r.f.gate.entry(id)).closed, `${this}`).to.equal(3n);
      return;
    }
    if (this.action === "execute") {
      expect(st).to.equal(S.Executable);
      e.status = "executed";
    } else {
      expect(this.action === "cancel" ? [S.Queued, S.Executable] : [S.Expired]).to.include(st);
      e.status = "refunded";
    }
  }
  toString = () => `${this.action}(#${this.pick})`;
}

class PriceCmd implements Cmd {
  constructor(
    readonly devBps: bigint,
    readonly outBps: bigint,
    readonly paused: boolean,
  ) {}
  check = () => true;
  async run(_m: Model, r: Real): Promise<void> {
    const sign = this.devBps < 0n ? -1n : 1n;
    await r.f.regime.set(this.paused, (this.devBps * WAD) / BPS, (sign * this.outBps * WAD) / BPS);
    await r.f.gate.poke();
  }
  toString = () => `price(${this.devBps} bps, out ${this.outBps}${this.paused ? ", paused" : ""})`;
}

class WarpCmd implements Cmd {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(): Promise<void> {
    await time.increase(this.seconds);
  }
  toString = () => `warp ${this.seconds}s`;
}

class WalletCmd implements Cmd {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly pick: bigint,
  ) {}
  check = () => true;
  async run(_m: Model, r: Real): Promise<void> {
    const from = r.traders[this.from];
    const to = r.traders[(this.from + 1 + this.to) % r.traders.length];
    const amount = ((await r.f.token.balanceOf(from.address)) * this.pick) / 1_000n;
    try {
      await (await r.f.token.connect(from).transfer(to.address, amount)).wait();
    } catch (e) {
      expect.fail(`${INV.CAESAR_GATE_EXIT}: ${String(e).slice(0, 300)}`);
    }
  }
  toString = () => `wallet(${this.from} -> +${this.to}, ${this.pick}/1000)`;
}

const who = fc.integer({ min: 0, max: 1 });
const amount = fc.bigInt({ min: 1n, max: 5_000n }).map((a) => a * CAESAR);
const pick = fc.nat({ max: 1_000 });
const commands: fc.Arbitrary<Cmd>[] = [
  fc.tuple(who, fc.boolean(), amount).map(([w, b, a]) => new TradeCmd(w, b, a)),
  fc.tuple(who, fc.boolean(), amount).map(([w, b, a]) => new TradeCmd(w, b, a)),
  fc.tuple(who, fc.boolean(), amount).map(([w, b, a]) => new TradeCmd(w, b, a)),
  pick.map((p) => new EntryCmd("execute", p)),
  pick.map((p) => new EntryCmd("execute", p)),
  pick.map((p) => new EntryCmd("cancel", p)),
  pick.map((p) => new EntryCmd("refund", p)),
  fc
    .tuple(fc.bigInt({ min: -3_000n, max: 3_000n }), fc.bigInt({ min: 0n, max: 1_000n }), fc.nat({ max: 9 }))
    .map(([d, o, p]) => new PriceCmd(d, o, p === 0)),
  fc
    .tuple(fc.bigInt({ min: 1_000n, max: 2_500n }), fc.boolean())
    .map(([d, up]) => new PriceCmd(up ? d : -d, 300n, false)),
  fc
    .oneof(fc.integer({ min: 600, max: 7_200 }), fc.integer({ min: 3_600, max: 2 * 86_400 }))
    .map((s) => new WarpCmd(s)),
  fc
    .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }), fc.bigInt({ min: 0n, max: 1_000n }))
    .map(([a, b, p]) => new WalletCmd(a, b, p)),
];

function campaign(fixture: typeof honest, fixed = false) {
  return runModel<Model, Real>({
    commands,
    defaults: { runs: 10, cmds: 60 },
    size: "max",
    fixed,
    setup: async () => {
      const f = await loadFixture(fixture);
      return {
        model: { entries: [] },
        real: { f, traders: [f.alice, f.bob, f.carol], gateAddress: await f.gate.getAddress() },
      };
    },
    check: checkAll,
  });
}

describe("StabilityGate invariants (fast-check: trades, queue, breaker, price moves, time jumps, wallet exits)", () => {
  it("holds CAESAR_GATE_RESERVE, CAESAR_GATE_ESCROW, CAESAR_GATE_ENTRIES, CAESAR_GATE_EXIT", async () => {
    await campaign(honest);
  });

  it("catches the canary GateLeakCanary (a refund forgets to release the escrow)", async () => {
    await expectCaught(() => campaign(leaky, true), /CAESAR_GATE_(ESCROW|RESERVE)/);
  });
});
