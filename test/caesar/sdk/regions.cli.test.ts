/**
 * The regional price matrix in the CAESAR preset: wiring (the processor's region source, the timelock its admin),
 * `kit caesar regions list|quote|hops` (text and --json), and the SDK's off-chain quote equal to the chain's.
 */
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { EXIT_USAGE } from "../../../sdk/cli/main";
import { connectCaesar, quoteRegional, readMatrix, buildSetRegion, buildSetTemporalFactors } from "../../../sdk/caesar";
import { InvalidArgumentError } from "../../../sdk/kit/core";
import { encodeRequest } from "../../../sdk/kit/tx/request";
import { addressBookFile, kitRunner } from "../../helpers/kitCli";
import { deployCaesarPreset } from "./fixture";

const T0 = 1_800_000_000n; // UTC hour 8

async function fixture() {
  const f = await deployCaesarPreset();
  return { ...f, bookFile: addressBookFile(f.book.contracts, "kit-caesar-regions-").file };
}

let f: Awaited<ReturnType<typeof fixture>>;

const { kit } = kitRunner({ book: () => f.bookFile });

describe("CAESAR preset: the regional price matrix", () => {
  beforeEach(async () => {
    f = await loadFixture(fixture);
  });

  it("is the processor's region source, administered by the timelock alone, with three regions", async () => {
    const c = connectCaesar(f.book, f.deployer);
    const matrix = await c.matrix.getAddress();
    expect((await f.processor.contracts()).regionHops).to.equal(matrix);
    const admin = await c.matrix.DEFAULT_ADMIN_ROLE();
    expect(await c.matrix.hasRole(admin, await f.timelock.getAddress())).to.equal(true);
    expect(await c.matrix.hasRole(admin, f.deployer.address)).to.equal(false);
    expect(await c.matrix.regionIds()).to.deep.equal([1n, 2n, 3n]);
    expect(await c.matrix.hops(1, 3)).to.equal(2n);
    await expect(c.matrix.setRegion(4, 10_000n, 10_000n, 10_000n))
      .to.be.revertedWithCustomError(c.matrix, "AccessControlUnauthorizedAccount")
      .withArgs(f.deployer.address, admin);
  });

  it("the SDK reads the matrix and quotes off-chain exactly what the chain quotes", async () => {
    const c = connectCaesar(f.book, f.deployer);
    const spec = await readMatrix(c.matrix);
    expect(spec.edges).to.deep.equal([
      { a: 1, b: 2, spilloverOnA: 200n, spilloverOnB: -300n },
      { a: 2, b: 3, spilloverOnA: 500n, spilloverOnB: 100n },
    ]);
    for (const region of [0, 1, 2, 3, 4]) {
      for (const origin of [0, 1, 2, 3]) {
        expect(quoteRegional(spec, region, T0, origin).modifierBps).to.equal(await c.matrix.quote(region, T0, origin));
      }
    }
    // 11,000 x 9,000 x 11,000 (1 hop at 1.1) x 10,000 x 10,100 (spillover (-300 + 500) / 2) / 1e16
    expect(quoteRegional(spec, 2, T0, 1).modifierBps).to.equal(10_998n);
  });

  it("`regions quote --json` prints the terms; text mode names them", async () => {
    const r = await kit(["--json", "caesar", "regions", "quote", "2", "--origin", "1", "--at", T0.toString()]);
    expect(r.code, r.stderr).to.equal(0);
    const j = r.json();
    expect([
      j.region,
      j.origin,
      String(j.hops),
      String(j.hopBps),
      String(j.spilloverBps),
      String(j.modifierBps),
    ]).to.deep.equal([2, 1, "1", "11000", "10100", "10998"]);
    const t = await kit(["caesar", "regions", "quote", "3", "--origin", "1", "--at", T0.toString()]);
    expect(t.code, t.stderr).to.equal(0);
    // 9,500 x 12,000 x 10,000 (2 hops at 1.0) x 10,000 x 10,100 / 1e16 = 11,514
    expect(t.stdout).to.contain("region 3 from 1 at 1800000000: modifier 11514 bps");
    const now = await kit(["--json", "caesar", "regions", "quote", "1"]);
    expect(now.code, now.stderr).to.equal(0);
    expect(String(now.json().modifierBps)).to.equal("10200");
  });

  it("`regions list` and `regions hops` (text and --json)", async () => {
    const l = await kit(["--json", "caesar", "regions", "list"]);
    expect(l.code, l.stderr).to.equal(0);
    expect(l.json().regions.map((x: { id: number }) => x.id)).to.deep.equal([1, 2, 3]);
    expect(l.json().temporal).to.have.length(24);
    const lt = await kit(["caesar", "regions", "list"]);
    expect(lt.stdout).to.contain("3 of at most 16 regions");
    expect(lt.stdout).to.contain("region 2: geo 11000, resource 9000, hops 11000 bps; neighbours 1, 3");
    const h = await kit(["--json", "caesar", "regions", "hops", "3", "1"]);
    expect(h.code, h.stderr).to.equal(0);
    expect(String(h.json().hops)).to.equal("2");
    expect((await kit(["caesar", "regions", "hops", "1", "2"])).stdout).to.contain("1 -> 2: 1 hops");
  });

  it("`caesar quote --region --agent-region` quotes a relayed payment at the processor's modifier, as the chain charges", async () => {
    const c = connectCaesar(f.book, f.deployer);
    const from = f.holder.address;
    const to = f.deployer.address;
    const m = await c.processor.regionalModifier(3, 1);
    expect(m).to.be.greaterThan(10_000n); // region 3 seen from 1: two hops away
    const r = await kit([
      "--json",
      "caesar",
      "quote",
      to,
      "1000",
      "--from",
      from,
      "--region",
      "3",
      "--agent-region",
      "1",
    ]);
    expect(r.code, r.stderr).to.equal(0);
    const q = await c.caesar.quoteAuthorized(from, to, 1_000n * 10n ** 18n, m);
    expect(r.json()).to.include({ regionalBps: m.toString(), fee: q.fee.toString(), payerRegion: 3, agentRegion: 1 });
    const plain = await kit(["--json", "caesar", "quote", to, "1000", "--from", from]);
    expect(BigInt(plain.json().fee)).to.be.lessThan(q.fee);
    expect(plain.json().regionalBps).to.equal(undefined);
    const text = await kit(["caesar", "quote", to, "1000", "--from", from, "--region", "3", "--agent-region", "1"]);
    expect(text.stdout).to.contain(`relayed (region 3 from 1: modifier ${m} bps)`);
    const bad = await kit(["caesar", "quote", to, "1000", "--from", from, "--region", "70000"]);
    expect(bad.code).to.equal(EXIT_USAGE);
    expect(bad.stderr).to.contain("region must be 0..65535");
  });

  it("bad input exits 2 with a clear message", async () => {
    const r = await kit(["caesar", "regions", "hops", "1", "70000"]);
    expect(r.code).to.equal(EXIT_USAGE);
    expect(r.stderr).to.contain("region must be 0..65535");
    const q = await kit(["caesar", "regions", "quote", "1", "--at", "yesterday"]);
    expect(q.code).to.equal(EXIT_USAGE);
  });

  it("the governed builders encode the setters and refuse out-of-range values before sending", async () => {
    const c = connectCaesar(f.book, f.deployer);
    const matrix = await c.matrix.getAddress();
    const tx = encodeRequest(
      buildSetRegion(matrix, { id: 4, geoBps: 12_000n, resourceBps: 10_000n, hopsBps: 10_000n }),
    );
    expect(tx.to).to.equal(matrix);
    expect(tx.data).to.equal(c.matrix.interface.encodeFunctionData("setRegion", [4, 12_000n, 10_000n, 10_000n]));
    expect(() => buildSetRegion(matrix, { id: 4, geoBps: 20_001n, resourceBps: 10_000n, hopsBps: 10_000n })).to.throw(
      InvalidArgumentError,
      "modifier 20001",
    );
    expect(() => buildSetTemporalFactors(matrix, Array(23).fill(10_000n))).to.throw(InvalidArgumentError, "24 values");
  });
});
