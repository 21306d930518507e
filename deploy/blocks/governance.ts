import type { IgnitionModuleBuilder } from "@nomicfoundation/ignition-core/dist/src/types/module-builder";
import type { ArgumentType, ContractFuture } from "@nomicfoundation/ignition-core/dist/src/types/module";
import { ZeroAddress } from "ethers";
import SafeArtifact from "@safe-global/safe-contracts/build/artifacts/contracts/Safe.sol/Safe.json";
import SafeProxyFactoryArtifact from "@safe-global/safe-contracts/build/artifacts/contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json";
import FallbackHandlerArtifact from "@safe-global/safe-contracts/build/artifacts/contracts/handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json";
import { ROLES } from "./roles";
import type { Built } from "./handover";

const DAY = 86_400;

/** Proposal types in enum order: TechnicalUpgrade, EconomicParameter, TreasurySpending, EmergencyAction. */
export const DEFAULT_PROPOSAL_TYPES = [
  { quorumBps: 500, approvalBps: 6000, minDelay: 7 * DAY }, // TechnicalUpgrade: 5% quorum, 60% approval, 7 days
  { quorumBps: 400, approvalBps: 5000, minDelay: 2 * DAY }, // EconomicParameter: 4%, simple majority, 2 days
  { quorumBps: 500, approvalBps: 5000, minDelay: 3 * DAY }, // TreasurySpending: 5%, simple majority, 3 days
  { quorumBps: 1500, approvalBps: 6667, minDelay: 1 * DAY }, // EmergencyAction: 15%, two thirds, 1 day
];

/**
 * A vote source of the governor: an ERC-5805 token future, its weight (10,000 = 1x) and whether its supply is the
 * first source's token held by its contract (a staking pool of the first token; the quorum base then counts it
 * once, SEC-10).
 */
export interface VoteSourceArg {
  readonly token: ContractFuture<string>;
  readonly weightBps: ArgumentType;
  readonly wrapsFirst?: boolean;
}

/**
 * The governance of a kit stack: council and guardian Safes (Safe 1.4.1 from the package's shipped artifacts),
 * TimelockController, EconomyGovernorLib (linked), and EconomyGovernor named `name` with the given vote sources, whose
 * constructor deploys its `token()` (EconomyVotes, future `votes`). Reads its tunables
 * (`votingDelay`, `votingPeriod`, `proposalThreshold`, `lateQuorumExtension`, `pauseDuration`, `quadratic`,
 * `proposalTypes`, `timelockMinDelay`, `<council|guardian>Owners|Threshold`) from the calling module's parameters.
 * On return the governor is the timelock's only proposer, executor and canceller, and the timelock its own only
 * admin (the deployer's admin role is renounced, future `TimelockAdminRenounce`). The guardian holds no timelock
 * role: it cancels through the governor, which refuses to let it cancel its own replacement (SEC-08); a timelock
 * CANCELLER_ROLE would let it cancel that replacement directly on the timelock.
 * Hand-over: none (nothing left with the deployer).
 */
export function buildGovernance(
  m: IgnitionModuleBuilder,
  d: { name: ArgumentType; sources: readonly VoteSourceArg[] },
) {
  const deployer = m.getAccount(0);
  const sources = d.sources.map((s) => ({
    token: s.token,
    weightBps: s.weightBps,
    wrapsFirst: s.wrapsFirst ?? false,
  }));

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

  // The governor's cold paths (source and type-config writes) live in an external library (code size limit).
  const governorLib = m.library("EconomyGovernorLib");
  const governor = m.contract(
    "EconomyGovernor",
    [
      {
        name: d.name,
        votingDelay: m.getParameter("votingDelay", DAY),
        votingPeriod: m.getParameter("votingPeriod", 5 * DAY),
        proposalThreshold: m.getParameter("proposalThreshold", 100_000n * 10n ** 18n),
        lateQuorumExtension: m.getParameter("lateQuorumExtension", 2 * DAY),
        timelock,
        guardian,
        pauseDuration: m.getParameter("pauseDuration", 3 * DAY),
        quadratic: m.getParameter("quadratic", false),
        sources,
        types: m.getParameter("proposalTypes", DEFAULT_PROPOSAL_TYPES),
      },
    ],
    { libraries: { EconomyGovernorLib: governorLib } },
  );
  // `governor.token()`: the ERC-5805 view of the weighted electorate, deployed by the governor's constructor.
  const votes = m.contractAt("EconomyVotes", m.staticCall(governor, "token", [], 0, { id: "GovernorToken" }), {
    id: "GovernorVotes",
  });

  const grants = [
    m.call(timelock, "grantRole", [ROLES.PROPOSER, governor], { id: "TimelockProposerGovernor" }),
    m.call(timelock, "grantRole", [ROLES.CANCELLER, governor], { id: "TimelockCancellerGovernor" }),
    m.call(timelock, "grantRole", [ROLES.EXECUTOR, governor], { id: "TimelockExecutorGovernor" }),
  ];
  const renounced = m.call(timelock, "renounceRole", [ROLES.DEFAULT_ADMIN, deployer], {
    id: "TimelockAdminRenounce",
    after: grants,
  });

  const built: Built<{
    timelock: typeof timelock;
    governor: typeof governor;
    votes: typeof votes;
    governorLib: typeof governorLib;
    council: typeof council;
    guardian: typeof guardian;
    safeSingleton: typeof safeSingleton;
    safeFactory: typeof safeFactory;
    fallbackHandler: typeof fallbackHandler;
    renounced: typeof renounced;
  }> = {
    futures: {
      timelock,
      governor,
      votes,
      governorLib,
      council,
      guardian,
      safeSingleton,
      safeFactory,
      fallbackHandler,
      renounced,
    },
    handover: [],
  };
  return built;
}
