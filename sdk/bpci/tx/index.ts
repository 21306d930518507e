/**
 * `economy-kit/bpci` tx layer: typed requests for BPCI's contracts (send each with `send` from economy-kit/tx) and
 * the flows that decode what happened (job ids, epoch issuance, claims, redemptions, rebases). Jobs and stakes pull
 * tokens with `transferFrom`: use `sendWithAllowance` (economy-kit/tx) for them.
 */
import type { Signer, TransactionReceipt } from "ethers";
import { parseAddress } from "../../kit/core/units";
import { InvalidArgumentError } from "../../kit/core/errors";
import { bytes32Arg, uintArg } from "../../kit/core/args";
import { eventArgs } from "../../kit/chain/events";
import { send, sendWithAllowance, writeRequest, type WriteName, type WriteRequest } from "../../kit/tx/request";
import type { SendOptions } from "../../kit/tx/send";
import {
  AUR_ABI,
  FLX_ABI,
  GEN_ABI,
  MINER_STAKING_ABI,
  POE_ABI,
  WFLX_ABI,
  type AurToken,
  type FlxToken,
  type GenToken,
  type MinerStaking,
  type PoeMining,
  type StaticVotesWrapper,
} from "../chain/contracts";
import { quoteJobFee } from "../chain/readers";
import { POE_JOB_TYPES, type PoeJobType } from "../core/poe";
import { connectParameterRegistry } from "../../kit/chain/contracts";

type Poe<F extends WriteName<PoeMining>> = WriteRequest<PoeMining, F>;

/** A job type by name (`Transaction`, case-insensitive) or index (0..9). */
export function jobTypeArg(value: string | number): number {
  if (typeof value === "number" || /^[0-9]+$/.test(value)) {
    const i = Number(value);
    if (i < POE_JOB_TYPES.length) return i;
  } else {
    const i = POE_JOB_TYPES.findIndex((t) => t.toLowerCase() === value.toLowerCase().replace(/[-_ ]/g, ""));
    if (i >= 0) return i;
  }
  throw new InvalidArgumentError(`unknown job type "${value}" (known: ${POE_JOB_TYPES.join(", ")})`, {
    details: { jobType: value },
  });
}

/** `MinerStaking.registerMiner(amount)`: registers the caller with `amount` NEX bonded (allowance when > 0). */
export function buildRegisterMiner(staking: string, amount: bigint): WriteRequest<MinerStaking, "registerMiner"> {
  return writeRequest(MINER_STAKING_ABI, parseAddress(staking, "staking"), "registerMiner", [
    uintArg(amount, "amount"),
  ]);
}

/** `MinerStaking.stake(amount)`: adds NEX to the caller's bond (allowance needed). */
export function buildMinerStake(staking: string, amount: bigint): WriteRequest<MinerStaking, "stake"> {
  return writeRequest(MINER_STAKING_ABI, parseAddress(staking, "staking"), "stake", [uintArg(amount, "amount")]);
}

/** `MinerStaking.unbond(amount)`: starts unbonding `amount` NEX (`bpci.poe.unbondingPeriod`). */
export function buildMinerUnbond(staking: string, amount: bigint): WriteRequest<MinerStaking, "unbond"> {
  return writeRequest(MINER_STAKING_ABI, parseAddress(staking, "staking"), "unbond", [uintArg(amount, "amount")]);
}

/** `MinerStaking.withdraw(index)`: withdraws an unlocked unbonding. */
export function buildMinerWithdraw(staking: string, index: bigint): WriteRequest<MinerStaking, "withdraw"> {
  return writeRequest(MINER_STAKING_ABI, parseAddress(staking, "staking"), "withdraw", [uintArg(index, "index")]);
}

/** `PoeMining.submitJob(miner, jobType, token, value)`: escrows value + fee of `token` (wFLX or AUR). */
export function buildSubmitJob(
  mining: string,
  miner: string,
  jobType: PoeJobType | number,
  token: string,
  value: bigint,
): Poe<"submitJob"> {
  return writeRequest(POE_ABI, parseAddress(mining, "mining"), "submitJob", [
    parseAddress(miner, "miner"),
    jobTypeArg(jobType),
    parseAddress(token, "token"),
    uintArg(value, "value"),
  ]);
}

/** `PoeMining.confirmJob(jobId)`: the job's miner settles it. */
export function buildConfirmJob(mining: string, jobId: bigint): Poe<"confirmJob"> {
  return writeRequest(POE_ABI, parseAddress(mining, "mining"), "confirmJob", [uintArg(jobId, "jobId")]);
}

