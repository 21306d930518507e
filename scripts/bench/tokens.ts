/**
 * Kit token rows: the static voting wrapper (contracts/tokens/StaticVotesWrapper.sol, decimals offset 3) over the
 * rebasing mock, beside OpenZeppelin's plain ERC4626 (RefERC4626: no permit, no votes) over the same token, in
 * the same run. Report only (no target): the wrapper also writes the ERC20Votes supply checkpoint on every
 * deposit and redeem, which the plain vault does not have.
 */
import { ethers } from "hardhat";
import type { Signer } from "ethers";
import type { MockRebasingToken } from "../../typechain-types";
import { gasOf, row, type BenchRow, TOKEN as Q } from "./lib";

interface Vault {
  getAddress(): Promise<string>;
  connect(s: Signer): Vault;
  deposit(assets: bigint, receiver: string): Promise<import("ethers").ContractTransactionResponse>;
  redeem(shares: bigint, receiver: string, owner: string): Promise<import("ethers").ContractTransactionResponse>;
  balanceOf(a: string): Promise<bigint>;
}

/** A first deposit by another holder, a rebase, then the holder's deposit and the redeem of half its shares. */
async function measure(vault: Vault, underlying: MockRebasingToken, first: Signer, holder: Signer) {
  const addr = await vault.getAddress();
  for (const s of [first, holder]) {
    await underlying.mint(await s.getAddress(), 1_000n * Q);
    await underlying.connect(s).approve(addr, ethers.MaxUint256);
  }
  const h = await holder.getAddress();
  await vault.connect(first).deposit(500n * Q, await first.getAddress());
  await underlying.rebase(250n);
  const deposit = await gasOf(vault.connect(holder).deposit(100n * Q, h));
  await underlying.rebase(-100n);
  const redeem = await gasOf(vault.connect(holder).redeem((await vault.balanceOf(h)) / 2n, h, h));
  return { deposit, redeem };
}

export default async function tokens(): Promise<BenchRow[]> {
  const sg = await ethers.getSigners();
  const underlying = (await ethers.deployContract("MockRebasingToken", [
    "Rebasing",
    "REB",
  ])) as unknown as MockRebasingToken;
  const u = await underlying.getAddress();
  const wrapper = await ethers.deployContract("StaticVotesWrapper", [u, "Wrapped Rebasing", "wREB", 3n]);
  const ref = await ethers.deployContract("RefERC4626", [u]);
  const ours = await measure(wrapper as unknown as Vault, underlying, sg[11], sg[12]);
  const theirs = await measure(ref as unknown as Vault, underlying, sg[13], sg[14]);
  const OZ = "OZ ERC4626 (no votes)";
  return [
    row("wrapper deposit", ours.deposit, OZ, theirs.deposit),
    row("wrapper redeem", ours.redeem, OZ, theirs.redeem),
  ];
}
