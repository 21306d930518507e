/**
 * Every state-changing external function of every contract the QUIVer preset deploys (from the compiled ABIs) is
 * reached: by a named CLI command, or, for admin-only functions, through `kit gov propose --action
 * TARGET:CALLDATA` (the timelock makes the call), listed here with the role that guards it. Functions only other
 * contracts of the deployment call, the two Safes' own calls, and the ERC receiver hooks are listed too, so a new
 * function in any ABI fails this test until it is given a command or a listed reason.
 */
import { expect } from "chai";
import { commandPaths, stateChangingFunctions } from "../helpers/cliAbi";
import { CONTRACT_IDS } from "../../sdk/quiver";

/** Ignition ids that are not compiled contracts of this repository: the Safe multisigs (their owners sign). */
const SAFES = new Set(["Kit#councilSafe", "Kit#guardianSafe"]);

/** `Contract.function` → the command that sends it. */
const COMMANDS: Readonly<Record<string, string>> = {
  "QuivToken.transfer": "token transfer",
  "QuivToken.approve": "token approve",
  "QuivToken.transferFrom": "token transfer-from",
  "QuivToken.burn": "token burn",
  "QuivToken.burnFrom": "token burn-from",
  "QuivToken.delegate": "token delegate",
  "QuivToken.permit": "token permit",
  "QuivToken.delegateBySig": "token delegate-submit", // signed with `token delegate --sign-only`
  "ProviderStaking.registerProvider": "stake register",
  "ProviderStaking.stake": "stake stake",
  "ProviderStaking.delegateStake": "stake delegate",
  "ProviderStaking.unbond": "stake unbond",
  "ProviderStaking.withdraw": "stake withdraw",
  "ProviderStaking.claimRewards": "stake claim",
  "ProviderStaking.setCommission": "stake commission",
  "ProviderStaking.applyCommission": "stake apply-commission",
  "ProviderStaking.appealSlash": "stake appeal",
  "ProviderStaking.finalizeSlash": "stake finalize-slash",
  "ProviderStaking.delegate": "stake delegate-votes",
  "ProviderStaking.syncVotes": "stake sync-votes",
  "EmissionController.triggerEpoch": "emission trigger",
  "PricingOracle.poke": "price poke",
  "PaymentChannels.open": "channel open",
  "PaymentChannels.topUp": "channel top-up",
  "PaymentChannels.collect": "channel collect",
  "PaymentChannels.close": "channel close",
  "PaymentChannels.startClose": "channel start-close",
  "PaymentChannels.finalize": "channel finalize",
  "PaymentChannels.authorizeSigner": "channel authorize-signer",
  "PaymentChannels.revokeSigner": "channel authorize-signer", // --revoke
  "InferenceMarketplace.post": "job post",
  "InferenceMarketplace.commitBid": "job bid",
  "InferenceMarketplace.revealBid": "job reveal",
  "InferenceMarketplace.accept": "job accept",
  "InferenceMarketplace.acceptWithPermit": "job accept", // --permit
  "InferenceMarketplace.submit": "job submit",
  "InferenceMarketplace.confirm": "job confirm",
  "InferenceMarketplace.release": "job release",
  "InferenceMarketplace.refundExpired": "job refund",
  "InferenceMarketplace.cancel": "job cancel",
  "InferenceMarketplace.flushFees": "job flush-fees",
  "DisputeManager.challenge": "dispute challenge",
  "DisputeManager.commitVote": "dispute vote",
  "DisputeManager.revealVote": "dispute reveal",
  "DisputeManager.resolve": "dispute resolve",
  "DisputeManager.finalize": "dispute finalize",
  "DisputeManager.appeal": "dispute appeal",
  "DisputeManager.claimVoterReward": "dispute claim-reward",
  "DisputeManager.penalizeNonReveal": "dispute penalize",
  "DisputeManager.penalizeNonCommit": "dispute penalize", // --non-commit
  "DisputeManager.fundRewardPool": "dispute fund",
  "DisputeManager.attest": "dispute attest",
  "DisputeManager.stakeAsValidator": "dispute validator register",
  "DisputeManager.requestValidatorExit": "dispute validator exit",
  "DisputeManager.withdrawValidatorStake": "dispute validator withdraw",
  "EconomyGovernor.proposeWithType": "gov propose",
  "EconomyGovernor.propose": "gov propose", // --untyped (OpenZeppelin's rule, as Tally proposes)
  "EconomyGovernor.castVoteWithReasonAndParams": "gov vote", // --params
  "EconomyGovernor.castVoteBySig": "gov vote-submit", // signed with `gov vote --sign-only`
  "EconomyGovernor.castVoteWithReasonAndParamsBySig": "gov vote-submit", // `gov vote --sign-only --reason/--params`
  "ProviderStaking.delegateBySig": "stake delegate-votes-submit", // signed with `stake delegate-votes --sign-only`
  "EconomyGovernor.castVote": "gov vote",
  "EconomyGovernor.castVoteWithReason": "gov vote", // --reason
  "EconomyGovernor.queue": "gov queue",
  "EconomyGovernor.execute": "gov execute",
  "EconomyGovernor.cancel": "gov cancel",
  "Treasury.claim": "treasury grant claim",
  "ParameterRegistry.set": "gov propose", // --param NAME=VALUE (PARAMETER_SETTER_ROLE: the timelock)
};

