import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciEconomy, WFLX_PER_FLX, type BpciEconomy } from "../fixtures/preset";
import { defaultOf } from "../fixtures/tokens";
import { parameterKey } from "../../../sdk/bpci/core/parameters";
import { InterventionState as S, Level, Track } from "../../../sdk/bpci/core/stability";
import {
  descriptionHash,
  PType,
  safeExec,
  Vote,
  type Proposal,
  type SafeLike,
} from "../../helpers/fixtures/governance";
import { TOKEN } from "../../helpers/units";
import { checkBpciState } from "../invariants/state";

const FEED_ONE = 10n ** 8n;
const HALT = parameterKey("bpci.stability.mintHalted");
const MARGIN = parameterKey("bpci.aur.marginBps");

/** Passes `p` as an EmergencyAction proposal voted by alice (1,105,000 weighted votes) and executes it. */
async function govern(f: BpciEconomy, p: Proposal) {
  const { governor } = f;
  await governor
    .connect(f.alice)
    .proposeWithType(p.targets, p.values, p.calldatas, p.description, PType.EmergencyAction);
  const id = await governor.hashProposal(p.targets, p.values, p.calldatas, descriptionHash(p));
  await time.increaseTo((await governor.proposalSnapshot(id)) + 1n);
  await governor.connect(f.alice).castVote(id, Vote.For);
  await time.increaseTo((await governor.proposalDeadline(id)) + 1n);
  await governor.queue(p.targets, p.values, p.calldatas, descriptionHash(p));
  await time.increaseTo(await governor.proposalEta(id));
  return governor.execute(p.targets, p.values, p.calldatas, descriptionHash(p));
}

/** Refreshes the five monitor feeds at 1.0 (the governance cycle takes longer than their heartbeat). */
async function freshFeeds(f: BpciEconomy, flx = FEED_ONE) {
  for (const feed of [f.aurPriceFeed, f.goldPriceFeed, f.nexPriceFeed, f.nexReferenceFeed])
    await feed.updateAnswer(FEED_ONE);
  await f.flxPriceFeed.updateAnswer(flx);
}

