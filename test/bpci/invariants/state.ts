import { expect } from "chai";
import { ethers } from "hardhat";
import type { BpciEconomy } from "../fixtures/preset";
import { BPCI_INVARIANTS as INV } from "./spec";
import { INVARIANTS } from "../../helpers/invariants";

/**
 * The BPCI invariants that hold on any reachable state without a model (GOV-13): run after every governance payload
 * the integration tests execute. Each check names its invariant.
 * - GEN_SUPPLY: totalSupply == 100,000 GEN
 * - NEX_SUPPLY: totalSupply <= totalMinted <= cap
 * - MINING_BALANCE: per payment token (wFLX, AUR), PoeMining's balance == escrow of open jobs + reserves + owner and
 *   treasury legs owed; its NEX balance == issued and not yet claimed
 * - REG_BOUNDS: every registry parameter within its [min, max]
 * - TREASURY_SOLVENT: the treasury holds at least what its grants reserve, for each BPCI token and ETH
 */
export async function checkBpciState(f: BpciEconomy): Promise<void> {
  expect(await f.gen.totalSupply(), INV.GEN_SUPPLY).to.equal(await f.gen.TOTAL_SUPPLY());
  const [supply, minted, cap] = [await f.nex.totalSupply(), await f.nex.totalMinted(), await f.nex.cap()];
  expect(supply <= minted && minted <= cap, INV.NEX_SUPPLY).to.equal(true);

  const mining = await f.mining.getAddress();
  for (const token of [f.wflx, f.aur]) {
    const [pending, reserves, ownerOwed, treasuryOwed] = await f.mining.obligations(await token.getAddress());
    expect(await token.balanceOf(mining), INV.MINING_BALANCE).to.equal(pending + reserves + ownerOwed + treasuryOwed);
  }
  const [unclaimed] = await f.mining.nexTotals();
  expect(await f.nex.balanceOf(mining), INV.MINING_BALANCE).to.equal(unclaimed);

  for (let i = 0n; i < (await f.registry.keyCount()); i++) {
    const p = await f.registry.getParameter(await f.registry.keyAt(i));
    expect(p.value >= p.min && p.value <= p.max, INVARIANTS.REG_BOUNDS).to.equal(true);
  }

  const t = await f.treasury.getAddress();
  for (const token of [f.gen, f.nex, f.flx, f.aur]) {
    const addr = await token.getAddress();
    expect((await token.balanceOf(t)) >= (await f.treasury.reserved(addr)), INVARIANTS.TREASURY_SOLVENT).to.equal(true);
  }
  const eth = await f.treasury.reserved(ethers.ZeroAddress);
  expect((await ethers.provider.getBalance(t)) >= eth, INVARIANTS.TREASURY_SOLVENT).to.equal(true);
}
