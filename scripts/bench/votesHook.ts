/**
 * Research rows (report only, no target): what a checkpointed voting-power token would add to a vote
 * source, the design EconomyGovernor's `token()` does NOT use. A source that reports every delegate-votes move to a
 * sink (contracts/mocks/kit/MockHookedVotesSource.sol -> MockVotingPowerSink.sol, which checkpoints the weighted
 * power per account and emits `DelegateVotesChanged`) beside the same ERC20Votes without the hook
 * (MockVotesSource), in the same run. The shipped `token()` (EconomyVotes) is a view and adds 0 gas to QUIV and
 * ProviderStaking.
 */
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { Signer } from "ethers";
import { gasOf, row, type BenchContext, type BenchRow, TOKEN as Q } from "./lib";

interface Source {
  connect(s: Signer): Source;
  mint(to: string, amount: bigint): Promise<import("ethers").ContractTransactionResponse>;
  delegate(to: string): Promise<import("ethers").ContractTransactionResponse>;
  transfer(to: string, amount: bigint): Promise<import("ethers").ContractTransactionResponse>;
}

/** Two holders; `a` delegates (first delegation), both delegated, a second later: `a` transfers to `b`. */
async function measure(source: Source, a: Signer, b: Signer) {
  const [aa, ba] = [await a.getAddress(), await b.getAddress()];
  await source.mint(aa, 1_000n * Q);
  await source.mint(ba, 1_000n * Q);
  const delegate = await gasOf(source.connect(a).delegate(aa));
  await source.connect(b).delegate(ba);
  await time.increase(1);
  const transfer = await gasOf(source.connect(a).transfer(ba, 10n * Q));
  return { delegate, transfer };
}

export default async function votesHook(ctx: BenchContext): Promise<BenchRow[]> {
  const sg = await ethers.getSigners();
  const plain = (await ethers.deployContract("MockVotesSource", ["PLAIN", true])) as unknown as Source;
  const sink = await ethers.deployContract("MockVotingPowerSink");
  const hooked = (await ethers.deployContract("MockHookedVotesSource", [
    "HOOKED",
    await sink.getAddress(),
  ])) as unknown as Source;
  await sink.setWeight(await (hooked as unknown as { getAddress(): Promise<string> }).getAddress(), 15_000n);
  const ref = await measure(plain, sg[1], sg[2]);
  const ours = await measure(hooked, sg[3], sg[4]);
  ctx.note(
    "votesHook rows (research): an ERC20Votes source that checkpoints into a voting-power token on every " +
      "delegate-votes move, vs the same source without the hook; EconomyGovernor.token() is a view and adds 0 gas.",
  );
  return [
    row("hooked votes source: transfer (both delegated)", ours.transfer, "same ERC20Votes, no hook", ref.transfer),
    row("hooked votes source: first delegate", ours.delegate, "same ERC20Votes, no hook", ref.delegate),
  ];
}
