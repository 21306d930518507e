import { ethers } from "hardhat";
import type { ERC20 } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/ERC20";
import type { ERC20Burnable } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable";
import type { ERC20Permit } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit";
import type { ERC20Votes } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes";
import type { IERC20 } from "../../../typechain-types/@openzeppelin/contracts/token/ERC20/IERC20";
import type { StaticVotesWrapper } from "../../../typechain-types";
import type { StaticWrapperContext, TokenContext, TokenFactory } from "../../behaviors/context";
import { shouldBehaveLikeERC20 } from "../../behaviors/erc20.behavior";
import { shouldBehaveLikePermit } from "../../behaviors/permit.behavior";
import { shouldBehaveLikeVotes } from "../../behaviors/votes.behavior";
import { shouldBehaveLikeCappedMint, type CappedMint } from "../../behaviors/cappedMint.behavior";
import { shouldBehaveLikeStaticWrapper } from "../../behaviors/staticWrapper.behavior";
import { deployBpciTokensWide, GENESIS, rebaseFlx, TOKEN, WRAPPER_OFFSET } from "../fixtures/tokens";

/**
 * GEN, NEX, AUR, FLX and the FLX static voting wrapper through the shared token behaviours (test/behaviors), on the
 * fixture with wide FLX bounds. GEN's holder is alice (5,000 GEN, not exempt, under the 10,000 GEN limit, so the
 * behaviours' transfers to fresh accounts stay within it); AUR's holder got 10,000 AUR from the issuer; FLX (no
 * votes) runs the ERC-20 and permit behaviours, its votes go through the wrapper.
 */
async function genUnderTest(): Promise<TokenContext<ERC20>> {
  const f = await deployBpciTokensWide();
  return {
    token: f.gen as unknown as ERC20,
    holder: f.alice,
    holderBalance: GENESIS.gen.alice,
    other: f.carol,
    third: f.dave,
  };
}

async function nexUnderTest(): Promise<TokenContext<ERC20Burnable> & CappedMint> {
  const f = await deployBpciTokensWide();
  await f.nex.connect(f.minter).mint(f.alice.address, 1_000n * TOKEN);
  return {
    token: f.nex as unknown as ERC20Burnable,
    holder: f.alice,
    holderBalance: 1_000n * TOKEN,
    other: f.carol,
    third: f.dave,
    minter: f.minter,
    mint: (from, to, amount) => f.nex.connect(from).mint(to, amount),
    cap: () => f.nex.cap(),
    totalMinted: () => f.nex.totalMinted(),
    capError: { name: "NexCapExceeded", args: (minted, amount, cap) => [minted, amount, cap] },
    unauthorizedError: {
      name: "AccessControlUnauthorizedAccount",
      args: async (account) => [account, await f.nex.MINTER_ROLE()],
    },
  };
}

async function aurUnderTest(): Promise<TokenContext<ERC20>> {
  const f = await deployBpciTokensWide();
  await f.aur.connect(f.issuer).mint(f.alice.address, 10_000n * TOKEN);
  return {
    token: f.aur as unknown as ERC20,
    holder: f.alice,
    holderBalance: 10_000n * TOKEN,
    other: f.carol,
    third: f.dave,
  };
}

async function flxUnderTest(): Promise<TokenContext<ERC20>> {
  const f = await deployBpciTokensWide();
  return {
    token: f.flx as unknown as ERC20,
    holder: f.alice,
    holderBalance: GENESIS.flx.alice,
    other: f.carol,
    third: f.dave,
  };
}

/** FLX after a +3.33% rebase: the holder's balance is no longer a whole multiple of its genesis. */
async function flxRebasedUnderTest(): Promise<TokenContext<ERC20>> {
  const f = await deployBpciTokensWide();
  await rebaseFlx(f, 333n);
  const holderBalance = await f.flx.balanceOf(f.alice.address);
  return { token: f.flx as unknown as ERC20, holder: f.alice, holderBalance, other: f.carol, third: f.dave };
}

