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
export { uintArg, intArg, bpsArg, bytes32Arg, smallIntArg, oneOf } from "./args";
export { BPS, WAD, HOUR, DAY, mulDivDown, mulDivUp } from "./math";
export { toCsv } from "./csv";
export type { CsvRow } from "./csv";
export { remainingMintable, totalBurned, applyMint, applyBurn, CAPPED_VOTES_MINT_ERRORS } from "./supply";
export type { TokenSupply, TokenInfo, MintErrorNames } from "./supply";
export {
  parameterKey,
  defineParameter,
  findParameterIn,
  findParameterByKey,
  parameterModule,
  groupByModule,
} from "./parameters";
export type { ParameterSpec, ParameterUnit, ParameterCatalogue } from "./parameters";
export { FeedStatus, scaleDecimals, checkRound } from "./oracle";
export type { FeedRound, FeedCheck } from "./oracle";
export {
  VIRTUAL_SHARES,
  VIRTUAL_TOKENS,
  ACC_SCALE,
  toSharesDown,
  toSharesUp,
  toTokensDown,
  tierAfter,
  rewardOf,
  CaseState,
  CASE_STATES,
} from "./staking";
export type { CaseStateName } from "./staking";
export { encodeStates, decodeStates, describeUnexpectedState } from "./stateBitmap";
export type { UnexpectedStateError } from "./stateBitmap";
