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

/** The preset's starting regions (ids 1..3; modifiers in bps): governance edits them through the timelock. */
export const DEFAULT_REGIONS = [
  { id: 1, geoBps: 10_000n, resourceBps: 10_000n, hopsBps: 10_500n }, // home region, neutral
  { id: 2, geoBps: 11_000n, resourceBps: 9_000n, hopsBps: 11_000n }, // farther, cheaper compute
  { id: 3, geoBps: 9_500n, resourceBps: 12_000n, hopsBps: 10_000n }, // close, dearer compute
] as const;
/** The preset's starting edges 1-2 and 2-3 (spillover each way, bps). */
export const DEFAULT_EDGES = [
  { a: 1, b: 2, spilloverOnA: 200n, spilloverOnB: -300n },
  { a: 2, b: 3, spilloverOnA: 500n, spilloverOnB: 100n },
] as const;

/**
 * The RegionalPriceMatrix (admin: the deployer until the hand-over) seeded with {@link DEFAULT_REGIONS} and
 * {@link DEFAULT_EDGES} (temporal factors neutral), and made the processor's region source (hops for the agents'
 * efficiency). Hand-over: its DEFAULT_ADMIN_ROLE.
 */
export function buildRegions(
  m: IgnitionModuleBuilder,
  d: { registry: ContractFuture<string>; processor: CallableContractFuture<string>; admin: AccountRuntimeValue },
) {
  const matrix = m.contract("RegionalPriceMatrix", [d.registry, d.admin]);
  const regions = DEFAULT_REGIONS.map((r) =>
    m.call(matrix, "setRegion", [r.id, r.geoBps, r.resourceBps, r.hopsBps], { id: `Region${r.id}` }),
  );
  const edges = DEFAULT_EDGES.map((e) =>
    m.call(matrix, "setEdge", [e.a, e.b, e.spilloverOnA, e.spilloverOnB], { id: `Edge${e.a}_${e.b}`, after: regions }),
  );
  const source = m.call(d.processor, "setRegionHops", [matrix], { id: "ProcessorRegionSource" });
  return {
    futures: { matrix },
    wiring: [...regions, ...edges, source],
    handover: [{ label: "RegionalPriceMatrix", contract: matrix, roles: [ROLES.DEFAULT_ADMIN] }],
  };
}

/** Role ids of the AssetRegistry. */
export const ASSET_ROLES = { GUARDIAN: id("GUARDIAN_ROLE") } as const;

/** CAESAR's plugin metadata (IAssetRegistry.Metadata; economic model 2 = Demurrage), registered as asset 1. */
export const CAESAR_ASSET_METADATA = {
  name: "CAESAR",
  version: "1.0.0",
  author: "economy-kit",
  description: "Demurrage currency: holding fees and transfer fees pay a swarm of processing agents",
  chainIds: [31337n, 11155111n],
  permissions: [id("PROCESSOR_ROLE"), id("REPORTER_ROLE")],
  economicModel: 2n,
  customModel: "",
  governanceModel: "EconomyGovernor, base-unit votes through wCAESAR",
} as const;

/**
 * The AssetRegistry (admin: the deployer until the hand-over; GUARDIAN_ROLE to the guardian Safe) and CAESAR's
 * plugin registered as asset 1; the processor refuses relays while asset 1's processing is paused. Hand-over: the
 * registry's DEFAULT_ADMIN_ROLE.
 */
export function buildAssets(
  m: IgnitionModuleBuilder,
  d: {
    caesar: CallableContractFuture<string>;
    agents: ContractFuture<string>;
    registry: ContractFuture<string>;
    processor: CallableContractFuture<string>;
    guardian: ContractFuture<string>;
    admin: AccountRuntimeValue;
  },
) {
  const assets = m.contract("AssetRegistry", [d.admin]);
  const plugin = m.contract("CaesarAssetPlugin", [d.caesar, d.agents, d.registry, assets]);
  const meta = CAESAR_ASSET_METADATA;
  const register = m.call(
    assets,
    "register",
    [
      plugin,
      [
        meta.name,
        meta.version,
        meta.author,
        meta.description,
        [...meta.chainIds],
        [...meta.permissions],
        meta.economicModel,
        meta.customModel,
        meta.governanceModel,
      ],
    ],
    { id: "RegisterCaesarAsset" },
  );
  const wiring = [
    register,
    m.call(assets, "grantRole", [ASSET_ROLES.GUARDIAN, d.guardian], { id: "AssetsGuardianRole" }),
    m.call(d.processor, "setAssetGate", [assets, 1n], { id: "ProcessorAssetGate", after: [register] }),
  ];
  return {
    futures: { assets, plugin },
    wiring,
    handover: [{ label: "AssetRegistry", contract: assets, roles: [ROLES.DEFAULT_ADMIN] }],
  };
}
