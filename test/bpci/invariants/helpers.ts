/**
 * What the BPCI invariant suites share, on top of the kit harness (test/helpers/fc.ts `runModel`): the pinned clock,
 * the time-jump command, the campaign builder (a fresh fixture and model per sequence, the check after every
 * command) and the two tests every suite has (the campaign on the real contract, and its known-bad canary caught).
 */
import { expect } from "chai";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { runModel, type FcDefaults } from "../../helpers/fc";

/** Pins the next block's time to one second after the latest (automine would use the wall clock), returns it. */
export async function nextTimestamp(): Promise<bigint> {
  const t = BigInt(await time.latest()) + 1n;
  await time.setNextBlockTimestamp(t);
  return t;
}

/** The error a suite sees when it runs against a canary: fast-check's report, or its cause. */
export async function failureOf(run: Promise<void>): Promise<string | undefined> {
  return run.then(
    () => undefined,
    (e: Error & { cause?: Error }) => String(e?.cause?.message ?? e?.message),
  );
}

/** The balances of `actors` in `token`, in order. */
export function balancesOf(
  token: { balanceOf(who: string): Promise<bigint> },
  actors: readonly { address: string }[],
): Promise<bigint[]> {
  return Promise.all(actors.map((a) => token.balanceOf(a.address)));
}

/**
 * A time jump of `seconds` (no state change; the check after it sees what time alone changes). A jump of 0 mines
 * the next block one second on: a block cannot repeat its parent's timestamp.
 */
export class WarpCmd<Model extends object, Real> implements fc.AsyncCommand<Model, Real> {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run() {
    await time.increase(Math.max(1, this.seconds));
  }
  toString = () => `warp(${this.seconds}s)`;
}

/** Time jumps of 0 to `maxSeconds`. */
export function warps<Model extends object, Real>(maxSeconds: number): fc.Arbitrary<WarpCmd<Model, Real>> {
  return fc.integer({ min: 0, max: maxSeconds }).map((s) => new WarpCmd<Model, Real>(s));
}

/** The parts of one suite: its commands, its check, and the model of a freshly deployed system. */
export interface BpciSuite<Model extends object, Real> {
  readonly commands: readonly fc.Arbitrary<fc.AsyncCommand<Model, Real>>[];
  readonly check: (model: Model, real: Real) => Promise<void>;
  readonly genesis: (real: Real) => Model | Promise<Model>;
}

/** A campaign of one suite on a fixture (the real contract or a canary); `fixed` ignores FC_* (canaries). */
export type Campaign<Real> = (fixture: () => Promise<Real>, defaults: FcDefaults, fixed?: boolean) => Promise<void>;

/** The campaign builder of a suite: each sequence starts from `loadFixture(fixture)` and the suite's genesis model. */
export function campaignOf<Model extends object, Real>(suite: BpciSuite<Model, Real>): Campaign<Real> {
  return (fixture, defaults, fixed = false) =>
    runModel({
      commands: suite.commands,
      defaults,
      fixed,
      check: suite.check,
      setup: async () => {
        const real = await loadFixture(fixture);
        return { real, model: await suite.genesis(real) };
      },
    });
}

/** The two tests of a suite: the campaign holds on the real contract, and fails on the canary with `caught`. */
export function describeInvariants(
  name: string,
  real: { title: string; run: () => Promise<void> },
  canary: { title: string; run: () => Promise<void>; caught: RegExp },
): void {
  describe(name, () => {
    it(real.title, async () => {
      await real.run();
    });

    it(canary.title, async () => {
      const failure = await failureOf(canary.run());
      expect(failure, "the suite must fail on the canary").to.match(canary.caught);
    });
  });
}
