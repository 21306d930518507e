import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployCaesarRegistry } from "../fixtures";
import { underCoverage } from "../../helpers/fc";
import { parameterKey } from "../../../sdk/caesar/core/parameters";
import type { RegionalPriceMatrix } from "../../../typechain-types";

const NEUTRAL = 10_000n;
const T0 = 1_800_000_000n; // 2027-01-15T08:00:00Z: UTC hour 8
const HOUR8 = 8;

async function deployMatrix() {
  const [admin, stranger] = await ethers.getSigners();
  const registry = await deployCaesarRegistry(admin);
  const matrix = (await ethers.deployContract("RegionalPriceMatrix", [
    await registry.getAddress(),
    admin.address,
  ])) as unknown as RegionalPriceMatrix;
  return { matrix, registry, admin, stranger };
}

/** Regions 1, 2, 3 with edges 1-2 and 2-3. */
async function deploySeeded() {
  const f = await deployMatrix();
  await f.matrix.setRegion(1, 10_000n, 10_000n, 10_500n);
  await f.matrix.setRegion(2, 11_000n, 9_000n, 11_000n);
  await f.matrix.setRegion(3, 9_500n, 12_000n, 10_000n);
  await f.matrix.setEdge(1, 2, 200n, -300n);
  await f.matrix.setEdge(2, 3, 500n, 100n);
  return f;
}

