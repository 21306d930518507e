/**
 * `npm run demo`: the kit's story on the in-process Hardhat chain, one numbered step at a time, with amounts.
 * Deploys the QUIVer preset through the same Ignition module as production (deploy/modules/Quiver.ts with
 * deploy/parameters/quiver.localhost.json), then uses only the SDK's public functions.
 *
 * Later modules append their steps to STEPS (staking, an emission epoch, a job, a channel, a governance
 * proposal) and their contracts to DemoContext; a step reads what earlier steps left in `ctx`.
 */
import path from "node:path";
import { ethers, ignition } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import QuiverModule from "../deploy/modules/Quiver";
import { formatAmount, parseAmount, remainingMintable, split } from "../sdk/kit/core";
import { addressBookFromHandles, readAccount, readParameter, readTokenInfo, type AddressBook } from "../sdk/kit/chain";
import { burn, delegate, send, transfer } from "../sdk/kit/tx";
// ---- sdkgov: the QUIVer preset, staking, emission and governance steps ----
import { FeedStatus } from "../sdk/quiver/core/emission";
import { findProposal, readProposal } from "../sdk/kit/chain";
import { readDeploymentParameters } from "../sdk/kit/node/deploy";
import {
  buildCastVote,
  buildExecute,
  buildParameterSet,
  buildQueue,
  ensureAllowance,
  proposalActions,
  propose,
} from "../sdk/kit/tx";
// ---- end sdkgov ----
import type { FeeSplitHarness } from "../typechain-types";
import { MARKET_STEPS } from "./demo/market";
import {
  QUIVER_PARAMETERS,
  connectFoundation,
  connectQuiver,
  readEmissionStatus,
  readPool,
  readStakePosition,
  buildDelegateStake,
  buildRegisterProvider,
  buildStake,
  triggerEpoch,
  type FoundationContracts,
  type QuiverContracts,
} from "../sdk/quiver";

