/**
 * Typed requests and flows for the BPCI bank mesh: one `build…` request per BankMesh write (join, heartbeat, stake,
 * unbond, withdraw, requestLiquidity, cancelRequest, offer, withdrawOffer, accept, repay, claim, openSettlement,
 * confirmSettlement, refundSettlement, propose, vote, execute; the staked-votes delegation is the kit's
 * `buildDelegate`/`buildDelegateBySig` on the mesh's address), and flows that approve exactly what the mesh pulls
 * (the stake, an offer, a settlement, a repayment computed with the core mirror of MeshInterest) and return what the
 * events report.
 */
import type { Signer, TransactionReceipt } from "ethers";
import { parseAddress } from "../../kit/core/units";
import { bytes32Arg, uintArg } from "../../kit/core/args";
import { InvalidArgumentError } from "../../kit/core/errors";
import { eventArgs, eventsOf } from "../../kit/chain/events";
import { toKitError } from "../../kit/chain/decoder";
import { send, sendWithAllowance, writeRequest, type WriteName, type WriteRequest } from "../../kit/tx/request";
import type { SendOptions } from "../../kit/tx/send";
import { MESH_ABI, type BankMesh, type BpciContracts } from "../chain/contracts";
import { MESH_PROPOSAL_KINDS } from "../chain/mesh";
import { meshDue, MESH_MAX_RATE_BPS } from "../core/mesh";

type Mesh<F extends WriteName<BankMesh>> = WriteRequest<BankMesh, F>;
type MeshHandles = Pick<BpciContracts, "mesh" | "nex">;

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
const ZERO_HASH = "0x" + "00".repeat(32);
const meshAt = (mesh: string) => parseAddress(mesh, "mesh");

/** A proposal kind by name (`ParameterChange`, `Admission`, `Expulsion`; case-insensitive) or index (0..2). */
export function meshProposalKindArg(value: string | number): number {
  if (typeof value === "number" || /^[0-9]+$/.test(value)) {
    const i = Number(value);
    if (i < MESH_PROPOSAL_KINDS.length) return i;
  } else {
    const i = MESH_PROPOSAL_KINDS.findIndex((k) => k.toLowerCase() === value.toLowerCase().replace(/[-_ ]/g, ""));
    if (i >= 0) return i;
  }
  throw new InvalidArgumentError(`unknown proposal type "${value}" (known: ${MESH_PROPOSAL_KINDS.join(", ")})`, {
    details: { type: value },
  });
}

// ------------------------------------------------------------------------------------------------ banks

/** `BankMesh.join(amount, name, endpoint)`: joins with `amount` NEX bonded (allowance needed). */
export function buildMeshJoin(mesh: string, amount: bigint, name: string, endpoint: string): Mesh<"join"> {
  const n = new TextEncoder().encode(name).length;
  const e = new TextEncoder().encode(endpoint).length;
  if (n === 0 || n > 64) {
    throw new InvalidArgumentError(`name must be 1 to 64 bytes, not ${n}`, { details: { name } });
  }
  if (e === 0 || e > 256) {
    throw new InvalidArgumentError(`endpoint must be 1 to 256 bytes, not ${e}`, { details: { endpoint } });
  }
  return writeRequest(MESH_ABI, meshAt(mesh), "join", [uintArg(amount, "stake"), name, endpoint]);
}

/** `BankMesh.heartbeat()` (a member). */
export function buildMeshHeartbeat(mesh: string): Mesh<"heartbeat"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "heartbeat", []);
}

/** `BankMesh.stake(amount)`: bonds more NEX (a member; allowance needed). */
export function buildMeshStake(mesh: string, amount: bigint): Mesh<"stake"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "stake", [uintArg(amount, "amount")]);
}

/** `BankMesh.unbond(amount)`: starts unbonding (`bpci.mesh.unbondingPeriod`; refused with open loans). */
export function buildMeshUnbond(mesh: string, amount: bigint): Mesh<"unbond"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "unbond", [uintArg(amount, "amount")]);
}

/** `BankMesh.withdraw(index)`: withdraws a matured unbonding. */
export function buildMeshWithdraw(mesh: string, index: bigint): Mesh<"withdraw"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "withdraw", [uintArg(index, "index")]);
}

