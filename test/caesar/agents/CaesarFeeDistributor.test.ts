import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { CAESAR, DAY, REPORT_WINDOW, agentsDefaults, authOf, signAuth, tupleOf, type AgentsFixture } from "./fixtures";
import { distributionLegs, epochPayout, type AgentPoints } from "../../../sdk/caesar/core/rewards";

/** Sends `amount` from the treasury (exempt: no fee) to the distributor and splits it. */
async function fund(f: AgentsFixture, amount: bigint) {
  await f.token.connect(f.treasury).transfer(await f.distributor.getAddress(), amount);
  return f.distributor.distribute();
}

/** The fixture with the admin as a direct points recorder (the processor's role), for exact point values. */
async function withRecorder(): Promise<AgentsFixture> {
  const f = await agentsDefaults();
  await f.distributor.grantRole(await f.distributor.PROCESSOR_ROLE(), f.admin.address);
  return f;
}

describe("CaesarFeeDistributor", () => {
  describe("the 70/20/5/5 split", () => {
    for (const amount of [1n, 7n, 10_001n, 999_999n, 123_456_789_012_345_678_901n]) {
      it(`splits ${amount} wei to the wei: agents, treasury, infrastructure (to the reserve while unset), reserve + dust`, async () => {
        const f = await loadFixture(agentsDefaults);
        const { token, distributor, treasury, reserve } = f;
        const legs = distributionLegs(amount);
        expect(legs.agents + legs.treasury + legs.infra + legs.reserve).to.equal(amount);
        const t0 = await token.balanceOf(treasury.address);
        const r0 = await token.balanceOf(reserve.address);
        await expect(fund(f, amount))
          .to.emit(distributor, "Distributed")
          .withArgs(0n, amount, legs.agents, legs.treasury, legs.infra, legs.reserve);
        // The treasury funded it: its net change is -amount + its leg.
        expect(await token.balanceOf(treasury.address)).to.equal(t0 - amount + legs.treasury);
        expect(await token.balanceOf(reserve.address)).to.equal(r0 + legs.infra + legs.reserve);
        expect(await token.balanceOf(await distributor.getAddress())).to.equal(legs.agents);
        expect((await distributor.epochOf(0n)).pot).to.equal(legs.agents);
        const [received, agentsLeg, paid, swept, held] = await distributor.totals();
        expect([received, agentsLeg, paid, swept, held]).to.deep.equal([amount, legs.agents, 0n, 0n, legs.agents]);
      });
    }

    it("pays the infrastructure leg to its recipient once set, and splits nothing twice", async () => {
      const f = await loadFixture(agentsDefaults);
      const { token, distributor, admin, others } = f;
      const infra = others[0];
      await expect(distributor.connect(admin).setInfraRecipient(infra.address))
        .to.emit(distributor, "InfraRecipientChanged")
        .withArgs(infra.address);
      const amount = 1_000_003n * CAESAR + 19n;
      const legs = distributionLegs(amount);
      await fund(f, amount);
      expect(await token.balanceOf(infra.address)).to.equal(legs.infra);
      expect(await distributor.distribute.staticCall()).to.equal(0n);
    });

    it("settles the accrued demurrage and fees into the split", async () => {
      const f = await loadFixture(agentsDefaults);
      const { token, distributor, alice, bob } = f;
      await token.connect(alice).transfer(bob.address, 10_000n * CAESAR); // a fee to the accrual
      await time.increase(30 * DAY);
      const accrued = await token.accrued();
      expect(accrued).to.be.greaterThan(100n * CAESAR);
      const legs = distributionLegs(accrued);
      await expect(distributor.distribute())
        .to.emit(token, "AccrualSettled")
        .withArgs(await distributor.getAddress(), accrued)
        .and.to.emit(distributor, "Distributed")
        .withArgs(30n, accrued, legs.agents, legs.treasury, legs.infra, legs.reserve);
      expect(await token.accrued()).to.equal(0n);
    });
  });

  describe("epoch rewards", () => {
    it("pays each agent pot x weighted / total (floor) after the report window, and the last claim sweeps the dust", async () => {
      const f = await loadFixture(withRecorder);
      const { distributor, token, admin, reporter, agent1, agent2, others, reserve } = f;
      const agent3 = others[0];
      await distributor.connect(admin).recordPoints(agent1.address, 300n);
      await distributor.connect(admin).recordPoints(agent2.address, 700n);
      await distributor.connect(admin).recordPoints(agent3.address, 1n);
      await expect(distributor.connect(reporter).reportAccuracy(agent1.address, 0n, 9_000n))
        .to.emit(distributor, "AccuracyReported")
        .withArgs(agent1.address, 0n, 9_000n);
      const amount = 1_000_000_007n;
      await fund(f, amount);
      const pot = distributionLegs(amount).agents;
      const model = new Map<string, AgentPoints>([
        [agent1.address, { points: 300n, accuracyBps: 9_000n }],
        [agent2.address, { points: 700n }],
        [agent3.address, { points: 1n }],
      ]);
      const { rewards, dust } = epochPayout(pot, model);
      expect(dust).to.be.greaterThan(0n);
      expect(dust).to.be.lessThan(3n);
      const opens = await distributor.claimOpensAt(0n);
      expect(await distributor.epochLength()).to.equal(BigInt(DAY));
      await expect(distributor.connect(agent1).claim(0n)).to.be.revertedWithCustomError(
        distributor,
        "CaesarDistributorEpochNotClaimable",
      );
      await time.increaseTo(opens);
      for (const a of [agent1, agent2]) {
        const before = await token.balanceOf(a.address);
        expect(await distributor.claimable(a.address, 0n)).to.equal(rewards.get(a.address));
        // The agent's balance decays: it gains the reward less the base-unit rounding, exactly as quoted.
        const { net } = await token.quoteTransfer(await distributor.getAddress(), a.address, rewards.get(a.address)!);
        expect(rewards.get(a.address)! - net <= 1n).to.equal(true);
        await expect(distributor.connect(a).claim(0n))
          .to.emit(distributor, "RewardClaimed")
          .withArgs(a.address, 0n, rewards.get(a.address));
        expect(await token.balanceOf(a.address)).to.equal(before + net);
      }
      const r0 = await token.balanceOf(reserve.address);
      await expect(distributor.connect(agent3).claim(0n)).to.emit(distributor, "EpochSwept").withArgs(0n, dust);
      expect(await token.balanceOf(reserve.address)).to.equal(r0 + dust);
      const [, agentsLeg, paid, swept, held] = await distributor.totals();
      expect(paid + swept + held).to.equal(agentsLeg);
      expect(held).to.equal(0n);
      expect(await token.balanceOf(await distributor.getAddress())).to.equal(0n);
      await expect(distributor.connect(agent1).claim(0n))
        .to.be.revertedWithCustomError(distributor, "CaesarDistributorNothingToClaim")
        .withArgs(agent1.address, 0n);
    });

    it("relayed transfers earn the points the epoch pays: a full cycle through the processor", async () => {
      const f = await loadFixture(agentsDefaults);
      const { processor, distributor, token, alice, bob, agent1, agent2 } = f;
      const proc = await processor.getAddress();
      const a1 = await authOf(alice, bob.address, 500n * CAESAR);
      const a2 = await authOf(bob, alice.address, 1_500n * CAESAR);
      await processor.connect(agent1).process(tupleOf(a1), await signAuth(alice, a1, proc));
      await processor.connect(agent2).process(tupleOf(a2), await signAuth(bob, a2, proc));
      await distributor.distribute();
      const pot = (await distributor.epochOf(0n)).pot;
      const p1 = (await distributor.agentEpochOf(agent1.address, 0n)).points;
      const p2 = (await distributor.agentEpochOf(agent2.address, 0n)).points;
      const { rewards } = epochPayout(
        pot,
        new Map([
          [agent1.address, { points: p1 }],
          [agent2.address, { points: p2 }],
        ]),
      );
      await time.increaseTo(await distributor.claimOpensAt(0n));
      for (const a of [agent1, agent2]) {
        const before = await token.balanceOf(a.address);
        const { net } = await token.quoteTransfer(await distributor.getAddress(), a.address, rewards.get(a.address)!);
        await expect(distributor.connect(a).claim(0n))
          .to.emit(distributor, "RewardClaimed")
          .withArgs(a.address, 0n, rewards.get(a.address));
        expect(await token.balanceOf(a.address)).to.equal(before + net);
      }
    });

    it("closes reports after the window, after the first claim, and for future epochs", async () => {
      const f = await loadFixture(withRecorder);
      const { distributor, admin, reporter, agent1, agent2 } = f;
      await distributor.connect(admin).recordPoints(agent1.address, 10n);
      await distributor.connect(admin).recordPoints(agent2.address, 10n);
      await expect(distributor.connect(reporter).reportAccuracy(agent1.address, 1n, 1n))
        .to.be.revertedWithCustomError(distributor, "CaesarDistributorReportClosed")
        .withArgs(1n, 0n);
      await expect(distributor.connect(reporter).reportAccuracy(agent1.address, 0n, 10_001n))
        .to.be.revertedWithCustomError(distributor, "CaesarDistributorAccuracyTooHigh")
        .withArgs(10_001n);
      await time.increase(DAY); // epoch 0 ended, inside the report window
      await distributor.connect(reporter).reportAccuracy(agent2.address, 0n, 5_000n);
      expect((await distributor.epochOf(0n)).weighted).to.equal(10n * 10_000n + 10n * 5_000n);
      await time.increase(REPORT_WINDOW);
      await expect(distributor.connect(reporter).reportAccuracy(agent1.address, 0n, 1n))
        .to.be.revertedWithCustomError(distributor, "CaesarDistributorReportClosed")
        .withArgs(0n, 1n);
      await expect(distributor.connect(agent1).reportAccuracy(agent1.address, 1n, 1n))
        .to.be.revertedWithCustomError(distributor, "AccessControlUnauthorizedAccount")
        .withArgs(agent1.address, await distributor.REPORTER_ROLE());
    });

    it("counts an agent reported at 0 as unrewarded, so the others' claims sweep the epoch", async () => {
      const f = await loadFixture(withRecorder);
      const { distributor, admin, reporter, agent1, agent2 } = f;
      await distributor.connect(admin).recordPoints(agent1.address, 10n);
      await distributor.connect(admin).recordPoints(agent2.address, 10n);
      await fund(f, 10_000n);
      await distributor.connect(reporter).reportAccuracy(agent2.address, 0n, 0n);
      expect((await distributor.epochOf(0n)).rewarded).to.equal(1n);
      await time.increaseTo(await distributor.claimOpensAt(0n));
      await expect(distributor.connect(agent2).claim(0n))
        .to.be.revertedWithCustomError(distributor, "CaesarDistributorNothingToClaim")
        .withArgs(agent2.address, 0n);
      await expect(distributor.connect(agent1).claim(0n))
        .to.emit(distributor, "RewardClaimed")
        .withArgs(agent1.address, 0n, 7_000n)
        .and.to.emit(distributor, "EpochSwept")
        .withArgs(0n, 0n);
    });

    it("takes an accuracy of exactly 100%, and a report that restores an agent reported at 0 counts it again", async () => {
      const f = await loadFixture(withRecorder);
      const { distributor, admin, reporter, agent1 } = f;
      await distributor.connect(admin).recordPoints(agent1.address, 10n);
      await fund(f, 10_000n);
      await expect(distributor.connect(reporter).reportAccuracy(agent1.address, 0n, 10_000n))
        .to.emit(distributor, "AccuracyReported")
        .withArgs(agent1.address, 0n, 10_000n);
      await distributor.connect(reporter).reportAccuracy(agent1.address, 0n, 0n);
      expect((await distributor.epochOf(0n)).rewarded).to.equal(0n);
      await distributor.connect(reporter).reportAccuracy(agent1.address, 0n, 2_500n);
      expect((await distributor.epochOf(0n)).rewarded).to.equal(1n);
      expect((await distributor.epochOf(0n)).weighted).to.equal(10n * 2_500n);
      await time.increaseTo(await distributor.claimOpensAt(0n));
      expect((await distributor.epochOf(0n)).frozen).to.equal(false);
      await expect(distributor.connect(agent1).claim(0n))
        .to.emit(distributor, "RewardClaimed")
        .withArgs(agent1.address, 0n, 7_000n)
        .and.to.emit(distributor, "EpochSwept")
        .withArgs(0n, 0n);
      expect((await distributor.epochOf(0n)).frozen).to.equal(true); // the first claim freezes the epoch
    });

    it("a sweep freezes its epoch, and a 1-wei pot is swept to the reserve", async () => {
      const f = await loadFixture(withRecorder);
      const { distributor, token, reserve } = f;
      // 2 wei split 70/20/5/5: the agents' leg is floor(2 x 0.7) = 1 wei.
      await fund(f, 2n);
      expect((await distributor.epochOf(0n)).pot).to.equal(1n);
      await time.increase(DAY + REPORT_WINDOW);
      const tx = distributor.sweep(0n);
      await expect(tx).to.emit(distributor, "EpochSwept").withArgs(0n, 1n);
      await expect(tx).to.changeTokenBalances(token, [distributor, reserve], [-1n, 1n]);
      expect((await distributor.epochOf(0n)).frozen).to.equal(true);
    });

    it("sweeps an epoch without points to the reserve, once, and only when every rewarded agent claimed", async () => {
      const f = await loadFixture(withRecorder);
      const { distributor, token, admin, agent1, reserve } = f;
      await fund(f, 1_000n);
      await time.increase(DAY);
      await distributor.connect(admin).recordPoints(agent1.address, 5n); // epoch 1
      await time.increase(DAY + REPORT_WINDOW);
      const r0 = await token.balanceOf(reserve.address);
      await expect(distributor.sweep(0n)).to.emit(distributor, "EpochSwept").withArgs(0n, 700n);
      expect(await token.balanceOf(reserve.address)).to.equal(r0 + 700n);
      await expect(distributor.sweep(0n))
        .to.be.revertedWithCustomError(distributor, "CaesarDistributorNotSweepable")
        .withArgs(0n, 0n, 0n);
      await expect(distributor.sweep(1n))
        .to.be.revertedWithCustomError(distributor, "CaesarDistributorNotSweepable")
        .withArgs(1n, 1n, 0n);
      await expect(distributor.sweep(5n)).to.be.revertedWithCustomError(
        distributor,
        "CaesarDistributorEpochNotClaimable",
      );
    });

    it("announces its first treasury at deployment", async () => {
      const { distributor, treasury } = await loadFixture(agentsDefaults);
      await expect(distributor.deploymentTransaction())
        .to.emit(distributor, "TreasuryChanged")
        .withArgs(treasury.address);
    });

    it("records points only from the processor and lets only governance set the recipients", async () => {
      const { distributor, agent1, admin, others } = await loadFixture(agentsDefaults);
      await expect(distributor.connect(agent1).recordPoints(agent1.address, 1n))
        .to.be.revertedWithCustomError(distributor, "AccessControlUnauthorizedAccount")
        .withArgs(agent1.address, await distributor.PROCESSOR_ROLE());
      await expect(distributor.connect(agent1).setTreasury(agent1.address))
        .to.be.revertedWithCustomError(distributor, "AccessControlUnauthorizedAccount")
        .withArgs(agent1.address, ethers.ZeroHash);
      await expect(distributor.connect(admin).setTreasury(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        distributor,
        "CaesarDistributorZeroAddress",
      );
      await expect(distributor.connect(admin).setTreasury(others[1].address))
        .to.emit(distributor, "TreasuryChanged")
        .withArgs(others[1].address);
    });
  });
});
