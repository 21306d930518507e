/**
 * CAESAR senders: typed requests (send them with `send` from economy-kit/tx) for every user action, and the flows
 * that do more than one call: {@link registerAgent} / {@link addAgentStake} (exact approval, nothing left behind,
 * through `sendWithAllowance`), {@link submitAuthorizations} (one `process` or a `processBatch`, with what was
 * processed and skipped, read from the receipt) and {@link claimEpoch} (the amount paid).
 */
import type { Signer, TransactionReceipt } from "ethers";
import { InvalidArgumentError, InvariantError } from "../../kit/core/errors";
import { parseAddress } from "../../kit/core/units";
import { bpsArg, uintArg, smallIntArg } from "../../kit/core/args";
import { eventArgs, eventsOf } from "../../kit/chain/events";
import { send, sendWithAllowance, writeRequest, type WriteName, type WriteRequest } from "../../kit/tx/request";
import type { SendOptions } from "../../kit/tx/send";
import { buildApprove } from "../../kit/tx/builders";
import { toKitError } from "../../kit/chain/decoder";
import {
  AGENTS_ABI,
  CAESAR_ABI,
  DISTRIBUTOR_ABI,
  PROCESSOR_ABI,
  MATRIX_ABI,
  type RegionalPriceMatrix,
  type CaesarAgents,
  type CaesarFeeDistributor,
  type CaesarProcessor,
  type CaesarToken,
  type StaticVotesWrapper,
  CaesarToken__factory,
  StaticVotesWrapper__factory,
} from "../chain/contracts";
import { abiOf } from "../../kit/chain/contracts";
import type { SignedAuthorization, TransferAuthorization } from "../core/authorization";
import { validateMatrix, type EdgeSpec, type RegionSpec } from "../core/regions";
import { STABILITY_ABI, type StabilityController } from "../chain/contracts";

type Token<F extends WriteName<CaesarToken>> = WriteRequest<CaesarToken, F>;
type Agents<F extends WriteName<CaesarAgents>> = WriteRequest<CaesarAgents, F>;
type Dist<F extends WriteName<CaesarFeeDistributor>> = WriteRequest<CaesarFeeDistributor, F>;
type Proc<F extends WriteName<CaesarProcessor>> = WriteRequest<CaesarProcessor, F>;

/** Why the processor skipped an authorization (ICaesarProcessor.SkipReason, by value). */
export const SKIP_REASONS = [
  "None",
  "NotYetValid",
  "Expired",
  "InvalidReceiver",
  "BadSignature",
  "NonceUsed",
  "FeeAboveMax",
  "InsufficientBalance",
  "TransferFailed",
] as const;
export type SkipReasonName = (typeof SKIP_REASONS)[number];

/** Longest endpoint the agent registry accepts (CaesarAgents' `MAX_ENDPOINT_LENGTH`). */
export const MAX_ENDPOINT_LENGTH = 256;

/** `CaesarToken.transfer(to, amount)`: pays the fee and settles the sender's demurrage. */
export function buildCaesarTransfer(caesar: string, to: string, amount: bigint): Token<"transfer"> {
  return writeRequest(CAESAR_ABI, parseAddress(caesar, "caesar"), "transfer", [
    parseAddress(to, "to"),
    uintArg(amount, "amount"),
  ]);
}

/** `CaesarToken.transferAll(to)`: the whole balance, the fee taken from it (the receiver gets the net). */
export function buildTransferAll(caesar: string, to: string): Token<"transferAll"> {
  return writeRequest(CAESAR_ABI, parseAddress(caesar, "caesar"), "transferAll", [parseAddress(to, "to")]);
}

/** `CaesarToken.settle()`: moves the accrued demurrage to the fee distributor (anyone). */
export function buildSettle(caesar: string): Token<"settle"> {
  return writeRequest(CAESAR_ABI, parseAddress(caesar, "caesar"), "settle", []);
}

/** `CaesarToken.refreshParameters()`: re-reads the demurrage rate and fee bounds from the registry (anyone). */
export function buildRefreshParameters(caesar: string): Token<"refreshParameters"> {
  return writeRequest(CAESAR_ABI, parseAddress(caesar, "caesar"), "refreshParameters", []);
}

/** `CaesarToken.refreshFactors()`: re-reads the liquidity, volatility and stability factors (anyone). */
export function buildRefreshFactors(caesar: string): Token<"refreshFactors"> {
  return writeRequest(CAESAR_ABI, parseAddress(caesar, "caesar"), "refreshFactors", []);
}

