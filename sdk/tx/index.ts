/**
 * `economy-kit/tx`: builders (`{ to, data, value }`), EIP-712 signing and senders for every user action.
 */
export {
  buildTransfer,
  buildTransferFrom,
  buildApprove,
  buildDelegate,
  buildBurn,
  buildBurnFrom,
  buildPermit,
  buildDelegateBySig,
  buildParameterRead,
  buildParameterSet,
} from "./builders";
export type { TxRequest, SignedPermit, SignedDelegation } from "./builders";
export {
  PERMIT_TYPES,
  DELEGATION_TYPES,
  readDomain,
  permitDigest,
  delegationDigest,
  signPermit,
  signDelegation,
} from "./signing";
export type { TokenDomain } from "./signing";
export {
  sendTx,
  transfer,
  approve,
  delegate,
  burn,
  sendPermit,
  sendDelegateBySig,
  getParameterValue,
  withGasHeadroom,
  GAS_HEADROOM,
  ensureAllowance,
} from "./send";
export type { SendOptions } from "./send";

// ---- market (jobs, sealed bids, channels and vouchers, disputes, validators) ----
export {
  newSalt,
  MemorySaltStore,
  JsonFileStore,
  bidKey,
  voteKey,
  buildPost,
  buildCommitBid,
  buildRevealBid,
  buildAccept,
  buildAcceptWithPermit,
  buildSubmit,
  buildJobAction,
  buildFlushFees,
  buildOpenChannel,
  buildTopUp,
  buildVoucherRedeem,
  buildChannelAction,
  buildSignerAction,
  buildChallenge,
  buildCommitVote,
  buildRevealVote,
  buildDisputeAction,
  buildStakeAsValidator,
  buildAttest,
  postJob,
  commitBid,
  revealBid,
  acceptBid,
  acceptBidWithPermit,
  submitResult,
  jobAction,
  flushFees,
  openChannel,
  topUpChannel,
  redeemVoucher,
  channelAction,
  authorizeSigner,
  signChannelVoucher,
  verifyChannelVoucher,
  challengeJob,
  commitVote,
  revealVote,
  disputeAction,
  registerValidator,
  attestJob,
} from "./market";
export type { SaltStore, JobRequest, JobAction } from "./market";
// ---- governance, treasury, staking and emission actions (sdkgov) ----
export {
  proposalActions,
  withProposerSuffix,
  hashProposal,
  buildProposeWithType,
  buildCastVote,
  buildQueue,
  buildExecute,
  buildClaimGrant,
  propose,
  castVote,
  queueProposal,
  executeProposal,
  claimGrant,
} from "./governance";
export type { ProposalActions, ProposalSpec, ProposeResult } from "./governance";
export {
  buildRegisterProvider,
  buildStake,
  buildDelegateStake,
  buildUnbond,
  buildWithdrawUnbonding,
  buildClaimRewards,
  buildSetCommission,
  buildAppealSlash,
  buildTriggerEpoch,
  registerProvider,
  stake,
  delegateStake,
  unbond,
  withdrawUnbonding,
  claimRewards,
  setCommission,
  appealSlash,
  triggerEpoch,
} from "./staking";
export type { EpochTriggeredResult } from "./staking";
// ---- end sdkgov ----
