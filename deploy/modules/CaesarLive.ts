import { caesarModule } from "./Caesar";

/**
 * The CAESAR preset on a live network: the same module as deploy/modules/Caesar.ts with the market read from the
 * parameters ("Caesar": `pool`, the existing CAESAR pair, and `quoteDecimals`) instead of a local Uniswap deployment:
 * `npx hardhat ignition deploy deploy/modules/CaesarLive.ts --network sepolia --parameters deploy/parameters/caesar.sepolia.json`.
 */
export default caesarModule("live");
