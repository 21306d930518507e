import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciPreset, type BpciPreset } from "../fixtures/preset";
import { bpciCli, devWallet, type BpciCli } from "../fixtures/cli";
import { defaultOf } from "../fixtures/tokens";
import { parameterKey } from "../../../sdk/bpci/core/parameters";
import { safeExec, type SafeLike } from "../../helpers/fixtures/governance";
import { TOKEN } from "../../helpers/units";

/** #1 is the AUR issuer, #2 alice, #12 a stranger. */
const KEY = { issuer: devWallet(1).privateKey, alice: devWallet(2).privateKey, stranger: devWallet(12).privateKey };
const alice = devWallet(2).address;
const MARGIN = "bpci.aur.marginBps";

let f: BpciPreset;
let cli: BpciCli;
const ok = (args: string[], key?: string) => cli.ok(args, key);
const reverts = (args: string[], key?: string) => cli.reverts(args, key);

describe("kit bpci stability … and kit bpci economy stability (in-process chain, BPCI preset)", () => {
  before(async () => {
    f = await loadFixture(deployBpciPreset);
    cli = bpciCli(f.book);
  });
  after(() => cli.cleanup());

  it("economy stability: Normal with the three tokens at their targets (text and --json)", async () => {
    const s = await ok(["bpci", "economy", "stability"]);
    expect([s.level, s.recorded, s.mintHalted, s.interventionBps, s.emergencyBps]).to.deep.equal([
      "Normal",
      "Normal",
      false,
      "1000",
      "2500",
    ]);
    expect(s.readings.map((r: { track: string; deviationBps: string }) => [r.track, r.deviationBps])).to.deep.equal([
      ["AUR", "0"],
      ["FLX", "0"],
      ["NEX", "0"],
    ]);
    const text = await cli.kit(["bpci", "economy", "stability"]);
    expect(text.stdout).to.contain("stability: Normal now");
    expect(text.stdout).to.contain("FLX: 1 vs target 1, deviation 0.00%: Normal");
  });

  it("feed + check: FLX at 0.7 is an emergency that halts AUR minting; redemptions go on", async () => {
    await ok(["bpci", "aur", "mint", alice, "5"], KEY.issuer);
    await ok(["bpci", "feed", "flx-price", "70000000"], KEY.stranger);
    const r = await ok(["bpci", "stability", "check"], KEY.stranger);
    expect([r.action, r.status.level, r.status.mintHalted, r.status.readings[1].deviationBps]).to.deep.equal([
      "checkStability",
      "Emergency",
      true,
      "3000",
    ]);
    const e = await reverts(["bpci", "aur", "mint", alice, "1"], KEY.issuer);
    expect([e.errorName, e.args]).to.deep.equal(["AurMintingHalted", [devWallet(1).address]]);
    const red = await ok(["bpci", "aur", "redeem", "2", "vault-1"], KEY.alice);
    expect(red.amount).to.equal((2n * TOKEN).toString());
  });

  it("propose --calldata for the council Safe, show, execute after 6 hours (anyone), and the decoded errors", async () => {
    const tx = await ok([
      "bpci",
      "stability",
      "propose",
      "--set",
      `${MARGIN}=300`,
      "--description",
      "margin 3%",
      "--calldata",
    ]);
    expect(tx.to).to.equal(await f.stability.getAddress());
    const signers = await ethers.getSigners();
    await safeExec(f.council as unknown as SafeLike, signers.slice(4, 6), tx.to, tx.data);
    const shown = await ok(["bpci", "stability", "show", "1"]);
    expect([shown.state, shown.levelAtProposal, shown.keys, shown.values]).to.deep.equal([
      "Queued",
      "Emergency",
      [parameterKey(MARGIN)],
      ["300"],
    ]);
    const early = await reverts(["bpci", "stability", "execute", "1"], KEY.stranger);
    expect(early.errorName).to.equal("StabilityUnexpectedState");
    expect((early as unknown as { description: string }).description).to.equal(
      "StabilityUnexpectedState: intervention 1 is Queued, needs Executable",
    );
    await time.increase(defaultOf("bpci.stability.interventionDelay"));
    await ok(["bpci", "stability", "execute", "1"], KEY.stranger);
    expect(await f.registry.get(parameterKey(MARGIN))).to.equal(300n);
    expect((await ok(["bpci", "stability", "show", "1"])).state).to.equal("Executed");
    // Sent from an account that is not the council: the pre-flight decodes the role error.
    const denied = await reverts(
      ["bpci", "stability", "propose", "--set", `${MARGIN}=250`, "--description", "x"],
      KEY.stranger,
    );
    expect(denied.errorName).to.equal("AccessControlUnauthorizedAccount");
    const cancel = await reverts(["bpci", "stability", "cancel", "1"], KEY.stranger);
    expect(cancel.errorName).to.equal("AccessControlUnauthorizedAccount");
  });

  it("refuses bad input with exit 2 before sending: --set syntax, unknown parameter, --interval range", async () => {
    for (const args of [
      ["bpci", "stability", "propose", "--set", "bpci.aur.marginBps:300", "--description", "x"],
      ["bpci", "stability", "propose", "--set", "bpci.nope.x=1", "--description", "x"],
      ["bpci", "economy", "stability", "--monitor", "--interval", "0"],
      ["bpci", "stability", "show", "abc"],
    ]) {
      const r = await cli.kit(["--json", ...args], KEY.stranger);
      expect(r.code, args.join(" ")).to.equal(2);
      expect(JSON.parse(r.stdout).error.message).to.be.a("string");
    }
  });

  it("economy stability --monitor --count 2 prints one JSON line per read", async () => {
    const r = await cli.kit(["--json", "bpci", "economy", "stability", "--monitor", "--interval", "1", "--count", "2"]);
    expect(r.code, r.stderr).to.equal(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.length).to.equal(2);
    expect(lines.map((l) => [l.level, l.mintHalted])).to.deep.equal([
      ["Emergency", true],
      ["Emergency", true],
    ]);
  });
});
