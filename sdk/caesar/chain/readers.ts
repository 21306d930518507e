/**
 * CAESAR readers: balances with the demurrage of today applied (the token's `balanceOf` already is), a projection
 * at a future day with the core mirror, transfer quotes, agents and the distributor's epochs, as plain entities with
 * bigints. Every revert is decoded ({@link toKitError}).
 */
import { toKitError } from "../../kit/chain/decoder";
import { parseAddress } from "../../kit/core/units";
import { smallIntArg } from "../../kit/core/args";
import { balanceAfterDays, DAY_SECONDS } from "../core/demurrage";
import { parameterKey } from "../core/parameters";
import type { ParameterRegistry } from "../../kit/chain/contracts";
import type { CaesarAgents, CaesarFeeDistributor, CaesarProcessor, CaesarToken } from "./contracts";
import { connectCaesar } from "./contracts";
import type { Provider } from "ethers";
import type { AddressBook } from "../../kit/chain/addressBook";
import { formatAmount } from "../../kit/core/units";
import type { PresetStatus } from "../../kit/preset";

async function read<T>(contract: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw toKitError(e, contract);
  }
}

/** Account kinds of CaesarToken, by their enum value. */
export const ACCOUNT_KINDS = ["Decaying", "Exempt", "Pool", "FeeFree"] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** A CAESAR balance now and, for a decaying account, at a later day (unix seconds, no transfer in between). */
export interface CaesarBalance {
  readonly account: string;
  readonly kind: AccountKind;
  /** Wei now (today's decay applied). */
  readonly balance: bigint;
  /** Base units (the stored share of the decaying supply; the balance itself for non-decaying kinds). */
  readonly base: bigint;
  /** The token's day now (days since genesis). */
  readonly day: bigint;
  /** The day of `at` and the balance then, when asked. */
  readonly atDay?: bigint;
  readonly balanceAt?: bigint;
}

/**
 * `account`'s CAESAR balance (and, with `at` in unix seconds, what it will be worth on that day if it does not move:
 * the core mirror `balanceAfterDays` at the registry's current demurrage rate).
 *
 * @example
 * await readBalance(caesar, registry, alice, BigInt(Date.parse("2027-01-01") / 1000));
 */
export async function readBalance(
  caesar: CaesarToken,
  registry: ParameterRegistry,
  account: string,
  at?: bigint,
): Promise<CaesarBalance> {
  const who = parseAddress(account, "account");
  const [balance, base, kindN, day, genesis] = await read("CaesarToken", () =>
    Promise.all([caesar.balanceOf(who), caesar.baseOf(who), caesar.kindOf(who), caesar.today(), caesar.genesisTime()]),
  );
  const kind = ACCOUNT_KINDS[Number(kindN)];
  if (at === undefined) return { account: who, kind, balance, base, day };
  const atDay = at <= genesis ? 0n : (at - genesis) / DAY_SECONDS;
  const days = atDay > day ? atDay - day : 0n;
  const decays = kind === "Decaying" || kind === "FeeFree" || kind === "Pool";
  const rate = await read("ParameterRegistry", () => registry.get(parameterKey("caesar.token.demurrageBps")));
  return {
    account: who,
    kind,
    balance,
    base,
    day,
    atDay,
    balanceAt: decays ? balanceAfterDays(balance, days, rate) : balance,
  };
}

/** What a transfer of `amount` from `from` to `to` costs in this block (the token's `quoteTransfer`). */
export interface TransferQuote {
  readonly from: string;
  readonly to: string;
  readonly amount: bigint;
  readonly fee: bigint;
  readonly penalty: bigint;
  /** The demurrage `from` settles by moving (the decay since its last touch). */
  readonly demurrage: bigint;
  /** Wei `to` receives. */
  readonly net: bigint;
}

/**
 * The token's quote of a transfer: fee, rapid-trade penalty, settled demurrage and the net amount received,
 * exactly what a transfer in the same block does.
 *
 * @example
 * const q = await quoteTransfer(caesar, alice, bob, parseAmount("100")); // q.net
 */
