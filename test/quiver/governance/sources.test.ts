import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  PType,
  TYPES,
  deployGovernorDirect,
  descriptionHash,
  passProposal,
  single,
} from "../../helpers/fixtures/governance";
import { QUIV } from "../fixtures/foundation";
import { deployQuiver } from "../fixtures/quiver";

const TOTAL_QUIV = 400_000_000n * QUIV;
const BPS = 10_000n;

/** The weighted vote sources on the QUIVer preset (moved from the shared test/kit/governance/sources.test.ts). */
describe("EconomyGovernor weighted vote sources (GovernorWeightedVotes)", () => {
  describe("SEC-10 given the QUIVer preset (QUIV 1x, staked QUIV 1.5x)", () => {
    it("SEC-10 counts each staked QUIV once in the quorum base, at the staked weight", async () => {
      const f = await loadFixture(deployQuiver);
      const staking = await f.staking.getAddress();
      const staked = 10_000_000n * QUIV;
      await f.quiv.connect(f.team).approve(staking, staked);
      await f.staking.connect(f.team).registerProvider(1_000n);
      await f.staking.connect(f.team).stake(staked);
      await time.increase(1);
      const t = (await time.latest()) - 1;
      expect(await f.quiv.getPastTotalSupply(t)).to.equal(TOTAL_QUIV); // the staked QUIV is still QUIV supply
      expect(await f.quiv.balanceOf(staking)).to.equal(staked);
      expect(await f.staking.getPastTotalSupply(t)).to.equal(staked);
      // 390M free QUIV at 1x + 10M staked QUIV at 1.5x = 405M (was 400M + 15M = 415M: staked counted 2.5x).
      const base = TOTAL_QUIV - staked + (staked * 15_000n) / BPS;
      expect(base).to.equal(405_000_000n * QUIV);
      expect(await f.governor.weightedPastTotalSupply(t)).to.equal(base);
      expect(await f.governor.quorum(t)).to.equal((base * BigInt(TYPES[PType.TechnicalUpgrade].quorumBps)) / BPS);
      // The staker's own weight: 1.5x its stake, nothing from the QUIV the staking contract holds.
      expect(await f.governor.getVotes(f.team.address, t)).to.equal((staked * 15_000n) / BPS);
      expect(await f.governor.getVotes(staking, t)).to.equal(0n);
    });

    it("SEC-10 keeps the wrapsFirst flag fixed, refuses it on the first source, and still subtracts a disabled wrapper", async () => {
      const f = await loadFixture(deployQuiver);
      const [quiv, staking] = [await f.quiv.getAddress(), await f.staking.getAddress()];
      const gov = await f.governor.getAddress();
      await f.quiv.connect(f.team).delegate(f.team.address);
      await time.increase(1);
      for (const [token, weight, flag] of [
        [staking, 15_000, false],
        [quiv, 10_000, true],
      ] as const) {
        const data = f.governor.interface.encodeFunctionData("setVoteSource", [token, weight, flag]);
        const p = single(gov, data, `SEC-10 flip wrapsFirst of ${token}`);
        await passProposal(f.governor, p, PType.EmergencyAction, [f.team]);
        await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
        await time.increase(DAY);
        await expect(f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
          .to.be.revertedWithCustomError(f.governor, "EconomyGovernorInvalidSource")
          .withArgs(token);
      }
      const params = {
        name: "G",
        votingDelay: DAY,
        votingPeriod: 5 * DAY,
        proposalThreshold: 1n,
        lateQuorumExtension: DAY,
        timelock: await f.timelock.getAddress(),
        guardian: await f.guardian.getAddress(),
        pauseDuration: DAY,
        quadratic: false,
        sources: [{ token: quiv, weightBps: 10_000, wrapsFirst: true }],
        types: TYPES,
      };
      await expect(deployGovernorDirect(params))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorInvalidSource")
        .withArgs(quiv);
      // Staked QUIV switched off: it cannot vote at all, so it leaves the base entirely.
      const staked = 10_000_000n * QUIV;
      await f.quiv.connect(f.team).approve(staking, staked);
      await f.staking.connect(f.team).registerProvider(1_000n);
      await f.staking.connect(f.team).stake(staked);
      const off = single(gov, f.governor.interface.encodeFunctionData("setVoteSource", [staking, 0, true]), "off");
      await passProposal(f.governor, off, PType.EmergencyAction, [f.team]);
      await f.governor.queue(off.targets, off.values, off.calldatas, descriptionHash(off));
      await time.increase(DAY);
      await f.governor.execute(off.targets, off.values, off.calldatas, descriptionHash(off));
      await time.increase(1);
      expect(await f.governor.weightedPastTotalSupply((await time.latest()) - 1)).to.equal(TOTAL_QUIV - staked);
    });
  });
});
