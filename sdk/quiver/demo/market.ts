/**
 * Demo steps of the QUIVer market, written against the `connectQuiver` contracts object; the QUIVer demo steps
 * (./index.ts, `QUIVER_PRESET.demoSteps`) append them after the token, staking, emission and governance steps.
 *
 * Alice is the consumer, Bob the provider. The steps fund them from the ecosystem allocation when needed and make
 * Bob a tier-1 provider if an earlier step did not stake for him. Time moves with the demo's clock (the demo runs
 * on a development chain). Only the SDK's public functions touch the contracts.
 */
import { id } from "ethers";
import type { Signer } from "ethers";
import { formatAmount, parseAmount } from "../../kit/core";
import { splitPayment } from "../core/market";
import { addressOf, type AddressBook } from "../../kit/chain";
import { ensureAllowance, MemorySaltStore, send, buildTransfer } from "../../kit/tx";
import { type AgentLogger } from "../../kit/agents";
import type { DemoClock } from "../../kit/demo";
import {
  readChannel,
  readJob,
  readMarketTotals,
  readPriceQuote,
  readReceipt,
  buildAccept,
  buildFlushFees,
  buildJobAction,
  buildSubmit,
  commitBid,
  openChannel,
  postJob,
  revealBid,
  ProviderAgent,
  VoucherStream,
  type QuiverContracts,
} from "..";

/** What the market steps need from the demo. */
export interface MarketDemoContext {
  /** The Quiver preset's contracts (any runner: the steps send with the signers below). */
  readonly quiver: QuiverContracts;
  readonly book: AddressBook;
  readonly signers: { readonly ecosystem: Signer; readonly alice: Signer; readonly bob: Signer };
  readonly log: (line: string) => void;
  /** The chain's clock (the bid and reveal windows are waited out). */
  readonly clock: DemoClock;
}

/** One market step. */
export interface MarketDemoStep {
  readonly title: string;
  run(ctx: MarketDemoContext): Promise<void>;
}

const q = (wei: bigint) => `${formatAmount(wei)} QUIV`;
const HOUR = 3_600n;

/** Gives `who` at least `amount` QUIV from the ecosystem allocation. */
async function fund(ctx: MarketDemoContext, who: Signer, amount: bigint): Promise<void> {
  const addr = await who.getAddress();
  const have = await ctx.quiver.quiv.balanceOf(addr);
  if (have < amount) await send(ctx.signers.ecosystem, buildTransfer(addressOf(ctx.book, "quiv"), addr, amount - have));
}

/** Makes Bob a provider of tier >= 1 when an earlier step did not. */
async function ensureProvider(ctx: MarketDemoContext): Promise<void> {
  const bob = await ctx.signers.bob.getAddress();
  if ((await ctx.quiver.staking.tierOf(bob)) > 0n) return;
  await fund(ctx, ctx.signers.bob, parseAmount("2000"));
  const staking = ctx.quiver.staking.connect(ctx.signers.bob);
  await ensureAllowance(
    ctx.signers.bob,
    addressOf(ctx.book, "quiv"),
    addressOf(ctx.book, "staking"),
    parseAmount("1000"),
  );
  if (!(await ctx.quiver.staking.poolOf(bob)).registered) await (await staking.registerProvider(1_000n)).wait();
  await (await staking.stake(parseAmount("1000"))).wait();
  ctx.log(
    `bob registers as a provider and bonds ${q(parseAmount("1000"))}: tier ${await ctx.quiver.staking.tierOf(bob)}`,
  );
}

