import type { Command } from "commander";
import { send, sendWithAllowance } from "../../kit/tx";
import { InvalidArgumentError, KitError, formatAmount, parseAddress } from "../../kit/core";
import {
  parameterKey,
  chainTime,
  readBid,
  readJobs,
  readMarketTotals,
  readMetrics,
  readReceipt,
  readRevealedBids,
  acceptBidWithPermit,
  buildAccept,
  buildFlushFees,
  buildJobAction,
  buildSubmit,
  commitBid,
  postJob,
  revealBid,
  type JobEntity,
  type JobAction,
} from "..";
import type { CliContext } from "../../cli/context";
import { amountArg, formatTime, hashArg, sendWithProgress, txJson, uintArg, type AmountOpts } from "../../cli/helpers";
import { existingJob, marketFor, saltStoreFor, sizeClassArg, tierArg } from "./shared";

function jobLines(j: JobEntity, now?: bigint): string[] {
  return [
    `job ${j.jobId}: ${j.state} (status ${j.status})`,
    `  consumer ${j.consumer}${j.price > 0n ? `, provider ${j.provider}` : ""}`,
    `  max price ${formatAmount(j.maxPrice)} QUIV${j.price > 0n ? `, accepted at ${formatAmount(j.price)} QUIV` : ""}`,
    `  min tier ${j.minTier}, size class ${j.sizeClass}`,
    `  supply: ${j.supplyBids} revealed bid(s) at or below the reference price (reported to the pricing oracle at settlement)`,
    `  bids until ${formatTime(j.bidDeadline, now)}, reveals until ${formatTime(j.revealDeadline, now)}`,
    `  complete by ${formatTime(j.completionDeadline, now)}`,
  ];
}

