import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { fcSizes } from "../helpers/fc";
import { InvalidArgumentError, decodeStates, describeUnexpectedState, encodeStates } from "../../sdk/kit/core";
import { decodeRevertData } from "../../sdk/kit/chain";
import { DisputeState, JobState } from "../../sdk/quiver/core/market";
import { IInferenceMarketplace__factory, IPaymentChannels__factory } from "../../typechain-types";

const { numRuns: RUNS, seed: SEED } = fcSizes({ runs: 25, cmds: 0 });

interface Harness {
  encode(s: number): Promise<string>;
  contains(b: string, s: number): Promise<boolean>;
}

describe("sdk/core stateBitmap (the SDK side of utils/StateBitmap)", () => {
  const deploy = async () => (await ethers.deployContract("StateBitmapHarness")) as unknown as Harness;

  describe("encodeStates", () => {
    it("equals StateBitmap.encode for one state, at 0, 7 and 255", async () => {
      const h = await loadFixture(deploy);
      for (const s of [0, 7, 255]) expect(encodeStates(s)).to.equal(await h.encode(s));
    });

    it("equals the OR of StateBitmap.encode over several states (any order, duplicates allowed)", async () => {
      const h = await loadFixture(deploy);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 6 }), async (states) => {
          let bits = 0n;
          for (const s of states) bits |= BigInt(await h.encode(s));
          expect(encodeStates(...states)).to.equal(ethers.toBeHex(bits, 32));
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });

    it("gives the zero bytes32 for no state", () => {
      expect(encodeStates()).to.equal(ethers.ZeroHash);
    });

    for (const bad of [-1, 256, 1.5, Number.NaN]) {
      it(`rejects the state ${bad} with InvalidArgumentError`, () => {
        expect(() => encodeStates(bad)).to.throw(InvalidArgumentError, "0..255");
      });
    }
  });

  describe("decodeStates", () => {
    it("lists exactly the states StateBitmap.contains finds in a random bitmap", async () => {
      const h = await loadFixture(deploy);
      await fc.assert(
        fc.asyncProperty(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), async (bits) => {
          const bitmap = ethers.toBeHex(bits, 32);
          const decoded = decodeStates(bitmap);
          // Probe the decoded states and a few others on chain.
          for (const s of new Set([...decoded, 0, 1, 2, 127, 128, 255])) {
            expect(await h.contains(bitmap, s), `state ${s}`).to.equal(decoded.includes(s));
          }
          expect(decodeStates(bits)).to.deep.equal(decoded);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });

    it("is the inverse of encodeStates (ascending, without duplicates)", () => {
      expect(decodeStates(encodeStates(8, 1, 3, 1))).to.deep.equal([1, 3, 8]);
      expect(decodeStates(ethers.ZeroHash)).to.deep.equal([]);
      expect(decodeStates(0n)).to.deep.equal([]);
    });

    for (const bad of ["0x", "abc", "0x" + "1".repeat(65), 1n << 256n, -1n]) {
      it(`rejects ${String(bad).slice(0, 12)}… with InvalidArgumentError`, () => {
        expect(() => decodeStates(bad)).to.throw(InvalidArgumentError, "bytes32");
      });
    }
  });

  describe("describeUnexpectedState", () => {
    it("renders a decoded MarketUnexpectedState with the enum's names", () => {
      const iface = IInferenceMarketplace__factory.createInterface();
      const data = iface.encodeErrorResult("MarketUnexpectedState", [
        3n,
        JobState.Settled,
        encodeStates(JobState.InReview, JobState.Releasable),
      ]);
      const e = decodeRevertData(data, "InferenceMarketplace");
      expect(describeUnexpectedState(e, JobState)).to.equal(
        "MarketUnexpectedState: 3 is Settled, needs InReview or Releasable",
      );
    });

    it("lists three or more states as 'A, B or C', and takes the names as an array", () => {
      const names = ["None", "Open", "Expired", "Closing", "Settleable", "Closed"];
      const data = IPaymentChannels__factory.createInterface().encodeErrorResult("ChannelUnexpectedState", [
        9n,
        0,
        encodeStates(1, 2, 3),
      ]);
      expect(describeUnexpectedState(decodeRevertData(data), names)).to.equal(
        "ChannelUnexpectedState: 9 is None, needs Open, Expired or Closing",
      );
    });

    it("names a state the enum does not have by its number, and an empty bitmap as 'no state'", () => {
      const e = { errorName: "DisputeUnexpectedState", args: ["0xab", 42n, ethers.ZeroHash] };
      expect(describeUnexpectedState(e, DisputeState)).to.equal(
        "DisputeUnexpectedState: 0xab is state 42, needs no state",
      );
    });

    it("returns undefined for any other error", () => {
      expect(describeUnexpectedState({ errorName: "MarketNoBid", args: [1n, ethers.ZeroAddress] }, JobState)).to.equal(
        undefined,
      );
      expect(describeUnexpectedState({ errorName: "MarketUnexpectedState", args: [1n] }, JobState)).to.equal(undefined);
      expect(describeUnexpectedState({}, JobState)).to.equal(undefined);
    });
  });
});
