/**
 * Payment-channel vouchers (EIP-712), pure: typed data, digest, and the receiver-side check a provider runs before it serves more tokens.
 *
 * Typed data (must match `contracts/quiver/channels/PaymentChannels.sol`, checked by the differential tests):
 *   domain  { name: "QUIVer PaymentChannels", version: "1", chainId, verifyingContract }
 *   Voucher(uint256 channelId,uint256 cumulativeAmount,uint256 tokensGenerated)
 *
 * Safety rules (SECURITY-CHECKLIST SDK-02, SDK-04):
 * - `signVoucher` and `verifyVoucher` take the deployment the caller expects (address book) and the domain the
 *   chain reports (`eip712Domain()`, read by sdk/chain) and refuse to work if chain id, contract, name or version
 *   differ; `signVoucher` (sdk/quiver/chain/voucher.ts, it asks the signer's provider for its network) also checks
 *   the signer's own network when it has a provider.
 * - `verifyVoucher` always checks the signature, also for stale or equal vouchers, before it looks at amounts; it
 *   accepts only 65-byte low-s signatures with v in {27, 28} (what the contract accepts), only
 *   `lastAccepted < cumulativeAmount <= deposit`, and only while the channel is Open when a state is given.
 *
 * Signature checking: the same strict format checks the contract applies (65 bytes, low s, v in {27, 28}), then
 * public-key recovery by libsecp256k1 (`secp256k1` package); there is no hand-written curve arithmetic here, by
 * design (a differential test compares it with ethers' `recoverAddress` on random and altered signatures).
 *
 * Hashing on the hot path (the digest, the recovered key's address) goes through the `keccak` package's native
 * binding (about 4.5 us per hash here against 13 us in ethers' JavaScript keccak256; the package falls back to its own
 * JavaScript where no prebuilt binary exists), on bytes end to end: a voucher is hashed, signed and checked without
 * hex round trips. A differential test holds it to ethers' TypedDataEncoder.
 */
import {
  AbiCoder,
  getBytes,
  TypedDataEncoder,
  getAddress,
  keccak256,
  toUtf8Bytes,
  type TypedDataDomain,
  type TypedDataField,
} from "ethers";
import type CreateKeccak from "keccak";
import type Secp256k1 from "secp256k1";

let secp256k1Lib: typeof Secp256k1 | undefined;
/** The native binding, loaded on first use (a CLI call that signs no voucher skips its ~15 ms load). */
function secp256k1(): typeof Secp256k1 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  secp256k1Lib ??= require("secp256k1") as typeof Secp256k1;
  return secp256k1Lib;
}
import { KitError, type KitErrorOptions } from "../../kit/core/errors";

/** EIP-712 domain name of PaymentChannels. */
export const VOUCHER_DOMAIN_NAME = "QUIVer PaymentChannels";
/** EIP-712 domain version of PaymentChannels. */
export const VOUCHER_DOMAIN_VERSION = "1";
/** Format tag of serialised vouchers. */
export const VOUCHER_FORMAT = "quiver-voucher-v1";
/** The EIP-712 types of a voucher (for `signTypedData` and eth_signTypedData_v4). */
export const VOUCHER_TYPES: { Voucher: TypedDataField[] } = {
  Voucher: [
    { name: "channelId", type: "uint256" },
    { name: "cumulativeAmount", type: "uint256" },
    { name: "tokensGenerated", type: "uint256" },
  ],
};
/** `keccak256("Voucher(uint256 channelId,uint256 cumulativeAmount,uint256 tokensGenerated)")`. */
export const VOUCHER_TYPEHASH = keccak256(
  toUtf8Bytes("Voucher(uint256 channelId,uint256 cumulativeAmount,uint256 tokensGenerated)"),
);

/** The deployment a caller expects (from its address book). */
export interface ChannelsDeployment {
  readonly chainId: bigint;
  readonly verifyingContract: string;
}

