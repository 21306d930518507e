/**
 * The SDK and the CLI against separate node processes over HTTP JSON-RPC: `hardhat node` and anvil (an
 * independent implementation, so nothing may depend on Hardhat-only RPC methods). Each suite deploys the
 * Foundation through its Ignition module with the CLI's `deploy` command (a real `kit` process), then runs
 * token actions through the CLI and the SDK. A last suite checks the `sepolia` network entry of
 * hardhat.config.ts against an anvil node that serves chain id 11155111.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { kitProcess, runProcess } from "../helpers/processRun";
import { JsonRpcProvider, Wallet, ZeroAddress } from "ethers";
import { ContractRevertError, formatAmount, parseAmount } from "../../sdk/kit/core";
import { readAccount, readTokenInfo, readTransfers } from "../../sdk/kit/chain";
import { signPermit, buildBurn, buildDelegate, buildPermit, buildTransfer, send } from "../../sdk/kit/tx";
import { loadAddressBook, readDeploymentParameters } from "../../sdk/kit/node/deploy";
import { startLocalNode, type LocalNode } from "../../sdk/kit/node/localNode";
import { QUIV_CAP, connectFoundation } from "../../sdk/quiver";

const ROOT = path.resolve(__dirname, "..", "..");
/** Hardhat's and anvil's shared development keys (public test keys). */
const KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
] as const;
const ECOSYSTEM = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"; // account #2, genesis 150M
const GENESIS_TREASURY = parseAmount("150000000");

