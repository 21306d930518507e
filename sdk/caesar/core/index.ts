/**
 * `sdk/caesar` core layer: CAESAR's pure mirrors (demurrage index, fees, congestion, penalties, the parameter
 * catalogue). No provider, no I/O.
 */
export * from "./demurrage";
export * from "./fees";
export * from "./parameters";
export * from "./rewards";
export * from "./authorization";
export * from "./regions";
export * from "./stability";
export * from "./market";
