import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import FoundationModule from "./Foundation";

/**
 * Channels: QUIVer PaymentChannels (EIP-712 cumulative vouchers) on the Foundation's QUIV and registry.
 *
 * Parameters: none. Every tunable is a registry parameter (`quiver.channels.settleWindow`,
 * `quiver.channels.signerRevokeDelay`, `quiver.channels.minDeposit`, `quiver.channels.maxDuration`), seeded by
 * Foundation from sdk/quiver/core/parameters.ts.
 *
 * Roles: none. PaymentChannels has no admin and no role at all (nothing to hand to the timelock); governance acts
 * on it only through the registry parameters above.
 */
export default buildModule("Channels", (m) => {
  const { quiv, registry } = m.useModule(FoundationModule);
  const channels = m.contract("PaymentChannels", [quiv, registry]);
  return { channels, quiv, registry };
});
