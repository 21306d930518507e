/**
 * Staking and emission: typed requests (send them with `send` from economy-kit/tx) and the one flow that does more
 * than send, {@link triggerEpoch} (returns the minted amount and its split). Staking pulls QUIV with
 * `transferFrom`, so `stake`/`delegateStake` need an allowance (`ensureAllowance` in economy-kit/tx).
 */
import type { Signer, TransactionReceipt } from "ethers";
import { InvalidArgumentError } from "../../kit/core/errors";
import { parseAddress } from "../../kit/core/units";
import { eventArgs } from "../../kit/chain/events";
import { send, writeRequest, type WriteName, type WriteRequest } from "../../kit/tx/request";
import { bpsArg, uintArg } from "../../kit/core/args";
import type { SendOptions } from "../../kit/tx/send";
import { buildSetLocalFeed } from "../../kit/tx/builders";
import { EMISSION_ABI, STAKING_ABI, type EmissionController, type ProviderStaking } from "../chain/contracts";

type Staking<F extends WriteName<ProviderStaking>> = WriteRequest<ProviderStaking, F>;

function stakingAt(address: string): string {
  return parseAddress(address, "staking");
}

/**
 * `ProviderStaking.registerProvider(commissionBps)`: the caller becomes a provider.
 *
 * @example
 * buildRegisterProvider(stakingAddress, 1_000n); // 10% commission
 */
export function buildRegisterProvider(staking: string, commissionBps: bigint): Staking<"registerProvider"> {
  return writeRequest(STAKING_ABI, stakingAt(staking), "registerProvider", [bpsArg(commissionBps, "commissionBps")]);
}

/**
 * `ProviderStaking.stake(amount)`: self stake into the caller's own pool (allowance needed).
 *
 * @example
 * buildStake(stakingAddress, parseAmount("10000"));
 */
export function buildStake(staking: string, amount: bigint): Staking<"stake"> {
  return writeRequest(STAKING_ABI, stakingAt(staking), "stake", [uintArg(amount, "amount")]);
}

/**
 * `ProviderStaking.delegateStake(provider, amount)` (allowance needed).
 *
 * @example
 * buildDelegateStake(stakingAddress, provider, parseAmount("5000"));
 */
export function buildDelegateStake(staking: string, provider: string, amount: bigint): Staking<"delegateStake"> {
  return writeRequest(STAKING_ABI, stakingAt(staking), "delegateStake", [
    parseAddress(provider, "provider"),
    uintArg(amount, "amount"),
  ]);
}

/**
 * `ProviderStaking.unbond(provider, amount)`: starts the unbonding period (`quiver.staking.unbondingPeriod`).
 *
 * @example
 * buildUnbond(stakingAddress, provider, parseAmount("1000"));
 */
export function buildUnbond(staking: string, provider: string, amount: bigint): Staking<"unbond"> {
  return writeRequest(STAKING_ABI, stakingAt(staking), "unbond", [
    parseAddress(provider, "provider"),
    uintArg(amount, "amount"),
  ]);
}

/**
 * `ProviderStaking.withdraw(index)`: withdraws an unlocked unbonding (the last entry moves into `index`).
 *
 * @example
 * buildWithdrawUnbonding(stakingAddress, 0n);
 */
export function buildWithdrawUnbonding(staking: string, index: bigint): Staking<"withdraw"> {
  return writeRequest(STAKING_ABI, stakingAt(staking), "withdraw", [uintArg(index, "index")]);
}

/**
 * `ProviderStaking.claimRewards(provider)`: pays the caller's rewards in that pool (commission included).
 *
 * @example
 * buildClaimRewards(stakingAddress, provider);
 */
export function buildClaimRewards(staking: string, provider: string): Staking<"claimRewards"> {
  return writeRequest(STAKING_ABI, stakingAt(staking), "claimRewards", [parseAddress(provider, "provider")]);
}

/**
 * `ProviderStaking.setCommission(bps)`: a decrease applies now, an increase after `quiver.staking.commissionDelay`.
 *
 * @example
 * buildSetCommission(stakingAddress, 500n);
 */
export function buildSetCommission(staking: string, commissionBps: bigint): Staking<"setCommission"> {
  return writeRequest(STAKING_ABI, stakingAt(staking), "setCommission", [bpsArg(commissionBps, "commissionBps")]);
}

/**
 * `ProviderStaking.appealSlash(caseId)`: the slashed provider appeals to governance during the appeal window.
 *
 * @example
 * buildAppealSlash(stakingAddress, 1n);
 */
