/**
 * `npm run demo`: the kit's story on the in-process Hardhat chain, one numbered step at a time, with amounts.
 * Deploys through the same Ignition module as production, then uses only the SDK's public functions.
 *
 * Later modules append their steps to STEPS (staking, an emission epoch, a job, a channel, a governance
 * proposal) and their contracts to DemoContext; a step reads what earlier steps left in `ctx`.
 */
import { ethers, ignition } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import FoundationModule from "../deploy/modules/Foundation";
import { formatAmount, parseAmount, remainingMintable, split } from "../sdk/core";
import {
  addressBookFrom,
  connectFoundation,
  readAccount,
  readParameter,
  readTokenInfo,
  type AddressBook,
  type FoundationContracts,
} from "../sdk/chain";
import { burn, delegate, transfer } from "../sdk/tx";
import type { FeeSplitHarness } from "../typechain-types";

/** What the steps share. */
export interface DemoContext {
  readonly signers: {
    deployer: HardhatEthersSigner;
    treasury: HardhatEthersSigner;
    ecosystem: HardhatEthersSigner;
    team: HardhatEthersSigner;
    alice: HardhatEthersSigner;
    bob: HardhatEthersSigner;
  };
  readonly book: AddressBook;
  readonly foundation: FoundationContracts;
  /** Prints one indented line of the current step. */
  readonly log: (line: string) => void;
}

/** One step of the story. */
export interface DemoStep {
  readonly title: string;
  run(ctx: DemoContext): Promise<void>;
}

const q = (wei: bigint) => `${formatAmount(wei)} QUIV`;

export const STEPS: DemoStep[] = [
  {
    title: "Genesis allocation",
    async run({ foundation, signers, log }) {
      const info = await readTokenInfo(foundation.quiv);
      for (const name of ["treasury", "ecosystem", "team"] as const) {
        log(
          `${name.padEnd(9)} ${signers[name].address}  ${q((await readAccount(foundation.quiv, signers[name].address)).balance)}`,
        );
      }
      log(`supply ${q(info.totalSupply)}, minted ${q(info.totalMinted)}, cap ${q(info.cap)}`);
      log(`still mintable under the cap (only by the emission controller): ${q(remainingMintable(info))}`);
    },
  },
  {
    title: "A transfer",
    async run({ foundation, signers, log }) {
      const amount = parseAmount("25000");
      const quiv = await foundation.quiv.getAddress();
      const r = await transfer(signers.treasury, quiv, signers.alice.address, amount);
      log(`treasury -> alice ${q(amount)} (gas ${r.gasUsed})`);
      log(`alice now holds ${q((await readAccount(foundation.quiv, signers.alice.address)).balance)}`);
    },
  },
  {
    title: "Delegation and votes",
    async run({ foundation, signers, log }) {
      const quiv = await foundation.quiv.getAddress();
      log(`alice's votes before delegating: ${q((await readAccount(foundation.quiv, signers.alice.address)).votes)}`);
      await delegate(signers.alice, quiv, signers.alice.address);
      await delegate(signers.team, quiv, signers.alice.address);
      const a = await readAccount(foundation.quiv, signers.alice.address);
      log(`alice self-delegates and team delegates to alice: alice has ${q(a.votes)} of votes`);
    },
  },
  {
    title: "A burn (the cap is unaffected)",
    async run({ foundation, signers, log }) {
      const before = await readTokenInfo(foundation.quiv);
      const amount = parseAmount("1000");
      await burn(signers.alice, await foundation.quiv.getAddress(), amount);
      const after = await readTokenInfo(foundation.quiv);
      log(`alice burns ${q(amount)}: supply ${q(before.totalSupply)} -> ${q(after.totalSupply)}`);
      log(
        `burned ${q(after.totalBurned)}; minted stays ${q(after.totalMinted)}, so room under the cap stays ${q(remainingMintable(after))}`,
      );
      log(`alice's votes follow her balance: ${q((await readAccount(foundation.quiv, signers.alice.address)).votes)}`);
    },
  },
  {
    title: "A registry read",
    async run({ foundation, log }) {
      for (const name of ["quiver.staking.unbondingPeriod", "quiver.staking.maxSlashBps", "quiver.staking.tier1Min"]) {
        const p = await readParameter(foundation.registry, name);
        const show = (v: bigint) =>
          p.unit === "wei" ? q(v) : p.unit === "seconds" ? `${v / 86_400n} days` : `${v} bps`;
        log(
          `${name} = ${show(p.value)} (bounds ${show(p.min)}..${show(p.max)}, max change ${show(p.maxDelta)} per ${p.period / 86_400n} days)`,
        );
      }
    },
  },
  {
    title: "A fee split (SDK mirror == on-chain FeeSplit)",
    async run({ log }) {
      // Illustrative legs of a job payment; the marketplace module reads its real shares from the registry.
      const legs = [
        ["network fee", 500n],
        ["treasury fee", 300n],
        ["burn", 200n],
        ["provider (takes the rounding dust)", 9_000n],
      ] as const;
      const payment = parseAmount("123.456789012345678901");
      const offChain = split(
        payment,
        legs.map(([, bps]) => bps),
      );
      const harness = (await ethers.deployContract("FeeSplitHarness")) as unknown as FeeSplitHarness;
      const onChain = await harness.split(
        payment,
        legs.map(([, bps]) => bps),
      );
      log(`payment ${q(payment)}`);
      legs.forEach(([name, bps], i) => log(`  ${name.padEnd(36)} ${String(bps).padStart(5)} bps  ${q(offChain[i])}`));
      const same = onChain.every((x, i) => x === offChain[i]);
      log(
        `legs sum to the payment: ${offChain.reduce((a, b) => a + b, 0n) === payment}; on-chain split identical: ${same}`,
      );
      if (!same) throw new Error("SDK fee split differs from FeeSplit.sol");
    },
  },
];

async function main(): Promise<void> {
  const [deployer, treasury, ecosystem, team, alice, bob] = await ethers.getSigners();
  const { quiv, registry } = await ignition.deploy(FoundationModule, {
    parameters: {
      Foundation: {
        genesisRecipients: [treasury.address, ecosystem.address, team.address],
        genesisAmounts: [parseAmount("150000000"), parseAmount("150000000"), parseAmount("100000000")],
      },
    },
  });
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const book = addressBookFrom(chainId, {
    "Foundation#QuivToken": await quiv.getAddress(),
    "Foundation#ParameterRegistry": await registry.getAddress(),
  });
  console.log(`Foundation deployed through Ignition on chain ${chainId}:`);
  for (const [id, address] of Object.entries(book.contracts)) console.log(`  ${id.padEnd(32)} ${address}`);
  const ctx: DemoContext = {
    signers: { deployer, treasury, ecosystem, team, alice, bob },
    book,
    foundation: connectFoundation(book, ethers.provider),
    log: (line) => console.log(`   ${line}`),
  };
  for (const [i, step] of STEPS.entries()) {
    console.log(`\n${i + 1}. ${step.title}`);
    await step.run(ctx);
  }
  console.log("\nDone. Next: `npm run devnet` for a persistent local chain and `npm run cli -- --help`.");
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