const printed: string[] = [];
/** Under `hardhat coverage` these suites add nothing (the nodes run uninstrumented) and only cost time. */
const coverage = Boolean((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING);

/** Runs a command to completion (killed after `timeoutMs`). */
const run = (cmd: string, args: string[], env: Record<string, string>, timeoutMs = 90_000) =>
  runProcess(cmd, args, { env, timeoutMs, outputs: printed });

/** The `kit` CLI as a real process, through its package.json bin shim. */
const kit = (args: string[], env: Record<string, string> = {}) =>
  kitProcess(args, { env, timeoutMs: 90_000, outputs: printed });

for (const kind of ["hardhat", "anvil"] as const) {
  describe(`given a ${kind} node over HTTP JSON-RPC`, function () {
    this.timeout(180_000);
    let node: LocalNode | undefined;
    let dir: string;
    let provider: JsonRpcProvider;

    before(async function () {
      if (coverage) this.skip();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), `kit-${kind}-`));
      node = await startLocalNode({ kind, timeoutMs: 120_000 });
      provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
    });

    after(async () => {
      provider?.destroy();
      await node?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("`kit deploy` deploys the QUIVer preset on its Kit stack through Ignition and writes the address book", async () => {
      // The QUIVer parameters with the genesis of deploy/parameters/localhost.json (accounts #1-#3), none to the Treasury.
      const quiver = JSON.parse(
        fs.readFileSync(path.join(ROOT, "deploy", "parameters", "quiver.localhost.json"), "utf8"),
      );
      const local = JSON.parse(fs.readFileSync(path.join(ROOT, "deploy", "parameters", "localhost.json"), "utf8"));
      Object.assign(quiver.Kit, local.Foundation);
      quiver.Quiver.treasuryGenesis = "0n";
      const params = path.join(dir, "quiver-genesis-1-3.json");
      fs.writeFileSync(params, JSON.stringify(quiver));
      const r = await kit(
        ["--rpc-url", node!.url, "--deployments", dir, "--json", "deploy", "quiver", "--parameters", params],
        { KIT_PRIVATE_KEY: KEYS[0] },
      );
      expect(r.code, r.stderr).to.equal(0);
      const out = JSON.parse(r.stdout);
      expect(out.chainId).to.equal("31337");
      expect(Object.keys(out.contracts)).to.include.members([
        "Kit#ParameterRegistry",
        "Kit#QuivToken",
        "Kit#EconomyGovernor",
      ]);
      const book = loadAddressBook({ chainId: 31337, deploymentsDir: dir, economy: "quiver" });
      expect(book.contracts).to.deep.equal(out.contracts);
      const info = await readTokenInfo(connectFoundation(book, provider).quiv);
      expect([info.totalSupply, info.cap]).to.deep.equal([parseAmount("400000000"), QUIV_CAP]);
    });

    it("`kit status` and `kit token transfer` work as processes, with --json", async () => {
      const base = ["--rpc-url", node!.url, "--deployments", dir, "--json"];
      const t = await kit([...base, "token", "transfer", ECOSYSTEM, "250.5"], { KIT_PRIVATE_KEY: KEYS[1] });
      expect(t.code, t.stderr).to.equal(0);
      expect(JSON.parse(t.stdout)).to.include({
        action: "transfer",
        to: ECOSYSTEM,
        amount: parseAmount("250.5").toString(),
      });
      const s = await kit([...base, "status"], { KIT_PRIVATE_KEY: KEYS[1] });
      expect(s.code, s.stderr).to.equal(0);
      const status = JSON.parse(s.stdout);
      expect(status.accounts[0].balance).to.equal((GENESIS_TREASURY - parseAmount("250.5")).toString());
      expect(status.token.totalMinted).to.equal(parseAmount("400000000").toString());
      const bad = await kit([...base, "token", "burn", "-1"], { KIT_PRIVATE_KEY: KEYS[1] });
      expect(bad.code).to.equal(2);
      expect(JSON.parse(bad.stdout).error.message).to.contain("must not be negative");
    });

    it("the SDK transfers, delegates, burns and permits over JSON-RPC, and decodes reverts", async () => {
      const book = loadAddressBook({ chainId: 31337, deploymentsDir: dir, economy: "quiver" });
      const { quiv } = connectFoundation(book, provider);
      const token = await quiv.getAddress();
      const eco = new Wallet(KEYS[2], provider);
      const treasury = new Wallet(KEYS[1], provider);
      await send(eco, buildTransfer(token, treasury.address, parseAmount("0.5")));
      await send(eco, buildDelegate(token, eco.address));
      await send(eco, buildBurn(token, parseAmount("1000")));
      const a = await readAccount(quiv, eco.address);
      const expected = parseAmount("150000000") + parseAmount("250.5") - parseAmount("0.5") - parseAmount("1000");
      expect([a.balance, a.votes, a.delegate]).to.deep.equal([expected, expected, eco.address]);
      const deadline = BigInt((await provider.getBlock("latest"))!.timestamp) + 3_600n;
      const permit = await signPermit(eco, token, { spender: treasury.address, value: 5n, deadline });
      await send(treasury, buildPermit(token, permit));
      expect(await quiv.allowance(eco.address, treasury.address)).to.equal(5n);
      const err = (await send(eco, buildTransfer(token, ZeroAddress, 1n)).catch(
        (e: unknown) => e,
      )) as ContractRevertError;
      expect(err).to.be.instanceOf(ContractRevertError);
      expect(err.errorName).to.equal("ERC20InvalidReceiver");
      // Concurrent sends from one local wallet race for the nonce; each must land exactly once (SDK-05).
      const before = await quiv.balanceOf(treasury.address);
      const receipts = await Promise.all([1n, 2n, 3n].map((i) => send(eco, buildTransfer(token, treasury.address, i))));
      expect(new Set(receipts.map((r) => r.hash)).size).to.equal(3);
      expect(await quiv.balanceOf(treasury.address)).to.equal(before + 6n);
      const burns = await readTransfers(quiv, { to: ZeroAddress }, { chunkSize: 2 });
      expect(burns.map((b) => b.value)).to.deep.equal([parseAmount("1000")]);
    });

    it("the README SDK example runs against the node through the package exports", async () => {
      const r = await run(
        process.execPath,
        // The package paths resolve to the sources in the repo through the exports' source condition.
        [
          "--conditions=economy-kit-source",
          require.resolve("ts-node/dist/bin"),
          "--transpile-only",
          "sdk/examples/quickstart.ts",
        ],
        { RPC_URL: node!.url, KIT_PRIVATE_KEY: KEYS[1], KIT_DEPLOYMENTS_DIR: dir },
      );
      expect(r.code, r.stderr).to.equal(0);
      const balance = GENESIS_TREASURY - parseAmount("250.5") + parseAmount("0.5") + 6n - parseAmount("12.5");
      expect(r.stdout.trim()).to.equal(`balance ${formatAmount(balance)} QUIV, votes ${formatAmount(balance)} QUIV`);
    });
  });
}

