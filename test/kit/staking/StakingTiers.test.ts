import { expect } from "chai";
import { network } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { BANK_DEMOTION_BPS, BANK_TIER_MINS, deployBank, E } from "../../helpers/fixtures/bank";
import { tierAfter } from "../../../sdk/kit/core/staking";

/**
 * StakingTiers (contracts/staking/extensions) on MockBankStaking: minimums 100 / 200 / 300 / 400 tokens, a held
 * tier kept down to 90% of its minimum. Every boundary is checked to the wei, against the SDK mirror too.
 */
describe("StakingTiers (extension, on MockBankStaking)", () => {
  it("promotes at a minimum to the wei and not one wei below", async () => {
    const { staking, bank, alice } = await loadFixture(deployBank);
    await expect(staking.connect(alice).stake(bank.address, E(100n) - 1n)).not.to.emit(staking, "TierChanged");
    expect(await staking.tierOf(bank.address)).to.equal(0);
    await expect(staking.connect(alice).stake(bank.address, 1n))
      .to.emit(staking, "TierChanged")
      .withArgs(bank.address, 0, 1);
    expect(await staking.tierOf(bank.address)).to.equal(1);
  });

  it("jumps several tiers in one change with one event", async () => {
    const { staking, bank, alice } = await loadFixture(deployBank);
    const tx = staking.connect(alice).stake(bank.address, E(400n));
    await expect(tx).to.emit(staking, "TierChanged").withArgs(bank.address, 0, 4);
    const receipt = await (await tx).wait();
    const changes = receipt!.logs.filter((l) => staking.interface.parseLog(l)?.name === "TierChanged");
    expect(changes.length).to.equal(1);
  });

  it("keeps a tier down to 90% of its minimum to the wei, then demotes", async () => {
    const { staking, bank, alice } = await loadFixture(deployBank);
    await staking.connect(alice).stake(bank.address, E(100n));
    // 90 tokens is exactly ceil(100 * 9,000 / 10,000): tier 1 is kept.
    await expect(staking.connect(alice).unbond(bank.address, E(10n))).not.to.emit(staking, "TierChanged");
    expect(await staking.tierOf(bank.address)).to.equal(1);
    await expect(staking.connect(alice).unbond(bank.address, 1n))
      .to.emit(staking, "TierChanged")
      .withArgs(bank.address, 1, 0);
    // Back to 100 - 1 wei below the minimum: no promotion; the last wei promotes again.
    await expect(staking.connect(alice).stake(bank.address, E(10n))).not.to.emit(staking, "TierChanged");
    await expect(staking.connect(alice).stake(bank.address, 1n))
      .to.emit(staking, "TierChanged")
      .withArgs(bank.address, 0, 1);
  });

  it("falls several tiers in one change to the first whose threshold holds", async () => {
    const { staking, bank, alice } = await loadFixture(deployBank);
    await staking.connect(alice).stake(bank.address, E(400n));
    // 180 = 90% of tier 2's 200: tier 4 (360) and 3 (270) fail, tier 2 holds; tier 3's 300 is not reached.
    await expect(staking.connect(alice).unbond(bank.address, E(220n)))
      .to.emit(staking, "TierChanged")
      .withArgs(bank.address, 4, 2);
    expect(await staking.tierOf(bank.address)).to.equal(2);
  });

  it("counts the pool's stake from every account, and two stakes in one block end in the tier of their sum", async () => {
    const { staking, bank, alice, bob } = await loadFixture(deployBank);
    await network.provider.send("evm_setAutomine", [false]);
    try {
      const a = await staking.connect(alice).stake(bank.address, E(150n));
      const b = await staking.connect(bob).stake(bank.address, E(150n));
      await mine();
      const [ra, rb] = [await a.wait(), await b.wait()];
      expect(ra!.blockNumber).to.equal(rb!.blockNumber);
      await expect(a).to.emit(staking, "TierChanged").withArgs(bank.address, 0, 1);
      await expect(b).to.emit(staking, "TierChanged").withArgs(bank.address, 1, 3);
    } finally {
      await network.provider.send("evm_setAutomine", [true]);
    }
    expect(await staking.tierOf(bank.address)).to.equal(3);
    // Bob leaves 150: 150 < 90% of 200, so tier 1 (the 90 threshold holds; 200 is not reached).
    await expect(staking.connect(bob).unbond(bank.address, E(150n)))
      .to.emit(staking, "TierChanged")
      .withArgs(bank.address, 3, 1);
  });

  it("keeps each pool's tier apart", async () => {
    const { staking, bank, bank2, alice } = await loadFixture(deployBank);
    await staking.connect(alice).stake(bank.address, E(300n));
    await staking.connect(alice).stake(bank2.address, E(100n));
    expect(await staking.tierOf(bank.address)).to.equal(3);
    expect(await staking.tierOf(bank2.address)).to.equal(1);
  });

  it("recomputes the tier when a slash lowers the bonded stake", async () => {
    const { staking, bank, alice } = await loadFixture(deployBank);
    await staking.connect(alice).stake(bank.address, E(400n));
    await staking.openCase(bank.address, BigInt(await time.latest()));
    await staking.proposeSlash(1n, E(200n)); // the cap (50% of 400)
    await time.increase(2n * 24n * 3600n);
    await expect(staking.finalizeSlash(1n)).to.emit(staking, "TierChanged").withArgs(bank.address, 4, 2);
  });

  it("agrees with the SDK mirror from every held tier at every threshold below it", async () => {
    const mins = [...BANK_TIER_MINS];
    for (let held = 1; held <= 4; held++) {
      const top = mins[held - 1];
      const stakes = new Set<bigint>();
      for (let t = 1; t <= held; t++) {
        const keep = (mins[t - 1] * BANK_DEMOTION_BPS + 9_999n) / 10_000n; // ceil: the lowest stake that keeps t
        stakes
          .add(keep)
          .add(keep - 1n)
          .add(mins[t - 1])
          .add(mins[t - 1] - 1n);
      }
      for (const s of [...stakes].filter((x) => x > 0n && x < top)) {
        const { staking, bank, alice } = await loadFixture(deployBank);
        await staking.connect(alice).stake(bank.address, top);
        await staking.connect(alice).unbond(bank.address, top - s);
        expect(Number(await staking.tierOf(bank.address)), `held ${held}, stake ${s}`).to.equal(
          tierAfter(s, held, mins, BANK_DEMOTION_BPS),
        );
      }
    }
    // Spot values of the mirror with the mock's constants.
    expect(tierAfter(E(90n), 1, mins, BANK_DEMOTION_BPS)).to.equal(1);
    expect(tierAfter(E(90n) - 1n, 1, mins, BANK_DEMOTION_BPS)).to.equal(0);
    expect(tierAfter(E(180n), 4, mins, BANK_DEMOTION_BPS)).to.equal(2);
  });
});
