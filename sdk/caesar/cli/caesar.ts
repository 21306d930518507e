/**
 * `kit caesar …`: balances (with `--at` a future date), transfer quotes, transfers, settling, agents, signed payment
 * authorizations (sign, relay), the distributor's epochs and claims. Every command takes `--json` (one document);
 * reverts are decoded; bad input exits 2.
 */
import type { Command } from "commander";
import { registerStakedVotesCommands } from "../../cli/stakedVotes";
import type { Signer, TransactionReceipt } from "ethers";
import { InvalidArgumentError, InvariantError, formatAmount, parseAddress } from "../../kit/core";
import { send, type SendOptions, type WriteName, type WriteRequest } from "../../kit/tx";
import { addressOf } from "../../kit/chain";
import { readTextFile } from "../../kit/node/store";
import type { CliContext } from "../../cli/context";
import {
  accountArg,
  amountArg,
  durationArg,
  sendWithProgress,
  txJson,
  uintArg,
  type AmountOpts,
} from "../../cli/helpers";
import {
  addAgentStake,
  buildCaesarTransfer,
  buildDistribute,
  buildExitAgent,
  buildInvalidateNonces,
  buildSettle,
  buildSetProfile,
  buildSweep,
  buildSyncPool,
  buildDelegateWrapped,
  buildRefreshFactors,
  buildRefreshParameters,
  buildReportAccuracy,
  buildUnwrap,
  buildWithdrawWrapped,
  wrap,
  wrapResult,
  wrapShares,
  buildTransferAll,
  buildUnbondAgent,
  buildWithdrawAgent,
  claimEpoch,
  caesarStatus,
  connectCaesar,
  nonceSlot,
  parseAuthorization,
  quoteTransfer,
  quoteRelayed,
  randomNonce,
  readAgent,
  readBalance,
  readClaimable,
  readEpoch,
  readProcessorDomain,
  registerAgent,
  serializeAuthorization,
  signAuthorization,
  submitAuthorizations,
  AuthorizationError,
  type CaesarContracts,
  type SignedAuthorization,
  type RelayedQuote,
  readMatrix,
  readRegionalQuote,
  readAssets,
  readAssetDetails,
  quoteRegional,
  buildStabilityUpdate,
  connectCaesarStability,
  readStability,
  buildGatePoke,
  buildQueueCancel,
  buildQueueExecute,
  buildQueueRefund,
  connectCaesarGate,
  marketTrade,
  MAX_QUEUE_READ,
  readGate,
  readQueue,
} from "..";

const SYMBOL = "CAESAR";

/** The CAESAR contracts of the deployment, on the provider (reads) or the signer (writes), and their addresses. */
export async function caesarFor(c: CliContext, signing: boolean) {
  const book = await c.addressBook();
  const contracts: CaesarContracts = connectCaesar(book, signing ? await c.signer() : await c.provider());
  const addresses = {
    caesar: addressOf(book, "caesar"),
    agents: addressOf(book, "agents"),
    distributor: addressOf(book, "distributor"),
    processor: addressOf(book, "processor"),
    wrapper: addressOf(book, "wrapper"),
  };
  return { book, contracts, addresses, expected: { chainId: book.chainId, verifyingContract: addresses.processor } };
}

type Addresses = Awaited<ReturnType<typeof caesarFor>>["addresses"];

/**
 * A `--at` argument: unix seconds or an ISO date (`2027-01-01`, `2027-01-01T12:00:00Z`).
 *
 * @example
 * atArg("2027-01-01"); // 1798761600n
 */
export function atArg(value: string): bigint {
  if (/^[0-9]+$/.test(value)) return BigInt(value);
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw new InvalidArgumentError(`--at must be unix seconds or an ISO date (2027-01-01), not "${value}"`);
  }
  return BigInt(Math.floor(ms / 1000));
}

/** `value` if it is not zero, else {@link InvalidArgumentError} (the wrapper refuses to move nothing). */
/** A queue entry id: a positive integer. */
function entryIdArg(id: string): bigint {
  if (!/^[0-9]+$/.test(id) || BigInt(id) === 0n)
    throw new InvalidArgumentError(`entry id must be a positive integer, got ${id}`);
  return BigInt(id);
}

function positive(value: bigint, what: string): bigint {
  if (value === 0n) throw new InvalidArgumentError(`${what} must be more than 0`);
  return value;
}

/** How a relayed quote's regional modifier is shown. */
function relayedNote(r: RelayedQuote): string {
  return ` relayed (region ${r.payerRegion} from ${r.agentRegion}: modifier ${r.regionalBps} bps)`;
}

function regionArg(value: string): number {
  const v = uintArg(value, "region");
  if (v > 65_535n) throw new InvalidArgumentError(`region must be 0..65535, not ${v}`);
  return Number(v);
}

/**
 * Signed authorizations from text: one JSON document (`kit caesar authorize` output) or JSON lines (a batch file).
 * Throws {@link InvalidArgumentError} naming the line of a bad one.
 */
