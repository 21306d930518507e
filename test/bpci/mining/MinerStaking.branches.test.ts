import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { id } from "ethers";
import { deployBpciMining } from "../fixtures/mining";
import { TOKEN } from "../fixtures/tokens";
import { findBpciParameter } from "../../../sdk/bpci/core";

const d = (name: string) => findBpciParameter(`bpci.poe.${name}`)!.value;

describe("MinerStaking: construction and zero amounts", () => {
  it("refuses a zero registry with StakingZeroAddress", async () => {
    const f = await loadFixture(deployBpciMining);
    const libraries: Record<string, string> = {};
    for (const name of ["UnbondingSegments", "RewardDrip"])
      libraries[name] = await (await ethers.deployContract(name)).getAddress();
    const factory = await ethers.getContractFactory("MinerStaking", { libraries });
    await expect(factory.deploy(await f.nex.getAddress(), ethers.ZeroAddress)).to.be.revertedWithCustomError(
      f.staking,
      "StakingZeroAddress",
    );
  });

  it("refuses a zero stake and a zero unbonding of a registered miner with StakingZeroAmount", async () => {
    const f = await loadFixture(deployBpciMining);
    const m = f.miners[0];
    await expect(f.staking.connect(m).stake(0n)).to.be.revertedWithCustomError(f.staking, "StakingZeroAmount");
    await expect(f.staking.connect(m).unbond(0n)).to.be.revertedWithCustomError(f.staking, "StakingZeroAmount");
    expect(await f.staking.stakeOf(m.address)).to.equal(1_000n * TOKEN);
  });

  it("with the minimum lowered to 0, registers a miner without a stake (no transfer), active at 0 >= 0", async () => {
    const f = await loadFixture(deployBpciMining);
    await f.registry.connect(f.admin).set(id("bpci.poe.minStake"), 0n);
    const s = f.stranger;
    const tx = f.staking.connect(s).registerMiner(0n);
    await expect(tx).to.emit(f.staking, "MinerRegistered").withArgs(s.address, 0n);
    await expect(tx).to.not.emit(f.staking, "MinerStaked");
    await expect(tx).to.not.emit(f.nex, "Transfer");
    expect(await f.staking.stakeOf(s.address)).to.equal(0n);
    // registered, and 0 >= the minimum 0: active with no stake (the bootstrap the parameter's note describes)
    expect(await f.staking.activeMiner(s.address)).to.deep.equal([true, 0n, 0n]);
    await expect(f.staking.connect(s).registerMiner(0n))
      .to.be.revertedWithCustomError(f.staking, "MinerStakingAlreadyRegistered")
      .withArgs(s.address);
  });
});

describe("MinerStaking: the unbonding queue bound", () => {
  it("takes at most MAX_UNBONDINGS (16) entries, then MinerStakingTooManyUnbondings; a withdrawal frees a slot", async () => {
    const f = await loadFixture(deployBpciMining);
    const m = f.miners[1];
    const max = await f.staking.MAX_UNBONDINGS();
    expect(max).to.equal(16n);
    for (let i = 0n; i < max; i++) {
      const t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      await expect(f.staking.connect(m).unbond(TOKEN))
        .to.emit(f.staking, "MinerUnbondingStarted")
        .withArgs(m.address, i, TOKEN, t + d("unbondingPeriod"));
    }
    await expect(f.staking.connect(m).unbond(TOKEN))
      .to.be.revertedWithCustomError(f.staking, "MinerStakingTooManyUnbondings")
      .withArgs(m.address, max, max);
    expect(await f.staking.stakeOf(m.address)).to.equal(1_000n * TOKEN - max * TOKEN);
    await time.increase(d("unbondingPeriod"));
    const tx = f.staking.connect(m).withdraw(0n);
    await expect(tx).to.emit(f.staking, "MinerWithdrawn").withArgs(m.address, 0n, TOKEN);
    await expect(tx).to.changeTokenBalance(f.nex, m, TOKEN);
    expect((await f.staking.unbondingsOf(m.address)).length).to.equal(15);
    await expect(f.staking.connect(m).unbond(TOKEN)).to.emit(f.staking, "MinerUnbondingStarted");
  });
});
