/** `sdk/caesar` chain layer: typed handles, readers and authorization signing against a deployment. */
export * from "./ids";
export * from "./contracts";
export * from "./readers";
export * from "./authorization";
export * from "./regions";
export * from "./assets";
export * from "./stability";
export * from "./gate";
