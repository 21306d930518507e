import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { ZeroAddress } from "ethers";
import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type {
  AccountRuntimeValue,
  ContractFuture,
  Future,
  IgnitionModule,
} from "@nomicfoundation/ignition-core/dist/src/types/module";
import { buildRegistry, type RegistryParameter } from "../blocks/registry";
import { buildGovernance, DEFAULT_PROPOSAL_TYPES, type VoteSourceArg } from "../blocks/governance";
import { buildTreasury, type BudgetArg } from "../blocks/treasury";
import { handOver, type Built, type HandoverItem } from "../blocks/handover";
import { ROLES } from "../blocks/roles";

export { ROLES, DEFAULT_PROPOSAL_TYPES };

/** The contracts of every kit stack, as Ignition results (ids `Kit#...`). */
export type KitContracts = {
  readonly registry: ContractFuture<"ParameterRegistry">;
  readonly timelock: ContractFuture<"TimelockController">;
  readonly governor: ContractFuture<"EconomyGovernor">;
  /** `governor.token()`: the ERC-5805 view of the weighted electorate (for governance UIs). */
  readonly governorVotes: ContractFuture<"EconomyVotes">;
  readonly treasury: ContractFuture<"Treasury">;
  readonly council: ContractFuture<"Safe">;
  readonly guardian: ContractFuture<"Safe">;
};

/**
 * What an economy deploys inside the kit module: the contracts its governor counts votes from. They are built
 * here because the governor takes its vote sources at construction and a staked-vote source needs the registry,
 * so they must exist after the registry and before the governor (an Ignition module cannot depend on a module
 * that depends on it). Their ids are `Kit#...`; everything else of the economy lives in its own module.
 */
export interface KitVotes<V extends Record<string, ContractFuture<string>>> extends Built<V> {
  /** Vote sources of the governor, first source first. */
  readonly sources: readonly VoteSourceArg[];
  /** Council budget lines of the Treasury (token future or the zero address for ETH, and wei per period). */
  readonly budgets: readonly BudgetArg[];
  /** Wiring the deployer still does as admin before the hand-over. */
  readonly wiring?: readonly Future[];
}

/** The economy-specific part of a kit stack. */
export interface KitSpec<V extends Record<string, ContractFuture<string>>> {
  /** Default governor name (parameter `governorName` overrides it). */
  readonly name: string;
  /** Registry catalogue seeded at deployment (each economy's keys, `<economy>.<module>.<name>`). */
  readonly parameters: readonly RegistryParameter[];
  /**
   * Deploys the vote-source contracts; gets the registry, the future that seeds it with `parameters` and the
   * deployer (see {@link KitVotesArgs}). Reads the `Kit` parameter block.
   */
  readonly votes: (m: IgnitionModuleBuilder, kit: KitVotesArgs) => KitVotes<V>;
}

/** What the kit hands an economy's votes builder. */
export interface KitVotesArgs {
  readonly registry: ContractFuture<string>;
  /**
   * The registry's seeding with the economy's catalogue (`Kit#SeedParameters`; empty when the catalogue is): put it
   * in the `after` of every contract whose constructor reads a registry key, so that it runs on a seeded registry.
   */
  readonly seeded: readonly Future[];
  readonly deployer: AccountRuntimeValue;
}

/** A built kit module with the hand-over items and wiring it leaves for the preset that uses it. */
export interface KitModule<V extends Record<string, ContractFuture<string>>> {
  readonly module: IgnitionModule<"Kit", string, KitContracts & V>;
  /** Contracts of the kit (registry, vote sources) whose deployer-held roles the preset hands to the timelock. */
  readonly handover: readonly HandoverItem[];
  /** Deployer wiring inside the kit the hand-over must wait for. */
  readonly wiring: readonly Future[];
}

/**
 * The kit stack inside the calling module: the ParameterRegistry seeded with `spec.parameters` (the seeding is handed
 * to the votes builder, so a vote source whose constructor reads the registry is deployed after it), the economy's vote
 * sources, the council and guardian Safes, the TimelockController, the EconomyGovernor (`governorName`, default
 * `spec.name`) with its `token()` view (EconomyVotes, `governorVotes`) and the Treasury with the economy's budgets.
 */
