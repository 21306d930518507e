/**
 * `economy-kit/bpci` chain layer: BPCI's typed contract handles, ids and readers (status, jobs, miners, billing
 * settlements, the stability monitor, the bank mesh, metrics and the audit log).
 */
export * from "./contracts";
export * from "./ids";
export * from "./readers";
export * from "./reports";
export * from "./billing";
export * from "./stability";
export * from "./mesh";
export * from "./metrics";
