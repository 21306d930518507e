/**
 * `economy-kit/bpci`: the BPCI economy on top of the kit: core mirrors, chain readers, typed requests and flows,
 * and the miner agent.
 */
export * from "./core";
export * from "./chain";
export * from "./tx";
export * from "./agents";
