import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { DAY } from "../../helpers/units";

/**
 * The staking core (contracts/staking) reused by a non-QUIVer contract: MockBankStaking over a plain
 * burnable ERC-20, with its own unbonding period (7 days), tier minimums (100/200/300/400, 90% demotion)
 * and slash-case parameters (50% cap, 2-day window), and no registry at all.
 */
const E = (n: bigint) => n * 10n ** 18n;
const VIRTUAL_SHARES = 10n ** 6n;
const toTokensDown = (shares: bigint, tokens: bigint, total: bigint) =>
  (shares * (tokens + 1n)) / (total + VIRTUAL_SHARES);

async function bankFactory() {
  const libraries: Record<string, string> = {};
  for (const name of ["UnbondingSegments", "RewardDrip"]) {
    libraries[name] = await (await (await ethers.getContractFactory(name)).deploy()).getAddress();
  }
  return ethers.getContractFactory("MockBankStaking", { libraries });
}

async function deployBank() {
  const [slasher, bank, alice, stranger] = await ethers.getSigners();
  const token = await (await ethers.getContractFactory("MockBurnableToken")).deploy("Bank Coin", "BANK");
  const staking = await (await bankFactory()).deploy(await token.getAddress(), slasher.address);
  await token.mint(alice.address, E(1000n));
  await token.connect(alice).approve(await staking.getAddress(), ethers.MaxUint256);
  await staking.connect(bank).register();
  return { token, staking, slasher, bank, alice, stranger };
}

