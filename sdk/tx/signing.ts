/**
 * Off-chain signatures of the QUIV token: EIP-2612 permits and ERC-5805 delegations (EIP-712 typed data).
 * The domain is read from the token (`eip712Domain()`, ERC-5267), so a signature is bound to the chain id and
 * the token instance it was made for.
 */
import type { Signer, TypedDataDomain } from "ethers";
import { InvalidArgumentError } from "../core/errors";
import { parseAddress } from "../core/units";
import { connectQuivToken } from "../chain/contracts";
import { toKitError } from "../chain/decoder";
import type { SignedDelegation, SignedPermit } from "./builders";

/** EIP-712 types of `Permit` (EIP-2612). */
export const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** EIP-712 types of `Delegation` (OZ Votes). */
export const DELEGATION_TYPES = {
  Delegation: [
    { name: "delegatee", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "expiry", type: "uint256" },
  ],
} as const;

/**
 * The token's EIP-712 domain, read from `eip712Domain()`.
 *
 * @example
 * await readDomain(quivAddress, provider); // { name: "QUIV", version: "1", chainId: 31337n, verifyingContract: … }
 */
export async function readDomain(token: string, signerOrProvider: Signer | Parameters<typeof connectQuivToken>[1]) {
  const quiv = connectQuivToken(parseAddress(token, "token"), signerOrProvider);
  try {
    const d = await quiv.eip712Domain();
    return { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
  } catch (e) {
    throw toKitError(e, "QuivToken");
  }
}

async function nonceOf(token: string, signer: Signer, owner: string): Promise<bigint> {
  try {
    return await connectQuivToken(token, signer).nonces(owner);
  } catch (e) {
    throw toKitError(e, "QuivToken");
  }
}

function checkTime(value: bigint, label: string): bigint {
  if (typeof value !== "bigint" || value < 0n) throw new InvalidArgumentError(`${label} must be a non-negative bigint`);
  return value;
}

/**
 * Signs an EIP-2612 permit letting `spender` spend `value` of the signer's QUIV until `deadline`.
 * The nonce is read from the token unless given.
 *
 * @example
 * const permit = await signPermit(owner, quivAddress, { spender: stakingAddress, value: parseAmount("100"), deadline });
 * await sendPermit(relayer, quivAddress, permit);
 */
export async function signPermit(
  signer: Signer,
  token: string,
  p: { spender: string; value: bigint; deadline: bigint; nonce?: bigint; domain?: TypedDataDomain },
): Promise<SignedPermit> {
  const owner = parseAddress(await signer.getAddress(), "owner");
  const spender = parseAddress(p.spender, "spender");
  if (typeof p.value !== "bigint" || p.value < 0n) throw new InvalidArgumentError("value must not be negative");
  const deadline = checkTime(p.deadline, "deadline");
  const nonce = p.nonce ?? (await nonceOf(token, signer, owner));
  const domain = p.domain ?? (await readDomain(token, signer));
  const signature = await signer.signTypedData(domain, PERMIT_TYPES as never, {
    owner,
    spender,
    value: p.value,
    nonce,
    deadline,
  });
  return { owner, spender, value: p.value, nonce, deadline, signature };
}

/**
 * Signs an ERC-5805 delegation of the signer's votes to `delegatee`, valid until `expiry`.
 *
 * @example
 * const d = await signDelegation(holder, quivAddress, { delegatee: holder.address, expiry });
 * await sendDelegateBySig(relayer, quivAddress, d);
 */
export async function signDelegation(
  signer: Signer,
  token: string,
  d: { delegatee: string; expiry: bigint; nonce?: bigint; domain?: TypedDataDomain },
): Promise<SignedDelegation> {
  const delegatee = parseAddress(d.delegatee, "delegatee");
  const expiry = checkTime(d.expiry, "expiry");
  const nonce = d.nonce ?? (await nonceOf(token, signer, await signer.getAddress()));
  const domain = d.domain ?? (await readDomain(token, signer));
  const signature = await signer.signTypedData(domain, DELEGATION_TYPES as never, { delegatee, nonce, expiry });
  return { delegatee, nonce, expiry, signature };
}