/**
 * `StabilityController.update()`: reads the market price (the pool's TWAP) and steps the PI controller (anyone, once
 * per `caesar.stability.updateInterval`; `StabilityUpdateTooEarly` before, `StabilityPaused` while paused).
 */
export function buildStabilityUpdate(controller: string): WriteRequest<StabilityController, "update"> {
  return writeRequest(STABILITY_ABI, parseAddress(controller, "controller"), "update", []);
}

const WRAPPER_ABI = abiOf<StaticVotesWrapper>("StaticVotesWrapper", StaticVotesWrapper__factory);
type Wrap<F extends WriteName<StaticVotesWrapper>> = WriteRequest<StaticVotesWrapper, F>;

/** `StaticVotesWrapper.deposit(assets, receiver)`: wraps CAESAR into wCAESAR (allowance needed: use {@link wrap}). */
export function buildWrap(wrapper: string, assets: bigint, receiver: string): Wrap<"deposit"> {
  return writeRequest(WRAPPER_ABI, parseAddress(wrapper, "wrapper"), "deposit", [
    uintArg(assets, "assets"),
    parseAddress(receiver, "receiver"),
  ]);
}

/** `StaticVotesWrapper.redeem(shares, receiver, owner)`: unwraps wCAESAR shares into CAESAR. */
export function buildUnwrap(wrapper: string, shares: bigint, owner: string): Wrap<"redeem"> {
  const o = parseAddress(owner, "owner");
  return writeRequest(WRAPPER_ABI, parseAddress(wrapper, "wrapper"), "redeem", [uintArg(shares, "shares"), o, o]);
}

/** `StaticVotesWrapper.mint(shares, receiver)`: wraps exactly `shares` (allowance of `previewMint` needed: use {@link wrapShares}). */
export function buildMintWrapped(wrapper: string, shares: bigint, receiver: string): Wrap<"mint"> {
  return writeRequest(WRAPPER_ABI, parseAddress(wrapper, "wrapper"), "mint", [
    uintArg(shares, "shares"),
    parseAddress(receiver, "receiver"),
  ]);
}

/** `StaticVotesWrapper.withdraw(assets, owner, owner)`: unwraps exactly `assets` CAESAR, burning the shares rounded up. */
export function buildWithdrawWrapped(wrapper: string, assets: bigint, owner: string): Wrap<"withdraw"> {
  const o = parseAddress(owner, "owner");
  return writeRequest(WRAPPER_ABI, parseAddress(wrapper, "wrapper"), "withdraw", [uintArg(assets, "assets"), o, o]);
}

/** What a wrap or an unwrap moved, read from the wrapper's `Deposit` or `Withdraw` event. */
export interface WrapResult {
  readonly receipt: TransactionReceipt;
  /** CAESAR wei the wrapper pulled (wrap) or paid out (unwrap). */
  readonly assets: bigint;
  /** wCAESAR shares minted (wrap) or burned (unwrap). */
  readonly shares: bigint;
}

/**
 * The assets and shares of a wrap (`Deposit`) or an unwrap (`Withdraw`) in `receipt`.
 *
 * @example
 * const { assets, shares } = wrapResult(await wrap(wallet, addrs, parseAmount("10")), addrs.wrapper, "Deposit");
 */
export function wrapResult(receipt: TransactionReceipt, wrapper: string, event: "Deposit" | "Withdraw"): WrapResult {
  const [e] = eventsOf(receipt, WRAPPER_ABI.iface, event, wrapper);
  if (e === undefined) {
    throw new InvariantError(`the transaction emitted no ${event} of the wrapper`, { details: { hash: receipt.hash } });
  }
  return { receipt, assets: e.assets as bigint, shares: e.shares as bigint };
}

/**
 * Wraps exactly `shares` wCAESAR for the signer (`mint`): approves exactly the assets `previewMint` quotes (rounded
 * up, in the wrapper's favour), pre-flighted, reset if the call fails; if the wrapper pulled less than approved (the
 * index fell between the quote and the block), the rest of the allowance is withdrawn, so nothing is left behind.
 *
 * @example
 * const { assets } = await wrapShares(wallet, { caesar, wrapper }, 10n ** 21n);
 */
