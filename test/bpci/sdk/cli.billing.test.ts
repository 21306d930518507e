import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciPreset, type BpciPreset } from "../fixtures/preset";
import { bpciCli, devWallet, type BpciCli } from "../fixtures/cli";
import { TOKEN } from "../../helpers/units";

/** #1 is the AUR issuer and the billing operator of the local parameters, #2 alice (GEN and FLX at genesis). */
const KEY = { operator: devWallet(1).privateKey, alice: devWallet(2).privateKey, stranger: devWallet(12).privateKey };
const alice = devWallet(2).address;

let f: BpciPreset;
let cli: BpciCli;
let dir: string;
const ok = (args: string[], key?: string) => cli.ok(args, key);
const reverts = (args: string[], key?: string) => cli.reverts(args, key);

/** One record of alice's usage of `service`: 0.5 GEN, no NEX, `flx` FLX, 0.25 AUR, $10. */
const record = (service: number, resource: string, flx: bigint) => ({
  user: alice,
  service,
  resource,
  gen: (TOKEN / 2n).toString(),
  nex: "0",
  flx: (flx * TOKEN).toString(),
  aur: (TOKEN / 4n).toString(),
  usd: (10n * TOKEN).toString(),
});

/** Three records of alice's usage: 1.5 GEN, 0 NEX, 7 FLX, 0.75 AUR in all, $30. */
const RECORDS = [record(1, "4096", 2n), record(2, "60", 3n), record(3, "1", 2n)];

describe("kit bpci billing … (in-process chain, BPCI preset)", () => {
  let records: string;
  before(async () => {
    f = await loadFixture(deployBpciPreset);
    cli = bpciCli(f.book);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-billing-"));
    records = path.join(dir, "records.json");
    fs.writeFileSync(records, JSON.stringify(RECORDS));
  });

  after(() => {
    cli.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
    const all = cli.outputs.join("\n").toLowerCase();
    for (const k of Object.values(KEY)) expect(all).to.not.contain(k.slice(2).toLowerCase());
  });

  it("build: root, totals and the tree file, offline", async () => {
    const out = path.join(dir, "tree.json");
    const b = await ok(["bpci", "billing", "build", records, "--out", out]);
    expect(b.records).to.equal(3);
    expect(b.totals).to.deep.equal({
      gen: ((3n * TOKEN) / 2n).toString(),
      nex: "0",
      flx: (7n * TOKEN).toString(),
      aur: ((3n * TOKEN) / 4n).toString(),
      usd: (30n * TOKEN).toString(),
    });
    expect(JSON.parse(fs.readFileSync(out, "utf8")).format).to.equal("standard-v1");
    const text = await cli.kit(["bpci", "billing", "build", records]);
    expect(text.stdout).to.contain("totals: 1.5 GEN, 0 NEX, 7 FLX, 0.75 AUR ($30)");
  });

  it("commit (operator only), show, verify a record on-chain, refuse an altered one", async () => {
    const e = await reverts(["bpci", "billing", "commit", "1", records, "--payer", alice], KEY.stranger);
    expect(e.errorName).to.equal("AccessControlUnauthorizedAccount");
    const c = await ok(["bpci", "billing", "commit", "1", records, "--payer", alice], KEY.operator);
    expect(c).to.include({ action: "commitBilling", settlementId: "1", period: "1", records: 3, payer: alice });
    const s = await ok(["bpci", "billing", "show", "1"]);
    expect(s).to.include({ id: "1", state: "Committed", root: c.root, records: "3", payer: alice, paidAt: "0" });
    const v = await ok(["bpci", "billing", "verify", "1", records, "2"]);
    expect(v).to.include({ included: true, rootMatches: true, index: 2 });
    const altered = path.join(dir, "altered.json");
    fs.writeFileSync(altered, JSON.stringify([RECORDS[0], RECORDS[1], { ...RECORDS[2], flx: "1" }]));
    const w = await ok(["bpci", "billing", "verify", "1", altered, "2"]);
    expect(w).to.include({ included: false, rootMatches: false });
    const again = await reverts(["bpci", "billing", "commit", "1", records, "--payer", alice], KEY.operator);
    expect(again).to.include({ errorName: "BillingPeriodTaken" });
    expect(again.args).to.deep.equal(["1", "1"]);
  });

  it("pay: the payer approves exactly and pays the totals into the treasury; the settlement is final", async () => {
    await ok(["bpci", "aur", "mint", alice, "1"], KEY.operator);
    const treasury = await f.treasury.getAddress();
    const before = [await f.gen.balanceOf(treasury), await f.flx.balanceOf(treasury), await f.aur.balanceOf(treasury)];
    const stranger = await reverts(["bpci", "billing", "pay", "1"], KEY.stranger);
    expect(stranger.errorName).to.equal("BillingNotPayer");
    const p = await ok(["bpci", "billing", "pay", "1"], KEY.alice);
    expect(p).to.include({ action: "payBilling", from: alice, settlementId: "1" });
    const after = [await f.gen.balanceOf(treasury), await f.flx.balanceOf(treasury), await f.aur.balanceOf(treasury)];
    expect(after.map((a, i) => a - before[i])).to.deep.equal([(3n * TOKEN) / 2n, 7n * TOKEN, (3n * TOKEN) / 4n]);
    expect((await ok(["bpci", "billing", "show", "1"])).state).to.equal("Final");
    const twice = await reverts(["bpci", "billing", "pay", "1"], KEY.alice);
    expect(twice.errorName).to.equal("BillingUnexpectedState");
    expect((twice as unknown as { description: string }).description).to.equal(
      "BillingUnexpectedState: settlement 1 is Final, needs Committed",
    );
  });

  it("cancel an unpaid settlement; bad input is refused with a clear message before anything is sent", async () => {
    const c = await ok(["bpci", "billing", "commit", "2", records, "--payer", alice], KEY.operator);
    const x = await ok(["bpci", "billing", "cancel", c.settlementId], KEY.operator);
    expect(x).to.include({ action: "cancelBilling", settlementId: "2" });
    expect((await ok(["bpci", "billing", "show", "2"])).state).to.equal("Cancelled");
    const missing = await cli.kit(["--json", "bpci", "billing", "build", path.join(dir, "none.json")]);
    expect(missing.code).to.not.equal(0);
    expect(missing.json().error.message).to.contain("records file not found");
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify([{ ...RECORDS[0], service: 300 }]));
    const r = await cli.kit(["--json", "bpci", "billing", "build", bad]);
    expect(r.json().error.message).to.contain("record 0: service is not a uint8");
    const far = await cli.kit(["--json", "bpci", "billing", "verify", "1", records, "3"]);
    expect(far.json().error.message).to.contain("index 3 is past the last record (2)");
  });
});