/** `kit job …`: post jobs, sealed bids (commit and reveal), accept, submit, settle, refund, fees. */
export function registerJob(program: Command, ctx: () => CliContext): void {
  const job = program.command("job").description("inference jobs on the marketplace");

  job
    .command("post")
    .description("post a job (escrow happens at accept)")
    .requiredOption("--model <text|hash>", "model id (text is hashed) or 32-byte hash")
    .requiredOption("--input <text|hash>", "input (text is hashed) or 32-byte hash")
    .requiredOption("--max-price <amount>", "largest price accepted, in QUIV (or wei with --wei)")
    .option("--wei", "amounts are in wei")
    .option("--bid-window <seconds>", "sealed-bid commit window", "3600")
    .option("--work-window <seconds>", "time for the work after the reveal window", "86400")
    .option("--min-tier <n>", "minimum provider tier (1..4)", "1")
    .option("--size-class <n>", "model size class of the pricing oracle (0..7)", "1")
    .action(
      async (opts: {
        model: string;
        input: string;
        maxPrice: string;
        wei?: boolean;
        bidWindow: string;
        workWindow: string;
        minTier: string;
        sizeClass: string;
      }) => {
        const c = ctx();
        const modelHash = hashArg(opts.model, "model");
        const inputHash = hashArg(opts.input, "input");
        const maxPrice = amountArg(opts.maxPrice, opts);
        const bidWindow = uintArg(opts.bidWindow, "bid-window");
        const workWindow = uintArg(opts.workWindow, "work-window");
        if (bidWindow === 0n || workWindow === 0n) throw new InvalidArgumentError("windows must be positive");
        const minTier = tierArg(opts.minTier);
        const sizeClass = sizeClassArg(opts.sizeClass);
        const signer = await c.signer();
        const { q, addresses } = await marketFor(c, false);
        const [now, revealWindow] = await Promise.all([
          chainTime(await c.provider()),
          q.registry.get(parameterKey("quiver.market.revealWindow")),
        ]);
        const bidDeadline = now + bidWindow;
        const completionDeadline = bidDeadline + revealWindow + workWindow;
        const from = await signer.getAddress();
        const { receipt, jobId } = await sendWithProgress(c, "post job", (o) =>
          postJob(
            signer,
            addresses.marketplace,
            { modelHash, inputHash, maxPrice, bidDeadline, completionDeadline, minTier, sizeClass },
            o,
          ),
        );
        c.print(
          txJson("post", from, receipt, { jobId, maxPrice, bidDeadline, completionDeadline, minTier, sizeClass }),
          (r) => [`posted job ${r.jobId} (max ${formatAmount(maxPrice)} QUIV) in ${r.hash}`],
        );
      },
    );

  job
    .command("show")
    .description("a job with its derived state, its receipt and (with --provider) a bid")
    .argument("<jobId>")
    .option("--provider <address>", "also show this provider's bid")
    .action(async (id: string, opts: { provider?: string }) => {
      const c = ctx();
      const jobId = uintArg(id, "jobId");
      const provider = opts.provider ? parseAddress(opts.provider, "provider") : undefined;
      const { q } = await marketFor(c, false);
      const [j, receipt, bid, now] = await Promise.all([
        existingJob(q, jobId),
        readReceipt(q.marketplace, jobId),
        provider ? readBid(q.marketplace, jobId, provider) : Promise.resolve(undefined),
        chainTime(await c.provider()),
      ]);
      c.print({ ...j, receipt, bid }, (r) => [
        ...jobLines(r, now),
        ...(r.status === "Settled"
          ? [
              `  provider reward ${formatAmount(receipt.providerReward)}, network fee ${formatAmount(receipt.networkFee)}, ` +
                `treasury fee ${formatAmount(receipt.treasuryFee)}, burned ${formatAmount(receipt.burned)} QUIV`,
            ]
          : []),
        ...(bid ? [`  bid of ${bid.provider}: ${bid.revealed ? formatAmount(bid.price) + " QUIV" : "sealed"}`] : []),
      ]);
    });

  job
    .command("list")
    .description("jobs from an id on (default: all), with their states")
    .option("--from <jobId>", "first job id", "1")
    .option("--limit <n>", "at most this many", "50")
    .action(async (opts: { from: string; limit: string }) => {
      const c = ctx();
      const from = uintArg(opts.from, "from");
      const limit = Number(uintArg(opts.limit, "limit"));
      const { q } = await marketFor(c, false);
      const jobs = await readJobs(q.marketplace, from, limit);
      c.print(jobs, (r) =>
        r.length
          ? r.map((j) => `${j.jobId}\t${j.state}\tmax ${formatAmount(j.maxPrice)}\ttier>=${j.minTier}`)
          : ["no jobs"],
      );
    });

  job
    .command("bids")
    .description("the revealed bids of a job, lowest first")
    .argument("<jobId>")
    .action(async (id: string) => {
      const c = ctx();
      const jobId = uintArg(id, "jobId");
      const { q } = await marketFor(c, false);
      await existingJob(q, jobId);
      const bids = await readRevealedBids(q.marketplace, jobId);
      c.print(bids, (r) =>
        r.length ? r.map((b) => `${b.provider}\t${formatAmount(b.price)} QUIV`) : ["no revealed bids"],
      );
    });

  job
    .command("stats")
    .description("marketplace totals and the economy metrics")
    .action(async () => {
      const c = ctx();
      const { q } = await marketFor(c, false);
      const [totals, metrics] = await Promise.all([readMarketTotals(q.marketplace), readMetrics(q.metrics)]);
      c.print({ ...totals, metrics }, (r) => [
        `jobs ${r.jobCount} (${r.openJobs} open), escrow ${formatAmount(r.totalEscrowed)} QUIV`,
        `pending fees: network ${formatAmount(r.pendingNetworkFee)}, treasury ${formatAmount(r.pendingTreasuryFee)}, burn ${formatAmount(r.pendingBurn)} QUIV`,
        `TVL ${formatAmount(metrics.totalValueLocked)} QUIV, circulating ${formatAmount(metrics.circulatingSupply)}, burned ${formatAmount(metrics.burned)}`,
        `staking ratio ${metrics.stakingRatioBps} bps, validators ${metrics.activeValidators}, proposals ${metrics.governanceProposals}`,
      ]);
    });

  job
    .command("bid")
    .description("commit a sealed bid (price and salt are kept in the salt store for the reveal)")
    .argument("<jobId>")
    .argument("<price>", "price in QUIV (or wei with --wei)")
    .option("--wei", "the price is in wei")
    .option("--salt-store <file>", "salt store (default $KIT_SALT_STORE or ~/.kit/salts-chain-<id>.json)")
    .action(async (id: string, price: string, opts: AmountOpts & { saltStore?: string }) => {
      const c = ctx();
      const jobId = uintArg(id, "jobId");
      const value = amountArg(price, opts);
      if (value === 0n) throw new InvalidArgumentError("price must be positive");
      const signer = await c.signer();
      const { addresses } = await marketFor(c, false);
      const store = await saltStoreFor(c, opts.saltStore);
      const from = await signer.getAddress();
      const { receipt, commitment } = await sendWithProgress(c, `commit bid on job ${jobId}`, (o) =>
        commitBid(signer, addresses.marketplace, jobId, value, store, o),
      );
      c.print(txJson("commitBid", from, receipt, { jobId, price: value, commitment, saltStore: store.file }), (r) => [
        `committed a sealed bid of ${formatAmount(value)} QUIV on job ${jobId} in ${r.hash}`,
      ]);
    });

  job
    .command("reveal")
    .description("reveal your sealed bid (from the salt store) after the bid deadline")
    .argument("<jobId>")
    .option("--salt-store <file>", "salt store used by `job bid`")
    .action(async (id: string, opts: { saltStore?: string }) => {
      const c = ctx();
      const jobId = uintArg(id, "jobId");
      const signer = await c.signer();
      const { addresses } = await marketFor(c, false);
      const store = await saltStoreFor(c, opts.saltStore);
      const from = await signer.getAddress();
      const { receipt, price } = await sendWithProgress(c, `reveal bid on job ${jobId}`, (o) =>
        revealBid(signer, addresses.marketplace, jobId, store, o),
      );
      c.print(txJson("revealBid", from, receipt, { jobId, price }), (r) => [
        `revealed ${formatAmount(price)} QUIV on job ${jobId} in ${r.hash}`,
      ]);
    });

  job
    .command("accept")
    .description(
      "after the reveal window ends, accept a revealed bid: its price moves into escrow (approves exactly it, or signs a permit with --permit)",
    )
    .argument("<jobId>")
    .argument("<provider>", "provider whose bid to accept")
    .option("--permit", "pay through an EIP-2612 permit instead of an approval")
    .action(async (id: string, who: string, opts: { permit?: boolean }) => {
      const c = ctx();
      const jobId = uintArg(id, "jobId");
      const provider = parseAddress(who, "provider");
      const signer = await c.signer();
      const { q, addresses } = await marketFor(c, false);
      const from = await signer.getAddress();
      const now = await chainTime(await c.provider());
      const job = await existingJob(q, jobId);
      if (job.state === "Bidding" || job.state === "Revealing") {
        // The marketplace would revert with MarketUnexpectedState; say when accepting becomes possible instead.
        throw new KitError(
          `job ${jobId} is ${job.state}: bids can be accepted after the reveal window ends at ${formatTime(job.revealDeadline, now)}`,
          { details: { jobId, state: job.state, revealDeadline: job.revealDeadline, now } },
        );
      }
      const bid = await readBid(q.marketplace, jobId, provider);
      const receipt = await sendWithProgress(c, `accept ${provider} on job ${jobId}`, async (o) => {
        if (opts.permit) {
          const deadline = (await chainTime(await c.provider())) + 3_600n;
          return acceptBidWithPermit(signer, addresses.marketplace, addresses.quiv, jobId, provider, deadline, o);
        }
        const accept = buildAccept(addresses.marketplace, jobId, provider);
        return sendWithAllowance(signer, addresses.quiv, bid.price, accept, o);
      });
      c.print(txJson("accept", from, receipt, { jobId, provider, price: bid.price }), (r) => [
        `accepted ${provider} at ${formatAmount(bid.price)} QUIV for job ${jobId} in ${r.hash}`,
      ]);
    });

  job
    .command("submit")
    .description("submit the output and receipt hashes of an accepted job (provider)")
    .argument("<jobId>")
    .requiredOption("--output <text|hash>", "output (text is hashed) or 32-byte hash")
    .requiredOption("--receipt <text|hash>", "receipt (text is hashed) or 32-byte hash")
    .action(async (id: string, opts: { output: string; receipt: string }) => {
      const c = ctx();
      const jobId = uintArg(id, "jobId");
      const outputHash = hashArg(opts.output, "output");
      const receiptHash = hashArg(opts.receipt, "receipt");
      const signer = await c.signer();
      const { addresses } = await marketFor(c, false);
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, `submit job ${jobId}`, (o) =>
        send(signer, buildSubmit(addresses.marketplace, jobId, outputHash, receiptHash), o),
      );
      c.print(txJson("submit", from, receipt, { jobId, outputHash, receiptHash }), (r) => [
        `submitted job ${jobId} in ${r.hash}`,
      ]);
    });

  const actions: [string, JobAction, string][] = [
    ["confirm", "confirm", "confirm a submitted job: pays the provider and accrues the fee legs (consumer)"],
    ["release", "release", "release a job after its review window (anyone)"],
    ["refund", "refundExpired", "refund an expired or lapsed job to its consumer (anyone)"],
    ["cancel", "cancel", "cancel a job before any bid is accepted (consumer)"],
  ];
  for (const [name, action, description] of actions) {
    job
      .command(name)
      .description(description)
      .argument("<jobId>")
      .action(async (id: string) => {
        const c = ctx();
        const jobId = uintArg(id, "jobId");
        const signer = await c.signer();
        const { q, addresses } = await marketFor(c, false);
        const from = await signer.getAddress();
        const receipt = await sendWithProgress(c, `${name} job ${jobId}`, (o) =>
          send(signer, buildJobAction(addresses.marketplace, action, jobId), o),
        );
        const legs = await readReceipt(q.marketplace, jobId);
        const settled = action === "confirm" || action === "release";
        c.print(txJson(action, from, receipt, { jobId, ...(settled ? { receipt: legs } : {}) }), (r) => [
          `${name} job ${jobId} in ${r.hash}`,
          ...(settled
            ? [
                `  provider reward ${formatAmount(legs.providerReward)}, network fee ${formatAmount(legs.networkFee)}, ` +
                  `treasury fee ${formatAmount(legs.treasuryFee)}, burned ${formatAmount(legs.burned)} QUIV`,
              ]
            : []),
        ]);
      });
  }

  job
    .command("flush-fees")
    .description("move the accrued fees: network fee to stakers, treasury fee to the Treasury, burn the rest")
    .action(async () => {
      const c = ctx();
      const signer = await c.signer();
      const { q, addresses } = await marketFor(c, false);
      const before = await readMarketTotals(q.marketplace);
      const from = await signer.getAddress();
      const receipt = await sendWithProgress(c, "flush fees", (o) =>
        send(signer, buildFlushFees(addresses.marketplace), o),
      );
      c.print(
        txJson("flushFees", from, receipt, {
          networkFee: before.pendingNetworkFee,
          treasuryFee: before.pendingTreasuryFee,
          burned: before.pendingBurn,
        }),
        (r) => [
          `flushed ${formatAmount(before.pendingNetworkFee)} to stakers, ${formatAmount(before.pendingTreasuryFee)} to the treasury, burned ${formatAmount(before.pendingBurn)} QUIV in ${r.hash}`,
        ],
      );
    });
}
