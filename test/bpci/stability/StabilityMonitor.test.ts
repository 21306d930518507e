import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { fcRuns } from "../../helpers/fc";
import { DAY, defaultOf, deployBpciTokens, FEED_ONE, TOKEN } from "../fixtures/tokens";
import { BPCI_PARAMETERS, parameterKey } from "../../../sdk/bpci/core/parameters";
import {
  deviationBps,
  FAST_PATH_KEYS,
  InterventionState as S,
  Level,
  levelOf,
  overallLevel,
  Track,
} from "../../../sdk/bpci/core/stability";
import type { MockAggregatorV3, StabilityMonitor } from "../../../typechain-types";
import { HOUR } from "../../helpers/units";

const DELAY = defaultOf("bpci.stability.interventionDelay");
const GRACE = defaultOf("bpci.stability.interventionGrace");
const HEARTBEAT = defaultOf("bpci.stability.feedHeartbeat");
const HALT = parameterKey("bpci.stability.mintHalted");
const MARGIN = parameterKey("bpci.aur.marginBps");
const FEE = parameterKey("bpci.poe.feeBps");
const WEIGHT_V = parameterKey("bpci.poe.weightVolume");
const FEED_STATUS_STALE = 5n;
const FEED_STATUS_NON_POSITIVE = 6n;
const bit = (...states: number[]) =>
  ethers.toBeHex(
    states.reduce((a, s) => a | (1n << BigInt(s)), 0n),
    32,
  );
/** A feed answer (8 decimals) of `units` / 10^8 and its 18-decimal value. */
const wad = (answer: bigint) => answer * 10n ** 10n;

/**
 * The BPCI tokens, five mock price feeds at 1.0 (AUR, gold, FLX, NEX, NEX reference), a monitor tracking AUR against
 * gold, FLX against a fixed 1.0 and NEX against its reference, the council (carol) proposing, the guardian (dave)
 * cancelling, the fast-path keys approved, and PARAMETER_ADMIN_ROLE granted to the monitor.
 */
async function deployMonitor() {
  const f = await deployBpciTokens();
  const feed = async () =>
    (await ethers.deployContract("MockAggregatorV3", [8, FEED_ONE])) as unknown as MockAggregatorV3;
  const [aurPrice, gold, flxPrice, nexPrice, nexRef] = [
    await feed(),
    await feed(),
    await feed(),
    await feed(),
    await feed(),
  ];
  const tracks = [
    { price: await aurPrice.getAddress(), target: await gold.getAddress(), fixedTarget: 0n },
    { price: await flxPrice.getAddress(), target: ethers.ZeroAddress, fixedTarget: TOKEN },
    { price: await nexPrice.getAddress(), target: await nexRef.getAddress(), fixedTarget: 0n },
  ];
  const monitor = (await ethers.deployContract("StabilityMonitor", [
    f.admin.address,
    f.carol.address,
    f.dave.address,
    await f.registry.getAddress(),
    tracks,
    FAST_PATH_KEYS.map(parameterKey),
  ])) as unknown as StabilityMonitor;
  await f.registry.grantRole(await f.registry.PARAMETER_ADMIN_ROLE(), await monitor.getAddress());
  return { ...f, monitor, tracks, aurPrice, gold, flxPrice, nexPrice, nexRef };
}

type F = Awaited<ReturnType<typeof deployMonitor>>;

/** Moves FLX's price so that its deviation from 1.0 is `answer` / 10^8 - 1, and checks. */
async function flxAt(f: F, answer: bigint) {
  await f.flxPrice.updateAnswer(answer);
  return f.monitor.check();
}

/** Opens the fast path (FLX at 1.2, 20% above its target) and queues a margin change to 3%. */
async function queued() {
  const f = await loadFixture(deployMonitor);
  await f.flxPrice.updateAnswer((FEED_ONE * 12n) / 10n);
  await f.monitor.connect(f.carol).propose([MARGIN], [300n], "raise the AUR margin");
  const it = await f.monitor.getIntervention(1n);
  return { ...f, eta: it.eta, expiresAt: it.expiresAt };
}

