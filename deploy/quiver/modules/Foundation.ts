import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { QUIVER_PARAMETERS } from "../../../sdk/quiver/core/parameters";
import { buildRegistry } from "../../blocks/registry";
import { buildQuivToken } from "../votes";

/**
 * Foundation (unit tests only; no preset uses it): QUIV with its genesis and a ParameterRegistry seeded with the
 * QUIVer catalogue, both administered by the deployer, built from the same blocks as the QUIVer preset's kit
 * (deploy/quiver/votes.ts, deploy/blocks/registry.ts). The thin single-block modules (Staking, Emission, Market,
 * Pricing, Channels, Governance) stand on it, so that a unit test deploys one block through Ignition.
 *
 * Parameters (under "Foundation"):
 * - `genesisRecipients`: addresses of the genesis allocation (treasury, ecosystem, team vesting, ...)
 * - `genesisAmounts`: wei per recipient, as strings with an `n` suffix ("150000000000000000000000000n")
 */
export default buildModule("Foundation", (m) => {
  const deployer = m.getAccount(0);
  const { quiv } = buildQuivToken(m, { admin: deployer }).futures;
  const { registry } = buildRegistry(m, { admin: deployer, parameters: QUIVER_PARAMETERS }).futures;
  return { quiv, registry };
});
