import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import FoundationModule from "./Foundation";
import StakingModule from "./Staking";
import { buildEmission, DEFAULT_BASE_EPOCH_EMISSION, DEFAULT_EPOCH_LENGTH } from "../economy";
import { ROLES } from "../../blocks/roles";

export { DEFAULT_BASE_EPOCH_EMISSION, DEFAULT_EPOCH_LENGTH };

/**
 * 1,440,000 QUIV per 7-day epoch before the first halving: about 75.1M QUIV a year (18.8% of the 400M
 * genesis supply), about 300M over the first 4-year era, and about 600M over all eras, i.e. the uncapped
 * remainder of the 1B cap (the cap stops the tail exactly). See README, "Emission schedule".
 */

/**
 * Emission: the EmissionController, made a QUIV minter, reading the growth metric from a local AggregatorV3 feed.
 *
 * Parameters (under "Emission"):
 * - `treasury`, `ecosystem`: recipient addresses of the treasury and ecosystem legs
 * - `epochLength`: seconds per epoch (default 7 days)
 * - `baseEpochEmission`: wei emitted by epoch 0 (default 1,440,000 QUIV)
 * - `growthFeedDecimals`, `growthFeedAnswer`: decimals (default 8) and first answer (default 1.0 = 10^8) of the
 *   local growth feed `Emission#GrowthFeed` (a MockAggregatorV3 anyone may update; local only). Its heartbeat
 *   and sanity bounds are registry parameters (`quiver.emission.growth*`).
 *
 * Roles after this module (admin = the deployer for now; the preset module moves them to the timelock):
 * - QuivToken MINTER_ROLE: the EmissionController (the preset revokes every other minter)
 * - EmissionController DEFAULT_ADMIN_ROLE: deployer → timelock (`setRecipients`, `setGrowthFeed`, role management)
 */
export default buildModule("Emission", (m) => {
  const { quiv, registry } = m.useModule(FoundationModule);
  const { staking } = m.useModule(StakingModule);
  const { emission, growthFeed } = buildEmission(m, {
    quiv,
    registry,
    staking,
    admin: m.getAccount(0),
    treasury: m.getParameter<string>("treasury"),
    ecosystem: m.getParameter<string>("ecosystem"),
  }).futures;
  m.call(quiv, "grantRole", [ROLES.MINTER, emission], { id: "GrantEmissionMinter" });
  return { quiv, registry, staking, emission, growthFeed };
});