export function parseAuthorizations(text: string, what: string): SignedAuthorization[] {
  const trimmed = text.trim();
  if (trimmed === "") throw new InvalidArgumentError(`${what} holds no authorization`);
  const lines = trimmed.startsWith("{") && trimmed.includes("\n{") ? trimmed.split("\n") : [trimmed];
  return lines
    .map((l, i) => ({ l: l.trim(), i }))
    .filter(({ l }) => l !== "")
    .map(({ l, i }) => {
      try {
        return parseAuthorization(l);
      } catch (cause) {
        const msg = cause instanceof AuthorizationError ? cause.shortMessage : (cause as Error).message;
        throw new InvalidArgumentError(`${what} line ${i + 1}: ${msg}`, { cause });
      }
    });
}

/** `kit caesar …` */
export function registerCaesar(program: Command, ctx: () => CliContext): void {
  const cmd = program.command("caesar").description("CAESAR: demurrage currency, relayed payments, agents, epochs");

  cmd
    .command("balance")
    .description("a CAESAR balance with today's demurrage applied; --at projects it to a later date")
    .argument("[account]", "address (default: the signer's)")
    .option("--at <date>", "unix seconds or an ISO date: the balance then if it does not move")
    .action(async (account: string | undefined, opts: { at?: string }) => {
      const c = ctx();
      const who = await accountArg(c, account, "account");
      const at = opts.at === undefined ? undefined : atArg(opts.at);
      const { contracts } = await caesarFor(c, false);
      const b = await readBalance(contracts.caesar, contracts.registry, who, at);
      c.print(b, (r) => [
        `${r.account} (${r.kind}): ${formatAmount(r.balance)} ${SYMBOL} on day ${r.day}`,
        ...(r.balanceAt === undefined ? [] : [`on day ${r.atDay}: ${formatAmount(r.balanceAt)} ${SYMBOL}`]),
      ]);
    });

  cmd
    .command("quote")
    .description("what a transfer costs in this block: fee, rapid-trade penalty, settled demurrage, net received")
    .argument("<to>", "receiver")
    .argument("<amount>", `amount in ${SYMBOL}, or wei with --wei`)
    .option("--from <address>", "payer (default: the signer's)")
    .option("--wei", "the amount is in wei")
    .option("--region <id>", "quote a relayed payment: the payer's region (with --agent-region)")
    .option("--agent-region <id>", "quote a relayed payment: the relaying agent's region (default 0)")
    .action(
      async (
        to: string,
        amount: string,
        opts: AmountOpts & { from?: string; region?: string; agentRegion?: string },
      ) => {
        const c = ctx();
        const value = amountArg(amount, opts);
        const receiver = parseAddress(to, "to");
        const from = await accountArg(c, opts.from, "--from");
        const { contracts } = await caesarFor(c, false);
        const relayed = opts.region !== undefined || opts.agentRegion !== undefined;
        const q = relayed
          ? await quoteRelayed(
              contracts.caesar,
              contracts.processor,
              from,
              receiver,
              value,
              regionArg(opts.region ?? "0"),
              regionArg(opts.agentRegion ?? "0"),
            )
          : await quoteTransfer(contracts.caesar, from, receiver, value);
        c.print(q, (r) => [
          `transfer ${formatAmount(r.amount)} ${SYMBOL} ${r.from} -> ${r.to}` +
            (relayed ? relayedNote(r as RelayedQuote) : ""),
          `fee       ${formatAmount(r.fee)} ${SYMBOL}`,
          `penalty   ${formatAmount(r.penalty)} ${SYMBOL}`,
          `demurrage ${formatAmount(r.demurrage)} ${SYMBOL} (the payer's decay, settled by moving)`,
          `received  ${formatAmount(r.net)} ${SYMBOL}`,
        ]);
      },
    );

  /**
   * Runs a flow from the signer (one send, or an approval and a send), then prints its transaction: `--json` the
   * action, the sender, `extra` and the receipt's hash, block and gas.
   */
  const run = async <E extends Record<string, unknown>>(
    label: string,
    flow: (
      signer: Signer,
      a: Addresses,
      o: SendOptions,
    ) => Promise<{ receipt: TransactionReceipt; action: string; extra: E }>,
    text: (x: E & { hash: string }) => string | readonly string[],
  ) => {
    const c = ctx();
    const { addresses } = await caesarFor(c, true);
    const signer = await c.signer();
    const from = await signer.getAddress();
    const r = await sendWithProgress(c, label, (o) => flow(signer, addresses, o));
    c.print(txJson(r.action, from, r.receipt, r.extra), (x) => [text(x)].flat());
  };

  /** Sends one request from the signer and prints the transaction. */
  const act = <C, F extends WriteName<C>>(
    label: string,
    extra: Record<string, unknown>,
    request: (a: Addresses) => WriteRequest<C, F>,
    text: (hash: string) => string,
  ) =>
    run(
      label,
      async (signer, a, o) => {
        const r = request(a);
        return { receipt: await send(signer, r, o), action: String(r.functionName), extra };
      },
      (x) => text(x.hash),
    );

  cmd
    .command("transfer")
    .alias("send")
    .description("transfer CAESAR (fee and penalty come out of the amount: see `caesar quote`)")
    .argument("<to>", "receiver")
    .argument("<amount>", `amount in ${SYMBOL}, or wei with --wei`)
    .option("--wei", "the amount is in wei")
    .action(async (to: string, amount: string, opts: AmountOpts) => {
      const value = amountArg(amount, opts);
      const receiver = parseAddress(to, "to");
      await act(
        `transfer ${formatAmount(value)} ${SYMBOL}`,
        { to: receiver, amount: value },
        (a) => buildCaesarTransfer(a.caesar, receiver, value),
        (h) => `transferred ${formatAmount(value)} ${SYMBOL} to ${receiver} in ${h}`,
      );
    });

  cmd
    .command("transfer-all")
    .alias("send-all")
    .description("send the whole balance (the fee is taken from it; the receiver gets the net)")
    .argument("<to>", "receiver")
    .action(async (to: string) => {
      const receiver = parseAddress(to, "to");
      await act(
        `transfer all to ${receiver}`,
        { to: receiver },
        (a) => buildTransferAll(a.caesar, receiver),
        (h) => `transferred the whole balance to ${receiver} in ${h}`,
      );
    });

  cmd
    .command("settle")
    .description("move the accrued demurrage to the fee distributor (anyone)")
    .action(async () => {
      await act(
        "settle",
        {},
        (a) => buildSettle(a.caesar),
        (h) => `settled in ${h}`,
      );
    });

  cmd
    .command("sync-pool")
    .description("apply a registered pool's decay and sync it (anyone, once a day)")
    .argument("<pool>", "pool address")
    .action(async (pool: string) => {
      const p = parseAddress(pool, "pool");
      await act(
        `sync ${p}`,
        { pool: p },
        (a) => buildSyncPool(a.caesar, p),
        (h) => `synced ${p} in ${h}`,
      );
    });

  const stability = cmd
    .command("stability")
    .description("the stability controller: PI state and outputs (show), or step it (update, anyone, hourly)");
  stability
    .command("show", { isDefault: true })
    .description("market and target price, deviation, integral, output, fee factor, bonus/penalty levels, demurrage")
    .action(async () => {
      const c = ctx();
      const s = await readStability(connectCaesarStability(await c.addressBook(), await c.provider()));
      c.print(s, (x) => [
        `stabilizer ${x.paused ? "paused" : "running"}; last update ${x.lastUpdate}, next from ${x.nextUpdateAt}`,
        `market ${formatAmount(x.marketPriceWad)} / target ${formatAmount(x.targetPriceWad)}: deviation ${x.deviationBps} bps`,
        `integral ${x.integral}, output ${x.outputWad} (WAD); fee stability factor ${x.factorBps} bps`,
        `buys: bonus ${x.buyBonusBps} / penalty ${x.buyPenaltyBps} bps; sells: bonus ${x.sellBonusBps} / penalty ${x.sellPenaltyBps} bps`,
        `demurrage (recommended) ${x.demurrageBps} bps per 30 days`,
      ]);
    });
  stability
    .command("update")
    .description("read the pool's TWAP and step the controller (anyone, once per update interval)")
    .action(async () => {
      const controller = addressOf(await ctx().addressBook(), "caesarStability");
      await act(
        "update the stability controller",
        { controller },
        () => buildStabilityUpdate(controller),
        (h) => `stability controller updated in ${h}`,
      );
    });

  stability
    .command("poke")
    .description("trip the gate's breaker (deviation at or beyond the blocking threshold) or re-arm it (anyone)")
    .action(async () => {
      const gate = addressOf(await ctx().addressBook(), "caesarGate");
      await act(
        "poke the stability gate's breaker",
        { gate },
        () => buildGatePoke(gate),
        (h) => `breaker poked in ${h}`,
      );
    });
  stability
    .command("gate")
    .description("the stability gate: pause flag, breaker, reserves beyond the escrow, escrow, queued entries")
    .action(async () => {
      const c = ctx();
      const g = await readGate(connectCaesarGate(await c.addressBook(), await c.provider()));
      c.print(g, (x) => [
        `gate ${x.paused ? "paused" : "running"}; breaker ${x.breakerTripped ? `tripped until ${x.breakerResetsAt}` : "not tripped"}, ${x.breakerArmed ? "armed" : "disarmed"}`,
        `reserve ${formatAmount(x.caesarReserve)} ${SYMBOL} + ${formatAmount(x.quoteReserve)} quote; escrow ${formatAmount(x.escrowCaesar)} ${SYMBOL} + ${formatAmount(x.escrowQuote)} quote`,
        `${x.entryCount} entries queued so far`,
      ]);
    });

  const queue = cmd
    .command("queue")
    .description("the stability gate's delay queue: list entries, execute, cancel or refund one");
  queue
    .command("list", { isDefault: true })
    .description("the newest entries with their states (Queued, Executable, Executed, Expired, Cancelled)")
    .option("--limit <n>", `entries to read (1..${MAX_QUEUE_READ})`, "50")
    .option("--trader <address>", "only this trader's entries")
    .action(async (opts: { limit: string; trader?: string }) => {
      const c = ctx();
      const gate = connectCaesarGate(await c.addressBook(), await c.provider());
      const trader = opts.trader === undefined ? undefined : parseAddress(opts.trader, "--trader");
      const entries = await readQueue(gate, { limit: Number(opts.limit), trader });
      c.print({ entries }, (x) =>
        x.entries.length === 0
          ? ["no entries"]
          : x.entries.map(
              (e) =>
                `#${e.id} ${e.state}${e.refunded ? " (refunded)" : ""} ${e.side} ${formatAmount(e.amountIn)} by ${e.trader} (min out ${formatAmount(e.minOut)}; executable ${e.executableAt}, expires ${e.expiresAt})`,
            ),
      );
    });
  for (const [name, what, build] of [
    ["execute", "execute an Executable entry (its trader)", buildQueueExecute],
    ["cancel", "cancel a Queued or Executable entry, refunding exactly its escrow (its trader)", buildQueueCancel],
    ["refund", "refund an Expired entry's escrow to its trader (anyone)", buildQueueRefund],
  ] as const) {
    queue
      .command(name)
      .description(what)
      .argument("<id>", "entry id")
      .action(async (id: string) => {
        const n = entryIdArg(id);
        const gate = addressOf(await ctx().addressBook(), "caesarGate");
        await act(
          `${name} queue entry #${n}`,
          { gate, id: n.toString() },
          () => build(gate, n),
          (h) => `entry #${n}: ${name} in ${h}`,
        );
      });
  }

  const market = cmd
    .command("market")
    .description("market trades through the stability gate (incentives; queued when destabilizing beyond the delay)");
  for (const side of ["buy", "sell"] as const) {
    market
      .command(side)
      .description(
        side === "buy"
          ? "buy CAESAR with <amount> quote tokens (approved to the gate first if needed)"
          : `sell <amount> ${SYMBOL} for quote tokens (approved to the gate first if needed)`,
      )
      .argument(
        "<amount>",
        side === "buy" ? "quote tokens in (18 decimals), or wei with --wei" : `${SYMBOL} in, or wei with --wei`,
      )
      .option("--min-out <amount>", "least output (same unit rules)", "0")
      .option("--deadline-in <seconds>", "deadline from now", "600")
      .option("--wei", "amounts are in wei")
      .action(async (amount: string, opts: AmountOpts & { minOut: string; deadlineIn: string }) => {
        const value = positive(amountArg(amount, opts), "amount");
        const minOut = amountArg(opts.minOut, opts);
        const c = ctx();
        const book = await c.addressBook();
        const gateAddress = addressOf(book, "caesarGate");
        const gate = connectCaesarGate(book, await c.provider());
        const quote = await gate.quote();
        const block = await (await c.provider()).getBlock("latest");
        const deadline = BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000)) + BigInt(opts.deadlineIn);
        await run(
          `market ${side} ${amount}`,
          async (signer, a, o) => {
            const r = await marketTrade(
              signer,
              { gate: gateAddress, caesar: a.caesar, quote },
              side,
              value,
              minOut,
              deadline,
              o,
            );
            const extra: Record<string, unknown> = { gate: gateAddress, side, amountIn: value.toString() };
            if (r.queuedId !== undefined) extra.queuedId = r.queuedId.toString();
            else {
              extra.amountOut = String(r.amountOut);
              extra.bonus = String(r.bonus);
              extra.penalty = String(r.penalty);
            }
            return { receipt: r.receipt, action: side, extra };
          },
          (x) =>
            x.queuedId !== undefined
              ? `${side} queued as entry #${String(x.queuedId)} (destabilizing beyond the delay threshold) in ${x.hash}`
              : `${side}: received ${formatAmount(BigInt(String(x.amountOut)))} (bonus ${formatAmount(BigInt(String(x.bonus)))} ${SYMBOL}, penalty ${formatAmount(BigInt(String(x.penalty)))}) in ${x.hash}`,
        );
      });
  }

  cmd
    .command("refresh")
    .description("re-read the registry parameters and the fee factors into the token (anyone)")
    .action(async () => {
      await act(
        "refresh parameters",
        {},
        (a) => buildRefreshParameters(a.caesar),
        (h) => `parameters refreshed in ${h}`,
      );
      await act(
        "refresh factors",
        {},
        (a) => buildRefreshFactors(a.caesar),
        (h) => `factors refreshed in ${h}`,
      );
    });

  cmd
    .command("wrap")
    .description(
      "wrap CAESAR into wCAESAR, the governor's votes (still decays): an amount of CAESAR (deposit), or with --shares " +
        "exactly that many shares (mint, assets rounded up); approves exactly what is pulled, nothing left on failure",
    )
    .argument("<amount>", `amount in ${SYMBOL} (wei with --wei), or with --shares wCAESAR shares (wei, 21 decimals)`)
    .option("--wei", "the amount is in wei")
    .option("--shares", "the amount is the wCAESAR shares to mint")
    .action(async (amount: string, opts: AmountOpts & { shares?: boolean }) => {
      const value = opts.shares
        ? positive(uintArg(amount, "shares"), "shares")
        : positive(amountArg(amount, opts), "amount");
      const label = opts.shares ? `wrap into ${value} shares` : `wrap ${formatAmount(value)} ${SYMBOL}`;
      await run(
        label,
        async (signer, a, o) => {
          const r = opts.shares
            ? await wrapShares(signer, a, value, o)
            : wrapResult(await wrap(signer, a, value, o), a.wrapper, "Deposit");
          return {
            receipt: r.receipt,
            action: opts.shares ? "mint" : "deposit",
            extra: { assets: r.assets, shares: r.shares },
          };
        },
        (x) => `wrapped ${formatAmount(x.assets)} ${SYMBOL} into ${x.shares} shares in ${x.hash}`,
      );
    });

  cmd
    .command("unwrap")
    .description(
      "unwrap wCAESAR into CAESAR: shares (wei of shares, redeem), or with --assets exactly that amount of CAESAR " +
        "(withdraw, shares burned rounded up)",
    )
    .argument("<amount>", `shares (wei, 21 decimals), or with --assets an amount in ${SYMBOL} (wei with --wei)`)
    .option("--assets", "the amount is the CAESAR to receive")
    .option("--wei", "with --assets: the amount is in wei")
    .action(async (amount: string, opts: AmountOpts & { assets?: boolean }) => {
      if (opts.wei && !opts.assets) throw new InvalidArgumentError("--wei goes with --assets (shares are always wei)");
      const value = opts.assets
        ? positive(amountArg(amount, opts), "amount")
        : positive(uintArg(amount, "shares"), "shares");
      const label = opts.assets ? `unwrap ${formatAmount(value)} ${SYMBOL}` : `unwrap ${value} shares`;
      await run(
        label,
        async (signer, a, o) => {
          const owner = await signer.getAddress();
          const request = opts.assets
            ? buildWithdrawWrapped(a.wrapper, value, owner)
            : buildUnwrap(a.wrapper, value, owner);
          const r = wrapResult(await send(signer, request, o), a.wrapper, "Withdraw");
          return { receipt: r.receipt, action: request.functionName, extra: { assets: r.assets, shares: r.shares } };
        },
        (x) => `unwrapped ${x.shares} shares into ${formatAmount(x.assets)} ${SYMBOL} in ${x.hash}`,
      );
    });

  cmd
    .command("delegate")
    .description("delegate your wCAESAR votes (to yourself to vote)")
    .argument("<delegatee>", "address")
    .action(async (delegatee: string) => {
      const d = parseAddress(delegatee, "delegatee");
      await act(
        `delegate to ${d}`,
        { delegatee: d },
        (a) => buildDelegateWrapped(a.wrapper, d),
        (h) => `delegated in ${h}`,
      );
    });

  cmd
    .command("report-accuracy")
    .description("as the reporter (REPORTER_ROLE): an agent's accuracy in an epoch, in bps of 1.0")
    .argument("<agent>", "agent address")
    .argument("<epoch>", "epoch number")
    .argument("<bps>", "accuracy, 0..10000")
    .action(async (agent: string, epoch: string, bps: string) => {
      const a0 = parseAddress(agent, "agent");
      const e = uintArg(epoch, "epoch");
      const b = uintArg(bps, "bps");
      if (b > 10_000n) throw new InvalidArgumentError(`accuracy must be at most 10000 bps, not ${b}`);
      await act(
        `report ${a0} epoch ${e}`,
        { agent: a0, epoch: e, accuracyBps: b },
        (a) => buildReportAccuracy(a.distributor, a0, e, b),
        (h) => `reported ${b} bps for ${a0} in epoch ${e} in ${h}`,
      );
    });

  cmd
    .command("distribute")
    .description("settle the accrual and split what the distributor received 70/20/5/5 (anyone)")
    .action(async () => {
      await act(
        "distribute",
        {},
        (a) => buildDistribute(a.distributor),
        (h) => `distributed in ${h}`,
      );
    });

  cmd
    .command("authorize")
    .description("sign a payment intent for any agent to relay (one JSON document on stdout; redirect it to a file)")
    .argument("<to>", "receiver")
    .argument("<amount>", `amount in ${SYMBOL}, or wei with --wei`)
    .option("--wei", "amounts are in wei")
    .option("--max-fee <amount>", "most fee + penalty you accept (default: twice today's quote)")
    .option("--valid-for <duration>", "validity from now (seconds or 90m, 6h, 7d)", "1d")
    .option("--region <n>", "your region (agents nearer earn more)", "0")
    .option("--nonce <n>", "nonce (default: random 256-bit)")
    .action(
      async (
        to: string,
        amount: string,
        opts: AmountOpts & { maxFee?: string; validFor: string; region: string; nonce?: string },
      ) => {
        const c = ctx();
        const value = amountArg(amount, opts);
        const receiver = parseAddress(to, "to");
        const validFor = durationArg(opts.validFor, "valid-for");
        const region = regionArg(opts.region);
        const nonce = opts.nonce === undefined ? randomNonce() : uintArg(opts.nonce, "nonce");
        const { contracts, expected } = await caesarFor(c, true);
        const signer = await c.signer();
        const from = await signer.getAddress();
        let maxFee: bigint;
        if (opts.maxFee !== undefined) maxFee = amountArg(opts.maxFee, opts);
        else {
          // twice the neutral fee covers the fee at any regional modifier (at most 2.0), whichever agent relays
          const q = await quoteTransfer(contracts.caesar, from, receiver, value);
          maxFee = 2n * (q.fee + q.penalty);
        }
        const block = await (await c.provider()).getBlock("latest");
        const now = BigInt(block!.timestamp);
        const actual = await readProcessorDomain(contracts.processor);
        // Refuses (exit 1) when the chain's processor is not the address book's (another chain or contract).
        const sa = await signAuthorization(
          signer,
          { from, to: receiver, amount: value, maxFee, nonce, validAfter: 0n, validBefore: now + validFor, region },
          { expected, actual },
        );
        // The document is the authorization itself in both modes, so `> file` gives a file `caesar relay` reads.
        c.io.stdout(serializeAuthorization(sa) + "\n");
      },
    );

  /** `caesar relay` and `caesar agent process`: submits authorization files as the signer (a registered agent). */
  const relay = async (files: string[]) => {
    const batch = files.flatMap((f) => parseAuthorizations(readTextFile(f, "authorization file"), f));
    await run(
      `relay ${batch.length} authorization(s)`,
      async (signer, a, o) => {
        const r = await submitAuthorizations(signer, a.processor, batch, o);
        const action = batch.length === 1 ? "process" : "processBatch";
        return {
          receipt: r.receipt,
          action,
          extra: { processed: r.processed, points: r.points, outcomes: r.outcomes },
        };
      },
      (x) => [
        `relayed ${x.processed} of ${batch.length} (${x.points} points) in ${x.hash}`,
        ...x.outcomes.filter((o) => !o.processed).map((o) => `  skipped ${o.from} nonce ${o.nonce}: ${o.reason}`),
      ],
    );
  };
  const RELAY = "submit signed authorizations as a registered agent: one file, or a JSON-lines batch file";
  const FILES = "authorization files (`caesar authorize` output, or JSON lines)";
  cmd.command("relay").description(RELAY).argument("<files...>", FILES).action(relay);

  cmd
    .command("cancel-nonce")
    .description("invalidate one of your authorization nonces (an intent you signed and no longer want relayed)")
    .argument("<nonce>", "the nonce")
    .action(async (nonce: string) => {
      const n = uintArg(nonce, "nonce");
      const { word, bit } = nonceSlot(n);
      await act(
        `cancel nonce ${n}`,
        { nonce: n, word, mask: bit },
        (a) => buildInvalidateNonces(a.processor, word, bit),
        (h) => `nonce ${n} invalidated in ${h}`,
      );
    });

  cmd
    .command("epoch")
    .description("the distributor's epoch (default: the current one), with --agent its points and claimable reward")
    .argument("[epoch]", "epoch number")
    .option("--agent <address>", "an agent's points and claimable reward")
    .action(async (epoch: string | undefined, opts: { agent?: string }) => {
      const c = ctx();
      const n = epoch === undefined ? undefined : uintArg(epoch, "epoch");
      const agent = opts.agent === undefined ? undefined : parseAddress(opts.agent, "--agent");
      const { contracts } = await caesarFor(c, false);
      const e = await readEpoch(contracts.distributor, n);
      const a = agent === undefined ? undefined : await readClaimable(contracts.distributor, agent, e.epoch);
      c.print({ ...e, ...(a ? { agent: a } : {}) }, (r) => [
        `epoch ${r.epoch} (${r.length} s): pot ${formatAmount(r.pot)} ${SYMBOL}, paid ${formatAmount(r.paid)}, ` +
          `${r.rewarded} agents rewarded, ${r.claimed} claimed; claims open at ${r.claimOpensAt}`,
        ...(a ? [`${a.agent}: ${a.points} points, claimable ${formatAmount(a.claimable)} ${SYMBOL}`] : []),
      ]);
    });

  /** `caesar claim` and `caesar agent claim`: the signer's reward of an ended epoch. */
  const claim = async (epoch: string) => {
    const n = uintArg(epoch, "epoch");
    await run(
      `claim epoch ${n}`,
      async (signer, a, o) => {
        const r = await claimEpoch(signer, a.distributor, n, o);
        return { receipt: r.receipt, action: "claim", extra: { epoch: n, amount: r.amount } };
      },
      (x) => `claimed ${formatAmount(x.amount)} ${SYMBOL} of epoch ${n} in ${x.hash}`,
    );
  };
  const CLAIM = "claim your agent reward of an ended epoch";
  cmd.command("claim").description(CLAIM).argument("<epoch>", "epoch number").action(claim);

  cmd
    .command("sweep")
    .description("send an epoch's dust to the reserve once every rewarded agent claimed (anyone)")
    .argument("<epoch>", "epoch number")
    .action(async (epoch: string) => {
      const n = uintArg(epoch, "epoch");
      await act(
        `sweep epoch ${n}`,
        { epoch: n },
        (a) => buildSweep(a.distributor, n),
        (h) => `swept in ${h}`,
      );
    });

  cmd
    .command("status")
    .description("the CAESAR deployment: supply, accrued demurrage, the distributor's epoch and pot, the agents")
    .action(async () => {
      const c = ctx();
      const s = await caesarStatus(await c.addressBook(), await c.provider());
      c.print(s.data, () => [...s.lines]);
    });

  const agent = cmd
    .command("agent")
    .description("processing agents: register, stake, unbond, withdraw, status (show), process (relay), claim");
  agent.command("process").description(RELAY).argument("<files...>", FILES).action(relay);
  agent.command("claim").description(CLAIM).argument("<epoch>", "epoch number").action(claim);
  registerStakedVotesCommands(agent, ctx, {
    group: "caesar agent",
    what: "your staked CAESAR (CaesarAgents' staked votes; not a governor source)",
    staking: async (c) => addressOf(await c.addressBook(), "agents"),
  });

  agent
    .command("register")
    .description("register as a processing agent with a stake (approves the exact amount; none left on failure)")
    .argument("<stake>", `stake in ${SYMBOL}, or wei with --wei`)
    .option("--wei", "the amount is in wei")
    .option("--region <n>", "your region", "0")
    .option("--endpoint <url>", "where payers reach you", "")
    .action(async (stake: string, opts: AmountOpts & { region: string; endpoint: string }) => {
      const value = amountArg(stake, opts);
      const region = regionArg(opts.region);
      const endpoint = opts.endpoint;
      await run(
        `register agent with ${formatAmount(value)} ${SYMBOL}`,
        async (signer, a, o) => ({
          receipt: await registerAgent(signer, a, { region, endpoint, amount: value }, o),
          action: "register",
          extra: { stake: value, region, endpoint },
        }),
        (x) => `registered in region ${region} with ${formatAmount(value)} ${SYMBOL} in ${x.hash}`,
      );
    });

  agent
    .command("stake")
    .description("add to your agent stake (approves the exact amount; none left on failure)")
    .argument("<amount>", `amount in ${SYMBOL}, or wei with --wei`)
    .option("--wei", "the amount is in wei")
    .action(async (amount: string, opts: AmountOpts) => {
      const value = amountArg(amount, opts);
      await run(
        `stake ${formatAmount(value)} ${SYMBOL}`,
        async (signer, a, o) => ({
          receipt: await addAgentStake(signer, a, value, o),
          action: "addStake",
          extra: { amount: value },
        }),
        (x) => `staked ${formatAmount(value)} ${SYMBOL} in ${x.hash}`,
      );
    });

  agent
    .command("profile")
    .description("change your region and endpoint")
    .requiredOption("--region <n>", "your region")
    .requiredOption("--endpoint <url>", "where payers reach you")
    .action(async (opts: { region: string; endpoint: string }) => {
      const region = regionArg(opts.region);
      await act(
        "set profile",
        { region, endpoint: opts.endpoint },
        (a) => buildSetProfile(a.agents, region, opts.endpoint),
        (h) => `profile set in ${h}`,
      );
    });

  agent
    .command("unbond")
    .description("start unbonding stake (base units, see `agent show`; --all for everything)")
    .argument("[base]", "base units to unbond")
    .option("--all", "unbond the whole stake (exit)")
    .action(async (base: string | undefined, opts: { all?: boolean }) => {
      if (opts.all) {
        await act(
          "exit",
          {},
          (a) => buildExitAgent(a.agents),
          (h) => `unbonding the whole stake in ${h}`,
        );
        return;
      }
      if (base === undefined) throw new InvalidArgumentError("give the base units to unbond, or --all");
      const b = uintArg(base, "base");
      await act(
        `unbond ${b}`,
        { base: b },
        (a) => buildUnbondAgent(a.agents, b),
        (h) => `unbonding ${b} in ${h}`,
      );
    });

  agent
    .command("withdraw")
    .description("withdraw an unlocked unbonding (its index in `agent show`)")
    .argument("<index>", "unbonding index")
    .action(async (index: string) => {
      const i = uintArg(index, "index");
      await act(
        `withdraw ${i}`,
        { index: i },
        (a) => buildWithdrawAgent(a.agents, i),
        (h) => `withdrawn in ${h}`,
      );
    });

  agent
    .command("show")
    .alias("status")
    .description("an agent's registration, stake and unbondings")
    .argument("[address]", "agent (default: the signer's)")
    .action(async (address: string | undefined) => {
      const c = ctx();
      const who = await accountArg(c, address, "agent");
      const { contracts } = await caesarFor(c, false);
      const a = await readAgent(contracts.agents, who);
      c.print(a, (r) => [
        `${r.agent}: ${r.registered ? (r.active ? "active" : "registered, inactive") : "not registered"}` +
          (r.registered ? `, region ${r.region}, endpoint ${r.endpoint || "-"}` : ""),
        `stake ${formatAmount(r.bondedWei)} ${SYMBOL} (${r.bondedBase} base)`,
        ...r.unbondings.map((u) => `  unbonding #${u.index}: ${u.base} base, unlocks at ${u.unlockAt}`),
      ]);
    });

  registerRegions(cmd, ctx);
  registerAssets(cmd, ctx);
}

