import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { CAESAR_PARAMETERS, caesarDefault, parameterKey } from "../../sdk/caesar/core/parameters";
import { MAX_RATE_BPS } from "../../sdk/caesar/core/demurrage";
import { MAX_FEE_BPS, MAX_PENALTY_BPS } from "../../sdk/caesar/core/fees";
import { contiguousModules } from "../helpers/catalogue";

/** The SDK catalogue and contracts/caesar/CaesarParams.sol name the same keys; bounds sit within the hard bounds. */
describe("CAESAR parameter catalogue", () => {
  const source = fs.readFileSync(path.join(__dirname, "../../contracts/caesar/CaesarParams.sol"), "utf8");
  const declared = [...source.matchAll(/keccak256\("([^"]+)"\)/g)].map((m) => m[1]);

  it("declares every catalogue name in CaesarParams.sol and nothing else", () => {
    expect([...declared].sort()).to.deep.equal(CAESAR_PARAMETERS.map((s) => s.name).sort());
  });

  it("lists the catalogue (and so CaesarParams.sol) module by module", () => {
    expect(contiguousModules(CAESAR_PARAMETERS)).to.deep.equal(
      ["token", "fees", "antispec", "agents", "distributor", "regions", "stability"].map((m) => `caesar.${m}`),
    );
  });

  it("namespaces every key caesar.<module>.<name> and keeps each default within its bounds", () => {
    for (const s of CAESAR_PARAMETERS) {
      expect(s.name, s.name).to.match(
        /^caesar\.(token|fees|antispec|agents|distributor|regions|stability)\.[a-zA-Z]+$/,
      );
      expect(s.min <= s.value && s.value <= s.max, s.name).to.equal(true);
      expect(parameterKey(s.name)).to.match(/^0x[0-9a-f]{64}$/);
    }
  });

  it("bounds the rate, the fee cap and the penalty cap by the contracts' hard limits", () => {
    const max = (n: string) => CAESAR_PARAMETERS.find((s) => s.name === n)!.max;
    expect(max("caesar.token.demurrageBps")).to.equal(MAX_RATE_BPS);
    expect(max("caesar.fees.maxBps") <= MAX_FEE_BPS).to.equal(true);
    expect(max("caesar.antispec.capBps") <= MAX_PENALTY_BPS).to.equal(true);
    expect(max("caesar.fees.baseBps") <= MAX_FEE_BPS).to.equal(true);
  });

  it("holds the SPEC defaults: 1% per 30 days, 3% fee cap, 24 h holding, 3 per 7 days, +0.5% to 5%", () => {
    expect(caesarDefault("caesar.token.demurrageBps")).to.equal(100n);
    expect(caesarDefault("caesar.fees.maxBps")).to.equal(300n);
    expect(caesarDefault("caesar.antispec.holdingPeriod")).to.equal(86_400n);
    expect(caesarDefault("caesar.antispec.window")).to.equal(7n * 86_400n);
    expect(caesarDefault("caesar.antispec.threshold")).to.equal(3n);
    expect(caesarDefault("caesar.antispec.stepBps")).to.equal(50n);
    expect(caesarDefault("caesar.antispec.capBps")).to.equal(500n);
  });
});
