import { expect } from "chai";
import { deployCaesarPreset } from "./fixture";
import { CAESAR_PRESET } from "../../../sdk/caesar/preset";
import { runDemoSteps } from "../../helpers/demo";

describe("CAESAR demo steps (in-process, on a fresh preset)", () => {
  it("runs every step: the quoted fee, rapid-trade penalties at the threshold, demurrage, a relayed payment, the split, a claim", async () => {
    const f = await deployCaesarPreset();
    const lines = await runDemoSteps(CAESAR_PRESET, f.book, f.signers);
    const text = lines.join("\n");
    expect(CAESAR_PRESET.demoSteps).to.have.length(7);
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
  });
});
