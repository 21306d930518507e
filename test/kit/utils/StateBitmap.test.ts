import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";

describe("StateBitmap (the state-machine convention's bitmap)", () => {
  const deploy = async () =>
    (await ethers.deployContract("StateBitmapHarness")) as unknown as {
      encode(s: number): Promise<string>;
      contains(b: string, s: number): Promise<boolean>;
    };

  it("encodes state s as the single bit 1 << s, for the lowest and the highest state", async () => {
    const h = await loadFixture(deploy);
    expect(await h.encode(0)).to.equal(ethers.toBeHex(1n, 32));
    expect(await h.encode(7)).to.equal(ethers.toBeHex(128n, 32));
    expect(await h.encode(255)).to.equal(ethers.toBeHex(1n << 255n, 32));
  });

  it("contains exactly the states whose bits are set, not their neighbours", async () => {
    const h = await loadFixture(deploy);
    const bitmap = ethers.toBeHex((1n << 1n) | (1n << 3n), 32);
    expect(await h.contains(bitmap, 1)).to.equal(true);
    expect(await h.contains(bitmap, 3)).to.equal(true);
    for (const s of [0, 2, 4, 255]) expect(await h.contains(bitmap, s)).to.equal(false);
    expect(await h.contains(ethers.ZeroHash, 0)).to.equal(false);
  });
});
