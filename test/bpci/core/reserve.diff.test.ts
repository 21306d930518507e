import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { fcRuns } from "../../helpers/fc";
import { assertMintCovered, maxMintableDown, requiredReservesUp } from "../../../sdk/bpci/core/reserve";
import { RuleError } from "../../../sdk/kit/core/errors";
import type { AurReserveMathHarness } from "../../../typechain-types";

/** AurReserveMath (contracts/bpci/tokens/libraries) against sdk/bpci/core/reserve.ts on random inputs. */
async function deployHarness() {
  return { h: (await ethers.deployContract("AurReserveMathHarness")) as unknown as AurReserveMathHarness };
}

const amount = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 0n, max: 1n << 200n }));
const margin = fc.oneof(fc.constantFrom(0n, 1n, 200n, 5_000n), fc.bigInt({ min: 0n, max: 5_000n }));

describe("AurReserveMath == sdk/bpci/core/reserve (differential)", () => {
  it("requiredReservesUp and maxMintableDown agree with the SDK", async () => {
    const { h } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(amount, amount, margin, async (reserves, supply, m) => {
        expect(await h.requiredReservesUp(supply, m)).to.equal(requiredReservesUp(supply, m));
        expect(await h.maxMintableDown(reserves, supply, m)).to.equal(maxMintableDown(reserves, supply, m));
      }),
      fcRuns(80),
    );
  });

  it("the guard is exact: a positive amount <= maxMintableDown iff reserves >= requiredReservesUp(supply + amount)", async () => {
    await fc.assert(
      fc.property(amount, amount, margin, fc.bigInt({ min: -3n, max: 3n }), (reserves, supply, m, nudge) => {
        const max = maxMintableDown(reserves, supply, m);
        const a = max + nudge < 1n ? 1n : max + nudge;
        const covered = reserves >= requiredReservesUp(supply + a, m);
        expect(covered).to.equal(a <= max);
        if (a > 0n && a <= max)
          expect(assertMintCovered("0x01", a, reserves, supply, m)).to.equal(requiredReservesUp(supply + a, m));
        if (!covered) {
          try {
            assertMintCovered("0x01", a, reserves, supply, m);
            expect.fail("expected AurReservesInsufficient");
          } catch (e) {
            expect((e as RuleError).errorName).to.equal("AurReservesInsufficient");
          }
        }
      }),
      fcRuns(300),
    );
  });
});
