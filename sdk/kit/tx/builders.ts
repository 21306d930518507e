/**
 * Token and registry builders: each token builder returns a typed request for `send` (and `encodeRequest` turns it
 * into `{ to, data, value }` for a multisig, relayer or proposal); so do the registry builders (a read request for
 * `get`, a write request for `set`).
 * Inputs are validated (addresses checksummed, amounts non-negative bigints).
 */
import { Signature } from "ethers";
import {
  abiOf,
  MOCK_FEED_ABI,
  ParameterRegistry__factory,
  VotesToken__factory,
  type MockAggregatorV3,
  type ParameterRegistry,
  type VotesToken,
} from "../chain/contracts";
import {
  readRequest,
  writeRequest,
  type ReadRequest,
  type WriteArgs,
  type WriteName,
  type WriteRequest,
} from "./request";
import { intArg, uintArg } from "../core/args";
import { parseAddress } from "../core/units";
import { resolveParameterKey } from "../chain/readers";
import type { ParameterCatalogue } from "../core/parameters";

/** A transaction request that any ethers Signer can send. */
export interface TxRequest {
  readonly to: string;
  readonly data: string;
  readonly value: bigint;
}

const REGISTRY = abiOf<ParameterRegistry>("ParameterRegistry", ParameterRegistry__factory);
/** The kit's capped votes token, typed: every token builder returns a request `send` checks at compile time. */
const TOKEN = abiOf<VotesToken>("CappedVotesToken", VotesToken__factory);

function amountArg(value: bigint, label = "amount"): bigint {
  return uintArg(value, label);
}

/** The `v, r, s` of a 65-byte signature, the last three arguments of `permit` and `delegateBySig`. */
function vrs(signature: string): [number, string, string] {
  const sig = Signature.from(signature);
  return [sig.v, sig.r, sig.s];
}

/** A token request on `token` (checksummed). */
function tokenCall<F extends WriteName<VotesToken>>(token: string, fn: F, args: WriteArgs<VotesToken, F>) {
  return writeRequest(TOKEN, parseAddress(token, "token"), fn, args);
}

/**
 * `transfer(to, amount)` on a votes token.
 *
 * @example
 * await send(signer, buildTransfer(tokenAddress, bob, parseAmount("10")));
 */
export function buildTransfer(token: string, to: string, amount: bigint) {
  return tokenCall(token, "transfer", [parseAddress(to, "recipient"), amountArg(amount)]);
}

/**
 * `transferFrom(from, to, amount)`, spending the caller's allowance.
 *
 * @example
 * await send(signer, buildTransferFrom(tokenAddress, alice, bob, 1n));
 */
export function buildTransferFrom(token: string, from: string, to: string, amount: bigint) {
  return tokenCall(token, "transferFrom", [
    parseAddress(from, "from"),
    parseAddress(to, "recipient"),
    amountArg(amount),
  ]);
}

/**
 * `approve(spender, amount)`.
 *
 * @example
 * await send(signer, buildApprove(tokenAddress, stakingAddress, parseAmount("1000")));
 */
export function buildApprove(token: string, spender: string, amount: bigint) {
  return tokenCall(token, "approve", [parseAddress(spender, "spender"), amountArg(amount)]);
}

/**
 * `delegate(delegatee)`: gives the caller's votes to `delegatee` (itself to self-delegate).
 *
 * @example
 * await send(signer, buildDelegate(tokenAddress, wallet.address)); // self-delegation activates the votes
 */
export function buildDelegate(token: string, delegatee: string) {
  return tokenCall(token, "delegate", [parseAddress(delegatee, "delegatee")]);
}

/**
 * `burn(amount)`: destroys the caller's tokens; the cap's room does not grow back.
 *
 * @example
 * await send(signer, buildBurn(tokenAddress, parseAmount("1")));
 */
export function buildBurn(token: string, amount: bigint) {
  return tokenCall(token, "burn", [amountArg(amount)]);
}

/**
 * `burnFrom(account, amount)`, spending the caller's allowance.
 *
 * @example
 * await send(signer, buildBurnFrom(tokenAddress, alice, 1n));
 */
