/**
 * `economy-kit/quiver`: the QUIVer economy on top of the kit: core mirrors, chain readers, typed requests and
 * flows, and agents. Import the kit's shared pieces from `economy-kit/core`, `/chain`, `/tx` and `/agents`.
 */
export * from "./core";
export * from "./chain";
export * from "./tx";
export * from "./agents";
