import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployCaesarRegistry } from "../fixtures";
import { caesarDefault } from "../../../sdk/caesar/core/parameters";
import {
  controllerUpdate,
  stabilityOutputs,
  type ControllerState,
  type StabilityGains,
} from "../../../sdk/caesar/core/stability";
import { fcRuns } from "../../helpers/fc";
import type { MockPriceSource, ParameterRegistry, StabilityController } from "../../../typechain-types";
import { DAY, HOUR } from "../../helpers/units";
import { WAD } from "../../../sdk/kit/core/math";

const GAINS: StabilityGains = {
  deadbandBps: caesarDefault("caesar.stability.deadbandBps"),
  kpBps: caesarDefault("caesar.stability.kpBps"),
  kiBps: caesarDefault("caesar.stability.kiBps"),
  leakBps: caesarDefault("caesar.stability.leakBps"),
  maxOutputBps: caesarDefault("caesar.stability.maxOutputBps"),
};

async function controllerFixture() {
  const [admin, guardian, anyone] = await ethers.getSigners();
  const registry = (await deployCaesarRegistry(admin)) as ParameterRegistry;
  const source = (await ethers.deployContract("MockPriceSource")) as unknown as MockPriceSource;
  const controller = (await ethers.deployContract("StabilityController", [
    await registry.getAddress(),
    await source.getAddress(),
    admin.address,
  ])) as unknown as StabilityController;
  await controller.grantRole(await controller.GUARDIAN_ROLE(), guardian.address);
  return { admin, guardian, anyone, registry, source, controller };
}

type F = Awaited<ReturnType<typeof controllerFixture>>;

/** Sets the price and updates exactly `dt` seconds after the last update. */
async function stepAt(f: F, price: bigint, dt: bigint) {
  await f.source.set(price);
  const last = (await f.controller.status()).lastUpdate;
  await time.setNextBlockTimestamp(last + dt);
  return f.controller.connect(f.anyone).update();
}

function stateOf(s: Awaited<ReturnType<StabilityController["status"]>>): ControllerState {
  return { lastUpdate: s[1], market: s[3], deviation: s[5], integral: s[6], output: s[7] };
}

