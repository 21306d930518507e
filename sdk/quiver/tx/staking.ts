/**
 * Staking and emission actions: builders returning `{ to, data, value }` and senders that pre-flight, send,
 * wait and decode reverts. Staking pulls QUIV with `transferFrom`, so `stake`/`delegateStake` need an allowance
 * (see `ensureAllowance` in ./send).
 */
import type { Signer, TransactionReceipt } from "ethers";
import {
  EmissionController__factory,
  MockAggregatorV3__factory,
  ProviderStaking__factory,
} from "../../kit/chain/contracts";
import { InvalidArgumentError, InvariantError } from "../../kit/core/errors";
import { MAX_UINT256 } from "../../kit/core/feeSplit";
import { parseAddress } from "../../kit/core/units";
import { connectQuivToken } from "../chain/contracts";
import { toKitError } from "../../kit/chain/decoder";
import type { TxRequest } from "../../kit/tx/builders";
import { approve, sendTx, type SendOptions } from "../../kit/tx/send";

const STAKING = ProviderStaking__factory.createInterface();
const EMISSION = EmissionController__factory.createInterface();
const LOCAL_FEED = MockAggregatorV3__factory.createInterface();

function tx(to: string, data: string): TxRequest {
  return Object.freeze({ to: parseAddress(to, "contract"), data, value: 0n });
}

function uint(value: bigint, label: string): bigint {
  if (typeof value !== "bigint") throw new InvalidArgumentError(`${label} must be a bigint`);
  if (value < 0n) throw new InvalidArgumentError(`${label} must not be negative`, { details: { [label]: value } });
  if (value > MAX_UINT256) throw new InvalidArgumentError(`${label} exceeds uint256`, { details: { [label]: value } });
  return value;
}

function bps(value: bigint, label = "commissionBps"): bigint {
  if (uint(value, label) > 10_000n) {
    throw new InvalidArgumentError(`${label} must be at most 10000 bps (100%)`, { details: { [label]: value } });
  }
  return value;
}

/**
 * `ProviderStaking.registerProvider(commissionBps)`: the caller becomes a provider.
 *
 * @example
 * buildRegisterProvider(stakingAddress, 1_000n); // 10% commission
 */
export function buildRegisterProvider(staking: string, commissionBps: bigint): TxRequest {
  return tx(staking, STAKING.encodeFunctionData("registerProvider", [bps(commissionBps)]));
}

/**
 * `ProviderStaking.stake(amount)`: self stake into the caller's own pool (allowance needed).
 *
 * @example
 * buildStake(stakingAddress, parseAmount("10000"));
 */
export function buildStake(staking: string, amount: bigint): TxRequest {
  return tx(staking, STAKING.encodeFunctionData("stake", [uint(amount, "amount")]));
}

/**
 * `ProviderStaking.delegateStake(provider, amount)` (allowance needed).
 *
 * @example
 * buildDelegateStake(stakingAddress, provider, parseAmount("5000"));
 */
export function buildDelegateStake(staking: string, provider: string, amount: bigint): TxRequest {
  return tx(
    staking,
    STAKING.encodeFunctionData("delegateStake", [parseAddress(provider, "provider"), uint(amount, "amount")]),
  );
}

/**
 * `ProviderStaking.unbond(provider, amount)`: starts the unbonding period (`quiver.staking.unbondingPeriod`).
 *
 * @example
 * buildUnbond(stakingAddress, provider, parseAmount("1000"));
 */
export function buildUnbond(staking: string, provider: string, amount: bigint): TxRequest {
  return tx(
    staking,
    STAKING.encodeFunctionData("unbond", [parseAddress(provider, "provider"), uint(amount, "amount")]),
  );
}

/**
 * `ProviderStaking.withdraw(index)`: withdraws an unlocked unbonding (the last entry moves into `index`).
 *
 * @example
 * buildWithdrawUnbonding(stakingAddress, 0n);
 */
export function buildWithdrawUnbonding(staking: string, index: bigint): TxRequest {
  return tx(staking, STAKING.encodeFunctionData("withdraw", [uint(index, "index")]));
}

/**
 * `ProviderStaking.claimRewards(provider)`: pays the caller's rewards in that pool (commission included).
 *
 * @example
 * buildClaimRewards(stakingAddress, provider);
 */
export function buildClaimRewards(staking: string, provider: string): TxRequest {
  return tx(staking, STAKING.encodeFunctionData("claimRewards", [parseAddress(provider, "provider")]));
}

/**
 * `ProviderStaking.setCommission(bps)`: a decrease applies now, an increase after `quiver.staking.commissionDelay`.
 *
 * @example
 * buildSetCommission(stakingAddress, 500n);
 */
export function buildSetCommission(staking: string, commissionBps: bigint): TxRequest {
  return tx(staking, STAKING.encodeFunctionData("setCommission", [bps(commissionBps)]));
}

/**
 * `ProviderStaking.appealSlash(caseId)`: the slashed provider appeals to governance during the appeal window.
 *
 * @example
 * buildAppealSlash(stakingAddress, 1n);
 */
export function buildAppealSlash(staking: string, caseId: bigint): TxRequest {
  return tx(staking, STAKING.encodeFunctionData("appealSlash", [uint(caseId, "caseId")]));
}

/**
 * `EmissionController.triggerEpoch()`: anyone may mint the current epoch once.
 *
 * @example
 * buildTriggerEpoch(emissionAddress);
 */
export function buildTriggerEpoch(emission: string): TxRequest {
  return tx(emission, EMISSION.encodeFunctionData("triggerEpoch"));
}

