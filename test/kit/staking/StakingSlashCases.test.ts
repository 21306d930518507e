import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { DAY, deployBank, E } from "../../helpers/fixtures/bank";
import { CaseState as Case, encodeStates } from "../../../sdk/kit/core";

/**
 * StakingSlashCases (contracts/staking/extensions) on MockBankStaking: every transition of the case state
 * machine, each wrong-state call with its exact error, the cap to the wei, the appeal clock, and cases from a
 * second account or on a second pool.
 */
const bit = (...states: Case[]) => encodeStates(...states);

describe("StakingSlashCases (extension, on MockBankStaking)", () => {
  async function staked() {
    const f = await deployBank();
    await f.staking.connect(f.alice).stake(f.bank.address, E(300n));
    return f;
  }

  it("rejects a case on a non-pool and an offence in the future", async () => {
    const { staking, bank, stranger } = await loadFixture(staked);
    await expect(staking.openCase(stranger.address, 0n))
      .to.be.revertedWithCustomError(staking, "StakingNotProvider")
      .withArgs(stranger.address);
    const now = BigInt(await time.latest());
    await expect(staking.openCase(bank.address, now + 100n))
      .to.be.revertedWithCustomError(staking, "StakingOffenceInFuture")
      .withArgs(now + 100n, now + 1n);
  });

  it("raises an offence older than the unbonding period to now - period + 1", async () => {
    const { staking, bank } = await loadFixture(staked);
    await time.increase(30n * DAY);
    const now = BigInt(await time.latest());
    await staking.openCase(bank.address, now - 10n * DAY);
    const c = await staking.slashCase(1n);
    expect(c.offenceAt).to.equal(now + 1n - 7n * DAY + 1n);
    expect(c.provider).to.equal(bank.address);
    expect(c.snapshotStake).to.equal(E(300n));
    expect(c.status).to.equal(Case.Open);
  });

  it("caps a proposed slash at 50% of the snapshot rounded down, to the wei", async () => {
    const { staking, bank, alice, slasher } = await loadFixture(staked);
    await staking.connect(alice).stake(bank.address, 1n); // snapshot 300 tokens + 1 wei: odd
    await staking.openCase(bank.address, BigInt(await time.latest()));
    const max = (E(300n) + 1n) / 2n;
    await expect(staking.proposeSlash(1n, E(1000n)))
      .to.emit(staking, "SlashProposed")
      .withArgs(1n, bank.address, max, slasher.address, BigInt(await time.latest()) + 1n + 2n * DAY);
    expect((await staking.slashCase(1n)).amount).to.equal(max);
  });

  it("rejects a zero proposal and a proposal on a case that is not open", async () => {
    const { staking, bank } = await loadFixture(staked);
    await expect(staking.proposeSlash(1n, E(1n)))
      .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
      .withArgs(1n, Case.None, bit(Case.Open));
    await staking.openCase(bank.address, BigInt(await time.latest()));
    await expect(staking.proposeSlash(1n, 0n)).to.be.revertedWithCustomError(staking, "StakingZeroAmount");
    await staking.proposeSlash(1n, E(1n));
    await expect(staking.proposeSlash(1n, E(1n)))
      .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
      .withArgs(1n, Case.Appealing, bit(Case.Open));
    await expect(staking.closeCase(1n))
      .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
      .withArgs(1n, Case.Appealing, bit(Case.Open));
  });

  it("becomes final exactly at the end of the window, not a second before", async () => {
    const { staking, bank } = await loadFixture(staked);
    await staking.openCase(bank.address, BigInt(await time.latest()));
    await staking.proposeSlash(1n, E(10n));
    const ends = (await staking.slashCase(1n)).appealEndsAt;
    await time.increaseTo(ends - 2n); // the next block is one second before the end
    await expect(staking.finalizeSlash(1n))
      .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
      .withArgs(1n, Case.Appealing, bit(Case.Finalizable));
    await expect(staking.finalizeSlash(1n)).to.emit(staking, "BankSlashBurned").withArgs(1n, bank.address, E(10n));
    expect(await staking.caseState(1n)).to.equal(Case.Executed);
    await expect(staking.finalizeSlash(1n))
      .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
      .withArgs(1n, Case.Executed, bit(Case.Finalizable));
  });

  it("lets the provider appeal its own case once, and not after the window", async () => {
    const { staking, bank } = await loadFixture(staked);
    await staking.openCase(bank.address, BigInt(await time.latest()));
    await staking.proposeSlash(1n, E(10n));
    await staking.connect(bank).appeal(1n);
    await expect(staking.connect(bank).appeal(1n))
      .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
      .withArgs(1n, Case.Appealed, bit(Case.Appealing));
    // The appeal moved the deadline to 5 days after it; then the slash is final.
    const decideBy = (await staking.slashCase(1n)).appealEndsAt;
    await time.increaseTo(decideBy);
    expect(await staking.caseState(1n)).to.equal(Case.Finalizable);
    await expect(staking.connect(bank).appeal(1n))
      .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
      .withArgs(1n, Case.Finalizable, bit(Case.Appealing));
  });

  it("rejects an appeal once the window has run out without one", async () => {
    const { staking, bank } = await loadFixture(staked);
    await staking.openCase(bank.address, BigInt(await time.latest()));
    await staking.proposeSlash(1n, E(10n));
    await time.increase(2n * DAY);
    await expect(staking.connect(bank).appeal(1n))
      .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
      .withArgs(1n, Case.Finalizable, bit(Case.Appealing));
  });

  it("counts two cases on one pool: the pool stays frozen until both are closed", async () => {
    const { staking, bank, alice } = await loadFixture(staked);
    const now = BigInt(await time.latest());
    await expect(staking.openCase(bank.address, now))
      .to.emit(staking, "SlashCaseOpened")
      .withArgs(1n, bank.address, E(300n));
    await expect(staking.openCase(bank.address, now))
      .to.emit(staking, "SlashCaseOpened")
      .withArgs(2n, bank.address, E(300n));
    await expect(staking.connect(alice).stake(bank.address, E(1n)))
      .to.be.revertedWithCustomError(staking, "StakingFrozenByDispute")
      .withArgs(bank.address, 2n);
    await staking.closeCase(1n);
    await expect(staking.connect(alice).stake(bank.address, E(1n)))
      .to.be.revertedWithCustomError(staking, "StakingFrozenByDispute")
      .withArgs(bank.address, 1n);
    await expect(staking.closeCase(2n)).to.emit(staking, "SlashCaseClosed").withArgs(2n, bank.address);
    await expect(staking.connect(alice).stake(bank.address, E(1n))).to.emit(staking, "BankStaked");
    expect(await staking.caseState(1n)).to.equal(Case.Closed);
  });

  it("two overlapping cases never take more than the stake they reach together", async () => {
    const { staking, bank, token, alice } = await loadFixture(staked);
    const now = BigInt(await time.latest());
    await staking.openCase(bank.address, now);
    await staking.openCase(bank.address, now);
    await staking.proposeSlash(1n, E(150n));
    await staking.proposeSlash(2n, E(150n));
    await time.increase(2n * DAY);
    const supply = await token.totalSupply();
    await expect(staking.finalizeSlash(1n)).to.emit(staking, "BankSlashBurned").withArgs(1n, bank.address, E(150n));
    await expect(staking.finalizeSlash(2n)).to.emit(staking, "BankSlashBurned").withArgs(2n, bank.address, E(150n));
    expect(await token.totalSupply()).to.equal(supply - E(300n));
    expect(await staking.stakeOf(bank.address, alice.address)).to.equal(0n);
  });

  it("keeps a case on one pool from freezing another pool or being appealed by its provider", async () => {
    const { staking, bank, bank2, alice } = await loadFixture(staked);
    await staking.connect(alice).stake(bank2.address, E(100n));
    await staking.openCase(bank.address, BigInt(await time.latest()));
    await expect(staking.connect(alice).stake(bank2.address, E(1n))).to.emit(staking, "BankStaked");
    await staking.proposeSlash(1n, E(10n));
    await expect(staking.connect(bank2).appeal(1n))
      .to.be.revertedWithCustomError(staking, "StakingNotAppellant")
      .withArgs(1n, bank2.address, bank.address);
  });
});
