import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { Signature, TypedDataEncoder, recoverAddress } from "ethers";
import { CHANNEL_DEFAULTS, CONSUMER_FUNDS, deployChannels, sign, v } from "../fixtures/channels";
import { QUIV } from "../fixtures/foundation";
import { VOUCHER_TYPES, voucherDigest, voucherDomain } from "../../../sdk/quiver/core/voucher";
import { parameterKey } from "../../../sdk/quiver/core/parameters";
import { encodeStates } from "../../../sdk/kit/core";
import { DAY } from "../../helpers/units";

/** IPaymentChannels.ChannelState */
const S = { None: 0n, Open: 1n, Expired: 2n, Closing: 3n, Settleable: 4n, Closed: 5n } as const;
const bit = (...states: bigint[]) => encodeStates(...states.map(Number));
const REDEEMABLE = bit(S.Open, S.Expired, S.Closing);
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const DEPOSIT = 100n * QUIV;

describe("PaymentChannels", () => {
  /** Fixture plus one channel alice -> provider of DEPOSIT for 30 days. */
  async function withChannel() {
    const f = await loadFixture(deployChannels);
    const expiry = BigInt(await time.latest()) + 30n * DAY;
    await f.channels.connect(f.alice).open(f.provider.address, DEPOSIT, expiry);
    return { ...f, id: 1n, expiry };
  }

  describe("deployment", () => {
    it("binds QUIV, the registry and the EIP-712 domain", async () => {
      const f = await loadFixture(deployChannels);
      expect(await f.channels.token()).to.equal(await f.quiv.getAddress());
      expect(await f.channels.registry()).to.equal(await f.registry.getAddress());
      expect(await f.channels.nextChannelId()).to.equal(1n);
      const d = await f.channels.eip712Domain();
      expect([d.name, d.version, d.chainId, d.verifyingContract]).to.deep.equal([
        "QUIVer PaymentChannels",
        "1",
        f.deployment.chainId,
        f.deployment.verifyingContract,
      ]);
      expect(await f.channels.VOUCHER_TYPEHASH()).to.equal(
        ethers.id("Voucher(uint256 channelId,uint256 cumulativeAmount,uint256 tokensGenerated)"),
      );
    });

    it("rejects zero constructor addresses", async () => {
      const f = await loadFixture(deployChannels);
      const F = await ethers.getContractFactory("PaymentChannels");
      await expect(F.deploy(ethers.ZeroAddress, await f.registry.getAddress())).to.be.revertedWithCustomError(
        f.channels,
        "ChannelZeroAddress",
      );
      await expect(F.deploy(await f.quiv.getAddress(), ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.channels,
        "ChannelZeroAddress",
      );
    });
  });

  describe("open", () => {
    it("pulls the deposit, stores the channel and emits ChannelOpened", async () => {
      const f = await loadFixture(deployChannels);
      const expiry = BigInt(await time.latest()) + 10n * DAY;
      await expect(f.channels.connect(f.alice).open(f.provider.address, DEPOSIT, expiry))
        .to.emit(f.channels, "ChannelOpened")
        .withArgs(1n, f.alice.address, f.provider.address, DEPOSIT, expiry);
      expect(await f.quiv.balanceOf(f.alice.address)).to.equal(CONSUMER_FUNDS - DEPOSIT);
      expect(await f.quiv.balanceOf(await f.channels.getAddress())).to.equal(DEPOSIT);
      const c = await f.channels.getChannel(1n);
      expect([c.consumer, c.expiry, c.provider, c.settleDeadline, c.closed, c.deposit, c.collected]).to.deep.equal([
        f.alice.address,
        expiry,
        f.provider.address,
        0n,
        false,
        DEPOSIT,
        0n,
      ]);
      expect(await f.channels.state(1n)).to.equal(S.Open);
      expect(await f.channels.nextChannelId()).to.equal(2n);
    });

    it("numbers channels from a counter that is never reused", async () => {
      const f = await withChannel();
      await f.channels.connect(f.alice).open(f.provider.address, DEPOSIT, f.expiry);
      await f.channels.connect(f.bob).open(f.provider.address, DEPOSIT, f.expiry);
      expect((await f.channels.getChannel(2n)).consumer).to.equal(f.alice.address);
      expect((await f.channels.getChannel(3n)).consumer).to.equal(f.bob.address);
      expect(await f.channels.nextChannelId()).to.equal(4n);
    });

    describe("when the input is bad", () => {
      it("rejects a zero provider or the consumer itself", async () => {
        const f = await loadFixture(deployChannels);
        const expiry = BigInt(await time.latest()) + DAY;
        await expect(f.channels.connect(f.alice).open(ethers.ZeroAddress, DEPOSIT, expiry))
          .to.be.revertedWithCustomError(f.channels, "ChannelInvalidProvider")
          .withArgs(f.alice.address, ethers.ZeroAddress);
        await expect(f.channels.connect(f.alice).open(f.alice.address, DEPOSIT, expiry))
          .to.be.revertedWithCustomError(f.channels, "ChannelInvalidProvider")
          .withArgs(f.alice.address, f.alice.address);
      });

      it("rejects a deposit below quiver.channels.minDeposit, accepts exactly it", async () => {
        const f = await loadFixture(deployChannels);
        const expiry = BigInt(await time.latest()) + DAY;
        await expect(f.channels.connect(f.alice).open(f.provider.address, CHANNEL_DEFAULTS.minDeposit - 1n, expiry))
          .to.be.revertedWithCustomError(f.channels, "ChannelDepositTooSmall")
          .withArgs(f.alice.address, CHANNEL_DEFAULTS.minDeposit - 1n, CHANNEL_DEFAULTS.minDeposit);
        await expect(f.channels.connect(f.alice).open(f.provider.address, CHANNEL_DEFAULTS.minDeposit, expiry)).to.emit(
          f.channels,
          "ChannelOpened",
        );
      });

      it("rejects an expiry not after now or beyond quiver.channels.maxDuration", async () => {
        const f = await loadFixture(deployChannels);
        const t = BigInt(await time.latest()) + 100n;
        const latest = t + CHANNEL_DEFAULTS.maxDuration;
        await time.setNextBlockTimestamp(t);
        await expect(f.channels.connect(f.alice).open(f.provider.address, DEPOSIT, t))
          .to.be.revertedWithCustomError(f.channels, "ChannelInvalidExpiry")
          .withArgs(f.alice.address, t, t + 1n, latest);
        await time.setNextBlockTimestamp(t + 1n);
        await expect(f.channels.connect(f.alice).open(f.provider.address, DEPOSIT, latest + 2n))
          .to.be.revertedWithCustomError(f.channels, "ChannelInvalidExpiry")
          .withArgs(f.alice.address, latest + 2n, t + 2n, latest + 1n);
        await time.setNextBlockTimestamp(t + 2n);
        await expect(f.channels.connect(f.alice).open(f.provider.address, DEPOSIT, latest + 2n)).to.emit(
          f.channels,
          "ChannelOpened",
        );
      });

      it("rejects a deposit that does not fit 128 bits before moving tokens", async () => {
        const f = await loadFixture(deployChannels);
        const expiry = BigInt(await time.latest()) + DAY;
        await expect(f.channels.connect(f.alice).open(f.provider.address, 2n ** 128n, expiry))
          .to.be.revertedWithCustomError(f.channels, "SafeCastOverflowedUintDowncast")
          .withArgs(128, 2n ** 128n);
      });
    });
  });

  describe("topUp", () => {
    it("raises the deposit while open", async () => {
      const f = await withChannel();
      await expect(f.channels.connect(f.alice).topUp(f.id, 5n * QUIV))
        .to.emit(f.channels, "ChannelToppedUp")
        .withArgs(f.id, 5n * QUIV, DEPOSIT + 5n * QUIV);
      expect((await f.channels.getChannel(f.id)).deposit).to.equal(DEPOSIT + 5n * QUIV);
      expect(await f.quiv.balanceOf(await f.channels.getAddress())).to.equal(DEPOSIT + 5n * QUIV);
    });

    it("rejects another caller, a zero amount, an unknown channel and an expired one", async () => {
      const f = await withChannel();
      await expect(f.channels.connect(f.bob).topUp(f.id, 1n))
        .to.be.revertedWithCustomError(f.channels, "ChannelNotConsumer")
        .withArgs(f.id, f.bob.address, f.alice.address);
      await expect(f.channels.connect(f.alice).topUp(f.id, 0n))
        .to.be.revertedWithCustomError(f.channels, "ChannelZeroAmount")
        .withArgs(f.alice.address);
      expect(await f.channels.state(9n), "never opened").to.equal(S.None);
      await expect(f.channels.connect(f.alice).topUp(9n, 1n))
        .to.be.revertedWithCustomError(f.channels, "ChannelUnexpectedState")
        .withArgs(9n, S.None, bit(S.Open));
      await time.increaseTo(f.expiry);
      await expect(f.channels.connect(f.alice).topUp(f.id, 1n))
        .to.be.revertedWithCustomError(f.channels, "ChannelUnexpectedState")
        .withArgs(f.id, S.Expired, bit(S.Open));
    });
  });

  describe("collect", () => {
    it("pays only the increase over what was collected, to the wei", async () => {
      const f = await withChannel();
      const v1 = await sign(f, f.alice, f.id, 3n * QUIV + 7n, 120n);
      await expect(f.channels.connect(f.provider).collect(f.id, v(v1), v1.signature))
        .to.emit(f.channels, "VoucherCollected")
        .withArgs(f.id, f.alice.address, 3n * QUIV + 7n, 120n, 3n * QUIV + 7n);
      const v2 = await sign(f, f.alice, f.id, 10n * QUIV, 400n);
      await expect(f.channels.connect(f.provider).collect(f.id, v(v2), v2.signature))
        .to.emit(f.channels, "VoucherCollected")
        .withArgs(f.id, f.alice.address, 10n * QUIV, 400n, 7n * QUIV - 7n);
      expect(await f.quiv.balanceOf(f.provider.address)).to.equal(10n * QUIV);
      expect((await f.channels.getChannel(f.id)).collected).to.equal(10n * QUIV);
      expect(await f.quiv.balanceOf(await f.channels.getAddress())).to.equal(DEPOSIT - 10n * QUIV);
    });

    it("accepts a voucher of exactly the deposit, rejects one wei more until a top-up", async () => {
      const f = await withChannel();
      const over = await sign(f, f.alice, f.id, DEPOSIT + 1n);
      await expect(f.channels.connect(f.provider).collect(f.id, v(over), over.signature))
        .to.be.revertedWithCustomError(f.channels, "ChannelVoucherAboveDeposit")
        .withArgs(f.id, DEPOSIT + 1n, DEPOSIT);
      const max = { cumulativeAmount: ethers.MaxUint256, tokensGenerated: 0n };
      await expect(f.channels.connect(f.provider).collect(f.id, max, over.signature))
        .to.be.revertedWithCustomError(f.channels, "ChannelVoucherAboveDeposit")
        .withArgs(f.id, ethers.MaxUint256, DEPOSIT);
      const exact = await sign(f, f.alice, f.id, DEPOSIT);
      await f.channels.connect(f.provider).collect(f.id, v(exact), exact.signature);
      await f.channels.connect(f.alice).topUp(f.id, 1n);
      await expect(f.channels.connect(f.provider).collect(f.id, v(over), over.signature))
        .to.emit(f.channels, "VoucherCollected")
        .withArgs(f.id, f.alice.address, DEPOSIT + 1n, 0n, 1n);
    });

    describe("when the voucher is replayed, equal or lower", () => {
      it("reverts with ChannelVoucherNotIncreasing", async () => {
        const f = await withChannel();
        const v5 = await sign(f, f.alice, f.id, 5n * QUIV);
        const v4 = await sign(f, f.alice, f.id, 4n * QUIV);
        await f.channels.connect(f.provider).collect(f.id, v(v5), v5.signature);
        await expect(f.channels.connect(f.provider).collect(f.id, v(v5), v5.signature))
          .to.be.revertedWithCustomError(f.channels, "ChannelVoucherNotIncreasing")
          .withArgs(f.id, 5n * QUIV, 5n * QUIV);
        await expect(f.channels.connect(f.provider).collect(f.id, v(v4), v4.signature))
          .to.be.revertedWithCustomError(f.channels, "ChannelVoucherNotIncreasing")
          .withArgs(f.id, 4n * QUIV, 5n * QUIV);
        const zero = { cumulativeAmount: 0n, tokensGenerated: 0n };
        await expect(f.channels.connect(f.provider).collect(2n, zero, v5.signature))
          .to.be.revertedWithCustomError(f.channels, "ChannelUnexpectedState")
          .withArgs(2n, S.None, REDEEMABLE);
      });
    });

    describe("when the voucher was signed for something else", () => {
      async function expectInvalidSigner(
        f: Awaited<ReturnType<typeof withChannel>>,
        id: bigint,
        amount: bigint,
        signature: string,
      ) {
        const digest = await f.channels.voucherDigest(id, { cumulativeAmount: amount, tokensGenerated: 0n });
        await expect(
          f.channels.connect(f.provider).collect(id, { cumulativeAmount: amount, tokensGenerated: 0n }, signature),
        )
          .to.be.revertedWithCustomError(f.channels, "ChannelInvalidSigner")
          .withArgs(id, recoverAddress(digest, signature), f.alice.address);
      }

      it("rejects a voucher of another channel between the same parties", async () => {
        const f = await withChannel();
        await f.channels.connect(f.alice).open(f.provider.address, DEPOSIT, f.expiry);
        const forOne = await sign(f, f.alice, 1n, QUIV);
        await expectInvalidSigner(f, 2n, QUIV, forOne.signature);
      });

      it("rejects a voucher of a closed channel on the channel reopened between the same parties", async () => {
        const f = await withChannel();
        const old = await sign(f, f.alice, f.id, QUIV);
        await f.channels.connect(f.provider).close(f.id, v(old), old.signature);
        await f.channels.connect(f.alice).open(f.provider.address, DEPOSIT, f.expiry);
        await expect(f.channels.connect(f.provider).collect(f.id, v(old), old.signature))
          .to.be.revertedWithCustomError(f.channels, "ChannelUnexpectedState")
          .withArgs(f.id, S.Closed, REDEEMABLE);
        await expectInvalidSigner(f, 2n, QUIV, old.signature);
      });

      it("rejects a voucher of another deployment (same channel id, same parties)", async () => {
        const f = await withChannel();
        const F = await ethers.getContractFactory("PaymentChannels");
        const other = await F.deploy(await f.quiv.getAddress(), await f.registry.getAddress());
        const dep = { chainId: f.deployment.chainId, verifyingContract: await other.getAddress() };
        const sig = await f.alice.signTypedData(voucherDomain(dep), VOUCHER_TYPES, {
          channelId: f.id,
          cumulativeAmount: QUIV,
          tokensGenerated: 0n,
        });
        expect(
          recoverAddress(voucherDigest(dep, { channelId: f.id, cumulativeAmount: QUIV, tokensGenerated: 0n }), sig),
        ).to.equal(f.alice.address);
        await expectInvalidSigner(f, f.id, QUIV, sig);
      });

      it("rejects a voucher signed for another chain id", async () => {
        const f = await withChannel();
        const sig = await f.alice.signTypedData(
          voucherDomain({ ...f.deployment, chainId: f.deployment.chainId + 1n }),
          VOUCHER_TYPES,
          {
            channelId: f.id,
            cumulativeAmount: QUIV,
            tokensGenerated: 0n,
          },
        );
        await expectInvalidSigner(f, f.id, QUIV, sig);
      });

      it("rejects a voucher signed with another type string (fields swapped, X-SIG-01)", async () => {
        const f = await withChannel();
        const swapped = {
          Voucher: [
            { name: "cumulativeAmount", type: "uint256" },
            { name: "channelId", type: "uint256" },
            { name: "tokensGenerated", type: "uint256" },
          ],
        };
        const sig = await f.alice.signTypedData(voucherDomain(f.deployment), swapped, {
          channelId: f.id,
          cumulativeAmount: QUIV,
          tokensGenerated: 0n,
        });
        await expectInvalidSigner(f, f.id, QUIV, sig);
      });

      it("rejects a voucher signed by a stranger, and one whose amount was altered", async () => {
        const f = await withChannel();
        const s = await sign(f, f.stranger, f.id, QUIV);
        await expect(f.channels.connect(f.provider).collect(f.id, v(s), s.signature))
          .to.be.revertedWithCustomError(f.channels, "ChannelInvalidSigner")
          .withArgs(f.id, f.stranger.address, f.alice.address);
        const a = await sign(f, f.alice, f.id, QUIV);
        await expectInvalidSigner(f, f.id, 2n * QUIV, a.signature);
      });
    });

    describe("when the signature is malformed", () => {
      it("rejects compact 64-byte (EIP-2098), 66-byte and empty signatures", async () => {
        const f = await withChannel();
        const s = await sign(f, f.alice, f.id, QUIV);
        const compact = Signature.from(s.signature).compactSerialized;
        await expect(f.channels.connect(f.provider).collect(f.id, v(s), compact))
          .to.be.revertedWithCustomError(f.channels, "ECDSAInvalidSignatureLength")
          .withArgs(64);
        await expect(f.channels.connect(f.provider).collect(f.id, v(s), s.signature + "00"))
          .to.be.revertedWithCustomError(f.channels, "ECDSAInvalidSignatureLength")
          .withArgs(66);
        await expect(f.channels.connect(f.provider).collect(f.id, v(s), "0x"))
          .to.be.revertedWithCustomError(f.channels, "ECDSAInvalidSignatureLength")
          .withArgs(0);
      });

      it("rejects the malleable high-s twin, a bad v and a zero signature", async () => {
        const f = await withChannel();
        const s = await sign(f, f.alice, f.id, QUIV);
        const sig = Signature.from(s.signature);
        const highS = N - BigInt(sig.s);
        const twin = ethers.concat([sig.r, ethers.toBeHex(highS, 32), sig.v === 27 ? "0x1c" : "0x1b"]);
        await expect(f.channels.connect(f.provider).collect(f.id, v(s), twin))
          .to.be.revertedWithCustomError(f.channels, "ECDSAInvalidSignatureS")
          .withArgs(ethers.toBeHex(highS, 32));
        const badV = ethers.concat([sig.r, sig.s, "0x1d"]);
        await expect(f.channels.connect(f.provider).collect(f.id, v(s), badV)).to.be.revertedWithCustomError(
          f.channels,
          "ECDSAInvalidSignature",
        );
        await expect(
          f.channels.connect(f.provider).collect(f.id, v(s), ethers.concat([ethers.ZeroHash, ethers.ZeroHash, "0x1b"])),
        ).to.be.revertedWithCustomError(f.channels, "ECDSAInvalidSignature");
      });
    });

    it("matches the SDK digest and the generic EIP-712 encoder", async () => {
      const f = await withChannel();
      const voucher = { channelId: f.id, cumulativeAmount: 123n, tokensGenerated: 456n };
      const onChain = await f.channels.voucherDigest(f.id, { cumulativeAmount: 123n, tokensGenerated: 456n });
      expect(onChain).to.equal(voucherDigest(f.deployment, voucher));
      expect(onChain).to.equal(TypedDataEncoder.hash(voucherDomain(f.deployment), VOUCHER_TYPES, voucher));
    });
  });

  describe("gas growth (CH-07)", () => {
    it("collect costs the same with 1 or 41 channels and after many vouchers", async () => {
      const f = await withChannel();
      const gasOf = async (amount: bigint) => {
        const s = await sign(f, f.alice, f.id, amount);
        return (await (await f.channels.connect(f.provider).collect(f.id, v(s), s.signature)).wait())!.gasUsed;
      };
      await gasOf(QUIV);
      const before = await gasOf(2n * QUIV);
      for (let i = 0; i < 40; i++) await f.channels.connect(f.bob).open(f.provider.address, QUIV, f.expiry);
      for (let i = 3n; i < 13n; i++) await gasOf(i * QUIV);
      const after = await gasOf(13n * QUIV);
      // Only calldata differs (zero bytes of amount and signature): at most a few hundred gas.
      expect(after < before + 300n && before < after + 300n).to.equal(true);
    });
  });

  describe("close (provider)", () => {
    it("pays the increase, refunds the rest and ends the channel", async () => {
      const f = await withChannel();
      const v1 = await sign(f, f.alice, f.id, 2n * QUIV);
      await f.channels.connect(f.provider).collect(f.id, v(v1), v1.signature);
      const v2 = await sign(f, f.alice, f.id, 30n * QUIV + 1n, 9n);
      const tx = f.channels.connect(f.provider).close(f.id, v(v2), v2.signature);
      await expect(tx)
        .to.emit(f.channels, "VoucherCollected")
        .withArgs(f.id, f.alice.address, 30n * QUIV + 1n, 9n, 28n * QUIV + 1n);
      await expect(tx)
        .to.emit(f.channels, "ChannelClosed")
        .withArgs(f.id, 30n * QUIV + 1n, DEPOSIT - 30n * QUIV - 1n);
      await expect(tx).to.changeTokenBalances(
        f.quiv,
        [f.provider, f.alice, f.channels],
        [28n * QUIV + 1n, DEPOSIT - 30n * QUIV - 1n, -(DEPOSIT - 2n * QUIV)],
      );
      expect(await f.channels.state(f.id)).to.equal(S.Closed);
    });

    it("with a voucher one wei below the deposit refunds exactly that wei (the smallest refund is paid)", async () => {
      const f = await withChannel();
      const most = await sign(f, f.alice, f.id, DEPOSIT - 1n);
      const tx = f.channels.connect(f.provider).close(f.id, v(most), most.signature);
      await expect(tx)
        .to.emit(f.channels, "ChannelClosed")
        .withArgs(f.id, DEPOSIT - 1n, 1n);
      await expect(tx).to.changeTokenBalances(f.quiv, [f.provider, f.alice, f.channels], [DEPOSIT - 1n, 1n, -DEPOSIT]);
    });

    it("with a full-deposit voucher refunds nothing; closing twice and topping up after reverts", async () => {
      const f = await withChannel();
      const all = await sign(f, f.alice, f.id, DEPOSIT);
      await expect(f.channels.connect(f.provider).close(f.id, v(all), all.signature))
        .to.emit(f.channels, "ChannelClosed")
        .withArgs(f.id, DEPOSIT, 0n);
      expect(await f.quiv.balanceOf(await f.channels.getAddress())).to.equal(0n);
      await expect(f.channels.connect(f.provider).close(f.id, v(all), all.signature))
        .to.be.revertedWithCustomError(f.channels, "ChannelUnexpectedState")
        .withArgs(f.id, S.Closed, REDEEMABLE);
      await expect(f.channels.connect(f.alice).topUp(f.id, QUIV))
        .to.be.revertedWithCustomError(f.channels, "ChannelUnexpectedState")
        .withArgs(f.id, S.Closed, bit(S.Open));
    });

    it("works after expiry and during the settle window", async () => {
      const f = await withChannel();
      await time.increaseTo(f.expiry);
      expect(await f.channels.state(f.id)).to.equal(S.Expired);
      const v1 = await sign(f, f.alice, f.id, QUIV);
      await f.channels.connect(f.provider).collect(f.id, v(v1), v1.signature);
      await f.channels.connect(f.alice).startClose(f.id);
      const v2 = await sign(f, f.alice, f.id, 2n * QUIV);
      await expect(f.channels.connect(f.provider).close(f.id, v(v2), v2.signature))
        .to.emit(f.channels, "ChannelClosed")
        .withArgs(f.id, 2n * QUIV, DEPOSIT - 2n * QUIV);
    });
  });

  describe("consumer close: startClose, settle window, finalize", () => {
    it("cannot start before expiry (t - 1), can at expiry (t)", async () => {
      const f = await withChannel();
      await time.setNextBlockTimestamp(f.expiry - 1n);
      await expect(f.channels.connect(f.alice).startClose(f.id))
        .to.be.revertedWithCustomError(f.channels, "ChannelUnexpectedState")
        .withArgs(f.id, S.Open, bit(S.Expired));
      await time.setNextBlockTimestamp(f.expiry);
      await expect(f.channels.connect(f.alice).startClose(f.id))
        .to.emit(f.channels, "ChannelCloseStarted")
        .withArgs(f.id, f.expiry + CHANNEL_DEFAULTS.settleWindow);
      expect(await f.channels.state(f.id)).to.equal(S.Closing);
      await expect(f.channels.connect(f.alice).startClose(f.id))
        .to.be.revertedWithCustomError(f.channels, "ChannelUnexpectedState")
        .withArgs(f.id, S.Closing, bit(S.Expired));
    });

    it("only the consumer starts it", async () => {
      const f = await withChannel();
      await time.increaseTo(f.expiry);
      await expect(f.channels.connect(f.provider).startClose(f.id))
        .to.be.revertedWithCustomError(f.channels, "ChannelNotConsumer")
        .withArgs(f.id, f.provider.address, f.alice.address);
    });

    it("lets the provider submit a higher voucher until deadline - 1, then anyone finalizes at the deadline", async () => {
      const f = await withChannel();
      const v1 = await sign(f, f.alice, f.id, 10n * QUIV);
      await f.channels.connect(f.provider).collect(f.id, v(v1), v1.signature);
      await time.setNextBlockTimestamp(f.expiry);
      await f.channels.connect(f.alice).startClose(f.id);
      const deadline = f.expiry + CHANNEL_DEFAULTS.settleWindow;

      const v2 = await sign(f, f.alice, f.id, 25n * QUIV);
      await time.setNextBlockTimestamp(deadline - 1n);
      await expect(f.channels.connect(f.provider).collect(f.id, v(v2), v2.signature))
        .to.emit(f.channels, "VoucherCollected")
        .withArgs(f.id, f.alice.address, 25n * QUIV, 0n, 15n * QUIV);

      await time.setNextBlockTimestamp(deadline - 1n + 1n);
      const v3 = await sign(f, f.alice, f.id, 26n * QUIV);
      await expect(f.channels.connect(f.provider).collect(f.id, v(v3), v3.signature))
        .to.be.revertedWithCustomError(f.channels, "ChannelUnexpectedState")
        .withArgs(f.id, S.Settleable, REDEEMABLE);
      expect(await f.channels.state(f.id)).to.equal(S.Settleable);

      const tx = f.channels.connect(f.stranger).finalize(f.id);
      await expect(tx)
        .to.emit(f.channels, "ChannelClosed")
        .withArgs(f.id, 25n * QUIV, DEPOSIT - 25n * QUIV);
      await expect(tx).to.changeTokenBalances(f.quiv, [f.alice, f.stranger], [DEPOSIT - 25n * QUIV, 0n]);
      expect(await f.quiv.balanceOf(await f.channels.getAddress())).to.equal(0n);
      await expect(f.channels.finalize(f.id))
        .to.be.revertedWithCustomError(f.channels, "ChannelUnexpectedState")
        .withArgs(f.id, S.Closed, bit(S.Settleable));
    });

    it("cannot finalize at deadline - 1", async () => {
      const f = await withChannel();
      await time.setNextBlockTimestamp(f.expiry);
      await f.channels.connect(f.alice).startClose(f.id);
      await time.setNextBlockTimestamp(f.expiry + CHANNEL_DEFAULTS.settleWindow - 1n);
      await expect(f.channels.finalize(f.id))
        .to.be.revertedWithCustomError(f.channels, "ChannelUnexpectedState")
        .withArgs(f.id, S.Closing, bit(S.Settleable));
    });

    it("refunds the whole deposit when nothing was collected (no free profit in open -> close)", async () => {
      const f = await withChannel();
      await time.increaseTo(f.expiry);
      await f.channels.connect(f.alice).startClose(f.id);
      await time.increase(CHANNEL_DEFAULTS.settleWindow);
      await f.channels.finalize(f.id);
      expect(await f.quiv.balanceOf(f.alice.address)).to.equal(CONSUMER_FUNDS);
    });

    it("a consumer front-running the provider's close with startClose does not cost the provider (CH-05)", async () => {
      const f = await withChannel();
      await time.increaseTo(f.expiry);
      const latest = await sign(f, f.alice, f.id, 40n * QUIV);
      await ethers.provider.send("evm_setAutomine", [false]);
      try {
        const fee = { maxFeePerGas: 10n ** 11n, gasLimit: 200_000n };
        const front = await f.channels.connect(f.alice).startClose(f.id, { ...fee, maxPriorityFeePerGas: 10n ** 10n });
        const victim = await f.channels
          .connect(f.provider)
          .close(f.id, v(latest), latest.signature, { ...fee, maxPriorityFeePerGas: 1n });
        await ethers.provider.send("evm_mine", []);
        const [a, b] = [await front.wait(), await victim.wait()];
        expect(a!.blockNumber).to.equal(b!.blockNumber);
        expect(a!.index).to.be.lessThan(b!.index);
      } finally {
        await ethers.provider.send("evm_setAutomine", [true]);
      }
      expect(await f.quiv.balanceOf(f.provider.address)).to.equal(40n * QUIV);
      expect(await f.channels.state(f.id)).to.equal(S.Closed);
    });

    it("finalizes a fully collected channel without a refund", async () => {
      const f = await withChannel();
      const all = await sign(f, f.alice, f.id, DEPOSIT);
      await f.channels.connect(f.provider).collect(f.id, v(all), all.signature);
      await time.increaseTo(f.expiry);
      await f.channels.connect(f.alice).startClose(f.id);
      await time.increase(CHANNEL_DEFAULTS.settleWindow);
      const tx = f.channels.finalize(f.id);
      await expect(tx).to.emit(f.channels, "ChannelClosed").withArgs(f.id, DEPOSIT, 0n);
      await expect(tx).to.not.emit(f.quiv, "Transfer");
    });

    it("fixes the settle window when the close starts, whatever governance sets later", async () => {
      const f = await withChannel();
      await time.setNextBlockTimestamp(f.expiry);
      await f.channels.connect(f.alice).startClose(f.id);
      await f.registry.set(parameterKey("quiver.channels.settleWindow"), 2n * DAY);
      expect((await f.channels.getChannel(f.id)).settleDeadline).to.equal(f.expiry + DAY);
    });
  });

  describe("signer delegation", () => {
    it("accepts vouchers of an authorized hot key", async () => {
      const f = await withChannel();
      await expect(f.channels.connect(f.alice).authorizeSigner(f.hotKey.address))
        .to.emit(f.channels, "SignerAuthorized")
        .withArgs(f.alice.address, f.hotKey.address);
      expect(await f.channels.isAuthorizedSigner(f.alice.address, f.hotKey.address)).to.equal(true);
      expect(await f.channels.isAuthorizedSigner(f.alice.address, f.alice.address)).to.equal(true);
      const s = await sign(f, f.hotKey, f.id, QUIV, 1n);
      await expect(f.channels.connect(f.provider).collect(f.id, v(s), s.signature))
        .to.emit(f.channels, "VoucherCollected")
        .withArgs(f.id, f.hotKey.address, QUIV, 1n, QUIV);
    });

    it("keeps a revoked key valid until the delay (t - 1) and rejects it from then on (t)", async () => {
      const f = await withChannel();
      await f.channels.connect(f.alice).authorizeSigner(f.hotKey.address);
      const t = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(t);
      await expect(f.channels.connect(f.alice).revokeSigner(f.hotKey.address))
        .to.emit(f.channels, "SignerRevoked")
        .withArgs(f.alice.address, f.hotKey.address, t + CHANNEL_DEFAULTS.signerRevokeDelay);
      expect(await f.channels.signerStatus(f.alice.address, f.hotKey.address)).to.deep.equal([
        true,
        t + CHANNEL_DEFAULTS.signerRevokeDelay,
      ]);

      const s1 = await sign(f, f.hotKey, f.id, QUIV);
      await time.setNextBlockTimestamp(t + CHANNEL_DEFAULTS.signerRevokeDelay - 1n);
      await f.channels.connect(f.provider).collect(f.id, v(s1), s1.signature);

      const s2 = await sign(f, f.hotKey, f.id, 2n * QUIV);
      await time.setNextBlockTimestamp(t + CHANNEL_DEFAULTS.signerRevokeDelay);
      await expect(f.channels.connect(f.provider).collect(f.id, v(s2), s2.signature))
        .to.be.revertedWithCustomError(f.channels, "ChannelInvalidSigner")
        .withArgs(f.id, f.hotKey.address, f.alice.address);
      expect(await f.channels.isAuthorizedSigner(f.alice.address, f.hotKey.address)).to.equal(false);

      // Re-authorizing makes it active again at once.
      await f.channels.connect(f.alice).authorizeSigner(f.hotKey.address);
      await expect(f.channels.connect(f.provider).collect(f.id, v(s2), s2.signature)).to.emit(
        f.channels,
        "VoucherCollected",
      );
    });

    it("rejects a delegate of another consumer", async () => {
      const f = await withChannel();
      await f.channels.connect(f.bob).authorizeSigner(f.hotKey.address);
      const s = await sign(f, f.hotKey, f.id, QUIV);
      await expect(f.channels.connect(f.provider).collect(f.id, v(s), s.signature))
        .to.be.revertedWithCustomError(f.channels, "ChannelInvalidSigner")
        .withArgs(f.id, f.hotKey.address, f.alice.address);
    });

    it("rejects authorizing zero or oneself, and revoking a key that is not active", async () => {
      const f = await withChannel();
      await expect(f.channels.connect(f.alice).authorizeSigner(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(f.channels, "ChannelInvalidDelegate")
        .withArgs(f.alice.address, ethers.ZeroAddress);
      await expect(f.channels.connect(f.alice).authorizeSigner(f.alice.address))
        .to.be.revertedWithCustomError(f.channels, "ChannelInvalidDelegate")
        .withArgs(f.alice.address, f.alice.address);
      await expect(f.channels.connect(f.alice).revokeSigner(f.hotKey.address))
        .to.be.revertedWithCustomError(f.channels, "ChannelSignerNotActive")
        .withArgs(f.alice.address, f.hotKey.address);
      await f.channels.connect(f.alice).authorizeSigner(f.hotKey.address);
      await f.channels.connect(f.alice).revokeSigner(f.hotKey.address);
      await expect(f.channels.connect(f.alice).revokeSigner(f.hotKey.address))
        .to.be.revertedWithCustomError(f.channels, "ChannelSignerNotActive")
        .withArgs(f.alice.address, f.hotKey.address);
    });
  });

  describe("access control", () => {
    it("every restricted entry point rejects an unauthorised caller with its exact error", async () => {
      const f = await withChannel();
      const s = await sign(f, f.alice, f.id, QUIV);
      await expect(f.channels.connect(f.stranger).topUp(f.id, QUIV))
        .to.be.revertedWithCustomError(f.channels, "ChannelNotConsumer")
        .withArgs(f.id, f.stranger.address, f.alice.address);
      for (const fn of ["collect", "close"] as const) {
        await expect(f.channels.connect(f.alice)[fn](f.id, v(s), s.signature))
          .to.be.revertedWithCustomError(f.channels, "ChannelNotProvider")
          .withArgs(f.id, f.alice.address, f.provider.address);
      }
      await time.increaseTo(f.expiry);
      await expect(f.channels.connect(f.stranger).startClose(f.id))
        .to.be.revertedWithCustomError(f.channels, "ChannelNotConsumer")
        .withArgs(f.id, f.stranger.address, f.alice.address);
    });
  });
});
