/**
 * Reverts for a person: a decoded {@link ContractRevertError} rendered with the names of its error's parameters,
 * states and allowed-state bitmaps as enum names, times as ISO dates relative to chain time ("in 59 min") and
 * amounts with the token symbol. Shared code knows the kit's state enums; each economy's CLI registers its own
 * with {@link registerStateNames}.
 */
import type { ParamType } from "ethers";
import { CASE_STATES, ContractRevertError, decodeStates, formatAmount } from "../kit/core";
import { PROPOSAL_STATES, errorSources } from "../kit/chain";
import { formatTime } from "./helpers";

/** Enum member names (index = value) of the `current` state of each `…Unexpected…State(id, current, allowed)` error. */
const stateNames = new Map<string, readonly string[]>([
  ["GovernorUnexpectedProposalState", PROPOSAL_STATES],
  ["StakingUnexpectedCaseState", CASE_STATES],
  ["TreasuryUnexpectedGrantState", ["Vesting", "Vested", "Revoked"]], // ITreasury.GrantState
]);

/**
 * Names the states of a `…UnexpectedState(id, current, allowed)` error: `names` are the enum's members in
 * declaration order (a TypeScript numeric enum object works too).
 *
 * @example
 * registerStateNames("MarketUnexpectedState", JobState);
 */
export function registerStateNames(
  errorName: string,
  names: readonly string[] | Readonly<Record<string | number, string | number>>,
): void {
  const list = Array.isArray(names)
    ? [...names]
    : Object.entries(names)
        .filter(([k]) => /^[0-9]+$/.test(k))
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([, v]) => String(v));
  stateNames.set(errorName, list);
}

/** What a description may use beyond the error: the token's symbol and the chain's time. */
export interface DescribeContext {
  /** Symbol of the deployment's token (amounts are shown in it). */
  readonly symbol?: string;
  /** Address of that token: an error naming another `token` keeps its amounts in base units. */
  readonly tokenAddress?: string;
  /** Chain time, for "in 59 min" / "3 h ago". */
  readonly now?: bigint;
}

/** Parameter names that hold token amounts (base units of the deployment's token). */
const AMOUNT_NAMES = new Set([
  "amount",
  "balance",
  "needed",
  "available",
  "requested",
  "price",
  "maxPrice",
  "minPrice",
  "ceiling",
  "floor",
  "baseRate",
  "bond",
  "allowance",
  "cap",
  "totalMinted",
  "deposit",
  "minDeposit",
  "cumulative",
  "collected",
  "stake",
  "minStake",
  "spendable",
  "remaining",
  "minimum",
  "received",
  "expected",
]);
/** Parameter names that hold unix times. */
const TIME_NAME = /(At|Time|Ts|Deadline|deadline|Until|until|^expiry|^earliest|^latest|^timestamp)$/;

const listOf = (xs: string[]) =>
  xs.length === 0 ? "no state" : xs.length === 1 ? xs[0] : `${xs.slice(0, -1).join(", ")} or ${xs.at(-1)}`;

function inputsOf(err: ContractRevertError): readonly ParamType[] | undefined {
  if (!err.signature) return undefined;
  const sources = errorSources();
  const ordered = [...sources.filter((s) => s.contract === err.contract), ...sources];
  for (const s of ordered) {
    const fragment = s.iface.getError(err.signature);
    if (fragment) return fragment.inputs;
  }
  return undefined;
}

function render(p: ParamType | undefined, value: unknown, ctx: DescribeContext, otherToken: boolean): string {
  const name = p?.name ?? "";
  if (typeof value === "bigint" && p?.type.startsWith("uint")) {
    if (TIME_NAME.test(name) && value > 1_000_000_000n && value < 1n << 40n) return formatTime(value, ctx.now);
    if (/Bps$/.test(name) || name === "bps") return `${value} bps`;
    if (AMOUNT_NAMES.has(name)) {
      // An amount of another token (an error naming a `token` other than the deployment's) stays in base units.
      return !otherToken && ctx.symbol ? `${formatAmount(value)} ${ctx.symbol}` : `${value}`;
    }
  }
  if (p?.type === "bytes32" && name.startsWith("allowed") && typeof value === "string") {
    return listOf(decodeStates(value).map(String));
  }
  return typeof value === "bigint" ? value.toString() : String(value);
}

/**
 * One line for a person, or undefined for an undecoded revert. State errors read
 * `"MarketUnexpectedState: job 1 is Revealing, needs Awarding"`; others name each argument:
 * `"StakingStillUnbonding(account 0x…, index 0, nowTime 2026-12-02T10:00:00Z (now), unlockAt 2026-12-09T10:00:00Z (in 7 d))"`.
 *
 * @example
 * describeRevert(err, { symbol: "QUIV", now: 1_796_206_500n });
 */
export function describeRevert(err: ContractRevertError, ctx: DescribeContext = {}): string | undefined {
  if (!err.decoded || !err.errorName) return undefined;
  const args = err.args ?? [];
  const inputs = inputsOf(err);
  const states = stateNames.get(err.errorName);
  if (states && args.length === 3) {
    const nameOf = (s: number) => states[s] ?? `state ${s}`;
    const idName = (inputs?.[0]?.name ?? "id").replace(/Id$/, "");
    const allowed = decodeStates(args[2] as string | bigint).map(nameOf);
    return `${err.errorName}: ${idName} ${String(args[0])} is ${nameOf(Number(args[1]))}, needs ${listOf(allowed)}`;
  }
  if (!inputs || args.length === 0) return `${err.errorName}(${args.map((a) => String(a)).join(", ")})`;
  const tokenIndex = inputs.findIndex((p) => p.name === "token" && p.type === "address");
  const otherToken =
    tokenIndex >= 0 && String(args[tokenIndex]).toLowerCase() !== (ctx.tokenAddress ?? "").toLowerCase();
  const shown = args.map((a, i) => `${inputs[i]?.name ?? `arg${i}`} ${render(inputs[i], a, ctx, otherToken)}`);
  return `${err.errorName}(${shown.join(", ")})`;
}
