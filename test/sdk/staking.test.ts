import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployQuiver } from "../quiver/fixtures/quiver";
import { ContractRevertError, InvalidArgumentError, parameterKey, split } from "../../sdk/kit/core";
import { encodeRequest, ensureAllowance, send, buildTransfer } from "../../sdk/kit/tx";
import { FeedStatus } from "../../sdk/quiver/core/emission";
import {
  buildDelegateStake,
  previewEmissionEpochs,
  readEmissionStatus,
  readPool,
  readSlashCase,
  readStakePosition,
  readStakingTotals,
  readTier,
  readUnbondings,
  buildAppealSlash,
  buildRegisterProvider,
  buildStake,
  buildSetLocalFeedAnswer,
  buildTriggerEpoch,
  buildUnbond,
  buildClaimRewards,
  growthAnswerFor,
  buildSetCommission,
  triggerEpoch,
  buildWithdrawUnbonding,
} from "../../sdk/quiver";
import { DAY } from "../helpers/units";
import { TOKEN as Q } from "../helpers/units";

const WEEK = 7n * DAY;

/** The preset with a funded provider (10,000 self stake, 10% commission) and a delegator (5,000). */
async function staked() {
  const f = await deployQuiver();
  const [provider, delegator, outsider] = f.signers.slice(10, 13);
  const quiv = await f.quiv.getAddress();
  const staking = await f.staking.getAddress();
  const emission = await f.emission.getAddress();
  for (const who of [provider, delegator, outsider])
    await send(f.ecosystem, buildTransfer(quiv, who.address, 100_000n * Q));
  await send(provider, buildRegisterProvider(staking, 1_000n));
  await ensureAllowance(provider, quiv, staking, 10_000n * Q);
  await send(provider, buildStake(staking, 10_000n * Q));
  await ensureAllowance(delegator, quiv, staking, 5_000n * Q);
  await send(delegator, buildDelegateStake(staking, provider.address, 5_000n * Q));
  return { ...f, provider, delegator, outsider, quivAddress: quiv, stakingAddress: staking, emissionAddress: emission };
}

