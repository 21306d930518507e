/**
 * `economy-kit/chain`: typed contract access, the Ignition address book, readers and event streams.
 */
export {
  KIT_IDS,
  contractIds,
  registerContractIds,
  DEFAULT_DEPLOYMENTS_DIR,
  deploymentsDirFromEnv,
  loadAddressBook,
  addressBookFrom,
  addressBookFromHandles,
  addressOf,
} from "./addressBook";
export type { AddressBook, ContractKey, LoadAddressBookOptions } from "./addressBook";
export { connectQuivToken, connectParameterRegistry, connectFoundation, connectQuiver } from "./contracts";
export type { QuiverContracts } from "./contracts";
export type { FoundationContracts, QuivToken, ParameterRegistry } from "./contracts";
export { errorSources, decodeRevertData, extractRevertData, toKitError } from "./decoder";
export { readTokenInfo, readAccount, readBalance, readParameter, readParameters, resolveParameterKey } from "./readers";
export type { AccountState, ParameterState } from "./readers";
export { streamEvents, readTransfers } from "./events";
export type { StreamOptions, TransferEvent } from "./events";

// ---- market (jobs, bids, receipts, disputes, channels, prices, metrics) ----
export {
  chainTime,
  readJob,
  readJobs,
  readBid,
  readRevealedBids,
  readReceipt,
  readMarketTotals,
  readDispute,
  readDisputeIds,
  readValidator,
  readVote,
  CHANNEL_STATES,
  readChannel,
  readChannelView,
  readChannelsDomain,
  channelsDeployment,
  readPriceQuote,
  readNetworkFee,
  readMetrics,
} from "../../quiver/chain/market";
export type {
  JobEntity,
  BidEntity,
  ReceiptEntity,
  MarketTotals,
  DisputeEntity,
  ValidatorEntity,
  VoteEntity,
  ChannelEntity,
  PriceQuote,
  NetworkFee,
  MetricsEntity,
} from "../../quiver/chain/market";
// ---- governance, treasury, staking and emission readers (sdkgov) ----
export {
  PROPOSAL_TYPES,
  PROPOSAL_STATES,
  VOTE_SUPPORT,
  parseProposalType,
  parseSupport,
  parseProposalId,
  readProposal,
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
  ProposalRecord,
  VoteSourceInfo,
  TypeConfigInfo,
  GovernorSettingsInfo,
  TreasuryAssetInfo,
  GrantInfo,
  TargetInspection,
} from "./governance";
export {
  CASE_STATES,
  readPool,
  readTier,
  readStakePosition,
  readUnbondings,
  readSlashCase,
  readStakingTotals,
  readEmissionStatus,
  previewEmissionEpochs,
} from "../../quiver/chain/staking";
export type {
  CaseStateName,
  PoolInfo,
  StakePosition,
  UnbondingInfo,
  SlashCaseInfo,
  StakingTotals,
  EmissionStatus,
  EmissionPreviewEpoch,
} from "../../quiver/chain/staking";
// ---- end sdkgov ----
