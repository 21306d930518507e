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

/**
 * What the static-wrapper behaviour needs: a wrapper over a rebasing (or decaying) underlying with no deposits
 * yet, the rebase lever, a way to fund accounts with underlying, and three accounts that hold no shares.
 */
export interface StaticWrapperContext<Wrapper, Underlying> {
  /** The wrapper under test (no deposits, no donation yet). */
  readonly wrapper: Wrapper;
  /** The wrapped token. */
  readonly underlying: Underlying;
  /** Scales every underlying balance (the wrapper's included) by `1 + bps / 10,000`. */
  rebase(bps: bigint): Promise<void>;
  /** Gives `account` `amount` underlying wei and approves the wrapper for all of it. */
  fund(account: HardhatEthersSigner, amount: bigint): Promise<void>;
  /** The wrapper's decimals offset (virtual shares are 10^offset). */
  readonly offset: bigint;
  /** Depositor under test. */
  readonly holder: HardhatEthersSigner;
  /** A second depositor (the attacker in the donation case). */
  readonly other: HardhatEthersSigner;
  /** Receiver and delegatee. */
  readonly third: HardhatEthersSigner;
}
