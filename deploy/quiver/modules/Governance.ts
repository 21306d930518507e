import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import FoundationModule from "./Foundation";
import { ZeroAddress } from "ethers";
import { buildGovernance, DEFAULT_PROPOSAL_TYPES } from "../../blocks/governance";
import { buildTreasury } from "../../blocks/treasury";
import { handOver } from "../../blocks/handover";
import { ROLES } from "../../blocks/roles";

export { ROLES, DEFAULT_PROPOSAL_TYPES };

/**
 * Governance (unit tests only; the presets use the Kit stack of deploy/modules/Kit.ts): TimelockController, EconomyGovernor (QUIV as the first vote source), Treasury, and two real
 * Safe 1.4.1 multisigs (council and guardian) deployed from `@safe-global/safe-contracts`' shipped artifacts
 * (singleton + SafeProxyFactory + CompatibilityFallbackHandler, proxies created with `setup`).
 *
 * Wiring after this module: the governor is the timelock's only proposer, executor and canceller; the guardian
 * Safe is the governor's proposal guardian (no timelock role, SEC-08); the timelock is its own only admin (the
 * deployer renounced), holds DEFAULT_ADMIN_ROLE of QUIV (so it administers MINTER_ROLE) and DEFAULT_ADMIN_ROLE +
 * PARAMETER_ADMIN_ROLE of the ParameterRegistry (the deployer's roles are renounced), and owns the Treasury, whose
 * COUNCIL_ROLE is the council Safe. No EOA holds any role.
 *
 * Parameters (deploy/parameters/<network>.json, under "Governance"):
 * - `governorName`, `votingDelay` (s), `votingPeriod` (s), `proposalThreshold` (wei of weighted votes),
 *   `lateQuorumExtension` (s), `pauseDuration` (s), `quadratic` (bool), `quivWeightBps` (10000 = 1x)
 * - `proposalTypes`: four `{ quorumBps, approvalBps, minDelay }` in enum order
 * - `timelockMinDelay` (s): the shortest (emergency) delay; longer type delays are scheduled by the governor
 * - `councilOwners`, `councilThreshold`, `guardianOwners`, `guardianThreshold` (required)
 * - `budgetPeriod` (s), `tokenBudget` (QUIV wei), `ethBudget` (wei) per period for the council
 */
export default buildModule("Governance", (m) => {
  const deployer = m.getAccount(0);
  const { quiv, registry } = m.useModule(FoundationModule);
  const gov = buildGovernance(m, {
    name: m.getParameter("governorName", "Governor"),
    sources: [{ token: quiv, weightBps: m.getParameter("quivWeightBps", 10_000) }],
  });
  const tre = buildTreasury(m, {
    timelock: gov.futures.timelock,
    council: gov.futures.council,
    budgets: [
      { token: quiv, amount: m.getParameter("tokenBudget", 1_000_000n * 10n ** 18n) },
      { token: ZeroAddress, amount: m.getParameter("ethBudget", 10n * 10n ** 18n) },
    ],
  });

  // Hand the foundation to the timelock: grant, then renounce the deployer's roles (admin last).
  handOver(
    m,
    gov.futures.timelock,
    deployer,
    [
      { label: "Quiv", contract: quiv, roles: [ROLES.DEFAULT_ADMIN] },
      { label: "Registry", contract: registry, roles: [ROLES.PARAMETER_ADMIN, ROLES.DEFAULT_ADMIN] },
    ],
    [],
  );

  const { timelock, governor, council, guardian, safeSingleton, safeFactory, fallbackHandler } = gov.futures;
  return {
    quiv,
    registry,
    timelock,
    governor,
    treasury: tre.futures.treasury,
    council,
    guardian,
    safeSingleton,
    safeFactory,
    fallbackHandler,
  };
});
