/**
 * `economy-kit/caesar`: the CAESAR economy on top of the kit: the core mirrors (demurrage, fees, rewards,
 * authorizations), the chain layer (contracts, readers, signing a transfer authorization against the deployed
 * processor), the senders and the processing agent.
 */
export * from "./core";
export * from "./chain";
export * from "./tx";
export * from "./agents";
