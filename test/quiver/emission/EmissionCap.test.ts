import { expect } from "chai";
import { ethers, ignition } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import EmissionModule from "../../../deploy/quiver/modules/Emission";
import type { EmissionController, ParameterRegistry, QuivToken } from "../../../typechain-types";
import { QUIV, foundationGenesis } from "../fixtures/foundation";
import { setBoundsUnfrozen } from "../../helpers/registry";

const BASE = 250_000_000n * QUIV;
const L = 7n * 86_400n;

describe("EmissionController at the token cap", () => {
  /** A schedule of 250M QUIV per epoch with the inflation cap lifted, so the token cap binds. */
  async function fixture() {
    const [deployer, treasury, ecosystem, team, insurance] = await ethers.getSigners();
    const d = await ignition.deploy(EmissionModule, {
      parameters: {
        Foundation: foundationGenesis(treasury, ecosystem, team),
        Staking: { insuranceFund: insurance.address },
        Emission: { treasury: treasury.address, ecosystem: ecosystem.address, baseEpochEmission: BASE },
      },
    });
    const registry = d.registry as unknown as ParameterRegistry;
    const key = ethers.id("quiver.emission.maxInflationBps");
    await setBoundsUnfrozen(registry.connect(deployer), key, 0n, 1_000_000n, 1_000_000n, 365 * 86_400);
    await registry.connect(deployer).set(key, 1_000_000n);
    const emission = d.emission as unknown as EmissionController;
    return { quiv: d.quiv as unknown as QuivToken, emission, start: await emission.start() };
  }

  it("mints the exact remainder in the epoch that reaches the cap, then 0 without reverting", async () => {
    const { quiv, emission, start } = await loadFixture(fixture);
    const cap = await quiv.cap();
    for (let e = 0n; e < 2n; e++) {
      if (e > 0n) await time.increaseTo(start + e * L);
      await emission.triggerEpoch();
    }
    expect(await quiv.totalMinted()).to.equal(900_000_000n * QUIV);
    await time.increaseTo(start + 2n * L);
    expect(await emission.previewEmission()).to.equal(100_000_000n * QUIV);
    await expect(emission.triggerEpoch())
      .to.emit(emission, "EpochTriggered")
      .withArgs(
        2n,
        (v: unknown) => typeof v === "string",
        100_000_000n * QUIV,
        60_000_000n * QUIV,
        20_000_000n * QUIV,
        20_000_000n * QUIV,
      );
    expect(await quiv.totalMinted()).to.equal(cap);
    await time.increaseTo(start + 3n * L);
    await expect(emission.triggerEpoch())
      .to.emit(emission, "EpochTriggered")
      .withArgs(3n, (v: unknown) => typeof v === "string", 0n, 0n, 0n, 0n);
    expect(await quiv.totalMinted()).to.equal(cap);
  });
});
