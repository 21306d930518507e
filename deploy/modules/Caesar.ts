import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { kitModule } from "./Kit";
import { buildCaesarVotes } from "../caesar/votes";
import { buildAgents, buildAssets, buildRegions, KIND } from "../caesar/economy";
import { handOver } from "../blocks/handover";
import { buildMarket, buildStability } from "../caesar/stability";
import { CAESAR_PARAMETERS } from "../../sdk/caesar/core/parameters";

/**
 * CAESAR's kit stack (`Kit#...`): the ParameterRegistry seeded with the CAESAR catalogue (sdk/caesar/core/parameters.ts,
 * every bound and rate limit as declared there), CaesarToken and its StaticVotesWrapper (wCAESAR, the governor's
 * vote source), the Safes, the timelock, the "CAESAR Governor" and the Treasury budgeting CAESAR and ETH.
 */
export const CaesarKit = kitModule({ name: "CAESAR Governor", parameters: CAESAR_PARAMETERS, votes: buildCaesarVotes });

/**
 * The CAESAR preset: the demurrage currency and its processing agents on their kit stack, wired and handed to
 * governance.
 *
 * Uses {@link CaesarKit} and deploys the CaesarFeeDistributor, CaesarAgents and CaesarProcessor (ids `Caesar#...`).
 * Wiring before the hand-over:
 * - the token's fee distributor -> CaesarFeeDistributor, its stability reserve -> the StabilityGate (which pays the
 *   controller's bonuses from it and keeps its penalties; the timelock may withdraw beyond the escrow), the Treasury exempt; the
 *   registry, the constructor's placeholder for both, is made decaying again (it never holds CAESAR);
 * - the agents' stake contract and the wrapper FeeFree (they hold users' money: they decay, they pay no fee);
 * - the processor's PROCESSOR_ROLE on the token and the distributor, the distributor's REPORTER_ROLE to `reporter`;
 * - the RegionalPriceMatrix (`Caesar#RegionalPriceMatrix`) with three starting regions and two edges
 *   (deploy/caesar/economy.ts DEFAULT_REGIONS / DEFAULT_EDGES), made the processor's region source;
 * - the AssetRegistry (`Caesar#AssetRegistry`, GUARDIAN_ROLE to the guardian Safe) with CaesarAssetPlugin registered
 *   as asset 1, and the processor gated by asset 1's processing pause;
 * - the market (deploy/caesar/stability.ts buildMarket): locally a real Uniswap V2 factory, WETH9 and router from the
 *   package artifacts, a mock stablecoin and the CAESAR/mUSD pair, registered as a pool and seeded 100,000:100,000 by
 *   the deployer; on a live network the parameters name the existing pair (`pool`, `quoteDecimals`);
 * - the PoolTwap on the pair and the StabilityController (`Caesar#StabilityController`, GUARDIAN_ROLE to the
 *   guardian Safe), the token's stability source (CaesarToken.refreshFactors reads its factor), and the
 *   StabilityGate (`Caesar#StabilityGate`, GUARDIAN_ROLE to the guardian Safe), the token's stability gate and reserve;
 * then every admin role (registry, token, distributor, agents incl. SLASHER_ROLE, processor) goes to the timelock
 * and the deployer renounces its own. After it, no EOA holds any role but the accuracy reporter.
 *
 * Parameters (deploy/parameters/caesar.<network>.json): "Kit" (every kit parameter, see deploy/modules/Kit.ts, plus
 * `genesisRecipients`, `genesisAmounts`, `wrapperWeightBps`, `tokenBudget`, `ethBudget`) and "Caesar": `reporter`
 * (the address holding the distributor's REPORTER_ROLE).
 */
export function caesarModule(target: "local" | "live") {
  return buildModule("Caesar", (m) => {
    const deployer = m.getAccount(0);
    const kit = m.useModule(CaesarKit.module);
    const { caesar, registry, treasury, timelock } = kit;

    const agents = buildAgents(m, {
      caesar,
      registry,
      treasury,
      admin: deployer,
      reporter: m.getParameter<string>("reporter"),
    });
    const { distributor, processor } = agents.futures;
    const regions = buildRegions(m, { registry, processor, admin: deployer });
    const assets = buildAssets(m, {
      caesar,
      agents: agents.futures.agents,
      registry,
      processor,
      guardian: kit.guardian,
      admin: deployer,
    });
    const market = buildMarket(m, target, { caesar, timelock, admin: deployer });
    const stability = buildStability(m, {
      caesar,
      registry,
      guardian: kit.guardian,
      admin: deployer,
      pool: market.pool,
      quoteDecimals: market.quoteDecimals,
      after: market.wiring,
    });

    const setDistributor = m.call(caesar, "setFeeDistributor", [distributor], { id: "SetFeeDistributor" });
    const setReserve = m.call(caesar, "setStabilityReserve", [stability.futures.gate], { id: "SetStabilityReserve" });
    const wiring = [
      ...CaesarKit.wiring,
      ...agents.wiring,
      ...regions.wiring,
      ...assets.wiring,
      ...market.wiring,
      ...stability.wiring,
      setDistributor,
      setReserve,
      // the guardian's stabilizer pause of asset 1 (CAESAR) in the asset registry makes the gate neutral
      m.call(stability.futures.gate, "setAssetGate", [assets.futures.assets, 1n], {
        id: "GateAssetGate",
        after: assets.wiring,
      }),
      m.call(caesar, "setKind", [treasury, KIND.Exempt], { id: "TreasuryExempt" }),
      // the timelock was the reserve before the gate: it stays exempt (governance's money never decays)
      m.call(caesar, "setKind", [timelock, KIND.Exempt], { id: "TimelockExempt" }),
      m.call(caesar, "setKind", [registry, KIND.Decaying], {
        id: "RegistryDecaying",
        after: [setDistributor, setReserve],
      }),
    ];

    handOver(
      m,
      timelock,
      deployer,
      [...CaesarKit.handover, ...agents.handover, ...regions.handover, ...assets.handover, ...stability.handover],
      wiring,
    );

    return {
      ...kit,
      distributor,
      agents: agents.futures.agents,
      processor,
      matrix: regions.futures.matrix,
      assets: assets.futures.assets,
      assetPlugin: assets.futures.plugin,
      ...market.futures,
      caesarTwap: stability.futures.twap,
      caesarStability: stability.futures.controller,
      caesarGate: stability.futures.gate,
    };
  });
}

/** The CAESAR preset on a local chain (the Uniswap V2 market deployed and seeded, a mock quote token). */
export default caesarModule("local");
