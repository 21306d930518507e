import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import { ZeroAddress } from "ethers";
import { ROLES } from "../blocks/roles";
import { buildFeed, type FeedSource } from "../blocks/oracles";
import type { KitVotes, KitVotesArgs } from "../modules/Kit";
import { WFLX_DECIMALS_OFFSET } from "../../sdk/bpci/core/units";

const TOKEN = 10n ** 18n;

/**
 * Tier weights of the BPCI governor (SPEC "Tier-weighted governance", the seed's tier multipliers), in basis points
 * of the governor's vote sources (10,000 = 1x). wFLX has 3 more decimals than FLX (the wrapper's offset), so FLX's 1x
 * is 10 bps per wFLX wei: 1 vote per FLX wrapped at the genesis rate (wFLX votes never follow a rebase).
 * The weights live in the governor, checkpointed (`sourceWeightAt`), not in the registry: a proposal's votes are
 * counted at its snapshot with the weights of that snapshot, which a registry value read at vote time would not
 * give; governance changes them with `setVoteSource` (bounded by the governor's 100x maximum).
 */
export const BPCI_TIER_WEIGHTS = { gen: 100_000n, aur: 50_000n, nex: 30_000n, wflx: 10n } as const;
/** NEX lifetime cap: 21,000,000 NEX (the yearly cap `bpci.nex.yearlyCap` bounds the pace). */
export const DEFAULT_NEX_LIFETIME_CAP = 21_000_000n * TOKEN;
/** First answer of the local usage feed: 1.0 with 8 decimals (FLX's target usage, so no rebase until it moves). */
export const DEFAULT_USAGE_ANSWER = 10n ** 8n;
/** First answer of the local proof-of-reserve feed: 1,000,000 units of gold with 8 decimals. */
export const DEFAULT_RESERVE_ANSWER = 1_000_000n * 10n ** 8n;

/**
 * BPCI's tokens and vote sources, deployed inside the kit module (`Kit#...`; FLX and AUR need their feeds at
 * construction, so the usage and reserve feeds are here too):
 * - GEN: 100,000 to `genGenesisRecipients` / `genGenesisAmounts` (the deployer, exempt from the holder limit at
 *   genesis, holds the Treasury's share until the preset moves it), the deployer exempt;
 * - NEX (lifetime cap `nexLifetimeCap`, minted only by PoeMining: the preset grants its MINTER_ROLE);
 * - FLX with the usage feed (`flxGenesisRecipients` / `flxGenesisAmounts`), its static wrapper wFLX (offset 3);
 * - AUR with the proof-of-reserve feed.
 * Vote sources: GEN 10x, AUR 5x, NEX 3x, wFLX 1x per FLX (`genWeightBps`, `aurWeightBps`, `nexWeightBps`,
 * `wflxWeightBps`; defaults {@link BPCI_TIER_WEIGHTS}). Budgets of the council: `ethBudget` ETH, `wflxBudget` wFLX,
 * `aurBudget` AUR per period. Hand-over: DEFAULT_ADMIN_ROLE of GEN, NEX and AUR (FLX and wFLX have no roles).
 */
export function buildBpciVotes(feeds: FeedSource) {
  return (m: IgnitionModuleBuilder, kit: KitVotesArgs) => {
    const usageFeed = buildFeed(m, feeds, { id: "UsageFeed", param: "usageFeed", answer: DEFAULT_USAGE_ANSWER });
    const reserveFeed = buildFeed(m, feeds, {
      id: "ReserveFeed",
      param: "reserveFeed",
      answer: DEFAULT_RESERVE_ANSWER,
    });
    const nex = m.contract("NexToken", [
      kit.deployer,
      kit.registry,
      m.getParameter<bigint>("nexLifetimeCap", DEFAULT_NEX_LIFETIME_CAP),
    ]);
    const flx = m.contract("FlxToken", [
      kit.registry,
      usageFeed,
      m.getParameter<string[]>("flxGenesisRecipients"),
      m.getParameter<bigint[]>("flxGenesisAmounts"),
    ]);
    // GEN's genesis checks the holder limit, which reads `bpci.gen.maxHolderBps`: the registry must be seeded first.
    const gen = m.contract(
      "GenToken",
      [
        kit.deployer,
        kit.registry,
        m.getParameter<string[]>("genGenesisRecipients"),
        m.getParameter<bigint[]>("genGenesisAmounts"),
        [kit.deployer],
      ],
      { after: [...kit.seeded] },
    );
    const wflx = m.contract("StaticVotesWrapper", [flx, "Wrapped Flux", "wFLX", WFLX_DECIMALS_OFFSET]);
    const aur = m.contract("AurToken", [kit.deployer, kit.registry, reserveFeed]);
    const votes: KitVotes<{
      gen: typeof gen;
      nex: typeof nex;
      flx: typeof flx;
      wflx: typeof wflx;
      aur: typeof aur;
      usageFeed: typeof usageFeed;
      reserveFeed: typeof reserveFeed;
    }> = {
      futures: { gen, nex, flx, wflx, aur, usageFeed, reserveFeed },
      handover: [
        { label: "Gen", contract: gen, roles: [ROLES.DEFAULT_ADMIN] },
        { label: "Nex", contract: nex, roles: [ROLES.DEFAULT_ADMIN] },
        { label: "Aur", contract: aur, roles: [ROLES.DEFAULT_ADMIN] },
      ],
      sources: [
        { token: gen, weightBps: m.getParameter("genWeightBps", BPCI_TIER_WEIGHTS.gen) },
        { token: aur, weightBps: m.getParameter("aurWeightBps", BPCI_TIER_WEIGHTS.aur) },
        { token: nex, weightBps: m.getParameter("nexWeightBps", BPCI_TIER_WEIGHTS.nex) },
        { token: wflx, weightBps: m.getParameter("wflxWeightBps", BPCI_TIER_WEIGHTS.wflx) },
      ],
      budgets: [
        { token: ZeroAddress, amount: m.getParameter("ethBudget", 10n * TOKEN) },
        { token: wflx, amount: m.getParameter("wflxBudget", 100_000n * TOKEN * 1_000n) },
        { token: aur, amount: m.getParameter("aurBudget", 1_000n * TOKEN) },
      ],
    };
    return votes;
  };
}
