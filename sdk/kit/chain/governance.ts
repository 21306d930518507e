/**
 * Governance and treasury readers: proposals (state, votes, eta, type, rules), the on-chain proposal list, the
 * electorate as governance UIs read it (`token()`), vote sources, type configs, the treasury's balances, budgets
 * and grants, all returned as plain entities with bigints.
 */
import { Contract, keccak256, ZeroAddress, type EventLog, type Provider } from "ethers";
import { InvalidArgumentError } from "../core/errors";
import { parseAddress } from "../core/units";
import type { EconomyGovernor, Treasury } from "./contracts";
import { toKitError } from "./decoder";
import { streamEvents, type StreamOptions } from "./events";

/** Names of `IEconomyGovernor.ProposalType`, by enum value. */
export const PROPOSAL_TYPES = ["TechnicalUpgrade", "EconomicParameter", "TreasurySpending", "EmergencyAction"] as const;
/** A proposal type name. */
export type ProposalTypeName = (typeof PROPOSAL_TYPES)[number];

/** Names of OpenZeppelin's `IGovernor.ProposalState`, by enum value. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;
/** A proposal state name. */
export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

/** Vote support values of `castVote` (GovernorCountingSimple). */
export const VOTE_SUPPORT = { against: 0, for: 1, abstain: 2 } as const;

async function read<T>(contract: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw toKitError(e, contract);
  }
}

/**
 * Resolves a proposal type given as a name (case-insensitive, `"economic-parameter"` or `"EconomicParameter"`,
 * or the short `"technical" | "economic" | "treasury" | "emergency"`) or as its enum value (`0`..`3`).
 * Throws {@link InvalidArgumentError} for anything else.
 *
 * @example
 * parseProposalType("economic"); // 1
 * parseProposalType(3); // 3
 */
export function parseProposalType(value: string | number | bigint): number {
  if (typeof value === "number" || typeof value === "bigint") {
    const n = Number(value);
    if (Number.isInteger(n) && n >= 0 && n < PROPOSAL_TYPES.length) return n;
  } else if (typeof value === "string") {
    const norm = value.replace(/[-_\s]/g, "").toLowerCase();
    if (/^\d$/.test(norm)) return parseProposalType(Number(norm));
    const i = PROPOSAL_TYPES.findIndex((t) => t.toLowerCase() === norm || t.toLowerCase().startsWith(norm));
    if (norm.length >= 4 && i >= 0) return i;
  }
  throw new InvalidArgumentError(
    `unknown proposal type "${String(value)}" (known: ${PROPOSAL_TYPES.join(", ")}, or 0..${PROPOSAL_TYPES.length - 1})`,
    { details: { value: String(value) } },
  );
}

/**
 * Resolves a vote given as `for | against | abstain` (case-insensitive) or `0 | 1 | 2`.
 *
 * @example
 * parseSupport("for"); // 1
 */
export function parseSupport(value: string | number): number {
  const s = String(value).trim().toLowerCase();
  if (s in VOTE_SUPPORT) return VOTE_SUPPORT[s as keyof typeof VOTE_SUPPORT];
  if (/^[012]$/.test(s)) return Number(s);
  throw new InvalidArgumentError(`a vote is for, against or abstain (or 1, 0, 2), not "${String(value)}"`, {
    details: { value: String(value) },
  });
}

/**
 * Parses a proposal id (a decimal uint256, as printed by `gov list`, or 0x-hex).
 *
 * @example
 * parseProposalId("1234"); // 1234n
 */
export function parseProposalId(value: string | bigint): bigint {
  if (typeof value === "bigint") {
    if (value < 0n || value >= 1n << 256n) throw new InvalidArgumentError("a proposal id is a uint256");
    return value;
  }
  if (!/^(\d+|0x[0-9a-fA-F]{1,64})$/.test(value)) {
    throw new InvalidArgumentError(`not a proposal id: "${value}" (a decimal or 0x-hex uint256)`, {
      details: { value },
    });
  }
  return parseProposalId(BigInt(value));
}