export function buildAppealSlash(staking: string, caseId: bigint): Staking<"appealSlash"> {
  return writeRequest(STAKING_ABI, stakingAt(staking), "appealSlash", [uintArg(caseId, "caseId")]);
}

/**
 * `ProviderStaking.finalizeSlash(caseId)`: anyone, once a slash case's appeal window is over (or its appeal was
 * dismissed), executes the slash and unfreezes the pool.
 *
 * @example
 * buildFinalizeSlash(stakingAddress, 1n);
 */
export function buildFinalizeSlash(staking: string, caseId: bigint): Staking<"finalizeSlash"> {
  return writeRequest(STAKING_ABI, stakingAt(staking), "finalizeSlash", [uintArg(caseId, "caseId")]);
}

/**
 * `ProviderStaking.applyCommission(provider)`: anyone applies a provider's scheduled commission increase once its
 * delay has passed.
 *
 * @example
 * buildApplyCommission(stakingAddress, provider);
 */
export function buildApplyCommission(staking: string, provider: string): Staking<"applyCommission"> {
  return writeRequest(STAKING_ABI, stakingAt(staking), "applyCommission", [parseAddress(provider, "provider")]);
}

/**
 * `ProviderStaking.delegate(delegatee)`: delegates the caller's staked votes (the staking contract is a vote source
 * of the governor, ERC-5805 like the token).
 *
 * @example
 * buildDelegateStakedVotes(stakingAddress, wallet.address); // activate your staked votes
 */
export function buildDelegateStakedVotes(staking: string, delegatee: string): Staking<"delegate"> {
  return writeRequest(STAKING_ABI, stakingAt(staking), "delegate", [parseAddress(delegatee, "delegatee")]);
}

/**
 * `ProviderStaking.syncVotes(provider, account)`: re-values a position's staked votes at its pool's current rate
 * (after a slash). Anyone may call.
 *
 * @example
 * buildSyncVotes(stakingAddress, provider, account);
 */
export function buildSyncVotes(staking: string, provider: string, account: string): Staking<"syncVotes"> {
  return writeRequest(STAKING_ABI, stakingAt(staking), "syncVotes", [
    parseAddress(provider, "provider"),
    parseAddress(account, "account"),
  ]);
}

/**
 * `EmissionController.triggerEpoch()`: anyone may mint the current epoch once.
 *
 * @example
 * buildTriggerEpoch(emissionAddress);
 */
export function buildTriggerEpoch(emission: string): WriteRequest<EmissionController, "triggerEpoch"> {
  return writeRequest(EMISSION_ABI, parseAddress(emission, "emission"), "triggerEpoch", []);
}

/**
 * The answer of a feed with `decimals` decimals that the controller reads as `metricBps` (10,000 = 1.0):
 * `metricBps x 10^decimals / 10^4`, rounded down (exact for 4 decimals or more).
 *
 * @example
 * growthAnswerFor(15_000n, 8n); // 150,000,000n: 1.5 with 8 decimals
 */
export function growthAnswerFor(metricBps: bigint, decimals: bigint): bigint {
  uintArg(metricBps, "metricBps");
  if (decimals < 0n || decimals > 255n) throw new InvalidArgumentError(`decimals must be in [0, 255], not ${decimals}`);
  return (metricBps * 10n ** decimals) / 10_000n;
}

/**
 * `MockAggregatorV3.updateAnswer(answer)` on the local growth feed: the kit's {@link buildSetLocalFeed}.
 *
 * @example
 * await send(wallet, buildSetLocalFeedAnswer(await emission.growthFeed(), growthAnswerFor(12_000n, 8n)));
 */
export const buildSetLocalFeedAnswer = buildSetLocalFeed;

/** The outcome of an epoch trigger, from its `EpochTriggered` event (wei). */
export interface EpochTriggeredResult {
  readonly receipt: TransactionReceipt;
  readonly epoch: bigint;
  readonly amount: bigint;
  readonly toStaking: bigint;
  readonly toTreasury: bigint;
  readonly toEcosystem: bigint;
}

/**
 * Triggers the current emission epoch and returns the minted amount and its split.
 *
 * @example
 * const { epoch, amount, toStaking } = await triggerEpoch(wallet, emissionAddress);
 */
export async function triggerEpoch(
  signer: Signer,
  emission: string,
  options?: SendOptions,
): Promise<EpochTriggeredResult> {
  const receipt = await send(signer, buildTriggerEpoch(emission), options);
  const [epoch, , amount, toStaking, toTreasury, toEcosystem] = eventArgs(
    receipt,
    EMISSION_ABI.iface,
    "EpochTriggered",
  ) as unknown as bigint[];
  return { receipt, epoch, amount, toStaking, toTreasury, toEcosystem };
}