/** `kit caesar assets list|show`: the asset registry (governance and the guardian Safe change it). */
function registerAssets(cmd: Command, ctx: () => CliContext): void {
  const assets = cmd.command("assets").description("the asset registry: plugins, versions, statuses, pauses");

  assets
    .command("list")
    .description("every registered asset with its current version, status and pause flags")
    .action(async () => {
      const c = ctx();
      const list = await readAssets((await caesarFor(c, false)).contracts.assets);
      c.print({ assets: list }, (r) => [
        `${r.assets.length} asset(s)`,
        ...r.assets.map(
          (a) =>
            `  #${a.assetId} ${a.name} ${a.label} (v${a.version}, ${a.status}, ${a.economicModel}) plugin ${a.plugin}` +
            (a.processingPaused ? ", processing paused" : "") +
            (a.stabilizerPaused ? ", stabilizer paused" : ""),
        ),
      ]);
    });

  assets
    .command("show")
    .description("one asset: metadata, its plugin's definition and live status")
    .argument("[assetId]", "asset id (default: 1, CAESAR)", "1")
    .action(async (assetId: string) => {
      const c = ctx();
      const id = uintArg(assetId, "assetId");
      const registry = (await caesarFor(c, false)).contracts.assets;
      if (id === 0n || id > (await registry.assetCount())) {
        throw new InvalidArgumentError(`no asset ${id} (the registry holds ${await registry.assetCount()})`);
      }
      const a = await readAssetDetails(registry, id);
      c.print(a, (x) => [
        `#${x.assetId} ${x.name} ${x.label} by ${x.author || "-"}: ${x.description}`,
        `  version ${x.version} (${x.status}), plugin ${x.plugin}; ${x.economicModel}; governance: ${x.governanceModel}`,
        `  chains ${x.chainIds.join(", ") || "-"}; ${x.permissions.length} permission(s)`,
        `  supply ${formatAmount(x.definition.supply)}, demurrage ${x.definition.demurrageBps} bps per 30 days, ` +
          `anti-speculation threshold ${x.definition.antiSpeculationThreshold}, stability target ${x.definition.stabilityTarget}`,
        `  price deviation ${x.live.priceDeviationBps} bps, reserve ${formatAmount(x.live.reserve)}, ${x.live.agents} agent(s); ` +
          `processing ${x.processingPaused ? "paused" : "running"}, stabilizer ${x.stabilizerPaused ? "paused" : "running"}`,
      ]);
    });
}

