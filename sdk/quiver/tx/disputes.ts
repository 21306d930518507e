/**
 * The DisputeManager: typed requests for challenges, validator votes and penalties (send them with `send` from
 * economy-kit/tx) and the flows that do more than send: challenging and registering as a validator (approve first
 * when needed), commit-reveal votes with the salt kept in a {@link SaltStore} (written before the commit is sent).
 */
import { getAddress, type Signer } from "ethers";
import { InvalidArgumentError } from "../../kit/core/errors";
import { parseAddress } from "../../kit/core/units";
import { bytes32Arg, oneOf, smallIntArg, uintArg } from "../../kit/core/args";
import { newSalt, type SaltStore } from "../../kit/tx/salts";
import { send, sendWithAllowance, writeRequest, type WriteName, type WriteRequest } from "../../kit/tx/request";
import type { SendOptions } from "../../kit/tx/send";
import { disputeIdOf, voteCommitment } from "../core/market";
import { DISPUTES_ABI, type DisputeManager } from "../chain/contracts";

type Disputes<F extends WriteName<DisputeManager>> = WriteRequest<DisputeManager, F>;

function disputesAt(address: string): string {
  return parseAddress(address, "disputes");
}

/**
 * Store key of a vote.
 *
 * @example
 * store.get(voteKey(disputes, disputeId, validator)); // '{"upheld":true,"salt":"0x…"}'
 */
export function voteKey(disputes: string, disputeId: string, validator: string): string {
  return `vote:${getAddress(disputes)}:${disputeId.toLowerCase()}:${getAddress(validator)}`;
}

/**
 * `challenge(jobId, evidenceHash)`: posts the bond (needs an allowance; {@link challengeJob} approves first).
 *
 * @example
 * buildChallenge(disputes, 1n, id("evidence"));
 */
export function buildChallenge(disputes: string, jobId: bigint, evidenceHash: string): Disputes<"challenge"> {
  return writeRequest(DISPUTES_ABI, disputesAt(disputes), "challenge", [
    uintArg(jobId, "jobId"),
    bytes32Arg(evidenceHash, "evidenceHash"),
  ]);
}

/**
 * `commitVote(disputeId, commitment)` with `commitment = voteCommitment(disputeId, validator, upheld, salt)`.
 *
 * @example
 * buildCommitVote(disputes, disputeId, voteCommitment(disputeId, validator, true, salt));
 */
export function buildCommitVote(disputes: string, disputeId: string, commitment: string): Disputes<"commitVote"> {
  return writeRequest(DISPUTES_ABI, disputesAt(disputes), "commitVote", [
    bytes32Arg(disputeId, "disputeId"),
    bytes32Arg(commitment, "commitment"),
  ]);
}

/**
 * `revealVote(disputeId, upheld, salt)`.
 *
 * @example
 * buildRevealVote(disputes, disputeId, true, salt);
 */
export function buildRevealVote(
  disputes: string,
  disputeId: string,
  upheld: boolean,
  salt: string,
): Disputes<"revealVote"> {
  if (typeof upheld !== "boolean") throw new InvalidArgumentError("upheld must be a boolean");
  return writeRequest(DISPUTES_ABI, disputesAt(disputes), "revealVote", [
    bytes32Arg(disputeId, "disputeId"),
    upheld,
    bytes32Arg(salt, "salt", false),
  ]);
}

/** The dispute functions that take only a dispute id. */
export type DisputeAction = "resolve" | "finalize";

/**
 * `resolve(disputeId)` (tally after the reveal window) or `finalize(disputeId)` (after the appeal window).
 *
 * @example
 * await send(anyone, buildDisputeAction(disputes, "resolve", disputeId));
 */
export function buildDisputeAction(
  disputes: string,
  action: DisputeAction,
  disputeId: string,
): Disputes<DisputeAction> {
  return writeRequest(DISPUTES_ABI, disputesAt(disputes), oneOf(action, ["resolve", "finalize"], "action"), [
    bytes32Arg(disputeId, "disputeId"),
  ]);
}

/**
 * `appeal(disputeId)`: the party the decided outcome costs appeals to governance, posting the dispute's appeal bond
 * (needs an allowance for the DisputeManager, SEC-03).
 *
 * @example
 * await send(provider, buildAppeal(disputes, disputeId));
 */
export function buildAppeal(disputes: string, disputeId: string): Disputes<"appeal"> {
  return writeRequest(DISPUTES_ABI, disputesAt(disputes), "appeal", [bytes32Arg(disputeId, "disputeId")]);
}

/** The penalties anyone may apply after a phase is over. */
export type Penalty = "nonReveal" | "nonCommit";

/**
 * `penalizeNonReveal(disputeId, validator)` (committed, did not reveal) or `penalizeNonCommit(disputeId,
 * validator)` (a committee member that did not commit, SEC-04). Anyone, after the phase is over.
 *
 * @example
 * await send(anyone, buildPenalize(disputes, "nonCommit", disputeId, validator));
 */
export function buildPenalize(
  disputes: string,
  kind: Penalty,
  disputeId: string,
  validator: string,
): Disputes<"penalizeNonReveal" | "penalizeNonCommit"> {
  const fn =
    oneOf(kind, ["nonReveal", "nonCommit"], "penalty") === "nonReveal" ? "penalizeNonReveal" : "penalizeNonCommit";
  return writeRequest(DISPUTES_ABI, disputesAt(disputes), fn, [
    bytes32Arg(disputeId, "disputeId"),
    parseAddress(validator, "validator"),
  ]);
}

