/**
 * QUIV's supply constant; the capped-supply rules themselves are the kit's (`sdk/kit/core/supply.ts`).
 */

/** QUIV hard cap: 1,000,000,000 QUIV in wei (SPEC.md, QUIVer; `QuivToken._CAP`). */
export const QUIV_CAP = 1_000_000_000n * 10n ** 18n;

import { applyMint as applyCappedMint, type MintErrorNames, type TokenSupply } from "../../kit/core/supply";

/** QuivToken's own mint errors (`IQuivToken`). */
export const QUIV_MINT_ERRORS: MintErrorNames = { zeroAmount: "QuivZeroAmount", capExceeded: "QuivCapExceeded" };

/** The kit's `applyMint` with QuivToken's error names. */
export function applyMint(s: TokenSupply, amount: bigint): TokenSupply {
  return applyCappedMint(s, amount, QUIV_MINT_ERRORS);
}

export { remainingMintable, totalBurned, applyBurn } from "../../kit/core/supply";
export type { TokenSupply, TokenInfo } from "../../kit/core/supply";
