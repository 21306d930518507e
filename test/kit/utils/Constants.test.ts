import { expect } from "chai";
import { ethers } from "hardhat";
import { BPS, WAD } from "../../../sdk/kit/core";

/** utils/Constants.sol: the kit's one BPS and WAD, and the SDK's mirrors of them. */
describe("Constants (utils)", () => {
  it("BPS is 10,000 and WAD is 1e18, equal to the SDK's BPS and WAD", async () => {
    const h = await (await ethers.getContractFactory("ConstantsHarness")).deploy();
    expect(await h.bps()).to.equal(10_000n);
    expect(await h.wad()).to.equal(10n ** 18n);
    expect(await h.bps()).to.equal(BPS);
    expect(await h.wad()).to.equal(WAD);
  });

  it("is the unit of every fee split: shares must sum to BPS, and a split of BPS wei pays each share in wei", async () => {
    const split = await (await ethers.getContractFactory("FeeSplitHarness")).deploy();
    expect(await split.split(BPS, [3_333n, 3_333n, 3_334n])).to.deep.equal([3_333n, 3_333n, 3_334n]);
    await expect(split.validate([5_000n, 4_999n]))
      .to.be.revertedWithCustomError(split, "FeeSplitSharesNotWhole")
      .withArgs(BPS - 1n);
  });
});
