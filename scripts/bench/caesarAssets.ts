/**
 * CAESAR asset registry rows (contracts/caesar/assets/AssetRegistry.sol): registering a plugin with CAESAR's own
 * metadata (deploy/caesar/economy.ts CAESAR_ASSET_METADATA), an upgrade to a second version (deprecating the first),
 * a guardian pause, and `currentVersion` (eth_estimateGas of a call, the 21,000 of a transaction included).
 */
import { ethers } from "hardhat";
import type { AssetRegistry } from "../../typechain-types";
import { CAESAR_ASSET_METADATA as M } from "../../deploy/caesar/economy";
import { gasOf, row, type BenchRow } from "./lib";

export default async function caesarAssets(): Promise<BenchRow[]> {
  const [admin] = await ethers.getSigners();
  const assets = (await ethers.deployContract("AssetRegistry", [admin.address])) as unknown as AssetRegistry;
  const plugin = async () =>
    (
      await ethers.deployContract("CaesarAssetPlugin", [admin.address, admin.address, admin.address, admin.address])
    ).getAddress();
  const meta = {
    ...M,
    chainIds: [...M.chainIds],
    permissions: [...M.permissions],
  };
  const register = await gasOf(assets.register(await plugin(), meta));
  const upgrade = await gasOf(assets.upgrade(1, await plugin(), { ...meta, version: "1.1.0" }));
  const pause = await gasOf(assets.setProcessingPaused(1, true));
  const current = await assets.currentVersion.estimateGas(1);
  return [
    row("CAESAR assets: register (CAESAR's metadata)", register),
    row("CAESAR assets: upgrade (new version, previous deprecated)", upgrade),
    row("CAESAR assets: pause processing", pause),
    row("CAESAR assets: currentVersion (eth_estimateGas)", current),
  ];
}
