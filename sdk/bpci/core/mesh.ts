/**
 * The bank mesh's pure math, mirrored from contracts/bpci/mesh (MeshInterest, BankMesh): simple interest rounded up
 * in the lender's favour, the amount due, what a claim takes from a borrower's stake, the stake at risk of a bank's
 * open loans, the 67% line of mesh proposals and the derived states. Differential test:
 * test/bpci/mesh/interest.diff.test.ts.
 */
import { BPS } from "../../kit/core/math";
import { InvalidArgumentError } from "../../kit/core/errors";

/** Seconds of the interest year (365 days), as `MeshInterest.YEAR`. */
export const MESH_YEAR = 365n * 86_400n;
/** Highest rate a request may allow (`BankMesh.MAX_RATE_BPS`): 50,000 bps a year. */
export const MESH_MAX_RATE_BPS = 50_000n;

function nonNegative(name: string, v: bigint) {
  if (v < 0n) throw new InvalidArgumentError(`${name} must not be negative`, { details: { [name]: v } });
}

/**
 * `ceil(principal x rateBps x duration / (10,000 x 365 days))`, as `MeshInterest.interest`.
 * @example meshInterest(10_000n * 10n ** 18n, 500n, 30n * 86_400n) // 41_095_890_410_958_904_110n
 */
export function meshInterest(principal: bigint, rateBps: bigint, duration: bigint): bigint {
  nonNegative("principal", principal);
  nonNegative("rateBps", rateBps);
  nonNegative("duration", duration);
  const num = principal * rateBps * duration;
  const den = BPS * MESH_YEAR;
  return (num + den - 1n) / den;
}

/**
 * `principal + meshInterest(principal, rateBps, duration)`, as `MeshInterest.due`.
 * @example meshDue(100n, 10_000n, MESH_YEAR) // 200n
 */
export function meshDue(principal: bigint, rateBps: bigint, duration: bigint): bigint {
  return principal + meshInterest(principal, rateBps, duration);
}

/**
 * What a claim pays the lender: `min(due - repaid, stake)`, never more than the shortfall nor the bonded stake.
 * @example claimAmount(1_050n, 50n, 2_000n) // 1_000n
 */
export function claimAmount(due: bigint, repaid: bigint, stake: bigint): bigint {
  if (repaid > due) throw new InvalidArgumentError("repaid exceeds due", { details: { due, repaid } });
  const shortfall = due - repaid;
  return shortfall < stake ? shortfall : stake;
}

/** An open loan of a borrower, as far as its stake at risk is concerned. */
export interface OpenLoan {
  readonly due: bigint;
  readonly repaid: bigint;
}

/**
 * The stake a bank's open loans put at risk: the sum of their shortfalls, capped by its bonded stake (the lenders
 * claim in turn; together they never take more than the stake).
 * @example stakeAtRisk([{ due: 600n, repaid: 100n }, { due: 700n, repaid: 0n }], 1_000n) // 1_000n
 */
export function stakeAtRisk(loans: readonly OpenLoan[], stake: bigint): bigint {
  let total = 0n;
  for (const l of loans) total += l.due - l.repaid;
  return total < stake ? total : stake;
}

/**
 * Whether a proposal passes: `approvals x 10,000 >= thresholdBps x totalStake` (`BankMesh.proposalState`).
 * @example meshPasses(6_700n, 10_000n, 6_700n) // true; meshPasses(6_699n, 10_000n, 6_700n) // false
 */
export function meshPasses(approvals: bigint, totalStake: bigint, thresholdBps: bigint): boolean {
  return approvals * BPS >= thresholdBps * totalStake;
}

/** IBankMesh enums, by value. */
export const BankStatus = { None: 0, Active: 1, Inactive: 2, Expelled: 3 } as const;
export const RequestState = { None: 0, Open: 1, Filled: 2, Cancelled: 3, Expired: 4 } as const;
export const OfferState = { None: 0, Open: 1, Withdrawn: 2, Accepted: 3 } as const;
export const LoanState = { None: 0, Active: 1, Overdue: 2, Repaid: 3, Claimed: 4 } as const;
export const MeshSettlementState = { None: 0, Open: 1, Expired: 2, Confirmed: 3, Refunded: 4 } as const;
export const MeshProposalState = { None: 0, Active: 1, Passed: 2, Rejected: 3, Executed: 4 } as const;
export const MeshProposalKind = { ParameterChange: 0, Admission: 1, Expulsion: 2 } as const;

/** Names of the enums' values, for display (index = value). */
export const BANK_STATUS_NAMES = ["None", "Active", "Inactive", "Expelled"] as const;
export const LOAN_STATE_NAMES = ["None", "Active", "Overdue", "Repaid", "Claimed"] as const;
export const SETTLEMENT_STATE_NAMES = ["None", "Open", "Expired", "Confirmed", "Refunded"] as const;
export const PROPOSAL_STATE_NAMES = ["None", "Active", "Passed", "Rejected", "Executed"] as const;
