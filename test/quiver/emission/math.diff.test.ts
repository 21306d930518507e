import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import fc from "fast-check";
import { fcSizes } from "../../helpers/fc";
import { epochAt, epochEmission, yearBudget } from "../../../sdk/quiver/core/emission";
import type { StakingMathHarness } from "../../../typechain-types";

const { numRuns: RUNS, seed: SEED } = fcSizes({ runs: 100, cmds: 0 });

describe("SDK emission math == EmissionMath (differential)", () => {
  async function fixture() {
    const h = (await (await ethers.getContractFactory("StakingMathHarness")).deploy()) as unknown as StakingMathHarness;
    return { h };
  }

  it("epochEmission agrees to the wei, including >= 256 halvings and both caps", async () => {
    const { h } = await loadFixture(fixture);
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: 10n ** 27n }),
        fc.bigInt({ min: 0n, max: 10n ** 7n }),
        fc.bigInt({ min: 1n, max: 30n * 86_400n }),
        fc.bigInt({ min: 30n * 86_400n, max: 3_000n * 86_400n }),
        fc.bigInt({ min: 0n, max: 100_000n }),
        fc.bigInt({ min: 0n, max: 10n ** 27n }),
        fc.bigInt({ min: 0n, max: 10n ** 27n }),
        async (base, epoch, len, halving, metric, yearLeft, capLeft) => {
          const s = { base, epochLength: len, halvingInterval: halving };
          const onChain = await h.epochEmission(base, epoch, len, halving, metric, yearLeft, capLeft);
          const sdk = epochEmission(s, epoch, metric, yearLeft, capLeft);
          expect(onChain).to.equal(sdk);
          expect(sdk <= capLeft && sdk <= yearLeft && sdk <= base * 2n).to.equal(true);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("yearBudget and epochAt agree", async () => {
    const { h } = await loadFixture(fixture);
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: 10n ** 27n }),
        fc.bigInt({ min: 0n, max: 10_000n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 7n }),
        async (supply, bps, t, start, len) => {
          expect(await h.yearBudget(supply, bps)).to.equal(yearBudget(supply, bps));
          expect(await h.epochAt(t, start, len)).to.equal(epochAt(t, start, len));
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