/** The EIP-712 domain as the chain reports it (`eip712Domain()` plus the chain id). */
export interface ChannelsDomain extends ChannelsDeployment {
  readonly name: string;
  readonly version: string;
}

/** A voucher: cumulative amount (wei of QUIV) and tokens generated on one channel. */
export interface Voucher {
  readonly channelId: bigint;
  readonly cumulativeAmount: bigint;
  readonly tokensGenerated: bigint;
}

/** A voucher with its 65-byte signature (0x-hex, r || s || v). */
export interface SignedVoucher extends Voucher {
  readonly format: typeof VOUCHER_FORMAT;
  readonly signature: string;
}

/** What the receiver knows about the channel (from sdk/chain or its own records). */
export interface ChannelView {
  readonly channelId: bigint;
  readonly consumer: string;
  /** Deposit in wei of QUIV. */
  readonly deposit: bigint;
  /** Active delegated signers of the consumer (not yet revoked or still in their revoke delay). */
  readonly signers?: readonly string[];
  /** Channel state name (`IPaymentChannels.ChannelState`); when given, only "Open" is accepted. */
  readonly state?: string;
}

/**
 * Base of the voucher errors: a {@link KitError} (`shortMessage`, `details`, `cause`). `errorName` names the
 * PaymentChannels custom error the same input would hit on chain, when there is one.
 *
 * @example
 * try { parseVoucher(text) } catch (e) { if (e instanceof VoucherError) console.error(e.shortMessage) }
 */
export class VoucherError extends KitError {
  override name = "VoucherError";
  readonly errorName: string | undefined = undefined;
  constructor(shortMessage: string, options: KitErrorOptions = {}) {
    super(shortMessage, options);
  }
}
/**
 * The chain's domain, or the signer's network, is not the expected deployment: nothing was signed or accepted.
 * The other subclasses name what failed; all of them are `VoucherError`s (and `KitError`s).
 *
 * @example
 * try { await signChannelVoucher(w, q.channels, expected, v) } catch (e) { if (e instanceof VoucherDomainMismatchError) … }
 */
export class VoucherDomainMismatchError extends VoucherError {
  override name = "VoucherDomainMismatchError";
}
/** Malformed signature, or signed by someone who is neither the consumer nor one of its signers. */
export class VoucherSignatureError extends VoucherError {
  override name = "VoucherSignatureError";
  override readonly errorName = "ChannelInvalidSigner";
}
/** The voucher is for another channel than the one checked. */
export class VoucherChannelMismatchError extends VoucherError {
  override name = "VoucherChannelMismatchError";
}
/** The channel is not Open (closing, expired or closed): serve no more. */
export class VoucherChannelNotOpenError extends VoucherError {
  override name = "VoucherChannelNotOpenError";
  override readonly errorName = "ChannelUnexpectedState";
}
/** `cumulativeAmount <= lastAccepted` (replayed, equal or lower voucher). */
export class VoucherNotIncreasingError extends VoucherError {
  override name = "VoucherNotIncreasingError";
  override readonly errorName = "ChannelVoucherNotIncreasing";
}
/** `cumulativeAmount > deposit`. */
export class VoucherAboveDepositError extends VoucherError {
  override name = "VoucherAboveDepositError";
  override readonly errorName = "ChannelVoucherAboveDeposit";
}

