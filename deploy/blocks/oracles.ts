import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
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
