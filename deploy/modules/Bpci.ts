import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { kitModule } from "./Kit";
import { buildBpciVotes } from "../bpci/votes";
import type { FeedSource } from "../blocks/oracles";
import { BPCI_PRESET_PARAMETERS, buildMining } from "../bpci/economy";
import { handOver } from "../blocks/handover";
import { buildBilling } from "../bpci/billing";
import { buildStability } from "../bpci/stability";
import { buildMesh } from "../bpci/mesh";
import type { CallableContractFuture } from "@nomicfoundation/ignition-core/dist/src/types/module";
import { ZeroAddress } from "ethers";
import { ROLES } from "../blocks/roles";
import { id } from "ethers";

/** AUR's issuer role id. */
const ISSUER = id("ISSUER_ROLE");

/**
 * BPCI's kit stack (`Kit#...`): the ParameterRegistry seeded with the BPCI catalogue (`bpci.poe.minStake` at 0 for
 * the NEX bootstrap, deploy/bpci/economy.ts), GEN, NEX, FLX, wFLX and AUR with the usage and reserve feeds (the tier
 * vote sources, which must exist before the governor), the Safes, the timelock, the "BPCI Governor" counting
 * GEN 10x, AUR 5x, NEX 3x and wFLX 1x per FLX, and the Treasury budgeting ETH, wFLX and AUR.
 */
export function bpciKit(feeds: FeedSource) {
  return kitModule({ name: "BPCI Governor", parameters: BPCI_PRESET_PARAMETERS, votes: buildBpciVotes(feeds) });
}

/**
 * The BPCI preset: the four-token economy and PoE mining on its kit stack, wired and handed to governance.
 * `feeds` "local" deploys MockAggregatorV3 feeds (usage, reserve, liquidity, uptime, quality; anyone may update
 * them: local chains only); "live" reads their addresses from the parameters (`usageFeed`, `reserveFeed`,
 * `liquidityFeed`, `uptimeFeed`, `qualityFeed` under "Kit" for the first two and "Bpci" for the others).
 *
 * Wiring, then hand-over (after it no EOA holds an admin role):
 * - NEX `MINTER_ROLE` -> PoeMining (its only minter); AUR `ISSUER_ROLE` -> `aurIssuer` (the custodian's account);
 * - GEN: the Treasury and the timelock exempt from the holder limit, `treasuryGenesis` GEN moved from the deployer
 *   into the Treasury, the deployer's exemption removed;
 * - the BillingMeter (contracts/bpci/billing) paying into the Treasury, its OPERATOR_ROLE to `billingOperator`;
 * - the StabilityMonitor (contracts/bpci/stability, deploy/bpci/stability.ts; admin the timelock, proposer the council,
 *   canceller the guardian) with PARAMETER_ADMIN_ROLE on the registry (the halt flag and fast-path interventions);
 * - the BankMesh (contracts/bpci/mesh, deploy/bpci/mesh.ts) on NEX and AUR: no admin and no roles, `bpci.mesh.*` from
 *   the registry;
 * - DEFAULT_ADMIN_ROLE of the registry (and PARAMETER_ADMIN_ROLE), GEN, NEX, AUR, PoeMining and the BillingMeter to
 *   the timelock.
 *
 * Parameters (deploy/parameters/bpci.<network>.json): "Kit" (every kit parameter, deploy/modules/Kit.ts, plus
 * `genGenesisRecipients`, `genGenesisAmounts`, `flxGenesisRecipients`, `flxGenesisAmounts`, `nexLifetimeCap`, the
 * weights and budgets of deploy/bpci/votes.ts) and "Bpci": `treasuryGenesis` (GEN wei; required, no default: a
 * forgotten value would leave the deployer every GEN of its genesis line, so Ignition refuses before sending), `aurIssuer`, `owner`
 * (owner-salary recipient), `epochLength`, `salaryPeriod`, `billingOperator` (the account committing billing
 * settlements; default none, granted later by governance), `flxTarget` (the monitor's FLX target, 18 decimals, default
 * 1.0) and on a live network the monitor's feeds `aurPriceFeed`, `goldPriceFeed`, `flxPriceFeed`, `nexPriceFeed`,
 * `nexReferenceFeed`.
 */
export function bpciModule(feeds: FeedSource) {
  const kitMod = bpciKit(feeds);
  return buildModule("Bpci", (m) => {
    const deployer = m.getAccount(0);
    const kit = m.useModule(kitMod.module);
    const { registry, gen, nex, flx, wflx, aur, treasury, timelock, council, guardian } = kit;
    const mining = buildMining(m, feeds, {
      admin: deployer,
      registry,
      nex,
      wflx,
      aur,
      treasury,
      owner: m.getParameter<string>("owner"),
    });
    const billing = buildBilling(m, {
      admin: deployer,
      operator: m.getParameter<string>("billingOperator", ZeroAddress),
      registry,
      treasury,
      gen,
      nex,
      flx,
      aur,
    });
    // The kit types its registry as any ContractFuture; it is the ParameterRegistry deployment, a callable future.
    const callableRegistry = registry as unknown as CallableContractFuture<string>;
    const stability = buildStability(m, feeds, { timelock, council, guardian, registry: callableRegistry });
    const mesh = buildMesh(m, { registry, nex, aur }, mining.libs);
    const exemptTreasury = m.call(gen, "setExempt", [treasury, true], { id: "GenExemptTreasury" });
    const exemptTimelock = m.call(gen, "setExempt", [timelock, true], { id: "GenExemptTimelock" });
    const genesis = m.call(gen, "transfer", [treasury, m.getParameter<bigint>("treasuryGenesis")], {
      id: "TreasuryGenesis",
      after: [exemptTreasury],
    });
    const unexempt = m.call(gen, "setExempt", [deployer, false], { id: "GenUnexemptDeployer", after: [genesis] });
    const wiring = [
      ...kitMod.wiring,
      exemptTreasury,
      exemptTimelock,
      genesis,
      unexempt,
      m.call(nex, "grantRole", [ROLES.MINTER, mining.futures.mining], { id: "NexMinterMining" }),
      m.call(aur, "grantRole", [ISSUER, m.getParameter<string>("aurIssuer")], { id: "AurIssuer" }),
      ...stability.wiring,
    ];
    handOver(
      m,
      timelock,
      deployer,
      [...kitMod.handover, ...mining.handover, ...billing.handover, ...mesh.handover],
      wiring,
    );
    const { staking, ...rest } = mining.futures;
    const { monitor, ...stabilityFeeds } = stability.futures;
    return {
      ...kit,
      minerStaking: staking,
      ...rest,
      billing: billing.futures.meter,
      stability: monitor,
      ...stabilityFeeds,
      mesh: mesh.futures.mesh,
    };
  });
}

/** The BPCI preset with local mock feeds (localhost, the demo, the tests): `kit deploy bpci`. */
export default bpciModule("local");