export async function quoteTransfer(
  caesar: CaesarToken,
  from: string,
  to: string,
  amount: bigint,
): Promise<TransferQuote> {
  const f = parseAddress(from, "from");
  const t = parseAddress(to, "to");
  const q = await read("CaesarToken", () => caesar.quoteTransfer(f, t, amount));
  return quoteOf(f, t, amount, q);
}

/** The token's Quote as a {@link TransferQuote}. */
function quoteOf(
  from: string,
  to: string,
  amount: bigint,
  q: { fee: bigint; penalty: bigint; demurrage: bigint; net: bigint },
): TransferQuote {
  return { from, to, amount, fee: q.fee, penalty: q.penalty, demurrage: q.demurrage, net: q.net };
}

/** A relayed transfer's quote: {@link TransferQuote} at the regional factor the processor applies. */
export interface RelayedQuote extends TransferQuote {
  readonly payerRegion: number;
  readonly agentRegion: number;
  /** The modifier of the payer's region seen from the agent's (bps of 1.0; 10,000 without a matrix). */
  readonly regionalBps: bigint;
}

/**
 * What relaying `from`'s authorization (region `payerRegion`) by an agent in `agentRegion` costs in this block: the
 * processor's `regionalModifier` and the token's `quoteAuthorized` at it, exactly what `process` charges then. A
 * payer that does not know the relaying agent bounds any relay with `maxFee` = twice the neutral fee
 * ({@link quoteTransfer}) plus the penalty: the modifier is at most 2.0.
 *
 * @example
 * const q = await quoteRelayed(c.caesar, c.processor, alice, bob, parseAmount("100"), 1, 2); // q.fee, q.regionalBps
 */
export async function quoteRelayed(
  caesar: CaesarToken,
  processor: CaesarProcessor,
  from: string,
  to: string,
  amount: bigint,
  payerRegion: number,
  agentRegion: number,
): Promise<RelayedQuote> {
  const f = parseAddress(from, "from");
  const t = parseAddress(to, "to");
  const pr = smallIntArg(payerRegion, "payer region", 0, 0xffff);
  const ar = smallIntArg(agentRegion, "agent region", 0, 0xffff);
  const m = await read("CaesarProcessor", () => processor.regionalModifier(pr, ar));
  const q = await read("CaesarToken", () => caesar.quoteAuthorized(f, t, amount, m));
  return { ...quoteOf(f, t, amount, q), payerRegion: pr, agentRegion: ar, regionalBps: m };
}

/** A processing agent as the registry sees it. */
export interface AgentInfo {
  readonly agent: string;
  readonly registered: boolean;
  /** Registered with at least the minimum stake: may relay. */
  readonly active: boolean;
  readonly region: number;
  readonly endpoint: string;
  readonly bondedBase: bigint;
  /** The bonded stake's wei value today (it decays like any balance). */
  readonly bondedWei: bigint;
  readonly unbondings: readonly { readonly index: number; readonly base: bigint; readonly unlockAt: bigint }[];
}

/**
 * An agent's registration, stake and pending unbondings.
 *
 * @example
 * (await readAgent(agents, me)).active;
 */
export async function readAgent(agents: CaesarAgents, agent: string): Promise<AgentInfo> {
  const who = parseAddress(agent, "agent");
  const [info, active, unbondings] = await read("CaesarAgents", () =>
    Promise.all([agents.agentOf(who), agents.activeAgent(who), agents.unbondingsOf(who)]),
  );
  return {
    agent: who,
    registered: info.registered,
    active: active.active,
    region: Number(info.region),
    endpoint: info.endpoint,
    bondedBase: info.bondedBase,
    bondedWei: info.bondedWei,
    unbondings: unbondings.map((u, index) => ({ index, base: u.shares, unlockAt: u.unlockAt })),
  };
}

