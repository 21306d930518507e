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

export { parameterKey } from "../../kit/core/parameters";
export type { ParameterSpec, ParameterUnit } from "../../kit/core/parameters";

const HOUR = 3_600n;
const DAY = 86_400n;
const TOKEN = 10n ** 18n;

/** BPCI defaults (SPEC.md "BPCI", the seed's config, ANCHORS.md). */
export const BPCI_PARAMETERS: ParameterCatalogue = [
  // GEN concentration limit: 10% of the supply per non-exempt holder (1%..100%), at most 5 points per 30 days.
  p("bpci.gen.maxHolderBps", "bps", 1_000n, 100n, 10_000n, 500n, 30n * DAY, "issue 13: 10% of supply"),
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
  p("bpci.flx.maxRebaseBps", "bps", 500n, 10n, 5_000n, 100n, 30n * DAY, "issue 13: +-5% per rebase"),
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
];

/** BPCI's catalogue per module (`gen`, `nex`, `flx`, `aur`). */
export const BPCI_PARAMETERS_BY_MODULE = groupByModule(BPCI_PARAMETERS);

/** The BPCI catalogue entry called `name`, or undefined. */
export function findBpciParameter(name: string): ParameterSpec | undefined {
  return findParameterIn(BPCI_PARAMETERS, name);
}
