import { bpciModule } from "./Bpci";

/**
 * The BPCI preset on a live network: the same module as deploy/modules/Bpci.ts with the five feeds read from the
 * parameters instead of local mocks (`usageFeed`, `reserveFeed` under "Kit"; `liquidityFeed`, `uptimeFeed`,
 * `qualityFeed` under "Bpci"):
 * `npx hardhat ignition deploy deploy/modules/BpciLive.ts --network sepolia --parameters deploy/parameters/bpci.sepolia.json`.
 */
export default bpciModule("live");
