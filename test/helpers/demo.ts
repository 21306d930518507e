/**
 * Runs a preset's demo steps in process on a fresh deployment (its address book and Hardhat's signers), as
 * `npm run demo` does, and returns every line the steps logged.
 */
import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { AddressBook } from "../../sdk/kit/chain/addressBook";
import type { DemoContext } from "../../sdk/kit/demo";
import type { Preset } from "../../sdk/kit/preset";

export async function runDemoSteps(
  preset: Preset,
  book: AddressBook,
  accounts: DemoContext["accounts"],
): Promise<string[]> {
  const lines: string[] = [];
  const ctx: DemoContext = {
    book,
    provider: ethers.provider,
    accounts,
    clock: { latest: async () => BigInt(await time.latest()), increaseTo: (t) => time.increaseTo(t) },
    deployContract: (name, args = []) => ethers.deployContract(name, [...args]),
    log: (line) => lines.push(line),
  };
  for (const step of preset.demoSteps ?? []) await step.run(ctx);
  return lines;
}
