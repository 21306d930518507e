import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { ZeroAddress, id as keccakString } from "ethers";
import { deployQuiver } from "../quiver/fixtures/quiver";
import { ContractRevertError, InvalidArgumentError, parameterKey } from "../../sdk/kit/core";
import {
  findProposal,
  inspectTargets,
  parseProposalId,
  parseProposalType,
  parseSupport,
  proposalState,
  readGovernorSettings,
  readGrant,
  readProposal,
  readProposals,
  readTreasuryAsset,
  readTypeConfigs,
  readVoteSources,
  scanOpcodes,
} from "../../sdk/kit/chain";
import {
  buildCastVote,
  buildClaimGrant,
  buildExecute,
  buildParameterSet,
  buildProposeWithType,
  buildQueue,
  encodeRequest,
  hashProposal,
  proposalActions,
  propose,
  send,
  withProposerSuffix,
  buildDelegate,
} from "../../sdk/kit/tx";
import { QUIVER_PARAMETERS } from "../../sdk/quiver";
import { DAY } from "../helpers/units";
import { TOKEN as Q } from "../helpers/units";

const FEE = "quiver.market.treasuryFeeBps";

/** The QUIVer preset with the team's 100M QUIV delegated to itself (enough to propose and reach quorum). */
async function governance() {
  const f = await deployQuiver();
  await send(f.team, buildDelegate(await f.quiv.getAddress(), f.team.address));
  const registry = await f.registry.getAddress();
  const governor = await f.governor.getAddress();
  const actions = proposalActions([buildParameterSet(registry, FEE, 250n, QUIVER_PARAMETERS)]);
  return { ...f, registryAddress: registry, governorAddress: governor, actions };
}

