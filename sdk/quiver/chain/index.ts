/**
 * `economy-kit/quiver` chain layer: QUIVer's typed contract handles and readers (market, channels, disputes,
 * staking, emission).
 */
export * from "./contracts";
export * from "./market";
export * from "./staking";
export * from "./voucher";
export * from "./ids";
