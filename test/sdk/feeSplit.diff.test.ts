import { expect } from "chai";
import fc from "fast-check";
import { fcSizes } from "../helpers/fc";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { BPS, MAX_UINT256, RuleError, split, split2 } from "../../sdk/kit/core";
import { decodeRevertData, toKitError } from "../../sdk/kit/chain";
import type { FeeSplitHarness } from "../../typechain-types";

const { numRuns: RUNS, seed: SEED } = fcSizes({ runs: 60, cmds: 0 });

/** The FeeSplit library behind its test harness (a library is not part of any Ignition module). */
async function deployHarness() {
  return { harness: (await ethers.deployContract("FeeSplitHarness")) as unknown as FeeSplitHarness };
}

/** Random shares summing to 10,000: cut points in [0, 10,000]. */
const wholeShares = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 0, maxLength: 7 }).map((cuts) => {
  const sorted = [0, ...cuts.sort((a, b) => a - b), 10_000];
  return sorted.slice(1).map((c, i) => BigInt(c - sorted[i]));
});
const amount = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 0n, max: MAX_UINT256 }));

/** Runs `f` on chain and in the SDK; both must succeed with the same value or fail with the same error. */
async function same<T>(onChain: () => Promise<T>, offChain: () => T): Promise<void> {
  let chainResult: T | undefined;
  let chainError: string | undefined;
  try {
    chainResult = await onChain();
  } catch (e) {
    chainError = toKitError(e, "FeeSplitHarness") instanceof RuleError ? (toKitError(e) as RuleError).errorName : "?";
  }
  let sdkResult: T | undefined;
  let sdkError: string | undefined;
  try {
    sdkResult = offChain();
  } catch (e) {
    sdkError = e instanceof RuleError ? e.errorName : String(e);
  }
  expect(sdkError).to.equal(chainError);
  expect(sdkResult).to.deep.equal(chainResult);
}

describe("sdk/core fee split equals FeeSplit.sol (differential)", () => {
  it("split: same legs for random amounts and shares summing to 10,000", async () => {
    const { harness } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(amount, wholeShares, async (a, shares) => {
        await same(
          async () => (await harness.split(a, shares)).map((x) => x),
          () => split(a, shares),
        );
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("split: same error for shares that do not sum to 10,000 (or no legs)", async () => {
    const { harness } = await loadFixture(deployHarness);
    const anyShares = fc.array(fc.bigInt({ min: 0n, max: 20_000n }), { minLength: 0, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 0n, max: 10n ** 30n }), anyShares, async (a, shares) => {
        await same(
          async () => (await harness.split(a, shares)).map((x) => x),
          () => split(a, shares),
        );
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("split2: same legs and same error above 10,000 bps", async () => {
    const { harness } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(amount, fc.bigInt({ min: 0n, max: BPS + 200n }), async (a, bps) => {
        await same(
          async () => {
            const [first, second] = await harness.split2(a, bps);
            return { first, second };
          },
          () => split2(a, bps),
        );
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("the decoder names the harness's revert", async () => {
    const { harness } = await loadFixture(deployHarness);
    const data = harness.interface.encodeErrorResult("FeeSplitSharesNotWhole", [1n]);
    expect(decodeRevertData(data).errorName).to.equal("FeeSplitSharesNotWhole");
  });
});