const coder = AbiCoder.defaultAbiCoder();
const domainSeparators = new Map<string, string>();
const DOMAIN_TYPEHASH = keccak256(
  toUtf8Bytes("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
);
const NAME_HASH = keccak256(toUtf8Bytes(VOUCHER_DOMAIN_NAME));
const VERSION_HASH = keccak256(toUtf8Bytes(VOUCHER_DOMAIN_VERSION));

/**
 * The ethers `TypedDataDomain` of a deployment.
 * @example
 * await signer.signTypedData(voucherDomain({ chainId: 31337n, verifyingContract: channels }), VOUCHER_TYPES, voucher);
 */
export function voucherDomain(d: ChannelsDeployment): TypedDataDomain {
  return {
    name: VOUCHER_DOMAIN_NAME,
    version: VOUCHER_DOMAIN_VERSION,
    chainId: d.chainId,
    verifyingContract: getAddress(d.verifyingContract),
  };
}

/**
 * Full typed data of a voucher, as eth_signTypedData_v4 and `@metamask/eth-sig-util` take it.
 * @example
 * const deployment = { chainId: 31337n, verifyingContract: channels };
 * const td = voucherTypedData(deployment, { channelId: 1n, cumulativeAmount: 10n, tokensGenerated: 5n });
 */
export function voucherTypedData(d: ChannelsDeployment, v: Voucher) {
  return {
    types: {
      EIP712Domain: [
        { name: "name", type: "string" },
        { name: "version", type: "string" },
        { name: "chainId", type: "uint256" },
        { name: "verifyingContract", type: "address" },
      ],
      Voucher: VOUCHER_TYPES.Voucher,
    },
    primaryType: "Voucher" as const,
    domain: {
      name: VOUCHER_DOMAIN_NAME,
      version: VOUCHER_DOMAIN_VERSION,
      chainId: Number(d.chainId),
      verifyingContract: getAddress(d.verifyingContract),
    },
    message: {
      channelId: v.channelId.toString(),
      cumulativeAmount: v.cumulativeAmount.toString(),
      tokensGenerated: v.tokensGenerated.toString(),
    },
  };
}

/**
 * EIP-712 domain separator of a deployment (cached).
 * @example
 * voucherDomainSeparator({ chainId: 31337n, verifyingContract: channels }); // 0x… (32 bytes)
 */
export function voucherDomainSeparator(d: ChannelsDeployment): string {
  const key = `${d.chainId}:${d.verifyingContract.toLowerCase()}`;
  let sep = domainSeparators.get(key);
  if (sep === undefined) {
    sep = keccak256(
      coder.encode(
        ["bytes32", "bytes32", "bytes32", "uint256", "address"],
        [DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, d.chainId, d.verifyingContract],
      ),
    );
    domainSeparators.set(key, sep);
  }
  return sep;
}

const TYPEHASH_BYTES = getBytes(VOUCHER_TYPEHASH);
const separatorBytes = new Map<string, Uint8Array>();

/** Writes `x` as a big-endian uint256 at `buf[offset..offset+32)`; rejects values outside uint256. */
function writeWord(buf: Uint8Array, offset: number, x: bigint, what: string): void {
  if (typeof x !== "bigint" || x < 0n || x >= 1n << 256n) {
    throw new VoucherError(`${what} is not a uint256`, { details: { [what]: String(x) } });
  }
  const hex = x.toString(16).padStart(64, "0");
  for (let i = 0; i < 32; i++) {
    buf[offset + i] = (NIBBLE[hex.charCodeAt(2 * i)] << 4) | NIBBLE[hex.charCodeAt(2 * i + 1)];
  }
}

/** Value of a lowercase hex digit by its char code (the hot path of the voucher hashes: no string slicing). */
const NIBBLE = (() => {
  const t = new Uint8Array(128);
  for (let i = 0; i < 16; i++) t["0123456789abcdef".charCodeAt(i)] = i;
  return t;
})();

/**
 * `hashStruct(voucher)`: keccak256 of the ABI-encoded type hash and fields.
 * @example
 * voucherStructHash({ channelId: 1n, cumulativeAmount: 10n, tokensGenerated: 5n });
 */
export function voucherStructHash(v: Voucher): string {
  return "0x" + voucherStructHashBytes(v).toString("hex");
}

let keccakLib: typeof CreateKeccak | undefined;

/** keccak256 of `data` (native binding of the `keccak` package, loaded on first use), as 32 bytes. */
function keccakBytes(data: Uint8Array): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  keccakLib ??= require("keccak") as typeof CreateKeccak;
  return keccakLib("keccak256")
    .update(Buffer.from(data.buffer, data.byteOffset, data.length))
    .digest();
}

