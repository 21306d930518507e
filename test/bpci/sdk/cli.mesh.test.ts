import { expect } from "chai";
import { ethers } from "hardhat";
import { id } from "ethers";
import {
  impersonateAccount,
  loadFixture,
  setBalance,
  stopImpersonatingAccount,
  time,
} from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciPreset, type BpciPreset } from "../fixtures/preset";
import { bpciCli, devWallet, type BpciCli } from "../fixtures/cli";
import { TOKEN } from "../../helpers/units";
import { DAY } from "../../helpers/units";

/** Three banks (#13 A, #14 B, #15 C), the AUR issuer (#1) and a stranger (#12). */
const W = { a: devWallet(13), b: devWallet(14), c: devWallet(15), issuer: devWallet(1), stranger: devWallet(12) };
const KEY = Object.fromEntries(Object.entries(W).map(([k, w]) => [k, w.privateKey])) as Record<keyof typeof W, string>;
const [A, B, C] = [W.a.address, W.b.address, W.c.address];

/**
 * Interest of the two loans, worked out by hand: ceil(p x rate x 30 d / (10,000 x 365 d)).
 * 6,000 NEX at 500 bps: 6,000e18 x 500 x 30 / 3,650,000 = 24.657534246575342465753… NEX, rounded up to the wei.
 * 4,000 NEX at 800 bps: 4,000e18 x 800 x 30 / 3,650,000 = 26.301369863013698630136… NEX, rounded up.
 */
const INTEREST_1 = 24_657_534_246_575_342_466n;
const INTEREST_2 = 26_301_369_863_013_698_631n;
const DUE_1 = 6_000n * TOKEN + INTEREST_1;
const DUE_2 = 4_000n * TOKEN + INTEREST_2;

let f: BpciPreset;
let cli: BpciCli;
let mesh: string;
const ok = (args: string[], key?: string) => cli.ok(["bpci", "bank-mesh", ...args], key);
const reverts = (args: string[], key?: string) => cli.reverts(["bpci", "bank-mesh", ...args], key);
/** The `--json` error message of a command refused before anything is sent. */
async function refused(args: string[], key?: string): Promise<string> {
  const r = await cli.kit(["--json", "bpci", "bank-mesh", ...args], key);
  expect(r.code, `${args.join(" ")} should fail: ${r.stdout}`).to.not.equal(0);
  return r.json().error.message as string;
}
const nex = (who: string) => f.nex.balanceOf(who);

/** NEX minted to `to` by the preset's only minter (PoeMining), impersonated. */
async function mintNex(to: string, amount: bigint) {
  const minter = await f.mining.getAddress();
  await impersonateAccount(minter);
  await setBalance(minter, 10n ** 18n);
  await f.nex.connect(await ethers.getSigner(minter)).mint(to, amount);
  await stopImpersonatingAccount(minter);
}

