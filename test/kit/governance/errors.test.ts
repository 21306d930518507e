import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployGovernance } from "../../helpers/fixtures/governance";

/**
 * OpenZeppelin errors the kit's governance stack inherits and exposes, reached here so that the error-reachability
 * test (test/kit/errors.test.ts) can tell an unreachable error from an untested one.
 */
describe("kit governance: inherited errors", () => {
  it("the governor refuses ETH (its executor is the timelock): GovernorDisabledDeposit", async () => {
    const f = await loadFixture(deployGovernance);
    await expect(
      f.deployer.sendTransaction({ to: await f.governor.getAddress(), value: 1n }),
    ).to.be.revertedWithCustomError(f.governor, "GovernorDisabledDeposit");
  });

  it("a vote by signature that the voter did not sign: GovernorInvalidSignature(voter)", async () => {
    const f = await loadFixture(deployGovernance);
    const forged = await f.stranger.signMessage("not a ballot");
    await expect(f.governor.castVoteBySig(1n, 1, f.alice.address, forged))
      .to.be.revertedWithCustomError(f.governor, "GovernorInvalidSignature")
      .withArgs(f.alice.address);
  });

  it("renouncing a role for another account: AccessControlBadConfirmation", async () => {
    const f = await loadFixture(deployGovernance);
    const role = ethers.ZeroHash;
    await expect(
      f.treasury.connect(f.stranger).renounceRole(role, await f.timelock.getAddress()),
    ).to.be.revertedWithCustomError(f.treasury, "AccessControlBadConfirmation");
  });
});
