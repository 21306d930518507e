import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { BaseContract } from "ethers";
import { ROLES } from "../../../deploy/blocks/roles";
import { SETTINGS, deployGovernance } from "../../helpers/fixtures/governance";

/** Current holders of every role of an AccessControl contract, replayed from RoleGranted/RoleRevoked. */
async function roleHolders(c: BaseContract): Promise<Map<string, Set<string>>> {
  const iface = c.interface;
  const logs = await ethers.provider.getLogs({ address: await c.getAddress(), fromBlock: 0 });
  const holders = new Map<string, Set<string>>();
  for (const log of logs) {
    const ev = iface.parseLog(log);
    if (!ev || (ev.name !== "RoleGranted" && ev.name !== "RoleRevoked")) continue;
    const role = ev.args.role as string;
    const set = holders.get(role) ?? new Set<string>();
    if (ev.name === "RoleGranted") set.add(ev.args.account as string);
    else set.delete(ev.args.account as string);
    holders.set(role, set);
  }
  return holders;
}

const sorted = (s: Set<string> | undefined) => [...(s ?? [])].sort();

describe("Governance module deployment (GOV-06, X-AC-02, X-DELAY-01)", () => {
  it("makes the governor the timelock's only proposer, executor and canceller; the guardian has no role (SEC-08)", async () => {
    const f = await loadFixture(deployGovernance);
    const h = await roleHolders(f.timelock);
    const [timelock, governor, guardian] = [
      await f.timelock.getAddress(),
      await f.governor.getAddress(),
      await f.guardian.getAddress(),
    ];
    expect(sorted(h.get(ROLES.DEFAULT_ADMIN))).to.deep.equal([timelock]);
    expect(sorted(h.get(ROLES.PROPOSER))).to.deep.equal([governor]);
    expect(sorted(h.get(ROLES.EXECUTOR))).to.deep.equal([governor]);
    expect(sorted(h.get(ROLES.CANCELLER))).to.deep.equal([governor]);
    for (const role of [ROLES.DEFAULT_ADMIN, ROLES.PROPOSER, ROLES.EXECUTOR, ROLES.CANCELLER]) {
      expect(await f.timelock.hasRole(role, guardian)).to.equal(false);
    }
    expect(await f.timelock.hasRole(ROLES.EXECUTOR, ethers.ZeroAddress)).to.equal(false);
    expect(await f.timelock.hasRole(ROLES.DEFAULT_ADMIN, f.deployer.address)).to.equal(false);
    expect(await f.timelock.getMinDelay()).to.equal(SETTINGS.timelockMinDelay);
    expect(await f.governor.timelock()).to.equal(timelock);
  });

  it("hands the vote token, the ParameterRegistry and the Treasury to the timelock, and no EOA holds any role", async () => {
    const f = await loadFixture(deployGovernance);
    const timelock = await f.timelock.getAddress();
    const expected: [BaseContract, string, string[]][] = [
      [f.registry, ROLES.DEFAULT_ADMIN, [timelock]],
      [f.registry, ROLES.PARAMETER_ADMIN, [timelock]],
      [f.treasury, ROLES.DEFAULT_ADMIN, [timelock]],
      [f.treasury, ROLES.COUNCIL, [await f.council.getAddress()]],
    ];
    for (const [c, role, holders] of expected) {
      expect(sorted((await roleHolders(c)).get(role))).to.deep.equal(holders);
    }
    // Role admins: every role is administered by DEFAULT_ADMIN_ROLE (the timelock).
    for (const role of [ROLES.PROPOSER, ROLES.EXECUTOR, ROLES.CANCELLER]) {
      expect(await f.timelock.getRoleAdmin(role)).to.equal(ROLES.DEFAULT_ADMIN);
    }
    expect(await f.registry.getRoleAdmin(ROLES.PARAMETER_ADMIN)).to.equal(ROLES.DEFAULT_ADMIN);
    expect(await f.treasury.getRoleAdmin(ROLES.COUNCIL)).to.equal(ROLES.DEFAULT_ADMIN);
    // No EOA anywhere.
    for (const c of [f.timelock, f.registry, f.treasury]) {
      for (const set of (await roleHolders(c)).values()) {
        for (const account of set) expect(await ethers.provider.getCode(account), account).to.not.equal("0x");
      }
    }
    // The vote token (Ownable) is owned by the timelock.
    expect(await f.token.owner()).to.equal(timelock);
    expect(await f.registry.hasRole(ROLES.PARAMETER_ADMIN, f.deployer.address)).to.equal(false);
  });

  it("creates the council and guardian as Safe 1.4.1 proxies with the configured owners and threshold", async () => {
    const f = await loadFixture(deployGovernance);
    const safeAbi = ["function VERSION() view returns (string)"];
    for (const [safe, owners] of [
      [f.council, f.councilOwners],
      [f.guardian, f.guardianOwners],
    ] as const) {
      expect(await safe.getOwners()).to.deep.equal(owners.map((o) => o.address));
      expect(await safe.getThreshold()).to.equal(2n);
      const v = new ethers.Contract(await safe.getAddress(), safeAbi, ethers.provider);
      expect(await v.VERSION()).to.equal("1.4.1");
    }
    expect(await f.governor.proposalGuardian()).to.equal(await f.guardian.getAddress());
  });
});
