import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { impersonateAccount, loadFixture, setBalance } from "@nomicfoundation/hardhat-network-helpers";
import { deployBpciPreset } from "./fixtures/preset";
import {
  BPCI_PARAMETERS,
  findBpciParameter,
  parameterKey,
  washSafe,
  washSafeAtBounds,
} from "../../sdk/bpci/core/parameters";
import { washBalance } from "../../sdk/bpci/core/poe";
import { fcRuns } from "../helpers/fc";

const BPS = 10_000n;
const WAD = 10n ** 18n;
const spec = (name: string) => {
  const s = findBpciParameter(name);
  if (!s) throw new Error(name);
  return s;
};
const LOCK = spec("bpci.poe.lockShareBps");
const SPEND = spec("bpci.poe.spendShareBps");
const OWNER = spec("bpci.poe.ownerShareBps");
const C = spec("bpci.poe.maxNexPerWork");
const FEE = spec("bpci.poe.feeBps");
const BASE = spec("bpci.poe.baseIssuance");

/**
 * The wash-trade inequality c < s_O + s_T (README "Wash trading") is encoded in the registry bounds: the largest
 * maxNexPerWork (0.25) stays below the smallest share a wash trader loses (10,000 - 3,000 - 4,000 = 30%).
 */
describe("BPCI registry bounds: wash jobs never pay at any allowed parameter combination", () => {
  it("holds at the worst corner (lock 30%, spend 40%, c = 0.25 < 0.30) and at every corner of the bounds", () => {
    const { worst, safe } = washSafeAtBounds(BPCI_PARAMETERS);
    expect(worst).to.deep.equal({ lockShareBps: 3_000n, spendShareBps: 4_000n, maxNexPerWork: WAD / 4n });
    expect(safe).to.equal(true);
    for (const lockShareBps of [LOCK.min, LOCK.value, LOCK.max])
      for (const spendShareBps of [SPEND.min, SPEND.value, SPEND.max])
        for (const maxNexPerWork of [C.min, C.value, C.max])
          expect(
            washSafe({ lockShareBps, spendShareBps, maxNexPerWork }),
            `${lockShareBps}/${spendShareBps}/${maxNexPerWork}`,
          ).to.equal(true);
    // The split never exceeds 100% either: the three share maxima sum to exactly 10,000 bps.
    expect(LOCK.max + SPEND.max + OWNER.max).to.equal(BPS);
    // The check is tight: one more wei of c at a 75% miner share would break it, and so would the old 100% bound.
    expect(washSafe({ lockShareBps: 3_000n, spendShareBps: 4_500n, maxNexPerWork: WAD / 4n })).to.equal(false);
    expect(washSafe({ lockShareBps: 2_000n, spendShareBps: 3_000n, maxNexPerWork: WAD / 2n })).to.equal(false);
    expect(washSafe({ lockShareBps: 2_000n, spendShareBps: 3_000n, maxNexPerWork: WAD / 2n - 1n })).to.equal(true);
  });

  it("property: at random allowed shares, fee, c, base issuance, Phi and other work, a self-paying requester loses more than it mints (washBalance, the SDK mirror of PoeMath)", () => {
    const inBounds = (s: { min: bigint; max: bigint }) => fc.bigInt({ min: s.min, max: s.max });
    fc.assert(
      fc.property(
        inBounds(LOCK),
        inBounds(SPEND),
        fc.bigInt({ min: 0n, max: OWNER.max }),
        inBounds(C),
        inBounds(FEE),
        inBounds(BASE),
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        fc.bigInt({ min: 0n, max: 10n ** 27n }),
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 30n }),
        (lockBps, spendBps, ownerRaw, maxNexPerWork, feeBps, base, phiWad, otherWork, value) => {
          const ownerBps = ownerRaw > BPS - lockBps - spendBps ? BPS - lockBps - spendBps : ownerRaw;
          const r = washBalance({ value, feeBps, lockBps, spendBps, ownerBps, base, phiWad, maxNexPerWork, otherWork });
          // The loss (owner + treasury legs, NEX-equivalent at weight 1) is strictly above what is minted.
          expect(r.lost > r.minted, `lost ${r.lost} minted ${r.minted}`).to.equal(true);
        },
      ),
      fcRuns(300),
    );
  });

  it("on chain, the registry refuses values past the bounds, even from the timelock: lock 30% + 1 bps, spend 40% + 1 bps, c = 0.25 + 1 wei", async () => {
    const f = await loadFixture(deployBpciPreset);
    const timelock = await f.timelock.getAddress();
    await impersonateAccount(timelock);
    await setBalance(timelock, 10n ** 18n);
    const asTimelock = f.registry.connect(await ethers.getSigner(timelock));
    const cases: Array<[string, bigint, bigint]> = [
      ["bpci.poe.lockShareBps", 3_001n, 3_000n],
      ["bpci.poe.spendShareBps", 4_001n, 4_000n],
      ["bpci.poe.maxNexPerWork", WAD / 4n + 1n, WAD / 4n],
    ];
    for (const [name, value, max] of cases) {
      const key = parameterKey(name);
      await expect(asTimelock.set(key, value))
        .to.be.revertedWithCustomError(f.registry, "ParameterOutOfBounds")
        .withArgs(key, value, 0n, max);
      const p = await f.registry.getParameter(key);
      expect([p.min, p.max]).to.deep.equal([0n, max]);
    }
  });
});
