/**
 * `economy-kit/chain`: typed contract access, the Ignition address book, readers and event streams. Reading the
 * address book from disk (`loadAddressBook`, `deployedEconomies`, `DEFAULT_DEPLOYMENTS_DIR`) is economy-kit/deploy's.
 */
export {
  KIT_IDS,
  contractIds,
  registerContractIds,
  deploymentIdOf,
  economiesIn,
  chooseDeployment,
  addressBookFromDeployment,
  addressBookFrom,
  addressBookFromHandles,
  addressOf,
} from "./addressBook";
export type { AddressBook, ContractKey, LoadAddressBookOptions } from "./addressBook";
export {
  connectParameterRegistry,
  connectGovernor,
  connectTreasury,
  connectVotesToken,
  connectMockFeed,
  connectAbi,
} from "./contracts";
export type { ParameterRegistry, EconomyGovernor, Treasury, VotesToken } from "./contracts";
export { errorSources, decodeRevertData, extractRevertData, toKitError } from "./decoder";
export {
  readTokenInfo,
  readAccount,
  readBalance,
  readAllowance,
  readParameter,
  readParameters,
  resolveParameterKey,
} from "./readers";
export type { AccountState, ParameterState } from "./readers";
export {
  streamEvents,
  readTransfers,
  eventArgs,
  eventsOf,
  blocksAtTime,
  blocksBetween,
  readEventLog,
  eventSourcesOf,
} from "./events";
export type { StreamOptions, TransferEvent, EventSource, EventLogRow } from "./events";

// ---- governance and treasury readers ----
export {
  PROPOSAL_TYPES,
  PROPOSAL_STATES,
  VOTE_SUPPORT,
  parseProposalType,
  parseSupport,
  parseProposalId,
  readProposal,
  predictOutcome,
  readProposalCount,
  readProposalAt,
  readProposalPage,
  readElectorate,
  readVotingPower,
  proposalState,
  readProposals,
  findProposal,
  readVoteSources,
  readTypeConfigs,
  readGovernorSettings,
  readTreasuryAsset,
  readGrant,
  scanOpcodes,
  inspectTargets,
} from "./governance";
export type {
  ProposalTypeName,
  ProposalStateName,
  ProposalInfo,
  OutcomeInput,
  ProposalSummary,
  ElectorateInfo,
  VotingPowerInfo,
  ProposalRecord,
  VoteSourceInfo,
  TypeConfigInfo,
  GovernorSettingsInfo,
  TreasuryAssetInfo,
  GrantInfo,
  TargetInspection,
} from "./governance";
export { checkParameterChange, simulateAsTimelock, describeActions, formatParameterValue } from "./proposals";
export type { ProposalCall, SimulationResult, DecodedArg, DecodedAction, DescribeContext } from "./proposals";
export { connectErc20, readErc20Meta, readErc20Features, readSupplyCounters, ERC20_PROBE_ABI } from "./erc20";
export type { Erc20Meta, Erc20Features } from "./erc20";
