import { expect } from "chai";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { predictOutcome, readProposal } from "../../../sdk/kit/chain/governance";
import { fcRuns } from "../../helpers/fc";
import { TOKEN, deployGovernance, descriptionHash, single } from "../../helpers/fixtures/governance";

const VOTERS = 4;
const NO_VOTE = 3;

/** The kit fixture plus four fresh voters (signers 14..17) without tokens. */
async function withVoters() {
  const f = await deployGovernance();
  const { ethers } = await import("hardhat");
  const voters = (await ethers.getSigners()).slice(14, 14 + VOTERS);
  return { ...f, voters };
}

/**
 * A governance UI's prediction from the standard tallies and the per-proposal rules (`proposalQuorum`,
 * `proposalApprovalBps`, via the SDK's `predictOutcome`) matches `state()` after the deadline, for plain and typed
 * proposals over random electorates and votes (ties, exact approval boundaries and exact quorums included: the
 * holdings are whole millions).
 */
describe("EconomyGovernor outcome as a UI predicts it (plain propose on OZ's rule, typed on the type's)", () => {
  it("predictOutcome(readProposal(id)) == state(id) after the deadline", async () => {
    let runs = 0;
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 25 }), { minLength: VOTERS, maxLength: VOTERS }),
        fc.array(fc.integer({ min: 0, max: NO_VOTE }), { minLength: VOTERS, maxLength: VOTERS }),
        fc.constantFrom(-1, -1, -1, 0, 1, 2, 3), // -1: plain propose, else the type of proposeWithType
        async (millions, supports, type) => {
          const f = await loadFixture(withVoters);
          for (let i = 0; i < VOTERS; i++) {
            const v = f.voters[i];
            if (millions[i] !== 0)
              await f.token.connect(f.ecosystem).transfer(v.address, BigInt(millions[i]) * 1_000_000n * TOKEN);
            await f.token.connect(v).delegate(v.address);
          }
          await time.increase(1);
          const gov = await f.governor.getAddress();
          const p = single(gov, "0x", `outcome ${runs++}`);
          if (type < 0) await f.governor.connect(f.team).propose(p.targets, p.values, p.calldatas, p.description);
          else await f.governor.connect(f.team).proposeWithType(p.targets, p.values, p.calldatas, p.description, type);
          const id = await f.governor.hashProposal(p.targets, p.values, p.calldatas, descriptionHash(p));
          await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
          for (let i = 0; i < VOTERS; i++) {
            if (supports[i] !== NO_VOTE && millions[i] !== 0)
              await f.governor.connect(f.voters[i]).castVote(id, supports[i]);
          }
          await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
          const info = await readProposal(f.governor, id);
          const predicted = predictOutcome({ ...info, quorum: info.quorum! });
          expect(info.stateName, JSON.stringify({ millions, supports, type })).to.equal(predicted);
          seen.add(`${type < 0 ? "plain" : "typed"}:${predicted}`);
        },
      ),
      fcRuns(30),
    );
    // The campaign reached both outcomes for both kinds of proposal.
    expect([...seen].sort()).to.deep.equal(["plain:Defeated", "plain:Succeeded", "typed:Defeated", "typed:Succeeded"]);
  });

  it("predictOutcome: the rule's edges (exact quorum counts, an exact approval share does not pass)", () => {
    const votes = (f: bigint, a: bigint, ab = 0n) => ({ for: f, against: a, abstain: ab });
    expect(predictOutcome({ votes: votes(60n, 40n), quorum: 100n, approvalBps: 5_000n })).to.equal("Defeated"); // 60 < 100
    expect(predictOutcome({ votes: votes(60n, 40n, 40n), quorum: 100n, approvalBps: 5_000n })).to.equal("Succeeded");
    expect(predictOutcome({ votes: votes(60n, 40n), quorum: 60n, approvalBps: 6_000n })).to.equal("Defeated"); // exactly 60%
    expect(predictOutcome({ votes: votes(61n, 40n), quorum: 60n, approvalBps: 6_000n })).to.equal("Succeeded");
    expect(predictOutcome({ votes: votes(50n, 50n), quorum: 1n, approvalBps: 5_000n })).to.equal("Defeated"); // tie
    expect(predictOutcome({ votes: votes(9n, 0n), quorumVotes: 81n, quorum: 81n, approvalBps: 5_000n })).to.equal(
      "Succeeded",
    ); // quadratic: counted sqrt, quorum on linear turnout
  });
});
