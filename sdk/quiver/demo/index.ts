/**
 * QUIVer's story for `npm run demo` (`QUIVER_PRESET.demoSteps`): the genesis, a transfer, delegation, a burn, a
 * registry read, a fee split, staking and delegation, an emission epoch, a governance proposal through the
 * timelock, then a job and a channel (./market.ts). Each step gets the demo's context (sdk/kit/demo.ts) on a fresh
 * deployment of the preset and uses only the SDK; a step reads what earlier steps left on chain.
 *
 * Accounts (Hardhat's development accounts, as deploy/parameters/quiver.localhost.json allocates them): #0 the
 * deployer, #1 the treasury's genesis signer, #2 the ecosystem fund, #3 the team, #4 alice, #5 bob, #6 a provider
 * and #7 a delegator (funded by the ecosystem in the staking step).
 */
import { formatAmount, parseAmount, remainingMintable, split } from "../../kit/core";
import {
  findProposal,
  readAccount,
  readParameter,
  readProposal,
  readTokenInfo,
  type AddressBook,
} from "../../kit/chain";
import {
  buildParameterSet,
  buildCastVote,
  ensureAllowance,
  buildExecute,
  proposalActions,
  propose,
  buildQueue,
  send,
  buildBurn,
  buildDelegate,
  buildTransfer,
} from "../../kit/tx";
import type { DemoAccount, DemoClock, DemoContext } from "../../kit/demo";
import type { DemoStep } from "../../kit/preset";
import { FeedStatus } from "../core/emission";
import { QUIVER_PARAMETERS } from "../core/parameters";
import {
  connectFoundation,
  connectQuiver,
  readEmissionStatus,
  readPool,
  readStakePosition,
  type FoundationContracts,
  type QuiverContracts,
} from "../chain";
import { buildDelegateStake, buildRegisterProvider, buildStake, triggerEpoch } from "../tx";
import { MARKET_STEPS } from "./market";

/** What the QUIVer steps share: the demo's context with the preset's contracts and named accounts. */
interface QuiverDemo {
  readonly signers: {
    readonly deployer: DemoAccount;
    readonly treasury: DemoAccount;
    readonly ecosystem: DemoAccount;
    readonly team: DemoAccount;
    readonly alice: DemoAccount;
    readonly bob: DemoAccount;
    readonly provider: DemoAccount;
    readonly delegator: DemoAccount;
  };
  readonly book: AddressBook;
  readonly foundation: FoundationContracts;
  /** Every contract of the QUIVer preset (the Treasury contract holds the treasury's genesis share). */
  readonly quiver: QuiverContracts;
  readonly clock: DemoClock;
  readonly deployContract: DemoContext["deployContract"];
  readonly log: (line: string) => void;
}

interface QuiverDemoStep {
  readonly title: string;
  run(ctx: QuiverDemo): Promise<void>;
}

function quiverDemo(d: DemoContext): QuiverDemo {
  const [deployer, treasury, ecosystem, team, alice, bob, provider, delegator] = d.accounts;
  return {
    signers: { deployer, treasury, ecosystem, team, alice, bob, provider, delegator },
    book: d.book,
    foundation: connectFoundation(d.book, d.provider),
    quiver: connectQuiver(d.book, d.provider),
    clock: d.clock,
    deployContract: d.deployContract,
    log: d.log,
  };
}

const q = (wei: bigint) => `${formatAmount(wei)} QUIV`;

