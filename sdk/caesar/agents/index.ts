/** `sdk/caesar` agents layer: the processing agent. */
export * from "./processor";
