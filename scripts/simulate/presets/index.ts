/** The simulated presets, by name. A preset's scenarios live in its own file (register a new one there). */
import type { PresetName } from "../args";
import type { PresetSim } from "../engine";
import { QUIVER_SIM } from "./quiver";
import { CAESAR_SIM } from "./caesar";
import { BPCI_SIM } from "./bpci";

export const SIMS: Record<PresetName, PresetSim<never>> = {
  quiver: QUIVER_SIM as unknown as PresetSim<never>,
  caesar: CAESAR_SIM as unknown as PresetSim<never>,
  bpci: BPCI_SIM as unknown as PresetSim<never>,
};
