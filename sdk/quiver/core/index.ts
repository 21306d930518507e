/**
 * `economy-kit/quiver` core layer: QUIVer's pure mirrors (supply cap, parameter catalogue, market and dispute
 * math, emission, pricing, staking slash split, vouchers). No provider, no I/O.
 */
export * from "./supply";
export * from "./parameters";
export * from "./market";
export * from "./emission";
export * from "./pricing";
export * from "./staking";
export * from "./voucher";
