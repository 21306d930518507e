import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { ArgumentType, ContractFuture } from "@nomicfoundation/ignition-core/dist/src/types/module";
import { BPCI_PARAMETERS } from "../../sdk/bpci/core/parameters";
import type { RegistryParameter } from "../blocks/registry";
import { buildStakingLibraries } from "../blocks/staking";
import { ROLES } from "../blocks/roles";
import { buildFeed, type FeedSource } from "../blocks/oracles";

const DAY = 86_400n;
const FEED_ONE = 10n ** 8n;

/** Issuance epoch of PoeMining: 1 day (the seed's daily issuance; `bpci.poe.baseIssuance` is per epoch). */
export const DEFAULT_EPOCH_LENGTH = DAY;
/** Owner-salary period of PoeMining: 30 days (`bpci.poe.salaryCeiling*` is per period). */
export const DEFAULT_SALARY_PERIOD = 30n * DAY;
/** First answers of the local Phi feeds (8 decimals): liquidity 10,000,000 (= scale_L), uptime 0.99, quality 0.9. */
export const DEFAULT_PHI_FEEDS = {
  liquidity: 10_000_000n * FEED_ONE,
  uptime: (99n * FEED_ONE) / 100n,
  quality: (9n * FEED_ONE) / 10n,
} as const;

/**
 * NEX bootstrap: NEX exists only once PoE mining has issued it, and miners stake NEX, so the preset seeds
 * `bpci.poe.minStake` at 0 (its lower bound) and a miner may register with no stake. Once NEX circulates, one
 * EconomicParameter proposal raises it to the catalogue's 100 NEX (within its 1,000 NEX per 30 days rate limit).
 * No NEX is pre-minted: NEX is minted only by PoeMining. The wash-trade inequality does not depend on the stake.
 */
export const BOOTSTRAP_OVERRIDES: Readonly<Record<string, bigint>> = { "bpci.poe.minStake": 0n };

/** The registry catalogue the preset seeds: {@link BPCI_PARAMETERS} with the bootstrap overrides. */
export const BPCI_PRESET_PARAMETERS: readonly RegistryParameter[] = BPCI_PARAMETERS.map((s) => ({
  name: s.name,
  value: BOOTSTRAP_OVERRIDES[s.name] ?? s.value,
  min: s.min,
  max: s.max,
  maxDelta: s.maxDelta,
  period: s.period,
}));

/**
 * MinerStaking (NEX stake; no roles) and PoeMining (admin: the deployer until the hand-over) with the three Phi feeds
 * (`LiquidityFeed`, `UptimeFeed`, `QualityFeed`: local mocks, or the addresses `liquidityFeed`, `uptimeFeed`,
 * `qualityFeed` on a live network), `epochLength` and `salaryPeriod` from the calling module's parameters.
 * Hand-over: PoeMining's DEFAULT_ADMIN_ROLE (it grants SLASHER_ROLE, which nobody holds yet, and sets the owner).
 */
export function buildMining(
  m: IgnitionModuleBuilder,
  feeds: FeedSource,
  d: {
    admin: ArgumentType;
    registry: ContractFuture<string>;
    nex: ContractFuture<string>;
    wflx: ContractFuture<string>;
    aur: ContractFuture<string>;
    treasury: ContractFuture<string>;
    owner: ArgumentType;
  },
) {
  const libs = buildStakingLibraries(m);
  const staking = m.contract("MinerStaking", [d.nex, d.registry], { libraries: libs.futures });
  const liquidityFeed = buildFeed(m, feeds, {
    id: "LiquidityFeed",
    param: "liquidityFeed",
    answer: DEFAULT_PHI_FEEDS.liquidity,
  });
  const uptimeFeed = buildFeed(m, feeds, { id: "UptimeFeed", param: "uptimeFeed", answer: DEFAULT_PHI_FEEDS.uptime });
  const qualityFeed = buildFeed(m, feeds, {
    id: "QualityFeed",
    param: "qualityFeed",
    answer: DEFAULT_PHI_FEEDS.quality,
  });
  const mining = m.contract("PoeMining", [
    d.admin,
    d.registry,
    staking,
    d.nex,
    d.wflx,
    d.aur,
    d.treasury,
    d.owner,
    [liquidityFeed, uptimeFeed, qualityFeed],
    m.getParameter<bigint>("epochLength", DEFAULT_EPOCH_LENGTH),
    m.getParameter<bigint>("salaryPeriod", DEFAULT_SALARY_PERIOD),
  ]);
  return {
    futures: { staking, mining, liquidityFeed, uptimeFeed, qualityFeed },
    handover: [{ label: "Mining", contract: mining, roles: [ROLES.DEFAULT_ADMIN] }],
    /** The staking libraries, for the preset's other pools (the BankMesh). */
    libs,
  };
}
