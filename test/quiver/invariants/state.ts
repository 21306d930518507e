import { expect } from "chai";
import { ethers } from "hardhat";
import type { deployQuiver } from "../fixtures/quiver";
import { INVARIANTS } from "../../helpers/invariants";

type Quiver = Awaited<ReturnType<typeof deployQuiver>>;

/**
 * The QUIVer invariants that hold on any reachable state without a model (GOV-13): run after every governance
 * payload the integration tests execute, so that a parameter change, a reweight or a budget change that broke the
 * books would fail there. Each check names its invariant (test/helpers/invariants.ts).
 * - QUIV_CAP: totalSupply <= totalMinted <= cap
 * - STK_SOLVENCY: the staking contract's QUIV == bonded + unbonding + rewards owed + queued rewards
 * - MKT_ESCROW: the marketplace's QUIV == escrow of open jobs + pending network, treasury and burn fees
 * - DSP_CONSERVATION: the dispute manager's QUIV == validator stakes + bonds + unclaimed rewards + reward pool
 * - CH_BALANCE: the channels' QUIV == sum over channels not closed of (deposit - collected)
 * - REG_BOUNDS: every registry parameter within its [min, max]
 * - TREASURY_SOLVENT: the treasury holds at least what its grants reserve, in QUIV and in ETH
 */
export async function checkQuiverState(f: Quiver): Promise<void> {
  const q = f.quiv;
  const [supply, minted, cap] = [await q.totalSupply(), await q.totalMinted(), await q.cap()];
  expect(supply <= minted && minted <= cap, INVARIANTS.QUIV_CAP).to.equal(true);

  const [bonded, unbonding, owed, queued] = await f.staking.totals();
  expect(await q.balanceOf(await f.staking.getAddress()), INVARIANTS.STK_SOLVENCY).to.equal(
    bonded + unbonding + owed + queued,
  );

  const [network, treasury, burn] = await f.marketplace.pendingFees();
  expect(await q.balanceOf(await f.marketplace.getAddress()), INVARIANTS.MKT_ESCROW).to.equal(
    (await f.marketplace.totalEscrowed()) + network + treasury + burn,
  );

  const d = f.disputes;
  expect(await q.balanceOf(await d.getAddress()), INVARIANTS.DSP_CONSERVATION).to.equal(
    (await d.totalValidatorStake()) +
      (await d.totalBonds()) +
      (await d.totalUnclaimedRewards()) +
      (await d.rewardPool()),
  );

  let held = 0n;
  for (let id = 1n; id < (await f.channels.nextChannelId()); id++) {
    const c = await f.channels.getChannel(id);
    if (!c.closed) held += c.deposit - c.collected;
  }
  expect(await q.balanceOf(await f.channels.getAddress()), INVARIANTS.CH_BALANCE).to.equal(held);

  for (let i = 0n; i < (await f.registry.keyCount()); i++) {
    const p = await f.registry.getParameter(await f.registry.keyAt(i));
    expect(p.value >= p.min && p.value <= p.max, INVARIANTS.REG_BOUNDS).to.equal(true);
  }

  const t = await f.treasury.getAddress();
  expect(
    (await q.balanceOf(t)) >= (await f.treasury.reserved(await q.getAddress())),
    INVARIANTS.TREASURY_SOLVENT,
  ).to.equal(true);
  expect((await ethers.provider.getBalance(t)) >= (await f.treasury.reserved(ethers.ZeroAddress))).to.equal(true);
}
