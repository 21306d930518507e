import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import FoundationModule from "./Foundation";
import { DEFAULT_INITIAL_FEE_BPS } from "../../../sdk/quiver/core/pricing";
import { buildPricing } from "../economy";

/**
 * Pricing: the QUIVer PricingOracle (EMA reference prices per model size class, adaptive network fee).
 *
 * Parameters (deploy/parameters/<network>.json, under "Pricing"):
 * - `initialFeeBps`: starting network fee in bps (default 250 = 2.5%; clamped into the registry's
 *   `[quiver.pricing.minFeeBps, maxFeeBps]` at the first update)
 * - `class<i>BaseRate`, `class<i>Floor`, `class<i>Ceiling` for i = 0, 1, 2: the three default size classes in wei
 *   (defaults in sdk/quiver/core/pricing.ts `DEFAULT_SIZE_CLASSES`: 1 / 5 / 20 QUIV, floor /10, ceiling x10). More
 *   classes (up to 8) are added later by governance with `setSizeClass`.
 * Every other tunable is a registry parameter (`quiver.pricing.*`).
 *
 * Roles (admin = deployer for now; the Quiver preset moves them to the timelock and renounces the deployer's):
 * - DEFAULT_ADMIN_ROLE: manages roles -> timelock
 * - PRICING_ADMIN_ROLE: configures size classes (base rate, floor, ceiling) -> timelock
 * - MARKET_ROLE: `recordSettlement` -> the InferenceMarketplace (granted by the preset; nobody holds it here)
 * `poke` is open to anyone (a keeper), at most once per `quiver.pricing.updateInterval`.
 */
export default buildModule("Pricing", (m) => {
  const { registry } = m.useModule(FoundationModule);
  const { oracle } = buildPricing(m, {
    registry,
    admin: m.getAccount(0),
    initialFeeBps: m.getParameter<bigint>("initialFeeBps", DEFAULT_INITIAL_FEE_BPS),
  }).futures;
  return { oracle, registry };
});
