/**
 * `economy-kit/quiver` tx layer: typed requests for QUIVer's contracts (send each with `send` from economy-kit/tx)
 * and the flows that do more than send (events decoded, allowances, salts, permits, vouchers).
 */
export * from "./market";
export * from "./channels";
export * from "./disputes";
export * from "./staking";
export * from "./oracle";
