import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  DAY,
  PState,
  PType,
  TOKEN,
  TYPES,
  VOTES,
  Vote,
  deployGovernance,
  descriptionHash,
  governanceExecute,
  proposalId,
  propose,
  single,
  type GovFixture,
  type Proposal,
} from "../../helpers/fixtures/governance";
import type { MockVotesSource } from "../../../typechain-types";

const TOTAL_SUPPLY = 400_000_000n * 10n ** 18n;
const BPS = 10_000n;
const quorumOf = (t: PType) => (TOTAL_SUPPLY * BigInt(TYPES[t].quorumBps) + 9_999n) / BPS;

/** A proposal that raises the proposal threshold to `threshold` (a harmless governance call). */
function thresholdProposal(f: GovFixture, threshold: bigint, tag: string): Proposal {
  const data = f.governor.interface.encodeFunctionData("setProposalThreshold", [threshold]);
  return single(f.governor.target as string, data, `Set the threshold to ${threshold} (${tag})`);
}

/** Proposes `p` plainly (OZ `propose`) from alice; returns its id. */
async function proposePlain(f: GovFixture, p: Proposal): Promise<bigint> {
  await f.governor.connect(f.alice).propose(p.targets, p.values, p.calldatas, p.description);
  return proposalId(f.governor, p);
}

/** Votes 60/40: alice (30M) for, bob (20M) against; quorum of every type but EmergencyAction is met. */
async function vote6040(f: GovFixture, id: bigint) {
  await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
  await f.governor.connect(f.alice).castVote(id, Vote.For);
  await f.governor.connect(f.bob).castVote(id, Vote.Against);
  await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
}