/** `PoeMining.refundJob(jobId)`: refunds an expired job to its requester (anyone). */
export function buildRefundJob(mining: string, jobId: bigint): Poe<"refundJob"> {
  return writeRequest(POE_ABI, parseAddress(mining, "mining"), "refundJob", [uintArg(jobId, "jobId")]);
}

/** `PoeMining.closeEpoch()`: closes the next ended epoch and mints its issuance (anyone). */
export function buildCloseEpoch(mining: string): Poe<"closeEpoch"> {
  return writeRequest(POE_ABI, parseAddress(mining, "mining"), "closeEpoch", []);
}

/** `PoeMining.claimIssuance(epoch)`: the caller's share of a closed epoch's NEX. */
export function buildClaimIssuance(mining: string, epoch: bigint): Poe<"claimIssuance"> {
  return writeRequest(POE_ABI, parseAddress(mining, "mining"), "claimIssuance", [uintArg(epoch, "epoch")]);
}

/** `PoeMining.releaseReserve(token)`: pays the caller's vested locked reserve. */
export function buildReleaseReserve(mining: string, token: string): Poe<"releaseReserve"> {
  return writeRequest(POE_ABI, parseAddress(mining, "mining"), "releaseReserve", [parseAddress(token, "token")]);
}

/** `AurToken.mint(to, amount)`: only ISSUER_ROLE, only while the reserve feed covers the supply plus the margin. */
export function buildAurMint(aur: string, to: string, amount: bigint): WriteRequest<AurToken, "mint"> {
  return writeRequest(AUR_ABI, parseAddress(aur, "aur"), "mint", [parseAddress(to, "to"), uintArg(amount, "amount")]);
}

/** `AurToken.redeem(amount, releaseTo)`: burns and emits what the custodian must release. */
export function buildAurRedeem(aur: string, amount: bigint, releaseTo: string): WriteRequest<AurToken, "redeem"> {
  return writeRequest(AUR_ABI, parseAddress(aur, "aur"), "redeem", [
    uintArg(amount, "amount"),
    bytes32Arg(releaseTo, "releaseTo"),
  ]);
}

/** `AurToken.checkReserves()`: flags (and pauses minting) when the reported reserves fall below the supply. */
export function buildAurCheck(aur: string): WriteRequest<AurToken, "checkReserves"> {
  return writeRequest(AUR_ABI, parseAddress(aur, "aur"), "checkReserves", []);
}

/** `GenToken.syncHolderLimit()`: re-reads `bpci.gen.maxHolderBps` into the token's copy of the limit (anyone). */
export function buildGenSyncLimit(gen: string): WriteRequest<GenToken, "syncHolderLimit"> {
  return writeRequest(GEN_ABI, parseAddress(gen, "gen"), "syncHolderLimit", []);
}

/** `FlxToken.rebase()`: the usage-driven rebase (anyone, once per `bpci.flx.rebasePeriod`). */
export function buildFlxRebase(flx: string): WriteRequest<FlxToken, "rebase"> {
  return writeRequest(FLX_ABI, parseAddress(flx, "flx"), "rebase", []);
}

/**
 * `FlxToken.transferAll(to)`, or `transferAllFrom(from, to)` with `from` (the caller needs an allowance of at least
 * `from`'s balance): moves every gon, so no rebase dust is left behind as an amount-based transfer would.
 */
export function buildFlxTransferAll(
  flx: string,
  to: string,
  from?: string,
): WriteRequest<FlxToken, "transferAll" | "transferAllFrom"> {
  const target = parseAddress(flx, "flx");
  const receiver = parseAddress(to, "to");
  return from === undefined
    ? writeRequest(FLX_ABI, target, "transferAll", [receiver])
    : writeRequest(FLX_ABI, target, "transferAllFrom", [parseAddress(from, "from"), receiver]);
}

/** Sends {@link buildFlxTransferAll} and returns the FLX moved (its Transfer event). */
export async function transferAllFlx(
  signer: Signer,
  flx: string,
  to: string,
  from?: string,
  options?: SendOptions,
): Promise<{ receipt: TransactionReceipt; value: bigint }> {
  const receipt = await send(signer, buildFlxTransferAll(flx, to, from), options);
  return { receipt, value: eventArgs(receipt, FLX_ABI.iface, "Transfer").value as bigint };
}