// ------------------------------------------------------------------------------------------------ liquidity

/** `BankMesh.requestLiquidity(token, amount, maxRateBps, duration)` (an Active bank; NEX only). */
export function buildMeshRequest(
  mesh: string,
  token: string,
  amount: bigint,
  maxRateBps: bigint,
  duration: bigint,
): Mesh<"requestLiquidity"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "requestLiquidity", [
    parseAddress(token, "token"),
    uintArg(amount, "amount"),
    uintArg(maxRateBps, "maxRateBps", MESH_MAX_RATE_BPS),
    uintArg(duration, "duration"),
  ]);
}

/** `BankMesh.cancelRequest(requestId)` (the requester, while Open). */
export function buildMeshCancelRequest(mesh: string, requestId: bigint): Mesh<"cancelRequest"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "cancelRequest", [uintArg(requestId, "requestId")]);
}

/** `BankMesh.offer(requestId, amount, rateBps, conditionsHash)`: escrows `amount` NEX (allowance needed). */
export function buildMeshOffer(
  mesh: string,
  requestId: bigint,
  amount: bigint,
  rateBps: bigint,
  conditionsHash: string = ZERO_HASH,
): Mesh<"offer"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "offer", [
    uintArg(requestId, "requestId"),
    uintArg(amount, "amount"),
    uintArg(rateBps, "rateBps", MESH_MAX_RATE_BPS),
    bytes32Arg(conditionsHash, "conditionsHash", false),
  ]);
}

/** `BankMesh.withdrawOffer(offerId)` (the lender, while Open). */
export function buildMeshWithdrawOffer(mesh: string, offerId: bigint): Mesh<"withdrawOffer"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "withdrawOffer", [uintArg(offerId, "offerId")]);
}

/** `BankMesh.accept(offerId)` (the requester): the escrow is paid to it and loan `offerId` opens. */
export function buildMeshAccept(mesh: string, offerId: bigint): Mesh<"accept"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "accept", [uintArg(offerId, "offerId")]);
}

/** `BankMesh.repay(loanId, amount)` (anyone; allowance to the mesh needed, paid straight to the lender). */
export function buildMeshRepay(mesh: string, loanId: bigint, amount: bigint): Mesh<"repay"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "repay", [uintArg(loanId, "loanId"), uintArg(amount, "amount")]);
}

/** `BankMesh.claim(loanId)` (the lender of an Overdue loan): the shortfall from the borrower's stake. */
export function buildMeshClaim(mesh: string, loanId: bigint): Mesh<"claim"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "claim", [uintArg(loanId, "loanId")]);
}

// ------------------------------------------------------------------------------------------------ settlements

/** `BankMesh.openSettlement(to, token, amount, purposeHash)`: escrows `amount` of NEX or AUR (allowance needed). */
export function buildMeshSettle(
  mesh: string,
  to: string,
  token: string,
  amount: bigint,
  purposeHash: string = ZERO_HASH,
): Mesh<"openSettlement"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "openSettlement", [
    parseAddress(to, "to"),
    parseAddress(token, "token"),
    uintArg(amount, "amount"),
    bytes32Arg(purposeHash, "purposeHash", false),
  ]);
}

/** `BankMesh.confirmSettlement(settlementId)` (the counterparty, before the timeout). */
export function buildMeshConfirm(mesh: string, settlementId: bigint): Mesh<"confirmSettlement"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "confirmSettlement", [uintArg(settlementId, "settlementId")]);
}

/** `BankMesh.refundSettlement(settlementId)` (anyone, from the timeout on). */
export function buildMeshRefund(mesh: string, settlementId: bigint): Mesh<"refundSettlement"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "refundSettlement", [uintArg(settlementId, "settlementId")]);
}

// ------------------------------------------------------------------------------------------------ proposals

/** What a mesh proposal is about. */
export type MeshProposalTarget =
  | { readonly kind: "ParameterChange"; readonly key: string; readonly value: bigint }
  | { readonly kind: "Admission" | "Expulsion"; readonly bank: string };

