import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { ZeroAddress } from "ethers";
import FoundationModule from "./Foundation";
import { buildMarket } from "../economy";

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
export default marketModule("Market");

/**
 * The Market module under another id, with another marketplace artifact (the default is "InferenceMarketplace");
 * test fixtures use it to deploy a known-bad canary with the real wiring. Parameters go under `id`.
 */
export function marketModule(id: string, marketplaceArtifact?: string) {
  return buildModule(id, (m) => {
    const { quiv, registry } = m.useModule(FoundationModule);
    const { marketplace, disputes, metrics } = buildMarket(m, {
      admin: m.getAccount(0),
      quiv,
      registry,
      staking: m.getParameter<string>("staking"),
      oracle: m.getParameter<string>("pricingOracle"),
      treasury: m.getParameter<string>("treasury"),
      channels: m.getParameter<string>("channels", ZeroAddress),
      governor: m.getParameter<string>("governor", ZeroAddress),
      nonCirculating: m.getParameter<string[]>("nonCirculating", []),
      ...(marketplaceArtifact === undefined ? {} : { marketplaceArtifact }),
    }).futures;
    return { quiv, registry, marketplace, disputes, metrics };
  });
}