/**
 * `stakeAsValidator(amount)` (needs an allowance; {@link registerValidator} approves first).
 *
 * @example
 * buildStakeAsValidator(disputes, parseAmount("10000"));
 */
export function buildStakeAsValidator(disputes: string, amount: bigint): Disputes<"stakeAsValidator"> {
  return writeRequest(DISPUTES_ABI, disputesAt(disputes), "stakeAsValidator", [uintArg(amount, "amount")]);
}

/**
 * `requestValidatorExit()`: the calling validator leaves the active set; its stake unlocks after the exit delay.
 *
 * @example
 * buildRequestValidatorExit(disputes);
 */
export function buildRequestValidatorExit(disputes: string): Disputes<"requestValidatorExit"> {
  return writeRequest(DISPUTES_ABI, disputesAt(disputes), "requestValidatorExit", []);
}

/**
 * `withdrawValidatorStake()`: the exited validator takes its stake back once the exit delay is over.
 *
 * @example
 * buildWithdrawValidatorStake(disputes);
 */
export function buildWithdrawValidatorStake(disputes: string): Disputes<"withdrawValidatorStake"> {
  return writeRequest(DISPUTES_ABI, disputesAt(disputes), "withdrawValidatorStake", []);
}

/**
 * `claimVoterReward(disputeId)`: a validator that voted with the outcome claims its share of a finalized dispute.
 *
 * @example
 * buildClaimVoterReward(disputes, disputeId);
 */
export function buildClaimVoterReward(disputes: string, disputeId: string): Disputes<"claimVoterReward"> {
  return writeRequest(DISPUTES_ABI, disputesAt(disputes), "claimVoterReward", [bytes32Arg(disputeId, "disputeId")]);
}

/**
 * `fundRewardPool(amount)`: anyone adds QUIV to the validators' reward pool (needs an allowance).
 *
 * @example
 * buildFundRewardPool(disputes, parseAmount("100"));
 */
export function buildFundRewardPool(disputes: string, amount: bigint): Disputes<"fundRewardPool"> {
  return writeRequest(DISPUTES_ABI, disputesAt(disputes), "fundRewardPool", [uintArg(amount, "amount")]);
}

/**
 * `attest(jobId, score)`: a validator's quality score (0..100) of a submitted job.
 *
 * @example
 * await send(validator, buildAttest(disputes, 1n, 90));
 */
export function buildAttest(disputes: string, jobId: bigint, score: number): Disputes<"attest"> {
  return writeRequest(DISPUTES_ABI, disputesAt(disputes), "attest", [
    uintArg(jobId, "jobId"),
    smallIntArg(score, "score", 0, 100),
  ]);
}

/**
 * Challenges a submitted job (approving the bond first when needed); returns the dispute id.
 *
 * @example
 * const { disputeId } = await challengeJob(challenger, disputes, quiv, 1n, id("evidence"), parseAmount("100"));
 */
export async function challengeJob(
  signer: Signer,
  disputes: string,
  token: string,
  jobId: bigint,
  evidenceHash: string,
  bond: bigint,
  options?: SendOptions,
) {
  const receipt = await sendWithAllowance(signer, token, bond, buildChallenge(disputes, jobId, evidenceHash), options);
  return { receipt, disputeId: disputeIdOf(jobId) };
}

/**
 * Commits a vote: draws a salt, stores `{upheld, salt}` under {@link voteKey} before sending.
 *
 * @example
 * await commitVote(validator, disputes, disputeId, true, store);
 */
export async function commitVote(
  signer: Signer,
  disputes: string,
  disputeId: string,
  upheld: boolean,
  store: SaltStore,
  options?: SendOptions,
) {
  const validator = await signer.getAddress();
  const id = bytes32Arg(disputeId, "disputeId");
  const salt = newSalt();
  const commitment = voteCommitment(id, validator, upheld, salt);
  store.set(voteKey(disputes, id, validator), JSON.stringify({ upheld, salt }));
  const receipt = await send(signer, buildCommitVote(disputes, id, commitment), options);
  return { receipt, commitment };
}

/**
 * Reveals the vote committed by {@link commitVote} (side and salt from the store).
 *
 * @example
 * await revealVote(validator, disputes, disputeId, store);
 */
export async function revealVote(
  signer: Signer,
  disputes: string,
  disputeId: string,
  store: SaltStore,
  options?: SendOptions,
) {
  const id = bytes32Arg(disputeId, "disputeId");
  const key = voteKey(disputes, id, await signer.getAddress());
  const saved = store.get(key);
  if (!saved) throw new InvalidArgumentError(`no committed vote on ${id} in the salt store`, { details: { key } });
  const { upheld, salt } = JSON.parse(saved) as { upheld: boolean; salt: string };
  const receipt = await send(signer, buildRevealVote(disputes, id, upheld, salt), options);
  return { receipt, upheld };
}

/**
 * Registers the signer as a validator with `amount` of stake (approving first when needed).
 *
 * @example
 * await registerValidator(validator, disputes, quiv, parseAmount("10000"));
 */
export async function registerValidator(
  signer: Signer,
  disputes: string,
  token: string,
  amount: bigint,
  options?: SendOptions,
) {
  return sendWithAllowance(signer, token, amount, buildStakeAsValidator(disputes, amount), options);
}
