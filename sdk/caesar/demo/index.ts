/**
 * CAESAR's story for `npm run demo` (`CAESAR_PRESET.demoSteps`): the genesis and who is exempt, a transfer paying
 * the fee exactly as quoted, a receiver's rapid re-sends paying the growing penalty, thirty days of demurrage applied lazily (the decayed value accrues to the fee
 * distributor), an agent registering with a stake and relaying a payment its payer signed, the distributor's
 * 70/20/5/5 split of what arrived, the agent's epoch claim, the regional price matrix, and a 30% sell shock on the
 * Uniswap pool (the controller's answer from the TWAP, a destabilizing sell queued and the breaker tripped, an
 * arbitrageur buying back with the bonus, the price back in band, the queued entry refunded exactly). Each step uses
 * only the SDK on a fresh deployment
 * of the preset (sdk/kit/demo.ts); a step reads what earlier steps left on chain.
 *
 * Accounts (deploy/parameters/caesar.localhost.json): #0 the deployer, #1 the accuracy reporter, #2 alice
 * (10M CAESAR), #3 bob (5M CAESAR, the processing agent), #5 and #6 receivers, #7 a rapid trader paying #8.
 */
import { formatAmount, InvariantError, parseAmount } from "../../kit/core";
import { send } from "../../kit/tx";
import { addressOf, eventArgs } from "../../kit/chain";
import type { DemoAccount, DemoContext } from "../../kit/demo";
import type { DemoStep } from "../../kit/preset";
import { connectCaesar, type CaesarContracts } from "../chain/contracts";
import { quoteRelayed, quoteTransfer, readAgent, readBalance, readClaimable, readEpoch } from "../chain/readers";
import { readProcessorDomain, signAuthorization } from "../chain/authorization";
import { buildCaesarTransfer, buildDistribute, claimEpoch, registerAgent, submitAuthorizations } from "../tx";
import { distributionLegs } from "../core/rewards";
import { penaltyAmount, penaltyBps } from "../core/fees";
import { parameterKey } from "../core/parameters";
import { randomNonce } from "../core/authorization";
import { quoteRegional } from "../core/regions";
import { readMatrix, readRegionalQuote } from "../chain/regions";
import { connectCaesarGate, readGate, readPool } from "../chain/gate";
import { connectCaesarStability, readStability } from "../chain/stability";
import { buildQueueCancel, buildStabilityUpdate, marketTrade } from "../tx";
import { tradeToPrice } from "../core/market";
import { toKitError } from "../../kit/chain/decoder";
import { buildTransfer } from "../../kit/tx";

const DAY = 86_400n;
const HOUR = 3_600n;
const WAD = 10n ** 18n;
/** A percentage with two decimals of a WAD deviation. */
const pct = (wad: bigint) => `${(Number((wad * 10_000n) / WAD) / 100).toFixed(2)}%`;

interface CaesarDemo {
  readonly c: CaesarContracts;
  readonly alice: DemoAccount;
  readonly bob: DemoAccount;
  readonly receivers: readonly DemoAccount[];
  readonly ctx: DemoContext;
}

function demo(ctx: DemoContext): CaesarDemo {
  const [, , alice, bob, , r5, r6] = ctx.accounts;
  return { c: connectCaesar(ctx.book, ctx.provider), alice, bob, receivers: [r5, r6], ctx };
}

const fmt = (wei: bigint) => `${formatAmount(wei)} CAESAR`;
const param = (d: CaesarDemo, name: string) => d.c.registry.get(parameterKey(name));

function step(title: string, run: (d: CaesarDemo) => Promise<void>): DemoStep {
  return { title, run: (ctx) => run(demo(ctx)) };
}

/** A demo claim the chain must confirm; a mismatch stops the demo with both values. */
function agree(what: string, chain: bigint, sdk: bigint): void {
  if (chain !== sdk) throw new InvariantError(`${what}: chain ${chain} != SDK ${sdk}`, { details: { chain, sdk } });
}

