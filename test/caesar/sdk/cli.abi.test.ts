/**
 * Every state-changing external function of the CAESAR contracts the preset deploys (CaesarToken, the wCAESAR
 * wrapper, the distributor, the agents registry, the processor; the kit stack is covered by test/sdk/cli.abi.test.ts)
 * is reached by a `kit caesar` command, through `kit gov propose --action` (admin-only, the timelock holds the role),
 * by another contract of the deployment, or listed as not yet reached with the reason. A new function fails this test
 * until it is given a command or a listed reason.
 */
import { expect } from "chai";
import { commandPaths, stateChangingFunctions } from "../../helpers/cliAbi";
import { CAESAR_IDS } from "../../../sdk/caesar/chain/ids";

const COMMANDS: Readonly<Record<string, string>> = {
  "CaesarToken.transfer": "caesar transfer",
  "CaesarToken.transferAll": "caesar transfer-all",
  "CaesarToken.settle": "caesar settle",
  "CaesarToken.syncPool": "caesar sync-pool",
  "CaesarToken.refreshParameters": "caesar refresh",
  "CaesarToken.refreshFactors": "caesar refresh",
  "StaticVotesWrapper.deposit": "caesar wrap",
  "StaticVotesWrapper.mint": "caesar wrap", // --shares
  "StaticVotesWrapper.redeem": "caesar unwrap",
  "StaticVotesWrapper.withdraw": "caesar unwrap", // --assets
  "StaticVotesWrapper.delegate": "caesar delegate",
  "CaesarFeeDistributor.distribute": "caesar distribute",
  "CaesarFeeDistributor.claim": "caesar claim",
  "CaesarFeeDistributor.sweep": "caesar sweep",
  "CaesarFeeDistributor.reportAccuracy": "caesar report-accuracy", // REPORTER_ROLE: an account, not the timelock
  "CaesarAgents.register": "caesar agent register",
  "CaesarAgents.delegate": "caesar agent delegate-votes", // staked votes of the kit's StakingPools (no governor source)
  "CaesarAgents.delegateBySig": "caesar agent delegate-votes-submit", // signed with `delegate-votes --sign-only`
  "CaesarAgents.addStake": "caesar agent stake",
  "CaesarAgents.setProfile": "caesar agent profile",
  "CaesarAgents.unbond": "caesar agent unbond",
  "CaesarAgents.exit": "caesar agent unbond", // --all
  "CaesarAgents.withdraw": "caesar agent withdraw",
  "CaesarProcessor.process": "caesar relay", // one authorization
  "CaesarProcessor.processBatch": "caesar relay", // several (also `agent caesar-processor`)
  "CaesarProcessor.invalidateNonces": "caesar cancel-nonce",
  "StabilityController.update": "caesar stability update",
  "PoolTwap.observe": "caesar stability update", // the controller's update observes the TWAP
  "StabilityGate.buy": "caesar market buy",
  "StabilityGate.sell": "caesar market sell",
  "StabilityGate.execute": "caesar queue execute",
  "StabilityGate.cancel": "caesar queue cancel",
  "StabilityGate.refund": "caesar queue refund",
  "StabilityGate.poke": "caesar stability poke",
  // the shared `kit token` group on any ERC-20 of the address book (`--token caesar` is the default, `--token wrapper`)
  "CaesarToken.approve": "token approve",
  "CaesarToken.transferFrom": "token transfer-from",
  "CaesarToken.permit": "token permit", // and `token permit-submit` for a relayed one
  "StaticVotesWrapper.transfer": "token transfer",
  "StaticVotesWrapper.transferFrom": "token transfer-from",
  "StaticVotesWrapper.approve": "token approve",
  "StaticVotesWrapper.permit": "token permit",
  "StaticVotesWrapper.delegateBySig": "token delegate-submit", // alias `token delegate-by-sig`
};

