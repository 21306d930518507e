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
export { newSalt, MemorySaltStore } from "./salts";
export { abiOf, writeRequest, encodeRequest, send, sendWithAllowance } from "./request";
export type { Abi, WriteName, WriteArgs, WriteRequest } from "./request";
export type { SaltStore } from "./salts";

// ---- governance and treasury actions ----
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
} from "./governance";
export type { ProposalActions, ProposalSpec, ProposeResult } from "./governance";
