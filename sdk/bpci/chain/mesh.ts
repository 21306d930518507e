/**
 * Readers of the BPCI bank mesh (contracts/bpci/mesh): one bank, request, offer, loan, settlement or proposal with
 * its derived state by name (`IBankMesh.*State`), the mesh's parameters, and a liquidity summary over request ids
 * given or the most recent ones. Nothing here loops over an unbounded on-chain set: per-id reads are bounded by the
 * ids asked for, and what only events record (a bank's name and endpoint, a bank's loans) is read from logs in
 * chunks (`streamEvents`). Each reader wraps revert data into a decoded KitError.
 */
import type { EventLog } from "ethers";
import { toKitError } from "../../kit/chain/decoder";
import { streamEvents, type StreamOptions } from "../../kit/chain/events";
import { InvalidArgumentError } from "../../kit/core/errors";
import { parseAddress } from "../../kit/core/units";
import type { VotesToken } from "../../kit/chain/contracts";
import type { BpciContracts } from "./contracts";
import {
  BANK_STATUS_NAMES,
  LOAN_STATE_NAMES,
  PROPOSAL_STATE_NAMES,
  SETTLEMENT_STATE_NAMES,
  meshPasses,
  stakeAtRisk,
} from "../core/mesh";
import { parameterKey } from "../core/parameters";

/** `IBankMesh.RequestState` names (index = value). */
export const MESH_REQUEST_STATES = ["None", "Open", "Filled", "Cancelled", "Expired"] as const;
/** `IBankMesh.OfferState` names (index = value). */
export const MESH_OFFER_STATES = ["None", "Open", "Withdrawn", "Accepted"] as const;
/** `IBankMesh.LoanState` names. */
export const MESH_LOAN_STATES = LOAN_STATE_NAMES;
/** `IBankMesh.SettlementState` names. */
export const MESH_SETTLEMENT_STATES = SETTLEMENT_STATE_NAMES;
/** `IBankMesh.ProposalState` names. */
export const MESH_PROPOSAL_STATES = PROPOSAL_STATE_NAMES;
/** `IBankMesh.BankStatus` names. */
export const MESH_BANK_STATUSES = BANK_STATUS_NAMES;
/** `IBankMesh.ProposalKind` names (index = value). */
export const MESH_PROPOSAL_KINDS = ["ParameterChange", "Admission", "Expulsion"] as const;

type Mesh = Pick<BpciContracts, "mesh">;
type MeshTokens = Pick<BpciContracts, "mesh" | "nex" | "aur">;

/** A bank of the mesh. */
export interface MeshBank {
  readonly address: string;
  readonly status: (typeof MESH_BANK_STATUSES)[number];
  /** From its BankJoined event ("" if none was found in the range scanned). */
  readonly name: string;
  readonly endpoint: string;
  /** Bonded stake (wei of NEX). */
  readonly stake: bigint;
  /** Reputation, bps (0..10,000; 5,000 at joining). */
  readonly reputation: bigint;
  readonly lastHeartbeat: bigint;
  /** When the heartbeat expires (`lastHeartbeat + bpci.mesh.heartbeatPeriod`): Inactive from then on. */
  readonly heartbeatDueAt: bigint;
  readonly openLoans: bigint;
  readonly expelled: boolean;
  readonly unbondings: readonly { index: number; unlockAt: bigint; value: bigint }[];
}

/** A liquidity request. */
export interface MeshRequest {
  readonly id: bigint;
  readonly state: (typeof MESH_REQUEST_STATES)[number];
  readonly requester: string;
  readonly amount: bigint;
  readonly accepted: bigint;
  /** `amount - accepted`. */
  readonly remaining: bigint;
  readonly maxRateBps: bigint;
  readonly duration: bigint;
  /** Offers and accepts while `now < deadline`. */
  readonly deadline: bigint;
  readonly offers: bigint;
}

/** An offer (before acceptance). */
export interface MeshOffer {
  readonly id: bigint;
  readonly state: (typeof MESH_OFFER_STATES)[number];
  readonly requestId: bigint;
  readonly lender: string;
  readonly amount: bigint;
  readonly rateBps: bigint;
  readonly conditionsHash: string;
}

