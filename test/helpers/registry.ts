import { ethers, network } from "hardhat";
import type { ParameterRegistry } from "../../typechain-types";

/** Storage slot of `ParameterRegistry._params` (after AccessControl's `_roles`). */
const PARAMS_SLOT = 1n;
const MASK_64 = (1n << 64n) - 1n;

/**
 * Test-only shortcut for "governance changed the bounds and waited out the freeze" (SEC-13) without moving the
 * clock: calls `setBounds`, then clears `frozenUntil` in storage, so unit tests of other modules can reconfigure a
 * parameter and `set` it at once. Production code never has this shortcut.
 */
export async function setBoundsUnfrozen(
  registry: ParameterRegistry,
  key: string,
  min: bigint,
  max: bigint,
  maxDelta: bigint,
  period: bigint | number,
): Promise<void> {
  await (await registry.setBounds(key, min, max, maxDelta, period)).wait();
  const base = BigInt(
    ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "uint256"], [key, PARAMS_SLOT])),
  );
  const slot = ethers.toBeHex(base + 3n, 32); // bandHigh (128 bits) | frozenUntil (64 bits)
  const address = await registry.getAddress();
  const word = BigInt(await network.provider.send("eth_getStorageAt", [address, slot, "latest"]));
  const cleared = word & ~(MASK_64 << 128n);
  await network.provider.send("hardhat_setStorageAt", [address, slot, ethers.toBeHex(cleared, 32)]);
  if ((await registry.getParameter(key)).frozenUntil !== 0n)
    throw new Error("setBoundsUnfrozen: storage layout changed");
}