/** Admin-only functions: the timelock holds the role, so they are reached through `gov propose --action`. */
const ROLE_ADMIN = "DEFAULT_ADMIN_ROLE (the timelock)";
const GOVERNED: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ["QuivToken", "ProviderStaking", "EmissionController", "PricingOracle", "InferenceMarketplace", "DisputeManager"]
      .concat(["ParameterRegistry", "Treasury", "TimelockController"])
      .flatMap((c) => [
        [`${c}.grantRole`, ROLE_ADMIN],
        [`${c}.revokeRole`, ROLE_ADMIN],
        [`${c}.renounceRole`, "the role holder itself (the timelock)"],
      ]),
  ),
  "ProviderStaking.setInsuranceFund": ROLE_ADMIN,
  "ProviderStaking.dismissAppeal": "APPEAL_ROLE (the timelock)",
  "ProviderStaking.overturnSlash": "APPEAL_ROLE (the timelock)",
  "EmissionController.setGrowthFeed": ROLE_ADMIN,
  "EmissionController.setRecipients": ROLE_ADMIN,
  "PricingOracle.setSizeClass": ROLE_ADMIN,
  "DisputeManager.ruleAppeal": "APPEAL_ROLE (the timelock)",
  "ParameterRegistry.defineParameter": ROLE_ADMIN,
  "ParameterRegistry.defineParameters": ROLE_ADMIN,
  "ParameterRegistry.setBounds": ROLE_ADMIN,
  "Treasury.spend": ROLE_ADMIN,
  "Treasury.setBudget": ROLE_ADMIN,
  "Treasury.setBudgetPeriod": ROLE_ADMIN,
  "Treasury.createGrant": ROLE_ADMIN,
  "Treasury.revokeGrant": ROLE_ADMIN,
  "EconomyGovernor.relay": "onlyGovernance (the timelock)",
  "EconomyGovernor.setVotingDelay": "onlyGovernance (the timelock)",
  "EconomyGovernor.setVotingPeriod": "onlyGovernance (the timelock)",
  "EconomyGovernor.setProposalThreshold": "onlyGovernance (the timelock)",
  "EconomyGovernor.setLateQuorumVoteExtension": "onlyGovernance (the timelock)",
  "EconomyGovernor.setTypeConfig": "onlyGovernance (the timelock)",
  "EconomyGovernor.setVoteSource": "onlyGovernance (the timelock)",
  "EconomyGovernor.setProposalGuardian": "onlyGovernance (the timelock)",
  "EconomyGovernor.setPauseDuration": "onlyGovernance (the timelock)",
  "EconomyGovernor.updateTimelock": "onlyGovernance (the timelock)",
  "TimelockController.updateDelay": "the timelock itself",
  "TimelockController.schedule": "PROPOSER_ROLE (the governor: `gov queue`)",
  "TimelockController.scheduleBatch": "PROPOSER_ROLE (the governor: `gov queue`)",
  "TimelockController.execute": "EXECUTOR_ROLE (the governor: `gov execute`)",
  "TimelockController.executeBatch": "EXECUTOR_ROLE (the governor: `gov execute`)",
  "TimelockController.cancel": "CANCELLER_ROLE (the governor: `gov cancel`)",
};

