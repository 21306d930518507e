/**
 * The list of presets. Deploy (`kit deploy`), `kit status`, the address book, the CLI, `npm run demo` and
 * `npm run devnet` iterate it; adding an economy is one line here plus its descriptor and folders. Importing this
 * module registers the built-in presets (sdk/kit/preset.ts `registerPreset`).
 */
import { listPresets, registerPreset, type Preset } from "./kit/preset";
import { QUIVER_PRESET } from "./quiver/preset";
import { CAESAR_PRESET } from "./caesar/preset";
import { BPCI_PRESET } from "./bpci/preset";

/** The built-in presets, in the order the tools show them. */
export const PRESETS: readonly Preset[] = [QUIVER_PRESET, CAESAR_PRESET, BPCI_PRESET];

for (const p of PRESETS) if (!listPresets().includes(p)) registerPreset(p);

export { listPresets, findPreset, registerPreset, unregisterPreset, presetsIn } from "./kit/preset";
