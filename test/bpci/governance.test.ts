import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { deployBpciEconomy, WFLX_PER_FLX, type BpciEconomy } from "./fixtures/preset";
import { BPCI_TIER_WEIGHTS } from "../../deploy/bpci/votes";
import { feeLegs, poeFee } from "../../sdk/bpci/core/poe";
import { parameterKey } from "../../sdk/bpci/core/parameters";
import { fcRuns } from "../helpers/fc";
import { descriptionHash, governorVotes, PType, Vote, type Proposal } from "../helpers/fixtures/governance";
import { TOKEN } from "../helpers/units";
import { BPS } from "../../sdk/kit/core/math";
import { checkBpciState } from "./invariants/state";

const W = BPCI_TIER_WEIGHTS;

interface PastVotes {
  getPastVotes(account: string, t: bigint): Promise<bigint>;
  getPastTotalSupply(t: bigint): Promise<bigint>;
}

/** The four sources in the governor's order with their weights. */
function sources(f: BpciEconomy): Array<[PastVotes, bigint]> {
  return [
    [f.gen, W.gen],
    [f.aur, W.aur],
    [f.nex, W.nex],
    [f.wflx, W.wflx],
  ];
}

/** The model: floor(sum over sources of weight x past votes / 10,000). */
async function modelVotes(f: BpciEconomy, account: string, t: bigint): Promise<bigint> {
  let sum = 0n;
  for (const [s, w] of sources(f)) sum += w * (await s.getPastVotes(account, t));
  return sum / BPS;
}

async function modelSupply(f: BpciEconomy, t: bigint): Promise<bigint> {
  let sum = 0n;
  for (const [s, w] of sources(f)) sum += w * (await s.getPastTotalSupply(t));
  return sum / BPS;
}

