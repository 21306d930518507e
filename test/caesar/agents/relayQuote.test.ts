import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployAgentsWith, CAESAR } from "./fixtures";
import { fcRuns } from "../../helpers/fc";
import type { RelayQuoteProbe } from "../../../typechain-types";

/** quoteTransfer == transferFromAuthorized in the same block, on random amounts, times and rapid-trade states. */
async function probeFixture() {
  const f = await deployAgentsWith({ "caesar.antispec.threshold": 1n });
  const probe = (await ethers.deployContract("RelayQuoteProbe")) as unknown as RelayQuoteProbe;
  await f.token.grantRole(await f.token.PROCESSOR_ROLE(), await probe.getAddress());
  return { ...f, probe };
}

describe("CaesarToken relayed transfers: quoteTransfer == transferFromAuthorized", () => {
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
        async (i, step, amount, warp) => {
          if (warp > 0) await time.increase(warp);
          const from = people[i];
          const to = people[(i + step) % 3];
          await probe.run(await token.getAddress(), from.address, to.address, amount);
          const q = await probe.quote();
          const c = await probe.charged();
          expect([c.fee, c.penalty, c.demurrage, c.net]).to.deep.equal([q.fee, q.penalty, q.demurrage, q.net]);
          expect(await probe.fromDrop()).to.equal(amount === 0n ? 0n : q.fee + q.penalty + q.demurrage + q.net);
          expect(await probe.toGain()).to.equal(q.net);
        },
      ),
      fcRuns(25),
    );
  });
});