describe("given the sepolia network entry of hardhat.config.ts, pointed at a local anvil with chain id 11155111", function () {
  // A whole Ignition deployment in a separate process: slow when another test worker shares the cores.
  this.timeout(360_000);
  let node: LocalNode | undefined;
  let dir: string;
  const deploymentId = `kit-sdk-test-${process.pid}`;
  const deploymentDir = path.join(ROOT, "deploy", "deployments", deploymentId);

  before(async function () {
    if (coverage) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-sepolia-"));
    node = await startLocalNode({ kind: "anvil", chainId: 11_155_111, timeoutMs: 60_000 });
  });

  after(async () => {
    await node?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(deploymentDir, { recursive: true, force: true });
  });

  it("deploy/parameters/quiver.sepolia.json is a QUIVer preset parameters file (Kit and Quiver blocks)", () => {
    const p = readDeploymentParameters(path.join(ROOT, "deploy", "parameters", "quiver.sepolia.json"));
    const k = p.Kit as { genesisRecipients: string[]; genesisAmounts: bigint[] };
    expect(k.genesisRecipients.length).to.equal(k.genesisAmounts.length);
    expect(p.Quiver).to.have.property("ecosystem");
    expect(p.Quiver).to.have.property("growthFeed"); // the live module's feed: no mock on a public chain
  });

  it("`npx hardhat ignition deploy --network sepolia` reads SEPOLIA_RPC_URL and DEPLOYER_PRIVATE_KEY from hardhat vars", async () => {
    // The QUIVer preset (Kit stack + economy) with a genesis of 1,000 QUIV to one account and none to the Treasury.
    const quiver = JSON.parse(fs.readFileSync(path.join(ROOT, "deploy", "parameters", "quiver.sepolia.json"), "utf8"));
    Object.assign(quiver.Kit, { genesisRecipients: [ECOSYSTEM], genesisAmounts: ["1000000000000000000000n"] });
    quiver.Quiver.treasuryGenesis = "0n";
    // The live module reads the growth feed's address (a real AggregatorV3 on a testnet; here one deployed first).
    const rpc = new JsonRpcProvider(node!.url, undefined, { staticNetwork: true });
    try {
      const factory = await hre.ethers.getContractFactory("MockAggregatorV3", new Wallet(KEYS[0], rpc));
      const feed = await (await factory.deploy(8, 10n ** 8n)).waitForDeployment();
      quiver.Quiver.growthFeed = await feed.getAddress();
    } finally {
      rpc.destroy();
    }
    const params = path.join(dir, "sepolia-test.json");
    fs.writeFileSync(params, JSON.stringify(quiver));
    const r = await run(
      path.join(ROOT, "node_modules", ".bin", "hardhat"),
      [
        "ignition",
        "deploy",
        "deploy/modules/QuiverLive.ts",
        "--network",
        "sepolia",
        "--parameters",
        params,
        "--deployment-id",
        deploymentId,
      ],
      {
        HARDHAT_VAR_SEPOLIA_RPC_URL: node!.url,
        HARDHAT_VAR_DEPLOYER_PRIVATE_KEY: KEYS[0],
        HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "true",
        KIT_IGNITION_POLLING_MS: "50", // anvil automines: no need to wait a second per batch
      },
      300_000,
    );
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const book = loadAddressBook({ chainId: 11_155_111, deploymentsDir: path.dirname(deploymentDir), deploymentId });
    expect(Object.keys(book.contracts)).to.include.members([
      "Kit#QuivToken",
      "Kit#EconomyGovernor",
      "Quiver#QuiverMetrics",
    ]);

    // The CLI's `--network sepolia` reads the same variable and checks the chain id.
    const s = await kit(
      [
        "--network",
        "sepolia",
        "--json",
        "--address-book",
        path.join(deploymentDir, "deployed_addresses.json"),
        "status",
        "--account",
        ECOSYSTEM,
      ],
      { HARDHAT_VAR_SEPOLIA_RPC_URL: node!.url },
    );
    expect(s.code, s.stderr).to.equal(0);
    const status = JSON.parse(s.stdout);
    expect(status.chainId).to.equal("11155111");
    expect(status.accounts[0].balance).to.equal(parseAmount("1000").toString());

    // `kit deploy` to a non-local chain needs --yes when nobody can be asked.
    const d = await kit(["--network", "sepolia", "--deployments", dir, "deploy"], {
      HARDHAT_VAR_SEPOLIA_RPC_URL: node!.url,
      KIT_PRIVATE_KEY: KEYS[0],
    });
    expect(d.code).to.equal(2);
    expect(d.stderr).to.contain("needs --yes");
  });

  it("`kit deploy` refuses the example testnet parameters of every preset: placeholder addresses, nothing sent", async () => {
    const rpc = new JsonRpcProvider(node!.url, undefined, { staticNetwork: true });
    try {
      const from = new Wallet(KEYS[0]).address;
      const nonce = await rpc.getTransactionCount(from);
      for (const preset of ["quiver", "caesar", "bpci"]) {
        const d = await kit(["--network", "sepolia", "--deployments", dir, "--json", "deploy", preset, "--yes"], {
          HARDHAT_VAR_SEPOLIA_RPC_URL: node!.url,
          KIT_PRIVATE_KEY: KEYS[0],
        });
        expect(d.code, `${preset}: ${d.stderr}`).to.equal(2);
        const error = JSON.parse(d.stdout).error;
        expect(error.message, preset).to.contain("placeholder address");
        expect(error.details.placeholders, preset).to.not.be.empty;
      }
      expect(await rpc.getTransactionCount(from)).to.equal(nonce);
    } finally {
      rpc.destroy();
    }
  });

  it("the CLI refuses a node whose chain id is not the named network's", async () => {
    const other = await startLocalNode({ kind: "anvil" });
    try {
      const r = await kit(["--network", "sepolia", "status"], { SEPOLIA_RPC_URL: other.url });
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain("serves chain 31337, not sepolia");
    } finally {
      await other.stop();
    }
  });

  it("no private key appeared in any process output", () => {
    const all = printed.join("\n").toLowerCase();
    for (const k of KEYS) expect(all).to.not.contain(k.slice(2));
  });
});