/** What the steps share. */
export interface DemoContext {
  readonly signers: {
    deployer: HardhatEthersSigner;
    treasury: HardhatEthersSigner;
    ecosystem: HardhatEthersSigner;
    team: HardhatEthersSigner;
    alice: HardhatEthersSigner;
    bob: HardhatEthersSigner;
    /** sdkgov: a provider (account #6) and a delegator (account #7), funded by the ecosystem in the staking step. */
    provider: HardhatEthersSigner;
    delegator: HardhatEthersSigner;
  };
  readonly book: AddressBook;
  readonly foundation: FoundationContracts;
  /** sdkgov: every contract of the QUIVer preset (the Treasury contract holds the treasury's genesis share). */
  readonly quiver: QuiverContracts;
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
    async run({ foundation, quiver, signers, log }) {
      const info = await readTokenInfo(foundation.quiv);
      const holders = [
        ["treasury", await quiver.treasury.getAddress()], // the Treasury contract (the preset moved its share there)
        ["ecosystem", signers.ecosystem.address],
        ["team", signers.team.address],
      ] as const;
      for (const [name, address] of holders) {
        log(`${name.padEnd(9)} ${address}  ${q((await readAccount(foundation.quiv, address)).balance)}`);
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
      const r = await transfer(signers.ecosystem, quiv, signers.alice.address, amount);
      log(`ecosystem -> alice ${q(amount)} (gas ${r.gasUsed})`);
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
        const p = await readParameter(foundation.registry, name, QUIVER_PARAMETERS);
        const show = (v: bigint) =>
          p.unit === "wei"
            ? q(v)
            : p.unit === "seconds"
              ? `${v / 86_400n} days`
              : p.unit === "bps"
                ? `${v} bps`
                : `${v}`;
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
  // ---- sdkgov: staking, emission and governance steps ----
  {
    title: "A provider registers and stakes",
    async run({ quiver, foundation, signers, log }) {
      const quiv = await foundation.quiv.getAddress();
      const staking = await quiver.staking.getAddress();
      for (const who of [signers.provider, signers.delegator]) {
        await transfer(signers.ecosystem, quiv, who.address, parseAmount("100000"));
      }
      log(`ecosystem funds the provider and the delegator with ${q(parseAmount("100000"))} each`);
      await send(signers.provider, buildRegisterProvider(staking, 1_000n));
      const amount = parseAmount("10000");
      await ensureAllowance(signers.provider, quiv, staking, amount);
      const r = await send(signers.provider, buildStake(staking, amount));
      const pool = await readPool(quiver.staking, signers.provider.address);
      log(`provider registers with 1000 bps (10%) commission and self-stakes ${q(amount)} (gas ${r.gasUsed})`);
      log(`pool: bonded ${q(pool.bondedTokens)}, tier ${pool.tier}`);
    },
  },
  {
    title: "A delegator delegates; tierOf",
    async run({ quiver, foundation, signers, log }) {
      const quiv = await foundation.quiv.getAddress();
      const staking = await quiver.staking.getAddress();
      const amount = parseAmount("5000");
      await ensureAllowance(signers.delegator, quiv, staking, amount);
      await send(signers.delegator, buildDelegateStake(staking, signers.provider.address, amount));
      const pool = await readPool(quiver.staking, signers.provider.address);
      const tier1 = await readParameter(foundation.registry, "quiver.staking.tier1Min", QUIVER_PARAMETERS);
      const tier2 = await readParameter(foundation.registry, "quiver.staking.tier2Min", QUIVER_PARAMETERS);
      log(`delegator delegates ${q(amount)} to the provider: pool bonded ${q(pool.bondedTokens)}`);
      log(
        `tierOf(provider) = ${pool.tier} (tier 1 from ${q(tier1.value)}, tier 2 from ${q(tier2.value)}; the whole pool counts)`,
      );
    },
  },
  {
    title: "An emission epoch",
    async run({ quiver, signers, log }) {
      const before = await readEmissionStatus(quiver.emission);
      log(
        `epoch ${before.currentEpoch} is triggerable: ${before.triggerable}, it would mint ${q(before.previewEmission)}`,
      );
      log(
        `growth metric ${before.growthMetricBps} bps from the feed (status ${FeedStatus[before.growthStatus]}; a stale feed means 1.0)`,
      );
      const r = await triggerEpoch(signers.bob, await quiver.emission.getAddress());
      log(`bob triggers epoch ${r.epoch}: minted ${q(r.amount)}`);
      log(`  staking rewards ${q(r.toStaking)}, treasury ${q(r.toTreasury)}, ecosystem ${q(r.toEcosystem)}`);
      const p = await readStakePosition(quiver.staking, signers.provider.address, signers.provider.address);
      const d = await readStakePosition(quiver.staking, signers.provider.address, signers.delegator.address);
      log(`claimable rewards: provider ${q(p.pendingRewards)} (commission included), delegator ${q(d.pendingRewards)}`);
      const after = await readEmissionStatus(quiver.emission);
      log(`next epoch at ${new Date(Number(after.nextEpochAt) * 1000).toISOString()}`);
    },
  },
  {
    title: "A governance proposal through the timelock (EconomicParameter)",
    async run({ quiver, foundation, signers, log }) {
      const name = "quiver.market.treasuryFeeBps";
      const governor = await quiver.governor.getAddress();
      const registry = await foundation.registry.getAddress();
      const before = (await readParameter(foundation.registry, name, QUIVER_PARAMETERS)).value;
      const actions = proposalActions([buildParameterSet(registry, name, before + 50n, QUIVER_PARAMETERS)]);
      const { proposalId } = await propose(
        signers.alice,
        governor,
        actions,
        `Raise ${name} from ${before} to ${before + 50n} bps`,
        "EconomicParameter",
      );
      let p = await readProposal(quiver.governor, proposalId);
      log(
        `alice proposes ${name} ${before} -> ${before + 50n} bps: proposal ${String(proposalId).slice(0, 12)}… ${p.stateName}`,
      );
      await time.increaseTo(p.snapshot + 1n);
      await send(signers.alice, buildCastVote(governor, proposalId, "for", "the treasury funds the ecosystem"));
      await send(signers.provider, buildCastVote(governor, proposalId, "for"));
      p = await readProposal(quiver.governor, proposalId);
      log(
        `alice and the provider (staked QUIV votes at 1.5x) vote for: ${q(p.votes.for)} for, quorum ${q(p.quorum ?? 0n)}`,
      );
      await time.increaseTo(p.deadline + 1n);
      const record = await findProposal(quiver.governor, proposalId);
      await send(signers.bob, buildQueue(governor, record));
      p = await readProposal(quiver.governor, proposalId);
      log(
        `${p.stateName} on the timelock; executable from ${new Date(Number(p.eta) * 1000).toISOString()} (2-day EconomicParameter delay)`,
      );
      await time.increaseTo(p.eta);
      await send(signers.bob, buildExecute(governor, record));
      const after = (await readParameter(foundation.registry, name, QUIVER_PARAMETERS)).value;
      log(
        `executed: ${name} ${before} -> ${after} bps (${(await readProposal(quiver.governor, proposalId)).stateName})`,
      );
    },
  },
  // ---- end sdkgov ----
  // A job from post to settlement with every fee leg, and a channel with streamed vouchers (scripts/demo/market.ts).
  ...MARKET_STEPS.map(
    (m): DemoStep => ({
      title: m.title,
      run: (ctx) =>
        m.run({
          quiver: ctx.quiver,
          book: ctx.book,
          signers: { ecosystem: ctx.signers.ecosystem, alice: ctx.signers.alice, bob: ctx.signers.bob },
          log: ctx.log,
        }),
    }),
  ),
];

async function main(): Promise<void> {
  const signers = await ethers.getSigners();
  const [deployer, treasury, ecosystem, team, alice, bob, provider, delegator] = signers;
  const parameters = readDeploymentParameters(
    path.join(__dirname, "..", "deploy", "parameters", "quiver.localhost.json"),
  );
  const deployed = await ignition.deploy(QuiverModule, { parameters });
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const book = await addressBookFromHandles(chainId, deployed);
  console.log(`QUIVer preset deployed through Ignition on chain ${chainId}:`);
  for (const [id, address] of Object.entries(book.contracts)) console.log(`  ${id.padEnd(32)} ${address}`);
  const ctx: DemoContext = {
    signers: { deployer, treasury, ecosystem, team, alice, bob, provider, delegator },
    book,
    foundation: connectFoundation(book, ethers.provider),
    quiver: connectQuiver(book, ethers.provider),
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
