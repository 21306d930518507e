/**
 * `economy-kit/bpci` core layer: BPCI's pure mirrors (parameter catalogue, FLX rebase math, AUR reserve coverage, PoE mining math, billing trees, stability levels, bank-mesh interest and stake at risk).
 * No provider, no I/O.
 */
/** The kit's fixed-point units (basis points, WAD), which BPCI's math uses: re-exported, not redeclared. */
export { BPS, WAD } from "../../kit/core/math";
export * from "./units";
export * from "./parameters";
export * from "./rebase";
export * from "./reserve";
export * from "./poe";
export * from "./month";
export * from "./billing";
export * from "./stability";
export * from "./mesh";
