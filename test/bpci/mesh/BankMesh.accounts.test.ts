/**
 * BankMesh with more than one account per person: a bank that joins in the block a proposal starts, stake split
 * across two banks, votes delegated from one bank to another, and two banks of one owner dealing with each other.
 * Each test states what the mesh prevents and what it only makes cost something.
 */
import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployMesh, TOKEN } from "../fixtures/mesh";
import { DAY } from "../../helpers/units";

const H = (s: string) => ethers.id(s);
const KEY = H("bpci.mesh.settlementTimeout");
const PK = { ParameterChange: 0 };

/** alice 6,000, bob 2,000, carol 1,000, dave 1,000 NEX (10,000 in all). */
async function fourBanks() {
  const f = await deployMesh();
  const stakes = [6_000n, 2_000n, 1_000n, 1_000n];
  for (const [i, b] of f.banks.entries()) await f.mesh.connect(b).join(stakes[i] * TOKEN, `bank${i}`, `https://b${i}`);
  return f;
}

describe("BankMesh: second accounts", () => {
  it("a bank that joins in the block a proposal starts has no vote in it (the snapshot is the second before)", async () => {
    const f = await loadFixture(fourBanks);
    await network.provider.send("evm_setAutomine", [false]);
    try {
      await f.mesh.connect(f.stranger).join(50_000n * TOKEN, "late", "https://late");
      await f.mesh.connect(f.bob).propose(PK.ParameterChange, ethers.ZeroAddress, KEY, 900n, H("d"));
      await network.provider.send("evm_mine");
    } finally {
      await network.provider.send("evm_setAutomine", [true]);
    }
    const p = await f.mesh.proposalOf(1);
    expect(p.totalStake).to.equal(10_000n * TOKEN); // the 50,000 NEX of the same block are not in the total
    await expect(f.mesh.connect(f.stranger).vote(1, true))
      .to.be.revertedWithCustomError(f.mesh, "BankMeshNoVotes")
      .withArgs(1, f.stranger.address, p.snapshot);
  });

  it("splitting a stake across two banks adds no weight: two 1,000 NEX banks count 2,000, the same as one", async () => {
    const f = await loadFixture(fourBanks);
    await f.mesh.connect(f.bob).propose(PK.ParameterChange, ethers.ZeroAddress, KEY, 900n, H("d"));
    await expect(f.mesh.connect(f.carol).vote(1, true))
      .to.emit(f.mesh, "MeshVoteCast")
      .withArgs(1, f.carol.address, true, 1_000n * TOKEN);
    await expect(f.mesh.connect(f.dave).vote(1, true))
      .to.emit(f.mesh, "MeshVoteCast")
      .withArgs(1, f.dave.address, true, 1_000n * TOKEN);
    await f.mesh.connect(f.bob).vote(1, true);
    const p = await f.mesh.proposalOf(1);
    expect(p.approvals).to.equal(4_000n * TOKEN);
    expect(p.approvals * 10_000n < p.totalStake * 6_700n).to.equal(true); // 40% of 10,000: still short
  });

  it("votes delegated to another bank before the start are counted once: the delegatee votes both, the delegator none", async () => {
    const f = await loadFixture(fourBanks);
    await f.mesh.connect(f.carol).delegate(f.dave.address);
    await f.mesh.connect(f.bob).propose(PK.ParameterChange, ethers.ZeroAddress, KEY, 900n, H("d"));
    const snapshot = (await f.mesh.proposalOf(1)).snapshot;
    await expect(f.mesh.connect(f.dave).vote(1, true))
      .to.emit(f.mesh, "MeshVoteCast")
      .withArgs(1, f.dave.address, true, 2_000n * TOKEN);
    await expect(f.mesh.connect(f.carol).vote(1, true))
      .to.be.revertedWithCustomError(f.mesh, "BankMeshNoVotes")
      .withArgs(1, f.carol.address, snapshot);
    // delegating back after the start moves nothing in this proposal
    await f.mesh.connect(f.carol).delegate(f.carol.address);
    await expect(f.mesh.connect(f.carol).vote(1, true))
      .to.be.revertedWithCustomError(f.mesh, "BankMeshNoVotes")
      .withArgs(1, f.carol.address, snapshot);
    expect((await f.mesh.proposalOf(1)).approvals).to.equal(2_000n * TOKEN);
  });

  it("two banks of one owner can lend to each other (the mesh cannot tell); each repaid loan moves reputation +100 and costs two stakes", async () => {
    // The mesh refuses a bank dealing with itself (BankMeshSelfDealing, tested in BankMesh.test.ts), but carol and
    // dave here stand for one owner with two addresses. Nothing on-chain reads reputation: it is a signal for bank
    // agents, who should weigh it by counterparty diversity. Farming it costs a second minimum stake, locked.
    const f = await loadFixture(fourBanks);
    const nex = await f.nex.getAddress();
    for (let i = 1n; i <= 3n; i++) {
      await f.mesh.connect(f.carol).requestLiquidity(nex, 1n, 800, DAY);
      await f.mesh.connect(f.dave).offer(i, 1n, 0, H("wash"));
      await f.mesh.connect(f.carol).accept(i);
      await expect(f.mesh.connect(f.carol).repay(i, 1n))
        .to.emit(f.mesh, "BankReputationChanged")
        .withArgs(f.carol.address, 5_000n + 100n * i);
    }
    expect(await f.mesh.reputationOf(f.carol.address)).to.equal(5_300n);
    expect(await f.mesh.stakeOf(f.carol.address)).to.equal(1_000n * TOKEN);
    expect(await f.mesh.stakeOf(f.dave.address)).to.equal(1_000n * TOKEN);
  });
});
