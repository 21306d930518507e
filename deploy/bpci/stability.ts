import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { ArgumentType, CallableContractFuture } from "@nomicfoundation/ignition-core/dist/src/types/module";
import { parameterKey } from "../../sdk/bpci/core/parameters";
import { FAST_PATH_KEYS } from "../../sdk/bpci/core/stability";
import { buildFeed, type FeedSource } from "../blocks/oracles";
import { ROLES } from "../blocks/roles";

const FEED_ONE = 10n ** 8n;
const WAD = 10n ** 18n;

/** FLX's fixed target of the monitor (18 decimals): 1.0 (a governance `configureTrack` changes it). */
export const DEFAULT_FLX_TARGET = WAD;

/**
 * The StabilityMonitor (contracts/bpci/stability) with its five price feeds: `AurPriceFeed` against `GoldPriceFeed`,
 * `FlxPriceFeed` against a fixed {@link DEFAULT_FLX_TARGET}, `NexPriceFeed` against `NexReferenceFeed` (local mocks at
 * 1.0, or the addresses `aurPriceFeed`, `goldPriceFeed`, `flxPriceFeed`, `nexPriceFeed`, `nexReferenceFeed` on a live
 * network). Its admin is the timelock from the start (so nothing needs handing over); the council proposes
 * interventions, the guardian (and the timelock) cancels; {@link FAST_PATH_KEYS} are approved. The returned wiring
 * call grants it PARAMETER_ADMIN_ROLE on the registry (before the deployer's roles are handed over), which it uses
 * only for the halt flag and executed interventions.
 */
export function buildStability(
  m: IgnitionModuleBuilder,
  feeds: FeedSource,
  d: {
    timelock: ArgumentType;
    council: ArgumentType;
    guardian: ArgumentType;
    registry: CallableContractFuture<string>;
  },
) {
  const feed = (id: string, param: string) => buildFeed(m, feeds, { id, param, answer: FEED_ONE });
  const aurPrice = feed("AurPriceFeed", "aurPriceFeed");
  const goldPrice = feed("GoldPriceFeed", "goldPriceFeed");
  const flxPrice = feed("FlxPriceFeed", "flxPriceFeed");
  const nexPrice = feed("NexPriceFeed", "nexPriceFeed");
  const nexReference = feed("NexReferenceFeed", "nexReferenceFeed");
  const ZERO = "0x0000000000000000000000000000000000000000";
  const monitor = m.contract("StabilityMonitor", [
    d.timelock,
    d.council,
    d.guardian,
    d.registry,
    [
      [aurPrice, goldPrice, 0n],
      [flxPrice, ZERO, m.getParameter<bigint>("flxTarget", DEFAULT_FLX_TARGET)],
      [nexPrice, nexReference, 0n],
    ],
    FAST_PATH_KEYS.map(parameterKey),
  ]);
  const grant = m.call(d.registry, "grantRole", [ROLES.PARAMETER_ADMIN, monitor], { id: "RegistryStabilityMonitor" });
  return {
    futures: {
      monitor,
      aurPriceFeed: aurPrice,
      goldPriceFeed: goldPrice,
      flxPriceFeed: flxPrice,
      nexPriceFeed: nexPrice,
      nexReferenceFeed: nexReference,
    },
    wiring: [grant],
  };
}
