/**
 * Authorization signing: the pure rules are in sdk/caesar/core/authorization.ts; this layer asks the signer's
 * provider for its network and signs with `signTypedData`, after checking the chain's domain against the
 * expected deployment (like the QUIVer voucher signing).
 */
import type { Signer } from "ethers";
import {
  assertAuthorizationDomain,
  AUTHORIZATION_FORMAT,
  AUTHORIZATION_TYPES,
  AuthorizationDomainMismatchError,
  AuthorizationSignatureError,
  authorizationDomain,
  authorizationMessage,
  type ProcessorDeployment,
  type ProcessorDomain,
  type SignedAuthorization,
  type TransferAuthorization,
} from "../core/authorization";

/**
 * Signs `a` with any ethers v6 Signer (who must be `a.from`), refusing when the chain's domain or the signer's
 * network is not the expected deployment.
 * @example
 * const sa = await signAuthorization(wallet, auth, { expected, actual: await readProcessorDomain(processor) });
 */
export async function signAuthorization(
  signer: Signer,
  a: TransferAuthorization,
  domains: { readonly expected: ProcessorDeployment; readonly actual: ProcessorDomain },
): Promise<SignedAuthorization> {
  const { expected, actual } = domains;
  assertAuthorizationDomain(expected, actual);
  if (signer.provider) {
    const { chainId } = await signer.provider.getNetwork();
    if (chainId !== expected.chainId) {
      throw new AuthorizationDomainMismatchError(
        `signer is on chain ${chainId}, the deployment on ${expected.chainId}`,
        {
          details: { signerChainId: chainId, expected },
        },
      );
    }
  }
  const address = await signer.getAddress();
  if (address.toLowerCase() !== a.from.toLowerCase()) {
    throw new AuthorizationSignatureError(`signer ${address} is not the payer ${a.from}`);
  }
  const signature = await signer.signTypedData(
    authorizationDomain(expected),
    AUTHORIZATION_TYPES,
    authorizationMessage(a),
  );
  return { ...a, format: AUTHORIZATION_FORMAT, signature };
}

/** The processor's EIP-712 domain as the chain reports it (`eip712Domain()`). */
export async function readProcessorDomain(processor: {
  eip712Domain(): Promise<[string, string, string, bigint, string, string, bigint[]]>;
}): Promise<ProcessorDomain> {
  const [, name, version, chainId, verifyingContract] = await processor.eip712Domain();
  return { name, version, chainId, verifyingContract };
}