/** Everything about one proposal. */
export interface ProposalInfo {
  readonly id: bigint;
  /** `ProposalState` value and name. */
  readonly state: number;
  readonly stateName: ProposalStateName;
  /** `ProposalType` value and name. */
  readonly type: number;
  readonly typeName: ProposalTypeName;
  readonly proposer: string;
  /** Votes are counted at this timestamp (unix seconds); voting opens after it. */
  readonly snapshot: bigint;
  /** Voting closes after this timestamp (unix seconds). */
  readonly deadline: bigint;
  /** When the queued proposal can execute (unix seconds; 0 until queued). */
  readonly eta: bigint;
  /** Weighted votes (wei of weighted QUIV). */
  readonly votes: { readonly against: bigint; readonly for: bigint; readonly abstain: bigint };
  /**
   * The quorum this proposal needs (its type's, at its snapshot; `null` while Pending, since the snapshot's
   * supply is not known yet) and the votes counted towards it.
   */
  readonly quorum: bigint | null;
  readonly quorumVotes: bigint;
  /**
   * It succeeds if `for * 10000 > approvalBps * (for + against)`: 5000 (for > against, OpenZeppelin's rule) for a
   * plain `propose`, its type's approval at its snapshot for a `proposeWithType` proposal.
   */
  readonly approvalBps: bigint;
}

/**
 * State, type, timing and votes of a proposal; an unknown id throws `ContractRevertError`
 * (`GovernorNonexistentProposal`).
 *
 * @example
 * const p = await readProposal(governor, id);
 * console.log(p.stateName, formatAmount(p.votes.for), formatAmount(p.quorum));
 */
export async function readProposal(governor: EconomyGovernor, proposalId: bigint): Promise<ProposalInfo> {
  const id = parseProposalId(proposalId);
  return read("EconomyGovernor", async () => {
    const [state, snapshotAt, clock] = (
      await Promise.all([governor.state(id), governor.proposalSnapshot(id), governor.clock()])
    ) // state reverts for an unknown id
      .map(Number);
    // Before the snapshot (Pending, or Canceled while Pending) the quorum is not known yet.
    const pending = PROPOSAL_STATES[state] === "Pending" || clock <= snapshotAt;
    const [type, proposer, snapshot, deadline, eta, votes, quorum, quorumVotes, approvalBps] = await Promise.all([
      governor.proposalType(id),
      governor.proposalProposer(id),
      governor.proposalSnapshot(id),
      governor.proposalDeadline(id),
      governor.proposalEta(id),
      governor.proposalVotes(id),
      pending ? Promise.resolve(null) : governor.proposalQuorum(id), // reverts ERC5805FutureLookup before the snapshot
      governor.quorumVotes(id),
      governor.proposalApprovalBps(id),
    ]);
    const t = Number(type);
    return {
      id,
      state,
      stateName: PROPOSAL_STATES[state],
      type: t,
      typeName: PROPOSAL_TYPES[t],
      proposer,
      snapshot,
      deadline,
      eta,
      votes: { against: votes[0], for: votes[1], abstain: votes[2] },
      quorum,
      quorumVotes,
      approvalBps,
    };
  });
}

/** What {@link predictOutcome} needs: a proposal's tallies and rules (a {@link ProposalInfo} fits). */
export interface OutcomeInput {
  readonly votes: { readonly against: bigint; readonly for: bigint; readonly abstain: bigint };
  /** Votes counted towards quorum (`quorumVotes(id)`); defaults to for + abstain (linear counting). */
  readonly quorumVotes?: bigint;
  readonly quorum: bigint;
  readonly approvalBps: bigint;
}

/**
 * The outcome a closed vote gives, by the governor's rule: quorum reached (`quorum <= quorumVotes`) and
 * `for * 10000 > approvalBps * (for + against)`. Pure: what a UI shows before `state()` moves past Active, and what
 * `state()` returns (Succeeded or Defeated) once the deadline has passed.
 *
 * @example
 * predictOutcome(await readProposal(governor, id)); // "Succeeded"
 */
