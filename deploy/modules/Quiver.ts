import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { kitModule } from "./Kit";
import { buildQuiverVotes } from "../quiver/votes";
import { buildEmission, buildGrowthFeed, buildMarket, buildPricing } from "../quiver/economy";
import type { FeedSource } from "../blocks/oracles";
import { handOver } from "../blocks/handover";
import { ROLES } from "../blocks/roles";
import { DEFAULT_INITIAL_FEE_BPS } from "../../sdk/quiver/core/pricing";
import { QUIVER_PARAMETERS } from "../../sdk/quiver/core/parameters";

/**
 * QUIVer's kit stack (`Kit#...`): the ParameterRegistry seeded with the QUIVer catalogue, QUIV and ProviderStaking
 * (the governor's vote sources, which must exist before it), the Safes, the timelock, the "QUIVer Governor" and the
 * Treasury budgeting QUIV and ETH.
 */
export const QuiverKit = kitModule({ name: "QUIVer Governor", parameters: QUIVER_PARAMETERS, votes: buildQuiverVotes });

/**
 * The QUIVer preset: the whole inference economy on its kit stack, wired and handed to governance.
 *
 * Uses {@link QuiverKit} (registry, QUIV, ProviderStaking, Safes, TimelockController, EconomyGovernor with QUIV and
 * staked QUIV as vote sources, Treasury) and deploys the EmissionController, the PricingOracle, PaymentChannels,
 * the InferenceMarketplace with its DisputeManager, and the QuiverMetrics view (ids `Quiver#...`). Then it wires
 * the roles each contract needs from the others:
 * - QUIV `MINTER_ROLE` -> EmissionController (its only minter);
 * - ProviderStaking `SLASHER_ROLE` -> DisputeManager, `MARKET_ROLE` -> InferenceMarketplace;
 * - PricingOracle `MARKET_ROLE` -> InferenceMarketplace; InferenceMarketplace `DISPUTE_ROLE` -> DisputeManager;
 * moves the Treasury's genesis share (`treasuryGenesis`, sent by the deployer, who must be a genesis recipient)
 * into the Treasury contract, and finally hands every admin role its builders report (registry, QUIV, staking,
 * emission, oracle, marketplace, disputes) to the timelock and renounces the deployer's. After it, no EOA holds any
 * role. The EmissionController reads its growth metric from `Quiver#GrowthFeed`: with `feeds` "local" a
 * MockAggregatorV3 answering 1.0 (parameters `growthFeedDecimals`, `growthFeedAnswer`; anyone may update it, so
 * local chains only), with "live" the AggregatorV3 at the parameter `growthFeed` (deploy/modules/QuiverLive.ts,
 * what `kit deploy` runs on a public chain); once its answer is older than `quiver.emission.growthHeartbeat` the
 * metric falls back to 1.0. Governance points the controller at another feed with `setGrowthFeed`.
 *
 * Parameters (deploy/parameters/quiver.<network>.json): "Kit" (every kit parameter, see deploy/modules/Kit.ts, plus
 * `genesisRecipients`, `genesisAmounts`, `quivWeightBps`, `stakedWeightBps`, `tokenBudget`, `ethBudget`) and
 * "Quiver": `ecosystem` (address of the ecosystem fund), `treasuryGenesis` (wei moved to the Treasury; required, so a parameters file cannot leave the Treasury's share with the deployer by omission),
 * `epochLength`, `baseEpochEmission`, `growthFeedDecimals`, `growthFeedAnswer` (local) or `growthFeed` (live), `initialFeeBps`,
 * `class<i>BaseRate|Floor|Ceiling`. The staking insurance fund is the Treasury; emission's treasury share goes to
 * the Treasury.
 */
export function quiverModule(feeds: FeedSource) {
  return buildModule("Quiver", (m) => {
    const deployer = m.getAccount(0);
    const kit = m.useModule(QuiverKit.module);
    const { quiv, registry, staking } = kit;

    const channels = m.contract("PaymentChannels", [quiv, registry]);
    const pricing = buildPricing(m, {
      registry,
      admin: deployer,
      initialFeeBps: m.getParameter<bigint>("initialFeeBps", DEFAULT_INITIAL_FEE_BPS),
    });
    const { oracle, classes } = pricing.futures;
    const insurance = m.call(staking, "setInsuranceFund", [kit.treasury], { id: "StakingInsuranceTreasury" });

    const emission = buildEmission(m, {
      quiv,
      registry,
      staking,
      admin: deployer,
      treasury: kit.treasury,
      ecosystem: m.getParameter<string>("ecosystem"),
      growthFeed: buildGrowthFeed(m, feeds),
    });
    const market = buildMarket(m, {
      admin: deployer,
      quiv,
      registry,
      staking,
      oracle,
      treasury: kit.treasury,
      channels,
      governor: kit.governor,
      nonCirculating: [kit.treasury],
    });
    const { marketplace, disputes, metrics, disputeRole } = market.futures;

    const wiring = [
      ...QuiverKit.wiring,
      insurance,
      disputeRole,
      ...classes,
      m.call(quiv, "grantRole", [ROLES.MINTER, emission.futures.emission], { id: "QuivMinterEmission" }),
      m.call(staking, "grantRole", [ROLES.SLASHER, disputes], { id: "StakingSlasherDisputes" }),
      m.call(staking, "grantRole", [ROLES.MARKET, marketplace], { id: "StakingMarketMarketplace" }),
      m.call(oracle, "grantRole", [ROLES.MARKET, marketplace], { id: "OracleMarketMarketplace" }),
      m.call(quiv, "transfer", [kit.treasury, m.getParameter<bigint>("treasuryGenesis")], {
        id: "TreasuryGenesis",
      }),
    ];

    handOver(
      m,
      kit.timelock,
      deployer,
      [...QuiverKit.handover, ...emission.handover, ...pricing.handover, ...market.handover],
      wiring,
    );

    return {
      ...kit,
      emission: emission.futures.emission,
      growthFeed: emission.futures.growthFeed,
      oracle,
      channels,
      marketplace,
      disputes,
      metrics,
    };
  });
}

/** The QUIVer preset with the local growth feed (localhost, the demo, the tests): `kit deploy quiver`. */
export default quiverModule("local");
