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
import { phi, washBalance, type PhiParams } from "../../sdk/bpci/core/poe";
import { fcRuns } from "../helpers/fc";
import { BPS, WAD } from "../../sdk/kit/core/math";

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

/** Every parameter the wash inequality depends on, as the deployed registry holds it. */
interface WashDeployment {
  readonly feeBps: bigint;
  readonly lockBps: bigint;
  readonly spendBps: bigint;
  readonly ownerBps: bigint;
  readonly base: bigint;
  readonly maxNexPerWork: bigint;
  readonly phi: PhiParams;
}

const WASH_KEYS = {
  feeBps: "bpci.poe.feeBps",
  lockBps: "bpci.poe.lockShareBps",
  spendBps: "bpci.poe.spendShareBps",
  ownerBps: "bpci.poe.ownerShareBps",
  base: "bpci.poe.baseIssuance",
  maxNexPerWork: "bpci.poe.maxNexPerWork",
} as const;
const PHI_KEYS = {
  wV: "bpci.poe.weightVolume",
  wL: "bpci.poe.weightLiquidity",
  wU: "bpci.poe.weightUptime",
  wQ: "bpci.poe.weightQuality",
  scaleV: "bpci.poe.scaleVolume",
  scaleL: "bpci.poe.scaleLiquidity",
} as const;

/**
 * Phi over a grid of epoch inputs built from the deployment's own scales (volume and liquidity at 0, 1/10, 1, 10 and
 * 1e6 times their scale; uptime and quality at 0, 1/2 and 1), so the range follows the weights and scales deployed.
 */
function phiRange(p: PhiParams): bigint[] {
  const out = new Set<bigint>();
  const multiples = (scale: bigint) => [0n, scale / 10n, scale, 10n * scale, 10n ** 6n * scale];
  for (const volume of multiples(p.scaleV))
    for (const liquidity of multiples(p.scaleL))
      for (const uptime of [0n, WAD / 2n, WAD])
        for (const quality of [0n, WAD / 2n, WAD]) out.add(phi({ volume, liquidity, uptime, quality }, p));
  return [...out].sort((a, b) => (a < b ? -1 : 1));
}

/**
 * The README inequality checked at `d`: a requester paying its own miner loses (owner + treasury legs) strictly more
 * than it mints, at every Phi of {@link phiRange}, five job values and with or without other miners' work. Returns
 * the first case where it does not, or undefined.
 */
function washCounterexample(d: WashDeployment) {
  for (const phiWad of phiRange(d.phi))
    for (const value of [1n, 999n, WAD, 123_456n * WAD, 10n ** 27n])
      for (const otherWork of [0n, 10n ** 21n]) {
        const r = washBalance({ ...d, value, phiWad, otherWork });
        if (!(r.lost > r.minted)) return { phiWad, value, otherWork, ...r };
      }
  return undefined;
}

describe('BPCI wash trading at the deployed defaults (README "Wash trading")', () => {
  async function deployed(): Promise<WashDeployment> {
    const f = await loadFixture(deployBpciPreset);
    const read = async <K extends string>(keys: Record<K, string>) => {
      const out = {} as Record<K, bigint>;
      for (const [k, name] of Object.entries(keys) as Array<[K, string]>) {
        out[k] = await f.registry.get(parameterKey(name));
        // What the preset deploys is the catalogue's default (no hand-typed value on either side).
        expect(out[k], name).to.equal(findBpciParameter(name)!.value);
      }
      return out;
    };
    return { ...(await read(WASH_KEYS)), phi: await read(PHI_KEYS) };
  }

  it("reads every term from the deployed registry, and the inequality holds over the Phi range of its weights and scales", async () => {
    const d = await deployed();
    const phis = phiRange(d.phi);
    expect(phis[0]).to.equal(0n);
    // The top of the range: 1e6 x both scales at full uptime and quality = 0.4e6 + 0.2e6 + 0.2 + 0.2 (WAD).
    expect(phis[phis.length - 1]).to.equal(600_000n * WAD + (2n * WAD) / 5n);
    expect(phis.length).to.equal(104); // 225 input points, 104 distinct values of Phi
    expect(washCounterexample(d)).to.equal(undefined);
  });

  it("canaries: a fee of 0, or 10x the issuance (base and cap), make the same check fail", async () => {
    const d = await deployed();
    const free = washCounterexample({ ...d, feeBps: 0n });
    expect(free).to.deep.include({ phiWad: 0n, value: 1n, lost: 0n, minted: 0n });
    const rich = washCounterexample({ ...d, base: 10n * d.base, maxNexPerWork: 10n * d.maxNexPerWork });
    // At the smallest Phi > 0 of the range (0.02: liquidity at a tenth of its scale, w_L = 0.2) a 1-wei job pays: its
    // 1-wei fee is all treasury leg (the share legs floor to 0), and 2.5 NEX per unit of fee mints 2 wei.
    expect(rich).to.deep.equal({ phiWad: WAD / 50n, value: 1n, otherWork: 0n, lost: 1n, minted: 2n });
  });
});
