import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { ArgumentType, ContractFuture } from "@nomicfoundation/ignition-core/dist/src/types/module";
import { DEFAULT_SIZE_CLASSES } from "../../sdk/quiver/core/pricing";
import { ROLES } from "../blocks/roles";
import { buildFeed, type FeedSource } from "../blocks/oracles";

/** Default epoch length of the EmissionController: 7 days. */
export const DEFAULT_EPOCH_LENGTH = 7n * 86_400n;
/** Default base emission per epoch before halvings: 1,440,000 QUIV. */
export const DEFAULT_BASE_EPOCH_EMISSION = 1_440_000n * 10n ** 18n;

type F = ArgumentType;

/** Decimals of the local growth-metric feed: 8, as most Chainlink feeds (the controller scales to bps). */
export const DEFAULT_GROWTH_FEED_DECIMALS = 8n;
/** First answer of the local growth-metric feed: 1.0 with 8 decimals. */
export const DEFAULT_GROWTH_FEED_ANSWER = 10n ** 8n;

/**
 * The growth-metric feed `GrowthFeed`: locally a MockAggregatorV3 (anyone may update it) with `growthFeedDecimals`
 * and a first answer `growthFeedAnswer`; on a live network the AggregatorV3 at the address parameter `growthFeed`.
 * Read from the calling module's parameters.
 */
export function buildGrowthFeed(m: IgnitionModuleBuilder, source: FeedSource = "local") {
  return buildFeed(m, source, { id: "GrowthFeed", param: "growthFeed", answer: DEFAULT_GROWTH_FEED_ANSWER });
}

/**
 * EmissionController (the preset grants it QUIV's MINTER_ROLE). Hand-over: its DEFAULT_ADMIN_ROLE.
 * Reads `epochLength` and `baseEpochEmission` from the calling module's parameters. `growthFeed` is the
 * AggregatorV3 feed of the growth metric (SEC-15); without one, the local feed of {@link buildGrowthFeed} is
 * deployed. A live deployment passes `buildGrowthFeed(m, "live")`.
 */
export function buildEmission(
  m: IgnitionModuleBuilder,
  d: { quiv: F; registry: F; staking: F; admin: F; treasury: F; ecosystem: F; growthFeed?: ContractFuture<string> },
) {
  const growthFeed: ContractFuture<string> = d.growthFeed ?? buildGrowthFeed(m);
  const emission = m.contract("EmissionController", [
    d.quiv,
    d.registry,
    d.staking,
    d.admin,
    d.treasury,
    d.ecosystem,
    growthFeed,
    m.getParameter<bigint>("epochLength", DEFAULT_EPOCH_LENGTH),
    m.getParameter<bigint>("baseEpochEmission", DEFAULT_BASE_EPOCH_EMISSION),
  ]);
  return {
    futures: { emission, growthFeed },
    handover: [{ label: "Emission", contract: emission, roles: [ROLES.DEFAULT_ADMIN] }],
  };
}

/**
 * PricingOracle (hand-over: PRICING_ADMIN_ROLE and DEFAULT_ADMIN_ROLE) with the default size classes (each overridable with `class<i>BaseRate|Floor|Ceiling`) and
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
  return {
    futures: { oracle, classes },
    handover: [{ label: "Oracle", contract: oracle, roles: [ROLES.PRICING_ADMIN, ROLES.DEFAULT_ADMIN] }],
  };
}

/**
 * InferenceMarketplace, DisputeManager (holding the marketplace's DISPUTE_ROLE) and the QuiverMetrics view.
 * Hand-over: the marketplace's DEFAULT_ADMIN_ROLE, the DisputeManager's GOVERNANCE_ROLE and DEFAULT_ADMIN_ROLE.
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
    /** The marketplace's artifact: "InferenceMarketplace" (the default); tests pass a known-bad canary's. */
    marketplaceArtifact?: string;
  },
) {
  const marketplace = m.contract(d.marketplaceArtifact ?? "InferenceMarketplace", [
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
  return {
    futures: { marketplace, disputes, metrics, disputeRole },
    handover: [
      { label: "Marketplace", contract: marketplace, roles: [ROLES.DEFAULT_ADMIN] },
      { label: "Disputes", contract: disputes, roles: [ROLES.GOVERNANCE, ROLES.DEFAULT_ADMIN] },
    ],
  };
}
