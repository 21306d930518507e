import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { AccountRuntimeValue } from "@nomicfoundation/ignition-core/dist/src/types/module";
import { id } from "ethers";
import { ROLES } from "./roles";
import type { Built } from "./handover";

/** One registry definition as a catalogue writes it; the on-chain key is `keccak256(name)`. */
export interface RegistryParameter {
  readonly name: string;
  readonly value: bigint;
  readonly min: bigint;
  readonly max: bigint;
  readonly maxDelta: bigint;
  readonly period: bigint;
}

/**
 * The ParameterRegistry, administered by `admin` until the hand-over, seeded with every parameter of the given
 * catalogues (one `defineParameters` call, future id `SeedParameters`). It names no key itself: each economy passes
 * its own catalogue (`<economy>.<module>.<name>`).
 * Hand-over: PARAMETER_ADMIN_ROLE and DEFAULT_ADMIN_ROLE to the timelock.
 */
export function buildRegistry(
  m: IgnitionModuleBuilder,
  d: { admin: AccountRuntimeValue; parameters: readonly RegistryParameter[] },
) {
  const registry = m.contract("ParameterRegistry", [d.admin]);
  const seeded =
    d.parameters.length === 0
      ? undefined
      : m.call(
          registry,
          "defineParameters",
          [
            d.parameters.map((s) => ({
              key: id(s.name),
              value: s.value,
              min: s.min,
              max: s.max,
              maxDelta: s.maxDelta,
              period: s.period,
            })),
          ],
          { id: "SeedParameters" },
        );
  const built: Built<{ registry: typeof registry; seeded: typeof seeded }> = {
    futures: { registry, seeded },
    handover: [{ label: "Registry", contract: registry, roles: [ROLES.PARAMETER_ADMIN, ROLES.DEFAULT_ADMIN] }],
  };
  return built;
}
