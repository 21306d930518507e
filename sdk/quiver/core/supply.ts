/**
 * QUIV's supply constant; the capped-supply rules themselves are the kit's (`sdk/kit/core/supply.ts`).
 */

/** QUIV hard cap: 1,000,000,000 QUIV in wei (SPEC.md, QUIVer; `QuivToken._CAP`). */
export const QUIV_CAP = 1_000_000_000n * 10n ** 18n;

export { remainingMintable, totalBurned, applyMint, applyBurn } from "../../kit/core/supply";
export type { TokenSupply, TokenInfo } from "../../kit/core/supply";
