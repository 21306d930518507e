/**
 * Off-chain signatures of a votes token: EIP-2612 permits and ERC-5805 delegations (EIP-712 typed data).
 * The domain comes from the chain (`eip712Domain()`, ERC-5267), never from user input, and the SDK refuses to
 * sign when it does not match the connected chain and the token address (SECURITY-CHECKLIST SDK-02), so a
 * signature is bound to one chain and one token instance.
 */
import { TypedDataEncoder, getAddress, type ContractRunner, type Signer } from "ethers";
import { InvalidArgumentError } from "../core/errors";
import { parseAddress } from "../core/units";
import { uintArg } from "../core/args";
import { connectVotesToken } from "../chain/contracts";
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
};

/** EIP-712 types of `Delegation` (OZ Votes). */
export const DELEGATION_TYPES = {
  Delegation: [
    { name: "delegatee", type: "address" },
    { name: "nonce", type: "uint256" },
    { name: "expiry", type: "uint256" },
  ],
};

/** An EIP-712 domain as the token reports it. */
export interface TokenDomain {
  readonly name: string;
  readonly version: string;
  readonly chainId: bigint;
  readonly verifyingContract: string;
}

/**
 * The token's EIP-712 domain, read from `eip712Domain()`.
 *
 * @example
 * await readDomain(quivAddress, provider); // { name: "QUIV", version: "1", chainId: 31337n, verifyingContract: … }
 */
export async function readDomain(token: string, runner: ContractRunner): Promise<TokenDomain> {
  const votes = connectVotesToken(parseAddress(token, "token"), runner);
  try {
    const d = await votes.eip712Domain();
    return { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract };
  } catch (e) {
    throw toKitError(e, "CappedVotesToken");
  }
}

/**
 * Reads the domain and checks it against the signer's chain and the token address; throws
 * {@link InvalidArgumentError} ("refusing to sign") on any mismatch, or if `expected` differs.
 */
async function checkedDomain(signer: Signer, token: string, expected?: TokenDomain): Promise<TokenDomain> {
  if (!signer.provider) throw new InvalidArgumentError("the signer needs a provider to read the token's domain");
  const [domain, network] = await Promise.all([readDomain(token, signer), signer.provider.getNetwork()]);
  const problems: string[] = [];
  if (domain.chainId !== network.chainId)
    problems.push(`token domain chain ${domain.chainId} != chain ${network.chainId}`);
  if (getAddress(domain.verifyingContract) !== getAddress(token)) {
    problems.push(`token domain contract ${domain.verifyingContract} != ${token}`);
  }
  if (expected) {
    if (expected.chainId !== domain.chainId)
      problems.push(`expected chain ${expected.chainId}, token is on ${domain.chainId}`);
    if (getAddress(expected.verifyingContract) !== getAddress(domain.verifyingContract)) {
      problems.push(`expected contract ${expected.verifyingContract}, token is ${domain.verifyingContract}`);
    }
    if (expected.name !== domain.name || expected.version !== domain.version) {
      problems.push(`expected ${expected.name} v${expected.version}, token is ${domain.name} v${domain.version}`);
    }
  }
  if (problems.length) {
    throw new InvalidArgumentError(`refusing to sign: ${problems.join("; ")}`, { details: { domain, problems } });
  }
  return domain;
}

async function nonceOf(token: string, signer: Signer, owner: string): Promise<bigint> {
  try {
    return await connectVotesToken(token, signer).nonces(owner);
  } catch (e) {
    throw toKitError(e, "CappedVotesToken");
  }
}

/**
 * The EIP-712 digest of a permit (what the token's `permit` recovers the signer from).
 *
 * @example
 * permitDigest(domain, { owner, spender, value: 1n, nonce: 0n, deadline: 2n ** 32n });
 */
export function permitDigest(
  domain: TokenDomain,
  p: { owner: string; spender: string; value: bigint; nonce: bigint; deadline: bigint },
): string {
  return TypedDataEncoder.hash(domain, PERMIT_TYPES, p);
}

/**
 * The EIP-712 digest of a delegation (what `delegateBySig` recovers the delegator from).
 *
 * @example
 * delegationDigest(domain, { delegatee, nonce: 0n, expiry: 2n ** 32n });
 */
export function delegationDigest(domain: TokenDomain, d: { delegatee: string; nonce: bigint; expiry: bigint }): string {
  return TypedDataEncoder.hash(domain, DELEGATION_TYPES, d);
}

/**
 * Signs an EIP-2612 permit letting `spender` spend `value` of the signer's QUIV until `deadline`.
 * The nonce is read from the token unless given; `expectedDomain` (e.g. from your deployment manifest) is
 * compared with the chain's.
 *
 * @example
 * const permit = await signPermit(owner, quivAddress, { spender: stakingAddress, value: parseAmount("100"), deadline });
 * await sendPermit(relayer, quivAddress, permit);
 */
export async function signPermit(
  signer: Signer,
  token: string,
  p: { spender: string; value: bigint; deadline: bigint; nonce?: bigint; expectedDomain?: TokenDomain },
): Promise<SignedPermit> {
  const owner = parseAddress(await signer.getAddress(), "owner");
  const spender = parseAddress(p.spender, "spender");
  const value = uintArg(p.value, "value");
  const deadline = uintArg(p.deadline, "deadline");
  const domain = await checkedDomain(signer, parseAddress(token, "token"), p.expectedDomain);
  const nonce = p.nonce === undefined ? await nonceOf(token, signer, owner) : uintArg(p.nonce, "nonce");
  const signature = await signer.signTypedData(domain, PERMIT_TYPES, { owner, spender, value, nonce, deadline });
  return { owner, spender, value, nonce, deadline, signature };
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
  d: { delegatee: string; expiry: bigint; nonce?: bigint; expectedDomain?: TokenDomain },
): Promise<SignedDelegation> {
  const delegatee = parseAddress(d.delegatee, "delegatee");
  const expiry = uintArg(d.expiry, "expiry");
  const domain = await checkedDomain(signer, parseAddress(token, "token"), d.expectedDomain);
  const nonce =
    d.nonce === undefined ? await nonceOf(token, signer, await signer.getAddress()) : uintArg(d.nonce, "nonce");
  const signature = await signer.signTypedData(domain, DELEGATION_TYPES, { delegatee, nonce, expiry });
  return { delegatee, nonce, expiry, signature };
}
