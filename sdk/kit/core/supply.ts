/**
 * Supply rules of a capped votes token (the kit's capped-mint base, mirrored by `QuivToken.sol`): the cap bounds
 * the cumulative minted supply, so burns lower `totalSupply` but never reopen room under the cap.
 */
import { InvalidArgumentError, InvariantError, RuleError } from "./errors";

/** A snapshot of a capped token's supply counters, as read from the token. */
export interface TokenSupply {
  /** Current supply (wei). */
  readonly totalSupply: bigint;
  /** Cumulative minted supply, genesis included (wei). Never decreases. */
  readonly totalMinted: bigint;
  /** Cap on `totalMinted` (wei). */
  readonly cap: bigint;
}

/** Token metadata plus supply, as returned by `readTokenInfo`. */
export interface TokenInfo extends TokenSupply {
  readonly address: string;
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
  /** `totalMinted - totalSupply` (wei). */
  readonly totalBurned: bigint;
  /** ERC-6372 clock mode, `"mode=timestamp"` for timestamp votes. */
  readonly clockMode: string;
}

/**
 * Wei still mintable under the cap: `cap - totalMinted`. Throws {@link InvariantError} if the counters
 * break `totalSupply <= totalMinted <= cap`.
 *
 * @example
 * remainingMintable({ totalSupply: 0n, totalMinted: 400_000_000n * 10n ** 18n, cap: 10n ** 27n }); // 600M tokens
 */
export function remainingMintable(s: TokenSupply): bigint {
  checkSupply(s);
  return s.cap - s.totalMinted;
}

/**
 * Cumulative burned supply: `totalMinted - totalSupply` (like `CappedVotesToken.totalBurned`).
 *
 * @example
 * totalBurned({ totalSupply: 90n, totalMinted: 100n, cap: 100n }); // 10n
 */
export function totalBurned(s: TokenSupply): bigint {
  checkSupply(s);
  return s.totalMinted - s.totalSupply;
}

/** The custom error names a capped token's mint reverts with (the kit's base: `ICappedVotesToken`). */
export interface MintErrorNames {
  readonly zeroAmount: string;
  readonly capExceeded: string;
}

/** `CappedVotesToken`'s names; a token declaring its own errors passes its names (QUIVer: `QUIV_MINT_ERRORS`). */
export const CAPPED_VOTES_MINT_ERRORS: MintErrorNames = {
  zeroAmount: "CappedVotesZeroAmount",
  capExceeded: "CappedVotesCapExceeded",
};

/**
 * Applies a mint to the counters, throwing the twin of the token's zero-amount or cap error (`errors`, by default
 * CappedVotesToken's) exactly when the contract would revert.
 *
 * @returns the new counters (the input is not modified)
 * @example
 * applyMint({ totalSupply: 0n, totalMinted: 0n, cap: 10n }, 10n); // { totalSupply: 10n, totalMinted: 10n, cap: 10n }
 */
export function applyMint(
  s: TokenSupply,
  amount: bigint,
  errors: MintErrorNames = CAPPED_VOTES_MINT_ERRORS,
): TokenSupply {
  checkSupply(s);
  if (typeof amount !== "bigint" || amount < 0n) {
    throw new InvalidArgumentError("mint amount must be a non-negative bigint", { details: { amount } });
  }
  if (amount === 0n) throw new RuleError("cannot mint zero", { errorName: errors.zeroAmount, args: [] });
  if (s.totalMinted + amount > s.cap) {
    throw new RuleError(`mint of ${amount} wei exceeds the cap`, {
      errorName: errors.capExceeded,
      args: [s.totalMinted, amount, s.cap],
    });
  }
  return { ...s, totalSupply: s.totalSupply + amount, totalMinted: s.totalMinted + amount };
}

/**
 * Applies a burn: supply drops, `totalMinted` (and so the room under the cap) does not change.
 * Throws the twin of `ERC20InsufficientBalance` when `balance < amount`.
 *
 * @example
 * applyBurn({ totalSupply: 10n, totalMinted: 10n, cap: 10n }, "0xabc…", 10n, 4n).totalSupply; // 6n
 */
export function applyBurn(s: TokenSupply, holder: string, balance: bigint, amount: bigint): TokenSupply {
  checkSupply(s);
  if (typeof amount !== "bigint" || amount < 0n) {
    throw new InvalidArgumentError("burn amount must be a non-negative bigint", { details: { amount } });
  }
  if (balance < amount) {
    throw new RuleError(`balance ${balance} is below the burn of ${amount}`, {
      errorName: "ERC20InsufficientBalance",
      args: [holder, balance, amount],
    });
  }
  return { ...s, totalSupply: s.totalSupply - amount };
}

function checkSupply(s: TokenSupply): void {
  if (!(0n <= s.totalSupply && s.totalSupply <= s.totalMinted && s.totalMinted <= s.cap)) {
    throw new InvariantError("supply counters break totalSupply <= totalMinted <= cap", { details: { ...s } });
  }
}