function voucherStructHashBytes(v: Voucher): Buffer {
  const buf = new Uint8Array(128);
  buf.set(TYPEHASH_BYTES);
  writeWord(buf, 32, v.channelId, "channelId");
  writeWord(buf, 64, v.cumulativeAmount, "cumulativeAmount");
  writeWord(buf, 96, v.tokensGenerated, "tokensGenerated");
  return keccakBytes(buf);
}

/**
 * The EIP-712 digest the signer signs; equals `PaymentChannels.voucherDigest` and `TypedDataEncoder.hash`.
 * @example
 * const deployment = { chainId: 31337n, verifyingContract: channels };
 * voucherDigest(deployment, { channelId: 1n, cumulativeAmount: 10n, tokensGenerated: 5n });
 */
export function voucherDigest(d: ChannelsDeployment, v: Voucher): string {
  return "0x" + voucherDigestBytes(d, v).toString("hex");
}

/**
 * {@link voucherDigest} as 32 bytes, for signing and recovery without a hex round trip.
 * @example
 * signDigestNative(wallet.signingKey, voucherDigestBytes(deployment, voucher));
 */
export function voucherDigestBytes(d: ChannelsDeployment, v: Voucher): Buffer {
  const key = `${d.chainId}:${d.verifyingContract.toLowerCase()}`;
  let sep = separatorBytes.get(key);
  if (sep === undefined) {
    sep = getBytes(voucherDomainSeparator(d));
    separatorBytes.set(key, sep);
  }
  const buf = new Uint8Array(66);
  buf[0] = 0x19;
  buf[1] = 0x01;
  buf.set(sep, 2);
  buf.set(voucherStructHashBytes(v), 34);
  return keccakBytes(buf);
}

/**
 * Throws VoucherDomainMismatchError unless the chain's domain is exactly the expected deployment's.
 * @example
 * assertVoucherDomain({ chainId: book.chainId, verifyingContract: channels }, await readChannelsDomain(q.channels));
 */
export function assertVoucherDomain(expected: ChannelsDeployment, actual: ChannelsDomain): void {
  const problems: string[] = [];
  if (actual.chainId !== expected.chainId) problems.push(`chainId ${actual.chainId} != ${expected.chainId}`);
  if (actual.verifyingContract.toLowerCase() !== expected.verifyingContract.toLowerCase()) {
    problems.push(`verifyingContract ${actual.verifyingContract} != ${expected.verifyingContract}`);
  }
  if (actual.name !== VOUCHER_DOMAIN_NAME) problems.push(`name "${actual.name}" != "${VOUCHER_DOMAIN_NAME}"`);
  if (actual.version !== VOUCHER_DOMAIN_VERSION) problems.push(`version "${actual.version}" != "1"`);
  if (problems.length) {
    throw new VoucherDomainMismatchError(`voucher domain mismatch: ${problems.join("; ")}`, {
      details: { expected, actual },
    });
  }
}

/** Result of an accepted voucher. */
export interface VoucherAcceptance {
  /** Who signed (the consumer or one of its signers), checksummed. */
  readonly signer: string;
  /** New amount owed since the last accepted voucher (wei). */
  readonly increment: bigint;
  readonly digest: string;
}

/**
 * Receiver-side check of a voucher before serving more: domain, channel, signature (always), state, then
 * `lastAccepted < cumulativeAmount <= deposit`. Throws the matching VoucherError; on success the caller persists
 * `cumulativeAmount` as its new `lastAccepted` before acknowledging.
 * @example
 * const { increment } = verifyVoucher(sv, { expected, actual, channel, lastAccepted });
 */
