import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployQuiverActors, type QuiverActors } from "../quiver/fixtures/quiverActors";
import { ContractRevertError, InvalidArgumentError, KitError } from "../../sdk/kit/core";
import { splitPayment } from "../../sdk/quiver/core/market";
import {
  VoucherAboveDepositError,
  VoucherDomainMismatchError,
  VoucherError,
  VoucherNotIncreasingError,
  VoucherSignatureError,
} from "../../sdk/quiver/core/voucher";
import { addressOf } from "../../sdk/kit/chain";
import { encodeRequest, ensureAllowance, send, MemorySaltStore } from "../../sdk/kit/tx";
import {
  channelsDeployment,
  connectQuiver,
  readBid,
  readChannel,
  readDispute,
  readJob,
  readJobs,
  readMarketTotals,
  readMetrics,
  readNetworkFee,
  readPriceQuote,
  readReceipt,
  readRevealedBids,
  readValidator,
  buildAccept,
  acceptBidWithPermit,
  buildSignerAction,
  buildChannelAction,
  topUpChannel,
  bidKey,
  buildAppeal,
  buildOpenChannel,
  buildPenalize,
  buildPost,
  challengeJob,
  commitBid,
  commitVote,
  buildDisputeAction,
  buildFlushFees,
  buildJobAction,
  openChannel,
  postJob,
  buildVoucherRedeem,
  registerValidator,
  revealBid,
  revealVote,
  signChannelVoucher,
  buildSubmit,
  verifyChannelVoucher,
} from "../../sdk/quiver";
import { JsonFileStore } from "../../sdk/kit/node/store";
import { DAY, HOUR } from "../helpers/units";
import { TOKEN as Q } from "../helpers/units";

async function request(over: Partial<{ maxPrice: bigint; minTier: number }> = {}) {
  const now = BigInt(await time.latest());
  return {
    modelHash: ethers.id("llama-8b"),
    inputHash: ethers.id("prompt"),
    maxPrice: over.maxPrice ?? 10n * Q,
    bidDeadline: now + HOUR,
    completionDeadline: now + DAY,
    minTier: over.minTier ?? 1,
    sizeClass: 1,
  };
}

/** Posts a job and runs it to Awarding with one revealed bid at `price` from the tier-2 provider. */
async function jobToAwarding(f: QuiverActors, price: bigint, store = new MemorySaltStore()) {
  const q = connectQuiver(f.book, ethers.provider);
  const market = addressOf(f.book, "marketplace");
  const r = await request();
  const { jobId } = await postJob(f.consumer, market, r);
  await commitBid(f.provider, market, jobId, price, store);
  await time.increaseTo(r.bidDeadline);
  await revealBid(f.provider, market, jobId, store);
  await time.increaseTo(r.bidDeadline + HOUR);
  return { q, market, jobId, r, store };
}

