/**
 * `economy-kit/quiver` tx layer: typed requests for QUIVer's contracts and the flows that do more than send.
 */
export * from "./market";
export * from "./staking";
