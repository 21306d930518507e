import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { AddressLike, BaseContract } from "ethers";
import { deployQuiver } from "../fixtures/quiver";
import { ROLES } from "../../../deploy/blocks/roles";
import { bidCommitment } from "../../../sdk/quiver/core/market";
import { split as splitFee } from "../../../sdk/kit/core/feeSplit";
import { parameterKey } from "../../../sdk/quiver/core/parameters";
import { VOUCHER_DOMAIN_NAME, VOUCHER_DOMAIN_VERSION } from "../../../sdk/quiver/core/voucher";
import { signVoucher } from "../../../sdk/quiver/chain/voucher";
import { DAY, HOUR, TOKEN as Q } from "../../helpers/units";
import { checkQuiverState } from "../invariants/state";

interface RoleHolder extends BaseContract {
  hasRole(role: string, account: AddressLike): Promise<boolean>;
}

/** Whole-economy flows on the QUIVer preset exactly as `deploy/modules/Quiver.ts` wires it (SPEC "QUIVer"). */
describe("integration: the QUIVer preset", () => {
  describe("roles after deployment (GOV-06, X-AC-02, X-CFG-01)", () => {
    it("leaves the deployer with no role anywhere and gives every admin role to the timelock", async () => {
      const f = await loadFixture(deployQuiver);
      const timelock = await f.timelock.getAddress();
      const admins: Array<[string, RoleHolder, string[]]> = [
        ["QuivToken", f.quiv, [ROLES.DEFAULT_ADMIN]],
        ["ParameterRegistry", f.registry, [ROLES.DEFAULT_ADMIN, ROLES.PARAMETER_ADMIN]],
        ["ProviderStaking", f.staking, [ROLES.DEFAULT_ADMIN, ROLES.APPEAL]],
        ["EmissionController", f.emission, [ROLES.DEFAULT_ADMIN]],
        ["PricingOracle", f.oracle, [ROLES.DEFAULT_ADMIN, ROLES.PRICING_ADMIN]],
        ["InferenceMarketplace", f.marketplace, [ROLES.DEFAULT_ADMIN]],
        ["DisputeManager", f.disputes, [ROLES.DEFAULT_ADMIN, ROLES.GOVERNANCE]],
        ["Treasury", f.treasury, [ROLES.DEFAULT_ADMIN]],
        ["TimelockController", f.timelock, [ROLES.DEFAULT_ADMIN]],
      ];
      for (const [name, c, roles] of admins) {
        for (const role of roles) {
          expect(await c.hasRole(role, timelock), `${name} ${role} -> timelock`).to.equal(true);
        }
        for (const role of Object.values(ROLES)) {
          expect(await c.hasRole(role, f.deployer.address), `${name}: deployer holds ${role}`).to.equal(false);
        }
      }
    });

    it("wires the protocol roles: emission mints, disputes slash, the marketplace reports", async () => {
      const f = await loadFixture(deployQuiver);
      const [emission, disputes, marketplace] = await Promise.all([
        f.emission.getAddress(),
        f.disputes.getAddress(),
        f.marketplace.getAddress(),
      ]);
      expect(await f.quiv.hasRole(ROLES.MINTER, emission)).to.equal(true);
      expect(await f.staking.hasRole(ROLES.SLASHER, disputes)).to.equal(true);
      expect(await f.staking.hasRole(ROLES.MARKET, marketplace)).to.equal(true);
      expect(await f.oracle.hasRole(ROLES.MARKET, marketplace)).to.equal(true);
      expect(await f.marketplace.hasRole(ROLES.DISPUTE, disputes)).to.equal(true);
      expect(await f.staking.insuranceFund()).to.equal(await f.treasury.getAddress());
      expect(await f.quiv.balanceOf(await f.treasury.getAddress())).to.equal(150_000_000n * Q);
    });

    it("leaves no role held by an account without code (scan of every RoleGranted event)", async () => {
      const f = await loadFixture(deployQuiver);
      const contracts: RoleHolder[] = [
        f.quiv,
        f.registry,
        f.staking,
        f.emission,
        f.oracle,
        f.marketplace,
        f.disputes,
        f.treasury,
        f.timelock,
      ];
      let checked = 0;
      for (const c of contracts) {
        const logs = await c.queryFilter("RoleGranted" as never);
        for (const log of logs) {
          const { role, account } = (log as unknown as { args: { role: string; account: string } }).args;
          if (!(await c.hasRole(role, account))) continue;
          const code = await ethers.provider.getCode(account);
          expect(code, `${await c.getAddress()} role ${role} held by EOA ${account}`).to.not.equal("0x");
          checked++;
        }
      }
      expect(checked).to.be.greaterThan(15);
    });
  });

  describe("the economy end to end", () => {
    /** A provider at tier 2 with a delegator, a funded consumer, QUIV delegated for governance. */
    async function economy() {
      const f = await deployQuiver();
      const [provider, delegator, consumer, challenger] = f.signers.slice(10, 14);
      for (const who of [provider, delegator, consumer, challenger]) {
        await f.quiv.connect(f.ecosystem).transfer(who.address, 100_000n * Q);
      }
      const staking = await f.staking.getAddress();
      await f.quiv.connect(provider).approve(staking, ethers.MaxUint256);
      await f.quiv.connect(delegator).approve(staking, ethers.MaxUint256);
      await f.staking.connect(provider).registerProvider(1_000n); // 10% commission
      await f.staking.connect(provider).stake(10_000n * Q);
      await f.staking.connect(delegator).delegateStake(provider.address, 5_000n * Q);
      await f.quiv.connect(f.team).delegate(f.team.address);
      return { ...f, provider, delegator, consumer, challenger };
    }

    it("runs a job from post to settlement, pays every fee leg and routes it to stakers, treasury and burn", async () => {
      const f = await loadFixture(economy);
      const { marketplace, provider, consumer } = f;
      expect(await f.staking.tierOf(provider.address)).to.equal(2); // 15,000 QUIV bonded: tier 2 (10k)

      const now = BigInt(await time.latest());
      const request = {
        modelHash: ethers.id("llama-70b"),
        inputHash: ethers.id("prompt"),
        maxPrice: 100n * Q,
        bidDeadline: now + HOUR,
        completionDeadline: now + DAY,
        minTier: 2,
        sizeClass: 1,
      };
      await marketplace.connect(consumer).post(request);
      const jobId = await marketplace.jobCount();
      const price = 40n * Q + 7n;
      const salt = ethers.id("salt");
      await marketplace.connect(provider).commitBid(jobId, bidCommitment(jobId, provider.address, price, salt));
      await time.increaseTo(request.bidDeadline);
      await marketplace.connect(provider).revealBid(jobId, price, salt);
      await time.increaseTo(request.bidDeadline + HOUR); // the 1-hour reveal window is over: Awarding
      await f.quiv.connect(consumer).approve(await marketplace.getAddress(), price);
      await marketplace.connect(consumer).accept(jobId, provider.address);
      await marketplace.connect(provider).submit(jobId, ethers.id("output"), ethers.id("receipt"));

      const before = await f.quiv.balanceOf(provider.address);
      await marketplace.connect(consumer).confirm(jobId);
      const receipt = await marketplace.receiptOf(jobId);
      const job = await marketplace.getJob(jobId);
      // The legs the contract paid equal the SDK's split of the same price and shares, to the wei.
      const expected = splitFee(price, [
        BigInt(job.networkFeeBps),
        BigInt(job.treasuryFeeBps),
        BigInt(job.burnBps),
        10_000n - BigInt(job.networkFeeBps) - BigInt(job.treasuryFeeBps) - BigInt(job.burnBps),
      ]);
      expect([receipt.networkFee, receipt.treasuryFee, receipt.burned, receipt.providerReward]).to.deep.equal(expected);
      expect((await f.quiv.balanceOf(provider.address)) - before).to.equal(receipt.providerReward);

      const treasuryBefore = await f.quiv.balanceOf(await f.treasury.getAddress());
      const burnedBefore = await f.quiv.totalBurned();
      await marketplace.flushFees();
      expect((await f.quiv.balanceOf(await f.treasury.getAddress())) - treasuryBefore).to.equal(receipt.treasuryFee);
      expect((await f.quiv.totalBurned()) - burnedBefore).to.equal(receipt.burned);
      // The network fee reached the stakers of the only pool: 10% commission to the provider, the rest pro rata.
      const pending =
        (await f.staking.pendingRewards(provider.address, provider.address)) +
        (await f.staking.pendingRewards(provider.address, f.delegator.address));
      expect(pending).to.be.lessThanOrEqual(receipt.networkFee);
      expect(receipt.networkFee - pending).to.be.lessThan(10n); // rounding dust stays in the pool
      expect(await marketplace.totalEscrowed()).to.equal(0n);
    });

    it("triggers an emission epoch: mints within the cap and splits 60/20/20 to stakers, treasury and ecosystem", async () => {
      const f = await loadFixture(economy);
      const due = await f.emission.nextEpochAt();
      if (due > BigInt(await time.latest())) await time.increaseTo(due);
      const minted0 = await f.quiv.totalMinted();
      const treasury0 = await f.quiv.balanceOf(await f.treasury.getAddress());
      const eco0 = await f.quiv.balanceOf(f.ecosystem.address);
      const amount = await f.emission.previewEmission();
      await expect(f.emission.triggerEpoch()).to.emit(f.emission, "EpochTriggered");
      expect((await f.quiv.totalMinted()) - minted0).to.equal(amount);
      const [toStaking, toTreasury, toEco] = splitFee(amount, [6_000n, 2_000n, 2_000n]);
      expect((await f.quiv.balanceOf(await f.treasury.getAddress())) - treasury0).to.equal(toTreasury);
      expect((await f.quiv.balanceOf(f.ecosystem.address)) - eco0).to.equal(toEco);
      const pending =
        (await f.staking.pendingRewards(f.provider.address, f.provider.address)) +
        (await f.staking.pendingRewards(f.provider.address, f.delegator.address));
      expect(toStaking - pending).to.be.lessThan(10n);
    });

    it("streams payment over a channel with SDK-signed vouchers and refunds the rest", async () => {
      const f = await loadFixture(economy);
      const { channels, consumer, provider } = f;
      const address = await channels.getAddress();
      await f.quiv.connect(consumer).approve(address, 50n * Q);
      const expiry = BigInt(await time.latest()) + DAY;
      await channels.connect(consumer).open(provider.address, 50n * Q, expiry);
      const channelId = 1n;
      const chainId = (await ethers.provider.getNetwork()).chainId;
      const expected = { chainId, verifyingContract: address };
      const actual = { ...expected, name: VOUCHER_DOMAIN_NAME, version: VOUCHER_DOMAIN_VERSION };
      const sv = await signVoucher(
        consumer,
        { channelId, cumulativeAmount: 12n * Q, tokensGenerated: 1_200n },
        {
          expected,
          actual,
        },
      );
      await expect(channels.connect(provider).close(channelId, sv, sv.signature)).to.changeTokenBalances(
        f.quiv,
        [provider, consumer],
        [12n * Q, 38n * Q],
      );
    });

    /** Proposes one call with `type`, votes it through with the team and the staked provider, queues, executes. */
    async function passThrough(
      f: Awaited<ReturnType<typeof economy>>,
      target: string,
      data: string,
      description: string,
      type: number,
    ) {
      const { governor } = f;
      await governor.connect(f.team).proposeWithType([target], [0n], [data], description, type);
      const id = await governor.hashProposal([target], [0n], [data], ethers.id(description));
      await time.increaseTo((await governor.proposalSnapshot(id)) + 1n);
      await governor.connect(f.team).castVote(id, 1);
      await governor.connect(f.provider).castVote(id, 1);
      await time.increaseTo((await governor.proposalDeadline(id)) + 1n);
      await governor.queue([target], [0n], [data], ethers.id(description));
      await time.increaseTo(await governor.proposalEta(id));
      return governor.execute([target], [0n], [data], ethers.id(description));
    }

    /** Beyond the stake of `economy`: an open channel and QUIV in the treasury, so the checks count something. */
    async function busyEconomy() {
      const f = await economy();
      const channels = await f.channels.getAddress();
      await f.quiv.connect(f.consumer).approve(channels, ethers.MaxUint256);
      await f.channels.connect(f.consumer).open(f.provider.address, 50n * Q, BigInt(await time.latest()) + 10n * DAY);
      await f.quiv.connect(f.ecosystem).transfer(await f.treasury.getAddress(), 1_000n * Q);
      return f;
    }

    it("passes an EconomicParameter proposal with QUIV and staked votes through the timelock", async () => {
      const f = await loadFixture(busyEconomy);
      const { governor, registry } = f;
      const key = parameterKey("quiver.market.treasuryFeeBps");
      const data = registry.interface.encodeFunctionData("set", [key, 250n]);
      // Staked QUIV votes at 1.5x: the provider's 10,000 staked count 15,000 weighted votes.
      await time.increase(1);
      const t = (await time.latest()) - 1;
      expect(await governor.getVotes(f.provider.address, t)).to.equal(15_000n * Q);
      await expect(passThrough(f, await registry.getAddress(), data, "Raise the treasury fee to 2.5%", 1))
        .to.emit(registry, "ParameterChanged")
        .withArgs(key, 200n, 250n);
      expect(await registry.get(key)).to.equal(250n);
      await checkQuiverState(f); // GOV-13
    });

    it("passes a vote-source reweight, and the economy's invariants hold on the new state (GOV-13)", async () => {
      const f = await loadFixture(busyEconomy);
      const { governor } = f;
      const staked = (await governor.voteSources()).find((v) => v.weightBps === 15_000n)!;
      const data = governor.interface.encodeFunctionData("setVoteSource", [staked.token, 12_000, staked.wrapsFirst]);
      await expect(passThrough(f, await governor.getAddress(), data, "Staked votes at 1.2x", 0))
        .to.emit(governor, "VoteSourceSet")
        .withArgs(staked.token, 15_000n, 12_000n);
      await time.increase(1);
      expect(await governor.getVotes(f.provider.address, (await time.latest()) - 1)).to.equal(12_000n * Q);
      await checkQuiverState(f);
    });

    it("passes a council budget change, and the economy's invariants hold on the new state (GOV-13)", async () => {
      const f = await loadFixture(busyEconomy);
      const quiv = await f.quiv.getAddress();
      const old = await f.treasury.budget(quiv);
      const data = f.treasury.interface.encodeFunctionData("setBudget", [quiv, old + 1_000n * Q]);
      await expect(passThrough(f, await f.treasury.getAddress(), data, "A larger council budget", 2))
        .to.emit(f.treasury, "BudgetSet")
        .withArgs(quiv, old, old + 1_000n * Q);
      await checkQuiverState(f);
    });

    it("the state check can fail: QUIV sent to the marketplace outside a job breaks MKT_ESCROW", async () => {
      const f = await loadFixture(busyEconomy);
      await checkQuiverState(f);
      await f.quiv.connect(f.consumer).transfer(await f.marketplace.getAddress(), 1n);
      await expect(checkQuiverState(f)).to.be.rejectedWith("MKT_ESCROW");
    });

    it("reports the economy in one metrics call", async () => {
      const f = await loadFixture(economy);
      const m = await f.metrics.metrics();
      expect(m.totalValueLocked).to.equal(15_000n * Q); // the bonded stake; no escrow, channels or validators yet
      expect(m.burned).to.equal(0n);
    });
  });
});

describe("integration: the SDK address book of the QUIVer preset", () => {
  it("has an address for every CONTRACT_IDS key and connects every preset contract", async () => {
    const f = await loadFixture(deployQuiver);
    const { CONTRACT_IDS, connectQuiver } = await import("../../../sdk/quiver");
    // The module must return a handle under every SDK key (the journal ids are checked by test/sdk/*.process).
    expect(Object.keys(f.book.contracts).sort()).to.deep.equal(Object.values(CONTRACT_IDS).sort());
    const q = connectQuiver(f.book, ethers.provider);
    expect(await q.staking.getAddress()).to.equal(await f.staking.getAddress());
    expect(await q.metrics.getAddress()).to.equal(await f.metrics.getAddress());
    expect(q.timelock).to.equal(await f.timelock.getAddress());
    expect(await q.governor.name()).to.equal("QUIVer Governor");
  });
});