export function predictOutcome(p: OutcomeInput): "Succeeded" | "Defeated" {
  const turnout = p.quorumVotes ?? p.votes.for + p.votes.abstain;
  const approved = p.votes.for * 10_000n > p.approvalBps * (p.votes.for + p.votes.against);
  return p.quorum <= turnout && approved ? "Succeeded" : "Defeated";
}

/** One entry of the governor's on-chain proposal list (`proposalDetailsAt`). */
export interface ProposalSummary {
  /** Creation index (0-based). */
  readonly index: bigint;
  readonly id: bigint;
  readonly proposer: string;
  /** `ProposalType` value and name (TechnicalUpgrade for a plain `propose`, whose timelock delay it takes). */
  readonly type: number;
  readonly typeName: ProposalTypeName;
  /** True for `proposeWithType` (its type's quorum and approval apply); false for a plain `propose` (OZ's rules). */
  readonly typed: boolean;
  /** Unix seconds. */
  readonly snapshot: bigint;
  readonly deadline: bigint;
  /** Votes (for + abstain) it needs; `null` while Pending (the snapshot's supply is not known yet). */
  readonly quorum: bigint | null;
  /** Approval threshold (bps), see {@link ProposalInfo.approvalBps}. */
  readonly approvalBps: bigint;
  readonly stateName: ProposalStateName;
}

/**
 * Number of proposals ever created (cancelled and defeated ones included).
 *
 * @example
 * await readProposalCount(governor); // 3n
 */
export async function readProposalCount(governor: EconomyGovernor): Promise<bigint> {
  return read("EconomyGovernor", () => governor.proposalCount());
}

/**
 * The proposal created `index`-th, with its rules and state, from the governor's own list (no event scan).
 * An index past the end throws `ContractRevertError` (`EconomyGovernorProposalIndexOutOfRange`).
 *
 * @example
 * const first = await readProposalAt(governor, 0n);
 * console.log(first.typeName, first.typed ? "typed rules" : "OZ rules", first.stateName);
 */
export async function readProposalAt(governor: EconomyGovernor, index: bigint): Promise<ProposalSummary> {
  if (typeof index !== "bigint" || index < 0n) throw new InvalidArgumentError("a proposal index is a uint256");
  return read("EconomyGovernor", async () => {
    const d = await governor.proposalDetailsAt(index);
    const state = Number(await governor.state(d.proposalId));
    const type = Number(d.proposalType);
    return {
      index,
      id: d.proposalId,
      proposer: d.proposer,
      type,
      typeName: PROPOSAL_TYPES[type],
      typed: d.typed,
      snapshot: d.snapshot,
      deadline: d.deadline,
      quorum: PROPOSAL_STATES[state] === "Pending" ? null : d.quorum,
      approvalBps: d.approvalBps,
      stateName: PROPOSAL_STATES[state],
    };
  });
}

/**
 * A page of the on-chain proposal list, newest first by default: at most `limit` (default 20, at most 100)
 * entries from creation index `start` going back (`newestFirst`, default) or forward. Bounded reads, no event
 * scan: what a dashboard needs for "recent proposals".
 *
 * @example
 * for (const p of await readProposalPage(governor)) console.log(p.index, p.typeName, p.stateName);
 */
export async function readProposalPage(
  governor: EconomyGovernor,
  options: { start?: bigint; limit?: number; newestFirst?: boolean } = {},
): Promise<ProposalSummary[]> {
  const limit = options.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new InvalidArgumentError(`a page holds 1 to 100 proposals, not ${String(limit)}`, {
      details: { limit: String(limit) },
    });
  }
  const count = await readProposalCount(governor);
  const newestFirst = options.newestFirst ?? true;
  const start = options.start ?? (newestFirst ? count - 1n : 0n);
  const indexes: bigint[] = [];
  for (let i = start, n = 0; n < limit && i >= 0n && i < count; n++, i += newestFirst ? -1n : 1n) indexes.push(i);
  return Promise.all(indexes.map((i) => readProposalAt(governor, i)));
}