/** The CAESAR demo steps, in order. */
export const CAESAR_DEMO_STEPS: readonly DemoStep[] = [
  step("CAESAR genesis: a demurrage currency; only protocol money is exempt; votes through the wrapper", async (d) => {
    const [supply, alice, bob, rate] = await Promise.all([
      d.c.caesar.totalSupply(),
      d.c.caesar.balanceOf(d.alice.address),
      d.c.caesar.balanceOf(d.bob.address),
      param(d, "caesar.token.demurrageBps"),
    ]);
    d.ctx.log(`supply ${fmt(supply)}: alice ${fmt(alice)}, bob ${fmt(bob)}; nothing is minted after genesis`);
    d.ctx.log(`holding fee ${rate} bps per 30 days, applied lazily per day (holding costs no gas)`);
    for (const key of ["distributor", "treasury", "agents", "wrapper"] as const) {
      const b = await readBalance(d.c.caesar, d.c.registry, addressOf(d.ctx.book, key), undefined);
      d.ctx.log(`${key.padEnd(11)} ${b.kind}`);
    }
  }),

  step("A transfer pays the fee the token quoted, to the wei", async (d) => {
    const to = d.receivers[0].address;
    const amount = parseAmount("1000");
    const q = await quoteTransfer(d.c.caesar, d.alice.address, to, amount);
    await send(d.alice, buildCaesarTransfer(await d.c.caesar.getAddress(), to, amount));
    const got = await d.c.caesar.balanceOf(to);
    agree("receiver's balance", got, q.net);
    d.ctx.log(`alice -> #5 ${fmt(amount)}: fee ${fmt(q.fee)}, penalty ${fmt(q.penalty)}, receiver got ${fmt(got)}`);
  }),

  step("#7 passes money straight on: from the 4th rapid trade of the window a growing penalty", async (d) => {
    const [from, to] = [d.ctx.accounts[7], d.ctx.accounts[8]];
    await send(d.alice, buildCaesarTransfer(await d.c.caesar.getAddress(), from.address, parseAmount("1000")));
    const [threshold, stepBps, capBps] = await Promise.all([
      param(d, "caesar.antispec.threshold"),
      param(d, "caesar.antispec.stepBps"),
      param(d, "caesar.antispec.capBps"),
    ]);
    const reserve = await d.c.caesar.stabilityReserve();
    const amount = parseAmount("50");
    for (let k = 1n; k <= threshold + 2n; k++) {
      const bps = penaltyBps(k, threshold, stepBps, capBps);
      const q = await quoteTransfer(d.c.caesar, from.address, to.address, amount);
      agree(`rapid trade ${k}: quoted penalty`, q.penalty, penaltyAmount(amount, bps));
      const before = await d.c.caesar.balanceOf(reserve);
      await send(from, buildCaesarTransfer(await d.c.caesar.getAddress(), to.address, amount));
      agree(`rapid trade ${k}: the reserve's gain`, (await d.c.caesar.balanceOf(reserve)) - before, q.penalty);
      d.ctx.log(
        `#7 -> #8 ${fmt(amount)}, rapid trade ${k} within 24 h of a receipt: penalty ${fmt(q.penalty)} ` +
          `(${bps} bps) to the stability reserve (SDK agrees)`,
      );
    }
  }),

  step("Thirty days of holding: every balance decays by the same factor; the decayed value accrues", async (d) => {
    const now = await d.ctx.clock.latest();
    const later = now + 30n * DAY;
    const predicted = await readBalance(d.c.caesar, d.c.registry, d.alice.address, later);
    const accruedBefore = await d.c.caesar.accrued();
    await d.ctx.clock.increaseTo(later);
    const after = await d.c.caesar.balanceOf(d.alice.address);
    agree("alice's balance after 30 days", after, predicted.balanceAt!);
    const accrued = await d.c.caesar.accrued();
    d.ctx.log(`alice ${fmt(predicted.balance)} -> ${fmt(after)} (the SDK predicted it before the jump)`);
    d.ctx.log(`accrued demurrage ${fmt(accruedBefore)} -> ${fmt(accrued)}, owed to the fee distributor`);
  }),

  step("Bob registers as a processing agent and relays a payment alice signed (EIP-712)", async (d) => {
    const addrs = { caesar: await d.c.caesar.getAddress(), agents: await d.c.agents.getAddress() };
    // Twice the minimum: a stake is held in decaying base units, rounded down, so exactly the minimum in wei
    // would be worth 1 wei less than the minimum once staked (CaesarAgentsStakeTooLow).
    const stake = 2n * (await param(d, "caesar.agents.minStake"));
    await registerAgent(d.bob, addrs, { region: 1, endpoint: "https://bob.example/relay", amount: stake });
    const agent = await readAgent(d.c.agents, d.bob.address);
    d.ctx.log(`bob staked ${fmt(stake)} (the stake still decays: FeeFree, not Exempt); active ${agent.active}`);
    const to = d.receivers[1].address;
    const amount = parseAmount("500");
    const plain = await quoteTransfer(d.c.caesar, d.alice.address, to, amount);
    // the relay's fee carries the modifier of alice's region (1) seen from bob's; twice the plain fee covers any
    const q = await quoteRelayed(d.c.caesar, d.c.processor, d.alice.address, to, amount, 1, agent.region);
    const processor = await d.c.processor.getAddress();
    const expected = { chainId: d.ctx.book.chainId, verifyingContract: processor };
    const actual = await readProcessorDomain(d.c.processor);
    const validBefore = (await d.ctx.clock.latest()) + DAY;
    const signed = await signAuthorization(
      d.alice,
      {
        from: d.alice.address,
        to,
        amount,
        maxFee: 2n * (plain.fee + plain.penalty),
        nonce: randomNonce(),
        validAfter: 0n,
        validBefore,
        region: 1,
      },
      { expected, actual },
    );
    const r = await submitAuthorizations(d.bob, processor, [signed]);
    const o = r.outcomes[0];
    agree("receiver's balance", await d.c.caesar.balanceOf(to), q.net);
    d.ctx.log(`alice signed ${fmt(amount)} to #6 offline; bob relayed it and paid the gas: processed ${o.processed}`);
    d.ctx.log(
      `fee ${fmt(q.fee)} = the plain transfer's ${fmt(plain.fee)} at the regional modifier ${q.regionalBps} bps ` +
        `(region 1 seen from bob's region ${agent.region}); bob's points ${o.points} = (fee + demurrage) x efficiency x modifier`,
    );
  }),

  step("The distributor splits what arrived 70/20/5/5: agents' pot, treasury, infrastructure, reserve", async (d) => {
    const [agentsBps, treasuryBps, infraBps] = await Promise.all([
      param(d, "caesar.distributor.agentsBps"),
      param(d, "caesar.distributor.treasuryBps"),
      param(d, "caesar.distributor.infraBps"),
    ]);
    const receipt = await send(d.alice, buildDistribute(await d.c.distributor.getAddress()));
    const e = eventArgs(receipt, d.c.distributor.interface, "Distributed");
    const legs = distributionLegs(e.amount as bigint, agentsBps, treasuryBps, infraBps);
    agree("agents' leg", e.agents as bigint, legs.agents);
    agree("treasury leg", e.treasury as bigint, legs.treasury);
    agree("infrastructure leg", e.infra as bigint, legs.infra);
    agree("reserve leg", e.reserve as bigint, legs.reserve);
    d.ctx.log(`arrived ${fmt(e.amount as bigint)} (fees + settled demurrage) in epoch ${e.epoch}:`);
    d.ctx.log(
      `agents ${fmt(legs.agents)}, treasury ${fmt(legs.treasury)}, infra ${fmt(legs.infra)} (to the reserve while none is set), reserve ${fmt(legs.reserve)} (SDK agrees)`,
    );
  }),

  step("After the epoch and the reporters' window, bob claims his share of the agents' pot", async (d) => {
    const { epoch } = await readEpoch(d.c.distributor);
    const opens = await d.c.distributor.claimOpensAt(epoch);
    await d.ctx.clock.increaseTo(opens);
    const info = await readClaimable(d.c.distributor, d.bob.address, epoch);
    const before = await d.c.caesar.balanceOf(d.bob.address);
    const { amount } = await claimEpoch(d.bob, await d.c.distributor.getAddress(), epoch);
    agree("claimed", amount, info.claimable);
    const e = await readEpoch(d.c.distributor, epoch);
    d.ctx.log(`epoch ${epoch}: pot ${fmt(e.pot)}, bob's points ${info.points} (the only agent of the epoch)`);
    d.ctx.log(
      `bob claimed ${fmt(amount)}; balance ${fmt(before)} -> ${fmt(await d.c.caesar.balanceOf(d.bob.address))}`,
    );
    d.ctx.log("the pot is what arrived in the epoch: a month of settled demurrage went to the one agent active then");
  }),

  step("The regional price matrix: a payer's region seen from an agent's, quoted on chain and off chain", async (d) => {
    const spec = await readMatrix(d.c.matrix);
    const now = BigInt((await d.ctx.provider.getBlock("latest"))!.timestamp);
    for (const r of spec.regions) {
      d.ctx.log(
        `region ${r.id}: geo ${r.geoBps}, resource ${r.resourceBps}, hops ${r.hopsBps} bps; neighbours ${r.neighbours.join(", ")}`,
      );
    }
    for (const [region, origin] of [
      [2, 1],
      [3, 1],
      [1, 3],
    ] as const) {
      const q = await readRegionalQuote(d.c.matrix, region, now, origin);
      agree(
        `modifier of region ${region} from ${origin}`,
        q.modifierBps,
        quoteRegional(spec, region, now, origin).modifierBps,
      );
      d.ctx.log(
        `region ${region} from ${origin}: ${q.hops} hops (term ${q.hopBps}), hour factor ${q.temporalBps}, ` +
          `spillover ${q.spilloverBps} -> modifier ${q.modifierBps} bps (SDK agrees)`,
      );
    }
    const [, , , hopsSource] = await d.c.processor.contracts();
    d.ctx.log(`the processor's region source is the matrix: ${hopsSource === (await d.c.matrix.getAddress())}`);
  }),

  step(
    "A 30% sell shock on the pool: the TWAP sees it, the controller answers, the gate queues and refuses, an arbitrageur buys it back",
    async (d) => {
      const gate = connectCaesarGate(d.ctx.book, d.ctx.provider);
      const controller = connectCaesarStability(d.ctx.book, d.ctx.provider);
      const keeper = d.ctx.accounts[0];
      const seller = d.receivers[0];
      const addrs = {
        gate: await gate.getAddress(),
        caesar: await d.c.caesar.getAddress(),
        quote: await gate.quote(),
      };
      const deadline = (await d.ctx.clock.latest()) + DAY;
      const hourly = async () => {
        await d.ctx.clock.increaseTo((await d.ctx.clock.latest()) + HOUR);
        await send(keeper, buildStabilityUpdate(await controller.getAddress()));
        return readStability(controller);
      };
      // The keeper's hourly update first rolls the TWAP's observation, so that the average spans the last hour or two.
      let st = await hourly();
      const before = await readPool(gate);
      d.ctx.log(
        `pool ${fmt(before.caesarReserve)} / ${formatAmount(before.quoteReserve)} mUSD, spot ${formatAmount(before.spotPriceWad)}; ` +
          `TWAP ${formatAmount(st.marketPriceWad)}, target ${formatAmount(st.targetPriceWad)}, deviation ${pct(st.deviationWad)}`,
      );
      const shock = (before.caesarReserve * 30n) / 100n;
      const sold = await marketTrade(d.alice, addrs, "sell", shock, 0n, deadline);
      const after = await readPool(gate);
      d.ctx.log(
        `alice sells ${fmt(shock)} (30% of the pool's CAESAR) through the gate for ${formatAmount(sold.amountOut!)} mUSD: ` +
          `spot ${formatAmount(after.spotPriceWad)}`,
      );
      st = await hourly();
      d.ctx.log(
        `an hour on, the controller reads the TWAP ${formatAmount(st.marketPriceWad)}: deviation ${pct(st.deviationWad)}, ` +
          `output ${pct(st.outputWad)} (buy bonus ${st.buyBonusBps} bps, sell penalty ${st.sellPenaltyBps} bps), ` +
          `demurrage ${st.demurrageBps} bps per 30 days`,
      );
      // Beyond the delay threshold a destabilizing sell is queued with its funds escrowed; this one, the first call
      // to see the deviation beyond the blocking threshold, also trips the breaker, which refuses the next such sell.
      const q = await marketTrade(seller, addrs, "sell", 500n * WAD, 0n, deadline);
      if (q.queuedId === undefined) throw new InvariantError("a destabilizing sell at -40% must be queued");
      const g = await readGate(gate);
      d.ctx.log(
        `#5 sells 500 CAESAR: queued as entry ${q.queuedId} (escrow ${fmt(g.escrowCaesar)}); ` +
          `the breaker tripped until ${g.breakerResetsAt}`,
      );
      try {
        await marketTrade(d.receivers[1], addrs, "sell", 100n * WAD, 0n, deadline);
        throw new InvariantError("a destabilizing sell must be refused while the breaker is tripped");
      } catch (e) {
        const k = toKitError(e);
        if (k instanceof InvariantError) throw k;
        d.ctx.log(`#6 sells 100 CAESAR: refused, ${(k as { errorName?: string }).errorName ?? k.name}`);
      }
      // The arbitrageur: bob, paid in mUSD by alice, buys the pool back to the target through the gate (with the bonus).
      const pool = await readPool(gate);
      const trade = tradeToPrice(pool.caesarReserve, pool.quoteReserve, st.targetPriceWad);
      if (trade.side !== "buy")
        throw new InvariantError(`the arbitrage after a sell shock must be a buy, got ${trade.side}`);
      // alice hands her sale's proceeds to bob; he buys toward the target as far as they go
      await send(d.alice, buildTransfer(addrs.quote, d.bob.address, sold.amountOut!));
      const spend = trade.amountIn < sold.amountOut! ? trade.amountIn : sold.amountOut!;
      const bought = await marketTrade(d.bob, addrs, "buy", spend, 0n, deadline);
      const back = await readPool(gate);
      d.ctx.log(
        `bob buys with ${formatAmount(spend)} mUSD (the SDK's tradeToPrice asks ${formatAmount(trade.amountIn)}): ` +
          `${fmt(bought.amountOut!)} ` +
          `+ bonus ${fmt(bought.bonus!)}; spot ${formatAmount(back.spotPriceWad)}`,
      );
      for (let h = 2; h <= 24; h++) {
        st = await hourly();
        d.ctx.log(
          `hour ${h}: TWAP ${formatAmount(st.marketPriceWad)}, deviation ${pct(st.deviationWad)}, output ${pct(st.outputWad)}`,
        );
        const abs = st.deviationWad < 0n ? -st.deviationWad : st.deviationWad;
        if (abs * 20n < WAD) {
          d.ctx.log(`back within +-5% of the target ${h} hours after the shock`);
          break;
        }
      }
      // The queued seller changes its mind now that the price is back: the escrow comes back exactly.
      const receipt = await send(seller, buildQueueCancel(addrs.gate, q.queuedId));
      const [id, refund] = eventArgs(receipt, gate.interface, "EntryCancelled");
      agree("the cancelled entry's refund", refund as bigint, 500n * WAD);
      d.ctx.log(
        `#5 cancels entry ${id}: refunded ${fmt(refund as bigint)}, escrow now ${fmt((await readGate(gate)).escrowCaesar)}`,
      );
    },
  ),
];
