import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ZeroAddress } from "ethers";
import { ROLES } from "../../../deploy/blocks/roles";
import { parameterKey } from "../../../sdk/kit/core/parameters";
import { DAY, PType, descriptionHash, impersonate, passProposal, single } from "../../helpers/fixtures/governance";
import { QUIV } from "../fixtures/foundation";
import { deployQuiverGovernance } from "../fixtures/governance";

/**
 * QUIVer's own wiring of the Governance unit-test module (deploy/quiver/modules/Governance.ts): QUIV is the vote
 * token and is handed to the timelock (DEFAULT_ADMIN_ROLE, no minter), the registry holds the QUIVer catalogue,
 * and the Treasury budgets QUIV and ETH. The kit's governance stack itself is tested in test/kit/governance on a
 * kit-local votes token.
 */
const TIER1 = parameterKey("quiver.staking.tier1Min");

async function deployWithActors() {
  const f = await deployQuiverGovernance();
  const actors = {
    deployer: f.deployer,
    stranger: f.stranger,
    voter: f.team,
    councilOwner: f.councilOwners[0],
    guardianOwner: f.guardianOwners[0],
    councilSafe: await impersonate(await f.council.getAddress()),
    guardianSafe: await impersonate(await f.guardian.getAddress()),
    governor: await impersonate(await f.governor.getAddress()),
    timelock: await impersonate(await f.timelock.getAddress()),
  };
  return { ...f, actors };
}

describe("QUIVer Governance module (QUIV as the vote token)", () => {
  it("counts QUIV as the only vote source, under the QUIVer name", async () => {
    const f = await loadFixture(deployQuiverGovernance);
    expect(await f.governor.name()).to.equal("QUIVer Governor");
    const sources = await f.governor.voteSources();
    expect(sources.map((s) => [s.token, s.weightBps])).to.deep.equal([[await f.quiv.getAddress(), 10_000n]]);
  });

  it("hands QUIV to the timelock: the timelock is its only admin, nobody holds MINTER_ROLE", async () => {
    const f = await loadFixture(deployQuiverGovernance);
    const timelock = await f.timelock.getAddress();
    expect(await f.quiv.hasRole(ROLES.DEFAULT_ADMIN, timelock)).to.equal(true);
    expect(await f.quiv.hasRole(ROLES.DEFAULT_ADMIN, f.deployer.address)).to.equal(false);
    // Current holders of every QUIV role, replayed from RoleGranted/RoleRevoked: the timelock's admin role only.
    const holders = new Map<string, Set<string>>();
    for (const log of await ethers.provider.getLogs({ address: await f.quiv.getAddress(), fromBlock: 0 })) {
      const ev = f.quiv.interface.parseLog(log);
      if (!ev || (ev.name !== "RoleGranted" && ev.name !== "RoleRevoked")) continue;
      const set = holders.get(ev.args.role as string) ?? new Set<string>();
      if (ev.name === "RoleGranted") set.add(ev.args.account as string);
      else set.delete(ev.args.account as string);
      holders.set(ev.args.role as string, set);
    }
    expect([...holders].map(([role, set]) => [role, [...set]])).to.deep.equal([[ROLES.DEFAULT_ADMIN, [timelock]]]);
    expect(await f.quiv.getRoleAdmin(ROLES.MINTER)).to.equal(ROLES.DEFAULT_ADMIN);
    for (const account of [timelock, f.deployer.address, await f.governor.getAddress()]) {
      expect(await f.quiv.hasRole(ROLES.MINTER, account)).to.equal(false);
    }
  });

  it("QuivToken.mint reverts for every actor, QuivToken.grantRole for every actor but the timelock", async () => {
    const f = await loadFixture(deployWithActors);
    let checked = 0;
    for (const [name, s] of Object.entries(f.actors)) {
      await expect(f.quiv.connect(s).mint(s.address, 1n))
        .to.be.revertedWithCustomError(f.quiv, "AccessControlUnauthorizedAccount")
        .withArgs(s.address, ROLES.MINTER);
      if (name === "timelock") continue;
      await expect(f.quiv.connect(s).grantRole(ROLES.MINTER, s.address))
        .to.be.revertedWithCustomError(f.quiv, "AccessControlUnauthorizedAccount")
        .withArgs(s.address, ROLES.DEFAULT_ADMIN);
      checked++;
    }
    expect(checked).to.be.greaterThan(5);
  });

  it("seeds the registry with the QUIVer catalogue and lets an EconomicParameter proposal change tier1Min", async () => {
    const f = await loadFixture(deployQuiverGovernance);
    expect(await f.registry.get(TIER1)).to.equal(1_000n * QUIV);
    const p = single(
      await f.registry.getAddress(),
      f.registry.interface.encodeFunctionData("set", [TIER1, 1_400n * QUIV]),
      "Set tier1Min to 1,400 QUIV",
    );
    const id = await passProposal(f.governor, p, PType.EconomicParameter, [f.team]);
    await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
    await ethers.provider.send("evm_setNextBlockTimestamp", [Number(await f.governor.proposalEta(id))]);
    await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
      .to.emit(f.registry, "ParameterChanged")
      .withArgs(TIER1, 1_000n * QUIV, 1_400n * QUIV);
    expect(await f.registry.get(TIER1)).to.equal(1_400n * QUIV);
  });

  it("budgets 1M QUIV and 10 ETH per 30 days for the council", async () => {
    const f = await loadFixture(deployQuiverGovernance);
    expect(await f.treasury.budget(await f.quiv.getAddress())).to.equal(1_000_000n * QUIV);
    expect(await f.treasury.budget(ZeroAddress)).to.equal(10n * 10n ** 18n);
    expect(await f.treasury.budgetPeriod()).to.equal(30n * BigInt(DAY));
  });
});
