import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { id } from "ethers";
import { deployBpciTokens, NEX_LIFETIME_CAP, TOKEN } from "../fixtures/tokens";

const YEARLY = 1_000_000n * TOKEN;
const YEAR = 365n * 86_400n;
const CAP_KEY = id("bpci.nex.yearlyCap");

describe("NexToken", () => {
  it("starts empty with the PoE mining role, a lifetime cap and issuance year 0", async () => {
    const { nex, minter } = await loadFixture(deployBpciTokens);
    expect(await nex.totalSupply()).to.equal(0n);
    expect(await nex.hasRole(await nex.MINTER_ROLE(), minter.address)).to.equal(true);
    expect(await nex.cap()).to.equal(NEX_LIFETIME_CAP);
    expect(await nex.currentYear()).to.equal(0n);
    expect(await nex.yearlyAllowance()).to.deep.equal([0n, 0n, YEARLY, YEARLY]);
  });

  describe("mint", () => {
    it("mints, counts the year and emits NexMinted(minter, to, amount, year, mintedInYear)", async () => {
      const { nex, minter, alice } = await loadFixture(deployBpciTokens);
      await expect(nex.connect(minter).mint(alice.address, 400n * TOKEN))
        .to.emit(nex, "NexMinted")
        .withArgs(minter.address, alice.address, 400n * TOKEN, 0n, 400n * TOKEN);
      expect(await nex.yearlyAllowance()).to.deep.equal([0n, 400n * TOKEN, YEARLY, YEARLY - 400n * TOKEN]);
    });

    it("mints exactly up to the yearly cap over several mints, then one wei more reverts NexYearlyCapExceeded", async () => {
      const { nex, minter, alice, bob } = await loadFixture(deployBpciTokens);
      await nex.connect(minter).mint(alice.address, YEARLY - 7n);
      await nex.connect(minter).mint(bob.address, 7n);
      await expect(nex.connect(minter).mint(bob.address, 1n))
        .to.be.revertedWithCustomError(nex, "NexYearlyCapExceeded")
        .withArgs(minter.address, 0n, YEARLY, 1n, YEARLY);
    });

    it("opens a fresh year at genesis + 365 days (not before)", async () => {
      const { nex, minter, alice } = await loadFixture(deployBpciTokens);
      await nex.connect(minter).mint(alice.address, YEARLY);
      const genesis = await nex.genesisTime();
      await time.setNextBlockTimestamp(genesis + YEAR - 1n);
      await expect(nex.connect(minter).mint(alice.address, 1n)).to.be.revertedWithCustomError(
        nex,
        "NexYearlyCapExceeded",
      );
      await time.setNextBlockTimestamp(genesis + YEAR);
      await expect(nex.connect(minter).mint(alice.address, YEARLY))
        .to.emit(nex, "NexMinted")
        .withArgs(minter.address, alice.address, YEARLY, 1n, YEARLY);
    });

    it("does not give yearly room back on burn", async () => {
      const { nex, minter, alice } = await loadFixture(deployBpciTokens);
      await nex.connect(minter).mint(alice.address, YEARLY);
      await nex.connect(alice).burn(YEARLY);
      await expect(nex.connect(minter).mint(alice.address, 1n))
        .to.be.revertedWithCustomError(nex, "NexYearlyCapExceeded")
        .withArgs(minter.address, 0n, YEARLY, 1n, YEARLY);
    });

    it("applies a lowered registry cap to the rest of the year: below what was minted, nothing more", async () => {
      const { nex, registry, minter, alice } = await loadFixture(deployBpciTokens);
      await nex.connect(minter).mint(alice.address, 900_000n * TOKEN);
      await registry.set(CAP_KEY, 800_000n * TOKEN);
      expect((await nex.yearlyAllowance())[3]).to.equal(0n);
      await expect(nex.connect(minter).mint(alice.address, 1n))
        .to.be.revertedWithCustomError(nex, "NexYearlyCapExceeded")
        .withArgs(minter.address, 0n, 900_000n * TOKEN, 1n, 800_000n * TOKEN);
    });

    it("rejects a mint by anyone without MINTER_ROLE, and a zero mint with NexZeroAmount", async () => {
      const { nex, minter, stranger, alice } = await loadFixture(deployBpciTokens);
      await expect(nex.connect(stranger).mint(alice.address, 1n))
        .to.be.revertedWithCustomError(nex, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await nex.MINTER_ROLE());
      await expect(nex.connect(minter).mint(alice.address, 0n)).to.be.revertedWithCustomError(nex, "NexZeroAmount");
    });
  });
});