describe("EconomyGovernor as governance UIs see it", () => {
  describe("token(): the ERC-5805 electorate", () => {
    it("is the EconomyVotes deployed by the constructor, bound to this governor, on the timestamp clock", async () => {
      const f = await loadFixture(deployGovernance);
      expect(await f.governor.token()).to.equal(await f.votes.getAddress());
      expect(await f.votes.governor()).to.equal(await f.governor.getAddress());
      expect(await f.votes.name()).to.equal("Kit Governor votes");
      expect(await f.votes.symbol()).to.equal("vKVOTE");
      expect(await f.votes.decimals()).to.equal(18n);
      expect(await f.votes.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await f.votes.clock()).to.equal(await f.governor.clock());
      expect(await ethers.provider.getCode(await f.votes.getAddress())).to.not.equal("0x");
    });

    it("reads every voter's power and the quorum base exactly as the governor counts them", async () => {
      const f = await loadFixture(deployGovernance);
      const t = (await time.latest()) - 1;
      for (const [who, v] of [
        [f.team, VOTES.team],
        [f.alice, VOTES.alice],
        [f.bob, VOTES.bob],
        [f.carol, VOTES.carol],
        [f.stranger, 0n],
      ] as const) {
        expect(await f.votes.getPastVotes(who.address, t)).to.equal(v);
        expect(await f.governor.getVotes(who.address, t)).to.equal(v);
        expect(await f.votes.getVotes(who.address)).to.equal(v);
        expect(await f.votes.delegates(who.address)).to.equal(await f.token.delegates(who.address));
      }
      expect(await f.votes.getPastTotalSupply(t)).to.equal(TOTAL_SUPPLY);
      expect(await f.votes.getPastTotalSupply(t)).to.equal(await f.governor.weightedPastTotalSupply(t));
      // OZ's quorum rule on the token: quorum(t) = ceil(getPastTotalSupply(t) * TechnicalUpgrade quorum fraction).
      expect(await f.governor.quorum(t)).to.equal(quorumOf(PType.TechnicalUpgrade));
    });

    it("follows a transfer at once in getVotes and from the next second in getPastVotes, and refuses future lookups", async () => {
      const f = await loadFixture(deployGovernance);
      await f.token.connect(f.alice).transfer(f.bob.address, 1_000n * TOKEN);
      const t = await time.latest();
      expect(await f.votes.getVotes(f.alice.address)).to.equal(VOTES.alice - 1_000n * TOKEN);
      expect(await f.votes.getVotes(f.bob.address)).to.equal(VOTES.bob + 1_000n * TOKEN);
      await expect(f.votes.getPastVotes(f.alice.address, t + 10))
        .to.be.revertedWithCustomError(f.token, "ERC5805FutureLookup")
        .withArgs(t + 10, t);
      await time.increase(1);
      expect(await f.votes.getPastVotes(f.alice.address, t)).to.equal(VOTES.alice - 1_000n * TOKEN);
      expect(await f.votes.getPastVotes(f.alice.address, t - 1)).to.equal(VOTES.alice);
    });

    it("refuses delegate and delegateBySig, naming the source to delegate in", async () => {
      const f = await loadFixture(deployGovernance);
      const source = await f.token.getAddress();
      await expect(f.votes.connect(f.alice).delegate(f.bob.address))
        .to.be.revertedWithCustomError(f.votes, "EconomyVotesDelegateAtSources")
        .withArgs(f.alice.address, source);
      await expect(f.votes.connect(f.bob).delegateBySig(f.bob.address, 0, 0, 27, ethers.ZeroHash, ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.votes, "EconomyVotesDelegateAtSources")
        .withArgs(f.bob.address, source);
    });

    it("applies a reweight and a second source from the execution on, and leaves earlier timepoints on the old weights", async () => {
      const f = await loadFixture(deployGovernance);
      const staked = (await ethers.deployContract("MockVotesSource", ["stVotes", true])) as unknown as MockVotesSource;
      await staked.mint(f.alice.address, 10_000_000n * TOKEN);
      await staked.connect(f.alice).delegate(f.alice.address);
      const before = (await time.latest()) + 0;
      await time.increase(1);
      const gov = await f.governor.getAddress();
      const p: Proposal = {
        targets: [gov, gov],
        values: [0n, 0n],
        calldatas: [
          f.governor.interface.encodeFunctionData("setVoteSource", [await f.token.getAddress(), 5_000, false]),
          f.governor.interface.encodeFunctionData("setVoteSource", [await staked.getAddress(), 20_000, false]),
        ],
        description: "0.5x the token, 2x the second source",
      };
      await governanceExecute(f.governor, p, PType.EmergencyAction, [f.team, f.alice]);
      const at = await time.latest();
      const alice = VOTES.alice / 2n + 20_000_000n * TOKEN;
      expect(await f.votes.getVotes(f.alice.address)).to.equal(alice);
      expect(await f.votes.getVotes(f.bob.address)).to.equal(VOTES.bob / 2n);
      await time.increase(1);
      expect(await f.votes.getPastVotes(f.alice.address, at)).to.equal(alice);
      expect(await f.votes.getPastVotes(f.alice.address, at)).to.equal(await f.governor.getVotes(f.alice.address, at));
      expect(await f.votes.getPastVotes(f.alice.address, before)).to.equal(VOTES.alice);
      expect(await f.votes.getPastTotalSupply(at)).to.equal(TOTAL_SUPPLY / 2n + 20_000_000n * TOKEN);
      expect(await f.votes.getPastTotalSupply(before)).to.equal(TOTAL_SUPPLY);
    });
  });

  describe("outcome rules", () => {
    it("Succeeds a plain propose won 60/40 with quorum met (OZ: for > against), and queues it with TechnicalUpgrade's delay", async () => {
      const f = await loadFixture(deployGovernance);
      const p = thresholdProposal(f, 200_000n * TOKEN, "plain 60/40");
      const id = await proposePlain(f, p);
      expect(await f.governor.proposalApprovalBps(id)).to.equal(5_000n);
      await vote6040(f, id);
      const snapshot = await f.governor.proposalSnapshot(id);
      expect(await f.governor.proposalQuorum(id)).to.equal(await f.governor.quorum(snapshot));
      expect(await f.governor.quorumVotes(id)).to.equal(VOTES.alice);
      expect(await f.governor.state(id)).to.equal(PState.Succeeded);
      await f.governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
      expect(await f.governor.proposalEta(id)).to.equal(
        BigInt((await time.latest()) + TYPES[PType.TechnicalUpgrade].minDelay),
      );
      await time.increaseTo(await f.governor.proposalEta(id));
      await f.governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p));
      expect(await f.governor.proposalThreshold()).to.equal(200_000n * TOKEN);
    });

    it("Succeeds a narrow plain win (30M for, 25M against) and Defeats one without quorum (for + abstain below quorum(snapshot))", async () => {
      const f = await loadFixture(deployGovernance);
      const tie = await proposePlain(f, thresholdProposal(f, 1n * TOKEN, "narrow"));
      const few = await proposePlain(f, thresholdProposal(f, 2n * TOKEN, "no quorum"));
      await time.increaseTo((await f.governor.proposalSnapshot(tie)) + 1n);
      await f.governor.connect(f.alice).castVote(tie, Vote.For);
      await f.governor.connect(f.carol).castVote(tie, Vote.Against);
      await f.governor.connect(f.bob).castVote(tie, Vote.Against);
      await f.governor.connect(f.carol).castVote(few, Vote.For); // 5M < 20M quorum
      await time.increaseTo((await f.governor.proposalDeadline(few)) + 1n);
      expect(await f.governor.proposalVotes(tie)).to.deep.equal([VOTES.carol + VOTES.bob, VOTES.alice, 0n]);
      expect(VOTES.carol + VOTES.bob).to.be.lessThan(VOTES.alice); // 25M against 30M: for wins
      expect(await f.governor.state(tie)).to.equal(PState.Succeeded);
      expect(await f.governor.quorumVotes(few)).to.equal(VOTES.carol);
      expect(await f.governor.proposalQuorum(few)).to.equal(quorumOf(PType.TechnicalUpgrade));
      expect(await f.governor.state(few)).to.equal(PState.Defeated);
    });

    it("Defeats a plain propose with for == against (OZ: strictly more for)", async () => {
      const f = await loadFixture(deployGovernance);
      await f.token.connect(f.alice).transfer(f.bob.address, 5_000_000n * TOKEN); // alice 25M, bob 25M
      await time.increase(1);
      const id = await proposePlain(f, thresholdProposal(f, 3n * TOKEN, "equal"));
      await vote6040(f, id);
      expect(await f.governor.proposalVotes(id)).to.deep.equal([25_000_000n * TOKEN, 25_000_000n * TOKEN, 0n]);
      expect(await f.governor.state(id)).to.equal(PState.Defeated);
    });

    it("keeps the typed rules for proposeWithType: TechnicalUpgrade 60/40 is Defeated (needs > 60%), EconomicParameter 60/40 Succeeds on its 4% quorum", async () => {
      const f = await loadFixture(deployGovernance);
      const tech = await propose(
        f.governor,
        f.alice,
        thresholdProposal(f, 4n * TOKEN, "typed tech"),
        PType.TechnicalUpgrade,
      );
      const econ = await propose(
        f.governor,
        f.alice,
        thresholdProposal(f, 5n * TOKEN, "typed econ"),
        PType.EconomicParameter,
      );
      expect(await f.governor.proposalApprovalBps(tech)).to.equal(BigInt(TYPES[PType.TechnicalUpgrade].approvalBps));
      expect(await f.governor.proposalApprovalBps(econ)).to.equal(BigInt(TYPES[PType.EconomicParameter].approvalBps));
      await time.increaseTo((await f.governor.proposalSnapshot(econ)) + 1n);
      for (const id of [tech, econ]) {
        await f.governor.connect(f.alice).castVote(id, Vote.For);
        await f.governor.connect(f.bob).castVote(id, Vote.Against);
      }
      await time.increaseTo((await f.governor.proposalDeadline(econ)) + 1n);
      expect(await f.governor.proposalQuorum(tech)).to.equal(quorumOf(PType.TechnicalUpgrade));
      expect(await f.governor.proposalQuorum(econ)).to.equal(quorumOf(PType.EconomicParameter));
      expect(await f.governor.state(tech)).to.equal(PState.Defeated);
      expect(await f.governor.state(econ)).to.equal(PState.Succeeded);
      expect(await f.governor.proposalApprovalBps(123n)).to.equal(5_000n); // unknown id: OZ's rule
    });

    it("reads a typed proposal's approval at its snapshot: a later setTypeConfig does not change it", async () => {
      const f = await loadFixture(deployGovernance);
      const id = await propose(
        f.governor,
        f.alice,
        thresholdProposal(f, 6n * TOKEN, "old rule"),
        PType.EconomicParameter,
      );
      const data = f.governor.interface.encodeFunctionData("setTypeConfig", [
        PType.EconomicParameter,
        { quorumBps: 400, approvalBps: 7_000, minDelay: 2 * DAY },
      ]);
      await governanceExecute(
        f.governor,
        single(f.governor.target as string, data, "raise approval"),
        PType.EmergencyAction,
        [f.team, f.alice],
      );
      expect(await f.governor.proposalApprovalBps(id)).to.equal(5_000n);
      const later = await propose(
        f.governor,
        f.alice,
        thresholdProposal(f, 7n * TOKEN, "new rule"),
        PType.EconomicParameter,
      );
      await time.increaseTo((await f.governor.proposalSnapshot(later)) + 1n);
      expect(await f.governor.proposalApprovalBps(later)).to.equal(7_000n);
    });
  });

  describe("enumeration", () => {
    it("lists every proposal in creation order with its rules, and refuses an index past the end", async () => {
      const f = await loadFixture(deployGovernance);
      const pa = thresholdProposal(f, 8n * TOKEN, "enum a");
      const a = await proposePlain(f, pa);
      const b = await propose(f.governor, f.bob, thresholdProposal(f, 9n * TOKEN, "enum b"), PType.EconomicParameter);
      const c = await propose(f.governor, f.carol, thresholdProposal(f, 10n * TOKEN, "enum c"), PType.TechnicalUpgrade);
      expect(await f.governor.proposalCount()).to.equal(3n);
      expect([
        await f.governor.proposalIdAt(0),
        await f.governor.proposalIdAt(1),
        await f.governor.proposalIdAt(2),
      ]).to.deep.equal([a, b, c]);
      // While Pending the quorum is not known yet: 0.
      const pending = await f.governor.proposalDetailsAt(0);
      expect(pending.quorum).to.equal(0n);
      // A cancelled proposal stays listed: enumeration is activity, not only live proposals.
      await f.governor.connect(f.alice).cancel(pa.targets, pa.values, pa.calldatas, descriptionHash(pa));
      expect(await f.governor.state(a)).to.equal(PState.Canceled);
      await time.increaseTo((await f.governor.proposalSnapshot(c)) + 1n);
      const expected = [
        [a, f.alice.address, PType.TechnicalUpgrade, false, quorumOf(PType.TechnicalUpgrade), 5_000n],
        [b, f.bob.address, PType.EconomicParameter, true, quorumOf(PType.EconomicParameter), 5_000n],
        [c, f.carol.address, PType.TechnicalUpgrade, true, quorumOf(PType.TechnicalUpgrade), 6_000n],
      ] as const;
      for (let i = 0; i < 3; i++) {
        const [id, proposer, type, typed, quorum, approval] = expected[i];
        const d = await f.governor.proposalDetailsAt(i);
        expect({
          proposalId: d.proposalId,
          snapshot: d.snapshot,
          deadline: d.deadline,
          quorum: d.quorum,
          approvalBps: d.approvalBps,
          proposer: d.proposer,
          proposalType: d.proposalType,
          typed: d.typed,
        }).to.deep.equal({
          proposalId: id,
          snapshot: await f.governor.proposalSnapshot(id),
          deadline: await f.governor.proposalDeadline(id),
          quorum,
          approvalBps: approval,
          proposer,
          proposalType: BigInt(type),
          typed,
        });
        expect(quorum).to.equal(await f.governor.proposalQuorum(id));
      }
      await expect(f.governor.proposalIdAt(3))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorProposalIndexOutOfRange")
        .withArgs(3, 3);
      await expect(f.governor.proposalDetailsAt(7))
        .to.be.revertedWithCustomError(f.governor, "EconomyGovernorProposalIndexOutOfRange")
        .withArgs(7, 3);
    });
  });
});
