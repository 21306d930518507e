import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { ContractFuture } from "@nomicfoundation/ignition-core/dist/src/types/module";
import type { Built } from "./handover";

/** Decimals of a local mock feed by default: 8, as most Chainlink feeds. */
export const DEFAULT_FEED_DECIMALS = 8n;

/**
 * A local AggregatorV3 feed (MockAggregatorV3, which anyone may update: for local chains only, never a live
 * preset) with the future id `id` and its decimals and first answer read from the calling module's parameters
 * `<param>Decimals` and `<param>Answer`. The SDK and CLI drive it (`setAnswer`). A live deployment passes its
 * real feed instead, e.g. `m.contractAt("AggregatorV3Interface", m.getParameter("feed"))`.
 * Hand-over: none (the mock has no roles).
 */
export function buildLocalFeed(m: IgnitionModuleBuilder, d: { id: string; param: string; answer: bigint }) {
  const feed = m.contract(
    "MockAggregatorV3",
    [
      m.getParameter<bigint>(`${d.param}Decimals`, DEFAULT_FEED_DECIMALS),
      m.getParameter<bigint>(`${d.param}Answer`, d.answer),
    ],
    { id: d.id },
  );
  const built: Built<{ feed: typeof feed }> = { futures: { feed }, handover: [] };
  return built;
}

/**
 * Where a preset's feeds come from: `"local"` deploys MockAggregatorV3 feeds (anyone may update them: local dev chains
 * only), `"live"` reads each feed's address from the parameters. `kit deploy` picks `"live"` on every chain that is
 * not a local dev chain (`deployTargetOf` in sdk/kit/preset.ts).
 */
export type FeedSource = "local" | "live";

/**
 * A feed of a preset: the local MockAggregatorV3 `id` of {@link buildLocalFeed} (`<param>Decimals`, `<param>Answer`),
 * or on a live network the AggregatorV3 at the address parameter `<param>` (no default: a live deployment without
 * it fails before sending anything).
 */
export function buildFeed(
  m: IgnitionModuleBuilder,
  source: FeedSource,
  d: { id: string; param: string; answer: bigint },
): ContractFuture<string> {
  if (source === "live") return m.contractAt("AggregatorV3Interface", m.getParameter<string>(d.param), { id: d.id });
  return buildLocalFeed(m, d).futures.feed;
}
