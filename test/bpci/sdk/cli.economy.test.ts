import { expect } from "chai";
import { ethers, network } from "hardhat";
import { impersonateAccount, loadFixture, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import type { Eip1193Provider } from "ethers";
import { deployBpciPreset, type BpciPreset } from "../fixtures/preset";
import { bpciCli, devWallet } from "../fixtures/cli";
import { EXIT_USAGE } from "../../../sdk/cli/main";
import { feeLegs, poeFee } from "../../../sdk/bpci/core/poe";
import { findBpciParameter, parameterKey } from "../../../sdk/bpci/core/parameters";
import { WFLX_PER_FLX } from "../../../sdk/bpci/core/units";
import { TOKEN } from "../../helpers/units";

const alice = devWallet(2);
const miner = devWallet(10);
const FEE_KEY = parameterKey("bpci.poe.feeBps");

/** The preset with miner #10 registered (no stake, the bootstrap) and 1,000 FLX of alice's wrapped by the CLI. */
async function economy() {
  const f = await deployBpciPreset();
  const cli = bpciCli(f.book);
  await cli.ok(["bpci", "miner", "register"], miner.privateKey);
  await cli.ok(["bpci", "flx", "wrap", "1000"], alice.privateKey);
  return { f, cli };
}

/** The timelock (PARAMETER_ADMIN_ROLE holder) sets `bpci.poe.feeBps` in the registry, as a passed proposal would. */
async function setFeeBps(f: BpciPreset, bps: bigint) {
  const timelock = await f.timelock.getAddress();
  await impersonateAccount(timelock);
  await setBalance(timelock, TOKEN);
  await f.registry.connect(await ethers.getSigner(timelock)).set(FEE_KEY, bps);
}

describe("kit bpci: the fee follows the registry, feed only on local chains, flx unwrap", () => {
  describe("job submit after governance changes bpci.poe.feeBps", () => {
    it("quotes 1.25% instead of the 1% default, approves exactly value + the new fee and the legs split it", async () => {
      const { f, cli } = await loadFixture(economy);
      expect(await f.registry.get(FEE_KEY)).to.equal(findBpciParameter("bpci.poe.feeBps")!.value);
      await setFeeBps(f, 125n); // the default 100 + maxDelta 25
      const value = 12_345_678_901n;
      const fee = poeFee(value, 125n);
      expect(fee).to.equal(154_320_987n); // ceil(value x 1.25%), not the 123,456,790 of 1%
      const before = await f.wflx.balanceOf(alice.address);
      const s = await cli.ok(
        ["bpci", "job", "submit", miner.address, "Storage", value.toString(), "--wei"],
        alice.privateKey,
      );
      expect(s).to.include({ jobId: "1", feeBps: "125", fee: fee.toString(), value: value.toString() });
      expect(before - (await f.wflx.balanceOf(alice.address))).to.equal(value + fee);
      expect(await f.wflx.allowance(alice.address, await f.mining.getAddress())).to.equal(0n); // exact, spent
      const c = await cli.ok(["bpci", "job", "confirm", "1"], miner.privateKey);
      const legs = feeLegs(fee, 2_000n, 3_000n, 2_000n);
      expect(c).to.include({ locked: legs.locked.toString(), treasury: legs.treasury.toString() });
    });
  });

  describe("feed on a chain that is not local", () => {
    it("refuses with exit 2 and one JSON error document, and sends nothing", async () => {
      const { f, cli } = await loadFixture(economy);
      const inner = network.provider as unknown as Eip1193Provider;
      // The same node, reporting Sepolia's chain id (11155111): a live network, whose feeds are real.
      const sepolia: Eip1193Provider = {
        request: (req) => (req.method === "eth_chainId" ? Promise.resolve("0xaa36a7") : inner.request(req)),
      };
      const [, before] = await f.qualityFeed.latestRoundData();
      const block = await ethers.provider.getBlockNumber();
      const r = await cli.kit(["--json", "bpci", "feed", "quality", "1"], alice.privateKey, sepolia);
      expect(r.code).to.equal(EXIT_USAGE);
      expect(r.stdout.trim().split("\n")).to.have.length(1);
      const e = r.json().error;
      expect(e.name).to.equal("InvalidArgumentError");
      expect(e.message).to.contain("local chains only").and.contain("11155111");
      expect(e.details).to.deep.equal({ chainId: "11155111", allowed: ["31337", "1337"] });
      expect((await f.qualityFeed.latestRoundData())[1]).to.equal(before);
      expect(await ethers.provider.getBlockNumber()).to.equal(block);
      // Locally it still works.
      expect(await cli.ok(["bpci", "feed", "quality", "95000000"], alice.privateKey)).to.include({
        answer: "95000000",
      });
      expect((await f.qualityFeed.latestRoundData())[1]).to.equal(95_000_000n);
    });
  });

  describe("flx unwrap", () => {
    it("withdraws an amount of FLX, or redeems wFLX shares with --shares, to the wei", async () => {
      const { f, cli } = await loadFixture(economy);
      const [flx0, w0] = [await f.flx.balanceOf(alice.address), await f.wflx.balanceOf(alice.address)];
      expect(w0).to.equal(1_000n * TOKEN * WFLX_PER_FLX);
      const u = await cli.ok(["bpci", "flx", "unwrap", "10"], alice.privateKey);
      expect(u).to.include({
        action: "unwrapFlx",
        assets: (10n * TOKEN).toString(),
        shares: (10n * TOKEN * WFLX_PER_FLX).toString(),
      });
      expect((await f.flx.balanceOf(alice.address)) - flx0).to.equal(10n * TOKEN);
      expect(w0 - (await f.wflx.balanceOf(alice.address))).to.equal(10n * TOKEN * WFLX_PER_FLX);
      // --shares: 2.5 wFLX (21 decimals: 2.5e21 wei) burned for 2.5 FLX (2.5e18 wei) at the genesis rate.
      const s = await cli.ok(["bpci", "flx", "unwrap", "2.5", "--shares"], alice.privateKey);
      expect(s).to.include({
        action: "redeemWflx",
        shares: (25n * 10n ** 20n).toString(),
        assets: (25n * 10n ** 17n).toString(),
      });
      expect((await f.flx.balanceOf(alice.address)) - flx0).to.equal(10n * TOKEN + 25n * 10n ** 17n);
      const text = await cli.kit(["bpci", "flx", "unwrap", "1"], alice.privateKey);
      expect(text.code, text.stderr).to.equal(0);
      expect(text.stdout).to.contain("unwrapped 1 wFLX into 1 FLX");
    });

    it("an unwrap past the balance fails its pre-flight with the decoded ERC-4626 error; bad amounts exit 2", async () => {
      const { f, cli } = await loadFixture(economy);
      const block = await ethers.provider.getBlockNumber();
      const max = await f.wflx.maxWithdraw(alice.address);
      expect(max).to.equal(1_000n * TOKEN);
      const e = await cli.reverts(["bpci", "flx", "unwrap", "1000.000000000000000001"], alice.privateKey);
      expect(e.errorName).to.equal("ERC4626ExceededMaxWithdraw");
      expect(e.args).to.deep.equal([alice.address, (max + 1n).toString(), max.toString()]);
      const r = await cli.reverts(["bpci", "flx", "unwrap", "1000001", "--shares"], alice.privateKey);
      expect(r.errorName).to.equal("ERC4626ExceededMaxRedeem");
      expect(await ethers.provider.getBlockNumber()).to.equal(block); // nothing was sent
      const bad = await cli.kit(["--json", "bpci", "flx", "unwrap", "ten"], alice.privateKey);
      expect(bad.code).to.equal(EXIT_USAGE);
      expect(bad.json().error.name).to.equal("InvalidArgumentError");
    });
  });
});
