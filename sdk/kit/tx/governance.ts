/**
 * Governance and treasury actions: typed requests (send them with `send`) and {@link propose}, which also checks
 * the proposal id against `ProposalCreated`. Proposals go through the EconomyGovernor (typed, with its own quorum,
 * approval and timelock delay per type) and execute on the TimelockController.
 */
import { AbiCoder, getAddress, id as keccakString, keccak256, type Signer, type TransactionReceipt } from "ethers";
import {
  abiOf,
  connectGovernor,
  EconomyGovernor__factory,
  Treasury__factory,
  type EconomyGovernor,
  type Treasury,
} from "../chain/contracts";
import {
  encodeAnyRequest,
  send,
  writeRequest,
  type AnyWriteRequest,
  type WriteName,
  type WriteRequest,
} from "./request";
import { InvalidArgumentError, InvariantError } from "../core/errors";
import { MAX_UINT256 } from "../core/feeSplit";
import { parseAddress } from "../core/units";
import { parseProposalId, parseProposalType, parseSupport } from "../chain/governance";
import type { TxRequest } from "./builders";
import type { SendOptions } from "./send";

const GOVERNOR = abiOf<EconomyGovernor>("EconomyGovernor", EconomyGovernor__factory);
const TREASURY = abiOf<Treasury>("Treasury", Treasury__factory);

type Gov<F extends WriteName<EconomyGovernor>> = WriteRequest<EconomyGovernor, F>;

function at(governor: string): string {
  return parseAddress(governor, "governor");
}

/** The actions of a proposal: parallel arrays, as the Governor takes them. */
export interface ProposalActions {
  readonly targets: readonly string[];
  readonly values: readonly bigint[];
  readonly calldatas: readonly string[];
}

/** A proposal as the governor identifies it: its actions and its full description (suffix included). */
export interface ProposalSpec extends ProposalActions {
  readonly description: string;
}

/**
 * Turns built transactions into proposal actions; each runs from the timelock. Takes typed requests (e.g.
 * `buildParameterSet(...)`, encoded here) and `{ to, data, value }` alike.
 * Throws {@link InvalidArgumentError} for an empty list or a bad action.
 *
 * @example
 * const actions = proposalActions([buildParameterSet(registryAddress, "quiver.market.treasuryFeeBps", 250n)]);
 */
export function proposalActions(built: readonly (TxRequest | AnyWriteRequest)[]): ProposalActions {
  if (built.length === 0) throw new InvalidArgumentError("a proposal needs at least one action");
  const requests = built.map((r) => ("abi" in r ? encodeAnyRequest(r) : r));
  for (const r of requests) {
    if (!/^0x([0-9a-fA-F]{2})*$/.test(r.data)) {
      throw new InvalidArgumentError(`action data is not 0x-prefixed hex bytes: "${r.data}"`);
    }
    if (typeof r.value !== "bigint" || r.value < 0n || r.value > MAX_UINT256) {
      throw new InvalidArgumentError("action value must be a non-negative uint256 (wei)");
    }
  }
  return {
    targets: requests.map((r) => parseAddress(r.to, "target")),
    values: requests.map((r) => r.value),
    calldatas: requests.map((r) => r.data),
  };
}

/**
 * Appends OpenZeppelin's front-running protection suffix `#proposer=0x…` to a description: the governor then
 * accepts the proposal only from `proposer`, so nobody can copy it from the mempool and propose it first.
 * A description that already ends with a suffix for another address is rejected.
 *
 * @example
 * withProposerSuffix("Raise the treasury fee to 2.5%", wallet.address);
 * // "Raise the treasury fee to 2.5%#proposer=0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
 */
export function withProposerSuffix(description: string, proposer: string): string {
  const who = parseAddress(proposer, "proposer");
  const m = /#proposer=(0x[0-9a-fA-F]{40})$/.exec(description);
  if (m) {
    if (getAddress(m[1].toLowerCase()) !== who) {
      throw new InvalidArgumentError(`the description is already restricted to ${m[1]}, not ${who}`);
    }
    return description;
  }
  return `${description}#proposer=${who}`;
}

