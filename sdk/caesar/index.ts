/**
 * `economy-kit/caesar`: the CAESAR economy on top of the kit: the core mirrors (demurrage, fees, rewards,
 * authorizations) and the chain layer (signing a transfer authorization against the deployed processor).
 */
export * from "./core";
export * from "./chain/authorization";
