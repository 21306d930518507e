import { expect } from "chai";
import { ethers } from "hardhat";
import type { ERC20 } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/ERC20";
import type { ERC20Permit } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit";
import type { ERC20Votes } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes";
import type { IERC20 } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/IERC20";
import type { MockRebasingToken, StaticVotesWrapper } from "../../../typechain-types";
import type { StaticWrapperContext, TokenContext, TokenFactory } from "../../behaviors/context";
import { shouldBehaveLikeERC20 } from "../../behaviors/erc20.behavior";
import { shouldBehaveLikePermit } from "../../behaviors/permit.behavior";
import { shouldBehaveLikeVotes } from "../../behaviors/votes.behavior";
import { shouldBehaveLikeStaticWrapper } from "../../behaviors/staticWrapper.behavior";

/**
 * The kit's static voting wrapper (contracts/tokens/StaticVotesWrapper.sol) over an Ampleforth-style rebasing
 * mock: the static-wrapper behaviour for two decimals offsets, and its shares through the ERC-20, permit and votes
 * behaviours.
 */
const NAME = "Wrapped Rebasing";
const SYMBOL = "wREB";
const E18 = 10n ** 18n;

async function deployPair(offset: bigint) {
  const [, holder, other, third] = await ethers.getSigners();
  const underlying = (await ethers.deployContract("MockRebasingToken", [
    "Rebasing",
    "REB",
  ])) as unknown as MockRebasingToken;
  const wrapper = (await ethers.deployContract("StaticVotesWrapper", [
    await underlying.getAddress(),
    NAME,
    SYMBOL,
    offset,
  ])) as unknown as StaticVotesWrapper;
  const wrapperAddr = await wrapper.getAddress();
  return { underlying, wrapper, wrapperAddr, holder, other, third };
}

function wrapperContext(offset: bigint) {
  return async function staticWrapperUnderTest(): Promise<StaticWrapperContext<StaticVotesWrapper, IERC20>> {
    const { underlying, wrapper, wrapperAddr, holder, other, third } = await deployPair(offset);
    return {
      wrapper,
      underlying: underlying as unknown as IERC20,
      offset,
      holder,
      other,
      third,
      rebase: async (bps) => {
        await underlying.rebase(bps);
      },
      fund: async (account, amount) => {
        await underlying.mint(account.address, amount);
        await underlying.connect(account).approve(wrapperAddr, ethers.MaxUint256);
      },
    };
  };
}

const OFFSET = 3n;
const staticWrapperOffset0 = wrapperContext(0n);
const staticWrapperOffset3 = wrapperContext(OFFSET);

/** The wrapper's shares as a token: the holder deposited 1,000 underlying and holds 1,000e18 * 10^3 shares. */
async function sharesUnderTest(): Promise<TokenContext<StaticVotesWrapper>> {
  const { underlying, wrapper, wrapperAddr, holder, other, third } = await deployPair(OFFSET);
  await underlying.mint(holder.address, 1_000n * E18);
  await underlying.connect(holder).approve(wrapperAddr, ethers.MaxUint256);
  await wrapper.connect(holder).deposit(1_000n * E18, holder.address);
  return { token: wrapper, holder, holderBalance: 1_000n * E18 * 10n ** OFFSET, other, third };
}
const through = <Token>() => sharesUnderTest as unknown as TokenFactory<Token>;

describe("StaticVotesWrapper (kit token block)", () => {
  describe("deployment", () => {
    it("wraps the given asset with shares of asset decimals + offset, on a timestamp clock", async () => {
      const { underlying, wrapper } = await deployPair(OFFSET);
      expect(await wrapper.asset()).to.equal(await underlying.getAddress());
      expect(await wrapper.decimals()).to.equal(18n + OFFSET);
      expect(await wrapper.decimalsOffset()).to.equal(OFFSET);
      expect(await wrapper.MAX_DECIMALS_OFFSET()).to.equal(18n);
      expect(await wrapper.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await wrapper.totalAssets()).to.equal(0n);
    });

    it("rejects the zero underlying with StaticWrapperZeroAddress", async () => {
      const factory = await ethers.getContractFactory("StaticVotesWrapper");
      await expect(factory.deploy(ethers.ZeroAddress, NAME, SYMBOL, 0n)).to.be.revertedWithCustomError(
        factory,
        "StaticWrapperZeroAddress",
      );
    });

    it("rejects an offset above 18 with StaticWrapperOffsetTooLarge(offset, 18)", async () => {
      const underlying = await ethers.deployContract("MockRebasingToken", ["Rebasing", "REB"]);
      const factory = await ethers.getContractFactory("StaticVotesWrapper");
      await expect(factory.deploy(await underlying.getAddress(), NAME, SYMBOL, 19n))
        .to.be.revertedWithCustomError(factory, "StaticWrapperOffsetTooLarge")
        .withArgs(19n, 18n);
      await factory.deploy(await underlying.getAddress(), NAME, SYMBOL, 18n);
    });
  });

  describe("with decimals offset 0", () => {
    shouldBehaveLikeStaticWrapper(staticWrapperOffset0);
  });

  describe("with decimals offset 3", () => {
    shouldBehaveLikeStaticWrapper(staticWrapperOffset3);
  });

  describe("shares (shared token behaviours)", () => {
    shouldBehaveLikeERC20(through<ERC20>(), { name: NAME, symbol: SYMBOL, decimals: 18n + OFFSET });
    shouldBehaveLikePermit(through<ERC20Permit>(), NAME);
    shouldBehaveLikeVotes(through<ERC20Votes>());
  });
});