/**
 * The proposal id the governor will assign: `keccak256(abi.encode(targets, values, calldatas, keccak256(description)))`.
 *
 * @example
 * const id = hashProposal({ ...actions, description });
 */
export function hashProposal(p: ProposalSpec): bigint {
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ["address[]", "uint256[]", "bytes[]", "bytes32"],
    [p.targets, p.values, p.calldatas, keccakString(p.description)],
  );
  return BigInt(keccak256(encoded));
}

function checkSpec(p: ProposalSpec): ProposalSpec {
  if (p.values.length !== p.targets.length || p.calldatas.length !== p.targets.length) {
    throw new InvalidArgumentError("targets, values and calldatas must have the same length");
  }
  const checked = proposalActions(p.targets.map((to, i) => ({ to, value: p.values[i], data: p.calldatas[i] })));
  if (typeof p.description !== "string") throw new InvalidArgumentError("the description must be a string");
  return { ...checked, description: p.description };
}

/**
 * `EconomyGovernor.proposeWithType(targets, values, calldatas, description, type)`.
 * Use {@link withProposerSuffix} on the description to protect it against front-running.
 *
 * @example
 * buildProposeWithType(governorAddress, { ...actions, description: withProposerSuffix(text, me) }, "economic");
 */
export function buildProposeWithType(governor: string, p: ProposalSpec, type: string | number): Gov<"proposeWithType"> {
  const s = checkSpec(p);
  return writeRequest(GOVERNOR, at(governor), "proposeWithType", [
    [...s.targets],
    [...s.values],
    [...s.calldatas],
    s.description,
    parseProposalType(type),
  ]);
}

/**
 * `castVote(id, support)`, or `castVoteWithReason(id, support, reason)` when a reason is given.
 *
 * @example
 * buildCastVote(governorAddress, id, "for", "cheaper jobs");
 */
export function buildCastVote(
  governor: string,
  proposalId: bigint,
  support: string | number,
  reason?: string,
): Gov<"castVote" | "castVoteWithReason"> {
  const pid = parseProposalId(proposalId);
  const s = parseSupport(support);
  return reason === undefined
    ? writeRequest(GOVERNOR, at(governor), "castVote", [pid, s])
    : writeRequest(GOVERNOR, at(governor), "castVoteWithReason", [pid, s, reason]);
}

/**
 * `queue(targets, values, calldatas, descriptionHash)`: schedules a succeeded proposal on the timelock with its
 * type's delay.
 *
 * @example
 * buildQueue(governorAddress, await findProposal(governor, id));
 */
export function buildQueue(governor: string, p: ProposalSpec): Gov<"queue"> {
  const s = checkSpec(p);
  return writeRequest(GOVERNOR, at(governor), "queue", [
    [...s.targets],
    [...s.values],
    [...s.calldatas],
    keccakString(s.description),
  ]);
}

/**
 * `cancel(targets, values, calldatas, descriptionHash)`: the proposer withdraws a proposal while it is Pending
 * (before voting starts); the proposal guardian may cancel later.
 *
 * @example
 * buildCancel(governorAddress, await findProposal(governor, id));
 */
export function buildCancel(governor: string, p: ProposalSpec): Gov<"cancel"> {
  const s = checkSpec(p);
  return writeRequest(GOVERNOR, at(governor), "cancel", [
    [...s.targets],
    [...s.values],
    [...s.calldatas],
    keccakString(s.description),
  ]);
}

/**
 * `execute(targets, values, calldatas, descriptionHash)`: runs a queued proposal once its eta passed. The call
 * sends the sum of the actions' values as ETH.
 *
 * @example
 * buildExecute(governorAddress, await findProposal(governor, id));
 */
export function buildExecute(governor: string, p: ProposalSpec): Gov<"execute"> {
  const s = checkSpec(p);
  const value = s.values.reduce((a, b) => a + b, 0n);
  const hash = keccakString(s.description);
  return writeRequest(
    GOVERNOR,
    at(governor),
    "execute",
    [[...s.targets], [...s.values], [...s.calldatas], hash],
    value,
  );
}

