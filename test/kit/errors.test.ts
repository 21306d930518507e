import { expect } from "chai";
import { artifacts } from "hardhat";
import fs from "node:fs";
import path from "node:path";

/**
 * Every custom error of every deployable contract (the ABIs of contracts/ outside contracts/mocks) is
 * reached by a test: some test source names it in quotes (`revertedWithCustomError(x, "Name")`), or it is listed
 * below as a deliberate exception with the reason no test can or needs to reach it. A new error without a test
 * fails here; so does an exception that a test now reaches (the list stays true).
 */
const EXCEPTIONS: Readonly<Record<string, string>> = {
  // OpenZeppelin internals the kit inherits but cannot trigger.
  CheckpointUnorderedInsertion:
    "OZ Checkpoints: every checkpoint key is block.timestamp (ERC-6372 timestamp clock), which never decreases",
  ERC6372InconsistentClock: "OZ Votes: clock() and CLOCK_MODE() are overridden together (timestamp mode)",
  InvalidShortString: "OZ ShortStrings (EIP712 name/version): the names are constants, never decoded from storage",
  StringTooLong: "OZ ShortStrings: every EIP712 name is a constant shorter than 32 bytes or kept in the fallback slot",
  ERC20ExceededSafeSupply: "OZ ERC20Votes' 2^208 - 1 bound: every votes token has a lower cap or a fixed supply",
  ERC20InvalidApprover: "OZ ERC20: approvals come from msg.sender or a permit signer, never the zero address",
  ERC4626ExceededMaxDeposit: "StaticVotesWrapper keeps OZ ERC4626's unbounded maxDeposit",
  ERC4626ExceededMaxMint: "StaticVotesWrapper keeps OZ ERC4626's unbounded maxMint",
  CloneArgumentsTooLong: "OZ Clones: DisputeManager clones with fixed-size immutable arguments",
  FailedDeployment: "OZ Clones/Create2: a clone of a deployed implementation cannot fail to deploy",
  InsufficientBalance: "OZ Clones/Create2: DisputeManager's clones carry no value",
  SafeERC20FailedOperation:
    "OZ SafeERC20: the contracts move OZ ERC-20s that revert rather than return false; hostile tokens are tested by their revert",
  FailedCall:
    "OZ Address: only Governor.relay's failure path; relay is executor-only and every kit relay target exists",
  GovernorAlreadyQueuedProposal: "OZ Governor: the proposal state check (GovernorUnexpectedProposalState) fires first",
  GovernorNotQueuedProposal: "OZ GovernorTimelockControl: execute checks the proposal state first",
  GovernorQueueNotImplemented: "OZ Governor: the timelock extension implements queueing",
  GovernorInvalidVoteParams: "OZ GovernorCountingFractional only; the kit's counting ignores params",
  GovernorInvalidVotingPeriod: "OZ GovernorSettings only; the kit's voting period comes from the constructor checks",
  // The kit's own defensive checks.
  CaesarNoMintOrBurn:
    "defence in depth in CaesarToken._update: every entry point rejects the zero address first and nothing mints or burns after genesis",
  FlxUsageFeedSameBlock:
    "test/bpci/tokens/FlxToken.test.ts reaches it with automine off (the receipt's status, not its revert data, is asserted)",
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

describe("every custom error of the deployable contracts is reached by a test", () => {
  it("finds a quoted test reference for each error, or a listed exception", async () => {
    const errors = new Map<string, Set<string>>();
    for (const fqn of await artifacts.getAllFullyQualifiedNames()) {
      if (!fqn.startsWith("contracts/") || fqn.startsWith("contracts/mocks/")) continue;
      const a = await artifacts.readArtifact(fqn);
      for (const item of a.abi) {
        if (item.type !== "error") continue;
        if (!errors.has(item.name)) errors.set(item.name, new Set());
        errors.get(item.name)!.add(a.contractName);
      }
    }
    const self = path.resolve(__filename);
    const text = sources(path.join(__dirname, ".."))
      .filter((f) => path.resolve(f) !== self)
      .map((f) => fs.readFileSync(f, "utf8"))
      .join("\n");
    const quoted = (name: string) => new RegExp(`["'\`]${name}["'\`]`).test(text);
    const unreached = [...errors.keys()].filter((n) => !quoted(n) && !(n in EXCEPTIONS)).sort();
    expect(
      unreached.map((n) => `${n} (${[...errors.get(n)!].join(", ")})`),
      "errors no test names",
    ).to.deep.equal([]);
    const stale = Object.keys(EXCEPTIONS).filter((n) => !errors.has(n) || quoted(n));
    expect(stale, "exceptions that no ABI declares any more, or that a test now reaches").to.deep.equal([]);
    expect(errors.size).to.be.greaterThan(200);
  });
});
