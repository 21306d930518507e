import { expect } from "chai";
import { network } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { BrowserProvider, type Eip1193Provider } from "ethers";
import { runCli, EXIT_USAGE } from "../../sdk/cli/main";
import { durationArg, formatDuration, formatTime } from "../../sdk/cli/helpers";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: () => any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function kit(args: string[], eip1193: Eip1193Provider = network.provider as never): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["node", "kit", ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
    isTTY: false,
    provider: new BrowserProvider(eip1193),
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

/** The in-process chain, but reporting Sepolia's chain id (as a public RPC endpoint would). */
const sepoliaLike: Eip1193Provider = {
  request: async ({ method, params }: { method: string; params?: unknown[] }) =>
    method === "eth_chainId" ? "0xaa36a7" : network.provider.request({ method, params }),
};

describe("kit dev: time and blocks on local chains (in-process chain)", () => {
  it("`dev time advance 1h30m` mines one block exactly 5,400 s after the latest", async () => {
    const before = await time.latest();
    const block = await time.latestBlock();
    const r = await kit(["--json", "dev", "time", "advance", "1h30m"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(await time.latest()).to.equal(before + 5_400);
    expect(await time.latestBlock()).to.equal(block + 1);
    expect(r.json()).to.deep.equal({
      seconds: "5400",
      from: { block, timestamp: String(before) },
      to: { block: block + 1, timestamp: String(before + 5_400) },
    });
  });

  it("`dev time advance 7d` prints both times as ISO dates; `dev time show` prints the head", async () => {
    const before = await time.latest();
    const r = await kit(["dev", "time", "advance", "7d"]);
    expect(r.code, r.stderr).to.equal(0);
    const iso = (t: number) => new Date(t * 1000).toISOString().replace(".000Z", "Z");
    expect(r.stdout).to.equal(
      `advanced 604800 s: block ${await time.latestBlock()} at ${iso(before + 604_800)} (was ${iso(before)})\n`,
    );
    const show = await kit(["dev", "time", "show"]);
    expect(show.stdout).to.equal(`block ${await time.latestBlock()} at ${iso(before + 604_800)}\n`);
  });

  it("`dev mine` mines one block, `dev mine 25` twenty-five", async () => {
    const block = await time.latestBlock();
    expect((await kit(["dev", "mine"])).stdout).to.match(/^mined 1 block: block \d+ at /);
    expect(await time.latestBlock()).to.equal(block + 1);
    const r = await kit(["--json", "dev", "mine", "25"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json().mined).to.equal(25);
    expect(await time.latestBlock()).to.equal(block + 26);
  });

  it("is refused on a public chain id (exit 2), and nothing is mined", async () => {
    const block = await time.latestBlock();
    for (const args of [
      ["dev", "time", "advance", "1d"],
      ["dev", "mine", "3"],
    ]) {
      const r = await kit(args, sepoliaLike);
      expect(r.code, args.join(" ")).to.equal(EXIT_USAGE);
      expect(r.stderr).to.match(/works on local chains only \(ids 31337, 1337\), not chain 11155111/);
    }
    expect(await time.latestBlock()).to.equal(block);
  });

  const bad: [string[], RegExp][] = [
    [["dev", "time", "advance", "soon"], /duration must be seconds or a duration like 90m/],
    [["dev", "time", "advance", "0"], /duration must be positive/],
    [["dev", "time", "advance", "101000w"], /exceeds 100 years/],
    [["dev", "mine", "0"], /blocks must be 1\.\.100000/],
    [["dev", "mine", "-1"], /blocks must be a non-negative integer/],
  ];
  for (const [args, message] of bad) {
    it(`\`${args.join(" ")}\` is bad input (exit 2)`, async () => {
      const block = await time.latestBlock();
      const r = await kit(args);
      expect(r.code).to.equal(EXIT_USAGE);
      expect(r.stderr).to.match(message);
      expect(await time.latestBlock()).to.equal(block);
    });
  }
});

describe("CLI time helpers", () => {
  it("durationArg reads seconds and unit sums", () => {
    expect(durationArg("3600", "d")).to.equal(3_600n);
    expect(durationArg("90s", "d")).to.equal(90n);
    expect(durationArg("59m", "d")).to.equal(3_540n);
    expect(durationArg("1d12h", "d")).to.equal(129_600n);
    expect(durationArg("2W", "d")).to.equal(1_209_600n);
    expect(durationArg("1h30m15s", "d")).to.equal(5_415n);
  });

  it("formatDuration and formatTime read like a person writes", () => {
    expect(formatDuration(45n)).to.equal("45 s");
    expect(formatDuration(3_540n)).to.equal("59 min");
    expect(formatDuration(7_500n)).to.equal("2 h 5 min");
    expect(formatDuration(3n * 86_400n + 4n * 3_600n)).to.equal("3 d 4 h");
    const t = BigInt(Date.UTC(2026, 11, 2, 11, 14) / 1000);
    expect(formatTime(t)).to.equal("2026-12-02T11:14:00Z");
    expect(formatTime(t, t - 3_540n)).to.equal("2026-12-02T11:14:00Z (in 59 min)");
    expect(formatTime(t, t + 3n * 3_600n)).to.equal("2026-12-02T11:14:00Z (3 h ago)");
    expect(formatTime(t, t)).to.equal("2026-12-02T11:14:00Z (now)");
  });
});
