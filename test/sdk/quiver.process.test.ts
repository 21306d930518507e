/**
 * The QUIVer preset against a separate `hardhat node` process over HTTP JSON-RPC: `kit deploy quiver` (a real
 * `kit` process) deploys it through the Ignition module, the address book written from Ignition's journal must
 * hold every id of CONTRACT_IDS, and `kit stake …` / `kit gov …` / `kit emission …` run as processes on it.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { kitProcess } from "../helpers/processRun";
import { JsonRpcProvider, Wallet } from "ethers";
import { buildDelegate, send } from "../../sdk/kit/tx";
import { parseAmount } from "../../sdk/kit/core";
import { loadAddressBook } from "../../sdk/kit/node/deploy";
import { startLocalNode, type LocalNode } from "../../sdk/kit/node/localNode";
import { connectQuiver, CONTRACT_IDS, readPool } from "../../sdk/quiver";

const ROOT = path.resolve(__dirname, "..", "..");
/** Hardhat's public development keys: #0 deploys, #2 (ecosystem, 150M QUIV) stakes, #3 (team, 100M) proposes. */
const DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const ECOSYSTEM_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
const TEAM_KEY = "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";
const ECOSYSTEM = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const TEAM = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

const coverage = Boolean((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING);
const printed: string[] = [];

/** The `kit` CLI as a real process signing with `key` (killed after 120 s). */
const kit = (args: string[], key: string) =>
  kitProcess(args, { env: { KIT_PRIVATE_KEY: key }, timeoutMs: 120_000, outputs: printed });

describe("given the QUIVer preset deployed by `kit deploy quiver` on a hardhat node process", function () {
  this.timeout(180_000);
  let node: LocalNode | undefined;
  let dir: string;
  let provider: JsonRpcProvider;
  let base: string[];

  before(async function () {
    if (coverage) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-quiver-"));
    node = await startLocalNode({ kind: "hardhat", timeoutMs: 120_000 });
    provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
    base = ["--rpc-url", node.url, "--deployments", dir, "--json"];
  });

  after(async () => {
    provider?.destroy();
    await node?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    const all = printed.join("\n").toLowerCase();
    for (const k of [DEPLOYER_KEY, ECOSYSTEM_KEY, TEAM_KEY]) expect(all).to.not.contain(k.slice(2, 22));
  });

  it("deploys through Ignition, and the journal's address book holds every CONTRACT_IDS id", async () => {
    const r = await kit(
      [...base, "deploy", "quiver", "--parameters", "deploy/parameters/quiver.localhost.json"],
      DEPLOYER_KEY,
    );
    expect(r.code, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    expect(out.preset).to.equal("quiver");
    const book = loadAddressBook({ chainId: 31337, deploymentsDir: dir, economy: "quiver" });
    expect(book.contracts).to.deep.equal(out.contracts);
    for (const id of Object.values(CONTRACT_IDS)) expect(book.contracts, id).to.have.property(id);
    const q = connectQuiver(book, provider);
    expect(await q.governor.timelock()).to.equal(q.timelock);
    expect(await q.quiv.balanceOf(await q.treasury.getAddress())).to.equal(parseAmount("150000000"));
  });

  it("`kit stake register/stake` and `kit emission trigger` run as processes", async () => {
    const reg = await kit([...base, "stake", "register", "1000"], ECOSYSTEM_KEY);
    expect(reg.code, reg.stderr).to.equal(0);
    const st = await kit([...base, "stake", "stake", "10000"], ECOSYSTEM_KEY);
    expect(st.code, st.stderr).to.equal(0);
    expect(JSON.parse(st.stdout)).to.include({ action: "stake", amount: parseAmount("10000").toString() });
    const tr = await kit([...base, "emission", "trigger"], TEAM_KEY);
    expect(tr.code, tr.stderr).to.equal(0);
    const t = JSON.parse(tr.stdout);
    expect(BigInt(t.toStaking) + BigInt(t.toTreasury) + BigInt(t.toEcosystem)).to.equal(BigInt(t.amount));
    const book = loadAddressBook({ chainId: 31337, deploymentsDir: dir, economy: "quiver" });
    const pool = await readPool(connectQuiver(book, provider).staking, ECOSYSTEM);
    expect([pool.bondedTokens, pool.tier]).to.deep.equal([parseAmount("10000"), 2]);
  });

  it("`kit gov propose/list` run as processes; a bad type exits 2", async () => {
    // The SDK over the same node activates the team's votes (the CLI path of `token delegate` is tested elsewhere).
    const book = loadAddressBook({ chainId: 31337, deploymentsDir: dir, economy: "quiver" });
    const team = new Wallet(TEAM_KEY, provider);
    await send(team, buildDelegate(book.contracts[CONTRACT_IDS.quiv], TEAM));
    const args = [
      "gov",
      "propose",
      "--description",
      "Raise the treasury fee",
      "--param",
      "quiver.market.treasuryFeeBps=250",
    ];
    const bad = await kit([...base, ...args, "--type", "party"], TEAM_KEY);
    expect(bad.code).to.equal(2);
    expect(JSON.parse(bad.stdout).error.message).to.contain("unknown proposal type");
    const pr = await kit([...base, ...args, "--type", "economic"], TEAM_KEY);
    expect(pr.code, pr.stderr).to.equal(0);
    const { proposalId, description } = JSON.parse(pr.stdout);
    expect(description).to.equal(`Raise the treasury fee#proposer=${TEAM}`);
    const list = await kit([...base, "gov", "list"], "");
    expect(list.code, list.stderr).to.equal(0);
    expect(
      JSON.parse(list.stdout).map((p: { id: string; stateName: string; typeName: string }) => [
        p.id,
        p.stateName,
        p.typeName,
      ]),
    ).to.deep.equal([[proposalId, "Pending", "EconomicParameter"]]);
  });
});
