import { Signature, type Signer, type TypedDataDomain } from "ethers";
import type { IERC5267 } from "../../typechain-types";
import { DELEGATION_TYPES, PERMIT_TYPES } from "../../sdk/kit/tx/signing";

/** A token that publishes its EIP-712 domain (ERC-5267): any of the kit's permit and votes tokens. */
type DomainToken = Pick<IERC5267, "eip712Domain">;

/** EIP-712 domain of a token, rebuilt from ERC-5267 `eip712Domain()` as a wallet would. */
export async function tokenDomain(token: DomainToken, chainIdOverride?: bigint): Promise<TypedDataDomain> {
  const d = await token.eip712Domain();
  return {
    name: d.name,
    version: d.version,
    chainId: chainIdOverride ?? d.chainId,
    verifyingContract: d.verifyingContract,
  };
}

/** Signs an EIP-2612 permit with `signer` (who need not be the owner: tests use that for wrong signers). */
export async function signPermit(
  token: DomainToken,
  signer: Signer,
  p: { owner: string; spender: string; value: bigint; nonce: bigint; deadline: bigint },
  chainIdOverride?: bigint,
): Promise<Signature> {
  const raw = await signer.signTypedData(await tokenDomain(token, chainIdOverride), PERMIT_TYPES, p);
  return Signature.from(raw);
}

/** Signs an ERC-5805 delegation. */
export async function signDelegation(
  token: DomainToken,
  signer: Signer,
  d: { delegatee: string; nonce: bigint; expiry: bigint },
): Promise<Signature> {
  return Signature.from(await signer.signTypedData(await tokenDomain(token), DELEGATION_TYPES, d));
}

/** secp256k1 group order: `s' = n - s` with the other `v` is the malleable twin of a signature. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
