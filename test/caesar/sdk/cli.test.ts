/**
 * `kit caesar …` and `kit agent caesar-processor` in-process (runCli with captured output) on the CAESAR preset
 * deployed through Ignition: exact amounts against the token's own quotes, the exact-approval flows, authorization
 * signing refusing another contract, relaying, claims, decoded errors and exit codes.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers, network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { BrowserProvider } from "ethers";
import { runCli, EXIT_USAGE, EXIT_FAILURE } from "../../../sdk/cli/main";
import { CAESAR_TEST_KEY_2, CAESAR_TEST_KEY_3 } from "../../../sdk/caesar/preset";
import { balanceAfterDays, parseAuthorization } from "../../../sdk/caesar";
import { deployCaesarPreset, CAESAR, HOLDER_GENESIS } from "./fixture";
import { DAY_S as DAY } from "../../helpers/units";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: () => any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function fixture() {
  const f = await deployCaesarPreset();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-caesar-"));
  const bookFile = path.join(dir, "addresses.json");
  fs.writeFileSync(bookFile, JSON.stringify(f.book.contracts));
  return { ...f, dir, bookFile };
}

let f: Awaited<ReturnType<typeof fixture>>;

async function kit(args: string[], key: string | undefined = CAESAR_TEST_KEY_2, book?: string): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(["node", "kit", "--address-book", book ?? f.bookFile, ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: key === undefined ? {} : { KIT_PRIVATE_KEY: key },
    isTTY: false,
    provider: new BrowserProvider(network.provider as never),
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

async function registerAgent3() {
  const r = await kit(
    ["--json", "caesar", "agent", "register", "20000", "--region", "1", "--endpoint", "https://a3"],
    CAESAR_TEST_KEY_3,
  );
  expect(r.code, r.stderr).to.equal(0);
}

async function authorize(to: string, amount: string, extra: string[] = []) {
  const r = await kit(["caesar", "authorize", to, amount, ...extra]);
  expect(r.code, r.stderr).to.equal(0);
  return r.stdout;
}

describe("kit caesar (in-process, CAESAR preset)", () => {
  beforeEach(async () => {
    f = await loadFixture(fixture);
  });

  it("`kit status` reads CAESAR (no cap counters, votes through the wrapper): supply and balances, no cap", async () => {
    const r = await kit(["--json", "status", "--account", f.holder.address], undefined);
    expect(r.code, r.stderr).to.equal(0);
    const s = r.json();
    expect(s.presets).to.deep.equal(["caesar"]);
    expect(s.token.symbol).to.equal("CAESAR");
    expect(s.token.totalSupply).to.equal(`${await f.caesar.totalSupply()}`);
    expect(s.token).to.not.have.property("cap");
    expect(s.accounts).to.deep.equal([
      { address: f.holder.address, balance: `${await f.caesar.balanceOf(f.holder.address)}` },
    ]);
    const text = await kit(["status", "--account", f.holder.address], undefined);
    expect(text.code, text.stderr).to.equal(0);
    expect(text.stdout).to.match(/supply {4}\d+ CAESAR/);
    expect(text.stdout).to.not.contain("cap ");
    expect(text.stdout).to.contain(`account   ${f.holder.address} balance 10000000`);
  });

  it("quote --json is the token's quoteTransfer to the wei", async () => {
    const r = await kit(["--json", "caesar", "quote", f.second.address, "100", "--from", f.holder.address]);
    expect(r.code, r.stderr).to.equal(0);
    const q = await f.caesar.quoteTransfer(f.holder.address, f.second.address, 100n * CAESAR);
    expect(r.json()).to.deep.equal({
      from: f.holder.address,
      to: f.second.address,
      amount: (100n * CAESAR).toString(),
      fee: q.fee.toString(),
      penalty: q.penalty.toString(),
      demurrage: q.demurrage.toString(),
      net: q.net.toString(),
    });
    expect(q.fee).to.equal(CAESAR / 10n); // 0.1% base fee at neutral factors
  });

  it("transfer pays the quoted fee out of the amount: the receiver gets the net, the payer loses the amount", async () => {
    const q = await f.caesar.quoteTransfer(f.holder.address, f.second.address, 100n * CAESAR);
    const before = await f.caesar.balanceOf(f.second.address);
    const r = await kit(["--json", "caesar", "transfer", f.second.address, "100"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json().action).to.equal("transfer");
    expect((await f.caesar.balanceOf(f.second.address)) - before).to.equal(q.net);
    expect(await f.caesar.balanceOf(f.holder.address)).to.equal(HOLDER_GENESIS - q.net - q.fee - q.penalty);
  });

  it("balance --at projects 30 days of demurrage with the core mirror; the chain agrees 30 days later", async () => {
    const now = BigInt(await time.latest());
    const r = await kit(["--json", "caesar", "balance", f.holder.address, "--at", String(now + 30n * 86_400n)]);
    expect(r.code, r.stderr).to.equal(0);
    const j = r.json();
    expect(j.balance).to.equal(HOLDER_GENESIS.toString());
    const projected = balanceAfterDays(HOLDER_GENESIS, 30n, 100n);
    expect(j.balanceAt).to.equal(projected.toString());
    expect(HOLDER_GENESIS - projected).to.be.closeTo(HOLDER_GENESIS / 100n, CAESAR); // ~1% in 30 days
    await time.increase(30 * DAY);
    expect(await f.caesar.balanceOf(f.holder.address)).to.equal(projected);
  });

  it("agent register approves exactly and leaves no allowance; agent show reads it back", async () => {
    await registerAgent3();
    expect(await f.caesar.allowance(f.second.address, await f.agents.getAddress())).to.equal(0n);
    const r = await kit(["--json", "caesar", "agent", "show", f.second.address]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json()).to.include({ registered: true, active: true, region: 1, endpoint: "https://a3" });
    expect(r.json().bondedWei).to.equal((20_000n * CAESAR).toString());
    expect(await f.agents.agentCount()).to.equal(1n);
  });

  it("authorize signs for the book's processor; relay submits it; a replay is refused by the processor", async () => {
    await registerAgent3();
    const receiver = f.signers[5].address;
    const text = await authorize(receiver, "250");
    const sa = parseAuthorization(text.trim());
    expect(sa.from).to.equal(f.holder.address);
    expect(sa.amount).to.equal(250n * CAESAR);
    const file = path.join(f.dir, "a1.json");
    fs.writeFileSync(file, text);
    const r = await kit(["--json", "caesar", "relay", file], CAESAR_TEST_KEY_3);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json().processed).to.equal(1);
    expect(await f.caesar.balanceOf(receiver)).to.equal(250n * CAESAR - CAESAR / 4n); // 0.1% fee taken from the amount
    const again = await kit(["caesar", "relay", file], CAESAR_TEST_KEY_3);
    expect(again.code).to.equal(EXIT_FAILURE);
    expect(again.stderr).to.contain("CaesarProcessorRejected");
  });

  it("authorize refuses a book whose processor is another contract (exit 1, nothing signed)", async () => {
    const other = path.join(f.dir, "other.json");
    fs.writeFileSync(
      other,
      JSON.stringify({ ...f.book.contracts, "Caesar#CaesarProcessor": await f.agents.getAddress() }),
    );
    const r = await kit(["caesar", "authorize", f.second.address, "1"], CAESAR_TEST_KEY_2, other);
    expect(r.code).to.not.equal(0);
    expect(r.stdout).to.equal("");
  });

  it("takes the issue's names too: send, send-all, status, agent status|process|claim", async () => {
    const to = f.signers[9].address;
    const q = await f.caesar.quoteTransfer(f.holder.address, to, 10n * CAESAR);
    const sent = await kit(["--json", "caesar", "send", to, "10"]);
    expect(sent.code, sent.stderr).to.equal(0);
    expect(await f.caesar.balanceOf(to)).to.equal(q.net);
    const st = await kit(["--json", "caesar", "status"], undefined);
    expect(st.code, st.stderr).to.equal(0);
    expect(st.json()).to.include({
      supply: (await f.caesar.totalSupply()).toString(),
      accrued: (await f.caesar.accrued()).toString(),
      agents: "0",
    });
    await registerAgent3();
    const shown = await kit(["--json", "caesar", "agent", "status", f.second.address]);
    expect(shown.json()).to.include({ registered: true, region: 1 });
    const file = path.join(f.dir, "p.json");
    fs.writeFileSync(file, await authorize(f.signers[6].address, "1000"));
    const p = await kit(["--json", "caesar", "agent", "process", file], CAESAR_TEST_KEY_3);
    expect(p.code, p.stderr).to.equal(0);
    expect(p.json()).to.include({ action: "process", processed: 1 });
    await f.distributor.distribute();
    const epoch = await f.distributor.currentEpoch();
    await time.increaseTo(await f.distributor.claimOpensAt(epoch));
    const claimable = await f.distributor.claimable(f.second.address, epoch);
    const c = await kit(["--json", "caesar", "agent", "claim", String(epoch)], CAESAR_TEST_KEY_3);
    expect(c.code, c.stderr).to.equal(0);
    expect(c.json().amount).to.equal(claimable.toString());
    const all = await kit(["--json", "caesar", "send-all", to], CAESAR_TEST_KEY_3);
    expect(all.code, all.stderr).to.equal(0);
    expect(await f.caesar.balanceOf(f.second.address)).to.equal(0n);
  });

  it("bad input exits 2: an address, an amount, a date, a region", async () => {
    for (const args of [
      ["caesar", "transfer", "0x1234", "1"],
      ["caesar", "transfer", f.second.address, "1.2.3"],
      ["caesar", "balance", f.holder.address, "--at", "next week"],
      ["caesar", "agent", "register", "1", "--region", "70000"],
    ]) {
      const r = await kit(args);
      expect(r.code, args.join(" ")).to.equal(EXIT_USAGE);
    }
  });

  it("an agent without enough stake: the decoded error names it", async () => {
    const r = await kit(["caesar", "agent", "register", "1", "--region", "1"], CAESAR_TEST_KEY_3);
    expect(r.code).to.equal(EXIT_FAILURE);
    expect(r.stderr).to.contain("CaesarAgentsStakeTooLow");
    expect(await f.caesar.allowance(f.second.address, await f.agents.getAddress())).to.equal(0n);
  });

  it("epoch shows the pot; after the epoch and the report window the agent claims exactly its claimable", async () => {
    await registerAgent3();
    const file = path.join(f.dir, "a.json");
    fs.writeFileSync(file, await authorize(f.signers[6].address, "1000"));
    expect((await kit(["caesar", "relay", file], CAESAR_TEST_KEY_3)).code).to.equal(0);
    expect((await kit(["caesar", "distribute"])).code).to.equal(0);
    const e = await kit(["--json", "caesar", "epoch", "--agent", f.second.address]);
    expect(e.code, e.stderr).to.equal(0);
    const epoch = BigInt(e.json().epoch);
    expect(BigInt(e.json().pot)).to.be.greaterThan(0n);
    await time.increaseTo(await f.distributor.claimOpensAt(epoch));
    const claimable = await f.distributor.claimable(f.second.address, epoch);
    expect(claimable).to.be.greaterThan(0n);
    const c = await kit(["--json", "caesar", "claim", String(epoch)], CAESAR_TEST_KEY_3);
    expect(c.code, c.stderr).to.equal(0);
    expect(c.json().amount).to.equal(claimable.toString());
  });
});

describe("kit caesar wrap / unwrap (in-process, CAESAR preset)", () => {
  const SHARE = 10n ** 21n; // wCAESAR has 21 decimals (offset 3)

  beforeEach(async () => {
    f = await loadFixture(fixture);
  });

  const holderNonce = () => ethers.provider.getTransactionCount(f.holder.address);

  it("wrap --shares mints exactly the shares for previewMint's assets, approved exactly, no allowance left", async () => {
    const shares = 1_234n * SHARE + 5n;
    const assets = await f.wrapper.previewMint(shares);
    const r = await kit(["--json", "caesar", "wrap", String(shares), "--shares"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json()).to.include({ action: "mint", from: f.holder.address });
    expect([r.json().shares, r.json().assets]).to.deep.equal([shares.toString(), assets.toString()]);
    expect(await f.wrapper.balanceOf(f.holder.address)).to.equal(shares);
    expect(await f.caesar.balanceOf(f.holder.address)).to.equal(HOLDER_GENESIS - assets); // index 1.0: no rounding
    expect(await f.caesar.allowance(f.holder.address, await f.wrapper.getAddress())).to.equal(0n);
  });

  it("wrap deposits an amount; 30 days later unwrap --assets pays exactly that CAESAR for previewWithdraw's shares", async () => {
    const w = await kit(["--json", "caesar", "wrap", "1000"]);
    expect(w.code, w.stderr).to.equal(0);
    expect(w.json()).to.include({ action: "deposit", assets: (1000n * CAESAR).toString() });
    const minted = await f.wrapper.balanceOf(f.holder.address);
    expect(w.json().shares).to.equal(minted.toString());
    await time.increase(30 * DAY);
    expect(await f.wrapper.balanceOf(f.holder.address), "shares do not decay").to.equal(minted);
    const assets = 400n * CAESAR + 7n;
    const burned = await f.wrapper.previewWithdraw(assets);
    const baseBefore = await f.caesar.baseOf(f.holder.address);
    const index = await f.caesar.index();
    const r = await kit(["--json", "caesar", "unwrap", String(assets), "--assets", "--wei"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json()).to.include({ action: "withdraw", assets: assets.toString(), shares: burned.toString() });
    expect(await f.wrapper.balanceOf(f.holder.address)).to.equal(minted - burned);
    // The holder is credited floor(assets / index) base units (the wrapper is FeeFree: no fee).
    expect((await f.caesar.baseOf(f.holder.address)) - baseBefore).to.equal((assets * 10n ** 18n) / index);
  });

  it("unwrap <shares> redeems exactly those shares for previewRedeem's assets", async () => {
    expect((await kit(["caesar", "wrap", "10"])).code).to.equal(0);
    const shares = (await f.wrapper.balanceOf(f.holder.address)) / 3n;
    const assets = await f.wrapper.previewRedeem(shares);
    const r = await kit(["--json", "caesar", "unwrap", String(shares)]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json()).to.include({ action: "redeem", assets: assets.toString(), shares: shares.toString() });
  });

  it("a wrap --shares above the balance fails in the pre-flight: decoded, no approval sent, no allowance", async () => {
    const shares = await f.wrapper.previewDeposit(HOLDER_GENESIS);
    const nonce = await holderNonce();
    const r = await kit(["--json", "caesar", "wrap", String(shares + SHARE), "--shares"]);
    expect(r.code).to.equal(EXIT_FAILURE);
    expect(JSON.stringify(r.json().error)).to.contain("ERC20InsufficientBalance");
    expect(await holderNonce(), "nothing was sent").to.equal(nonce);
    expect(await f.caesar.allowance(f.holder.address, await f.wrapper.getAddress())).to.equal(0n);
  });

  it("an unwrap --assets above what the shares are worth is the decoded ERC4626ExceededMaxWithdraw, nothing sent", async () => {
    expect((await kit(["caesar", "wrap", "10"])).code).to.equal(0);
    const max = await f.wrapper.maxWithdraw(f.holder.address);
    const nonce = await holderNonce();
    const r = await kit(["--json", "caesar", "unwrap", String(max + 1n), "--assets", "--wei"]);
    expect(r.code).to.equal(EXIT_FAILURE);
    expect(JSON.stringify(r.json().error)).to.contain("ERC4626ExceededMaxWithdraw");
    expect(await holderNonce()).to.equal(nonce);
  });

  it("bad input exits 2 with one JSON document: zero, fractional shares, --wei without --assets", async () => {
    for (const args of [
      ["caesar", "wrap", "0"],
      ["caesar", "wrap", "0", "--shares"],
      ["caesar", "wrap", "1.5", "--shares"],
      ["caesar", "unwrap", "1.5"],
      ["caesar", "unwrap", "1", "--wei"],
      ["caesar", "unwrap", "0", "--assets"],
    ]) {
      const r = await kit(["--json", ...args]);
      expect(r.code, args.join(" ")).to.equal(EXIT_USAGE);
      expect(Object.keys(r.json()), args.join(" ")).to.deep.equal(["error"]);
      expect(r.json().error.name, args.join(" ")).to.be.a("string");
    }
  });
});

describe("kit caesar agent delegate-votes / delegate-votes-submit (the agents' staked votes)", () => {
  beforeEach(async () => {
    f = await loadFixture(fixture);
  });

  it("delegates directly, and through a signed delegation another account submits", async () => {
    await registerAgent3(); // account #3 stakes 20,000 CAESAR
    const agents = await f.agents.getAddress();
    const d = await kit(["--json", "caesar", "agent", "delegate-votes"], CAESAR_TEST_KEY_3);
    expect(d.code, d.stderr).to.equal(0);
    expect(d.json()).to.include({ action: "delegate", from: f.second.address, delegatee: f.second.address });
    expect(await f.agents.delegates(f.second.address)).to.equal(f.second.address);
    const signed = await kit(
      ["--json", "caesar", "agent", "delegate-votes", f.holder.address, "--sign-only"],
      CAESAR_TEST_KEY_3,
    );
    expect(signed.code, signed.stderr).to.equal(0);
    expect(signed.json()).to.include({ action: "stakedDelegationSigned", staking: agents, owner: f.second.address });
    // Account #2 relays it and pays the gas; the delegation is #3's.
    const sub = await kit(["--json", "caesar", "agent", "delegate-votes-submit", signed.stdout]);
    expect(sub.code, sub.stderr).to.equal(0);
    expect(sub.json()).to.include({ action: "delegateBySig", from: f.holder.address, delegatee: f.holder.address });
    expect(await f.agents.delegates(f.second.address)).to.equal(f.holder.address);
    // Replayed, the nonce is used: decoded, exit 1.
    const again = await kit(["--json", "caesar", "agent", "delegate-votes-submit", signed.stdout]);
    expect(again.code).to.equal(EXIT_FAILURE);
    expect(again.json().error.errorName).to.equal("InvalidAccountNonce");
  });
});

describe("kit agent caesar-processor (in-process, a few ticks)", () => {
  beforeEach(async () => {
    f = await loadFixture(fixture);
  });

  it("relays the queue in one batch, logs skipped ones with reasons, and claims its epoch reward", async () => {
    await registerAgent3();
    const [r1, r2] = [f.signers[7].address, f.signers[8].address];
    const good1 = await authorize(r1, "100");
    const good2 = await authorize(r2, "200");
    const tooCheap = await authorize(r1, "100", ["--max-fee", "0"]);
    const queue = path.join(f.dir, "queue.jsonl");
    fs.writeFileSync(queue, [good1, good2, tooCheap, "not json"].map((s) => s.trim()).join("\n") + "\n");

    const run1 = await kit(["agent", "caesar-processor", "--queue", queue, "--once"], CAESAR_TEST_KEY_3);
    expect(run1.code, run1.stderr).to.equal(0);
    const logs1 = run1.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const events = logs1.map((l) => l.event);
    expect(events).to.include.members(["agent.started", "queue.bad_line", "batch.submitted"]);
    expect(logs1.filter((l) => l.event === "authorization.processed")).to.have.length(2);
    const skipped = logs1.filter((l) => l.event === "authorization.skipped");
    expect(skipped.map((l) => l.reason)).to.deep.equal(["FeeAboveMax"]);
    expect(logs1.find((l) => l.event === "batch.submitted")).to.include({ count: 2, processed: 2 });
    expect(await f.caesar.balanceOf(r1)).to.equal(100n * CAESAR - CAESAR / 10n); // 0.1% fee from the amount
    expect(await f.caesar.balanceOf(r2)).to.equal(200n * CAESAR - CAESAR / 5n);

    // A fresh agent process on the same queue: the used nonces are skipped off-chain, nothing is sent.
    const run2 = await kit(["agent", "caesar-processor", "--queue", queue, "--once"], CAESAR_TEST_KEY_3);
    const logs2 = run2.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(logs2.filter((l) => l.event === "authorization.skipped").map((l) => l.reason)).to.have.members([
      "NonceUsed",
      "NonceUsed",
      "FeeAboveMax",
    ]);
    expect(logs2.some((l) => l.event === "batch.submitted")).to.equal(false);
  });

  it("--queue <dir>: every *.jsonl / *.json file of a directory, one payment per file, other files ignored", async () => {
    await registerAgent3();
    const [r1, r2] = [f.signers[7].address, f.signers[8].address];
    const dir = path.join(f.dir, "queue.d");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "001.json"), (await authorize(r1, "100")).trim());
    fs.writeFileSync(path.join(dir, "002.jsonl"), (await authorize(r2, "200")).trim() + "\nnot json\n");
    fs.writeFileSync(path.join(dir, "notes.txt"), (await authorize(r2, "300")).trim()); // not a queue file
    fs.mkdirSync(path.join(dir, "sub.json")); // a directory with a queue-file name is not read
    const run = await kit(["agent", "caesar-processor", "--queue", dir, "--once"], CAESAR_TEST_KEY_3);
    expect(run.code, run.stderr).to.equal(0);
    const logs = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(logs.find((l) => l.event === "batch.submitted")).to.include({ count: 2, processed: 2 });
    expect(logs.find((l) => l.event === "queue.bad_line")).to.include({ file: path.join(dir, "002.jsonl"), line: 2 });
    expect(await f.caesar.balanceOf(r1)).to.equal(100n * CAESAR - CAESAR / 10n);
    expect(await f.caesar.balanceOf(r2)).to.equal(200n * CAESAR - CAESAR / 5n); // the 300 in notes.txt was not sent
  });

  it("over several ticks (chain time moved between them) it claims the epoch it relayed in", async () => {
    await registerAgent3();
    const queue = path.join(f.dir, "queue.jsonl");
    fs.writeFileSync(queue, (await authorize(f.signers[7].address, "500")).trim() + "\n");
    const { CaesarProcessorAgent, MemoryAuthorizationSource, connectCaesar } = await import("../../../sdk/caesar");
    const { MemoryLogger } = await import("../../../sdk/kit/agents");
    const wallet = new ethers.Wallet(CAESAR_TEST_KEY_3, ethers.provider);
    const source = new MemoryAuthorizationSource();
    source.push(parseAuthorization(fs.readFileSync(queue, "utf8").trim()));
    const log = new MemoryLogger();
    const a = new CaesarProcessorAgent({
      signer: wallet,
      contracts: connectCaesar(f.book, ethers.provider),
      expected: { chainId: f.book.chainId, verifyingContract: await f.processor.getAddress() },
      source,
      log,
    });
    const t1 = await a.tick();
    expect(t1.processed).to.equal(1);
    expect(t1.claimed).to.deep.equal([]);
    await f.distributor.distribute();
    const epoch = await f.distributor.currentEpoch();
    await time.increaseTo(await f.distributor.claimOpensAt(epoch));
    const claimable = await f.distributor.claimable(f.second.address, epoch);
    const t2 = await a.tick();
    expect(t2.submitted).to.equal(0);
    expect(t2.claimed).to.deep.equal([{ epoch, amount: claimable }]);
    const t3 = await a.tick();
    expect(t3.claimed).to.deep.equal([]);
  });
});
