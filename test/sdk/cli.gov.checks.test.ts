/**
 * `kit gov propose` checks before it sends (registry bounds and rate limit at the earliest execution, every action
 * simulated as the timelock), `kit gov inspect` decodes actions into words, and the governor's and the staking
 * contract's signature-relayed functions (`gov vote --sign-only` / `gov vote-submit`, `--params`, `--untyped`,
 * `stake delegate-votes --sign-only` / `delegate-votes-submit`). In-process CLI on the QUIVer preset.
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { ethers, network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { Wallet, ZeroHash } from "ethers";
import { deployQuiver } from "../quiver/fixtures/quiver";
import { parameterKey } from "../../sdk/kit/core";
import { EXIT_FAILURE, EXIT_USAGE } from "../../sdk/cli/main";
import { addressBookFile, devKey, kitRunner } from "../helpers/kitCli";
import { timeArg } from "../../sdk/cli/helpers";
import { TOKEN as Q } from "../helpers/units";

/** Hardhat's public development keys of accounts #2 (ecosystem, 150M QUIV), #3 (team, 100M QUIV) and #4 (none). */
const ECOSYSTEM_KEY = devKey(2);
const TEAM_KEY = devKey(3);
const RELAYER_KEY = devKey(4);
const ECOSYSTEM = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const TEAM = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const RELAYER = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

async function fixture() {
  const f = await deployQuiver();
  return { ...f, cli: addressBookFile(f.book.contracts, "kit-cli-gov-checks-") };
}

let f: Awaited<ReturnType<typeof fixture>>;

const { kit } = kitRunner({ book: () => f.cli.file, key: TEAM_KEY });

const propose = (...actions: string[]) => ["--json", "gov", "propose", "--description", "x", ...actions];

