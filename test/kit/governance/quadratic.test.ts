import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  PState,
  PType,
  TOKEN,
  VOTES,
  Vote,
  deployQuadraticGovernance,
  propose,
  single,
} from "../../helpers/fixtures/governance";

/** floor(sqrt(n)), like OZ Math.sqrt. */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

describe("EconomyGovernor quadratic counting", () => {
  describe("given a quadratic deployment", () => {
    it("counts sqrt(votes) per voter and measures quorum on linear turnout", async () => {
      const f = await loadFixture(deployQuadraticGovernance);
      expect(await f.governor.quadratic()).to.equal(true);
      const id = await propose(
        f.governor,
        f.alice,
        single(await f.governor.getAddress(), "0x", "q"),
        PType.EconomicParameter,
      );
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      // getVotes stays linear.
      expect(await f.governor.getVotes(f.alice.address, await f.governor.proposalSnapshot(id))).to.equal(VOTES.alice);
      await expect(f.governor.connect(f.alice).castVote(id, Vote.For))
        .to.emit(f.governor, "VoteCast")
        .withArgs(f.alice.address, id, Vote.For, isqrt(VOTES.alice), "");
      await f.governor.connect(f.carol).castVote(id, Vote.Abstain);
      await f.governor.connect(f.team).castVote(id, Vote.Against);
      expect(await f.governor.proposalVotes(id)).to.deep.equal([
        isqrt(VOTES.team),
        isqrt(VOTES.alice),
        isqrt(VOTES.carol),
      ]);
      // Quorum: linear for + abstain (30M + 5M), against excluded; needed 4% of 400M = 16M.
      expect(await f.governor.quorumVotes(id)).to.equal(VOTES.alice + VOTES.carol);
      expect(await f.governor.proposalQuorum(id)).to.equal(16_000_000n * TOKEN);
      await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
      // sqrt(30M) < sqrt(100M): defeated on approval although quorum is reached.
      expect(await f.governor.state(id)).to.equal(PState.Defeated);
    });

    it("lets many small holders outvote one large holder where linear counting would not", async () => {
      const f = await loadFixture(deployQuadraticGovernance);
      const gov = await f.governor.getAddress();
      const a = await propose(f.governor, f.alice, single(gov, "0x", "a"), PType.EconomicParameter);
      const b = await propose(f.governor, f.alice, single(gov, "0x", "b"), PType.TechnicalUpgrade);
      await time.increaseTo((await f.governor.proposalSnapshot(b)) + 1n);
      for (const id of [a, b]) {
        await f.governor.connect(f.team).castVote(id, Vote.Against); // 100M linear
        for (const v of [f.alice, f.bob, f.carol]) await f.governor.connect(v).castVote(id, Vote.For); // 55M linear
      }
      await time.increaseTo((await f.governor.proposalDeadline(b)) + 1n);
      const forVotes = isqrt(VOTES.alice) + isqrt(VOTES.bob) + isqrt(VOTES.carol);
      const against = isqrt(VOTES.team);
      // 54.9% for: passes a simple majority, fails TechnicalUpgrade's 60%.
      expect(forVotes * 10_000n > 5_000n * (forVotes + against)).to.equal(true);
      expect(forVotes * 10_000n > 6_000n * (forVotes + against)).to.equal(false);
      expect(await f.governor.state(a)).to.equal(PState.Succeeded);
      expect(await f.governor.state(b)).to.equal(PState.Defeated);
    });

    it("shows the sybil caveat: splitting a holding over two addresses counts sqrt(2) times more", async () => {
      const f = await loadFixture(deployQuadraticGovernance);
      const half = VOTES.alice / 2n;
      await f.token.connect(f.alice).transfer(f.stranger.address, half);
      await f.token.connect(f.stranger).delegate(f.stranger.address);
      await time.increase(1);
      const id = await propose(
        f.governor,
        f.bob,
        single(await f.governor.getAddress(), "0x", "s"),
        PType.EconomicParameter,
      );
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      await f.governor.connect(f.alice).castVote(id, Vote.For);
      await f.governor.connect(f.stranger).castVote(id, Vote.For);
      const [, forVotes] = await f.governor.proposalVotes(id);
      expect(forVotes).to.equal(2n * isqrt(half));
      expect(forVotes).to.be.greaterThan(isqrt(VOTES.alice)); // ~1.414x the unsplit weight
      expect(await f.governor.quorumVotes(id)).to.equal(VOTES.alice); // quorum is not inflated by splitting
    });
  });
});
