/**
 * The catalogue of BPCI's economic parameters held by the kit ParameterRegistry: names, units, defaults and bounds.
 * The single source for the (next session's) deploy preset, the Solidity key constants (`contracts/bpci/BpciParams.sol`,
 * checked against this list by test/bpci/parameters.test.ts) and the SDK/CLI.
 */
import {
  defineParameter as p,
  findParameterIn,
  groupByModule,
  type ParameterCatalogue,
  type ParameterSpec,
} from "../../kit/core/parameters";
import { BPS, DAY, HOUR, WAD } from "../../kit/core/math";

export { parameterKey } from "../../kit/core/parameters";
export type { ParameterSpec, ParameterUnit } from "../../kit/core/parameters";

const TOKEN = 10n ** 18n;

/** BPCI defaults (SPEC.md "BPCI", the seed's config, ANCHORS.md). */
export const BPCI_PARAMETERS: ParameterCatalogue = [
  // GEN concentration limit: 10% of the supply per non-exempt holder (1%..100%), at most 5 points per 30 days.
  p("bpci.gen.maxHolderBps", "bps", 1_000n, 100n, 10_000n, 500n, 30n * DAY, "spec: 10% of supply"),
  // NEX issuance per year: 1,000,000 NEX (0..100M), at most 250k of change per 30 days.
  p(
    "bpci.nex.yearlyCap",
    "wei",
    1_000_000n * TOKEN,
    0n,
    100_000_000n * TOKEN,
    250_000n * TOKEN,
    30n * DAY,
    "kit default: yearly NEX cap",
  ),
  // FLX: one rebase per day (Ampleforth minRebaseTimeIntervalSec), 1 hour..30 days.
  p("bpci.flx.rebasePeriod", "seconds", DAY, HOUR, 30n * DAY, DAY, 30n * DAY, "Ampleforth: 1 day"),
  // FLX: at most +-5% per rebase (Ampleforth's +5% limit), 0.1%..50%.
  p("bpci.flx.maxRebaseBps", "bps", 500n, 10n, 5_000n, 100n, 30n * DAY, "spec: +-5% per rebase"),
  // FLX: no rebase for a usage deviation under 0.5% (Ampleforth's deviation threshold is 2.5%), 0..10%.
  p("bpci.flx.deadbandBps", "bps", 50n, 0n, 1_000n, 50n, 30n * DAY, "Ampleforth: deviation threshold"),
  // FLX: the usage index at which the supply is right: 1.0 (18 decimals), 0.001..1e6.
  p("bpci.flx.targetUsage", "wei", TOKEN, TOKEN / 1_000n, 1_000_000n * TOKEN, TOKEN / 10n, 30n * DAY, "1.0 = balanced"),
  // FLX: the usage answer may be 26 hours old (a daily feed plus slack), 1 hour..7 days.
  p("bpci.flx.usageHeartbeat", "seconds", 26n * HOUR, HOUR, 7n * DAY, DAY, 30n * DAY, "daily feed + 2 h"),
  // AUR: reserves must cover 102% of the supply after a mint (Mento's mandate is 110%), 0..50%.
  p("bpci.aur.marginBps", "bps", 200n, 0n, 5_000n, 100n, 30n * DAY, "SecureMint: over-collateralization margin"),
  // AUR: the proof-of-reserve answer may be 1 day old (Chainlink PoR daily heartbeat), 1 hour..3 days.
  p("bpci.aur.reserveHeartbeat", "seconds", DAY, HOUR, 3n * DAY, 12n * HOUR, 30n * DAY, "Chainlink PoR: 24 h"),
  // PoE mining: the stake a miner keeps bonded in NEX (0..1M NEX; the bootstrap may lower it to 0 until NEX circulates).
  p(
    "bpci.poe.minStake",
    "wei",
    100n * TOKEN,
    0n,
    1_000_000n * TOKEN,
    1_000n * TOKEN,
    30n * DAY,
    "spec: register with a stake",
  ),
  p("bpci.poe.unbondingPeriod", "seconds", 14n * DAY, DAY, 90n * DAY, 7n * DAY, 30n * DAY, "kit staking: 14 days"),
  // A job unconfirmed this long after its submission refunds its requester (10 minutes..30 days).
  p("bpci.poe.jobTimeout", "seconds", DAY, 600n, 30n * DAY, DAY, 30n * DAY, "seed: settlement timeout"),
  // The job fee: 1% of the value (0.1%..5%); its shares (the treasury takes the rest, 30% by default, and the dust).
  p("bpci.poe.feeBps", "bps", 100n, 10n, 500n, 25n, 30n * DAY, "seed: fee_rate 0.01"),
  // The two legs a wash trader gets back are bounded so that the legs it loses (owner + treasury) never fall below
  // 30% of the fee, above the largest `maxNexPerWork` (0.25): c < s_O + s_T at every allowed combination
  // (`washSafeAtBounds`, README "Wash trading"). Their maxima plus the owner's sum to 100%, so the split never reverts.
  p("bpci.poe.lockShareBps", "bps", 2_000n, 0n, 3_000n, 500n, 30n * DAY, "seed: miner_lock_rate 0.002 of 0.01"),
  p("bpci.poe.spendShareBps", "bps", 3_000n, 0n, 4_000n, 500n, 30n * DAY, "seed: miner_spendable_rate 0.003"),
  p("bpci.poe.ownerShareBps", "bps", 2_000n, 0n, 3_000n, 500n, 30n * DAY, "seed: owner_salary_rate 0.002"),
  // The locked reserve vests linearly over 90 days (Sablier / OZ VestingWallet line), 1..365 days.
  p("bpci.poe.reserveVesting", "seconds", 90n * DAY, DAY, 365n * DAY, 30n * DAY, 30n * DAY, "spec: 90 days"),
  // Owner salary ceiling per 30-day period (Livepeer treasury ceiling); wFLX has 3 more decimals than FLX.
  p(
    "bpci.poe.salaryCeilingFlx",
    "wei",
    50_000n * TOKEN * 1_000n,
    0n,
    10_000_000n * TOKEN * 1_000n,
    10_000n * TOKEN * 1_000n,
    30n * DAY,
    "50,000 FLX per period",
  ),
  p(
    "bpci.poe.salaryCeilingAur",
    "wei",
    1_000n * TOKEN,
    0n,
    1_000_000n * TOKEN,
    500n * TOKEN,
    30n * DAY,
    "1,000 AUR per period",
  ),
  // NEX-equivalent value of one wei of each payment token (WAD): the price calibration of work and volume.
  p("bpci.poe.workWeightFlx", "wei", TOKEN / 1_000n, 1n, TOKEN, TOKEN / 1_000n, 30n * DAY, "1 FLX = 1 NEX-equivalent"),
  p("bpci.poe.workWeightAur", "wei", TOKEN, 1n, 1_000_000n * TOKEN, TOKEN, 30n * DAY, "1 AUR = 1 NEX-equivalent"),
  // Epoch (1 day) base issuance 2,700 NEX (~ 1M NEX a year, the yearly cap); Gamma(Phi) gates it.
  p(
    "bpci.poe.baseIssuance",
    "wei",
    2_700n * TOKEN,
    0n,
    270_000n * TOKEN,
    1_000n * TOKEN,
    30n * DAY,
    "seed: Gamma gate",
  ),
  // At most 0.25 NEX per NEX-equivalent wei of fee, also its upper bound: below the 30% of the fee (at least) that a
  // wash trader cannot recover, at every allowed share combination (`washSafeAtBounds`).
  p("bpci.poe.maxNexPerWork", "wei", TOKEN / 4n, 0n, TOKEN / 4n, TOKEN / 10n, 30n * DAY, "spec: wash trading loses"),
  p("bpci.poe.emaAlphaBps", "bps", 5_000n, 100n, 10_000n, 1_000n, 30n * DAY, "EMA weight of the new epoch"),
  p("bpci.poe.weightVolume", "wei", (TOKEN * 2n) / 5n, 0n, 10n * TOKEN, TOKEN / 10n, 30n * DAY, "seed: w_V"),
  p("bpci.poe.weightLiquidity", "wei", TOKEN / 5n, 0n, 10n * TOKEN, TOKEN / 10n, 30n * DAY, "seed: w_L"),
  p("bpci.poe.weightUptime", "wei", TOKEN / 5n, 0n, 10n * TOKEN, TOKEN / 10n, 30n * DAY, "seed: w_U"),
  p("bpci.poe.weightQuality", "wei", TOKEN / 5n, 0n, 10n * TOKEN, TOKEN / 10n, 30n * DAY, "seed: w_Q"),
  p("bpci.poe.scaleVolume", "wei", 1_000_000n * TOKEN, TOKEN, 10n ** 36n, 500_000n * TOKEN, 30n * DAY, "seed: scale_V"),
  p(
    "bpci.poe.scaleLiquidity",
    "wei",
    10_000_000n * TOKEN,
    TOKEN,
    10n ** 36n,
    5_000_000n * TOKEN,
    30n * DAY,
    "seed: scale_L",
  ),
  p("bpci.poe.feedHeartbeat", "seconds", 26n * HOUR, HOUR, 7n * DAY, DAY, 30n * DAY, "daily feed + 2 h"),
  // Billing: a settlement's totals are paid within 7 days of its commitment (1 hour..90 days), 7 days per 30 days.
  p("bpci.billing.paymentWindow", "seconds", 7n * DAY, HOUR, 90n * DAY, 7n * DAY, 30n * DAY, "spec: billing"),
  // Stability monitor (SPEC.md "Stability monitoring"): a deviation above 10% opens the intervention fast path,
  // above 25% NEX and AUR minting halts until governance resumes it.
  p("bpci.stability.interventionBps", "bps", 1_000n, 100n, 5_000n, 500n, 30n * DAY, "SPEC: intervene above 10%"),
  p("bpci.stability.emergencyBps", "bps", 2_500n, 500n, 9_000n, 1_000n, 30n * DAY, "SPEC: halt above 25%"),
  // Price feeds of the monitor: stale after 26 hours (a daily feed with slack), 1 hour..7 days.
  p("bpci.stability.feedHeartbeat", "seconds", 26n * HOUR, HOUR, 7n * DAY, DAY, 30n * DAY, "kit default: 26 h"),
  // Fast path: executable 6 hours after it is queued (the EmergencyAction type waits 1 day), 1 hour..3 days.
  p("bpci.stability.interventionDelay", "seconds", 6n * HOUR, HOUR, 3n * DAY, DAY, 30n * DAY, "kit default: 6 h"),
  // Fast path: an Executable intervention expires 3 days after its ETA, 1 hour..14 days.
  p("bpci.stability.interventionGrace", "seconds", 3n * DAY, HOUR, 14n * DAY, 3n * DAY, 30n * DAY, "kit default"),
  // The halt flag NexToken and AurToken read: 1 = minting halted. Set by the monitor, cleared by governance.
  p("bpci.stability.mintHalted", "count", 0n, 0n, 1n, 1n, DAY, "SPEC: halt until governance resumes"),
  // Bank mesh (SPEC.md "Bank mesh", the seed's `bank_mesh` config): stake, heartbeats, loans, settlements, votes.
  p("bpci.mesh.minStake", "wei", 1_000n * TOKEN, TOKEN, 1_000_000n * TOKEN, 1_000n * TOKEN, 30n * DAY, "kit default"),
  p("bpci.mesh.unbondingPeriod", "seconds", 14n * DAY, DAY, 60n * DAY, 7n * DAY, 30n * DAY, "kit default: 14 d"),
  // A bank without a heartbeat for 1 hour is Inactive (1 minute..7 days).
  p("bpci.mesh.heartbeatPeriod", "seconds", HOUR, 60n, 7n * DAY, DAY, 30n * DAY, "kit default: 1 h"),
  // Seed: settlement_timeout "30m" (1 minute..7 days).
  p("bpci.mesh.settlementTimeout", "seconds", 1_800n, 60n, 7n * DAY, DAY, 30n * DAY, "seed: 30 minutes"),
  // Seed: consensus_threshold 0.67 of registered bank stake (50.01%..100%).
  p("bpci.mesh.passThresholdBps", "bps", 6_700n, 5_001n, 10_000n, 500n, 30n * DAY, "seed: 67%"),
  p("bpci.mesh.maxOffersPerRequest", "count", 16n, 1n, 64n, 16n, 30n * DAY, "kit default: 16"),
  p("bpci.mesh.requestWindow", "seconds", DAY, HOUR, 30n * DAY, 7n * DAY, 30n * DAY, "kit default: 1 d"),
  p("bpci.mesh.maxLoanDuration", "seconds", 365n * DAY, DAY, 4n * 365n * DAY, 365n * DAY, 30n * DAY, "kit default"),
  p("bpci.mesh.votingPeriod", "seconds", 3n * DAY, HOUR, 30n * DAY, 3n * DAY, 30n * DAY, "kit default: 3 d"),
];