/**
 * The answer of a feed with `decimals` decimals that the controller reads as `metricBps` (10,000 = 1.0):
 * `metricBps x 10^decimals / 10^4`, rounded down (exact for 4 decimals or more).
 *
 * @example
 * growthAnswerFor(15_000n, 8n); // 150,000,000n: 1.5 with 8 decimals
 */
export function growthAnswerFor(metricBps: bigint, decimals: bigint): bigint {
  uint(metricBps, "metricBps");
  if (decimals < 0n || decimals > 255n) throw new InvalidArgumentError(`decimals must be in [0, 255], not ${decimals}`);
  return (metricBps * 10n ** decimals) / 10_000n;
}

/**
 * `MockAggregatorV3.updateAnswer(answer)`: publishes a new round on a local growth feed (local presets only; a
 * live feed is not written by the SDK).
 *
 * @example
 * buildSetLocalFeedAnswer(await emission.growthFeed(), growthAnswerFor(12_000n, 8n));
 */
export function buildSetLocalFeedAnswer(feed: string, answer: bigint): TxRequest {
  if (typeof answer !== "bigint") throw new InvalidArgumentError("answer must be a bigint");
  if (answer < -(2n ** 255n) || answer >= 2n ** 255n) throw new InvalidArgumentError("answer exceeds int256");
  return tx(feed, LOCAL_FEED.encodeFunctionData("updateAnswer", [answer]));
}

/**
 * Publishes `answer` on a local growth feed and waits for it.
 *
 * @example
 * await setLocalFeedAnswer(wallet, await emission.growthFeed(), 150_000_000n);
 */
export function setLocalFeedAnswer(signer: Signer, feed: string, answer: bigint, options?: SendOptions) {
  return sendTx(signer, buildSetLocalFeedAnswer(feed, answer), "MockAggregatorV3", options);
}

/**
 * Registers the signer as a provider.
 *
 * @example
 * await registerProvider(wallet, stakingAddress, 1_000n);
 */
export function registerProvider(signer: Signer, staking: string, commissionBps: bigint, options?: SendOptions) {
  return sendTx(signer, buildRegisterProvider(staking, commissionBps), "ProviderStaking", options);
}

/**
 * Self-stakes `amount` wei (the signer must be a provider and have approved the staking contract).
 *
 * @example
 * await ensureAllowance(wallet, quivAddress, stakingAddress, amount);
 * await stake(wallet, stakingAddress, amount);
 */
export function stake(signer: Signer, staking: string, amount: bigint, options?: SendOptions) {
  return sendTx(signer, buildStake(staking, amount), "ProviderStaking", options);
}

/**
 * Delegates `amount` wei to `provider`'s pool (approve first).
 *
 * @example
 * await delegateStake(wallet, stakingAddress, provider, parseAmount("5000"));
 */
export function delegateStake(
  signer: Signer,
  staking: string,
  provider: string,
  amount: bigint,
  options?: SendOptions,
) {
  return sendTx(signer, buildDelegateStake(staking, provider, amount), "ProviderStaking", options);
}

/**
 * Starts unbonding `amount` wei from `provider`'s pool.
 *
 * @example
 * await unbond(wallet, stakingAddress, provider, parseAmount("1000"));
 */
export function unbond(signer: Signer, staking: string, provider: string, amount: bigint, options?: SendOptions) {
  return sendTx(signer, buildUnbond(staking, provider, amount), "ProviderStaking", options);
}

/**
 * Withdraws the signer's unbonding at `index` once unlocked.
 *
 * @example
 * await withdrawUnbonding(wallet, stakingAddress, 0n);
 */
export function withdrawUnbonding(signer: Signer, staking: string, index: bigint, options?: SendOptions) {
  return sendTx(signer, buildWithdrawUnbonding(staking, index), "ProviderStaking", options);
}

/**
 * Claims the signer's rewards in `provider`'s pool.
 *
 * @example
 * await claimRewards(wallet, stakingAddress, provider);
 */
export function claimRewards(signer: Signer, staking: string, provider: string, options?: SendOptions) {
  return sendTx(signer, buildClaimRewards(staking, provider), "ProviderStaking", options);
}

/**
 * Sets the signer's commission (an increase is scheduled).
 *
 * @example
 * await setCommission(wallet, stakingAddress, 500n);
 */
export function setCommission(signer: Signer, staking: string, commissionBps: bigint, options?: SendOptions) {
  return sendTx(signer, buildSetCommission(staking, commissionBps), "ProviderStaking", options);
}

/**
 * Appeals a pending slash against the signer.
 *
 * @example
 * await appealSlash(wallet, stakingAddress, 1n);
 */
export function appealSlash(signer: Signer, staking: string, caseId: bigint, options?: SendOptions) {
  return sendTx(signer, buildAppealSlash(staking, caseId), "ProviderStaking", options);
}

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
  const receipt = await sendTx(signer, buildTriggerEpoch(emission), "EmissionController", options);
  for (const log of receipt.logs) {
    let parsed;
    try {
      parsed = EMISSION.parseLog(log);
    } catch {
      continue;
    }
    if (parsed?.name === "EpochTriggered") {
      const [epoch, , amount, toStaking, toTreasury, toEcosystem] = parsed.args as unknown as bigint[];
      return { receipt, epoch, amount, toStaking, toTreasury, toEcosystem };
    }
  }
  throw new InvariantError("triggerEpoch succeeded without an EpochTriggered event", {
    details: { hash: receipt.hash },
  });
}