/**
 * The state of a proposal, as a name.
 *
 * @example
 * await proposalState(governor, id); // "Active"
 */
export async function proposalState(governor: EconomyGovernor, proposalId: bigint): Promise<ProposalStateName> {
  const id = parseProposalId(proposalId);
  return read("EconomyGovernor", async () => PROPOSAL_STATES[Number(await governor.state(id))]);
}

/** A proposal as created: its actions and description (from `ProposalCreated`), with its current state. */
export interface ProposalRecord {
  readonly id: bigint;
  readonly proposer: string;
  readonly targets: readonly string[];
  readonly values: readonly bigint[];
  readonly calldatas: readonly string[];
  readonly description: string;
  readonly type: number;
  readonly typeName: ProposalTypeName;
  readonly stateName: ProposalStateName;
  readonly voteStart: bigint;
  readonly voteEnd: bigint;
  readonly blockNumber: number;
  readonly transactionHash: string;
}

/**
 * Every proposal created in the governor (chunked `ProposalCreated` queries), oldest first, with its type
 * and current state. `queue`/`execute` need the actions and description: take them from here.
 *
 * @example
 * for (const p of await readProposals(governor)) console.log(p.id, p.stateName, p.description);
 */
export async function readProposals(governor: EconomyGovernor, options: StreamOptions = {}): Promise<ProposalRecord[]> {
  const out: ProposalRecord[] = [];
  const filter = governor.filters.ProposalCreated();
  for await (const log of streamEvents(governor as never, filter as never, options)) {
    const ev = log as EventLog;
    const a = ev.args;
    const id = a.proposalId as bigint;
    const [type, state] = await read("EconomyGovernor", () =>
      Promise.all([governor.proposalType(id), governor.state(id)]),
    );
    out.push({
      id,
      proposer: a.proposer as string,
      targets: [...(a.targets as string[])],
      values: [...(a[3] as bigint[])], // `values` collides with Result.values()
      calldatas: [...(a.calldatas as string[])],
      description: a.description as string,
      type: Number(type),
      typeName: PROPOSAL_TYPES[Number(type)],
      stateName: PROPOSAL_STATES[Number(state)],
      voteStart: a.voteStart as bigint,
      voteEnd: a.voteEnd as bigint,
      blockNumber: ev.blockNumber,
      transactionHash: ev.transactionHash,
    });
  }
  return out;
}

/**
 * One proposal's creation record (actions and description), found by id in the `ProposalCreated` events.
 * Throws {@link InvalidArgumentError} when no such proposal was created in the scanned range.
 *
 * @example
 * const p = await findProposal(governor, id);
 * await send(wallet, buildQueue(governorAddress, p));
 */
export async function findProposal(
  governor: EconomyGovernor,
  proposalId: bigint,
  options: StreamOptions = {},
): Promise<ProposalRecord> {
  const id = parseProposalId(proposalId);
  const found = (await readProposals(governor, options)).find((p) => p.id === id);
  if (!found) throw new InvalidArgumentError(`no proposal ${id} was created in this governor`, { details: { id } });
  return found;
}

/** A source of voting power. */
export interface VoteSourceInfo {
  readonly token: string;
  /** Multiplier in bps (10,000 = 1x); 0 = disabled. */
  readonly weightBps: bigint;
  /** True if the token's supply is the first source's token held by its contract (staked QUIV): counted once in the
   * quorum base, at this weight. */
  readonly wrapsFirst: boolean;
}

/**
 * The governor's vote sources (QUIV at 1x and staked QUIV at 1.5x in the QUIVer preset).
 *
 * @example
 * (await readVoteSources(governor)).map((s) => s.weightBps); // [10_000n, 15_000n]
 */
export async function readVoteSources(governor: EconomyGovernor): Promise<VoteSourceInfo[]> {
  const sources = await read("EconomyGovernor", () => governor.voteSources());
  return sources.map((s) => ({ token: s.token, weightBps: s.weightBps, wrapsFirst: s.wrapsFirst }));
}