/** BPCI's catalogue per module (`gen`, `nex`, `flx`, `aur`, `poe`, `billing`, `stability`, `mesh`). */
export const BPCI_PARAMETERS_BY_MODULE = groupByModule(BPCI_PARAMETERS);

/** The BPCI catalogue entry called `name`, or undefined. */
export function findBpciParameter(name: string): ParameterSpec | undefined {
  return findParameterIn(BPCI_PARAMETERS, name);
}

/** The three parameters of the wash-trade inequality (README "Wash trading"). */
export interface WashParameters {
  /** `bpci.poe.lockShareBps`: the locked-reserve leg, returned to the miner as it vests. */
  readonly lockShareBps: bigint;
  /** `bpci.poe.spendShareBps`: the spendable leg, paid to the miner at confirmation. */
  readonly spendShareBps: bigint;
  /** `bpci.poe.maxNexPerWork` (WAD): NEX minted at most per NEX-equivalent wei of fee. */
  readonly maxNexPerWork: bigint;
}

/**
 * Whether wash jobs lose at these parameters: `c < s_O + s_T`, i.e. `maxNexPerWork / 1e18 < (10,000 - lock - spend)
 * / 10,000`, exact in integers (`maxNexPerWork x 10,000 < (10,000 - lock - spend) x 1e18`). A requester paying its own
 * miner gets the locked and spendable legs back and loses the owner and treasury legs; it mints at most
 * `maxNexPerWork` per unit of fee-paying work whatever Phi, so it loses more than it mints iff this holds.
 *
 * @example
 * washSafe({ lockShareBps: 2_000n, spendShareBps: 3_000n, maxNexPerWork: 25n * 10n ** 16n }); // true (0.25 < 0.5)
 */
export function washSafe(p: WashParameters): boolean {
  if (p.lockShareBps + p.spendShareBps >= BPS) return false;
  return p.maxNexPerWork * BPS < (BPS - p.lockShareBps - p.spendShareBps) * WAD;
}

/**
 * The inequality at the worst corner of the catalogue's bounds (largest lock and spend shares, largest
 * `maxNexPerWork`): the left side grows and the right side shrinks with each, so if the corner is safe, every value
 * the registry accepts is. Returns the corner and whether it is safe.
 */
export function washSafeAtBounds(catalogue: ParameterCatalogue = BPCI_PARAMETERS): {
  readonly worst: WashParameters;
  readonly safe: boolean;
} {
  const max = (name: string): bigint => {
    const spec = findParameterIn(catalogue, name);
    if (!spec) throw new Error(`catalogue has no ${name}`);
    return spec.max;
  };
  const worst = {
    lockShareBps: max("bpci.poe.lockShareBps"),
    spendShareBps: max("bpci.poe.spendShareBps"),
    maxNexPerWork: max("bpci.poe.maxNexPerWork"),
  };
  return { worst, safe: washSafe(worst) };
}
