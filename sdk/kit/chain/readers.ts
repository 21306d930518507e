/**
 * Readers: chain state returned as `sdk/core` entities (plain objects with bigints).
 */
import { isHexString } from "ethers";
import type { TokenInfo } from "../core/supply";
import {
  findParameterByKey,
  findParameterIn,
  parameterKey,
  type ParameterCatalogue,
  type ParameterSpec,
} from "../core/parameters";
import { InvalidArgumentError } from "../core/errors";
import { parseAddress } from "../core/units";
import type { ParameterRegistry, VotesToken } from "./contracts";
import { toKitError } from "./decoder";

/** Wraps a read so that reverts surface as typed SDK errors. */
async function read<T>(contract: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw toKitError(e, contract);
  }
}

/**
 * Token metadata and supply counters in one entity.
 *
 * @example
 * const info = await readTokenInfo(quiv);
 * formatAmount(info.cap - info.totalMinted); // room left under the cap
 */
export async function readTokenInfo(quiv: VotesToken): Promise<TokenInfo> {
  return read("CappedVotesToken", async () => {
    const [address, name, symbol, decimals, totalSupply, totalMinted, totalBurned, cap, clockMode] = await Promise.all([
      quiv.getAddress(),
      quiv.name(),
      quiv.symbol(),
      quiv.decimals(),
      quiv.totalSupply(),
      quiv.totalMinted(),
      quiv.totalBurned(),
      quiv.cap(),
      quiv.CLOCK_MODE(),
    ]);
    return { address, name, symbol, decimals: Number(decimals), totalSupply, totalMinted, totalBurned, cap, clockMode };
  });
}

/** Balance, votes and delegate of one account. */
export interface AccountState {
  readonly address: string;
  /** Token balance (wei). */
  readonly balance: bigint;
  /** Current voting power (wei of delegated tokens). */
  readonly votes: bigint;
  /** Who the account delegates to (the zero address when it never delegated: its balance then carries no votes). */
  readonly delegate: string;
  /** Next EIP-2612 / delegateBySig nonce. */
  readonly nonce: bigint;
}

/**
 * Balance, votes, delegate and nonce of `account`.
 *
 * @example
 * const { balance, votes } = await readAccount(quiv, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
 */
export async function readAccount(quiv: VotesToken, account: string): Promise<AccountState> {
  const address = parseAddress(account, "account");
  return read("CappedVotesToken", async () => {
    const [balance, votes, delegate, nonce] = await Promise.all([
      quiv.balanceOf(address),
      quiv.getVotes(address),
      quiv.delegates(address),
      quiv.nonces(address),
    ]);
    return { address, balance, votes, delegate, nonce };
  });
}

/**
 * Balance of `account` in wei.
 *
 * @example
 * await readBalance(quiv, wallet.address); // 150_000_000n * 10n ** 18n
 */
export async function readBalance(quiv: VotesToken, account: string): Promise<bigint> {
  const address = parseAddress(account, "account");
  return read("CappedVotesToken", () => quiv.balanceOf(address));
}

/**
 * What `spender` may still take from `owner` (ERC-20 `allowance`), in wei.
 *
 * @example
 * await readAllowance(quiv, owner, stakingAddress); // 0n after a completed stake
 */
export async function readAllowance(quiv: VotesToken, owner: string, spender: string): Promise<bigint> {
  const o = parseAddress(owner, "owner");
  const s = parseAddress(spender, "spender");
  return read("CappedVotesToken", () => quiv.allowance(o, s));
}

/** A parameter as stored on chain, named from the catalogue when the key is known. */
export interface ParameterState {
  /** Catalogue name, or the hex key when the catalogue does not know it. */
  readonly name: string;
  readonly key: string;
  readonly value: bigint;
  readonly min: bigint;
  readonly max: bigint;
  readonly maxDelta: bigint;
  /** Rate-limit period (seconds): the value moves at most `maxDelta` within any `period`. */
  readonly period: bigint;
  /** Last change of the value, definition or bounds change (unix seconds). */
  readonly lastChange: bigint;
  /** Lowest and highest value of the current band (its width never exceeds `maxDelta`). */
  readonly bandLow: bigint;
  readonly bandHigh: bigint;
  /** `set` is refused before this time (after a bounds change; unix seconds). */
  readonly frozenUntil: bigint;
  /** Unit from the catalogue (undefined when unknown). */
  readonly unit: ParameterSpec["unit"] | undefined;
}

/**
 * Resolves a parameter name (`"quiver.staking.unbondingPeriod"`) of `catalogue` or a 32-byte hex key to its key.
 * Throws {@link InvalidArgumentError} for a name the catalogue does not know.
 *
 * @example
 * resolveParameterKey("quiver.staking.unbondingPeriod", QUIVER_PARAMETERS); // "0x…"
 */
export function resolveParameterKey(nameOrKey: string, catalogue: ParameterCatalogue = []): string {
  if (isHexString(nameOrKey, 32)) return nameOrKey.toLowerCase();
  if (!findParameterIn(catalogue, nameOrKey)) {
    throw new InvalidArgumentError(`unknown parameter "${nameOrKey}"`, {
      details: { known: catalogue.map((s) => s.name) },
    });
  }
  return parameterKey(nameOrKey);
}

/**
 * One parameter by name (of `catalogue`) or key; reverts (as `ParameterUnknown`) when the registry does not define it.
 *
 * @example
 * (await readParameter(registry, "quiver.staking.unbondingPeriod", QUIVER_PARAMETERS)).value; // 1_209_600n (14 days)
 */
export async function readParameter(
  registry: ParameterRegistry,
  nameOrKey: string,
  catalogue: ParameterCatalogue = [],
): Promise<ParameterState> {
  const key = resolveParameterKey(nameOrKey, catalogue);
  return read("ParameterRegistry", async () => {
    const value = await registry.get(key); // reverts ParameterUnknown for an undefined key
    const p = await registry.getParameter(key);
    const spec = findParameterByKey(catalogue, key);
    return {
      name: spec?.name ?? key,
      key,
      value,
      min: p.min,
      max: p.max,
      maxDelta: p.maxDelta,
      period: p.period,
      lastChange: p.lastChange,
      bandLow: p.bandLow,
      bandHigh: p.bandHigh,
      frozenUntil: p.frozenUntil,
      unit: spec?.unit,
    };
  });
}

/**
 * Every parameter the registry defines, in definition order, named from `catalogue`.
 *
 * @example
 * for (const p of await readParameters(registry, QUIVER_PARAMETERS)) console.log(p.name, p.value);
 */
export async function readParameters(
  registry: ParameterRegistry,
  catalogue: ParameterCatalogue = [],
): Promise<ParameterState[]> {
  const count = await read("ParameterRegistry", () => registry.keyCount());
  const keys = await read("ParameterRegistry", () =>
    Promise.all(Array.from({ length: Number(count) }, (_, i) => registry.keyAt(i))),
  );
  return Promise.all(keys.map((k) => readParameter(registry, k, catalogue)));
}
