import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { ContractFuture } from "@nomicfoundation/ignition-core/dist/src/types/module";
import type { Built } from "../blocks/handover";
import { buildStakingLibraries } from "../blocks/staking";

/**
 * The BankMesh (contracts/bpci/mesh): banks' NEX stake on the kit's staking core, NEX loans, NEX/AUR settlements and
 * mesh proposals, reading `bpci.mesh.*` from the registry. It has no admin and no roles, so its hand-over list is
 * empty (returned like every builder's, and concatenated by the preset, so a role added later is handed over by
 * listing it here): its parameters change only through the registry, i.e. the timelock, and a passed mesh
 * ParameterChange proposal only emits its approval for the kit governance to enact. `libs` are the staking
 * libraries (one set per preset).
 */
export function buildMesh(
  m: IgnitionModuleBuilder,
  d: { registry: ContractFuture<string>; nex: ContractFuture<string>; aur: ContractFuture<string> },
  libs: ReturnType<typeof buildStakingLibraries>,
) {
  const mesh = m.contract("BankMesh", [d.nex, d.aur, d.registry], { libraries: libs.futures });
  const built: Built<{ mesh: typeof mesh }> = { futures: { mesh }, handover: [] };
  return built;
}
