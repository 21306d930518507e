import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { ERC20 } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/ERC20";
import type { TokenFactory } from "./context";

/** The metadata the token must report. */
export interface Erc20Metadata {
  readonly name: string;
  readonly symbol: string;
  readonly decimals: bigint;
}

/**
 * ERC-20 with OpenZeppelin 5 errors: metadata, transfer, approve and transferFrom with exact balances,
 * `Transfer`/`Approval` events with arguments and `ERC20*` custom errors with arguments.
 */
export function shouldBehaveLikeERC20(factory: TokenFactory<ERC20>, metadata: Erc20Metadata): void {
  describe("behaves like ERC-20", () => {
    it("reports its name, symbol and decimals", async () => {
      const { token } = await loadFixture(factory);
      expect(await token.name()).to.equal(metadata.name);
      expect(await token.symbol()).to.equal(metadata.symbol);
      expect(await token.decimals()).to.equal(metadata.decimals);
    });

    it("counts the holder's balance in the total supply", async () => {
      const { token, holder, holderBalance, other } = await loadFixture(factory);
      expect(await token.balanceOf(holder.address)).to.equal(holderBalance);
      expect(await token.balanceOf(other.address)).to.equal(0n);
      expect(await token.totalSupply()).to.be.at.least(holderBalance);
    });

    describe("transfer", () => {
      describe("when the amount is within the balance", () => {
        it("moves exactly the amount, keeps the supply and emits Transfer", async () => {
          const { token, holder, holderBalance, other } = await loadFixture(factory);
          const supply = await token.totalSupply();
          const amount = holderBalance / 3n;
          await expect(token.connect(holder).transfer(other.address, amount))
            .to.emit(token, "Transfer")
            .withArgs(holder.address, other.address, amount);
          expect(await token.balanceOf(holder.address)).to.equal(holderBalance - amount);
          expect(await token.balanceOf(other.address)).to.equal(amount);
          expect(await token.totalSupply()).to.equal(supply);
        });

        it("moves the whole balance", async () => {
          const { token, holder, holderBalance, other } = await loadFixture(factory);
          await token.connect(holder).transfer(other.address, holderBalance);
          expect(await token.balanceOf(holder.address)).to.equal(0n);
          expect(await token.balanceOf(other.address)).to.equal(holderBalance);
        });

        it("emits Transfer for a zero amount and a self transfer without changing balances", async () => {
          const { token, holder, holderBalance, other } = await loadFixture(factory);
          await expect(token.connect(other).transfer(holder.address, 0n))
            .to.emit(token, "Transfer")
            .withArgs(other.address, holder.address, 0n);
          await expect(token.connect(holder).transfer(holder.address, holderBalance))
            .to.emit(token, "Transfer")
            .withArgs(holder.address, holder.address, holderBalance);
          expect(await token.balanceOf(holder.address)).to.equal(holderBalance);
        });
      });

      describe("when the amount exceeds the balance", () => {
        it("reverts with ERC20InsufficientBalance(sender, balance, needed)", async () => {
          const { token, holder, holderBalance, other } = await loadFixture(factory);
          await expect(token.connect(holder).transfer(other.address, holderBalance + 1n))
            .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
            .withArgs(holder.address, holderBalance, holderBalance + 1n);
        });
      });

      describe("when the receiver is the zero address", () => {
        it("reverts with ERC20InvalidReceiver(0)", async () => {
          const { token, holder } = await loadFixture(factory);
          await expect(token.connect(holder).transfer(ethers.ZeroAddress, 1n))
            .to.be.revertedWithCustomError(token, "ERC20InvalidReceiver")
            .withArgs(ethers.ZeroAddress);
        });
      });
    });

    describe("approve", () => {
      it("sets and then overwrites the allowance, emitting Approval each time", async () => {
        const { token, holder, other } = await loadFixture(factory);
        await expect(token.connect(holder).approve(other.address, 10n))
          .to.emit(token, "Approval")
          .withArgs(holder.address, other.address, 10n);
        await expect(token.connect(holder).approve(other.address, 3n))
          .to.emit(token, "Approval")
          .withArgs(holder.address, other.address, 3n);
        expect(await token.allowance(holder.address, other.address)).to.equal(3n);
      });

      it("reverts with ERC20InvalidSpender(0) for the zero spender", async () => {
        const { token, holder } = await loadFixture(factory);
        await expect(token.connect(holder).approve(ethers.ZeroAddress, 1n))
          .to.be.revertedWithCustomError(token, "ERC20InvalidSpender")
          .withArgs(ethers.ZeroAddress);
      });
    });

    describe("transferFrom", () => {
      describe("given a finite allowance", () => {
        it("moves the amount and lowers the allowance by exactly that amount", async () => {
          const { token, holder, holderBalance, other, third } = await loadFixture(factory);
          const allowance = holderBalance / 2n;
          const amount = allowance / 3n;
          await token.connect(holder).approve(third.address, allowance);
          await expect(token.connect(third).transferFrom(holder.address, other.address, amount))
            .to.emit(token, "Transfer")
            .withArgs(holder.address, other.address, amount);
          expect(await token.allowance(holder.address, third.address)).to.equal(allowance - amount);
          expect(await token.balanceOf(holder.address)).to.equal(holderBalance - amount);
          expect(await token.balanceOf(other.address)).to.equal(amount);
        });

        it("reverts above the allowance with ERC20InsufficientAllowance(spender, allowance, needed)", async () => {
          const { token, holder, other, third } = await loadFixture(factory);
          await token.connect(holder).approve(third.address, 5n);
          await expect(token.connect(third).transferFrom(holder.address, other.address, 6n))
            .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
            .withArgs(third.address, 5n, 6n);
        });

        it("reverts within the allowance but above the balance with ERC20InsufficientBalance", async () => {
          const { token, holder, holderBalance, other, third } = await loadFixture(factory);
          await token.connect(holder).approve(third.address, holderBalance + 1n);
          await expect(token.connect(third).transferFrom(holder.address, other.address, holderBalance + 1n))
            .to.be.revertedWithCustomError(token, "ERC20InsufficientBalance")
            .withArgs(holder.address, holderBalance, holderBalance + 1n);
        });
      });

      describe("given an infinite allowance", () => {
        it("leaves the allowance at MaxUint256", async () => {
          const { token, holder, other, third } = await loadFixture(factory);
          await token.connect(holder).approve(third.address, ethers.MaxUint256);
          await token.connect(third).transferFrom(holder.address, other.address, 1n);
          expect(await token.allowance(holder.address, third.address)).to.equal(ethers.MaxUint256);
        });
      });

      describe("given no allowance", () => {
        it("reverts with ERC20InsufficientAllowance(spender, 0, needed)", async () => {
          const { token, holder, other, third } = await loadFixture(factory);
          await expect(token.connect(third).transferFrom(holder.address, other.address, 1n))
            .to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance")
            .withArgs(third.address, 0n, 1n);
        });
      });
    });
  });
}