async function wflxUnderTest(): Promise<StaticWrapperContext<StaticVotesWrapper, IERC20>> {
  const f = await deployBpciTokensWide();
  const wrapperAddr = await f.wflx.getAddress();
  return {
    wrapper: f.wflx,
    underlying: f.flx as unknown as IERC20,
    offset: WRAPPER_OFFSET,
    holder: f.alice,
    other: f.bob,
    third: f.carol,
    rebase: (bps) => rebaseFlx(f, bps),
    fund: async (account, amount) => {
      const have = await f.flx.balanceOf(account.address);
      if (have > 0n) await f.flx.connect(account).transfer(f.treasury.address, have);
      await f.flx.connect(f.treasury).transfer(account.address, amount);
      await f.flx.connect(account).approve(wrapperAddr, ethers.MaxUint256);
    },
  };
}

/** The wrapper's shares as a token: alice deposited 1,000 FLX and holds 1,000e18 * 10^3 shares. */
async function wflxSharesUnderTest(): Promise<TokenContext<StaticVotesWrapper>> {
  const f = await deployBpciTokensWide();
  await f.flx.connect(f.alice).approve(await f.wflx.getAddress(), ethers.MaxUint256);
  await f.wflx.connect(f.alice).deposit(1_000n * TOKEN, f.alice.address);
  return {
    token: f.wflx,
    holder: f.alice,
    holderBalance: 1_000n * TOKEN * 10n ** WRAPPER_OFFSET,
    other: f.carol,
    third: f.dave,
  };
}

const as = <Token>(factory: () => Promise<unknown>) => factory as unknown as TokenFactory<Token>;

describe("BPCI tokens (shared token behaviours)", () => {
  describe("GEN", () => {
    shouldBehaveLikeERC20(as<ERC20>(genUnderTest), { name: "Genesis", symbol: "GEN", decimals: 18n });
    shouldBehaveLikePermit(as<ERC20Permit>(genUnderTest), "Genesis");
    shouldBehaveLikeVotes(as<ERC20Votes>(genUnderTest));
  });
  describe("NEX", () => {
    shouldBehaveLikeERC20(as<ERC20>(nexUnderTest), { name: "Nexus", symbol: "NEX", decimals: 18n });
    shouldBehaveLikePermit(as<ERC20Permit>(nexUnderTest), "Nexus");
    shouldBehaveLikeVotes(as<ERC20Votes>(nexUnderTest));
    shouldBehaveLikeCappedMint(nexUnderTest);
  });
  describe("AUR", () => {
    shouldBehaveLikeERC20(as<ERC20>(aurUnderTest), { name: "Aurum", symbol: "AUR", decimals: 18n });
    shouldBehaveLikePermit(as<ERC20Permit>(aurUnderTest), "Aurum");
    shouldBehaveLikeVotes(as<ERC20Votes>(aurUnderTest));
  });
  describe("FLX (no votes: ERC-20 and permit)", () => {
    shouldBehaveLikeERC20(as<ERC20>(flxUnderTest), { name: "Flux", symbol: "FLX", decimals: 18n });
    shouldBehaveLikePermit(as<ERC20Permit>(flxUnderTest), "Flux");
    describe("after a rebase", () => {
      shouldBehaveLikeERC20(as<ERC20>(flxRebasedUnderTest), { name: "Flux", symbol: "FLX", decimals: 18n });
    });
  });
  describe("wFLX (the kit StaticVotesWrapper over FLX)", () => {
    shouldBehaveLikeStaticWrapper(wflxUnderTest);
    shouldBehaveLikeERC20(as<ERC20>(wflxSharesUnderTest), { name: "Wrapped Flux", symbol: "wFLX", decimals: 21n });
    shouldBehaveLikePermit(as<ERC20Permit>(wflxSharesUnderTest), "Wrapped Flux");
    shouldBehaveLikeVotes(as<ERC20Votes>(wflxSharesUnderTest));
  });
});
