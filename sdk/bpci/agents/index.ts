/** `economy-kit/bpci` agents: the PoE miner. */
export * from "./miner";
