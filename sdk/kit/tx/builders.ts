/**
 * Transaction builders: each returns `{ to, data, value }` for one user action, ready for any signer,
 * multisig or relayer. Inputs are validated (addresses checksummed, amounts non-negative bigints).
 */
import { Signature, type Interface } from "ethers";
import { ParameterRegistry__factory, VotesToken__factory } from "../chain/contracts";
import { uintArg } from "../core/args";
import { parseAddress } from "../core/units";
import { resolveParameterKey } from "../chain/readers";
import type { ParameterCatalogue } from "../core/parameters";

/** A transaction request that any ethers Signer can send. */
export interface TxRequest {
  readonly to: string;
  readonly data: string;
  readonly value: bigint;
}

const QUIV = VotesToken__factory.createInterface();
const REGISTRY = ParameterRegistry__factory.createInterface();

function amountArg(value: bigint, label = "amount"): bigint {
  return uintArg(value, label);
}

function tx(to: string, data: string): TxRequest {
  return Object.freeze({ to: parseAddress(to, "contract"), data, value: 0n });
}

/** A call whose last three arguments are the `v, r, s` of a 65-byte signature (permit, delegateBySig). */
function signedCall(token: string, fn: "permit" | "delegateBySig", args: readonly unknown[], signature: string) {
  const sig = Signature.from(signature);
  return tx(token, (QUIV as Interface).encodeFunctionData(fn, [...args, sig.v, sig.r, sig.s]));
}

/**
 * `QuivToken.transfer(to, amount)`.
 *
 * @example
 * await signer.sendTransaction(buildTransfer(quivAddress, bob, parseAmount("10")));
 */
export function buildTransfer(token: string, to: string, amount: bigint): TxRequest {
  return tx(token, QUIV.encodeFunctionData("transfer", [parseAddress(to, "recipient"), amountArg(amount)]));
}

/**
 * `QuivToken.transferFrom(from, to, amount)`, spending the caller's allowance.
 *
 * @example
 * buildTransferFrom(quivAddress, alice, bob, 1n);
 */
export function buildTransferFrom(token: string, from: string, to: string, amount: bigint): TxRequest {
  return tx(
    token,
    QUIV.encodeFunctionData("transferFrom", [
      parseAddress(from, "from"),
      parseAddress(to, "recipient"),
      amountArg(amount),
    ]),
  );
}

/**
 * `QuivToken.approve(spender, amount)`.
 *
 * @example
 * buildApprove(quivAddress, stakingAddress, parseAmount("1000"));
 */
export function buildApprove(token: string, spender: string, amount: bigint): TxRequest {
  return tx(token, QUIV.encodeFunctionData("approve", [parseAddress(spender, "spender"), amountArg(amount)]));
}

/**
 * `QuivToken.delegate(delegatee)`: gives the caller's votes to `delegatee` (itself to self-delegate).
 *
 * @example
 * buildDelegate(quivAddress, wallet.address); // self-delegation activates the caller's votes
 */
export function buildDelegate(token: string, delegatee: string): TxRequest {
  return tx(token, QUIV.encodeFunctionData("delegate", [parseAddress(delegatee, "delegatee")]));
}

/**
 * `QuivToken.burn(amount)`: destroys the caller's tokens; the cap's room does not grow back.
 *
 * @example
 * buildBurn(quivAddress, parseAmount("1"));
 */
export function buildBurn(token: string, amount: bigint): TxRequest {
  return tx(token, QUIV.encodeFunctionData("burn", [amountArg(amount)]));
}

/**
 * `QuivToken.burnFrom(account, amount)`, spending the caller's allowance.
 *
 * @example
 * buildBurnFrom(quivAddress, alice, 1n);
 */
export function buildBurnFrom(token: string, account: string, amount: bigint): TxRequest {
  return tx(token, QUIV.encodeFunctionData("burnFrom", [parseAddress(account, "account"), amountArg(amount)]));
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
 * `QuivToken.permit(...)`: submits a signed permit (anyone can submit it).
 *
 * @example
 * const permit = await signPermit(owner, quivAddress, { spender, value, deadline });
 * await relayer.sendTransaction(buildPermit(quivAddress, permit));
 */
export function buildPermit(token: string, permit: SignedPermit): TxRequest {
  const owner = parseAddress(permit.owner, "owner");
  const spender = parseAddress(permit.spender, "spender");
  const terms = [amountArg(permit.value, "value"), amountArg(permit.deadline, "deadline")];
  return signedCall(token, "permit", [owner, spender, ...terms], permit.signature);
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
 * `QuivToken.delegateBySig(...)`: submits a signed delegation (anyone can submit it).
 *
 * @example
 * await relayer.sendTransaction(buildDelegateBySig(quivAddress, await signDelegation(holder, quivAddress, { delegatee })));
 */
export function buildDelegateBySig(token: string, d: SignedDelegation): TxRequest {
  const delegatee = parseAddress(d.delegatee, "delegatee");
  return signedCall(
    token,
    "delegateBySig",
    [delegatee, amountArg(d.nonce, "nonce"), amountArg(d.expiry, "expiry")],
    d.signature,
  );
}

/**
 * `ParameterRegistry.get(key)` as call data, for multicalls or `eth_call`.
 *
 * @example
 * const raw = await provider.call(buildParameterRead(registryAddress, "quiver.staking.unbondingPeriod", QUIVER_PARAMETERS));
 */
export function buildParameterRead(registry: string, nameOrKey: string, catalogue: ParameterCatalogue = []): TxRequest {
  return tx(registry, REGISTRY.encodeFunctionData("get", [resolveParameterKey(nameOrKey, catalogue)]));
}

/**
 * `ParameterRegistry.set(key, value)`: only the PARAMETER_ADMIN_ROLE (the timelock) may send it, so this is
 * meant as a governance proposal action.
 *
 * @example
 * const action = buildParameterSet(registryAddress, "quiver.staking.unbondingPeriod", 15n * 86_400n, QUIVER_PARAMETERS);
 */
export function buildParameterSet(
  registry: string,
  nameOrKey: string,
  value: bigint,
  catalogue: ParameterCatalogue = [],
): TxRequest {
  const key = resolveParameterKey(nameOrKey, catalogue);
  return tx(registry, REGISTRY.encodeFunctionData("set", [key, amountArg(value, "value")]));
}
