import { BPS, mulDivDown, mulDivUp } from "../../sdk/kit/core/math";
import { expect } from "chai";
import fc from "fast-check";
import { fcSizes } from "../helpers/fc";
import {
  applyBurn,
  applyMint,
  ContractRevertError,
  formatAmount,
  InvalidArgumentError,
  InvariantError,
  KitError,
  parseAddress,
  parseAmount,
  parseBaseUnits,
  remainingMintable,
  RuleError,
  split,
  split2,
  stringifyDetails,
  totalBurned,
  validateShares,
} from "../../sdk/kit/core";
import { QUIV_CAP, applyMint as applyQuivMint } from "../../sdk/quiver";
import { requireSource } from "./packageSource";

const { numRuns: RUNS, seed: SEED } = fcSizes({ runs: 200, cmds: 0 });

describe("sdk/core", () => {
  describe("mulDivDown / mulDivUp", () => {
    it("round a non-divisible product down and up, and agree when it divides", () => {
      expect([mulDivDown(10n, 3n, 4n), mulDivUp(10n, 3n, 4n)]).to.deep.equal([7n, 8n]);
      expect([mulDivDown(12n, 3n, 4n), mulDivUp(12n, 3n, 4n)]).to.deep.equal([9n, 9n]);
      expect(mulDivUp(0n, 5n, 7n)).to.equal(0n);
    });

    it("differ by exactly one whenever the division has a remainder (property)", () => {
      fc.assert(
        fc.property(fc.bigInt(0n, 2n ** 256n), fc.bigInt(0n, BPS), fc.bigInt(1n, 2n ** 128n), (a, b, d) => {
          const down = mulDivDown(a, b, d);
          const up = mulDivUp(a, b, d);
          expect(up - down).to.equal((a * b) % d === 0n ? 0n : 1n);
          expect(down * d <= a * b && a * b <= up * d).to.equal(true);
        }),
      );
    });
  });

  describe("parseAmount", () => {
    it("parses whole and fractional QUIV to wei", () => {
      expect(parseAmount("12.5")).to.equal(12_500_000_000_000_000_000n);
      expect(parseAmount("0.000000000000000001")).to.equal(1n);
      expect(parseAmount("1000000000")).to.equal(QUIV_CAP);
      expect(parseAmount("0")).to.equal(0n);
      expect(parseAmount("7", 0)).to.equal(7n);
      expect(parseAmount("1.5", 6)).to.equal(1_500_000n);
      expect(parseAmount(5n)).to.equal(5n);
    });

    for (const bad of [
      "-1",
      "-0.5",
      " -1",
      "1e18",
      "1E3",
      "0x10",
      "NaN",
      "Infinity",
      "",
      " 1",
      "1 ",
      "1.",
      ".5",
      "1,5",
      "1.2.3",
      "+1",
      "١",
    ]) {
      it(`rejects ${JSON.stringify(bad)} with InvalidArgumentError`, () => {
        expect(() => parseAmount(bad)).to.throw(InvalidArgumentError);
      });
    }

    it("rejects more than 18 decimals", () => {
      expect(() => parseAmount("0.0000000000000000001")).to.throw(InvalidArgumentError, /more than 18 decimals/);
    });

    it("rejects a negative bigint and a number", () => {
      expect(() => parseAmount(-1n)).to.throw(InvalidArgumentError, /negative/);
      expect(() => parseAmount(1 as unknown as string)).to.throw(InvalidArgumentError);
      expect(() => parseAmount("1", 1.5)).to.throw(InvalidArgumentError);
    });

    it("round-trips with formatAmount for every wei amount", () => {
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), (wei) => {
          expect(parseAmount(formatAmount(wei))).to.equal(wei);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  });

  describe("parseBaseUnits / formatAmount", () => {
    it("parses integers only", () => {
      expect(parseBaseUnits("1500")).to.equal(1500n);
      for (const bad of ["-1", "1.5", "1e3", "0x1", ""])
        expect(() => parseBaseUnits(bad)).to.throw(InvalidArgumentError);
    });

    it("formats exactly, without trailing zeros", () => {
      expect(formatAmount(12_500_000_000_000_000_000n)).to.equal("12.5");
      expect(formatAmount(1n)).to.equal("0.000000000000000001");
      expect(formatAmount(-1n)).to.equal("-0.000000000000000001");
      expect(formatAmount(QUIV_CAP)).to.equal("1000000000");
      expect(formatAmount(1234n, 2)).to.equal("12.34");
      expect(() => formatAmount(1 as unknown as bigint)).to.throw(InvalidArgumentError);
    });
  });

  describe("parseAddress", () => {
    const good = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    it("checksums lower- and upper-case input", () => {
      expect(parseAddress(good.toLowerCase())).to.equal(good);
      expect(parseAddress("0x" + good.slice(2).toUpperCase())).to.equal(good);
      expect(parseAddress(good)).to.equal(good);
    });

    it("rejects a bad checksum, wrong length, ENS names and junk", () => {
      expect(() => parseAddress("0x70997970c51812dc3A010C7d01b50e0d17dc79C8")).to.throw(
        InvalidArgumentError,
        /checksum/,
      );
      for (const bad of [good.slice(0, -1), good + "0", "alice.eth", "", "70997970C51812dc3A010C7d01b50e0d17dc79C8"]) {
        expect(() => parseAddress(bad, "recipient")).to.throw(InvalidArgumentError, /recipient/);
      }
    });
  });

  describe("errors", () => {
    it("carry shortMessage, details and cause", () => {
      const cause = new Error("inner");
      const e = new InvalidArgumentError("bad", { details: { amount: 1n }, cause });
      expect(e).to.be.instanceOf(KitError).and.instanceOf(Error);
      expect(e.shortMessage).to.equal("bad");
      expect(e.details).to.deep.equal({ amount: 1n });
      expect(e.cause).to.equal(cause);
      expect(e.message).to.contain('"amount":"1"');
      expect(new InvariantError("x")).to.be.instanceOf(KitError);
    });

    it("ContractRevertError is a RuleError; undecoded keeps the raw data", () => {
      const known = new ContractRevertError("r", {
        errorName: "QuivZeroAmount",
        args: [],
        contract: "QuivToken",
        data: "0x1234",
      });
      expect(known).to.be.instanceOf(RuleError);
      expect(known.decoded).to.equal(true);
      const unknown = new ContractRevertError("r", { data: "0xdeadbeef" });
      expect(unknown.decoded).to.equal(false);
      expect(unknown.errorName).to.equal("UnknownRevert");
      expect(unknown.data).to.equal("0xdeadbeef");
    });

    it("stringifyDetails writes bigints as strings", () => {
      expect(stringifyDetails({ a: 1n, b: [2n] })).to.equal('{"a":"1","b":["2"]}');
    });
  });

  describe("fee split", () => {
    it("gives the dust to the last leg", () => {
      expect(split(1_001n, [7_000n, 2_000n, 1_000n])).to.deep.equal([700n, 200n, 101n]);
      expect(split(3n, [3_333n, 3_333n, 3_334n])).to.deep.equal([0n, 0n, 3n]);
      expect(split2(999n, 2_500n)).to.deep.equal({ first: 249n, second: 750n });
    });

    it("throws the twins of the contract errors", () => {
      expect(() => validateShares([]))
        .to.throw(RuleError)
        .with.property("errorName", "FeeSplitNoLegs");
      expect(() => split(1n, [5_000n]))
        .to.throw(RuleError)
        .with.property("errorName", "FeeSplitSharesNotWhole");
      expect(() => split2(1n, 10_001n))
        .to.throw(RuleError)
        .with.property("errorName", "FeeSplitSharesNotWhole");
      expect(() => split(-1n, [10_000n])).to.throw(InvalidArgumentError);
      expect(() => split(1n, [-1n, 10_001n])).to.throw(InvalidArgumentError);
    });
  });

  describe("supply", () => {
    const s0 = { totalSupply: 400n, totalMinted: 400n, cap: 1_000n };

    it("mints up to the cap exactly and not one wei more", () => {
      const full = applyMint(s0, 600n);
      expect(full).to.deep.equal({ totalSupply: 1_000n, totalMinted: 1_000n, cap: 1_000n });
      expect(() => applyMint(s0, 601n))
        .to.throw(RuleError)
        .that.satisfies((e: RuleError) => e.errorName === "CappedVotesCapExceeded" && e.args[2] === 1_000n);
      expect(() => applyMint(s0, 0n))
        .to.throw(RuleError)
        .with.property("errorName", "CappedVotesZeroAmount");
      // QuivToken declares its own errors: QUIVer's applyMint names them
      expect(() => applyQuivMint(s0, 601n))
        .to.throw(RuleError)
        .that.satisfies((e: RuleError) => e.errorName === "QuivCapExceeded" && e.args[2] === 1_000n);
      expect(() => applyQuivMint(s0, 0n))
        .to.throw(RuleError)
        .with.property("errorName", "QuivZeroAmount");
    });

    it("burns lower the supply but leave the cap's room unchanged", () => {
      const after = applyBurn(s0, "0xabc", 100n, 40n);
      expect(after.totalSupply).to.equal(360n);
      expect(totalBurned(after)).to.equal(40n);
      expect(remainingMintable(after)).to.equal(remainingMintable(s0));
      expect(() => applyBurn(s0, "0xabc", 10n, 11n))
        .to.throw(RuleError)
        .with.property("errorName", "ERC20InsufficientBalance");
    });

    it("rejects inconsistent counters as an InvariantError", () => {
      expect(() => remainingMintable({ totalSupply: 2n, totalMinted: 1n, cap: 3n })).to.throw(InvariantError);
    });
  });
});

describe("economy-kit/quiver exports the dispute and growth-feed mirrors (SEC-01, SEC-04, SEC-15)", () => {
  it("reaches disputeIdOf, drawCommittee and growthMetricOf through the package entry point", async () => {
    const core = await import("../../sdk/quiver");
    const market = await import("../../sdk/quiver/core/market");
    const emission = await import("../../sdk/quiver/core/emission");
    expect(core.disputeIdOf(7n)).to.equal(market.disputeIdOf(7n));
    expect(core.drawCommittee).to.equal(market.drawCommittee);
    expect(core.permutation).to.equal(market.permutation);
    expect(core.growthMetricOf).to.equal(emission.growthMetricOf);
    expect(core.FeedStatus.Stale).to.equal(emission.FeedStatus.Stale);
  });

  it("keeps the feed status and decimal scaling in economy-kit/core, shared by every economy", async () => {
    const kit = await import("../../sdk/kit/core");
    const quiver = await import("../../sdk/quiver");
    expect(kit.FeedStatus).to.equal(quiver.FeedStatus);
    expect(kit.scaleDecimals).to.equal(quiver.scaleDecimals);
    expect("disputeIdOf" in kit).to.equal(false);
    expect("QUIVER_PARAMETERS" in kit).to.equal(false);
  });
});

describe("package exports reach the new layers (economy-kit/caesar, economy-kit/bpci, governance readers)", () => {
  // Self-references through package.json `exports`, to the sources (`economy-kit-source` condition) in the repo; the
  // installed package's entries are imported from dist/ by test/sdk/package.process.test.ts.
  it("economy-kit/caesar and economy-kit/bpci export their catalogues and math mirrors", () => {
    const caesar = requireSource<typeof import("../../sdk/caesar/core")>("economy-kit/caesar");
    const bpci = requireSource<typeof import("../../sdk/bpci/core")>("economy-kit/bpci");
    expect(caesar.CAESAR_PARAMETERS.length).to.be.greaterThan(0);
    expect(caesar.CAESAR_PARAMETERS.every((s) => s.name.startsWith("caesar."))).to.equal(true);
    expect(bpci.BPCI_PARAMETERS.every((s) => s.name.startsWith("bpci."))).to.equal(true);
  });

  it("economy-kit/chain exports the governance UI readers", () => {
    const chain = requireSource<typeof import("../../sdk/kit/chain")>("economy-kit/chain");
    for (const name of [
      "readElectorate",
      "readVotingPower",
      "readProposalCount",
      "readProposalAt",
      "readProposalPage",
      "predictOutcome",
    ] as const) {
      expect(chain[name], name).to.be.a("function");
    }
  });
});
