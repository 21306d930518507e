import { expect } from "chai";
import fc from "fast-check";
import { fcSizes } from "../helpers/fc";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { Signature, TypedDataEncoder, Wallet, hexlify, recoverAddress } from "ethers";
import { SignTypedDataVersion, TypedDataUtils, recoverTypedSignature } from "@metamask/eth-sig-util";
import { deployChannels, sign, v } from "../quiver/fixtures/channels";
import { QUIV } from "../quiver/fixtures/foundation";
import {
  VOUCHER_TYPES,
  VoucherAboveDepositError,
  VoucherChannelMismatchError,
  VoucherChannelNotOpenError,
  VoucherDomainMismatchError,
  VoucherError,
  VoucherNotIncreasingError,
  VoucherSignatureError,
  parseVoucher,
  recoverVoucherSigner,
  serializeVoucher,
  verifyVoucher,
  voucherDigest,
  voucherDigestBytes,
  voucherDomain,
  voucherTypedData,
  type ChannelView,
} from "../../sdk/quiver/core/voucher";
import { signDigestNative, signVoucher } from "../../sdk/quiver/chain/voucher";

const { numRuns: RUNS, seed: SEED } = fcSizes({ runs: 25, cmds: 0 });
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const DEPOSIT = 100n * QUIV;

