import { expect } from "chai";
import { ethers, network } from "hardhat";
import {
  impersonateAccount,
  loadFixture,
  setBalance,
  stopImpersonatingAccount,
  time,
} from "@nomicfoundation/hardhat-network-helpers";
import { BrowserProvider, ZeroHash, type Eip1193Provider, type EventLog } from "ethers";
import { deployBpciPreset } from "../fixtures/preset";
import { bpciCli, devWallet } from "../fixtures/cli";
import { BANK_KNOWN_RACES, BpciBankAgent, connectBpci, type BpciBankAgentOptions } from "../../../sdk/bpci";
import { MemoryLogger } from "../../../sdk/kit/agents/log";
import { MESH_ABI } from "../../../sdk/bpci/chain/contracts";
import { TOKEN } from "../../helpers/units";
import { DAY } from "../../helpers/units";

const HEARTBEAT_PERIOD = 3_600n; // bpci.mesh.heartbeatPeriod of the localhost preset
const MARGIN = 300n;
/** The agent's offer policy: 500 bps a year, at most 1,500 NEX a request. */
const RATE = 500n;
const MAX_OFFER = 1_500n * TOKEN;
/**
 * The loan of the repayment test: 3,000 NEX at 700 bps for 10 days. By hand:
 * 3,000e18 x 700 x 864,000 / (10,000 x 31,536,000) = 5.753424657534246575342…e18, rounded up to the wei.
 */
const PRINCIPAL = 3_000n * TOKEN;
const INTEREST = 5_753_424_657_534_246_576n;
const DUE = PRINCIPAL + INTEREST;

/** The preset with two banks: A (account #13, the agent's) staking 10,000 NEX and B (#14) staking 5,000. */
async function twoBanks() {
  const f = await deployBpciPreset();
  const [a, b, stranger] = [f.signers[13], f.signers[14], f.signers[15]];
  const minter = await f.mining.getAddress(); // the preset's only NEX minter
  await impersonateAccount(minter);
  await setBalance(minter, 10n ** 18n);
  for (const w of [a, b]) await f.nex.connect(await ethers.getSigner(minter)).mint(w.address, 100_000n * TOKEN);
  await stopImpersonatingAccount(minter);
  const mesh = await f.mesh.getAddress();
  for (const [w, stake, name] of [
    [a, 10_000n * TOKEN, "Bank A"],
    [b, 5_000n * TOKEN, "Bank B"],
  ] as const) {
    await f.nex.connect(w).approve(mesh, stake);
    await f.mesh.connect(w).join(stake, name, `https://${name.slice(-1).toLowerCase()}.example/mesh`);
  }
  await f.nex.connect(b).approve(mesh, ethers.MaxUint256); // B's settlements and offers (A's agent approves itself)
  return { ...f, a, b, stranger, meshAddress: mesh };
}
type Banks = Awaited<ReturnType<typeof twoBanks>>;

/**
 * The in-process node behind an EIP-1193 wrapper that, once, runs `before` ahead of the first request carrying
 * calldata for `selector` (a competing transaction landing between the agent's read and its own transaction).
 */
function hookedNode(hook?: { selector: string; before: () => Promise<void> }): BrowserProvider {
  const inner = network.provider as unknown as Eip1193Provider;
  let fired = false;
  // No 250 ms read cache: the in-process chain moves on (time, blocks) faster than ticks a few seconds apart would.
  return new BrowserProvider(
    {
      request: async (req: { method: string; params?: unknown[] | object }) => {
        const first = ((req.params ?? []) as Array<Record<string, unknown>>)[0];
        const data = first?.data ?? first?.input;
        if (hook && !fired && typeof data === "string" && data.startsWith(hook.selector)) {
          fired = true;
          await hook.before();
        }
        return inner.request(req);
      },
    },
    undefined,
    { cacheTimeout: -1 },
  );
}

async function agentFor(
  f: Banks,
  policy: Partial<BpciBankAgentOptions> = {},
  hook?: Parameters<typeof hookedNode>[0],
  who: string = f.a.address,
) {
  const signer = await hookedNode(hook).getSigner(who);
  const log = new MemoryLogger();
  const agent = new BpciBankAgent({
    signer,
    contracts: connectBpci(f.book, signer),
    log,
    chunkSize: 7,
    offerRateBps: RATE,
    maxOfferAmount: MAX_OFFER,
    heartbeatMarginSeconds: MARGIN,
    ...policy,
  });
  return { agent, log };
}

