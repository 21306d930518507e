import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { fcRuns } from "../../helpers/fc";
import { PType, descriptionHash, governorVotes, passProposal, single } from "../../helpers/fixtures/governance";
import { QUIV } from "../fixtures/foundation";
import { deployQuiver } from "../fixtures/quiver";

const BPS = 10_000n;

/** A random action of the property: what a QUIVer user (or governance) does between two timepoints. */
type Action =
  | { kind: "transfer"; from: number; to: number; pct: number }
  | { kind: "delegateQuiv"; who: number; to: number }
  | { kind: "stake"; who: number; pct: number }
  | { kind: "unbond"; who: number; pct: number }
  | { kind: "delegateStaked"; who: number; to: number }
  | { kind: "reweight"; quivBps: bigint; stakedBps: bigint }
  | { kind: "wait"; seconds: number };

const ACTORS = 4;
/** Actions that ran (not skipped) over the whole campaign: the property must have exercised each kind. */
const ran = new Map<Action["kind"], number>();
const actor = fc.integer({ min: 0, max: ACTORS - 1 });
const pct = fc.integer({ min: 1, max: 100 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("transfer" as const), from: actor, to: actor, pct }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delegateQuiv" as const), who: actor, to: actor }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("stake" as const), who: actor, pct }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("unbond" as const), who: actor, pct }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delegateStaked" as const), who: actor, to: actor }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("reweight" as const),
      quivBps: fc.constantFrom(5_000n, 10_000n, 20_000n),
      stakedBps: fc.constantFrom(0n, 10_000n, 15_000n, 30_000n),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("wait" as const), seconds: fc.integer({ min: 1, max: 86_400 }) }),
  },
);

/** QUIVer preset, four funded actors (5M QUIV each, self-delegated), a registered provider, the team delegated. */
async function electorate() {
  const f = await deployQuiver();
  const actors = f.signers.slice(10, 10 + ACTORS);
  const provider = f.signers[10 + ACTORS];
  await f.quiv.connect(f.team).delegate(f.team.address);
  for (const a of actors) {
    await f.quiv.connect(f.ecosystem).transfer(a.address, 5_000_000n * QUIV);
    await f.quiv.connect(a).delegate(a.address);
    await f.quiv.connect(a).approve(await f.staking.getAddress(), ethers.MaxUint256);
  }
  await f.staking.connect(provider).registerProvider(1_000n);
  await time.increase(1);
  const votes = await governorVotes(f.governor);
  return { ...f, actors, provider, votes };
}

