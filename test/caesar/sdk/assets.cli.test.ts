/**
 * The asset registry in the CAESAR preset: CAESAR registered at deployment as asset 1 (its plugin's definition and
 * status), the timelock its admin and the guardian Safe its GUARDIAN_ROLE, and `kit caesar assets list|show`.
 */
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { EXIT_USAGE } from "../../../sdk/cli/main";
import { connectCaesar, readAssetDetails } from "../../../sdk/caesar";
import { CAESAR_ASSET_METADATA } from "../../../deploy/caesar/economy";
import { addressBookFile, kitRunner } from "../../helpers/kitCli";
import { deployCaesarPreset, HOLDER_GENESIS, POOL_SEED, SECOND_GENESIS } from "./fixture";

async function fixture() {
  const f = await deployCaesarPreset();
  return { ...f, bookFile: addressBookFile(f.book.contracts, "kit-caesar-assets-").file };
}

let f: Awaited<ReturnType<typeof fixture>>;

const { kit } = kitRunner({ book: () => f.bookFile });

describe("CAESAR preset: the asset registry", () => {
  beforeEach(async () => {
    f = await loadFixture(fixture);
  });

  it("registers CAESAR as asset 1 through its plugin; the timelock administers, the guardian Safe may pause", async () => {
    const c = connectCaesar(f.book, f.deployer);
    expect(await c.assets.assetCount()).to.equal(1n);
    expect(await c.assets.currentVersion(1)).to.deep.equal([1n, await c.assetPlugin.getAddress(), 1n]);
    expect(await c.assets.hasRole(ethers.ZeroHash, await f.timelock.getAddress())).to.equal(true);
    expect(await c.assets.hasRole(ethers.ZeroHash, f.deployer.address)).to.equal(false);
    const guardian = f.book.contracts["Kit#guardianSafe"];
    expect(await c.assets.hasRole(await c.assets.GUARDIAN_ROLE(), guardian)).to.equal(true);
    expect(await f.processor.assetGate()).to.deep.equal([await c.assets.getAddress(), 1n]);
    const a = await readAssetDetails(c.assets, 1n);
    expect([a.name, a.label, a.economicModel, a.status, a.governanceModel]).to.deep.equal([
      "CAESAR",
      "1.0.0",
      "Demurrage",
      "Active",
      CAESAR_ASSET_METADATA.governanceModel,
    ]);
    expect(a.chainIds).to.deep.equal([31337n, 11155111n]);
    expect(a.definition).to.deep.equal({
      supply: HOLDER_GENESIS + SECOND_GENESIS + POOL_SEED,
      demurrageBps: 100n,
      antiSpeculationThreshold: 3n,
      stabilityTarget: 10n ** 18n, // the stability controller's target price (WAD)
    });
    expect(a.live).to.deep.equal({
      priceDeviationBps: 0n,
      reserve: await f.caesar.balanceOf(await f.timelock.getAddress()),
      agents: 0n,
    });
  });

  it("`assets list` and `assets show` (text and --json); an unknown id exits 2", async () => {
    const l = await kit(["--json", "caesar", "assets", "list"]);
    expect(l.code, l.stderr).to.equal(0);
    expect(l.json().assets.map((x: { name: string }) => x.name)).to.deep.equal(["CAESAR"]);
    const lt = await kit(["caesar", "assets", "list"]);
    expect(lt.stdout).to.contain("#1 CAESAR 1.0.0 (v1, Active, Demurrage)");
    const s = await kit(["--json", "caesar", "assets", "show"]);
    expect(s.code, s.stderr).to.equal(0);
    expect(String(s.json().definition.demurrageBps)).to.equal("100");
    const st = await kit(["caesar", "assets", "show", "1"]);
    expect(st.stdout).to.contain("demurrage 100 bps per 30 days, anti-speculation threshold 3");
    expect(st.stdout).to.contain("processing running, stabilizer running");
    const bad = await kit(["caesar", "assets", "show", "2"]);
    expect(bad.code).to.equal(EXIT_USAGE);
    expect(bad.stderr).to.contain("no asset 2 (the registry holds 1)");
  });
});
