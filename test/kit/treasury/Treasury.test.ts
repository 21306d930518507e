import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  PType,
  TOKEN,
  deployGovernance,
  descriptionHash,
  impersonate,
  passProposal,
  safeExec,
  signSafeTx,
  single,
} from "../../helpers/fixtures/governance";
import type { ReentrantReceiver } from "../../../typechain-types";
import { encodeStates } from "../../../sdk/kit/core";

/** ITreasury.GrantState */
const GrantState = { Vesting: 0, Vested: 1, Revoked: 2 } as const;

const FUND = 10_000_000n * TOKEN;
const ETH_FUND = 100n * 10n ** 18n;
const BUDGET = 1_000_000n * TOKEN; // module default per 30 days
const PERIOD = 30n * BigInt(DAY);

/** Governance deployment with a treasury holding 10M tokens and 100 ETH; `gov` signs as the timelock. */
async function deployFundedTreasury() {
  const f = await deployGovernance();
  const treasury = await f.treasury.getAddress();
  await f.token.connect(f.treasuryEoa).transfer(treasury, FUND);
  await f.deployer.sendTransaction({ to: treasury, value: ETH_FUND });
  const gov = await impersonate(await f.timelock.getAddress());
  return { ...f, gov, q: await f.token.getAddress(), treasuryAddr: treasury };
}