describe("kit bpci bank-mesh … (in-process chain, BPCI preset)", () => {
  before(async () => {
    f = await loadFixture(deployBpciPreset);
    cli = bpciCli(f.book);
    mesh = await f.mesh.getAddress();
    for (const w of [A, B, C]) await mintNex(w, 100_000n * TOKEN);
    await f.aur.connect(f.issuer).mint(A, 1_000n * TOKEN);
  });

  after(() => {
    cli.cleanup();
    const all = cli.outputs.join("\n").toLowerCase();
    for (const k of Object.values(KEY)) expect(all).to.not.contain(k.slice(2).toLowerCase());
  });

  it("join: three banks stake NEX with an exact approval; show bank; the minimum and the metadata are enforced", async () => {
    const low = await reverts(["join", "--name", "Bank C", "--endpoint", "https://c.example", "--stake", "10"], KEY.c);
    expect([low.errorName, low.args]).to.deep.equal([
      "BankMeshBelowMinimum",
      [C, (10n * TOKEN).toString(), (1_000n * TOKEN).toString()],
    ]);
    expect(await refused(["join", "--name", "", "--endpoint", "https://c.example", "--stake", "2000"], KEY.c)).to.equal(
      "name must be 1 to 64 bytes, not 0",
    );
    const j = await ok(["join", "--name", "Bank A", "--endpoint", "https://a.example/mesh", "--stake", "10000"], KEY.a);
    expect(Object.keys(j)).to.deep.equal([
      "action",
      "from",
      "bank",
      "name",
      "endpoint",
      "stake",
      "hash",
      "block",
      "gasUsed",
    ]);
    expect(j).to.include({ action: "meshJoin", from: A, bank: A, name: "Bank A", stake: (10_000n * TOKEN).toString() });
    expect(await f.nex.allowance(A, mesh)).to.equal(0n); // approved exactly the stake, all of it pulled
    await ok(["join", "--name", "Bank B", "--endpoint", "https://b.example", "--stake", "3000"], KEY.b);
    await ok(["join", "--name", "Bank C", "--endpoint", "https://c.example", "--stake", "2000"], KEY.c);
    const again = await reverts(["join", "--name", "A2", "--endpoint", "x", "--stake", "1000"], KEY.a);
    expect([again.errorName, again.args]).to.deep.equal(["BankMeshAlreadyRegistered", [A]]);
    const s = await ok(["show", "bank", A]);
    expect(s).to.include({
      address: A,
      status: "Active",
      name: "Bank A",
      endpoint: "https://a.example/mesh",
      stake: (10_000n * TOKEN).toString(),
      reputation: "5000",
      openLoans: "0",
      expelled: false,
    });
    expect(BigInt(s.heartbeatDueAt) - BigInt(s.lastHeartbeat)).to.equal(3_600n);
    const text = await cli.kit(["bpci", "bank-mesh", "show", "bank", B]);
    expect(text.stdout).to.contain(`bank ${B} "Bank B": Active, stake 3000 NEX, reputation 5000 bps`);
  });

  it("request-liquidity, two offers, accept both: the escrow moves to the borrower; bad input is refused", async () => {
    expect(
      await refused(
        ["request-liquidity", "--token", "AUR", "--amount", "1", "--max-rate", "1", "--duration", "1d"],
        KEY.a,
      ),
    ).to.equal('--token must be nex, not "AUR"');
    expect(
      await refused(["request-liquidity", "--amount", "1", "--max-rate", "60000", "--duration", "1d"], KEY.a),
    ).to.equal("--max-rate must be at most 50000 bps (500% a year), not 60000");
    expect(
      await refused(["request-liquidity", "--amount", "1", "--max-rate", "100", "--duration", "soon"], KEY.a),
    ).to.equal('--duration must be seconds or a duration like 90m, 6h, 7d, 1d12h, not "soon"');
    const r = await ok(
      ["request-liquidity", "--token", "NEX", "--amount", "10000", "--max-rate", "1000", "--duration", "30d"],
      KEY.a,
    );
    expect(r).to.include({
      action: "meshRequestLiquidity",
      requestId: "1",
      token: "NEX",
      amount: (10_000n * TOKEN).toString(),
      maxRateBps: "1000",
      duration: (30n * DAY).toString(),
    });
    const high = await reverts(["offer", "--request-id", "1", "--amount", "6000", "--rate", "1500"], KEY.b);
    expect([high.errorName, high.args]).to.deep.equal(["BankMeshRateTooHigh", ["1500", "1000"]]);
    const self = await reverts(["offer", "--request-id", "1", "--amount", "1", "--rate", "500"], KEY.a);
    expect([self.errorName, self.args]).to.deep.equal(["BankMeshSelfDealing", [A]]);
    const o1 = await ok(
      ["offer", "--request-id", "1", "--amount", "6000", "--rate", "500", "--conditions", "net 30"],
      KEY.b,
    );
    expect(o1).to.include({
      action: "meshOffer",
      offerId: "1",
      requestId: "1",
      rateBps: "500",
      conditionsHash: id("net 30"),
    });
    expect(await f.nex.allowance(B, mesh)).to.equal(0n);
    const o2 = await ok(["offer", "--request-id", "1", "--amount", "4000", "--rate", "800"], KEY.c);
    expect(o2.offerId).to.equal("2");
    expect(await f.mesh.escrowed(await f.nex.getAddress())).to.equal(10_000n * TOKEN);

    expect(await refused(["accept", "--request-id", "2", "--offer-id", "1"], KEY.a)).to.equal(
      "offer 1 answers request 1, not request 2",
    );
    const stranger = await reverts(["accept", "--request-id", "1", "--offer-id", "1"], KEY.b);
    expect([stranger.errorName, stranger.args]).to.deep.equal(["BankMeshUnauthorized", [B, A]]);
    const before = await nex(A);
    const l1 = await ok(["accept", "--request-id", "1", "--offer-id", "1"], KEY.a);
    expect(l1).to.include({ loanId: "1", lender: B, principal: (6_000n * TOKEN).toString(), due: DUE_1.toString() });
    const l2 = await ok(["accept", "--request-id", "1", "--offer-id", "2"], KEY.a);
    expect(l2).to.include({ loanId: "2", lender: C, due: DUE_2.toString() });
    expect((await nex(A)) - before).to.equal(10_000n * TOKEN);
    expect((await ok(["show", "request", "1"])).state).to.equal("Filled");
    const filled = await reverts(["offer", "--request-id", "1", "--amount", "1", "--rate", "1"], KEY.b);
    expect((filled as unknown as { description: string }).description).to.equal(
      "BankMeshUnexpectedRequestState: request 1 is Filled, needs Open",
    );
  });

  it("repay: principal + interest exactly to the wei, approved exactly, paid to the lender", async () => {
    const loan = await ok(["show", "loan", "1"]);
    expect(loan).to.include({
      state: "Active",
      borrower: A,
      lender: B,
      principal: (6_000n * TOKEN).toString(),
      interest: INTEREST_1.toString(),
      due: DUE_1.toString(),
      owed: DUE_1.toString(),
    });
    const [a0, b0] = [await nex(A), await nex(B)];
    const r = await ok(["repay", "--loan-id", "1"], KEY.a);
    expect(r).to.include({
      action: "meshRepay",
      loanId: "1",
      amount: DUE_1.toString(),
      repaid: DUE_1.toString(),
      closed: true,
    });
    expect([a0 - (await nex(A)), (await nex(B)) - b0]).to.deep.equal([DUE_1, DUE_1]);
    expect(await f.nex.allowance(A, mesh)).to.equal(0n);
    const after = await ok(["show", "loan", "1"]);
    expect([after.state, after.owed]).to.deep.equal(["Repaid", "0"]);
    expect(await refused(["repay", "--loan-id", "1"], KEY.a)).to.equal(
      "loan 1 is Repaid, not Active or Overdue: nothing to repay",
    );
    const text = await cli.kit(["bpci", "bank-mesh", "show", "loan", "1"]);
    expect(text.stdout).to.contain(`loan 1 (request 1): Repaid, 6000 NEX from ${B} to ${A} at 500 bps`);
  });

  it("claim: refused while the loan is Active; once Overdue the shortfall is claimed from the borrower's stake", async () => {
    const dueAt = BigInt((await ok(["show", "loan", "2"])).dueAt);
    await time.setNextBlockTimestamp(dueAt - 2n);
    await ethers.provider.send("evm_mine", []);
    const early = await reverts(["claim", "--loan-id", "2"], KEY.c);
    expect((early as unknown as { description: string }).description).to.equal(
      "BankMeshUnexpectedLoanState: loan 2 is Active, needs Overdue",
    );
    await time.increaseTo(dueAt);
    const c0 = await nex(C);
    const c = await ok(["claim", "--loan-id", "2"], KEY.c);
    expect(c).to.include({ action: "meshClaim", loanId: "2", shortfall: DUE_2.toString(), claimed: DUE_2.toString() });
    expect((await nex(C)) - c0).to.equal(DUE_2);
    const bank = await ok(["show", "bank", A]);
    // 5,000 + 100 (a repaid loan) - 1,000 (a default)
    expect([bank.stake, bank.reputation, bank.openLoans]).to.deep.equal([
      (10_000n * TOKEN - DUE_2).toString(),
      "4100",
      "0",
    ]);
  });

  it("settle: one confirmed (AUR) and one refunded after the timeout (NEX); heartbeats after the month", async () => {
    const late = await reverts(["settle", "--to", B, "--amount", "1"], KEY.a);
    expect(late.errorName).to.equal("BankMeshNotActive"); // no heartbeat for a month
    for (const k of [KEY.a, KEY.b, KEY.c]) expect((await ok(["heartbeat"], k)).action).to.equal("meshHeartbeat");
    expect(await refused(["settle", "--to", B, "--amount", "1", "--token", "FLX"], KEY.a)).to.equal(
      '--token must be nex, aur, not "FLX"',
    );
    const s1 = await ok(["settle", "--to", B, "--amount", "100", "--token", "AUR", "--purpose", "invoice 7"], KEY.a);
    expect(s1).to.include({
      settlementId: "1",
      to: B,
      token: "AUR",
      amount: (100n * TOKEN).toString(),
      purposeHash: id("invoice 7"),
    });
    expect(await f.aur.allowance(A, mesh)).to.equal(0n);
    const wrong = await reverts(["confirm", "--settlement-id", "1"], KEY.c);
    expect([wrong.errorName, wrong.args]).to.deep.equal(["BankMeshUnauthorized", [C, B]]);
    const b0 = await f.aur.balanceOf(B);
    await ok(["confirm", "--settlement-id", "1"], KEY.b);
    expect((await f.aur.balanceOf(B)) - b0).to.equal(100n * TOKEN);
    expect((await ok(["show", "settlement", "1"])).state).to.equal("Confirmed");

    const s2 = await ok(["settle", "--to", B, "--amount", "50"], KEY.a);
    expect(BigInt(s2.deadline) - BigInt((await ethers.provider.getBlock(s2.block))!.timestamp)).to.equal(1_800n);
    const early = await reverts(["refund", "--settlement-id", "2"], KEY.stranger);
    expect((early as unknown as { description: string }).description).to.equal(
      "BankMeshUnexpectedSettlementState: settlement 2 is Open, needs Expired",
    );
    await time.increaseTo(BigInt(s2.deadline));
    const tooLate = await reverts(["confirm", "--settlement-id", "2"], KEY.b);
    expect((tooLate as unknown as { description: string }).description).to.equal(
      "BankMeshUnexpectedSettlementState: settlement 2 is Expired, needs Open",
    );
    const a0 = await nex(A);
    expect((await ok(["refund", "--settlement-id", "2"], KEY.stranger)).settlementId).to.equal("2");
    expect((await nex(A)) - a0).to.equal(50n * TOKEN);
    expect((await ok(["show", "settlement", "2"])).state).to.equal("Refunded");
    expect(await f.mesh.escrowed(await f.nex.getAddress())).to.equal(0n);
  });

  it("create-proposal, vote at the 67% line, execute: the mesh approves a parameter change", async () => {
    expect(await refused(["create-proposal", "--type", "Merger"], KEY.a)).to.equal(
      'unknown proposal type "Merger" (known: ParameterChange, Admission, Expulsion)',
    );
    expect(
      await refused(["create-proposal", "--type", "ParameterChange", "--key", "bpci.mesh.nope", "--value", "1"], KEY.a),
    ).to.equal('unknown BPCI parameter "bpci.mesh.nope" (give its name or its 32-byte key)');
    const p = await ok(
      [
        "create-proposal",
        "--type",
        "ParameterChange",
        "--key",
        "bpci.mesh.settlementTimeout",
        "--value",
        "3600",
        "--description",
        "an hour",
      ],
      KEY.b,
    );
    const stakeA = 10_000n * TOKEN - DUE_2;
    const total = stakeA + 5_000n * TOKEN;
    expect(p).to.include({
      proposalId: "1",
      type: "ParameterChange",
      key: id("bpci.mesh.settlementTimeout"),
      value: "3600",
      totalStake: total.toString(),
    });
    expect(await refused(["vote", "--proposal-id", "1", "--vote", "maybe"], KEY.a)).to.equal(
      '--vote must be approve or reject, not "maybe"',
    );
    const va = await ok(["vote", "--proposal-id", "1", "--vote", "approve"], KEY.a);
    expect(va).to.include({ vote: "approve", weight: stakeA.toString(), state: "Active" }); // 54%: not yet
    const shown = await ok(["show", "proposal", "1"]);
    expect([shown.passes, shown.needed]).to.deep.equal([
      false,
      ((6_700n * total + 9_999n) / 10_000n - stakeA).toString(),
    ]);
    const twice = await reverts(["vote", "--proposal-id", "1", "--vote", "reject"], KEY.a);
    expect([twice.errorName, twice.args]).to.deep.equal(["BankMeshAlreadyVoted", ["1", A]]);
    const vb = await ok(["vote", "--proposal-id", "1", "--vote", "approve"], KEY.b);
    expect(vb).to.include({ weight: (3_000n * TOKEN).toString(), state: "Passed" });
    const closed = await reverts(["vote", "--proposal-id", "1", "--vote", "reject"], KEY.c);
    expect((closed as unknown as { description: string }).description).to.equal(
      "BankMeshUnexpectedProposalState: proposal 1 is Passed, needs Active",
    );
    const e = await ok(["execute", "--proposal-id", "1"], KEY.stranger);
    expect(e.outcome).to.deep.equal({ kind: "ParameterChange", key: id("bpci.mesh.settlementTimeout"), value: "3600" });
    expect((await ok(["show", "proposal", "1"])).state).to.equal("Executed");
  });

  it("the rest of the writes: cancel-request, withdraw-offer, stake, unbond, withdraw, delegate-votes", async () => {
    const r = await ok(["request-liquidity", "--amount", "500", "--max-rate", "300", "--duration", "7d"], KEY.c);
    const o = await ok(["offer", "--request-id", r.requestId, "--amount", "200", "--rate", "300"], KEY.b);
    expect((await ok(["cancel-request", "--request-id", r.requestId], KEY.c)).requestId).to.equal(r.requestId);
    const b0 = await nex(B);
    await ok(["withdraw-offer", "--offer-id", o.offerId], KEY.b);
    expect((await nex(B)) - b0).to.equal(200n * TOKEN);
    const st = await ok(["stake", "500"], KEY.c);
    expect(st).to.include({ amount: (500n * TOKEN).toString() });
    const u = await ok(["unbond", "700"], KEY.c);
    expect(u).to.include({ index: "0", amount: (700n * TOKEN).toString() });
    const notYet = await reverts(["withdraw", "0"], KEY.c);
    expect(notYet.errorName).to.equal("BankMeshStillUnbonding");
    await time.increaseTo(BigInt(u.unlockAt));
    const c0 = await nex(C);
    expect((await ok(["withdraw", "0"], KEY.c)).amount).to.equal((700n * TOKEN).toString());
    expect((await nex(C)) - c0).to.equal(700n * TOKEN);
    const d = await ok(["delegate-votes", A], KEY.c);
    expect(d).to.include({ action: "delegate", delegatee: A });
    expect(await f.mesh.getVotes(A)).to.equal(10_000n * TOKEN - DUE_2 + 1_800n * TOKEN);
  });

  it("network --liquidity: totals, escrows, the latest requests by state (text and --json)", async () => {
    const n = await ok(["network", "--liquidity"]);
    expect([n.banks, n.escrowed, n.counts]).to.deep.equal([
      "3",
      { nex: "0", aur: "0" },
      { requests: "2", offers: "3", settlements: "2", proposals: "1" },
    ]);
    expect(n.parameters).to.include({
      minStake: (1_000n * TOKEN).toString(),
      settlementTimeout: "1800",
      passThresholdBps: "6700",
    });
    expect([n.liquidity.open, n.liquidity.demand]).to.deep.equal([0, "0"]);
    expect(n.liquidity.requests.map((r: { id: string; state: string }) => [r.id, r.state])).to.deep.equal([
      ["2", "Cancelled"],
      ["1", "Filled"],
    ]);
    const one = await ok(["network", "--liquidity", "--request-ids", "1"]);
    expect(one.liquidity.requests.length).to.equal(1);
    const text = await cli.kit(["bpci", "bank-mesh", "network", "--liquidity"]);
    expect(text.stdout).to.contain("bank mesh: 3 bank(s) joined; escrow 0 NEX, 0 AUR");
    expect(text.stdout).to.contain("  request 1 Filled: 0 of 10000 NEX left, max 1000 bps, 30 d");
    expect(await refused(["show", "settlement", "9"])).to.equal("settlement 9 does not exist (the mesh has 2)");
  });
});
