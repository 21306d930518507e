import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { id } from "ethers";
import FoundationModule from "./Foundation";
import StakingModule from "./Staking";

/** 7 days in seconds: the default epoch length. */
export const DEFAULT_EPOCH_LENGTH = 7n * 86_400n;
/**
 * 1,440,000 QUIV per 7-day epoch before the first halving: about 75.1M QUIV a year (18.8% of the 400M
 * genesis supply), about 300M over the first 4-year era, and about 600M over all eras, i.e. the uncapped
 * remainder of the 1B cap (the cap stops the tail exactly). See README, "Emission schedule".
 */
export const DEFAULT_BASE_EPOCH_EMISSION = 1_440_000n * 10n ** 18n;

/**
 * Emission: the EmissionController, made a QUIV minter.
 *
 * Parameters (under "Emission"):
 * - `treasury`, `ecosystem`: recipient addresses of the treasury and ecosystem legs
 * - `epochLength`: seconds per epoch (default 7 days)
 * - `baseEpochEmission`: wei emitted by epoch 0 (default 1,440,000 QUIV)
 *
 * Roles after this module (admin = the deployer for now; the preset module moves them to the timelock):
 * - QuivToken MINTER_ROLE: the EmissionController (the preset revokes every other minter)
 * - EmissionController DEFAULT_ADMIN_ROLE: deployer → timelock (`setRecipients`, role management)
 * - EmissionController ORACLE_ROLE: nobody yet → the network-growth oracle (`setGrowthMetric`)
 */
export default buildModule("Emission", (m) => {
  const { quiv, registry } = m.useModule(FoundationModule);
  const { staking } = m.useModule(StakingModule);
  const deployer = m.getAccount(0);
  const treasury = m.getParameter<string>("treasury");
  const ecosystem = m.getParameter<string>("ecosystem");
  const epochLength = m.getParameter<bigint>("epochLength", DEFAULT_EPOCH_LENGTH);
  const baseEpochEmission = m.getParameter<bigint>("baseEpochEmission", DEFAULT_BASE_EPOCH_EMISSION);

  const emission = m.contract("EmissionController", [
    quiv,
    registry,
    staking,
    deployer,
    treasury,
    ecosystem,
    epochLength,
    baseEpochEmission,
  ]);
  m.call(quiv, "grantRole", [id("MINTER_ROLE"), emission], { id: "GrantEmissionMinter" });

  return { quiv, registry, staking, emission };
});
