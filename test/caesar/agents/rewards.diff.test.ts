import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import * as core from "../../../sdk/caesar/core";
import { fcRuns } from "../../helpers/fc";
import type { CaesarRewardHarness } from "../../../typechain-types";

/**
 * Differential tests: sdk/caesar/core/rewards.ts against CaesarRewardMath through
 * contracts/mocks/caesar/CaesarRewardHarness.sol, on random inputs; and the normalisation property of the model.
 */
async function harness(): Promise<CaesarRewardHarness> {
  return (await ethers.deployContract("CaesarRewardHarness")) as unknown as CaesarRewardHarness;
}

const wei = fc.bigInt({ min: 0n, max: 10n ** 27n });

describe("CAESAR rewards: SDK core == CaesarRewardMath", () => {
  it("efficiency and points agree on random hops, penalties, fees and demurrage", async () => {
    const h = await loadFixture(harness);
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: 50n }),
        fc.bigInt({ min: 0n, max: 2_500n }),
        wei,
        fc.bigInt({ min: 0n, max: 2n }),
        async (hops, pen, fee, dem) => {
          const eff = core.efficiencyBps(hops, pen);
          expect(eff).to.equal(await h.efficiencyBps(hops, pen));
          expect(core.relayPoints(fee, dem, eff)).to.equal(await h.points(fee, dem, eff));
          const p = core.relayPoints(fee, dem, eff);
          for (const m of [5_000n, 10_000n, 10_998n, 20_000n]) {
            expect(core.regionalPoints(p, m)).to.equal(await h.regionalPoints(p, m));
          }
        },
      ),
      fcRuns(30),
    );
  });

  it("the reward and the 70/20/5/5 legs agree on random pots, weights and shares", async () => {
    const h = await loadFixture(harness);
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: 10n ** 27n }),
        fc.bigInt({ min: 0n, max: 10n ** 40n }),
        fc.bigInt({ min: 0n, max: 10n ** 40n }),
        fc.bigInt({ min: 5_000n, max: 9_000n }),
        fc.bigInt({ min: 0n, max: 4_000n }),
        fc.bigInt({ min: 0n, max: 1_000n }),
        async (pot, w, extra, ab, tb, ib) => {
          expect(core.epochReward(pot, w, w + extra)).to.equal(await h.reward(pot, w, w + extra));
          if (ab + tb + ib > 10_000n) {
            await expect(h.legs(pot, ab, tb, ib)).to.be.revertedWithCustomError(h, "FeeSplitSharesNotWhole");
            return;
          }
          const l = core.distributionLegs(pot, ab, tb, ib);
          expect(await h.legs(pot, ab, tb, ib)).to.deep.equal([l.agents, l.treasury, l.infra, l.reserve]);
        },
      ),
      fcRuns(30),
    );
  });

  it("epochPayout never pays more than the pot and leaves less than one wei of dust per rewarded agent", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 27n }),
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.option(fc.bigInt({ min: 0n, max: 10_000n }))), {
          maxLength: 20,
        }),
        (pot, list) => {
          const agents = new Map(list.map(([points, acc], i) => [`a${i}`, { points, accuracyBps: acc ?? undefined }]));
          const { rewards, dust } = core.epochPayout(pot, agents);
          const paid = [...rewards.values()].reduce((s, r) => s + r, 0n);
          expect(paid + dust).to.equal(pot);
          expect(dust >= 0n).to.equal(true);
          if (rewards.size > 0) expect(dust < BigInt(rewards.size)).to.equal(true);
        },
      ),
      fcRuns(200),
    );
  });
});
