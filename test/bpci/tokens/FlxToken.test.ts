import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { id } from "ethers";
import { DAY, deployBpciTokens, GENESIS, rebaseFlx, TOKEN, usageForBps } from "../fixtures/tokens";
import { deltaWad, nextSupply, totalGonsFor } from "../../../sdk/bpci/core/rebase";
import type { FlxFlashBorrower } from "../../../typechain-types";

const SUPPLY = GENESIS.flx.treasury + GENESIS.flx.alice; // 10,000,000 FLX
const TOTAL_GONS = totalGonsFor(SUPPLY);
const E14 = 10n ** 14n;
const HEARTBEAT = 26n * 3_600n;

describe("FlxToken", () => {
  describe("genesis", () => {
    it("holds every gon at genesis: total gons a multiple of the supply, balances exact", async () => {
      const { flx, treasury, alice } = await loadFixture(deployBpciTokens);
      expect(await flx.totalSupply()).to.equal(SUPPLY);
      expect(await flx.scaledTotalSupply()).to.equal(TOTAL_GONS);
      expect(TOTAL_GONS % SUPPLY).to.equal(0n);
      const gpf = TOTAL_GONS / SUPPLY;
      expect(await flx.gonsPerFragment()).to.equal(gpf);
      expect(await flx.scaledBalanceOf(alice.address)).to.equal(GENESIS.flx.alice * gpf);
      expect(await flx.balanceOf(treasury.address)).to.equal(GENESIS.flx.treasury);
      expect(await flx.epoch()).to.equal(0n);
    });
  });

  describe("rebase", () => {
    describe("when usage is 3% above target", () => {
      it("scales every balance by exactly +3% from the next block and emits Rebased", async () => {
        const f = await loadFixture(deployBpciTokens);
        await f.usageFeed.updateAnswer(usageForBps(300n));
        await time.increase(DAY);
        const tx = f.flx.connect(f.stranger).rebase();
        const next = (SUPPLY * 103n) / 100n;
        const block = BigInt(await ethers.provider.getBlockNumber()) + 1n;
        await expect(tx)
          .to.emit(f.flx, "Rebased")
          .withArgs(1n, 103n * 10n ** 16n, 300n * E14, SUPPLY, next, block + 1n);
        await mine();
        expect(await f.flx.totalSupply()).to.equal(next);
        expect(await f.flx.balanceOf(f.alice.address)).to.equal((GENESIS.flx.alice * 103n) / 100n);
        expect(await f.flx.scaledBalanceOf(f.alice.address)).to.equal(GENESIS.flx.alice * (TOTAL_GONS / SUPPLY));
        expect(await f.flx.epoch()).to.equal(1n);
      });
    });

    describe("when usage is far outside the bound", () => {
      it("clamps at +5% (usage x2) and -5% (usage x0.5)", async () => {
        const f = await loadFixture(deployBpciTokens);
        await f.usageFeed.updateAnswer(2n * 10n ** 8n);
        await time.increase(DAY);
        await expect(f.flx.rebase())
          .to.emit(f.flx, "Rebased")
          .withArgs(
            1n,
            2n * TOKEN,
            500n * E14,
            SUPPLY,
            (SUPPLY * 105n) / 100n,
            ethers.toBigInt(await ethers.provider.getBlockNumber()) + 2n,
          );
        await mine();
        const up = (SUPPLY * 105n) / 100n;
        expect(await f.flx.totalSupply()).to.equal(up);
        await f.usageFeed.updateAnswer(5n * 10n ** 7n);
        await time.increase(DAY);
        await f.flx.rebase();
        await mine();
        expect(await f.flx.totalSupply()).to.equal(nextSupply(up, -500n * E14));
        expect(await f.flx.totalSupply()).to.equal((up * 95n) / 100n);
      });

      it("the largest rebase is exactly +-5% (the bound) and one bps more of usage is clamped to it", async () => {
        expect(deltaWad(usageForBps(500n) * 10n ** 10n, TOKEN, 500n, 50n)).to.equal(500n * E14);
        expect(deltaWad(usageForBps(501n) * 10n ** 10n, TOKEN, 500n, 50n)).to.equal(500n * E14);
        expect(deltaWad(usageForBps(-501n) * 10n ** 10n, TOKEN, 500n, 50n)).to.equal(-500n * E14);
      });
    });

    describe("when usage is within the 0.5% deadband", () => {
      it("rebases by zero (the period is used, the supply unchanged)", async () => {
        const f = await loadFixture(deployBpciTokens);
        await f.usageFeed.updateAnswer(usageForBps(49n));
        await time.increase(DAY);
        await expect(f.flx.rebase()).to.emit(f.flx, "Rebased");
        await mine();
        expect(await f.flx.totalSupply()).to.equal(SUPPLY);
        expect(await f.flx.epoch()).to.equal(1n);
      });
    });

    describe("once per period", () => {
      it("reverts FlxRebaseTooEarly(now, nextAt) one second before the period ends and passes at its end", async () => {
        const f = await loadFixture(deployBpciTokens);
        await rebaseFlx(f, 100n);
        const last = await f.flx.lastRebaseAt();
        await f.usageFeed.updateAnswer(usageForBps(100n));
        await time.setNextBlockTimestamp(last + DAY - 1n);
        await expect(f.flx.rebase())
          .to.be.revertedWithCustomError(f.flx, "FlxRebaseTooEarly")
          .withArgs(last + DAY - 1n, last + DAY);
        await time.setNextBlockTimestamp(last + DAY);
        await expect(f.flx.rebase()).to.emit(f.flx, "Rebased");
      });

      it("lets a second caller (or a second account of the first) do nothing in the same period", async () => {
        const f = await loadFixture(deployBpciTokens);
        await rebaseFlx(f, 100n);
        await expect(f.flx.connect(f.bob).rebase()).to.be.revertedWithCustomError(f.flx, "FlxRebaseTooEarly");
        await expect(f.flx.connect(f.carol).rebase()).to.be.revertedWithCustomError(f.flx, "FlxRebaseTooEarly");
      });
    });

    describe("when the usage feed is unusable", () => {
      it("does not rebase on a stale answer (FlxUsageFeedUnusable(feed, Stale)) and keeps the period open", async () => {
        const f = await loadFixture(deployBpciTokens);
        await f.usageFeed.updateAnswer(usageForBps(300n));
        await time.increase(HEARTBEAT + 1n);
        await expect(f.flx.rebase())
          .to.be.revertedWithCustomError(f.flx, "FlxUsageFeedUnusable")
          .withArgs(await f.usageFeed.getAddress(), 5n);
        await f.usageFeed.updateAnswer(usageForBps(300n));
        await mine();
        await expect(f.flx.rebase()).to.emit(f.flx, "Rebased");
      });

      it("rejects a non-positive answer (NonPositive = 6)", async () => {
        const f = await loadFixture(deployBpciTokens);
        await f.usageFeed.updateAnswer(0n);
        await time.increase(DAY);
        await expect(f.flx.rebase())
          .to.be.revertedWithCustomError(f.flx, "FlxUsageFeedUnusable")
          .withArgs(await f.usageFeed.getAddress(), 6n);
      });

      it("rejects an answer written in the rebase's own block (FlxUsageFeedSameBlock), accepts it one block later", async () => {
        const f = await loadFixture(deployBpciTokens);
        await time.increase(DAY);
        await network.provider.send("evm_setAutomine", [false]);
        let hash: string;
        try {
          await f.usageFeed.updateAnswer(usageForBps(300n));
          hash = (await f.flx.rebase({ gasLimit: 500_000n })).hash;
          await mine();
        } finally {
          await network.provider.send("evm_setAutomine", [true]);
        }
        const receipt = await ethers.provider.getTransactionReceipt(hash);
        expect(receipt?.status).to.equal(0);
        const [, , , updatedAt] = await f.usageFeed.latestRoundData();
        expect((await ethers.provider.getBlock(receipt!.blockNumber))?.timestamp).to.equal(Number(updatedAt));
        // The same call in the next block passes: the only difference is that the answer is now from an earlier block.
        await expect(f.flx.rebase()).to.emit(f.flx, "Rebased");
      });
    });
  });

  describe("flash-loan sandwich within one transaction", () => {
    it("gives the borrower nothing: the rebase applies from the next block, after the loan is repaid", async () => {
      const f = await loadFixture(deployBpciTokens);
      const borrower = (await ethers.deployContract("FlxFlashBorrower", [
        await f.flx.getAddress(),
      ])) as unknown as FlxFlashBorrower;
      const pool = f.treasury; // the lender
      await f.flx.connect(pool).approve(await borrower.getAddress(), ethers.MaxUint256);
      await f.usageFeed.updateAnswer(usageForBps(500n));
      await time.increase(DAY);
      const loan = 5_000_000n * TOKEN;
      await borrower.sandwich(pool.address, loan);
      expect(await borrower.balanceAfterRebase()).to.equal(loan); // unchanged within the block
      expect(await borrower.kept()).to.equal(0n);
      await mine();
      expect(await f.flx.balanceOf(await borrower.getAddress())).to.equal(0n);
      expect(await f.flx.balanceOf(pool.address)).to.equal((GENESIS.flx.treasury * 105n) / 100n);
    });

    it("uses the old supply for transfers in the rebase block and the new one after", async () => {
      const f = await loadFixture(deployBpciTokens);
      await f.usageFeed.updateAnswer(usageForBps(500n));
      await time.increase(DAY);
      await network.provider.send("evm_setAutomine", [false]);
      try {
        await f.flx.rebase({ gasLimit: 500_000n });
        await f.flx.connect(f.alice).transfer(f.bob.address, GENESIS.flx.alice, { gasLimit: 200_000n });
        await mine();
      } finally {
        await network.provider.send("evm_setAutomine", [true]);
      }
      // In the rebase block alice's whole balance was 1,000,000 FLX (old supply): it moved all her gons.
      expect(await f.flx.totalSupply()).to.equal(SUPPLY);
      await mine();
      expect(await f.flx.balanceOf(f.alice.address)).to.equal(0n);
      expect(await f.flx.balanceOf(f.bob.address)).to.equal((GENESIS.flx.alice * 105n) / 100n);
    });
  });

  describe("transferAll and allowances", () => {
    it("transferAll moves every gon after an inexact rebase (no dust left) and emits Transfer of the balance", async () => {
      const f = await loadFixture(deployBpciTokens);
      await rebaseFlx(f, 333n);
      const gons = await f.flx.scaledBalanceOf(f.alice.address);
      const balance = await f.flx.balanceOf(f.alice.address);
      await expect(f.flx.connect(f.alice).transferAll(f.carol.address))
        .to.emit(f.flx, "Transfer")
        .withArgs(f.alice.address, f.carol.address, balance);
      expect(await f.flx.scaledBalanceOf(f.alice.address)).to.equal(0n);
      expect(await f.flx.scaledBalanceOf(f.carol.address)).to.equal(gons);
    });

    it("keeps allowances in fragments across a rebase; transferAllFrom spends the balance from the allowance", async () => {
      const f = await loadFixture(deployBpciTokens);
      await f.flx.connect(f.alice).approve(f.bob.address, 2_000_000n * TOKEN);
      await rebaseFlx(f, -200n);
      expect(await f.flx.allowance(f.alice.address, f.bob.address)).to.equal(2_000_000n * TOKEN);
      const balance = await f.flx.balanceOf(f.alice.address);
      expect(balance).to.equal((GENESIS.flx.alice * 98n) / 100n);
      await f.flx.connect(f.bob).transferAllFrom(f.alice.address, f.carol.address);
      expect(await f.flx.allowance(f.alice.address, f.bob.address)).to.equal(2_000_000n * TOKEN - balance);
      expect(await f.flx.balanceOf(f.carol.address)).to.equal(balance);
    });

    it("rejects a transfer to the token itself with ERC20InvalidReceiver", async () => {
      const f = await loadFixture(deployBpciTokens);
      const self = await f.flx.getAddress();
      await expect(f.flx.connect(f.alice).transfer(self, 1n))
        .to.be.revertedWithCustomError(f.flx, "ERC20InvalidReceiver")
        .withArgs(self);
      await expect(f.flx.connect(f.alice).transferAll(self))
        .to.be.revertedWithCustomError(f.flx, "ERC20InvalidReceiver")
        .withArgs(self);
    });
  });

  describe("votes through the kit static wrapper", () => {
    it("keeps wFLX votes fixed across rebases while the assets behind them follow", async () => {
      const f = await loadFixture(deployBpciTokens);
      await f.flx.connect(f.alice).approve(await f.wflx.getAddress(), ethers.MaxUint256);
      await f.wflx.connect(f.alice).deposit(1_000n * TOKEN, f.alice.address);
      await f.wflx.connect(f.alice).delegate(f.alice.address);
      const votes = await f.wflx.getVotes(f.alice.address);
      await rebaseFlx(f, 400n);
      expect(await f.wflx.getVotes(f.alice.address)).to.equal(votes);
      expect(await f.wflx.totalAssets()).to.equal(1_040n * TOKEN);
      expect(id("bpci.flx.rebasePeriod")).to.be.a("string");
    });
  });
});
