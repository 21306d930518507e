import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployFoundation, GENESIS } from "../fixtures/foundation";

describe("smoke", () => {
  it("deploys", async () => {
    const { quiv, treasury } = await loadFixture(deployFoundation);
    expect(await quiv.balanceOf(treasury.address)).to.equal(GENESIS.treasury);
  });
});
