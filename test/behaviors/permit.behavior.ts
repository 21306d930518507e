import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { Signature, TypedDataEncoder, type Signer, type TypedDataDomain } from "ethers";
import type { ERC20Permit } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit";
import { PERMIT_TYPES } from "../../sdk/kit/tx/signing";
import type { TokenFactory } from "./context";

/** The EIP-712 domain of any ERC-5267 token, rebuilt from `eip712Domain()` as a wallet does. */
export async function domainOf(token: ERC20Permit, chainId?: bigint): Promise<TypedDataDomain> {
  const d = await token.eip712Domain();
  return { name: d.name, version: d.version, chainId: chainId ?? d.chainId, verifyingContract: d.verifyingContract };
}

interface Permit {
  owner: string;
  spender: string;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}

async function sign(token: ERC20Permit, signer: Signer, p: Permit, chainId?: bigint): Promise<Signature> {
  return Signature.from(await signer.signTypedData(await domainOf(token, chainId), PERMIT_TYPES, p));
}

/**
 * EIP-2612 permit: the domain separator matches ERC-5267's domain, a valid permit sets the allowance,
 * emits Approval and uses exactly one nonce; expired, replayed, wrongly signed and cross-chain permits
 * revert with OpenZeppelin's errors and their arguments. `expectedName` is the EIP-712 domain name.
 */
export function shouldBehaveLikePermit(factory: TokenFactory<ERC20Permit>, expectedName: string): void {
  describe("behaves like EIP-2612 permit", () => {
    async function permitFor(value: bigint) {
      const c = await loadFixture(factory);
      const deadline = BigInt(await time.latest()) + 3_600n;
      const p: Permit = { owner: c.holder.address, spender: c.third.address, value, nonce: 0n, deadline };
      return { ...c, p };
    }

    it("names its EIP-712 domain and exposes the matching DOMAIN_SEPARATOR", async () => {
      const { token } = await loadFixture(factory);
      const domain = await domainOf(token);
      expect(domain.name).to.equal(expectedName);
      expect(domain.version).to.equal("1");
      expect(await token.DOMAIN_SEPARATOR()).to.equal(TypedDataEncoder.hashDomain(domain));
    });

    describe("when the permit is valid", () => {
      it("sets the allowance, emits Approval and increments only the owner's nonce", async () => {
        const { token, holder, third, p } = await permitFor(7n);
        const sig = await sign(token, holder, p);
        await expect(token.permit(p.owner, p.spender, p.value, p.deadline, sig.v, sig.r, sig.s))
          .to.emit(token, "Approval")
          .withArgs(holder.address, third.address, 7n);
        expect(await token.allowance(holder.address, third.address)).to.equal(7n);
        expect(await token.nonces(holder.address)).to.equal(1n);
        expect(await token.nonces(third.address)).to.equal(0n);
      });

      it("lets the spender move exactly the permitted amount", async () => {
        const { token, holder, other, third, p } = await permitFor(5n);
        const sig = await sign(token, holder, p);
        await token.connect(other).permit(p.owner, p.spender, p.value, p.deadline, sig.v, sig.r, sig.s);
        await token.connect(third).transferFrom(holder.address, other.address, 5n);
        expect(await token.balanceOf(other.address)).to.equal(5n);
        expect(await token.allowance(holder.address, third.address)).to.equal(0n);
      });
    });

    describe("when the permit is expired", () => {
      it("reverts with ERC2612ExpiredSignature(deadline)", async () => {
        const { token, holder, p } = await permitFor(1n);
        const deadline = BigInt(await time.latest()) - 1n;
        const sig = await sign(token, holder, { ...p, deadline });
        await expect(token.permit(p.owner, p.spender, p.value, deadline, sig.v, sig.r, sig.s))
          .to.be.revertedWithCustomError(token, "ERC2612ExpiredSignature")
          .withArgs(deadline);
      });
    });

    describe("when the signature does not match the owner", () => {
      it("reverts a replay with ERC2612InvalidSigner(recovered, owner)", async () => {
        const { token, holder, p } = await permitFor(1n);
        const sig = await sign(token, holder, p);
        await token.permit(p.owner, p.spender, p.value, p.deadline, sig.v, sig.r, sig.s);
        const digest = TypedDataEncoder.hash(await domainOf(token), PERMIT_TYPES, { ...p, nonce: 1n });
        await expect(token.permit(p.owner, p.spender, p.value, p.deadline, sig.v, sig.r, sig.s))
          .to.be.revertedWithCustomError(token, "ERC2612InvalidSigner")
          .withArgs(ethers.recoverAddress(digest, sig), holder.address);
      });

      it("reverts a permit signed by someone else with ERC2612InvalidSigner(signer, owner)", async () => {
        const { token, holder, other, p } = await permitFor(1n);
        const sig = await sign(token, other, p);
        await expect(token.permit(p.owner, p.spender, p.value, p.deadline, sig.v, sig.r, sig.s))
          .to.be.revertedWithCustomError(token, "ERC2612InvalidSigner")
          .withArgs(other.address, holder.address);
      });

      it("reverts a permit signed for another chain id with ERC2612InvalidSigner", async () => {
        const { token, holder, p } = await permitFor(1n);
        const sig = await sign(token, holder, p, 1n);
        const digest = TypedDataEncoder.hash(await domainOf(token), PERMIT_TYPES, p);
        await expect(token.permit(p.owner, p.spender, p.value, p.deadline, sig.v, sig.r, sig.s))
          .to.be.revertedWithCustomError(token, "ERC2612InvalidSigner")
          .withArgs(ethers.recoverAddress(digest, sig), holder.address);
      });
    });
  });
}
