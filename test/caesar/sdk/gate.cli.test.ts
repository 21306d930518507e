/**
 * The stability gate in the CAESAR preset through the CLI: `kit caesar market buy|sell` (approving the gate first),
 * `kit caesar queue list|execute|cancel|refund`, `kit caesar stability gate|poke`, text and --json, against the real
 * pair and StabilityController: a neutral trade, then a price pushed beyond the blocking threshold, the controller
 * updated from the TWAP, a destabilizing buy that trips the breaker and is queued, the next one refused with the
 * gate's error, the entry cancelled with an exact refund.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { CAESAR_TEST_KEY_2 } from "../../../sdk/caesar/preset";
import { connectCaesarGate, readGate, readQueue } from "../../../sdk/caesar";
import { addressOf } from "../../../sdk/kit/chain";
import type { MockStablecoin } from "../../../typechain-types";
import { deployCaesarPreset } from "./fixture";
import { addressBookFile, kitRunner } from "../../helpers/kitCli";
import { TOKEN as Q } from "../../helpers/units";

async function fixture() {
  const f = await deployCaesarPreset();
  const bookFile = addressBookFile(f.book.contracts, "kit-caesar-gate-").file;
  const usd = (await ethers.getContractAt("MockStablecoin", await f.gate.quote())) as unknown as MockStablecoin;
  await usd.mint(f.holder.address, 1_000_000n * Q);
  return { ...f, bookFile, usd };
}

let f: Awaited<ReturnType<typeof fixture>>;

const { kit } = kitRunner({ book: () => f.bookFile });

describe("CAESAR preset: kit caesar market / queue (the stability gate)", () => {
  beforeEach(async () => {
    f = await loadFixture(fixture);
  });

  it("the preset wires the gate to asset 1's stabilizer pause flag in the asset registry", async () => {
    const assets = addressOf(f.book, "assets");
    expect(await f.gate.assetGate()).to.deep.equal([assets, 1n]);
  });

  it("trades through the gate when neutral (--json: amounts, bonus, penalty), approving it first", async () => {
    expect(await f.holder.getAddress()).to.equal(new ethers.Wallet(CAESAR_TEST_KEY_2).address);
    const b = await kit(["--json", "caesar", "market", "buy", "100"], CAESAR_TEST_KEY_2);
    expect(b.code, b.stderr).to.equal(0);
    expect(b.json().action).to.equal("buy");
    expect(BigInt(b.json().amountOut)).to.be.greaterThan(0n);
    expect(b.json().penalty).to.equal("0");
    const s = await kit(["caesar", "market", "sell", "50"], CAESAR_TEST_KEY_2);
    expect(s.code, s.stderr).to.equal(0);
    expect(s.stdout).to.contain("sell: received");
    const l = await kit(["--json", "caesar", "queue", "list"]);
    expect(l.code, l.stderr).to.equal(0);
    expect(l.json().entries).to.deep.equal([]);
    const g = await kit(["caesar", "stability", "gate"]);
    expect(g.code, g.stderr).to.equal(0);
    expect(g.stdout).to.contain("breaker not tripped, armed");
  });

  it("queues a destabilizing buy beyond the thresholds, refuses the next while tripped, cancels exactly", async () => {
    // push the price up ~44% through the (neutral) gate, let the TWAP see it, update the controller
    await f.usd.connect(f.holder).approve(await f.gate.getAddress(), ethers.MaxUint256);
    await f.gate.connect(f.holder).buy(20_000n * Q, 0n, 2n ** 40n);
    await time.increase(3_700);
    expect((await kit(["caesar", "stability", "update"], CAESAR_TEST_KEY_2)).code).to.equal(0);
    const st = await f.stability.regime();
    expect(st[1]).to.be.greaterThan(2n * 10n ** 17n); // beyond +20%
    const before = await f.usd.balanceOf(f.holder.address);
    const q = await kit(["--json", "caesar", "market", "buy", "10"], CAESAR_TEST_KEY_2);
    expect(q.code, q.stderr).to.equal(0);
    expect(q.json().queuedId).to.equal("1");
    const refused = await kit(["caesar", "market", "buy", "10"], CAESAR_TEST_KEY_2);
    expect(refused.code).to.not.equal(0);
    expect(refused.stderr).to.contain("GateBreakerTripped");
    const gate = connectCaesarGate(f.book, f.deployer);
    expect((await readGate(gate)).breakerTripped).to.equal(true);
    const l = await kit(["--json", "caesar", "queue", "list", "--trader", f.holder.address]);
    expect(l.code, l.stderr).to.equal(0);
    expect(l.json().entries[0].state).to.equal("Queued");
    expect(l.json().entries[0].amountIn).to.equal((10n * Q).toString());
    const early = await kit(["caesar", "queue", "execute", "1"], CAESAR_TEST_KEY_2);
    expect(early.code).to.not.equal(0);
    expect(early.stderr).to.contain("GateUnexpectedState");
    const c = await kit(["caesar", "queue", "cancel", "1"], CAESAR_TEST_KEY_2);
    expect(c.code, c.stderr).to.equal(0);
    expect(await f.usd.balanceOf(f.holder.address)).to.equal(before);
    expect((await readQueue(gate))[0].state).to.equal("Cancelled");
    const p = await kit(["caesar", "stability", "poke"], CAESAR_TEST_KEY_2);
    expect(p.code, p.stderr).to.equal(0);
    const bad = await kit(["caesar", "queue", "refund", "0"], CAESAR_TEST_KEY_2);
    expect(bad.code).to.not.equal(0);
  });
});
