import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { fcRuns } from "../../helpers/fc";
import {
  balanceAfterRebase,
  deltaWad,
  FLX_MAX_SUPPLY,
  gonsPerFragment,
  nextSupply,
  toFragmentsDown,
  totalGonsFor,
} from "../../../sdk/bpci/core/rebase";
import { WAD } from "../../../sdk/kit/core/math";
import type { FlxRebaseMathHarness } from "../../../typechain-types";

/** FlxRebaseMath (contracts/bpci/tokens/libraries) against its SDK mirror (sdk/bpci/core/rebase.ts) on random inputs. */
async function deployHarness() {
  return { h: (await ethers.deployContract("FlxRebaseMathHarness")) as unknown as FlxRebaseMathHarness };
}

const supply = fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: FLX_MAX_SUPPLY }));
const usage = fc.oneof(fc.bigInt({ min: 0n, max: 3n * WAD }), fc.bigInt({ min: 0n, max: 1n << 200n }));
const target = fc.oneof(fc.bigInt({ min: 1n, max: 2n * WAD }), fc.bigInt({ min: 1n, max: 1n << 128n }));
const bps = fc.bigInt({ min: 0n, max: 5_000n });
const delta = fc.bigInt({ min: -5_000n * 10n ** 14n, max: 5_000n * 10n ** 14n });

describe("FlxRebaseMath == sdk/bpci/core/rebase (differential)", () => {
  it("totalGonsFor, gonsPerFragment and toFragmentsDown agree, and the sum of floors never exceeds the supply", async () => {
    const { h } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(supply, supply, fc.bigInt({ min: 0n, max: 10n ** 6n }), async (s0, s, share) => {
        const tg = totalGonsFor(s0);
        expect(await h.totalGonsFor(s0)).to.equal(tg);
        const gpf = gonsPerFragment(tg, s);
        expect(await h.gonsPerFragment(tg, s)).to.equal(gpf);
        const gons = (tg * share) / 10n ** 6n;
        expect(await h.toFragmentsDown(gons, gpf)).to.equal(toFragmentsDown(gons, gpf));
        // FLX_SUM_BOUND: two holders splitting every gon never see more than the supply.
        expect(toFragmentsDown(gons, gpf) + toFragmentsDown(tg - gons, gpf) <= s).to.equal(true);
      }),
      fcRuns(60),
    );
  });

  it("deltaWad agrees, stays within +-maxBps and is 0 inside the deadband", async () => {
    const { h } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(usage, target, bps, fc.bigInt({ min: 0n, max: 1_000n }), async (u, t, maxBps, dead) => {
        const d = deltaWad(u, t, maxBps, dead);
        expect(await h.deltaWad(u, t, maxBps, dead)).to.equal(d);
        const abs = d < 0n ? -d : d;
        expect(abs <= maxBps * 10n ** 14n).to.equal(true);
        if (d !== 0n) expect(abs >= dead * 10n ** 14n || abs === maxBps * 10n ** 14n).to.equal(true);
      }),
      fcRuns(80),
    );
  });

  it("nextSupply and balanceAfterRebase agree; a holder's balance moves by the supply's factor (floor)", async () => {
    const { h } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(supply, delta, fc.bigInt({ min: 0n, max: 10n ** 6n }), async (s, d, share) => {
        const next = nextSupply(s, d);
        expect(await h.nextSupply(s, d, FLX_MAX_SUPPLY)).to.equal(next);
        expect(next >= 1n && next <= FLX_MAX_SUPPLY).to.equal(true);
        const tg = totalGonsFor(s);
        const gons = (tg * share) / 10n ** 6n;
        const after = balanceAfterRebase(gons, tg, s, d);
        expect(after.supply).to.equal(next);
        expect(after.balance).to.equal(await h.toFragmentsDown(gons, await h.gonsPerFragment(tg, next)));
      }),
      fcRuns(60),
    );
  });
});