export async function wrapShares(
  signer: Signer,
  addrs: { caesar: string; wrapper: string },
  shares: bigint,
  options?: SendOptions,
): Promise<WrapResult> {
  const owner = await signer.getAddress();
  const wrapper = StaticVotesWrapper__factory.connect(parseAddress(addrs.wrapper, "wrapper"), signer);
  const caesar = CaesarToken__factory.connect(parseAddress(addrs.caesar, "caesar"), signer);
  let assets: bigint;
  let before: bigint;
  try {
    [assets, before] = await Promise.all([
      wrapper.previewMint(uintArg(shares, "shares")),
      caesar.allowance(owner, addrs.wrapper),
    ]);
  } catch (e) {
    throw toKitError(e, "StaticVotesWrapper");
  }
  const receipt = await sendWithAllowance(
    signer,
    addrs.caesar,
    assets,
    buildMintWrapped(addrs.wrapper, shares, owner),
    options,
  );
  const result = wrapResult(receipt, addrs.wrapper, "Deposit");
  if (before < assets && result.assets < assets) {
    await send(signer, buildApprove(addrs.caesar, addrs.wrapper, before), options);
  }
  return result;
}

/** `StaticVotesWrapper.delegate(delegatee)`: the governor counts wCAESAR votes once delegated. */
export function buildDelegateWrapped(wrapper: string, delegatee: string): Wrap<"delegate"> {
  return writeRequest(WRAPPER_ABI, parseAddress(wrapper, "wrapper"), "delegate", [
    parseAddress(delegatee, "delegatee"),
  ]);
}

/** Wraps `assets` CAESAR for the signer (exact approval, reset if the call fails). */
export async function wrap(
  signer: Signer,
  addrs: { caesar: string; wrapper: string },
  assets: bigint,
  options?: SendOptions,
): Promise<TransactionReceipt> {
  return sendWithAllowance(
    signer,
    addrs.caesar,
    assets,
    buildWrap(addrs.wrapper, assets, await signer.getAddress()),
    options,
  );
}

/** `CaesarToken.syncPool(pool)`: applies a registered pool's decay and calls its `sync()` (anyone, once a day). */
export function buildSyncPool(caesar: string, pool: string): Token<"syncPool"> {
  return writeRequest(CAESAR_ABI, parseAddress(caesar, "caesar"), "syncPool", [parseAddress(pool, "pool")]);
}

function regionArg(region: number): number {
  return smallIntArg(region, "region", 0, 65_535);
}

function endpointArg(endpoint: string): string {
  if (Buffer.byteLength(endpoint, "utf8") > MAX_ENDPOINT_LENGTH) {
    throw new InvalidArgumentError(`endpoint is longer than ${MAX_ENDPOINT_LENGTH} bytes`);
  }
  return endpoint;
}

/** `CaesarAgents.register(region, endpoint, amount)` (allowance of `amount` needed: use {@link registerAgent}). */
export function buildRegisterAgent(
  agents: string,
  region: number,
  endpoint: string,
  amount: bigint,
): Agents<"register"> {
  return writeRequest(AGENTS_ABI, parseAddress(agents, "agents"), "register", [
    regionArg(region),
    endpointArg(endpoint),
    uintArg(amount, "amount"),
  ]);
}

/** `CaesarAgents.addStake(amount)` (allowance needed: use {@link addAgentStake}). */
export function buildAddStake(agents: string, amount: bigint): Agents<"addStake"> {
  return writeRequest(AGENTS_ABI, parseAddress(agents, "agents"), "addStake", [uintArg(amount, "amount")]);
}

/** `CaesarAgents.setProfile(region, endpoint)`. */
export function buildSetProfile(agents: string, region: number, endpoint: string): Agents<"setProfile"> {
  return writeRequest(AGENTS_ABI, parseAddress(agents, "agents"), "setProfile", [
    regionArg(region),
    endpointArg(endpoint),
  ]);
}

/** `CaesarAgents.unbond(base)`: starts unbonding `base` units of the caller's stake. */
export function buildUnbondAgent(agents: string, base: bigint): Agents<"unbond"> {
  return writeRequest(AGENTS_ABI, parseAddress(agents, "agents"), "unbond", [uintArg(base, "base")]);
}

/** `CaesarAgents.exit()`: unbonds the caller's whole stake. */
export function buildExitAgent(agents: string): Agents<"exit"> {
  return writeRequest(AGENTS_ABI, parseAddress(agents, "agents"), "exit", []);
}

/** `CaesarAgents.withdraw(index)`: pays an unlocked unbonding (its wei value today). */
export function buildWithdrawAgent(agents: string, index: bigint): Agents<"withdraw"> {
  return writeRequest(AGENTS_ABI, parseAddress(agents, "agents"), "withdraw", [uintArg(index, "index")]);
}

