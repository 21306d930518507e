import type { PresetSim } from "../engine";
export const BPCI_SIM: PresetSim<unknown> = {
  name: "bpci",
  scenarios: {},
  charts: [],
  checks: [],
  walletsFor: () => 0,
  setup: async () => undefined,
  day: async (_c, _s, day) => ({ day }),
};