/** Called by other contracts of the deployment (a role granted to that contract), never by a user. */
const BY_CONTRACTS: Readonly<Record<string, string>> = {
  "QuivToken.mint": "EmissionController (MINTER_ROLE)",
  "ProviderStaking.recordJobCompleted": "InferenceMarketplace (MARKET_ROLE)",
  "ProviderStaking.distributeRewards": "EmissionController (epoch rewards)",
  "ProviderStaking.proposeSlash": "DisputeManager (SLASHER_ROLE)",
  "ProviderStaking.openSlashCase": "DisputeManager (SLASHER_ROLE)",
  "ProviderStaking.closeSlashCase": "DisputeManager (SLASHER_ROLE)",
  "PricingOracle.recordSettlement": "InferenceMarketplace (MARKET_ROLE)",
  "InferenceMarketplace.lockForDispute": "DisputeManager",
  "InferenceMarketplace.unlockFromDispute": "DisputeManager",
};

/** Signed by the council or the guardian Safe (its owners use the Safe's own tools). */
const BY_SAFES: Readonly<Record<string, string>> = {
  "Treasury.councilSpend": "council Safe (COUNCIL_ROLE, within the budget)",
  "EconomyGovernor.pause": "guardian Safe",
  "EconomyGovernor.unpause": "guardian Safe",
};

/** ERC-721/1155 receiver hooks: token contracts call them during a transfer. */
const HOOKS = new Set(["onERC721Received", "onERC1155Received", "onERC1155BatchReceived"]);

/** Reached by no command yet: this list may only shrink (it is empty). */
const NOT_YET: Readonly<Record<string, string>> = {};

/** `Contract.function` of every state-changing function of the preset's contracts (one entry per name). */
function presetWrites(): Promise<string[]> {
  return stateChangingFunctions(
    Object.values(CONTRACT_IDS)
      .filter((id) => !SAFES.has(id))
      .map((id) => id.split("#")[1]),
  );
}

describe("every state-changing function of the QUIVer preset's contracts is reached by a CLI command", () => {
  let writes: string[];
  let commands: Map<string, string[]>;

  before(async () => {
    writes = await presetWrites();
    commands = commandPaths();
  });

  it("enumerates the ABIs of the deployed contracts (the Safes aside; QuiverMetrics only reads)", () => {
    const contracts = new Set(writes.map((w) => w.split(".")[0]));
    expect(contracts.size).to.equal(11); // QuiverMetrics has no state-changing function
    expect(writes.length).to.be.greaterThan(140);
  });

  it("each is a command, an admin function reached through `gov propose --action`, or listed with its caller", () => {
    const reached = (w: string) =>
      w in COMMANDS || w in GOVERNED || w in BY_CONTRACTS || w in BY_SAFES || HOOKS.has(w.split(".")[1]);
    expect(writes.filter((w) => !reached(w) && !(w in NOT_YET))).to.deep.equal([]);
    // the open list is exact: a function given a command leaves it
    expect(writes.filter((w) => !reached(w))).to.deep.equal(Object.keys(NOT_YET).sort());
  });

  it("the lists name only real functions (no stale entries)", () => {
    const all = new Set(writes);
    for (const table of [COMMANDS, GOVERNED, BY_CONTRACTS, BY_SAFES, NOT_YET]) {
      expect(Object.keys(table).filter((k) => !all.has(k))).to.deep.equal([]);
    }
  });

  it("every command named exists; admin functions go through `gov propose --action` (and --param)", () => {
    expect([...new Set(Object.values(COMMANDS))].filter((c) => !commands.has(c))).to.deep.equal([]);
    expect(commands.get("gov propose")).to.include.members(["--action", "--param"]);
    expect(commands.get("channel authorize-signer")).to.include("--revoke");
    expect(commands.get("job accept")).to.include("--permit");
    expect(commands.get("gov vote")).to.include("--reason");
    expect(commands.get("dispute penalize")).to.include("--non-commit");
    expect(commands.get("gov propose")).to.include("--untyped");
    expect(commands.get("gov vote")).to.include.members(["--params", "--sign-only"]);
    expect(commands.get("stake delegate-votes")).to.include("--sign-only");
  });
});
