/** `economy-kit/bpci` agents: the PoE miner and the bank-mesh bank. */
export * from "./miner";
export * from "./bank";
