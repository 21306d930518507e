import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { QUIVER_PARAMETERS, parameterKey } from "../../sdk/quiver/core/parameters";

/**
 * Foundation: the QUIV token and the ParameterRegistry seeded with the QUIVer defaults.
 *
 * Parameters (deploy/parameters/<network>.json, under "Foundation"):
 * - `genesisRecipients`: addresses of the genesis allocation (treasury, ecosystem, team vesting, ...)
 * - `genesisAmounts`: wei per recipient, as strings with an `n` suffix ("150000000000000000000000000n")
 *
 * The deployer is the first admin of both contracts; the Governance module hands every role to the
 * timelock and renounces the deployer's (so a deployment of Foundation alone is an admin-controlled one).
 */
export default buildModule("Foundation", (m) => {
  const deployer = m.getAccount(0);
  const genesisRecipients = m.getParameter<string[]>("genesisRecipients", []);
  const genesisAmounts = m.getParameter<bigint[]>("genesisAmounts", []);

  const quiv = m.contract("QuivToken", [deployer, genesisRecipients, genesisAmounts]);
  const registry = m.contract("ParameterRegistry", [deployer]);

  m.call(
    registry,
    "defineParameters",
    [
      QUIVER_PARAMETERS.map((s) => ({
        key: parameterKey(s.name),
        value: s.value,
        min: s.min,
        max: s.max,
        maxDelta: s.maxDelta,
        period: s.period,
      })),
    ],
    { id: "SeedQuiverParameters" },
  );

  return { quiv, registry };
});