describe("StabilityController and its StabilityMath library (deadband, leak, clamp, deviation cap)", () => {
  it("produces the exact outputs of a scripted price path (mirrored by the SDK)", async () => {
    const f = await loadFixture(controllerFixture);
    // price, dt, deviation, integral, output, level (bps)
    const path: [bigint, bigint, bigint, bigint, bigint][] = [
      [12n * 10n ** 17n, HOUR, 2n * 10n ** 17n, 540n * WAD, 75_625_000_000_000_000n], // +20%: beyond the band
      [104n * 10n ** 16n, HOUR, 4n * 10n ** 16n, 534_600_000_000_000_000_000n, 618_750_000_000_000n], // inside: leak only
      [8n * 10n ** 17n, 2n * HOUR, -2n * 10n ** 17n, -550_746_000_000_000_000_000n, -75_637_437_500_000_000n],
      [5n * 10n ** 17n, 30n * DAY, -5n * 10n ** 17n, -39_425_238_540_000_000_000_000n, -(10n ** 17n)], // clamped, 1-day step
      [WAD, HOUR, 0n, -39_030_986_154_600_000_000_000n, -45_174_752_493_750_000n], // on target: the integral leaks
    ];
    let model: ControllerState = stateOf(await f.controller.status());
    for (const [price, dt, dev, integral, output] of path) {
      const tx = await stepAt(f, price, dt);
      const factor = 10_000n + (output < 0n ? -output : output) / 10n ** 14n;
      await expect(tx).to.emit(f.controller, "StabilityUpdated").withArgs(price, WAD, dev, integral, output, factor);
      const s = await f.controller.status();
      expect([s[3], s[5], s[6], s[7], s[8]]).to.deep.equal([price, dev, integral, output, factor]);
      model = controllerUpdate(model, model.lastUpdate + dt, price, WAD, GAINS);
      expect([model.market, model.deviation, model.integral, model.output]).to.deep.equal([
        price,
        dev,
        integral,
        output,
      ]);
    }
    // the last state: 451 bps below target -> buy bonus and sell penalty 451 bps, demurrage 100 - 22 bps
    const s = await f.controller.status();
    expect([s[10], s[11], s[12], s[13], s[14]]).to.deep.equal([451n, 0n, 0n, 451n, 78n]);
    const o = stabilityOutputs(s[7], s[5], false, 100n, GAINS.maxOutputBps, 5_000n);
    expect([o.buyBonusBps, o.buyPenaltyBps, o.sellBonusBps, o.sellPenaltyBps, o.demurrageBps]).to.deep.equal([
      451n,
      0n,
      0n,
      451n,
      78n,
    ]);
    expect(await f.controller.stabilityFactor()).to.deep.equal([10_451n, 0n]);
  });

  it("penalises buys and rewards sells above target, with the demurrage rate unchanged", async () => {
    const f = await loadFixture(controllerFixture);
    await stepAt(f, 12n * 10n ** 17n, HOUR);
    const s = await f.controller.status();
    expect([s[9], s[10], s[11], s[12], s[13], s[14]]).to.deep.equal([2_000n, 0n, 756n, 756n, 0n, 100n]);
  });

  it("deadband edge: exactly +-5% is no error, one wei beyond is", async () => {
    const f = await loadFixture(controllerFixture);
    await stepAt(f, 105n * 10n ** 16n, HOUR);
    expect((await f.controller.status())[6]).to.equal(0n);
    await stepAt(f, 95n * 10n ** 16n, HOUR);
    expect((await f.controller.status())[6]).to.equal(0n);
    await stepAt(f, 105n * 10n ** 16n + 1n, HOUR);
    const s = await f.controller.status();
    expect([s[5], s[6]]).to.deep.equal([5n * 10n ** 16n + 1n, 3_600n]);
  });

  it("clamp edge: the output stops at +-maxOutput, exactly there and not beyond", async () => {
    const f = await loadFixture(controllerFixture);
    // kp 0.5, no integral yet beyond: error e with 0.5 e + e*3600*0.1/86400 = 0.1 -> the bound reached from 25%+
    await stepAt(f, 3n * WAD, HOUR); // +200%
    expect((await f.controller.status())[7]).to.equal(10n ** 17n);
    await stepAt(f, 10n ** 12n, DAY); // -100%
    expect((await f.controller.status())[7]).to.equal(-(10n ** 17n));
    expect((await f.controller.stabilityFactor())[0]).to.equal(11_000n);
  });

  it("leak edge: inside the band the integral shrinks by exactly leakBps per update, also after governance changes the leak", async () => {
    const f = await loadFixture(controllerFixture);
    await stepAt(f, 12n * 10n ** 17n, HOUR);
    const i0 = (await f.controller.status())[6];
    await stepAt(f, WAD, HOUR);
    expect((await f.controller.status())[6]).to.equal((i0 * 9_900n) / 10_000n);
    await f.registry.set(ethers.id("caesar.stability.leakBps"), 200n);
    const i1 = (await f.controller.status())[6];
    await stepAt(f, WAD, HOUR);
    expect((await f.controller.status())[6]).to.equal((i1 * 9_800n) / 10_000n);
  });

  it("refuses an update before the interval with the next allowed time", async () => {
    const f = await loadFixture(controllerFixture);
    const last = (await f.controller.status()).lastUpdate;
    await time.setNextBlockTimestamp(last + HOUR - 1n);
    await expect(f.controller.update())
      .to.be.revertedWithCustomError(f.controller, "StabilityUpdateTooEarly")
      .withArgs(last + HOUR, last + HOUR - 1n);
    expect((await f.controller.status()).nextUpdateAt).to.equal(last + HOUR);
  });

  it("lets the guardian pause the stabilizer: neutral outputs, updates refused; then resume", async () => {
    const f = await loadFixture(controllerFixture);
    await stepAt(f, 12n * 10n ** 17n, HOUR);
    await expect(f.controller.connect(f.anyone).setPaused(true))
      .to.be.revertedWithCustomError(f.controller, "AccessControlUnauthorizedAccount")
      .withArgs(f.anyone.address, await f.controller.GUARDIAN_ROLE());
    await expect(f.controller.connect(f.guardian).setPaused(true))
      .to.emit(f.controller, "StabilizerPaused")
      .withArgs(f.guardian.address, true);
    await expect(f.controller.connect(f.guardian).setPaused(true))
      .to.be.revertedWithCustomError(f.controller, "StabilityPauseUnchanged")
      .withArgs(true);
    expect(await f.controller.stabilityFactor()).to.deep.equal([10_000n, 0n]);
    const s = await f.controller.status();
    expect([s[0], s[8], s[9], s[11], s[12]]).to.deep.equal([true, 10_000n, 0n, 0n, 0n]);
    await time.increase(HOUR);
    await expect(f.controller.update()).to.be.revertedWithCustomError(f.controller, "StabilityPaused");
    await expect(f.controller.connect(f.guardian).setPaused(false))
      .to.emit(f.controller, "StabilizerPaused")
      .withArgs(f.guardian.address, false);
    await expect(f.controller.update()).to.emit(f.controller, "StabilityUpdated");
  });

  it("lets only the admin change the price source, never to zero", async () => {
    const f = await loadFixture(controllerFixture);
    const other = await ethers.deployContract("MockPriceSource");
    await expect(f.controller.setPriceSource(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      f.controller,
      "StabilityZeroAddress",
    );
    await expect(f.controller.connect(f.anyone).setPriceSource(await other.getAddress()))
      .to.be.revertedWithCustomError(f.controller, "AccessControlUnauthorizedAccount")
      .withArgs(f.anyone.address, ethers.ZeroHash);
    await expect(f.controller.setPriceSource(await other.getAddress()))
      .to.emit(f.controller, "PriceSourceChanged")
      .withArgs(await other.getAddress());
    expect(await f.controller.source()).to.equal(await other.getAddress());
    const factory = await ethers.getContractFactory("StabilityController");
    await expect(
      factory.deploy(await f.registry.getAddress(), ethers.ZeroAddress, f.admin.address),
    ).to.be.revertedWithCustomError(factory, "StabilityZeroAddress");
  });

  it("caps a huge market price at uint128 and the deviation at +10,000%", async () => {
    const f = await loadFixture(controllerFixture);
    await stepAt(f, 2n ** 200n, HOUR);
    const s = await f.controller.status();
    expect([s[3], s[5]]).to.deep.equal([2n ** 128n - 1n, 100n * WAD]);
  });

  it("matches the SDK mirror over random price paths and time steps (differential)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            price: fc.bigInt({ min: 10n ** 12n, max: 10n ** 21n }),
            dt: fc.bigInt({ min: HOUR, max: 3n * DAY }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (steps) => {
          const f = await loadFixture(controllerFixture);
          let model = stateOf(await f.controller.status());
          for (const { price, dt } of steps) {
            await stepAt(f, price, dt);
            model = controllerUpdate(model, model.lastUpdate + dt, price, WAD, GAINS);
            const s = await f.controller.status();
            expect(stateOf(s)).to.deep.equal(model);
            const o = stabilityOutputs(model.output, model.deviation, false, 100n, GAINS.maxOutputBps, 5_000n);
            expect([s[8], s[9], s[10], s[11], s[12], s[13], s[14]]).to.deep.equal([
              o.factorBps,
              o.deviationBps,
              o.buyBonusBps,
              o.buyPenaltyBps,
              o.sellBonusBps,
              o.sellPenaltyBps,
              o.demurrageBps,
            ]);
          }
        },
      ),
      fcRuns(15),
    );
  });
});
