/**
 * CAESAR part 2 in the simulation (used by ./caesar.ts): the CAESAR/mUSD Uniswap V2 pool, the StabilityController
 * and the StabilityGate, driven through the SDK the way users would (population `market` in
 * scripts/simulate/populations/caesar.json):
 * - keeper: at the start of each day syncs the pool's decay (`syncPool`, once per token day), steps the controller
 *   (`update`, when its interval has passed) and pokes the gate's breaker;
 * - traders: a sampled subset buys (quote in) or sells (CAESAR in) U(amount) through the gate (`marketTrade`, never
 *   the router). A destabilizing trade beyond the delay threshold is queued; its trader executes it once Executable,
 *   or cancels it (exact refund) when the breaker refuses it or the execution reverts; an Expired entry is refunded.
 *   A destabilizing trade the breaker would refuse (tripped, deviation beyond the blocking threshold) is skipped, as
 *   a user reading `kit caesar stability gate` would. Traders, the arbitrageur and the shocker approve the gate once
 *   (unlimited, in setup), so each `marketTrade` finds its allowance and sends one transaction; min-out is 0;
 * - arbitrageur: when the spot price or the controller's market price (TWAP) is outside ±bandBps of target, trades
 *   toward the target through the gate, sized from the pool's reserves (the constant-product input that brings the
 *   spot to target, fee included), capped at maxShareOfReserveBps of the input-side reserve per day and by its
 *   balance;
 * - shock (scenario `shock`): on `shock.day` one wallet sells `shock.shareOfPoolBps` of the pool's CAESAR reserve
 *   through the gate's `sell`. Before the shock the controller's deviation is within the delay threshold, so the sell
 *   is not destabilizing beyond it and trades at once (the gate only queues a sell while the price already is 10%
 *   below target); were it queued, the shocker would execute it the next day like any trader (the path taken is in
 *   the notes). Recovery: the first day after the shock whose end-of-day spot price is within ±recoveryBandBps of
 *   target; `recoveryDays` = that day - the shock day (-1 until then, and in a run without a shock).
 */
import { Contract, type Wallet } from "ethers";
import { addressOf } from "../../../sdk/kit/chain";
import { buildApprove, send } from "../../../sdk/kit/tx";
import type { CaesarContracts, StabilityController, StabilityGate } from "../../../sdk/caesar/chain/contracts";
import { connectCaesarGate, readGate } from "../../../sdk/caesar/chain/gate";
import { connectCaesarStability, readStability } from "../../../sdk/caesar/chain/stability";
import {
  buildGatePoke,
  buildQueueCancel,
  buildQueueExecute,
  buildQueueRefund,
  buildStabilityUpdate,
  buildSyncPool,
  marketTrade,
  type MarketTradeResult,
} from "../../../sdk/caesar/tx";
import { parameterKey } from "../../../sdk/caesar/core/parameters";
import type { Row } from "../checks";
import type { ChartSpec } from "../report";
import { attempt, DAY, tokens, type SimContext } from "../engine";

const WAD = 10n ** 18n;
const MAX = 2n ** 255n;

export interface MarketPop {
  traders: { caesarFunding: number; quoteFunding: number; tradesPerTraderPerDay: number; amount: [number, number] };
  arbitrageur: { caesarFunding: number; quoteFunding: number; bandBps: number; maxShareOfReserveBps: number };
  shock: { day: number; shareOfPoolBps: number; recoveryBandBps: number; recoveryDays: number };
}

interface Pending {
  readonly id: bigint;
  readonly trader: Wallet;
}

export interface MarketState {
  pop: MarketPop;
  shock: boolean;
  gate: StabilityGate;
  controller: StabilityController;
  pair: Contract;
  quoteToken: Contract;
  addrs: { gate: string; caesar: string; quote: string };
  pairAddress: string;
  controllerAddress: string;
  caesarIs0: boolean;
  traders: Wallet[];
  keeper: Wallet;
  arb: Wallet;
  shocker: Wallet;
  pending: Pending[];
  lastSyncDay: bigint;
  blockBps: bigint;
  trades: number;
  queued: number;
  executed: number;
  cancelled: number;
  refunded: number;
  skipped: number;
  arbTrades: number;
  updates: number;
  today: { trades: number; queued: number; arbQuote: number };
  shockPath: string;
  shockSold: bigint;
  recoveredDay: number | null;
}