/** The governor's `token()`: the ERC-5805 view of its weighted electorate, as governance UIs see it. */
export interface ElectorateInfo {
  /** Address of the EconomyVotes view (`governor.token()`). */
  readonly token: string;
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
  /** `"mode=timestamp"`: timepoints are unix seconds. */
  readonly clockMode: string;
  /** Where the power comes from (delegation happens in each source, not in the view). */
  readonly sources: readonly VoteSourceInfo[];
}

/** One account's voting power as the governor counts it, per source and in total. */
export interface VotingPowerInfo {
  readonly account: string;
  /** The timepoint read (unix seconds), or `null` for the current power. */
  readonly timepoint: bigint | null;
  /** Weighted votes: `token().getPastVotes` (or `getVotes` now), equal to `governor.getVotes` (wei). */
  readonly votes: bigint;
  /** Each source's delegated votes of the account (unweighted wei) with its weight then. */
  readonly bySource: readonly { readonly token: string; readonly weightBps: bigint; readonly votes: bigint }[];
}

const VOTES_VIEW_ABI = [
  "function name() view returns (string)",
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function CLOCK_MODE() view returns (string)",
  "function getVotes(address) view returns (uint256)",
  "function getPastVotes(address, uint256) view returns (uint256)",
] as const;

/** A read-only handle on an ERC-5805 token (the governor's EconomyVotes view or a vote source). */
function votesView(address: string, governor: EconomyGovernor): Contract {
  return new Contract(address, VOTES_VIEW_ABI, governor.runner);
}

/**
 * The electorate a governance UI sees through `governor.token()`: the view's address, display metadata, clock and
 * the vote sources behind it.
 *
 * @example
 * const e = await readElectorate(governor);
 * console.log(`${e.symbol} at ${e.token}: ${e.sources.length} sources`); // "vQUIV at 0x…: 2 sources"
 */
export async function readElectorate(governor: EconomyGovernor): Promise<ElectorateInfo> {
  return read("EconomyGovernor", async () => {
    const token = await governor.token();
    const view = votesView(token, governor);
    const [name, symbol, decimals, clockMode, sources] = await Promise.all([
      view.name() as Promise<string>,
      view.symbol() as Promise<string>,
      view.decimals() as Promise<bigint>,
      view.CLOCK_MODE() as Promise<string>,
      readVoteSources(governor),
    ]);
    return { token, name, symbol, decimals: Number(decimals), clockMode, sources };
  });
}

/**
 * An account's weighted voting power now (`timepoint` omitted) or at a past `timepoint` (unix seconds), with the
 * per-source votes behind it: what `token().getVotes` / `getPastVotes` and `governor.getVotes` report.
 *
 * @example
 * const p = await readVotingPower(governor, staker);
 * p.votes; // 30_000n * 10n ** 18n for 20,000 staked QUIV at 1.5x
 */
export async function readVotingPower(
  governor: EconomyGovernor,
  account: string,
  timepoint?: bigint,
): Promise<VotingPowerInfo> {
  const who = parseAddress(account, "account");
  return read("EconomyGovernor", async () => {
    const view = votesView(await governor.token(), governor);
    const sources = await governor.voteSources();
    const [votes, bySource] = await Promise.all([
      (timepoint === undefined ? view.getVotes(who) : view.getPastVotes(who, timepoint)) as Promise<bigint>,
      Promise.all(
        sources.map(async (s) => {
          const src = votesView(s.token, governor);
          const [v, weightBps] = await Promise.all([
            (timepoint === undefined ? src.getVotes(who) : src.getPastVotes(who, timepoint)) as Promise<bigint>,
            timepoint === undefined ? Promise.resolve(s.weightBps) : governor.sourceWeightAt(s.token, timepoint),
          ]);
          return { token: s.token, weightBps: BigInt(weightBps), votes: v };
        }),
      ),
    ]);
    return { account: who, timepoint: timepoint ?? null, votes, bySource };
  });
}

