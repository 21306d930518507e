/**
 * CAESAR transfer authorizations (EIP-712), pure: typed data, digest, the domain check and the off-chain check an
 * agent runs before it submits. Must match `contracts/caesar/agents/CaesarProcessor.sol`:
 *   domain  { name: "CAESAR processor", version: "1", chainId, verifyingContract }
 *   TransferAuthorization(address from,address to,uint256 amount,uint256 maxFee,uint256 nonce,uint256 validAfter,
 *                         uint256 validBefore,uint16 region)
 * Nonces are unordered bitmap nonces (bit `nonce & 255` of word `nonce >> 8`); `randomNonce` draws one.
 * Signing (sdk/caesar/chain/authorization.ts) and `verifyAuthorization` refuse another chain or contract.
 */
import {
  getAddress,
  hexlify,
  randomBytes,
  recoverAddress,
  TypedDataEncoder,
  type TypedDataDomain,
  type TypedDataField,
} from "ethers";
import { KitError, type KitErrorOptions } from "../../kit/core/errors";

/** EIP-712 domain name of CaesarProcessor. */
export const AUTHORIZATION_DOMAIN_NAME = "CAESAR processor";
/** EIP-712 domain version of CaesarProcessor. */
export const AUTHORIZATION_DOMAIN_VERSION = "1";
/** Format tag of serialised authorizations. */
export const AUTHORIZATION_FORMAT = "caesar-authorization-v1";

/** The EIP-712 types of an authorization. */
export const AUTHORIZATION_TYPES: { TransferAuthorization: TypedDataField[] } = {
  TransferAuthorization: [
    { name: "from", type: "address" },
    { name: "to", type: "address" },
    { name: "amount", type: "uint256" },
    { name: "maxFee", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "validAfter", type: "uint256" },
    { name: "validBefore", type: "uint256" },
    { name: "region", type: "uint16" },
  ],
};

/** The processor deployment a caller expects (its address book). */
export interface ProcessorDeployment {
  readonly chainId: bigint;
  readonly verifyingContract: string;
}

/** The domain as the chain reports it (`eip712Domain()`). */
export interface ProcessorDomain extends ProcessorDeployment {
  readonly name: string;
  readonly version: string;
}

/** What a payer signs. Amounts in wei; times in unix seconds (valid while validAfter < now < validBefore). */
export interface TransferAuthorization {
  readonly from: string;
  readonly to: string;
  readonly amount: bigint;
  readonly maxFee: bigint;
  readonly nonce: bigint;
  readonly validAfter: bigint;
  readonly validBefore: bigint;
  readonly region: number;
}

/** An authorization with its 65-byte signature. */
export interface SignedAuthorization extends TransferAuthorization {
  readonly format: typeof AUTHORIZATION_FORMAT;
  readonly signature: string;
}

/** Base of the authorization errors. */
export class AuthorizationError extends KitError {
  override name = "AuthorizationError";
  constructor(shortMessage: string, options: KitErrorOptions = {}) {
    super(shortMessage, options);
  }
}
/** The chain's domain or the signer's network is not the expected deployment: nothing was signed or accepted. */
export class AuthorizationDomainMismatchError extends AuthorizationError {
  override name = "AuthorizationDomainMismatchError";
}
/** The signature is malformed or not the payer's. */
export class AuthorizationSignatureError extends AuthorizationError {
  override name = "AuthorizationSignatureError";
}
/** The authorization is outside its validity window at the given time. */
export class AuthorizationWindowError extends AuthorizationError {
  override name = "AuthorizationWindowError";
}

/** The ethers domain of a deployment. */
export function authorizationDomain(d: ProcessorDeployment): TypedDataDomain {
  return {
    name: AUTHORIZATION_DOMAIN_NAME,
    version: AUTHORIZATION_DOMAIN_VERSION,
    chainId: d.chainId,
    verifyingContract: getAddress(d.verifyingContract),
  };
}

/** The message object of `a` (for `signTypedData`). */
export function authorizationMessage(a: TransferAuthorization): Record<string, unknown> {
  return {
    from: getAddress(a.from),
    to: getAddress(a.to),
    amount: a.amount,
    maxFee: a.maxFee,
    nonce: a.nonce,
    validAfter: a.validAfter,
    validBefore: a.validBefore,
    region: a.region,
  };
}

