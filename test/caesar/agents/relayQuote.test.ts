import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployAgentsWith, CAESAR } from "./fixtures";
import { fcRuns } from "../../helpers/fc";
import type { RelayQuoteProbe } from "../../../typechain-types";
import { parameterKey, transferFee } from "../../../sdk/caesar";

/**
 * quoteAuthorized == transferFromAuthorized in the same block, on random amounts, times, rapid-trade states and
 * regional factors (inside and outside the [0.5, 2.0] clamp); at the neutral factor both equal quoteTransfer.
 */
async function probeFixture() {
  const f = await deployAgentsWith({ "caesar.antispec.threshold": 1n });
  const probe = (await ethers.deployContract("RelayQuoteProbe")) as unknown as RelayQuoteProbe;
  await f.token.grantRole(await f.token.PROCESSOR_ROLE(), await probe.getAddress());
  return { ...f, probe };
}

describe("CaesarToken relayed transfers: quoteAuthorized == transferFromAuthorized", () => {
  it("returns, charges and moves exactly the quote (fee, penalty, rounding, net)", async () => {
    const f = await loadFixture(probeFixture);
    const { token, probe, alice, bob, carol } = f;
    const people = [alice, bob, carol];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.bigInt({ min: 0n, max: 10_000n * CAESAR }),
        fc.integer({ min: 0, max: 40 * 86_400 }),
        fc.constantFrom(10_000n, 0n, 4_999n, 5_000n, 13_000n, 20_000n, 30_000n),
        async (i, step, amount, warp, regional) => {
          if (warp > 0) await time.increase(warp);
          const from = people[i];
          const to = people[(i + step) % 3];
          await probe.run(await token.getAddress(), from.address, to.address, amount, regional);
          const q = await probe.quote();
          const c = await probe.charged();
          const p = await probe.plain();
          expect([c.fee, c.penalty, c.demurrage, c.net]).to.deep.equal([q.fee, q.penalty, q.demurrage, q.net]);
          // the region moves only the fee (and, through the amount credited, the receiver's conversion rounding by at
          // most 1 wei); at the neutral factor the relay is the plain transfer
          expect(q.penalty).to.equal(p.penalty);
          const d = q.demurrage - p.demurrage;
          expect(d >= -1n && d <= 1n, `demurrage ${q.demurrage} vs ${p.demurrage}`).to.equal(true);
          if (regional === 10_000n) expect([q.fee, q.demurrage, q.net]).to.deep.equal([p.fee, p.demurrage, p.net]);
          if (regional >= 13_000n) expect(q.fee >= p.fee).to.equal(true);
          if (regional <= 5_000n) expect(q.fee <= p.fee).to.equal(true);
          expect(await probe.fromDrop()).to.equal(amount === 0n ? 0n : q.fee + q.penalty + q.demurrage + q.net);
          expect(await probe.toGain()).to.equal(q.net);
        },
      ),
      fcRuns(25),
    );
  });

  it("charges the fee at the regional factor exactly as the SDK mirror computes it, clamped to [0.5, 2.0]", async () => {
    const f = await loadFixture(probeFixture);
    const { token, probe, alice, bob, registry } = f;
    const amount = 12_345n * CAESAR + 678n;
    const get = (k: string) => registry.get(parameterKey(k));
    const inputs = {
      baseBps: await get("caesar.fees.baseBps"),
      minFee: await get("caesar.fees.minFee"),
      maxFeeBps: await get("caesar.fees.maxBps"),
      liquidityBps: 10_000n,
      volatilityBps: 10_000n,
      stabilityBps: 10_000n,
      congestionBps: 10_000n,
    };
    for (const [regional, applied] of [
      [20_000n, 20_000n],
      [99_999n, 20_000n],
      [7_500n, 7_500n],
      [1n, 5_000n],
    ] as const) {
      await probe.run(await token.getAddress(), alice.address, bob.address, amount, regional);
      const c = await probe.charged();
      expect(c.fee, `regional ${regional}`).to.equal(transferFee(amount, { ...inputs, regionalBps: applied }));
      expect(await probe.fromDrop()).to.equal(c.fee + c.penalty + c.demurrage + c.net);
    }
  });
});
