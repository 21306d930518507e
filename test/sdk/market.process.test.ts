/**
 * The market SDK and CLI against separate node processes over HTTP JSON-RPC: `hardhat node` and anvil. Each suite
 * deploys the QUIVer preset through its Ignition module with `kit deploy quiver` (a real `kit` process), checks the
 * SDK's address-book ids against the Ignition journal, then runs one job (post, commit, reveal, accept, submit,
 * confirm) and one channel (open, voucher, verify, collect, close) with the steps alternating between the SDK and
 * CLI processes (the CLI reveals the bid the SDK committed, through the shared salt store). The bid and reveal
 * windows pass with `evm_increaseTime` + `evm_mine`, which both nodes implement.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { kitProcess } from "../helpers/processRun";
import { HDNodeWallet, JsonRpcProvider, MaxUint256, NonceManager, Wallet } from "ethers";
import { parseAmount } from "../../sdk/kit/core";
import { splitPayment } from "../../sdk/quiver/core/market";
import { addressOf, type AddressBook } from "../../sdk/kit/chain";
import { loadAddressBook } from "../../sdk/kit/node/deploy";
import { ensureAllowance, send } from "../../sdk/kit/tx";
import { parseVoucher, serializeVoucher } from "../../sdk/quiver/core/voucher";
import { startLocalNode, type LocalNode } from "../../sdk/kit/node/localNode";
import {
  channelsDeployment,
  connectQuiver,
  CONTRACT_IDS,
  readChannel,
  readJob,
  readReceipt,
  buildAccept,
  commitBid,
  buildJobAction,
  openChannel,
  buildVoucherRedeem,
  signChannelVoucher,
  verifyChannelVoucher,
} from "../../sdk/quiver";
import { JsonFileStore } from "../../sdk/kit/node/store";
import { TOKEN as Q } from "../helpers/units";

const ROOT = path.resolve(__dirname, "..", "..");
const MNEMONIC = "test test test test test test test test test test test junk";
/** The shared development keys of hardhat node and anvil (public test keys). */
const key = (i: number) => HDNodeWallet.fromPhrase(MNEMONIC, undefined, `m/44'/60'/0'/0/${i}`).privateKey;
const DEPLOYER = key(0);
const ECOSYSTEM = key(2); // genesis 150M in quiver.localhost.json
const PROVIDER = key(8); // anvil funds accounts #0..#9 only
const CONSUMER = key(9);

