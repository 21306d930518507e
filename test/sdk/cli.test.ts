import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers, network } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { BrowserProvider, Wallet, encryptKeystoreJsonSync } from "ethers";
import { deployFoundation, GENESIS, QUIV } from "../quiver/fixtures/foundation";
import { runCli, EXIT_USAGE, EXIT_FAILURE } from "../../sdk/cli/main";
import { kitRunner } from "../helpers/kitCli";
import { QUIVER_PARAMETERS, QUIV_CAP } from "../../sdk/quiver";

/** Hardhat's well-known key of account #1 (the fixture's treasury): a dummy that must never be printed. */
const TREASURY_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const ALICE = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"; // account #4

const outputs: string[] = [];

async function fixture() {
  const f = await deployFoundation();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-cli-"));
  const book = path.join(dir, "addresses.json");
  fs.writeFileSync(
    book,
    JSON.stringify({
      "Kit#QuivToken": await f.quiv.getAddress(),
      "Kit#ParameterRegistry": await f.registry.getAddress(),
    }),
  );
  return { ...f, dir, book };
}

let f: Awaited<ReturnType<typeof fixture>>;

const { kit: run } = kitRunner({ book: () => f.book, outputs });
const kit = (args: string[], env: Record<string, string | undefined> = { KIT_PRIVATE_KEY: TREASURY_KEY }) =>
  run(args, null, { env });