/** A loan (an accepted offer, same id). */
export interface MeshLoan {
  readonly id: bigint;
  readonly state: (typeof MESH_LOAN_STATES)[number];
  readonly requestId: bigint;
  readonly borrower: string;
  readonly lender: string;
  readonly principal: bigint;
  readonly rateBps: bigint;
  readonly interest: bigint;
  /** Principal + interest (MeshInterest.due). */
  readonly due: bigint;
  readonly repaid: bigint;
  /** `due - repaid` while the loan is open, 0 once repaid or claimed. */
  readonly owed: bigint;
  /** Overdue (claimable by the lender) from this second. */
  readonly dueAt: bigint;
}

/** A settlement between two banks. */
export interface MeshSettlement {
  readonly id: bigint;
  readonly state: (typeof MESH_SETTLEMENT_STATES)[number];
  readonly from: string;
  readonly to: string;
  readonly token: string;
  readonly symbol: "NEX" | "AUR" | "?";
  readonly amount: bigint;
  readonly purposeHash: string;
  /** Confirmable while `now < deadline`, refundable from `now >= deadline`. */
  readonly deadline: bigint;
}

/** A mesh proposal. */
export interface MeshProposal {
  readonly id: bigint;
  readonly state: (typeof MESH_PROPOSAL_STATES)[number];
  readonly kind: (typeof MESH_PROPOSAL_KINDS)[number];
  readonly proposer: string;
  /** Admission/Expulsion: the bank concerned (zero otherwise). */
  readonly bank: string;
  /** ParameterChange: the registry key and value (zero otherwise). */
  readonly key: string;
  readonly value: bigint;
  readonly descriptionHash: string;
  readonly snapshot: bigint;
  readonly endsAt: bigint;
  readonly thresholdBps: bigint;
  readonly approvals: bigint;
  readonly rejections: bigint;
  readonly totalStake: bigint;
  /** Whether `approvals` reach the threshold (`meshPasses`). */
  readonly passes: boolean;
  /** Approving stake still needed to pass (0 once it passes). */
  readonly needed: bigint;
}

/** The mesh's `bpci.mesh.*` parameters, read from the registry. */
export interface MeshParameters {
  readonly minStake: bigint;
  readonly unbondingPeriod: bigint;
  readonly heartbeatPeriod: bigint;
  readonly settlementTimeout: bigint;
  readonly passThresholdBps: bigint;
  readonly maxOffersPerRequest: bigint;
  readonly requestWindow: bigint;
  readonly maxLoanDuration: bigint;
  readonly votingPeriod: bigint;
}

const PARAMETER_NAMES = {
  minStake: "bpci.mesh.minStake",
  unbondingPeriod: "bpci.mesh.unbondingPeriod",
  heartbeatPeriod: "bpci.mesh.heartbeatPeriod",
  settlementTimeout: "bpci.mesh.settlementTimeout",
  passThresholdBps: "bpci.mesh.passThresholdBps",
  maxOffersPerRequest: "bpci.mesh.maxOffersPerRequest",
  requestWindow: "bpci.mesh.requestWindow",
  maxLoanDuration: "bpci.mesh.maxLoanDuration",
  votingPeriod: "bpci.mesh.votingPeriod",
} as const satisfies Record<keyof MeshParameters, string>;

async function guarded<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw toKitError(e, "BankMesh");
  }
}

/** An id argument of the mesh (ids start at 1). */
function idArg(id: bigint, what: string): bigint {
  if (id < 1n) throw new InvalidArgumentError(`${what} ids start at 1, not ${id}`, { details: { [what]: id } });
  return id;
}

/** Unknown ids read as the zero struct: refuse them with the same words the CLI uses. */
function unknown(what: string, id: bigint, count: bigint): never {
  throw new InvalidArgumentError(`${what} ${id} does not exist (the mesh has ${count})`, {
    details: { [`${what}Id`]: id, count },
  });
}

/** `BankMesh.counts()` by name (its outputs are unnamed in the ABI). */
export async function readMeshCounts(
  b: Mesh,
): Promise<{ requests: bigint; offers: bigint; settlements: bigint; proposals: bigint }> {
  const [requests, offers, settlements, proposals] = await guarded(() => b.mesh.counts());
  return { requests, offers, settlements, proposals };
}