/** Wallets the market needs beyond the traders: keeper, arbitrageur, shocker. */
export const MARKET_EXTRA_WALLETS = 3;

export const MARKET_CHARTS: readonly ChartSpec[] = [
  { title: "CAESAR price vs target (mUSD)", columns: ["spotPrice", "marketPrice", "targetPrice"] },
  {
    title: "Deviation from target and controller output (bps)",
    columns: ["deviationBps", "controllerDeviationBps", "outputBps"],
  },
  {
    title: "Stability reserve and escrow (CAESAR, mUSD)",
    columns: ["gateReserveCaesar", "gateReserveQuote", "escrowCaesar", "escrowQuote"],
  },
  { title: "Gate trades and queued entries per day", columns: ["tradesToday", "queuedToday", "queuedEntries"] },
];

const PAIR_ABI = [
  "function getReserves() view returns (uint112, uint112, uint32)",
  "function token0() view returns (address)",
];
const MINT_ABI = ["function mint(address to, uint256 amount)"];
const ERC20_ABI = ["function balanceOf(address) view returns (uint256)"];

const units = (n: number) => BigInt(Math.round(n)) * WAD;

function sqrt(x: bigint): bigint {
  if (x < 2n) return x;
  let z = x;
  let y = (x >> 1n) + 1n;
  while (y < z) {
    z = y;
    y = (x / y + y) >> 1n;
  }
  return z;
}

/** Pool reserves as (CAESAR, quote) and the spot price in quote WAD per CAESAR (both tokens have 18 decimals). */
async function reserves(m: MarketState): Promise<{ c: bigint; q: bigint; spot: bigint }> {
  const [r0, r1] = (await m.pair.getReserves()) as [bigint, bigint, bigint];
  const [c, q] = m.caesarIs0 ? [r0, r1] : [r1, r0];
  return { c, q, spot: c === 0n ? 0n : (q * WAD) / c };
}

/** Signed bps of `price` against `target`. */
const devBps = (price: bigint, target: bigint) => Number(((price - target) * 10_000n) / target);
/** A WAD fraction in bps (signed). */
const bps = (wad: bigint) => Number((wad * 10_000n) / WAD);

export async function setupMarket(
  ctx: SimContext,
  c: CaesarContracts,
  pop: MarketPop,
  w: { traders: Wallet[]; keeper: Wallet; arb: Wallet; shocker: Wallet },
  fundCaesar: (to: string, amount: bigint) => Promise<void>,
): Promise<MarketState> {
  const gate = connectCaesarGate(ctx.book, ctx.provider);
  const controller = connectCaesarStability(ctx.book, ctx.provider);
  const caesar = addressOf(ctx.book, "caesar");
  const [quote, pairAddress] = await Promise.all([gate.quote(), gate.pair()]);
  const pair = new Contract(pairAddress, PAIR_ABI, ctx.provider);
  const caesarIs0 = ((await pair.token0()) as string).toLowerCase() === caesar.toLowerCase();
  const m: MarketState = {
    pop,
    shock: ctx.scenario.shock === true,
    gate,
    controller,
    pair,
    quoteToken: new Contract(quote, ERC20_ABI, ctx.provider),
    addrs: { gate: await gate.getAddress(), caesar, quote },
    pairAddress,
    controllerAddress: await controller.getAddress(),
    caesarIs0,
    ...w,
    pending: [],
    lastSyncDay: await c.caesar.today(),
    blockBps: await c.registry.get(parameterKey("caesar.stability.blockThresholdBps")),
    trades: 0,
    queued: 0,
    executed: 0,
    cancelled: 0,
    refunded: 0,
    skipped: 0,
    arbTrades: 0,
    updates: 0,
    today: { trades: 0, queued: 0, arbQuote: 0 },
    shockPath: "no shock in this scenario",
    shockSold: 0n,
    recoveredDay: null,
  };
  // Quote tokens: the local mUSD mints to anyone (deploy/caesar/stability.ts); CAESAR from the genesis holders.
  const mint = async (to: string, amount: bigint) => {
    ctx.tick();
    await (await (new Contract(quote, MINT_ABI, ctx.accounts[0]) as Contract).mint(to, amount)).wait();
  };
  const approveBoth = async (x: Wallet) => {
    ctx.tick(2);
    await send(x, buildApprove(caesar, m.addrs.gate, MAX));
    await send(x, buildApprove(quote, m.addrs.gate, MAX));
  };
  for (const t of m.traders) {
    await fundCaesar(t.address, units(pop.traders.caesarFunding));
    await mint(t.address, units(pop.traders.quoteFunding));
    await approveBoth(t);
  }
  await fundCaesar(m.arb.address, units(pop.arbitrageur.caesarFunding));
  await mint(m.arb.address, units(pop.arbitrageur.quoteFunding));
  await approveBoth(m.arb);
  if (m.shock) {
    // Enough for the shock's share of the pool's CAESAR reserve (as it is now, plus a margin for demurrage).
    const { c: rc } = await reserves(m);
    await fundCaesar(m.shocker.address, (rc * BigInt(pop.shock.shareOfPoolBps) * 3n) / 20_000n);
    await approveBoth(m.shocker);
  }
  // The pool's TWAP needs one window of observations and the controller one interval before the first update.
  const [window, interval] = await Promise.all([
    c.registry.get(parameterKey("caesar.stability.twapWindow")),
    c.registry.get(parameterKey("caesar.stability.updateInterval")),
  ]);
  await ctx.advance(Number(window > interval ? window : interval));
  return m;
}

