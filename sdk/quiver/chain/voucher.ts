/**
 * Voucher signing: the pure voucher rules are in sdk/quiver/core/voucher.ts; this layer asks the signer's provider
 * for its network (cached per provider) and signs.
 */
import { getBytes, SigningKey, type Provider, type Signer } from "ethers";
import type Secp256k1 from "secp256k1";

let secp256k1Lib: typeof Secp256k1 | undefined;
/** The native binding, loaded on first use (a CLI call that signs no voucher skips its ~15 ms load). */
function secp256k1(): typeof Secp256k1 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  secp256k1Lib ??= require("secp256k1") as typeof Secp256k1;
  return secp256k1Lib;
}
import {
  assertVoucherDomain,
  VOUCHER_FORMAT,
  VOUCHER_TYPES,
  VoucherDomainMismatchError,
  voucherDigestBytes,
  voucherDomain,
  type ChannelsDeployment,
  type ChannelsDomain,
  type SignedVoucher,
  type Voucher,
} from "../core/voucher";

const networkChainIds = new WeakMap<Provider, Promise<bigint>>();
const privateKeys = new WeakMap<SigningKey, Uint8Array>();

/**
 * The 65-byte signature (r, s, v = 27 + recovery id) of a 32-byte digest (hex or bytes), by libsecp256k1 through the
 * `secp256k1` N-API binding: RFC 6979 nonces and low-s form, so byte-for-byte the signature ethers'
 * `SigningKey.sign(digest)` returns (a differential test compares them), about four times faster.
 */
export function signDigestNative(key: SigningKey, digest: string | Uint8Array): string {
  let sk = privateKeys.get(key);
  if (sk === undefined) {
    sk = getBytes(key.privateKey);
    privateKeys.set(key, sk);
  }
  const { signature, recid } = secp256k1().ecdsaSign(typeof digest === "string" ? getBytes(digest) : digest, sk);
  const out = new Uint8Array(65);
  out.set(signature, 0);
  out[64] = 27 + recid;
  return "0x" + Buffer.from(out.buffer).toString("hex");
}

/**
 * Signs a voucher with any ethers v6 Signer, after checking that the chain's domain and the signer's network are
 * the expected deployment. Wallets sign the digest natively (`signDigestNative`: the same signature as `signTypedData`, faster); other
 * signers use `signTypedData`.
 * @example
 * const voucher = { channelId: 1n, cumulativeAmount: 10n ** 18n, tokensGenerated: 100n };
 * const sv = await signVoucher(wallet, voucher, { expected, actual });
 */
export async function signVoucher(
  signer: Signer,
  voucher: Voucher,
  domains: { readonly expected: ChannelsDeployment; readonly actual: ChannelsDomain },
): Promise<SignedVoucher> {
  const { expected, actual } = domains;
  assertVoucherDomain(expected, actual);
  const provider = signer.provider;
  if (provider) {
    let chainId = networkChainIds.get(provider);
    if (!chainId) {
      chainId = provider.getNetwork().then((n) => n.chainId);
      networkChainIds.set(provider, chainId);
    }
    const have = await chainId;
    if (have !== expected.chainId) {
      throw new VoucherDomainMismatchError(`signer is on chain ${have}, the deployment on ${expected.chainId}`, {
        details: {
          signerChainId: have,
          expected,
        },
      });
    }
  }
  const key = (signer as { signingKey?: unknown }).signingKey;
  const signature =
    key instanceof SigningKey
      ? signDigestNative(key, voucherDigestBytes(expected, voucher))
      : await signer.signTypedData(voucherDomain(expected), VOUCHER_TYPES, {
          channelId: voucher.channelId,
          cumulativeAmount: voucher.cumulativeAmount,
          tokensGenerated: voucher.tokensGenerated,
        });
  return {
    format: VOUCHER_FORMAT,
    channelId: voucher.channelId,
    cumulativeAmount: voucher.cumulativeAmount,
    tokensGenerated: voucher.tokensGenerated,
    signature,
  };
}
