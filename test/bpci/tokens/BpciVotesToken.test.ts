import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciTokens, TOKEN, type BpciTokens } from "../fixtures/tokens";
import { signDelegation, signPermit } from "../../helpers/signatures";

/**
 * BpciVotesToken, the abstract base of GEN and AUR (contracts/bpci/tokens/BpciVotesToken.sol): the timestamp clock,
 * no holder burn, and one nonce counter shared by permit and delegateBySig. Run against both tokens that inherit it.
 */
const TOKENS: { name: string; pick: (t: BpciTokens) => BpciTokens["gen"] | BpciTokens["aur"] }[] = [
  { name: "GEN", pick: (t) => t.gen },
  { name: "AUR", pick: (t) => t.aur },
];

/** The tokens with alice holding 1,000 of each (AUR minted by the issuer against the mock reserve). */
async function funded() {
  const t = await loadFixture(deployBpciTokens);
  await t.aur.connect(t.issuer).mint(t.alice.address, 1_000n * TOKEN);
  return t;
}

describe("BpciVotesToken (base of GEN and AUR)", () => {
  for (const { name, pick } of TOKENS) {
    describe(`through ${name}`, () => {
      it("reports the block timestamp as its ERC-6372 clock and checkpoints votes at it", async () => {
        const t = await funded();
        const token = pick(t);
        expect(await token.CLOCK_MODE()).to.equal("mode=timestamp");
        await token.connect(t.alice).delegate(t.alice.address);
        const at = BigInt(await time.latest());
        expect(await token.clock()).to.equal(at);
        await time.increase(10);
        expect(await token.getPastVotes(t.alice.address, at)).to.equal(await token.balanceOf(t.alice.address));
        expect(await token.getPastVotes(t.alice.address, at - 1n)).to.equal(0n);
      });

      it("has no burn a holder could call (GEN's supply is fixed; AUR burns only through redeem)", async () => {
        const token = pick(await funded());
        const names: string[] = [];
        token.interface.forEachFunction((fn) => names.push(fn.name));
        expect(names.filter((n) => /^burn/i.test(n))).to.deep.equal([]);
      });

      it("shares one nonce between permit and delegateBySig: a delegation spends the nonce a permit was signed with", async () => {
        const t = await funded();
        const token = pick(t);
        const deadline = BigInt(await time.latest()) + 3_600n;
        const permit = await signPermit(token, t.alice, {
          owner: t.alice.address,
          spender: t.bob.address,
          value: 1n,
          nonce: 0n,
          deadline,
        });
        const d = await signDelegation(token, t.alice, { delegatee: t.carol.address, nonce: 0n, expiry: deadline });
        // A second account of alice's (a fresh address) relays the delegation.
        const relayer = ethers.Wallet.createRandom().connect(ethers.provider);
        await t.admin.sendTransaction({ to: relayer.address, value: 10n ** 17n });
        await token.connect(relayer).delegateBySig(t.carol.address, 0n, deadline, d.v, d.r, d.s);
        expect(await token.delegates(t.alice.address)).to.equal(t.carol.address);
        expect(await token.nonces(t.alice.address)).to.equal(1n);
        await expect(
          token.permit(t.alice.address, t.bob.address, 1n, deadline, permit.v, permit.r, permit.s),
        ).to.be.revertedWithCustomError(token, "ERC2612InvalidSigner");
      });
    });
  }
});
