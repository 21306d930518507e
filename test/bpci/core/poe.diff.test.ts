import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { fcRuns } from "../../helpers/fc";
import {
  ema,
  feeLegs,
  gamma,
  issuance,
  issuanceShare,
  mergedEnd,
  phi,
  poeFee,
  salary,
  vested,
  WAD,
} from "../../../sdk/bpci/core";
import type { PoeMathHarness } from "../../../typechain-types";

/** PoeMath (contracts/bpci/mining) against sdk/bpci/core/poe.ts on random inputs. */
async function deployHarness() {
  return { h: (await ethers.deployContract("PoeMathHarness")) as unknown as PoeMathHarness };
}

const amount = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.constantFrom(0n, 1n, 99n, 101n, 10n ** 18n - 1n));
const wad = fc.oneof(fc.bigInt({ min: 0n, max: 10n * WAD }), fc.constantFrom(0n, 1n, WAD, WAD - 1n));
const big = fc.bigInt({ min: 0n, max: 10n ** 36n });
const scale = fc.bigInt({ min: 1n, max: 10n ** 36n });
const bps = fc.bigInt({ min: 0n, max: 10_000n });
const share = fc.bigInt({ min: 0n, max: 3_333n });
const time = fc.bigInt({ min: 0n, max: 1n << 40n });

describe("PoeMath == sdk/bpci/core/poe (differential)", () => {
  it("phi, ema, gamma and issuance agree with the SDK", async () => {
    const { h } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ volume: big, liquidity: big, uptime: wad, quality: wad }),
        fc.record({ wV: wad, wL: wad, wU: wad, wQ: wad, scaleV: scale, scaleL: scale }),
        wad,
        bps,
        fc.tuple(amount, amount, wad),
        async (x, p, prev, alpha, [base, work, cap]) => {
          const raw = phi(x, p);
          expect(await h.phi(x, p)).to.equal(raw);
          expect(await h.ema(prev, raw, alpha)).to.equal(ema(prev, raw, alpha));
          expect(await h.gamma(raw)).to.equal(gamma(raw));
          const i = issuance(base, raw, work, cap);
          expect(await h.issuance(base, raw, work, cap)).to.deep.equal([i.issued, i.withheld]);
        },
      ),
      fcRuns(60),
    );
  });

  it("fee, fee legs, salary and share agree with the SDK; the legs sum to the fee", async () => {
    const { h } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(
        amount,
        bps,
        fc.tuple(share, share, share),
        fc.tuple(amount, amount, amount),
        async (value, feeBps, [l, s, o], [earned, ceiling, work]) => {
          const f = poeFee(value, feeBps);
          expect(await h.fee(value, feeBps)).to.equal(f);
          const legs = feeLegs(f, l, s, o);
          expect(await h.feeLegs(f, l, s, o)).to.deep.equal([legs.locked, legs.spendable, legs.owner, legs.treasury]);
          expect(legs.locked + legs.spendable + legs.owner + legs.treasury).to.equal(f);
          const sal = salary(earned, legs.owner, ceiling);
          expect(await h.salary(earned, legs.owner, ceiling)).to.deep.equal([sal.toOwner, sal.toTreasury]);
          const total = work + 1n;
          expect(await h.share(value, work, total)).to.equal(issuanceShare(value, work, total));
        },
      ),
      fcRuns(60),
    );
  });

  it("vested and mergedEnd agree with the SDK; the merged end lies between the old end and now + period", async () => {
    const { h } = await loadFixture(deployHarness);
    await fc.assert(
      fc.asyncProperty(amount, amount, time, time, time, time, async (locked, add, start, len, at, period) => {
        const end = start + len + 1n;
        expect(await h.vested(locked, start, end, at)).to.equal(vested(locked, start, end, at));
        const merged = mergedEnd(locked, end, add, at, period + 1n);
        expect(await h.mergedEnd(locked, end, add, at, period + 1n)).to.equal(merged);
        if (locked > 0n && end > at) {
          const lo = end < at + period + 1n ? end : at + period + 1n;
          const hi = end < at + period + 1n ? at + period + 1n : end;
          expect(merged >= lo && merged <= hi).to.equal(true);
        }
      }),
      fcRuns(60),
    );
  });

  it("Gamma at Phi = 0, 1 and large, exactly", async () => {
    const { h } = await loadFixture(deployHarness);
    expect(await h.gamma(0n)).to.equal(0n);
    expect(await h.gamma(WAD)).to.equal(WAD / 2n);
    // Phi = 1e9: Gamma = 1e27 / (1e18 + 1e27) = 0.999999999000000000999... -> floored.
    const large = 10n ** 9n * WAD;
    expect(await h.gamma(large)).to.equal((large * WAD) / (WAD + large));
    expect(await h.gamma(large)).to.equal(999_999_999_000_000_000n);
    expect(await h.gamma(10n ** 40n)).to.equal(WAD - 1n);
  });
});