/** The mesh's parameters (`bpci.mesh.*` in the registry). */
export async function readMeshParameters(b: Pick<BpciContracts, "registry">): Promise<MeshParameters> {
  const entries = Object.entries(PARAMETER_NAMES) as [keyof MeshParameters, string][];
  try {
    const values = await Promise.all(entries.map(([, n]) => b.registry.get(parameterKey(n))));
    return Object.fromEntries(entries.map(([k], i) => [k, values[i]])) as unknown as MeshParameters;
  } catch (e) {
    throw toKitError(e, "ParameterRegistry");
  }
}

/** A bank's BankJoined event (its name and endpoint), or undefined when none is in the range. */
async function joinedEvent(b: Mesh, bank: string, range: StreamOptions): Promise<EventLog | undefined> {
  const mesh = b.mesh as unknown as VotesToken;
  for await (const ev of streamEvents(mesh, b.mesh.filters.BankJoined(bank) as never, range)) {
    return ev as EventLog;
  }
  return undefined;
}

/**
 * Bank `address`: status, stake, reputation, heartbeat, open loans, unbondings, and its name and endpoint from its
 * BankJoined event (scanned over `range`, default the whole chain in 2,000-block chunks).
 *
 * @example
 * const bank = await readMeshBank(b, alice); // { status: "Active", stake: 5_000n * 10n ** 18n, reputation: 5_000n, ... }
 */
export async function readMeshBank(
  b: Pick<BpciContracts, "mesh" | "registry">,
  address: string,
  range: StreamOptions = {},
): Promise<MeshBank> {
  const bank = parseAddress(address, "bank");
  return guarded(async () => {
    const [status, info, stake, reputation, unbondings, period] = await Promise.all([
      b.mesh.bankStatus(bank),
      b.mesh.bankOf(bank),
      b.mesh.stakeOf(bank),
      b.mesh.reputationOf(bank),
      b.mesh.unbondingCount(bank),
      b.registry.get(parameterKey("bpci.mesh.heartbeatPeriod")),
    ]);
    const entries = await Promise.all(
      Array.from({ length: Number(unbondings) }, (_, i) => b.mesh.unbondingAt(bank, i)),
    );
    const joined = Number(status) === 0 ? undefined : await joinedEvent(b, bank, range);
    return {
      address: bank,
      status: MESH_BANK_STATUSES[Number(status)],
      name: (joined?.args.name as string | undefined) ?? "",
      endpoint: (joined?.args.endpoint as string | undefined) ?? "",
      stake,
      reputation,
      lastHeartbeat: info.lastHeartbeat,
      heartbeatDueAt: info.lastHeartbeat + period,
      openLoans: info.openLoans,
      expelled: info.expelled,
      unbondings: entries.map(([unlockAt, value], index) => ({ index, unlockAt, value })),
    };
  });
}

/** Request `id` with its state (an unknown id is an InvalidArgumentError). */
export async function readMeshRequest(b: Mesh, id: bigint): Promise<MeshRequest> {
  idArg(id, "request");
  return guarded(async () => {
    const [r, state] = await Promise.all([b.mesh.requestOf(id), b.mesh.requestState(id)]);
    if (Number(state) === 0) unknown("request", id, (await readMeshCounts(b)).requests);
    return {
      id,
      state: MESH_REQUEST_STATES[Number(state)],
      requester: r.requester,
      amount: r.amount,
      accepted: r.accepted,
      remaining: r.amount - r.accepted,
      maxRateBps: r.maxRateBps,
      duration: r.duration,
      deadline: r.deadline,
      offers: r.offers,
    };
  });
}

/** Offer `id` with its state (an unknown id is an InvalidArgumentError). */
export async function readMeshOffer(b: Mesh, id: bigint): Promise<MeshOffer> {
  idArg(id, "offer");
  return guarded(async () => {
    const [o, state] = await Promise.all([b.mesh.offerOf(id), b.mesh.offerState(id)]);
    if (Number(state) === 0) unknown("offer", id, (await readMeshCounts(b)).offers);
    return {
      id,
      state: MESH_OFFER_STATES[Number(state)],
      requestId: o.requestId,
      lender: o.lender,
      amount: o.amount,
      rateBps: o.rateBps,
      conditionsHash: o.conditionsHash,
    };
  });
}