/** Registers the signer as an agent with `amount` CAESAR of stake (exact approval, reset if the call fails). */
export function registerAgent(
  signer: Signer,
  addrs: { caesar: string; agents: string },
  p: { region: number; endpoint: string; amount: bigint },
  options?: SendOptions,
): Promise<TransactionReceipt> {
  return sendWithAllowance(
    signer,
    addrs.caesar,
    p.amount,
    buildRegisterAgent(addrs.agents, p.region, p.endpoint, p.amount),
    options,
  );
}

/** Adds `amount` CAESAR to the signer's agent stake (exact approval, reset if the call fails). */
export function addAgentStake(
  signer: Signer,
  addrs: { caesar: string; agents: string },
  amount: bigint,
  options?: SendOptions,
): Promise<TransactionReceipt> {
  return sendWithAllowance(signer, addrs.caesar, amount, buildAddStake(addrs.agents, amount), options);
}

/** The tuple the processor takes. */
export function authorizationTuple(a: TransferAuthorization) {
  return {
    from: parseAddress(a.from, "from"),
    to: parseAddress(a.to, "to"),
    amount: a.amount,
    maxFee: a.maxFee,
    nonce: a.nonce,
    validAfter: a.validAfter,
    validBefore: a.validBefore,
    region: regionArg(a.region),
  };
}

/** `CaesarProcessor.process(a, signature)`: relays one authorization (reverts if it cannot be processed). */
export function buildProcess(processor: string, sa: SignedAuthorization): Proc<"process"> {
  return writeRequest(PROCESSOR_ABI, parseAddress(processor, "processor"), "process", [
    authorizationTuple(sa),
    sa.signature,
  ]);
}

/** `CaesarProcessor.processBatch(as, signatures)`: relays many; a bad one is skipped with an event. */
export function buildProcessBatch(processor: string, batch: readonly SignedAuthorization[]): Proc<"processBatch"> {
  if (batch.length === 0) throw new InvalidArgumentError("an empty batch");
  return writeRequest(PROCESSOR_ABI, parseAddress(processor, "processor"), "processBatch", [
    batch.map(authorizationTuple),
    batch.map((a) => a.signature),
  ]);
}

/** `CaesarProcessor.invalidateNonces(word, mask)`: the caller burns nonces it signed and wants to cancel. */
export function buildInvalidateNonces(processor: string, word: bigint, mask: bigint): Proc<"invalidateNonces"> {
  return writeRequest(PROCESSOR_ABI, parseAddress(processor, "processor"), "invalidateNonces", [
    uintArg(word, "word"),
    uintArg(mask, "mask"),
  ]);
}

/** `CaesarFeeDistributor.distribute()`: settles the token's accrual and splits what arrived (anyone). */
export function buildDistribute(distributor: string): Dist<"distribute"> {
  return writeRequest(DISTRIBUTOR_ABI, parseAddress(distributor, "distributor"), "distribute", []);
}

/** `CaesarFeeDistributor.reportAccuracy(agent, epoch, bps)`: the reporter's accuracy of an agent (REPORTER_ROLE). */
export function buildReportAccuracy(
  distributor: string,
  agent: string,
  epoch: bigint,
  accuracyBps: bigint,
): Dist<"reportAccuracy"> {
  return writeRequest(DISTRIBUTOR_ABI, parseAddress(distributor, "distributor"), "reportAccuracy", [
    parseAddress(agent, "agent"),
    uintArg(epoch, "epoch"),
    bpsArg(accuracyBps, "accuracyBps"),
  ]);
}

/** `CaesarFeeDistributor.claim(epoch)`: the caller's reward of an ended epoch. */
export function buildClaim(distributor: string, epoch: bigint): Dist<"claim"> {
  return writeRequest(DISTRIBUTOR_ABI, parseAddress(distributor, "distributor"), "claim", [uintArg(epoch, "epoch")]);
}

/** `CaesarFeeDistributor.sweep(epoch)`: an epoch's dust to the reserve once every rewarded agent claimed (anyone). */
export function buildSweep(distributor: string, epoch: bigint): Dist<"sweep"> {
  return writeRequest(DISTRIBUTOR_ABI, parseAddress(distributor, "distributor"), "sweep", [uintArg(epoch, "epoch")]);
}

/** One authorization's outcome in a relayed batch. */
export interface RelayOutcome {
  readonly from: string;
  readonly nonce: bigint;
  readonly processed: boolean;
  readonly points: bigint;
  readonly reason: SkipReasonName;
}

