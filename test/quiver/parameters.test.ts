import fs from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployFoundation } from "./fixtures/foundation";
import { QUIVER_PARAMETERS, parameterKey } from "../../sdk/quiver/core/parameters";
import { DAY } from "../helpers/units";
import { contiguousModules } from "../helpers/catalogue";

/** QUIVer's catalogue in the registry (moved from the shared ParameterRegistry test, which uses a toy catalogue). */
describe("ParameterRegistry: QUIVer's catalogue", () => {
  describe("seeding by the Foundation module", () => {
    it("defines every catalogue entry with its default, bounds and rate limit", async () => {
      const { registry } = await loadFixture(deployFoundation);
      expect(await registry.keyCount()).to.equal(BigInt(QUIVER_PARAMETERS.length));
      for (const [i, spec] of QUIVER_PARAMETERS.entries()) {
        const key = parameterKey(spec.name);
        expect(await registry.keyAt(i), spec.name).to.equal(key);
        const p = await registry.getParameter(key);
        expect([p.value, p.min, p.max, p.maxDelta, p.period, p.exists], spec.name).to.deep.equal([
          spec.value,
          spec.min,
          spec.max,
          spec.maxDelta,
          spec.period,
          true,
        ]);
        expect(await registry.get(key)).to.equal(spec.value);
      }
    });

    it("holds the SPEC defaults: 1k/10k/50k/250k tiers, 14-day unbonding, 50% max slash, 4-year halving", async () => {
      const { registry } = await loadFixture(deployFoundation);
      const q = 10n ** 18n;
      const get = (n: string) => registry.get(parameterKey(n));
      expect(await get("quiver.staking.tier1Min")).to.equal(1_000n * q);
      expect(await get("quiver.staking.tier2Min")).to.equal(10_000n * q);
      expect(await get("quiver.staking.tier3Min")).to.equal(50_000n * q);
      expect(await get("quiver.staking.tier4Min")).to.equal(250_000n * q);
      expect(await get("quiver.staking.unbondingPeriod")).to.equal(14n * DAY);
      expect(await get("quiver.staking.maxSlashBps")).to.equal(5_000n);
      expect(await get("quiver.emission.halvingInterval")).to.equal(1_460n * DAY);
      expect(await get("quiver.pricing.congestionHighBps")).to.equal(8_000n);
      expect(await get("quiver.pricing.congestionLowBps")).to.equal(3_000n);
    });

    it("lists the catalogue (and so QuiverParams.sol) module by module", () => {
      expect(contiguousModules(QUIVER_PARAMETERS)).to.deep.equal([
        "quiver.staking",
        "quiver.emission",
        "quiver.pricing",
        "quiver.market",
        "quiver.dispute",
        "quiver.channels",
      ]);
    });

    it("names the same keys in contracts/quiver/QuiverParams.sol as in the SDK catalogue", () => {
      const src = fs.readFileSync(path.join(__dirname, "../../contracts/quiver/QuiverParams.sol"), "utf8");
      const names = [...src.matchAll(/constant\s+\w+\s*=\s*keccak256\("([^"]+)"\)/g)].map((m) => m[1]);
      expect(names).to.deep.equal(QUIVER_PARAMETERS.map((s) => s.name));
    });
  });
});
