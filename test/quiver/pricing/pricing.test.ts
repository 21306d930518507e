import { expect } from "chai";
import { ethers, ignition } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import PricingModule from "../../../deploy/quiver/modules/Pricing";
import type { ParameterRegistry, PricingOracle } from "../../../typechain-types";
import { QUIV, foundationGenesis } from "../fixtures/foundation";
import { DEFAULT_SIZE_CLASSES } from "../../../sdk/quiver/core/pricing";
import { parameterKey } from "../../../sdk/quiver/core/parameters";
import { setBoundsUnfrozen } from "../../helpers/registry";
import { HOUR } from "../../helpers/units";
import { WAD } from "../../../sdk/kit/core/math";

const MAX_UNITS = (2n ** 64n - 1n) * WAD;

/** Deploys the Pricing module through Ignition, exactly as production does, and grants MARKET_ROLE to `market`. */
async function deployPricing() {
  const [deployer, treasury, ecosystem, team, market, stranger] = await ethers.getSigners();
  const { oracle, registry } = await ignition.deploy(PricingModule, {
    parameters: {
      Foundation: foundationGenesis(treasury, ecosystem, team),
    },
  });
  const o = oracle as unknown as PricingOracle;
  await o.grantRole(await o.MARKET_ROLE(), market.address);
  return { oracle: o, registry: registry as unknown as ParameterRegistry, deployer, market, stranger };
}

type F = Awaited<ReturnType<typeof deployPricing>>;

/** Governance (the registry admin) moves a fee bound outside its default rate limit. */
async function setFeeBound(f: F, name: string, value: bigint) {
  const key = parameterKey(name);
  await setBoundsUnfrozen(f.registry, key, 0n, 10_000n, 10_000n, 30n * 86_400n);
  await f.registry.set(key, value);
}

/**
 * Settles jobs worth exactly `demand` jobs of demand and `supply` of supply (whole jobs) in class `c`, at its current
 * reference price: with `supply <= demand`, `supply` jobs' worth with one bid and the rest with none; otherwise one
 * job with `supply - demand + 1` bids and `demand - 1` jobs' worth with one bid.
 */
async function settle(f: F, c: number, demand: bigint, supply: bigint) {
  const ref = await f.oracle.referencePrice(c);
  const report = (jobs: bigint, bids: bigint) =>
    jobs === 0n ? undefined : f.oracle.connect(f.market).recordSettlement(c, jobs * ref, bids);
  if (supply <= demand) {
    await report(supply, 1n);
    await report(demand - supply, 0n);
  } else {
    await report(1n, supply - demand + 1n);
    await report(demand - 1n, 1n);
  }
  const s = await f.oracle.getSizeClass(c);
  expect([s.pendingDemand, s.pendingSupply], "settled demand and supply").to.deep.equal([demand * WAD, supply * WAD]);
}

/** Settles `[class, demand, supply]` jobs (see `settle`), then pokes exactly `elapsed` seconds after the last update. */
async function pokeAfter(f: F, elapsed: bigint, activity: [number, bigint, bigint][] = []) {
  for (const [c, demand, supply] of activity) await settle(f, c, demand, supply);
  const at = (await f.oracle.lastUpdate()) + elapsed;
  await time.setNextBlockTimestamp(at);
  return f.oracle.poke();
}

