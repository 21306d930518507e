import { Signature, type Signer, type TypedDataDomain } from "ethers";
import type { QuivToken } from "../../typechain-types";
import { DELEGATION_TYPES, PERMIT_TYPES } from "../../sdk/kit/tx/signing";

/** EIP-712 domain of a QUIV deployment, rebuilt from ERC-5267 `eip712Domain()` as a wallet would. */
export async function quivDomain(token: QuivToken, chainIdOverride?: bigint): Promise<TypedDataDomain> {
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
  token: QuivToken,
  signer: Signer,
  p: { owner: string; spender: string; value: bigint; nonce: bigint; deadline: bigint },
  chainIdOverride?: bigint,
): Promise<Signature> {
  const raw = await signer.signTypedData(await quivDomain(token, chainIdOverride), PERMIT_TYPES, p);
  return Signature.from(raw);
}

/** Signs an ERC-5805 delegation. */
export async function signDelegation(
  token: QuivToken,
  signer: Signer,
  d: { delegatee: string; nonce: bigint; expiry: bigint },
): Promise<Signature> {
  return Signature.from(await signer.signTypedData(await quivDomain(token), DELEGATION_TYPES, d));
}

/** secp256k1 group order: `s' = n - s` with the other `v` is the malleable twin of a signature. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