describe("Treasury (with its GrantVesting streams)", () => {
  describe("given the council Safe (2 of 3)", () => {
    it("spends within the budget with two owner signatures", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const amount = 400_000n * TOKEN;
      const data = f.treasury.interface.encodeFunctionData("councilSpend", [f.q, f.stranger.address, amount]);
      await expect(safeExec(f.council, f.councilOwners.slice(0, 2), f.treasuryAddr, data))
        .to.emit(f.treasury, "CouncilSpent")
        .withArgs(await f.council.getAddress(), f.q, f.stranger.address, amount, amount);
      expect(await f.token.balanceOf(f.stranger.address)).to.equal(amount);
      expect(await f.treasury.remainingBudget(f.q)).to.equal(BUDGET - amount);
      expect(await f.council.nonce()).to.equal(1n);
    });

    it("rejects k-1 signatures, non-owner, duplicate, wrong-chain and replayed signatures (TRE-01)", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const data = f.treasury.interface.encodeFunctionData("councilSpend", [f.q, f.stranger.address, TOKEN]);
      const [o1, o2] = f.councilOwners;
      const exec = (sigs: string) =>
        f.council
          .connect(o1)
          .execTransaction(f.treasuryAddr, 0n, data, 0, 0n, 0n, 0n, ethers.ZeroAddress, ethers.ZeroAddress, sigs);
      await expect(exec(await signSafeTx(f.council, [o1], f.treasuryAddr, data))).to.be.revertedWith("GS020");
      await expect(exec(await signSafeTx(f.council, [o1, f.stranger], f.treasuryAddr, data))).to.be.revertedWith(
        "GS026",
      );
      const one = await signSafeTx(f.council, [o1], f.treasuryAddr, data);
      await expect(exec(ethers.concat([one, one]))).to.be.revertedWith("GS026");
      await expect(
        exec(await signSafeTx(f.council, [o1, o2], f.treasuryAddr, data, 0n, undefined, 1n)),
      ).to.be.revertedWith("GS026");
      const good = await signSafeTx(f.council, [o1, o2], f.treasuryAddr, data);
      await exec(good);
      await expect(exec(good)).to.be.revertedWith("GS026");
      expect(await f.token.balanceOf(f.stranger.address)).to.equal(TOKEN);
    });

    it("cannot spend over the budget; the Safe transaction reverts whole (GS013) and the call reverts exactly", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const over = BUDGET + 1n;
      const data = f.treasury.interface.encodeFunctionData("councilSpend", [f.q, f.stranger.address, over]);
      await expect(safeExec(f.council, f.councilOwners.slice(1, 3), f.treasuryAddr, data)).to.be.revertedWith("GS013");
      expect(await f.council.nonce()).to.equal(0n);
      const council = await impersonate(await f.council.getAddress());
      await expect(f.treasury.connect(council).councilSpend(f.q, f.stranger.address, over))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryOverBudget")
        .withArgs(council.address, f.q, over, BUDGET);
    });

    it("spends ETH within the ETH budget, and not more than the spendable balance", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const council = await impersonate(await f.council.getAddress());
      await expect(
        f.treasury.connect(council).councilSpend(ethers.ZeroAddress, f.stranger.address, 10n ** 18n),
      ).to.changeEtherBalances([f.treasury, f.stranger], [-(10n ** 18n), 10n ** 18n]);
      await f.treasury.connect(f.gov).setBudget(ethers.ZeroAddress, 1_000n * 10n ** 18n);
      await expect(f.treasury.connect(council).councilSpend(ethers.ZeroAddress, f.stranger.address, ETH_FUND))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryInsufficientSpendable")
        .withArgs(ethers.ZeroAddress, ETH_FUND, ETH_FUND - 10n ** 18n);
    });
  });

  describe("when governance administers", () => {
    it("rejects a zero admin or council and mismatched budget arrays at deployment", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const a = f.deployer.address;
      await expect(
        ethers.deployContract("Treasury", [ethers.ZeroAddress, a, DAY, [], []]),
      ).to.be.revertedWithCustomError(f.treasury, "TreasuryZeroAddress");
      await expect(
        ethers.deployContract("Treasury", [a, ethers.ZeroAddress, DAY, [], []]),
      ).to.be.revertedWithCustomError(f.treasury, "TreasuryZeroAddress");
      await expect(ethers.deployContract("Treasury", [a, a, DAY, [f.q], []]))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryLengthMismatch")
        .withArgs(1, 0);
      await expect(ethers.deployContract("Treasury", [a, a, 0, [], []]))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryInvalidPeriod")
        .withArgs(0, 365n * BigInt(DAY));
    });

    it("announces its constructor's budgets and period, and every ETH it receives", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const a = f.deployer.address;
      const t = await ethers.deployContract("Treasury", [a, a, DAY, [f.q, ethers.ZeroAddress], [5n, 7n]]);
      const deployment = t.deploymentTransaction()!;
      await expect(deployment).to.emit(t, "BudgetSet").withArgs(f.q, 0n, 5n);
      await expect(deployment).to.emit(t, "BudgetSet").withArgs(ethers.ZeroAddress, 0n, 7n);
      await expect(deployment).to.emit(t, "BudgetPeriodSet").withArgs(0n, DAY);
      await expect(f.stranger.sendTransaction({ to: await t.getAddress(), value: 3n }))
        .to.emit(t, "Received")
        .withArgs(f.stranger.address, 3n);
    });

    it("grants exactly the spendable balance, not one wei more", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const start = BigInt(await time.latest()) + 10n;
      await expect(f.treasury.connect(f.gov).createGrant(f.q, f.alice.address, FUND + 1n, start, start, DAY))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryInsufficientSpendable")
        .withArgs(f.q, FUND + 1n, FUND);
      await expect(f.treasury.connect(f.gov).createGrant(f.q, f.alice.address, FUND, start, start, DAY)).to.emit(
        f.treasury,
        "GrantCreated",
      );
      expect(await f.treasury.spendable(f.q)).to.equal(0n);
    });

    it("leaves no council budget when governance lowers it below what was spent", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const council = await impersonate(await f.council.getAddress());
      await f.treasury.connect(council).councilSpend(f.q, f.stranger.address, 400_000n * TOKEN);
      await f.treasury.connect(f.gov).setBudget(f.q, 100_000n * TOKEN);
      expect(await f.treasury.budget(f.q)).to.equal(100_000n * TOKEN);
      expect(await f.treasury.remainingBudget(f.q)).to.equal(0);
      await expect(f.treasury.connect(council).councilSpend(f.q, f.stranger.address, 1n))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryOverBudget")
        .withArgs(council.address, f.q, 1n, 0n);
    });

    it("sets budgets and periods with old and new values, within bounds", async () => {
      const f = await loadFixture(deployFundedTreasury);
      await expect(f.treasury.connect(f.gov).setBudget(f.q, 5n))
        .to.emit(f.treasury, "BudgetSet")
        .withArgs(f.q, BUDGET, 5n);
      await expect(f.treasury.connect(f.gov).setBudgetPeriod(DAY))
        .to.emit(f.treasury, "BudgetPeriodSet")
        .withArgs(PERIOD, DAY);
      expect(await f.treasury.budgetPeriod()).to.equal(DAY);
      for (const p of [0n, 365n * BigInt(DAY) + 1n]) {
        await expect(f.treasury.connect(f.gov).setBudgetPeriod(p))
          .to.be.revertedWithCustomError(f.treasury, "TreasuryInvalidPeriod")
          .withArgs(p, 365n * BigInt(DAY));
      }
      // The bounds themselves are valid: one second and exactly 365 days.
      await expect(f.treasury.connect(f.gov).setBudgetPeriod(365n * BigInt(DAY)))
        .to.emit(f.treasury, "BudgetPeriodSet")
        .withArgs(DAY, 365n * BigInt(DAY));
      await expect(f.treasury.connect(f.gov).setBudgetPeriod(1n))
        .to.emit(f.treasury, "BudgetPeriodSet")
        .withArgs(365n * BigInt(DAY), 1n);
    });

    it("spends any amount of the spendable balance, never reserved funds", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const now = BigInt(await time.latest());
      await f.treasury.connect(f.gov).createGrant(f.q, f.alice.address, 4_000_000n * TOKEN, now, now, 100n);
      const spendable = FUND - 4_000_000n * TOKEN;
      expect(await f.treasury.spendable(f.q)).to.equal(spendable);
      await expect(f.treasury.connect(f.gov).spend(f.q, f.stranger.address, spendable + 1n))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryInsufficientSpendable")
        .withArgs(f.q, spendable + 1n, spendable);
      await expect(f.treasury.connect(f.gov).spend(f.q, f.stranger.address, spendable))
        .to.emit(f.treasury, "Spent")
        .withArgs(f.q, f.stranger.address, spendable);
      await expect(f.treasury.connect(f.gov).spend(f.q, ethers.ZeroAddress, 1n)).to.be.revertedWithCustomError(
        f.treasury,
        "TreasuryZeroAddress",
      );
      await expect(f.treasury.connect(f.gov).spend(f.q, f.stranger.address, 0n)).to.be.revertedWithCustomError(
        f.treasury,
        "TreasuryZeroAmount",
      );
    });

    it("creates a grant and revokes it through real TreasurySpending proposals", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const now = BigInt(await time.latest());
      const amount = 3_650n * TOKEN;
      const start = now + 10n * BigInt(DAY);
      const create = single(
        f.treasuryAddr,
        f.treasury.interface.encodeFunctionData("createGrant", [
          f.q,
          f.alice.address,
          amount,
          start,
          start,
          365n * BigInt(DAY),
        ]),
        "Grant alice 3650 tokens over a year",
      );
      const id = await passProposal(f.governor, create, PType.TreasurySpending, [f.team]);
      await f.governor.queue(create.targets, create.values, create.calldatas, descriptionHash(create));
      await time.increaseTo(await f.governor.proposalEta(id));
      await expect(f.governor.execute(create.targets, create.values, create.calldatas, descriptionHash(create)))
        .to.emit(f.treasury, "GrantCreated")
        .withArgs(0, f.alice.address, f.q, amount, start, start, 365n * BigInt(DAY));
      const revoke = single(f.treasuryAddr, f.treasury.interface.encodeFunctionData("revokeGrant", [0]), "Revoke");
      const rid = await passProposal(f.governor, revoke, PType.TreasurySpending, [f.team]);
      await f.governor.queue(revoke.targets, revoke.values, revoke.calldatas, descriptionHash(revoke));
      const eta = await f.governor.proposalEta(rid);
      await time.setNextBlockTimestamp(eta);
      const vested = (amount * (eta - start)) / (365n * BigInt(DAY));
      await expect(f.governor.execute(revoke.targets, revoke.values, revoke.calldatas, descriptionHash(revoke)))
        .to.emit(f.treasury, "GrantRevoked")
        .withArgs(0, vested, amount - vested);
      await expect(f.treasury.connect(f.alice).claim(0))
        .to.emit(f.treasury, "GrantClaimed")
        .withArgs(0, f.alice.address, vested);
    });
  });

  describe("given a grant of 1,200 tokens: start in 10 days, cliff after 90 days, 360 days long", () => {
    const AMOUNT = 1_200n * TOKEN;
    const DUR = 360n * BigInt(DAY);
    async function withGrant() {
      const f = await deployFundedTreasury();
      const start = BigInt(await time.latest()) + 10n * BigInt(DAY);
      const cliff = start + 90n * BigInt(DAY);
      await f.treasury.connect(f.gov).createGrant(f.q, f.alice.address, AMOUNT, start, cliff, DUR);
      return { ...f, start, cliff };
    }

    it("reserves the amount and pays nothing before the cliff", async () => {
      const f = await loadFixture(withGrant);
      expect(await f.treasury.reserved(f.q)).to.equal(AMOUNT);
      expect(await f.treasury.spendable(f.q)).to.equal(FUND - AMOUNT);
      expect(await f.treasury.vestedAmount(0, f.cliff - 1n)).to.equal(0);
      expect(await f.treasury.vestedAmount(0, f.cliff)).to.equal(300n * TOKEN);
      expect(await f.treasury.grantCount()).to.equal(1);
      await time.setNextBlockTimestamp(f.cliff - 1n);
      await expect(f.treasury.connect(f.alice).claim(0))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryNothingToClaim")
        .withArgs(0);
    });

    it("pays the exact vested amount mid-stream, then the rest after the end", async () => {
      const f = await loadFixture(withGrant);
      const t = f.start + 123n * BigInt(DAY) + 17n;
      await time.setNextBlockTimestamp(t);
      const vested = (AMOUNT * (t - f.start)) / DUR;
      await expect(f.treasury.connect(f.alice).claim(0))
        .to.emit(f.treasury, "GrantClaimed")
        .withArgs(0, f.alice.address, vested);
      expect(await f.token.balanceOf(f.alice.address)).to.equal(30_000_000n * TOKEN + vested);
      expect(await f.treasury.reserved(f.q)).to.equal(AMOUNT - vested);
      expect(await f.treasury.claimable(0)).to.equal(0);
      await time.increaseTo(f.start + DUR);
      expect(await f.treasury.claimable(0)).to.equal(AMOUNT - vested);
      await f.treasury.connect(f.alice).claim(0);
      expect(await f.treasury.reserved(f.q)).to.equal(0);
      expect((await f.treasury.grant(0)).claimed).to.equal(AMOUNT);
      await expect(f.treasury.connect(f.alice).claim(0)).to.be.revertedWithCustomError(
        f.treasury,
        "TreasuryNothingToClaim",
      );
    });

    it("on revocation mid-stream returns the unvested part and keeps the vested part claimable", async () => {
      const f = await loadFixture(withGrant);
      const t1 = f.start + 120n * BigInt(DAY);
      await time.setNextBlockTimestamp(t1);
      await f.treasury.connect(f.alice).claim(0); // 400 tokens
      const t2 = f.start + 180n * BigInt(DAY);
      await time.setNextBlockTimestamp(t2);
      await expect(f.treasury.connect(f.gov).revokeGrant(0))
        .to.emit(f.treasury, "GrantRevoked")
        .withArgs(0, 600n * TOKEN, 600n * TOKEN);
      expect(await f.treasury.reserved(f.q)).to.equal(200n * TOKEN);
      expect(await f.treasury.spendable(f.q)).to.equal(FUND - 600n * TOKEN);
      await time.increase(100n * BigInt(DAY));
      expect(await f.treasury.vestedAmount(0, f.start + DUR)).to.equal(600n * TOKEN);
      await expect(f.treasury.connect(f.alice).claim(0))
        .to.emit(f.treasury, "GrantClaimed")
        .withArgs(0, f.alice.address, 200n * TOKEN);
      expect(await f.treasury.reserved(f.q)).to.equal(0);
      await expect(f.treasury.connect(f.gov).revokeGrant(0))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryUnexpectedGrantState")
        .withArgs(0, GrantState.Revoked, encodeStates(GrantState.Vesting, GrantState.Vested));
    });

    it("derives grantState: Vesting before and during the stream, Vested from its end, Revoked after revokeGrant", async () => {
      const f = await loadFixture(withGrant);
      expect(await f.treasury.grantState(0), "before start").to.equal(GrantState.Vesting);
      await time.increaseTo(f.cliff);
      expect(await f.treasury.grantState(0), "after the cliff").to.equal(GrantState.Vesting);
      await time.increaseTo(f.start + DUR - 1n);
      expect(await f.treasury.grantState(0), "one second before the end").to.equal(GrantState.Vesting);
      await time.increaseTo(f.start + DUR);
      expect(await f.treasury.grantState(0), "at the end").to.equal(GrantState.Vested);
      // A fully vested grant can still be revoked (nothing is returned), and is Revoked after.
      await expect(f.treasury.connect(f.gov).revokeGrant(0))
        .to.emit(f.treasury, "GrantRevoked")
        .withArgs(0, AMOUNT, 0n);
      expect(await f.treasury.grantState(0)).to.equal(GrantState.Revoked);
      await expect(f.treasury.grantState(1))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryUnknownGrant")
        .withArgs(1);
    });

    it("lets only the grantee claim, and rejects unknown grants", async () => {
      const f = await loadFixture(withGrant);
      await time.increaseTo(f.cliff);
      await expect(f.treasury.connect(f.bob).claim(0))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryNotGrantee")
        .withArgs(0, f.bob.address, f.alice.address);
      await expect(f.treasury.connect(f.alice).claim(1))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryUnknownGrant")
        .withArgs(1);
    });

    it("rejects bad grant inputs", async () => {
      const f = await loadFixture(withGrant);
      const s = f.start;
      await expect(
        f.treasury.connect(f.gov).createGrant(f.q, ethers.ZeroAddress, 1n, s, s, 1n),
      ).to.be.revertedWithCustomError(f.treasury, "TreasuryZeroAddress");
      await expect(
        f.treasury.connect(f.gov).createGrant(f.q, f.bob.address, 0n, s, s, 1n),
      ).to.be.revertedWithCustomError(f.treasury, "TreasuryZeroAmount");
      for (const [start, cliff, dur] of [
        [s, s, 0n],
        [s, s - 1n, 10n],
        [s, s + 11n, 10n],
        [2n ** 48n - 5n, 2n ** 48n - 5n, 10n],
      ]) {
        await expect(f.treasury.connect(f.gov).createGrant(f.q, f.bob.address, 1n, start, cliff, dur))
          .to.be.revertedWithCustomError(f.treasury, "TreasuryInvalidSchedule")
          .withArgs(start, cliff, dur);
      }
      const spendable = FUND - AMOUNT;
      await expect(f.treasury.connect(f.gov).createGrant(f.q, f.bob.address, spendable + 1n, s, s, 1n))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryInsufficientSpendable")
        .withArgs(f.q, spendable + 1n, spendable);
    });

    it("claims with the same gas whatever the number of grants (X-DOS-01)", async () => {
      const f = await loadFixture(withGrant);
      await time.increaseTo(f.start + 200n * BigInt(DAY));
      const first = (await (await f.treasury.connect(f.alice).claim(0)).wait())!.gasUsed;
      const now = BigInt(await time.latest());
      for (let i = 0; i < 60; i++) {
        await f.treasury
          .connect(f.gov)
          .createGrant(f.q, f.bob.address, TOKEN, now - 400n * BigInt(DAY), now - 400n * BigInt(DAY), DUR);
      }
      await f.treasury.connect(f.gov).createGrant(f.q, f.carol.address, AMOUNT, f.start, f.cliff, DUR);
      const last = (await (await f.treasury.connect(f.carol).claim(61)).wait())!.gasUsed;
      // Same work; only calldata bytes of the id and warm/cold slot patterns may differ slightly.
      expect(last > first ? last - first : first - last).to.be.lessThan(600n);
    });
  });

  describe("when an ETH grantee is hostile", () => {
    it("cannot re-enter claim, and a rejecting grantee only blocks its own claim", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const r = (await ethers.deployContract("ReentrantReceiver")) as unknown as ReentrantReceiver;
      const now = BigInt(await time.latest());
      await f.treasury
        .connect(f.gov)
        .createGrant(ethers.ZeroAddress, await r.getAddress(), 10n ** 18n, now - 10n, now - 10n, 1n);
      const claim = f.treasury.interface.encodeFunctionData("claim", [0]);
      await r.arm(f.treasuryAddr, claim, false);
      await expect(r.callTarget(claim)).to.be.revertedWithCustomError(f.treasury, "TreasuryEthTransferFailed");
      await r.arm(f.treasuryAddr, "0x", true);
      await expect(r.callTarget(claim))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryEthTransferFailed")
        .withArgs(await r.getAddress(), 10n ** 18n);
      await r.arm(f.treasuryAddr, "0x", false);
      await expect(r.callTarget(claim)).to.changeEtherBalance(r, 10n ** 18n);
      expect(await f.treasury.reserved(ethers.ZeroAddress)).to.equal(0);
    });
  });

  describe("SEC-14 the council budget is a rolling window", () => {
    /** Bucket length of the rolling window: ceil(period / 7) seconds (8 buckets cover period + one bucket). */
    const BUCKET = (PERIOD + 6n) / 7n;

    it("SEC-14 the council Safe cannot spend a second budget seconds after the first, across a period boundary", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const boundary = (BigInt(await time.latest()) / PERIOD + 1n) * PERIOD;
      const spend = (amount: bigint) =>
        safeExec(
          f.council,
          f.councilOwners.slice(0, 2),
          f.treasuryAddr,
          f.treasury.interface.encodeFunctionData("councilSpend", [f.q, f.stranger.address, amount]),
        );
      await time.setNextBlockTimestamp(boundary - 1n);
      await spend(BUDGET);
      await time.setNextBlockTimestamp(boundary);
      await expect(spend(BUDGET)).to.be.revertedWith("GS013");
      expect(await f.token.balanceOf(f.stranger.address)).to.equal(BUDGET);
      const council = await impersonate(await f.council.getAddress());
      await expect(f.treasury.connect(council).councilSpend(f.q, f.stranger.address, 1n))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryOverBudget")
        .withArgs(council.address, f.q, 1n, 0n);
    });

    it("SEC-14 frees a spend only once it is more than a full period old (at the end of its 8th bucket)", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const council = await impersonate(await f.council.getAddress());
      const t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      await f.treasury.connect(council).councilSpend(f.q, f.stranger.address, 600_000n * TOKEN);
      await time.setNextBlockTimestamp(t + PERIOD / 2n);
      await f.treasury.connect(council).councilSpend(f.q, f.stranger.address, 400_000n * TOKEN);
      const freed = (t / BUCKET + 8n) * BUCKET; // the first spend's bucket leaves the window
      expect(freed - t).to.be.greaterThan(PERIOD);
      expect(freed - t).to.be.lessThanOrEqual(PERIOD + BUCKET);
      await time.setNextBlockTimestamp(freed - 1n);
      await expect(f.treasury.connect(council).councilSpend(f.q, f.stranger.address, 1n))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryOverBudget")
        .withArgs(council.address, f.q, 1n, 0n);
      await time.setNextBlockTimestamp(freed);
      await expect(f.treasury.connect(council).councilSpend(f.q, f.stranger.address, 600_000n * TOKEN))
        .to.emit(f.treasury, "CouncilSpent")
        .withArgs(council.address, f.q, f.stranger.address, 600_000n * TOKEN, BUDGET);
      expect(await f.treasury.remainingBudget(f.q)).to.equal(0n);
    });

    it("SEC-14 reuses a bucket's slot eight buckets later with only the new spend in it", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const council = await impersonate(await f.council.getAddress());
      const b = BigInt(await time.latest()) / BUCKET + 1n;
      await time.setNextBlockTimestamp(b * BUCKET);
      await f.treasury.connect(council).councilSpend(f.q, f.stranger.address, 300_000n * TOKEN);
      // Bucket b + 8 shares bucket b's slot; bucket b has left the window (current - 7 .. current).
      await time.setNextBlockTimestamp((b + 8n) * BUCKET);
      await expect(f.treasury.connect(council).councilSpend(f.q, f.stranger.address, 100_000n * TOKEN))
        .to.emit(f.treasury, "CouncilSpent")
        .withArgs(council.address, f.q, f.stranger.address, 100_000n * TOKEN, 100_000n * TOKEN);
      expect(await f.treasury.remainingBudget(f.q)).to.equal(BUDGET - 100_000n * TOKEN);
    });

    it("SEC-14 keeps what was spent when governance changes the period", async () => {
      const f = await loadFixture(deployFundedTreasury);
      const council = await impersonate(await f.council.getAddress());
      await f.treasury.connect(council).councilSpend(f.q, f.stranger.address, BUDGET);
      await f.treasury.connect(f.gov).setBudgetPeriod(DAY);
      expect(await f.treasury.remainingBudget(f.q)).to.equal(0n);
      await expect(f.treasury.connect(council).councilSpend(f.q, f.stranger.address, 1n))
        .to.be.revertedWithCustomError(f.treasury, "TreasuryOverBudget")
        .withArgs(council.address, f.q, 1n, 0n);
      await time.increase(2n * BigInt(DAY));
      expect(await f.treasury.remainingBudget(f.q)).to.equal(BUDGET);
    });
  });
});
