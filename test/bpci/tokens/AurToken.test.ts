import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { DAY, deployBpciTokens, FEED_ONE, TOKEN } from "../fixtures/tokens";
import { maxMintableDown, requiredReservesUp } from "../../../sdk/bpci/core/reserve";

const MARGIN = 200n; // 2%
const SCALE = 10n ** 10n; // 8-decimal feed -> 18-decimal AUR
const REF = ethers.id("custody:alice");

/** The fixture with the feed reporting exactly 1,020,000 units: 102% of 1,000,000 AUR. */
async function exactCover() {
  const f = await deployBpciTokens();
  await f.reserveFeed.updateAnswer(1_020_000n * FEED_ONE);
  return f;
}

describe("AurToken", () => {
  describe("mint: the reserve guard", () => {
    describe("when reserves are exactly 100% + margin of the supply after the mint", () => {
      it("mints (1,000,000 AUR against 1,020,000 units)", async () => {
        const { aur, issuer, alice } = await loadFixture(exactCover);
        await expect(aur.connect(issuer).mint(alice.address, 1_000_000n * TOKEN))
          .to.emit(aur, "Transfer")
          .withArgs(ethers.ZeroAddress, alice.address, 1_000_000n * TOKEN);
        expect(await aur.totalSupply()).to.equal(1_000_000n * TOKEN);
        expect(await aur.requiredReserves(1_000_000n * TOKEN)).to.equal(1_020_000n * TOKEN);
      });
    });

    describe("when the mint is one wei over", () => {
      it("reverts AurReservesInsufficient(issuer, amount, reserves, required)", async () => {
        const { aur, issuer, alice } = await loadFixture(exactCover);
        const amount = 1_000_000n * TOKEN + 1n;
        const required = requiredReservesUp(amount, MARGIN);
        expect(required).to.equal(1_020_000n * TOKEN + 2n);
        await expect(aur.connect(issuer).mint(alice.address, amount))
          .to.be.revertedWithCustomError(aur, "AurReservesInsufficient")
          .withArgs(issuer.address, amount, 1_020_000n * TOKEN, required);
      });

      it("counts the existing supply: after 600,000 AUR, 400,000 + 1 wei more reverts, exactly 400,000 passes", async () => {
        const { aur, issuer, alice, bob } = await loadFixture(exactCover);
        await aur.connect(issuer).mint(alice.address, 600_000n * TOKEN);
        await expect(aur.connect(issuer).mint(bob.address, 400_000n * TOKEN + 1n)).to.be.revertedWithCustomError(
          aur,
          "AurReservesInsufficient",
        );
        await aur.connect(issuer).mint(bob.address, 400_000n * TOKEN);
        const [status, reserves, mintable] = await aur.maxMintable();
        expect([status, reserves, mintable]).to.deep.equal([0n, 1_020_000n * TOKEN, 0n]);
      });
    });

    it("scales the feed's decimals: a 6-decimal answer and a 20-decimal answer (floored) read the same reserves", async () => {
      const { aur, reserveFeed, issuer, alice } = await loadFixture(exactCover);
      await reserveFeed.setDecimals(6);
      await reserveFeed.updateAnswer(1_020_000n * 10n ** 6n);
      expect((await aur.maxMintable())[2]).to.equal(1_000_000n * TOKEN);
      await reserveFeed.setDecimals(20);
      await reserveFeed.updateAnswer(1_020_000n * 10n ** 20n + 99n);
      expect((await aur.maxMintable())[1]).to.equal(1_020_000n * TOKEN);
      await aur.connect(issuer).mint(alice.address, 1_000_000n * TOKEN);
    });

    it("reports maxMintable as the SDK's maxMintableDown", async () => {
      const { aur, reserveFeed, issuer, alice } = await loadFixture(deployBpciTokens);
      await aur.connect(issuer).mint(alice.address, 123_456n * TOKEN + 789n);
      await reserveFeed.updateAnswer(777_777_77777777n);
      const [, reserves, mintable] = await aur.maxMintable();
      expect(reserves).to.equal(777_777_77777777n * SCALE);
      expect(mintable).to.equal(maxMintableDown(reserves, 123_456n * TOKEN + 789n, MARGIN));
      await aur.connect(issuer).mint(alice.address, mintable);
      await expect(aur.connect(issuer).mint(alice.address, 1n)).to.be.revertedWithCustomError(
        aur,
        "AurReservesInsufficient",
      );
    });

    it("only the issuer mints, and never zero", async () => {
      const { aur, issuer, stranger, alice } = await loadFixture(deployBpciTokens);
      await expect(aur.connect(stranger).mint(alice.address, 1n))
        .to.be.revertedWithCustomError(aur, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await aur.ISSUER_ROLE());
      await expect(aur.connect(issuer).mint(alice.address, 0n)).to.be.revertedWithCustomError(aur, "AurZeroAmount");
    });
  });

  describe("when the feed is unusable", () => {
    it("halts minting on a stale answer (FeedStale(feed, updatedAt, heartbeat, now)) but not redemptions", async () => {
      const { aur, reserveFeed, issuer, alice } = await loadFixture(deployBpciTokens);
      await aur.connect(issuer).mint(alice.address, 1_000n * TOKEN);
      const [, , , updatedAt] = await reserveFeed.latestRoundData();
      await time.setNextBlockTimestamp(updatedAt + DAY + 1n);
      await expect(aur.connect(issuer).mint(alice.address, 1n))
        .to.be.revertedWithCustomError(aur, "FeedStale")
        .withArgs(await reserveFeed.getAddress(), updatedAt, DAY, updatedAt + DAY + 1n);
      await expect(aur.connect(alice).redeem(400n * TOKEN, REF))
        .to.emit(aur, "Redeemed")
        .withArgs(1n, alice.address, 400n * TOKEN, REF);
      expect(await aur.totalSupply()).to.equal(600n * TOKEN);
      expect(await aur.maxMintable()).to.deep.equal([5n, 0n, 0n]);
    });

    it("passes at exactly the heartbeat's age", async () => {
      const { aur, reserveFeed, issuer, alice } = await loadFixture(deployBpciTokens);
      const [, , , updatedAt] = await reserveFeed.latestRoundData();
      await time.setNextBlockTimestamp(updatedAt + DAY);
      await expect(aur.connect(issuer).mint(alice.address, 1n)).to.not.be.reverted;
    });

    it("rejects zero and negative answers with FeedNonPositiveAnswer(feed, answer)", async () => {
      const { aur, reserveFeed, issuer, alice } = await loadFixture(deployBpciTokens);
      const feed = await reserveFeed.getAddress();
      for (const answer of [0n, -1n]) {
        await reserveFeed.updateAnswer(answer);
        await expect(aur.connect(issuer).mint(alice.address, 1n))
          .to.be.revertedWithCustomError(aur, "FeedNonPositiveAnswer")
          .withArgs(feed, answer);
      }
    });
  });

  describe("checkReserves", () => {
    describe("when reserves are reported below the supply", () => {
      it("lets anyone flag it: emits ReserveShortfallFlagged and pauses minting, redemptions stay open", async () => {
        const { aur, reserveFeed, issuer, alice, stranger } = await loadFixture(deployBpciTokens);
        await aur.connect(issuer).mint(alice.address, 500_000n * TOKEN);
        await reserveFeed.updateAnswer(499_999n * FEED_ONE);
        await expect(aur.connect(stranger).checkReserves())
          .to.emit(aur, "ReserveShortfallFlagged")
          .withArgs(stranger.address, 499_999n * TOKEN, 500_000n * TOKEN);
        const [paused, pausedAt] = await aur.mintingPaused();
        expect(paused).to.equal(true);
        expect(pausedAt).to.equal(BigInt(await time.latest()));
        await reserveFeed.updateAnswer(10_000_000n * FEED_ONE); // reserves back, the pause holds until governance
        await expect(aur.connect(issuer).mint(alice.address, 1n))
          .to.be.revertedWithCustomError(aur, "AurMintingPaused")
          .withArgs(issuer.address, pausedAt);
        await expect(aur.connect(alice).redeem(1n, REF)).to.emit(aur, "Redeemed");
      });

      it("is idempotent: a second flag (from another account) emits nothing", async () => {
        const { aur, reserveFeed, issuer, alice, bob, carol } = await loadFixture(deployBpciTokens);
        await aur.connect(issuer).mint(alice.address, 500_000n * TOKEN);
        await reserveFeed.updateAnswer(1n);
        await aur.connect(bob).checkReserves();
        await expect(aur.connect(carol).checkReserves()).to.not.emit(aur, "ReserveShortfallFlagged");
      });
    });

    it("does nothing when reserves cover the supply (even without the margin) or the feed is stale", async () => {
      const { aur, reserveFeed, issuer, alice, stranger } = await loadFixture(deployBpciTokens);
      await aur.connect(issuer).mint(alice.address, 500_000n * TOKEN);
      await reserveFeed.updateAnswer(500_000n * FEED_ONE);
      await expect(aur.connect(stranger).checkReserves()).to.not.emit(aur, "ReserveShortfallFlagged");
      await reserveFeed.updateAnswer(1n);
      await time.increase(DAY + 1n);
      await expect(aur.connect(stranger).checkReserves()).to.not.emit(aur, "ReserveShortfallFlagged");
      expect((await aur.mintingPaused())[0]).to.equal(false);
    });

    it("resumes only by the admin and only once reserves cover the supply", async () => {
      const { aur, reserveFeed, admin, issuer, alice, stranger } = await loadFixture(deployBpciTokens);
      await expect(aur.connect(admin).resumeMinting()).to.be.revertedWithCustomError(aur, "AurMintingNotPaused");
      await aur.connect(issuer).mint(alice.address, 500_000n * TOKEN);
      await reserveFeed.updateAnswer(400_000n * FEED_ONE);
      await aur.checkReserves();
      await expect(aur.connect(stranger).resumeMinting()).to.be.revertedWithCustomError(
        aur,
        "AccessControlUnauthorizedAccount",
      );
      await expect(aur.connect(admin).resumeMinting())
        .to.be.revertedWithCustomError(aur, "AurReservesBelowSupply")
        .withArgs(400_000n * TOKEN, 500_000n * TOKEN);
      // Reserves above the supply (not equal to it, so the event's two amounts cannot be told apart by accident).
      await reserveFeed.updateAnswer(510_000n * FEED_ONE);
      await expect(aur.connect(admin).resumeMinting())
        .to.emit(aur, "MintingResumed")
        .withArgs(admin.address, 510_000n * TOKEN, 500_000n * TOKEN);
      // Resumed, yet the margin still binds each mint: 510,000 units cover exactly 500,000 AUR at 102%, no more.
      await expect(aur.connect(issuer).mint(alice.address, 1n)).to.be.revertedWithCustomError(
        aur,
        "AurReservesInsufficient",
      );
    });
  });

  describe("redeem", () => {
    it("burns, numbers the redemptions and rejects zero or more than the balance", async () => {
      const { aur, issuer, alice, bob } = await loadFixture(deployBpciTokens);
      await aur.connect(issuer).mint(alice.address, 10n * TOKEN);
      await aur.connect(issuer).mint(bob.address, 10n * TOKEN);
      await aur.connect(alice).redeem(3n * TOKEN, REF);
      await expect(aur.connect(bob).redeem(10n * TOKEN, ethers.ZeroHash))
        .to.emit(aur, "Redeemed")
        .withArgs(2n, bob.address, 10n * TOKEN, ethers.ZeroHash)
        .and.to.emit(aur, "Transfer")
        .withArgs(bob.address, ethers.ZeroAddress, 10n * TOKEN);
      expect(await aur.redemptionCount()).to.equal(2n);
      expect(await aur.totalSupply()).to.equal(7n * TOKEN);
      await expect(aur.connect(alice).redeem(0n, REF)).to.be.revertedWithCustomError(aur, "AurZeroAmount");
      await expect(aur.connect(alice).redeem(7n * TOKEN + 1n, REF))
        .to.be.revertedWithCustomError(aur, "ERC20InsufficientBalance")
        .withArgs(alice.address, 7n * TOKEN, 7n * TOKEN + 1n);
    });
  });
});