export function buildBurnFrom(token: string, account: string, amount: bigint) {
  return tokenCall(token, "burnFrom", [parseAddress(account, "account"), amountArg(amount)]);
}

/** An EIP-2612 permit, signed by `owner` (see `signPermit`). */
export interface SignedPermit {
  readonly owner: string;
  readonly spender: string;
  readonly value: bigint;
  readonly nonce: bigint;
  /** Unix seconds; the permit is valid while `block.timestamp <= deadline`. */
  readonly deadline: bigint;
  /** 65-byte signature. */
  readonly signature: string;
}

/**
 * `permit(...)`: submits a signed permit (anyone can submit it).
 *
 * @example
 * const permit = await signPermit(owner, tokenAddress, { spender, value, deadline });
 * await send(relayer, buildPermit(tokenAddress, permit));
 */
export function buildPermit(token: string, permit: SignedPermit) {
  return tokenCall(token, "permit", [
    parseAddress(permit.owner, "owner"),
    parseAddress(permit.spender, "spender"),
    amountArg(permit.value, "value"),
    amountArg(permit.deadline, "deadline"),
    ...vrs(permit.signature),
  ]);
}

/** A signed ERC-5805 delegation (see `signDelegation`). */
export interface SignedDelegation {
  readonly delegatee: string;
  readonly nonce: bigint;
  /** Unix seconds; valid while `block.timestamp <= expiry`. */
  readonly expiry: bigint;
  readonly signature: string;
}

/**
 * `delegateBySig(...)`: submits a signed delegation (anyone can submit it).
 *
 * @example
 * await send(relayer, buildDelegateBySig(tokenAddress, await signDelegation(holder, tokenAddress, { delegatee })));
 */
export function buildDelegateBySig(token: string, d: SignedDelegation) {
  return tokenCall(token, "delegateBySig", [
    parseAddress(d.delegatee, "delegatee"),
    amountArg(d.nonce, "nonce"),
    amountArg(d.expiry, "expiry"),
    ...vrs(d.signature),
  ]);
}

/**
 * `ParameterRegistry.get(key)`: a typed read request (viem's `readContract` shape); `encodeRead` turns it into
 * `{ to, data }` for `eth_call` or a multicall, `decodeRead` decodes the answer.
 *
 * @example
 * const r = buildParameterRead(registryAddress, "quiver.staking.unbondingPeriod", QUIVER_PARAMETERS);
 * const [value] = decodeRead(r, await provider.call(encodeRead(r)));
 */
export function buildParameterRead(
  registry: string,
  nameOrKey: string,
  catalogue: ParameterCatalogue = [],
): ReadRequest<ParameterRegistry, "get"> {
  return readRequest(REGISTRY, parseAddress(registry, "contract"), "get", [resolveParameterKey(nameOrKey, catalogue)]);
}

/**
 * `ParameterRegistry.set(key, value)`: only the PARAMETER_ADMIN_ROLE (the timelock) may send it, so this is
 * meant as a governance proposal action (`proposalActions` takes it as it is).
 *
 * @example
 * const action = buildParameterSet(registryAddress, "quiver.staking.unbondingPeriod", 15n * 86_400n, QUIVER_PARAMETERS);
 */
export function buildParameterSet(
  registry: string,
  nameOrKey: string,
  value: bigint,
  catalogue: ParameterCatalogue = [],
): WriteRequest<ParameterRegistry, "set"> {
  const key = resolveParameterKey(nameOrKey, catalogue);
  return writeRequest(REGISTRY, parseAddress(registry, "contract"), "set", [key, amountArg(value, "value")]);
}

/**
 * `MockAggregatorV3.updateAnswer(answer)`: publishes `answer` (raw, in the feed's decimals) on a local chain's mock
 * Chainlink feed, stamped now. Anyone may send it; real feeds have no such function.
 *
 * @example
 * await send(wallet, buildSetLocalFeed(feedAddress, 2_000n * 10n ** 8n)); // 2,000.00000000
 */
export function buildSetLocalFeed(feed: string, answer: bigint): WriteRequest<MockAggregatorV3, "updateAnswer"> {
  return writeRequest(MOCK_FEED_ABI, parseAddress(feed, "feed"), "updateAnswer", [intArg(answer, "answer")]);
}
