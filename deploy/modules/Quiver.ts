import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import FoundationModule from "./Foundation";
import { buildGovernance } from "../blocks/governance";
import { buildEmission, buildMarket, buildPricing } from "../quiver/economy";
import { handOver } from "../blocks/handover";
import { ROLES } from "../blocks/roles";
import { DEFAULT_INITIAL_FEE_BPS } from "../../sdk/quiver/core/pricing";

/**
 * The QUIVer preset: the whole inference economy, wired and handed to governance.
 *
 * Deploys on top of Foundation (QUIV + ParameterRegistry): the governance stack (council and guardian Safes,
 * TimelockController, EconomyGovernor with QUIV and staked QUIV as vote sources, Treasury), ProviderStaking,
 * the EmissionController, the PricingOracle, PaymentChannels, the InferenceMarketplace with its DisputeManager,
 * and the QuiverMetrics view. Then it wires the roles each contract needs from the others:
 * - QUIV `MINTER_ROLE` -> EmissionController (its only minter);
 * - ProviderStaking `SLASHER_ROLE` -> DisputeManager, `MARKET_ROLE` -> InferenceMarketplace;
 * - PricingOracle `MARKET_ROLE` -> InferenceMarketplace; InferenceMarketplace `DISPUTE_ROLE` -> DisputeManager;
 * moves the Treasury's genesis share (`treasuryGenesis`, sent by the deployer, who must be a genesis recipient)
 * into the Treasury contract, and finally hands every admin role (DEFAULT_ADMIN, PARAMETER_ADMIN, APPEAL,
 * PRICING_ADMIN, GOVERNANCE) to the timelock and renounces the deployer's. After it, no EOA holds any role.
 * The EmissionController reads its growth metric from the local feed `Quiver#GrowthFeed` (a MockAggregatorV3
 * answering 1.0; parameters `growthFeedDecimals`, `growthFeedAnswer`); once its answer is older than
 * `quiver.emission.growthHeartbeat` the metric falls back to 1.0. Governance points the controller at a real feed
 * with `setGrowthFeed`.
 *
 * Parameters (deploy/parameters/quiver.<network>.json): "Foundation" (genesis; the deployer receives the
 * Treasury share) and "Quiver": every Governance parameter
 * (see deploy/modules/Governance.ts), plus `stakedWeightBps` (vote weight of staked QUIV, default 15000 = 1.5x),
 * `ecosystem` (address of the ecosystem fund), `treasuryGenesis` (wei moved to the Treasury), `epochLength`,
 * `baseEpochEmission`, `initialFeeBps`, `class<i>BaseRate|Floor|Ceiling`.
 * The staking insurance fund is the Treasury; emission's treasury share goes to the Treasury.
 */
export default buildModule("Quiver", (m) => {
  const deployer = m.getAccount(0);
  const { quiv, registry } = m.useModule(FoundationModule);

  const channels = m.contract("PaymentChannels", [quiv, registry]);
  const { oracle, classes } = buildPricing(m, {
    registry,
    admin: deployer,
    initialFeeBps: m.getParameter<bigint>("initialFeeBps", DEFAULT_INITIAL_FEE_BPS),
  });

  // Staking first (the governor reads staked votes); its insurance fund is set to the Treasury below.
  // ProviderStaking links its unbonding-segment and reward-drip libraries (contract size limit).
  const stakingLibraries = {
    UnbondingSegments: m.library("UnbondingSegments"),
    RewardDrip: m.library("RewardDrip"),
  };
  const staking = m.contract("ProviderStaking", [quiv, registry, deployer, deployer], { libraries: stakingLibraries });
  const gov = buildGovernance(m, {
    quiv,
    sources: [
      { token: quiv, weightBps: m.getParameter("quivWeightBps", 10_000) },
      { token: staking, weightBps: m.getParameter("stakedWeightBps", 15_000), wrapsFirst: true },
    ],
  });
  const insurance = m.call(staking, "setInsuranceFund", [gov.treasury], { id: "StakingInsuranceTreasury" });

  const { emission, growthFeed } = buildEmission(m, {
    quiv,
    registry,
    staking,
    admin: deployer,
    treasury: gov.treasury,
    ecosystem: m.getParameter<string>("ecosystem"),
  });
  const { marketplace, disputes, metrics, disputeRole } = buildMarket(m, {
    admin: deployer,
    quiv,
    registry,
    staking,
    oracle,
    treasury: gov.treasury,
    channels,
    governor: gov.governor,
    nonCirculating: [gov.treasury],
  });

  const wiring = [
    insurance,
    disputeRole,
    ...classes,
    m.call(quiv, "grantRole", [ROLES.MINTER, emission], { id: "QuivMinterEmission" }),
    m.call(staking, "grantRole", [ROLES.SLASHER, disputes], { id: "StakingSlasherDisputes" }),
    m.call(staking, "grantRole", [ROLES.MARKET, marketplace], { id: "StakingMarketMarketplace" }),
    m.call(oracle, "grantRole", [ROLES.MARKET, marketplace], { id: "OracleMarketMarketplace" }),
    m.call(quiv, "transfer", [gov.treasury, m.getParameter<bigint>("treasuryGenesis", 0n)], {
      id: "TreasuryGenesis",
    }),
  ];

  handOver(
    m,
    gov.timelock,
    deployer,
    [
      { label: "Quiv", contract: quiv, roles: [ROLES.DEFAULT_ADMIN] },
      { label: "Registry", contract: registry, roles: [ROLES.PARAMETER_ADMIN, ROLES.DEFAULT_ADMIN] },
      { label: "Staking", contract: staking, roles: [ROLES.APPEAL, ROLES.DEFAULT_ADMIN] },
      { label: "Emission", contract: emission, roles: [ROLES.DEFAULT_ADMIN] },
      { label: "Oracle", contract: oracle, roles: [ROLES.PRICING_ADMIN, ROLES.DEFAULT_ADMIN] },
      { label: "Marketplace", contract: marketplace, roles: [ROLES.DEFAULT_ADMIN] },
      { label: "Disputes", contract: disputes, roles: [ROLES.GOVERNANCE, ROLES.DEFAULT_ADMIN] },
    ],
    wiring,
  );

  return { quiv, registry, ...gov, staking, emission, growthFeed, oracle, channels, marketplace, disputes, metrics };
});
