import { expect } from "chai";
import { ethers } from "hardhat";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployMesh, defaultOf, MESH_MIN_STAKE, TOKEN, type MeshFixture } from "../fixtures/mesh";
import { DAY } from "../../helpers/units";

const HEARTBEAT = defaultOf("bpci.mesh.heartbeatPeriod");
const TIMEOUT = defaultOf("bpci.mesh.settlementTimeout");
const WINDOW = defaultOf("bpci.mesh.requestWindow");
const VOTING = defaultOf("bpci.mesh.votingPeriod");
const MAX_DURATION = defaultOf("bpci.mesh.maxLoanDuration");
const MAX_OFFERS = defaultOf("bpci.mesh.maxOffersPerRequest");
const UNBONDING = defaultOf("bpci.mesh.unbondingPeriod");
const bit = (...states: number[]) =>
  ethers.toBeHex(
    states.reduce((a, s) => a | (1n << BigInt(s)), 0n),
    32,
  );
const H = (s: string) => ethers.id(s);
// Enums of IBankMesh
const BS = { None: 0, Active: 1, Inactive: 2, Expelled: 3 };
const RS = { None: 0, Open: 1, Filled: 2, Cancelled: 3, Expired: 4 };
const OS = { None: 0, Open: 1, Withdrawn: 2, Accepted: 3 };
const LS = { None: 0, Active: 1, Overdue: 2, Repaid: 3, Claimed: 4 };
const SS = { None: 0, Open: 1, Expired: 2, Confirmed: 3, Refunded: 4 };
const PS = { None: 0, Active: 1, Passed: 2, Rejected: 3, Executed: 4 };
const PK = { ParameterChange: 0, Admission: 1, Expulsion: 2 };

/** Stakes of the four banks of `joined` (alice, bob, carol, dave). */
const STAKES = [6_700n * TOKEN, 3_299n * TOKEN, 1_000n * TOKEN, 1_000n * TOKEN];

async function joined() {
  const f = await deployMesh();
  for (const [i, b] of f.banks.entries()) await f.mesh.connect(b).join(STAKES[i], `bank${i}`, `https://b${i}.example`);
  return f;
}

/** alice requests 10,000 NEX at most 800 bps for 30 days; bob offers 10,000 at 500 bps; alice accepts (loan 1). */
async function loaned() {
  const f = await joined();
  const nex = await f.nex.getAddress();
  await f.mesh.connect(f.alice).requestLiquidity(nex, 10_000n * TOKEN, 800, 30n * DAY);
  await f.mesh.connect(f.bob).offer(1, 10_000n * TOKEN, 500, H("terms"));
  await f.mesh.connect(f.alice).accept(1);
  return f;
}

async function heartbeatAll(f: MeshFixture) {
  for (const b of f.banks) await f.mesh.connect(b).heartbeat();
}