/** The EIP-712 digest of `a` under deployment `d` (what `hashAuthorization` returns on chain). */
export function authorizationDigest(d: ProcessorDeployment, a: TransferAuthorization): string {
  return TypedDataEncoder.hash(authorizationDomain(d), AUTHORIZATION_TYPES, authorizationMessage(a));
}

/** Throws {@link AuthorizationDomainMismatchError} unless `actual` is the expected deployment with the right name. */
export function assertAuthorizationDomain(expected: ProcessorDeployment, actual: ProcessorDomain): void {
  const problems: string[] = [];
  if (actual.chainId !== expected.chainId) problems.push(`chainId ${actual.chainId} != ${expected.chainId}`);
  if (actual.verifyingContract.toLowerCase() !== expected.verifyingContract.toLowerCase()) {
    problems.push(`verifyingContract ${actual.verifyingContract} != ${expected.verifyingContract}`);
  }
  if (actual.name !== AUTHORIZATION_DOMAIN_NAME)
    problems.push(`name "${actual.name}" != "${AUTHORIZATION_DOMAIN_NAME}"`);
  if (actual.version !== AUTHORIZATION_DOMAIN_VERSION) problems.push(`version "${actual.version}" != "1"`);
  if (problems.length > 0) {
    throw new AuthorizationDomainMismatchError(`authorization domain mismatch: ${problems.join("; ")}`, {
      details: { expected, actual },
    });
  }
}

/** A random 256-bit nonce (payers may also count up from one: consecutive nonces share a bitmap word). */
export function randomNonce(): bigint {
  return BigInt(hexlify(randomBytes(32)));
}

/** The bitmap word and bit of a nonce. */
export function nonceSlot(nonce: bigint): { readonly word: bigint; readonly bit: bigint } {
  return { word: nonce >> 8n, bit: 1n << (nonce & 255n) };
}

/**
 * The agent's off-chain check: the domain is the expected deployment, the signature is the payer's, and `now`
 * (unix s) is inside the window. Nonce use and the fee are checked on chain (a batch skips them).
 */
export function verifyAuthorization(
  sa: SignedAuthorization,
  ctx: { readonly expected: ProcessorDeployment; readonly actual: ProcessorDomain; readonly now?: bigint },
): void {
  assertAuthorizationDomain(ctx.expected, ctx.actual);
  let signer: string;
  try {
    signer = recoverAddress(authorizationDigest(ctx.expected, sa), sa.signature);
  } catch (cause) {
    throw new AuthorizationSignatureError("malformed authorization signature", { cause });
  }
  if (signer.toLowerCase() !== sa.from.toLowerCase()) {
    throw new AuthorizationSignatureError(`signed by ${signer}, not the payer ${sa.from}`);
  }
  if (ctx.now !== undefined && !(sa.validAfter < ctx.now && ctx.now < sa.validBefore)) {
    throw new AuthorizationWindowError(`not valid at ${ctx.now} (window ${sa.validAfter} .. ${sa.validBefore})`);
  }
}

/** JSON line of a signed authorization (bigints as decimal strings). */
export function serializeAuthorization(sa: SignedAuthorization): string {
  return JSON.stringify({
    ...sa,
    amount: sa.amount.toString(),
    maxFee: sa.maxFee.toString(),
    nonce: sa.nonce.toString(),
    validAfter: sa.validAfter.toString(),
    validBefore: sa.validBefore.toString(),
  });
}

/** Parses `serializeAuthorization`'s output (throws {@link AuthorizationError} on a bad shape). */
export function parseAuthorization(json: string): SignedAuthorization {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch (cause) {
    throw new AuthorizationError("authorization is not JSON", { cause });
  }
  if (o.format !== AUTHORIZATION_FORMAT) throw new AuthorizationError(`unknown format ${String(o.format)}`);
  const big = (k: string): bigint => {
    const v = o[k];
    if (typeof v !== "string" || !/^[0-9]+$/.test(v)) throw new AuthorizationError(`${k} is not a decimal string`);
    return BigInt(v);
  };
  if (typeof o.signature !== "string" || typeof o.region !== "number") {
    throw new AuthorizationError("missing signature or region");
  }
  return {
    format: AUTHORIZATION_FORMAT,
    from: getAddress(String(o.from)),
    to: getAddress(String(o.to)),
    amount: big("amount"),
    maxFee: big("maxFee"),
    nonce: big("nonce"),
    validAfter: big("validAfter"),
    validBefore: big("validBefore"),
    region: o.region,
    signature: o.signature,
  };
}
