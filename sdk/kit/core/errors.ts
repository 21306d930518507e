/**
 * The SDK error hierarchy (STYLE.md, "Errors"; shaped like viem's `BaseError`).
 *
 * - {@link KitError}: base of every error the SDK throws; `shortMessage` is one line for humans,
 *   `details` is structured context, `cause` the underlying error.
 * - {@link InvalidArgumentError}: the caller passed bad input (a negative amount, a bad address, ...).
 * - {@link InvariantError}: a bug: something the SDK guarantees did not hold.
 * - {@link RuleError}: a protocol rule was broken; `errorName`/`args` name the contract's custom error.
 *   Thrown by `sdk/core` mirrors before anything touches a chain.
 * - {@link ContractRevertError}: a call or transaction reverted on chain; the custom error is decoded
 *   when any known ABI declares it, otherwise `data` keeps the raw revert bytes.
 */

/** Structured context attached to an error; values are JSON-friendly (bigints are allowed). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** Options shared by every {@link KitError} constructor. */
export interface KitErrorOptions {
  readonly details?: ErrorDetails;
  readonly cause?: unknown;
}

/**
 * Base class of every SDK error.
 *
 * @example
 * try { parseAmount("-1") } catch (e) { if (e instanceof KitError) console.error(e.shortMessage) }
 */
export class KitError extends Error {
  /** One line, no stack, safe to show to a user. */
  readonly shortMessage: string;
  /** Structured context (never holds secrets). */
  readonly details: ErrorDetails;
  override readonly cause: unknown;

  constructor(shortMessage: string, options: KitErrorOptions = {}) {
    const details = options.details ?? {};
    const extra = Object.keys(details).length ? `\n\nDetails: ${stringifyDetails(details)}` : "";
    super(shortMessage + extra);
    this.name = "KitError";
    this.shortMessage = shortMessage;
    this.details = details;
    this.cause = options.cause;
  }
}

/**
 * Bad input from the caller; nothing was sent.
 *
 * @example
 * throw new InvalidArgumentError("amount must not be negative", { details: { value: "-1" } });
 */
export class InvalidArgumentError extends KitError {
  constructor(shortMessage: string, options: KitErrorOptions = {}) {
    super(shortMessage, options);
    this.name = "InvalidArgumentError";
  }
}

/**
 * An internal guarantee was violated: a bug in the SDK or a node returning nonsense.
 *
 * @example
 * if (sum !== amount) throw new InvariantError("legs do not sum to the amount");
 */
export class InvariantError extends KitError {
  constructor(shortMessage: string, options: KitErrorOptions = {}) {
    super(shortMessage, options);
    this.name = "InvariantError";
  }
}

/** Options of {@link RuleError}. */
export interface RuleErrorOptions extends KitErrorOptions {
  /** Name of the Solidity custom error, e.g. `"QuivCapExceeded"`. */
  readonly errorName: string;
  /** Decoded arguments, in declaration order. */
  readonly args: readonly unknown[];
}

/**
 * A protocol rule was broken. `errorName` and `args` are those of the contract's custom error, so
 * off-chain checks and on-chain reverts can be handled by the same code.
 *
 * @example
 * try { split(100n, [5_000n]) } catch (e) { if (e instanceof RuleError) console.log(e.errorName) } // FeeSplitSharesNotWhole
 */
export class RuleError extends KitError {
  readonly errorName: string;
  readonly args: readonly unknown[];

  constructor(shortMessage: string, options: RuleErrorOptions) {
    super(shortMessage, {
      ...options,
      details: { errorName: options.errorName, args: options.args, ...options.details },
    });
    this.name = "RuleError";
    this.errorName = options.errorName;
    this.args = options.args;
  }
}

/** Options of {@link ContractRevertError}. */
export interface ContractRevertErrorOptions extends KitErrorOptions {
  /** Decoded custom error name, `"Error"` for `require` strings, `"Panic"` for panics, or undefined when unknown. */
  readonly errorName?: string;
  readonly args?: readonly unknown[];
  /** Name of the contract whose ABI declares the error (the callee when known). */
  readonly contract?: string;
  /** Raw revert data (`0x` when the node returned none). */
  readonly data: string;
  /** Error signature, e.g. `"QuivCapExceeded(uint256,uint256,uint256)"`. */
  readonly signature?: string;
}

/**
 * A call or transaction reverted on chain.
 *
 * @example
 * try { await transfer(signer, quiv, to, 10n ** 30n) }
 * catch (e) { if (e instanceof ContractRevertError) console.log(e.errorName, e.args) } // ERC20InsufficientBalance [...]
 */
export class ContractRevertError extends RuleError {
  readonly contract: string | undefined;
  readonly data: string;
  readonly signature: string | undefined;
  /** True when the revert data matched a known error. */
  readonly decoded: boolean;

  constructor(shortMessage: string, options: ContractRevertErrorOptions) {
    super(shortMessage, {
      ...options,
      errorName: options.errorName ?? "UnknownRevert",
      args: options.args ?? [],
      details: { contract: options.contract, data: options.data, ...options.details },
    });
    this.name = "ContractRevertError";
    this.contract = options.contract;
    this.data = options.data;
    this.signature = options.signature;
    this.decoded = options.errorName !== undefined;
  }
}

/**
 * JSON with bigints written as decimal strings; used for error details and the CLI's `--json`.
 *
 * @example
 * stringifyDetails({ amount: 1n }); // '{"amount":"1"}'
 */
export function stringifyDetails(value: unknown, space?: number): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), space);
}
