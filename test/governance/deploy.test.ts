import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployGovernance } from "../fixtures/governance";

describe("Governance module (smoke)", () => {
  it("deploys", async () => {
    const f = await loadFixture(deployGovernance);
    expect(await f.governor.timelock()).to.equal(await f.timelock.getAddress());
    console.log(await f.council.getOwners(), await f.guardian.getThreshold(), await ethers.provider.getBlockNumber());
  });
});