/** The keeper's daily round: sync the pool's decay, step the controller, poke the breaker. */
async function keeper(ctx: SimContext, m: MarketState, c: CaesarContracts) {
  const today = await c.caesar.today();
  if (today > m.lastSyncDay) {
    const r = await attempt(ctx, () => send(m.keeper, buildSyncPool(m.addrs.caesar, m.pairAddress)));
    if (!(r instanceof Error)) m.lastSyncDay = today;
  }
  const st = await readStability(m.controller);
  if (!st.paused && BigInt(await ctx.now()) + 1n >= st.nextUpdateAt) {
    const r = await attempt(ctx, () => send(m.keeper, buildStabilityUpdate(m.controllerAddress)));
    if (!(r instanceof Error)) m.updates++;
  }
  await attempt(ctx, () => send(m.keeper, buildGatePoke(m.addrs.gate)));
}

/** Every open entry: execute when Executable (cancel instead when refused), refund when Expired. */
async function settleQueue(ctx: SimContext, m: MarketState) {
  const open: Pending[] = [];
  for (const p of m.pending) {
    const state = Number(await m.gate.state(p.id));
    if (state === 1) open.push(p);
    else if (state === 2) {
      const refused = await refusedNow(m, (await m.gate.entry(p.id)).buy);
      const r = refused
        ? new Error("breaker")
        : await attempt(ctx, () => send(p.trader, buildQueueExecute(m.addrs.gate, p.id)));
      if (!(r instanceof Error)) m.executed++;
      else {
        const x = await attempt(ctx, () => send(p.trader, buildQueueCancel(m.addrs.gate, p.id)));
        if (x instanceof Error) open.push(p);
        else m.cancelled++;
      }
    } else if (state === 4) {
      const entry = await m.gate.entry(p.id);
      if (entry.closed !== 0n) continue;
      const x = await attempt(ctx, () => send(p.trader, buildQueueRefund(m.addrs.gate, p.id)));
      if (x instanceof Error) open.push(p);
      else m.refunded++;
    }
  }
  m.pending = open;
}

/** Whether the gate's breaker refuses a destabilizing trade on `buy`'s side now. */
async function refusedNow(m: MarketState, buy: boolean): Promise<boolean> {
  const [g, [paused, dev]] = await Promise.all([readGate(m.gate), m.controller.regime()]);
  if (g.paused || paused || !g.breakerTripped) return false;
  const destabilizing = buy ? dev > 0n : dev < 0n;
  const abs = dev < 0n ? -dev : dev;
  return destabilizing && (abs * 10_000n) / WAD >= m.blockBps;
}

