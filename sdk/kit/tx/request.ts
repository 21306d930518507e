/**
 * Typed contract requests in viem's `writeContract` shape (`{ address, abi, functionName, args, value }`), typed from
 * the typechain contract: a wrong function name or a wrong argument list does not compile, and no caller casts.
 * `encodeRequest` turns one into `{ to, data, value }`; `send` pre-flights, sends, waits and decodes reverts.
 */
import { Interface, solidityPackedKeccak256, toQuantity } from "ethers";
import type { ContractTransactionResponse, Signer, TransactionReceipt } from "ethers";
import type { Abi, TypedContractMethod } from "../chain/contracts";

export { abiOf, type Abi } from "../chain/contracts";
import { sendTx, type SendOptions } from "./send";
import { connectVotesToken } from "../chain/contracts";
import { toKitError } from "../chain/decoder";
import { parseAddress } from "../core/units";
import { buildApprove } from "./builders";
import type { TxRequest } from "./builders";

/**
 * The names of `C`'s state-changing functions. The `& string` is not redundant: a type parameter constrained by it
 * keeps the literal it is inferred from (`"confirm"`, not the union of every name), so `args` is checked against
 * that one function.
 */
export type WriteName<C> = {
  // A write resolves to a transaction response; a view resolves to its result.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [K in keyof C & string]: C[K] extends (...args: any) => Promise<infer T>
    ? [T] extends [ContractTransactionResponse]
      ? K
      : never
    : never;
}[keyof C & string] &
  string;

/**
 * The argument list of `C.F` exactly as the function declares it: typechain's `A` of `TypedContractMethod<A, R, S>`,
 * without the trailing overrides object that ethers accepts (an overrides object is not an argument and would not
 * encode) and without `Typed` wrappers. Distributes over a union of names (a typed multiplexer such as
 * `buildJobAction` names several functions that take the same arguments).
 */
export type WriteArgs<C, F extends keyof C> = F extends keyof C
  ? C[F] extends TypedContractMethod<infer A, infer _R, infer _S>
    ? Readonly<A>
    : never
  : never;

/**
 * One call of `functionName(...args)` on the contract at `address`. With `F` left out it is the union over every
 * write function of `C`, discriminated by `functionName`, so a literal request is checked as tightly as one built
 * by {@link writeRequest}.
 */
export type WriteRequest<C, F extends WriteName<C> = WriteName<C>> =
  F extends WriteName<C> ? ContractCall<C, F> & { readonly value?: bigint } : never;

/** What a typed read or write request names: the contract's address and ABI, the function and its arguments. */
export interface ContractCall<C, F extends keyof C> {
  readonly address: string;
  readonly abi: Abi<C>;
  readonly functionName: F;
  readonly args: WriteArgs<C, F>;
}

/**
 * Any typed write request, whatever its contract: what takes requests of several contracts at once
 * (`proposalActions`) accepts. Every {@link WriteRequest} is one.
 */
export interface AnyWriteRequest {
  readonly address: string;
  readonly abi: Abi<unknown>;
  readonly functionName: string;
  readonly args: readonly unknown[];
  readonly value?: bigint;
}

/**
 * The names of `C`'s view functions (those that resolve to their result, not to a transaction response).
 */
export type ReadName<C> = {
  [K in keyof C & string]: C[K] extends TypedContractMethod<infer _A, infer _R, infer S>
    ? [S] extends ["view"]
      ? K
      : never
    : never;
}[keyof C & string] &
  string;

/**
 * One `eth_call` of the view `functionName(...args)` on the contract at `address`: viem's `readContract` shape, the
 * read counterpart of {@link WriteRequest}.
 */
export type ReadRequest<C, F extends ReadName<C> = ReadName<C>> = F extends ReadName<C> ? ContractCall<C, F> : never;

/**
 * A typed read request; TypeScript checks `functionName` and `args` against the contract's view functions.
 *
 * @example
 * const r = readRequest(REGISTRY, registry, "get", [key]);
 */
export function readRequest<C, F extends ReadName<C>>(
  abi: Abi<C>,
  address: string,
  functionName: F,
  args: NoInfer<WriteArgs<C, F>>,
): ReadRequest<C, F> {
  return { address, abi, functionName, args } as ReadRequest<C, F>;
}

/**
 * `{ to, data }` of a read request, for `provider.call` or a multicall.
 *
 * @example
 * const raw = await provider.call(encodeRead(buildParameterRead(registry, "quiver.staking.unbondingPeriod", QUIVER_PARAMETERS)));
 */
export function encodeRead<C, F extends ReadName<C>>(r: ReadRequest<C, F>): { to: string; data: string } {
  const data = r.abi.iface.encodeFunctionData(r.functionName, r.args as unknown as readonly unknown[]);
  return { to: r.address, data };
}

