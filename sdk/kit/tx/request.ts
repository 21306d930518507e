/**
 * Typed contract requests in viem's `writeContract` shape (`{ address, abi, functionName, args, value }`), typed from
 * the typechain contract: a wrong function name or a wrong argument list does not compile, and no caller casts.
 * `encodeRequest` turns one into `{ to, data, value }`; `send` pre-flights, sends, waits and decodes reverts.
 */
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
  F extends WriteName<C>
    ? {
        readonly address: string;
        readonly abi: Abi<C>;
        readonly functionName: F;
        readonly args: WriteArgs<C, F>;
        readonly value?: bigint;
      }
    : never;

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
 * Approves `spender` for `amount` of `token` when the signer's allowance is short (exactly that amount, never
 * unlimited), then sends the request: the shape of every call that pulls tokens with `transferFrom`.
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
  await ensureAllowance(signer, token, r.address, amount, options);
  return send(signer, r, options);
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