export function verifyVoucher(
  voucher: SignedVoucher | (Voucher & { readonly signature: string }),
  ctx: {
    readonly expected: ChannelsDeployment;
    readonly actual: ChannelsDomain;
    readonly channel: ChannelView;
    /** Highest cumulative amount accepted so far on this channel (0 at open). */
    readonly lastAccepted: bigint;
  },
): VoucherAcceptance {
  const { expected, actual, channel, lastAccepted } = ctx;
  assertVoucherDomain(expected, actual);
  if (voucher.channelId !== channel.channelId) {
    throw new VoucherChannelMismatchError(`voucher for channel ${voucher.channelId}, not ${channel.channelId}`, {
      details: {
        voucherChannelId: voucher.channelId,
        channelId: channel.channelId,
      },
    });
  }
  const digest = voucherDigestBytes(expected, voucher);
  const signer = recoverSigner(digest, voucher.signature, [channel.consumer, ...(channel.signers ?? [])]);
  if (channel.state !== undefined && channel.state !== "Open") {
    throw new VoucherChannelNotOpenError(`channel ${channel.channelId} is ${channel.state}`, {
      details: { state: channel.state },
    });
  }
  if (voucher.cumulativeAmount <= lastAccepted) {
    throw new VoucherNotIncreasingError(`voucher ${voucher.cumulativeAmount} <= last accepted ${lastAccepted}`, {
      details: {
        cumulativeAmount: voucher.cumulativeAmount,
        lastAccepted,
      },
    });
  }
  if (voucher.cumulativeAmount > channel.deposit) {
    throw new VoucherAboveDepositError(`voucher ${voucher.cumulativeAmount} > deposit ${channel.deposit}`, {
      details: {
        cumulativeAmount: voucher.cumulativeAmount,
        deposit: channel.deposit,
      },
    });
  }
  return { signer, increment: voucher.cumulativeAmount - lastAccepted, digest: "0x" + digest.toString("hex") };
}

/**
 * JSON form of a signed voucher (amounts as decimal strings).
 * @example
 * fs.writeFileSync("voucher.json", serializeVoucher(signed));
 */
export function serializeVoucher(v: SignedVoucher): string {
  return JSON.stringify({
    format: v.format,
    channelId: v.channelId.toString(),
    cumulativeAmount: v.cumulativeAmount.toString(),
    tokensGenerated: v.tokensGenerated.toString(),
    signature: v.signature,
  });
}

/**
 * Parses `serializeVoucher` output; rejects other formats.
 * @example
 * const v = parseVoucher(fs.readFileSync("voucher.json", "utf8"));
 */
