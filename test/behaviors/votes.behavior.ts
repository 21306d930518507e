import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { Signature } from "ethers";
import type { ERC20Votes } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes";
import type { ERC20Permit } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit";
import { DELEGATION_TYPES } from "../../sdk/kit/tx/signing";
import type { TokenFactory } from "./context";
import { domainOf } from "./permit.behavior";

/**
 * ERC-5805 votes on a timestamp clock: the clock, delegation events with arguments, votes following
 * transfers, checkpoints and past lookups, future lookups rejected with ERC5805FutureLookup, and
 * delegateBySig with its nonce and expiry errors.
 */
export function shouldBehaveLikeVotes(factory: TokenFactory<ERC20Votes>): void {
  describe("behaves like ERC-5805 votes (timestamp clock)", () => {
    it("counts time in seconds: CLOCK_MODE is mode=timestamp and clock() is the block timestamp", async () => {
      const { token } = await loadFixture(factory);
      expect(await token.CLOCK_MODE()).to.equal("mode=timestamp");
      await mine();
      expect(await token.clock()).to.equal(BigInt(await time.latest()));
    });

    describe("given no delegation", () => {
      it("gives the balance no votes and no delegate", async () => {
        const { token, holder } = await loadFixture(factory);
        expect(await token.getVotes(holder.address)).to.equal(0n);
        expect(await token.delegates(holder.address)).to.equal(ethers.ZeroAddress);
      });
    });

    describe("when the holder delegates", () => {
      it("emits DelegateChanged and DelegateVotesChanged with the exact balance", async () => {
        const { token, holder, holderBalance, third } = await loadFixture(factory);
        await expect(token.connect(holder).delegate(third.address))
          .to.emit(token, "DelegateChanged")
          .withArgs(holder.address, ethers.ZeroAddress, third.address)
          .and.to.emit(token, "DelegateVotesChanged")
          .withArgs(third.address, 0n, holderBalance);
        expect(await token.getVotes(third.address)).to.equal(holderBalance);
        expect(await token.delegates(holder.address)).to.equal(third.address);
      });

      it("moves votes with a transfer to an undelegated account and back", async () => {
        const { token, holder, holderBalance, other } = await loadFixture(factory);
        await token.connect(holder).delegate(holder.address);
        await expect(token.connect(holder).transfer(other.address, 10n))
          .to.emit(token, "DelegateVotesChanged")
          .withArgs(holder.address, holderBalance, holderBalance - 10n);
        expect(await token.getVotes(other.address)).to.equal(0n);
        await token.connect(other).delegate(other.address);
        expect(await token.getVotes(other.address)).to.equal(10n);
        await token.connect(other).transfer(holder.address, 4n);
        expect(await token.getVotes(holder.address)).to.equal(holderBalance - 6n);
        expect(await token.getVotes(other.address)).to.equal(6n);
      });

      it("records checkpoints readable through getPastVotes and getPastTotalSupply", async () => {
        const { token, holder, holderBalance, other } = await loadFixture(factory);
        const supply = await token.totalSupply();
        await token.connect(holder).delegate(holder.address);
        const t1 = await token.clock();
        await time.increase(100);
        await token.connect(holder).transfer(other.address, 7n);
        const t2 = await token.clock();
        await mine();
        expect(await token.getPastVotes(holder.address, t1)).to.equal(holderBalance);
        expect(await token.getPastVotes(holder.address, t2)).to.equal(holderBalance - 7n);
        expect(await token.getPastTotalSupply(t2)).to.equal(supply);
        expect(await token.numCheckpoints(holder.address)).to.equal(2n);
      });

      it("rejects lookups at or after the current clock with ERC5805FutureLookup(timepoint, clock)", async () => {
        const { token, holder } = await loadFixture(factory);
        const now = await token.clock();
        await expect(token.getPastVotes(holder.address, now))
          .to.be.revertedWithCustomError(token, "ERC5805FutureLookup")
          .withArgs(now, now);
        await expect(token.getPastTotalSupply(now + 1n))
          .to.be.revertedWithCustomError(token, "ERC5805FutureLookup")
          .withArgs(now + 1n, now);
      });
    });

    describe("delegateBySig", () => {
      it("delegates for the signer, then rejects the replay with InvalidAccountNonce(signer, nonce)", async () => {
        const { token, holder, holderBalance, third } = await loadFixture(factory);
        const expiry = BigInt(await time.latest()) + 3_600n;
        const d = { delegatee: third.address, nonce: 0n, expiry };
        const domain = await domainOf(token as unknown as ERC20Permit);
        const sig = Signature.from(await holder.signTypedData(domain, DELEGATION_TYPES, d));
        await expect(token.delegateBySig(third.address, 0n, expiry, sig.v, sig.r, sig.s))
          .to.emit(token, "DelegateChanged")
          .withArgs(holder.address, ethers.ZeroAddress, third.address);
        expect(await token.getVotes(third.address)).to.equal(holderBalance);
        await expect(token.delegateBySig(third.address, 0n, expiry, sig.v, sig.r, sig.s))
          .to.be.revertedWithCustomError(token, "InvalidAccountNonce")
          .withArgs(holder.address, 1n);
      });

      it("rejects an expired delegation with VotesExpiredSignature(expiry)", async () => {
        const { token, holder, third } = await loadFixture(factory);
        const expiry = BigInt(await time.latest()) - 1n;
        const domain = await domainOf(token as unknown as ERC20Permit);
        const d = { delegatee: third.address, nonce: 0n, expiry };
        const sig = Signature.from(await holder.signTypedData(domain, DELEGATION_TYPES, d));
        await expect(token.delegateBySig(third.address, 0n, expiry, sig.v, sig.r, sig.s))
          .to.be.revertedWithCustomError(token, "VotesExpiredSignature")
          .withArgs(expiry);
      });
    });
  });
}