describe("sdk/core/voucher", () => {
  /** The channels fixture plus one channel alice -> provider of DEPOSIT. */
  async function withChannel() {
    const f = await deployChannels();
    const expiry = BigInt(await time.latest()) + 30n * 86_400n;
    await f.channels.connect(f.alice).open(f.provider.address, DEPOSIT, expiry);
    const channel: ChannelView = { channelId: 1n, consumer: f.alice.address, deposit: DEPOSIT, state: "Open" };
    return { ...f, id: 1n, channel };
  }

  describe("digest (SDK-01 differential)", () => {
    it("equals the contract's voucherDigest, eth-sig-util's eip712Hash and ethers' encoder on random vouchers", async () => {
      const f = await loadFixture(withChannel);
      const u256 = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), fc.constantFrom(0n, 1n, 2n ** 53n + 1n));
      await fc.assert(
        fc.asyncProperty(u256, u256, u256, async (channelId, cumulativeAmount, tokensGenerated) => {
          const voucher = { channelId, cumulativeAmount, tokensGenerated };
          const sdk = voucherDigest(f.deployment, voucher);
          expect(await f.channels.voucherDigest(channelId, { cumulativeAmount, tokensGenerated })).to.equal(sdk);
          expect(
            hexlify(TypedDataUtils.eip712Hash(voucherTypedData(f.deployment, voucher), SignTypedDataVersion.V4)),
          ).to.equal(sdk);
          expect(TypedDataEncoder.hash(voucherDomain(f.deployment), VOUCHER_TYPES, voucher)).to.equal(sdk);
          // The byte form the native signer and the verifier use is the same digest.
          expect(hexlify(voucherDigestBytes(f.deployment, voucher))).to.equal(sdk);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });

    it("agrees with eth-sig-util for other chains and contracts too", () => {
      const addr = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => ethers.getAddress(hexlify(b)));
      fc.assert(
        fc.property(
          fc.bigInt({ min: 1n, max: 2n ** 48n }),
          addr,
          fc.bigInt({ min: 0n, max: 2n ** 128n }),
          (chainId, c, amt) => {
            const d = { chainId, verifyingContract: c };
            const voucher = { channelId: 7n, cumulativeAmount: amt, tokensGenerated: 3n };
            expect(hexlify(TypedDataUtils.eip712Hash(voucherTypedData(d, voucher), SignTypedDataVersion.V4))).to.equal(
              voucherDigest(d, voucher),
            );
          },
        ),
        { numRuns: RUNS * 4, seed: SEED },
      );
    });

    it("rejects fields that are not uint256", () => {
      const d = { chainId: 1n, verifyingContract: ethers.ZeroAddress };
      expect(() => voucherDigest(d, { channelId: -1n, cumulativeAmount: 0n, tokensGenerated: 0n })).to.throw(
        VoucherError,
      );
      expect(() => voucherDigest(d, { channelId: 0n, cumulativeAmount: 2n ** 256n, tokensGenerated: 0n })).to.throw(
        VoucherError,
      );
    });
  });

  describe("signVoucher", () => {
    it("signs like signTypedData, eth-sig-util recovers the signer and the contract accepts it", async () => {
      const f = await loadFixture(withChannel);
      const hot = new Wallet(f.hotKey.privateKey, ethers.provider);
      const voucher = { channelId: f.id, cumulativeAmount: 5n * QUIV, tokensGenerated: 42n };
      const sv = await signVoucher(hot, voucher, { expected: f.deployment, actual: f.domain });
      expect(sv.signature).to.equal(await hot.signTypedData(voucherDomain(f.deployment), VOUCHER_TYPES, voucher));
      expect(
        recoverTypedSignature({
          data: voucherTypedData(f.deployment, voucher),
          signature: sv.signature,
          version: SignTypedDataVersion.V4,
        }),
      ).to.equal(hot.address.toLowerCase());
      await f.channels.connect(f.alice).authorizeSigner(hot.address);
      await expect(f.channels.connect(f.provider).collect(f.id, v(sv), sv.signature))
        .to.emit(f.channels, "VoucherCollected")
        .withArgs(f.id, hot.address, 5n * QUIV, 42n, 5n * QUIV);
    });

    it("signs through eth_signTypedData_v4 for node signers", async () => {
      const f = await loadFixture(withChannel);
      const sv = await sign(f, f.alice, f.id, QUIV, 1n);
      expect(recoverAddress(voucherDigest(f.deployment, sv), sv.signature)).to.equal(f.alice.address);
    });

    describe("when the chain's domain is not the expected deployment (SDK-02)", () => {
      it("refuses to sign for another chain id, contract, name or version", async () => {
        const f = await loadFixture(withChannel);
        const voucher = { channelId: f.id, cumulativeAmount: 1n, tokensGenerated: 0n };
        for (const actual of [
          { ...f.domain, chainId: f.deployment.chainId + 1n },
          { ...f.domain, verifyingContract: f.quiv.target as string },
          { ...f.domain, name: "Other" },
          { ...f.domain, version: "2" },
        ]) {
          await expect(signVoucher(f.hotKey, voucher, { expected: f.deployment, actual })).to.be.rejectedWith(
            VoucherDomainMismatchError,
          );
        }
      });

      it("refuses when the signer's own network is another chain", async () => {
        const f = await loadFixture(withChannel);
        const expected = { ...f.deployment, chainId: f.deployment.chainId + 1n };
        const hot = new Wallet(f.hotKey.privateKey, ethers.provider);
        await expect(
          signVoucher(
            hot,
            { channelId: 1n, cumulativeAmount: 1n, tokensGenerated: 0n },
            {
              expected,
              actual: { ...f.domain, chainId: f.deployment.chainId + 1n },
            },
          ),
        ).to.be.rejectedWith(VoucherDomainMismatchError, /signer is on chain/);
      });
    });
  });

  describe("verifyVoucher (SDK-04)", () => {
    const ctx = (f: Awaited<ReturnType<typeof withChannel>>, lastAccepted = 0n, channel = f.channel) => ({
      expected: f.deployment,
      actual: f.domain,
      channel,
      lastAccepted,
    });

    it("accepts a higher voucher within the deposit and returns the increment", async () => {
      const f = await loadFixture(withChannel);
      const sv = await sign(f, f.hotKey, f.id, 7n * QUIV);
      const res = verifyVoucher(await sign(f, f.alice, f.id, 7n * QUIV), ctx(f, 2n * QUIV));
      expect([res.signer, res.increment]).to.deep.equal([f.alice.address, 5n * QUIV]);
      const withDelegate = { ...f.channel, signers: [f.hotKey.address] };
      expect(verifyVoucher(sv, ctx(f, 0n, withDelegate)).signer).to.equal(f.hotKey.address);
      expect(verifyVoucher(await sign(f, f.alice, f.id, DEPOSIT), ctx(f)).increment).to.equal(DEPOSIT);
    });

    it("checks the signature first, also for stale and equal vouchers", async () => {
      const f = await loadFixture(withChannel);
      const forged = await sign(f, f.stranger, f.id, QUIV);
      expect(() => verifyVoucher(forged, ctx(f, 5n * QUIV))).to.throw(VoucherSignatureError);
      expect(() => verifyVoucher(forged, ctx(f, QUIV))).to.throw(VoucherSignatureError);
      const tampered = { ...(await sign(f, f.alice, f.id, QUIV)), cumulativeAmount: 2n * QUIV };
      expect(() => verifyVoucher(tampered, ctx(f, 3n * QUIV))).to.throw(VoucherSignatureError);
      const ok = await sign(f, f.alice, f.id, QUIV);
      expect(() => verifyVoucher(ok, ctx(f, QUIV))).to.throw(VoucherNotIncreasingError);
      expect(() => verifyVoucher(ok, ctx(f, 2n * QUIV))).to.throw(VoucherNotIncreasingError);
      try {
        verifyVoucher(ok, ctx(f, 2n * QUIV));
      } catch (e) {
        const err = e as VoucherNotIncreasingError;
        expect([err.errorName, err.details, err.shortMessage]).to.deep.equal([
          "ChannelVoucherNotIncreasing",
          { cumulativeAmount: QUIV, lastAccepted: 2n * QUIV },
          `voucher ${QUIV} <= last accepted ${2n * QUIV}`,
        ]);
      }
    });

    it("rejects a voucher above the deposit, for another channel, or on a channel that is not Open", async () => {
      const f = await loadFixture(withChannel);
      const above = await sign(f, f.alice, f.id, DEPOSIT + 1n);
      expect(() => verifyVoucher(above, ctx(f))).to.throw(VoucherAboveDepositError);
      const other = await sign(f, f.alice, 2n, QUIV);
      expect(() => verifyVoucher(other, ctx(f))).to.throw(VoucherChannelMismatchError);
      const ok = await sign(f, f.alice, f.id, QUIV);
      for (const state of ["Expired", "Closing", "Settleable", "Closed"]) {
        expect(() => verifyVoucher(ok, ctx(f, 0n, { ...f.channel, state }))).to.throw(VoucherChannelNotOpenError);
      }
      expect(verifyVoucher(ok, ctx(f, 0n, { ...f.channel, state: undefined })).increment).to.equal(QUIV);
    });

    it("rejects vouchers signed for another deployment or chain, and a delegate not listed", async () => {
      const f = await loadFixture(withChannel);
      const voucher = { channelId: f.id, cumulativeAmount: QUIV, tokensGenerated: 0n };
      const otherChain = await f.alice.signTypedData(
        voucherDomain({ ...f.deployment, chainId: f.deployment.chainId + 1n }),
        VOUCHER_TYPES,
        voucher,
      );
      const otherContract = await f.alice.signTypedData(
        voucherDomain({ ...f.deployment, verifyingContract: f.quiv.target as string }),
        VOUCHER_TYPES,
        voucher,
      );
      for (const signature of [otherChain, otherContract]) {
        expect(() => verifyVoucher({ ...voucher, signature }, ctx(f))).to.throw(VoucherSignatureError);
      }
      const byHotKey = await sign(f, f.hotKey, f.id, QUIV);
      expect(() => verifyVoucher(byHotKey, ctx(f))).to.throw(VoucherSignatureError, /not by the consumer/);
    });

    it("refuses to accept when the chain's domain is not the expected deployment", async () => {
      const f = await loadFixture(withChannel);
      const sv = await sign(f, f.alice, f.id, QUIV);
      expect(() =>
        verifyVoucher(sv, { ...ctx(f), actual: { ...f.domain, chainId: f.deployment.chainId + 1n } }),
      ).to.throw(VoucherDomainMismatchError);
      expect(() =>
        verifyVoucher(sv, { ...ctx(f), actual: { ...f.domain, verifyingContract: ethers.ZeroAddress } }),
      ).to.throw(VoucherDomainMismatchError);
    });

    it("accepts only 65-byte, low-s signatures with v 27 or 28, like the contract", async () => {
      const f = await loadFixture(withChannel);
      const sv = await sign(f, f.alice, f.id, QUIV);
      const sig = Signature.from(sv.signature);
      const twin = ethers.concat([sig.r, ethers.toBeHex(N - BigInt(sig.s), 32), sig.v === 27 ? "0x1c" : "0x1b"]);
      for (const signature of [
        sig.compactSerialized,
        sv.signature + "00",
        "0x",
        twin,
        ethers.concat([sig.r, sig.s, "0x1d"]),
        ethers.concat([ethers.ZeroHash, sig.s, "0x1b"]),
        ethers.concat([sig.r, ethers.ZeroHash, "0x1b"]),
      ]) {
        expect(() => verifyVoucher({ ...sv, signature }, ctx(f))).to.throw(VoucherSignatureError);
      }
    });
  });

  describe("signature check", () => {
    /** A few fixed keys; the property varies digests and alterations of the signature. */
    const KEYS = [1, 2, 3, 4].map((i) => new Wallet(ethers.keccak256(ethers.toBeHex(i, 32))));

    it("returns the signer exactly when ecrecover does, on random keys, digests and altered signatures", () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...KEYS),
          fc.uint8Array({ minLength: 32, maxLength: 32 }),
          fc.integer({ min: 0, max: 3 }),
          (key, digestBytes, mutation) => {
            const digest = hexlify(digestBytes);
            const sig = key.signingKey.sign(digest);
            expect(recoverVoucherSigner(digest, sig.serialized, [key.address])).to.equal(key.address);
            let altered = sig.serialized;
            if (mutation === 1) altered = ethers.concat([sig.r, sig.s, sig.v === 27 ? "0x1c" : "0x1b"]);
            if (mutation === 2)
              altered = ethers.concat([ethers.toBeHex(BigInt(sig.r) ^ 1n, 32), sig.s, ethers.toBeHex(sig.v, 1)]);
            if (mutation === 3)
              altered = ethers.concat([sig.r, ethers.toBeHex(BigInt(sig.s) - 1n, 32), ethers.toBeHex(sig.v, 1)]);
            let expected: string | undefined;
            try {
              expected = recoverAddress(digest, altered);
            } catch {
              expected = undefined;
            }
            let actual: string | undefined;
            try {
              actual = recoverVoucherSigner(digest, altered, [key.address]);
            } catch (e) {
              expect(e).to.be.instanceOf(VoucherSignatureError);
              actual = undefined;
            }
            expect(actual).to.equal(expected === key.address ? key.address : undefined);
          },
        ),
        { numRuns: RUNS * 4, seed: SEED },
      );
    });
  });

  describe("signature range checks (hex-word comparison, no bigint parse)", () => {
    const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const word = fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }),
      fc.constantFrom(0n, 1n, N - 1n, N, N + 1n, N >> 1n, (N >> 1n) + 1n, 2n ** 256n - 1n),
    );
    const key = new Wallet(ethers.keccak256(ethers.toBeHex(7, 32)));

    it("accept and reject exactly as the ecrecover rules (r in [1, N), s in [1, N/2], v 27 or 28), any hex case", () => {
      fc.assert(
        fc.property(word, word, fc.constantFrom(27, 28, 0, 1, 29), fc.boolean(), (r, sv, v, upper) => {
          const digest = ethers.keccak256(ethers.toBeHex(r ^ sv, 32));
          let sig = ethers.concat([ethers.toBeHex(r, 32), ethers.toBeHex(sv, 32), ethers.toBeHex(v, 1)]);
          if (upper) sig = "0x" + sig.slice(2).toUpperCase();
          const inRange = r > 0n && r < N && sv > 0n && sv <= N >> 1n && (v === 27 || v === 28);
          let expected: string | undefined;
          if (inRange) {
            try {
              expected = recoverAddress(digest, sig.toLowerCase());
            } catch {
              expected = undefined;
            }
          }
          let actual: string | undefined;
          try {
            // the recovered key is the only candidate, so an in-range signature that recovers is accepted
            actual = recoverVoucherSigner(digest, sig, expected ? [expected] : [key.address]);
          } catch (e) {
            expect(e).to.be.instanceOf(VoucherSignatureError);
            actual = undefined;
          }
          expect(actual).to.equal(expected);
        }),
        { numRuns: RUNS * 4, seed: SEED },
      );
    });

    it("returns the candidate checksummed whatever case the channel gave it in", () => {
      const digest = ethers.keccak256("0x01");
      const sig = key.signingKey.sign(digest).serialized;
      expect(recoverVoucherSigner(digest, sig, [key.address.toLowerCase()])).to.equal(key.address);
      expect(recoverVoucherSigner(digest, sig, ["0x" + key.address.slice(2).toUpperCase()])).to.equal(key.address);
    });
  });

  describe("native signing (signDigestNative)", () => {
    it("returns byte for byte ethers' SigningKey.sign signature (RFC 6979, low s) on random keys and digests", () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 32, maxLength: 32 }),
          fc.uint8Array({ minLength: 32, maxLength: 32 }),
          (keyBytes, digestBytes) => {
            const k = BigInt(hexlify(keyBytes));
            fc.pre(k > 0n && k < N);
            const key = new Wallet(hexlify(keyBytes)).signingKey;
            const digest = hexlify(digestBytes);
            const native = signDigestNative(key, digest);
            expect(native).to.equal(key.sign(digest).serialized);
            expect(signDigestNative(key, digestBytes)).to.equal(native); // the byte form signs the same
            expect(BigInt(ethers.dataSlice(native, 32, 64))).to.be.at.most(N >> 1n);
          },
        ),
        { numRuns: RUNS * 4, seed: SEED },
      );
    });
  });

  describe("serialisation", () => {
    it("round-trips amounts up to 2^256 - 1 and tags the format", async () => {
      const f = await loadFixture(withChannel);
      const sv = await signVoucher(
        f.hotKey,
        { channelId: 2n ** 256n - 1n, cumulativeAmount: 2n ** 200n + 3n, tokensGenerated: 2n ** 53n + 1n },
        { expected: f.deployment, actual: f.domain },
      );
      const json = serializeVoucher(sv);
      expect(JSON.parse(json).format).to.equal("quiver-voucher-v1");
      expect(parseVoucher(json)).to.deep.equal(sv);
      expect(() => parseVoucher(json.replace("quiver-voucher-v1", "quiver-voucher-v0"))).to.throw(VoucherError);
      expect(() => parseVoucher(json.replace(`"${2n ** 200n + 3n}"`, '"1e3"'))).to.throw(VoucherError);
      expect(() => parseVoucher(json.replace(`"${2n ** 200n + 3n}"`, '"-1"'))).to.throw(VoucherError);
    });
  });
});
