import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { BaseContract, ContractTransactionResponse } from "ethers";
import { ROLES } from "../../../deploy/blocks/roles";
import { DAY, TOKEN, TYPES, deployGovernance, impersonate } from "../../helpers/fixtures/governance";

/**
 * Access-control matrix (X-AC-01 style): every restricted function of the governance stack, called by every actor
 * that is not authorised, reverts with the exact error. Contract actors (the Safes, the governor, the timelock)
 * are impersonated so the inner error is visible (a Safe transaction would only show GS013).
 */
async function deployWithActors() {
  const f = await deployGovernance();
  const timelock = await impersonate(await f.timelock.getAddress());
  const councilSafe = await impersonate(await f.council.getAddress());
  const guardianSafe = await impersonate(await f.guardian.getAddress());
  const governorAcct = await impersonate(await f.governor.getAddress());
  // A grant for alice, so `claim` has a target.
  await f.token.connect(f.treasuryEoa).transfer(await f.treasury.getAddress(), 1_000n * TOKEN);
  const now = await time.latest();
  await f.treasury.connect(timelock).createGrant(await f.token.getAddress(), f.alice.address, TOKEN, now, now, DAY);
  const actors: Record<string, HardhatEthersSigner> = {
    deployer: f.deployer,
    stranger: f.stranger,
    voter: f.team,
    councilOwner: f.councilOwners[0],
    guardianOwner: f.guardianOwners[0],
    councilSafe,
    guardianSafe,
    governor: governorAcct,
    timelock,
  };
  return { ...f, actors };
}

type Fx = Awaited<ReturnType<typeof deployWithActors>>;
interface Case {
  name: string;
  contract: (f: Fx) => BaseContract;
  call: (f: Fx, s: HardhatEthersSigner) => Promise<ContractTransactionResponse>;
  /** Actors allowed to call; every other actor must revert. */
  allowed: string[];
  /** Asserts the exact revert for an unauthorised actor. */
  check: (f: Fx, s: HardhatEthersSigner, p: Promise<ContractTransactionResponse>) => Promise<void>;
}

const role = (r: string) => (f: Fx, s: HardhatEthersSigner, p: Promise<unknown>, c: BaseContract) =>
  expect(p).to.be.revertedWithCustomError(c, "AccessControlUnauthorizedAccount").withArgs(s.address, r);

function acl(name: string, contract: (f: Fx) => BaseContract, r: string, allowed: string[], call: Case["call"]): Case {
  return { name, contract, call, allowed, check: (f, s, p) => role(r)(f, s, p, contract(f)) };
}

/** Ownable `onlyOwner` (the owner is the timelock). */
function owned(name: string, contract: (f: Fx) => BaseContract, allowed: string[], call: Case["call"]): Case {
  return {
    name,
    contract,
    call,
    allowed,
    check: (f, s, p) =>
      expect(p).to.be.revertedWithCustomError(contract(f), "OwnableUnauthorizedAccount").withArgs(s.address),
  };
}

/** onlyGovernance: only the timelock executing a governor proposal; a direct call from the timelock panics (empty queue). */
function gov(name: string, call: Case["call"], allowed: string[] = []): Case {
  return {
    name: `EconomyGovernor.${name}`,
    contract: (f) => f.governor,
    call,
    allowed,
    check: async (f, s, p) => {
      if (s.address === f.actors.timelock.address) await expect(p).to.be.revertedWithPanic(0x31);
      else await expect(p).to.be.revertedWithCustomError(f.governor, "GovernorOnlyExecutor").withArgs(s.address);
    },
  };
}