export function parseVoucher(json: string): SignedVoucher {
  const o = JSON.parse(json) as Record<string, string>;
  if (o.format !== VOUCHER_FORMAT)
    throw new VoucherError(`unknown voucher format ${o.format}`, { details: { format: o.format } });
  const uint = (s: string, what: string): bigint => {
    if (!/^(0|[1-9][0-9]*)$/.test(s))
      throw new VoucherError(`${what} is not a decimal uint`, { details: { [what]: s } });
    return BigInt(s);
  };
  return {
    format: VOUCHER_FORMAT,
    channelId: uint(o.channelId, "channelId"),
    cumulativeAmount: uint(o.cumulativeAmount, "cumulativeAmount"),
    tokensGenerated: uint(o.tokensGenerated, "tokensGenerated"),
    signature: o.signature,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Signature checking. `recoverVoucherSigner` returns the candidate that signed, or throws VoucherSignatureError.

/** secp256k1 group order; PaymentChannels (OpenZeppelin ECDSA) rejects s above N / 2. */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HALF_N = N >> 1n;

const ZERO_WORD = "0".repeat(64);
const N_HEX = N.toString(16).padStart(64, "0");
const HALF_N_HEX = HALF_N.toString(16).padStart(64, "0");

function parseSignature(signature: string): { v: number } {
  if (typeof signature !== "string" || !/^0x[0-9a-fA-F]{130}$/.test(signature)) {
    const bytes = typeof signature === "string" ? (signature.length - 2) / 2 : NaN;
    throw new VoucherSignatureError(`signature must be 65 bytes (r, s, v), got ${bytes}`, {
      details: { length: bytes },
    });
  }
  // Range checks on the fixed-width lowercase hex words (lexicographic order = numeric order), no bigint parse.
  const lower = signature.toLowerCase();
  const r = lower.slice(2, 66);
  const s = lower.slice(66, 130);
  const v = NIBBLE[lower.charCodeAt(130)] * 16 + NIBBLE[lower.charCodeAt(131)];
  if (r === ZERO_WORD || r >= N_HEX) {
    throw new VoucherSignatureError("signature r out of range", { details: { r: BigInt("0x" + r) } });
  }
  if (s === ZERO_WORD || s > HALF_N_HEX) {
    throw new VoucherSignatureError("signature s is zero or high (malleable)", { details: { s: BigInt("0x" + s) } });
  }
  if (v !== 27 && v !== 28)
    throw new VoucherSignatureError(`signature v must be 27 or 28, got ${v}`, { details: { v } });
  return { v };
}

/** Checksummed form of each candidate address seen (lowercase, no 0x → checksummed): getAddress hashes once. */
const checksummed = new Map<string, string>();

/**
 * The candidate (consumer or delegated signer) who signed `digest`, checksummed; throws VoucherSignatureError for
 * a malformed signature or another signer. Accepts exactly what PaymentChannels accepts (65 bytes, low s, v 27/28).
 * @example
 * recoverVoucherSigner(voucherDigest(deployment, v), v.signature, [consumer]); // consumer, checksummed
 */
export function recoverVoucherSigner(digest: string, signature: string, candidates: readonly string[]): string {
  return recoverSigner(getBytes(digest), signature, candidates);
}

function recoverSigner(digest: Uint8Array, signature: string, candidates: readonly string[]): string {
  const { v } = parseSignature(signature);
  // Public-key recovery by libsecp256k1 (bitcoin-core's library, through the `secp256k1` N-API binding; the package
  // falls back to `elliptic` where no prebuilt binary exists). No hand-written curve arithmetic in the verifier.
  let recovered: string; // 40 lowercase hex digits
  try {
    const sig = Buffer.from(signature.slice(2, 130), "hex"); // r || s, format checked by parseSignature
    const publicKey = secp256k1().ecdsaRecover(sig, v - 27, digest, false);
    recovered = keccakBytes(publicKey.subarray(1)).subarray(12).toString("hex");
  } catch (cause) {
    throw new VoucherSignatureError("signature does not recover to a key", { cause });
  }
  // Compared as lowercase hex; the checksum (a keccak of its own) is computed once per address, not per voucher.
  const match = candidates.find((c) => c.length === 42 && c.slice(2).toLowerCase() === recovered);
  if (match === undefined) {
    const signer = getAddress("0x" + recovered);
    throw new VoucherSignatureError(`voucher signed by ${signer}, not by the consumer or its signers`, {
      details: { signer, candidates },
    });
  }
  let signer = checksummed.get(recovered);
  if (signer === undefined) {
    signer = getAddress("0x" + recovered);
    if (checksummed.size < 10_000) checksummed.set(recovered, signer);
  }
  return signer;
}

/**
 * For tests: the typed-data hash by ethers' generic encoder (an independent path to the same digest).
 * @example
 * voucherDigestGeneric(deployment, voucher) === voucherDigest(deployment, voucher); // true
 */
export function voucherDigestGeneric(d: ChannelsDeployment, v: Voucher): string {
  return TypedDataEncoder.hash(voucherDomain(d), VOUCHER_TYPES, v);
}
