import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { ArgumentType } from "@nomicfoundation/ignition-core/dist/src/types/module";
import { ROLES } from "../blocks/roles";

type F = ArgumentType;

/**
 * The BillingMeter (contracts/bpci/billing): settlements of usage records committed by `operator` (OPERATOR_ROLE;
 * the zero address leaves the role to a later grant by governance), paid into `treasury` in GEN, NEX, FLX and AUR.
 * It holds no tokens. Hand-over: DEFAULT_ADMIN_ROLE (it grants OPERATOR_ROLE).
 */
export function buildBilling(
  m: IgnitionModuleBuilder,
  d: { admin: F; operator: F; registry: F; treasury: F; gen: F; nex: F; flx: F; aur: F },
) {
  const meter = m.contract("BillingMeter", [d.admin, d.operator, d.registry, d.treasury, d.gen, d.nex, d.flx, d.aur]);
  return {
    futures: { meter },
    handover: [{ label: "BillingMeter", contract: meter, roles: [ROLES.DEFAULT_ADMIN] }],
  };
}