const STEPS: QuiverDemoStep[] = [
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
      const r = await send(signers.ecosystem, buildTransfer(quiv, signers.alice.address, amount));
      log(`ecosystem -> alice ${q(amount)} (gas ${r.gasUsed})`);
      log(`alice now holds ${q((await readAccount(foundation.quiv, signers.alice.address)).balance)}`);
    },
  },
  {
    title: "Delegation and votes",
    async run({ foundation, signers, log }) {
      const quiv = await foundation.quiv.getAddress();
      log(`alice's votes before delegating: ${q((await readAccount(foundation.quiv, signers.alice.address)).votes)}`);
      await send(signers.alice, buildDelegate(quiv, signers.alice.address));
      await send(signers.team, buildDelegate(quiv, signers.alice.address));
      const a = await readAccount(foundation.quiv, signers.alice.address);
      log(`alice self-delegates and team delegates to alice: alice has ${q(a.votes)} of votes`);
    },
  },
  {
    title: "A burn (the cap is unaffected)",
    async run({ foundation, signers, log }) {
      const before = await readTokenInfo(foundation.quiv);
      const amount = parseAmount("1000");
      await send(signers.alice, buildBurn(await foundation.quiv.getAddress(), amount));
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
    title: "A fee split with the deployed shares (SDK mirror == on-chain FeeSplit)",
    async run({ quiver, deployContract, log }) {
      // The shares a job accepted now would be charged: the oracle's network fee and the registry's treasury fee
      // and burn (the deployed defaults); the provider takes the rest and the rounding dust.
      const [network, treasuryFee, burn] = await Promise.all([
        quiver.oracle.networkFeeBps(),
        readParameter(quiver.registry, "quiver.market.treasuryFeeBps", QUIVER_PARAMETERS),
        readParameter(quiver.registry, "quiver.market.burnBps", QUIVER_PARAMETERS),
      ]);
      const legs = [
        ["network fee (PricingOracle.networkFeeBps)", network],
        ["treasury fee (quiver.market.treasuryFeeBps)", treasuryFee.value],
        ["burn (quiver.market.burnBps)", burn.value],
        ["provider (the rest, takes the rounding dust)", 10_000n - network - treasuryFee.value - burn.value],
      ] as const;
      const payment = parseAmount("123.456789012345678901");
      const offChain = split(
        payment,
        legs.map(([, bps]) => bps),
      );
      const harness = await deployContract("FeeSplitHarness");
      const onChain: bigint[] = await harness.getFunction("split")(
        payment,
        legs.map(([, bps]) => bps),
      );
      log(`payment ${q(payment)}`);
      legs.forEach(([name, bps], i) => log(`  ${name.padEnd(46)} ${String(bps).padStart(5)} bps  ${q(offChain[i])}`));
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
        await send(signers.ecosystem, buildTransfer(quiv, who.address, parseAmount("100000")));
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
    async run({ quiver, foundation, signers, clock, log }) {
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
      await clock.increaseTo(p.snapshot + 1n);
      await send(signers.alice, buildCastVote(governor, proposalId, "for", "the treasury funds the ecosystem"));
      await send(signers.provider, buildCastVote(governor, proposalId, "for"));
      p = await readProposal(quiver.governor, proposalId);
      log(
        `alice and the provider (staked QUIV votes at 1.5x) vote for: ${q(p.votes.for)} for, quorum ${q(p.quorum ?? 0n)}`,
      );
      await clock.increaseTo(p.deadline + 1n);
      const record = await findProposal(quiver.governor, proposalId);
      await send(signers.bob, buildQueue(governor, record));
      p = await readProposal(quiver.governor, proposalId);
      log(
        `${p.stateName} on the timelock; executable from ${new Date(Number(p.eta) * 1000).toISOString()} (2-day EconomicParameter delay)`,
      );
      await clock.increaseTo(p.eta);
      await send(signers.bob, buildExecute(governor, record));
      const after = (await readParameter(foundation.registry, name, QUIVER_PARAMETERS)).value;
      log(
        `executed: ${name} ${before} -> ${after} bps (${(await readProposal(quiver.governor, proposalId)).stateName})`,
      );
    },
  },
  // ---- end sdkgov ----
  // A job from post to settlement with every fee leg, and a channel with streamed vouchers (./market.ts).
  ...MARKET_STEPS.map(
    (m): QuiverDemoStep => ({
      title: m.title,
      run: (ctx) =>
        m.run({
          quiver: ctx.quiver,
          book: ctx.book,
          signers: { ecosystem: ctx.signers.ecosystem, alice: ctx.signers.alice, bob: ctx.signers.bob },
          log: ctx.log,
          clock: ctx.clock,
        }),
    }),
  ),
];

/** QUIVer's demo steps, in order, on the demo's context. */
export const QUIVER_DEMO_STEPS: readonly DemoStep<DemoContext>[] = STEPS.map((s) => ({
  title: s.title,
  run: (d: DemoContext) => s.run(quiverDemo(d)),
}));
