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
  /**
   * What `to`'s underlying balance grows by when `amount` wei are transferred to it now, mirrored to the wei.
   * Omitted: exactly `amount` (a plain rebasing token). A demurrage token credits base units rounded down, so a
   * credit after some decay can be up to 1 wei short; its context gives the exact mirror here.
   */
  received?(to: string, amount: bigint): Promise<bigint>;
  /**
   * The exact underlying balance now of an account credited `amount` before the first rebase and untouched since,
   * mirrored to the wei. Omitted: the behaviour's own product of the rebase levers it pulled (exact for the mock).
   */
  heldNow?(amount: bigint): Promise<bigint>;
}

/** How the static-wrapper behaviour fits its underlying (every field optional; defaults fit a rebasing mock). */
export interface StaticWrapperOptions {
  /**
   * False when the underlying's balances can only fall (demurrage): every rebase lever the behaviour pulls is then
   * a fall of the same size, since a rise cannot be produced. Default true.
   */
  readonly rises?: boolean;
  /** The donation (underlying wei) that makes a 1-wei deposit mint no share; at most what `fund` can give. Default 10^30. */
  readonly hugeDonation?: bigint;
}