/** Loan `id` (the accepted offer `id`) with its state, interest and what is still owed. */
export async function readMeshLoan(b: Mesh, id: bigint): Promise<MeshLoan> {
  idArg(id, "loan");
  return guarded(async () => {
    const [o, state] = await Promise.all([b.mesh.offerOf(id), b.mesh.loanState(id)]);
    if (Number(state) === 0) {
      const offers = (await readMeshCounts(b)).offers;
      if (id > offers) unknown("loan", id, offers);
      throw new InvalidArgumentError(`offer ${id} was not accepted: it is no loan`, { details: { loanId: id } });
    }
    const r = await b.mesh.requestOf(o.requestId);
    const s = MESH_LOAN_STATES[Number(state)];
    return {
      id,
      state: s,
      requestId: o.requestId,
      borrower: r.requester,
      lender: o.lender,
      principal: o.amount,
      rateBps: o.rateBps,
      interest: o.due - o.amount,
      due: o.due,
      repaid: o.repaid,
      owed: s === "Active" || s === "Overdue" ? o.due - o.repaid : 0n,
      dueAt: o.dueAt,
    };
  });
}

/** Settlement `id` with its state and token symbol. */
export async function readMeshSettlement(b: MeshTokens, id: bigint): Promise<MeshSettlement> {
  idArg(id, "settlement");
  return guarded(async () => {
    const [s, state] = await Promise.all([b.mesh.settlementOf(id), b.mesh.settlementState(id)]);
    if (Number(state) === 0) unknown("settlement", id, (await readMeshCounts(b)).settlements);
    const t = s.token.toLowerCase();
    const symbol =
      t === String(b.nex.target).toLowerCase() ? "NEX" : t === String(b.aur.target).toLowerCase() ? "AUR" : "?";
    return {
      id,
      state: MESH_SETTLEMENT_STATES[Number(state)],
      from: s.from,
      to: s.to,
      token: s.token,
      symbol,
      amount: s.amount,
      purposeHash: s.purposeHash,
      deadline: s.deadline,
    };
  });
}

/** Proposal `id` with its state, tally and what approving stake it still needs. */
export async function readMeshProposal(b: Mesh, id: bigint): Promise<MeshProposal> {
  idArg(id, "proposal");
  return guarded(async () => {
    const [p, state] = await Promise.all([b.mesh.proposalOf(id), b.mesh.proposalState(id)]);
    if (Number(state) === 0) unknown("proposal", id, (await readMeshCounts(b)).proposals);
    const threshold = BigInt(p.thresholdBps);
    const passes = meshPasses(p.approvals, p.totalStake, threshold);
    // Smallest approvals a with a x 10,000 >= threshold x total.
    const least = (threshold * p.totalStake + 9_999n) / 10_000n;
    return {
      id,
      state: MESH_PROPOSAL_STATES[Number(state)],
      kind: MESH_PROPOSAL_KINDS[Number(p.kind)],
      proposer: p.proposer,
      bank: p.bank,
      key: p.key,
      value: p.value,
      descriptionHash: p.descriptionHash,
      snapshot: p.snapshot,
      endsAt: p.endsAt,
      thresholdBps: threshold,
      approvals: p.approvals,
      rejections: p.rejections,
      totalStake: p.totalStake,
      passes,
      needed: passes ? 0n : least - p.approvals,
    };
  });
}

/** The mesh's totals: banks, escrows by token, counts of what was created, and its parameters. */
export interface MeshNetwork {
  readonly banks: bigint;
  readonly escrowed: { readonly nex: bigint; readonly aur: bigint };
  readonly counts: {
    readonly requests: bigint;
    readonly offers: bigint;
    readonly settlements: bigint;
    readonly proposals: bigint;
  };
  readonly parameters: MeshParameters;
}

