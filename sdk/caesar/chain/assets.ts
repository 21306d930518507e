/**
 * Readers of the AssetRegistry: every asset with its current version, metadata, pause flags, and (through its
 * plugin) its definition and status. At most 64 assets (AssetRegistry.MAX_ASSETS): bounded reads.
 */
import type { AssetRegistry } from "./contracts";

/** IAssetRegistry.EconomicModel, by value. */
export const ECONOMIC_MODELS = [
  "Inflationary",
  "Deflationary",
  "Demurrage",
  "Stablecoin",
  "Utility",
  "Governance",
  "Custom",
] as const;
/** IAssetRegistry.Status, by value. */
export const ASSET_STATUSES = ["None", "Active", "Paused", "Deprecated"] as const;

/** One asset as read from the chain. */
export interface AssetInfo {
  readonly assetId: bigint;
  readonly version: bigint;
  readonly plugin: string;
  readonly status: (typeof ASSET_STATUSES)[number];
  readonly name: string;
  readonly label: string;
  readonly author: string;
  readonly description: string;
  readonly chainIds: readonly bigint[];
  readonly permissions: readonly string[];
  readonly economicModel: string;
  readonly governanceModel: string;
  readonly processingPaused: boolean;
  readonly stabilizerPaused: boolean;
}

/** An asset with its plugin's definition and status. */
export interface AssetDetails extends AssetInfo {
  readonly definition: {
    readonly supply: bigint;
    readonly demurrageBps: bigint;
    readonly antiSpeculationThreshold: bigint;
    readonly stabilityTarget: bigint;
  };
  readonly live: {
    readonly priceDeviationBps: bigint;
    readonly reserve: bigint;
    readonly agents: bigint;
  };
}

/**
 * Reads asset `assetId` (its current version).
 *
 * @example
 * const caesar = await readAsset(c.assets, 1n); // CAESAR, the first plugin
 */
export async function readAsset(assets: AssetRegistry, assetId: bigint): Promise<AssetInfo> {
  const [version, plugin, status] = await assets.currentVersion(assetId);
  const [m, [processingPaused, stabilizerPaused]] = await Promise.all([
    assets.metadataOf(assetId, version),
    assets.pauseFlags(assetId),
  ]);
  const model = ECONOMIC_MODELS[Number(m.economicModel)];
  return {
    assetId,
    version,
    plugin,
    status: ASSET_STATUSES[Number(status)],
    name: m.name,
    label: m.version,
    author: m.author,
    description: m.description,
    chainIds: [...m.chainIds],
    permissions: [...m.permissions],
    economicModel: model === "Custom" ? `Custom: ${m.customModel}` : model,
    governanceModel: m.governanceModel,
    processingPaused,
    stabilizerPaused,
  };
}

/** Every asset of the registry, in id order. */
export async function readAssets(assets: AssetRegistry): Promise<AssetInfo[]> {
  const n = await assets.assetCount();
  return Promise.all(Array.from({ length: Number(n) }, (_, i) => readAsset(assets, BigInt(i + 1))));
}

/** Asset `assetId` with its plugin's definition and live status. */
export async function readAssetDetails(assets: AssetRegistry, assetId: bigint): Promise<AssetDetails> {
  const [info, d, s] = await Promise.all([
    readAsset(assets, assetId),
    assets.definitionOf(assetId),
    assets.statusOf(assetId),
  ]);
  return {
    ...info,
    definition: {
      supply: d.supply,
      demurrageBps: d.demurrageBps,
      antiSpeculationThreshold: d.antiSpeculationThreshold,
      stabilityTarget: d.stabilityTarget,
    },
    live: { priceDeviationBps: s.priceDeviationBps, reserve: s.reserve, agents: s.agents },
  };
}