/** What a relay did: per authorization, in the batch's order, and the totals. */
export interface RelayResult {
  readonly receipt: TransactionReceipt;
  readonly outcomes: readonly RelayOutcome[];
  readonly processed: number;
  readonly points: bigint;
}

/**
 * Submits one authorization (`process`, which reverts on a bad one) or several (`processBatch`, which skips the bad
 * ones with an event), and reads each outcome from the receipt's `AuthorizationProcessed` / `AuthorizationSkipped`.
 *
 * @example
 * const r = await submitAuthorizations(agentWallet, processor, [signed1, signed2]); // r.outcomes
 */
export async function submitAuthorizations(
  signer: Signer,
  processor: string,
  batch: readonly SignedAuthorization[],
  options?: SendOptions & { readonly single?: boolean },
): Promise<RelayResult> {
  const single = options?.single ?? batch.length === 1;
  const receipt = single
    ? await send(signer, buildProcess(processor, batch[0]), options)
    : await send(signer, buildProcessBatch(processor, batch), options);
  const processed = eventsOf(receipt, PROCESSOR_ABI.iface, "AuthorizationProcessed", processor);
  const skipped = eventsOf(receipt, PROCESSOR_ABI.iface, "AuthorizationSkipped", processor);
  const key = (from: string, nonce: bigint) => `${from.toLowerCase()}:${nonce}`;
  const done = new Map(processed.map((e) => [key(e.from as string, e.nonce as bigint), e.points as bigint]));
  const skip = new Map(skipped.map((e) => [key(e.from as string, e.nonce as bigint), Number(e.reason)]));
  const outcomes = batch.map((a) => {
    const k = key(a.from, a.nonce);
    const points = done.get(k);
    if (points !== undefined) return { from: a.from, nonce: a.nonce, processed: true, points, reason: "None" as const };
    return { from: a.from, nonce: a.nonce, processed: false, points: 0n, reason: SKIP_REASONS[skip.get(k) ?? 8] };
  });
  return {
    receipt,
    outcomes,
    processed: outcomes.filter((o) => o.processed).length,
    points: outcomes.reduce((s, o) => s + o.points, 0n),
  };
}

/**
 * Claims the signer's reward of `epoch` and returns the amount paid (its `RewardClaimed` event).
 *
 * @example
 * const { amount } = await claimEpoch(agentWallet, distributor, 3n);
 */
export async function claimEpoch(
  signer: Signer,
  distributor: string,
  epoch: bigint,
  options?: SendOptions,
): Promise<{ receipt: TransactionReceipt; amount: bigint }> {
  const receipt = await send(signer, buildClaim(distributor, epoch), options);
  const e = eventArgs(receipt, DISTRIBUTOR_ABI.iface, "RewardClaimed");
  return { receipt, amount: e.amount as bigint };
}

// ------------------------------------------------------------------------------ regional price matrix (governed)

type Matrix<F extends WriteName<RegionalPriceMatrix>> = WriteRequest<RegionalPriceMatrix, F>;

/** `RegionalPriceMatrix.setRegion` (DEFAULT_ADMIN_ROLE: propose it through `gov propose --action`). */
export function buildSetRegion(matrix: string, r: RegionSpec): Matrix<"setRegion"> {
  validateMatrix({ regions: [r], edges: [], temporal: Array(24).fill(10_000n) });
  return writeRequest(MATRIX_ABI, parseAddress(matrix, "matrix"), "setRegion", [
    r.id,
    r.geoBps,
    r.resourceBps,
    r.hopsBps,
  ]);
}

/** `RegionalPriceMatrix.setEdge` (governed). */
export function buildSetEdge(matrix: string, e: EdgeSpec): Matrix<"setEdge"> {
  const ends = [e.a, e.b].map((id) => ({ id, geoBps: 10_000n, resourceBps: 10_000n, hopsBps: 10_000n }));
  validateMatrix({ regions: ends, edges: [e], temporal: Array(24).fill(10_000n) });
  return writeRequest(MATRIX_ABI, parseAddress(matrix, "matrix"), "setEdge", [
    e.a,
    e.b,
    e.spilloverOnA,
    e.spilloverOnB,
  ]);
}

/** `RegionalPriceMatrix.setTemporalFactors` (governed; 24 values, index = UTC hour). */
export function buildSetTemporalFactors(matrix: string, factors: readonly bigint[]): Matrix<"setTemporalFactors"> {
  validateMatrix({ regions: [], edges: [], temporal: factors });
  return writeRequest(MATRIX_ABI, parseAddress(matrix, "matrix"), "setTemporalFactors", [[...factors]]);
}
export * from "./gate";