/** `kit caesar regions list|quote|hops`: the regional price matrix (governance edits it via `gov propose --action`). */
function registerRegions(cmd: Command, ctx: () => CliContext): void {
  const regions = cmd.command("regions").description("the regional price matrix: regions, quotes, hops");
  const matrixOf = async (c: CliContext) => (await caesarFor(c, false)).contracts.matrix;

  regions
    .command("list")
    .description("every region with its modifiers (bps), its edges with their spillovers, the hourly factors")
    .action(async () => {
      const c = ctx();
      const m = await readMatrix(await matrixOf(c));
      c.print(m, (r) => [
        `${r.regions.length} of at most ${r.maxRegions} regions`,
        ...r.regions.map(
          (x) =>
            `  region ${x.id}: geo ${x.geoBps}, resource ${x.resourceBps}, hops ${x.hopsBps} bps; ` +
            `neighbours ${x.neighbours.join(", ") || "-"}`,
        ),
        ...r.edges.map(
          (e) => `  edge ${e.a}-${e.b}: ${e.b} -> ${e.a} ${e.spilloverOnA} bps, ${e.a} -> ${e.b} ${e.spilloverOnB} bps`,
        ),
        `temporal factors (UTC hours 0..23): ${r.temporal.join(" ")}`,
      ]);
    });

  regions
    .command("quote")
    .description("the modifier of a payer's region seen from an origin (agent) region, with its terms")
    .argument("<region>", "the payer's region id")
    .option("--origin <region>", "the origin (agent) region id", "0")
    .option("--at <time>", "unix seconds or an ISO date (default: the latest block)")
    .action(async (region: string, opts: { origin: string; at?: string }) => {
      const c = ctx();
      const r = regionArg(region);
      const o = regionArg(opts.origin);
      const matrix = await matrixOf(c);
      const at =
        opts.at === undefined ? BigInt((await (await c.provider()).getBlock("latest"))!.timestamp) : atArg(opts.at);
      const q = await readRegionalQuote(matrix, r, at, o);
      const offChain = quoteRegional(await readMatrix(matrix), r, at, o);
      if (offChain.modifierBps !== q.modifierBps) {
        throw new InvariantError(`off-chain quote ${offChain.modifierBps} != on-chain ${q.modifierBps}`);
      }
      c.print(q, (x) => [
        `region ${x.region} from ${x.origin} at ${x.timestamp}: modifier ${x.modifierBps} bps`,
        `  hops ${x.hops} (term ${x.hopBps}), temporal ${x.temporalBps}, spillover ${x.spilloverBps}`,
      ]);
    });

  regions
    .command("hops")
    .description("network hops between two regions (16: no path; 0: same or unknown region)")
    .argument("<from>", "region id")
    .argument("<to>", "region id")
    .action(async (from: string, to: string) => {
      const c = ctx();
      const [a, b] = [regionArg(from), regionArg(to)];
      const hops = await (await matrixOf(c)).hops(a, b);
      c.print({ from: a, to: b, hops }, (x) => [`${x.from} -> ${x.to}: ${x.hops} hops`]);
    });
}
