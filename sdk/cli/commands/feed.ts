import type { Command } from "commander";
import { isAddress } from "ethers";
import { InvalidArgumentError, parseAddress } from "../../kit/core";
import { connectMockFeed, toKitError } from "../../kit/chain";
import { buildSetLocalFeed, send } from "../../kit/tx";
import type { CliContext } from "../context";
import { formatTime, localOnly, sendWithProgress, txJson } from "../helpers";

/** A feed as `kit feed` names it: its address-book id (when it has one) and address. */
interface FeedRef {
  readonly id?: string;
  readonly address: string;
}

/** The mock feeds of the address book: every id whose contract name ends in "Feed" (`Bpci#UsageFeed`, ...). */
function bookFeeds(contracts: Readonly<Record<string, string>>): FeedRef[] {
  return Object.entries(contracts)
    .filter(([id]) => /feed$/i.test(id.split("#").pop() ?? ""))
    .map(([id, address]) => ({ id, address }));
}

/** A lower-case name without separators and a trailing "feed": "usage-feed", "UsageFeed", "usage" -> "usage". */
const canonical = (name: string) =>
  name
    .toLowerCase()
    .replace(/[-_\s]/g, "")
    .replace(/feed$/, "");

/**
 * `<feed>`: an address, an address-book id (`Bpci#UsageFeed`), or its contract name with or without "Feed" and
 * in any case (`UsageFeed`, `usage`, `gold-price`); an ambiguous name lists the ids it matches.
 */
async function feedArg(c: CliContext, value: string): Promise<FeedRef> {
  if (isAddress(value)) return { address: parseAddress(value, "feed") };
  const feeds = bookFeeds((await c.addressBook()).contracts);
  const exact = feeds.filter((f) => f.id === value);
  const named = exact.length > 0 ? exact : feeds.filter((f) => canonical(f.id!.split("#").pop()!) === canonical(value));
  if (named.length === 1) return named[0];
  const known = feeds.map((f) => f.id).join(", ") || "none";
  throw new InvalidArgumentError(
    named.length === 0
      ? `no feed named "${value}" in the address book (feeds: ${known})`
      : `"${value}" names ${named.length} feeds (${named.map((f) => f.id).join(", ")}): give the id`,
    { details: { feed: value } },
  );
}

/** One feed's latest round, read through AggregatorV3Interface (mock or real). */
async function readRound(c: CliContext, f: FeedRef) {
  const feed = connectMockFeed(f.address, await c.provider());
  try {
    const [decimals, round] = await Promise.all([feed.decimals(), feed.latestRoundData()]);
    return {
      ...(f.id === undefined ? {} : { id: f.id }),
      address: f.address,
      decimals: Number(decimals),
      roundId: round[0],
      answer: round[1],
      updatedAt: round[3],
    };
  } catch (e) {
    throw toKitError(e, "MockAggregatorV3");
  }
}

/** `answer` in units: 123456789 with 8 decimals -> "1.23456789". */
function scaled(answer: bigint, decimals: number): string {
  const neg = answer < 0n;
  const a = neg ? -answer : answer;
  const unit = 10n ** BigInt(decimals);
  const frac = (a % unit).toString().padStart(decimals, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${a / unit}${frac ? `.${frac}` : ""}`;
}

/** An answer argument: an integer (raw, in the feed's decimals), or with `--units` a decimal in units. */
function answerArg(value: string, decimals: number, units: boolean): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m || (!units && m[3] !== undefined)) {
    throw new InvalidArgumentError(
      `answer must be ${units ? "a decimal number" : "an integer (raw, in the feed's decimals; --units for a decimal)"}, not "${value}"`,
    );
  }
  if (!units) return BigInt(value.trim());
  const frac = m[3] ?? "";
  if (frac.length > decimals) {
    throw new InvalidArgumentError(`answer "${value}" has more than the feed's ${decimals} decimals`);
  }
  const raw = BigInt(m[2]) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
  return m[1] === "-" ? -raw : raw;
}

/** `kit feed list|show|set`: the Chainlink-style feeds of the address book, and publishing on local mock feeds. */
export function registerFeed(program: Command, ctx: () => CliContext): void {
  const feed = program
    .command("feed")
    .description("price and metric feeds (AggregatorV3): list, show, and on local chains set a mock feed's answer");

  feed
    .command("list", { isDefault: true })
    .description("every feed of the address book with its latest answer")
    .action(async () => {
      const c = ctx();
      const feeds = await Promise.all(bookFeeds((await c.addressBook()).contracts).map((f) => readRound(c, f)));
      c.print({ feeds }, (x) =>
        x.feeds.length === 0
          ? ["no feeds in the address book"]
          : x.feeds.map(
              (f) =>
                `${f.id} ${scaled(f.answer, f.decimals)} (raw ${f.answer}, ${f.decimals} decimals), updated ${formatTime(f.updatedAt)}`,
            ),
      );
    });

  feed
    .command("show")
    .description("one feed's latest round")
    .argument("<feed>", "address, address-book id (Bpci#UsageFeed) or name (usage, gold-price)")
    .action(async (name: string) => {
      const c = ctx();
      const r = await readRound(c, await feedArg(c, name));
      c.print(r, (x) => [
        `${x.id ?? x.address}: ${scaled(x.answer, x.decimals)} (raw ${x.answer}, ${x.decimals} decimals)`,
        `round ${x.roundId}, updated ${formatTime(x.updatedAt)}`,
      ]);
    });

  feed
    .command("set")
    .description("local chains only: publish an answer on a mock feed (MockAggregatorV3), stamped now")
    .argument("<feed>", "address, address-book id or name")
    .argument("<answer>", "the answer, raw in the feed's decimals (or a decimal with --units)")
    .option("--units", "the answer is a decimal number in units (2000.5), scaled by the feed's decimals")
    .action(async (name: string, value: string, opts: { units?: boolean }) => {
      const c = ctx();
      await localOnly(c, "feed set", "a live deployment reads real feeds");
      const f = await feedArg(c, name);
      const before = await readRound(c, f);
      const answer = answerArg(value, before.decimals, opts.units === true);
      const signer = await c.signer();
      const from = await signer.getAddress();
      const r = await sendWithProgress(c, "set feed", (o) => send(signer, buildSetLocalFeed(f.address, answer), o));
      c.print(
        txJson("setFeed", from, r, {
          ...(f.id === undefined ? {} : { id: f.id }),
          feed: f.address,
          answer,
          decimals: before.decimals,
          previous: before.answer,
        }),
        (x) => [
          `${x.id ?? x.feed}: ${scaled(x.previous, x.decimals)} -> ${scaled(x.answer, x.decimals)} (raw ${x.answer}) in ${x.hash}`,
        ],
      );
    });
}