/** Requirements of one proposal type. */
export interface TypeConfigInfo {
  readonly type: number;
  readonly typeName: ProposalTypeName;
  /** Quorum as a share of the weighted past total supply (bps). */
  readonly quorumBps: bigint;
  /** Share of for-votes among for + against that must be exceeded (bps). */
  readonly approvalBps: bigint;
  /** Minimum timelock delay (seconds). */
  readonly minDelay: bigint;
}

/**
 * The current requirements of every proposal type.
 *
 * @example
 * const [technical, economic] = await readTypeConfigs(governor);
 * economic.minDelay; // 172_800n (2 days)
 */
export async function readTypeConfigs(governor: EconomyGovernor): Promise<TypeConfigInfo[]> {
  return read("EconomyGovernor", () =>
    Promise.all(
      PROPOSAL_TYPES.map(async (typeName, type) => {
        const c = await governor.typeConfig(type);
        return { type, typeName, quorumBps: c.quorumBps, approvalBps: c.approvalBps, minDelay: c.minDelay };
      }),
    ),
  );
}

/** Governor-wide settings. */
export interface GovernorSettingsInfo {
  readonly address: string;
  readonly name: string;
  /** Seconds from proposal to snapshot. */
  readonly votingDelay: bigint;
  /** Seconds of voting. */
  readonly votingPeriod: bigint;
  /** Weighted votes needed to propose (wei). */
  readonly proposalThreshold: bigint;
  /** Unix seconds until which propose/queue are paused (past = not paused). */
  readonly pausedUntil: bigint;
  readonly quadratic: boolean;
  readonly timelock: string;
}

/**
 * Governor-wide settings.
 *
 * @example
 * (await readGovernorSettings(governor)).proposalThreshold; // 100_000n * 10n ** 18n
 */
export async function readGovernorSettings(governor: EconomyGovernor): Promise<GovernorSettingsInfo> {
  return read("EconomyGovernor", async () => {
    const [address, name, votingDelay, votingPeriod, proposalThreshold, pausedUntil, quadratic, timelock] =
      await Promise.all([
        governor.getAddress(),
        governor.name(),
        governor.votingDelay(),
        governor.votingPeriod(),
        governor.proposalThreshold(),
        governor.pausedUntil(),
        governor.quadratic(),
        governor.timelock(),
      ]);
    return { address, name, votingDelay, votingPeriod, proposalThreshold, pausedUntil, quadratic, timelock };
  });
}

/** The treasury's position in one asset. */
export interface TreasuryAssetInfo {
  /** The asset (`ZeroAddress` = ETH). */
  readonly token: string;
  /** Held (wei). */
  readonly balance: bigint;
  /** Reserved for grants (wei). */
  readonly reserved: bigint;
  /** `balance - reserved` (wei). */
  readonly spendable: bigint;
  /** Council budget per rolling window of `budgetPeriod` seconds (wei). */
  readonly budget: bigint;
  /** Council budget left now: the budget minus the spending still in the rolling window (wei). */
  readonly remainingBudget: bigint;
  /** Budget period (seconds). */
  readonly budgetPeriod: bigint;
}

/**
 * Balance, grant reserve, spendable amount and council budget of one asset (`ZeroAddress` for ETH).
 *
 * @example
 * const q = await readTreasuryAsset(treasury, quivAddress);
 * formatAmount(q.spendable);
 */
export async function readTreasuryAsset(treasury: Treasury, token: string = ZeroAddress): Promise<TreasuryAssetInfo> {
  const asset = token === ZeroAddress ? ZeroAddress : parseAddress(token, "token");
  return read("Treasury", async () => {
    const [balance, reserved, spendable, budget, remainingBudget, budgetPeriod] = await Promise.all([
      treasury.balance(asset),
      treasury.reserved(asset),
      treasury.spendable(asset),
      treasury.budget(asset),
      treasury.remainingBudget(asset),
      treasury.budgetPeriod(),
    ]);
    return { token: asset, balance, reserved, spendable, budget, remainingBudget, budgetPeriod };
  });
}

