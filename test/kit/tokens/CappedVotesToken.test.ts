import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { MockCappedVotesToken } from "../../../typechain-types";
import type { ERC20 } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/ERC20";
import type { ERC20Burnable } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable";
import type { ERC20Permit } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit";
import type { ERC20Votes } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes";
import type { TokenContext, TokenFactory } from "../../behaviors/context";
import { shouldBehaveLikeERC20 } from "../../behaviors/erc20.behavior";
import { shouldBehaveLikePermit } from "../../behaviors/permit.behavior";
import { shouldBehaveLikeVotes } from "../../behaviors/votes.behavior";
import { shouldBehaveLikeCappedMint, type CappedMint } from "../../behaviors/cappedMint.behavior";

/**
 * The kit's capped votes token base (contracts/tokens/CappedVotesToken.sol) through its smallest final token,
 * MockCappedVotesToken (owner mints, the base's default errors): the constructor's checks, the counters, and the
 * shared ERC-20, permit, votes and capped-mint behaviours.
 */
const NAME = "Kit Capped";
const SYMBOL = "KCAP";
const CAP = 1_000_000n * 10n ** 18n;
const HOLDER_BALANCE = 250_000n * 10n ** 18n;
const MAX_CAP = 2n ** 208n - 1n;

async function mockUnderTest(): Promise<TokenContext<ERC20Burnable> & CappedMint & { mock: MockCappedVotesToken }> {
  const [owner, holder, other, third] = await ethers.getSigners();
  const mock = (await ethers.deployContract("MockCappedVotesToken", [
    NAME,
    SYMBOL,
    CAP,
    owner.address,
  ])) as unknown as MockCappedVotesToken;
  await mock.mint(holder.address, HOLDER_BALANCE);
  return {
    mock,
    token: mock as unknown as ERC20Burnable,
    holder,
    holderBalance: HOLDER_BALANCE,
    other,
    third,
    minter: owner,
    mint: (from, to, amount) => mock.connect(from).mint(to, amount),
    cap: () => mock.cap(),
    totalMinted: () => mock.totalMinted(),
    capError: { name: "CappedVotesCapExceeded", args: (minted, amount, cap) => [minted, amount, cap] },
    unauthorizedError: { name: "OwnableUnauthorizedAccount", args: async (account) => [account] },
  };
}
const through = <Token>() => mockUnderTest as unknown as TokenFactory<Token>;

describe("CappedVotesToken (kit token base, through MockCappedVotesToken)", () => {
  describe("deployment", () => {
    it("takes name, symbol (EIP-712 name too) and cap from the constructor", async () => {
      const { mock } = await loadFixture(mockUnderTest);
      expect(await mock.name()).to.equal(NAME);
      expect(await mock.symbol()).to.equal(SYMBOL);
      expect(await mock.cap()).to.equal(CAP);
      expect((await mock.eip712Domain()).name).to.equal(NAME);
    });

    it("rejects a zero cap and a cap above 2^208 - 1 with CappedVotesInvalidCap(cap, 2^208 - 1)", async () => {
      const [owner] = await ethers.getSigners();
      const factory = await ethers.getContractFactory("MockCappedVotesToken");
      await expect(factory.deploy(NAME, SYMBOL, 0n, owner.address))
        .to.be.revertedWithCustomError(factory, "CappedVotesInvalidCap")
        .withArgs(0n, MAX_CAP);
      await expect(factory.deploy(NAME, SYMBOL, MAX_CAP + 1n, owner.address))
        .to.be.revertedWithCustomError(factory, "CappedVotesInvalidCap")
        .withArgs(MAX_CAP + 1n, MAX_CAP);
      const top = await factory.deploy(NAME, SYMBOL, MAX_CAP, owner.address);
      expect(await top.cap()).to.equal(MAX_CAP);
    });
  });

  describe("counters", () => {
    it("counts burns in totalBurned, never in totalMinted", async () => {
      const { mock, holder } = await loadFixture(mockUnderTest);
      await mock.connect(holder).burn(1_000n);
      expect(await mock.totalMinted()).to.equal(HOLDER_BALANCE);
      expect(await mock.totalBurned()).to.equal(1_000n);
      expect(await mock.totalSupply()).to.equal(HOLDER_BALANCE - 1_000n);
    });

    it("rejects a zero mint with CappedVotesZeroAmount", async () => {
      const { mock, other } = await loadFixture(mockUnderTest);
      await expect(mock.mint(other.address, 0n)).to.be.revertedWithCustomError(mock, "CappedVotesZeroAmount");
    });

    it("rejects a mint near 2^256 with the cap error, not an overflow panic", async () => {
      const { mock, other } = await loadFixture(mockUnderTest);
      await expect(mock.mint(other.address, ethers.MaxUint256))
        .to.be.revertedWithCustomError(mock, "CappedVotesCapExceeded")
        .withArgs(HOLDER_BALANCE, ethers.MaxUint256, CAP);
    });

    it("rejects a mint to the zero address with ERC20InvalidReceiver and leaves totalMinted unchanged", async () => {
      const { mock } = await loadFixture(mockUnderTest);
      await expect(mock.mint(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(mock, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
      expect(await mock.totalMinted()).to.equal(HOLDER_BALANCE);
    });
  });

  shouldBehaveLikeERC20(through<ERC20>(), { name: NAME, symbol: SYMBOL, decimals: 18n });
  shouldBehaveLikePermit(through<ERC20Permit>(), NAME);
  shouldBehaveLikeVotes(through<ERC20Votes>());
  shouldBehaveLikeCappedMint(mockUnderTest);
});
