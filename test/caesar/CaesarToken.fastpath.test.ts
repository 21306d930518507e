/**
 * CaesarToken's transfer fast path (`_fastMove`: two decaying accounts, a day and congestion window already
 * ticked, not a rapid trade) against the general path (`_move`), from the same state at the same timestamp: every
 * account word, the clock, the accrual and the events must be identical. `CaesarTokenPathSwitch` switches the fast
 * path off; each step runs the transfer fast, reads everything, reverts to the snapshot, and runs it again slow.
 */
import { expect } from "chai";
import fc from "fast-check";
import { network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse } from "ethers";
import { deployCaesarWith, type CaesarFixture } from "./fixtures";
import type { CaesarTokenPathSwitch } from "../../typechain-types";
import { fcRuns } from "../helpers/fc";
import { DAY_S as DAY } from "../helpers/units";

async function switched(): Promise<CaesarFixture & { sw: CaesarTokenPathSwitch }> {
  const f = await deployCaesarWith({}, "CaesarTokenPathSwitch");
  return { ...f, sw: f.token as unknown as CaesarTokenPathSwitch };
}

/** Everything a transfer can change, as plain values. */
async function stateOf(f: CaesarFixture, tx: ContractTransactionResponse | undefined, error: string | undefined) {
  const t = f.token;
  const accounts = [f.alice, f.bob, f.carol, f.dave, f.treasury, f.reserve, f.distributor].map((a) => a.address);
  const words = [];
  for (const a of accounts) words.push([await t.baseOf(a), await t.balanceOf(a), ...(await t.speculationOf(a))]);
  const events = [];
  if (tx) {
    const receipt = await tx.wait();
    for (const log of receipt!.logs) {
      const e = t.interface.parseLog(log);
      events.push([e!.name, ...e!.args]);
    }
  }
  return {
    error,
    words,
    events,
    totals: [
      await t.totalBase(),
      await t.nominalTotal(),
      await t.accrued(),
      await t.index(),
      ...(await t.congestion()),
    ],
  };
}

async function send(f: CaesarFixture, from: number, to: number, amount: bigint) {
  const people = [f.alice, f.bob, f.carol, f.dave];
  try {
    return { tx: await f.token.connect(people[from]).transfer(people[to].address, amount), error: undefined };
  } catch (e) {
    return { tx: undefined, error: (e as Error).message };
  }
}

describe("CaesarToken transfer fast path == general path", () => {
  it("gives identical words, clock, accrual and events for random transfers and time jumps", async () => {
    let fast = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: 3 }),
            to: fc.integer({ min: 0, max: 3 }),
            pick: fc.bigInt({ min: 0n, max: 1_000_001n }),
            warp: fc.oneof(
              fc.constant(1),
              fc.integer({ min: 1, max: 3 * 3_600 }),
              fc.integer({ min: DAY, max: 40 * DAY }),
            ),
          }),
          { minLength: 4, maxLength: 14 },
        ),
        async (steps) => {
          const f = await loadFixture(switched);
          for (const s of steps) {
            const people = [f.alice, f.bob, f.carol, f.dave];
            const balance = await f.token.balanceOf(people[s.from].address);
            const amount = (balance * s.pick) / 1_000_000n; // up to just above the balance
            const at = (await time.latest()) + s.warp + 1;
            const snap = await network.provider.send("evm_snapshot", []);
            const before = await f.sw.fastMoves();
            await time.setNextBlockTimestamp(at);
            const a = await send(f, s.from, s.to, amount);
            const viaFast = await stateOf(f, a.tx, a.error);
            const took = (await f.sw.fastMoves()) > before;
            await network.provider.send("evm_revert", [snap]);
            await f.sw.setSlow(true);
            await time.setNextBlockTimestamp(at);
            const b = await send(f, s.from, s.to, amount);
            const viaSlow = await stateOf(f, b.tx, b.error);
            await f.sw.setSlow(false);
            expect(viaFast, `step ${JSON.stringify(s, (_k, v) => (typeof v === "bigint" ? `${v}` : v))}`).to.deep.equal(
              viaSlow,
            );
            if (took) fast++;
          }
        },
      ),
      fcRuns(12),
    );
    expect(fast, "the campaign exercises the fast path").to.be.greaterThan(10);
  });

  it("takes the fast path for an ordinary transfer and leaves rapid trades, exempt accounts and new days to the general path", async () => {
    const f = await loadFixture(switched);
    await time.increase(2 * DAY);
    await f.token.connect(f.carol).transfer(f.dave.address, 1n); // ticks the day
    let n = await f.sw.fastMoves();
    await f.token.connect(f.alice).transfer(f.bob.address, 10n ** 18n);
    expect(await f.sw.fastMoves()).to.equal(++n);
    await f.token.connect(f.bob).transfer(f.carol.address, 1n); // bob received in this day: a rapid trade
    await f.token.connect(f.alice).transfer(f.treasury.address, 1n); // exempt receiver
    await f.token.connect(f.alice).transfer(f.alice.address, 1n); // self-transfer
    await f.token.connect(f.alice).transfer(f.carol.address, 0n); // zero
    await time.increase(DAY);
    await f.token.connect(f.alice).transfer(f.carol.address, 1n); // first of the day: ticks the index
    expect(await f.sw.fastMoves()).to.equal(n);
  });
});