describe("StabilityMonitor in the BPCI preset (governance, the council and guardian Safes, PoE mining)", () => {
  it("is wired: admin the timelock, proposer the council Safe, cancellers the timelock and the guardian Safe, PARAMETER_ADMIN_ROLE on the registry, the fast-path keys approved", async () => {
    const f = await loadFixture(deployBpciEconomy);
    const m = f.stability;
    const [timelock, council, guardian] = [
      await f.timelock.getAddress(),
      await f.council.getAddress(),
      await f.guardian.getAddress(),
    ];
    expect(await m.hasRole(ethers.ZeroHash, timelock)).to.equal(true);
    expect(await m.hasRole(ethers.ZeroHash, f.deployer.address)).to.equal(false);
    expect(await m.hasRole(await m.PROPOSER_ROLE(), council)).to.equal(true);
    expect(await m.hasRole(await m.CANCELLER_ROLE(), guardian)).to.equal(true);
    expect(await m.hasRole(await m.CANCELLER_ROLE(), timelock)).to.equal(true);
    expect(await f.registry.hasRole(await f.registry.PARAMETER_ADMIN_ROLE(), await m.getAddress())).to.equal(true);
    expect((await m.approvedKeys()).length).to.equal(9);
    const flx = await m.trackConfig(Track.FLX);
    expect([flx.price, flx.target, flx.fixedTarget]).to.deep.equal([
      await f.flxPriceFeed.getAddress(),
      ethers.ZeroAddress,
      TOKEN,
    ]);
  });

  it("a 30% FLX drop halts NEX issuance (the epoch closes, all of it withheld) and AUR minting, not AUR redemptions; an EmergencyAction proposal resumes minting", async () => {
    const f = await loadFixture(deployBpciEconomy);
    await freshFeeds(f, (FEED_ONE * 70n) / 100n);
    await expect(f.stability.check()).to.emit(f.stability, "EmergencyEntered").withArgs(Track.FLX, 3_000n, true);
    // A job in the halted epoch: the epoch closes, its whole base issuance is withheld and nothing is minted.
    const wflx = await f.wflx.getAddress();
    await f.mining.connect(f.bob).submitJob(f.miner.address, 0, wflx, 10_000n * TOKEN * WFLX_PER_FLX);
    await f.mining.connect(f.miner).confirmJob(2n);
    await time.increase(Number(await f.mining.EPOCH_LENGTH()));
    const minted = await f.nex.totalMinted();
    const base = defaultOf("bpci.poe.baseIssuance");
    await expect(f.mining.closeEpoch()).not.to.emit(f.nex, "NexMinted");
    const e = await f.mining.epochInfo(1n);
    expect([e.issued, e.withheld, await f.nex.totalMinted()]).to.deep.equal([0n, base, minted]);
    await expect(f.aur.connect(f.issuer).mint(f.alice.address, TOKEN))
      .to.be.revertedWithCustomError(f.aur, "AurMintingHalted")
      .withArgs(f.issuer.address);
    await expect(f.aur.connect(f.alice).redeem(10n * TOKEN, ethers.id("vault-7"))).to.changeTokenBalance(
      f.aur,
      f.alice,
      -10n * TOKEN,
    );

    const registry = await f.registry.getAddress();
    const p: Proposal = {
      targets: [registry],
      values: [0n],
      calldatas: [f.registry.interface.encodeFunctionData("set", [HALT, 0n])],
      description: "resume NEX and AUR minting after the FLX shock",
    };
    await expect(govern(f, p)).to.emit(f.registry, "ParameterChanged").withArgs(HALT, 1n, 0n);
    // Still the same episode (FLX at 0.7 once the feeds are fresh again): the resumption holds.
    await freshFeeds(f, (FEED_ONE * 70n) / 100n);
    await expect(f.stability.check()).not.to.emit(f.stability, "EmergencyEntered");
    await f.reserveFeed.updateAnswer((await f.reserveFeed.latestRoundData())[1]); // the custodian's daily report
    await expect(f.aur.connect(f.issuer).mint(f.alice.address, TOKEN)).to.changeTokenBalance(f.aur, f.alice, TOKEN);
    await checkBpciState(f); // GOV-13: the economy's invariants on the state the proposal left
  });

  it("the council Safe queues a pre-approved change while FLX is 20% off, anyone executes it 6 hours later; the guardian Safe cancels another", async () => {
    const f = await loadFixture(deployBpciEconomy);
    const signers = await ethers.getSigners();
    const [councilOwners, guardianOwners] = [signers.slice(4, 6), signers.slice(7, 9)];
    const m = f.stability;
    const monitor = await m.getAddress();
    await freshFeeds(f, (FEED_ONE * 120n) / 100n);
    const propose = (value: bigint, why: string) =>
      safeExec(
        f.council as unknown as SafeLike,
        councilOwners,
        monitor,
        m.interface.encodeFunctionData("propose", [[MARGIN], [value], why]),
      );
    await expect(propose(300n, "AUR margin 3% while FLX trades 20% above target"))
      .to.emit(m, "InterventionProposed")
      .withArgs(1n, await f.council.getAddress(), [MARGIN], [300n], anyTime, anyTime, Level.Intervention, anyString);
    await time.increase(defaultOf("bpci.stability.interventionDelay"));
    await expect(m.connect(f.bob).execute(1n)).to.emit(f.registry, "ParameterChanged").withArgs(MARGIN, 200n, 300n);
    expect(await m.interventionState(1n)).to.equal(BigInt(S.Executed));

    await propose(250n, "a second one");
    await safeExec(
      f.guardian as unknown as SafeLike,
      guardianOwners,
      monitor,
      m.interface.encodeFunctionData("cancel", [2n]),
    );
    expect(await m.interventionState(2n)).to.equal(BigInt(S.Cancelled));
    // An account outside the council cannot use the fast path.
    await expect(m.connect(f.alice).propose([MARGIN], [250n], "x"))
      .to.be.revertedWithCustomError(m, "AccessControlUnauthorizedAccount")
      .withArgs(f.alice.address, await m.PROPOSER_ROLE());
    await checkBpciState(f);
  });
});

/** withArgs predicates: any timestamp, any string. */
function anyTime(x: bigint): boolean {
  return typeof x === "bigint" && x > 0n;
}
function anyString(x: string): boolean {
  return typeof x === "string";
}