describe("kit CLI (in-process chain)", () => {
  beforeEach(async () => {
    f = await loadFixture(fixture);
  });

  after(() => {
    fs.rmSync(f.dir, { recursive: true, force: true });
    // No private key ever appears in any output of this suite (every command ran with a known dummy key).
    const all = outputs.join("\n").toLowerCase();
    expect(outputs.length).to.be.greaterThan(40);
    expect(all).to.not.contain(TREASURY_KEY.slice(2).toLowerCase());
    expect(all).to.not.contain(TREASURY_KEY.slice(2, 20).toLowerCase());
  });

  describe("--json output of every command parses", () => {
    it("status", async () => {
      const r = await kit(["--json", "status", "--account", ALICE]);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stderr).to.equal("");
      const j = r.json();
      const { treasury } = f;
      expect(j.chainId).to.equal("31337");
      expect(j.token.totalSupply).to.equal((GENESIS.treasury + GENESIS.ecosystem + GENESIS.team).toString());
      expect(j.token.cap).to.equal(QUIV_CAP.toString());
      expect(j.token.remainingMintable).to.equal((QUIV_CAP - 400_000_000n * QUIV).toString());
      expect(j.parameterCount).to.equal(QUIVER_PARAMETERS.length.toString());
      expect(j.accounts).to.deep.equal([
        { address: ALICE, balance: "0", votes: "0", delegate: ethers.ZeroAddress, nonce: "0" },
      ]);
      const mine = (await kit(["--json", "status"])).json();
      expect(mine.accounts.map((a: { address: string }) => a.address)).to.deep.equal([treasury.address]);
      expect(mine.accounts[0].balance).to.equal(GENESIS.treasury.toString());
    });

    it("token info / balance / votes", async () => {
      const info = await kit(["--json", "token", "info"]);
      expect(info.json().symbol).to.equal("QUIV");
      const bal = await kit(["--json", "token", "balance"]);
      expect(bal.json().balance).to.equal(GENESIS.treasury.toString());
      const votes = await kit(["--json", "token", "votes", ALICE]);
      expect(votes.json()).to.deep.equal({ address: ALICE, votes: "0", delegate: ethers.ZeroAddress });
    });

    it("token transfer / approve / delegate / burn change state by the exact amounts", async () => {
      const { quiv, treasury } = f;
      const t = await kit(["--json", "token", "transfer", ALICE, "12.5"]);
      expect(t.code, t.stderr).to.equal(0);
      expect(t.json()).to.include({
        action: "transfer",
        from: treasury.address,
        to: ALICE,
        amount: ((125n * QUIV) / 10n).toString(),
      });
      expect(t.json().hash).to.match(/^0x[0-9a-f]{64}$/);
      const w = await kit(["--json", "token", "transfer", ALICE, "7", "--wei"]);
      expect(w.json().amount).to.equal("7");
      expect(await quiv.balanceOf(ALICE)).to.equal((125n * QUIV) / 10n + 7n);

      const a = await kit(["--json", "token", "approve", ALICE, "3"]);
      expect(a.json()).to.include({ action: "approve", spender: ALICE, amount: (3n * QUIV).toString() });
      expect(await quiv.allowance(treasury.address, ALICE)).to.equal(3n * QUIV);

      const d = await kit(["--json", "token", "delegate"]);
      expect(d.json()).to.include({ action: "delegate", delegatee: treasury.address });
      const v = await kit(["--json", "token", "votes"]);
      expect(v.json().votes).to.equal((await quiv.balanceOf(treasury.address)).toString());

      const before = await quiv.totalSupply();
      const b = await kit(["--json", "token", "burn", "1"]);
      expect(b.json()).to.include({ action: "burn", amount: QUIV.toString() });
      expect(await quiv.totalSupply()).to.equal(before - QUIV);
      expect(await quiv.totalMinted()).to.equal(400_000_000n * QUIV); // a burn never reopens the cap
    });

    it("params list / get", async () => {
      const list = await kit(["--json", "params", "list"]);
      expect(list.json().map((p: { name: string }) => p.name)).to.deep.equal(QUIVER_PARAMETERS.map((s) => s.name));
      const get = await kit(["--json", "params", "get", "quiver.staking.unbondingPeriod"]);
      expect(get.json()).to.include({ name: "quiver.staking.unbondingPeriod", value: "1209600", unit: "seconds" });
    });

    it("text output is human readable", async () => {
      const r = await kit(["status"]);
      expect(r.stdout).to.contain("cap       1000000000 QUIV");
      const p = await kit(["params", "get", "quiver.staking.maxSlashBps"]);
      expect(p.stdout).to.match(/quiver\.staking\.maxSlashBps\s+5000 bps/);
      const t = await kit(["token", "transfer", ALICE, "1"]);
      expect(t.stderr).to.contain("… transfer 1 QUIV").and.contain("✔ transfer 1 QUIV");
    });
  });

  describe("when the input is bad", () => {
    const cases: [string, string[], RegExp][] = [
      ["a negative amount", ["token", "transfer", ALICE, "-5"], /must not be negative/],
      ["a negative wei amount", ["token", "burn", "-1", "--wei"], /not a non-negative integer/],
      ["scientific notation", ["token", "burn", "1e18"], /not a plain decimal/],
      ["too many decimals", ["token", "approve", ALICE, "0.0000000000000000001"], /more than 18 decimals/],
      ["a bad checksum", ["token", "transfer", "0x15d34aAf54267DB7D7c367839AAf71A00a2C6A65", "1"], /bad checksum/],
      ["a short address", ["token", "balance", "0x1234"], /not a 0x-prefixed 20-byte/],
      ["an unknown network", ["--network", "mainnet", "status"], /unknown network "mainnet"/],
      ["an unknown parameter", ["params", "get", "nope"], /unknown parameter "nope"/],
      ["an unknown command", ["frobnicate"], /unknown command/],
      ["a missing argument", ["token", "transfer", ALICE], /missing required argument/],
      ["a missing keystore", ["--keystore", "/nonexistent.json", "token", "burn", "1"], /keystore not found/],
      ["an unknown preset", ["deploy", "quiver-full"], /unknown preset "quiver-full"/],
      ["a bad RPC URL", ["--rpc-url", "localhost:8545", "deploy"], /not an http\(s\)\/ws\(s\) URL/],
    ];
    for (const [what, args, message] of cases) {
      it(`${what}: a clear message and exit code ${EXIT_USAGE}`, async () => {
        const r = await kit(args);
        expect(r.code).to.equal(EXIT_USAGE);
        expect(r.stderr).to.match(message);
        expect(r.stdout).to.not.match(/transferred|burned|approved/);
      });
    }

    it("a signing command without a key says how to configure one", async () => {
      const r = await kit(["token", "burn", "1"], {});
      expect(r.code).to.equal(EXIT_USAGE);
      expect(r.stderr).to.contain("set KIT_PRIVATE_KEY or pass --keystore");
    });

    it("a malformed key is rejected without echoing it", async () => {
      const bad = "0x1234567890abcdef1234567890abcdef";
      const r = await kit(["token", "burn", "1"], { KIT_PRIVATE_KEY: bad });
      expect(r.code).to.equal(EXIT_USAGE);
      expect(r.stderr).to.contain("KIT_PRIVATE_KEY is not a valid");
      expect(r.stderr + r.stdout).to.not.contain("1234567890abcdef");
    });

    it("a revert exits 1 with the decoded error, in text and in --json", async () => {
      const r = await kit(["token", "transfer", ALICE, "999999999"]);
      expect(r.code).to.equal(EXIT_FAILURE);
      expect(r.stderr).to.contain(
        `error: CappedVotesToken reverted: ERC20InsufficientBalance(sender ${f.treasury.address}, balance 150000000 QUIV, needed 999999999 QUIV)`,
      );
      const j = await kit(["--json", "token", "burn", "999999999"]);
      expect(j.code).to.equal(EXIT_FAILURE);
      // --json: stdout is exactly one JSON document, the error included; stderr keeps the line for a person.
      expect(j.stdout.trim().split("\n")).to.have.length(1);
      const body = JSON.parse(j.stdout);
      expect(body.error.errorName).to.equal("ERC20InsufficientBalance");
      expect(body.error.name).to.equal("ContractRevertError");
      expect(body.error.message).to.be.a("string");
      expect(body.error.details).to.be.an("object");
      expect(j.stderr).to.match(/^error: .*ERC20InsufficientBalance/);
    });

    it("with --json, every bad input is one JSON error document on stdout and exit 2", async () => {
      const cases = [
        ["frobnicate"],
        ["token", "transfer", ALICE],
        ["token", "transfer", ALICE, "-5"],
        ["token", "balance", "--nope"],
        ["--network", "mainnet", "status"],
        ["params", "get", "nope"],
      ];
      for (const args of cases) {
        const r = await kit(["--json", ...args]);
        expect(r.code, args.join(" ")).to.equal(EXIT_USAGE);
        expect(r.stdout.trim().split("\n"), args.join(" ")).to.have.length(1);
        const { error } = JSON.parse(r.stdout);
        expect(Object.keys(error).slice(0, 3), args.join(" ")).to.deep.equal(["name", "message", "details"]);
        expect(error.name).to.be.oneOf(["UsageError", "InvalidArgumentError"]);
        expect(error.message).to.not.match(/^error:/);
        expect(r.stderr).to.contain(error.message);
      }
      const usage = JSON.parse((await kit(["--json", "frobnicate"])).stdout).error;
      expect(usage).to.deep.equal({
        name: "UsageError",
        message: "unknown command 'frobnicate'",
        details: { code: "commander.unknownCommand" },
      });
    });

    it("--help exits 0", async () => {
      const r = await kit(["token", "--help"]);
      expect(r.code).to.equal(0);
      expect(r.stdout).to.contain("transfer");
    });
  });

  describe("given a stale address book (contracts with no code on this chain)", () => {
    it("every command says which deployment is stale and how to fix it (exit 1), and nothing is sent", async () => {
      const { dir, quiv, treasury } = f;
      const stale = path.join(dir, "stale.json");
      const nowhere = "0x00000000000000000000000000000000DeaDBeef";
      fs.writeFileSync(
        stale,
        JSON.stringify({ "Kit#QuivToken": nowhere, "Kit#ParameterRegistry": await f.registry.getAddress() }),
      );
      const before = await quiv.balanceOf(treasury.address);
      for (const args of [["status"], ["token", "transfer", ALICE, "1"], ["token", "info"], ["params", "list"]]) {
        const r = await kit(["--address-book", stale, ...args]);
        expect(r.code, args.join(" ")).to.equal(EXIT_FAILURE);
        expect(r.stderr).to.contain(
          `error: stale deployment: 1 of 2 contracts of ${stale} have no code on chain 31337 (Kit#QuivToken at ${nowhere})`,
        );
        expect(r.stderr).to.contain(`update ${stale} or redeploy (\`kit deploy quiver --reset\`)`);
        expect(r.stdout).to.equal("");
      }
      const j = await kit(["--json", "--address-book", stale, "token", "transfer", ALICE, "1"]);
      expect(j.code).to.equal(EXIT_FAILURE);
      const { error } = JSON.parse(j.stdout);
      expect(error.name).to.equal("StaleDeploymentError");
      expect(error.details).to.deep.include({ source: stale, chainId: "31337", missing: { "Kit#QuivToken": nowhere } });
      expect(await quiv.balanceOf(treasury.address)).to.equal(before);
    });

    it("a deployments directory whose journal is stale names the directory's file and suggests --reset", async () => {
      const deployments = path.join(f.dir, "deployments");
      fs.mkdirSync(path.join(deployments, "chain-31337"), { recursive: true });
      const file = path.join(deployments, "chain-31337", "deployed_addresses.json");
      fs.writeFileSync(file, JSON.stringify({ "Kit#QuivToken": "0x000000000000000000000000000000000000bEEF" }));
      let stderr = "";
      const code = await runCli(["node", "kit", "--deployments", deployments, "token", "info"], {
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        env: {},
        isTTY: false,
        provider: new BrowserProvider(network.provider as never),
      });
      outputs.push(stderr);
      expect(code).to.equal(EXIT_FAILURE);
      expect(stderr).to.contain(`stale deployment: 1 of 1 contracts of ${file} have no code on chain 31337`);
      expect(stderr).to.contain("redeploy (`kit deploy quiver --reset`) or point --deployments / --address-book");
    });
  });

  describe("given a keystore", () => {
    it("signs with it (password from the environment) and never prints the key or password", async () => {
      const { dir, quiv } = f;
      const w = new Wallet(TREASURY_KEY);
      const file = path.join(dir, "keystore.json");
      fs.writeFileSync(
        file,
        encryptKeystoreJsonSync({ address: w.address, privateKey: w.privateKey }, "s3cret-pass", {
          scrypt: { N: 1 << 10 },
        }),
      );
      const r = await kit(["--json", "--keystore", file, "token", "transfer", ALICE, "2"], {
        KIT_KEYSTORE_PASSWORD: "s3cret-pass",
      });
      expect(r.code, r.stderr).to.equal(0);
      expect(await quiv.balanceOf(ALICE)).to.equal(2n * QUIV);
      const wrong = await kit(["--keystore", file, "token", "burn", "1"], { KIT_KEYSTORE_PASSWORD: "wrong" });
      expect(wrong.code).to.equal(EXIT_USAGE);
      expect(wrong.stderr).to.contain("cannot decrypt keystore");
      expect(wrong.stderr + r.stdout + r.stderr).to.not.contain("s3cret-pass");
    });
  });
});
