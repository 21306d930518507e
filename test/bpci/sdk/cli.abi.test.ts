/**
 * Every state-changing external function of every contract the BPCI preset deploys (from the compiled ABIs) is
 * reached: by a named CLI command, through `kit gov propose --action` for functions the timelock guards, or listed
 * with the contract that calls it, or in NOT_YET with the reason. A new function in any ABI fails this test until it
 * is given a command or a listed reason. (The kit stack's own contracts are covered by test/sdk/cli.abi.test.ts.)
 */
import { expect } from "chai";
import { commandPaths, stateChangingFunctions } from "../../helpers/cliAbi";
import { BPCI_IDS } from "../../../sdk/bpci/chain/ids";

/** SDK key -> compiled artifact (the feeds are MockAggregatorV3 locally). */
const ARTIFACTS: Readonly<Record<keyof typeof BPCI_IDS, string>> = {
  gen: "GenToken",
  nex: "NexToken",
  flx: "FlxToken",
  wflx: "StaticVotesWrapper",
  aur: "AurToken",
  usageFeed: "MockAggregatorV3",
  reserveFeed: "MockAggregatorV3",
  minerStaking: "MinerStaking",
  mining: "PoeMining",
  liquidityFeed: "MockAggregatorV3",
  uptimeFeed: "MockAggregatorV3",
  qualityFeed: "MockAggregatorV3",
  billing: "BillingMeter",
  stability: "StabilityMonitor",
  aurPriceFeed: "MockAggregatorV3",
  goldPriceFeed: "MockAggregatorV3",
  flxPriceFeed: "MockAggregatorV3",
  nexPriceFeed: "MockAggregatorV3",
  nexReferenceFeed: "MockAggregatorV3",
  mesh: "BankMesh",
};

const COMMANDS: Readonly<Record<string, string>> = {
  "GenToken.transfer": "bpci transfer",
  "GenToken.delegate": "bpci delegate",
  "NexToken.transfer": "bpci transfer",
  "NexToken.delegate": "bpci delegate",
  "NexToken.burn": "token burn", // NEX is the preset's token of the shared `kit token` group
  "NexToken.burnFrom": "token burn-from",
  "NexToken.approve": "token approve",
  "NexToken.transferFrom": "token transfer-from",
  "NexToken.permit": "token permit",
  "NexToken.delegateBySig": "token delegate-submit",
  "FlxToken.transfer": "bpci transfer",
  "FlxToken.transferAll": "bpci flx transfer-all",
  "FlxToken.transferAllFrom": "bpci flx transfer-all", // --from
  "FlxToken.rebase": "bpci flx rebase",
  "FlxToken.approve": "bpci flx wrap", // the exact approval of a wrap (sendWithAllowance)
  "StaticVotesWrapper.deposit": "bpci flx wrap",
  "StaticVotesWrapper.withdraw": "bpci flx unwrap",
  "StaticVotesWrapper.redeem": "bpci flx unwrap", // --shares
  "StaticVotesWrapper.transfer": "bpci transfer",
  "StaticVotesWrapper.delegate": "bpci delegate",
  "StaticVotesWrapper.approve": "bpci job submit", // the exact approval of value + fee
  "AurToken.transfer": "bpci transfer",
  "AurToken.delegate": "bpci delegate",
  "AurToken.approve": "bpci job submit",
  "AurToken.mint": "bpci aur mint",
  "AurToken.redeem": "bpci aur redeem",
  "AurToken.checkReserves": "bpci aur check",
  "GenToken.syncHolderLimit": "bpci gen sync-limit",
  "MinerStaking.registerMiner": "bpci miner register",
  "MinerStaking.delegate": "bpci miner delegate-votes", // staked-NEX votes (not a governor source)
  "MinerStaking.delegateBySig": "bpci miner delegate-votes-submit", // signed with `delegate-votes --sign-only`
  "MinerStaking.stake": "bpci miner stake",
  "MinerStaking.unbond": "bpci miner unbond",
  "MinerStaking.withdraw": "bpci miner withdraw",
  "PoeMining.submitJob": "bpci job submit",
  "PoeMining.confirmJob": "bpci job confirm",
  "PoeMining.refundJob": "bpci job refund",
  "PoeMining.closeEpoch": "bpci epoch close",
  "PoeMining.claimIssuance": "bpci epoch claim",
  "PoeMining.releaseReserve": "bpci miner release",
  "PoeMining.claimOwnerSalary": "bpci owner claim",
  "PoeMining.flushTreasury": "bpci owner flush-treasury",
  "MockAggregatorV3.updateAnswer": "bpci feed",
  "BillingMeter.commit": "bpci billing commit",
  "BillingMeter.pay": "bpci billing pay",
  "BillingMeter.cancel": "bpci billing cancel",
  "StabilityMonitor.check": "bpci stability check",
  "StabilityMonitor.propose": "bpci stability propose", // --calldata for the council Safe
  "StabilityMonitor.execute": "bpci stability execute",
  "StabilityMonitor.cancel": "bpci stability cancel",
  "BankMesh.join": "bpci bank-mesh join",
  "BankMesh.heartbeat": "bpci bank-mesh heartbeat",
  "BankMesh.stake": "bpci bank-mesh stake",
  "BankMesh.unbond": "bpci bank-mesh unbond",
  "BankMesh.withdraw": "bpci bank-mesh withdraw",
  "BankMesh.delegate": "bpci bank-mesh delegate-votes",
  "BankMesh.delegateBySig": "bpci bank-mesh delegate-votes-submit",
  "BankMesh.requestLiquidity": "bpci bank-mesh request-liquidity",
  "BankMesh.cancelRequest": "bpci bank-mesh cancel-request",
  "BankMesh.offer": "bpci bank-mesh offer",
  "BankMesh.withdrawOffer": "bpci bank-mesh withdraw-offer",
  "BankMesh.accept": "bpci bank-mesh accept",
  "BankMesh.repay": "bpci bank-mesh repay",
  "BankMesh.claim": "bpci bank-mesh claim",
  "BankMesh.openSettlement": "bpci bank-mesh settle",
  "BankMesh.confirmSettlement": "bpci bank-mesh confirm",
  "BankMesh.refundSettlement": "bpci bank-mesh refund",
  "BankMesh.propose": "bpci bank-mesh create-proposal",
  "BankMesh.vote": "bpci bank-mesh vote",
  "BankMesh.execute": "bpci bank-mesh execute",
  // the shared `kit token` group on any ERC-20 of the address book (`--token gen|flx|wflx|aur`; NEX is the default)
  "GenToken.approve": "token approve",
  "GenToken.transferFrom": "token transfer-from",
  "GenToken.permit": "token permit",
  "GenToken.delegateBySig": "token delegate-submit",
  "FlxToken.transferFrom": "token transfer-from",
  "FlxToken.permit": "token permit",
  "StaticVotesWrapper.transferFrom": "token transfer-from",
  "StaticVotesWrapper.permit": "token permit",
  "StaticVotesWrapper.delegateBySig": "token delegate-submit",
  "AurToken.transferFrom": "token transfer-from",
  "AurToken.permit": "token permit",
  "AurToken.delegateBySig": "token delegate-submit",
};

