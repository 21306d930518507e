import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployRegistry } from "../../helpers/fixtures/registry";
import { TOY_PARAMETERS, TOY_PERIOD } from "../../helpers/catalogue";
import { DAY } from "../../helpers/units";
import {
  PType,
  deployGovernance,
  descriptionHash,
  passProposal,
  type Proposal,
} from "../../helpers/fixtures/governance";
import { parameterKey } from "../../../sdk/kit/core/parameters";

/** The toy period (14 days in [1, 60] days, 7 days per 30 days), as the rate-limit tests below need it. */
const UNBONDING = TOY_PERIOD;
/** The same key in the registry the governance fixture deploys (seeded with the toy catalogue). */
const GOVERNED = TOY_PERIOD;

describe("ParameterRegistry", () => {
  describe("get", () => {
    it("reverts for an unknown key", async () => {
      const { registry } = await loadFixture(deployRegistry);
      const key = parameterKey("nope");
      await expect(registry.get(key)).to.be.revertedWithCustomError(registry, "ParameterUnknown").withArgs(key);
    });
  });

  describe("set", () => {
    it("changes a value within bounds and rate and emits ParameterChanged(old, new)", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      await expect(registry.connect(deployer).set(UNBONDING, 21n * DAY))
        .to.emit(registry, "ParameterChanged")
        .withArgs(UNBONDING, 14n * DAY, 21n * DAY);
      expect(await registry.get(UNBONDING)).to.equal(21n * DAY);
    });

    it("rejects values outside [min, max]", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      await expect(registry.connect(deployer).set(UNBONDING, DAY - 1n))
        .to.be.revertedWithCustomError(registry, "ParameterOutOfBounds")
        .withArgs(UNBONDING, DAY - 1n, DAY, 60n * DAY);
      await expect(registry.connect(deployer).set(UNBONDING, 60n * DAY + 1n))
        .to.be.revertedWithCustomError(registry, "ParameterOutOfBounds")
        .withArgs(UNBONDING, 60n * DAY + 1n, DAY, 60n * DAY);
    });

    it("rejects a change larger than maxDelta within a period", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      const p = await registry.getParameter(UNBONDING);
      // The seeding was less than a period ago; a change of 7 days + 1 s from 14 days is too fast.
      await expect(registry.connect(deployer).set(UNBONDING, 21n * DAY + 1n))
        .to.be.revertedWithCustomError(registry, "ParameterChangeTooFast")
        .withArgs(UNBONDING, 21n * DAY + 1n, 7n * DAY, 21n * DAY, p.lastChange + p.period);
    });

    it("bounds the sum of several changes inside one period by maxDelta", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      await registry.connect(deployer).set(UNBONDING, 18n * DAY);
      await registry.connect(deployer).set(UNBONDING, 21n * DAY);
      await expect(registry.connect(deployer).set(UNBONDING, 21n * DAY + 1n)).to.be.revertedWithCustomError(
        registry,
        "ParameterChangeTooFast",
      );
      // moving back inside the band is always fine, but not below it (the band is [14, 21] days)
      await registry.connect(deployer).set(UNBONDING, 14n * DAY);
      await expect(registry.connect(deployer).set(UNBONDING, 14n * DAY - 1n)).to.be.revertedWithCustomError(
        registry,
        "ParameterChangeTooFast",
      );
    });

    it("rejects unknown keys", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      const key = parameterKey("nope");
      await expect(registry.connect(deployer).set(key, 1n))
        .to.be.revertedWithCustomError(registry, "ParameterUnknown")
        .withArgs(key);
    });
  });

  describe("setBounds", () => {
    it("changes bounds and rate, opens a fresh band, freezes set for the old period, emits ParameterBoundsChanged", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      await expect(registry.connect(deployer).setBounds(UNBONDING, DAY, 30n * DAY, DAY, 7n * DAY))
        .to.emit(registry, "ParameterBoundsChanged")
        .withArgs(UNBONDING, DAY, 30n * DAY, DAY, 7n * DAY);
      const p = await registry.getParameter(UNBONDING);
      const now = BigInt(await time.latest());
      expect([p.min, p.max, p.maxDelta, p.period, p.bandLow, p.bandHigh, p.lastChange, p.frozenUntil]).to.deep.equal([
        DAY,
        30n * DAY,
        DAY,
        7n * DAY,
        14n * DAY,
        14n * DAY,
        now,
        now + 30n * DAY,
      ]);
      await time.increaseTo(now + 30n * DAY);
      await expect(registry.connect(deployer).set(UNBONDING, 15n * DAY + 1n)).to.be.revertedWithCustomError(
        registry,
        "ParameterChangeTooFast",
      );
      await registry.connect(deployer).set(UNBONDING, 15n * DAY);
    });

    it("rejects bounds that exclude the current value, min > max, a zero period or an unknown key", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      await expect(registry.connect(deployer).setBounds(UNBONDING, 20n * DAY, 30n * DAY, DAY, DAY))
        .to.be.revertedWithCustomError(registry, "ParameterOutOfBounds")
        .withArgs(UNBONDING, 14n * DAY, 20n * DAY, 30n * DAY);
      await expect(registry.connect(deployer).setBounds(UNBONDING, 30n * DAY, 20n * DAY, DAY, DAY))
        .to.be.revertedWithCustomError(registry, "ParameterInvalidBounds")
        .withArgs(UNBONDING, 30n * DAY, 20n * DAY, DAY);
      await expect(registry.connect(deployer).setBounds(UNBONDING, DAY, 30n * DAY, DAY, 0))
        .to.be.revertedWithCustomError(registry, "ParameterInvalidBounds")
        .withArgs(UNBONDING, DAY, 30n * DAY, 0);
      await expect(
        registry.connect(deployer).setBounds(parameterKey("nope"), 0, 1, 1, 1),
      ).to.be.revertedWithCustomError(registry, "ParameterUnknown");
    });
  });

  describe("defineParameter", () => {
    const def = { key: parameterKey("test.new"), value: 5n, min: 1n, max: 10n, maxDelta: 2n, period: 100n };

    it("defines a new parameter and emits ParameterDefined", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      await expect(registry.connect(deployer).defineParameter(def))
        .to.emit(registry, "ParameterDefined")
        .withArgs(def.key, 5n, 1n, 10n, 2n, 100n);
      expect(await registry.get(def.key)).to.equal(5n);
      expect(await registry.keyAt(TOY_PARAMETERS.length)).to.equal(def.key);
    });

    it("rejects a duplicate, the zero key, bad bounds and an out-of-bounds default", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      await expect(registry.connect(deployer).defineParameter({ ...def, key: UNBONDING }))
        .to.be.revertedWithCustomError(registry, "ParameterAlreadyDefined")
        .withArgs(UNBONDING);
      await expect(
        registry.connect(deployer).defineParameter({ ...def, key: ethers.ZeroHash }),
      ).to.be.revertedWithCustomError(registry, "ParameterZeroKey");
      await expect(registry.connect(deployer).defineParameter({ ...def, min: 11n }))
        .to.be.revertedWithCustomError(registry, "ParameterInvalidBounds")
        .withArgs(def.key, 11n, 10n, 100n);
      await expect(registry.connect(deployer).defineParameter({ ...def, value: 11n }))
        .to.be.revertedWithCustomError(registry, "ParameterOutOfBounds")
        .withArgs(def.key, 11n, 1n, 10n);
      expect(await registry.keyCount()).to.equal(BigInt(TOY_PARAMETERS.length));
    });

    it("rejects a zero admin at construction", async () => {
      const F = await ethers.getContractFactory("ParameterRegistry");
      await expect(F.deploy(ethers.ZeroAddress)).to.be.revertedWithCustomError(F, "ParameterZeroAdmin");
    });
  });

  describe("access control", () => {
    it("rejects every write from an account without PARAMETER_ADMIN_ROLE", async () => {
      const { registry, stranger } = await loadFixture(deployRegistry);
      const role = await registry.PARAMETER_ADMIN_ROLE();
      const def = { key: parameterKey("x"), value: 1n, min: 0n, max: 2n, maxDelta: 1n, period: 1n };
      const calls = [
        () => registry.connect(stranger).set(UNBONDING, 15n * DAY),
        () => registry.connect(stranger).setBounds(UNBONDING, DAY, 30n * DAY, DAY, DAY),
        () => registry.connect(stranger).defineParameter(def),
        () => registry.connect(stranger).defineParameters([def]),
      ];
      for (const c of calls) {
        await expect(c())
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(stranger.address, role);
      }
      expect(await registry.get(UNBONDING)).to.equal(14n * DAY);
    });
  });

  describe("SEC-12 the rate limit holds within any period, not only within fixed windows", () => {
    it("SEC-12 refuses a second maxDelta step across the old window boundary", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      const P = 30n * DAY;
      await time.increase(P); // far from the seeding
      const t0 = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t0);
      await registry.connect(deployer).set(UNBONDING, 14n * DAY); // a no-op change: under fixed windows it opens one
      await time.setNextBlockTimestamp(t0 + P - 1n);
      await registry.connect(deployer).set(UNBONDING, 21n * DAY); // +7 days: the whole maxDelta
      await time.setNextBlockTimestamp(t0 + P);
      // One second later, another +7 days would be 14 days of movement within 2 seconds.
      await expect(registry.connect(deployer).set(UNBONDING, 28n * DAY))
        .to.be.revertedWithCustomError(registry, "ParameterChangeTooFast")
        .withArgs(UNBONDING, 28n * DAY, 14n * DAY, 21n * DAY, t0 + P - 1n + P);
      expect(await registry.get(UNBONDING)).to.equal(21n * DAY);
    });

    it("SEC-12 refuses to swing from -maxDelta to +maxDelta around the start value", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      await registry.connect(deployer).set(UNBONDING, 7n * DAY);
      const t = BigInt(await time.latest());
      await expect(registry.connect(deployer).set(UNBONDING, 21n * DAY))
        .to.be.revertedWithCustomError(registry, "ParameterChangeTooFast")
        .withArgs(UNBONDING, 21n * DAY, 7n * DAY, 14n * DAY, t + 30n * DAY);
      await registry.connect(deployer).set(UNBONDING, 14n * DAY); // back inside the band is fine
    });

    it("SEC-12 opens a fresh band only a full period after the last change", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      await registry.connect(deployer).set(UNBONDING, 21n * DAY);
      const last = BigInt(await time.latest());
      await time.setNextBlockTimestamp(last + 30n * DAY - 1n);
      await expect(registry.connect(deployer).set(UNBONDING, 21n * DAY + 1n)).to.be.revertedWithCustomError(
        registry,
        "ParameterChangeTooFast",
      );
      await time.setNextBlockTimestamp(last + 30n * DAY);
      await expect(registry.connect(deployer).set(UNBONDING, 28n * DAY))
        .to.emit(registry, "ParameterChanged")
        .withArgs(UNBONDING, 21n * DAY, 28n * DAY);
      const p = await registry.getParameter(UNBONDING);
      expect([p.lastChange, p.bandLow, p.bandHigh]).to.deep.equal([last + 30n * DAY, 21n * DAY, 28n * DAY]);
    });
  });

  describe("SEC-13 a bounds change cannot loosen the rate limit of the same proposal", () => {
    it("SEC-13 refuses, through a real proposal, a set right after the setBounds that would allow it", async () => {
      const f = await loadFixture(deployGovernance);
      const reg = await f.registry.getAddress();
      const p: Proposal = {
        targets: [reg, reg],
        values: [0n, 0n],
        calldatas: [
          f.registry.interface.encodeFunctionData("setBounds", [GOVERNED, DAY, 60n * DAY, 46n * DAY, 30n * DAY]),
          f.registry.interface.encodeFunctionData("set", [GOVERNED, 60n * DAY]),
        ],
        description: "SEC-13: widen the toy period's rate limit, then jump from 14 to 60 days",
      };
      const id = await passProposal(f.governor, p, PType.EconomicParameter, [f.team]);
      await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
      const eta = await f.governor.proposalEta(id);
      await time.setNextBlockTimestamp(eta);
      await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
        .to.be.revertedWithCustomError(f.registry, "ParameterFrozen")
        .withArgs(GOVERNED, eta + 30n * DAY);
      expect(await f.registry.get(GOVERNED)).to.equal(14n * DAY);
    });

    it("SEC-13 freezes the value for the old period after setBounds; a second setBounds cannot shorten it", async () => {
      const { registry, deployer } = await loadFixture(deployRegistry);
      await registry.connect(deployer).setBounds(UNBONDING, DAY, 60n * DAY, 46n * DAY, DAY);
      const b = BigInt(await time.latest());
      // The new period is 1 day, but the freeze lasts the old 30 days, and re-setting bounds does not shorten it.
      await registry.connect(deployer).setBounds(UNBONDING, DAY, 60n * DAY, 46n * DAY, DAY);
      await time.setNextBlockTimestamp(b + 30n * DAY - 1n);
      await expect(registry.connect(deployer).set(UNBONDING, 15n * DAY))
        .to.be.revertedWithCustomError(registry, "ParameterFrozen")
        .withArgs(UNBONDING, b + 30n * DAY);
      await time.setNextBlockTimestamp(b + 30n * DAY);
      await expect(registry.connect(deployer).set(UNBONDING, 60n * DAY))
        .to.emit(registry, "ParameterChanged")
        .withArgs(UNBONDING, 14n * DAY, 60n * DAY);
    });
  });
});
