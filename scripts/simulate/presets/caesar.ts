/**
 * CAESAR agents (scripts/simulate/populations/caesar.json): the demurrage token, processors and agents, the fee
 * distributor, and the market of CAESAR part 2 (the CAESAR/mUSD Uniswap V2 pool, the StabilityController and the
 * StabilityGate: keeper, traders, arbitrageur and the `shock` scenario's sell shock, in ./caesarMarket.ts):
 * - payers: a sampled subset each day signs EIP-712 transfer authorizations (amount U(paymentAmount)) to a random
 *   payer or holder; a random processing agent relays them in one `processBatch` per agent per day (the agents'
 *   relays in one block, `ctx.batch`: each authorization is its payer's own, signed once a day).
 * - processing agents: register with agentStakeMultiple x minStake, relay, and claim each epoch once claims open
 *   (every claim of the day in one block). The market's trades and the attacker's round trips stay one by one
 *   (each depends on the one before: the pool's reserves, the balance passed back).
 * - holders: hold (their balances decay).
 * - anyone calls `distribute` once a day.
 * - attacker: two wallets pass `amount` back and forth `roundTripsPerDay` times a day (rapid trades against the
 *   anti-speculation rule). Profit = the pair's balance change minus a control holder's (same start balance, no
 *   trades), so demurrage cancels out.
 * - traders, keeper, arbitrageur, shocker: see ./caesarMarket.ts (the market runs first each day).
 * Conservation: every address that ever received CAESAR (Transfer logs) is a holder, the pool and the gate
 * included; the error is supply - (sum of their balances + accrued), documented in [0, holders + 1] wei (README
 * rounding table). The pool and the gate hold nominal (non-decaying) balances, which add no rounding, and a pool's
 * decay leaves its nominal balance only at `syncPool`, into the accrual, exactly: the bound is unchanged.
 */
import type { Wallet } from "ethers";
import { parseAmount } from "../../../sdk/kit/core";
import { addressOf } from "../../../sdk/kit/chain";
import { send } from "../../../sdk/kit/tx";
import {
  connectCaesar,
  DISTRIBUTOR_ABI,
  PROCESSOR_ABI,
  type CaesarContracts,
} from "../../../sdk/caesar/chain/contracts";
import { quoteTransfer, readClaimable } from "../../../sdk/caesar/chain/readers";
import { readProcessorDomain, signAuthorization } from "../../../sdk/caesar/chain/authorization";
import {
  buildCaesarTransfer,
  buildClaim,
  buildDistribute,
  buildProcess,
  buildProcessBatch,
  registerAgent,
} from "../../../sdk/caesar/tx";
import { eventArgs, eventsOf } from "../../../sdk/kit/chain/events";
import { parameterKey } from "../../../sdk/caesar/core/parameters";
import { CHECKS, type Row } from "../checks";
import { attempt, DAY, item, tokens, type BatchItem, type PresetSim } from "../engine";
import {
  MARKET_CHARTS,
  MARKET_EXTRA_WALLETS,
  marketDay,
  marketNotes,
  marketRow,
  setupMarket,
  type MarketPop,
  type MarketState,
} from "./caesarMarket";

interface Pop {
  shares: { payers: number; agents: number; holders: number; traders: number };
  payerFunding: number;
  holderFunding: number;
  agentStakeMultiple: number;
  paymentsPerPayerPerDay: number;
  paymentAmount: [number, number];
  attacker: { funding: number; roundTripsPerDay: number; amount: number };
  market: MarketPop;
}

interface State {
  c: CaesarContracts;
  pop: Pop;
  payers: Wallet[];
  agents: Wallet[];
  holders: Wallet[];
  attacker: [Wallet, Wallet, Wallet];
  seen: Set<string>;
  fromBlock: number;
  claimedUpTo: Map<string, bigint>;
  distributed: bigint;
  claimed: bigint;
  payments: number;
  nonce: bigint;
  base: bigint;
  failures: number;
  market: MarketState;
}

function counts(agents: number, pop: Pop) {
  const a = Math.max(1, Math.round(agents * pop.shares.agents));
  const h = Math.max(0, Math.round(agents * pop.shares.holders));
  const t = Math.max(1, Math.round(agents * pop.shares.traders));
  return { agents: a, holders: h, traders: t, payers: Math.max(1, agents - a - h - t) };
}

