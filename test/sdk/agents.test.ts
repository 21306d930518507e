import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { HDNodeWallet } from "ethers";
import { deployQuiverActors, type QuiverActors } from "../quiver/fixtures/quiverActors";
import { addressOf, blocksAtTime } from "../../sdk/kit/chain";
import { ensureAllowance, send, MemorySaltStore, type SaltStore } from "../../sdk/kit/tx";
import {
  VoucherAboveDepositError,
  VoucherNotIncreasingError,
  VoucherSignatureError,
} from "../../sdk/quiver/core/voucher";
import { signVoucher } from "../../sdk/quiver/chain/voucher";
import { JsonLineLogger, MemoryLogger, redact, runLoop } from "../../sdk/kit/agents";
import type { Signer } from "ethers";
import {
  connectQuiver,
  readChannel,
  readDispute,
  readJob,
  readPriceQuote,
  buildAccept,
  challengeJob,
  openChannel,
  postJob,
  ProviderAgent,
  ValidatorAgent,
  VoucherStream,
  submissionEvent,
  submissionVerifier,
  type JobVerifier,
} from "../../sdk/quiver";
import { JsonFileStore } from "../../sdk/kit/node/store";
import { DAY, HOUR } from "../helpers/units";
import { TOKEN as Q } from "../helpers/units";

const MNEMONIC = "test test test test test test test test test test test junk";
/** Hardhat's private keys of the actors (accounts #10..#17): they must never reach a log. */
const KEYS = Array.from({ length: 8 }, (_, i) =>
  HDNodeWallet.fromPhrase(MNEMONIC, undefined, `m/44'/60'/0'/0/${10 + i}`),
);

function providerAgent(f: QuiverActors, store: SaltStore, log: MemoryLogger, extra: { closeMargin?: bigint } = {}) {
  return new ProviderAgent({
    signer: f.provider,
    contracts: connectQuiver(f.book, f.provider),
    chainId: f.chainId,
    store,
    log,
    ...extra,
  });
}

function validatorAgent(f: QuiverActors, signer: Signer, store: SaltStore, log: MemoryLogger) {
  return new ValidatorAgent({ signer, contracts: connectQuiver(f.book, signer), store, log });
}

async function post(f: QuiverActors, minTier = 1) {
  const now = BigInt(await time.latest());
  const r = {
    modelHash: ethers.id("llama-8b"),
    inputHash: ethers.id(`prompt-${minTier}`),
    maxPrice: 10n * Q,
    bidDeadline: now + HOUR,
    completionDeadline: now + DAY,
    minTier,
    sizeClass: 1,
  };
  const { jobId } = await postJob(f.consumer, addressOf(f.book, "marketplace"), r);
  return { jobId, ...r };
}

function assertClean(log: MemoryLogger) {
  const all = log.lines.join("").toLowerCase();
  for (const line of log.lines) expect(() => JSON.parse(line), line).to.not.throw();
  for (const k of KEYS) expect(all).to.not.contain(k.privateKey.slice(2).toLowerCase());
  expect(all).to.not.contain('"salt"');
}

