/**
 * Gas of the marketplace and dispute flows. The settlement target is "<= 2 ERC-20 transfers +
 * 25k gas": a plain QUIV transfer between two existing holders is measured in the same run, and the
 * "job confirm" row's reference is 2 x that + 25,000 (target ratio <= 1). Settlement accrues the network,
 * treasury and burn legs and pays only the provider; "job flush fees" shows the batched cost of pushing
 * the accrued legs out, paid once for any number of jobs.
 */
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { gasOf, row, type BenchContext, type BenchRow } from "./lib";
import { DEFAULTS, HOUR, DAY, QUIV, deployMarket, saltFor, stakeValidators } from "../../test/quiver/fixtures/market";
import { bidCommitment, disputeIdOf, voteCommitment } from "../../sdk/quiver/core/market";

export default async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const f = await deployMarket();
  await stakeValidators(f, 3);
  const m = f.market;
  const price = 5n * QUIV;

  async function oneJob() {
    const bidDeadline = BigInt(await time.latest()) + HOUR;
    const post = await gasOf(
      m.connect(f.consumer).post({
        modelHash: ethers.id("model"),
        inputHash: ethers.id(`input${bidDeadline}`),
        maxPrice: 10n * QUIV,
        bidDeadline,
        completionDeadline: bidDeadline + DEFAULTS.revealWindow + DAY,
        minTier: 1,
        sizeClass: 1,
      }),
    );
    const jobId = await m.jobCount();
    const salt = saltFor(`bench${jobId}`);
    const commit = await gasOf(
      m.connect(f.provider).commitBid(jobId, bidCommitment(jobId, f.provider.address, price, salt)),
    );
    await time.increaseTo(bidDeadline);
    const reveal = await gasOf(m.connect(f.provider).revealBid(jobId, price, salt));
    await time.increaseTo(bidDeadline + DEFAULTS.revealWindow);
    const accept = await gasOf(m.connect(f.consumer).accept(jobId, f.provider.address));
    const submit = await gasOf(m.connect(f.provider).submit(jobId, ethers.id("out"), ethers.id("receipt")));
    return { jobId, post, commit, reveal, accept, submit };
  }

  // Warm-up job: the provider and the fee accumulators hold a balance, as in steady state.
  const warm = await oneJob();
  await m.connect(f.consumer).confirm(warm.jobId);
  const j = await oneJob();
  const confirm = await gasOf(m.connect(f.consumer).confirm(j.jobId));
  const flush = await gasOf(m.flushFees());
  const transfer = await gasOf(f.quiv.connect(f.consumer).transfer(f.provider.address, QUIV));
  const settlementBudget = 2n * transfer + 25_000n;
  const total = j.post + j.commit + j.reveal + j.accept + j.submit + confirm;

  // Dispute on a third job: three validators vote, the outcome is applied after the appeal window.
  const d = await oneJob();
  const challenge = await gasOf(f.disputes.connect(f.challenger).challenge(d.jobId, ethers.id("evidence")));
  const id = disputeIdOf(d.jobId);
  const votes: bigint[] = [];
  for (const v of f.validators.slice(0, 3)) {
    const c = voteCommitment(id, await v.getAddress(), true, saltFor("vote"));
    votes.push(await gasOf(f.disputes.connect(v).commitVote(id, c)));
  }
  const dispute = await f.disputes.getDispute(id);
  await time.increaseTo(dispute.commitEndsAt);
  const reveals: bigint[] = [];
  for (const v of f.validators.slice(0, 3)) {
    reveals.push(await gasOf(f.disputes.connect(v).revealVote(id, true, saltFor("vote"))));
  }
  await time.increaseTo(dispute.revealEndsAt);
  const resolve = await gasOf(f.disputes.resolve(id));
  await time.increase(DEFAULTS.appealWindow);
  const finalize = await gasOf(f.disputes.finalize(id));

  // Dispute on a fourth job (SEC-01/03/04): a second challenger joins, one committee member is absent and
  // penalised, the provider appeals, governance does not rule, and the upheld outcome pays a splitter.
  const e = await oneJob();
  await f.disputes.connect(f.challenger).challenge(e.jobId, ethers.id("evidence"));
  const join = await gasOf(f.disputes.connect(f.consumer).challenge(e.jobId, ethers.id("evidence2")));
  const eid = disputeIdOf(e.jobId);
  for (const v of f.validators.slice(0, 2)) {
    await f.disputes.connect(v).commitVote(eid, voteCommitment(eid, await v.getAddress(), true, saltFor("vote")));
  }
  const ed = await f.disputes.getDispute(eid);
  await time.increaseTo(ed.commitEndsAt);
  for (const v of f.validators.slice(0, 2)) await f.disputes.connect(v).revealVote(eid, true, saltFor("vote"));
  const penalize = await gasOf(f.disputes.penalizeNonCommit(eid, await f.validators[2].getAddress()));
  await time.increaseTo(ed.revealEndsAt);
  await f.disputes.resolve(eid);
  await f.quiv.connect(f.team).transfer(f.provider.address, 1_000n * QUIV);
  await f.quiv.connect(f.provider).approve(await f.disputes.getAddress(), ethers.MaxUint256);
  const appeal = await gasOf(f.disputes.connect(f.provider).appeal(eid));
  await time.increase(DEFAULTS.appealTimeout);
  const finalizeSplit = await gasOf(f.disputes.finalize(eid));
  const splitter = await ethers.getContractAt(
    "ChallengerRewardSplitter",
    (await f.disputes.getDispute(eid)).rewardSplitter,
  );
  await f.quiv.connect(f.team).transfer(await splitter.getAddress(), 500n * QUIV); // the staking leg, simulated
  const release = await gasOf(splitter.release(f.challenger.address));

  ctx.note(
    `market: job confirm ${confirm} gas vs budget 2 x QUIV transfer (${transfer}) + 25,000 = ${settlementBudget}` +
      ` (${confirm <= settlementBudget ? "met" : "MISSED"}); fee legs flushed in one batch for ${flush} gas.`,
  );
  return [
    row("job post", j.post),
    row("job commit bid", j.commit),
    row("job reveal bid", j.reveal),
    row("job accept", j.accept),
    row("job submit", j.submit),
    row("job confirm", confirm, "2 x QUIV transfer + 25k", settlementBudget, 1),
    row("job total (post to confirm)", total),
    row("job flush fees (batched, any number of jobs)", flush),
    row("dispute challenge", challenge),
    row("dispute vote", votes[1]),
    row("dispute reveal vote", reveals[1]),
    row("dispute resolve", resolve),
    row("dispute finalize (upheld)", finalize),
    row("dispute join (second challenger)", join),
    row("dispute penalize non-commit", penalize),
    row("dispute appeal (with bond)", appeal),
    row("dispute finalize (upheld, 2 challengers, splitter clone)", finalizeSplit),
    row("dispute challenger reward release (splitter)", release),
  ];
}
