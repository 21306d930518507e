/**
 * `kit feed list|show|set` (sdk/cli/commands/feed.ts): the feeds of a preset's address book by id or name, a mock
 * feed's answer published on a local chain (raw or `--units`) and read back, text and --json, and bad input.
 */
import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciPreset } from "../bpci/fixtures/preset";
import { addressBookFile, devKey, kitRunner } from "../helpers/kitCli";
import { connectMockFeed } from "../../sdk/kit/chain";
import { buildSetLocalFeed } from "../../sdk/kit/tx";
import { InvalidArgumentError } from "../../sdk/kit/core";

async function fixture() {
  const f = await deployBpciPreset();
  return { ...f, bookFile: addressBookFile(f.book.contracts, "kit-feed-").file };
}

let f: Awaited<ReturnType<typeof fixture>>;
const { kit, ok, fails } = kitRunner({ book: () => f.bookFile, key: devKey(2) });

describe("kit feed (the address book's AggregatorV3 feeds)", () => {
  beforeEach(async () => {
    f = await loadFixture(fixture);
  });

  it("lists every feed of the preset with its answer; show reads one by id or by name", async () => {
    const list = (await ok(["feed", "list"])).feeds as { id: string; answer: string; decimals: number }[];
    const ids = list.map((x) => x.id);
    expect(ids).to.include.members(["Kit#UsageFeed", "Kit#ReserveFeed", "Bpci#GoldPriceFeed"]);
    const usage = f.book.contracts["Kit#UsageFeed"];
    const onChain = await connectMockFeed(usage, f.signers[0]).latestRoundData();
    const byName = await ok(["feed", "show", "usage"]);
    expect(byName).to.include({ id: "Kit#UsageFeed", address: usage, answer: onChain[1].toString(), decimals: 8 });
    expect((await ok(["feed", "show", "Kit#UsageFeed"])).answer).to.equal(onChain[1].toString());
    expect((await ok(["feed", "show", usage])).address).to.equal(usage);
    const text = await kit(["feed", "show", "gold-price"]);
    expect(text.code, text.stderr).to.equal(0);
    expect(text.stdout).to.match(/^Bpci#GoldPriceFeed: [\d.]+ \(raw \d+, 8 decimals\)/);
  });

  it("sets a mock feed's answer, raw or in units, and the chain reads it back", async () => {
    const gold = f.book.contracts["Bpci#GoldPriceFeed"];
    const before = (await connectMockFeed(gold, f.signers[0]).latestRoundData())[1];
    const r = await ok(["feed", "set", "GoldPriceFeed", "123456789"]);
    expect(r).to.include({ action: "setFeed", id: "Bpci#GoldPriceFeed", feed: gold, answer: "123456789" });
    expect(r.previous).to.equal(before.toString());
    expect((await connectMockFeed(gold, f.signers[0]).latestRoundData())[1]).to.equal(123_456_789n);
    await ok(["feed", "set", "gold-price", "2000.5", "--units"]);
    expect((await connectMockFeed(gold, f.signers[0]).latestRoundData())[1]).to.equal(200_050_000_000n);
    const t = await kit(["feed", "set", "gold-price", "-1.25", "--units"]);
    expect(t.code, t.stderr).to.equal(0);
    expect(t.stdout).to.match(/^Bpci#GoldPriceFeed: 2000\.5 -> -1\.25 \(raw -125000000\) in 0x/);
  });

  it("`feed set` on a chain that is not local is refused (exit 2, one JSON error naming the chain) and sends nothing", async () => {
    // The in-process chain, reporting Sepolia's chain id (11155111) as a public RPC endpoint would.
    const sepolia = {
      request: ({ method, params }: { method: string; params?: unknown[] }) =>
        method === "eth_chainId" ? Promise.resolve("0xaa36a7") : network.provider.request({ method, params }),
    };
    const gold = f.book.contracts["Bpci#GoldPriceFeed"];
    const before = (await connectMockFeed(gold, f.signers[0]).latestRoundData())[1];
    const block = await ethers.provider.getBlockNumber();
    const r = await kit(["--json", "feed", "set", "gold-price", "123"], undefined, { eip1193: sepolia });
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stdout.trim().split("\n")).to.have.length(1);
    const message =
      "`kit feed set` works on local chains only (ids 31337, 1337), not chain 11155111 (localhost): " +
      "a live deployment reads real feeds";
    expect(r.json()).to.deep.equal({
      error: { name: "InvalidArgumentError", message, details: { chainId: "11155111", allowed: ["31337", "1337"] } },
    });
    const t = await kit(["feed", "set", "gold-price", "123"], undefined, { eip1193: sepolia });
    expect([t.code, t.stdout, t.stderr]).to.deep.equal([2, "", `error: ${message}\n`]);
    expect((await connectMockFeed(gold, f.signers[0]).latestRoundData())[1]).to.equal(before);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("refuses an unknown or an ambiguous name, a decimal without --units, too many decimals, a non-int256", async () => {
    expect((await fails(["feed", "show", "nope"], undefined, 2)).message).to.contain(
      'no feed named "nope" in the address book',
    );
    expect((await fails(["feed", "show", "price"], undefined, 2)).message).to.contain("no feed named");
    // two ids with the same contract name: the name is ambiguous, the id is not
    const usage = f.book.contracts["Kit#UsageFeed"];
    const two = addressBookFile({ ...f.book.contracts, "Other#UsageFeed": usage }, "kit-feed-two-");
    const { fails: failsTwo, ok: okTwo } = kitRunner({ book: () => two.file, key: devKey(2) });
    expect((await failsTwo(["feed", "show", "usage"], undefined, 2)).message).to.contain(
      '"usage" names 2 feeds (Kit#UsageFeed, Other#UsageFeed): give the id',
    );
    expect((await okTwo(["feed", "show", "Other#UsageFeed"])).address).to.equal(usage);
    two.remove();
    expect((await fails(["feed", "set", "usage", "1.5"], undefined, 2)).message).to.contain("--units for a decimal");
    expect((await fails(["feed", "set", "usage", "1.123456789", "--units"], undefined, 2)).message).to.contain(
      "more than the feed's 8 decimals",
    );
    expect(() => buildSetLocalFeed(f.book.contracts["Kit#UsageFeed"], 2n ** 255n)).to.throw(InvalidArgumentError);
  });
});
