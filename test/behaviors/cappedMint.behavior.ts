import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { ERC20Burnable } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable";
import type { TokenFactory } from "./context";

/** The cap-specific surface of a capped-mint token (each economy's token names it its own way). */
export interface CappedMint {
  /** Holds the mint right. */
  readonly minter: HardhatEthersSigner;
  /** `mint(to, amount)` sent by `from`. */
  mint(from: HardhatEthersSigner, to: string, amount: bigint): Promise<ContractTransactionResponse>;
  /** The cap on cumulative minted supply. */
  cap(): Promise<bigint>;
  /** Cumulative minted supply; it never decreases. */
  totalMinted(): Promise<bigint>;
  /** The custom error of a mint past the cap and its arguments. */
  readonly capError: { name: string; args: (totalMinted: bigint, amount: bigint, cap: bigint) => unknown[] };
  /** The custom error of a mint by an account without the right and its arguments. */
  readonly unauthorizedError: { name: string; args: (account: string) => Promise<unknown[]> };
}

/**
 * A cap on cumulative minted supply: mints count toward `totalMinted`, a mint up to the cap succeeds and
 * one wei more reverts with the token's cap error and its arguments, burns never reopen room, and only the
 * minter mints.
 */
export function shouldBehaveLikeCappedMint(factory: TokenFactory<ERC20Burnable, CappedMint>): void {
  describe("behaves like a capped-mint token (cap on cumulative minted supply)", () => {
    it("mints to the recipient, counts it as minted and emits Transfer from zero", async () => {
      const c = await loadFixture(factory);
      const [minted, supply] = [await c.totalMinted(), await c.token.totalSupply()];
      await expect(c.mint(c.minter, c.other.address, 1_000n))
        .to.emit(c.token, "Transfer")
        .withArgs(ethers.ZeroAddress, c.other.address, 1_000n);
      expect(await c.token.balanceOf(c.other.address)).to.equal(1_000n);
      expect(await c.totalMinted()).to.equal(minted + 1_000n);
      expect(await c.token.totalSupply()).to.equal(supply + 1_000n);
    });

    describe("when a mint reaches the cap", () => {
      it("mints exactly up to the cap", async () => {
        const c = await loadFixture(factory);
        const room = (await c.cap()) - (await c.totalMinted());
        await c.mint(c.minter, c.other.address, room);
        expect(await c.totalMinted()).to.equal(await c.cap());
        expect(await c.token.balanceOf(c.other.address)).to.equal(room);
      });

      it("rejects one wei more with the cap error (totalMinted, amount, cap)", async () => {
        const c = await loadFixture(factory);
        const [cap, minted] = [await c.cap(), await c.totalMinted()];
        const room = cap - minted;
        await expect(c.mint(c.minter, c.other.address, room + 1n))
          .to.be.revertedWithCustomError(c.token, c.capError.name)
          .withArgs(...c.capError.args(minted, room + 1n, cap));
      });
    });

    describe("given tokens were burned", () => {
      it("does not reopen room under the cap", async () => {
        const c = await loadFixture(factory);
        const cap = await c.cap();
        await c.mint(c.minter, c.holder.address, cap - (await c.totalMinted()));
        await c.token.connect(c.holder).burn(c.holderBalance);
        expect(await c.totalMinted()).to.equal(cap);
        await expect(c.mint(c.minter, c.other.address, 1n))
          .to.be.revertedWithCustomError(c.token, c.capError.name)
          .withArgs(...c.capError.args(cap, 1n, cap));
      });
    });

    describe("when the sender has no mint right", () => {
      it("reverts with the token's authorization error and leaves totalMinted unchanged", async () => {
        const c = await loadFixture(factory);
        const minted = await c.totalMinted();
        await expect(c.mint(c.other, c.other.address, 1n))
          .to.be.revertedWithCustomError(c.token, c.unauthorizedError.name)
          .withArgs(...(await c.unauthorizedError.args(c.other.address)));
        expect(await c.totalMinted()).to.equal(minted);
      });
    });
  });
}