describe("SDK governance and treasury (QUIVer preset, in-process chain)", () => {
  describe("pure helpers", () => {
    it("parse proposal types by name, short name and enum value", () => {
      expect(parseProposalType("TechnicalUpgrade")).to.equal(0);
      expect(parseProposalType("economic-parameter")).to.equal(1);
      expect(parseProposalType("treasury")).to.equal(2);
      expect(parseProposalType("EMERGENCY")).to.equal(3);
      expect(parseProposalType(2)).to.equal(2);
      expect(parseProposalType("3")).to.equal(3);
      for (const bad of ["", "tech-upgrade-x", "4", -1, 1.5, "eco"]) {
        expect(() => parseProposalType(bad as never), String(bad)).to.throw(InvalidArgumentError);
      }
    });

    it("parse votes and proposal ids", () => {
      expect([parseSupport("for"), parseSupport("Against"), parseSupport("abstain"), parseSupport(2)]).to.deep.equal([
        1, 0, 2, 2,
      ]);
      expect(() => parseSupport("yes")).to.throw(InvalidArgumentError, /for, against or abstain/);
      expect(parseProposalId("0x10")).to.equal(16n);
      expect(() => parseProposalId("-1")).to.throw(InvalidArgumentError);
      expect(() => parseProposalId(1n << 256n)).to.throw(InvalidArgumentError);
    });

    it("scan bytecode for DELEGATECALL and SELFDESTRUCT, skipping PUSH data", () => {
      expect(scanOpcodes("0x")).to.deep.equal({ delegatecall: false, selfdestruct: false });
      expect(scanOpcodes("0x60f4")).to.deep.equal({ delegatecall: false, selfdestruct: false }); // PUSH1 0xf4
      expect(scanOpcodes("0x7f" + "ff".repeat(32) + "00")).to.deep.equal({ delegatecall: false, selfdestruct: false });
      expect(scanOpcodes("0x60f4f4")).to.deep.equal({ delegatecall: true, selfdestruct: false });
      expect(scanOpcodes("0x00ff")).to.deep.equal({ delegatecall: false, selfdestruct: true });
    });

    it("append the #proposer= suffix once, and refuse a suffix for someone else", () => {
      const me = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
      const d = withProposerSuffix("Raise the fee", me.toLowerCase());
      expect(d).to.equal(`Raise the fee#proposer=${me}`);
      expect(withProposerSuffix(d, me)).to.equal(d);
      expect(() => withProposerSuffix(d, "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65")).to.throw(
        InvalidArgumentError,
        /already restricted/,
      );
    });

    it("builders validate their input and encode the governor's functions", () => {
      const gov = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
      const actions = proposalActions([{ to: gov, data: "0x1234", value: 0n }]);
      const spec = { ...actions, description: "x" };
      expect(encodeRequest(buildProposeWithType(gov, spec, "economic")).data.slice(0, 10)).to.equal(
        ethers.id("proposeWithType(address[],uint256[],bytes[],string,uint8)").slice(0, 10),
      );
      expect(encodeRequest(buildCastVote(gov, 1n, "for")).data.slice(0, 10)).to.equal(
        ethers.id("castVote(uint256,uint8)").slice(0, 10),
      );
      expect(encodeRequest(buildCastVote(gov, 1n, "for", "why")).data.slice(0, 10)).to.equal(
        ethers.id("castVoteWithReason(uint256,uint8,string)").slice(0, 10),
      );
      const payable = proposalActions([
        { to: gov, data: "0x", value: 3n },
        { to: gov, data: "0x", value: 4n },
      ]);
      expect(encodeRequest(buildExecute(gov, { ...payable, description: "x" })).value).to.equal(7n);
      expect(() => proposalActions([])).to.throw(InvalidArgumentError, /at least one action/);
      expect(() => proposalActions([{ to: gov, data: "0x123", value: 0n }])).to.throw(InvalidArgumentError, /hex/);
      expect(() => proposalActions([{ to: gov, data: "0x", value: -1n }])).to.throw(InvalidArgumentError);
      expect(() => buildProposeWithType(gov, { ...actions, values: [], description: "x" }, 0)).to.throw(
        InvalidArgumentError,
        /same length/,
      );
      expect(() => buildClaimGrant(gov, -1n)).to.throw(InvalidArgumentError);
      expect(() => buildCastVote("0x1234", 1n, "for")).to.throw(InvalidArgumentError);
    });
  });

  describe("given the deployed preset", () => {
    it("reads the governor settings, the weighted vote sources and every type config", async () => {
      const f = await loadFixture(governance);
      const settings = await readGovernorSettings(f.governor);
      expect(settings).to.deep.include({
        name: "QUIVer Governor",
        votingDelay: 86_400n,
        votingPeriod: 432_000n,
        proposalThreshold: 100_000n * Q,
        quadratic: false,
        timelock: await f.timelock.getAddress(),
      });
      expect(await readVoteSources(f.governor)).to.deep.equal([
        { token: await f.quiv.getAddress(), weightBps: 10_000n, wrapsFirst: false },
        { token: await f.staking.getAddress(), weightBps: 15_000n, wrapsFirst: true },
      ]);
      const types = await readTypeConfigs(f.governor);
      expect(types.map((t) => [t.typeName, t.quorumBps, t.approvalBps, t.minDelay])).to.deep.equal([
        ["TechnicalUpgrade", 500n, 6_000n, 604_800n],
        ["EconomicParameter", 400n, 5_000n, 172_800n],
        ["TreasurySpending", 500n, 5_000n, 259_200n],
        ["EmergencyAction", 1_500n, 6_667n, 86_400n],
      ]);
    });

    it("takes an EconomicParameter proposal through propose, vote (with reason), queue and execute", async () => {
      const f = await loadFixture(governance);
      const { governor, team, governorAddress, actions } = f;
      expect(await f.registry.get(parameterKey(FEE))).to.equal(200n);

      const { proposalId, description, receipt } = await propose(
        team,
        governorAddress,
        actions,
        "Raise the treasury fee to 2.5%",
        "economic",
      );
      expect(description).to.equal(`Raise the treasury fee to 2.5%#proposer=${team.address}`);
      expect(proposalId).to.equal(
        await governor.hashProposal(
          [...actions.targets],
          [...actions.values],
          [...actions.calldatas],
          keccakString(description),
        ),
      );
      const created = BigInt((await ethers.provider.getBlock(receipt.blockNumber))!.timestamp);
      let p = await readProposal(governor, proposalId);
      expect(p).to.deep.include({
        stateName: "Pending",
        typeName: "EconomicParameter",
        type: 1,
        proposer: team.address,
        quorum: null, // the snapshot supply is not known yet
      });
      expect([p.snapshot, p.deadline, p.eta]).to.deep.equal([created + DAY, created + DAY + 5n * DAY, 0n]);

      await time.increaseTo(p.snapshot + 1n);
      expect(await proposalState(governor, proposalId)).to.equal("Active");
      await expect(send(team, buildCastVote(governorAddress, proposalId, "for", "cheaper is not better")))
        .to.emit(governor, "VoteCast")
        .withArgs(team.address, proposalId, 1n, 100_000_000n * Q, "cheaper is not better");
      p = await readProposal(governor, proposalId);
      expect(p.votes).to.deep.equal({ against: 0n, for: 100_000_000n * Q, abstain: 0n });
      expect(p.quorum).to.equal((400_000_000n * Q * 400n) / 10_000n); // 4% of the weighted supply (nothing staked)
      expect(p.quorumVotes).to.equal(100_000_000n * Q);

      await time.increaseTo(p.deadline + 1n);
      const record = await findProposal(governor, proposalId);
      expect(record).to.deep.include({ description, typeName: "EconomicParameter", stateName: "Succeeded" });
      const q = await send(team, buildQueue(governorAddress, record));
      const queuedAt = BigInt((await ethers.provider.getBlock(q.blockNumber))!.timestamp);
      p = await readProposal(governor, proposalId);
      expect(p.stateName).to.equal("Queued");
      expect(p.eta).to.equal(queuedAt + 2n * DAY); // the EconomicParameter delay, above the timelock's 1 day

      // Too early: the timelock refuses, decoded.
      const early = await send(team, buildExecute(governorAddress, record)).catch((e: unknown) => e);
      expect(early).to.be.instanceOf(ContractRevertError);
      expect((early as ContractRevertError).errorName).to.equal("TimelockUnexpectedOperationState");

      await time.increaseTo(p.eta);
      await expect(send(team, buildExecute(governorAddress, record)))
        .to.emit(f.registry, "ParameterChanged")
        .withArgs(parameterKey(FEE), 200n, 250n);
      expect(await f.registry.get(parameterKey(FEE))).to.equal(250n);
      expect(await proposalState(governor, proposalId)).to.equal("Executed");
      const listed = await readProposals(governor, { chunkSize: 7 });
      expect(listed.map((x) => [x.id, x.stateName, x.typeName])).to.deep.equal([
        [proposalId, "Executed", "EconomicParameter"],
      ]);
      expect(listed[0].values).to.deep.equal([0n]);
      const [target] = await inspectTargets(ethers.provider, [...listed[0].targets, f.registryAddress]);
      expect(target).to.deep.equal({
        target: f.registryAddress,
        codeHash: ethers.keccak256(await ethers.provider.getCode(f.registryAddress)),
        hasCode: true,
        delegatecall: false,
        selfdestruct: false,
      });
      const [eoa] = await inspectTargets(ethers.provider, [team.address]);
      expect([eoa.hasCode, eoa.codeHash]).to.deep.equal([false, ethers.keccak256("0x")]);
      expect(listed[0].calldatas).to.deep.equal(actions.calldatas);
    });

    it("the #proposer= suffix stops a front-runner; errors come back typed", async () => {
      const f = await loadFixture(governance);
      const { governor, team, ecosystem, governorAddress, actions } = f;
      // ecosystem holds 150M, delegated to itself, so it meets the threshold: only the suffix stops it.
      await send(ecosystem, buildDelegate(await f.quiv.getAddress(), ecosystem.address));
      const text = withProposerSuffix("Raise the fee", team.address);
      const copied = await propose(ecosystem, governorAddress, actions, text, 1, { suffix: false }).catch(
        (e: unknown) => e,
      );
      expect(copied).to.be.instanceOf(ContractRevertError);
      expect((copied as ContractRevertError).errorName).to.equal("GovernorRestrictedProposer");
      expect((copied as ContractRevertError).args).to.deep.equal([ecosystem.address]);

      const { proposalId } = await propose(team, governorAddress, actions, text, 1, { suffix: false });
      expect(hashProposal({ ...actions, description: text })).to.equal(proposalId);
      const tooEarly = await send(team, buildCastVote(governorAddress, proposalId, "for")).catch((e: unknown) => e);
      expect((tooEarly as ContractRevertError).errorName).to.equal("GovernorUnexpectedProposalState");
      const unknown = await readProposal(governor, 42n).catch((e: unknown) => e);
      expect((unknown as ContractRevertError).errorName).to.equal("GovernorNonexistentProposal");
      await expect(findProposal(governor, 42n)).to.be.rejectedWith(InvalidArgumentError, /no proposal 42/);
    });

    it("reads the treasury's balances and budgets, and a grantee claims a grant exactly", async () => {
      const f = await loadFixture(governance);
      const quiv = await f.quiv.getAddress();
      expect(await readTreasuryAsset(f.treasury, quiv)).to.deep.equal({
        token: quiv,
        balance: 150_000_000n * Q,
        reserved: 0n,
        spendable: 150_000_000n * Q,
        budget: 1_000_000n * Q,
        remainingBudget: 1_000_000n * Q,
        budgetPeriod: 2_592_000n,
      });
      expect((await readTreasuryAsset(f.treasury)).budget).to.equal(10n * Q); // ETH
      expect((await readTreasuryAsset(f.treasury, ZeroAddress)).balance).to.equal(0n);

      // A grant as governance would create it (the timelock is the treasury's admin).
      const timelock = await ethers.getImpersonatedSigner(await f.timelock.getAddress());
      await setBalance(timelock.address, 10n ** 18n);
      const grantee = f.signers[12];
      const start = BigInt(await time.latest()) + 3_600n; // an hour ahead: wall-clock time passes on a loaded machine
      await f.treasury.connect(timelock).createGrant(quiv, grantee.address, 1_000n * Q, start, start, 100n * DAY);
      let g = await readGrant(f.treasury, 0n);
      expect(g).to.deep.include({
        grantee: grantee.address,
        token: quiv,
        amount: 1_000n * Q,
        claimed: 0n,
        claimable: 0n,
      });
      expect((await readTreasuryAsset(f.treasury, quiv)).reserved).to.equal(1_000n * Q);

      await time.increaseTo(start + 25n * DAY - 1n); // the claim's block is at start + 25 days: a quarter vested
      const treasury = await f.treasury.getAddress();
      const before = await f.quiv.balanceOf(grantee.address);
      await send(grantee, buildClaimGrant(treasury, 0n));
      expect((await f.quiv.balanceOf(grantee.address)) - before).to.equal(250n * Q);
      g = await readGrant(f.treasury, 0n);
      expect([g.claimed, g.claimable]).to.deep.equal([250n * Q, 0n]);

      const notMine = await send(f.team, buildClaimGrant(treasury, 0n)).catch((e: unknown) => e);
      expect((notMine as ContractRevertError).errorName).to.equal("TreasuryNotGrantee");
      expect((notMine as ContractRevertError).args).to.deep.equal([0n, f.team.address, grantee.address]);
      const missing = await readGrant(f.treasury, 9n).catch((e: unknown) => e);
      expect((missing as ContractRevertError).errorName).to.equal("TreasuryUnknownGrant");
    });
  });
});