export const CAESAR_SIM: PresetSim<State> = {
  name: "caesar",
  // Scenarios are registered here (the market's knobs are in the population's `market`).
  scenarios: {
    baseline: { name: "baseline", description: "steady payments and market trades, no shock" },
    shock: {
      name: "shock",
      description: "baseline plus, on market.shock.day, one wallet selling 30% of the pool's CAESAR reserve",
      shock: true,
    },
  },
  charts: [
    { title: "CAESAR supply (CAESAR)", columns: ["supply"] },
    {
      title: "Demurrage: accrued, distributed, claimed (cumulative CAESAR)",
      columns: ["accrued", "distributed", "claimed"],
    },
    { title: "Conservation error (wei) and its bound", columns: ["conservationErrorWei", "bound"] },
    {
      title: "Treasury, reserve and distributor balances (CAESAR)",
      columns: ["treasury", "reserve", "distributorBalance"],
    },
    { title: "Payments relayed per day", columns: ["paymentsToday"] },
    { title: "Attacker profit vs control (CAESAR)", columns: ["attackerProfit"] },
    ...MARKET_CHARTS,
  ],
  checks: [CHECKS.caesarConservation, CHECKS.attackerProfit, CHECKS.caesarShockRecovery],
  walletsFor: (agents, pop) => {
    const c = counts(agents, pop as unknown as Pop);
    return c.agents + c.holders + c.payers + 3 + c.traders + MARKET_EXTRA_WALLETS;
  },
  async setup(ctx, agents) {
    const pop = ctx.population as unknown as Pop;
    const k = counts(agents, pop);
    const w = [...ctx.wallets];
    const c = connectCaesar(ctx.book, ctx.provider);
    const s: State = {
      c,
      pop,
      payers: w.splice(0, k.payers),
      agents: w.splice(0, k.agents),
      holders: w.splice(0, k.holders),
      attacker: [w[0], w[1], w[2]],
      seen: new Set(),
      fromBlock: 0,
      claimedUpTo: new Map(),
      distributed: 0n,
      claimed: 0n,
      payments: 0,
      nonce: BigInt(ctx.rng.int(1, 1_000_000)) << 128n,
      base: 0n,
      failures: 0,
      market: undefined as unknown as MarketState,
    };
    const caesar = addressOf(ctx.book, "caesar");
    const [, , alice, bob] = ctx.accounts;
    const minStake = await c.registry.get(parameterKey("caesar.agents.minStake"));
    const stake = minStake * BigInt(pop.agentStakeMultiple);
    let i = 0;
    const fund = async (to: string, amount: bigint) => {
      ctx.tick();
      await send(i++ % 2 ? bob : alice, buildCaesarTransfer(caesar, to, amount));
    };
    for (const x of s.payers) await fund(x.address, parseAmount(String(pop.payerFunding)));
    for (const x of s.holders) await fund(x.address, parseAmount(String(pop.holderFunding)));
    for (const x of s.agents) {
      await fund(x.address, stake + stake / 10n);
      ctx.tick();
      await registerAgent(
        x,
        { caesar, agents: addressOf(ctx.book, "agents") },
        { region: 1, endpoint: "https://sim.example", amount: stake },
      );
    }
    const af = parseAmount(String(pop.attacker.funding));
    await fund(s.attacker[0].address, af);
    await fund(s.attacker[2].address, af);
    s.base = 0n; // profit measured against the control, both starting at af
    const m = w.slice(3);
    s.market = await setupMarket(
      ctx,
      c,
      pop.market,
      { traders: m.slice(0, k.traders), keeper: m[k.traders], arb: m[k.traders + 1], shocker: m[k.traders + 2] },
      fund,
    );
    return s;
  },
  async day(ctx, s, day) {
    const { rng, book } = ctx;
    await marketDay(ctx, s.market, s.c, day);
    const caesar = addressOf(book, "caesar");
    const processor = addressOf(book, "processor");
    const distributor = addressOf(book, "distributor");
    // Payments through processing agents, batched per agent.
    const k = Math.round(s.payers.length * s.pop.paymentsPerPayerPerDay);
    const batches = new Map<Wallet, Awaited<ReturnType<typeof signAuthorization>>[]>();
    const domain = await readProcessorDomain(s.c.processor);
    const expected = { chainId: book.chainId, verifyingContract: processor };
    const now = BigInt(await ctx.now());
    const receivers = [...s.payers, ...s.holders];
    for (const payer of rng.sample(s.payers, k)) {
      const to = rng.pick(receivers.filter((r) => r !== payer));
      if (!to) continue;
      const amount = parseAmount(String(rng.int(s.pop.paymentAmount[0], s.pop.paymentAmount[1])));
      if ((await s.c.caesar.balanceOf(payer.address)) < amount * 2n) continue;
      const q = await quoteTransfer(s.c.caesar, payer.address, to.address, amount);
      const signed = await signAuthorization(
        payer,
        {
          from: payer.address,
          to: to.address,
          amount,
          maxFee: 2n * (q.fee + q.penalty) + 10n,
          nonce: s.nonce++,
          validAfter: 0n,
          validBefore: now + BigInt(DAY),
          region: 1,
        },
        { expected, actual: domain },
      );
      const agent = rng.pick(s.agents);
      batches.set(agent, [...(batches.get(agent) ?? []), signed]);
    }
    // The agents relay their batches in one block (each authorization is its payer's own, once a day).
    const relays = [...batches];
    const relayed = await ctx.batch(
      relays.map(([agent, batch]) =>
        item(agent, batch.length === 1 ? buildProcess(processor, batch[0]) : buildProcessBatch(processor, batch)),
      ),
    );
    let paid = 0;
    for (const r of relayed) {
      if (r instanceof Error) s.failures++;
      else paid += eventsOf(r, PROCESSOR_ABI.iface, "AuthorizationProcessed", processor).length;
    }
    s.payments += paid;
    // Attacker: rapid round trips.
    const [a, b] = s.attacker;
    const amt = parseAmount(String(s.pop.attacker.amount));
    for (let i = 0; i < s.pop.attacker.roundTripsPerDay; i++) {
      const r1 = await attempt(ctx, () => send(a, buildCaesarTransfer(caesar, b.address, amt)));
      if (r1 instanceof Error) s.failures++;
      const back = await s.c.caesar.balanceOf(b.address);
      const r2 = await attempt(ctx, () => send(b, buildCaesarTransfer(caesar, a.address, back < amt ? back : amt)));
      if (r2 instanceof Error) s.failures++;
    }
    // Distribute, then the agents claim every epoch whose claims are open.
    const d = await attempt(ctx, () => send(ctx.accounts[0], buildDistribute(distributor)));
    if (!(d instanceof Error)) {
      for (const log of d.logs) {
        try {
          const e = s.c.distributor.interface.parseLog(log);
          if (e?.name === "Distributed") s.distributed += e.args.amount as bigint;
        } catch {
          /* another contract's log */
        }
      }
    }
    // Every agent claims every epoch whose claims are open, all in one block.
    const current = await s.c.distributor.currentEpoch();
    const t = BigInt(await ctx.now());
    const claims: BatchItem[] = [];
    for (const ag of s.agents) {
      for (let e = s.claimedUpTo.get(ag.address) ?? 0n; e < current; e++) {
        const info = await readClaimable(s.c.distributor, ag.address, e);
        if (info.claimOpensAt > t) break;
        if (info.claimable > 0n) claims.push(item(ag, buildClaim(distributor, e)));
        s.claimedUpTo.set(ag.address, e + 1n);
      }
    }
    for (const r of await ctx.batch(claims)) {
      if (r instanceof Error) s.failures++;
      else s.claimed += eventArgs(r, DISTRIBUTOR_ABI.iface, "RewardClaimed").amount as bigint;
    }
    await ctx.advance(DAY);
    // Holders seen so far (every receiver of a Transfer).
    const head = await ctx.provider.getBlockNumber();
    const logs = await s.c.caesar.queryFilter(s.c.caesar.filters.Transfer(), s.fromBlock, head);
    for (const l of logs) {
      s.seen.add((l.args.to as string).toLowerCase());
      s.seen.add((l.args.from as string).toLowerCase());
    }
    s.seen.delete("0x0000000000000000000000000000000000000000");
    s.fromBlock = head + 1;
    const [supply, accrued] = await Promise.all([s.c.caesar.totalSupply(), s.c.caesar.accrued()]);
    let sum = 0n;
    for (const h of s.seen) sum += await s.c.caesar.balanceOf(h);
    const err = supply - (sum + accrued);
    const bal = async (key: string) => tokens(await s.c.caesar.balanceOf(addressOf(book, key)));
    const reserve = await s.c.caesar.stabilityReserve();
    const [ab, bb, cb] = await Promise.all(s.attacker.map((w) => s.c.caesar.balanceOf(w.address)));
    const row: Row = {
      day,
      supply: tokens(supply),
      accrued: tokens(accrued),
      distributed: tokens(s.distributed),
      claimed: tokens(s.claimed),
      conservationErrorWei: Number(err),
      holders: s.seen.size,
      bound: s.seen.size + 1,
      treasury: await bal("treasury"),
      reserve: tokens(await s.c.caesar.balanceOf(reserve)),
      distributorBalance: await bal("distributor"),
      demurrageBps: Number(await s.c.registry.get(parameterKey("caesar.token.demurrageBps"))),
      paymentsToday: paid,
      attackerProfit: tokens(ab + bb - cb),
      failedTxs: s.failures,
      ...(await marketRow(s.market, day)),
    };
    return row;
  },
  notes: (s) => [
    `${s.payments} payments relayed; ${s.failures} agent transactions reverted.`,
    ...marketNotes(s.market),
    "Prices: spotPrice from the pool's reserves at the end of the day; marketPrice is the controller's market price (the pool's TWAP) at the keeper's update at the start of the day; deviationBps is the spot's, controllerDeviationBps the controller's.",
  ],
};
