import { expect } from "chai";
import { ethers, ignition } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import FoundationModule from "../../../deploy/quiver/modules/Foundation";
import { foundationGenesis } from "../fixtures/foundation";
import { DEFAULTS, DAY, HOUR, PROVIDER_STAKE, QUIV, saltFor } from "../fixtures/market";
import { bidCommitment, disputeIdOf, voteCommitment } from "../../../sdk/quiver/core/market";
import type {
  DisputeManager,
  HostileReceiver,
  HostileToken,
  InferenceMarketplace,
  MockPricingOracle,
  MockProviderStaking,
  ParameterRegistry,
} from "../../../typechain-types";

/**
 * Reentrancy and payment-token behaviour (SECURITY-CHECKLIST X-REENT-01, MKT-05, MKT-08). The Market module
 * always pays in QUIV, so this file deploys the two contracts directly on a hook-calling HostileToken, with
 * the registry from the real Foundation module.
 */
async function deployHostile() {
  const [deployer, treasury, ecosystem, team, consumer, provider, challenger, v1, v2] = await ethers.getSigners();
  const { registry } = await ignition.deploy(FoundationModule, {
    parameters: {
      Foundation: foundationGenesis(treasury, ecosystem, team),
    },
  });
  const token = (await ethers.deployContract("HostileToken")) as unknown as HostileToken;
  const staking = (await ethers.deployContract("MockProviderStaking")) as unknown as MockProviderStaking;
  const oracle = (await ethers.deployContract("MockPricingOracle")) as unknown as MockPricingOracle;
  await staking.setToken(await token.getAddress());
  const market = (await ethers.deployContract("InferenceMarketplace", [
    deployer.address,
    await token.getAddress(),
    await registry.getAddress(),
    await staking.getAddress(),
    await oracle.getAddress(),
    treasury.address,
  ])) as unknown as InferenceMarketplace;
  const disputes = (await ethers.deployContract("DisputeManager", [
    deployer.address,
    await token.getAddress(),
    await registry.getAddress(),
    await staking.getAddress(),
    await market.getAddress(),
  ])) as unknown as DisputeManager;
  await market.grantRole(await market.DISPUTE_ROLE(), await disputes.getAddress());
  const receiver = (await ethers.deployContract("HostileReceiver")) as unknown as HostileReceiver;
  for (const a of [consumer, challenger, v1, v2]) {
    await token.mint(a.address, 1_000_000n * QUIV);
    await token.connect(a).approve(await market.getAddress(), ethers.MaxUint256);
    await token.connect(a).approve(await disputes.getAddress(), ethers.MaxUint256);
  }
  await token.mint(await receiver.getAddress(), 1_000_000n * QUIV);
  await receiver.approve(await token.getAddress(), await disputes.getAddress(), ethers.MaxUint256);
  for (const p of [provider.address, await receiver.getAddress()]) {
    await staking.setTier(p, 1);
    await staking.setStake(p, PROVIDER_STAKE);
  }
  for (const v of [v1, v2]) await disputes.connect(v).stakeAsValidator(DEFAULTS.validatorMinStake);
  return {
    registry: registry as unknown as ParameterRegistry,
    token,
    staking,
    market,
    disputes,
    receiver,
    consumer,
    provider,
    challenger,
    v1,
    v2,
  };
}

type Hostile = Awaited<ReturnType<typeof deployHostile>>;
const PRICE = 2n * QUIV;

