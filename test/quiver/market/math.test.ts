import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { fcSizes } from "../../helpers/fc";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { MarketMathHarness } from "../../../typechain-types";
import {
  MarketMathError,
  bidCommitment,
  disputeIdOf,
  permutation,
  penaltyUp,
  quorumFor,
  splitBond,
  splitPayment,
  tally,
  voteCommitment,
} from "../../../sdk/quiver/core/market";
import { BPS } from "../../../sdk/kit/core/math";

const { numRuns: RUNS, seed: SEED } = fcSizes({ runs: 20, cmds: 0 });

/** Differential tests: sdk/quiver/core/market.ts against contracts/quiver/market/MarketMath.sol and the contracts' hashes. */
describe("MarketMath (SDK differential)", () => {
  async function deployHarness() {
    const h = (await ethers.deployContract("MarketMathHarness")) as unknown as MarketMathHarness;
    const disputes = await ethers.deployContract("DisputeManager", [
      (await ethers.getSigners())[0].address,
      await h.getAddress(),
      await h.getAddress(),
      await h.getAddress(),
      await h.getAddress(),
    ]);
    return { h, disputes };
  }

  const amount = fc.bigInt({ min: 0n, max: 10n ** 27n });
  const bps = (max: bigint) => fc.bigInt({ min: 0n, max });

  it("splitPayment: legs equal the library's and sum to the price", async () => {
    const { h } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(amount, bps(5_000n), bps(2_500n), bps(2_500n), async (price, n, t, b) => {
        const ours = splitPayment(price, n, t, b);
        const [reward, network, treasury, burned] = await h.splitPayment(price, n, t, b);
        expect([ours.providerReward, ours.networkFee, ours.treasuryFee, ours.burned]).to.deep.equal([
          reward,
          network,
          treasury,
          burned,
        ]);
        expect(reward + network + treasury + burned).to.equal(price);
        expect(network * BPS).to.be.at.most(price * n);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("splitBond, quorumFor, tally and penaltyUp match the library", async () => {
    const { h } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(
        amount,
        bps(5_000n),
        bps(5_000n),
        fc.bigInt({ min: 0n, max: 1_000n }),
        fc.bigInt({ min: 0n, max: 1_000n }),
        fc.bigInt({ min: 1n, max: 1_000n }),
        bps(10_000n),
        async (x, b1, b2, up, down, q, maj) => {
          const sb = splitBond(x, b1, b2);
          expect(await h.splitBond(x, b1, b2)).to.deep.equal([sb.burned, sb.voters, sb.provider]);
          expect(await h.quorumFor(up, maj)).to.equal(quorumFor(up, maj));
          expect(await h.tally(up, down, q, maj)).to.equal(BigInt(tally(up, down, q, maj)));
          expect(await h.penaltyUp(x, b1)).to.equal(penaltyUp(x, b1));
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("the committee permutation matches the library and visits every index once (SEC-04)", async () => {
    const { h } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
        fc.bigInt({ min: 1n, max: 60n }),
        async (seed, n) => {
          const { start, step } = permutation(seed, n);
          expect(await h.permutation(seed, n)).to.deep.equal([start, step]);
          const seen = new Set<bigint>();
          for (let i = 0n; i < n; i++) seen.add((start + i * step) % n);
          expect(seen.size).to.equal(Number(n));
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    expect(await h.permutation(5n, 0n)).to.deep.equal([0n, 1n]);
  });

  it("commitment hashes and dispute ids match the contracts", async () => {
    const { disputes } = await loadFixture(deployHarness);
    const market = await ethers.deployContract("InferenceMarketplace", Array(6).fill(await disputes.getAddress()));
    const p = ethers.Wallet.createRandom().address;
    const salt = ethers.id("s");
    expect(await market.bidCommitment(7n, p, 123n, salt)).to.equal(bidCommitment(7n, p, 123n, salt));
    const id = disputeIdOf(7n);
    expect(await disputes.disputeIdOf(7n)).to.equal(id);
    expect(await disputes.voteCommitment(id, p, true, salt)).to.equal(voteCommitment(id, p, true, salt));
  });

  it("the SDK rejects shares above 100% like the contract", async () => {
    const { h } = await loadFixture(deployHarness);
    expect(() => splitPayment(1n, 5_000n, 5_000n, 1n)).to.throw(MarketMathError);
    await expect(h.splitPayment(1n, 5_000n, 5_000n, 1n)).to.be.revertedWithCustomError(h, "FeeSplitSharesNotWhole");
    expect(() => splitBond(1n, 6_000n, 5_000n)).to.throw(MarketMathError);
    expect(() => penaltyUp(-1n, 1n)).to.throw(MarketMathError);
  });
});
