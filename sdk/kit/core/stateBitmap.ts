/**
 * The kit's state-machine convention on the SDK side (mirror of `contracts/utils/StateBitmap.sol`): an
 * `XUnexpectedState(id, current, allowed)` error carries `allowed` as a `bytes32` with bit `state` set for each
 * state the call accepts. `encodeStates` builds that bitmap, `decodeStates` reads it back and
 * `describeUnexpectedState` renders the decoded error for a person, given the enum's member names.
 */
import { InvalidArgumentError } from "./errors";

/** Largest enum value a `bytes32` bitmap holds (enums of at most 256 members). */
const MAX_STATE = 255;

function checkState(state: number): void {
  if (!Number.isInteger(state) || state < 0 || state > MAX_STATE) {
    throw new InvalidArgumentError("a state is an enum value in 0..255", { details: { state } });
  }
}

/**
 * The `bytes32` bitmap (0x-prefixed, 64 hex digits) with the bit of each given state set, exactly as
 * `StateBitmap.encode(a) | StateBitmap.encode(b) | …` on chain. No state gives the zero bitmap.
 *
 * @example
 * encodeStates(JobState.InReview, JobState.Releasable); // "0x…0180"
 */
export function encodeStates(...states: number[]): string {
  let bits = 0n;
  for (const s of states) {
    checkState(s);
    bits |= 1n << BigInt(s);
  }
  return "0x" + bits.toString(16).padStart(64, "0");
}

/**
 * The states whose bit is set in `bitmap`, ascending. Accepts the hex string ethers decodes a `bytes32` to, or
 * a bigint.
 *
 * @example
 * decodeStates("0x…0180"); // [7, 8]
 */
export function decodeStates(bitmap: string | bigint): number[] {
  let bits: bigint;
  if (typeof bitmap === "bigint") {
    bits = bitmap;
  } else {
    if (!/^0x[0-9a-fA-F]{1,64}$/.test(bitmap)) {
      throw new InvalidArgumentError("a state bitmap is a bytes32 hex string", { details: { bitmap } });
    }
    bits = BigInt(bitmap);
  }
  if (bits < 0n || bits >= 1n << 256n) {
    throw new InvalidArgumentError("a state bitmap is a bytes32", { details: { bitmap: String(bitmap) } });
  }
  const states: number[] = [];
  for (let s = 0; bits >> BigInt(s) !== 0n; s++) {
    if ((bits >> BigInt(s)) & 1n) states.push(s);
  }
  return states;
}

/** A decoded `XUnexpectedState(id, current, allowed)` error (a `ContractRevertError`/`RuleError` has this shape). */
export interface UnexpectedStateError {
  readonly errorName?: string;
  readonly args?: readonly unknown[];
}

/**
 * One line for a person: `"<errorName>: <id> is <Current>, needs <A> or <B>"`. `names` are the enum's member
 * names in declaration order (a TypeScript numeric enum object works too). Returns undefined when the error
 * is not an `…UnexpectedState` error with three arguments. Three or more states read "A, B or C".
 *
 * @param error the decoded error (`errorName` and `args`)
 * @param names the enum's member names, index = value (e.g. `["None", "Bidding", …]` or the enum object)
 * @example
 * describeUnexpectedState(decodeRevertData(data), JobState);
 * // "MarketUnexpectedState: 3 is Settled, needs InReview or Releasable"
 */
export function describeUnexpectedState(
  error: UnexpectedStateError,
  names: readonly string[] | Readonly<Record<string | number, string | number>>,
): string | undefined {
  const { errorName, args } = error;
  if (!errorName || !errorName.endsWith("UnexpectedState") || !args || args.length !== 3) return undefined;
  const [id, current, allowed] = args;
  const nameOf = (s: number): string => {
    const n = Array.isArray(names) ? names[s] : (names as Record<number, unknown>)[s];
    return typeof n === "string" ? n : `state ${s}`;
  };
  const needed = decodeStates(allowed as string | bigint).map(nameOf);
  const needs =
    needed.length === 0
      ? "no state"
      : needed.length === 1
        ? needed[0]
        : `${needed.slice(0, -1).join(", ")} or ${needed.at(-1)}`;
  return `${errorName}: ${String(id)} is ${nameOf(Number(current))}, needs ${needs}`;
}