describe("StakingPools core reused outside QUIVer (MockBankStaking)", () => {
  it("rejects a zero token in the core's constructor", async () => {
    const factory = await bankFactory();
    const [slasher] = await ethers.getSigners();
    await expect(factory.deploy(ethers.ZeroAddress, slasher.address)).to.be.revertedWithCustomError(
      factory,
      "StakingZeroAddress",
    );
  });

  it("stakes, unbonds, slashes through a case and withdraws with exact amounts and events", async () => {
    const { token, staking, slasher, bank, alice } = await loadFixture(deployBank);
    const stakingAddr = await staking.getAddress();

    // Stake 300: shares at the virtual-share rate 1e6, tier 0 -> 3.
    await expect(staking.connect(alice).stake(bank.address, E(300n)))
      .to.emit(staking, "BankStaked")
      .withArgs(alice.address, bank.address, E(300n), E(300n) * VIRTUAL_SHARES)
      .and.to.emit(staking, "TierChanged")
      .withArgs(bank.address, 0, 3);
    expect(await staking.stakeOf(bank.address, alice.address)).to.equal(E(300n));
    expect(await staking.tierOf(bank.address)).to.equal(3);

    // Unbond 100: the mock's own 7-day period; 200 < 90% of 300 demotes to tier 2.
    const unbondTx = staking.connect(alice).unbond(bank.address, E(100n));
    await expect(unbondTx).to.emit(staking, "TierChanged").withArgs(bank.address, 3, 2);
    const unbondAt = BigInt(await time.latest());
    await expect(unbondTx)
      .to.emit(staking, "BankUnbonding")
      .withArgs(alice.address, bank.address, E(100n), unbondAt + 7n * DAY);
    expect(await staking.getVotes(alice.address)).to.equal(E(200n));

    // A case for an offence at the unbonding's creation reaches bonded 200 + unbonding 100.
    await expect(staking.openCase(bank.address, unbondAt))
      .to.emit(staking, "SlashCaseOpened")
      .withArgs(1n, bank.address, E(300n));
    expect(await staking.caseState(1n)).to.equal(1); // Open

    // Propose 200: capped at the mock's 50% of the 300 snapshot, window of 2 days.
    const proposeTx = staking.proposeSlash(1n, E(200n));
    await expect(proposeTx)
      .to.emit(staking, "SlashProposed")
      .withArgs(1n, bank.address, E(150n), slasher.address, BigInt(await time.latest()) + 1n + 2n * DAY);

    // Still inside the window: not finalizable; the entry is frozen by the case.
    await expect(staking.finalizeSlash(1n))
      .to.be.revertedWithCustomError(staking, "StakingUnexpectedCaseState")
      .withArgs(1n, 2, 1n << 3n);
    await time.increase(2n * DAY);
    expect(await staking.caseState(1n)).to.equal(3); // Finalizable

    // Execute: 150 = ceil(150 * 200 / 300) = 100 from bonded + 50 from the unbonding segment, all burned.
    const supplyBefore = await token.totalSupply();
    await expect(staking.finalizeSlash(1n))
      .to.emit(staking, "BankSlashBurned")
      .withArgs(1n, bank.address, E(150n))
      .and.to.emit(staking, "TierChanged")
      .withArgs(bank.address, 2, 1);
    expect(await token.totalSupply()).to.equal(supplyBefore - E(150n));
    expect(await token.balanceOf(stakingAddr)).to.equal(E(150n));
    expect(await staking.stakeOf(bank.address, alice.address)).to.equal(
      toTokensDown(E(200n) * VIRTUAL_SHARES, E(100n), E(200n) * VIRTUAL_SHARES),
    );
    expect(await staking.caseState(1n)).to.equal(5); // Executed

    // Withdraw after the 7 days: the slashed segment pays exactly its share value (the rest stays as dust).
    const [entry] = await staking.unbondingsOf(alice.address);
    await expect(staking.connect(alice).withdraw(0n))
      .to.be.revertedWithCustomError(staking, "BankStillUnbonding")
      .withArgs(alice.address, 0n, entry.unlockAt);
    await time.increaseTo(entry.unlockAt);
    const paid = toTokensDown(E(100n) * VIRTUAL_SHARES, E(50n), E(100n) * VIRTUAL_SHARES);
    expect(await staking.unbondingValue(alice.address, 0n)).to.equal(paid);
    await expect(staking.connect(alice).withdraw(0n))
      .to.emit(staking, "BankWithdrawn")
      .withArgs(alice.address, bank.address, paid);
    expect(await token.balanceOf(alice.address)).to.equal(E(700n) + paid);
  });

  it("freezes new stake and the slashable entry while a case is open, and closing releases both", async () => {
    const { staking, bank, alice } = await loadFixture(deployBank);
    await staking.connect(alice).stake(bank.address, E(300n));
    await staking.connect(alice).unbond(bank.address, E(100n));
    const unbondAt = BigInt(await time.latest());
    await staking.openCase(bank.address, unbondAt);
    await expect(staking.connect(alice).stake(bank.address, E(1n)))
      .to.be.revertedWithCustomError(staking, "StakingFrozenByDispute")
      .withArgs(bank.address, 1n);
    await time.increase(7n * DAY);
    await expect(staking.connect(alice).withdraw(0n))
      .to.be.revertedWithCustomError(staking, "StakingFrozenByDispute")
      .withArgs(bank.address, 1n);
    await expect(staking.closeCase(1n)).to.emit(staking, "SlashCaseClosed").withArgs(1n, bank.address);
    await expect(staking.connect(alice).withdraw(0n))
      .to.emit(staking, "BankWithdrawn")
      .withArgs(alice.address, bank.address, E(100n));
  });

  it("lets only the slasher drive cases and only the bank appeal", async () => {
    const { staking, bank, alice, stranger } = await loadFixture(deployBank);
    await staking.connect(alice).stake(bank.address, E(300n));
    await expect(staking.connect(stranger).openCase(bank.address, 0n))
      .to.be.revertedWithCustomError(staking, "BankNotSlasher")
      .withArgs(stranger.address);
    await staking.openCase(bank.address, BigInt(await time.latest()));
    await staking.proposeSlash(1n, E(10n));
    await expect(staking.connect(stranger).appeal(1n))
      .to.be.revertedWithCustomError(staking, "StakingNotAppellant")
      .withArgs(1n, stranger.address, bank.address);
    const appealTx = staking.connect(bank).appeal(1n);
    await expect(appealTx)
      .to.emit(staking, "SlashAppealed")
      .withArgs(1n, bank.address, BigInt(await time.latest()) + 1n + 5n * DAY);
    expect(await staking.caseState(1n)).to.equal(7); // Appealed
  });
});
