/**
 * `economy-kit/tx`: typed builders for every user action, one `send` for all of them, EIP-712 signing, and named
 * flows where an action needs more than one send.
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
  buildSetLocalFeed,
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
export { sendTx, getParameterValue, withGasHeadroom, GAS_HEADROOM } from "./send";
export type { SendOptions } from "./send";
export { newSalt, MemorySaltStore } from "./salts";
export {
  abiOf,
  writeRequest,
  encodeRequest,
  encodeAnyRequest,
  readRequest,
  encodeRead,
  decodeRead,
  send,
  sendWithAllowance,
  ensureAllowance,
  preflightWithAllowance,
} from "./request";
export type {
  Abi,
  WriteName,
  WriteArgs,
  WriteRequest,
  AnyWriteRequest,
  ContractCall,
  ReadName,
  ReadRequest,
} from "./request";
export type { SaltStore } from "./salts";

// ---- governance and treasury actions ----
export {
  proposalActions,
  withProposerSuffix,
  hashProposal,
  buildProposeWithType,
  buildCastVote,
  buildQueue,
  buildCancel,
  buildExecute,
  buildClaimGrant,
  buildCastVoteWithParams,
  buildCastVoteBySig,
  buildProposeUntyped,
  signBallot,
  BALLOT_TYPES,
  EXTENDED_BALLOT_TYPES,
  propose,
} from "./governance";
export type { ProposalActions, ProposalSpec, ProposeResult, SignedBallot } from "./governance";