describe("SDK market: jobs, channels, disputes, prices (in-process chain, QUIVer preset)", () => {
  let f: QuiverActors;
  beforeEach(async () => {
    f = await loadFixture(deployQuiverActors);
  });

  describe("a job from post to settlement", () => {
    it("derives every state on the way and pays the fee legs exactly", async () => {
      const q = connectQuiver(f.book, ethers.provider);
      const market = addressOf(f.book, "marketplace");
      const quiv = addressOf(f.book, "quiv");
      const store = new MemorySaltStore();
      const r = await request();
      const { jobId } = await postJob(f.consumer, market, r);
      expect(jobId).to.equal(1n);
      const posted = await readJob(q.marketplace, jobId);
      expect(posted).to.include({
        state: "Bidding",
        status: "Posted",
        consumer: f.consumer.address,
        maxPrice: 10n * Q,
      });
      expect(posted.revealDeadline).to.equal(r.bidDeadline + HOUR);

      const price = 4n * Q + 7n;
      const { commitment } = await commitBid(f.provider, market, jobId, price, store);
      expect((await readBid(q.marketplace, jobId, f.provider.address)).commitment).to.equal(commitment);
      expect(JSON.parse(store.get(bidKey(market, jobId, f.provider.address))!).price).to.equal(price.toString());

      await time.increaseTo(r.bidDeadline);
      expect((await readJob(q.marketplace, jobId)).state).to.equal("Revealing");
      await revealBid(f.provider, market, jobId, store);
      expect(await readRevealedBids(q.marketplace, jobId)).to.deep.equal([
        { jobId, provider: f.provider.address, commitment, price, revealed: true },
      ]);
      await time.increaseTo(r.bidDeadline + HOUR);
      expect((await readJob(q.marketplace, jobId)).state).to.equal("Awarding");

      await ensureAllowance(f.consumer, quiv, market, price);
      await send(f.consumer, buildAccept(market, jobId, f.provider.address));
      const accepted = await readJob(q.marketplace, jobId);
      expect(accepted).to.include({ state: "InProgress", provider: f.provider.address, price });
      expect((await readMarketTotals(q.marketplace)).totalEscrowed).to.equal(price);

      await send(f.provider, buildSubmit(market, jobId, ethers.id("out"), ethers.id("receipt")));
      expect((await readJob(q.marketplace, jobId)).state).to.equal("InReview");
      const before = await f.quiv.balanceOf(f.provider.address);
      await send(f.consumer, buildJobAction(market, "confirm", jobId));

      const job = await readJob(q.marketplace, jobId);
      expect(job.state).to.equal("Settled");
      const legs = splitPayment(price, job.networkFeeBps, job.treasuryFeeBps, job.burnBps);
      const receipt = await readReceipt(q.marketplace, jobId);
      expect(receipt).to.deep.equal({ jobId, ...legs });
      expect((await f.quiv.balanceOf(f.provider.address)) - before).to.equal(legs.providerReward);
      const totals = await readMarketTotals(q.marketplace);
      expect([totals.pendingNetworkFee, totals.pendingTreasuryFee, totals.pendingBurn]).to.deep.equal([
        legs.networkFee,
        legs.treasuryFee,
        legs.burned,
      ]);

      const treasury = await f.treasury.getAddress();
      const [t0, b0] = [await f.quiv.balanceOf(treasury), await f.quiv.totalBurned()];
      await send(f.stranger, buildFlushFees(market));
      expect((await f.quiv.balanceOf(treasury)) - t0).to.equal(legs.treasuryFee);
      expect((await f.quiv.totalBurned()) - b0).to.equal(legs.burned);
      expect((await readJobs(q.marketplace)).map((j) => j.state)).to.deep.equal(["Settled"]);
    });

    it("accepts with a permit instead of an approval", async () => {
      const { q, market, jobId } = await jobToAwarding(f, 3n * Q);
      const deadline = BigInt(await time.latest()) + HOUR;
      await acceptBidWithPermit(f.consumer, market, addressOf(f.book, "quiv"), jobId, f.provider.address, deadline);
      expect((await readJob(q.marketplace, jobId)).price).to.equal(3n * Q);
      expect(await f.quiv.allowance(f.consumer.address, market)).to.equal(0n);
    });

    it("refunds an expired job to the consumer exactly", async () => {
      const { q, market, jobId, r } = await jobToAwarding(f, 2n * Q);
      await ensureAllowance(f.consumer, addressOf(f.book, "quiv"), market, 2n * Q);
      await send(f.consumer, buildAccept(market, jobId, f.provider.address));
      await time.increaseTo(r.completionDeadline);
      expect((await readJob(q.marketplace, jobId)).state).to.equal("Expired");
      const before = await f.quiv.balanceOf(f.consumer.address);
      await send(f.stranger, buildJobAction(market, "refundExpired", jobId));
      expect((await f.quiv.balanceOf(f.consumer.address)) - before).to.equal(2n * Q);
      expect((await readJob(q.marketplace, jobId)).state).to.equal("Refunded");
    });

    describe("when a bid cannot be revealed", () => {
      it("without a stored salt: InvalidArgumentError, nothing sent", async () => {
        const market = addressOf(f.book, "marketplace");
        const { jobId } = await postJob(f.consumer, market, await request());
        const err = await revealBid(f.provider, market, jobId, new MemorySaltStore()).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(InvalidArgumentError);
        expect((err as KitError).shortMessage).to.contain("no committed bid for job 1");
      });

      it("with a tampered price: the decoded MarketBidMismatch", async () => {
        const market = addressOf(f.book, "marketplace");
        const store = new MemorySaltStore();
        const r = await request();
        const { jobId } = await postJob(f.consumer, market, r);
        await commitBid(f.provider, market, jobId, Q, store);
        const key = bidKey(market, jobId, f.provider.address);
        store.set(key, JSON.stringify({ ...JSON.parse(store.get(key)!), price: "2" }));
        await time.increaseTo(r.bidDeadline);
        const err = (await revealBid(f.provider, market, jobId, store).catch((e: unknown) => e)) as ContractRevertError;
        expect(err).to.be.instanceOf(ContractRevertError);
        expect(err.errorName).to.equal("MarketBidMismatch");
      });

      it("below the job's tier: the decoded MarketTierTooLow", async () => {
        const market = addressOf(f.book, "marketplace");
        const { jobId } = await postJob(f.consumer, market, await request({ minTier: 1 }));
        const err = (await commitBid(f.lowTier, market, jobId, Q, new MemorySaltStore()).catch(
          (e: unknown) => e,
        )) as ContractRevertError;
        expect(err.errorName).to.equal("MarketTierTooLow");
        expect(err.args).to.deep.equal([jobId, f.lowTier.address, 0n, 1n]);
      });
    });
  });

  describe("a payment channel with vouchers", () => {
    it("opens, signs against the chain's domain, verifies, collects and closes with exact amounts", async () => {
      const q = connectQuiver(f.book, ethers.provider);
      const channels = addressOf(f.book, "channels");
      const expiry = BigInt(await time.latest()) + DAY;
      const { channelId } = await openChannel(
        f.consumer,
        channels,
        addressOf(f.book, "quiv"),
        f.provider.address,
        50n * Q,
        expiry,
      );
      expect(await readChannel(q.channels, channelId)).to.deep.include({
        state: "Open",
        deposit: 50n * Q,
        collected: 0n,
      });
      const expected = channelsDeployment(f.chainId, channels);
      const v1 = await signChannelVoucher(f.consumer, q.channels, expected, {
        channelId,
        cumulativeAmount: 10n * Q,
        tokensGenerated: 1_000n,
      });
      const ok = await verifyChannelVoucher(q.channels, expected, v1, 0n);
      expect(ok).to.include({ signer: f.consumer.address, increment: 10n * Q });
      const p0 = await f.quiv.balanceOf(f.provider.address);
      await send(f.provider, buildVoucherRedeem(channels, "collect", v1));
      expect((await f.quiv.balanceOf(f.provider.address)) - p0).to.equal(10n * Q);

      const v2 = await signChannelVoucher(f.consumer, q.channels, expected, {
        channelId,
        cumulativeAmount: 25n * Q,
        tokensGenerated: 2_500n,
      });
      expect((await verifyChannelVoucher(q.channels, expected, v2, v1.cumulativeAmount)).increment).to.equal(15n * Q);
      const c0 = await f.quiv.balanceOf(f.consumer.address);
      await send(f.provider, buildVoucherRedeem(channels, "close", v2));
      expect((await f.quiv.balanceOf(f.provider.address)) - p0).to.equal(25n * Q);
      expect((await f.quiv.balanceOf(f.consumer.address)) - c0).to.equal(25n * Q);
      expect((await readChannel(q.channels, channelId)).state).to.equal("Closed");
    });

    it("refuses to sign or accept when the chain id or the contract differ from the address book", async () => {
      const q = connectQuiver(f.book, ethers.provider);
      const channels = addressOf(f.book, "channels");
      const { channelId } = await openChannel(
        f.consumer,
        channels,
        addressOf(f.book, "quiv"),
        f.provider.address,
        5n * Q,
        BigInt(await time.latest()) + DAY,
      );
      const voucher = { channelId, cumulativeAmount: Q, tokensGenerated: 1n };
      const wrongChain = channelsDeployment(1n, channels);
      const wrongContract = channelsDeployment(f.chainId, addressOf(f.book, "marketplace"));
      for (const expected of [wrongChain, wrongContract]) {
        const err = await signChannelVoucher(f.consumer, q.channels, expected, voucher).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(VoucherDomainMismatchError);
        expect(err).to.be.instanceOf(VoucherError).and.to.be.instanceOf(KitError);
      }
      const good = await signChannelVoucher(f.consumer, q.channels, channelsDeployment(f.chainId, channels), voucher);
      const expected = channelsDeployment(f.chainId, channels);
      await expect(verifyChannelVoucher(q.channels, wrongChain, good, 0n)).to.be.rejectedWith(
        VoucherDomainMismatchError,
      );
      await expect(verifyChannelVoucher(q.channels, expected, good, Q)).to.be.rejectedWith(VoucherNotIncreasingError);
      const big = await signChannelVoucher(f.consumer, q.channels, expected, { ...voucher, cumulativeAmount: 6n * Q });
      await expect(verifyChannelVoucher(q.channels, expected, big, 0n)).to.be.rejectedWith(VoucherAboveDepositError);
      const forged = await signChannelVoucher(f.stranger, q.channels, expected, voucher);
      await expect(verifyChannelVoucher(q.channels, expected, forged, 0n)).to.be.rejectedWith(VoucherSignatureError);
    });
  });

  describe("a channel that the consumer closes after expiry", () => {
    it("tops up, accepts a delegated signer's voucher, then start-close and finalize refund the rest", async () => {
      const q = connectQuiver(f.book, ethers.provider);
      const channels = addressOf(f.book, "channels");
      const quiv = addressOf(f.book, "quiv");
      const expiry = BigInt(await time.latest()) + DAY;
      const { channelId } = await openChannel(f.consumer, channels, quiv, f.provider.address, 5n * Q, expiry);
      await topUpChannel(f.consumer, channels, quiv, channelId, 3n * Q);
      expect((await readChannel(q.channels, channelId)).deposit).to.equal(8n * Q);
      const hot = f.validators[2];
      await send(f.consumer, buildSignerAction(channels, "authorizeSigner", hot.address));
      const expected = channelsDeployment(f.chainId, channels);
      const v = await signChannelVoucher(hot, q.channels, expected, {
        channelId,
        cumulativeAmount: 2n * Q,
        tokensGenerated: 9n,
      });
      await expect(verifyChannelVoucher(q.channels, expected, v, 0n)).to.be.rejectedWith(VoucherSignatureError);
      expect((await verifyChannelVoucher(q.channels, expected, v, 0n, [hot.address])).signer).to.equal(hot.address);
      await send(f.provider, buildVoucherRedeem(channels, "collect", v));

      await time.increaseTo(expiry);
      expect((await readChannel(q.channels, channelId)).state).to.equal("Expired");
      await send(f.consumer, buildChannelAction(channels, "startClose", channelId));
      const closing = await readChannel(q.channels, channelId);
      expect(closing.state).to.equal("Closing");
      await time.increaseTo(closing.settleDeadline);
      const before = await f.quiv.balanceOf(f.consumer.address);
      await send(f.stranger, buildChannelAction(channels, "finalize", channelId));
      expect((await f.quiv.balanceOf(f.consumer.address)) - before).to.equal(6n * Q);
      expect((await readChannel(q.channels, channelId)).state).to.equal("Closed");
    });
  });

  describe("a dispute with commit-reveal votes", () => {
    it("challenges, votes, reveals and resolves: Upheld", async () => {
      const { q, market, jobId } = await jobToAwarding(f, 4n * Q);
      const quiv = addressOf(f.book, "quiv");
      const disputes = addressOf(f.book, "disputes");
      await ensureAllowance(f.consumer, quiv, market, 4n * Q);
      await send(f.consumer, buildAccept(market, jobId, f.provider.address));
      await send(f.provider, buildSubmit(market, jobId, ethers.id("out"), ethers.id("receipt")));
      for (const v of f.validators.slice(0, 2)) await registerValidator(v, disputes, quiv, 10_000n * Q);
      expect(await readValidator(q.disputes, f.validators[0].address)).to.include({ active: true, stake: 10_000n * Q });

      const { disputeId } = await challengeJob(f.challenger, disputes, quiv, jobId, ethers.id("evidence"), 100n * Q);
      expect((await readJob(q.marketplace, jobId)).state).to.equal("Challenged");
      const d = await readDispute(q.disputes, disputeId);
      expect(d).to.include({ state: "Commit", jobId, challenger: f.challenger.address, bond: 100n * Q });
      const store = new MemorySaltStore();
      for (const v of f.validators.slice(0, 2)) await commitVote(v, disputes, disputeId, true, store);
      await time.increaseTo(d.commitEndsAt);
      expect((await readDispute(q.disputes, disputeId)).state).to.equal("Reveal");
      for (const v of f.validators.slice(0, 2)) await revealVote(v, disputes, disputeId, store);
      await time.increaseTo(d.revealEndsAt);
      await send(f.stranger, buildDisputeAction(disputes, "resolve", disputeId));
      const decided = await readDispute(q.disputes, disputeId);
      expect(decided).to.include({ state: "Decided", outcome: "Upheld", upVotes: 2n, downVotes: 0n });
    });
  });

  describe("prices and metrics", () => {
    it("quotes the reference price per size class, the network fee and the metrics as the contracts do", async () => {
      const q = connectQuiver(f.book, ethers.provider);
      const quote = await readPriceQuote(q.oracle, 1);
      expect(quote).to.include({ sizeClass: 1, referencePrice: await f.oracle.referencePrice(1), baseRate: 5n * Q });
      expect([quote.floor, quote.ceiling]).to.deep.equal([Q / 2n, 50n * Q]);
      const fee = await readNetworkFee(q.oracle);
      expect(fee.networkFeeBps).to.equal(await f.oracle.networkFeeBps());
      expect(fee.networkFeeBps).to.equal(250n);
      const m = await readMetrics(q.metrics);
      expect(m.totalValueLocked).to.equal(10_000n * Q);
      expect(m.openJobs).to.equal(0n);
      await expect(readPriceQuote(q.oracle, -1)).to.be.rejectedWith(InvalidArgumentError);
    });
  });

  describe("when the input is bad (builders throw InvalidArgumentError, nothing is sent)", () => {
    it("rejects zero hashes, negative amounts, reversed deadlines and bad addresses", async () => {
      const market = addressOf(f.book, "marketplace");
      const r = await request();
      const bad = [
        () => buildPost(market, { ...r, modelHash: ethers.ZeroHash }),
        () => buildPost(market, { ...r, maxPrice: -1n }),
        () => buildPost(market, { ...r, completionDeadline: r.bidDeadline }),
        () => buildPost(market, { ...r, minTier: 1.5 }),
        () => buildOpenChannel(addressOf(f.book, "channels"), "0x1234", Q, 1n),
        () => buildOpenChannel(addressOf(f.book, "channels"), f.provider.address, -Q, 1n),
      ];
      for (const b of bad) expect(b).to.throw(InvalidArgumentError);
    });
  });

  describe("dispute builders (SEC-03, SEC-04)", () => {
    it("encode appeal, penalizeNonReveal and penalizeNonCommit, and reject bad input", async () => {
      const disputes = addressOf(f.book, "disputes");
      const id = ethers.id("dispute");
      const dm = connectQuiver(f.book, ethers.provider).disputes.interface;
      expect(encodeRequest(buildAppeal(disputes, id)).data).to.equal(dm.encodeFunctionData("appeal", [id]));
      expect(encodeRequest(buildPenalize(disputes, "nonReveal", id, f.provider.address)).data).to.equal(
        dm.encodeFunctionData("penalizeNonReveal", [id, f.provider.address]),
      );
      expect(encodeRequest(buildPenalize(disputes, "nonCommit", id, f.provider.address)).data).to.equal(
        dm.encodeFunctionData("penalizeNonCommit", [id, f.provider.address]),
      );
      expect(() => buildPenalize(disputes, "late" as "nonCommit", id, f.provider.address)).to.throw(
        InvalidArgumentError,
      );
      expect(() => buildPenalize(disputes, "nonCommit", id, "0x1234")).to.throw(InvalidArgumentError);
      expect(() => buildAppeal(disputes, "0x12")).to.throw(InvalidArgumentError);
    });
  });

  describe("the demo's market steps (sdk/quiver/demo/market.ts)", () => {
    it("run on the preset and print the fee legs and the streamed vouchers", async () => {
      const { MARKET_STEPS } = await import("../../sdk/quiver/demo/market");
      const lines: string[] = [];
      const ctx = {
        quiver: connectQuiver(f.book, ethers.provider),
        book: f.book,
        signers: { ecosystem: f.ecosystem, alice: f.stranger, bob: f.validators[2] },
        log: (l: string) => lines.push(l),
        clock: { latest: async () => BigInt(await time.latest()), increaseTo: (t: bigint) => time.increaseTo(t) },
      };
      for (const step of MARKET_STEPS) await step.run(ctx);
      const text = lines.join("\n");
      expect(text)
        .to.match(/provider reward +\d/)
        .and.match(/network fee +\d/)
        .and.match(/treasury fee +\d/);
      expect(text)
        .to.match(/burned +\d/)
        .and.contain("gives the same legs to the wei: true");
      expect(text).to.contain("a replayed voucher is refused: VoucherNotIncreasingError");
      expect(text).to.contain("channel Closed");
    });
  });

  describe("given a JSON file salt store", () => {
    it("keeps salts across instances in a file only its owner can read", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-salts-"));
      try {
        const file = path.join(dir, "nested", "salts.json");
        new JsonFileStore(file).set("k", "v");
        expect(new JsonFileStore(file).get("k")).to.equal("v");
        expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
        new JsonFileStore(file).delete("k");
        expect(new JsonFileStore(file).get("k")).to.equal(undefined);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