export function buildKit<V extends Record<string, ContractFuture<string>>>(m: IgnitionModuleBuilder, spec: KitSpec<V>) {
  const deployer = m.getAccount(0);
  const reg = buildRegistry(m, { admin: deployer, parameters: spec.parameters });
  const seeded = reg.futures.seeded ? [reg.futures.seeded] : [];
  const votes = spec.votes(m, { registry: reg.futures.registry, seeded, deployer });
  const gov = buildGovernance(m, { name: m.getParameter("governorName", spec.name), sources: votes.sources });
  const tre = buildTreasury(m, {
    timelock: gov.futures.timelock,
    council: gov.futures.council,
    budgets: votes.budgets,
  });
  const contracts = {
    registry: reg.futures.registry,
    timelock: gov.futures.timelock,
    governor: gov.futures.governor,
    governorVotes: gov.futures.votes,
    treasury: tre.futures.treasury,
    council: gov.futures.council,
    guardian: gov.futures.guardian,
    ...votes.futures,
  };
  const wiring: Future[] = [...seeded, ...(votes.wiring ?? [])];
  return {
    futures: contracts,
    handover: [...reg.handover, ...gov.handover, ...tre.handover, ...votes.handover],
    wiring,
  };
}

/**
 * The `Kit` Ignition module of one economy (or, later, of several under one governance): see {@link buildKit}.
 * Every future id is `Kit#...`. The deployer keeps the admin roles listed in `handover` until the preset module
 * that uses the kit hands them to the timelock (so a kit deployed alone is admin-controlled).
 *
 * Parameters (under "Kit"): `governorName`, `votingDelay` (s), `votingPeriod` (s), `proposalThreshold` (wei of
 * weighted votes), `lateQuorumExtension` (s), `pauseDuration` (s), `quadratic` (bool), `proposalTypes` (four
 * `{ quorumBps, approvalBps, minDelay }` in enum order), `timelockMinDelay` (s), `councilOwners`,
 * `councilThreshold`, `guardianOwners`, `guardianThreshold` (required), `budgetPeriod` (s), plus whatever the
 * economy's `votes` builder reads (QUIVer: the genesis, the vote weights and the budgets).
 *
 * @example
 * export const QuiverKit = kitModule({ name: "QUIVer Governor", parameters: QUIVER_PARAMETERS, votes: buildQuiverVotes });
 * // in the preset: const kit = m.useModule(QuiverKit.module); ... handOver(m, kit.timelock, deployer, [...QuiverKit.handover, ...], ...)
 */
export function kitModule<V extends Record<string, ContractFuture<string>>>(spec: KitSpec<V>): KitModule<V> {
  let handover: readonly HandoverItem[] = [];
  let wiring: readonly Future[] = [];
  // buildModule constructs the module at once, so the closure has filled handover and wiring when it returns.
  const module = buildModule("Kit", (m) => {
    const kit = buildKit(m, spec);
    handover = kit.handover;
    wiring = kit.wiring;
    return kit.futures as KitContracts & V;
  }) as unknown as IgnitionModule<"Kit", string, KitContracts & V>;
  return { module, handover, wiring };
}

/**
 * The kit stack alone, governed by one existing votes token (any ERC20Votes or IVotes contract on the timestamp
 * clock): `npx hardhat ignition deploy deploy/modules/Kit.ts --parameters <file>`. The registry starts empty
 * (governance defines each parameter later), the Treasury budgets ETH only, and every admin role is handed to
 * the timelock at the end, so no EOA holds a role. Presets do not use this module: they build their own kit with
 * {@link kitModule} (their vote sources, catalogue and budgets) and hand over together with their economy.
 *
 * Parameters (under "Kit"): every kit parameter of {@link kitModule}, plus `voteToken` (address, required) and
 * `voteWeightBps` (default 10000 = 1x), and `ethBudget` (wei per `budgetPeriod`, default 10 ETH).
 */
export default buildModule("Kit", (m) => {
  const deployer = m.getAccount(0);
  const kit = buildKit(m, {
    name: "Kit Governor",
    parameters: [],
    votes: (b) => {
      const voteToken = b.contractAt("IVotes", b.getParameter<string>("voteToken"), { id: "VoteToken" });
      return {
        futures: { voteToken },
        handover: [],
        sources: [{ token: voteToken, weightBps: b.getParameter("voteWeightBps", 10_000) }],
        budgets: [{ token: ZeroAddress, amount: b.getParameter("ethBudget", 10n * 10n ** 18n) }],
      };
    },
  });
  handOver(m, kit.futures.timelock, deployer, kit.handover, kit.wiring);
  return kit.futures;
});
