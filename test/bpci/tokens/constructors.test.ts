import { expect } from "chai";
import { ethers } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciTokens, NEX_LIFETIME_CAP, TOKEN } from "../fixtures/tokens";

/**
 * The deployment checks of the four BPCI tokens: every zero address, every length mismatch and every out-of-range
 * genesis or cap is refused with the token's own error and its arguments (every custom error reached).
 */
describe("BPCI token constructors", () => {
  const Z = ethers.ZeroAddress;
  let admin: HardhatEthersSigner;
  let alice: HardhatEthersSigner;
  let registry: string;
  let feed: string;

  before(async () => {
    const f = await loadFixture(deployBpciTokens);
    [admin, alice] = [f.admin, f.alice];
    registry = await f.registry.getAddress();
    feed = await f.usageFeed.getAddress();
  });

  it("GEN refuses a zero admin or registry, mismatched genesis lists and a zero exempt account", async () => {
    const G = await ethers.getContractFactory("GenToken");
    const ok: [string[], bigint[]] = [[alice.address], [100_000n * TOKEN]];
    await expect(G.deploy(Z, registry, ...ok, [])).to.be.revertedWithCustomError(G, "GenZeroAddress");
    await expect(G.deploy(admin.address, Z, ...ok, [])).to.be.revertedWithCustomError(G, "GenZeroAddress");
    await expect(G.deploy(admin.address, registry, [alice.address], [1n, 2n], []))
      .to.be.revertedWithCustomError(G, "GenGenesisLengthMismatch")
      .withArgs(1, 2);
    await expect(G.deploy(admin.address, registry, ...ok, [Z])).to.be.revertedWithCustomError(G, "GenZeroAddress");
  });

  it("NEX refuses a zero admin or registry and a lifetime cap of 0 or above 2^208 - 1", async () => {
    const N = await ethers.getContractFactory("NexToken");
    await expect(N.deploy(Z, registry, NEX_LIFETIME_CAP)).to.be.revertedWithCustomError(N, "NexZeroAddress");
    await expect(N.deploy(admin.address, Z, NEX_LIFETIME_CAP)).to.be.revertedWithCustomError(N, "NexZeroAddress");
    const max = 2n ** 208n - 1n;
    await expect(N.deploy(admin.address, registry, 0n))
      .to.be.revertedWithCustomError(N, "NexInvalidCap")
      .withArgs(0n, max);
    await expect(N.deploy(admin.address, registry, max + 1n))
      .to.be.revertedWithCustomError(N, "NexInvalidCap")
      .withArgs(max + 1n, max);
    await expect(N.deploy(admin.address, registry, max)).to.not.be.reverted;
  });

  it("FLX refuses a zero registry or feed, mismatched genesis lists and a genesis of 0 or above 2^104 - 1", async () => {
    const F = await ethers.getContractFactory("FlxToken");
    const max = 2n ** 104n - 1n;
    await expect(F.deploy(Z, feed, [alice.address], [TOKEN])).to.be.revertedWithCustomError(F, "FlxZeroAddress");
    await expect(F.deploy(registry, Z, [alice.address], [TOKEN])).to.be.revertedWithCustomError(F, "FlxZeroAddress");
    await expect(F.deploy(registry, feed, [alice.address], []))
      .to.be.revertedWithCustomError(F, "FlxGenesisLengthMismatch")
      .withArgs(1, 0);
    await expect(F.deploy(registry, feed, [alice.address], [0n]))
      .to.be.revertedWithCustomError(F, "FlxInvalidGenesisSupply")
      .withArgs(0n, max);
    await expect(F.deploy(registry, feed, [alice.address, admin.address], [max, 1n]))
      .to.be.revertedWithCustomError(F, "FlxInvalidGenesisSupply")
      .withArgs(max + 1n, max);
    await expect(F.deploy(registry, feed, [alice.address], [max])).to.not.be.reverted;
  });

  it("AUR refuses a zero admin, registry or reserve feed", async () => {
    const A = await ethers.getContractFactory("AurToken");
    for (const args of [
      [Z, registry, feed],
      [admin.address, Z, feed],
      [admin.address, registry, Z],
    ] as [string, string, string][]) {
      await expect(A.deploy(...args)).to.be.revertedWithCustomError(A, "AurZeroAddress");
    }
  });
});