async function trade(ctx: SimContext, m: MarketState, who: Wallet, side: "buy" | "sell", amount: bigint) {
  const deadline = BigInt(await ctx.now()) + BigInt(DAY);
  const r = await attempt(ctx, () => marketTrade(who, m.addrs, side, amount, 0n, deadline));
  if (r instanceof Error) return undefined;
  m.trades++;
  m.today.trades++;
  if (r.queuedId !== undefined) {
    m.pending.push({ id: r.queuedId, trader: who });
    m.queued++;
    m.today.queued++;
  }
  return r;
}

/** One day of the market (before the payments of ./caesar.ts): keeper, queue, traders, arbitrageur, shock. */
export async function marketDay(ctx: SimContext, m: MarketState, c: CaesarContracts, day: number) {
  const { rng } = ctx;
  m.today = { trades: 0, queued: 0, arbQuote: 0 };
  await keeper(ctx, m, c);
  await settleQueue(ctx, m);
  // Traders.
  const k = Math.round(m.traders.length * m.pop.traders.tradesPerTraderPerDay);
  for (const t of rng.sample(m.traders, k)) {
    const side = rng.next() < 0.5 ? "buy" : "sell";
    const want = units(rng.int(m.pop.traders.amount[0], m.pop.traders.amount[1]));
    const bal =
      side === "buy" ? ((await m.quoteToken.balanceOf(t.address)) as bigint) : await c.caesar.balanceOf(t.address);
    const amount = want < bal ? want : bal;
    if (amount < WAD) continue;
    if (await refusedNow(m, side === "buy")) {
      m.skipped++;
      continue;
    }
    await trade(ctx, m, t, side, amount);
  }
  // Arbitrageur.
  await arbitrage(ctx, m, c);
  // Sell shock.
  if (m.shock && day === m.pop.shock.day) {
    const { c: rc } = await reserves(m);
    const want = (rc * BigInt(m.pop.shock.shareOfPoolBps)) / 10_000n;
    const bal = await c.caesar.balanceOf(m.shocker.address);
    const amount = want < bal ? want : bal;
    const before = (await readStability(m.controller)).deviationWad;
    const r: MarketTradeResult | undefined = await trade(ctx, m, m.shocker, "sell", amount);
    m.shockSold = r === undefined ? 0n : amount;
    m.shockPath =
      r === undefined
        ? "the shock's gate sell reverted (see the failures)"
        : r.queuedId !== undefined
          ? `queued as gate entry ${r.queuedId} (controller deviation ${bps(before)} bps), executed by the shocker once Executable`
          : `sold at once through StabilityGate.sell (controller deviation ${bps(before)} bps at its last update, within the delay threshold)`;
  }
}

async function arbitrage(ctx: SimContext, m: MarketState, c: CaesarContracts) {
  const a = m.pop.arbitrageur;
  const st = await readStability(m.controller);
  const target = st.targetPriceWad;
  const { c: rc, q: rq, spot } = await reserves(m);
  const spotDev = devBps(spot, target);
  const twapDev = st.marketPriceWad === 0n ? 0 : devBps(st.marketPriceWad, target);
  if (Math.abs(spotDev) <= a.bandBps && Math.abs(twapDev) <= a.bandBps) return;
  const k = rc * rq;
  if (spot < target) {
    // Quote in that brings the spot to target: q' = sqrt(k * target), fee 0.3%.
    let amount = ((sqrt((k * target) / WAD) - rq) * 1000n) / 997n;
    const cap = (rq * BigInt(a.maxShareOfReserveBps)) / 10_000n;
    const bal = (await m.quoteToken.balanceOf(m.arb.address)) as bigint;
    amount = [amount, cap, bal].reduce((x, y) => (y < x ? y : x));
    if (amount < WAD) return;
    if (await refusedNow(m, true)) return;
    if (await trade(ctx, m, m.arb, "buy", amount)) {
      m.arbTrades++;
      m.today.arbQuote += tokens(amount);
    }
  } else {
    let amount = ((sqrt((k * WAD) / target) - rc) * 1000n) / 997n;
    const cap = (rc * BigInt(a.maxShareOfReserveBps)) / 10_000n;
    const bal = await c.caesar.balanceOf(m.arb.address);
    amount = [amount, cap, bal].reduce((x, y) => (y < x ? y : x));
    if (amount < WAD) return;
    if (await refusedNow(m, false)) return;
    if (await trade(ctx, m, m.arb, "sell", amount)) {
      m.arbTrades++;
      m.today.arbQuote -= tokens((amount * spot) / WAD);
    }
  }
}

