import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";

/**
 * What a token behaviour needs from its factory: a freshly deployed token and its holders. The factory is
 * a module-level function so `loadFixture` can snapshot it; it is run once per behaviour file and reverted
 * to before every test.
 */
export interface TokenContext<Token> {
  /** The token under test, typed by the interface the behaviour checks. */
  readonly token: Token;
  /** Holds exactly `holderBalance` tokens and has delegated nothing. */
  readonly holder: HardhatEthersSigner;
  /** The exact balance of `holder` (at least 1,000 wei). */
  readonly holderBalance: bigint;
  /** Holds nothing and has delegated nothing. */
  readonly other: HardhatEthersSigner;
  /** Holds nothing; used as spender and delegatee. */
  readonly third: HardhatEthersSigner;
}

/** A deploy function returning a fresh token and holders (pass a named module-level function). */
export type TokenFactory<Token, Extra = object> = () => Promise<TokenContext<Token> & Extra>;