export const MARKET_STEPS: MarketDemoStep[] = [
  {
    title: "A job from post to settlement, with the fee legs",
    async run(ctx) {
      const { quiver, book, signers, log } = ctx;
      const market = addressOf(book, "marketplace");
      const bob = await signers.bob.getAddress();
      await ensureProvider(ctx);
      await fund(ctx, signers.alice, parseAmount("100"));
      const quote = await readPriceQuote(quiver.oracle, 1);
      log(`reference price of size class 1: ${q(quote.referencePrice)} per job`);
      const now = await ctx.clock.latest();
      const { jobId } = await postJob(signers.alice, market, {
        modelHash: id("llama-3-8b"),
        inputHash: id("Summarise the QUIVer whitepaper"),
        maxPrice: parseAmount("10"),
        bidDeadline: now + HOUR,
        completionDeadline: now + 2n * HOUR + 86_400n,
        minTier: 1,
        sizeClass: 1,
      });
      log(`alice posts job ${jobId} (max ${q(parseAmount("10"))}, bids for 1 hour, tier >= 1)`);
      const store = new MemorySaltStore();
      const price = quote.referencePrice < parseAmount("10") ? quote.referencePrice : parseAmount("10");
      await commitBid(signers.bob, market, jobId, price, store);
      log(`bob commits a sealed bid (only its hash is on chain)`);
      const job = await readJob(quiver.marketplace, jobId);
      await ctx.clock.increaseTo(job.bidDeadline);
      await revealBid(signers.bob, market, jobId, store);
      log(`after the bid deadline bob reveals ${q(price)}`);
      await ctx.clock.increaseTo(job.revealDeadline);
      await ensureAllowance(signers.alice, addressOf(book, "quiv"), market, price);
      await send(signers.alice, buildAccept(market, jobId, bob));
      log(`alice accepts bob's bid: ${q((await readMarketTotals(quiver.marketplace)).totalEscrowed)} in escrow`);
      await send(signers.bob, buildSubmit(market, jobId, id("the summary"), id("receipt #1")));
      const before = await quiver.quiv.balanceOf(bob);
      await send(signers.alice, buildJobAction(market, "confirm", jobId));
      const r = await readReceipt(quiver.marketplace, jobId);
      const settled = await readJob(quiver.marketplace, jobId);
      log(`bob submits the output hash, alice confirms: job ${jobId} is ${settled.state}`);
      log(`  provider reward ${q(r.providerReward)} (bob received ${q((await quiver.quiv.balanceOf(bob)) - before)})`);
      log(`  network fee     ${q(r.networkFee)} (${settled.networkFeeBps} bps, to stakers)`);
      log(`  treasury fee    ${q(r.treasuryFee)} (${settled.treasuryFeeBps} bps)`);
      log(`  burned          ${q(r.burned)} (${settled.burnBps} bps)`);
      const mirror = splitPayment(price, settled.networkFeeBps, settled.treasuryFeeBps, settled.burnBps);
      const same = (["providerReward", "networkFee", "treasuryFee", "burned"] as const).every(
        (k) => mirror[k] === r[k],
      );
      log(`  the SDK's splitPayment of ${q(price)} gives the same legs to the wei: ${same}`);
      const treasury = addressOf(book, "treasury");
      const [t0, b0] = [await quiver.quiv.balanceOf(treasury), await quiver.quiv.totalBurned()];
      await send(signers.alice, buildFlushFees(market));
      log(
        `flushFees: treasury +${q((await quiver.quiv.balanceOf(treasury)) - t0)}, burned +${q((await quiver.quiv.totalBurned()) - b0)}, ` +
          `stakers' rewards +${q(r.networkFee)}; alice paid ${q(price)} in total`,
      );
    },
  },
  {
    title: "A channel with streamed vouchers",
    async run(ctx) {
      const { quiver, book, signers, log } = ctx;
      const channels = addressOf(book, "channels");
      const bob = await signers.bob.getAddress();
      await fund(ctx, signers.alice, parseAmount("100"));
      const expiry = (await ctx.clock.latest()) + 86_400n;
      const deposit = parseAmount("20");
      const { channelId } = await openChannel(signers.alice, channels, addressOf(book, "quiv"), bob, deposit, expiry);
      log(`alice opens channel ${channelId} to bob with ${q(deposit)}, expiring in 1 day`);
      const silent: AgentLogger = { log: () => undefined };
      const agent = new ProviderAgent({
        signer: signers.bob,
        contracts: quiver,
        chainId: book.chainId,
        store: new MemorySaltStore(),
        log: silent,
        closeMargin: 2n * 86_400n,
      });
      const perToken = parseAmount("0.002");
      const stream = new VoucherStream(signers.alice, quiver.channels, book.chainId, channels, channelId, perToken);
      for (const batch of [500n, 1_200n, 800n]) {
        const v = await stream.pay(batch);
        const { increment } = await agent.serve(v);
        log(
          `  ${batch} tokens: alice signs a voucher for ${q(v.cumulativeAmount)} cumulative; bob verifies it (+${q(increment)}) and serves on`,
        );
      }
      const replay = await agent.serve({ ...agent.latestVoucher(channelId)! }).catch((e: Error) => e.name);
      log(`  a replayed voucher is refused: ${replay}`);
      const [b0, a0] = [
        await quiver.quiv.balanceOf(bob),
        await quiver.quiv.balanceOf(await signers.alice.getAddress()),
      ];
      await agent.tick();
      const ch = await readChannel(quiver.channels, channelId);
      log(
        `bob closes with the highest voucher: bob +${q((await quiver.quiv.balanceOf(bob)) - b0)}, ` +
          `alice refunded ${q((await quiver.quiv.balanceOf(await signers.alice.getAddress())) - a0)}; channel ${ch.state}`,
      );
    },
  },
];
