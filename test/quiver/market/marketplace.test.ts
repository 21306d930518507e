import { expect } from "chai";
import { signPermit as sdkSignPermit } from "../../../sdk/kit/tx/signing";
import { ethers } from "hardhat";
import { loadFixture, setStorageAt, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  DEFAULTS,
  QUIV,
  acceptedJob,
  commit,
  deployMarket,
  postJob,
  reveal,
  saltFor,
  submittedJob,
  type MarketFixture,
} from "../fixtures/market";
import { JobState, bidCommitment, splitPayment } from "../../../sdk/quiver/core/market";
import { encodeStates } from "../../../sdk/kit/core";
import { parameterKey } from "../../../sdk/quiver/core/parameters";

const PRICE = 1_000_000_000_000_000_007n; // 1 QUIV + 7 wei: the fee legs round down, the provider gets the dust
// Legs at 3% network, 2% treasury, 1% burn (hand-computed).
const NETWORK = 30_000_000_000_000_000n;
const TREASURY = 20_000_000_000_000_000n;
const BURN = 10_000_000_000_000_000n;
const REWARD = 940_000_000_000_000_007n;

describe("InferenceMarketplace (with its JobBook storage and views)", () => {
  let f: MarketFixture;
  beforeEach(async () => {
    f = await loadFixture(deployMarket);
  });

  describe("deployment", () => {
    it("is wired to the token, registry, staking, oracle and treasury", async () => {
      const [token, registry, staking, oracle, treasury] = await f.market.endpoints();
      expect(token).to.equal(await f.quiv.getAddress());
      expect(registry).to.equal(await f.registry.getAddress());
      expect(staking).to.equal(await f.staking.getAddress());
      expect(oracle).to.equal(await f.oracle.getAddress());
      expect(treasury).to.equal(f.treasury.address);
    });

    it("grants DISPUTE_ROLE to the DisputeManager and admin to the deployer only", async () => {
      expect(await f.market.hasRole(await f.market.DISPUTE_ROLE(), await f.disputes.getAddress())).to.equal(true);
      expect(await f.market.hasRole(ethers.ZeroHash, f.deployer.address)).to.equal(true);
      expect(await f.market.hasRole(ethers.ZeroHash, f.stranger.address)).to.equal(false);
    });

    it("rejects a zero address in any constructor position", async () => {
      const a = f.deployer.address;
      for (let i = 0; i < 6; i++) {
        const args = [a, a, a, a, a, a];
        args[i] = ethers.ZeroAddress;
        await expect(ethers.deployContract("InferenceMarketplace", args)).to.be.revertedWithCustomError(
          f.market,
          "MarketZeroAddress",
        );
      }
    });
  });

  describe("post", () => {
    it("stores the job, emits JobPosted and reports demand to the oracle", async () => {
      const now = BigInt(await time.latest());
      const req = {
        modelHash: ethers.id("m"),
        inputHash: ethers.id("i"),
        maxPrice: 5n * QUIV,
        bidDeadline: now + 100n,
        completionDeadline: now + 100n + DEFAULTS.revealWindow + 1n,
        minTier: 2,
        sizeClass: 3,
      };
      await expect(f.market.connect(f.consumer).post(req))
        .to.emit(f.market, "JobPosted")
        .withArgs(
          1n,
          f.consumer.address,
          req.modelHash,
          req.inputHash,
          req.maxPrice,
          req.bidDeadline,
          req.bidDeadline + DEFAULTS.revealWindow,
          req.completionDeadline,
          2,
          3,
        );
      const job = await f.market.getJob(1n);
      expect(job.consumer).to.equal(f.consumer.address);
      expect(job.maxPrice).to.equal(5n * QUIV);
      expect(job.revealDeadline).to.equal(req.bidDeadline + DEFAULTS.revealWindow);
      expect(await f.market.state(1n)).to.equal(JobState.Bidding);
      expect(await f.oracle.settled(3)).to.equal(0n); // SEC-11: a post escrows nothing and is not demand
    });

    describe("when the input is invalid", () => {
      async function request(over: Partial<Record<string, bigint | number | string>>) {
        const now = BigInt(await time.latest());
        return {
          modelHash: ethers.id("m"),
          inputHash: ethers.id("i"),
          maxPrice: QUIV,
          bidDeadline: now + 100n,
          completionDeadline: now + 100n + DAY,
          minTier: 1,
          sizeClass: 1,
          ...over,
        };
      }

      it("rejects tier 0", async () => {
        await expect(f.market.connect(f.consumer).post(await request({ minTier: 0 })))
          .to.be.revertedWithCustomError(f.market, "MarketInvalidTier")
          .withArgs(0);
      });

      it("rejects a max price below the minimum (MKT-07)", async () => {
        await expect(f.market.connect(f.consumer).post(await request({ maxPrice: DEFAULTS.minPrice - 1n })))
          .to.be.revertedWithCustomError(f.market, "MarketPriceTooLow")
          .withArgs(DEFAULTS.minPrice - 1n, DEFAULTS.minPrice);
      });

      it("rejects a bid deadline in the past and a completion deadline inside the reveal window", async () => {
        const now = BigInt(await time.latest());
        await expect(f.market.connect(f.consumer).post(await request({ bidDeadline: now })))
          .to.be.revertedWithCustomError(f.market, "MarketInvalidDeadlines")
          .withArgs(now, now + DEFAULTS.revealWindow, now + 100n + DAY);
        const r = await request({});
        const bad = { ...r, completionDeadline: BigInt(r.bidDeadline) + DEFAULTS.revealWindow };
        await expect(f.market.connect(f.consumer).post(bad))
          .to.be.revertedWithCustomError(f.market, "MarketInvalidDeadlines")
          .withArgs(r.bidDeadline, bad.completionDeadline, bad.completionDeadline);
      });

      it("enforces the oracle ceiling when priceCeilingBps is set", async () => {
        await f.registry.set(parameterKey("quiver.market.priceCeilingBps"), 20_000n); // 2x reference
        await f.oracle.setReferencePrice(1, 3n * QUIV);
        await expect(f.market.connect(f.consumer).post(await request({ maxPrice: 6n * QUIV + 1n })))
          .to.be.revertedWithCustomError(f.market, "MarketPriceAboveCeiling")
          .withArgs(6n * QUIV + 1n, 6n * QUIV);
        await expect(f.market.connect(f.consumer).post(await request({ maxPrice: 6n * QUIV }))).to.emit(
          f.market,
          "JobPosted",
        );
      });
    });
  });

  describe("sealed bids", () => {
    it("commits a bid from an eligible provider", async () => {
      const { jobId } = await postJob(f);
      const c = bidCommitment(jobId, f.provider.address, QUIV, saltFor("x"));
      await expect(f.market.connect(f.provider).commitBid(jobId, c))
        .to.emit(f.market, "BidCommitted")
        .withArgs(jobId, f.provider.address, c);
      const [commitment, price, revealed] = await f.market.bidOf(jobId, f.provider.address);
      expect([commitment, price, revealed]).to.deep.equal([c, 0n, false]);
      expect(await f.market.bidCommitment(jobId, f.provider.address, QUIV, saltFor("x"))).to.equal(c);
    });

    it("rejects a provider whose tier is too low", async () => {
      const { jobId } = await postJob(f, { minTier: 2 });
      await expect(commit(f, jobId, f.provider2, QUIV))
        .to.be.revertedWithCustomError(f.market, "MarketTierTooLow")
        .withArgs(jobId, f.provider2.address, 1, 2);
      await expect(commit(f, jobId, f.stranger, QUIV))
        .to.be.revertedWithCustomError(f.market, "MarketTierTooLow")
        .withArgs(jobId, f.stranger.address, 0, 2);
    });

    it("rejects a zero commitment and a second commitment", async () => {
      const { jobId } = await postJob(f);
      await expect(f.market.connect(f.provider).commitBid(jobId, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.market, "MarketZeroCommitment")
        .withArgs(jobId, f.provider.address);
      await commit(f, jobId, f.provider, QUIV);
      await expect(commit(f, jobId, f.provider, 2n * QUIV))
        .to.be.revertedWithCustomError(f.market, "MarketBidAlreadyCommitted")
        .withArgs(jobId, f.provider.address);
    });

    it("rejects commits after the bid deadline and reveals before it", async () => {
      const { jobId, bidDeadline } = await postJob(f);
      await commit(f, jobId, f.provider, QUIV);
      await expect(reveal(f, jobId, f.provider, QUIV))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(jobId, JobState.Bidding, encodeStates(JobState.Revealing));
      await time.increaseTo(bidDeadline);
      await expect(commit(f, jobId, f.provider2, QUIV))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(jobId, JobState.Revealing, encodeStates(JobState.Bidding));
    });

    describe("given the reveal window", () => {
      it("reveals a matching bid and counts it on the job (its supply is reported when the job settles)", async () => {
        const { jobId, bidDeadline } = await postJob(f);
        await commit(f, jobId, f.provider, 3n * QUIV);
        await time.increaseTo(bidDeadline);
        await expect(reveal(f, jobId, f.provider, 3n * QUIV))
          .to.emit(f.market, "BidRevealed")
          .withArgs(jobId, f.provider.address, 3n * QUIV);
        expect((await f.market.getJob(jobId)).supplyBids).to.equal(1n);
        expect(await f.oracle.bids(1)).to.equal(0n);
        await expect(reveal(f, jobId, f.provider, 3n * QUIV))
          .to.be.revertedWithCustomError(f.market, "MarketBidAlreadyRevealed")
          .withArgs(jobId, f.provider.address);
      });

      it("counts a second provider's reveal on the same job, and saturates the count at 65,535 rather than revert", async () => {
        const { jobId, bidDeadline, revealDeadline } = await postJob(f);
        await commit(f, jobId, f.provider, 3n * QUIV);
        await commit(f, jobId, f.provider2, 4n * QUIV);
        await time.increaseTo(bidDeadline);
        await reveal(f, jobId, f.provider, 3n * QUIV);
        expect((await f.market.getJob(jobId)).supplyBids).to.equal(1n);
        // 65,535 reveals would take hours here: set the count in storage instead. The job's fourth slot holds
        // supplyBids in its top 16 bits (IInferenceMarketplace.Job's layout); the mapping's slot is found from
        // the consumer address in the job's first slot.
        const market = await f.market.getAddress();
        const coder = ethers.AbiCoder.defaultAbiCoder();
        let base: bigint | undefined;
        for (let p = 0n; p < 64n && base === undefined; p++) {
          const at = BigInt(ethers.keccak256(coder.encode(["uint256", "uint256"], [jobId, p])));
          const first = BigInt(await ethers.provider.getStorage(market, at));
          if ((first & ((1n << 160n) - 1n)) === BigInt(f.consumer.address)) base = at;
        }
        if (base === undefined) throw new Error("the job's storage slot was not found");
        const word = BigInt(await ethers.provider.getStorage(market, base + 3n));
        expect(word >> 240n, "supplyBids in the top 16 bits").to.equal(1n);
        await setStorageAt(market, base + 3n, word | (0xffffn << 240n));
        expect((await f.market.getJob(jobId)).supplyBids).to.equal(65_535n);
        await expect(reveal(f, jobId, f.provider2, 4n * QUIV))
          .to.emit(f.market, "BidRevealed")
          .withArgs(jobId, f.provider2.address, 4n * QUIV);
        expect((await f.market.getJob(jobId)).supplyBids).to.equal(65_535n);
        await time.increaseTo(revealDeadline);
        await f.market.connect(f.consumer).accept(jobId, f.provider2.address);
        await f.market.connect(f.provider2).submit(jobId, ethers.id("output"), ethers.id("receipt"));
        await f.market.connect(f.consumer).confirm(jobId);
        expect([await f.oracle.settled(1), await f.oracle.paid(1), await f.oracle.bids(1)]).to.deep.equal([
          1n,
          4n * QUIV,
          65_535n,
        ]);
      });

      it("rejects a reveal that does not match the commitment", async () => {
        const { jobId, bidDeadline } = await postJob(f);
        await commit(f, jobId, f.provider, 3n * QUIV);
        await time.increaseTo(bidDeadline);
        const committed = bidCommitment(
          jobId,
          f.provider.address,
          3n * QUIV,
          saltFor(`${f.provider.address}:${3n * QUIV}`),
        );
        const wrongSalt = saltFor(`${f.provider.address}:${3n * QUIV}`);
        const revealed = bidCommitment(jobId, f.provider.address, 2n * QUIV, wrongSalt);
        await expect(f.market.connect(f.provider).revealBid(jobId, 2n * QUIV, wrongSalt))
          .to.be.revertedWithCustomError(f.market, "MarketBidMismatch")
          .withArgs(jobId, f.provider.address, committed, revealed);
      });

      it("rejects a zero price", async () => {
        const { jobId, bidDeadline } = await postJob(f);
        await commit(f, jobId, f.provider, 0n);
        await time.increaseTo(bidDeadline);
        await expect(reveal(f, jobId, f.provider, 0n))
          .to.be.revertedWithCustomError(f.market, "MarketBidOutOfRange")
          .withArgs(jobId, f.provider.address, 0n, 10n * QUIV);
      });

      it("rejects a reveal without a commitment and a price above the max", async () => {
        const { jobId, bidDeadline } = await postJob(f, { maxPrice: 2n * QUIV });
        await commit(f, jobId, f.provider, 3n * QUIV);
        await time.increaseTo(bidDeadline);
        await expect(reveal(f, jobId, f.provider2, QUIV))
          .to.be.revertedWithCustomError(f.market, "MarketNoBid")
          .withArgs(jobId, f.provider2.address);
        await expect(reveal(f, jobId, f.provider, 3n * QUIV))
          .to.be.revertedWithCustomError(f.market, "MarketBidOutOfRange")
          .withArgs(jobId, f.provider.address, 3n * QUIV, 2n * QUIV);
      });
    });
  });

  describe("accept", () => {
    async function revealed(price = PRICE) {
      const job = await postJob(f);
      await commit(f, job.jobId, f.provider, price);
      await commit(f, job.jobId, f.provider2, price - 1n);
      await time.increaseTo(job.bidDeadline);
      await reveal(f, job.jobId, f.provider, price);
      await time.increaseTo(job.revealDeadline);
      return job;
    }

    it("escrows the price and fixes the fee shares", async () => {
      const { jobId } = await revealed();
      const tx = f.market.connect(f.consumer).accept(jobId, f.provider.address);
      await expect(tx).to.emit(f.market, "BidAccepted").withArgs(jobId, f.provider.address, PRICE, 300, 200, 100);
      await expect(tx).to.changeTokenBalances(f.quiv, [f.consumer, f.market], [-PRICE, PRICE]);
      expect(await f.market.totalEscrowed()).to.equal(PRICE);
      expect(await f.market.openJobCount()).to.equal(1n);
      expect(await f.market.state(jobId)).to.equal(JobState.InProgress);
      expect(await f.oracle.settled(1)).to.equal(0n); // demand is reported when the job settles, not at accept
    });

    it("rejects a stranger, an unrevealed bid and a provider whose tier dropped", async () => {
      const { jobId } = await revealed();
      await expect(f.market.connect(f.stranger).accept(jobId, f.provider.address))
        .to.be.revertedWithCustomError(f.market, "MarketUnauthorized")
        .withArgs(jobId, f.stranger.address, f.consumer.address);
      await expect(f.market.connect(f.consumer).accept(jobId, f.provider2.address))
        .to.be.revertedWithCustomError(f.market, "MarketNoBid")
        .withArgs(jobId, f.provider2.address);
      await f.staking.setTier(f.provider.address, 0);
      await expect(f.market.connect(f.consumer).accept(jobId, f.provider.address))
        .to.be.revertedWithCustomError(f.market, "MarketTierTooLow")
        .withArgs(jobId, f.provider.address, 0, 1);
    });

    it("rejects fee shares above the 50% bound", async () => {
      const { jobId } = await revealed();
      await f.oracle.setNetworkFeeBps(4_701n);
      await expect(f.market.connect(f.consumer).accept(jobId, f.provider.address))
        .to.be.revertedWithCustomError(f.market, "MarketFeesTooHigh")
        .withArgs(jobId, 5_001n, 5_000n);
    });

    it("accepts during the reveal window only after it ends, and not after the completion deadline", async () => {
      const job = await postJob(f);
      await commit(f, job.jobId, f.provider, PRICE);
      await time.increaseTo(job.bidDeadline);
      await reveal(f, job.jobId, f.provider, PRICE);
      await expect(f.market.connect(f.consumer).accept(job.jobId, f.provider.address))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(job.jobId, JobState.Revealing, encodeStates(JobState.Awarding));
      await time.increaseTo(job.completionDeadline);
      expect(await f.market.state(job.jobId)).to.equal(JobState.Lapsed);
      await expect(f.market.connect(f.consumer).accept(job.jobId, f.provider.address))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(job.jobId, JobState.Lapsed, encodeStates(JobState.Awarding));
    });

    describe("with a permit", () => {
      /** The consumer's permit for the marketplace, signed by the SDK (domain read from the token). */
      async function permitSig(value: bigint, deadline: bigint) {
        const permit = await sdkSignPermit(f.consumer, await f.quiv.getAddress(), {
          spender: await f.market.getAddress(),
          value,
          deadline,
        });
        return ethers.Signature.from(permit.signature);
      }

      it("pulls the price with a fresh permit and no prior allowance", async () => {
        const { jobId } = await revealed();
        await f.quiv.connect(f.consumer).approve(await f.market.getAddress(), 0n);
        const deadline = BigInt(await time.latest()) + DAY;
        const sig = await permitSig(PRICE, deadline);
        await expect(
          f.market.connect(f.consumer).acceptWithPermit(jobId, f.provider.address, deadline, sig.v, sig.r, sig.s),
        ).to.changeTokenBalances(f.quiv, [f.consumer, f.market], [-PRICE, PRICE]);
      });

      it("still accepts when the permit was front-run", async () => {
        const { jobId } = await revealed();
        await f.quiv.connect(f.consumer).approve(await f.market.getAddress(), 0n);
        const deadline = BigInt(await time.latest()) + DAY;
        const sig = await permitSig(PRICE, deadline);
        await f.quiv
          .connect(f.stranger)
          .permit(f.consumer.address, await f.market.getAddress(), PRICE, deadline, sig.v, sig.r, sig.s);
        await expect(
          f.market.connect(f.consumer).acceptWithPermit(jobId, f.provider.address, deadline, sig.v, sig.r, sig.s),
        ).to.emit(f.market, "BidAccepted");
        expect(await f.market.totalEscrowed()).to.equal(PRICE);
      });
    });
  });

  describe("submit", () => {
    it("records the receipt and opens the review window", async () => {
      const { jobId } = await acceptedJob(f);
      await expect(f.market.connect(f.provider).submit(jobId, ethers.id("out"), ethers.id("rc")))
        .to.emit(f.market, "JobSubmitted")
        .withArgs(jobId, f.provider.address, ethers.id("out"), ethers.id("rc"));
      const job = await f.market.getJob(jobId);
      const now = BigInt(await time.latest());
      expect(job.submittedAt).to.equal(now);
      expect(job.reviewEndsAt).to.equal(now + DEFAULTS.reviewWindow);
      expect(await f.market.state(jobId)).to.equal(JobState.InReview);
    });

    it("rejects a stranger, zero hashes and a late receipt", async () => {
      const { jobId, completionDeadline } = await acceptedJob(f);
      await expect(f.market.connect(f.stranger).submit(jobId, ethers.id("o"), ethers.id("r")))
        .to.be.revertedWithCustomError(f.market, "MarketUnauthorized")
        .withArgs(jobId, f.stranger.address, f.provider.address);
      await expect(f.market.connect(f.provider).submit(jobId, ethers.ZeroHash, ethers.id("r")))
        .to.be.revertedWithCustomError(f.market, "MarketZeroHash")
        .withArgs(jobId);
      await expect(f.market.connect(f.provider).submit(jobId, ethers.id("o"), ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.market, "MarketZeroHash")
        .withArgs(jobId);
      await time.increaseTo(completionDeadline);
      await expect(f.market.connect(f.provider).submit(jobId, ethers.id("o"), ethers.id("r")))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(jobId, JobState.Expired, encodeStates(JobState.InProgress));
    });
  });

  describe("settlement", () => {
    it("confirm pays the provider and accrues every fee leg exactly", async () => {
      const { jobId } = await submittedJob(f);
      expect(splitPayment(PRICE, 300n, 200n, 100n)).to.deep.equal({
        providerReward: REWARD,
        networkFee: NETWORK,
        treasuryFee: TREASURY,
        burned: BURN,
      });
      const tx = f.market.connect(f.consumer).confirm(jobId);
      await expect(tx)
        .to.emit(f.market, "JobSettled")
        .withArgs(jobId, f.provider.address, f.consumer.address, REWARD, NETWORK, TREASURY, BURN);
      await expect(tx).to.changeTokenBalances(f.quiv, [f.market, f.provider], [-REWARD, REWARD]);
      const rc = await f.market.receiptOf(jobId);
      expect([rc.providerReward, rc.networkFee, rc.treasuryFee, rc.burned]).to.deep.equal([
        REWARD,
        NETWORK,
        TREASURY,
        BURN,
      ]);
      expect(await f.market.pendingFees()).to.deep.equal([NETWORK, TREASURY, BURN]);
      expect(await f.market.totalEscrowed()).to.equal(0n);
      expect(await f.market.openJobCount()).to.equal(0n);
      expect(await f.staking.jobsCompleted(f.provider.address)).to.equal(1n);
      expect(await f.market.state(jobId)).to.equal(JobState.Settled);
      // The oracle hears of the job once, with its price and its one revealed bid.
      expect([await f.oracle.settled(1), await f.oracle.paid(1), await f.oracle.bids(1)]).to.deep.equal([
        1n,
        PRICE,
        1n,
      ]);
      await expect(f.market.connect(f.consumer).confirm(jobId))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(jobId, JobState.Settled, encodeStates(JobState.InReview, JobState.Releasable));
    });

    it("receiptOf is all zero before settlement", async () => {
      const { jobId } = await submittedJob(f);
      const rc = await f.market.receiptOf(jobId);
      expect([rc.providerReward, rc.networkFee, rc.treasuryFee, rc.burned]).to.deep.equal([0n, 0n, 0n, 0n]);
    });

    it("only the consumer confirms", async () => {
      const { jobId } = await submittedJob(f);
      await expect(f.market.connect(f.provider).confirm(jobId))
        .to.be.revertedWithCustomError(f.market, "MarketUnauthorized")
        .withArgs(jobId, f.provider.address, f.consumer.address);
    });

    it("release waits for the end of the review window, then anyone settles", async () => {
      const { jobId, submittedAt } = await submittedJob(f);
      await expect(f.market.connect(f.stranger).release(jobId))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(jobId, JobState.InReview, encodeStates(JobState.Releasable));
      await time.increaseTo(submittedAt + DEFAULTS.reviewWindow - 1n);
      expect(await f.market.state(jobId)).to.equal(JobState.InReview);
      await time.increaseTo(submittedAt + DEFAULTS.reviewWindow);
      await expect(f.market.connect(f.stranger).release(jobId))
        .to.emit(f.market, "JobSettled")
        .withArgs(jobId, f.provider.address, f.stranger.address, REWARD, NETWORK, TREASURY, BURN);
    });

    it("fee shares are the ones fixed at accept (MKT-06)", async () => {
      const { jobId } = await acceptedJob(f);
      await f.registry.set(parameterKey("quiver.market.treasuryFeeBps"), 300n);
      await f.oracle.setNetworkFeeBps(500n);
      await f.market.connect(f.provider).submit(jobId, ethers.id("o"), ethers.id("r"));
      await expect(f.market.connect(f.consumer).confirm(jobId))
        .to.emit(f.market, "JobSettled")
        .withArgs(jobId, f.provider.address, f.consumer.address, REWARD, NETWORK, TREASURY, BURN);
    });

    describe("flushFees", () => {
      it("sends the network fee to stakers, the treasury fee to the treasury and burns the rest", async () => {
        const { jobId } = await submittedJob(f);
        await f.market.connect(f.consumer).confirm(jobId);
        const supply = await f.quiv.totalSupply();
        const tx = f.market.connect(f.stranger).flushFees();
        await expect(tx).to.emit(f.market, "FeesFlushed").withArgs(NETWORK, TREASURY, BURN);
        await expect(tx).to.changeTokenBalances(
          f.quiv,
          [f.market, f.staking, f.treasury],
          [-(NETWORK + TREASURY + BURN), NETWORK, TREASURY],
        );
        expect(await f.quiv.totalSupply()).to.equal(supply - BURN);
        expect(await f.staking.totalDistributed()).to.equal(NETWORK);
        expect(await f.market.pendingFees()).to.deep.equal([0n, 0n, 0n]);
        expect(await f.quiv.balanceOf(await f.market.getAddress())).to.equal(0n);
      });

      it("keeps the network fee accrued when staking refuses it", async () => {
        const { jobId } = await submittedJob(f);
        await f.market.connect(f.consumer).confirm(jobId);
        await f.staking.setRefuseRewards(true);
        await expect(f.market.flushFees()).to.emit(f.market, "FeesFlushed").withArgs(0n, TREASURY, BURN);
        expect(await f.market.pendingFees()).to.deep.equal([NETWORK, 0n, 0n]);
        expect(await f.quiv.allowance(await f.market.getAddress(), await f.staking.getAddress())).to.equal(0n);
        await f.staking.setRefuseRewards(false);
        await expect(f.market.flushFees()).to.emit(f.market, "FeesFlushed").withArgs(NETWORK, 0n, 0n);
      });

      it("is a no-op with nothing accrued", async () => {
        await expect(f.market.flushFees()).to.emit(f.market, "FeesFlushed").withArgs(0n, 0n, 0n);
      });
    });
  });

  describe("refunds and cancellation", () => {
    it("refunds an expired job exactly, once", async () => {
      const { jobId, completionDeadline } = await acceptedJob(f);
      await expect(f.market.refundExpired(jobId))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(jobId, JobState.InProgress, encodeStates(JobState.Expired));
      await time.increaseTo(completionDeadline);
      const tx = f.market.connect(f.stranger).refundExpired(jobId);
      await expect(tx).to.emit(f.market, "JobRefunded").withArgs(jobId, f.consumer.address, PRICE);
      await expect(tx).to.changeTokenBalances(f.quiv, [f.market, f.consumer], [-PRICE, PRICE]);
      expect(await f.market.state(jobId)).to.equal(JobState.Refunded);
      expect(await f.market.totalEscrowed()).to.equal(0n);
      expect(await f.oracle.settled(1)).to.equal(0n); // a refunded job is not demand (fee-attack-up)
      await expect(f.market.refundExpired(jobId))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(jobId, JobState.Refunded, encodeStates(JobState.Expired));
    });

    it("the consumer cancels before accepting; nothing was escrowed", async () => {
      const { jobId } = await postJob(f);
      await expect(f.market.connect(f.stranger).cancel(jobId))
        .to.be.revertedWithCustomError(f.market, "MarketUnauthorized")
        .withArgs(jobId, f.stranger.address, f.consumer.address);
      await expect(f.market.connect(f.consumer).cancel(jobId)).to.emit(f.market, "JobCancelled").withArgs(jobId);
      expect(await f.market.state(jobId)).to.equal(JobState.Cancelled);
    });

    it("cancel and accept racing in one block: the first in the block wins, the other reverts (MKT-04)", async () => {
      const job = await postJob(f);
      await commit(f, job.jobId, f.provider, PRICE);
      await time.increaseTo(job.bidDeadline);
      await reveal(f, job.jobId, f.provider, PRICE);
      await time.increaseTo(job.revealDeadline);
      await ethers.provider.send("evm_setAutomine", [false]);
      try {
        const fee = (await ethers.provider.getFeeData()).maxFeePerGas!;
        const first = await f.market
          .connect(f.consumer)
          .cancel(job.jobId, { maxFeePerGas: fee * 2n, maxPriorityFeePerGas: fee, gasLimit: 200_000 });
        const second = await f.market.connect(f.consumer).accept(job.jobId, f.provider.address, {
          maxFeePerGas: fee * 2n,
          maxPriorityFeePerGas: 1n,
          gasLimit: 300_000,
        });
        await ethers.provider.send("evm_mine", []);
        expect((await first.wait())!.status).to.equal(1);
        await expect(second.wait()).to.be.rejected;
      } finally {
        await ethers.provider.send("evm_setAutomine", [true]);
      }
      expect(await f.market.state(job.jobId)).to.equal(JobState.Cancelled);
      expect(await f.market.totalEscrowed()).to.equal(0n);
    });

    it("cannot cancel after accepting (MKT-04)", async () => {
      const { jobId } = await acceptedJob(f);
      const allowed = encodeStates(JobState.Bidding, JobState.Revealing, JobState.Awarding);
      await expect(f.market.connect(f.consumer).cancel(jobId))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(jobId, JobState.InProgress, allowed);
    });

    it("state(jobId) walks None, Bidding, Revealing, Awarding, InProgress, InReview, Releasable; Lapsed and Expired at the deadlines", async () => {
      expect(await f.market.state(1n)).to.equal(JobState.None);
      const job = await postJob(f);
      expect(await f.market.state(job.jobId)).to.equal(JobState.Bidding);
      await commit(f, job.jobId, f.provider, QUIV);
      await time.increaseTo(job.bidDeadline);
      expect(await f.market.state(job.jobId)).to.equal(JobState.Revealing);
      await reveal(f, job.jobId, f.provider, QUIV);
      await time.increaseTo(job.revealDeadline);
      expect(await f.market.state(job.jobId)).to.equal(JobState.Awarding);
      const lapsing = await postJob(f);
      await f.market.connect(f.consumer).accept(job.jobId, f.provider.address);
      expect(await f.market.state(job.jobId)).to.equal(JobState.InProgress);
      await f.market.connect(f.provider).submit(job.jobId, ethers.id("o"), ethers.id("r"));
      expect(await f.market.state(job.jobId)).to.equal(JobState.InReview);
      await time.increase(DEFAULTS.reviewWindow);
      expect(await f.market.state(job.jobId)).to.equal(JobState.Releasable);
      await time.increaseTo(lapsing.completionDeadline);
      expect(await f.market.state(lapsing.jobId)).to.equal(JobState.Lapsed);
      const expiring = await acceptedJob(f);
      await time.increaseTo(expiring.completionDeadline);
      expect(await f.market.state(expiring.jobId)).to.equal(JobState.Expired);
    });

    it("reports None for an unknown job", async () => {
      expect(await f.market.state(99n)).to.equal(JobState.None);
      await expect(f.market.connect(f.consumer).confirm(99n))
        .to.be.revertedWithCustomError(f.market, "MarketUnexpectedState")
        .withArgs(99n, JobState.None, encodeStates(JobState.InReview, JobState.Releasable));
    });
  });

  describe("access control", () => {
    it("only DISPUTE_ROLE locks and unlocks escrow", async () => {
      const role = await f.market.DISPUTE_ROLE();
      await expect(f.market.connect(f.stranger).lockForDispute(1n))
        .to.be.revertedWithCustomError(f.market, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, role);
      await expect(f.market.connect(f.stranger).unlockFromDispute(1n, true))
        .to.be.revertedWithCustomError(f.market, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, role);
    });

    it("a dispute lock needs a submitted job, and an unlock needs a lock", async () => {
      await f.market.grantRole(await f.market.DISPUTE_ROLE(), f.deployer.address);
      const { jobId } = await acceptedJob(f);
      expect(await f.market.lockForDispute.staticCall(jobId)).to.equal(false);
      await expect(f.market.lockForDispute(jobId)).to.not.emit(f.market, "JobDisputeLockChanged");
      await expect(f.market.unlockFromDispute(jobId, false))
        .to.be.revertedWithCustomError(f.market, "MarketNotLocked")
        .withArgs(jobId);
    });

    it("only the admin grants roles", async () => {
      await expect(f.market.connect(f.stranger).grantRole(ethers.ZeroHash, f.stranger.address))
        .to.be.revertedWithCustomError(f.market, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, ethers.ZeroHash);
    });
  });
});
