import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciEconomy, type BpciEconomy } from "../fixtures/preset";
import { bpciCli, type CliRun } from "../fixtures/cli";
import { EXIT_USAGE } from "../../../sdk/cli/main";
import { toCsv } from "../../../sdk/kit/core/csv";
import { TOKEN } from "../../helpers/units";

/** A minimal RFC 4180 reader for the test: fields may be quoted, quotes doubled inside. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (row.push(field), (field = ""));
    else if (ch === "\n") (row.push(field), rows.push(row), (row = []), (field = ""));
    else field += ch;
  }
  return rows;
}

describe("toCsv", () => {
  it("quotes fields holding a comma, a quote or a line break, prints bigints in full, and is empty for no rows", () => {
    expect(toCsv([])).to.equal("");
    const text = toCsv([
      { a: 1, b: 10n ** 24n, c: 'say "hi", twice' },
      { a: "x\ny", b: undefined, c: { k: 2n } },
    ]);
    expect(text).to.equal('a,b,c\n1,1000000000000000000000000,"say ""hi"", twice"\n"x\ny",,"{""k"":""2""}"\n');
  });
});

describe("kit bpci economy metrics / audit", () => {
  let f: BpciEconomy;
  let cli: ReturnType<typeof bpciCli>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-audit-"));
  const usage = async (args: string[]) => {
    const r: CliRun = await cli.kit(["--json", ...args]);
    expect(r.code, args.join(" ")).to.equal(EXIT_USAGE);
    return r.json().error.message as string;
  };

  before(async () => {
    f = await loadFixture(deployBpciEconomy);
    cli = bpciCli(f.book);
  });
  after(() => {
    cli.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("metrics: status and the monitor at one block; --comprehensive --export writes the same document with PoE and tokens", async () => {
    const plain = await cli.ok(["bpci", "economy", "metrics"]);
    expect(plain.block).to.equal(await ethers.provider.getBlockNumber());
    expect(plain.status).to.be.an("object");
    expect(plain.stability.level).to.be.a("string");
    expect(plain).to.not.have.property("poe");
    const file = path.join(dir, "metrics.json");
    const full = await cli.ok(["bpci", "economy", "metrics", "--comprehensive", "--export", file]);
    expect(full.exported).to.equal(file);
    const written = JSON.parse(fs.readFileSync(file, "utf8"));
    delete full.exported;
    expect(written).to.deep.equal(full);
    expect(written.poe.jobs).to.equal((await f.mining.jobCount()).toString());
    expect(written.tokens.map((t: { token: string }) => t.token)).to.have.length(5);
    const text = await cli.kit(["bpci", "economy", "metrics", "--export", path.join(dir, "nope", "m.json")]);
    expect(text.code).to.equal(EXIT_USAGE);
    expect(text.stderr).to.include("cannot write metrics file");
  });

  it("audit: a GEN transfer's every log, decoded, in chain order; --export writes them as CSV with the arguments as JSON", async () => {
    const from = (await ethers.provider.getBlockNumber()) + 1;
    const carol = f.signers[4];
    const tx = await f.gen.connect(f.alice).transfer(carol.address, 5n * TOKEN);
    const receipt = (await tx.wait())!;
    const listed = await cli.ok(["bpci", "economy", "audit", "--from-block", String(from)]);
    expect(listed).to.include({ fromBlock: from, toBlock: receipt.blockNumber, events: receipt.logs.length });
    const transfer = listed.rows.find((r: { event: string }) => r.event === "Transfer");
    expect(transfer).to.deep.include({ contract: "gen", tx: receipt.hash, block: receipt.blockNumber });
    expect(transfer.args).to.deep.equal({ from: f.alice.address, to: carol.address, value: (5n * TOKEN).toString() });
    // alice delegates to herself: her vote checkpoint moves too (DelegateVotesChanged), in log order.
    expect(listed.rows.map((r: { event: string }) => r.event)).to.deep.equal(
      receipt.logs.map((l) => f.gen.interface.parseLog(l)!.name),
    );
    expect(listed.counts["gen.Transfer"]).to.equal(1);

    const csv = path.join(dir, "audit.csv");
    const exported = await cli.ok(["bpci", "economy", "audit", "--from-block", String(from), "--export", csv]);
    expect(exported).to.not.have.property("rows");
    expect(exported).to.include({ exported: csv, events: receipt.logs.length });
    const rows = parseCsv(fs.readFileSync(csv, "utf8"));
    expect(rows[0]).to.deep.equal(["block", "time", "tx", "logIndex", "contract", "address", "event", "args"]);
    expect(rows).to.have.length(1 + receipt.logs.length);
    const line = rows.find((r) => r[6] === "Transfer")!;
    const block = (await ethers.provider.getBlock(receipt.blockNumber))!;
    expect(line.slice(0, 7)).to.deep.equal([
      String(receipt.blockNumber),
      new Date(block.timestamp * 1000).toISOString(),
      receipt.hash,
      String(transfer.logIndex),
      "gen",
      await f.gen.getAddress(),
      "Transfer",
    ]);
    expect(JSON.parse(line[7])).to.deep.equal(transfer.args);
  });

  it("audit --month: the month of the chain's clock holds every event since deployment; a month before it none", async () => {
    const latest = (await ethers.provider.getBlock("latest"))!;
    const month = new Date(latest.timestamp * 1000).toISOString().slice(0, 7);
    const all = await cli.ok(["bpci", "economy", "audit"]);
    const inMonth = await cli.ok(["bpci", "economy", "audit", "--month", month]);
    // The in-process chain started this month unless the tests moved its clock across a month boundary.
    const first = (await ethers.provider.getBlock(inMonth.fromBlock))!;
    expect(new Date(first.timestamp * 1000).toISOString().slice(0, 7)).to.equal(month);
    expect(inMonth.toBlock).to.equal(latest.number);
    expect(inMonth.events).to.equal(all.rows.filter((r: { block: number }) => r.block >= inMonth.fromBlock).length);
    const none = await cli.ok(["bpci", "economy", "audit", "--month", "2001-01"]);
    expect(none).to.include({ events: 0, fromBlock: null, toBlock: null });
  });

  it("refuses --month with a block range, an empty or future range and a bad month, with exit 2", async () => {
    expect(await usage(["bpci", "economy", "audit", "--month", "2026-12", "--from-block", "1"])).to.equal(
      "--month and --from-block/--to-block are exclusive: give one period",
    );
    const latest = await ethers.provider.getBlockNumber();
    expect(await usage(["bpci", "economy", "audit", "--from-block", "5", "--to-block", "4"])).to.equal(
      `the block range 5..4 is empty or beyond the latest block ${latest}`,
    );
    expect(await usage(["bpci", "economy", "audit", "--to-block", String(latest + 10)])).to.equal(
      `the block range 0..${latest + 10} is empty or beyond the latest block ${latest}`,
    );
    expect(await usage(["bpci", "economy", "audit", "--month", "2026-13"])).to.equal(
      'month must be YYYY-MM, got "2026-13"',
    );
  });
});