const ROLE_ADMIN = "DEFAULT_ADMIN_ROLE (the timelock)";
const GOVERNED: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    ["GenToken", "NexToken", "AurToken", "PoeMining", "BillingMeter", "StabilityMonitor"].flatMap((c) => [
      [`${c}.grantRole`, ROLE_ADMIN],
      [`${c}.revokeRole`, ROLE_ADMIN],
      [`${c}.renounceRole`, "the role holder itself (the timelock)"],
    ]),
  ),
  "GenToken.setExempt": ROLE_ADMIN,
  "AurToken.resumeMinting": ROLE_ADMIN,
  "PoeMining.setOwner": ROLE_ADMIN,
  "StabilityMonitor.configureTrack": ROLE_ADMIN,
  "StabilityMonitor.approveKey": ROLE_ADMIN,
  "PoeMining.slashReserve": "SLASHER_ROLE (nobody yet; the timelock grants it to the dispute system)",
};

const BY_CONTRACTS: Readonly<Record<string, string>> = {
  "NexToken.mint": "PoeMining (MINTER_ROLE, closeEpoch)",
};

/**
 * Reached by no `kit` command yet: standard ERC-20/4626/5805 entry points a wallet or another contract calls, and the
 * mock feeds' test-only knobs. This list may only shrink.
 */
const NOT_YET: Readonly<Record<string, string>> = {
  "StaticVotesWrapper.mint": "ERC-4626 (bpci flx wrap sends deposit)",
  "MockAggregatorV3.setDecimals": "test knob of the local mock",
  "MockAggregatorV3.setReverts": "test knob of the local mock",
  "MockAggregatorV3.setRoundData": "test knob of the local mock",
};

function presetWrites(): Promise<string[]> {
  return stateChangingFunctions(Object.values(ARTIFACTS).filter(Boolean));
}

describe("every state-changing function of the BPCI preset's own contracts is reached by a CLI command", () => {
  let writes: string[];
  before(async () => {
    writes = await presetWrites();
  });

  it("enumerates the eleven ABIs (the tokens, the wrapper, staking, mining, the mock feed, the billing meter, the stability monitor, the bank mesh)", () => {
    expect(new Set(writes.map((w) => w.split(".")[0])).size).to.equal(11);
    expect(writes.length).to.equal(111);
  });

  it("each is a command, a governed function, called by a contract, or listed as not yet reached (exactly)", () => {
    const reached = (w: string) => w in COMMANDS || w in GOVERNED || w in BY_CONTRACTS;
    expect(writes.filter((w) => !reached(w) && !(w in NOT_YET))).to.deep.equal([]);
    expect(writes.filter((w) => !reached(w))).to.deep.equal(Object.keys(NOT_YET).sort());
  });

  it("the lists name only real functions, and every named command exists (kit agent bpci-miner and bpci-bank too)", () => {
    const all = new Set(writes);
    for (const table of [COMMANDS, GOVERNED, BY_CONTRACTS, NOT_YET]) {
      expect(Object.keys(table).filter((k) => !all.has(k))).to.deep.equal([]);
    }
    const paths = commandPaths();
    expect([...new Set(Object.values(COMMANDS))].filter((c) => !paths.has(c))).to.deep.equal([]);
    for (const c of [
      "agent bpci-miner",
      "agent bpci-bank",
      "bpci status",
      "bpci job show",
      "bpci miner show",
      "bpci owner report",
      "bpci billing build",
      "bpci billing verify",
      "bpci billing show",
      "bpci stability show",
      "bpci economy stability",
      "bpci bank-mesh network",
      "bpci bank-mesh show bank",
      "bpci bank-mesh show loan",
    ]) {
      expect(paths.has(c), c).to.equal(true);
    }
  });
});