describe("BPCI tier-weighted governance (GEN 10x, AUR 5x, NEX 3x, FLX 1x through wFLX)", () => {
  it("counts alice's 10,000 GEN, 1,000 AUR and 1,000,000 wrapped FLX as 100,000 + 5,000 + 1,000,000 votes, and the miner's NEX at 3x once delegated", async () => {
    const f = await loadFixture(deployBpciEconomy);
    const t0 = BigInt(await time.latest()) - 1n;
    const alice = f.alice.address;
    expect(await f.governor.getVotes(alice, t0)).to.equal(1_105_000n * TOKEN);
    expect(await modelVotes(f, alice, t0)).to.equal(1_105_000n * TOKEN);
    // The miner's NEX (claimed from epoch 0) carries no votes until delegated; then 3x, to alice.
    const nex = await f.nex.balanceOf(f.miner.address);
    // Its only epoch-0 job (100,000 FLX in wFLX, fee 1,000 FLX = 1,000 NEX-equivalent of work) caps the issuance at
    // maxNexPerWork x work = 250 NEX, all of it the miner's.
    expect(nex).to.equal(250n * TOKEN);
    expect(nex).to.equal((await f.mining.epochInfo(0n)).issued);
    expect(await f.governor.getVotes(f.miner.address, t0)).to.equal(0n);
    await f.nex.connect(f.miner).delegate(alice);
    await time.increase(1);
    const t1 = BigInt(await time.latest()) - 1n;
    expect(await f.governor.getVotes(alice, t1)).to.equal(1_105_000n * TOKEN + 3n * nex);
    // The past timepoint keeps its count.
    expect(await f.governor.getVotes(alice, t0)).to.equal(1_105_000n * TOKEN);
    // A rebase changes every FLX balance but no vote: wFLX is the vote source, never the rebasing balance.
    await f.usageFeed.updateAnswer(105_000_000n); // usage 1.05: +5%
    await time.increase(86_400);
    await f.flx.rebase();
    await time.increase(1);
    const t2 = BigInt(await time.latest()) - 1n;
    expect(await f.governor.getVotes(alice, t2)).to.equal(1_105_000n * TOKEN + 3n * nex);
    // The quorum base: sum of weight x supply, in the governor and its ERC-5805 token().
    const votes = await governorVotes(f.governor);
    expect(await f.governor.weightedPastTotalSupply(t2)).to.equal(await modelSupply(f, t2));
    expect(await votes.getPastTotalSupply(t2)).to.equal(await modelSupply(f, t2));
    expect(await votes.getPastVotes(alice, t2)).to.equal(1_105_000n * TOKEN + 3n * nex);
  });

  it("property: over random transfers and delegations of the four tokens, getVotes == floor(sum w_i x source_i.getPastVotes / 10,000) at every past timepoint", async () => {
    type Action =
      | { kind: "transfer"; token: number; from: number; to: number; pct: number }
      | { kind: "delegate"; token: number; who: number; to: number }
      | { kind: "wait"; seconds: number };
    const ran = new Map<string, number>();
    const actor = fc.integer({ min: 0, max: 2 });
    const token = fc.integer({ min: 0, max: 3 });
    const action: fc.Arbitrary<Action> = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant("transfer" as const),
          token,
          from: actor,
          to: actor,
          pct: fc.integer({ min: 1, max: 100 }),
        }),
      },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("delegate" as const), token, who: actor, to: actor }) },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant("wait" as const), seconds: fc.integer({ min: 1, max: 3_600 }) }),
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 3, maxLength: 8 }), async (actions) => {
        const f = await loadFixture(deployBpciEconomy);
        // Three actors: alice, the miner (its NEX) and carol (#11), who gets 3,000 GEN, 200 AUR and 100,000 wFLX-FLX.
        const carol = f.signers[11];
        await f.gen.connect(f.alice).transfer(carol.address, 3_000n * TOKEN);
        await f.aur.connect(f.alice).transfer(carol.address, 200n * TOKEN);
        await f.wflx.connect(f.alice).transfer(carol.address, 100_000n * TOKEN * WFLX_PER_FLX);
        const actors: HardhatEthersSigner[] = [f.alice, f.miner, carol];
        const tokens = [f.gen, f.aur, f.nex, f.wflx] as const;
        const timepoints: bigint[] = [];
        for (const a of actions) {
          if (a.kind === "transfer") {
            const t = tokens[a.token];
            const from = actors[a.from];
            const amount = ((await t.balanceOf(from.address)) * BigInt(a.pct)) / 100n;
            if (amount === 0n) continue;
            // GEN's holder limit may refuse (10,000 GEN): that is GEN's rule, not the electorate's; skip it.
            const to = actors[a.to].address;
            const after = (await t.balanceOf(to)) + (a.from === a.to ? 0n : amount);
            if (a.token === 0 && after > 10_000n * TOKEN) continue;
            await t.connect(from).transfer(to, amount);
          } else if (a.kind === "delegate") {
            await tokens[a.token].connect(actors[a.who]).delegate(actors[a.to].address);
          } else {
            await time.increase(a.seconds);
          }
          ran.set(a.kind, (ran.get(a.kind) ?? 0) + 1);
          timepoints.push(BigInt(await time.latest()));
        }
        await time.increase(1);
        for (const t of timepoints) {
          for (const who of actors) {
            const model = await modelVotes(f, who.address, t);
            expect(await f.governor.getVotes(who.address, t), `${who.address} @${t}`).to.equal(model);
          }
          expect(await f.governor.weightedPastTotalSupply(t)).to.equal(await modelSupply(f, t));
        }
      }),
      fcRuns(10),
    );
    for (const kind of ["transfer", "delegate"]) expect(ran.get(kind) ?? 0, kind).to.be.greaterThan(0);
  });

  it("passes an EconomicParameter proposal that moves the PoE fee split to 25/30/15/30 through the governor and the timelock, voted with tier weights; the next job's legs follow it to the wei", async () => {
    const f = await loadFixture(deployBpciEconomy);
    const { governor, registry, mining, miner } = f;
    const wflx = await f.wflx.getAddress();
    const lock = parameterKey("bpci.poe.lockShareBps");
    const owner = parameterKey("bpci.poe.ownerShareBps");
    const value = 12_345_678_901_234_567_891n; // an awkward wFLX amount
    const fee = poeFee(value, 100n);

    // Before: 20% locked, 30% spendable, 20% owner, 30% treasury.
    const before = feeLegs(fee, 2_000n, 3_000n, 2_000n);
    await mining.connect(f.bob).submitJob(miner.address, 3, wflx, value);
    await expect(mining.connect(miner).confirmJob(2n))
      .to.emit(mining, "JobConfirmed")
      .withArgs(2n, miner.address, anyValue, before.locked, before.spendable, before.owner, before.treasury, anyValue);

    const p: Proposal = {
      targets: [await registry.getAddress(), await registry.getAddress()],
      values: [0n, 0n],
      calldatas: [
        registry.interface.encodeFunctionData("set", [lock, 2_500n]),
        registry.interface.encodeFunctionData("set", [owner, 1_500n]),
      ],
      description: "PoE fee split: locked reserve 25%, owner salary 15%",
    };
    await governor
      .connect(f.alice)
      .proposeWithType(p.targets, p.values, p.calldatas, p.description, PType.EconomicParameter);
    const id = await governor.hashProposal(p.targets, p.values, p.calldatas, descriptionHash(p));
    const snapshot = await governor.proposalSnapshot(id);
    await time.increaseTo(snapshot + 1n);
    await governor.connect(f.alice).castVote(id, Vote.For);
    await governor.connect(f.bob).castVote(id, Vote.Against);
    // For: alice's 10,000 GEN x10 + 1,000 AUR x5 + 1,000,000 FLX x1; against: bob's 10,000 GEN x10 (his wFLX is not
    // delegated). The quorum is 4% of the weighted supply at the snapshot.
    const [against, forVotes] = await governor.proposalVotes(id);
    expect(forVotes).to.equal(1_105_000n * TOKEN);
    expect(against).to.equal(100_000n * TOKEN);
    expect(await governor.proposalQuorum(id)).to.equal(((await modelSupply(f, snapshot)) * 400n) / BPS);
    await time.increaseTo((await governor.proposalDeadline(id)) + 1n);
    await governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
    await time.increaseTo(await governor.proposalEta(id));
    await expect(governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p)))
      .to.emit(registry, "ParameterChanged")
      .withArgs(lock, 2_000n, 2_500n)
      .and.to.emit(registry, "ParameterChanged")
      .withArgs(owner, 2_000n, 1_500n);

    // After: the next job pays 25% locked, 30% spendable, 15% owner, 30% + dust treasury.
    const after = feeLegs(fee, 2_500n, 3_000n, 1_500n);
    expect(after.locked + after.spendable + after.owner + after.treasury).to.equal(fee);
    await mining.connect(f.bob).submitJob(miner.address, 7, wflx, value);
    const [, , ownerBefore, treasuryBefore] = await mining.obligations(wflx);
    await expect(mining.connect(miner).confirmJob(3n))
      .to.emit(mining, "JobConfirmed")
      .withArgs(3n, miner.address, anyValue, after.locked, after.spendable, after.owner, after.treasury, anyValue)
      .and.to.emit(mining, "ReserveLocked")
      .withArgs(miner.address, wflx, after.locked, anyValue, anyValue);
    const [, , ownerAfter, treasuryAfter] = await mining.obligations(wflx);
    expect(ownerAfter - ownerBefore).to.equal(after.owner); // under the salary ceiling
    expect(treasuryAfter - treasuryBefore).to.equal(after.treasury);
    await checkBpciState(f); // GOV-13: the economy's invariants on the state the proposal left
  });

  it("the state check can fail: wFLX sent to PoE mining outside a job breaks MINING_BALANCE", async () => {
    const f = await loadFixture(deployBpciEconomy);
    await checkBpciState(f);
    await f.wflx.connect(f.alice).transfer(await f.mining.getAddress(), 1n);
    await expect(checkBpciState(f)).to.be.rejectedWith("MINING_BALANCE");
  });
});