/**
 * Decodes the result of a read request's `eth_call` (`raw`, the returned bytes) into the view's return values.
 *
 * @example
 * decodeRead(r, await provider.call(encodeRead(r)))[0]; // 1_000n
 */
export function decodeRead<C, F extends ReadName<C>>(r: ReadRequest<C, F>, raw: string): readonly unknown[] {
  return r.abi.iface.decodeFunctionResult(r.functionName, raw).toArray();
}

/**
 * A typed request; TypeScript checks `functionName` and `args` against the contract.
 *
 * @example
 * const r = writeRequest(MARKET, marketplace, "confirm", [jobId]);
 */
export function writeRequest<C, F extends WriteName<C>>(
  abi: Abi<C>,
  address: string,
  functionName: F,
  args: NoInfer<WriteArgs<C, F>>,
  value?: bigint,
): WriteRequest<C, F> {
  return { address, abi, functionName, args, value } as WriteRequest<C, F>;
}

/**
 * `{ to, data, value }` of a request, for a wallet, a Safe batch or a governance action.
 *
 * @example
 * const { to, data } = encodeRequest(writeRequest(MARKET, marketplace, "flushFees", []));
 */
export function encodeRequest<C, F extends WriteName<C>>(r: WriteRequest<C, F>): TxRequest {
  // The one place the typed argument list meets ethers' untyped encoder.
  const data = r.abi.iface.encodeFunctionData(r.functionName, r.args as unknown as readonly unknown[]);
  return { to: r.address, data, value: r.value ?? 0n };
}

/**
 * `{ to, data, value }` of a typed request of any contract (see {@link AnyWriteRequest}).
 *
 * @example
 * const { to, data } = encodeAnyRequest(buildParameterSet(registry, "quiver.market.burnBps", 120n, QUIVER_PARAMETERS));
 */
export function encodeAnyRequest(r: AnyWriteRequest): TxRequest {
  return { to: r.address, data: r.abi.iface.encodeFunctionData(r.functionName, r.args), value: r.value ?? 0n };
}

/**
 * Sends a typed request: pre-flight, send, wait, decode a revert against the request's ABI.
 *
 * @example
 * const receipt = await send(wallet, writeRequest(MARKET, marketplace, "confirm", [jobId]));
 */
export function send<C, F extends WriteName<C>>(
  signer: Signer,
  r: WriteRequest<C, F>,
  options?: SendOptions,
): Promise<TransactionReceipt> {
  return sendTx(signer, encodeRequest(r), r.abi.name, options);
}

/**
 * Approves `spender` for `amount` of `token` when the signer's allowance is short, then sends the request: the shape
 * of every call that pulls tokens with `transferFrom`. Nothing is left behind when the action fails:
 * - before approving, the action is pre-flighted with the allowance it needs ({@link preflightWithAllowance}, an
 *   `eth_call` with a state override), so an action that would revert is reported and no approval is sent;
 * - the approval is the exact amount, never unlimited;
 * - if the action still fails after the approval (the chain moved, or the node has no state overrides), the
 *   allowance is set back to what it was before.
 *
 * @example
 * await sendWithAllowance(wallet, quiv, channels, parseAmount("50"), buildOpenChannel(channels, provider, parseAmount("50"), expiry));
 */
export async function sendWithAllowance<C, F extends WriteName<C>>(
  signer: Signer,
  token: string,
  amount: bigint,
  r: WriteRequest<C, F>,
  options?: SendOptions,
): Promise<TransactionReceipt> {
  const owner = await signer.getAddress();
  const before = await allowanceOf(signer, token, owner, r.address);
  if (before >= amount) return send(signer, r, options);
  options?.onProgress?.("pre-flight with the allowance");
  await preflightWithAllowance(signer, token, amount, r);
  await send(signer, buildApprove(token, r.address, amount), options);
  try {
    return await send(signer, r, options);
  } catch (e) {
    // Best effort: the action's error is the one reported.
    await send(signer, buildApprove(token, r.address, before), options).catch(() => undefined);
    throw e;
  }
}

async function allowanceOf(signer: Signer, token: string, owner: string, spender: string): Promise<bigint> {
  try {
    return await connectVotesToken(parseAddress(token, "token"), signer).allowance(owner, parseAddress(spender));
  } catch (e) {
    throw toKitError(e, "CappedVotesToken");
  }
}