/** `StaticVotesWrapper.deposit(assets, receiver)`: wraps FLX into wFLX (allowance on FLX needed). */
export function buildWrapFlx(
  wflx: string,
  assets: bigint,
  receiver: string,
): WriteRequest<StaticVotesWrapper, "deposit"> {
  return writeRequest(WFLX_ABI, parseAddress(wflx, "wflx"), "deposit", [
    uintArg(assets, "assets"),
    parseAddress(receiver, "receiver"),
  ]);
}

/**
 * Submits a job: quotes its fee from the registry's current `bpci.poe.feeBps` ({@link quoteJobFee}; `registry` is
 * the ParameterRegistry's address), pre-flights and approves exactly `value + fee` of the payment token if needed,
 * sends; returns the job id, the fee charged (from JobSubmitted, equal to the quote), the fee rate and the deadline.
 */
export async function submitJob(
  signer: Signer,
  d: { mining: string; registry: string; miner: string; jobType: PoeJobType | number; token: string; value: bigint },
  options?: SendOptions,
): Promise<{ receipt: TransactionReceipt; jobId: bigint; fee: bigint; feeBps: bigint; deadline: bigint }> {
  const r = buildSubmitJob(d.mining, d.miner, d.jobType, d.token, d.value);
  const { feeBps, fee } = await quoteJobFee(
    connectParameterRegistry(parseAddress(d.registry, "registry"), signer),
    d.value,
  );
  const receipt = await sendWithAllowance(signer, d.token, d.value + fee, r, options);
  const ev = eventArgs(receipt, POE_ABI.iface, "JobSubmitted");
  return { receipt, jobId: ev.jobId as bigint, fee: ev.fee as bigint, feeBps, deadline: ev.deadline as bigint };
}

/** Confirms a job; returns the fee legs and the work credited. */
export async function confirmJob(signer: Signer, mining: string, jobId: bigint, options?: SendOptions) {
  const receipt = await send(signer, buildConfirmJob(mining, jobId), options);
  const ev = eventArgs(receipt, POE_ABI.iface, "JobConfirmed");
  return {
    receipt,
    jobId,
    epoch: ev.epoch as bigint,
    locked: ev.locked as bigint,
    spendable: ev.spendable as bigint,
    ownerSalary: ev.ownerSalary as bigint,
    treasury: ev.treasury as bigint,
    work: ev.work as bigint,
  };
}

/** Closes the next epoch; returns its Phi, Gamma, issued and withheld NEX. */
export async function closeEpoch(signer: Signer, mining: string, options?: SendOptions) {
  const receipt = await send(signer, buildCloseEpoch(mining), options);
  const ev = eventArgs(receipt, POE_ABI.iface, "EpochClosed");
  return {
    receipt,
    epoch: ev.epoch as bigint,
    volume: ev.volume as bigint,
    work: ev.work as bigint,
    phiRaw: ev.phiRaw as bigint,
    phiEma: ev.phiEma as bigint,
    gamma: ev.gamma as bigint,
    issued: ev.issued as bigint,
    withheld: ev.withheld as bigint,
  };
}

/** Claims the caller's NEX of `epoch`; returns the amount. */
export async function claimIssuance(signer: Signer, mining: string, epoch: bigint, options?: SendOptions) {
  const receipt = await send(signer, buildClaimIssuance(mining, epoch), options);
  const ev = eventArgs(receipt, POE_ABI.iface, "IssuanceClaimed");
  return { receipt, epoch, amount: ev.amount as bigint };
}

/** Redeems AUR; returns the redemption id the custodian releases against. */
export async function redeemAur(signer: Signer, aur: string, amount: bigint, releaseTo: string, options?: SendOptions) {
  const receipt = await send(signer, buildAurRedeem(aur, amount, releaseTo), options);
  const ev = eventArgs(receipt, AUR_ABI.iface, "Redeemed");
  return { receipt, redemptionId: ev.redemptionId as bigint, amount: ev.amount as bigint };
}

/** Rebases FLX; returns the supply before and after and the applied delta. */
export async function rebaseFlx(signer: Signer, flx: string, options?: SendOptions) {
  const receipt = await send(signer, buildFlxRebase(flx), options);
  const ev = eventArgs(receipt, FLX_ABI.iface, "Rebased");
  return { receipt, supplyBefore: ev.supplyBefore as bigint, supplyAfter: ev.supplyAfter as bigint, delta: ev.delta };
}

/** `PoeMining.claimOwnerSalary(token)`: the owner-salary recipient pulls what it is owed in `token`. */
export function buildClaimOwnerSalary(mining: string, token: string): Poe<"claimOwnerSalary"> {
  return writeRequest(POE_ABI, parseAddress(mining, "mining"), "claimOwnerSalary", [parseAddress(token, "token")]);
}