const ROLE_ADMIN = "DEFAULT_ADMIN_ROLE (the timelock): gov propose --action";
const GOVERNED: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    [
      "CaesarToken",
      "CaesarFeeDistributor",
      "CaesarAgents",
      "CaesarProcessor",
      "RegionalPriceMatrix",
      "AssetRegistry",
      "StabilityController",
      "StabilityGate",
    ].flatMap((c) => [
      [`${c}.grantRole`, ROLE_ADMIN],
      [`${c}.revokeRole`, ROLE_ADMIN],
      [`${c}.renounceRole`, "the role holder itself"],
    ]),
  ),
  "CaesarToken.setKind": ROLE_ADMIN,
  "CaesarToken.setFeeDistributor": ROLE_ADMIN,
  "CaesarToken.setStabilityReserve": ROLE_ADMIN,
  "CaesarToken.setFactorSources": ROLE_ADMIN,
  "CaesarToken.setStabilityGate": ROLE_ADMIN,
  "CaesarFeeDistributor.setTreasury": ROLE_ADMIN,
  "CaesarFeeDistributor.setInfraRecipient": ROLE_ADMIN,
  "CaesarAgents.slash": "SLASHER_ROLE (the timelock): gov propose --action",
  "CaesarProcessor.setRegionHops": ROLE_ADMIN,
  // the regional price matrix (sdk/caesar/tx buildSetRegion / buildSetEdge / buildSetTemporalFactors encode them)
  "RegionalPriceMatrix.setRegion": ROLE_ADMIN,
  "RegionalPriceMatrix.removeRegion": ROLE_ADMIN,
  "RegionalPriceMatrix.setEdge": ROLE_ADMIN,
  "RegionalPriceMatrix.removeEdge": ROLE_ADMIN,
  "RegionalPriceMatrix.setTemporalFactors": ROLE_ADMIN,
  "CaesarProcessor.setAssetGate": ROLE_ADMIN,
  "StabilityGate.setAssetGate": ROLE_ADMIN,
  // the asset registry: plugins are registered and upgraded by governance
  "AssetRegistry.register": ROLE_ADMIN,
  "AssetRegistry.upgrade": ROLE_ADMIN,
  "AssetRegistry.setStatus": ROLE_ADMIN,
  // pausing: the guardian Safe (GUARDIAN_ROLE; its owners use the Safe's own tools) or governance; unpausing: governance
  "AssetRegistry.setProcessingPaused": "guardian Safe (pause) or DEFAULT_ADMIN_ROLE: gov propose --action",
  "AssetRegistry.setStabilizerPaused": "guardian Safe (pause) or DEFAULT_ADMIN_ROLE: gov propose --action",
  "StabilityController.setPriceSource": ROLE_ADMIN,
  "StabilityController.setPaused": "GUARDIAN_ROLE (the guardian Safe; its owners use the Safe's own tools)",
  "StabilityGate.setPaused": "GUARDIAN_ROLE (the guardian Safe; its owners use the Safe's own tools)",
  "StabilityGate.withdrawReserve": ROLE_ADMIN,
};

const BY_CONTRACTS: Readonly<Record<string, string>> = {
  "CaesarToken.transferFromAuthorized": "CaesarProcessor (PROCESSOR_ROLE)",
  "CaesarFeeDistributor.recordPoints": "CaesarProcessor (PROCESSOR_ROLE)",
};

/** Reached by no `kit caesar` command yet. This list may only shrink. */
const NOT_YET: Readonly<Record<string, string>> = {};

function presetWrites(): Promise<string[]> {
  return stateChangingFunctions(Object.values(CAESAR_IDS).map((id) => id.split("#")[1]));
}

describe("every state-changing function of the CAESAR contracts is reached by a CLI command", () => {
  let writes: string[];
  let commands: Map<string, string[]>;

  before(async () => {
    writes = await presetWrites();
    commands = commandPaths();
  });

  it("enumerates the ABIs of the CAESAR contracts (ten with writes; CaesarAssetPlugin only reads)", () => {
    expect(new Set(writes.map((w) => w.split(".")[0])).size).to.equal(10);
    expect(writes.length).to.equal(93);
  });

  it("each is a command, an admin function reached through `gov propose --action`, or listed with its caller", () => {
    const reached = (w: string) => w in COMMANDS || w in GOVERNED || w in BY_CONTRACTS;
    expect(writes.filter((w) => !reached(w) && !(w in NOT_YET))).to.deep.equal([]);
    expect(writes.filter((w) => !reached(w))).to.deep.equal(Object.keys(NOT_YET).sort());
  });

  it("the lists name only real functions (no stale entries)", () => {
    const all = new Set(writes);
    for (const table of [COMMANDS, GOVERNED, BY_CONTRACTS, NOT_YET]) {
      expect(Object.keys(table).filter((k) => !all.has(k))).to.deep.equal([]);
    }
  });

  it("every command named exists, with the flags the table relies on; the agent is under `kit agent`", () => {
    expect([...new Set(Object.values(COMMANDS))].filter((c) => !commands.has(c))).to.deep.equal([]);
    expect(commands.get("caesar agent unbond")).to.include("--all");
    expect(commands.get("caesar balance")).to.include("--at");
    expect(commands.get("caesar wrap")).to.include("--shares");
    expect(commands.get("caesar unwrap")).to.include("--assets");
    expect(commands.get("agent caesar-processor")).to.include.members(["--queue", "--stdin", "--once", "--ticks"]);
    expect(commands.get("gov propose")).to.include("--action");
    expect(commands.get("token")).to.include("--token");
    expect(commands.get("caesar regions quote")).to.include.members(["--origin", "--at"]);
  });
});
