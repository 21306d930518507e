import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { id } from "ethers";
import { deployBpciTokens, GENESIS, TOKEN } from "../fixtures/tokens";
import { setBoundsUnfrozen } from "../../helpers/registry";

const SUPPLY = 100_000n * TOKEN;
const LIMIT = 10_000n * TOKEN; // 10% of 100,000 GEN
const MAX_HOLDER = id("bpci.gen.maxHolderBps");

describe("GenToken", () => {
  describe("genesis", () => {
    it("mints exactly 100,000 GEN once, to the genesis recipients, with no mint function afterwards", async () => {
      const { gen, treasury, alice, bob } = await loadFixture(deployBpciTokens);
      expect(await gen.totalSupply()).to.equal(SUPPLY);
      expect(await gen.TOTAL_SUPPLY()).to.equal(SUPPLY);
      expect(await gen.balanceOf(treasury.address)).to.equal(GENESIS.gen.treasury);
      expect(await gen.balanceOf(alice.address)).to.equal(GENESIS.gen.alice);
      expect(await gen.balanceOf(bob.address)).to.equal(GENESIS.gen.bob);
      const names: string[] = [];
      gen.interface.forEachFunction((fn) => names.push(fn.name));
      expect(names.filter((n) => /mint|burn/i.test(n))).to.deep.equal([]);
    });

    it("counts votes on the timestamp clock and exempts the treasury", async () => {
      const { gen, treasury } = await loadFixture(deployBpciTokens);
      expect(await gen.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await gen.isExempt(treasury.address)).to.equal(true);
      expect(await gen.holderLimit()).to.equal(LIMIT);
      expect(await gen.maxHolderBps()).to.equal(1_000n);
    });

    it("rejects genesis amounts that do not sum to 100,000 GEN with GenGenesisSupplyMismatch(total, required)", async () => {
      const { registry, admin, treasury } = await loadFixture(deployBpciTokens);
      const factory = await ethers.getContractFactory("GenToken");
      await expect(factory.deploy(admin.address, registry, [treasury.address], [SUPPLY - 1n], [treasury.address]))
        .to.be.revertedWithCustomError(factory, "GenGenesisSupplyMismatch")
        .withArgs(SUPPLY - 1n, SUPPLY);
    });

    it("limit-checks genesis recipients: a non-exempt recipient of 10,000 GEN + 1 wei reverts", async () => {
      const { registry, admin, treasury, alice } = await loadFixture(deployBpciTokens);
      const factory = await ethers.getContractFactory("GenToken");
      await expect(
        factory.deploy(
          admin.address,
          registry,
          [treasury.address, alice.address],
          [SUPPLY - LIMIT - 1n, LIMIT + 1n],
          [treasury.address],
        ),
      )
        .to.be.revertedWithCustomError(factory, "GenHolderLimitExceeded")
        .withArgs(alice.address, LIMIT + 1n, LIMIT);
    });
  });

  describe("concentration limit", () => {
    describe("when a transfer leaves a non-exempt receiver exactly at the limit", () => {
      it("passes (10,000 GEN)", async () => {
        const { gen, treasury, alice } = await loadFixture(deployBpciTokens);
        await gen.connect(treasury).transfer(alice.address, LIMIT - GENESIS.gen.alice);
        expect(await gen.balanceOf(alice.address)).to.equal(LIMIT);
      });
    });

    describe("when it leaves the receiver one wei above the limit", () => {
      it("reverts with GenHolderLimitExceeded(receiver, balanceAfter, limit)", async () => {
        const { gen, treasury, alice } = await loadFixture(deployBpciTokens);
        await expect(gen.connect(treasury).transfer(alice.address, LIMIT - GENESIS.gen.alice + 1n))
          .to.be.revertedWithCustomError(gen, "GenHolderLimitExceeded")
          .withArgs(alice.address, LIMIT + 1n, LIMIT);
      });

      it("reverts the same through transferFrom and from a second account of the same person", async () => {
        const { gen, treasury, alice, bob, carol } = await loadFixture(deployBpciTokens);
        // alice and bob (one person, two addresses) pool 10,000 GEN on carol: exactly the limit passes.
        await gen.connect(alice).transfer(carol.address, GENESIS.gen.alice);
        await gen.connect(bob).approve(alice.address, GENESIS.gen.bob);
        await gen.connect(alice).transferFrom(bob.address, carol.address, GENESIS.gen.bob);
        expect(await gen.balanceOf(carol.address)).to.equal(LIMIT);
        // A third address of theirs (treasury stands in) cannot top carol up either, directly or via transferFrom.
        await gen.connect(treasury).approve(alice.address, 1n);
        await expect(gen.connect(alice).transferFrom(treasury.address, carol.address, 1n))
          .to.be.revertedWithCustomError(gen, "GenHolderLimitExceeded")
          .withArgs(carol.address, LIMIT + 1n, LIMIT);
        await expect(gen.connect(treasury).transfer(carol.address, 1n))
          .to.be.revertedWithCustomError(gen, "GenHolderLimitExceeded")
          .withArgs(carol.address, LIMIT + 1n, LIMIT);
      });
    });

    describe("given an exempt receiver", () => {
      it("lets it hold above the limit", async () => {
        const { gen, alice, bob, treasury } = await loadFixture(deployBpciTokens);
        await gen.connect(alice).transfer(treasury.address, GENESIS.gen.alice);
        expect(await gen.balanceOf(treasury.address)).to.equal(GENESIS.gen.treasury + GENESIS.gen.alice);
        await expect(gen.connect(bob).transfer(treasury.address, 1n)).to.not.be.reverted;
      });
    });

    describe("when governance changes the exempt list or the limit", () => {
      it("only the admin sets exemptions, emitting HolderExemptionSet(account, exempt, by)", async () => {
        const { gen, admin, stranger, carol } = await loadFixture(deployBpciTokens);
        await expect(gen.connect(stranger).setExempt(carol.address, true))
          .to.be.revertedWithCustomError(gen, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, ethers.ZeroHash);
        await expect(gen.connect(admin).setExempt(carol.address, true))
          .to.emit(gen, "HolderExemptionSet")
          .withArgs(carol.address, true, admin.address);
        expect(await gen.isExempt(carol.address)).to.equal(true);
      });

      it("an account that loses its exemption above the limit keeps its balance but receives nothing more", async () => {
        const { gen, admin, treasury, alice } = await loadFixture(deployBpciTokens);
        await gen.connect(admin).setExempt(treasury.address, false);
        expect(await gen.balanceOf(treasury.address)).to.equal(GENESIS.gen.treasury);
        await expect(gen.connect(alice).transfer(treasury.address, 1n))
          .to.be.revertedWithCustomError(gen, "GenHolderLimitExceeded")
          .withArgs(treasury.address, GENESIS.gen.treasury + 1n, LIMIT);
        await expect(gen.connect(treasury).transfer(alice.address, 1_000n * TOKEN)).to.not.be.reverted;
      });

      it("applies a lowered limit once anyone calls syncHolderLimit (HolderLimitSynced), and not before", async () => {
        const { gen, registry, treasury, alice, carol } = await loadFixture(deployBpciTokens);
        await registry.set(MAX_HOLDER, 500n);
        expect(await gen.holderLimit()).to.equal(5_000n * TOKEN);
        expect(await gen.cachedHolderLimit()).to.equal(LIMIT);
        // Until the sync the token's copy (10%) passes alice at 5,000 GEN + 1 wei without reading the registry.
        await expect(gen.connect(treasury).transfer(alice.address, 1n)).to.not.be.reverted;
        await expect(gen.connect(carol).syncHolderLimit())
          .to.emit(gen, "HolderLimitSynced")
          .withArgs(500n, 5_000n * TOKEN);
        expect(await gen.cachedHolderLimit()).to.equal(5_000n * TOKEN);
        await expect(gen.connect(treasury).transfer(alice.address, 1n))
          .to.be.revertedWithCustomError(gen, "GenHolderLimitExceeded")
          .withArgs(alice.address, GENESIS.gen.alice + 2n, 5_000n * TOKEN);
      });

      it("applies a raised limit at once: above the token's copy the registry's limit decides", async () => {
        const { gen, registry, treasury, alice } = await loadFixture(deployBpciTokens);
        await registry.set(MAX_HOLDER, 1_500n);
        expect(await gen.cachedHolderLimit()).to.equal(LIMIT);
        await gen.connect(treasury).transfer(alice.address, 15_000n * TOKEN - GENESIS.gen.alice);
        expect(await gen.balanceOf(alice.address)).to.equal(15_000n * TOKEN);
        await expect(gen.connect(treasury).transfer(alice.address, 1n))
          .to.be.revertedWithCustomError(gen, "GenHolderLimitExceeded")
          .withArgs(alice.address, 15_000n * TOKEN + 1n, 15_000n * TOKEN);
      });

      it("never reads the limit below the 1% floor: a registry value of 0.5% is read as 1% (1,000 GEN)", async () => {
        const { gen, registry, treasury, carol } = await loadFixture(deployBpciTokens);
        await setBoundsUnfrozen(registry, MAX_HOLDER, 0n, 10_000n, 10_000n, 30n * 86_400n);
        await registry.set(MAX_HOLDER, 50n);
        expect(await gen.maxHolderBps()).to.equal(100n);
        await expect(gen.syncHolderLimit())
          .to.emit(gen, "HolderLimitSynced")
          .withArgs(100n, 1_000n * TOKEN);
        await gen.connect(treasury).transfer(carol.address, 1_000n * TOKEN);
        await expect(gen.connect(treasury).transfer(carol.address, 1n))
          .to.be.revertedWithCustomError(gen, "GenHolderLimitExceeded")
          .withArgs(carol.address, 1_000n * TOKEN + 1n, 1_000n * TOKEN);
      });
    });
  });
});