describe("SDK staking and emission (QUIVer preset, in-process chain)", () => {
  describe("builders", () => {
    const s = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    it("reject negative amounts, commissions above 100% and bad addresses before anything is sent", () => {
      expect(() => buildStake(s, -1n)).to.throw(InvalidArgumentError, /negative/);
      expect(() => buildRegisterProvider(s, 10_001n)).to.throw(InvalidArgumentError, /at most 10000/);
      expect(() => buildDelegateStake(s, "0x1234", 1n)).to.throw(InvalidArgumentError, /20-byte/);
      expect(() => buildUnbond(s, "0x15d34aAf54267DB7D7c367839AAf71A00a2C6A65", 1n)).to.throw(/bad checksum/);
      expect(encodeRequest(buildTriggerEpoch(s))).to.deep.equal({
        to: s,
        data: ethers.id("triggerEpoch()").slice(0, 10),
        value: 0n,
      });
    });
  });

  describe("given a provider with a delegator", () => {
    it("reads the pool, tier, positions and totals", async () => {
      const f = await loadFixture(staked);
      const pool = await readPool(f.staking, f.provider.address);
      expect(pool).to.deep.include({
        registered: true,
        tier: 2, // 15,000 QUIV bonded: tier 2 starts at 10,000
        openCases: 0,
        commissionBps: 1_000n,
        bondedTokens: 15_000n * Q,
        unbondingTokens: 0n,
      });
      expect(await readTier(f.staking, f.provider.address)).to.equal(2);
      expect(await readTier(f.staking, f.outsider.address)).to.equal(0);
      expect((await readPool(f.staking, f.outsider.address)).registered).to.equal(false);
      const pos = await readStakePosition(f.staking, f.provider.address, f.delegator.address);
      expect([pos.stake, pos.pendingRewards]).to.deep.equal([5_000n * Q, 0n]);
      expect(await readStakingTotals(f.staking)).to.deep.equal({
        bonded: 15_000n * Q,
        unbonding: 0n,
        rewardsOwed: 0n,
        queuedRewards: 0n,
      });
      // ensureAllowance sends nothing when the allowance suffices.
      await ensureAllowance(f.outsider, f.quivAddress, f.stakingAddress, 0n).then((r) => expect(r).to.equal(undefined));
    });

    it("triggers an epoch: the split matches the registry shares and the staking leg becomes claimable rewards", async () => {
      const f = await loadFixture(staked);
      const status = await readEmissionStatus(f.emission);
      expect(status).to.deep.include({ currentEpoch: 0n, triggerable: true, epochLength: WEEK });
      const r = await triggerEpoch(f.outsider, f.emissionAddress);
      expect(r.epoch).to.equal(0n);
      expect(r.amount).to.equal(status.previewEmission);
      expect([r.toStaking, r.toTreasury, r.toEcosystem]).to.deep.equal(split(r.amount, [6_000n, 2_000n, 2_000n]));
      const after = await readEmissionStatus(f.emission);
      expect(after).to.deep.include({ triggerable: false, previewEmission: 0n, nextTriggerableEpoch: 1n });
      expect(after.nextEpochAt).to.equal(after.start + WEEK);

      const again = await triggerEpoch(f.outsider, f.emissionAddress).catch((e: unknown) => e);
      expect(again).to.be.instanceOf(ContractRevertError);
      expect((again as ContractRevertError).errorName).to.equal("EmissionEpochAlreadyTriggered");
      expect((again as ContractRevertError).args).to.deep.equal([0n, after.start + WEEK]);

      const provider = await readStakePosition(f.staking, f.provider.address, f.provider.address);
      const delegator = await readStakePosition(f.staking, f.provider.address, f.delegator.address);
      // Provider: 2/3 of the pool's reward net of commission, plus the 10% commission; delegator: the rest.
      expect(provider.pendingRewards + delegator.pendingRewards).to.be.lte(r.toStaking);
      expect(r.toStaking - provider.pendingRewards - delegator.pendingRewards).to.be.lt(10n);
      const before = await f.quiv.balanceOf(f.delegator.address);
      await send(f.delegator, buildClaimRewards(f.stakingAddress, f.provider.address));
      expect((await f.quiv.balanceOf(f.delegator.address)) - before).to.equal(delegator.pendingRewards);
      const nothing = await send(f.delegator, buildClaimRewards(f.stakingAddress, f.provider.address)).catch(
        (e: unknown) => e,
      );
      expect((nothing as ContractRevertError).errorName).to.equal("StakingNothingToClaim");
    });

    it("SEC-15 reads the growth feed and its status; a local answer moves the metric, a stale one falls back", async () => {
      const f = await loadFixture(staked);
      const feed = await f.emission.growthFeed();
      expect(await readEmissionStatus(f.emission)).to.deep.include({
        growthFeed: feed,
        growthStatus: FeedStatus.Ok,
        growthMetricBps: 10_000n,
      });
      expect(buildSetLocalFeedAnswer(feed, 1n).address).to.equal(feed);
      expect(growthAnswerFor(12_345n, 8n)).to.equal(123_450_000n);
      expect(growthAnswerFor(12_345n, 2n)).to.equal(123n);
      expect(() => growthAnswerFor(1n, 256n)).to.throw(InvalidArgumentError);
      expect(() => buildSetLocalFeedAnswer(feed, 2n ** 255n)).to.throw(InvalidArgumentError);
      await send(f.outsider, buildSetLocalFeedAnswer(feed, growthAnswerFor(12_000n, 8n)));
      const fresh = await readEmissionStatus(f.emission);
      expect(fresh).to.deep.include({ growthStatus: FeedStatus.Ok, growthMetricBps: 12_000n });
      expect(fresh.growthUpdatedAt).to.equal(BigInt(await time.latest()));
      expect(fresh.previewEmission).to.equal((1_440_000n * Q * 12n) / 10n);
      await time.increase(2n * 86_400n + 1n);
      expect(await readEmissionStatus(f.emission)).to.deep.include({
        growthStatus: FeedStatus.Stale,
        growthMetricBps: 10_000n,
        growthUpdatedAt: fresh.growthUpdatedAt,
      });
    });

    it("previews the next epochs exactly as the controller then mints them, across an emission year", async () => {
      const f = await loadFixture(staked);
      await triggerEpoch(f.outsider, f.emissionAddress); // the preview continues a year already under way
      await time.increase(WEEK);
      const preview = await previewEmissionEpochs(f, 54); // epochs 1..54: year 0 ends after epoch 52
      expect(preview.map((p) => p.epoch)).to.deep.equal(Array.from({ length: 54 }, (_, i) => BigInt(i + 1)));
      for (const row of preview) {
        if (row.startsAt > BigInt(await time.latest())) await time.increaseTo(row.startsAt);
        const r = await triggerEpoch(f.outsider, f.emissionAddress);
        expect([r.epoch, r.amount, r.toStaking, r.toTreasury, r.toEcosystem]).to.deep.equal([
          row.epoch,
          row.amount,
          row.toStaking,
          row.toTreasury,
          row.toEcosystem,
        ]);
        expect(await f.quiv.totalMinted()).to.equal(row.totalMinted);
      }
      await expect(previewEmissionEpochs(f, 0)).to.be.rejectedWith(InvalidArgumentError, /epochs must be/);
    });

    it("unbonds, lists the unbonding, refuses an early withdrawal and pays it after the unbonding period", async () => {
      const f = await loadFixture(staked);
      await send(f.delegator, buildUnbond(f.stakingAddress, f.provider.address, 1_000n * Q));
      const [u] = await readUnbondings(f.staking, f.delegator.address);
      const period = await f.registry.get(parameterKey("quiver.staking.unbondingPeriod"));
      expect(u).to.deep.include({ index: 0, provider: f.provider.address, value: 1_000n * Q });
      expect(u.unlockAt).to.equal(BigInt(await time.latest()) + period);
      expect(u.createdAt).to.equal(BigInt(await time.latest()));
      const early = await send(f.delegator, buildWithdrawUnbonding(f.stakingAddress, 0n)).catch((e: unknown) => e);
      expect((early as ContractRevertError).errorName).to.equal("StakingStillUnbonding");
      await time.increaseTo(u.unlockAt);
      const before = await f.quiv.balanceOf(f.delegator.address);
      await send(f.delegator, buildWithdrawUnbonding(f.stakingAddress, 0n));
      expect((await f.quiv.balanceOf(f.delegator.address)) - before).to.equal(1_000n * Q);
      expect(await readUnbondings(f.staking, f.delegator.address)).to.deep.equal([]);
      const tooMuch = await send(f.delegator, buildUnbond(f.stakingAddress, f.provider.address, 10_000n * Q)).catch(
        (e: unknown) => e,
      );
      expect((tooMuch as ContractRevertError).errorName).to.equal("StakingInsufficientStake");
    });

    it("lowers the commission at once; a provider appeals a proposed slash", async () => {
      const f = await loadFixture(staked);
      await send(f.provider, buildSetCommission(f.stakingAddress, 500n));
      expect((await readPool(f.staking, f.provider.address)).commissionBps).to.equal(500n);

      expect((await readSlashCase(f.staking, 1n)).stateName).to.equal("None");
      // A slash as the DisputeManager (SLASHER_ROLE) would open and propose it.
      const disputes = await ethers.getImpersonatedSigner(await f.disputes.getAddress());
      await setBalance(disputes.address, 10n ** 18n);
      await f.staking.connect(disputes).openSlashCase(f.provider.address, 0);
      await f.staking.connect(disputes).proposeSlash(1n, 1_000n * Q, f.outsider.address);
      let c = await readSlashCase(f.staking, 1n);
      // offence time 0 is raised to the oldest unbonding that cannot have matured (now - period + 1)
      const period = await f.registry.get(parameterKey("quiver.staking.unbondingPeriod"));
      expect(c.offenceAt).to.equal(BigInt(await time.latest()) - 1n - period + 1n);
      expect(c).to.deep.include({
        provider: f.provider.address,
        stateName: "Appealing",
        snapshotStake: 15_000n * Q,
        amount: 1_000n * Q,
        challenger: f.outsider.address,
      });
      const notMine = await send(f.delegator, buildAppealSlash(f.stakingAddress, 1n)).catch((e: unknown) => e);
      expect((notMine as ContractRevertError).errorName).to.equal("StakingNotAppellant");
      await send(f.provider, buildAppealSlash(f.stakingAddress, 1n));
      c = await readSlashCase(f.staking, 1n);
      expect(c.stateName).to.equal("Appealed");
      expect((await readPool(f.staking, f.provider.address)).openCases).to.equal(1);
      const frozen = await send(f.provider, buildStake(f.stakingAddress, 1n * Q)).catch((e: unknown) => e);
      expect((frozen as ContractRevertError).errorName).to.equal("StakingFrozenByDispute");
    });
  });
});
