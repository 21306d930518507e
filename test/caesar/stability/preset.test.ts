import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import PairArtifact from "@uniswap/v2-core/build/UniswapV2Pair.json";
import { deployCaesarPreset, POOL_SEED } from "../sdk/fixture";

describe("CAESAR preset: the Uniswap V2 market and the stability controller", () => {
  it("deploys the pair from the package artifacts, registers it as a pool and seeds it 1:1 from the deployer", async () => {
    const f = await loadFixture(deployCaesarPreset);
    const pairAddress = await f.twap.pair();
    expect(await f.caesar.kindOf(pairAddress)).to.equal(2n);
    const pair = new ethers.Contract(pairAddress, PairArtifact.abi, ethers.provider);
    const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
    expect([r0, r1]).to.deep.equal([POOL_SEED, POOL_SEED]);
    expect(await f.caesar.balanceOf(f.deployer.address)).to.equal(0n);
    expect(await f.caesar.kindOf(f.deployer.address)).to.equal(0n); // decaying again after the seeding
    expect(await pair.balanceOf(await f.timelock.getAddress())).to.equal(POOL_SEED - 1_000n); // minus V2's minimum
    expect(f.book.contracts["Caesar#StabilityController"]).to.equal(await f.stability.getAddress());
  });

  it("makes the controller the fee engine's stability source, guarded by the guardian Safe, governed by the timelock", async () => {
    const f = await loadFixture(deployCaesarPreset);
    const controller = await f.stability.getAddress();
    expect((await f.caesar.factorSources())[2]).to.equal(controller);
    expect(await f.stability.source()).to.equal(await f.twap.getAddress());
    const admin = await f.stability.DEFAULT_ADMIN_ROLE();
    expect(await f.stability.hasRole(admin, await f.timelock.getAddress())).to.equal(true);
    expect(await f.stability.hasRole(admin, f.deployer.address)).to.equal(false);
    const guardian = f.book.contracts["Kit#guardianSafe"];
    expect(await f.stability.hasRole(await f.stability.GUARDIAN_ROLE(), guardian)).to.equal(true);
  });

  it("deploys the StabilityGate on the pair and the controller: the token's reserve and gate, guarded, governed", async () => {
    const f = await loadFixture(deployCaesarPreset);
    const gate = await f.gate.getAddress();
    expect(f.book.contracts["Caesar#StabilityGate"]).to.equal(gate);
    expect(await f.gate.pair()).to.equal(await f.twap.pair());
    expect(await f.gate.controller()).to.equal(await f.stability.getAddress());
    expect(await f.caesar.stabilityReserve()).to.equal(gate);
    expect(await f.caesar.stabilityGate()).to.equal(gate);
    const admin = await f.gate.DEFAULT_ADMIN_ROLE();
    expect(await f.gate.hasRole(admin, await f.timelock.getAddress())).to.equal(true);
    expect(await f.gate.hasRole(admin, f.deployer.address)).to.equal(false);
    expect(await f.gate.hasRole(await f.gate.GUARDIAN_ROLE(), f.book.contracts["Kit#guardianSafe"])).to.equal(true);
    // the real controller's regime reads neutral at deployment (no update yet): the gate trades without a queue
    expect(await f.stability.regime()).to.deep.equal([false, 0n, 0n]);
  });
});