describe("kit gov: checked proposals, decoded actions, signed votes (in-process chain)", () => {
  beforeEach(async () => {
    f = await loadFixture(fixture);
    expect((await kit(["token", "delegate"])).code).to.equal(0);
  });

  after(() => f.cli.remove());

  describe("gov propose refuses what would revert at execution, before sending", () => {
    it("a value above the registry's maximum: exit 2 with the bound, nothing proposed", async () => {
      const r = await kit(propose("--type", "economic", "--param", "quiver.market.burnBps=5000"));
      expect(r.code).to.equal(EXIT_USAGE);
      expect(r.json().error.name).to.equal("InvalidArgumentError");
      expect(r.json().error.message).to.equal("quiver.market.burnBps=5000 is above its maximum 1000");
      expect(await f.governor.proposalCount()).to.equal(0n);
    });

    it("a value below the minimum and a move faster than the rate limit: both named, exit 2", async () => {
      const r = await kit([
        ...propose("--type", "economic"),
        "--param",
        "quiver.market.reviewWindow=60",
        "--param",
        "quiver.market.burnBps=201",
      ]);
      expect(r.code).to.equal(EXIT_USAGE);
      const msg: string = r.json().error.message;
      expect(msg).to.contain("quiver.market.reviewWindow=60 is below its minimum 3600");
      // burnBps is 100 with maxDelta 100 per 30 days: 201 is out of [0, 200] at the earliest execution.
      expect(msg).to.match(
        /quiver\.market\.burnBps=201 moves it from 100 bps by more than its rate limit of 100 per 30 d: .* within \[0, 200\]/,
      );
      expect(r.json().error.details.problems).to.have.length(2);
      expect(await f.governor.proposalCount()).to.equal(0n);
      // the edge of the band is accepted
      const ok = await kit(propose("--type", "economic", "--param", "quiver.market.burnBps=200"));
      expect(ok.code, ok.stderr).to.equal(0);
      expect(await f.governor.proposalCount()).to.equal(1n);
    });

    it("an action that reverts when the timelock makes it: the decoded error, exit 1, nothing proposed", async () => {
      const quiv = await f.quiv.getAddress();
      const timelock = await f.timelock.getAddress();
      // the timelock holds no MINTER_ROLE on QUIV
      const mint = f.quiv.interface.encodeFunctionData("mint", [TEAM, 1n]);
      const r = await kit(propose("--action", `${quiv}:${mint}`));
      expect(r.code).to.equal(EXIT_FAILURE);
      const e = r.json().error;
      expect(e.errorName).to.equal("AccessControlUnauthorizedAccount");
      expect(e.args[0]).to.equal(timelock);
      expect(e.message).to.match(/^action 0 \(0x[0-9a-fA-F]{40}\) reverts when the timelock makes it: /);
      expect(e.details).to.include({ action: 0, simulatedFrom: timelock });
      // a raw registry call with an undefined key, behind a valid --param: the second action is named
      const set = f.registry.interface.encodeFunctionData("set", [ZeroHash, 1n]);
      const r2 = await kit(
        propose("--param", "quiver.market.treasuryFeeBps=250", "--action", `${await f.registry.getAddress()}:${set}`),
      );
      expect(r2.code).to.equal(EXIT_FAILURE);
      expect(r2.json().error).to.include({ errorName: "ParameterUnknown" });
      expect(r2.json().error.message).to.match(/^action 1 /);
      expect(await f.governor.proposalCount()).to.equal(0n);
      // --no-simulate sends it anyway (for actions that need an earlier action of the same proposal)
      const forced = await kit([...propose("--action", `${quiv}:${mint}`), "--no-simulate"]);
      expect(forced.code, forced.stderr).to.equal(0);
      expect(forced.json().notSimulated).to.deep.equal([{ index: 0, target: quiv, note: "--no-simulate" }]);
      expect(await f.governor.proposalCount()).to.equal(1n);
    });
  });

  it("a call to the governor's own onlyGovernance setter is proposed without simulation, and says so", async () => {
    const governor = await f.governor.getAddress();
    const data = f.governor.interface.encodeFunctionData("setVotingPeriod", [6n * 86_400n]);
    // why it is not simulated: outside execute the governor refuses even its timelock
    const timelock = await f.timelock.getAddress();
    let refused = false;
    await ethers.provider.call({ from: timelock, to: governor, data }).catch(() => (refused = true));
    expect(refused).to.equal(true);
    const r = await kit(propose("--action", `${governor}:${data}`));
    expect(r.code, r.stderr).to.equal(0);
    expect(r.json().notSimulated).to.deep.equal([
      {
        index: 0,
        target: governor,
        note: "a call to the governor itself (onlyGovernance) succeeds only while the governor executes the proposal",
      },
    ]);
    expect(r.json().calldatas).to.deep.equal([data]);
  });

  describe("gov inspect", () => {
    it("decodes a parameter change and a grant into words, with named args and symbol-formatted amounts", async () => {
      const treasury = await f.treasury.getAddress();
      const quiv = await f.quiv.getAddress();
      const start = 1_800_000_000n;
      const grant = f.treasury.interface.encodeFunctionData("createGrant", [
        quiv,
        ECOSYSTEM,
        1_500n * Q,
        start,
        start + 86_400n,
        30n * 86_400n,
      ]);
      const pr = await kit([
        ...propose("--type", "treasury"),
        "--param",
        "quiver.market.treasuryFeeBps=250",
        "--action",
        `${treasury}:${grant}`,
      ]);
      expect(pr.code, pr.stderr).to.equal(0);
      const ins = await kit(["--json", "gov", "inspect", pr.json().proposalId]);
      expect(ins.code, ins.stderr).to.equal(0);
      const [set, g] = ins.json().actions;
      expect(set).to.include({
        text: "set quiver.market.treasuryFeeBps from 200 to 250 bps",
        contract: "ParameterRegistry",
        method: "set",
        targetId: "Kit#ParameterRegistry",
      });
      expect(g).to.include({ contract: "Treasury", method: "createGrant", targetId: "Kit#Treasury" });
      expect(g.args.map((a: { name: string; text: string }) => [a.name, a.text])).to.deep.equal([
        ["token", `QUIV ${quiv}`],
        ["grantee", ECOSYSTEM],
        ["amount", "1500 QUIV"],
        ["start", "2027-01-15T08:00:00Z (1800000000)"],
        ["cliff", "2027-01-16T08:00:00Z (1800086400)"],
        ["duration", "2592000 s (30 d)"],
      ]);
      const text = (await kit(["gov", "inspect", pr.json().proposalId])).stdout;
      expect(text).to.contain("action 0: set quiver.market.treasuryFeeBps from 200 to 250 bps");
      expect(text).to.contain(
        `action 1: Treasury.createGrant(token=QUIV ${quiv}, grantee=${ECOSYSTEM}, amount=1500 QUIV, start=2027-01-15T08:00:00Z (1800000000)`,
      );
    });

    it("an unknown selector and a plain ETH transfer are said as such", async () => {
      const pr = await kit([
        ...propose("--type", "treasury"),
        "--action",
        `${ECOSYSTEM}:0x:5`,
        "--action",
        `${await f.registry.getAddress()}:0xdeadbeef`,
      ]);
      // the second action reverts when simulated (the registry has no such function)
      expect(pr.code).to.equal(EXIT_FAILURE);
      expect(pr.json().error.message).to.match(/^action 1 /);
      const ok = await kit([
        ...propose("--type", "treasury"),
        "--action",
        `${ECOSYSTEM}:0x:5`,
        "--action",
        `${RELAYER}:0xdeadbeef`,
      ]);
      expect(ok.code, ok.stderr).to.equal(0);
      const ins = (await kit(["--json", "gov", "inspect", ok.json().proposalId])).json();
      expect(ins.actions[1].text).to.equal(`call ${RELAYER} with unknown selector 0xdeadbeef`);
      expect(ins.actions[0].text).to.equal(`send 0.000000000000000005 ETH to ${ECOSYSTEM}`);
    });
  });

  describe("treasury grant encode: start and cliff are absolute times, given as dates or durations", () => {
    it("timeArg converts dates, @unix, now and durations after a base", () => {
      expect(timeArg("2027-01-15T08:00:00Z", "start", 0n)).to.equal(1_800_000_000n);
      expect(timeArg("2027-01-15T09:00:00+01:00", "start", 0n)).to.equal(1_800_000_000n);
      expect(timeArg("2027-01-15T08:00:00", "start", 0n)).to.equal(1_800_000_000n); // UTC without an offset
      expect(timeArg("2027-01-20", "cliff", 0n)).to.equal(1_800_403_200n);
      expect(timeArg("@1800000000", "start", 5n)).to.equal(1_800_000_000n);
      expect(timeArg("now", "start", 77n)).to.equal(77n);
      expect(timeArg("1d12h", "cliff", 1_000n)).to.equal(1_000n + 129_600n);
      expect(timeArg("3600", "cliff", 1_000n)).to.equal(4_600n); // bare digits are a duration in seconds
      for (const bad of ["yesterday", "2027-13-45", "-5d", ""]) {
        expect(() => timeArg(bad, "cliff", 0n), bad).to.throw(/cliff/);
      }
    });

    it("prints the --action with the absolute times; gov propose takes it and inspect shows the dates", async () => {
      const enc = await kit([
        "--json",
        "treasury",
        "grant",
        "encode",
        ECOSYSTEM,
        "1500",
        "--start",
        "2027-01-15T08:00:00Z",
        "--cliff",
        "1d",
        "--duration",
        "30d",
      ]);
      expect(enc.code, enc.stderr).to.equal(0);
      expect(enc.json()).to.include({
        target: await f.treasury.getAddress(),
        grantee: ECOSYSTEM,
        amount: (1_500n * Q).toString(),
        start: "1800000000",
        cliff: "1800086400",
        duration: "2592000",
      });
      const pr = await kit([...propose("--type", "treasury"), "--action", enc.json().action]);
      expect(pr.code, pr.stderr).to.equal(0);
      const ins = (await kit(["--json", "gov", "inspect", pr.json().proposalId])).json();
      expect(ins.actions[0].text).to.contain("cliff=2027-01-16T08:00:00Z (1800086400)");
      // a relative start is counted from the chain's time; the text says where the cliff falls
      const now = BigInt(await time.latest());
      const rel = await kit(["--json", "treasury", "grant", "encode", TEAM, "1", "--start", "7d", "--duration", "1w"]);
      expect(BigInt(rel.json().start)).to.equal(now + 7n * 86_400n);
      expect(rel.json().cliff).to.equal(rel.json().start);
      const text = (await kit(["treasury", "grant", "encode", TEAM, "1", "--cliff", "2d", "--duration", "1w"])).stdout;
      expect(text).to.match(/nothing before the cliff \S+Z \(in 2 d\)/);
      const bad = await kit(["--json", "treasury", "grant", "encode", TEAM, "1", "--cliff", "8d", "--duration", "1w"]);
      expect(bad.code).to.equal(EXIT_USAGE);
      expect(bad.json().error.message).to.match(/^cliff .* must lie within the vesting/);
    });
  });

  it("the README's CLI example key holds QUIV in the localhost preset (and prints that balance)", async () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    const keys = [...readme.matchAll(/KIT_PRIVATE_KEY=(0x[0-9a-f]{64})/g)].map((m) => m[1]);
    expect(keys).to.have.length.greaterThan(0);
    for (const key of keys) {
      const who = new Wallet(key).address;
      expect(await f.quiv.balanceOf(who), who).to.equal(150_000_000n * Q);
      expect((await kit(["token", "balance"], key)).stdout.trim()).to.equal("150000000 QUIV");
    }
    expect(readme).to.contain("npm run -s cli -- token balance                           # 150000000 QUIV");
  });

  describe("signed and extended votes, the untyped propose", () => {
    async function activeProposal(untyped = false) {
      const pr = await kit([
        ...propose(...(untyped ? ["--untyped"] : ["--type", "economic"])),
        "--param",
        "quiver.market.treasuryFeeBps=250",
      ]);
      expect(pr.code, pr.stderr).to.equal(0);
      const id = BigInt(pr.json().proposalId);
      await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
      return { id, json: pr.json() };
    }

    it("gov vote --sign-only: the relayer pays, the vote and its weight are the signer's", async () => {
      const { id } = await activeProposal();
      const signed = await kit(["--json", "gov", "vote", id.toString(), "against", "--sign-only"]);
      expect(signed.code, signed.stderr).to.equal(0);
      expect(signed.json()).to.include({ action: "ballotSigned", voter: TEAM, support: 0, nonce: "0" });
      expect(await f.governor.hasVoted(id, TEAM)).to.equal(false); // nothing sent
      const sub = await kit(["--json", "gov", "vote-submit", signed.stdout], RELAYER_KEY);
      expect(sub.code, sub.stderr).to.equal(0);
      expect(sub.json()).to.include({ action: "castVoteBySig", from: RELAYER, voter: TEAM, support: 0 });
      expect(sub.json().weight).to.equal((100_000_000n * Q).toString());
      expect(await f.governor.hasVoted(id, TEAM)).to.equal(true);
      expect((await f.governor.proposalVotes(id)).againstVotes).to.equal(100_000_000n * Q);
      // replaying it is the governor's decoded refusal
      const again = await kit(["--json", "gov", "vote-submit", signed.stdout], RELAYER_KEY);
      expect(again.code).to.equal(EXIT_FAILURE);
      expect(again.json().error.errorName).to.match(/^Governor/);
    });

    it("gov vote --params and a signed extended ballot (reason and params) are recorded", async () => {
      const { id } = await activeProposal();
      await kit(["token", "delegate"], ECOSYSTEM_KEY);
      const v = await kit(["--json", "gov", "vote", id.toString(), "for", "--params", "0x1234"]);
      expect(v.code, v.stderr).to.equal(0);
      expect(await f.governor.hasVoted(id, TEAM)).to.equal(true);
      const signed = await kit(
        ["--json", "gov", "vote", id.toString(), "abstain", "--sign-only", "--reason", "no view", "--params", "0xab"],
        ECOSYSTEM_KEY,
      );
      expect(signed.json()).to.include({ voter: ECOSYSTEM, reason: "no view", params: "0xab" });
      const sub = await kit(["--json", "gov", "vote-submit", signed.stdout], RELAYER_KEY);
      expect(sub.code, sub.stderr).to.equal(0);
      expect(sub.json()).to.include({ action: "castVoteWithReasonAndParamsBySig", voter: ECOSYSTEM, support: 2 });
      expect(await f.governor.hasVoted(id, ECOSYSTEM)).to.equal(true);
      const bad = await kit(["--json", "gov", "vote", id.toString(), "for", "--params", "12"]);
      expect(bad.code).to.equal(EXIT_USAGE);
    });

    it("gov propose --untyped sends OpenZeppelin's propose(), checked like the typed one", async () => {
      const { id, json } = await activeProposal(true);
      expect(json).to.include({ action: "proposeUntyped", type: null });
      expect(await f.governor.state(id)).to.equal(1n); // Active
      const bad = await kit([...propose("--untyped"), "--param", "quiver.market.burnBps=5000"]);
      expect(bad.code).to.equal(EXIT_USAGE);
    });
  });

  describe("stake delegate-votes --sign-only / delegate-votes-submit", () => {
    it("moves the signer's staked votes, submitted and paid by someone else", async () => {
      const signed = await kit(["--json", "stake", "delegate-votes", ECOSYSTEM, "--sign-only"]);
      expect(signed.code, signed.stderr).to.equal(0);
      expect(signed.json()).to.include({ action: "stakedDelegationSigned", owner: TEAM, delegatee: ECOSYSTEM });
      expect(await f.staking.delegates(TEAM)).to.not.equal(ECOSYSTEM);
      const sub = await kit(["--json", "stake", "delegate-votes-submit", signed.stdout], RELAYER_KEY);
      expect(sub.code, sub.stderr).to.equal(0);
      expect(sub.json()).to.include({ action: "delegateBySig", from: RELAYER, delegatee: ECOSYSTEM });
      expect(await f.staking.delegates(TEAM)).to.equal(ECOSYSTEM);
      expect(await f.registry.get(parameterKey("quiver.market.treasuryFeeBps"))).to.equal(200n);
    });
  });
});