describe("StabilityMonitor", () => {
  describe("deployment and configuration", () => {
    it("records the tracks, the roles and the approved keys, and emits TrackConfigured and KeyApproval", async () => {
      const f = await loadFixture(deployMonitor);
      const m = f.monitor;
      for (const t of [Track.AUR, Track.FLX, Track.NEX]) {
        const c = await m.trackConfig(t);
        expect([c.price, c.target, c.fixedTarget]).to.deep.equal([
          f.tracks[t].price,
          f.tracks[t].target,
          f.tracks[t].fixedTarget,
        ]);
      }
      expect(await m.hasRole(await m.DEFAULT_ADMIN_ROLE(), f.admin.address)).to.equal(true);
      expect(await m.hasRole(await m.CANCELLER_ROLE(), f.admin.address)).to.equal(true);
      expect(await m.hasRole(await m.CANCELLER_ROLE(), f.dave.address)).to.equal(true);
      expect(await m.hasRole(await m.PROPOSER_ROLE(), f.carol.address)).to.equal(true);
      expect(await m.registry()).to.equal(await f.registry.getAddress());
      expect(await m.approvedKeys()).to.deep.equal(FAST_PATH_KEYS.map(parameterKey));
      expect(await m.isApproved(MARGIN)).to.equal(true);
      expect(await m.isApproved(HALT)).to.equal(false);
      expect([await m.MAX_CHANGES(), await m.MAX_APPROVED_KEYS(), await m.interventionCount()]).to.deep.equal([
        8n,
        32n,
        0n,
      ]);
      const tx = m.deploymentTransaction()!;
      await expect(tx).to.emit(m, "TrackConfigured").withArgs(Track.FLX, f.tracks[1].price, ethers.ZeroAddress, TOKEN);
      await expect(tx).to.emit(m, "KeyApproval").withArgs(MARGIN, true);
    });

    it("refuses a zero admin or registry, and a track without a price feed or with both or neither targets", async () => {
      const f = await loadFixture(deployMonitor);
      const registry = await f.registry.getAddress();
      const deploy = (admin: string, reg: string, tracks = f.tracks) =>
        ethers.deployContract("StabilityMonitor", [admin, ethers.ZeroAddress, ethers.ZeroAddress, reg, tracks, []]);
      await expect(deploy(ethers.ZeroAddress, registry)).to.be.revertedWithCustomError(
        f.monitor,
        "StabilityZeroAddress",
      );
      await expect(deploy(f.admin.address, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.monitor,
        "StabilityZeroAddress",
      );
      const noPrice = { ...f.tracks[0], price: ethers.ZeroAddress };
      await expect(deploy(f.admin.address, registry, [noPrice, f.tracks[1], f.tracks[2]]))
        .to.be.revertedWithCustomError(f.monitor, "StabilityInvalidTrack")
        .withArgs(Track.AUR, ethers.ZeroAddress, f.tracks[0].target, 0n);
      const both = { ...f.tracks[2], fixedTarget: 1n };
      await expect(f.monitor.configureTrack(Track.NEX, both))
        .to.be.revertedWithCustomError(f.monitor, "StabilityInvalidTrack")
        .withArgs(Track.NEX, both.price, both.target, 1n);
      const neither = { ...f.tracks[1], fixedTarget: 0n };
      await expect(f.monitor.configureTrack(Track.FLX, neither))
        .to.be.revertedWithCustomError(f.monitor, "StabilityInvalidTrack")
        .withArgs(Track.FLX, neither.price, ethers.ZeroAddress, 0n);
    });

    it("lets only the admin reconfigure a track (a fixed FLX target of 1.05) and approve keys", async () => {
      const f = await loadFixture(deployMonitor);
      const cfg = { ...f.tracks[1], fixedTarget: (TOKEN * 105n) / 100n };
      await expect(f.monitor.connect(f.stranger).configureTrack(Track.FLX, cfg))
        .to.be.revertedWithCustomError(f.monitor, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, ethers.ZeroHash);
      await expect(f.monitor.configureTrack(Track.FLX, cfg))
        .to.emit(f.monitor, "TrackConfigured")
        .withArgs(Track.FLX, cfg.price, ethers.ZeroAddress, cfg.fixedTarget);
      // 1.0 against 1.05: 0.05 / 1.05 = 476.19 bps, rounded up.
      expect((await f.monitor.reading(Track.FLX)).deviationBps).to.equal(477n);
      await expect(f.monitor.connect(f.carol).approveKey(FEE, false))
        .to.be.revertedWithCustomError(f.monitor, "AccessControlUnauthorizedAccount")
        .withArgs(f.carol.address, ethers.ZeroHash);
    });

    it("approves and removes keys once (no event when nothing changes), refuses unknown and bpci.stability keys, and at most 32", async () => {
      const f = await loadFixture(deployMonitor);
      const m = f.monitor;
      await expect(m.approveKey(FEE, false)).to.emit(m, "KeyApproval").withArgs(FEE, false);
      await expect(m.approveKey(FEE, false)).not.to.emit(m, "KeyApproval");
      await expect(m.approveKey(FEE, true)).to.emit(m, "KeyApproval").withArgs(FEE, true);
      await expect(m.approveKey(FEE, true)).not.to.emit(m, "KeyApproval");
      for (const name of [
        "bpci.stability.mintHalted",
        "bpci.stability.interventionBps",
        "bpci.stability.emergencyBps",
        "bpci.stability.feedHeartbeat",
        "bpci.stability.interventionDelay",
        "bpci.stability.interventionGrace",
      ]) {
        await expect(m.approveKey(parameterKey(name), true))
          .to.be.revertedWithCustomError(m, "StabilityKeyNotApprovable")
          .withArgs(parameterKey(name));
      }
      const unknown = parameterKey("bpci.nope.nothing");
      await expect(m.approveKey(unknown, true))
        .to.be.revertedWithCustomError(f.registry, "ParameterUnknown")
        .withArgs(unknown);
      // 9 approved; the catalogue's other keys outside bpci.stability bring it to 32, and one more is refused.
      const stability = new Set(
        BPCI_PARAMETERS.filter((p) => p.name.startsWith("bpci.stability.")).map((p) => parameterKey(p.name)),
      );
      const allowed = [];
      for (let i = 0n; i < (await f.registry.keyCount()); i++) {
        const k = await f.registry.keyAt(i);
        if (!(await m.isApproved(k)) && !stability.has(k)) allowed.push(k);
      }
      // One more key defined in the registry, so that a 33rd exists.
      const extra = parameterKey("bpci.test.extra");
      await f.registry.defineParameter({ key: extra, value: 1n, min: 0n, max: 2n, maxDelta: 1n, period: 1 });
      allowed.push(extra);
      expect(allowed.length).to.be.greaterThanOrEqual(24);
      for (const k of allowed.slice(0, 23)) await m.approveKey(k, true);
      expect((await m.approvedKeys()).length).to.equal(32);
      await expect(m.approveKey(allowed[23], true))
        .to.be.revertedWithCustomError(m, "StabilityTooManyKeys")
        .withArgs(32n);
    });
  });

  describe("readings", () => {
    it("rounds deviations up, so that a deviation of exactly 10% is Normal and 10.000001% is Intervention", async () => {
      const f = await loadFixture(deployMonitor);
      const cases: [bigint, bigint, Level][] = [
        [(FEED_ONE * 110n) / 100n, 1_000n, Level.Normal],
        [(FEED_ONE * 110n) / 100n + 1n, 1_001n, Level.Intervention],
        [(FEED_ONE * 90n) / 100n, 1_000n, Level.Normal],
        [(FEED_ONE * 90n) / 100n - 1n, 1_001n, Level.Intervention],
        [(FEED_ONE * 125n) / 100n, 2_500n, Level.Intervention],
        [(FEED_ONE * 125n) / 100n + 1n, 2_501n, Level.Emergency],
        [(FEED_ONE * 75n) / 100n - 1n, 2_501n, Level.Emergency],
        [FEED_ONE, 0n, Level.Normal],
      ];
      for (const [answer, bps, level] of cases) {
        await f.flxPrice.updateAnswer(answer);
        const r = await f.monitor.reading(Track.FLX);
        expect([r.priceStatus, r.targetStatus, r.price, r.target, r.deviationBps, r.level]).to.deep.equal([
          0n,
          0n,
          wad(answer),
          TOKEN,
          bps,
          BigInt(level),
        ]);
        // The SDK mirror gives the same deviation and level.
        expect(deviationBps(wad(answer), TOKEN)).to.equal(bps);
        expect(levelOf(bps, { interventionBps: 1_000n, emergencyBps: 2_500n })).to.equal(level);
      }
    });

    it("compares AUR with the gold feed (both moving) and reads a stale or non-positive feed as Unknown, never Normal", async () => {
      const f = await loadFixture(deployMonitor);
      await f.gold.updateAnswer(2_000n * FEED_ONE);
      await f.aurPrice.updateAnswer(2_300n * FEED_ONE);
      const r = await f.monitor.reading(Track.AUR);
      expect([r.price, r.target, r.deviationBps, r.level]).to.deep.equal([
        wad(2_300n * FEED_ONE),
        wad(2_000n * FEED_ONE),
        1_500n,
        BigInt(Level.Intervention),
      ]);
      await f.gold.updateAnswer(0n);
      const bad = await f.monitor.reading(Track.AUR);
      expect([bad.priceStatus, bad.targetStatus, bad.target, bad.deviationBps, bad.level]).to.deep.equal([
        0n,
        FEED_STATUS_NON_POSITIVE,
        0n,
        0n,
        BigInt(Level.Unknown),
      ]);
      // Every feed fresh at 1.0 (Normal), then more than 26 hours (the heartbeat) pass: all three stale.
      // (The heartbeat's exact second is FeedReader's own test: test/kit/oracles.)
      for (const feed of [f.aurPrice, f.gold, f.flxPrice, f.nexPrice, f.nexRef]) await feed.updateAnswer(FEED_ONE);
      expect((await f.monitor.status()).level).to.equal(BigInt(Level.Normal));
      await time.increase(HEARTBEAT + 10n);
      const stale = await f.monitor.status();
      expect(stale.level).to.equal(BigInt(Level.Unknown));
      expect(stale.readings.map((x) => [x.priceStatus, x.level])).to.deep.equal([
        [FEED_STATUS_STALE, BigInt(Level.Unknown)],
        [FEED_STATUS_STALE, BigInt(Level.Unknown)],
        [FEED_STATUS_STALE, BigInt(Level.Unknown)],
      ]);
      expect(overallLevel([undefined, 0n, 0n], { interventionBps: 1_000n, emergencyBps: 2_500n })).to.equal(
        Level.Unknown,
      );
    });

    it("property: for random AUR and gold answers, the contract's deviation and level equal the SDK's (deviationBps, levelOf, overallLevel)", async () => {
      const f = await loadFixture(deployMonitor);
      const t = { interventionBps: 1_000n, emergencyBps: 2_500n };
      await fc.assert(
        fc.asyncProperty(fc.bigInt(1n, 10n ** 14n), fc.bigInt(1n, 10n ** 14n), async (price, gold) => {
          await f.aurPrice.updateAnswer(price);
          await f.gold.updateAnswer(gold);
          const r = await f.monitor.reading(Track.AUR);
          const d = deviationBps(wad(price), wad(gold));
          expect([r.deviationBps, r.level]).to.deep.equal([d, BigInt(levelOf(d, t))]);
          expect((await f.monitor.status()).level).to.equal(BigInt(overallLevel([d, 0n, 0n], t)));
        }),
        fcRuns(40),
      );
    });

    it("returns everything in one status call: live and recorded levels, thresholds, halt and the readings", async () => {
      const f = await loadFixture(deployMonitor);
      await f.nexPrice.updateAnswer((FEED_ONE * 88n) / 100n);
      const s = await f.monitor.status();
      expect([
        s.level,
        s.recorded,
        s.emergency,
        s.mintHalted,
        s.interventionBps,
        s.emergencyBps,
        s.interventions,
      ]).to.deep.equal([BigInt(Level.Intervention), BigInt(Level.Normal), false, false, 1_000n, 2_500n, 0n]);
      expect(s.readings.map((r) => r.deviationBps)).to.deep.equal([0n, 0n, 1_200n]);
    });
  });

  describe("check", () => {
    it("records a new level with LevelChanged (the three deviations), and nothing while it stays", async () => {
      const f = await loadFixture(deployMonitor);
      await f.nexPrice.updateAnswer((FEED_ONE * 115n) / 100n);
      const tx = await f.monitor.check();
      await expect(tx).to.emit(f.monitor, "LevelChanged").withArgs(Level.Normal, Level.Intervention, 0n, 0n, 1_500n);
      const at = BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp);
      await expect(f.monitor.check()).not.to.emit(f.monitor, "LevelChanged");
      const s = await f.monitor.status();
      expect([s.recorded, s.recordedSince]).to.deep.equal([BigInt(Level.Intervention), at]);
      await expect(flxAt(f, FEED_ONE * 2n))
        .to.emit(f.monitor, "LevelChanged")
        .withArgs(Level.Intervention, Level.Emergency, 0n, 10_000n, 1_500n);
      expect(await f.monitor.check.staticCall()).to.equal(BigInt(Level.Emergency));
    });

    it("halts NEX and AUR minting on entering an emergency, but never transfers, burns or AUR redemptions", async () => {
      const f = await loadFixture(deployMonitor);
      await f.nex.connect(f.minter).mint(f.alice.address, 10n * TOKEN);
      await f.aur.connect(f.issuer).mint(f.alice.address, 10n * TOKEN);
      await expect(flxAt(f, (FEED_ONE * 70n) / 100n))
        .to.emit(f.monitor, "EmergencyEntered")
        .withArgs(Track.FLX, 3_000n, true)
        .and.to.emit(f.registry, "ParameterChanged")
        .withArgs(HALT, 0n, 1n);
      expect(await f.registry.get(HALT)).to.equal(1n);
      await expect(f.nex.connect(f.minter).mint(f.alice.address, 1n))
        .to.be.revertedWithCustomError(f.nex, "NexMintingHalted")
        .withArgs(f.minter.address);
      await expect(f.aur.connect(f.issuer).mint(f.alice.address, 1n))
        .to.be.revertedWithCustomError(f.aur, "AurMintingHalted")
        .withArgs(f.issuer.address);
      expect((await f.nex.yearlyAllowance()).remaining).to.equal(0n);
      expect((await f.aur.maxMintable()).mintable).to.equal(0n);
      await expect(f.aur.connect(f.alice).redeem(4n * TOKEN, ethers.ZeroHash))
        .to.emit(f.aur, "Redeemed")
        .withArgs(1n, f.alice.address, 4n * TOKEN, ethers.ZeroHash);
      await expect(f.nex.connect(f.alice).transfer(f.bob.address, TOKEN)).to.changeTokenBalances(
        f.nex,
        [f.alice, f.bob],
        [-TOKEN, TOKEN],
      );
      await expect(f.aur.connect(f.alice).transfer(f.bob.address, TOKEN)).to.changeTokenBalances(
        f.aur,
        [f.alice, f.bob],
        [-TOKEN, TOKEN],
      );
      await expect(f.nex.connect(f.alice).burn(TOKEN)).to.changeTokenBalance(f.nex, f.alice, -TOKEN);
      const s = await f.monitor.status();
      expect([s.emergency, s.mintHalted]).to.deep.equal([true, true]);
    });

    it("halts once per episode: governance's resumption holds while the episode lasts; a new episode halts again", async () => {
      const f = await loadFixture(deployMonitor);
      await flxAt(f, FEED_ONE * 2n);
      // Governance (the registry admin) resumes while FLX still deviates by 100%.
      await f.registry.set(HALT, 0n);
      await expect(f.monitor.check()).not.to.emit(f.monitor, "EmergencyEntered");
      expect(await f.registry.get(HALT)).to.equal(0n);
      await f.nex.connect(f.minter).mint(f.alice.address, TOKEN);
      // A stale feed does not end the episode (Unknown is not "below the threshold").
      await time.increase(HEARTBEAT + 1n);
      await expect(f.monitor.check()).not.to.emit(f.monitor, "EmergencyCleared");
      expect((await f.monitor.status()).emergency).to.equal(true);
      for (const feed of [f.aurPrice, f.gold, f.nexPrice, f.nexRef]) await feed.updateAnswer(FEED_ONE);
      await expect(flxAt(f, (FEED_ONE * 112n) / 100n)).to.emit(f.monitor, "EmergencyCleared");
      expect((await f.monitor.status()).emergency).to.equal(false);
      await expect(flxAt(f, (FEED_ONE * 126n) / 100n))
        .to.emit(f.monitor, "EmergencyEntered")
        .withArgs(Track.FLX, 2_600n, true);
      expect(await f.registry.get(HALT)).to.equal(1n);
    });

    it("reports the most deviating known token, and does not halt twice when the flag is already set", async () => {
      const f = await loadFixture(deployMonitor);
      await f.registry.set(HALT, 1n);
      await f.nexPrice.updateAnswer((FEED_ONE * 140n) / 100n);
      await f.flxPrice.updateAnswer((FEED_ONE * 130n) / 100n);
      await f.gold.updateAnswer(0n);
      await expect(f.monitor.check())
        .to.emit(f.monitor, "EmergencyEntered")
        .withArgs(Track.NEX, 4_000n, false)
        .and.not.to.emit(f.registry, "ParameterChanged");
      expect((await f.monitor.status()).emergency).to.equal(true);
    });

    it("does not revert when the registry refuses the halt (key frozen by a bounds change): it retries on the next check", async () => {
      const f = await loadFixture(deployMonitor);
      await f.registry.setBounds(HALT, 0n, 1n, 1n, Number(DAY));
      await expect(flxAt(f, FEED_ONE * 2n))
        .to.emit(f.monitor, "EmergencyEntered")
        .withArgs(Track.FLX, 10_000n, false);
      expect([(await f.monitor.status()).emergency, await f.registry.get(HALT)]).to.deep.equal([false, 0n]);
      await time.increase(DAY);
      for (const feed of [f.aurPrice, f.gold, f.flxPrice, f.nexPrice, f.nexRef]) await feed.updateAnswer(FEED_ONE);
      await expect(flxAt(f, FEED_ONE * 2n))
        .to.emit(f.monitor, "EmergencyEntered")
        .withArgs(Track.FLX, 10_000n, true);
      expect(await f.registry.get(HALT)).to.equal(1n);
    });
  });

  describe("the intervention fast path", () => {
    it("is closed while every token is within 10% (or unknown): StabilityNotDeviated with the level", async () => {
      const f = await loadFixture(deployMonitor);
      await f.flxPrice.updateAnswer((FEED_ONE * 110n) / 100n);
      await expect(f.monitor.connect(f.carol).propose([MARGIN], [300n], "x"))
        .to.be.revertedWithCustomError(f.monitor, "StabilityNotDeviated")
        .withArgs(Level.Normal);
      await f.gold.updateAnswer(-1n);
      await expect(f.monitor.connect(f.carol).propose([MARGIN], [300n], "x"))
        .to.be.revertedWithCustomError(f.monitor, "StabilityNotDeviated")
        .withArgs(Level.Unknown);
    });

    it("queues pre-approved changes within bounds: InterventionProposed, executable 6 hours later for 3 days", async () => {
      const f = await loadFixture(deployMonitor);
      await f.flxPrice.updateAnswer((FEED_ONE * 80n) / 100n);
      const t = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(t);
      const tx = f.monitor.connect(f.carol).propose([MARGIN, FEE], [300n, 120n], "margin 3%, fee 1.2%");
      await expect(tx)
        .to.emit(f.monitor, "InterventionProposed")
        .withArgs(
          1n,
          f.carol.address,
          [MARGIN, FEE],
          [300n, 120n],
          t + DELAY,
          t + DELAY + GRACE,
          Level.Intervention,
          "margin 3%, fee 1.2%",
        );
      await expect(tx).to.emit(f.monitor, "LevelChanged").withArgs(Level.Normal, Level.Intervention, 0n, 2_000n, 0n);
      const it = await f.monitor.getIntervention(1n);
      expect([it.proposer, it.eta, it.expiresAt, it.executed, it.cancelled, it.levelAtProposal]).to.deep.equal([
        f.carol.address,
        t + DELAY,
        t + DELAY + GRACE,
        false,
        false,
        BigInt(Level.Intervention),
      ]);
      // Result's own keys() and values() methods shadow the two arrays' names: read them by position.
      expect([[...it[7]], [...it[8]], it.descriptionHash]).to.deep.equal([
        [MARGIN, FEE],
        [300n, 120n],
        ethers.id("margin 3%, fee 1.2%"),
      ]);
      expect(await f.monitor.interventionState(1n)).to.equal(BigInt(S.Queued));
      expect(DELAY).to.equal(6n * HOUR);
    });

    it("refuses non-proposers, empty, oversized or mismatched change sets, unapproved or duplicate keys and out-of-bounds values", async () => {
      const f = await loadFixture(deployMonitor);
      const m = f.monitor;
      await f.flxPrice.updateAnswer((FEED_ONE * 80n) / 100n);
      const carol = m.connect(f.carol);
      await expect(m.connect(f.stranger).propose([MARGIN], [1n], ""))
        .to.be.revertedWithCustomError(m, "AccessControlUnauthorizedAccount")
        .withArgs(f.stranger.address, await m.PROPOSER_ROLE());
      await expect(carol.propose([], [], ""))
        .to.be.revertedWithCustomError(m, "StabilityBadChanges")
        .withArgs(0n, 0n, 8n);
      await expect(carol.propose([MARGIN], [1n, 2n], ""))
        .to.be.revertedWithCustomError(m, "StabilityBadChanges")
        .withArgs(1n, 2n, 8n);
      const nine = FAST_PATH_KEYS.map(parameterKey);
      await expect(
        carol.propose(
          nine,
          nine.map(() => 0n),
          "",
        ),
      )
        .to.be.revertedWithCustomError(m, "StabilityBadChanges")
        .withArgs(9n, 9n, 8n);
      await expect(carol.propose([HALT], [0n], ""))
        .to.be.revertedWithCustomError(m, "StabilityKeyNotApproved")
        .withArgs(HALT);
      await expect(carol.propose([FEE, MARGIN, FEE], [100n, 200n, 110n], ""))
        .to.be.revertedWithCustomError(m, "StabilityDuplicateKey")
        .withArgs(FEE);
      await expect(carol.propose([MARGIN, FEE], [300n, 501n], ""))
        .to.be.revertedWithCustomError(m, "StabilityValueOutOfBounds")
        .withArgs(FEE, 501n, 10n, 500n);
      await expect(carol.propose([FEE], [9n], ""))
        .to.be.revertedWithCustomError(m, "StabilityValueOutOfBounds")
        .withArgs(FEE, 9n, 10n, 500n);
    });

    it("executes from the ETA to the expiry inclusive (anyone), writes the registry and emits InterventionExecuted", async () => {
      const f = await queued();
      const allowed = bit(S.Executable);
      await time.setNextBlockTimestamp(f.eta - 1n);
      await expect(f.monitor.connect(f.stranger).execute(1n))
        .to.be.revertedWithCustomError(f.monitor, "StabilityUnexpectedState")
        .withArgs(1n, S.Queued, allowed);
      await time.setNextBlockTimestamp(f.eta);
      await expect(f.monitor.connect(f.stranger).execute(1n))
        .to.emit(f.monitor, "InterventionExecuted")
        .withArgs(1n, f.stranger.address)
        .and.to.emit(f.registry, "ParameterChanged")
        .withArgs(MARGIN, 200n, 300n);
      expect(await f.registry.get(MARGIN)).to.equal(300n);
      expect(await f.monitor.interventionState(1n)).to.equal(BigInt(S.Executed));
      await expect(f.monitor.execute(1n))
        .to.be.revertedWithCustomError(f.monitor, "StabilityUnexpectedState")
        .withArgs(1n, S.Executed, allowed);
      await expect(f.monitor.execute(2n))
        .to.be.revertedWithCustomError(f.monitor, "StabilityUnexpectedState")
        .withArgs(2n, S.None, allowed);
      await expect(f.monitor.getIntervention(2n))
        .to.be.revertedWithCustomError(f.monitor, "StabilityUnexpectedState")
        .withArgs(2n, S.None, bit(S.Queued, S.Executable, S.Executed, S.Expired, S.Cancelled));
    });

    it("expires one second after the expiry; the registry's rate limit still applies at execution", async () => {
      const f = await queued();
      await time.increaseTo(f.expiresAt);
      expect(await f.monitor.interventionState(1n)).to.equal(BigInt(S.Executable));
      await time.increaseTo(f.expiresAt + 1n);
      expect(await f.monitor.interventionState(1n)).to.equal(BigInt(S.Expired));
      await expect(f.monitor.execute(1n))
        .to.be.revertedWithCustomError(f.monitor, "StabilityUnexpectedState")
        .withArgs(1n, S.Expired, bit(S.Executable));
      // A PoE weight at most 0.1 per 30 days: a jump of 0.5 is refused by the registry when executed.
      await f.flxPrice.updateAnswer((FEED_ONE * 80n) / 100n);
      const w = defaultOf("bpci.poe.weightVolume");
      await f.monitor.connect(f.carol).propose([WEIGHT_V], [w + TOKEN / 2n], "too fast");
      await time.increase(DELAY);
      await expect(f.monitor.execute(2n)).to.be.revertedWithCustomError(f.registry, "ParameterChangeTooFast");
      expect(await f.monitor.interventionState(2n)).to.equal(BigInt(S.Executable));
    });

    it("is cancelled by the timelock or the guardian while Queued or Executable, by nobody else, and never after", async () => {
      const f = await queued();
      const allowed = bit(S.Queued, S.Executable);
      await expect(f.monitor.connect(f.carol).cancel(1n))
        .to.be.revertedWithCustomError(f.monitor, "AccessControlUnauthorizedAccount")
        .withArgs(f.carol.address, await f.monitor.CANCELLER_ROLE());
      await expect(f.monitor.connect(f.dave).cancel(1n))
        .to.emit(f.monitor, "InterventionCancelled")
        .withArgs(1n, f.dave.address);
      expect(await f.monitor.interventionState(1n)).to.equal(BigInt(S.Cancelled));
      await expect(f.monitor.cancel(1n))
        .to.be.revertedWithCustomError(f.monitor, "StabilityUnexpectedState")
        .withArgs(1n, S.Cancelled, allowed);
      await time.increase(DELAY);
      await expect(f.monitor.execute(1n))
        .to.be.revertedWithCustomError(f.monitor, "StabilityUnexpectedState")
        .withArgs(1n, S.Cancelled, bit(S.Executable));
      // An Executable one: the timelock (admin) cancels it; an Expired one cannot be cancelled.
      await f.monitor.connect(f.carol).propose([MARGIN], [250n], "again");
      await time.increase(DELAY);
      await expect(f.monitor.cancel(2n)).to.emit(f.monitor, "InterventionCancelled").withArgs(2n, f.admin.address);
      await f.monitor.connect(f.carol).propose([MARGIN], [250n], "third");
      await time.increase(DELAY + GRACE + 1n);
      await expect(f.monitor.connect(f.dave).cancel(3n))
        .to.be.revertedWithCustomError(f.monitor, "StabilityUnexpectedState")
        .withArgs(3n, S.Expired, allowed);
    });
  });
});