describe("reentrancy and hostile tokens", () => {
  let h: Hostile;
  let reentrant: string;
  beforeEach(async () => {
    h = await loadFixture(deployHostile);
    reentrant = h.market.interface.getError("ReentrancyGuardReentrantCall")!.selector;
  });

  /** Posts and runs a job to Submitted with `provider` (an EOA signer or the HostileReceiver). */
  async function submitted(useReceiver: boolean, armAccept = false) {
    const now = BigInt(await time.latest());
    const bidDeadline = now + HOUR;
    await h.market.connect(h.consumer).post({
      modelHash: ethers.id("m"),
      inputHash: ethers.id("i"),
      maxPrice: 10n * QUIV,
      bidDeadline,
      completionDeadline: bidDeadline + HOUR + DAY,
      minTier: 1,
      sizeClass: 0,
    });
    const jobId = await h.market.jobCount();
    const m = h.market;
    const addr = useReceiver ? await h.receiver.getAddress() : h.provider.address;
    const c = bidCommitment(jobId, addr, PRICE, saltFor("b"));
    const act = async (data: string) =>
      useReceiver ? h.receiver.exec(await m.getAddress(), data) : h.provider.sendTransaction({ to: m, data });
    await act(m.interface.encodeFunctionData("commitBid", [jobId, c]));
    await time.increaseTo(bidDeadline);
    await act(m.interface.encodeFunctionData("revealBid", [jobId, PRICE, saltFor("b")]));
    await time.increaseTo(bidDeadline + HOUR);
    if (armAccept) await h.token.arm(await m.getAddress(), m.interface.encodeFunctionData("accept", [jobId, addr]));
    await m.connect(h.consumer).accept(jobId, addr);
    await act(m.interface.encodeFunctionData("submit", [jobId, ethers.id("o"), ethers.id("r")]));
    return { jobId, addr };
  }

  it("a token hook re-entering release during confirm is stopped and the job pays once", async () => {
    const { jobId } = await submitted(false);
    await h.token.arm(await h.market.getAddress(), h.market.interface.encodeFunctionData("release", [jobId]));
    await h.market.connect(h.consumer).confirm(jobId);
    expect(await h.token.lastSuccess()).to.equal(false);
    expect(await h.token.lastResult()).to.equal(reentrant);
    const legs = await h.market.receiptOf(jobId);
    expect(await h.token.balanceOf(h.provider.address)).to.equal(legs.providerReward);
    const [n, t, b] = await h.market.pendingFees();
    expect(await h.token.balanceOf(await h.market.getAddress())).to.equal(n + t + b);
  });

  it("a token hook re-entering accept during the escrow pull is stopped", async () => {
    const { jobId } = await submitted(false, true);
    expect(await h.token.lastSuccess()).to.equal(false);
    expect(await h.token.lastResult()).to.equal(reentrant);
    expect(await h.market.totalEscrowed()).to.equal(PRICE);
    expect((await h.market.getJob(jobId)).price).to.equal(PRICE);
  });

  it("a provider contract re-entering release from its receive hook is stopped", async () => {
    const { jobId, addr } = await submitted(true);
    await h.token.setReceiverHooks(true);
    await h.receiver.setAttack(await h.market.getAddress(), h.market.interface.encodeFunctionData("release", [jobId]));
    await h.market.connect(h.consumer).confirm(jobId);
    expect(await h.receiver.hits()).to.equal(1n);
    expect(await h.receiver.lastSuccess()).to.equal(false);
    expect(await h.receiver.lastResult()).to.equal(reentrant);
    expect(await h.staking.jobsCompleted(addr)).to.equal(1n);
  });

  it("a challenger contract re-entering finalize while its bond is returned is stopped", async () => {
    const { jobId } = await submitted(false);
    const d = h.disputes;
    const raddr = await h.receiver.getAddress();
    await h.receiver.exec(await d.getAddress(), d.interface.encodeFunctionData("challenge", [jobId, ethers.id("e")]));
    const id = disputeIdOf(jobId);
    const dispute = await d.getDispute(id);
    await d.connect(h.v1).commitVote(id, voteCommitment(id, h.v1.address, true, saltFor("v")));
    await time.increaseTo(dispute.commitEndsAt);
    await d.connect(h.v1).revealVote(id, true, saltFor("v"));
    await time.increaseTo(dispute.revealEndsAt);
    await d.resolve(id);
    await time.increase(DEFAULTS.appealWindow);
    await h.token.setReceiverHooks(true);
    await h.receiver.setAttack(await d.getAddress(), d.interface.encodeFunctionData("finalize", [id]));
    const before = await h.token.balanceOf(raddr);
    await d.finalize(id);
    expect(await h.receiver.lastResult()).to.equal(d.interface.getError("ReentrancyGuardReentrantCall")!.selector);
    expect(await h.token.balanceOf(raddr)).to.equal(before + DEFAULTS.bond);
    expect(await d.totalBonds()).to.equal(0n);
  });

  it("every marketplace entry point called back during a payout reverts (X-REENT-01)", async () => {
    const { jobId } = await submitted(false);
    const i = h.market.interface;
    const now = BigInt(await time.latest());
    const req = {
      modelHash: ethers.id("m"),
      inputHash: ethers.id("i"),
      maxPrice: QUIV,
      bidDeadline: now + HOUR,
      completionDeadline: now + 3n * DAY,
      minTier: 1,
      sizeClass: 0,
    };
    const guarded = [
      i.encodeFunctionData("post", [req]),
      i.encodeFunctionData("revealBid", [jobId, PRICE, saltFor("b")]),
      i.encodeFunctionData("accept", [jobId, h.provider.address]),
      i.encodeFunctionData("acceptWithPermit", [jobId, h.provider.address, 0n, 27, ethers.ZeroHash, ethers.ZeroHash]),
      i.encodeFunctionData("confirm", [jobId]),
      i.encodeFunctionData("release", [jobId]),
      i.encodeFunctionData("refundExpired", [jobId]),
      i.encodeFunctionData("flushFees"),
      i.encodeFunctionData("unlockFromDispute", [jobId, true]),
    ];
    const others = [
      i.encodeFunctionData("commitBid", [jobId, ethers.id("c")]),
      i.encodeFunctionData("submit", [jobId, ethers.id("o"), ethers.id("r")]),
      i.encodeFunctionData("cancel", [jobId]),
      i.encodeFunctionData("lockForDispute", [jobId]),
    ];
    await h.token.armSweep(await h.market.getAddress(), [...guarded, ...others]);
    await h.market.connect(h.consumer).confirm(jobId);
    const results = await h.token.sweepResults();
    expect(results.slice(0, guarded.length)).to.deep.equal(guarded.map(() => reentrant));
    for (const r of results.slice(guarded.length)) {
      const parsed = h.market.interface.parseError(r);
      expect(parsed?.name).to.be.oneOf(["MarketUnexpectedState", "AccessControlUnauthorizedAccount"]);
    }
    expect(await h.market.state(jobId)).to.equal(10n); // Settled, once
  });

  it("every dispute entry point called back during a bond refund reverts (X-REENT-01)", async () => {
    const { jobId } = await submitted(false);
    const d = h.disputes;
    await d.connect(h.challenger).challenge(jobId, ethers.id("e"));
    const id = disputeIdOf(jobId);
    await time.increase(2n * DAY);
    await d.resolve(id); // no votes: drawn, the bond goes back
    await time.increase(DEFAULTS.appealWindow);
    const i = d.interface;
    const guarded = [
      i.encodeFunctionData("stakeAsValidator", [QUIV]),
      i.encodeFunctionData("withdrawValidatorStake"),
      i.encodeFunctionData("challenge", [jobId, ethers.id("x")]),
      i.encodeFunctionData("ruleAppeal", [id, 1]),
      i.encodeFunctionData("finalize", [id]),
      i.encodeFunctionData("claimVoterReward", [id]),
      i.encodeFunctionData("fundRewardPool", [QUIV]),
    ];
    const others = [
      i.encodeFunctionData("requestValidatorExit"),
      i.encodeFunctionData("attest", [jobId, 50]),
      i.encodeFunctionData("commitVote", [id, ethers.id("c")]),
      i.encodeFunctionData("revealVote", [id, true, ethers.id("s")]),
      i.encodeFunctionData("resolve", [id]),
      i.encodeFunctionData("appeal", [id]),
      i.encodeFunctionData("penalizeNonReveal", [id, h.v1.address]),
    ];
    await h.token.armSweep(await d.getAddress(), [...guarded, ...others]);
    await d.finalize(id);
    const results = await h.token.sweepResults();
    expect(results.slice(0, guarded.length)).to.deep.equal(guarded.map(() => reentrant));
    for (const r of results.slice(guarded.length)) expect(d.interface.parseError(r)).to.not.equal(null);
    expect(await d.totalBonds()).to.equal(0n);
  });

  it("rejects a fee-on-transfer payment at accept (MKT-08)", async () => {
    await h.token.setFeeBps(100n); // 1% transfer fee
    const now = BigInt(await time.latest());
    const bidDeadline = now + HOUR;
    await h.market.connect(h.consumer).post({
      modelHash: ethers.id("m"),
      inputHash: ethers.id("i"),
      maxPrice: 10n * QUIV,
      bidDeadline,
      completionDeadline: bidDeadline + HOUR + DAY,
      minTier: 1,
      sizeClass: 0,
    });
    const jobId = await h.market.jobCount();
    await h.market.connect(h.provider).commitBid(jobId, bidCommitment(jobId, h.provider.address, PRICE, saltFor("b")));
    await time.increaseTo(bidDeadline);
    await h.market.connect(h.provider).revealBid(jobId, PRICE, saltFor("b"));
    await time.increaseTo(bidDeadline + HOUR);
    await expect(h.market.connect(h.consumer).accept(jobId, h.provider.address))
      .to.be.revertedWithCustomError(h.market, "MarketTransferShortfall")
      .withArgs(jobId, PRICE - PRICE / 100n, PRICE);
  });
});
