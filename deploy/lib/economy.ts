import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { ArgumentType } from "@nomicfoundation/ignition-core/dist/src/types/module";
import { DEFAULT_SIZE_CLASSES } from "../../sdk/core/pricing";
import { ROLES } from "./roles";

/** Default epoch length of the EmissionController: 7 days. */
export const DEFAULT_EPOCH_LENGTH = 7n * 86_400n;
/** Default base emission per epoch before halvings: 1,440,000 QUIV. */
export const DEFAULT_BASE_EPOCH_EMISSION = 1_440_000n * 10n ** 18n;

type F = ArgumentType;

/**
 * EmissionController plus its QUIV MINTER_ROLE (granted by the deployer, who is still QUIV's admin).
 * Reads `epochLength` and `baseEpochEmission` from the calling module's parameters.
 */
export function buildEmission(
  m: IgnitionModuleBuilder,
  d: { quiv: F; registry: F; staking: F; admin: F; treasury: F; ecosystem: F },
) {
  const emission = m.contract("EmissionController", [
    d.quiv,
    d.registry,
    d.staking,
    d.admin,
    d.treasury,
    d.ecosystem,
    m.getParameter<bigint>("epochLength", DEFAULT_EPOCH_LENGTH),
    m.getParameter<bigint>("baseEpochEmission", DEFAULT_BASE_EPOCH_EMISSION),
  ]);
  return { emission };
}

/**
 * PricingOracle with the default size classes (each overridable with `class<i>BaseRate|Floor|Ceiling`) and
 * `initialFeeBps`, read from the calling module's parameters.
 */
export function buildPricing(m: IgnitionModuleBuilder, d: { registry: F; admin: F; initialFeeBps: F }) {
  const oracle = m.contract("PricingOracle", [d.admin, d.registry, d.initialFeeBps]);
  const classes = DEFAULT_SIZE_CLASSES.map((c, i) =>
    m.call(
      oracle,
      "setSizeClass",
      [
        i,
        m.getParameter<bigint>(`class${i}BaseRate`, c.baseRate),
        m.getParameter<bigint>(`class${i}Floor`, c.floor),
        m.getParameter<bigint>(`class${i}Ceiling`, c.ceiling),
      ],
      { id: `SetSizeClass${i}` },
    ),
  );
  return { oracle, classes };
}

/**
 * InferenceMarketplace, DisputeManager (holding the marketplace's DISPUTE_ROLE) and the QuiverMetrics view.
 */
export function buildMarket(
  m: IgnitionModuleBuilder,
  d: {
    admin: F;
    quiv: F;
    registry: F;
    staking: F;
    oracle: F;
    treasury: F;
    channels: F;
    governor: F;
    nonCirculating: F;
  },
) {
  const marketplace = m.contract("InferenceMarketplace", [
    d.admin,
    d.quiv,
    d.registry,
    d.staking,
    d.oracle,
    d.treasury,
  ]);
  const disputes = m.contract("DisputeManager", [d.admin, d.quiv, d.registry, d.staking, marketplace]);
  const disputeRole = m.call(marketplace, "grantRole", [ROLES.DISPUTE, disputes], { id: "GrantDisputeRole" });
  const metrics = m.contract("QuiverMetrics", [
    d.quiv,
    d.staking,
    marketplace,
    d.channels,
    disputes,
    d.governor,
    d.nonCirculating,
  ]);
  return { marketplace, disputes, metrics, disputeRole };
}