/** `PoeMining.flushTreasury(token)`: pushes the treasury legs owed in `token` to the Treasury (anyone). */
export function buildFlushTreasury(mining: string, token: string): Poe<"flushTreasury"> {
  return writeRequest(POE_ABI, parseAddress(mining, "mining"), "flushTreasury", [parseAddress(token, "token")]);
}

/** `MockAggregatorV3.updateAnswer(answer)` on one of the local preset's feeds: the kit's builder. */
export { buildSetLocalFeed } from "../../kit/tx/builders";

/**
 * Sends one of PoeMining's three payouts (`releaseReserve`, `claimOwnerSalary`, `flushTreasury`) and returns the
 * amount its event reports (`ReserveReleased`, `OwnerSalaryClaimed`, `TreasuryFlushed`: token and amount each).
 */
async function payout(
  signer: Signer,
  r: Poe<"releaseReserve" | "claimOwnerSalary" | "flushTreasury">,
  event: "ReserveReleased" | "OwnerSalaryClaimed" | "TreasuryFlushed",
  options?: SendOptions,
): Promise<{ receipt: TransactionReceipt; token: string; amount: bigint }> {
  const receipt = await send(signer, r, options);
  const ev = eventArgs(receipt, POE_ABI.iface, event);
  return { receipt, token: ev.token as string, amount: ev.amount as bigint };
}

/** Releases the caller's vested locked reserve in `token`; returns the amount paid. */
export function releaseReserve(signer: Signer, mining: string, token: string, options?: SendOptions) {
  return payout(signer, buildReleaseReserve(mining, token), "ReserveReleased", options);
}

/** The owner-salary recipient claims what it is owed in `token`; returns the amount paid. */
export function claimOwnerSalary(signer: Signer, mining: string, token: string, options?: SendOptions) {
  return payout(signer, buildClaimOwnerSalary(mining, token), "OwnerSalaryClaimed", options);
}

/** Pushes the treasury legs owed in `token` to the Treasury (anyone); returns the amount sent. */
export function flushTreasury(signer: Signer, mining: string, token: string, options?: SendOptions) {
  return payout(signer, buildFlushTreasury(mining, token), "TreasuryFlushed", options);
}

/** `StaticVotesWrapper.withdraw(assets, receiver, owner)`: unwraps wFLX for exactly `assets` FLX (shares rounded up). */
export function buildWithdrawFlx(
  wflx: string,
  assets: bigint,
  receiver: string,
  owner: string,
): WriteRequest<StaticVotesWrapper, "withdraw"> {
  return writeRequest(WFLX_ABI, parseAddress(wflx, "wflx"), "withdraw", [
    uintArg(assets, "assets"),
    parseAddress(receiver, "receiver"),
    parseAddress(owner, "owner"),
  ]);
}

/** `StaticVotesWrapper.redeem(shares, receiver, owner)`: burns exactly `shares` wFLX for FLX (assets rounded down). */
export function buildRedeemWflx(
  wflx: string,
  shares: bigint,
  receiver: string,
  owner: string,
): WriteRequest<StaticVotesWrapper, "redeem"> {
  return writeRequest(WFLX_ABI, parseAddress(wflx, "wflx"), "redeem", [
    uintArg(shares, "shares"),
    parseAddress(receiver, "receiver"),
    parseAddress(owner, "owner"),
  ]);
}

/**
 * Unwraps the signer's wFLX to itself: `{ assets }` FLX exactly (`withdraw`) or `{ shares }` wFLX exactly (`redeem`);
 * `send` pre-flights it. Returns the FLX paid and the wFLX burned (the wrapper's ERC-4626 Withdraw event).
 */
export async function unwrapFlx(
  signer: Signer,
  wflx: string,
  amount: { assets: bigint } | { shares: bigint },
  options?: SendOptions,
): Promise<{ receipt: TransactionReceipt; assets: bigint; shares: bigint }> {
  const me = await signer.getAddress();
  const r =
    "assets" in amount ? buildWithdrawFlx(wflx, amount.assets, me, me) : buildRedeemWflx(wflx, amount.shares, me, me);
  const receipt = await send(signer, r, options);
  const ev = eventArgs(receipt, WFLX_ABI.iface, "Withdraw");
  return { receipt, assets: ev.assets as bigint, shares: ev.shares as bigint };
}
export * from "./billing";
export * from "./stability";
export * from "./mesh";