/**
 * `Treasury.claim(grantId)`: pays the grantee what has vested and is unclaimed.
 *
 * @example
 * buildClaimGrant(treasuryAddress, 0n);
 */
export function buildClaimGrant(treasury: string, grantId: bigint): WriteRequest<Treasury, "claim"> {
  if (typeof grantId !== "bigint" || grantId < 0n || grantId > MAX_UINT256) {
    throw new InvalidArgumentError("a grant id is a uint256", { details: { grantId } });
  }
  return writeRequest(TREASURY, parseAddress(treasury, "treasury"), "claim", [grantId]);
}

/** What {@link propose} returns: the receipt and the new proposal's id. */
export interface ProposeResult {
  readonly receipt: TransactionReceipt;
  readonly proposalId: bigint;
  /** The description as submitted (with the proposer suffix). */
  readonly description: string;
}

/**
 * Proposes typed actions from the signer; the description gets the signer's `#proposer=` suffix unless
 * `options.suffix === false`. Returns the proposal id (checked against the `ProposalCreated` event).
 *
 * @example
 * const { proposalId } = await propose(wallet, governorAddress,
 *   proposalActions([buildParameterSet(registryAddress, "quiver.market.treasuryFeeBps", 250n)]),
 *   "Raise the treasury fee to 2.5%", "EconomicParameter");
 */
export async function propose(
  signer: Signer,
  governor: string,
  actions: ProposalActions,
  description: string,
  type: string | number,
  options: SendOptions & { readonly suffix?: boolean } = {},
): Promise<ProposeResult> {
  const full = options.suffix === false ? description : withProposerSuffix(description, await signer.getAddress());
  const spec = { ...actions, description: full };
  const receipt = await send(signer, buildProposeWithType(governor, spec, type), options);
  const proposalId = hashProposal(spec);
  const created = receipt.logs
    .map((l) => {
      try {
        return GOVERNOR.iface.parseLog(l);
      } catch {
        return null;
      }
    })
    .find((e) => e?.name === "ProposalCreated");
  if (!created || created.args.proposalId !== proposalId) {
    throw new InvariantError("ProposalCreated missing or with an unexpected id", {
      details: { expected: proposalId, got: created?.args.proposalId },
    });
  }
  return { receipt, proposalId, description: full };
}

/**
 * `castVoteWithReasonAndParams(id, support, reason, params)`: a vote with extra bytes for a counting module (the
 * EconomyGovernor's counting ignores them; they are recorded in `VoteCastWithParams`).
 *
 * @example
 * buildCastVoteWithParams(governorAddress, id, "for", "ok", "0x1234");
 */
export function buildCastVoteWithParams(
  governor: string,
  proposalId: bigint,
  support: string | number,
  reason: string,
  params: string,
): Gov<"castVoteWithReasonAndParams"> {
  return writeRequest(GOVERNOR, at(governor), "castVoteWithReasonAndParams", [
    parseProposalId(proposalId),
    parseSupport(support),
    reason,
    hexBytes(params, "params"),
  ]);
}

function hexBytes(value: string, label: string): string {
  if (typeof value !== "string" || !/^0x([0-9a-fA-F]{2})*$/.test(value)) {
    throw new InvalidArgumentError(`${label} must be 0x-prefixed hex bytes, not "${value}"`, { details: { value } });
  }
  return value.toLowerCase();
}

/** A vote signed off-chain (EIP-712 `Ballot`, or `ExtendedBallot` when it has a reason or params). */
export interface SignedBallot {
  readonly proposalId: bigint;
  readonly support: number;
  readonly voter: string;
  readonly nonce: bigint;
  /** Set for an `ExtendedBallot` (submitted with `castVoteWithReasonAndParamsBySig`). */
  readonly reason?: string;
  readonly params?: string;
  readonly signature: string;
}

/** EIP-712 types of the OpenZeppelin Governor's signed votes. */
export const BALLOT_TYPES = {
  Ballot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
  ],
};

/** EIP-712 types of a signed vote with reason and params. */
export const EXTENDED_BALLOT_TYPES = {
  ExtendedBallot: [
    { name: "proposalId", type: "uint256" },
    { name: "support", type: "uint8" },
    { name: "voter", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "reason", type: "string" },
    { name: "params", type: "bytes" },
  ],
};

