import { parameterKey } from "../../../sdk/bpci/core/parameters";
import { expect } from "chai";
import { deployBpciPreset } from "../fixtures/preset";
import { BPCI_PRESET } from "../../../sdk/bpci/preset";
import { findPreset, listPresets } from "../../../sdk/presets";
import { runDemoSteps } from "../../helpers/demo";
import { formatAmount } from "../../../sdk/kit/core";
import { WFLX_DECIMALS } from "../../../sdk/bpci/core/units";

describe("BPCI preset descriptor and demo steps", () => {
  it("is registered (after QUIVer) with its ids, parameters files, catalogue and devnet hints", () => {
    expect(listPresets().map((p) => p.name)).to.include.members(["quiver", "bpci"]);
    expect(findPreset("bpci")).to.equal(BPCI_PRESET);
    expect(BPCI_PRESET.parameters).to.deep.equal({
      localhost: "deploy/parameters/bpci.localhost.json",
      sepolia: "deploy/parameters/bpci.sepolia.json",
    });
    expect(BPCI_PRESET.devnetHints!("--rpc-url http://x ").join("\n")).to.contain("bpci status");
  });

  it("runs every demo step on a fresh deployment: rebase, AUR refused then accepted, jobs with SDK-checked legs, issuance and claim, vesting, billing, stability", async () => {
    const f = await deployBpciPreset();
    const lines = await runDemoSteps(BPCI_PRESET, f.book, f.signers);
    const text = lines.join("\n");
    expect(BPCI_PRESET.demoSteps).to.have.length(8);
    // The stability step: the fast path opens at 15%, the halt at 30%; AUR minting refused, redemption accepted.
    expect(text).to.contain("FLX at 1.15: deviation 15%, level Intervention");
    expect(text).to.contain("FLX at 0.70: deviation 30%, level Emergency; minting halted");
    expect(text).to.contain("AUR mint refused: ");
    expect(text).to.contain("AurMintingHalted");
    expect(text).to.match(/alice still redeems 1 AUR \(redemption \d+\)/);
    expect(await f.registry.get(parameterKey("bpci.stability.mintHalted"))).to.equal(1n);
    // The billing step: 5 records, 0.5 GEN and 150 FLX ($45) paid, a record verified on-chain.
    expect(text).to.contain("operator committed settlement 1: 5 records");
    expect(text).to.contain("alice paid 0.5 GEN and 150 FLX ($45); the treasury's FLX rose by 150");
    expect(text).to.contain("record 2 in settlement 1: verified with a 2-hash proof");
    const s = await f.billing.getSettlement(1n);
    expect(s.paidAt).to.be.greaterThan(0n);
    expect(text).to.contain("refused: ");
    expect(text).to.contain("AurReservesInsufficient");
    expect(text).to.contain("accepted: 1,000 AUR");
    expect(text.match(/SDK agrees/g)).to.have.length(3);
    expect(text).to.match(/miner claimed [1-9]/);
    expect(text).to.match(/released [1-9]/);
    // Every NEX is an epoch's issuance, all of it claimed by the demo's one miner, as its log says.
    const closed = await f.mining.queryFilter(f.mining.filters.EpochClosed());
    const issued = closed.reduce((s, e) => s + e.args.issued, 0n);
    const claims = await f.mining.queryFilter(f.mining.filters.IssuanceClaimed());
    expect(claims.map((e) => e.args.amount)).to.deep.equal(
      closed.filter((e) => e.args.issued > 0n).map((e) => e.args.issued),
    );
    expect(await f.nex.totalSupply()).to.equal(issued);
    for (const c of claims) expect(text).to.contain(`miner claimed ${formatAmount(c.args.amount)} NEX`);
    // The last release is the vesting step's (the earlier ones are the vested parts paid as jobs merged lines).
    const released = (await f.mining.queryFilter(f.mining.filters.ReserveReleased())).at(-1)!;
    expect(text).to.contain(`released ${formatAmount(released.args.amount, WFLX_DECIMALS)} (`);
  });
});
