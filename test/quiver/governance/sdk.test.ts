import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  readElectorate,
  readProposal,
  readProposalAt,
  readProposalCount,
  readProposalPage,
  readVotingPower,
} from "../../../sdk/kit/chain/governance";
import { InvalidArgumentError, type ContractRevertError } from "../../../sdk/kit/core/errors";
import { PType, propose, single } from "../../helpers/fixtures/governance";
import { QUIV } from "../fixtures/foundation";
import { deployQuiver } from "../fixtures/quiver";

/** QUIVer preset; the team delegates its QUIV and stakes 20,000 QUIV as a provider (30,000 votes at 1.5x). */
async function staked() {
  const f = await deployQuiver();
  const staking = await f.staking.getAddress();
  await f.quiv.connect(f.team).delegate(f.team.address);
  await f.quiv.connect(f.team).approve(staking, 20_000n * QUIV);
  await f.staking.connect(f.team).registerProvider(1_000n);
  await f.staking.connect(f.team).stake(20_000n * QUIV);
  await time.increase(1);
  return { ...f, stakingAddress: staking };
}

describe("SDK governance readers for governance UIs (sdk/kit/chain/governance.ts)", () => {
  it("readElectorate: token() with its metadata, clock and the sources behind it", async () => {
    const f = await loadFixture(staked);
    expect(await readElectorate(f.governor)).to.deep.equal({
      token: await f.governor.token(),
      name: "QUIVer Governor votes",
      symbol: "vQUIV",
      decimals: 18,
      clockMode: "mode=timestamp",
      sources: [
        { token: await f.quiv.getAddress(), weightBps: 10_000n, wrapsFirst: false },
        { token: f.stakingAddress, weightBps: 15_000n, wrapsFirst: true },
      ],
    });
  });

  it("readVotingPower: a staker's power now and at a past timepoint, per source and in total, as the governor counts it", async () => {
    const f = await loadFixture(staked);
    const team = f.team.address;
    const free = await f.quiv.getVotes(team);
    const now = await readVotingPower(f.governor, team);
    expect(now).to.deep.equal({
      account: team,
      timepoint: null,
      votes: free + 30_000n * QUIV,
      bySource: [
        { token: await f.quiv.getAddress(), weightBps: 10_000n, votes: free },
        { token: f.stakingAddress, weightBps: 15_000n, votes: 20_000n * QUIV },
      ],
    });
    const t = BigInt((await time.latest()) - 1);
    const past = await readVotingPower(f.governor, team, t);
    expect(past.votes).to.equal(await f.governor.getVotes(team, t));
    expect(past.votes).to.equal(now.votes);
    expect(past.timepoint).to.equal(t);
    await expect(readVotingPower(f.governor, "0x1234")).to.be.rejectedWith(InvalidArgumentError);
  });

  it("readProposalCount / readProposalAt / readProposalPage: the on-chain list with rules, newest first, bounded", async () => {
    const f = await loadFixture(staked);
    const gov = await f.governor.getAddress();
    const ids: bigint[] = [];
    for (const [i, type] of [PType.EconomicParameter, PType.TreasurySpending, PType.EmergencyAction].entries()) {
      ids.push(await propose(f.governor, f.team, single(gov, "0x", `SDK list ${i}`), type));
    }
    await f.governor.connect(f.team).propose([gov], [0n], ["0x"], "SDK list plain");
    expect(await readProposalCount(f.governor)).to.equal(4n);
    const plain = await readProposalAt(f.governor, 3n);
    expect(plain).to.deep.include({
      index: 3n,
      proposer: f.team.address,
      typeName: "TechnicalUpgrade",
      typed: false,
      approvalBps: 5_000n,
      quorum: null,
      stateName: "Pending",
    });
    const page = await readProposalPage(f.governor, { limit: 2 });
    expect(page.map((p) => p.index)).to.deep.equal([3n, 2n]);
    expect(page[1]).to.deep.include({ id: ids[2], typeName: "EmergencyAction", typed: true, approvalBps: 6_667n });
    const forward = await readProposalPage(f.governor, { start: 1n, newestFirst: false });
    expect(forward.map((p) => p.id)).to.deep.equal([ids[1], ids[2], plain.id]);
    await time.increaseTo(plain.snapshot + 1n);
    const active = await readProposalAt(f.governor, 0n);
    expect(active.stateName).to.equal("Active");
    expect(active.quorum).to.equal(await f.governor.proposalQuorum(ids[0]));
    expect((await readProposal(f.governor, ids[0])).approvalBps).to.equal(5_000n);
    expect((await readProposal(f.governor, plain.id)).quorum).to.equal(await f.governor.quorum(plain.snapshot));
    const past = await readProposalAt(f.governor, 4n).catch((e: unknown) => e);
    expect((past as ContractRevertError).errorName).to.equal("EconomyGovernorProposalIndexOutOfRange");
    await expect(readProposalPage(f.governor, { limit: 0 })).to.be.rejectedWith(InvalidArgumentError, /1 to 100/);
    await expect(readProposalAt(f.governor, -1n)).to.be.rejectedWith(InvalidArgumentError);
  });
});
