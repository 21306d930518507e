/**
 * BPCI's token units: FLX and the four other tokens have 18 decimals; wFLX, FLX's static votes wrapper, adds the
 * wrapper's decimals offset (deploy/bpci/votes.ts deploys it with {@link WFLX_DECIMALS_OFFSET}).
 */

/** Decimals of GEN, NEX, FLX and AUR. */
export const BPCI_TOKEN_DECIMALS = 18;
/** Decimals offset of the FLX static wrapper wFLX (ERC-4626 virtual shares): 3. */
export const WFLX_DECIMALS_OFFSET = 3n;
/** Decimals of wFLX: 18 + 3 = 21. */
export const WFLX_DECIMALS = BPCI_TOKEN_DECIMALS + Number(WFLX_DECIMALS_OFFSET);
/** wFLX wei per FLX wei at the genesis exchange rate (10^offset). */
export const WFLX_PER_FLX = 10n ** WFLX_DECIMALS_OFFSET;
