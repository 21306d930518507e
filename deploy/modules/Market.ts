import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import FoundationModule from "./Foundation";

const ZERO = "0x0000000000000000000000000000000000000000";

/**
 * Market: the InferenceMarketplace, the DisputeManager and the QuiverMetrics view, on top of Foundation.
 *
 * Parameters (deploy/parameters/<network>.json, under "Market"):
 * - `staking`: ProviderStaking address (the marketplace reads tiers and pays network fees into it; the
 *   DisputeManager opens slash cases in it: grant it MARKET_ROLE and SLASHER_ROLE there)
 * - `pricingOracle`: PricingOracle address (grant the marketplace its MARKET_ROLE there)
 * - `treasury`: receiver of the treasury fee
 * - `channels`: PaymentChannels address for the TVL figure (optional, zero = absent)
 * - `governor`: Governor address for the proposal count (optional, zero = absent)
 * - `nonCirculating`: holders excluded from the circulating supply, at most 8 (optional)
 *
 * The deployer is the first admin (DEFAULT_ADMIN_ROLE of both contracts and GOVERNANCE_ROLE of the
 * DisputeManager); the Governance module hands these to the timelock and renounces the deployer's.
 */
export default buildModule("Market", (m) => {
  const deployer = m.getAccount(0);
  const { quiv, registry } = m.useModule(FoundationModule);
  const staking = m.getParameter<string>("staking");
  const pricingOracle = m.getParameter<string>("pricingOracle");
  const treasury = m.getParameter<string>("treasury");
  const channels = m.getParameter<string>("channels", ZERO);
  const governor = m.getParameter<string>("governor", ZERO);
  const nonCirculating = m.getParameter<string[]>("nonCirculating", []);

  const marketplace = m.contract("InferenceMarketplace", [deployer, quiv, registry, staking, pricingOracle, treasury]);
  const disputes = m.contract("DisputeManager", [deployer, quiv, registry, staking, marketplace]);
  const disputeRole = m.staticCall(marketplace, "DISPUTE_ROLE", [], 0, { id: "DisputeRole" });
  m.call(marketplace, "grantRole", [disputeRole, disputes], { id: "GrantDisputeRole" });

  const metrics = m.contract("QuiverMetrics", [
    quiv,
    staking,
    marketplace,
    channels,
    disputes,
    governor,
    nonCirculating,
  ]);

  return { quiv, registry, marketplace, disputes, metrics };
});
