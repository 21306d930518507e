/**
 * The seed's management commands under `kit bpci` (`economy status|tokens`, `poe stats|calculate-rewards|owner-salary`)
 * against the BPCI preset with a working economy, each figure checked against the contracts to the wei; and the
 * month -> salary periods mapping they use.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciEconomy, WFLX_PER_FLX, type BpciEconomy } from "../fixtures/preset";
import { EXIT_USAGE } from "../../../sdk/cli/main";
import { bpciCli, devWallet as wallet, type BpciCli } from "../fixtures/cli";
import { gamma, issuance, issuanceShare, poeFee } from "../../../sdk/bpci/core/poe";
import { MAX_PERIODS_PER_MONTH, monthBounds, salaryPeriodsOfMonth } from "../../../sdk/bpci/core/month";
import { InvalidArgumentError } from "../../../sdk/kit/core/errors";
import { TOKEN } from "../../helpers/units";
import { parameterKey } from "../../../sdk/kit/core/parameters";
import { DAY } from "../../helpers/units";

describe("sdk/bpci/core/month: calendar months against salary periods", () => {
  it("bounds a month in UTC, including February of a leap year; rejects other text", () => {
    expect(monthBounds("2026-11")).to.deep.equal({ start: 1_793_491_200n, end: 1_796_083_200n });
    const feb = monthBounds("2028-02");
    expect(feb.end - feb.start).to.equal(29n * DAY);
    for (const bad of ["2026-13", "2026-1", "26-11", "2026-00", "2026-11-01", ""])
      expect(() => monthBounds(bad), bad).to.throw(InvalidArgumentError, "month must be YYYY-MM");
  });

  it("lists every 30-day period overlapping the month, none before genesis, one when a period covers it", () => {
    const { start, end } = monthBounds("2026-11");
    const P = 30n * DAY;
    expect(salaryPeriodsOfMonth("2026-11", end, P)).to.deep.equal([]); // deployed after the month
    expect(salaryPeriodsOfMonth("2026-11", start, P)).to.deep.equal([0n]); // 30-day month, aligned: exactly one
    expect(salaryPeriodsOfMonth("2026-11", start + 1n, P)).to.deep.equal([0n]); // genesis inside the month
    expect(salaryPeriodsOfMonth("2026-11", start - 1n, P)).to.deep.equal([0n, 1n]); // one second into period 1
    expect(salaryPeriodsOfMonth("2026-11", start - 95n * DAY, P)).to.deep.equal([3n, 4n]);
    expect(salaryPeriodsOfMonth("2026-02", monthBounds("2026-01").start + 20n * DAY, P)).to.deep.equal([0n, 1n]);
    expect(() => salaryPeriodsOfMonth("2026-11", 0n, 0n)).to.throw(InvalidArgumentError, "positive");
    const hourly = () => salaryPeriodsOfMonth("2026-11", 0n, 3_600n);
    expect(hourly).to.throw(InvalidArgumentError, `more than ${MAX_PERIODS_PER_MONTH}`);
  });
});

describe("kit bpci economy … / poe … (the seed's management commands)", () => {
  let f: BpciEconomy;
  let cli: BpciCli;
  const kit = (args: string[], key?: string) => cli.kit(args, key);
  const ok = (args: string[]) => cli.ok(args);
  async function usage(args: string[]) {
    const r = await kit(["--json", ...args]);
    expect(r.code, args.join(" ")).to.equal(EXIT_USAGE);
    return r.json().error as { name: string; message: string };
  }

  before(async () => {
    f = await loadFixture(deployBpciEconomy);
    cli = bpciCli(f.book);
  });
  after(() => cli.cleanup());

  it("economy tokens: supplies, NEX's cap and yearly allowance, balances of the accounts asked for", async () => {
    const rows = await ok(["bpci", "economy", "tokens", "--account", f.alice.address, f.miner.address]);
    expect(rows.map((r: { symbol: string }) => r.symbol)).to.deep.equal(["GEN", "NEX", "FLX", "wFLX", "AUR"]);
    const [gen, nex, , wflx, aur] = rows;
    expect(gen).to.deep.include({ totalSupply: (100_000n * TOKEN).toString(), decimals: 18 });
    expect(gen.cap).to.equal(undefined);
    expect(gen.balances[f.alice.address]).to.equal((10_000n * TOKEN).toString());
    const minted = await f.nex.totalSupply();
    expect(nex.totalSupply).to.equal(minted.toString());
    expect(nex.cap).to.equal((await f.nex.cap()).toString());
    const [year, inYear, yearlyCap, remaining] = await f.nex.yearlyAllowance();
    expect(nex.year).to.deep.equal({
      year: year.toString(),
      minted: inYear.toString(),
      yearlyCap: yearlyCap.toString(),
      remaining: remaining.toString(),
    });
    expect(nex.balances[f.miner.address]).to.equal(minted.toString()); // the only miner claimed all of epoch 0
    expect(wflx.decimals).to.equal(21);
    expect(aur.balances[f.alice.address]).to.equal((1_000n * TOKEN).toString());
    const text = await kit(["bpci", "economy", "tokens", "--supply"]);
    expect(text.stdout).to.contain("GEN   supply 100000").and.to.not.contain(f.alice.address);
    expect((await usage(["bpci", "economy", "tokens", "--balances"])).message).to.contain("--account");
    expect((await usage(["bpci", "economy", "tokens", "--account", "0x12"])).name).to.equal("InvalidArgumentError");
  });

  it("poe stats and economy status --detailed: jobs, miners, epochs, Phi/Gamma and the registry's fee split", async () => {
    const s = await ok(["bpci", "poe", "stats"]);
    const [current, nextToClose, phiEma] = await f.mining.epochStatus();
    const last = await f.mining.epochInfo(0n);
    expect(s).to.deep.include({
      jobs: "1",
      miners: "1",
      currentEpoch: current.toString(),
      nextToClose: nextToClose.toString(),
      phiEma: phiEma.toString(),
      gamma: gamma(phiEma).toString(),
    });
    expect(s.lastClosed).to.deep.equal({
      epoch: "0",
      work: last.work.toString(),
      volume: last.volume.toString(),
      issued: last.issued.toString(),
      withheld: last.withheld.toString(),
    });
    expect(s.fee).to.deep.equal({
      feeBps: "100",
      lockShareBps: "2000",
      spendShareBps: "3000",
      ownerShareBps: "2000",
      treasuryShareBps: "3000",
    });
    const d = await ok(["bpci", "economy", "status", "--detailed"]);
    expect(d.stats).to.deep.equal(s);
    expect(d.tokens).to.have.length(5);
    expect(d.supplies.gen).to.equal((100_000n * TOKEN).toString());
    const plain = await ok(["bpci", "economy", "status"]);
    expect(plain).to.not.have.property("stats");
    const text = await kit(["bpci", "economy", "status", "--detailed"]);
    expect(text.stdout).to.contain(
      "fee       1% of a job's value: locked reserve 20%, miner 30%, owner 20%, treasury 30%",
    );
  });

  it("poe calculate-rewards: claimable per closed epoch equals the contract, the open epoch's estimate by the SDK math", async () => {
    // A second job in epoch 1 for the miner, then epoch 1 closes; a third job stays in the open epoch 2.
    const wflx = await f.wflx.getAddress();
    await f.mining.connect(f.alice).submitJob(f.miner.address, 2, wflx, 7_777n * TOKEN);
    await f.mining.connect(f.miner).confirmJob(2n);
    await time.increase(Number(await f.mining.EPOCH_LENGTH()));
    await f.mining.closeEpoch();
    await f.mining.connect(f.alice).submitJob(f.miner.address, 5, wflx, 3_333n * TOKEN);
    await f.mining.connect(f.miner).confirmJob(3n);
    const r = await ok(["bpci", "poe", "calculate-rewards", "--miner-id", f.miner.address]);
    const claimable1 = await f.mining.claimableIssuance(1n, f.miner.address);
    expect(claimable1).to.be.greaterThan(0n);
    // Epoch 0 was claimed in the fixture: only epoch 1 is listed.
    expect(r.closed).to.deep.equal([{ epoch: "1", claimable: claimable1.toString() }]);
    expect(r.claimableTotal).to.equal(claimable1.toString());
    expect(r.epochsChecked).to.equal("2"); // epochs 1 and 0 (only two closed)
    const [current, , phiEma] = await f.mining.epochStatus();
    const open = await f.mining.epochInfo(current);
    const work = await f.mining.workOf(current, f.miner.address);
    const base = await f.registry.get(parameterKey("bpci.poe.baseIssuance"));
    const cap = await f.registry.get(parameterKey("bpci.poe.maxNexPerWork"));
    const estimate = issuanceShare(issuance(base, phiEma, open.work, cap).issued, work, open.work);
    expect(r.current).to.deep.equal({
      epoch: current.toString(),
      work: work.toString(),
      totalWork: open.work.toString(),
      estimate: estimate.toString(),
    });
    const rw = await f.mining.reserveOf(f.miner.address, wflx);
    expect(r.reserves.wflx).to.deep.equal({
      locked: rw.locked.toString(),
      vested: rw.vested.toString(),
      end: rw.end.toString(),
    });
    expect(
      (await ok(["bpci", "poe", "calculate-rewards", "--miner-id", f.miner.address, "--epochs", "1"])).epochsChecked,
    ).to.equal("1");
    expect(
      (await usage(["bpci", "poe", "calculate-rewards", "--miner-id", f.miner.address, "--epochs", "0"])).message,
    ).to.contain("1..90");
    expect((await usage(["bpci", "poe", "calculate-rewards"])).message).to.contain("--miner-id");
    // A fresh address that never mined: nothing, not an error.
    const fresh = await ok(["bpci", "poe", "calculate-rewards", "--miner-id", wallet(16).address]);
    expect(fresh).to.deep.include({ closed: [], claimableTotal: "0" });
    expect(fresh.current).to.deep.include({ work: "0", estimate: "0" });
    // Paid out by `epoch claim`, it leaves the list.
    await f.mining.connect(f.miner).claimIssuance(1n);
    expect((await ok(["bpci", "poe", "calculate-rewards", "--miner-id", f.miner.address])).closed).to.deep.equal([]);
  });

  it("poe start-mining and poe submit-job: the same actions as miner register / job submit, exact approval", async () => {
    const newMiner = wallet(12);
    const wrong = await kit(
      ["--json", "bpci", "poe", "start-mining", "--miner-id", f.alice.address],
      newMiner.privateKey,
    );
    expect(wrong.code).to.equal(EXIT_USAGE);
    expect(wrong.json().error.message).to.contain("a miner registers itself");
    const reg = await kit(
      ["--json", "bpci", "poe", "start-mining", "--miner-id", newMiner.address],
      newMiner.privateKey,
    );
    expect(reg.code, reg.stderr).to.equal(0);
    expect(reg.json()).to.include({ action: "registerMiner", from: newMiner.address, stake: "0" });
    expect((await f.staking.activeMiner(newMiner.address))[0]).to.equal(true);
    const jobs = await f.mining.jobCount();
    const value = 1_000n * TOKEN * WFLX_PER_FLX; // 1,000 wFLX
    const args = [
      "bpci",
      "poe",
      "submit-job",
      "--job-type",
      "Transaction",
      "--value",
      "1000",
      "--miner-id",
      newMiner.address,
    ];
    // A requester with no allowance (the fixture's holders approved the mining contract without limit).
    const requester = wallet(13);
    await f.wflx.connect(f.alice).transfer(requester.address, 2_000n * TOKEN * WFLX_PER_FLX);
    await f.alice.sendTransaction({ to: requester.address, value: 10n ** 18n });
    const sub = await kit(["--json", ...args], requester.privateKey);
    expect(sub.code, sub.stderr).to.equal(0);
    expect(await f.wflx.allowance(requester.address, await f.mining.getAddress())).to.equal(0n); // approved exactly, spent
    expect(await f.wflx.balanceOf(requester.address)).to.equal(
      2_000n * TOKEN * WFLX_PER_FLX - value - poeFee(value, 100n),
    );
    const fee = poeFee(value, 100n);
    expect(sub.json()).to.include({
      action: "submitJob",
      jobId: (jobs + 1n).toString(),
      jobType: "Transaction",
      token: "wFLX",
      value: value.toString(),
      fee: fee.toString(),
    });
    const job = await f.mining.getJob(jobs + 1n);
    expect([job.miner, job.value, job.fee]).to.deep.equal([newMiner.address, value, fee]);
    const missing = await kit(["--json", "bpci", "poe", "submit-job", "--job-type", "Transaction", "--value", "1"]);
    expect(missing.code).to.equal(EXIT_USAGE);
    expect(missing.json().error.message).to.contain("--miner-id");
  });

  it("bpci miner delegate-votes (direct and signed, relayed by another account): MinerStaking's staked votes", async () => {
    const staking = await f.staking.getAddress();
    const d = await kit(["--json", "bpci", "miner", "delegate-votes"], wallet(10).privateKey);
    expect(d.code, d.stderr).to.equal(0);
    expect(await f.staking.delegates(f.miner.address)).to.equal(f.miner.address);
    const signed = await kit(
      ["--json", "bpci", "miner", "delegate-votes", f.alice.address, "--sign-only"],
      wallet(10).privateKey,
    );
    expect(signed.json()).to.include({ action: "stakedDelegationSigned", staking, owner: f.miner.address });
    const sub = await kit(["--json", "bpci", "miner", "delegate-votes-submit", signed.stdout], wallet(2).privateKey);
    expect(sub.code, sub.stderr).to.equal(0);
    expect(sub.json()).to.include({ action: "delegateBySig", from: f.alice.address, delegatee: f.alice.address });
    expect(await f.staking.delegates(f.miner.address)).to.equal(f.alice.address);
  });

  it("bpci flx transfer-all moves every gon (no dust), also --from with an allowance; the amount from its event", async () => {
    const [a, b] = [wallet(14), wallet(15)];
    await f.flx.connect(f.alice).transfer(a.address, 12_345n * TOKEN + 7n);
    await f.alice.sendTransaction({ to: a.address, value: 10n ** 18n });
    const moved = await kit(["--json", "bpci", "flx", "transfer-all", b.address], a.privateKey);
    expect(moved.code, moved.stderr).to.equal(0);
    expect(moved.json()).to.include({
      action: "transferAll",
      to: b.address,
      amount: (12_345n * TOKEN + 7n).toString(),
    });
    expect(await f.flx.balanceOf(a.address)).to.equal(0n);
    expect(await f.flx.balanceOf(b.address)).to.equal(12_345n * TOKEN + 7n);
    // b's whole balance back to a, sent by alice with b's allowance (transferAllFrom).
    await f.alice.sendTransaction({ to: b.address, value: 10n ** 18n });
    await f.flx.connect(await ethers.getImpersonatedSigner(b.address)).approve(f.alice.address, ethers.MaxUint256);
    const from = await kit(
      ["--json", "bpci", "flx", "transfer-all", a.address, "--from", b.address],
      wallet(2).privateKey,
    );
    expect(from.code, from.stderr).to.equal(0);
    expect(from.json()).to.include({ owner: b.address, to: a.address, amount: (12_345n * TOKEN + 7n).toString() });
    expect(await f.flx.balanceOf(b.address)).to.equal(0n);
    const bad = await kit(["--json", "bpci", "flx", "transfer-all", "0x12"], a.privateKey);
    expect(bad.code).to.equal(EXIT_USAGE);
  });

  it("poe owner-salary --report --month: the periods overlapping the month and their sums equal ownerSalaryReport", async () => {
    const [genesis, length] = [await f.mining.GENESIS(), await f.mining.SALARY_PERIOD()];
    const month = new Date(Number(genesis) * 1000).toISOString().slice(0, 7);
    const r = await ok(["bpci", "poe", "owner-salary", "--report", "--month", month]);
    const periods = salaryPeriodsOfMonth(month, genesis, length);
    expect(r.periods.map((p: { period: string }) => p.period)).to.deep.equal(periods.map(String));
    let salary = 0n;
    let toTreasury = 0n;
    for (const p of periods) {
      const [w] = await f.mining.ownerSalaryReport(p);
      salary += w.salary;
      toTreasury += w.toTreasury;
    }
    expect(salary).to.be.greaterThan(0n); // three jobs paid the owner leg in wFLX
    expect(r.totals.wFLX).to.deep.equal({ salary: salary.toString(), toTreasury: toTreasury.toString() });
    expect(r).to.deep.include({ month, owner: f.issuer.address });
    const one = await ok(["bpci", "poe", "owner-salary", "--period", "0"]);
    expect(one).to.deep.include({ period: "0", startsAt: genesis.toString(), endsAt: (genesis + length).toString() });
    // A month before deployment has no period; a bad month and both selectors are usage errors.
    expect((await ok(["bpci", "poe", "owner-salary", "--month", "2000-01"])).periods).to.deep.equal([]);
    expect((await usage(["bpci", "poe", "owner-salary", "--month", "2026-13"])).message).to.contain("YYYY-MM");
    expect((await usage(["bpci", "poe", "owner-salary", "--month", month, "--period", "0"])).message).to.contain(
      "not both",
    );
    const text = await kit(["bpci", "poe", "owner-salary", "--report", "--month", month]);
    expect(text.stdout).to.contain(`owner salary, ${month}`).and.to.contain("period 0 (");
  });
});