/** One distributor epoch. */
export interface EpochInfo {
  readonly epoch: bigint;
  /** Epoch length (seconds). */
  readonly length: bigint;
  /** When claims of this epoch open (its end plus the report window). */
  readonly claimOpensAt: bigint;
  /** The agents' 70% leg credited to this epoch so far (wei). */
  readonly pot: bigint;
  readonly paid: bigint;
  readonly weighted: bigint;
  readonly rewarded: bigint;
  readonly claimed: bigint;
  readonly frozen: boolean;
  readonly swept: boolean;
}

/**
 * The distributor's epoch `epoch` (default: the current one).
 *
 * @example
 * const e = await readEpoch(distributor); // e.pot
 */
export async function readEpoch(distributor: CaesarFeeDistributor, epoch?: bigint): Promise<EpochInfo> {
  return read("CaesarFeeDistributor", async () => {
    const [current, length] = await Promise.all([distributor.currentEpoch(), distributor.epochLength()]);
    const n = epoch ?? current;
    const [e, opens] = await Promise.all([distributor.epochOf(n), distributor.claimOpensAt(n)]);
    return {
      epoch: n,
      length,
      claimOpensAt: opens,
      pot: e.pot,
      paid: e.paid,
      weighted: e.weighted,
      rewarded: e.rewarded,
      claimed: e.claimed,
      frozen: e.frozen,
      swept: e.swept,
    };
  });
}

/** An agent's points and claimable reward in one epoch. */
export interface AgentEpochInfo {
  readonly agent: string;
  readonly epoch: bigint;
  readonly points: bigint;
  readonly accuracyBps: bigint;
  readonly reported: boolean;
  /** At the epoch's current totals; payable once claims open. */
  readonly claimable: bigint;
  readonly claimOpensAt: bigint;
}

/**
 * `agent`'s points and claimable reward in `epoch`.
 *
 * @example
 * (await readClaimable(distributor, me, 3n)).claimable;
 */
export async function readClaimable(
  distributor: CaesarFeeDistributor,
  agent: string,
  epoch: bigint,
): Promise<AgentEpochInfo> {
  const who = parseAddress(agent, "agent");
  return read("CaesarFeeDistributor", async () => {
    const [ae, claimable, opens] = await Promise.all([
      distributor.agentEpochOf(who, epoch),
      distributor.claimable(who, epoch),
      distributor.claimOpensAt(epoch),
    ]);
    return {
      agent: who,
      epoch,
      points: ae.points,
      accuracyBps: ae.accuracyBps,
      reported: ae.reported,
      claimable,
      claimOpensAt: opens,
    };
  });
}

/** Whether `owner`'s authorization nonce is used (or invalidated) on the processor. */
export async function readNonceUsed(processor: CaesarProcessor, owner: string, nonce: bigint): Promise<boolean> {
  return read("CaesarProcessor", () => processor.nonceUsed(parseAddress(owner, "owner"), nonce));
}

/**
 * `kit status` and `kit caesar status` for CAESAR: supply, accrued demurrage, the distributor's epoch and pot, the agents count.
 *
 * @example
 * const { data, lines } = await caesarStatus(book, provider); // data.accrued: demurrage not yet settled
 */
export async function caesarStatus(book: AddressBook, provider: Provider): Promise<PresetStatus> {
  const c = connectCaesar(book, provider);
  let supply: bigint;
  let accrued: bigint;
  let agentsCount: bigint;
  try {
    [supply, accrued, agentsCount] = await Promise.all([
      c.caesar.totalSupply(),
      c.caesar.accrued(),
      c.agents.agentCount(),
    ]);
  } catch (e) {
    throw toKitError(e, "CaesarToken");
  }
  const epoch = await readEpoch(c.distributor);
  return {
    data: { supply, accrued, agents: agentsCount, epoch },
    lines: [
      `supply    ${formatAmount(supply)} CAESAR, accrued demurrage ${formatAmount(accrued)} CAESAR (not yet settled)`,
      `epoch     ${epoch.epoch} (${epoch.length} s), pot ${formatAmount(epoch.pot)} CAESAR, ${epoch.rewarded} agents rewarded`,
      `agents    ${agentsCount} registered`,
    ],
  };
}
