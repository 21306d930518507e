import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { defaultOf, deployBpciTokens, TOKEN } from "../fixtures/tokens";
import {
  buildBillingTree,
  parseRecords,
  totalsOf,
  SettlementState as S,
  type BillingTotals,
  type UsageRecord,
} from "../../../sdk/bpci/core/billing";
import type { BillingMeter } from "../../../typechain-types";

const WINDOW = defaultOf("bpci.billing.paymentWindow");
const bit = (...states: number[]) =>
  ethers.toBeHex(
    states.reduce((a, s) => a | (1n << BigInt(s)), 0n),
    32,
  );
const tuple = (t: BillingTotals) => [t.gen, t.nex, t.flx, t.aur, t.usd];

/** The BPCI tokens, a meter paying into `collector`, operated by dave; alice holds some of each token and approves. */
async function deployMeter() {
  const f = await deployBpciTokens();
  const collector = (await ethers.getSigners())[9];
  const meter = (await ethers.deployContract("BillingMeter", [
    f.admin.address,
    f.dave.address,
    await f.registry.getAddress(),
    collector.address,
    await f.gen.getAddress(),
    await f.nex.getAddress(),
    await f.flx.getAddress(),
    await f.aur.getAddress(),
  ])) as unknown as BillingMeter;
  await f.nex.connect(f.minter).mint(f.alice.address, 100n * TOKEN);
  await f.aur.connect(f.issuer).mint(f.alice.address, 100n * TOKEN);
  for (const t of [f.gen, f.nex, f.flx, f.aur])
    await t.connect(f.alice).approve(await meter.getAddress(), ethers.MaxUint256);
  return { ...f, meter, collector };
}

/** Seven records of two users, with a zero column (GEN) in most of them. */
function sampleRecords(users: string[]): UsageRecord[] {
  return Array.from({ length: 7 }, (_, i) => ({
    user: users[i % users.length],
    service: i % 10,
    resource: 1_000n * BigInt(i + 1),
    gen: i === 3 ? 1n * TOKEN : 0n,
    nex: BigInt(i + 1) * 10n ** 17n,
    flx: 12_345_678_901_234_567n * BigInt(i + 1),
    aur: 3n * 10n ** 16n,
    usd: 2n * TOKEN + BigInt(i),
  }));
}

