import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import FoundationModule from "./Foundation";

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
  const deployer = m.getAccount(0);
  const insuranceFund = m.getParameter<string>("insuranceFund");

  // ProviderStaking links its unbonding-segment and reward-drip libraries (contract size limit).
  const stakingLibraries = {
    UnbondingSegments: m.library("UnbondingSegments"),
    RewardDrip: m.library("RewardDrip"),
  };
  const staking = m.contract("ProviderStaking", [quiv, registry, deployer, insuranceFund], {
    libraries: stakingLibraries,
  });

  return { quiv, registry, staking };
});
