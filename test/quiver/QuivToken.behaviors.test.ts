import type { QuivToken } from "../../typechain-types";
import type { ERC20 } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/ERC20";
import type { ERC20Burnable } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable";
import type { ERC20Permit } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit";
import type { ERC20Votes } from "../../typechain-types/@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes";
import { deployFoundation, GENESIS } from "./fixtures/foundation";
import type { TokenContext, TokenFactory } from "../behaviors/context";
import { shouldBehaveLikeERC20 } from "../behaviors/erc20.behavior";
import { shouldBehaveLikePermit } from "../behaviors/permit.behavior";
import { shouldBehaveLikeVotes } from "../behaviors/votes.behavior";
import { shouldBehaveLikeCappedMint, type CappedMint } from "../behaviors/cappedMint.behavior";

/**
 * QUIV through the shared token behaviours (test/behaviors): deployed by the Foundation module, the
 * genesis treasury recipient is the holder, and a minter holds MINTER_ROLE as the emission controller will.
 */
async function quivUnderTest(): Promise<TokenContext<ERC20Burnable> & CappedMint> {
  const f = await deployFoundation();
  const quiv: QuivToken = f.quiv;
  await quiv.connect(f.deployer).grantRole(await quiv.MINTER_ROLE(), f.minter.address);
  return {
    token: quiv as unknown as ERC20Burnable,
    holder: f.treasury,
    holderBalance: GENESIS.treasury,
    other: f.alice,
    third: f.bob,
    minter: f.minter,
    mint: (from, to, amount) => quiv.connect(from).mint(to, amount),
    cap: () => quiv.cap(),
    totalMinted: () => quiv.totalMinted(),
    capError: { name: "QuivCapExceeded", args: (minted, amount, cap) => [minted, amount, cap] },
    unauthorizedError: {
      name: "AccessControlUnauthorizedAccount",
      args: async (account) => [account, await quiv.MINTER_ROLE()],
    },
  };
}

/** The one fixture seen through each behaviour's token interface (one deployment, one snapshot). */
const through = <Token>() => quivUnderTest as unknown as TokenFactory<Token>;

describe("QuivToken (shared token behaviours)", () => {
  shouldBehaveLikeERC20(through<ERC20>(), { name: "QUIV", symbol: "QUIV", decimals: 18n });
  shouldBehaveLikePermit(through<ERC20Permit>(), "QUIV");
  shouldBehaveLikeVotes(through<ERC20Votes>());
  shouldBehaveLikeCappedMint(quivUnderTest);
});
