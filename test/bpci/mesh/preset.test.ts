import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciEconomy, type BpciEconomy } from "../fixtures/preset";
import { defaultOf } from "../fixtures/tokens";
import { addressOf } from "../../../sdk/kit/chain/addressBook";
import { parameterKey } from "../../../sdk/bpci/core/parameters";
import { TOKEN } from "../../helpers/units";

/** The miner's NEX (issued by PoE mining in the economy fixture) is the only NEX of the preset: it joins the mesh. */
async function withBank() {
  const f = await deployBpciEconomy();
  const nex = await f.nex.balanceOf(f.miner.address);
  await f.nex.connect(f.miner).approve(await f.mesh.getAddress(), ethers.MaxUint256);
  return { ...f, minerNex: nex };
}

describe("BankMesh in the BPCI preset", () => {
  it("is deployed as Bpci#BankMesh on the preset's NEX and registry, with no bank and no admin", async () => {
    const f: BpciEconomy = await loadFixture(deployBpciEconomy);
    expect(addressOf(f.book, "mesh")).to.equal(await f.mesh.getAddress());
    expect(await f.mesh.bankCount()).to.equal(0n);
    expect(await f.mesh.counts()).to.deep.equal([0n, 0n, 0n, 0n]);
    // no AccessControl in the ABI: nothing to hand over
    expect(f.mesh.interface.fragments.some((x) => "name" in x && x.name === "hasRole")).to.equal(false);
  });

  it("reads bpci.mesh.minStake from the preset's registry (a join below it reverts with the catalogue default)", async () => {
    const f = await loadFixture(withBank);
    const min = defaultOf("bpci.mesh.minStake");
    await expect(f.mesh.connect(f.miner).join(min - 1n, "m", "m"))
      .to.be.revertedWithCustomError(f.mesh, "BankMeshBelowMinimum")
      .withArgs(f.miner.address, min - 1n, min);
  });

  it("follows the timelock's registry change: at 100 NEX the miner joins with its mined NEX and votes from the next second", async () => {
    const f = await loadFixture(withBank);
    const timelock = await f.timelock.getAddress();
    await ethers.provider.send("hardhat_impersonateAccount", [timelock]);
    await ethers.provider.send("hardhat_setBalance", [timelock, "0xde0b6b3a7640000"]);
    const asTimelock = await ethers.getSigner(timelock);
    await f.registry.connect(asTimelock).set(parameterKey("bpci.mesh.minStake"), 100n * TOKEN);
    await ethers.provider.send("hardhat_stopImpersonatingAccount", [timelock]);
    expect(f.minerNex >= 100n * TOKEN).to.equal(true);
    await expect(f.mesh.connect(f.miner).join(100n * TOKEN, "miner bank", "https://miner"))
      .to.emit(f.mesh, "BankJoined")
      .withArgs(f.miner.address, "miner bank", "https://miner", 100n * TOKEN);
    const t = BigInt(await time.latest());
    await time.increase(1);
    expect(await f.mesh.getPastVotes(f.miner.address, t)).to.equal(100n * TOKEN);
    expect(await f.mesh.bankStatus(f.miner.address)).to.equal(1n);
  });
});
