import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { CAESAR, SKIP, agentsDefaults, authOf, chainId, deployAgentsWith, signAuth, tupleOf } from "./fixtures";
import { caesarDefault } from "../../../sdk/caesar/core/parameters";
import { efficiencyBps, regionalPoints, relayPoints } from "../../../sdk/caesar/core/rewards";
import { authorizationDigest } from "../../../sdk/caesar/core/authorization";

const HOP = caesarDefault("caesar.agents.hopPenaltyBps");

describe("CaesarProcessor", () => {
  describe("a relayed authorization", () => {
    it("hashes the typed data like the SDK (EIP-712 domain of this chain and contract)", async () => {
      const { processor, alice, bob } = await loadFixture(agentsDefaults);
      const a = await authOf(alice, bob.address, 5n * CAESAR);
      const expected = authorizationDigest(
        { chainId: await chainId(), verifyingContract: await processor.getAddress() },
        a,
      );
      expect(await processor.hashAuthorization(tupleOf(a))).to.equal(expected);
    });

    it("credits no points for dust an agent relays between its own addresses (no fee paid, nothing earned)", async () => {
      const { token, processor, alice, agent1 } = await loadFixture(agentsDefaults);
      // The agent's second address, funded once; 1-wei payments pay no fee (the 3% cap rounds to 0).
      const sybil = (await ethers.getSigners())[18];
      await token.connect(alice).transfer(sybil.address, 10n * CAESAR);
      const auths = [];
      for (let i = 0; i < 5; i++) auths.push(await authOf(sybil, agent1.address, 1n));
      const sigs = await Promise.all(auths.map((a) => signAuth(sybil, a, processor.target as string)));
      const tx = processor.connect(agent1).processBatch(auths.map(tupleOf), sigs);
      for (const a of auths) {
        await expect(tx)
          .to.emit(processor, "AuthorizationProcessed")
          .withArgs(agent1.address, sybil.address, a.nonce, 0n);
      }
    });

    it("moves exactly what a plain transfer in the same block moves, and credits the agent fee-scaled points", async () => {
      const { token, processor, distributor, alice, bob, agent1 } = await loadFixture(agentsDefaults);
      const amount = 1_234n * CAESAR + 567n;
      const a = await authOf(alice, bob.address, amount);
      const sig = await signAuth(alice, a, await processor.getAddress());
      const at = (await time.latest()) + 100;
      // Twin run: a plain transfer at the same timestamp from the same state.
      const snap = await network.provider.send("evm_snapshot", []);
      await time.setNextBlockTimestamp(at);
      const quote = await token.quoteTransfer(alice.address, bob.address, amount); // at the latest block
      const plainReceipt = await (await token.connect(alice).transfer(bob.address, amount)).wait();
      const plainCharged = plainReceipt!.logs
        .map((l) => token.interface.parseLog(l))
        .find((e) => e?.name === "TransferCharged")!;
      const plainAlice = await token.balanceOf(alice.address);
      const plainBob = await token.balanceOf(bob.address);
      const plainAccrued = await token.accrued();
      await network.provider.send("evm_revert", [snap]);

      await time.setNextBlockTimestamp(at);
      const fee = quote.fee;
      const points = relayPoints(fee, quote.demurrage, 10_000n);
      const epoch = await distributor.currentEpoch();
      await expect(processor.connect(agent1).process(tupleOf(a), sig))
        .to.emit(token, "Transfer")
        .withArgs(alice.address, bob.address, quote.net)
        .and.to.emit(token, "TransferCharged")
        .withArgs(alice.address, fee, 0n, plainCharged.args.rounding)
        .and.to.emit(processor, "AuthorizationProcessed")
        .withArgs(agent1.address, alice.address, a.nonce, points)
        .and.to.emit(distributor, "PointsRecorded")
        .withArgs(agent1.address, epoch, points, points * 10_000n);
      expect(fee).to.be.greaterThan(0n);
      expect(await token.balanceOf(alice.address)).to.equal(plainAlice);
      expect(await token.balanceOf(bob.address)).to.equal(plainBob);
      expect(await token.accrued()).to.equal(plainAccrued);
      expect(await processor.nonceUsed(alice.address, a.nonce)).to.equal(true);
      expect((await distributor.agentEpochOf(agent1.address, epoch)).points).to.equal(points);
    });

    it("rejects a single bad authorization with CaesarProcessorRejected(from, nonce, reason)", async () => {
      const { processor, alice, bob, agent1 } = await loadFixture(agentsDefaults);
      const a = await authOf(alice, bob.address, CAESAR);
      const sig = await signAuth(alice, a, await processor.getAddress());
      await processor.connect(agent1).process(tupleOf(a), sig);
      await expect(processor.connect(agent1).process(tupleOf(a), sig))
        .to.be.revertedWithCustomError(processor, "CaesarProcessorRejected")
        .withArgs(alice.address, a.nonce, SKIP.NonceUsed);
    });

    it("takes authorizations from active agents only", async () => {
      const { processor, agents, alice, bob, carol, agent1 } = await loadFixture(agentsDefaults);
      const a = await authOf(alice, bob.address, CAESAR);
      const sig = await signAuth(alice, a, await processor.getAddress());
      await expect(processor.connect(carol).process(tupleOf(a), sig))
        .to.be.revertedWithCustomError(processor, "CaesarProcessorNotAgent")
        .withArgs(carol.address);
      await agents.connect(agent1).exit();
      await expect(processor.connect(agent1).processBatch([tupleOf(a)], [sig]))
        .to.be.revertedWithCustomError(processor, "CaesarProcessorNotAgent")
        .withArgs(agent1.address);
    });

    it("lets only the processor call the token's authorized transfer", async () => {
      const { token, alice, bob, agent1 } = await loadFixture(agentsDefaults);
      await expect(token.connect(agent1).transferFromAuthorized(alice.address, bob.address, 1n, 0n, 10_000n))
        .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
        .withArgs(agent1.address, await token.PROCESSOR_ROLE());
    });

    it("scales points by the efficiency: hops between the payer's and the agent's region, 0 when the source reverts", async () => {
      const { token, processor, admin, alice, bob, agent2 } = await loadFixture(agentsDefaults);
      const hops = await ethers.deployContract("MockRegionHops");
      await expect(processor.connect(admin).setRegionHops(await hops.getAddress()))
        .to.emit(processor, "RegionHopsChanged")
        .withArgs(await hops.getAddress());
      // Payer in region 5, agent2 in region 2: 3 hops, 70% efficiency.
      const a = await authOf(alice, bob.address, 100n * CAESAR, { region: 5 });
      const sig = await signAuth(alice, a, await processor.getAddress());
      const q = await token.quoteTransfer(alice.address, bob.address, a.amount);
      const eff = efficiencyBps(3n, HOP);
      expect(eff).to.equal(7_000n);
      await expect(processor.connect(agent2).process(tupleOf(a), sig))
        .to.emit(processor, "AuthorizationProcessed")
        .withArgs(agent2.address, alice.address, a.nonce, relayPoints(q.fee, q.demurrage, eff));
      await hops.setBroken(true);
      const b = await authOf(alice, bob.address, 100n * CAESAR, { region: 9 });
      const sigB = await signAuth(alice, b, await processor.getAddress());
      const qb = await token.quoteTransfer(alice.address, bob.address, b.amount);
      await expect(processor.connect(agent2).process(tupleOf(b), sigB))
        .to.emit(processor, "AuthorizationProcessed")
        .withArgs(agent2.address, alice.address, b.nonce, relayPoints(qb.fee, qb.demurrage, 10_000n));
    });

    it("with the RegionalPriceMatrix as source: hops from its graph, points weighted by its modifier, exactly", async () => {
      const { token, processor, registry, admin, alice, bob, agent2 } = await loadFixture(agentsDefaults);
      const matrix = await ethers.deployContract("RegionalPriceMatrix", [await registry.getAddress(), admin.address]);
      await matrix.setRegion(1, 10_000n, 10_000n, 10_500n);
      await matrix.setRegion(2, 11_000n, 9_000n, 11_000n);
      await matrix.setEdge(1, 2, 200n, -300n);
      await processor.connect(admin).setRegionHops(await matrix.getAddress());
      // Payer in region 1, agent2 in region 2: 1 hop (90% efficiency); the modifier of region 1 seen from 2:
      // 10,000 x 10,000 x 10,500 (1 hop at 1.05) x 10,000 (hour) x 10,200 (spillover 200 / 1) / 1e16 = 10,710.
      const a = await authOf(alice, bob.address, 100n * CAESAR, { region: 1 });
      const sig = await signAuth(alice, a, await processor.getAddress());
      const eff = efficiencyBps(1n, HOP);
      expect(eff).to.equal(9_000n);
      expect(await matrix.quote(1, (await time.latest()) + 1, 2)).to.equal(10_710n);
      expect(await processor.regionalModifier(1, 2)).to.equal(10_710n);
      expect(await processor.regionalModifier(0, 2)).to.equal(10_000n);
      // the payer's fee carries the same modifier: 1.071 x the plain transfer's (CaesarFeeMath, rounded up)
      const q = await token.quoteAuthorized(alice.address, bob.address, a.amount, 10_710n);
      const plain = await token.quoteTransfer(alice.address, bob.address, a.amount);
      expect(q.fee).to.equal((plain.fee * 10_710n + 9_999n) / 10_000n);
      const points = regionalPoints(relayPoints(q.fee, q.demurrage, eff), 10_710n);
      await expect(processor.connect(agent2).process(tupleOf(a), sig))
        .to.emit(processor, "AuthorizationProcessed")
        .withArgs(agent2.address, alice.address, a.nonce, points)
        .and.to.emit(token, "TransferCharged")
        .withArgs(alice.address, q.fee, 0n, anyValue);
      // A payer without a region: neutral modifier, 0 hops.
      const b = await authOf(alice, bob.address, 100n * CAESAR, { region: 0 });
      const sigB = await signAuth(alice, b, await processor.getAddress());
      const qb = await token.quoteTransfer(alice.address, bob.address, b.amount);
      await expect(processor.connect(agent2).process(tupleOf(b), sigB))
        .to.emit(processor, "AuthorizationProcessed")
        .withArgs(agent2.address, alice.address, b.nonce, relayPoints(qb.fee, qb.demurrage, 10_000n));
    });

    it("clamps a source's modifier to [0.5, 2.0]: 1 -> 5,000, 50,000 -> 20,000, 12,345 as is", async () => {
      const { token, processor, admin, alice, bob, agent2 } = await loadFixture(agentsDefaults);
      const src = await ethers.deployContract("MockRegionalModifier");
      await processor.connect(admin).setRegionHops(await src.getAddress());
      for (const [value, applied] of [
        [1n, 5_000n],
        [50_000n, 20_000n],
        [12_345n, 12_345n],
      ]) {
        await src.setValue(value);
        expect(await processor.regionalModifier(1, 2)).to.equal(applied);
        const a = await authOf(alice, bob.address, 100n * CAESAR, { region: 1 });
        const sig = await signAuth(alice, a, await processor.getAddress());
        const q = await token.quoteAuthorized(alice.address, bob.address, a.amount, applied);
        await expect(processor.connect(agent2).process(tupleOf(a), sig))
          .to.emit(processor, "AuthorizationProcessed")
          .withArgs(
            agent2.address,
            alice.address,
            a.nonce,
            regionalPoints(relayPoints(q.fee, q.demurrage, 10_000n), applied),
          );
      }
    });

    it("a payer's maxFee bounds the regional fee: the neutral fee is skipped at 2.0, twice the neutral fee passes", async () => {
      const { token, processor, admin, alice, bob, agent2 } = await loadFixture(agentsDefaults);
      const src = await ethers.deployContract("MockRegionalModifier");
      await processor.connect(admin).setRegionHops(await src.getAddress());
      await src.setValue(20_000n);
      const amount = 100n * CAESAR;
      const plain = await token.quoteTransfer(alice.address, bob.address, amount);
      const doubled = await token.quoteAuthorized(alice.address, bob.address, amount, 20_000n);
      expect(doubled.fee).to.equal(2n * plain.fee); // 0.1% base, 100 CAESAR: exact in wei, no rounding
      const a = await authOf(alice, bob.address, amount, { maxFee: plain.fee });
      const sig = await signAuth(alice, a, await processor.getAddress());
      await expect(processor.connect(agent2).process(tupleOf(a), sig))
        .to.be.revertedWithCustomError(processor, "CaesarProcessorRejected")
        .withArgs(alice.address, a.nonce, 6n); // FeeAboveMax
      const b = await authOf(alice, bob.address, amount, { maxFee: 2n * plain.fee });
      const sigB = await signAuth(alice, b, await processor.getAddress());
      await expect(processor.connect(agent2).process(tupleOf(b), sigB))
        .to.emit(token, "TransferCharged")
        .withArgs(alice.address, doubled.fee, 0n, anyValue);
    });

    it("lets a payer invalidate unsubmitted nonces", async () => {
      const { processor, alice, bob, agent1 } = await loadFixture(agentsDefaults);
      const a = await authOf(alice, bob.address, CAESAR, { nonce: (7n << 8n) | 3n });
      const sig = await signAuth(alice, a, await processor.getAddress());
      await expect(processor.connect(alice).invalidateNonces(7n, 1n << 3n))
        .to.emit(processor, "NoncesInvalidated")
        .withArgs(alice.address, 7n, 1n << 3n);
      expect(await processor.nonceBitmap(alice.address, 7n)).to.equal(8n);
      await expect(processor.connect(agent1).process(tupleOf(a), sig))
        .to.be.revertedWithCustomError(processor, "CaesarProcessorRejected")
        .withArgs(alice.address, a.nonce, SKIP.NonceUsed);
    });
  });

  describe("a batch", () => {
    it("skips every bad authorization with its reason and processes the rest", async () => {
      const { token, processor, distributor, alice, bob, carol, agent1, admin, registry } =
        await loadFixture(agentsDefaults);
      const proc = await processor.getAddress();
      const now = BigInt(await time.latest());
      const good1 = await authOf(alice, bob.address, 10n * CAESAR);
      const good2 = await authOf(bob, carol.address, 20n * CAESAR + 1n);
      const good3 = await authOf(carol, alice.address, 3n * CAESAR);
      const expired = await authOf(alice, bob.address, CAESAR, { validBefore: now });
      const early = await authOf(alice, bob.address, CAESAR, { validAfter: now + 3_600n });
      const forged = await authOf(alice, bob.address, CAESAR);
      const crossChain = await authOf(alice, bob.address, CAESAR);
      const crossContract = await authOf(alice, bob.address, CAESAR);
      const lowFee = await authOf(alice, bob.address, 100n * CAESAR, { maxFee: 1n });
      const broke = await authOf(carol, bob.address, 10n ** 30n, { maxFee: 10n ** 29n });
      const zeroTo = await authOf(alice, ethers.ZeroAddress, CAESAR);
      const other = await ethers.deployContract("CaesarProcessor", [
        await token.getAddress(),
        (await processor.contracts()).agents,
        await distributor.getAddress(),
        await registry.getAddress(),
        admin.address,
      ]);
      const list = [
        [good1, await signAuth(alice, good1, proc)],
        [expired, await signAuth(alice, expired, proc)],
        [good2, await signAuth(bob, good2, proc)],
        [early, await signAuth(alice, early, proc)],
        [forged, await signAuth(bob, forged, proc)],
        [crossChain, await signAuth(alice, crossChain, proc, 1n)],
        [crossContract, await signAuth(alice, crossContract, await other.getAddress())],
        [lowFee, await signAuth(alice, lowFee, proc)],
        [broke, await signAuth(carol, broke, proc)],
        [zeroTo, await signAuth(alice, zeroTo, proc)],
        [good1, await signAuth(alice, good1, proc)], // replayed inside the batch
        [good3, await signAuth(carol, good3, proc)],
      ] as const;
      const quotes = [
        await token.quoteTransfer(alice.address, bob.address, good1.amount),
        await token.quoteTransfer(bob.address, carol.address, good2.amount),
        await token.quoteTransfer(carol.address, alice.address, good3.amount),
      ];
      const points = quotes.reduce((s, q) => s + relayPoints(q.fee, q.demurrage, 10_000n), 0n);
      const [processed, returnedPoints] = await processor.connect(agent1).processBatch.staticCall(
        list.map(([a]) => tupleOf(a)),
        list.map(([, s]) => s),
      );
      expect(processed).to.equal(3n);
      expect(returnedPoints).to.equal(points);
      const people = [alice.address, bob.address, carol.address, await agent1.getAddress(), proc];
      const before = await Promise.all(people.map((a) => token.balanceOf(a)));
      const tx = processor.connect(agent1).processBatch(
        list.map(([a]) => tupleOf(a)),
        list.map(([, s]) => s),
      );
      const skips: [bigint, bigint][] = [
        [expired.nonce, SKIP.Expired],
        [early.nonce, SKIP.NotYetValid],
        [forged.nonce, SKIP.BadSignature],
        [crossChain.nonce, SKIP.BadSignature],
        [crossContract.nonce, SKIP.BadSignature],
        [lowFee.nonce, SKIP.FeeAboveMax],
        [broke.nonce, SKIP.InsufficientBalance],
        [zeroTo.nonce, SKIP.InvalidReceiver],
        [good1.nonce, SKIP.NonceUsed],
      ];
      for (const [nonce, reason] of skips) {
        const from = nonce === broke.nonce ? carol.address : alice.address;
        await expect(tx).to.emit(processor, "AuthorizationSkipped").withArgs(agent1.address, from, nonce, reason);
      }
      await expect(tx)
        .to.emit(distributor, "PointsRecorded")
        .withArgs(agent1.address, 0n, points, points * 10_000n);
      const rc = await (await tx).wait();
      const names = rc!.logs.filter((l) => l.address === proc).map((l) => processor.interface.parseLog(l)!.name);
      expect(names.filter((n) => n === "AuthorizationProcessed")).to.have.length(3);
      expect(names.filter((n) => n === "AuthorizationSkipped")).to.have.length(9);
      // The skipped ones moved nothing: every balance changed by exactly the three processed quotes.
      const spent = (q: (typeof quotes)[number]) => q.net + q.fee + q.penalty + q.demurrage;
      const after = await Promise.all(people.map((a) => token.balanceOf(a)));
      expect(after.map((b, i) => b - before[i])).to.deep.equal([
        quotes[2].net - spent(quotes[0]),
        quotes[0].net - spent(quotes[1]),
        quotes[1].net - spent(quotes[2]),
        0n, // the agent pays gas only
        0n, // the processor never holds CAESAR
      ]);
      // A skipped transfer leaves its nonce free (it may be resubmitted while valid); the fee one now fails again.
      expect(await processor.nonceUsed(alice.address, lowFee.nonce)).to.equal(false);
      expect(await processor.nonceUsed(carol.address, broke.nonce)).to.equal(false);
      expect(await processor.nonceUsed(carol.address, good3.nonce)).to.equal(true);
    });

    it("rejects mismatched lengths", async () => {
      const { processor, alice, bob, agent1 } = await loadFixture(agentsDefaults);
      const a = await authOf(alice, bob.address, CAESAR);
      await expect(processor.connect(agent1).processBatch([tupleOf(a)], []))
        .to.be.revertedWithCustomError(processor, "CaesarProcessorLengthMismatch")
        .withArgs(1n, 0n);
    });

    it("counts the penalty against maxFee: a rapid trade above it is skipped", async () => {
      const { token, processor, alice, bob, agent1 } = await deployAgentsWith({ "caesar.antispec.threshold": 0n });
      await token.connect(bob).transfer(alice.address, CAESAR); // alice just received: her next send is rapid
      const amount = 100n * CAESAR;
      const q = await token.quoteTransfer(alice.address, bob.address, amount);
      expect(q.penalty).to.be.greaterThan(0n);
      const tight = await authOf(alice, bob.address, amount, { maxFee: q.fee + q.penalty - 1n });
      const ok = await authOf(alice, bob.address, amount, { maxFee: q.fee + q.penalty });
      const proc = await processor.getAddress();
      await expect(processor.connect(agent1).processBatch([tupleOf(tight)], [await signAuth(alice, tight, proc)]))
        .to.emit(processor, "AuthorizationSkipped")
        .withArgs(agent1.address, alice.address, tight.nonce, SKIP.FeeAboveMax);
      const q2 = await token.quoteTransfer(alice.address, bob.address, amount);
      const accruedBefore = await token.accrued();
      const tx = await processor.connect(agent1).process(tupleOf(ok), await signAuth(alice, ok, proc));
      await expect(tx).to.emit(token, "TransferCharged").withArgs(alice.address, q2.fee, q2.penalty, anyValue);
      const charged = (await tx.wait())!.logs
        .map((l) => token.interface.parseLog(l))
        .find((e) => e?.name === "TransferCharged")!;
      // The accrual grew by the fee and the event's rounding (the penalty went to the reserve).
      expect((await token.accrued()) - accruedBefore).to.equal(q2.fee + charged.args.rounding);
    });
  });
});