/** `BankMesh.propose(kind, bank, key, value, descriptionHash)` (a member with staked votes). */
export function buildMeshPropose(
  mesh: string,
  target: MeshProposalTarget,
  descriptionHash: string = ZERO_HASH,
): Mesh<"propose"> {
  const kind = meshProposalKindArg(target.kind);
  const args =
    target.kind === "ParameterChange"
      ? [ZERO_ADDRESS, bytes32Arg(target.key, "key"), uintArg(target.value, "value")]
      : [parseAddress(target.bank, "bank"), ZERO_HASH, 0n];
  return writeRequest(MESH_ABI, meshAt(mesh), "propose", [
    kind,
    args[0] as string,
    args[1] as string,
    args[2] as bigint,
    bytes32Arg(descriptionHash, "descriptionHash", false),
  ]);
}

/** `BankMesh.vote(proposalId, approve)` (a member with votes at the snapshot, once). */
export function buildMeshVote(mesh: string, proposalId: bigint, approve: boolean): Mesh<"vote"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "vote", [uintArg(proposalId, "proposalId"), approve]);
}

/** `BankMesh.execute(proposalId)` (anyone, once Passed). */
export function buildMeshExecute(mesh: string, proposalId: bigint): Mesh<"execute"> {
  return writeRequest(MESH_ABI, meshAt(mesh), "execute", [uintArg(proposalId, "proposalId")]);
}

// ------------------------------------------------------------------------------------------------ flows

const meshOf = (b: MeshHandles) => b.mesh.target as string;
const nexOf = (b: MeshHandles) => b.nex.target as string;

/**
 * Joins the mesh with `stake` NEX bonded: approves exactly `stake` if the allowance is short, then joins.
 *
 * @example
 * const { stake } = await joinMesh(signer, b, 5_000n * 10n ** 18n, "Bank A", "https://a.example/mesh");
 */
export async function joinMesh(
  signer: Signer,
  b: MeshHandles,
  stake: bigint,
  name: string,
  endpoint: string,
  options?: SendOptions,
): Promise<{ receipt: TransactionReceipt; bank: string; stake: bigint; name: string; endpoint: string }> {
  const r = buildMeshJoin(meshOf(b), stake, name, endpoint);
  const receipt = await sendWithAllowance(signer, nexOf(b), stake, r, options);
  const ev = eventArgs(receipt, MESH_ABI.iface, "BankJoined");
  return { receipt, bank: ev.bank as string, stake: ev.stake as bigint, name, endpoint };
}

/** Bonds `amount` more NEX (approves exactly); returns the shares minted. */
export async function stakeMesh(signer: Signer, b: MeshHandles, amount: bigint, options?: SendOptions) {
  const receipt = await sendWithAllowance(signer, nexOf(b), amount, buildMeshStake(meshOf(b), amount), options);
  const ev = eventArgs(receipt, MESH_ABI.iface, "BankStaked");
  return { receipt, amount: ev.amount as bigint, shares: ev.shares as bigint };
}

/** Starts unbonding `amount`; returns the entry's index and unlock time. */
export async function unbondMesh(signer: Signer, mesh: string, amount: bigint, options?: SendOptions) {
  const receipt = await send(signer, buildMeshUnbond(mesh, amount), options);
  const ev = eventArgs(receipt, MESH_ABI.iface, "BankUnbondingStarted");
  return { receipt, index: ev.index as bigint, amount: ev.amount as bigint, unlockAt: ev.unlockAt as bigint };
}

/** Withdraws unbonding `index`; returns the NEX paid. */
export async function withdrawMesh(signer: Signer, mesh: string, index: bigint, options?: SendOptions) {
  const receipt = await send(signer, buildMeshWithdraw(mesh, index), options);
  const ev = eventArgs(receipt, MESH_ABI.iface, "BankWithdrawn");
  return { receipt, index: ev.index as bigint, amount: ev.amount as bigint };
}

/** Sends a heartbeat; returns its timestamp. */
export async function heartbeatMesh(signer: Signer, mesh: string, options?: SendOptions) {
  const receipt = await send(signer, buildMeshHeartbeat(mesh), options);
  return { receipt, timestamp: eventArgs(receipt, MESH_ABI.iface, "BankHeartbeat").timestamp as bigint };
}