/** The mesh's totals (O(1) reads). */
export async function readMeshNetwork(
  b: Pick<BpciContracts, "mesh" | "nex" | "aur" | "registry">,
): Promise<MeshNetwork> {
  const [banks, nex, aur, c, parameters] = await guarded(() =>
    Promise.all([
      b.mesh.bankCount(),
      b.mesh.escrowed(b.nex.target as string),
      b.mesh.escrowed(b.aur.target as string),
      readMeshCounts(b),
      readMeshParameters(b),
    ]),
  );
  return {
    banks,
    escrowed: { nex, aur },
    counts: { requests: c.requests, offers: c.offers, settlements: c.settlements, proposals: c.proposals },
    parameters,
  };
}

/** Options of {@link readMeshLiquidity}. */
export interface MeshLiquidityOptions {
  /** The requests to look at; default: the `recent` most recent ids. */
  readonly requestIds?: readonly bigint[];
  /** How many of the latest requests to read without `requestIds` (default 20, at most 500). */
  readonly recent?: number;
}

/** Liquidity of the mesh over a bounded set of requests. */
export interface MeshLiquidity {
  /** The requests read (every state), newest first. */
  readonly requests: readonly MeshRequest[];
  /** The Open ones among them and what they still ask for (`remaining`), in wei of NEX. */
  readonly open: number;
  readonly demand: bigint;
  /** NEX escrowed by the mesh (open offers and NEX settlements), the supply side. */
  readonly escrowedNex: bigint;
}

/**
 * The liquidity picture over the requests `requestIds` (or the `recent` latest): each request's state and what is
 * left to fill, the open demand, the NEX in escrow. Reads at most 500 requests.
 *
 * @example
 * const l = await readMeshLiquidity(b, { recent: 10 }); // { open: 2, demand: 15_000n * 10n ** 18n, ... }
 */
export async function readMeshLiquidity(
  b: Pick<BpciContracts, "mesh" | "nex">,
  options: MeshLiquidityOptions = {},
): Promise<MeshLiquidity> {
  const recent = options.recent ?? 20;
  if (!Number.isInteger(recent) || recent < 1 || recent > 500) {
    throw new InvalidArgumentError(`recent must be an integer in 1..500, not ${recent}`, { details: { recent } });
  }
  const [count, escrowedNex] = await guarded(() =>
    Promise.all([readMeshCounts(b).then((c) => c.requests), b.mesh.escrowed(b.nex.target as string)]),
  );
  let ids: bigint[];
  if (options.requestIds) {
    if (options.requestIds.length > 500) {
      throw new InvalidArgumentError("at most 500 request ids at a time", {
        details: { ids: options.requestIds.length },
      });
    }
    ids = [...options.requestIds];
  } else {
    ids = [];
    for (let id = count; id >= 1n && ids.length < recent; id--) ids.push(id);
  }
  const requests = await Promise.all(ids.map((id) => readMeshRequest(b, id)));
  const open = requests.filter((r) => r.state === "Open");
  return {
    requests,
    open: open.length,
    demand: open.reduce((s, r) => s + r.remaining, 0n),
    escrowedNex,
  };
}

/**
 * The loans `bank` borrowed (LoanOpened events with it as borrower, over `range`) with their states, and the stake
 * its open ones put at risk (`stakeAtRisk` of the core mirror, capped by its bonded stake).
 */
export async function readMeshBankLoans(
  b: Mesh,
  bank: string,
  range: StreamOptions = {},
  role: "borrower" | "lender" = "borrower",
): Promise<{ loans: MeshLoan[]; stake: bigint; stakeAtRisk: bigint }> {
  const who = parseAddress(bank, "bank");
  const filter =
    role === "borrower"
      ? b.mesh.filters.LoanOpened(undefined, who)
      : b.mesh.filters.LoanOpened(undefined, undefined, who);
  const ids: bigint[] = [];
  for await (const ev of streamEvents(b.mesh as unknown as VotesToken, filter as never, range)) {
    ids.push((ev as EventLog).args.loanId as bigint);
  }
  const [loans, stake] = await Promise.all([
    Promise.all(ids.map((id) => readMeshLoan(b, id))),
    guarded(() => b.mesh.stakeOf(who)),
  ]);
  const open = loans.filter((l) => l.state === "Active" || l.state === "Overdue");
  return { loans, stake, stakeAtRisk: stakeAtRisk(open, stake) };
}
