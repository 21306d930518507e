import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type {
  AccountRuntimeValue,
  CallableContractFuture,
  ContractFuture,
} from "@nomicfoundation/ignition-core/dist/src/types/module";
import { id } from "ethers";
import { ROLES } from "../blocks/roles";
import { buildStakingLibraries } from "../blocks/staking";

/** CAESAR's own role ids (beside deploy/blocks/roles.ts, which names only the kit's). */
export const CAESAR_ROLES = {
  PROCESSOR: id("PROCESSOR_ROLE"),
  REPORTER: id("REPORTER_ROLE"),
} as const;

/** Account kinds of CaesarToken (ICaesarToken.Kind). */
export const KIND = { Decaying: 0n, Exempt: 1n, Pool: 2n, FeeFree: 3n } as const;

/**
 * The CAESAR processing-agents stack: CaesarFeeDistributor (its treasury leg to `treasury`), CaesarAgents (the
 * kit's StakingPools, libraries linked) and CaesarProcessor. Returns the wiring the deployer does as admin:
 * the processor's PROCESSOR_ROLE on the token and on the distributor, the distributor's REPORTER_ROLE to
 * `reporter`, the agents' stake contract FeeFree (it holds users' money: it decays, it pays no transfer fee).
 * Hand-over: the distributor's and the processor's DEFAULT_ADMIN_ROLE, the agents' SLASHER_ROLE and DEFAULT_ADMIN_ROLE.
 */
export function buildAgents(
  m: IgnitionModuleBuilder,
  d: {
    caesar: CallableContractFuture<string>;
    registry: ContractFuture<string>;
    treasury: ContractFuture<string>;
    admin: AccountRuntimeValue;
    reporter: ReturnType<IgnitionModuleBuilder["getParameter"]>;
  },
) {
  const distributor = m.contract("CaesarFeeDistributor", [d.caesar, d.registry, d.admin, d.treasury]);
  const libs = buildStakingLibraries(m);
  const agents = m.contract("CaesarAgents", [d.caesar, d.registry, d.admin], { libraries: libs.futures });
  const processor = m.contract("CaesarProcessor", [d.caesar, agents, distributor, d.registry, d.admin]);
  const wiring = [
    m.call(d.caesar, "setKind", [agents, KIND.FeeFree], { id: "AgentsFeeFree" }),
    m.call(d.caesar, "grantRole", [CAESAR_ROLES.PROCESSOR, processor], { id: "CaesarProcessorRole" }),
    m.call(distributor, "grantRole", [CAESAR_ROLES.PROCESSOR, processor], { id: "DistributorProcessorRole" }),
    m.call(distributor, "grantRole", [CAESAR_ROLES.REPORTER, d.reporter], { id: "DistributorReporterRole" }),
  ];
  return {
    futures: { distributor, agents, processor },
    wiring,
    handover: [
      ...libs.handover,
      { label: "Distributor", contract: distributor, roles: [ROLES.DEFAULT_ADMIN] },
      { label: "Agents", contract: agents, roles: [ROLES.SLASHER, ROLES.DEFAULT_ADMIN] },
      { label: "Processor", contract: processor, roles: [ROLES.DEFAULT_ADMIN] },
    ],
  };
}