/** The market's columns of the day's row (read after the day's clock advance). */
export async function marketRow(m: MarketState, day: number): Promise<Row> {
  const [st, g, pool] = await Promise.all([readStability(m.controller), readGate(m.gate), reserves(m)]);
  const target = st.targetPriceWad;
  const deviationBps = devBps(pool.spot, target);
  let pendingC = 0n;
  let pendingQ = 0n;
  let open = 0;
  for (const p of m.pending) {
    const e = await m.gate.entry(p.id);
    if (e.closed !== 0n) continue;
    open++;
    if (e.buy) pendingQ += e.amountIn;
    else pendingC += e.amountIn;
  }
  const shockDay = m.shock ? m.pop.shock.day : 0;
  if (shockDay > 0 && day > shockDay && m.recoveredDay === null) {
    if (Math.abs(deviationBps) <= m.pop.shock.recoveryBandBps) m.recoveredDay = day;
  }
  return {
    spotPrice: tokens(pool.spot),
    marketPrice: tokens(st.marketPriceWad),
    targetPrice: tokens(target),
    deviationBps,
    controllerDeviationBps: bps(st.deviationWad),
    outputBps: bps(st.outputWad),
    integralWadSeconds: (st.integral < 0n ? -1 : 1) * tokens(st.integral < 0n ? -st.integral : st.integral),
    factorBps: Number(st.factorBps),
    buyBonusBps: Number(st.buyBonusBps),
    buyPenaltyBps: Number(st.buyPenaltyBps),
    sellBonusBps: Number(st.sellBonusBps),
    sellPenaltyBps: Number(st.sellPenaltyBps),
    controllerDemurrageBps: Number(st.demurrageBps),
    stabilityPaused: st.paused,
    poolCaesar: tokens(pool.c),
    poolQuote: tokens(pool.q),
    gateReserveCaesar: tokens(g.caesarReserve),
    gateReserveQuote: tokens(g.quoteReserve),
    escrowCaesar: tokens(g.escrowCaesar),
    escrowQuote: tokens(g.escrowQuote),
    escrowCaesarWei: g.escrowCaesar.toString(),
    escrowQuoteWei: g.escrowQuote.toString(),
    pendingEscrowCaesarWei: pendingC.toString(),
    pendingEscrowQuoteWei: pendingQ.toString(),
    queuedEntries: open,
    entriesTotal: Number(g.entryCount),
    breakerTripped: g.breakerTripped,
    tradesToday: m.today.trades,
    queuedToday: m.today.queued,
    arbQuoteToday: m.today.arbQuote,
    shockDay,
    recoveryBandBps: m.pop.shock.recoveryBandBps,
    recoveryLimitDays: m.pop.shock.recoveryDays,
    recoveryDays: m.recoveredDay === null ? -1 : m.recoveredDay - shockDay,
  };
}

export function marketNotes(m: MarketState): string[] {
  const rec =
    !m.shock || m.recoveredDay === null
      ? m.shock
        ? `the spot price did not return within ±${m.pop.shock.recoveryBandBps} bps of target by the end of the run`
        : ""
      : `the spot price was back within ±${m.pop.shock.recoveryBandBps} bps of target on day ${m.recoveredDay}, ${m.recoveredDay - m.pop.shock.day} day(s) after the shock`;
  return [
    `Market: ${m.trades} gate trades (${m.arbTrades} by the arbitrageur), ${m.queued} queued; entries executed ${m.executed}, cancelled ${m.cancelled}, refunded ${m.refunded}, ${m.pending.length} still open; ${m.skipped} trades skipped while the breaker refused them; ${m.updates} controller updates.`,
    m.shock
      ? `Sell shock on day ${m.pop.shock.day}: ${tokens(m.shockSold).toFixed(0)} CAESAR (${m.pop.shock.shareOfPoolBps / 100}% of the pool's CAESAR reserve), ${m.shockPath}; ${rec}.`
      : "No sell shock in this scenario (run --scenario shock).",
  ];
}