const printed: string[] = [];
const coverage = Boolean((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING);

/** The `kit` CLI as a real process (killed after 120 s). */
const kit = (args: string[], env: Record<string, string> = {}) =>
  kitProcess(args, { env, timeoutMs: 120_000, outputs: printed });

for (const kind of ["hardhat", "anvil"] as const) {
  describe(`market SDK and CLI on a ${kind} node over HTTP JSON-RPC`, function () {
    this.timeout(180_000);
    let node: LocalNode | undefined;
    let dir: string;
    let provider: JsonRpcProvider;
    let book: AddressBook;
    let base: string[];
    const env = (k: string) => ({ KIT_PRIVATE_KEY: k, KIT_SALT_STORE: path.join(dir, "salts.json") });
    const warp = async (seconds: bigint) => {
      await provider.send("evm_increaseTime", [Number(seconds)]);
      await provider.send("evm_mine", []);
    };
    const cli = async (args: string[], k: string) => {
      const r = await kit([...base, "--json", ...args], env(k));
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).to.equal(0);
      return JSON.parse(r.stdout);
    };

    before(async function () {
      if (coverage) this.skip();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), `kit-market-${kind}-`));
      node = await startLocalNode({ kind, timeoutMs: 120_000 });
      provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
      base = ["--rpc-url", node.url, "--deployments", dir];
    });

    after(async () => {
      provider?.destroy();
      await node?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("`kit deploy quiver` deploys the preset through Ignition; every SDK id is in the journal", async () => {
      const r = await kit(
        [...base, "--json", "deploy", "quiver", "--parameters", "deploy/parameters/quiver.localhost.json"],
        { KIT_PRIVATE_KEY: DEPLOYER },
      );
      expect(r.code, r.stderr).to.equal(0);
      const journal = JSON.parse(
        fs.readFileSync(path.join(dir, "quiver-chain-31337", "deployed_addresses.json"), "utf8"),
      ) as Record<string, string>;
      for (const [k, ignitionId] of Object.entries(CONTRACT_IDS)) {
        expect(journal, `${k} -> ${ignitionId}`).to.have.property(ignitionId);
      }
      book = loadAddressBook({ chainId: 31337, deploymentsDir: dir, economy: "quiver" });
      const q = connectQuiver(book, provider);
      expect(await q.marketplace.jobCount()).to.equal(0n);
      expect((await q.channels.eip712Domain()).verifyingContract).to.equal(addressOf(book, "channels"));

      // Actors: a tier-2 provider and a funded consumer (from the ecosystem allocation).
      const eco = new NonceManager(new Wallet(ECOSYSTEM, provider));
      const p = new Wallet(PROVIDER, provider);
      const c = new Wallet(CONSUMER, provider);
      const quiv = connectQuiver(book, eco).quiv;
      await (await quiv.transfer(p.address, 20_000n * Q)).wait();
      await (await quiv.transfer(c.address, 1_000n * Q)).wait();
      const qp = connectQuiver(book, p);
      await (await qp.quiv.approve(addressOf(book, "staking"), MaxUint256)).wait();
      await (await qp.staking.registerProvider(1_000n)).wait();
      await (await qp.staking.stake(10_000n * Q)).wait();
      expect(await qp.staking.tierOf(p.address)).to.equal(2n);
    });

    it("runs a job: post (CLI), commit (SDK), reveal (CLI, salt from the SDK's store), accept (SDK), submit (CLI), confirm (SDK)", async () => {
      const p = new Wallet(PROVIDER, provider);
      const c = new Wallet(CONSUMER, provider);
      const market = addressOf(book, "marketplace");
      const q = connectQuiver(book, provider);
      const posted = await cli(["job", "post", "--model", "llama", "--input", "hi", "--max-price", "10"], CONSUMER);
      const jobId = BigInt(posted.jobId);
      const price = parseAmount("4.2");
      await commitBid(p, market, jobId, price, new JsonFileStore(path.join(dir, "salts.json")));
      await warp(BigInt(posted.bidDeadline) - BigInt((await provider.getBlock("latest"))!.timestamp));
      expect((await readJob(q.marketplace, jobId)).state).to.equal("Revealing");
      expect(await cli(["job", "reveal", posted.jobId], PROVIDER)).to.include({ price: price.toString() });
      await warp(3_600n);
      await ensureAllowance(c, addressOf(book, "quiv"), market, price);
      await send(c, buildAccept(market, jobId, p.address));
      await cli(["job", "submit", posted.jobId, "--output", "out", "--receipt", "rcpt"], PROVIDER);
      const before = await q.quiv.balanceOf(p.address);
      await send(c, buildJobAction(market, "confirm", jobId));
      const job = await readJob(q.marketplace, jobId);
      expect(job.state).to.equal("Settled");
      const legs = splitPayment(price, job.networkFeeBps, job.treasuryFeeBps, job.burnBps);
      expect(await readReceipt(q.marketplace, jobId)).to.deep.equal({ jobId, ...legs });
      expect((await q.quiv.balanceOf(p.address)) - before).to.equal(legs.providerReward);
    });

    it("runs a channel: open (SDK), voucher sign (CLI), verify + collect (SDK), close (CLI) with exact amounts", async () => {
      const p = new Wallet(PROVIDER, provider);
      const c = new Wallet(CONSUMER, provider);
      const channels = addressOf(book, "channels");
      const q = connectQuiver(book, provider);
      const expiry = BigInt((await provider.getBlock("latest"))!.timestamp) + 86_400n;
      const { channelId } = await openChannel(c, channels, addressOf(book, "quiv"), p.address, 20n * Q, expiry);
      const signed = await kit(
        [...base, "channel", "voucher", "sign", String(channelId), "5", "--tokens", "500"],
        env(CONSUMER),
      );
      expect(signed.code, signed.stderr).to.equal(0);
      const v1 = parseVoucher(signed.stdout.trim());
      const expected = channelsDeployment(31337n, channels);
      expect((await verifyChannelVoucher(q.channels, expected, v1, 0n)).increment).to.equal(5n * Q);
      await send(p, buildVoucherRedeem(channels, "collect", v1));
      const v2 = await signChannelVoucher(c, connectQuiver(book, c).channels, expected, {
        channelId,
        cumulativeAmount: 8n * Q,
        tokensGenerated: 800n,
      });
      const file = path.join(dir, "v2.json");
      fs.writeFileSync(file, serializeVoucher(v2));
      const balance = await q.quiv.balanceOf(c.address);
      expect(await cli(["channel", "close", `@${file}`], PROVIDER)).to.include({
        paid: (3n * Q).toString(),
        refunded: (12n * Q).toString(),
      });
      expect((await q.quiv.balanceOf(c.address)) - balance).to.equal(12n * Q);
      expect(await readChannel(q.channels, channelId)).to.deep.include({ state: "Closed", collected: 8n * Q });
    });

    it("no private key appeared in any process output", () => {
      const all = printed.join("\n").toLowerCase();
      for (const k of [DEPLOYER, ECOSYSTEM, PROVIDER, CONSUMER]) expect(all).to.not.contain(k.slice(2).toLowerCase());
    });
  });
}