describe("BillingMeter", () => {
  async function committed() {
    const f = await deployMeter();
    const records = sampleRecords([f.alice.address, f.bob.address]);
    const tree = buildBillingTree(records);
    await f.meter.connect(f.dave).commit(20_000, tree.root, records.length, f.alice.address, tree.totals);
    return { ...f, records, tree, id: 1n };
  }

  describe("commit", () => {
    it("stores the root, totals and payer, due within bpci.billing.paymentWindow, and emits SettlementCommitted", async () => {
      const f = await loadFixture(deployMeter);
      const records = sampleRecords([f.alice.address]);
      const tree = buildBillingTree(records);
      const t = BigInt(await time.latest()) + 5n;
      await time.setNextBlockTimestamp(t);
      await expect(f.meter.connect(f.dave).commit(7, tree.root, 7, f.alice.address, tree.totals))
        .to.emit(f.meter, "SettlementCommitted")
        .withArgs(1n, 7n, tree.root, 7n, f.alice.address, t + WINDOW, tuple(tree.totals));
      const s = await f.meter.getSettlement(1n);
      expect([s.root, s.period, s.records, s.payer, s.payBy, s.paidAt, s.cancelled]).to.deep.equal([
        tree.root,
        7n,
        7n,
        f.alice.address,
        t + WINDOW,
        0n,
        false,
      ]);
      expect(tuple(s.totals)).to.deep.equal(tuple(tree.totals));
      expect(await f.meter.state(1n)).to.equal(S.Committed);
      expect(await f.meter.settlementOf(7)).to.equal(1n);
      expect(await f.meter.settlementCount()).to.equal(1n);
    });

    it("refuses an empty settlement, a strange operator and a period that has a live settlement", async () => {
      const f = await loadFixture(committed);
      const root = f.tree.root;
      const z = ethers.ZeroAddress;
      await expect(f.meter.connect(f.dave).commit(1, ethers.ZeroHash, 1, f.alice.address, f.tree.totals))
        .to.be.revertedWithCustomError(f.meter, "BillingEmptySettlement")
        .withArgs(ethers.ZeroHash, 1n, f.alice.address);
      await expect(f.meter.connect(f.dave).commit(1, root, 0, f.alice.address, f.tree.totals))
        .to.be.revertedWithCustomError(f.meter, "BillingEmptySettlement")
        .withArgs(root, 0n, f.alice.address);
      await expect(f.meter.connect(f.dave).commit(1, root, 1, z, f.tree.totals))
        .to.be.revertedWithCustomError(f.meter, "BillingEmptySettlement")
        .withArgs(root, 1n, z);
      await expect(f.meter.connect(f.alice).commit(1, root, 1, f.alice.address, f.tree.totals))
        .to.be.revertedWithCustomError(f.meter, "AccessControlUnauthorizedAccount")
        .withArgs(f.alice.address, await f.meter.OPERATOR_ROLE());
      await expect(f.meter.connect(f.dave).commit(20_000, root, 7, f.alice.address, f.tree.totals))
        .to.be.revertedWithCustomError(f.meter, "BillingPeriodTaken")
        .withArgs(20_000n, 1n);
      await f.meter.connect(f.alice).pay(1n);
      await expect(f.meter.connect(f.dave).commit(20_000, root, 7, f.alice.address, f.tree.totals))
        .to.be.revertedWithCustomError(f.meter, "BillingPeriodTaken")
        .withArgs(20_000n, 1n);
    });
  });

  describe("verify (the SDK's tree and the contract agree)", () => {
    it("accepts every record with its SDK proof, and the contract's leafOf is the tree's leaf", async () => {
      const f = await loadFixture(committed);
      for (const [i, r] of f.records.entries()) {
        expect(await f.meter.verify(f.id, r, f.tree.proof(i))).to.equal(true);
        expect(f.tree.verify(r, f.tree.proof(i))).to.equal(true);
      }
      const dump = f.tree.dump() as { tree: string[]; values: { treeIndex: number }[] };
      expect(await f.meter.leafOf(f.records[0])).to.equal(dump.tree[dump.values[0].treeIndex]);
    });

    it("rejects an altered record, another record's proof and an unknown settlement", async () => {
      const f = await loadFixture(committed);
      const r = f.records[2];
      const cheaper = { ...r, flx: r.flx - 1n };
      expect(await f.meter.verify(f.id, cheaper, f.tree.proof(2))).to.equal(false);
      expect(f.tree.verify(cheaper, f.tree.proof(2))).to.equal(false);
      expect(await f.meter.verify(f.id, r, f.tree.proof(3))).to.equal(false);
      expect(await f.meter.verify(2n, r, f.tree.proof(2))).to.equal(false);
      expect(await f.meter.verify(0n, r, f.tree.proof(2))).to.equal(false);
    });
  });

  describe("pay", () => {
    it("moves exactly the totals from the payer to the treasury and makes the settlement final", async () => {
      const f = await loadFixture(committed);
      const t = f.tree.totals;
      expect(t.gen).to.equal(TOKEN);
      const tx = f.meter.connect(f.alice).pay(f.id);
      await expect(tx)
        .to.emit(f.meter, "SettlementPaid")
        .withArgs(f.id, f.alice.address, f.collector.address, tuple(t));
      await expect(tx).to.changeTokenBalances(f.nex, [f.alice, f.collector], [-t.nex, t.nex]);
      await expect(tx).to.changeTokenBalances(f.aur, [f.alice, f.collector], [-t.aur, t.aur]);
      await expect(tx).to.changeTokenBalances(f.gen, [f.alice, f.collector], [-t.gen, t.gen]);
      await expect(tx).to.changeTokenBalances(f.flx, [f.alice, f.collector], [-t.flx, t.flx]);
      expect(await f.meter.state(f.id)).to.equal(S.Final);
      expect((await f.meter.getSettlement(f.id)).paidAt).to.equal(BigInt(await time.latest()));
      for (const tok of [f.gen, f.nex, f.flx, f.aur])
        expect(await tok.balanceOf(await f.meter.getAddress())).to.equal(0n);
      // Final: the proofs still verify, the payment cannot repeat.
      expect(await f.meter.verify(f.id, f.records[0], f.tree.proof(0))).to.equal(true);
      await expect(f.meter.connect(f.alice).pay(f.id))
        .to.be.revertedWithCustomError(f.meter, "BillingUnexpectedState")
        .withArgs(f.id, S.Final, bit(S.Committed));
    });

    it("is the payer's alone; a zero column moves nothing", async () => {
      const f = await loadFixture(deployMeter);
      const records = sampleRecords([f.bob.address]).map((r) => ({ ...r, gen: 0n }));
      const tree = buildBillingTree(records);
      await f.meter.connect(f.dave).commit(1, tree.root, records.length, f.alice.address, tree.totals);
      await expect(f.meter.connect(f.bob).pay(1n))
        .to.be.revertedWithCustomError(f.meter, "BillingNotPayer")
        .withArgs(1n, f.bob.address, f.alice.address);
      const tx = f.meter.connect(f.alice).pay(1n);
      await expect(tx).to.not.emit(f.gen, "Transfer");
      await expect(tx).to.emit(f.nex, "Transfer").withArgs(f.alice.address, f.collector.address, tree.totals.nex);
    });

    it("is due at payBy to the second; one second later the settlement has expired and its period is free", async () => {
      const f = await loadFixture(committed);
      const payBy = (await f.meter.getSettlement(f.id)).payBy;
      await time.increaseTo(payBy - 1n);
      expect(await f.meter.state(f.id)).to.equal(S.Committed);
      const snapshot = await ethers.provider.send("evm_snapshot", []);
      await time.setNextBlockTimestamp(payBy);
      await expect(f.meter.connect(f.alice).pay(f.id)).to.emit(f.meter, "SettlementPaid");
      await ethers.provider.send("evm_revert", [snapshot]);
      await time.setNextBlockTimestamp(payBy + 1n);
      await expect(f.meter.connect(f.alice).pay(f.id))
        .to.be.revertedWithCustomError(f.meter, "BillingUnexpectedState")
        .withArgs(f.id, S.Expired, bit(S.Committed));
      expect(await f.meter.settlementOf(20_000)).to.equal(0n);
      await expect(f.meter.connect(f.dave).commit(20_000, f.tree.root, 7, f.alice.address, f.tree.totals))
        .to.emit(f.meter, "SettlementCommitted")
        .withArgs(2n, 20_000n, f.tree.root, 7n, f.alice.address, payBy + 2n + WINDOW, tuple(f.tree.totals));
      expect(await f.meter.settlementOf(20_000)).to.equal(2n);
    });
  });

  describe("cancel", () => {
    it("lets the operator cancel an unpaid settlement and free its period; nothing else", async () => {
      const f = await loadFixture(committed);
      await expect(f.meter.connect(f.alice).cancel(f.id))
        .to.be.revertedWithCustomError(f.meter, "AccessControlUnauthorizedAccount")
        .withArgs(f.alice.address, await f.meter.OPERATOR_ROLE());
      await expect(f.meter.connect(f.dave).cancel(f.id))
        .to.emit(f.meter, "SettlementCancelled")
        .withArgs(f.id, 20_000n, f.dave.address);
      expect(await f.meter.state(f.id)).to.equal(S.Cancelled);
      expect(await f.meter.settlementOf(20_000)).to.equal(0n);
      await expect(f.meter.connect(f.dave).cancel(f.id))
        .to.be.revertedWithCustomError(f.meter, "BillingUnexpectedState")
        .withArgs(f.id, S.Cancelled, bit(S.Committed));
      await expect(f.meter.connect(f.alice).pay(f.id))
        .to.be.revertedWithCustomError(f.meter, "BillingUnexpectedState")
        .withArgs(f.id, S.Cancelled, bit(S.Committed));
      await expect(f.meter.connect(f.dave).cancel(9n))
        .to.be.revertedWithCustomError(f.meter, "BillingUnexpectedState")
        .withArgs(9n, S.None, bit(S.Committed));
      await expect(f.meter.getSettlement(9n))
        .to.be.revertedWithCustomError(f.meter, "BillingUnexpectedState")
        .withArgs(9n, S.None, bit(S.Committed, S.Final, S.Expired, S.Cancelled));
      expect(await f.meter.state(0n)).to.equal(S.None);
    });
  });

  it("refuses a zero address for the admin, the registry, the treasury or a token at deployment", async () => {
    const f = await loadFixture(deployMeter);
    const good = [
      f.admin.address,
      f.dave.address,
      await f.registry.getAddress(),
      f.collector.address,
      await f.gen.getAddress(),
      await f.nex.getAddress(),
      await f.flx.getAddress(),
      await f.aur.getAddress(),
    ];
    const M = await ethers.getContractFactory("BillingMeter");
    for (const i of [0, 2, 3, 4, 5, 6, 7]) {
      const args = [...good];
      args[i] = ethers.ZeroAddress;
      await expect(M.deploy(...(args as Parameters<typeof M.deploy>))).to.be.revertedWithCustomError(
        M,
        "BillingZeroAddress",
      );
    }
    // A zero operator is allowed (granted later by the admin).
    const m = await M.deploy(
      f.admin.address,
      ethers.ZeroAddress,
      ...(good.slice(2) as [string, string, string, string, string, string]),
    );
    expect(await m.hasRole(await m.OPERATOR_ROLE(), ethers.ZeroAddress)).to.equal(false);
    expect(await m.tokens()).to.deep.equal(good.slice(4));
    expect(await m.treasury()).to.equal(f.collector.address);
  });

  describe("the SDK's records", () => {
    it("totals the columns and parses JSON records with decimal strings", () => {
      const user = "0x" + "ab".repeat(20);
      const json = [{ user, service: 3, resource: "10", gen: "1", nex: 2, flx: "3", aur: "4", usd: "5" }];
      const records = parseRecords(json);
      expect(records[0]).to.deep.equal({
        user,
        service: 3,
        resource: 10n,
        gen: 1n,
        nex: 2n,
        flx: 3n,
        aur: 4n,
        usd: 5n,
      });
      expect(totalsOf([...records, ...records])).to.deep.equal({ gen: 2n, nex: 4n, flx: 6n, aur: 8n, usd: 10n });
    });

    it("refuses a record the contract would encode differently, and an empty settlement", () => {
      const user = "0x" + "ab".repeat(20);
      const ok = { user, service: 3, resource: "10", gen: "1", nex: 2, flx: "3", aur: "4", usd: "5" };
      expect(() => parseRecords({})).to.throw("records: expected a JSON array");
      expect(() => parseRecords([{ ...ok, user: "0x12" }])).to.throw("record 0: user is not an address");
      expect(() => parseRecords([ok, { ...ok, service: 256 }])).to.throw("record 1: service is not a uint8");
      expect(() => parseRecords([{ ...ok, usd: "-1" }])).to.throw("record 0: usd is not a uint256");
      expect(() => parseRecords([{ ...ok, aur: "1.5" }])).to.throw("record 0: aur is not an integer");
      expect(() => parseRecords([{ ...ok, nex: undefined }])).to.throw("record 0: nex is missing");
      expect(() => buildBillingTree([])).to.throw("a settlement needs at least one record");
    });
  });
});
