import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { fcRuns } from "../../helpers/fc";
import { claimAmount, meshDue, meshInterest, meshPasses, MESH_YEAR, stakeAtRisk } from "../../../sdk/bpci/core/mesh";
import { InvalidArgumentError } from "../../../sdk/kit/core/errors";
import type { MeshInterestHarness } from "../../../typechain-types";

/** MeshInterest (contracts/bpci/mesh) against sdk/bpci/core/mesh.ts on random inputs. */
async function deployHarness() {
  return { h: (await ethers.deployContract("MeshInterestHarness")) as unknown as MeshInterestHarness };
}

const principal = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.constantFrom(0n, 1n, 10n ** 18n - 1n));
const rate = fc.oneof(fc.bigInt({ min: 0n, max: 50_000n }), fc.constantFrom(0n, 1n, 10_000n));
const duration = fc.oneof(fc.bigInt({ min: 0n, max: 4n * MESH_YEAR }), fc.constantFrom(0n, 1n, MESH_YEAR));

describe("MeshInterest == sdk/bpci/core/mesh (differential)", () => {
  it("interest and due agree with the SDK, rounded up", async () => {
    const { h } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(principal, rate, duration, async (p, r, d) => {
        const i = meshInterest(p, r, d);
        expect(await h.interest(p, r, d)).to.equal(i);
        expect(await h.due(p, r, d)).to.equal(meshDue(p, r, d));
        // rounded up: the exact value is within (i - 1, i]
        expect(i * 10_000n * MESH_YEAR >= p * r * d).to.equal(true);
        expect(i === 0n || (i - 1n) * 10_000n * MESH_YEAR < p * r * d).to.equal(true);
      }),
      fcRuns(60),
    );
  });

  it("hand-computed values: 10,000 NEX at 5% for 30 days; 1 wei at 1 bps for 1 s; a full year at 100%", () => {
    expect(meshInterest(10_000n * 10n ** 18n, 500n, 30n * 86_400n)).to.equal(41_095_890_410_958_904_110n);
    expect(meshInterest(1n, 1n, 1n)).to.equal(1n);
    expect(meshDue(100n, 10_000n, MESH_YEAR)).to.equal(200n);
    expect(meshInterest(0n, 500n, MESH_YEAR)).to.equal(0n);
  });

  it("claimAmount is min(shortfall, stake); stakeAtRisk caps the shortfalls at the stake; the 67% line", () => {
    expect(claimAmount(1_050n, 50n, 2_000n)).to.equal(1_000n);
    expect(claimAmount(1_050n, 50n, 400n)).to.equal(400n);
    expect(() => claimAmount(1n, 2n, 0n)).to.throw(InvalidArgumentError);
    expect(() => meshInterest(-1n, 0n, 0n)).to.throw(InvalidArgumentError);
    expect(stakeAtRisk([{ due: 600n, repaid: 100n }], 1_000n)).to.equal(500n);
    expect(
      stakeAtRisk(
        [
          { due: 600n, repaid: 100n },
          { due: 700n, repaid: 0n },
        ],
        1_000n,
      ),
    ).to.equal(1_000n);
    expect(meshPasses(6_700n, 10_000n, 6_700n)).to.equal(true);
    expect(meshPasses(6_699n, 10_000n, 6_700n)).to.equal(false);
  });
});