/**
 * Signs a vote for someone else to submit. The domain is the governor's own (`eip712Domain()`), refused when it
 * does not match the signer's chain and the governor address; the nonce is the governor's `nonces(voter)`. With
 * `reason` or `params` it is an `ExtendedBallot`.
 *
 * @example
 * const b = await signBallot(voter, governorAddress, { proposalId, support: "for" });
 * await send(relayer, buildCastVoteBySig(governorAddress, b));
 */
export async function signBallot(
  signer: Signer,
  governor: string,
  b: { proposalId: bigint; support: string | number; reason?: string; params?: string },
): Promise<SignedBallot> {
  const address = at(governor);
  if (!signer.provider) throw new InvalidArgumentError("the signer needs a provider to read the governor's domain");
  const g = connectGovernor(address, signer);
  const [d, network, voter] = await Promise.all([g.eip712Domain(), signer.provider.getNetwork(), signer.getAddress()]);
  const problems: string[] = [];
  if (d.chainId !== network.chainId) problems.push(`governor domain chain ${d.chainId} != chain ${network.chainId}`);
  if (getAddress(d.verifyingContract) !== address) {
    problems.push(`governor domain contract ${d.verifyingContract} != ${address}`);
  }
  if (problems.length)
    throw new InvalidArgumentError(`refusing to sign: ${problems.join("; ")}`, { details: { problems } });
  const domain = { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
  const proposalId = parseProposalId(b.proposalId);
  const support = parseSupport(b.support);
  const nonce = await g.nonces(voter);
  if (b.reason === undefined && b.params === undefined) {
    const signature = await signer.signTypedData(domain, BALLOT_TYPES, { proposalId, support, voter, nonce });
    return { proposalId, support, voter, nonce, signature };
  }
  const reason = b.reason ?? "";
  const params = hexBytes(b.params ?? "0x", "params");
  const signature = await signer.signTypedData(domain, EXTENDED_BALLOT_TYPES, {
    proposalId,
    support,
    voter,
    nonce,
    reason,
    params,
  });
  return { proposalId, support, voter, nonce, reason, params, signature };
}

/**
 * Submits a signed vote: `castVoteBySig(id, support, voter, signature)`, or
 * `castVoteWithReasonAndParamsBySig(id, support, voter, reason, params, signature)` for an extended ballot.
 *
 * @example
 * await send(relayer, buildCastVoteBySig(governorAddress, ballot));
 */
export function buildCastVoteBySig(
  governor: string,
  b: SignedBallot,
): Gov<"castVoteBySig" | "castVoteWithReasonAndParamsBySig"> {
  const pid = parseProposalId(b.proposalId);
  const s = parseSupport(b.support);
  const voter = parseAddress(b.voter, "voter");
  const sig = hexBytes(b.signature, "signature");
  if (sig.length !== 132) throw new InvalidArgumentError("the ballot's signature is not 65 bytes of hex");
  return b.reason === undefined && b.params === undefined
    ? writeRequest(GOVERNOR, at(governor), "castVoteBySig", [pid, s, voter, sig])
    : writeRequest(GOVERNOR, at(governor), "castVoteWithReasonAndParamsBySig", [
        pid,
        s,
        voter,
        b.reason ?? "",
        hexBytes(b.params ?? "0x", "params"),
        sig,
      ]);
}

/**
 * The untyped OpenZeppelin `propose(targets, values, calldatas, description)`: a proposal judged by
 * OpenZeppelin's rule (quorum of For + Abstain, For > Against) with the timelock's minimum delay, as Tally and
 * other Governor front ends create them. Prefer {@link buildProposeWithType}.
 *
 * @example
 * buildProposeUntyped(governorAddress, { ...actions, description });
 */
export function buildProposeUntyped(governor: string, p: ProposalSpec): Gov<"propose"> {
  const s = checkSpec(p);
  return writeRequest(GOVERNOR, at(governor), "propose", [
    [...s.targets],
    [...s.values],
    [...s.calldatas],
    s.description,
  ]);
}
