/**
 * Oracle mirrors of `contracts/oracles/FeedReader.sol`: the read status, decimal scaling and the checks a
 * Chainlink AggregatorV3 round passes (in FeedReader's order). Pure; readers live in the chain layer.
 */

/** Status of one feed read, mirroring `IFeedReader.Status` (contracts/oracles/IFeedReader.sol) value for value. */
export enum FeedStatus {
  Ok = 0,
  Reverted = 1,
  Malformed = 2,
  IncompleteRound = 3,
  FutureTimestamp = 4,
  Stale = 5,
  NonPositive = 6,
  OutOfBounds = 7,
}

const UINT256_MAX = 2n ** 256n - 1n;

/** `value` with `from` decimals in `to` decimals, as `FeedReader.scale`: down rounds down, up may not fit. */
export function scaleDecimals(value: bigint, from: bigint, to: bigint): { fits: boolean; value: bigint } {
  if (from === to) return { fits: true, value };
  if (from > to) return { fits: true, value: from - to > 77n ? 0n : value / 10n ** (from - to) };
  if (value === 0n) return { fits: true, value: 0n };
  if (to - from > 77n) return { fits: false, value: 0n };
  const v = value * 10n ** (to - from);
  return v > UINT256_MAX ? { fits: false, value: 0n } : { fits: true, value: v };
}

/** One AggregatorV3 round as returned by `latestRoundData`, plus the feed's decimals. */
export interface FeedRound {
  readonly roundId: bigint;
  readonly answer: bigint;
  readonly updatedAt: bigint;
  readonly answeredInRound: bigint;
  readonly decimals: bigint;
}

/** How a round is judged: heartbeat (s), target decimals and exclusive bounds in those decimals. */
export interface FeedCheck {
  readonly heartbeat: bigint;
  readonly decimals: bigint;
  readonly min: bigint;
  readonly max: bigint;
}

/**
 * The status and scaled answer of a round at time `now` (value 0 unless `Ok`), as FeedReader judges it.
 * @example
 * checkRound({ roundId: 1n, answer: 2n * 10n ** 8n, updatedAt: 0n, answeredInRound: 1n, decimals: 8n }, now, c);
 * // { status: FeedStatus.IncompleteRound, value: 0n }
 */
export function checkRound(r: FeedRound, now: bigint, c: FeedCheck): { status: FeedStatus; value: bigint } {
  const fail = (status: FeedStatus) => ({ status, value: 0n });
  if (r.updatedAt === 0n || r.answeredInRound === 0n || r.answeredInRound < r.roundId) {
    return fail(FeedStatus.IncompleteRound);
  }
  if (r.updatedAt > now) return fail(FeedStatus.FutureTimestamp);
  if (now - r.updatedAt > c.heartbeat) return fail(FeedStatus.Stale);
  if (r.answer <= 0n) return fail(FeedStatus.NonPositive);
  const s = scaleDecimals(r.answer, r.decimals, c.decimals);
  if (!s.fits || s.value <= c.min || s.value >= c.max) return fail(FeedStatus.OutOfBounds);
  return { status: FeedStatus.Ok, value: s.value };
}
