import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciPreset, type BpciPreset } from "../fixtures/preset";
import { EXIT_FAILURE } from "../../../sdk/cli/main";
import { bpciCli, devWallet, type BpciCli } from "../fixtures/cli";
import { feeLegs, poeFee } from "../../../sdk/bpci/core/poe";
import { TOKEN } from "../../helpers/units";
import { WAD } from "../../../sdk/kit/core/math";
import { findBpciParameter } from "../../../sdk/bpci/core/parameters";

const d = (name: string) => findBpciParameter(`bpci.poe.${name}`)!.value;
import { WFLX_PER_FLX } from "../../../sdk/bpci/core/units";

/** Hardhat's development keys: #1 the AUR issuer, #2 alice, #10 a miner. None may appear in any output. */
const wallet = devWallet;
const KEY = { issuer: wallet(1).privateKey, alice: wallet(2).privateKey, miner: wallet(10).privateKey };
const WFLX = WFLX_PER_FLX; // wFLX wei per FLX wei

let f: BpciPreset;
let cli: BpciCli;
const kit = (args: string[], key?: string) => cli.kit(args, key);
const ok = (args: string[], key?: string) => cli.ok(args, key);
const reverts = (args: string[], key?: string) => cli.reverts(args, key);

describe("kit bpci … and kit agent bpci-miner (in-process chain, BPCI preset)", () => {
  before(async () => {
    f = await loadFixture(deployBpciPreset);
    cli = bpciCli(f.book);
  });

  after(() => {
    cli.cleanup();
    const all = cli.outputs.join("\n").toLowerCase();
    expect(cli.outputs.length).to.be.greaterThan(30);
    for (const k of Object.values(KEY)) expect(all).to.not.contain(k.slice(2).toLowerCase());
  });

  it("status: supplies, AUR backing, PoE epoch; the text form too", async () => {
    const s = await ok(["bpci", "status"]);
    expect(s.supplies).to.deep.include({ gen: (100_000n * TOKEN).toString(), nex: "0", aur: "0" });
    expect(s.aur.feedStatus).to.equal("Ok");
    expect(s.poe).to.deep.include({ currentEpoch: "0", nextToClose: "0", miners: 0, jobs: "0" });
    const text = await kit(["bpci", "status"]);
    expect(text.code).to.equal(0);
    expect(text.stdout).to.contain("GEN 100000, NEX 0");
  });

  it("miner register (0 NEX during the bootstrap), show; withdraw of an unknown unbonding decodes", async () => {
    const r = await ok(["bpci", "miner", "register"], KEY.miner);
    expect(r).to.include({ action: "registerMiner", from: wallet(10).address, stake: "0" });
    const m = await ok(["bpci", "miner", "show", wallet(10).address]);
    expect(m).to.include({ active: true, stake: "0", minimum: "0" });
    const e = await reverts(["bpci", "miner", "withdraw", "0"], KEY.miner);
    expect(e.errorName).to.equal("MinerStakingUnknownUnbonding");
    expect(e.args).to.deep.equal([wallet(10).address, "0", "0"]);
    const u = await reverts(["bpci", "miner", "unbond", "1"], KEY.miner);
    expect(u.errorName).to.equal("StakingInsufficientStake"); // unbonding 1 NEX of a stake of 0
    expect(u.args).to.deep.equal([wallet(10).address, wallet(10).address, TOKEN.toString(), "0"]);
  });

  it("flx wrap, job submit (approves value + fee), show, confirm with the legs to the wei; errors decoded", async () => {
    expect(await ok(["bpci", "flx", "wrap", "1000"], KEY.alice)).to.include({ action: "wrapFlx" });
    expect(await f.wflx.balanceOf(f.alice.address)).to.equal(1_000n * TOKEN * WFLX);
    const value = 12_345_678_901n;
    const fee = poeFee(value, 100n);
    const s = await ok(["bpci", "job", "submit", wallet(10).address, "Compute", value.toString(), "--wei"], KEY.alice);
    expect(s).to.include({
      jobId: "1",
      jobType: "Compute",
      token: "wFLX",
      value: value.toString(),
      fee: fee.toString(),
    });
    expect(await f.wflx.allowance(f.alice.address, await f.mining.getAddress())).to.equal(0n); // exact approval, spent
    expect(await ok(["bpci", "job", "show", "1"])).to.include({
      state: "Pending",
      jobType: "Compute",
      fee: fee.toString(),
    });
    // Only the miner confirms; a self-job is refused.
    const stranger = await reverts(["bpci", "job", "confirm", "1"], KEY.alice);
    expect(stranger).to.include({ errorName: "PoeUnauthorized" });
    expect(stranger.args).to.deep.equal([f.alice.address, wallet(10).address]);
    const legs = feeLegs(fee, 2_000n, 3_000n, 2_000n);
    const c = await ok(["bpci", "job", "confirm", "1"], KEY.miner);
    expect(c).to.include({
      jobId: "1",
      epoch: "0",
      locked: legs.locked.toString(),
      spendable: legs.spendable.toString(),
      ownerSalary: legs.owner.toString(),
      treasury: legs.treasury.toString(),
    });
    const again = await kit(["bpci", "job", "confirm", "1"], KEY.miner);
    expect(again.code).to.equal(EXIT_FAILURE);
    expect(again.stderr).to.contain("PoeUnexpectedState");
    expect(again.stderr).to.contain("Confirmed");
    const self = await reverts(["bpci", "job", "submit", f.alice.address, "0", "1"], KEY.alice);
    expect(self).to.include({ errorName: "PoeSelfJob" });
    const badType = await kit(["bpci", "job", "submit", wallet(10).address, "Lottery", "1"], KEY.alice);
    expect(badType.code).to.equal(2);
    expect(badType.stderr).to.contain("unknown job type");
  });

  it("job refund after the timeout; epoch close (not before its end) and claim", async () => {
    await ok(["bpci", "job", "submit", wallet(10).address, "Audit", "5"], KEY.alice);
    const early = await reverts(["bpci", "job", "refund", "2"], KEY.alice);
    expect(early.errorName).to.equal("PoeUnexpectedState");
    const notYet = await reverts(["bpci", "epoch", "close"], KEY.alice);
    expect(notYet.errorName).to.equal("PoeEpochNotEnded");
    await time.increase(86_401);
    const refund = await ok(["bpci", "job", "refund", "2"], KEY.alice);
    expect(refund).to.include({ action: "refundJob", jobId: "2" });
    expect(await ok(["bpci", "job", "show", "2"])).to.include({ state: "Refunded" });
    const closed = await ok(["bpci", "epoch", "close"], KEY.alice);
    // Epoch 0's only fee-paying work is job 1 (job 2 was refunded): its fee at FLX's work weight, and the issuance is
    // capped at maxNexPerWork x work (base x Gamma(Phi) is far larger).
    const work = (poeFee(12_345_678_901n, 100n) * d("workWeightFlx")) / WAD;
    expect(work).to.equal(123_456n);
    expect(closed).to.include({
      epoch: "0",
      work: work.toString(),
      issued: ((work * d("maxNexPerWork")) / WAD).toString(),
    });
    expect(closed.issued).to.equal("30864");
    const claim = await ok(["bpci", "epoch", "claim", "0"], KEY.miner);
    expect(claim.amount).to.equal(closed.issued); // the only miner of epoch 0
    expect(await f.nex.balanceOf(wallet(10).address)).to.equal(BigInt(closed.issued));
  });

  it("aur mint (issuer only, within the reserve), a mint past the reserve refused, redeem, check; flx rebase", async () => {
    const denied = await reverts(["bpci", "aur", "mint", f.alice.address, "1"], KEY.alice);
    expect(denied.errorName).to.equal("AccessControlUnauthorizedAccount");
    // A day has passed since the deployment's reserve answer: the feed is stale and minting halts, decoded.
    const stale = await reverts(["bpci", "aur", "mint", f.alice.address, "1"], KEY.issuer);
    expect(stale.errorName).to.equal("FeedStale");
    await f.reserveFeed.updateAnswer(1_000_000n * 10n ** 8n);
    // Reserves 1,000,000, margin 2%: at most floor(1,000,000 / 1.02) AUR.
    const over = await reverts(["bpci", "aur", "mint", f.alice.address, "990000"], KEY.issuer);
    expect(over.errorName).to.equal("AurReservesInsufficient");
    expect(await ok(["bpci", "aur", "mint", f.alice.address, "100"], KEY.issuer)).to.include({
      to: f.alice.address,
      amount: (100n * TOKEN).toString(),
    });
    const r = await ok(["bpci", "aur", "redeem", "10", "vault-7"], KEY.alice);
    expect(r).to.include({ redemptionId: "1", amount: (10n * TOKEN).toString(), releaseTo: ethers.id("vault-7") });
    expect(await ok(["bpci", "aur", "check"], KEY.alice)).to.include({ paused: false });
    // GEN's cached holder limit (10% of 100,000 GEN at the defaults), refreshed by anyone.
    expect(await ok(["bpci", "gen", "sync-limit"], KEY.alice)).to.include({
      limit: (10_000n * TOKEN).toString(),
      limitBps: "1000",
    });
    await f.usageFeed.updateAnswer(101_000_000n); // usage 1.01: +1%
    await time.increase(86_400);
    const before = await f.flx.totalSupply();
    const rb = await ok(["bpci", "flx", "rebase"], KEY.alice);
    expect(rb).to.include({ supplyBefore: before.toString(), supplyAfter: ((before * 101n) / 100n).toString() });
    const twice = await reverts(["bpci", "flx", "rebase"], KEY.alice);
    expect(twice.errorName).to.match(/^Flx/);
  });

  it("kit status shows the BPCI lines; kit agent bpci-miner confirms a job addressed to it and claims its epoch (JSON lines)", async () => {
    const st = await kit(["status"]);
    expect(st.code, st.stderr).to.equal(0);
    expect(st.stdout).to.contain("PoE");
    await ok(["bpci", "job", "submit", wallet(10).address, "Storage", "3"], KEY.alice);
    const first = await kit(["agent", "bpci-miner", "--once"], KEY.miner);
    expect(first.code, first.stderr).to.equal(0);
    const lines = first.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.msg ?? l.event ?? l.message)).to.include.members(["agent.started", "job.confirmed"]);
    expect(await ok(["bpci", "job", "show", "3"])).to.include({ state: "Confirmed" });
    // The epoch ends; the next ticks close it and claim the miner's share.
    await time.increase(86_401);
    const nexBefore = await f.nex.balanceOf(wallet(10).address);
    const zero = await kit(["--json", "agent", "bpci-miner", "--once", "--chunk-size", "0"], KEY.miner);
    expect(zero.code).to.equal(2);
    expect(zero.json().error).to.include({
      name: "InvalidArgumentError",
      message: "--chunk-size must be at least 1 block",
    });
    // Small chunks: the whole history is read 7 blocks per eth_getLogs query.
    const second = await kit(
      ["agent", "bpci-miner", "--ticks", "2", "--interval", "0", "--chunk-size", "7"],
      KEY.miner,
    );
    expect(second.code, second.stderr).to.equal(0);
    const events = second.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const names = events.map((l) => l.msg ?? l.event ?? l.message);
    expect(names).to.include.members(["epoch.closed", "issuance.claimed"]);
    const claimed = events.find((l) => (l.msg ?? l.event ?? l.message) === "issuance.claimed");
    expect(await f.nex.balanceOf(wallet(10).address)).to.equal(
      nexBefore + BigInt(claimed.amount ?? claimed.data?.amount),
    );
  });

  it("miner stake and release, owner report/claim/flush-treasury, delegate and transfer tier tokens, feed", async () => {
    const miner = wallet(10).address;
    const nex = await f.nex.balanceOf(miner);
    expect(await ok(["bpci", "miner", "stake", nex.toString(), "--wei"], KEY.miner)).to.include({
      amount: nex.toString(),
    });
    expect(await f.staking.stakeOf(miner)).to.equal(nex);
    await time.increase(86_400);
    const wflxBefore = await f.wflx.balanceOf(miner);
    const [stillLocked, vestedBefore] = await f.mining.reserveOf(miner, await f.wflx.getAddress());
    const rel = await ok(["bpci", "miner", "release"], KEY.miner);
    // The event's amount is what the miner received and what left its line (locked + vested before = locked after +
    // released), and nothing vested is left behind; at least what had vested a block earlier.
    expect((await f.wflx.balanceOf(miner)) - wflxBefore).to.equal(BigInt(rel.amount));
    const [lockedAfter, vestedAfter] = await f.mining.reserveOf(miner, await f.wflx.getAddress());
    expect(stillLocked + vestedBefore - lockedAfter).to.equal(BigInt(rel.amount));
    expect(vestedAfter).to.equal(0n);
    expect(BigInt(rel.amount) >= vestedBefore).to.equal(true);
    const report = await ok(["bpci", "owner", "report", "--period", "0"]);
    expect(report.owner).to.equal(f.issuer.address);
    expect(report.lines.map((l: { token: string }) => l.token)).to.deep.equal(["wFLX", "AUR"]);
    const [, , ownerOwed, treasuryOwed] = await f.mining.obligations(await f.wflx.getAddress());
    expect(BigInt(report.lines[0].salary)).to.equal(ownerOwed); // period 0: every job so far, under the ceiling
    const treasury = await f.treasury.getAddress();
    const owed = await f.wflx.balanceOf(f.issuer.address);
    await ok(["bpci", "owner", "claim"], KEY.issuer);
    expect((await f.wflx.balanceOf(f.issuer.address)) - owed).to.equal(ownerOwed);
    const tBefore = await f.wflx.balanceOf(treasury);
    await ok(["bpci", "owner", "flush-treasury"], KEY.alice);
    expect((await f.wflx.balanceOf(treasury)) - tBefore).to.equal(treasuryOwed);
    expect((await reverts(["bpci", "owner", "claim"], KEY.alice)).errorName).to.equal("PoeUnauthorized");
    // Tier tokens: GEN to bob (limit-checked), delegations counted by the governor at 10x.
    await ok(["bpci", "transfer", "gen", f.signers[11].address, "100"], KEY.alice);
    const limit = await reverts(["bpci", "transfer", "gen", f.bob.address, "1", "--wei"], KEY.alice);
    expect(limit.errorName).to.equal("GenHolderLimitExceeded"); // bob holds the 10,000 GEN limit already
    expect(limit.args).to.deep.equal([f.bob.address, (10_000n * TOKEN + 1n).toString(), (10_000n * TOKEN).toString()]);
    await ok(["bpci", "delegate", "gen"], KEY.alice);
    await time.increase(1);
    const t = BigInt(await time.latest()) - 1n;
    expect(await f.governor.getVotes(f.alice.address, t)).to.equal(9_900n * TOKEN * 10n);
    expect((await kit(["bpci", "delegate", "flx"], KEY.alice)).code).to.equal(2);
    expect(await ok(["bpci", "feed", "quality", "95000000"], KEY.alice)).to.include({
      feed: "quality",
      answer: "95000000",
    });
    expect((await f.qualityFeed.latestRoundData())[1]).to.equal(95_000_000n);
  });

  it("status counts miners from the chain (a second address of the same person counts too) and names a stale feed", async () => {
    // The suite shares one deployment: two fresh addresses (#12, #13) the other tests never use; last, as it moves time.
    const before = (await ok(["bpci", "status"])).poe.miners as number;
    await ok(["bpci", "miner", "register"], wallet(12).privateKey);
    await ok(["bpci", "miner", "register"], wallet(13).privateKey); // the same person's second address
    const again = await kit(["--json", "bpci", "miner", "register"], wallet(12).privateKey);
    expect(again.code).to.equal(EXIT_FAILURE); // registration is once per address
    expect(again.json().error.errorName).to.equal("MinerStakingAlreadyRegistered");
    expect((await ok(["bpci", "status"])).poe.miners).to.equal(before + 2);
    // A day without a new proof of reserve: the kit's FeedReader says Stale (enum value 5).
    await time.increase(86_401);
    expect((await ok(["bpci", "status"])).aur.feedStatus).to.equal("Stale");
  });
});