describe("PricingOracle", () => {
  describe("deployment", () => {
    it("starts with the module's classes at their base rates, the initial fee and the deployer's roles", async () => {
      const f = await loadFixture(deployPricing);
      for (const [i, c] of DEFAULT_SIZE_CLASSES.entries()) {
        expect(await f.oracle.referencePrice(i)).to.equal(c.baseRate);
        const s = await f.oracle.getSizeClass(i);
        expect([s.baseRate, s.floor, s.ceiling, s.demandEma, s.supplyEma]).to.deep.equal([
          c.baseRate,
          c.floor,
          c.ceiling,
          0n,
          0n,
        ]);
      }
      expect(await f.oracle.networkFeeBps()).to.equal(250n);
      expect(await f.oracle.networkFeeBpsWad()).to.equal(250n * WAD);
      expect(await f.oracle.registry()).to.equal(await f.registry.getAddress());
      expect(await f.oracle.MAX_SIZE_CLASSES()).to.equal(8n);
      expect(await f.oracle.nextUpdateAt()).to.equal((await f.oracle.lastUpdate()) + HOUR);
      expect(await f.oracle.congestionBps()).to.equal(0n);
      expect(await f.oracle.hasRole(await f.oracle.PRICING_ADMIN_ROLE(), f.deployer.address)).to.equal(true);
      expect(await f.oracle.hasRole(ethers.ZeroHash, f.deployer.address)).to.equal(true);
    });

    it("rejects a zero admin or registry and an initial fee above 100%", async () => {
      const f = await loadFixture(deployPricing);
      const P = await ethers.getContractFactory("PricingOracle");
      const reg = await f.registry.getAddress();
      await expect(P.deploy(ethers.ZeroAddress, reg, 1n)).to.be.revertedWithCustomError(f.oracle, "PricingZeroAddress");
      await expect(P.deploy(f.deployer.address, ethers.ZeroAddress, 1n)).to.be.revertedWithCustomError(
        f.oracle,
        "PricingZeroAddress",
      );
      await expect(P.deploy(f.deployer.address, reg, 10_001n))
        .to.be.revertedWithCustomError(f.oracle, "PricingInvalidFee")
        .withArgs(10_001n);
    });
  });

  describe("setSizeClass", () => {
    it("adds a class at its base rate and emits old and new values", async () => {
      const f = await loadFixture(deployPricing);
      await expect(f.oracle.setSizeClass(7, 3n * QUIV, QUIV, 9n * QUIV))
        .to.emit(f.oracle, "SizeClassConfigured")
        .withArgs(7, 0n, 0n, 0n, 3n * QUIV, QUIV, 9n * QUIV);
      expect(await f.oracle.referencePrice(7)).to.equal(3n * QUIV);
    });

    it("reconfiguring keeps the EMAs and clamps the price into the new bounds", async () => {
      const f = await loadFixture(deployPricing);
      await pokeAfter(f, HOUR, [[0, 10n, 2n]]);
      const before = await f.oracle.getSizeClass(0);
      await expect(f.oracle.setSizeClass(0, QUIV, QUIV / 2n, (QUIV * 105n) / 100n))
        .to.emit(f.oracle, "SizeClassConfigured")
        .withArgs(0, QUIV, QUIV / 10n, 10n * QUIV, QUIV, QUIV / 2n, (QUIV * 105n) / 100n);
      const after = await f.oracle.getSizeClass(0);
      expect(after.price).to.equal((QUIV * 105n) / 100n);
      expect([after.demandEma, after.supplyEma]).to.deep.equal([before.demandEma, before.supplyEma]);
    });

    it("rejects an id out of range and bounds that are not 0 < floor <= base <= ceiling < 2^128", async () => {
      const f = await loadFixture(deployPricing);
      await expect(f.oracle.setSizeClass(8, QUIV, QUIV, QUIV))
        .to.be.revertedWithCustomError(f.oracle, "PricingSizeClassOutOfRange")
        .withArgs(8, 8);
      for (const [base, floor, ceiling] of [
        [QUIV, 0n, QUIV],
        [QUIV, QUIV + 1n, 2n * QUIV],
        [2n * QUIV, QUIV, 2n * QUIV - 1n],
        [QUIV, 1n, 2n ** 128n],
      ]) {
        await expect(f.oracle.setSizeClass(3, base, floor, ceiling))
          .to.be.revertedWithCustomError(f.oracle, "PricingInvalidSizeClass")
          .withArgs(f.deployer.address, 3, base, floor, ceiling);
      }
    });
  });

  describe("recordSettlement", () => {
    it("counts the price in reference prices as demand, that times the bids as supply, and emits SettlementRecorded", async () => {
      const f = await loadFixture(deployPricing);
      // Class 1 is priced at 5 QUIV: a 2-QUIV job weighs 0.4 jobs, its 3 bids 1.2 jobs of supply.
      await expect(f.oracle.connect(f.market).recordSettlement(1, 2n * QUIV, 3n))
        .to.emit(f.oracle, "SettlementRecorded")
        .withArgs(1, (4n * WAD) / 10n, (12n * WAD) / 10n);
      await f.oracle.connect(f.market).recordSettlement(1, 5n * QUIV, 2n);
      const s = await f.oracle.getSizeClass(1);
      expect([s.pendingDemand, s.pendingSupply]).to.deep.equal([(14n * WAD) / 10n, (32n * WAD) / 10n]);
    });

    it("a 1-wei job counts nothing (demand rounds down), however many bids it had", async () => {
      const f = await loadFixture(deployPricing);
      await expect(f.oracle.connect(f.market).recordSettlement(1, 1n, 60n))
        .to.emit(f.oracle, "SettlementRecorded")
        .withArgs(1, 0n, 0n);
      // 4 wei at 5 QUIV: 4 x 1e18 / 5e18 = 0.8, rounded down to 0; 5 wei is the smallest unit of demand here.
      await f.oracle.connect(f.market).recordSettlement(1, 4n, 1n);
      expect((await f.oracle.getSizeClass(1)).pendingDemand).to.equal(0n);
      await f.oracle.connect(f.market).recordSettlement(1, 5n, 1n);
      const s = await f.oracle.getSizeClass(1);
      expect([s.pendingDemand, s.pendingSupply]).to.deep.equal([1n, 1n]);
    });

    it("saturates demand and supply at (2^64 - 1) x 10^18 so that an update can never overflow", async () => {
      const f = await loadFixture(deployPricing);
      const u128 = 2n ** 128n - 1n;
      // Class 0 is priced at 1 QUIV, so the largest escrowable price weighs 2^128 - 1 (above the cap) alone.
      await expect(f.oracle.connect(f.market).recordSettlement(0, u128, ethers.MaxUint256))
        .to.emit(f.oracle, "SettlementRecorded")
        .withArgs(0, u128, u128 * (2n ** 64n - 1n));
      await f.oracle.connect(f.market).recordSettlement(0, u128, 5n);
      const s = await f.oracle.getSizeClass(0);
      expect([s.pendingDemand, s.pendingSupply]).to.deep.equal([MAX_UNITS, MAX_UNITS]);
      await pokeAfter(f, HOUR);
      expect((await f.oracle.getSizeClass(0)).demandEma).to.equal((MAX_UNITS * 2_000n) / 10_000n);
      // A price no uint128 escrow can hold, from another MARKET_ROLE holder, reverts rather than wraps.
      await expect(f.oracle.connect(f.market).recordSettlement(0, 2n ** 255n, 2n)).to.be.revertedWithPanic(0x11);
    });

    it("rejects an unknown class", async () => {
      const f = await loadFixture(deployPricing);
      await expect(f.oracle.connect(f.market).recordSettlement(5, QUIV, 1n))
        .to.be.revertedWithCustomError(f.oracle, "PricingUnknownSizeClass")
        .withArgs(5);
      await expect(f.oracle.referencePrice(5))
        .to.be.revertedWithCustomError(f.oracle, "PricingUnknownSizeClass")
        .withArgs(5);
    });
  });

  describe("poke", () => {
    it("cannot run before lastUpdate + updateInterval (t - 1), runs at t", async () => {
      const f = await loadFixture(deployPricing);
      const next = await f.oracle.nextUpdateAt();
      await time.setNextBlockTimestamp(next - 1n);
      await expect(f.oracle.connect(f.stranger).poke())
        .to.be.revertedWithCustomError(f.oracle, "PricingUpdateTooEarly")
        .withArgs(f.stranger.address, next - 1n, next);
      await time.setNextBlockTimestamp(next);
      await expect(f.oracle.connect(f.stranger).poke()).to.emit(f.oracle, "NetworkFeeUpdated");
      expect(await f.oracle.lastUpdate()).to.equal(next);
    });

    describe("given more demand than supply", () => {
      it("moves the EMAs by alpha and the price up by at most 12.5% per update", async () => {
        const f = await loadFixture(deployPricing);
        // demand 10, supply 2 in one interval: EMAs 0.2 x (10, 2) = (2.0, 0.4); target 1 x 2.0 / 0.4 = 5 QUIV.
        await expect(pokeAfter(f, HOUR, [[0, 10n, 2n]]))
          .to.emit(f.oracle, "PriceUpdated")
          .withArgs(0, QUIV, (QUIV * 1125n) / 1000n, 2n * WAD, (4n * WAD) / 10n);
        // no new activity: EMAs x 0.8 = (1.6, 0.32), target still 5 QUIV, +12.5% again.
        await expect(pokeAfter(f, HOUR))
          .to.emit(f.oracle, "PriceUpdated")
          .withArgs(0, 1_125_000_000_000_000_000n, 1_265_625_000_000_000_000n, (16n * WAD) / 10n, (32n * WAD) / 100n);
        const s = await f.oracle.getSizeClass(0);
        expect([s.pendingDemand, s.pendingSupply]).to.deep.equal([0n, 0n]);
      });

      it("stops at the ceiling", async () => {
        const f = await loadFixture(deployPricing);
        await f.oracle.setSizeClass(0, QUIV, QUIV / 10n, (QUIV * 105n) / 100n);
        await pokeAfter(f, HOUR, [[0, 10n, 2n]]);
        expect(await f.oracle.referencePrice(0)).to.equal((QUIV * 105n) / 100n);
      });

      it("treats demand without any supply as an infinite target (one bounded step up)", async () => {
        const f = await loadFixture(deployPricing);
        await pokeAfter(f, HOUR, [[1, 3n, 0n]]);
        expect(await f.oracle.referencePrice(1)).to.equal((5n * QUIV * 1125n) / 1000n);
        expect(await f.oracle.congestionBps()).to.equal(ethers.MaxUint256);
      });

      it("normalises activity to one interval when the update comes late", async () => {
        const f = await loadFixture(deployPricing);
        // 10 jobs over 2 hours = 5 per interval: demand EMA 0.2 x 5 = 1.0.
        await pokeAfter(f, 2n * HOUR, [[0, 10n, 3n]]);
        const s = await f.oracle.getSizeClass(0);
        expect([s.demandEma, s.supplyEma]).to.deep.equal([WAD, (3n * WAD) / 10n]);
      });
    });

    describe("given more supply than demand", () => {
      it("moves the price down by at most 12.5% and stops at the floor", async () => {
        const f = await loadFixture(deployPricing);
        await expect(pokeAfter(f, HOUR, [[0, 1n, 10n]]))
          .to.emit(f.oracle, "PriceUpdated")
          .withArgs(0, QUIV, (QUIV * 875n) / 1000n, (2n * WAD) / 10n, 2n * WAD);
        await f.oracle.setSizeClass(0, QUIV, (QUIV * 85n) / 100n, 10n * QUIV);
        await pokeAfter(f, HOUR);
        expect(await f.oracle.referencePrice(0)).to.equal((QUIV * 85n) / 100n);
      });
    });

    it("keeps the base rate without any activity", async () => {
      const f = await loadFixture(deployPricing);
      await pokeAfter(f, HOUR);
      await pokeAfter(f, HOUR);
      expect(await f.oracle.referencePrice(2)).to.equal(DEFAULT_SIZE_CLASSES[2].baseRate);
    });
  });

  describe("adaptive network fee", () => {
    it("raises the fee 10% when congestion is above 0.8", async () => {
      const f = await loadFixture(deployPricing);
      // congestion = 2.0 / 0.4 = 500%.
      await expect(pokeAfter(f, HOUR, [[0, 10n, 2n]]))
        .to.emit(f.oracle, "NetworkFeeUpdated")
        .withArgs(250n * WAD, 275n * WAD, 50_000n);
      expect(await f.oracle.networkFeeBps()).to.equal(275n);
    });

    it("cuts the fee 5% when congestion is below 0.3, and reads it rounded up to whole bps", async () => {
      const f = await loadFixture(deployPricing);
      await expect(pokeAfter(f, HOUR, [[0, 1n, 10n]]))
        .to.emit(f.oracle, "NetworkFeeUpdated")
        .withArgs(250n * WAD, 2375n * 10n ** 17n, 1_000n);
      expect(await f.oracle.networkFeeBpsWad()).to.equal(2375n * 10n ** 17n);
      expect(await f.oracle.networkFeeBps()).to.equal(238n);
    });

    it("leaves the fee alone at exactly 0.8 and exactly 0.3 (strict thresholds)", async () => {
      const f = await loadFixture(deployPricing);
      await expect(pokeAfter(f, HOUR, [[0, 4n, 5n]]))
        .to.emit(f.oracle, "NetworkFeeUpdated")
        .withArgs(250n * WAD, 250n * WAD, 8_000n);
      const g = await loadFixture(deployPricing);
      await expect(pokeAfter(g, HOUR, [[1, 3n, 10n]]))
        .to.emit(g.oracle, "NetworkFeeUpdated")
        .withArgs(250n * WAD, 250n * WAD, 3_000n);
    });

    it("sums the EMAs of all classes for congestion", async () => {
      const f = await loadFixture(deployPricing);
      // (10 + 1) / (2 + 48) = 0.22 -> cut, although class 0 alone is congested.
      await expect(
        pokeAfter(f, HOUR, [
          [0, 10n, 2n],
          [2, 1n, 48n],
        ]),
      )
        .to.emit(f.oracle, "NetworkFeeUpdated")
        .withArgs(250n * WAD, 2375n * 10n ** 17n, 2_200n);
    });

    it("clamps a raise at quiver.pricing.maxFeeBps", async () => {
      const f = await loadFixture(deployPricing);
      await setFeeBound(f, "quiver.pricing.maxFeeBps", 260n);
      await expect(pokeAfter(f, HOUR, [[0, 10n, 2n]]))
        .to.emit(f.oracle, "NetworkFeeUpdated")
        .withArgs(250n * WAD, 260n * WAD, 50_000n);
    });

    it("clamps a cut at quiver.pricing.minFeeBps", async () => {
      const f = await loadFixture(deployPricing);
      await setFeeBound(f, "quiver.pricing.minFeeBps", 245n);
      await expect(pokeAfter(f, HOUR))
        .to.emit(f.oracle, "NetworkFeeUpdated")
        .withArgs(250n * WAD, 245n * WAD, 0n);
    });

    it("lets the maximum win if governance sets min > max", async () => {
      const f = await loadFixture(deployPricing);
      await setFeeBound(f, "quiver.pricing.minFeeBps", 400n);
      await setFeeBound(f, "quiver.pricing.maxFeeBps", 300n);
      await expect(pokeAfter(f, HOUR))
        .to.emit(f.oracle, "NetworkFeeUpdated")
        .withArgs(250n * WAD, 300n * WAD, 0n);
    });
  });

  describe("access control", () => {
    it("every restricted function rejects an unauthorised caller", async () => {
      const f = await loadFixture(deployPricing);
      await expect(f.oracle.connect(f.stranger).setSizeClass(0, QUIV, QUIV, QUIV))
        .to.be.revertedWithCustomError(f.oracle, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, await f.oracle.PRICING_ADMIN_ROLE());
      await expect(f.oracle.connect(f.market).setSizeClass(0, QUIV, QUIV, QUIV))
        .to.be.revertedWithCustomError(f.oracle, "AccessControlUnauthorizedAccount")
        .withArgs(f.market.address, await f.oracle.PRICING_ADMIN_ROLE());
      await expect(f.oracle.connect(f.stranger).recordSettlement(0, 1n, 1n))
        .to.be.revertedWithCustomError(f.oracle, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, await f.oracle.MARKET_ROLE());
      await expect(f.oracle.recordSettlement(0, 1n, 1n))
        .to.be.revertedWithCustomError(f.oracle, "AccessControlUnauthorizedAccount")
        .withArgs(f.deployer.address, await f.oracle.MARKET_ROLE());
      await expect(f.oracle.connect(f.stranger).grantRole(await f.oracle.MARKET_ROLE(), f.stranger.address))
        .to.be.revertedWithCustomError(f.oracle, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, ethers.ZeroHash);
    });
  });
});
