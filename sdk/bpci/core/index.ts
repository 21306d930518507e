/**
 * `economy-kit/bpci` core layer: BPCI's pure mirrors (parameter catalogue, FLX rebase math, AUR reserve coverage, PoE mining math).
 * No provider, no I/O.
 */
export * from "./parameters";
export * from "./rebase";
export * from "./reserve";
export * from "./poe";
export * from "./month";
