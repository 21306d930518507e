import type { PresetSim } from "../engine";
export const CAESAR_SIM: PresetSim<unknown> = {
  name: "caesar",
  scenarios: {},
  charts: [],
  checks: [],
  walletsFor: () => 0,
  setup: async () => undefined,
  day: async (_c, _s, day) => ({ day }),
};