/** `governor.getVotes(token()`'s electorate) equals a model from the sources and the weights, at every timepoint. */
describe("EconomyGovernor.token() on the QUIVer preset (QUIV 1x + staked QUIV 1.5x)", () => {
  it("getPastVotes == governor.getVotes == floor(sum w_i(t) * source_i.getPastVotes / 10000) for every account and timepoint, over random transfers, stakes, unbonds, delegations and reweights; getVotes then equals them; the sources' events plus VoteSourceSet rebuild every account's power", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 10 }), async (actions) => {
        const f = await loadFixture(electorate);
        const [quiv, staking] = [await f.quiv.getAddress(), await f.staking.getAddress()];
        const gov = await f.governor.getAddress();
        const accounts = [...f.actors, f.provider, f.team].map((s) => s.address).concat([staking]);
        // Weight history of the model: [from timestamp, QUIV weight, staked weight].
        const weights: [bigint, bigint, bigint][] = [[0n, 10_000n, 15_000n]];
        const weightAt = (t: bigint) => weights.filter(([from]) => from <= t).at(-1)!;
        // The current reads right after each action: [timepoint, account, token().getVotes(account)].
        const current: [bigint, string, bigint][] = [];
        const timepoints: bigint[] = [];
        const who = (i: number): HardhatEthersSigner => f.actors[i];
        let proposals = 0;

        for (const a of actions) {
          if (a.kind === "transfer") {
            const amount = ((await f.quiv.balanceOf(who(a.from).address)) * BigInt(a.pct)) / 100n;
            await f.quiv.connect(who(a.from)).transfer(who(a.to).address, amount);
          } else if (a.kind === "delegateQuiv") {
            await f.quiv.connect(who(a.who)).delegate(who(a.to).address);
          } else if (a.kind === "stake") {
            const amount = ((await f.quiv.balanceOf(who(a.who).address)) * BigInt(a.pct)) / 100n;
            if (amount === 0n) continue;
            await f.staking.connect(who(a.who)).delegateStake(f.provider.address, amount);
          } else if (a.kind === "unbond") {
            const amount = ((await f.staking.stakeOf(f.provider.address, who(a.who).address)) * BigInt(a.pct)) / 100n;
            if (amount === 0n) continue;
            await f.staking.connect(who(a.who)).unbond(f.provider.address, amount);
          } else if (a.kind === "delegateStaked") {
            await f.staking.connect(who(a.who)).delegate(who(a.to).address);
          } else if (a.kind === "reweight") {
            const p = {
              targets: [gov, gov],
              values: [0n, 0n],
              calldatas: [
                f.governor.interface.encodeFunctionData("setVoteSource", [quiv, a.quivBps, false]),
                f.governor.interface.encodeFunctionData("setVoteSource", [staking, a.stakedBps, true]),
              ],
              description: `reweight ${proposals++}`,
            };
            const id = await passProposal(f.governor, p, PType.EmergencyAction, [f.team]);
            await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
            await time.increaseTo(await f.governor.proposalEta(id));
            await f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p));
            weights.push([BigInt(await time.latest()), a.quivBps, a.stakedBps]);
          } else {
            await time.increase(a.seconds);
          }
          ran.set(a.kind, (ran.get(a.kind) ?? 0) + 1);
          const t = BigInt(await time.latest());
          timepoints.push(t);
          for (const acc of accounts) current.push([t, acc, await f.votes.getVotes(acc)]);
        }
        await time.increase(1);

        for (const t of timepoints) {
          const [, w0, w1] = weightAt(t);
          for (const acc of accounts) {
            const model =
              (w0 * (await f.quiv.getPastVotes(acc, t)) + w1 * (await f.staking.getPastVotes(acc, t))) / BPS;
            expect(await f.governor.getVotes(acc, t), `governor ${acc} @${t}`).to.equal(model);
            expect(await f.votes.getPastVotes(acc, t), `token ${acc} @${t}`).to.equal(model);
          }
          const [s0, s1] = [await f.quiv.getPastTotalSupply(t), await f.staking.getPastTotalSupply(t)];
          const raw = w0 * s0 + w1 * s1 - w0 * s1; // each staked QUIV once, at the staked weight (SEC-10)
          expect(await f.votes.getPastTotalSupply(t)).to.equal((raw > 0n ? raw : 0n) / BPS);
          expect(await f.votes.getPastTotalSupply(t)).to.equal(await f.governor.weightedPastTotalSupply(t));
        }
        for (const [t, acc, v] of current)
          expect(await f.governor.getVotes(acc, t), `current ${acc} @${t}`).to.equal(v);

        // What an indexer does (README): the last DelegateVotesChanged per delegate in each source, and the last
        // VoteSourceSet per source, give every account's current power.
        const quivVotes = new Map<string, bigint>();
        for (const ev of await f.quiv.queryFilter(f.quiv.filters.DelegateVotesChanged())) {
          quivVotes.set(ev.args.delegate, ev.args.newVotes);
        }
        const stakedVotes = new Map<string, bigint>();
        for (const ev of await f.staking.queryFilter(f.staking.filters.DelegateVotesChanged())) {
          stakedVotes.set(ev.args.delegate, ev.args.newVotes);
        }
        const w = new Map<string, bigint>();
        for (const ev of await f.governor.queryFilter(f.governor.filters.VoteSourceSet())) {
          w.set(ev.args.token, ev.args.newWeightBps);
        }
        for (const acc of accounts) {
          const rebuilt =
            (w.get(quiv)! * (quivVotes.get(acc) ?? 0n) + w.get(staking)! * (stakedVotes.get(acc) ?? 0n)) / BPS;
          expect(await f.votes.getVotes(acc), `indexed ${acc}`).to.equal(rebuilt);
        }
      }),
      fcRuns(5),
    );
    for (const kind of ["transfer", "delegateQuiv", "stake", "unbond", "delegateStaked", "reweight"] as const) {
      expect(ran.get(kind) ?? 0, `${kind} actions that ran`).to.be.greaterThan(0);
    }
  });
});