/** Requests `amount` NEX at most `maxRateBps` for `duration` s; returns the request id and its offer deadline. */
export async function requestMeshLiquidity(
  signer: Signer,
  b: MeshHandles,
  d: { amount: bigint; maxRateBps: bigint; duration: bigint; token?: string },
  options?: SendOptions,
): Promise<{ receipt: TransactionReceipt; requestId: bigint; deadline: bigint }> {
  const r = buildMeshRequest(meshOf(b), d.token ?? nexOf(b), d.amount, d.maxRateBps, d.duration);
  const receipt = await send(signer, r, options);
  const ev = eventArgs(receipt, MESH_ABI.iface, "LiquidityRequested");
  return { receipt, requestId: ev.requestId as bigint, deadline: ev.deadline as bigint };
}

/**
 * Offers `amount` NEX at `rateBps` on `requestId`: approves exactly `amount` if the allowance is short, then offers
 * (the mesh escrows it). Returns the offer id.
 */
export async function offerMeshLiquidity(
  signer: Signer,
  b: MeshHandles,
  d: { requestId: bigint; amount: bigint; rateBps: bigint; conditionsHash?: string },
  options?: SendOptions,
): Promise<{ receipt: TransactionReceipt; offerId: bigint }> {
  const r = buildMeshOffer(meshOf(b), d.requestId, d.amount, d.rateBps, d.conditionsHash);
  const receipt = await sendWithAllowance(signer, nexOf(b), d.amount, r, options);
  return { receipt, offerId: eventArgs(receipt, MESH_ABI.iface, "LiquidityOffered").offerId as bigint };
}

/** Accepts offer `offerId`; returns the loan's principal, amount due and due time (LoanOpened). */
export async function acceptMeshOffer(signer: Signer, mesh: string, offerId: bigint, options?: SendOptions) {
  const receipt = await send(signer, buildMeshAccept(mesh, offerId), options);
  const ev = eventArgs(receipt, MESH_ABI.iface, "LoanOpened");
  return {
    receipt,
    loanId: ev.loanId as bigint,
    lender: ev.lender as string,
    principal: ev.principal as bigint,
    due: ev.due as bigint,
    dueAt: ev.dueAt as bigint,
  };
}

/**
 * What is still owed on loan `loanId`, computed from the offer's principal, rate and the request's duration with the
 * core mirror (`meshDue`) and checked against the contract's recorded `due`; refuses a loan that is not Active or
 * Overdue.
 */
export async function quoteMeshRepayment(
  b: Pick<BpciContracts, "mesh">,
  loanId: bigint,
): Promise<{ principal: bigint; interest: bigint; due: bigint; repaid: bigint; owed: bigint }> {
  try {
    const [o, state] = await Promise.all([b.mesh.offerOf(loanId), b.mesh.loanState(loanId)]);
    const s = Number(state);
    if (s !== 1 && s !== 2) {
      const names = ["None", "Active", "Overdue", "Repaid", "Claimed"];
      throw new InvalidArgumentError(`loan ${loanId} is ${names[s]}, not Active or Overdue: nothing to repay`, {
        details: { loanId, state: names[s] },
      });
    }
    const r = await b.mesh.requestOf(o.requestId);
    const due = meshDue(o.amount, BigInt(o.rateBps), BigInt(r.duration));
    if (due !== o.due) {
      throw new InvalidArgumentError(`loan ${loanId}: the SDK computes ${due} wei due, the mesh recorded ${o.due}`, {
        details: { loanId, sdk: due, chain: o.due },
      });
    }
    return { principal: o.amount, interest: due - o.amount, due, repaid: o.repaid, owed: due - o.repaid };
  } catch (e) {
    throw toKitError(e, "BankMesh");
  }
}

/**
 * Repays loan `loanId`: `amount` wei, or by default everything still owed (principal + interest - repaid, from
 * {@link quoteMeshRepayment}); approves exactly that amount if the allowance is short. Returns what was paid and
 * whether the loan is now Repaid.
 */
