/**
 * `economy-kit/core`: pure bigint math and entities mirroring the contracts; no provider, no I/O.
 */
export {
  KitError,
  InvalidArgumentError,
  InvariantError,
  RuleError,
  ContractRevertError,
  stringifyDetails,
} from "./errors";
export type { ErrorDetails, KitErrorOptions, RuleErrorOptions, ContractRevertErrorOptions } from "./errors";
export { DECIMALS, parseAmount, parseBaseUnits, formatAmount, parseAddress } from "./units";
export { MAX_UINT256, validateShares, split, split2 } from "./feeSplit";
export { BPS, mulDivDown, mulDivUp } from "./math";
export { QUIV_CAP, remainingMintable, totalBurned, applyMint, applyBurn } from "../../quiver/core/supply";
export type { TokenSupply, TokenInfo } from "../../quiver/core/supply";
export { QUIVER_PARAMETERS, parameterKey, findParameter } from "../../quiver/core/parameters";
export type { ParameterSpec, ParameterUnit } from "../../quiver/core/parameters";
export {
  splitPayment,
  splitBond,
  quorumFor,
  tally,
  penaltyUp,
  Outcome,
  bidCommitment,
  disputeIdOf,
  permutation,
  drawCommittee,
  voteCommitment,
  JobStatus,
  JobState,
  deriveJobState,
  DisputeStatus,
  DisputeState,
  deriveDisputeState,
} from "../../quiver/core/market";
export {
  epochEmission,
  yearBudget,
  FeedStatus,
  NEUTRAL_METRIC_BPS,
  scaleDecimals,
  growthMetricOf,
} from "../../quiver/core/emission";
export type { FeedRound, GrowthFeedParams } from "../../quiver/core/emission";
