import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciTokens } from "./fixtures/tokens";
import { BPCI_PARAMETERS, parameterKey } from "../../sdk/bpci/core/parameters";
import { contiguousModules } from "../helpers/catalogue";

describe("ParameterRegistry: BPCI's catalogue", () => {
  it("seeds every catalogue entry with its default, bounds and rate limit (the registry block, BPCI catalogue)", async () => {
    const { registry } = await loadFixture(deployBpciTokens);
    expect(await registry.keyCount()).to.equal(BigInt(BPCI_PARAMETERS.length));
    for (const [i, spec] of BPCI_PARAMETERS.entries()) {
      const key = parameterKey(spec.name);
      expect(await registry.keyAt(i), spec.name).to.equal(key);
      const p = await registry.getParameter(key);
      expect([p.value, p.min, p.max, p.maxDelta, p.period], spec.name).to.deep.equal([
        spec.value,
        spec.min,
        spec.max,
        spec.maxDelta,
        spec.period,
      ]);
    }
  });

  it("names the same keys in contracts/bpci/BpciParams.sol as in the SDK catalogue, all bpci.<module>.<name>", () => {
    const src = fs.readFileSync(path.join(__dirname, "../../contracts/bpci/BpciParams.sol"), "utf8");
    const names = [...src.matchAll(/constant\s+\w+\s*=\s*keccak256\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(names).to.deep.equal(BPCI_PARAMETERS.map((s) => s.name));
    for (const n of names) expect(n).to.match(/^bpci\.(gen|nex|flx|aur|poe|billing|stability|mesh)\.[a-zA-Z]+$/);
  });

  it("lists the catalogue (and so BpciParams.sol) module by module", () => {
    expect(contiguousModules(BPCI_PARAMETERS)).to.deep.equal(
      ["gen", "nex", "flx", "aur", "poe", "billing", "stability", "mesh"].map((m) => `bpci.${m}`),
    );
  });

  it("keeps the FLX bound below 100% and the GEN limit floor at the catalogue minimum (1%)", () => {
    const get = (n: string) => BPCI_PARAMETERS.find((s) => s.name === n)!;
    expect(get("bpci.flx.maxRebaseBps").max < 10_000n).to.equal(true);
    expect(get("bpci.gen.maxHolderBps").min).to.equal(100n);
  });
});
