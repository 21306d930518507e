import { quiverModule } from "./Quiver";

/**
 * The QUIVer preset on a live network: the same module as deploy/modules/Quiver.ts with the growth-metric feed read
 * from the parameter `growthFeed` (under "Quiver") instead of a local mock anyone could update. `kit deploy quiver`
 * runs it on every chain that is not a local dev chain; by hand:
 * `npx hardhat ignition deploy deploy/modules/QuiverLive.ts --network sepolia --parameters deploy/parameters/quiver.sepolia.json`.
 */
export default quiverModule("live");