describe("RegionalPriceMatrix", () => {
  describe("given no region", () => {
    it("quotes 1.0 and 0 hops for any region, and starts with neutral temporal factors", async () => {
      const { matrix } = await loadFixture(deployMatrix);
      expect(await matrix.quote(1, T0, 2)).to.equal(NEUTRAL);
      expect(await matrix.quote(0, T0, 0)).to.equal(NEUTRAL);
      expect(await matrix.quote(999, T0, 999)).to.equal(NEUTRAL);
      expect(await matrix.hops(1, 2)).to.equal(0n);
      expect(await matrix.hops(0, 17)).to.equal(0n);
      expect((await matrix.temporalFactors()).map((x) => x)).to.deep.equal(Array(24).fill(NEUTRAL));
      expect(await matrix.regionCount()).to.equal(0n);
      expect(await matrix.maxRegions()).to.equal(16n);
    });

    it("rejects a zero registry or admin", async () => {
      const { matrix, admin } = await loadFixture(deployMatrix);
      const F = await ethers.getContractFactory("RegionalPriceMatrix");
      await expect(F.deploy(ethers.ZeroAddress, admin.address)).to.be.revertedWithCustomError(
        matrix,
        "RegionsZeroAddress",
      );
      await expect(F.deploy(admin.address, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        matrix,
        "RegionsZeroAddress",
      );
    });
  });

  describe("given regions 1, 2, 3 and edges 1-2, 2-3", () => {
    it("stores the regions, adjacency masks, spillovers and ids", async () => {
      const { matrix } = await loadFixture(deploySeeded);
      const r2 = await matrix.regionOf(2);
      expect([r2.exists, r2.geoBps, r2.resourceBps, r2.hopsBps, r2.adjacency]).to.deep.equal([
        true,
        11_000n,
        9_000n,
        11_000n,
        0b101n,
      ]);
      expect(await matrix.regionIds()).to.deep.equal([1n, 2n, 3n]);
      expect(await matrix.regionCount()).to.equal(3n);
      expect(await matrix.spilloverOf(1, 2)).to.equal(200n);
      expect(await matrix.spilloverOf(2, 1)).to.equal(-300n);
      expect(await matrix.spilloverOf(2, 3)).to.equal(500n);
      expect(await matrix.spilloverOf(3, 2)).to.equal(100n);
      expect(await matrix.spilloverOf(1, 3)).to.equal(0n);
      expect(await matrix.spilloverOf(1, 0)).to.equal(0n);
    });

    it("computes hops from the graph, both ways", async () => {
      const { matrix } = await loadFixture(deploySeeded);
      expect(await matrix.hops(1, 1)).to.equal(0n);
      expect(await matrix.hops(1, 2)).to.equal(1n);
      expect(await matrix.hops(1, 3)).to.equal(2n);
      expect(await matrix.hops(3, 1)).to.equal(2n);
      expect(await matrix.hops(1, 4)).to.equal(0n); // unknown region
    });

    it("quotes region 2 from region 1 at hour 8 exactly: 11,000 x 9,000 x 11,000 x 10,000 x 10,100 / 1e16 = 10,998", async () => {
      // hop term 10,000 + 1,000 x 1 = 11,000; spillover 10,000 + (-300 + 500) / 2 = 10,100; temporal 10,000.
      const { matrix } = await loadFixture(deploySeeded);
      const t = await matrix.quoteTerms(2, T0, 1);
      expect([t.hops_, t.hopBps, t.temporalBps, t.spilloverBps, t.modifierBps]).to.deep.equal([
        1n,
        11_000n,
        10_000n,
        10_100n,
        10_998n,
      ]);
      expect(await matrix.quote(2, T0, 1)).to.equal(10_998n);
    });

    it("quotes region 3 from region 1: two hops at 1.0 per hop, spillover of its one neighbour", async () => {
      // 9,500 x 12,000 x 10,000 x 10,000 x 10,100 / 1e16 = 11,514 (floor of 11,514.0)
      const { matrix } = await loadFixture(deploySeeded);
      expect(await matrix.quote(3, T0, 1)).to.equal(11_514n);
      // region 1 from 3: 2 hops x 500 -> 11,000; spillover 10,200: 10,000 x 10,000 x 11,000 x 10,000 x 10,200 / 1e16
      expect(await matrix.quote(1, T0, 3)).to.equal(11_220n);
      // no origin: no hops
      expect(await matrix.quote(1, T0, 0)).to.equal(10_200n);
    });

    it("applies the temporal factor of the UTC hour, and rounds down once", async () => {
      const { matrix, admin } = await loadFixture(deploySeeded);
      const factors = Array.from({ length: 24 }, (_, h) => (h === HOUR8 ? 12_345n : 10_000n));
      await expect(matrix.connect(admin).setTemporalFactors(factors))
        .to.emit(matrix, "TemporalFactorsSet")
        .withArgs(factors);
      // 11,000 x 9,000 x 11,000 x 12,345 x 10,100 / 1e16 = 13,578.14... -> 13,578
      expect(await matrix.quote(2, T0, 1)).to.equal(13_578n);
      expect(await matrix.quote(2, T0 + 3_599n, 1)).to.equal(13_578n); // 08:59:59
      expect(await matrix.quote(2, T0 + 3_600n, 1)).to.equal(10_998n); // 09:00:00
      expect(await matrix.quote(2, T0 - 1n, 1)).to.equal(10_998n); // 07:59:59
    });

    it("clamps the modifier to 2.0 and 0.5", async () => {
      const { matrix } = await loadFixture(deploySeeded);
      await matrix.setRegion(2, 20_000n, 20_000n, 20_000n);
      expect(await matrix.quote(2, T0, 1)).to.equal(20_000n);
      await matrix.setRegion(2, 5_000n, 5_000n, 5_000n);
      expect(await matrix.quote(2, T0, 1)).to.equal(5_000n);
    });

    it("clamps the hop term: 0.5 per hop over 16 hops stays at 0.5 (unreachable regions are 16 hops apart)", async () => {
      const { matrix } = await loadFixture(deploySeeded);
      await matrix.setRegion(4, 10_000n, 10_000n, 5_000n);
      expect(await matrix.hops(1, 4)).to.equal(16n);
      const t = await matrix.quoteTerms(4, T0, 1);
      expect([t.hops_, t.hopBps, t.modifierBps]).to.deep.equal([16n, 5_000n, 5_000n]);
    });

    it("recomputes hops when an edge is added or removed", async () => {
      const { matrix } = await loadFixture(deploySeeded);
      await expect(matrix.setEdge(1, 3, 0n, 0n))
        .to.emit(matrix, "EdgeSet")
        .withArgs(1, 3, 0n, 0n);
      expect(await matrix.hops(1, 3)).to.equal(1n);
      await expect(matrix.removeEdge(3, 1)).to.emit(matrix, "EdgeRemoved").withArgs(3, 1);
      expect(await matrix.hops(1, 3)).to.equal(2n);
      await matrix.removeEdge(1, 2);
      expect(await matrix.hops(1, 3)).to.equal(16n);
      expect(await matrix.spilloverOf(1, 2)).to.equal(0n);
    });

    it("updating an existing edge changes the spillover, not the hops", async () => {
      const { matrix } = await loadFixture(deploySeeded);
      await matrix.setEdge(2, 1, -5_000n, 5_000n);
      expect(await matrix.spilloverOf(2, 1)).to.equal(-5_000n);
      expect(await matrix.spilloverOf(1, 2)).to.equal(5_000n);
      expect(await matrix.hops(1, 2)).to.equal(1n);
    });

    it("removes a region with its edges", async () => {
      const { matrix } = await loadFixture(deploySeeded);
      await expect(matrix.removeRegion(2))
        .to.emit(matrix, "EdgeRemoved")
        .withArgs(2, 1)
        .and.to.emit(matrix, "EdgeRemoved")
        .withArgs(2, 3)
        .and.to.emit(matrix, "RegionRemoved")
        .withArgs(2);
      expect(await matrix.regionIds()).to.deep.equal([1n, 3n]);
      expect((await matrix.regionOf(1)).adjacency).to.equal(0n);
      expect(await matrix.hops(1, 3)).to.equal(16n);
      expect(await matrix.quote(2, T0, 1)).to.equal(NEUTRAL);
      expect(await matrix.quote(1, T0, 0)).to.equal(NEUTRAL);
      await matrix.removeRegion(3); // no edges left
      expect(await matrix.regionCount()).to.equal(1n);
    });
  });

  describe("when governance sets a region", () => {
    it("emits RegionSet with created = true, then false on an update", async () => {
      const { matrix } = await loadFixture(deployMatrix);
      await expect(matrix.setRegion(5, 5_000n, 20_000n, 10_000n))
        .to.emit(matrix, "RegionSet")
        .withArgs(5, 5_000n, 20_000n, 10_000n, true);
      await expect(matrix.setRegion(5, 6_000n, 20_000n, 10_000n))
        .to.emit(matrix, "RegionSet")
        .withArgs(5, 6_000n, 20_000n, 10_000n, false);
      expect(await matrix.regionCount()).to.equal(1n);
    });

    it("rejects each modifier outside [0.5, 2.0] with its value, at 4,999 and 20,001", async () => {
      const { matrix } = await loadFixture(deployMatrix);
      for (const [g, r, h, bad] of [
        [4_999n, 10_000n, 10_000n, 4_999n],
        [10_000n, 20_001n, 10_000n, 20_001n],
        [10_000n, 10_000n, 0n, 0n],
      ]) {
        await expect(matrix.setRegion(1, g, r, h))
          .to.be.revertedWithCustomError(matrix, "RegionsModifierOutOfRange")
          .withArgs(1, bad);
      }
    });

    it("rejects ids 0 and 17", async () => {
      const { matrix } = await loadFixture(deployMatrix);
      for (const id of [0, 17]) {
        await expect(matrix.setRegion(id, NEUTRAL, NEUTRAL, NEUTRAL))
          .to.be.revertedWithCustomError(matrix, "RegionsIdOutOfRange")
          .withArgs(id, 16n);
      }
    });

    it("fills all 16 regions, then refuses none more once the registry lowers the bound", async () => {
      const { matrix, registry } = await loadFixture(deployMatrix);
      for (let id = 1; id <= 16; id++) await matrix.setRegion(id, NEUTRAL, NEUTRAL, NEUTRAL);
      expect(await matrix.regionCount()).to.equal(16n);
      await matrix.removeRegion(16);
      await registry.set(parameterKey("caesar.regions.maxRegions"), 12n);
      await expect(matrix.setRegion(16, NEUTRAL, NEUTRAL, NEUTRAL))
        .to.be.revertedWithCustomError(matrix, "RegionsTooMany")
        .withArgs(15n, 12n);
      await matrix.setRegion(15, 11_000n, NEUTRAL, NEUTRAL); // an update still works
    });

    it("rejects a temporal factor out of range with its hour and value", async () => {
      const { matrix } = await loadFixture(deployMatrix);
      const f = Array(24).fill(NEUTRAL);
      f[23] = 20_001n;
      await expect(matrix.setTemporalFactors(f))
        .to.be.revertedWithCustomError(matrix, "RegionsTemporalOutOfRange")
        .withArgs(23n, 20_001n);
      f[23] = NEUTRAL;
      f[0] = 4_999n;
      await expect(matrix.setTemporalFactors(f))
        .to.be.revertedWithCustomError(matrix, "RegionsTemporalOutOfRange")
        .withArgs(0n, 4_999n);
    });
  });

  describe("when governance sets an edge", () => {
    it("rejects unknown regions, self edges, spillovers outside [-0.5, 0.5] and unknown edges", async () => {
      const { matrix } = await loadFixture(deploySeeded);
      await expect(matrix.setEdge(1, 9, 0n, 0n))
        .to.be.revertedWithCustomError(matrix, "RegionsUnknownRegion")
        .withArgs(9);
      await expect(matrix.setEdge(0, 1, 0n, 0n))
        .to.be.revertedWithCustomError(matrix, "RegionsUnknownRegion")
        .withArgs(0);
      await expect(matrix.setEdge(2, 2, 0n, 0n))
        .to.be.revertedWithCustomError(matrix, "RegionsSelfEdge")
        .withArgs(2);
      await expect(matrix.setEdge(1, 3, 5_001n, 0n))
        .to.be.revertedWithCustomError(matrix, "RegionsSpilloverOutOfRange")
        .withArgs(1, 3, 5_001n);
      await expect(matrix.setEdge(1, 3, 0n, -5_001n))
        .to.be.revertedWithCustomError(matrix, "RegionsSpilloverOutOfRange")
        .withArgs(3, 1, -5_001n);
      await expect(matrix.removeEdge(1, 3)).to.be.revertedWithCustomError(matrix, "RegionsUnknownEdge").withArgs(1, 3);
      await expect(matrix.removeEdge(0, 3)).to.be.revertedWithCustomError(matrix, "RegionsUnknownEdge").withArgs(0, 3);
      await expect(matrix.removeRegion(7)).to.be.revertedWithCustomError(matrix, "RegionsUnknownRegion").withArgs(7);
    });
  });

  describe("access control", () => {
    it("lets only DEFAULT_ADMIN_ROLE change the matrix", async () => {
      const { matrix, stranger } = await loadFixture(deploySeeded);
      const role = await matrix.DEFAULT_ADMIN_ROLE();
      const m = matrix.connect(stranger);
      for (const tx of [
        () => m.setRegion(4, NEUTRAL, NEUTRAL, NEUTRAL),
        () => m.removeRegion(1),
        () => m.setEdge(1, 3, 0n, 0n),
        () => m.removeEdge(1, 2),
        () => m.setTemporalFactors(Array(24).fill(NEUTRAL)),
      ]) {
        await expect(tx())
          .to.be.revertedWithCustomError(matrix, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, role);
      }
    });
  });

  describe("gas of a quote is bounded", () => {
    it("the largest matrix (16 regions, complete graph) quotes under 45k gas (21k of it the call) and hops under 30k", async function () {
      // A bound on the real bytecode: under solidity-coverage the instrumented 136 writes alone took 273 s in CI and
      // the gas is not the deployed code's, so the test runs in `npm test` only.
      if (underCoverage) this.skip();
      const { matrix } = await loadFixture(deployMatrix);
      for (let id = 1; id <= 16; id++) await matrix.setRegion(id, 12_000n, 11_000n, 10_500n);
      for (let a = 1; a <= 16; a++) for (let b = a + 1; b <= 16; b++) await matrix.setEdge(a, b, 100n, -100n);
      expect(await matrix.hops(1, 16)).to.equal(1n);
      const q = await matrix.quote.estimateGas(16, T0, 1);
      const h = await matrix.hops.estimateGas(16, 1);
      expect(q < 45_000n, `quote ${q}`).to.equal(true);
      expect(h < 30_000n, `hops ${h}`).to.equal(true);
    });
  });
});