export async function repayMeshLoan(
  signer: Signer,
  b: MeshHandles,
  loanId: bigint,
  amount?: bigint,
  options?: SendOptions,
): Promise<{
  receipt: TransactionReceipt;
  loanId: bigint;
  amount: bigint;
  repaid: bigint;
  closed: boolean;
  due: bigint;
}> {
  const q = await quoteMeshRepayment(b, loanId);
  const pay = amount ?? q.owed;
  const receipt = await sendWithAllowance(signer, nexOf(b), pay, buildMeshRepay(meshOf(b), loanId, pay), options);
  const ev = eventArgs(receipt, MESH_ABI.iface, "LoanRepayment");
  const closed = eventsOf(receipt, MESH_ABI.iface, "LoanRepaid").length > 0;
  return { receipt, loanId, amount: ev.amount as bigint, repaid: ev.repaid as bigint, closed, due: q.due };
}

/** The lender claims an Overdue loan; returns the shortfall and what the borrower's stake paid. */
export async function claimMeshLoan(signer: Signer, mesh: string, loanId: bigint, options?: SendOptions) {
  const receipt = await send(signer, buildMeshClaim(mesh, loanId), options);
  const ev = eventArgs(receipt, MESH_ABI.iface, "LoanClaimed");
  return { receipt, loanId, shortfall: ev.shortfall as bigint, claimed: ev.claimed as bigint };
}

/**
 * Opens a settlement of `amount` `token` (NEX or AUR address) to `to`: approves exactly `amount` of the token if the
 * allowance is short. Returns the settlement id and its deadline (confirmable before it, refundable from it).
 */
export async function openMeshSettlement(
  signer: Signer,
  mesh: string,
  d: { to: string; token: string; amount: bigint; purposeHash?: string },
  options?: SendOptions,
): Promise<{ receipt: TransactionReceipt; settlementId: bigint; deadline: bigint }> {
  const r = buildMeshSettle(mesh, d.to, d.token, d.amount, d.purposeHash);
  const receipt = await sendWithAllowance(signer, d.token, d.amount, r, options);
  const ev = eventArgs(receipt, MESH_ABI.iface, "SettlementOpened");
  return { receipt, settlementId: ev.settlementId as bigint, deadline: ev.deadline as bigint };
}

/** Opens a mesh proposal; returns its id, snapshot, end of voting and the total stake it counts. */
export async function proposeMesh(
  signer: Signer,
  mesh: string,
  target: MeshProposalTarget,
  descriptionHash?: string,
  options?: SendOptions,
) {
  const receipt = await send(signer, buildMeshPropose(mesh, target, descriptionHash), options);
  const ev = eventArgs(receipt, MESH_ABI.iface, "MeshProposalCreated");
  return {
    receipt,
    proposalId: ev.proposalId as bigint,
    snapshot: ev.snapshot as bigint,
    endsAt: ev.endsAt as bigint,
    totalStake: ev.totalStake as bigint,
  };
}

/** Votes on a proposal; returns the weight counted (the voter's staked votes at the snapshot). */
export async function voteMesh(
  signer: Signer,
  mesh: string,
  proposalId: bigint,
  approve: boolean,
  options?: SendOptions,
) {
  const receipt = await send(signer, buildMeshVote(mesh, proposalId, approve), options);
  const ev = eventArgs(receipt, MESH_ABI.iface, "MeshVoteCast");
  return { receipt, proposalId, approve, weight: ev.weight as bigint };
}

/** Executes a Passed proposal; returns what it did (admitted, expelled with the stake unbonded, or approved). */
export async function executeMesh(signer: Signer, mesh: string, proposalId: bigint, options?: SendOptions) {
  const receipt = await send(signer, buildMeshExecute(mesh, proposalId), options);
  const expelled = eventsOf(receipt, MESH_ABI.iface, "BankExpelled")[0];
  const admitted = eventsOf(receipt, MESH_ABI.iface, "BankAdmitted")[0];
  const approved = eventsOf(receipt, MESH_ABI.iface, "MeshParameterChangeApproved")[0];
  return {
    receipt,
    proposalId,
    outcome: expelled
      ? { kind: "Expulsion" as const, bank: expelled.bank as string, unbonded: expelled.unbonded as bigint }
      : admitted
        ? { kind: "Admission" as const, bank: admitted.bank as string }
        : { kind: "ParameterChange" as const, key: approved?.key as string, value: approved?.value as bigint },
  };
}
