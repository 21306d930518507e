import { expect } from "chai";
import { deployCaesarPreset } from "./fixture";
import { CAESAR_PRESET } from "../../../sdk/caesar/preset";
import { runDemoSteps } from "../../helpers/demo";

describe("CAESAR demo steps (in-process, on a fresh preset)", () => {
  it("runs every step: the quoted fee, rapid-trade penalties, demurrage, a relayed payment, the split, a claim, the regions, a sell shock", async () => {
    const f = await deployCaesarPreset();
    const lines = await runDemoSteps(CAESAR_PRESET, f.book, f.signers);
    const text = lines.join("\n");
    expect(CAESAR_PRESET.demoSteps).to.have.length(9);
    // Threshold 3, +0.5% each: trades 1-3 pay nothing, the 4th 0.25 CAESAR (50 bps), the 5th 0.5 CAESAR (100 bps).
    const penalties = lines
      .filter((l) => l.includes("rapid trade"))
      .map((l) => /penalty (\S+) CAESAR \((\d+) bps\)/.exec(l)!);
    expect(penalties.map((m) => [m[1], m[2]])).to.deep.equal([
      ["0", "0"],
      ["0", "0"],
      ["0", "0"],
      ["0.25", "50"],
      ["0.5", "100"],
    ]);
    expect(text).to.contain("alice -> #5 1000 CAESAR: fee 1 CAESAR, penalty 0 CAESAR, receiver got 999 CAESAR");
    expect(text).to.match(/bob claimed [1-9][\d.]* CAESAR/);
    // The preset's matrix, neutral hour factors: 11,000 x 9,000 x 11,000 x 10,000 x 10,100 / 1e16 = 10,998.
    expect(text).to.contain("spillover 10100 -> modifier 10998 bps (SDK agrees)");
    expect(text).to.contain(
      "region 3 from 1: 2 hops (term 10000), hour factor 10000, spillover 10100 -> modifier 11514 bps",
    );
    expect(text).to.contain(
      "region 1 from 3: 2 hops (term 11000), hour factor 10000, spillover 10200 -> modifier 11220 bps",
    );
    expect(text).to.contain("the processor's region source is the matrix: true");
    // The sell shock: 30% of the pool's CAESAR sold at neutral; the controller at its -10% bound; a destabilizing
    // sell queued (tripping the breaker), the next refused; the arbitrageur's bonus; back in band; an exact refund.
    expect(text).to.contain("alice sells 30000 CAESAR (30% of the pool's CAESAR) through the gate for 23005.9");
    expect(text).to.match(/deviation -40\.\d\d%, output -10\.00% \(buy bonus 1000 bps, sell penalty 1000 bps\)/);
    expect(text).to.contain("#5 sells 500 CAESAR: queued as entry 1 (escrow 500 CAESAR)");
    expect(text).to.contain("#6 sells 100 CAESAR: refused, GateBreakerTripped");
    expect(text).to.match(/bob buys with [\d.]+ mUSD .*\+ bonus [1-9][\d.]* CAESAR; spot 0\.99/);
    expect(text).to.contain("back within +-5% of the target 2 hours after the shock");
    expect(text).to.contain("#5 cancels entry 1: refunded 500 CAESAR, escrow now 0 CAESAR");
  });
});