const CASES: Case[] = [
  gov("setVoteSource", async (f, s) => f.governor.connect(s).setVoteSource(await f.token.getAddress(), 1, false)),
  gov("setTypeConfig", (f, s) => f.governor.connect(s).setTypeConfig(0, TYPES[0])),
  gov("setPauseDuration", (f, s) => f.governor.connect(s).setPauseDuration(DAY)),
  gov("setVotingDelay", (f, s) => f.governor.connect(s).setVotingDelay(1)),
  gov("setVotingPeriod", (f, s) => f.governor.connect(s).setVotingPeriod(DAY)),
  gov("setProposalThreshold", (f, s) => f.governor.connect(s).setProposalThreshold(1)),
  gov("setLateQuorumVoteExtension", (f, s) => f.governor.connect(s).setLateQuorumVoteExtension(1)),
  gov("setProposalGuardian", (f, s) => f.governor.connect(s).setProposalGuardian(s.address)),
  gov("updateTimelock", (f, s) => f.governor.connect(s).updateTimelock(s.address)),
  gov("relay", (f, s) => f.governor.connect(s).relay(s.address, 0, "0x")),
  gov("unpause", (f, s) => f.governor.connect(s).unpause(), ["guardianSafe"]),
  {
    name: "EconomyGovernor.pause",
    contract: (f) => f.governor,
    call: (f, s) => f.governor.connect(s).pause(),
    allowed: ["guardianSafe"],
    check: (f, s, p) =>
      expect(p)
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorNotGuardian")
        .withArgs(s.address, f.actors.guardianSafe.address),
  },
  acl(
    "Treasury.spend",
    (f) => f.treasury,
    ROLES.DEFAULT_ADMIN,
    ["timelock"],
    async (f, s) => f.treasury.connect(s).spend(await f.token.getAddress(), s.address, 1n),
  ),
  acl(
    "Treasury.councilSpend",
    (f) => f.treasury,
    ROLES.COUNCIL,
    ["councilSafe"],
    async (f, s) => f.treasury.connect(s).councilSpend(await f.token.getAddress(), s.address, 1n),
  ),
  acl(
    "Treasury.setBudget",
    (f) => f.treasury,
    ROLES.DEFAULT_ADMIN,
    ["timelock"],
    async (f, s) => f.treasury.connect(s).setBudget(await f.token.getAddress(), 1n),
  ),
  acl(
    "Treasury.setBudgetPeriod",
    (f) => f.treasury,
    ROLES.DEFAULT_ADMIN,
    ["timelock"],
    (f, s) => f.treasury.connect(s).setBudgetPeriod(DAY),
  ),
  acl(
    "Treasury.createGrant",
    (f) => f.treasury,
    ROLES.DEFAULT_ADMIN,
    ["timelock"],
    async (f, s) => f.treasury.connect(s).createGrant(await f.token.getAddress(), s.address, 1n, 1n, 1n, 1n),
  ),
  acl(
    "Treasury.revokeGrant",
    (f) => f.treasury,
    ROLES.DEFAULT_ADMIN,
    ["timelock"],
    (f, s) => f.treasury.connect(s).revokeGrant(0),
  ),
  acl(
    "Treasury.grantRole",
    (f) => f.treasury,
    ROLES.DEFAULT_ADMIN,
    ["timelock"],
    (f, s) => f.treasury.connect(s).grantRole(ROLES.COUNCIL, s.address),
  ),
  acl(
    "Treasury.revokeRole",
    (f) => f.treasury,
    ROLES.DEFAULT_ADMIN,
    ["timelock"],
    (f, s) => f.treasury.connect(s).revokeRole(ROLES.COUNCIL, f.actors.councilSafe.address),
  ),
  {
    name: "Treasury.claim",
    contract: (f) => f.treasury,
    call: (f, s) => f.treasury.connect(s).claim(0),
    allowed: [],
    check: (f, s, p) =>
      expect(p).to.be.revertedWithCustomError(f.treasury, "TreasuryNotGrantee").withArgs(0, s.address, f.alice.address),
  },
  acl(
    "TimelockController.schedule",
    (f) => f.timelock,
    ROLES.PROPOSER,
    ["governor"],
    (f, s) => f.timelock.connect(s).schedule(s.address, 0, "0x", ethers.ZeroHash, ethers.ZeroHash, DAY),
  ),
  acl(
    "TimelockController.scheduleBatch",
    (f) => f.timelock,
    ROLES.PROPOSER,
    ["governor"],
    (f, s) => f.timelock.connect(s).scheduleBatch([s.address], [0], ["0x"], ethers.ZeroHash, ethers.ZeroHash, DAY),
  ),
  acl(
    "TimelockController.execute",
    (f) => f.timelock,
    ROLES.EXECUTOR,
    ["governor"],
    (f, s) => f.timelock.connect(s).execute(s.address, 0, "0x", ethers.ZeroHash, ethers.ZeroHash),
  ),
  acl(
    "TimelockController.executeBatch",
    (f) => f.timelock,
    ROLES.EXECUTOR,
    ["governor"],
    (f, s) => f.timelock.connect(s).executeBatch([s.address], [0], ["0x"], ethers.ZeroHash, ethers.ZeroHash),
  ),
  acl(
    "TimelockController.cancel",
    (f) => f.timelock,
    ROLES.CANCELLER,
    ["governor"], // not the guardian (SEC-08)
    (f, s) => f.timelock.connect(s).cancel(ethers.ZeroHash),
  ),
  acl(
    "TimelockController.grantRole",
    (f) => f.timelock,
    ROLES.DEFAULT_ADMIN,
    ["timelock"],
    (f, s) => f.timelock.connect(s).grantRole(ROLES.PROPOSER, s.address),
  ),
  {
    name: "TimelockController.updateDelay",
    contract: (f) => f.timelock,
    call: (f, s) => f.timelock.connect(s).updateDelay(0),
    allowed: ["timelock"],
    check: (f, s, p) =>
      expect(p).to.be.revertedWithCustomError(f.timelock, "TimelockUnauthorizedCaller").withArgs(s.address),
  },
  owned(
    "MockCappedVotesToken.mint",
    (f) => f.token,
    ["timelock"],
    (f, s) => f.token.connect(s).mint(s.address, 1n),
  ),
  owned(
    "MockCappedVotesToken.transferOwnership",
    (f) => f.token,
    ["timelock"],
    (f, s) => f.token.connect(s).transferOwnership(s.address),
  ),
  acl(
    "ParameterRegistry.set",
    (f) => f.registry,
    ROLES.PARAMETER_ADMIN,
    ["timelock"],
    (f, s) => f.registry.connect(s).set(ethers.id("toy.core.minimum"), 1_100n * TOKEN),
  ),
  acl(
    "ParameterRegistry.setBounds",
    (f) => f.registry,
    ROLES.PARAMETER_ADMIN,
    ["timelock"],
    (f, s) => f.registry.connect(s).setBounds(ethers.id("toy.core.minimum"), 1n, 2n ** 100n, 1n, DAY),
  ),
  acl(
    "ParameterRegistry.defineParameter",
    (f) => f.registry,
    ROLES.PARAMETER_ADMIN,
    ["timelock"],
    (f, s) =>
      f.registry
        .connect(s)
        .defineParameter({ key: ethers.id("x"), value: 1n, min: 0n, max: 2n, maxDelta: 1n, period: DAY }),
  ),
  acl(
    "ParameterRegistry.grantRole",
    (f) => f.registry,
    ROLES.DEFAULT_ADMIN,
    ["timelock"],
    (f, s) => f.registry.connect(s).grantRole(ROLES.PARAMETER_ADMIN, s.address),
  ),
];

describe("Access-control matrix of the governance stack", () => {
  for (const c of CASES) {
    it(`${c.name} reverts for every unauthorised actor`, async () => {
      const f = await loadFixture(deployWithActors);
      let checked = 0;
      for (const [name, signer] of Object.entries(f.actors)) {
        if (c.allowed.includes(name)) continue;
        await c.check(f, signer, c.call(f, signer));
        checked++;
      }
      expect(checked).to.be.greaterThan(5);
    });
  }
});