describe("BankMesh", () => {
  describe("construction", () => {
    it("refuses a zero AUR or registry (StakingZeroAddress)", async () => {
      const f = await loadFixture(deployMesh);
      const F = await ethers.getContractFactory("BankMesh", { libraries: f.libraries });
      await expect(
        F.deploy(await f.nex.getAddress(), ethers.ZeroAddress, await f.registry.getAddress()),
      ).to.be.revertedWithCustomError(f.mesh, "StakingZeroAddress");
    });
  });

  describe("join, heartbeat, stake", () => {
    it("bonds the stake, counts as a heartbeat, starts at reputation 5,000 and emits BankJoined and BankStaked", async () => {
      const f = await loadFixture(deployMesh);
      await expect(f.mesh.connect(f.alice).join(MESH_MIN_STAKE, "Alpha", "https://alpha"))
        .to.emit(f.mesh, "BankJoined")
        .withArgs(f.alice.address, "Alpha", "https://alpha", MESH_MIN_STAKE)
        .and.to.emit(f.mesh, "BankStaked");
      expect(await f.mesh.stakeOf(f.alice.address)).to.equal(MESH_MIN_STAKE);
      expect(await f.mesh.reputationOf(f.alice.address)).to.equal(5_000n);
      expect(await f.mesh.bankStatus(f.alice.address)).to.equal(BS.Active);
      expect(await f.mesh.bankCount()).to.equal(1n);
      expect(await f.nex.balanceOf(await f.mesh.getAddress())).to.equal(MESH_MIN_STAKE);
    });
    it("refuses a second join, a stake below the minimum and bad metadata", async () => {
      const f = await loadFixture(deployMesh);
      await expect(f.mesh.connect(f.alice).join(MESH_MIN_STAKE - 1n, "a", "b"))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshBelowMinimum")
        .withArgs(f.alice.address, MESH_MIN_STAKE - 1n, MESH_MIN_STAKE);
      await expect(f.mesh.connect(f.alice).join(MESH_MIN_STAKE, "", "b"))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshBadMetadata")
        .withArgs(0, 1);
      await expect(f.mesh.connect(f.alice).join(MESH_MIN_STAKE, "a".repeat(65), "b"))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshBadMetadata")
        .withArgs(65, 1);
      await expect(f.mesh.connect(f.alice).join(MESH_MIN_STAKE, "a", "e".repeat(257)))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshBadMetadata")
        .withArgs(1, 257);
      await f.mesh.connect(f.alice).join(MESH_MIN_STAKE, "a", "b");
      await expect(f.mesh.connect(f.alice).join(MESH_MIN_STAKE, "a", "b"))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshAlreadyRegistered")
        .withArgs(f.alice.address);
    });
    it("is Inactive from heartbeat + period on (Active one second before) and a heartbeat restores it", async () => {
      const f = await loadFixture(joined);
      const last = (await f.mesh.bankOf(f.carol.address)).lastHeartbeat;
      await time.increaseTo(last + HEARTBEAT - 1n);
      expect(await f.mesh.bankStatus(f.carol.address)).to.equal(BS.Active);
      await time.increaseTo(last + HEARTBEAT);
      expect(await f.mesh.bankStatus(f.carol.address)).to.equal(BS.Inactive);
      await expect(f.mesh.connect(f.carol).openSettlement(f.dave.address, await f.nex.getAddress(), 1n, H("p")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshNotActive")
        .withArgs(f.carol.address, BS.Inactive);
      const t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      await expect(f.mesh.connect(f.carol).heartbeat()).to.emit(f.mesh, "BankHeartbeat").withArgs(f.carol.address, t);
      expect(await f.mesh.bankStatus(f.carol.address)).to.equal(BS.Active);
    });
    it("refuses heartbeats and stake from a non-member, and a zero stake", async () => {
      const f = await loadFixture(joined);
      await expect(f.mesh.connect(f.stranger).heartbeat())
        .to.be.revertedWithCustomError(f.mesh, "BankMeshNotMember")
        .withArgs(f.stranger.address, BS.None);
      await expect(f.mesh.connect(f.stranger).stake(1n))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshNotMember")
        .withArgs(f.stranger.address, BS.None);
      await expect(f.mesh.connect(f.alice).stake(0n)).to.be.revertedWithCustomError(f.mesh, "StakingZeroAmount");
      await expect(f.mesh.connect(f.alice).stake(5n))
        .to.emit(f.mesh, "BankStaked")
        .withArgs(f.alice.address, 5n, anyValue);
      expect(await f.mesh.stakeOf(f.alice.address)).to.equal(STAKES[0] + 5n);
    });
    it("unbonds and withdraws exactly after bpci.mesh.unbondingPeriod; below the minimum the bank is Inactive", async () => {
      const f = await loadFixture(joined);
      await expect(f.mesh.connect(f.carol).unbond(0n)).to.be.revertedWithCustomError(f.mesh, "StakingZeroAmount");
      const t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      await expect(f.mesh.connect(f.carol).unbond(1n))
        .to.emit(f.mesh, "BankUnbondingStarted")
        .withArgs(f.carol.address, 0, 1n, t + UNBONDING);
      expect(await f.mesh.bankStatus(f.carol.address)).to.equal(BS.Inactive);
      const [unlockAt, value] = await f.mesh.unbondingAt(f.carol.address, 0);
      expect(value).to.equal(1n);
      expect(await f.mesh.unbondingCount(f.carol.address)).to.equal(1n);
      await expect(f.mesh.connect(f.carol).withdraw(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnknownUnbonding")
        .withArgs(f.carol.address, 1, 1);
      await time.setNextBlockTimestamp(unlockAt - 1n);
      await expect(f.mesh.connect(f.carol).withdraw(0))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshStillUnbonding")
        .withArgs(f.carol.address, 0, unlockAt - 1n, unlockAt);
      {
        const tx1 = f.mesh.connect(f.carol).withdraw(0);
        await expect(tx1).to.emit(f.mesh, "BankWithdrawn").withArgs(f.carol.address, 0, 1n);
        await expect(tx1).to.changeTokenBalance(f.nex, f.carol, 1n);
      }
    });
    it("refuses the 17th pending unbonding (BankMeshTooManyUnbondings)", async () => {
      const f = await loadFixture(joined);
      for (let i = 0; i < 16; i++) await f.mesh.connect(f.alice).unbond(1n);
      await expect(f.mesh.connect(f.alice).unbond(1n))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshTooManyUnbondings")
        .withArgs(f.alice.address, 16, 16);
    });
  });

  describe("liquidity", () => {
    it("refuses bad requests: token, amount, rate, duration, inactive requester", async () => {
      const f = await loadFixture(joined);
      const nex = await f.nex.getAddress();
      const aur = await f.aur.getAddress();
      await expect(f.mesh.connect(f.alice).requestLiquidity(aur, 1n, 1, DAY))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnsupportedToken")
        .withArgs(aur);
      await expect(f.mesh.connect(f.alice).requestLiquidity(nex, 0n, 1, DAY)).to.be.revertedWithCustomError(
        f.mesh,
        "StakingZeroAmount",
      );
      await expect(f.mesh.connect(f.alice).requestLiquidity(nex, 1n, 50_001, DAY))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshRateTooHigh")
        .withArgs(50_001, 50_000);
      await expect(f.mesh.connect(f.alice).requestLiquidity(nex, 1n, 1, 0))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshBadDuration")
        .withArgs(0, MAX_DURATION);
      await expect(f.mesh.connect(f.alice).requestLiquidity(nex, 1n, 1, MAX_DURATION + 1n))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshBadDuration")
        .withArgs(MAX_DURATION + 1n, MAX_DURATION);
      await expect(f.mesh.connect(f.stranger).requestLiquidity(nex, 1n, 1, DAY))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshNotActive")
        .withArgs(f.stranger.address, BS.None);
    });
    it("escrows an offer, opens a loan on accept with due = principal + ceil(interest), pays the borrower", async () => {
      const f = await loadFixture(joined);
      const nex = await f.nex.getAddress();
      const t0 = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t0);
      await expect(f.mesh.connect(f.alice).requestLiquidity(nex, 10_000n * TOKEN, 800, 30n * DAY))
        .to.emit(f.mesh, "LiquidityRequested")
        .withArgs(1, f.alice.address, 10_000n * TOKEN, 800, 30n * DAY, t0 + WINDOW);
      {
        const tx2 = f.mesh.connect(f.bob).offer(1, 10_000n * TOKEN, 500, H("terms"));
        await expect(tx2)
          .to.emit(f.mesh, "LiquidityOffered")
          .withArgs(1, 1, f.bob.address, 10_000n * TOKEN, 500, H("terms"));
        await expect(tx2).to.changeTokenBalances(f.nex, [f.bob, f.mesh], [-10_000n * TOKEN, 10_000n * TOKEN]);
      }
      expect(await f.mesh.escrowed(nex)).to.equal(10_000n * TOKEN);
      const t1 = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t1);
      // 10,000 NEX x 5% x 30/365 = 41.095890410958904109 NEX + dust, rounded up for the lender.
      const due = 10_000n * TOKEN + 41_095_890_410_958_904_110n;
      {
        const tx3 = f.mesh.connect(f.alice).accept(1);
        await expect(tx3)
          .to.emit(f.mesh, "LoanOpened")
          .withArgs(1, f.alice.address, f.bob.address, 10_000n * TOKEN, due, t1 + 30n * DAY);
        await expect(tx3).to.changeTokenBalances(f.nex, [f.alice, f.mesh], [10_000n * TOKEN, -10_000n * TOKEN]);
      }
      expect(await f.mesh.escrowed(nex)).to.equal(0n);
      expect(await f.mesh.requestState(1)).to.equal(RS.Filled);
      expect(await f.mesh.offerState(1)).to.equal(OS.Accepted);
      expect(await f.mesh.loanState(1)).to.equal(LS.Active);
      expect((await f.mesh.bankOf(f.alice.address)).openLoans).to.equal(1n);
      expect(await f.mesh.counts()).to.deep.equal([1n, 1n, 0n, 0n]);
    });
    it("refuses bad offers: self, zero, above the rate, above the remainder, over the offer limit, non-open request", async () => {
      const f = await loadFixture(joined);
      const nex = await f.nex.getAddress();
      await f.mesh.connect(f.alice).requestLiquidity(nex, 100n, 800, DAY);
      await expect(f.mesh.connect(f.alice).offer(1, 1n, 1, H("x")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshSelfDealing")
        .withArgs(f.alice.address);
      await expect(f.mesh.connect(f.bob).offer(1, 0n, 1, H("x"))).to.be.revertedWithCustomError(
        f.mesh,
        "StakingZeroAmount",
      );
      await expect(f.mesh.connect(f.bob).offer(1, 1n, 801, H("x")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshRateTooHigh")
        .withArgs(801, 800);
      await expect(f.mesh.connect(f.bob).offer(1, 101n, 1, H("x")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshExceedsRequest")
        .withArgs(1, 101n, 100n);
      await expect(f.mesh.connect(f.stranger).offer(1, 1n, 1, H("x")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshNotActive")
        .withArgs(f.stranger.address, BS.None);
      for (let i = 0n; i < MAX_OFFERS; i++) await f.mesh.connect(f.bob).offer(1, 1n, 1, H("x"));
      await expect(f.mesh.connect(f.carol).offer(1, 1n, 1, H("x")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshTooManyOffers")
        .withArgs(1, MAX_OFFERS, MAX_OFFERS);
      await expect(f.mesh.connect(f.bob).offer(2, 1n, 1, H("x")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnexpectedRequestState")
        .withArgs(2, RS.None, bit(RS.Open));
    });
    it("keeps a request open until deadline - 1 s and expires it at the deadline second", async () => {
      const f = await loadFixture(joined);
      await f.mesh.connect(f.alice).requestLiquidity(await f.nex.getAddress(), 100n, 800, DAY);
      const { deadline } = await f.mesh.requestOf(1);
      await f.mesh.connect(f.bob).offer(1, 60n, 10, H("x"));
      await time.setNextBlockTimestamp(deadline - 10n);
      await heartbeatAll(f);
      await time.setNextBlockTimestamp(deadline - 1n);
      await expect(f.mesh.connect(f.carol).offer(1, 40n, 10, H("y"))).to.emit(f.mesh, "LiquidityOffered");
      await time.setNextBlockTimestamp(deadline);
      await expect(f.mesh.connect(f.alice).accept(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnexpectedRequestState")
        .withArgs(1, RS.Expired, bit(RS.Open));
    });
    it("expires a request after the window (offers refused, open offers still withdrawable, exact refund)", async () => {
      const f = await loadFixture(joined);
      await f.mesh.connect(f.alice).requestLiquidity(await f.nex.getAddress(), 100n, 800, DAY);
      await f.mesh.connect(f.bob).offer(1, 60n, 10, H("x"));
      await time.increase(WINDOW);
      expect(await f.mesh.requestState(1)).to.equal(RS.Expired);
      await heartbeatAll(f);
      await expect(f.mesh.connect(f.carol).offer(1, 1n, 1, H("x")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnexpectedRequestState")
        .withArgs(1, RS.Expired, bit(RS.Open));
      await expect(f.mesh.connect(f.alice).accept(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnexpectedRequestState")
        .withArgs(1, RS.Expired, bit(RS.Open));
      await expect(f.mesh.connect(f.carol).withdrawOffer(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnauthorized")
        .withArgs(f.carol.address, f.bob.address);
      {
        const tx4 = f.mesh.connect(f.bob).withdrawOffer(1);
        await expect(tx4).to.emit(f.mesh, "LiquidityOfferWithdrawn").withArgs(1, 60n);
        await expect(tx4).to.changeTokenBalance(f.nex, f.bob, 60n);
      }
      expect(await f.mesh.offerState(1)).to.equal(OS.Withdrawn);
      await expect(f.mesh.connect(f.bob).withdrawOffer(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnexpectedOfferState")
        .withArgs(1, OS.Withdrawn, bit(OS.Open));
    });
    it("cancels only by the requester; accepts only by the requester, within the remainder", async () => {
      const f = await loadFixture(joined);
      await f.mesh.connect(f.alice).requestLiquidity(await f.nex.getAddress(), 100n, 800, DAY);
      await f.mesh.connect(f.bob).offer(1, 60n, 10, H("x"));
      await f.mesh.connect(f.carol).offer(1, 60n, 10, H("y"));
      await expect(f.mesh.connect(f.bob).accept(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnauthorized")
        .withArgs(f.bob.address, f.alice.address);
      await f.mesh.connect(f.alice).accept(1);
      await expect(f.mesh.connect(f.alice).accept(2))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshExceedsRequest")
        .withArgs(1, 60n, 40n);
      await expect(f.mesh.connect(f.bob).cancelRequest(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnauthorized")
        .withArgs(f.bob.address, f.alice.address);
      await expect(f.mesh.connect(f.alice).cancelRequest(1)).to.emit(f.mesh, "LiquidityRequestCancelled").withArgs(1);
      expect(await f.mesh.requestState(1)).to.equal(RS.Cancelled);
      await f.mesh.connect(f.carol).withdrawOffer(2);
    });
    it("refuses accepting when the borrower is Inactive", async () => {
      const f = await loadFixture(joined);
      await f.mesh.connect(f.alice).requestLiquidity(await f.nex.getAddress(), 100n, 800, DAY);
      await f.mesh.connect(f.bob).offer(1, 60n, 10, H("x"));
      await time.increase(HEARTBEAT);
      await expect(f.mesh.connect(f.alice).accept(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshNotActive")
        .withArgs(f.alice.address, BS.Inactive);
    });
    it("repays in parts to the lender (+100 reputation at the end), refuses overpayment and unbonding meanwhile", async () => {
      const f = await loadFixture(loaned);
      const due = (await f.mesh.offerOf(1)).due;
      await expect(f.mesh.connect(f.alice).unbond(1n))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshOpenLoans")
        .withArgs(f.alice.address, 1);
      await expect(f.mesh.connect(f.alice).repay(1, 0n)).to.be.revertedWithCustomError(f.mesh, "StakingZeroAmount");
      await expect(f.mesh.connect(f.alice).repay(1, due + 1n))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshOverpayment")
        .withArgs(1, due + 1n, due);
      {
        const tx5 = f.mesh.connect(f.alice).repay(1, 1_000n);
        await expect(tx5).to.emit(f.mesh, "LoanRepayment").withArgs(1, 1_000n, 1_000n);
        await expect(tx5).to.changeTokenBalances(f.nex, [f.alice, f.bob], [-1_000n, 1_000n]);
      }
      await expect(f.mesh.connect(f.alice).repay(1, due - 1_000n))
        .to.emit(f.mesh, "LoanRepaid")
        .withArgs(1)
        .and.to.emit(f.mesh, "BankReputationChanged")
        .withArgs(f.alice.address, 5_100n);
      expect(await f.mesh.loanState(1)).to.equal(LS.Repaid);
      expect((await f.mesh.bankOf(f.alice.address)).openLoans).to.equal(0n);
      await expect(f.mesh.connect(f.alice).repay(1, 1n))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnexpectedLoanState")
        .withArgs(1, LS.Repaid, bit(LS.Active, LS.Overdue));
    });
    it("is claimable from the due second (not one second before) by the lender only, taking exactly the shortfall", async () => {
      const f = await loadFixture(loaned);
      const o = await f.mesh.offerOf(1);
      await f.mesh.connect(f.alice).repay(1, 5_000n * TOKEN);
      await time.setNextBlockTimestamp(o.dueAt - 1n);
      await expect(f.mesh.connect(f.bob).claim(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnexpectedLoanState")
        .withArgs(1, LS.Active, bit(LS.Overdue));
      await time.setNextBlockTimestamp(o.dueAt + 0n);
      await expect(f.mesh.connect(f.carol).claim(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnauthorized")
        .withArgs(f.carol.address, f.bob.address);
      const shortfall = o.due - 5_000n * TOKEN;
      {
        const tx6 = f.mesh.connect(f.bob).claim(1);
        await expect(tx6)
          .to.emit(f.mesh, "LoanClaimed")
          .withArgs(1, shortfall, shortfall)
          .and.to.emit(f.mesh, "BankReputationChanged")
          .withArgs(f.alice.address, 4_000n);
        await expect(tx6).to.changeTokenBalance(f.nex, f.bob, shortfall);
      }
      expect(await f.mesh.stakeOf(f.alice.address)).to.equal(STAKES[0] - shortfall);
      expect(await f.mesh.getVotes(f.alice.address)).to.equal(STAKES[0] - shortfall);
      expect(await f.mesh.loanState(1)).to.equal(LS.Claimed);
      expect((await f.mesh.bankOf(f.alice.address)).openLoans).to.equal(0n);
    });
    it("caps a claim at the borrower's bonded stake", async () => {
      const f = await loadFixture(joined);
      await f.mesh.connect(f.carol).requestLiquidity(await f.nex.getAddress(), 5_000n * TOKEN, 800, DAY);
      await f.mesh.connect(f.bob).offer(1, 5_000n * TOKEN, 800, H("x"));
      await f.mesh.connect(f.carol).accept(1);
      await time.increase(DAY);
      const due = (await f.mesh.offerOf(1)).due;
      await expect(f.mesh.connect(f.bob).claim(1))
        .to.emit(f.mesh, "LoanClaimed")
        .withArgs(1, due, STAKES[2])
        .and.to.emit(f.mesh, "PoolSharesRetired");
      expect(await f.mesh.stakeOf(f.carol.address)).to.equal(0n);
      expect(await f.mesh.getVotes(f.carol.address)).to.equal(0n);
    });
  });

  describe("settlements", () => {
    async function opened() {
      const f = await joined();
      await f.mesh.connect(f.alice).openSettlement(f.bob.address, await f.aur.getAddress(), 250n * TOKEN, H("fx"));
      return f;
    }
    it("escrows the amount until the deadline and emits SettlementOpened", async () => {
      const f = await loadFixture(joined);
      const aur = await f.aur.getAddress();
      const t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      {
        const tx7 = f.mesh.connect(f.alice).openSettlement(f.bob.address, aur, 250n * TOKEN, H("fx"));
        await expect(tx7)
          .to.emit(f.mesh, "SettlementOpened")
          .withArgs(1, f.alice.address, f.bob.address, aur, 250n * TOKEN, H("fx"), t + TIMEOUT);
        await expect(tx7).to.changeTokenBalances(f.aur, [f.alice, f.mesh], [-250n * TOKEN, 250n * TOKEN]);
      }
      expect(await f.mesh.escrowed(aur)).to.equal(250n * TOKEN);
      expect(await f.mesh.settlementState(1)).to.equal(SS.Open);
    });
    it("refuses self, a non-member counterparty, another token and a zero amount", async () => {
      const f = await loadFixture(joined);
      const nex = await f.nex.getAddress();
      await expect(f.mesh.connect(f.alice).openSettlement(f.alice.address, nex, 1n, H("p")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshSelfDealing")
        .withArgs(f.alice.address);
      await expect(f.mesh.connect(f.alice).openSettlement(f.stranger.address, nex, 1n, H("p")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshNotMember")
        .withArgs(f.stranger.address, BS.None);
      const gen = await f.gen.getAddress();
      await expect(f.mesh.connect(f.alice).openSettlement(f.bob.address, gen, 1n, H("p")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnsupportedToken")
        .withArgs(gen);
      await expect(
        f.mesh.connect(f.alice).openSettlement(f.bob.address, nex, 0n, H("p")),
      ).to.be.revertedWithCustomError(f.mesh, "StakingZeroAmount");
    });
    it("confirms at deadline - 1 s (counterparty only; +10 reputation to the sender); refund refused then", async () => {
      const f = await loadFixture(opened);
      const s = await f.mesh.settlementOf(1);
      await time.setNextBlockTimestamp(s.deadline - 1n);
      await expect(f.mesh.connect(f.carol).refundSettlement(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnexpectedSettlementState")
        .withArgs(1, SS.Open, bit(SS.Expired));
      const f3 = await loadFixture(opened);
      await expect(f3.mesh.connect(f3.carol).confirmSettlement(1))
        .to.be.revertedWithCustomError(f3.mesh, "BankMeshUnauthorized")
        .withArgs(f3.carol.address, f3.bob.address);
      const f2 = await loadFixture(opened);
      await time.setNextBlockTimestamp(s.deadline - 1n);
      {
        const tx8 = f2.mesh.connect(f2.bob).confirmSettlement(1);
        await expect(tx8)
          .to.emit(f2.mesh, "SettlementConfirmed")
          .withArgs(1)
          .and.to.emit(f2.mesh, "BankReputationChanged")
          .withArgs(f2.alice.address, 5_010n);
        await expect(tx8).to.changeTokenBalances(f2.aur, [f2.bob, f2.mesh], [250n * TOKEN, -250n * TOKEN]);
      }
      expect(await f2.mesh.settlementState(1)).to.equal(SS.Confirmed);
      await expect(f2.mesh.connect(f2.carol).refundSettlement(1))
        .to.be.revertedWithCustomError(f2.mesh, "BankMeshUnexpectedSettlementState")
        .withArgs(1, SS.Confirmed, bit(SS.Expired));
    });
    it("refunds at the deadline second (anyone; -10 reputation to the counterparty); confirm refused then", async () => {
      const f = await loadFixture(opened);
      const s = await f.mesh.settlementOf(1);
      await time.setNextBlockTimestamp(s.deadline);
      await expect(f.mesh.connect(f.bob).confirmSettlement(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnexpectedSettlementState")
        .withArgs(1, SS.Expired, bit(SS.Open));
      {
        const tx9 = f.mesh.connect(f.stranger).refundSettlement(1);
        await expect(tx9)
          .to.emit(f.mesh, "SettlementRefunded")
          .withArgs(1)
          .and.to.emit(f.mesh, "BankReputationChanged")
          .withArgs(f.bob.address, 4_990n);
        await expect(tx9).to.changeTokenBalances(f.aur, [f.alice, f.mesh], [250n * TOKEN, -250n * TOKEN]);
      }
      expect(await f.mesh.settlementState(1)).to.equal(SS.Refunded);
      expect(await f.mesh.escrowed(await f.aur.getAddress())).to.equal(0n);
    });
  });

  describe("proposals", () => {
    const KEY = H("bpci.mesh.settlementTimeout");
    it("snapshots the total at the second before the start; stake moved after it does not count in a vote", async () => {
      const f = await loadFixture(deployMesh);
      const [a, b, c] = f.banks;
      await f.mesh.connect(a).join(6_700n * TOKEN, "a", "a");
      await f.mesh.connect(b).join(2_300n * TOKEN, "b", "b");
      await f.mesh.connect(c).join(1_000n * TOKEN, "c", "c");
      // total 10,000 NEX: alice 67.00% exactly
      const t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      await expect(f.mesh.connect(b).propose(PK.ParameterChange, ethers.ZeroAddress, KEY, 900n, H("d")))
        .to.emit(f.mesh, "MeshProposalCreated")
        .withArgs(
          1,
          b.address,
          PK.ParameterChange,
          ethers.ZeroAddress,
          KEY,
          900n,
          H("d"),
          t - 1n,
          t + VOTING,
          10_000n * TOKEN,
        );
      // stake moved after the start does not count
      await f.mesh.connect(b).stake(50_000n * TOKEN);
      await expect(f.mesh.connect(b).vote(1, true))
        .to.emit(f.mesh, "MeshVoteCast")
        .withArgs(1, b.address, true, 2_300n * TOKEN);
      expect(await f.mesh.proposalState(1)).to.equal(PS.Active);
      await expect(f.mesh.connect(b).vote(1, true))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshAlreadyVoted")
        .withArgs(1, b.address);
      await f.mesh.connect(c).vote(1, false);
      await expect(f.mesh.connect(f.stranger).vote(1, true))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshNotMember")
        .withArgs(f.stranger.address, BS.None);
      await expect(f.mesh.execute(1))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnexpectedProposalState")
        .withArgs(1, PS.Active, bit(PS.Passed));
      expect((await f.mesh.proposalOf(1)).approvals).to.equal(2_300n * TOKEN);
    });
    it("66.99% of the snapshotted stake fails, 67.00% passes; execute emits the approval; an ended vote is Rejected", async () => {
      const f = await loadFixture(deployMesh);
      const [a, b, c] = f.banks;
      await f.mesh.connect(a).join(6_699n * TOKEN, "a", "a");
      await f.mesh.connect(b).join(3_301n * TOKEN, "b", "b");
      await f.mesh.connect(c).join(1_000n * TOKEN, "c", "c");
      await f.mesh.connect(c).unbond(1_000n * TOKEN); // carol's stake leaves before the start: not counted
      await f.mesh.connect(a).propose(PK.ParameterChange, ethers.ZeroAddress, KEY, 900n, H("d"));
      await f.mesh.connect(a).vote(1, true); // 6,699 / 10,000 = 66.99%
      expect(await f.mesh.proposalState(1)).to.equal(PS.Active);
      await f.mesh.connect(a).stake(1n * TOKEN); // after the start: 6,700 / 10,001 at the next snapshot
      await f.mesh.connect(b).unbond(1n * TOKEN); // 6,700 / 10,000
      await time.increase(1);
      await f.mesh.connect(a).propose(PK.ParameterChange, ethers.ZeroAddress, KEY, 900n, H("d2"));
      expect((await f.mesh.proposalOf(2)).totalStake).to.equal(10_000n * TOKEN);
      await f.mesh.connect(a).vote(2, true); // 67.00%
      expect(await f.mesh.proposalState(2)).to.equal(PS.Passed);
      await expect(f.mesh.connect(b).vote(2, false))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshUnexpectedProposalState")
        .withArgs(2, PS.Passed, bit(PS.Active));
      await expect(f.mesh.connect(f.stranger).execute(2))
        .to.emit(f.mesh, "MeshProposalExecuted")
        .withArgs(2)
        .and.to.emit(f.mesh, "MeshParameterChangeApproved")
        .withArgs(2, KEY, 900n);
      expect(await f.mesh.proposalState(2)).to.equal(PS.Executed);
      await time.increase(VOTING);
      expect(await f.mesh.proposalState(1)).to.equal(PS.Rejected);
      expect(await f.mesh.hasVoted(1, a.address)).to.equal(true);
    });
    it("expels (all stake unbonding, votes 0) and re-admits; refuses bad targets, no-vote voters and no stake", async () => {
      const f = await loadFixture(joined);
      const [a, b, c] = f.banks;
      await expect(f.mesh.connect(a).propose(PK.ParameterChange, ethers.ZeroAddress, ethers.ZeroHash, 0n, H("d")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshBadProposalTarget")
        .withArgs(ethers.ZeroAddress, BS.None);
      await expect(f.mesh.connect(a).propose(PK.Admission, c.address, ethers.ZeroHash, 0n, H("d")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshBadProposalTarget")
        .withArgs(c.address, BS.Active);
      await expect(f.mesh.connect(a).propose(PK.Expulsion, f.stranger.address, ethers.ZeroHash, 0n, H("d")))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshBadProposalTarget")
        .withArgs(f.stranger.address, BS.None);
      await f.mesh.connect(a).propose(PK.Expulsion, c.address, ethers.ZeroHash, 0n, H("x"));
      await f.mesh.connect(a).vote(1, true);
      await f.mesh.connect(b).vote(1, true);
      expect(await f.mesh.proposalState(1)).to.equal(PS.Passed);
      await expect(f.mesh.execute(1))
        .to.emit(f.mesh, "BankExpelled")
        .withArgs(c.address, 1, STAKES[2])
        .and.to.emit(f.mesh, "BankUnbondingStarted");
      expect(await f.mesh.bankStatus(c.address)).to.equal(BS.Expelled);
      expect(await f.mesh.getVotes(c.address)).to.equal(0n);
      await expect(f.mesh.connect(c).heartbeat())
        .to.be.revertedWithCustomError(f.mesh, "BankMeshNotMember")
        .withArgs(c.address, BS.Expelled);
      await f.mesh.connect(a).propose(PK.Admission, c.address, ethers.ZeroHash, 0n, H("back"));
      await expect(f.mesh.connect(f.dave).vote(2, true)).to.emit(f.mesh, "MeshVoteCast");
      await f.mesh.connect(a).vote(2, true); // 7,700 of 10,999 (carol's stake left at the expulsion)
      await expect(f.mesh.execute(2)).to.emit(f.mesh, "BankAdmitted").withArgs(c.address, 2);
      expect(await f.mesh.bankStatus(c.address)).to.equal(BS.Inactive); // no bonded stake left
      await f.mesh.connect(c).propose(PK.ParameterChange, ethers.ZeroAddress, KEY, 1n, H("y"));
      await expect(f.mesh.connect(c).vote(3, true))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshNoVotes")
        .withArgs(3, c.address, (await f.mesh.proposalOf(3)).snapshot);
    });
    it("refuses executing an Admission of a bank re-admitted meanwhile and a proposal without any stake", async () => {
      const f = await loadFixture(joined);
      const [a, b, c] = f.banks;
      await f.mesh.connect(a).propose(PK.Expulsion, c.address, ethers.ZeroHash, 0n, H("x"));
      await f.mesh.connect(a).propose(PK.Expulsion, c.address, ethers.ZeroHash, 0n, H("x2"));
      for (const id of [1, 2]) {
        await f.mesh.connect(a).vote(id, true);
        await f.mesh.connect(b).vote(id, true);
      }
      await f.mesh.execute(1);
      await expect(f.mesh.execute(2))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshBadProposalTarget")
        .withArgs(c.address, BS.Expelled);
      await f.mesh.connect(a).propose(PK.Admission, c.address, ethers.ZeroHash, 0n, H("y"));
      await f.mesh.connect(a).propose(PK.Admission, c.address, ethers.ZeroHash, 0n, H("y2"));
      for (const id of [3, 4]) {
        await f.mesh.connect(a).vote(id, true);
        await f.mesh.connect(b).vote(id, true);
      }
      await f.mesh.execute(3);
      await expect(f.mesh.execute(4))
        .to.be.revertedWithCustomError(f.mesh, "BankMeshBadProposalTarget")
        .withArgs(c.address, BS.Inactive);
      const g = await loadFixture(deployMesh);
      await g.mesh.connect(g.alice).join(MESH_MIN_STAKE, "a", "a");
      await g.mesh.connect(g.alice).unbond(MESH_MIN_STAKE);
      await time.increase(1);
      await expect(
        g.mesh.connect(g.alice).propose(PK.ParameterChange, ethers.ZeroAddress, KEY, 1n, H("d")),
      ).to.be.revertedWithCustomError(g.mesh, "BankMeshNoStake");
    });
  });
});
