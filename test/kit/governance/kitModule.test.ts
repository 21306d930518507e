import { expect } from "chai";
import { ethers, ignition } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ZeroAddress } from "ethers";
import KitModule from "../../../deploy/modules/Kit";
import { ROLES } from "../../../deploy/blocks/roles";
import type { EconomyGovernor, MockVotesSource, ParameterRegistry, Treasury } from "../../../typechain-types";

/** The default Kit module (deploy/modules/Kit.ts) on an existing votes token, as `ignition deploy` runs it. */
async function deployKitAlone() {
  const signers = await ethers.getSigners();
  const [deployer] = signers;
  const token = (await ethers.deployContract("MockVotesSource", ["Votes", true])) as unknown as MockVotesSource;
  const owners = (from: number) => signers.slice(from, from + 3).map((s) => s.address);
  const d = await ignition.deploy(KitModule, {
    parameters: {
      Kit: {
        voteToken: await token.getAddress(),
        councilOwners: owners(5),
        councilThreshold: 2,
        guardianOwners: owners(8),
        guardianThreshold: 2,
      },
    },
  });
  return {
    deployer,
    token,
    registry: d.registry as unknown as ParameterRegistry,
    governor: d.governor as unknown as EconomyGovernor,
    treasury: d.treasury as unknown as Treasury,
    timelock: await d.timelock.getAddress(),
  };
}

describe("Kit module (default export: the kit stack on one existing votes token)", () => {
  it("counts the given token as the governor's only vote source, at 1x, under the default name", async () => {
    const f = await loadFixture(deployKitAlone);
    expect(await f.governor.name()).to.equal("Kit Governor");
    const sources = await f.governor.voteSources();
    expect(sources.map((s) => [s.token, s.weightBps])).to.deep.equal([[await f.token.getAddress(), 10_000n]]);
  });

  it("starts with an empty registry and hands its roles to the timelock (the deployer keeps none)", async () => {
    const f = await loadFixture(deployKitAlone);
    expect(await f.registry.keyCount()).to.equal(0n);
    for (const role of [ROLES.DEFAULT_ADMIN, ROLES.PARAMETER_ADMIN]) {
      expect(await f.registry.hasRole(role, f.timelock), role).to.equal(true);
      expect(await f.registry.hasRole(role, f.deployer.address), role).to.equal(false);
    }
  });

  it("budgets ETH in the Treasury, administered by the timelock", async () => {
    const f = await loadFixture(deployKitAlone);
    expect(await f.treasury.hasRole(ROLES.DEFAULT_ADMIN, f.timelock)).to.equal(true);
    expect(await f.treasury.hasRole(ROLES.DEFAULT_ADMIN, f.deployer.address)).to.equal(false);
    expect(await f.treasury.budget(ZeroAddress)).to.equal(10n * 10n ** 18n);
  });
});
