import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import FoundationModule from "./Foundation";
import { buildProviderStaking } from "../votes";

/**
 * Staking: QUIVer ProviderStaking on top of the Foundation (QUIV + ParameterRegistry).
 *
 * Parameters (deploy/parameters/<network>.json, under "Staking"):
 * - `insuranceFund`: address that receives the insurance share of executed slashes.
 *
 * Roles after this module (admin = the deployer for now; the preset module moves them to the timelock):
 * - DEFAULT_ADMIN_ROLE: deployer → timelock (role management, `setInsuranceFund`)
 * - APPEAL_ROLE: deployer → timelock (overturn a pending slash during its appeal window)
 * - SLASHER_ROLE: nobody yet → the DisputeManager (open/propose/close slash cases)
 * - MARKET_ROLE: nobody yet → the InferenceMarketplace (`recordJobCompleted`)
 */
export default buildModule("Staking", (m) => {
  const { quiv, registry } = m.useModule(FoundationModule);
  const { staking } = buildProviderStaking(m, {
    quiv,
    registry,
    admin: m.getAccount(0),
    insuranceFund: m.getParameter<string>("insuranceFund"),
  }).futures;
  return { quiv, registry, staking };
});