/** A treasury grant stream with what is claimable now. */
export interface GrantInfo {
  readonly id: bigint;
  readonly grantee: string;
  /** Asset (`ZeroAddress` = ETH). */
  readonly token: string;
  /** Total (wei; after a revocation, the vested part). */
  readonly amount: bigint;
  readonly claimed: bigint;
  /** Vested and not claimed, now (wei). */
  readonly claimable: bigint;
  /** Unix seconds. */
  readonly start: bigint;
  readonly cliff: bigint;
  /** Seconds from start to fully vested. */
  readonly duration: bigint;
  readonly revoked: boolean;
}

/**
 * A grant and what its grantee can claim now; an unknown id throws `ContractRevertError` (`TreasuryUnknownGrant`).
 *
 * @example
 * const g = await readGrant(treasury, 0n);
 * if (g.claimable > 0n) await send(grantee, buildClaimGrant(treasuryAddress, 0n));
 */
export async function readGrant(treasury: Treasury, grantId: bigint): Promise<GrantInfo> {
  if (typeof grantId !== "bigint" || grantId < 0n) throw new InvalidArgumentError("a grant id is a uint256");
  return read("Treasury", async () => {
    const [g, claimable] = await Promise.all([treasury.grant(grantId), treasury.claimable(grantId)]);
    return {
      id: grantId,
      grantee: g.grantee,
      token: g.token,
      amount: g.amount,
      claimed: g.claimed,
      claimable,
      start: g.start,
      cliff: g.cliff,
      duration: g.duration,
      revoked: g.revoked,
    };
  });
}

/** What a proposal target's code can do, for voters (SECURITY-CHECKLIST GOV-10). */
export interface TargetInspection {
  readonly target: string;
  /** `keccak256` of the runtime code now (compare before execution: a changed hash means changed code). */
  readonly codeHash: string;
  /** False for an EOA or an empty address (a call there does nothing but move ETH). */
  readonly hasCode: boolean;
  /** The code contains a DELEGATECALL (0xf4) or SELFDESTRUCT (0xff) opcode (PUSH data skipped). */
  readonly delegatecall: boolean;
  readonly selfdestruct: boolean;
}

/**
 * The opcodes of EVM bytecode that matter to a voter, walking instructions (PUSH1..PUSH32 data is skipped, so
 * constants are not mistaken for opcodes; the trailing metadata may still give a false positive).
 *
 * @example
 * scanOpcodes("0x60f4f4"); // { delegatecall: true, selfdestruct: false } (the first 0xf4 is PUSH1 data)
 */
export function scanOpcodes(code: string): { delegatecall: boolean; selfdestruct: boolean } {
  const bytes = Buffer.from(code.replace(/^0x/, ""), "hex");
  let delegatecall = false;
  let selfdestruct = false;
  for (let i = 0; i < bytes.length; i++) {
    const op = bytes[i];
    if (op >= 0x60 && op <= 0x7f) i += op - 0x5f;
    else if (op === 0xf4) delegatecall = true;
    else if (op === 0xff) selfdestruct = true;
  }
  return { delegatecall, selfdestruct };
}

/**
 * Inspects the targets of a proposal: code hash, whether there is code, and DELEGATECALL / SELFDESTRUCT opcodes
 * (a target that can delegatecall or self-destruct can change what the proposal does after the vote).
 *
 * @example
 * for (const t of await inspectTargets(provider, record.targets)) if (!t.hasCode) console.warn(`${t.target}: no code`);
 */
export async function inspectTargets(provider: Provider, targets: readonly string[]): Promise<TargetInspection[]> {
  return Promise.all(
    [...new Set(targets.map((t) => parseAddress(t, "target")))].map(async (target) => {
      const code = await provider.getCode(target);
      return { target, codeHash: keccak256(code), hasCode: code !== "0x", ...scanOpcodes(code) };
    }),
  );
}