/** The slot of the allowances mapping of OpenZeppelin's ERC20 under ERC-7201 (`openzeppelin.storage.ERC20` + 1). */
const OZ_ERC20_NAMESPACED_ALLOWANCES = 0x52c63247e1f47db19d5ce0460030c497f067ca4cebf71ba98eeadabe20bace01n;
/** Base slots probed for the allowances mapping (plain ERC20 layouts put it in one of the first slots). */
const ALLOWANCE_SLOT_CANDIDATES: readonly bigint[] = [
  ...Array.from({ length: 12 }, (_, i) => BigInt(i)),
  OZ_ERC20_NAMESPACED_ALLOWANCES,
];
const allowanceSlots = new Map<string, bigint | null>();

const word = (v: bigint) => "0x" + v.toString(16).padStart(64, "0");

/** Storage key of `allowances[owner][spender]` for a mapping at `base` (Solidity's layout of nested mappings). */
function allowanceKey(base: bigint, owner: string, spender: string): string {
  const inner = solidityPackedKeccak256(["uint256", "uint256"], [BigInt(owner), base]);
  return solidityPackedKeccak256(["uint256", "bytes32"], [BigInt(spender), inner]);
}

type RpcSender = { send: (method: string, params: unknown[]) => Promise<string> };

/**
 * The base slot of `token`'s allowances mapping, found by `eth_call`s of `allowance` with state overrides; `null`
 * when no candidate matches or the node does not take state overrides. A slot found before is tried first (one
 * call, which also checks that this node takes overrides).
 */
async function allowanceSlot(rpc: RpcSender, token: string, owner: string, spender: string): Promise<bigint | null> {
  const key = token.toLowerCase();
  const cached = allowanceSlots.get(key);
  if (cached === null) return null;
  const candidates =
    cached === undefined
      ? ALLOWANCE_SLOT_CANDIDATES
      : [cached, ...ALLOWANCE_SLOT_CANDIDATES.filter((b) => b !== cached)];
  const probe = 0x5eed_5eed_5eedn;
  const data = ALLOWANCE_IFACE.encodeFunctionData("allowance", [owner, spender]);
  for (const base of candidates) {
    let out: string;
    try {
      out = await rpc.send("eth_call", [
        { to: token, data },
        "latest",
        { [token]: { stateDiff: { [allowanceKey(base, owner, spender)]: word(probe) } } },
      ]);
    } catch {
      return null; // no state overrides on this node (not cached: the token's layout is still unknown)
    }
    if (BigInt(out) === probe) {
      allowanceSlots.set(key, base);
      return base;
    }
  }
  allowanceSlots.set(key, null);
  return null;
}

const ALLOWANCE_IFACE = new Interface(["function allowance(address owner, address spender) view returns (uint256)"]);

/**
 * Runs `r` as an `eth_call` from the signer as if it had already approved `amount` of `token` to the request's
 * target (a state override of the allowance), and throws the decoded revert if it would fail. Returns false (and
 * checks nothing) when the node takes no state overrides or the token's allowance slot is not found: the caller then
 * relies on resetting the allowance after a failure.
 *
 * @example
 * await preflightWithAllowance(wallet, quiv, parseAmount("10"), buildStake(staking, parseAmount("10")));
 */
export async function preflightWithAllowance<C, F extends WriteName<C>>(
  signer: Signer,
  token: string,
  amount: bigint,
  r: WriteRequest<C, F>,
): Promise<boolean> {
  const rpc = signer.provider as unknown as Partial<RpcSender> | null;
  if (!rpc || typeof rpc.send !== "function") return false;
  const owner = await signer.getAddress();
  const tokenAddress = parseAddress(token, "token");
  const base = await allowanceSlot(rpc as RpcSender, tokenAddress, owner, r.address);
  if (base === null) return false;
  const tx = encodeRequest(r);
  try {
    await (rpc as RpcSender).send("eth_call", [
      { from: owner, to: tx.to, data: tx.data, value: toQuantity(tx.value ?? 0n) },
      "latest",
      { [tokenAddress]: { stateDiff: { [allowanceKey(base, owner, r.address)]: word(amount) } } },
    ]);
  } catch (e) {
    throw toKitError(e, r.abi.name);
  }
  return true;
}

/**
 * Approves `spender` for `amount` when the signer's allowance is lower (returns the approval receipt, or
 * `undefined` when nothing was needed). Approves the exact amount, never an unlimited allowance.
 *
 * @example
 * await ensureAllowance(wallet, tokenAddress, stakingAddress, parseAmount("10000"));
 */
export async function ensureAllowance(
  signer: Signer,
  token: string,
  spender: string,
  amount: bigint,
  options?: SendOptions,
): Promise<TransactionReceipt | undefined> {
  const owner = await signer.getAddress();
  let current: bigint;
  try {
    current = await connectVotesToken(parseAddress(token, "token"), signer).allowance(owner, parseAddress(spender));
  } catch (e) {
    throw toKitError(e, "CappedVotesToken");
  }
  if (current >= amount) return undefined;
  return send(signer, buildApprove(token, spender, amount), options);
}
