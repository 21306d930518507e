import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { DEFAULTS, QUIV, deployMarket, stakeValidators, submittedJob, type MarketFixture } from "../fixtures/market";
import { GENESIS } from "../fixtures/foundation";
import { deployQuiver } from "../fixtures/quiver";

describe("QuiverMetrics", () => {
  let f: MarketFixture;
  beforeEach(async () => {
    f = await loadFixture(deployMarket);
  });

  it("reports the configured sources and non-circulating holders", async () => {
    const [token, staking, market, channels, disputes, governor] = await f.metrics.sources();
    expect(token).to.equal(await f.quiv.getAddress());
    expect(staking).to.equal(await f.staking.getAddress());
    expect(market).to.equal(await f.market.getAddress());
    expect(channels).to.equal(ethers.ZeroAddress);
    expect(disputes).to.equal(await f.disputes.getAddress());
    expect(governor).to.equal(ethers.ZeroAddress);
    expect(await f.metrics.nonCirculatingHolders()).to.deep.equal([f.treasury.address, f.ecosystem.address]);
  });

  it("returns every figure in one call after some activity", async () => {
    await stakeValidators(f, 2);
    const job = await submittedJob(f); // one escrowed job
    await f.quiv.connect(f.team).transfer(await f.staking.getAddress(), 4_000_000n * QUIV); // stake stand-in
    const supply = GENESIS.treasury + GENESIS.ecosystem + GENESIS.team;
    const staked = 4_000_000n * QUIV;
    const locked = staked + job.price + 2n * DEFAULTS.validatorMinStake;
    const m = await f.metrics.metrics();
    expect(m.totalSupply).to.equal(supply);
    expect(m.totalValueLocked).to.equal(locked);
    expect(m.circulatingSupply).to.equal(supply - locked - GENESIS.treasury - GENESIS.ecosystem);
    expect(m.burned).to.equal(0n);
    expect(m.stakingRatioBps).to.equal(100n); // 4M / 400M = 1%
    expect(m.activeValidators).to.equal(2n);
    expect(m.openJobs).to.equal(1n);
    expect(m.governanceProposals).to.equal(0n);

    await f.market.connect(f.consumer).confirm(job.jobId);
    await f.market.flushFees();
    const after = await f.metrics.metrics();
    const burned = job.price / 100n; // 1% burn leg (price 1 QUIV + 7 wei)
    expect(after.burned).to.equal(burned);
    expect(after.totalSupply).to.equal(supply - burned);
    expect(after.openJobs).to.equal(0n);
  });

  describe("given optional sources", () => {
    it("reads the governor's proposal count, and 0 from a governor without it", async () => {
      const gov = await ethers.deployContract("MockGovernorCount");
      await gov.setProposalCount(7n);
      const q = await f.quiv.getAddress();
      const z = ethers.ZeroAddress;
      const withGov = await ethers.deployContract("QuiverMetrics", [q, z, z, z, z, await gov.getAddress(), []]);
      expect((await withGov.metrics()).governanceProposals).to.equal(7n);
      const wrongGov = await ethers.deployContract("QuiverMetrics", [q, z, z, z, z, q, []]);
      expect((await wrongGov.metrics()).governanceProposals).to.equal(0n);
      const bare = await ethers.deployContract("QuiverMetrics", [q, z, z, z, z, z, []]);
      const m = await bare.metrics();
      expect([m.totalValueLocked, m.activeValidators, m.openJobs, m.stakingRatioBps]).to.deep.equal([0n, 0n, 0n, 0n]);
      expect(m.circulatingSupply).to.equal(m.totalSupply);
    });

    it("floors the circulating supply at 0 and reports a zero staking ratio for zero supply", async () => {
      const q = await f.quiv.getAddress();
      const z = ethers.ZeroAddress;
      const all = [f.treasury.address, f.ecosystem.address, f.team.address, f.team.address];
      const m = await (await ethers.deployContract("QuiverMetrics", [q, z, z, z, z, z, all])).metrics();
      expect(m.circulatingSupply).to.equal(0n);
      const empty = await ethers.deployContract("QuivToken", [f.deployer.address, [], []]);
      const mt = await ethers.deployContract("QuiverMetrics", [await empty.getAddress(), z, z, z, z, z, []]);
      const e = await mt.metrics();
      expect([e.totalSupply, e.stakingRatioBps, e.circulatingSupply]).to.deep.equal([0n, 0n, 0n]);
    });

    it("rejects a zero token and more than 8 holders", async () => {
      const z = ethers.ZeroAddress;
      await expect(ethers.deployContract("QuiverMetrics", [z, z, z, z, z, z, []])).to.be.revertedWithCustomError(
        f.metrics,
        "MetricsZeroToken",
      );
      const nine = Array(9).fill(f.treasury.address);
      await expect(ethers.deployContract("QuiverMetrics", [await f.quiv.getAddress(), z, z, z, z, z, nine]))
        .to.be.revertedWithCustomError(f.metrics, "MetricsTooManyHolders")
        .withArgs(9n, 8n);
    });
  });

  describe("SEC-09 given the QUIVer preset's governor", () => {
    it("SEC-09 reports the real number of governance proposals", async () => {
      const q = await loadFixture(deployQuiver);
      expect((await q.metrics.metrics()).governanceProposals).to.equal(0n);
      await q.quiv.connect(q.team).delegate(q.team.address);
      await ethers.provider.send("evm_mine", []);
      const gov = await q.governor.getAddress();
      for (const d of ["SEC-09 one", "SEC-09 two"]) await q.governor.connect(q.team).propose([gov], [0n], ["0x"], d);
      expect(await q.governor.proposalCount()).to.equal(2n);
      expect((await q.metrics.metrics()).governanceProposals).to.equal(2n);
    });
  });
});
