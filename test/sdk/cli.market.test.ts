import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers } from "hardhat";
import { Wallet } from "ethers";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployQuiverActors, type QuiverActors } from "../quiver/fixtures/quiverActors";
import { EXIT_FAILURE, EXIT_USAGE } from "../../sdk/cli/main";
import { QUIVER_ACTOR_KEYS, kitRunner } from "../helpers/kitCli";
import { splitPayment } from "../../sdk/quiver/core/market";
import { formatAmount } from "../../sdk/kit/core";
import { readJob, connectQuiver } from "../../sdk/quiver";
import { DAY, HOUR } from "../helpers/units";
import { TOKEN as Q } from "../helpers/units";

/** Dummy keys of the actors (hardhat accounts #10..#17); none may appear in any output. */
const KEY = QUIVER_ACTOR_KEYS;

const outputs: string[] = [];
let f: QuiverActors;
let dir: string;
let book: string;

const { kit: run, ok } = kitRunner({
  book: () => book,
  env: () => ({ KIT_SALT_STORE: path.join(dir, "salts.json") }),
  outputs,
});
const kit = (args: string[], key?: string, env: Record<string, string> = {}) => run(args, key, { env });

describe("kit CLI market groups: job, channel, dispute, price, agent (in-process chain)", () => {
  before(async () => {
    f = await loadFixture(deployQuiverActors);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-cli-market-"));
    book = path.join(dir, "addresses.json");
    fs.writeFileSync(book, JSON.stringify(f.book.contracts));
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    const all = outputs.join("\n").toLowerCase();
    expect(outputs.length).to.be.greaterThan(60);
    for (const k of Object.values(KEY)) {
      expect(all).to.not.contain(k.slice(2).toLowerCase());
      expect(all).to.not.contain(k.slice(2, 18).toLowerCase());
    }
  });

  describe("price", () => {
    it("quote and fee print the oracle's values", async () => {
      const quotes = await ok(["price", "quote"]);
      expect(quotes.map((x: { sizeClass: number }) => x.sizeClass)).to.deep.equal([0, 1, 2]);
      expect(quotes[1].referencePrice).to.equal((await f.oracle.referencePrice(1)).toString());
      expect((await ok(["price", "quote", "2"]))[0].baseRate).to.equal((20n * Q).toString());
      expect((await ok(["price", "fee"])).networkFeeBps).to.equal("250");
      const text = await kit(["price", "quote", "0"]);
      expect(text.stdout).to.match(/^class 0: \d+(\.\d+)? QUIV per job/);
    });
  });

  describe("a job from post to settlement", () => {
    let bidDeadline: bigint;
    const price = 4n * Q;

    it("post, show, list", async () => {
      const posted = await ok(
        ["job", "post", "--model", "llama-8b", "--input", "hello", "--max-price", "10"],
        KEY.consumer,
      );
      expect(posted).to.include({ action: "post", jobId: "1", maxPrice: (10n * Q).toString(), minTier: 1 });
      bidDeadline = BigInt(posted.bidDeadline);
      const job = await ok(["job", "show", "1"]);
      expect(job).to.include({ state: "Bidding", modelHash: ethers.id("llama-8b"), inputHash: ethers.id("hello") });
      expect((await ok(["job", "list"])).map((j: { jobId: string }) => j.jobId)).to.deep.equal(["1"]);
    });

    it("bid (sealed, salt kept in the store), reveal after the deadline, bids", async () => {
      const bid = await ok(["job", "bid", "1", "4"], KEY.provider);
      expect(bid).to.include({ action: "commitBid", price: price.toString() });
      expect(fs.readFileSync(path.join(dir, "salts.json"), "utf8")).to.contain("bid:");
      await time.increaseTo(bidDeadline);
      expect(await ok(["job", "reveal", "1"], KEY.provider)).to.include({ price: price.toString() });
      // 4 QUIV is at or below the class's 5-QUIV reference price: the bid counts as the job's supply (SIM-02).
      expect(await ok(["job", "show", "1"])).to.include({ supplyBids: "1" });
      // Accepting right after the reveal: not a raw MarketUnexpectedState, but when it becomes possible.
      const early = await kit(["job", "accept", "1", f.provider.address], KEY.consumer);
      expect(early.code).to.equal(EXIT_FAILURE);
      const { revealDeadline } = await readJob(connectQuiver(f.book, ethers.provider).marketplace, 1n);
      const iso = new Date(Number(revealDeadline) * 1000).toISOString().replace(".000Z", "Z");
      expect(early.stderr).to.match(
        new RegExp(
          `^error: job 1 is Revealing: bids can be accepted after the reveal window ends at ${iso} \\(in \\d+ min\\)\n$`,
        ),
      );
      expect(await f.quiv.allowance(f.consumer.address, await f.marketplace.getAddress())).to.equal(0n);
      expect(await ok(["job", "bids", "1"])).to.deep.equal([
        {
          jobId: "1",
          provider: f.provider.address,
          commitment: bid.commitment,
          price: price.toString(),
          revealed: true,
        },
      ]);
    });

    it("accept, submit, confirm print the fee legs; flush-fees moves them", async () => {
      await time.increaseTo(bidDeadline + HOUR);
      expect(await ok(["job", "accept", "1", f.provider.address], KEY.consumer)).to.include({
        price: price.toString(),
      });
      await ok(["job", "submit", "1", "--output", "out", "--receipt", "rcpt"], KEY.provider);
      const confirmed = await ok(["job", "confirm", "1"], KEY.consumer);
      const job = await readJob(connectQuiver(f.book, ethers.provider).marketplace, 1n);
      const legs = splitPayment(price, job.networkFeeBps, job.treasuryFeeBps, job.burnBps);
      expect(confirmed.receipt).to.deep.equal({
        jobId: "1",
        providerReward: legs.providerReward.toString(),
        networkFee: legs.networkFee.toString(),
        treasuryFee: legs.treasuryFee.toString(),
        burned: legs.burned.toString(),
      });
      const shown = await kit(["job", "show", "1"]);
      expect(shown.stdout)
        .to.contain("job 1: Settled")
        .and.contain("  supply: 1 revealed bid(s) at or below the reference price")
        .and.contain(`provider reward ${formatAmount(legs.providerReward)},`);
      const flushed = await ok(["job", "flush-fees"], KEY.stranger);
      expect(flushed).to.include({ treasuryFee: legs.treasuryFee.toString(), burned: legs.burned.toString() });
      const stats = await ok(["job", "stats"]);
      expect(stats).to.include({ jobCount: "1", openJobs: "0", totalEscrowed: "0", pendingBurn: "0" });
      expect(stats.metrics.openJobs).to.equal("0");
    });
  });

  describe("a channel with vouchers", () => {
    let v1: string;
    it("open, voucher sign (serialised), voucher verify", async () => {
      const opened = await ok(["channel", "open", f.provider.address, "10"], KEY.consumer);
      expect(opened).to.include({ channelId: "1", deposit: (10n * Q).toString() });
      const signed = await kit(["channel", "voucher", "sign", "1", "2.5", "--tokens", "250"], KEY.consumer);
      expect(signed.code, signed.stderr).to.equal(0);
      v1 = signed.stdout.trim();
      expect(JSON.parse(v1)).to.include({
        format: "quiver-voucher-v1",
        channelId: "1",
        cumulativeAmount: "2500000000000000000",
      });
      const verified = await ok(["channel", "voucher", "verify", v1]);
      expect(verified).to.include({ valid: true, signer: f.consumer.address, increment: ((5n * Q) / 2n).toString() });
      const stale = await kit(["--json", "channel", "voucher", "verify", v1, "--last-accepted", "2.5"]);
      expect(stale.code).to.equal(EXIT_FAILURE);
      expect(JSON.parse(stale.stdout).error.name).to.equal("VoucherNotIncreasingError");
    });

    it("collect, then close with a file voucher: exact payout and refund", async () => {
      expect(await ok(["channel", "collect", v1], KEY.provider)).to.include({ paid: ((5n * Q) / 2n).toString() });
      const v2 = await ok(["channel", "voucher", "sign", "1", "4", "--tokens", "400"], KEY.consumer);
      const file = path.join(dir, "v2.json");
      fs.writeFileSync(file, JSON.stringify(v2));
      const before = await f.quiv.balanceOf(f.consumer.address);
      const closed = await ok(["channel", "close", `@${file}`], KEY.provider);
      expect(closed).to.include({ paid: ((3n * Q) / 2n).toString(), refunded: (6n * Q).toString() });
      expect((await f.quiv.balanceOf(f.consumer.address)) - before).to.equal(6n * Q);
      expect(await ok(["channel", "show", "1"])).to.include({ state: "Closed", collected: (4n * Q).toString() });
    });

    it("authorize-signer lets a hot key sign", async () => {
      const hot = new Wallet(KEY.stranger).address; // account #17
      expect(await ok(["channel", "authorize-signer", hot], KEY.consumer)).to.include({ signer: hot });
    });
  });

  describe("a dispute", () => {
    let disputeId: string;
    it("validators register, a submitted job is challenged, votes are committed and revealed, resolve", async () => {
      for (const k of [KEY.v1, KEY.v2, KEY.v3]) {
        expect(await ok(["dispute", "validator", "register"], k)).to.include({ amount: (10_000n * Q).toString() });
      }
      expect(await ok(["dispute", "validator", "show", f.validators[0].address])).to.include({ active: true });
      const posted = await ok(["job", "post", "--model", "m", "--input", "i", "--max-price", "5"], KEY.consumer);
      await ok(["job", "bid", posted.jobId, "3"], KEY.provider);
      await time.increaseTo(BigInt(posted.bidDeadline));
      await ok(["job", "reveal", posted.jobId], KEY.provider);
      await time.increaseTo(BigInt(posted.bidDeadline) + HOUR);
      await ok(["job", "accept", posted.jobId, f.provider.address, "--permit"], KEY.consumer);
      await ok(["job", "submit", posted.jobId, "--output", "o", "--receipt", "r"], KEY.provider);
      expect(await ok(["dispute", "attest", posted.jobId, "20"], KEY.v1)).to.include({ score: 20 });

      const c = await ok(["dispute", "challenge", posted.jobId, "--evidence", "wrong output"], KEY.challenger);
      disputeId = c.disputeId;
      expect(c.bond).to.equal((100n * Q).toString());
      const d = await ok(["dispute", "show", disputeId]);
      expect(d).to.include({ state: "Commit", jobId: posted.jobId });
      for (const k of [KEY.v1, KEY.v2, KEY.v3]) await ok(["dispute", "vote", disputeId, "uphold"], k);
      await time.increaseTo(BigInt(d.commitEndsAt));
      for (const k of [KEY.v1, KEY.v2, KEY.v3]) {
        expect(await ok(["dispute", "reveal", disputeId], k)).to.include({ upheld: true });
      }
      await time.increaseTo(BigInt(d.revealEndsAt));
      expect(await ok(["dispute", "resolve", disputeId], KEY.stranger)).to.include({
        state: "Decided",
        outcome: "Upheld",
      });
      await time.increase(2n * DAY);
      expect(await ok(["dispute", "finalize", disputeId], KEY.stranger)).to.include({ state: "Final" });
    });
  });

  describe("agents", () => {
    it("`agent provider --once` bids on an eligible job and logs JSON lines", async () => {
      const posted = await ok(["job", "post", "--model", "m", "--input", "agent", "--max-price", "9"], KEY.consumer);
      const r = await kit(["agent", "provider", "--once", "--price", "2"], KEY.provider);
      expect(r.code, r.stderr).to.equal(0);
      const lines = r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines[0]).to.include({ agent: "provider", event: "agent.started", provider: f.provider.address });
      expect(lines.find((l) => l.event === "bid.committed")).to.include({
        jobId: posted.jobId,
        price: (2n * Q).toString(),
      });
    });

    it("`agent validator --once` attests a job in review, not the one the dispute found bad", async () => {
      const posted = await ok(["job", "post", "--model", "m", "--input", "fine", "--max-price", "5"], KEY.consumer);
      await ok(["job", "bid", posted.jobId, "3"], KEY.provider);
      await time.increaseTo(BigInt(posted.bidDeadline));
      await ok(["job", "reveal", posted.jobId], KEY.provider);
      await time.increaseTo(BigInt(posted.bidDeadline) + HOUR);
      await ok(["job", "accept", posted.jobId, f.provider.address, "--permit"], KEY.consumer);
      await ok(["job", "submit", posted.jobId, "--output", "o", "--receipt", "r"], KEY.provider);
      const r = await kit(["agent", "validator", "--once", "--score", "90"], KEY.v2);
      expect(r.code, r.stderr).to.equal(0);
      const lines = r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines[0].event).to.equal("agent.started");
      const attested = lines.filter((l) => l.event === "job.attested");
      expect(attested.map((l) => [l.jobId, l.score])).to.deep.equal([[posted.jobId, 90]]);
      // the job of the upheld dispute above is skipped, with the reason
      expect(lines.filter((l) => l.event === "attest.skipped").map((l) => l.reason)).to.include.oneOf([
        "a dispute found it bad",
        "not in review (Refunded)",
        "not in review (Settled)",
      ]);
    });
  });

  describe("the remaining actions", () => {
    it("job cancel; channel top-up, start-close after expiry and finalize after the settle window", async () => {
      const posted = await ok(
        ["job", "post", "--model", "m", "--input", "cancel me", "--max-price", "1"],
        KEY.consumer,
      );
      expect(await ok(["job", "cancel", posted.jobId], KEY.consumer)).to.include({ action: "cancel" });
      expect((await ok(["job", "show", posted.jobId])).state).to.equal("Cancelled");
      const opened = await ok(["channel", "open", f.provider.address, "2", "--duration", "3600"], KEY.consumer);
      await ok(["channel", "top-up", opened.channelId, "1"], KEY.consumer);
      expect((await ok(["channel", "show", opened.channelId])).deposit).to.equal((3n * Q).toString());
      await time.increaseTo(BigInt(opened.expiry));
      await ok(["channel", "start-close", opened.channelId], KEY.consumer);
      const closing = await ok(["channel", "show", opened.channelId]);
      expect(closing.state).to.equal("Closing");
      await time.increaseTo(BigInt(closing.settleDeadline));
      const before = await f.quiv.balanceOf(f.consumer.address);
      await ok(["channel", "finalize", opened.channelId], KEY.stranger);
      expect((await f.quiv.balanceOf(f.consumer.address)) - before).to.equal(3n * Q);
    });
  });

  describe("agent loop", () => {
    it("`agent validator --ticks 2 --interval 0` runs two ticks and exits 0", async () => {
      const r = await kit(["agent", "validator", "--ticks", "2", "--interval", "0"], KEY.v3);
      expect(r.code, r.stderr).to.equal(0);
      const lines = r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines.every((l) => l.agent === "validator" && typeof l.ts === "string")).to.equal(true);
    });
  });

  describe("when the input is bad", () => {
    const id = "0x" + "ab".repeat(32);
    const cases: [string, string[], RegExp][] = [
      ["a negative bid", ["job", "bid", "1", "-5"], /must not be negative/],
      ["a non-numeric job id", ["job", "show", "abc"], /jobId must be a non-negative integer/],
      ["a bad provider address", ["job", "accept", "1", "0x1234"], /not a 0x-prefixed 20-byte/],
      ["a missing --model", ["job", "post", "--input", "x", "--max-price", "1"], /required option '--model/],
      ["a short hash", ["job", "post", "--model", "0x12", "--input", "x", "--max-price", "1"], /not 32 bytes/],
      ["a voucher that is not JSON", ["channel", "voucher", "verify", "nope"], /not valid JSON/],
      ["a missing voucher file", ["channel", "close", "@/nonexistent.json"], /voucher file not found/],
      ["a bad dispute id", ["dispute", "show", "0x12"], /not a 32-byte dispute id/],
      ["a bad vote side", ["dispute", "vote", id, "maybe"], /uphold or reject/],
      ["a bad size class", ["price", "quote", "x"], /sizeClass must be a non-negative integer/],
      ["a score above 100", ["agent", "validator", "--once", "--score", "101"], /score must be 0\.\.100/],
      ["an unknown job", ["job", "show", "999"], /no job 999: job ids are 1\.\.\d+/],
      ["the bids of an unknown job", ["job", "bids", "999"], /no job 999/],
      ["an unknown channel", ["channel", "show", "999"], /no channel 999 \(the next channel opened gets id \d+\)/],
      ["an unknown dispute", ["dispute", "show", id], /no dispute 0xabab/],
      [
        "a tier no provider has",
        ["job", "post", "--model", "m", "--input", "i", "--max-price", "1", "--min-tier", "9"],
        /min-tier must be 1\.\.4/,
      ],
      [
        "tier 0",
        ["job", "post", "--model", "m", "--input", "i", "--max-price", "1", "--min-tier", "0"],
        /min-tier must be 1\.\.4/,
      ],
      [
        "a size class the oracle cannot hold",
        ["job", "post", "--model", "m", "--input", "i", "--max-price", "1", "--size-class", "8"],
        /size-class must be 0\.\.7/,
      ],
      [
        "a deposit in scientific notation",
        ["channel", "open", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "1e18"],
        /not a plain decimal/,
      ],
    ];
    for (const [what, args, message] of cases) {
      it(`${what}: exit ${EXIT_USAGE} and a clear message`, async () => {
        const r = await kit(args, KEY.stranger);
        expect(r.code, r.stderr).to.equal(EXIT_USAGE);
        expect(r.stderr).to.match(message);
        expect(r.stdout).to.equal(""); // no zeroed record
        const j = await kit(["--json", ...args], KEY.stranger);
        expect(j.code).to.equal(EXIT_USAGE);
        expect(JSON.parse(j.stdout).error.message).to.match(message);
      });
    }

    it("a revert exits 1 with the decoded error (cancelling a settled job)", async () => {
      const r = await kit(["--json", "job", "cancel", "1"], KEY.consumer);
      expect(r.code).to.equal(EXIT_FAILURE);
      const { error } = JSON.parse(r.stdout);
      expect(error.errorName).to.equal("MarketUnexpectedState");
      expect(error.description).to.equal(
        "MarketUnexpectedState: job 1 is Settled, needs Bidding, Revealing or Awarding",
      );
      const text = await kit(["job", "cancel", "1"], KEY.consumer);
      expect(text.stderr).to.contain(
        "error: InferenceMarketplace reverted: MarketUnexpectedState: job 1 is Settled, needs Bidding, Revealing or Awarding\n",
      );
    });
  });
});
