/**
 * Pieces the CAESAR stateful campaigns share: time jumps of hours to years, keeping a view and the next transaction
 * on the same demurrage day, and the check that a campaign catches its canary.
 */
import { expect } from "chai";
import fc from "fast-check";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { CaesarToken } from "../../../typechain-types";
import { DAY } from "../../helpers/units";

/**
 * Moves the clock off the last half minute of a demurrage day, so that a view (index, preview) and the next
 * transaction read the same index.
 */
export async function steadyDay(token: CaesarToken): Promise<void> {
  const since = BigInt(await time.latest()) - (await token.genesisTime());
  if (since % DAY > DAY - 30n) await time.increase(60);
}

/** A command that only moves the clock. */
export class WarpCmd<M extends object, R> implements fc.AsyncCommand<M, R> {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(): Promise<void> {
    await time.increase(this.seconds);
  }
  toString = () => `warp ${this.seconds}s`;
}

/** Time jumps of an hour to a day, `mid` seconds to 60 days, and 60 days to two years. */
export function warps<M extends object, R>(mid = 86_400): fc.Arbitrary<fc.AsyncCommand<M, R>> {
  return fc
    .oneof(
      fc.integer({ min: 3_600, max: 86_400 }),
      fc.integer({ min: mid, max: 60 * 86_400 }),
      fc.integer({ min: 60 * 86_400, max: 730 * 86_400 }),
    )
    .map((s) => new WarpCmd<M, R>(s));
}

/** Runs a canary's campaign, which must fail with an invariant whose message matches `names`. */
export async function expectCaught(campaign: () => Promise<void>, names: RegExp): Promise<void> {
  let caught: unknown;
  try {
    await campaign();
  } catch (e) {
    caught = e;
  }
  expect(caught, "the canary must fail the campaign").to.be.instanceOf(Error);
  const text = String((caught as { cause?: unknown }).cause ?? caught);
  if (process.env.DEBUG_CANARY) console.log(text.slice(0, 1500));
  expect(text).to.match(names);
}
