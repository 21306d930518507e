import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { ZeroAddress, ZeroHash, id } from "ethers";
import SafeArtifact from "@safe-global/safe-contracts/build/artifacts/contracts/Safe.sol/Safe.json";
import SafeProxyFactoryArtifact from "@safe-global/safe-contracts/build/artifacts/contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json";
import FallbackHandlerArtifact from "@safe-global/safe-contracts/build/artifacts/contracts/handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json";
import FoundationModule from "./Foundation";

/** TimelockController and AccessControl role ids. */
export const ROLES = {
  DEFAULT_ADMIN: ZeroHash,
  PROPOSER: id("PROPOSER_ROLE"),
  EXECUTOR: id("EXECUTOR_ROLE"),
  CANCELLER: id("CANCELLER_ROLE"),
  PARAMETER_ADMIN: id("PARAMETER_ADMIN_ROLE"),
  MINTER: id("MINTER_ROLE"),
  COUNCIL: id("COUNCIL_ROLE"),
} as const;

const DAY = 86_400;

/** Per-type requirements, in enum order: TechnicalUpgrade, EconomicParameter, TreasurySpending, EmergencyAction. */
export const DEFAULT_PROPOSAL_TYPES = [
  { quorumBps: 500, approvalBps: 6000, minDelay: 7 * DAY }, // TechnicalUpgrade: 5% quorum, 60% approval, 7 days
  { quorumBps: 400, approvalBps: 5000, minDelay: 2 * DAY }, // EconomicParameter: 4%, simple majority, 2 days
  { quorumBps: 500, approvalBps: 5000, minDelay: 3 * DAY }, // TreasurySpending: 5%, simple majority, 3 days
  { quorumBps: 1500, approvalBps: 6667, minDelay: 1 * DAY }, // EmergencyAction: 15%, two thirds, 1 day
];

/**
 * Governance: TimelockController, EconomyGovernor (QUIV as the first vote source), Treasury, and two real
 * Safe 1.4.1 multisigs (council and guardian) deployed from `@safe-global/safe-contracts`' shipped artifacts
 * (singleton + SafeProxyFactory + CompatibilityFallbackHandler, proxies created with `setup`).
 *
 * Wiring after this module: the governor is the timelock's only proposer and executor and a canceller; the guardian
 * Safe is the governor's proposal guardian and a timelock canceller; the timelock is its own only admin (the
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
 * - `budgetPeriod` (s), `quivBudget`, `ethBudget` (wei per period for the council)
 */
export default buildModule("Governance", (m) => {
  const deployer = m.getAccount(0);
  const { quiv, registry } = m.useModule(FoundationModule);

  // ---------------------------------------------------------------- Safes
  const safeSingleton = m.contract("Safe", SafeArtifact, [], { id: "SafeSingleton" });
  const safeFactory = m.contract("SafeProxyFactory", SafeProxyFactoryArtifact, []);
  const fallbackHandler = m.contract("CompatibilityFallbackHandler", FallbackHandlerArtifact, []);

  const createSafe = (name: string, salt: number) => {
    const owners = m.getParameter<string[]>(`${name}Owners`);
    const threshold = m.getParameter<number>(`${name}Threshold`);
    const setup = m.encodeFunctionCall(
      safeSingleton,
      "setup",
      [owners, threshold, ZeroAddress, "0x", fallbackHandler, ZeroAddress, 0, ZeroAddress],
      { id: `${name}SafeSetup` },
    );
    const created = m.call(safeFactory, "createProxyWithNonce", [safeSingleton, setup, salt], {
      id: `Create${name}Safe`,
    });
    const address = m.readEventArgument(created, "ProxyCreation", "proxy", { id: `${name}SafeAddress` });
    return m.contractAt("Safe", SafeArtifact, address, { id: `${name}Safe` });
  };
  const council = createSafe("council", 1);
  const guardian = createSafe("guardian", 2);

  // ---------------------------------------------------------------- timelock and governor
  const timelock = m.contract("TimelockController", [m.getParameter("timelockMinDelay", DAY), [], [], deployer]);

  const governor = m.contract("EconomyGovernor", [
    {
      name: m.getParameter("governorName", "QUIVer Governor"),
      votingDelay: m.getParameter("votingDelay", DAY),
      votingPeriod: m.getParameter("votingPeriod", 5 * DAY),
      proposalThreshold: m.getParameter("proposalThreshold", 100_000n * 10n ** 18n),
      lateQuorumExtension: m.getParameter("lateQuorumExtension", 2 * DAY),
      timelock,
      guardian,
      pauseDuration: m.getParameter("pauseDuration", 3 * DAY),
      quadratic: m.getParameter("quadratic", false),
      sources: [{ token: quiv, weightBps: m.getParameter("quivWeightBps", 10_000) }],
      types: m.getParameter("proposalTypes", DEFAULT_PROPOSAL_TYPES),
    },
  ]);

  const grants = [
    m.call(timelock, "grantRole", [ROLES.PROPOSER, governor], { id: "TimelockProposerGovernor" }),
    m.call(timelock, "grantRole", [ROLES.CANCELLER, governor], { id: "TimelockCancellerGovernor" }),
    m.call(timelock, "grantRole", [ROLES.EXECUTOR, governor], { id: "TimelockExecutorGovernor" }),
    m.call(timelock, "grantRole", [ROLES.CANCELLER, guardian], { id: "TimelockCancellerGuardian" }),
  ];

  // ---------------------------------------------------------------- treasury
  const treasury = m.contract("Treasury", [
    timelock,
    council,
    m.getParameter("budgetPeriod", 30 * DAY),
    [quiv, ZeroAddress],
    [m.getParameter("quivBudget", 1_000_000n * 10n ** 18n), m.getParameter("ethBudget", 10n * 10n ** 18n)],
  ]);

  // ---------------------------------------------------------------- hand the foundation to the timelock
  const quivAdmin = m.call(quiv, "grantRole", [ROLES.DEFAULT_ADMIN, timelock], { id: "QuivAdminTimelock" });
  m.call(quiv, "renounceRole", [ROLES.DEFAULT_ADMIN, deployer], { id: "QuivAdminRenounce", after: [quivAdmin] });

  const registryAdmin = m.call(registry, "grantRole", [ROLES.DEFAULT_ADMIN, timelock], {
    id: "RegistryAdminTimelock",
  });
  const registryParamAdmin = m.call(registry, "grantRole", [ROLES.PARAMETER_ADMIN, timelock], {
    id: "RegistryParamAdminTimelock",
  });
  const renounceParamAdmin = m.call(registry, "renounceRole", [ROLES.PARAMETER_ADMIN, deployer], {
    id: "RegistryParamAdminRenounce",
    after: [registryAdmin, registryParamAdmin],
  });
  m.call(registry, "renounceRole", [ROLES.DEFAULT_ADMIN, deployer], {
    id: "RegistryAdminRenounce",
    after: [renounceParamAdmin],
  });

  m.call(timelock, "renounceRole", [ROLES.DEFAULT_ADMIN, deployer], {
    id: "TimelockAdminRenounce",
    after: [...grants, treasury],
  });

  return {
    quiv,
    registry,
    timelock,
    governor,
    treasury,
    council,
    guardian,
    safeSingleton,
    safeFactory,
    fallbackHandler,
  };
});