describe("agents (in-process chain, QUIVer preset)", () => {
  let f: QuiverActors;
  let dir: string;
  beforeEach(async () => {
    f = await loadFixture(deployQuiverActors);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-agents-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe("the provider agent", () => {
    it("bids only on jobs its tier reaches, reveals after a restart, submits once accepted", async () => {
      const log = new MemoryLogger();
      const file = path.join(dir, "provider.json");
      const eligible = await post(f, 1);
      const tooHigh = await post(f, 3); // tier 2 provider: not eligible

      const first = await providerAgent(f, new JsonFileStore(file), log).tick();
      expect(first.committed).to.deep.equal([eligible.jobId]);
      expect(log.records.find((r) => r.event === "job.ineligible")?.fields).to.deep.include({ jobId: tooHigh.jobId });
      const quote = await readPriceQuote(connectQuiver(f.book, ethers.provider).oracle, 1);
      expect(log.records.find((r) => r.event === "bid.committed")?.fields).to.deep.include({
        jobId: eligible.jobId,
        price: quote.referencePrice,
      });

      // A new agent process on the same state file reveals the bid the first one committed.
      await time.increaseTo(eligible.bidDeadline);
      const restarted = providerAgent(f, new JsonFileStore(file), log);
      expect((await restarted.tick()).revealed).to.deep.equal([eligible.jobId]);
      expect((await restarted.tick()).revealed).to.deep.equal([]); // idempotent

      await time.increaseTo(eligible.bidDeadline + HOUR);
      const market = addressOf(f.book, "marketplace");
      await ensureAllowance(f.consumer, addressOf(f.book, "quiv"), market, quote.referencePrice);
      await send(f.consumer, buildAccept(market, eligible.jobId, f.provider.address));
      expect((await restarted.tick()).submitted).to.deep.equal([eligible.jobId]);
      const job = await readJob(connectQuiver(f.book, ethers.provider).marketplace, eligible.jobId);
      expect(job.state).to.equal("InReview");
      expect(job.outputHash).to.not.equal(ethers.ZeroHash);
      expect(await restarted.tick()).to.deep.equal({
        committed: [],
        revealed: [],
        submitted: [],
        collected: [],
        closed: [],
      });
      assertClean(log);
      expect(fs.readFileSync(file, "utf8")).to.not.contain(KEYS[0].privateKey.slice(2));
    });

    it("verifies every streamed voucher before serving more, keeps the highest, and closes with it", async () => {
      const log = new MemoryLogger();
      const file = path.join(dir, "vouchers.json");
      const agent = providerAgent(f, new JsonFileStore(file), log, { closeMargin: 2n * DAY });
      const channels = addressOf(f.book, "channels");
      const q = connectQuiver(f.book, f.consumer);
      const { channelId } = await openChannel(
        f.consumer,
        channels,
        addressOf(f.book, "quiv"),
        f.provider.address,
        10n * Q,
        BigInt(await time.latest()) + DAY,
      );
      const stream = new VoucherStream(f.consumer, q.channels, f.chainId, channels, channelId, Q / 100n);
      const first = await stream.pay(100n); // 1 QUIV
      expect((await agent.serve(first)).increment).to.equal(Q);
      const second = await stream.pay(150n); // 2.5 QUIV
      expect((await agent.serve(second)).increment).to.equal((3n * Q) / 2n);

      await expect(agent.serve(first)).to.be.rejectedWith(VoucherNotIncreasingError); // replay
      const expected = { chainId: f.chainId, verifyingContract: channels };
      const actual = { ...expected, name: "QUIVer PaymentChannels", version: "1" };
      const above = await signVoucher(
        f.consumer,
        { channelId, cumulativeAmount: 11n * Q, tokensGenerated: 1n },
        { expected, actual },
      );
      await expect(agent.serve(above)).to.be.rejectedWith(VoucherAboveDepositError);
      const forged = await signVoucher(
        f.stranger,
        { channelId, cumulativeAmount: 9n * Q, tokensGenerated: 1n },
        { expected, actual },
      );
      await expect(agent.serve(forged)).to.be.rejectedWith(VoucherSignatureError);
      expect(agent.latestVoucher(channelId)?.cumulativeAmount).to.equal((5n * Q) / 2n);
      // Concurrent vouchers are checked one at a time: the lower one never overwrites the higher one.
      const [third, fourth] = [await stream.pay(10n), await stream.pay(10n)];
      const raced = await Promise.allSettled([agent.serve(fourth), agent.serve(third)]);
      expect(raced.map((r) => r.status)).to.deep.equal(["fulfilled", "rejected"]);
      // After a restart the persisted highest voucher still bounds what is accepted.
      const restarted = providerAgent(f, new JsonFileStore(file), log, { closeMargin: 2n * DAY });
      await restarted.address();
      await expect(restarted.serve(second)).to.be.rejectedWith(VoucherNotIncreasingError);
      expect(restarted.latestVoucher(channelId)?.cumulativeAmount).to.equal((27n * Q) / 10n);
      expect(log.events().filter((e) => e === "voucher.rejected")).to.have.length(5);
      expect(fs.statSync(file).mode & 0o777).to.equal(0o600);

      const [p0, c0] = [await f.quiv.balanceOf(f.provider.address), await f.quiv.balanceOf(f.consumer.address)];
      expect((await restarted.tick()).closed).to.deep.equal([channelId]); // expiry within the close margin
      expect((await f.quiv.balanceOf(f.provider.address)) - p0).to.equal((27n * Q) / 10n);
      expect((await f.quiv.balanceOf(f.consumer.address)) - c0).to.equal((73n * Q) / 10n);
      expect((await readChannel(q.channels, channelId)).state).to.equal("Closed");
      assertClean(log);
    });
  });

  describe("the validator agent", () => {
    it("registers, attests, votes with commit-reveal, resolves and finalizes a dispute", async () => {
      const log = new MemoryLogger();
      const stores = f.validators.map(() => new MemorySaltStore());
      const agents = f.validators.map((v, i) => validatorAgent(f, v, stores[i], log));
      const market = addressOf(f.book, "marketplace");
      const pstore = new MemorySaltStore();
      const provider = providerAgent(f, pstore, log);
      const job = await post(f, 1);
      await provider.tick();
      for (const a of agents) expect((await a.tick()).registered).to.equal(true);
      await time.increaseTo(job.bidDeadline);
      await provider.tick();
      await time.increaseTo(job.bidDeadline + HOUR);
      await ensureAllowance(f.consumer, addressOf(f.book, "quiv"), market, 10n * Q);
      await send(f.consumer, buildAccept(market, job.jobId, f.provider.address));
      await provider.tick();

      for (const a of agents) expect((await a.tick()).attested).to.deep.equal([job.jobId]);
      const q = connectQuiver(f.book, ethers.provider);
      expect((await q.disputes.attestationsOf(job.jobId)).map((x) => x)).to.deep.equal([3n, 300n]);

      const { disputeId } = await challengeJob(
        f.challenger,
        addressOf(f.book, "disputes"),
        addressOf(f.book, "quiv"),
        job.jobId,
        ethers.id("bad output"),
        100n * Q,
      );
      for (const a of agents) expect((await a.tick()).committed).to.deep.equal([disputeId]);
      const d = await readDispute(q.disputes, disputeId);
      await time.increaseTo(d.commitEndsAt);
      for (const a of agents) expect((await a.tick()).revealed).to.deep.equal([disputeId]);
      await time.increaseTo(d.revealEndsAt);
      expect((await agents[0].tick()).resolved).to.deep.equal([disputeId]);
      const decided = await readDispute(q.disputes, disputeId);
      // Attested quality 100 >= 50: every validator rejects the challenge.
      expect(decided).to.include({ outcome: "Rejected", upVotes: 0n, downVotes: 3n, state: "Decided" });
      await time.increase(2n * DAY);
      expect((await agents[1].tick()).finalized).to.deep.equal([disputeId]);
      expect((await readDispute(q.disputes, disputeId)).state).to.equal("Final");
      assertClean(log);
    });
  });

  describe("the validator's verifier", () => {
    /** A submitted job from the provider agent, the validators registered before it was submitted. */
    async function submittedJob(agents: ValidatorAgent[], log: MemoryLogger) {
      const market = addressOf(f.book, "marketplace");
      const provider = providerAgent(f, new MemorySaltStore(), log);
      const job = await post(f, 1);
      await provider.tick();
      for (const a of agents) expect((await a.tick()).attested).to.deep.equal([]); // registers; nothing submitted
      await time.increaseTo(job.bidDeadline);
      await provider.tick();
      await time.increaseTo(job.bidDeadline + HOUR);
      await ensureAllowance(f.consumer, addressOf(f.book, "quiv"), market, 10n * Q);
      await send(f.consumer, buildAccept(market, job.jobId, f.provider.address));
      await provider.tick();
      return job;
    }

    const skipped = (log: MemoryLogger) =>
      log.lines
        .map((l) => JSON.parse(l))
        .filter((l: { event?: string; msg?: string }) => JSON.stringify(l).includes("attest.skipped"));

    it("the default attests a job in review with the checks it made; a plugged verifier that declines attests nothing", async () => {
      const log = new MemoryLogger();
      const declining: JobVerifier = {
        name: "declines",
        verify: async () => ({ attest: false, reason: "cannot re-run this model" }),
      };
      const [v0, v1] = f.validators;
      const a0 = new ValidatorAgent({
        signer: v0,
        contracts: connectQuiver(f.book, v0),
        store: new MemorySaltStore(),
        log,
      });
      const a1 = new ValidatorAgent({
        signer: v1,
        contracts: connectQuiver(f.book, v1),
        store: new MemorySaltStore(),
        log,
        verifier: declining,
      });
      const job = await submittedJob([a0, a1], log);
      expect((await a0.tick()).attested).to.deep.equal([job.jobId]);
      expect((await a1.tick()).attested).to.deep.equal([]);
      const q = connectQuiver(f.book, ethers.provider);
      expect(await q.disputes.attestationsOf(job.jobId)).to.deep.equal([1n, 100n]);
      const attested = log.lines.map((l) => JSON.parse(l)).find((l) => JSON.stringify(l).includes("job.attested"));
      expect(JSON.stringify(attested)).to.contain("hashes match the provider's JobSubmitted");
      expect(JSON.stringify(skipped(log))).to.contain("cannot re-run this model");
      // the declined job is dropped, not retried on every tick
      expect((await a1.tick()).attested).to.deep.equal([]);
      assertClean(log);
    });

    it("finds the submission in the blocks of the job's submittedAt only, however long the chain grew since", async () => {
      const log = new MemoryLogger();
      const job = await submittedJob([], log);
      const q = connectQuiver(f.book, ethers.provider);
      const [submitted] = await q.marketplace.queryFilter(q.marketplace.filters.JobSubmitted(job.jobId), 0);
      await mine(5_000); // history after the submission
      const head = await ethers.provider.getBlockNumber();
      const record = await readJob(q.marketplace, job.jobId);
      expect(await blocksAtTime(ethers.provider, record.submittedAt)).to.deep.equal({
        fromBlock: submitted.blockNumber,
        toBlock: submitted.blockNumber,
      });
      expect(await blocksAtTime(ethers.provider, BigInt(await time.latest()) + 1n)).to.equal(undefined);
      const ranges: unknown[][] = [];
      const queryFilter = q.marketplace.queryFilter.bind(q.marketplace);
      (q.marketplace as unknown as { queryFilter: unknown }).queryFilter = (...a: unknown[]) => {
        ranges.push(a.slice(1));
        return (queryFilter as (...x: unknown[]) => unknown)(...a);
      };
      const verdict = await submissionVerifier().verify(record, { contracts: q, now: BigInt(await time.latest()) });
      expect(verdict).to.deep.include({ attest: true, score: 100 });
      expect(ranges).to.deep.equal([[submitted.blockNumber, submitted.blockNumber]]);
      expect(head - submitted.blockNumber).to.be.at.least(5_000);
      expect((await submissionEvent(q, record))?.transactionHash).to.equal(submitted.transactionHash);
    });

    it("a job a dispute found bad is never attested 100, whatever the verifier says", async () => {
      const log = new MemoryLogger();
      const agents = f.validators.map(
        (v) =>
          new ValidatorAgent({
            signer: v,
            contracts: connectQuiver(f.book, v),
            store: new MemorySaltStore(),
            log,
            judge: () => true, // uphold
          }),
      );
      const job = await submittedJob(agents, log);
      const q = connectQuiver(f.book, ethers.provider);
      const { disputeId } = await challengeJob(
        f.challenger,
        addressOf(f.book, "disputes"),
        addressOf(f.book, "quiv"),
        job.jobId,
        ethers.id("bad output"),
        100n * Q,
      );
      for (const a of agents) {
        const t = await a.tick();
        expect(t.attested).to.deep.equal([]); // under dispute: watched, not attested
        expect(t.committed).to.deep.equal([disputeId]);
      }
      const d = await readDispute(q.disputes, disputeId);
      await time.increaseTo(d.commitEndsAt);
      for (const a of agents) await a.tick();
      await time.increaseTo(d.revealEndsAt);
      await agents[0].tick();
      expect((await readDispute(q.disputes, disputeId)).outcome).to.equal("Upheld");
      await time.increase(2n * DAY);
      for (const a of agents) expect((await a.tick()).attested).to.deep.equal([]);
      expect(await q.disputes.attestationsOf(job.jobId)).to.deep.equal([0n, 0n]);
      expect(JSON.stringify(skipped(log))).to.match(/not in review|a dispute found it bad/);
      // a plugged verifier vouching 100 for anything: the agent attests 0 for the upheld job
      const blind: JobVerifier = { name: "blind", verify: async () => ({ attest: true, score: 100, checks: [] }) };
      const v = f.validators[0];
      const again = new ValidatorAgent({
        signer: v,
        contracts: connectQuiver(f.book, v),
        store: new MemorySaltStore(),
        log,
        verifier: blind,
      });
      const t = await again.tick();
      expect(t.attested).to.deep.equal([job.jobId]);
      expect(await q.disputes.attestationsOf(job.jobId)).to.deep.equal([1n, 0n]);
      assertClean(log);
    });
  });

  describe("logs and the loop runner", () => {
    it("writes one JSON object per line with bigints as strings and drops secret-looking fields", () => {
      const lines: string[] = [];
      const log = new JsonLineLogger(
        "t",
        (l) => lines.push(l),
        () => "now",
      );
      log.log("info", "x", { amount: 10n ** 30n, privateKey: KEYS[0].privateKey, nested: { salt: "0x01", ok: 1 } });
      expect(lines).to.have.length(1);
      expect(lines[0].endsWith("\n")).to.equal(true);
      expect(JSON.parse(lines[0])).to.deep.equal({
        ts: "now",
        agent: "t",
        level: "info",
        event: "x",
        amount: (10n ** 30n).toString(),
        nested: { ok: 1 },
      });
      expect(redact({ mnemonic: "a", password: "b", keep: true })).to.deep.equal({ keep: true });
    });

    it("runs ticks until maxTicks and logs a failing tick instead of stopping", async () => {
      const log = new MemoryLogger();
      let n = 0;
      const ticks = await runLoop(
        {
          tick: async () => {
            n++;
            if (n === 1) throw new Error("node down");
          },
        },
        { intervalMs: 0, maxTicks: 3, log },
      );
      expect([ticks, n]).to.deep.equal([3, 3]);
      expect(log.records[0]).to.deep.include({ level: "error", event: "tick.failed" });
    });
  });
});