/** B sends A a settlement of `amount` NEX; returns its id. */
async function settleToA(f: Banks, amount: bigint): Promise<bigint> {
  await f.mesh.connect(f.b).openSettlement(f.a.address, await f.nex.getAddress(), amount, ZeroHash);
  return (await f.mesh.counts())[2];
}

/** B asks for `amount` NEX at most `maxRateBps` for 30 days; returns the request id. */
async function requestByB(f: Banks, amount: bigint, maxRateBps: bigint): Promise<bigint> {
  await f.mesh.connect(f.b).requestLiquidity(await f.nex.getAddress(), amount, maxRateBps, 30n * DAY);
  return (await f.mesh.counts())[0];
}

/** The mesh's `name` events matching the indexed `args`, over the whole chain. */
function events(f: Banks, name: string, args: unknown[] = []): Promise<EventLog[]> {
  const filters = f.mesh.filters as unknown as Record<string, (...a: unknown[]) => never>;
  return f.mesh.queryFilter(filters[name](...args)) as unknown as Promise<EventLog[]>;
}

describe("BpciBankAgent (kit agent bpci-bank)", () => {
  it("one tick heartbeats, confirms the settlement sent to its bank and offers on another bank's request, exactly; the next tick does nothing again", async () => {
    const f = await loadFixture(twoBanks);
    const joinedAt = (await f.mesh.bankOf(f.a.address)).lastHeartbeat;
    await time.increase(HEARTBEAT_PERIOD - MARGIN); // A's heartbeat is within the margin of running out
    await f.mesh.connect(f.b).heartbeat();
    const settlementId = await settleToA(f, 250n * TOKEN);
    const requestId = await requestByB(f, 4_000n * TOKEN, 800n);
    const { agent, log } = await agentFor(f);
    const [nexBefore, escrowBefore] = [await f.nex.balanceOf(f.a.address), await f.mesh.escrowed(f.nex)];
    const from = await ethers.provider.getBlockNumber();
    const t = await agent.tick();

    const [hb] = await events(f, "BankHeartbeat", [f.a.address]).then((l) => l.filter((e) => e.blockNumber > from));
    expect(hb.args.bank).to.equal(f.a.address);
    expect(hb.args.timestamp).to.equal(BigInt((await hb.getBlock()).timestamp));
    expect(t.heartbeat).to.equal(hb.args.timestamp);
    expect((await f.mesh.bankOf(f.a.address)).lastHeartbeat).to.equal(hb.args.timestamp);
    expect(log.records.find((r) => r.event === "bank.heartbeat")!.fields).to.include({
      bank: f.a.address,
      timestamp: hb.args.timestamp,
      previous: joinedAt,
    });

    expect(t.confirmed).to.deep.equal([{ settlementId, token: await f.nex.getAddress(), amount: 250n * TOKEN }]);
    expect((await events(f, "SettlementConfirmed", [settlementId])).length).to.equal(1);
    expect(Number(await f.mesh.settlementState(settlementId))).to.equal(3); // Confirmed

    const [offered] = await events(f, "LiquidityOffered", [undefined, requestId, f.a.address]);
    expect([...offered.args]).to.deep.equal([1n, requestId, f.a.address, MAX_OFFER, RATE, ZeroHash]);
    expect(t.offered).to.deep.equal([{ requestId, offerId: 1n, amount: MAX_OFFER, rateBps: RATE }]);
    expect(await f.nex.allowance(f.a.address, f.meshAddress)).to.equal(0n); // approved exactly the offer
    // A received the settlement and escrowed the offer; the mesh paid the one and holds the other.
    expect(await f.nex.balanceOf(f.a.address)).to.equal(nexBefore + 250n * TOKEN - MAX_OFFER);
    expect(await f.mesh.escrowed(f.nex)).to.equal(escrowBefore - 250n * TOKEN + MAX_OFFER);
    expect(log.records.filter((r) => r.level !== "info" && r.level !== "debug")).to.deep.equal([]);

    const again = await agent.tick();
    expect(again).to.deep.equal({ confirmed: [], withdrawn: [], repaid: [], offered: [], heartbeat: undefined });
    expect(await f.nex.balanceOf(f.a.address)).to.equal(nexBefore + 250n * TOKEN - MAX_OFFER);
  });

  it("offers at most what a request still needs, never above its maximum rate nor on its own bank's request", async () => {
    const f = await loadFixture(twoBanks);
    const small = await requestByB(f, 400n * TOKEN, 800n); // needs less than MAX_OFFER
    const cheap = await requestByB(f, 4_000n * TOKEN, 499n); // below the agent's rate
    await f.mesh.connect(f.a).requestLiquidity(await f.nex.getAddress(), 1_000n * TOKEN, 900n, DAY); // A's own
    const { agent, log } = await agentFor(f);
    const t = await agent.tick();
    expect(t.offered).to.deep.equal([{ requestId: small, offerId: 1n, amount: 400n * TOKEN, rateBps: RATE }]);
    expect(log.records.find((r) => r.event === "offer.rate-above-max")!.fields).to.include({
      requestId: cheap,
      rateBps: RATE,
      maxRateBps: 499n,
    });
    expect((await f.mesh.counts())[1]).to.equal(1n); // one offer in all
  });

  it("withdraws its open offer once the request is no longer Open (cancelled): the exact escrow comes back", async () => {
    const f = await loadFixture(twoBanks);
    const requestId = await requestByB(f, 4_000n * TOKEN, 800n);
    const { agent } = await agentFor(f);
    expect((await agent.tick()).offered).to.have.length(1);
    await f.mesh.connect(f.b).cancelRequest(requestId);
    const before = await f.nex.balanceOf(f.a.address);
    const t = await agent.tick();
    expect(t.withdrawn).to.deep.equal([{ offerId: 1n, requestId, amount: MAX_OFFER }]);
    const [w] = await events(f, "LiquidityOfferWithdrawn", [1n]);
    expect([...w.args]).to.deep.equal([1n, MAX_OFFER]);
    expect(await f.nex.balanceOf(f.a.address)).to.equal(before + MAX_OFFER);
    expect((await agent.tick()).withdrawn).to.deep.equal([]); // Withdrawn: never again
  });

  it("repays its loan once due within the margin with the exact quoted amount; without the funds it warns loan.unfunded", async () => {
    const f = await loadFixture(twoBanks);
    const nex = await f.nex.getAddress();
    await f.mesh.connect(f.a).requestLiquidity(nex, PRINCIPAL, 1_000n, 10n * DAY);
    await f.mesh.connect(f.b).offer(1n, PRINCIPAL, 700n, ZeroHash);
    await f.mesh.connect(f.a).accept(1n);
    const loan = await f.mesh.offerOf(1n);
    expect(loan.due).to.equal(DUE);
    const { agent, log } = await agentFor(f, { repayMarginSeconds: 3_600n });
    expect((await agent.tick()).repaid).to.deep.equal([]); // due in 10 days
    await time.increaseTo(loan.dueAt - 1_800n);
    // A holds one wei less than it owes: it waits.
    const hold = DUE - 1n;
    const spare = (await f.nex.balanceOf(f.a.address)) - hold;
    await f.nex.connect(f.a).transfer(f.stranger.address, spare);
    const short = await agent.tick();
    expect(short.repaid).to.deep.equal([]);
    expect(short.heartbeat).to.equal(BigInt(await time.latest())); // lapsed for days: its last transaction this tick
    const unfunded = log.records.find((r) => r.event === "loan.unfunded")!;
    expect(unfunded.level).to.equal("warn");
    expect(unfunded.fields).to.include({ loanId: 1n, owed: DUE, balance: hold });
    await f.nex.connect(f.stranger).transfer(f.a.address, 1n);
    const [aBefore, bBefore] = [await f.nex.balanceOf(f.a.address), await f.nex.balanceOf(f.b.address)];
    const from = await ethers.provider.getBlockNumber();
    const t = await agent.tick();
    expect(t.repaid).to.deep.equal([{ loanId: 1n, amount: DUE, closed: true }]);
    expect(await f.nex.balanceOf(f.a.address)).to.equal(aBefore - DUE); // exactly 0 left
    expect(await f.nex.balanceOf(f.a.address)).to.equal(0n);
    expect(await f.nex.balanceOf(f.b.address)).to.equal(bBefore + DUE);
    const [rep] = (await events(f, "LoanRepayment", [1n])).filter((e) => e.blockNumber > from);
    expect([...rep.args]).to.deep.equal([1n, DUE, DUE]);
    expect((await events(f, "LoanRepaid", [1n])).length).to.equal(1);
    expect(Number(await f.mesh.loanState(1n))).to.equal(3); // Repaid
    expect((await agent.tick()).repaid).to.deep.equal([]);
  });

  it("a race (its settlement confirmed by another run of the bank first) is a warning by error name, and the tick goes on", async () => {
    const f = await loadFixture(twoBanks);
    const settlementId = await settleToA(f, 100n * TOKEN);
    const requestId = await requestByB(f, 4_000n * TOKEN, 800n);
    const confirm = MESH_ABI.iface.getFunction("confirmSettlement")!.selector;
    const { agent, log } = await agentFor(
      f,
      {},
      {
        selector: confirm,
        before: async () => void (await f.mesh.connect(f.a).confirmSettlement(settlementId)),
      },
    );
    const before = await f.nex.balanceOf(f.a.address);
    const t = await agent.tick();
    expect(t.confirmed).to.deep.equal([]);
    const skipped = log.records.find((r) => r.event === "settlement.confirm.skipped")!;
    expect(skipped.level).to.equal("warn");
    expect(skipped.fields).to.include({ settlementId, errorName: "BankMeshUnexpectedSettlementState" });
    expect(BANK_KNOWN_RACES.confirm).to.include(skipped.fields.errorName);
    // The other run was paid once; this tick went on and made its offer.
    expect(await f.nex.balanceOf(f.a.address)).to.equal(before + 100n * TOKEN - MAX_OFFER);
    expect(t.offered).to.deep.equal([{ requestId, offerId: 1n, amount: MAX_OFFER, rateBps: RATE }]);
    expect(log.records.some((r) => r.level === "error")).to.equal(false);
  });

  it("an offer race (the request cancelled between the agent's read and its offer) warns and approves nothing; an offer it cannot fund waits", async () => {
    const f = await loadFixture(twoBanks);
    const cancelled = await requestByB(f, 4_000n * TOKEN, 800n);
    const offer = MESH_ABI.iface.getFunction("offer")!.selector;
    const { agent, log } = await agentFor(
      f,
      {},
      {
        selector: offer,
        before: async () => void (await f.mesh.connect(f.b).cancelRequest(cancelled)),
      },
    );
    const t = await agent.tick();
    expect(t.offered).to.deep.equal([]);
    const skipped = log.records.find((r) => r.event === "offer.make.skipped")!;
    expect(skipped.level).to.equal("warn");
    expect(skipped.fields).to.include({
      requestId: cancelled,
      amount: MAX_OFFER,
      errorName: "BankMeshUnexpectedRequestState",
    });
    expect(await f.nex.allowance(f.a.address, f.meshAddress)).to.equal(0n);
    expect((await f.mesh.counts())[1]).to.equal(0n);
    // A request it cannot fund: A keeps 1 wei less than its offer would be.
    const open = await requestByB(f, 4_000n * TOKEN, 800n);
    const spare = (await f.nex.balanceOf(f.a.address)) - (MAX_OFFER - 1n);
    await f.nex.connect(f.a).transfer(f.stranger.address, spare);
    expect((await agent.tick()).offered).to.deep.equal([]);
    expect(log.records.find((r) => r.event === "offer.unfunded")!.fields).to.include({
      requestId: open,
      amount: MAX_OFFER,
      balance: MAX_OFFER - 1n,
    });
    await f.nex.connect(f.stranger).transfer(f.a.address, 1n);
    expect((await agent.tick()).offered).to.deep.equal([
      { requestId: open, offerId: 1n, amount: MAX_OFFER, rateBps: RATE },
    ]);
    expect(await f.nex.balanceOf(f.a.address)).to.equal(0n);
  });

  it("an unexpected failure (the bank cannot pay gas) is logged at error with its name and fails the tick; the next tick confirms", async () => {
    const f = await loadFixture(twoBanks);
    const settlementId = await settleToA(f, 100n * TOKEN);
    const { agent, log } = await agentFor(f);
    await setBalance(f.a.address, 0n);
    await expect(agent.tick()).to.be.rejected;
    const failed = log.records.find((r) => r.event === "settlement.confirm.failed")!;
    expect(failed.level).to.equal("error");
    expect(failed.fields.settlementId).to.equal(settlementId);
    expect(failed.fields.errorName).to.equal("KitError"); // not a revert: the node refused the transaction
    expect(Number(await f.mesh.settlementState(settlementId))).to.equal(1); // still Open
    await setBalance(f.a.address, 10n ** 20n);
    const before = await f.nex.balanceOf(f.a.address);
    const t = await agent.tick();
    expect(t.confirmed.map((c) => c.settlementId)).to.deep.equal([settlementId]);
    expect(await f.nex.balanceOf(f.a.address)).to.equal(before + 100n * TOKEN);
  });

  it("a restarted agent resumes from its block cursor (--from-block) and, even from block 0, never acts twice", async () => {
    const f = await loadFixture(twoBanks);
    const s1 = await settleToA(f, 100n * TOKEN);
    const r1 = await requestByB(f, 4_000n * TOKEN, 800n);
    const first = await agentFor(f);
    const t1 = await first.agent.tick();
    expect([t1.confirmed.map((c) => c.settlementId), t1.offered.map((o) => o.requestId)]).to.deep.equal([[s1], [r1]]);
    const cursor = first.agent.nextBlock;
    const [c1] = await events(f, "SettlementConfirmed", [s1]);
    expect(cursor).to.equal(c1.blockNumber); // the head it read + 1: its own transactions came after the scan
    const s2 = await settleToA(f, 200n * TOKEN);
    const r2 = await requestByB(f, 4_000n * TOKEN, 800n);
    const resumed = await agentFor(f, { fromBlock: cursor });
    const before = await f.nex.balanceOf(f.a.address);
    const t2 = await resumed.agent.tick();
    expect(t2.confirmed).to.deep.equal([{ settlementId: s2, token: await f.nex.getAddress(), amount: 200n * TOKEN }]);
    expect(t2.offered).to.deep.equal([{ requestId: r2, offerId: 2n, amount: MAX_OFFER, rateBps: RATE }]);
    expect(await f.nex.balanceOf(f.a.address)).to.equal(before + 200n * TOKEN - MAX_OFFER);
    // From block 0: everything is seen again, nothing is done again (confirmed settlements, its own offers).
    const fromZero = await agentFor(f, { fromBlock: 0 });
    const t3 = await fromZero.agent.tick();
    expect(t3).to.deep.equal({ confirmed: [], withdrawn: [], repaid: [], offered: [], heartbeat: undefined });
    expect((await events(f, "LiquidityOffered", [undefined, undefined, f.a.address])).length).to.equal(2);
    expect((await events(f, "SettlementConfirmed")).length).to.equal(2);
  });

  it("a signer that is not a registered bank logs bank.unregistered at warn and sends nothing", async () => {
    const f = await loadFixture(twoBanks);
    await settleToA(f, 100n * TOKEN);
    await requestByB(f, 4_000n * TOKEN, 800n);
    const { agent, log } = await agentFor(f, {}, undefined, f.stranger.address);
    const nonce = await ethers.provider.getTransactionCount(f.stranger.address);
    const t = await agent.tick();
    expect(t).to.deep.equal({ confirmed: [], withdrawn: [], repaid: [], offered: [] });
    expect(log.records.map((r) => [r.level, r.event])).to.deep.equal([["warn", "bank.unregistered"]]);
    expect(log.records[0].fields).to.include({ bank: f.stranger.address, mesh: f.meshAddress });
    expect(await ethers.provider.getTransactionCount(f.stranger.address)).to.equal(nonce);
  });

  it("kit agent bpci-bank --once --json: JSON lines of the tick; bad policy flags are refused with a clear message", async () => {
    const f = await loadFixture(twoBanks);
    const cli = bpciCli(f.book);
    const key = devWallet(13).privateKey;
    try {
      const settlementId = await settleToA(f, 100n * TOKEN);
      const requestId = await requestByB(f, 4_000n * TOKEN, 800n);
      const before = await f.nex.balanceOf(f.a.address);
      const r = await cli.kit(
        ["--json", "agent", "bpci-bank", "--once", "--offer-rate", "500", "--max-offer", "1000", "--chunk-size", "5"],
        key,
      );
      expect(r.code, r.stderr).to.equal(0);
      const lines = r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.event)).to.deep.equal(["agent.started", "settlement.confirmed", "offer.made"]);
      expect(lines.every((l) => l.agent === "bpci-bank")).to.equal(true);
      expect(lines[0]).to.include({ bank: f.a.address, once: true, offerRateBps: "500" });
      expect(lines[1]).to.include({ settlementId: settlementId.toString(), amount: (100n * TOKEN).toString() });
      expect(lines[2]).to.include({
        requestId: requestId.toString(),
        offerId: "1",
        amount: (1_000n * TOKEN).toString(),
        rateBps: "500",
      });
      expect(await f.nex.balanceOf(f.a.address)).to.equal(before + 100n * TOKEN - 1_000n * TOKEN);

      const alone = await cli.kit(["--json", "agent", "bpci-bank", "--once", "--offer-rate", "500"], key);
      expect(alone.code).to.equal(2);
      expect(alone.json().error).to.include({
        name: "InvalidArgumentError",
        message: "--offer-rate and --max-offer go together: give both to offer, or neither",
      });
      const high = await cli.kit(
        ["--json", "agent", "bpci-bank", "--once", "--offer-rate", "60000", "--max-offer", "1"],
        key,
      );
      expect(high.code).to.equal(2);
      expect(high.json().error.message).to.equal("--offer-rate must be at most 50000 bps (500% a year), not 60000");
    } finally {
      cli.cleanup();
    }
  });
});
