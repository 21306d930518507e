import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { loadFixture, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployQuiver } from "../quiver/fixtures/quiver";
import { CONTRACT_IDS } from "../../sdk/quiver/preset";
import { parameterKey } from "../../sdk/kit/core";
import { EXIT_FAILURE, EXIT_USAGE } from "../../sdk/cli/main";
import { addressBookFile, devKey, kitRunner } from "../helpers/kitCli";
import { DAY } from "../helpers/units";
import { TOKEN as Q } from "../helpers/units";

/** Hardhat's public development keys of accounts #2 (ecosystem, 150M QUIV) and #3 (team, 100M QUIV). */
const ECOSYSTEM_KEY = devKey(2);
const TEAM_KEY = devKey(3);
const ECOSYSTEM = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const TEAM = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

const outputs: string[] = [];

async function fixture() {
  const f = await deployQuiver();
  return { ...f, cli: addressBookFile(f.book.contracts, "kit-cli-gov-") };
}

let f: Awaited<ReturnType<typeof fixture>>;

const { kit } = kitRunner({ book: () => f.cli.file, key: ECOSYSTEM_KEY, outputs });

describe("kit CLI: gov, treasury, stake, emission (QUIVer preset, in-process chain)", () => {
  beforeEach(async () => {
    f = await loadFixture(fixture);
  });

  after(() => {
    f.cli.remove();
    const all = outputs.join("\n").toLowerCase();
    expect(outputs.length).to.be.greaterThan(40);
    for (const k of [ECOSYSTEM_KEY, TEAM_KEY]) expect(all).to.not.contain(k.slice(2, 22).toLowerCase());
  });

  describe("--json output of every command parses", () => {
    it("stake register / stake / delegate / tier / show / rewards / unbond / commission", async () => {
      const reg = await kit(["--json", "stake", "register", "1000"]);
      expect(reg.code, reg.stderr).to.equal(0);
      expect(reg.json()).to.include({ action: "registerProvider", from: ECOSYSTEM, commissionBps: "1000" });
      const st = await kit(["--json", "stake", "stake", "10000"]);
      expect(st.code, st.stderr).to.equal(0);
      expect(st.json()).to.include({ action: "stake", amount: (10_000n * Q).toString() });
      const del = await kit(["--json", "stake", "delegate", ECOSYSTEM, "5000"], TEAM_KEY);
      expect(del.code, del.stderr).to.equal(0);
      expect(del.json()).to.include({ action: "delegateStake", from: TEAM, provider: ECOSYSTEM });
      expect(await f.staking.stakeOf(ECOSYSTEM, TEAM)).to.equal(5_000n * Q);

      expect((await kit(["--json", "stake", "tier", ECOSYSTEM])).json()).to.deep.equal({
        provider: ECOSYSTEM,
        tier: 2,
      });
      expect((await kit(["--json", "stake", "tier"])).json().tier).to.equal(2); // the signer's
      const show = (await kit(["--json", "stake", "show", TEAM, "--provider", ECOSYSTEM, "--case", "1"])).json();
      expect(show.pool.registered).to.equal(false);
      expect(show.position).to.include({ provider: ECOSYSTEM, account: TEAM, stake: (5_000n * Q).toString() });
      expect(show.totals.bonded).to.equal((15_000n * Q).toString());
      expect(show.slashCase.stateName).to.equal("None");
      const mine = (await kit(["--json", "stake", "show"])).json();
      expect(mine.pool).to.include({ registered: true, tier: 2, bondedTokens: (15_000n * Q).toString() });

      const ub = await kit(["--json", "stake", "unbond", ECOSYSTEM, "1000"], TEAM_KEY);
      expect(ub.code, ub.stderr).to.equal(0);
      const un = (await kit(["--json", "stake", "show", TEAM, "--provider", ECOSYSTEM])).json();
      expect(un.unbondings).to.have.length(1);
      expect(un.unbondings[0]).to.include({ index: 0, provider: ECOSYSTEM, value: (1_000n * Q).toString() });
      const early = await kit(["--json", "stake", "withdraw", "0"], TEAM_KEY);
      expect(early.code).to.equal(EXIT_FAILURE);
      expect(JSON.parse(early.stdout).error.errorName).to.equal("StakingStillUnbonding");
      // Decoded for a person: the unlock time as an ISO date, relative to chain time.
      const unlock = new Date(Number(un.unbondings[0].unlockAt) * 1000).toISOString().replace(".000Z", "Z");
      expect(JSON.parse(early.stdout).error.description).to.match(
        new RegExp(
          `^StakingStillUnbonding\\(account ${TEAM}, index 0, nowTime \\S+Z \\([^)]+\\), unlockAt ${unlock} \\(in \\d+ d( \\d+ h)?\\)\\)$`,
        ),
      );
      expect(early.stderr).to.contain(
        `error: ProviderStaking reverted: StakingStillUnbonding(account ${TEAM}, index 0,`,
      );
      await time.increaseTo(BigInt(un.unbondings[0].unlockAt));
      const wd = await kit(["--json", "stake", "withdraw", "0"], TEAM_KEY);
      expect(wd.code, wd.stderr).to.equal(0);

      const com = await kit(["--json", "stake", "commission", "500"]);
      expect(com.json()).to.include({ action: "setCommission", commissionBps: "500" });
      expect((await f.staking.poolOf(ECOSYSTEM)).commissionBps).to.equal(500n);
      const r = await kit(["--json", "stake", "rewards", ECOSYSTEM, TEAM]);
      expect(r.json()).to.include({ pendingRewards: "0", stake: (4_000n * Q).toString() });
    });

    it("SEC-15 emission set-metric publishes on the local feed; status shows it, then the stale fallback", async () => {
      const set = await kit(["--json", "emission", "set-metric", "15000"], TEAM_KEY);
      expect(set.code, set.stderr).to.equal(0);
      expect(set.json()).to.include({
        action: "setGrowthMetric",
        metricBps: "15000",
        answer: "150000000",
        decimals: "8",
      });
      const s = (await kit(["--json", "emission", "status"])).json();
      expect(s).to.include({ growthMetricBps: "15000", growthStatus: 0, growthFeed: await f.emission.growthFeed() });
      expect(s.previewEmission).to.equal(((1_440_000n * Q * 15n) / 10n).toString());
      await time.increase(3n * DAY);
      const stale = await kit(["emission", "status"]);
      expect(stale.stdout).to.contain("growth metric 10000 bps").and.to.contain("Stale: falls back to 1.0");
    });

    it("emission status / preview / trigger, then stake claim pays the staking leg", async () => {
      await kit(["stake", "register", "1000"]);
      await kit(["stake", "stake", "10000"]);
      const s = (await kit(["--json", "emission", "status"])).json();
      expect(s).to.include({ currentEpoch: "0", triggerable: true, epochLength: (7n * DAY).toString() });
      const p = (await kit(["--json", "emission", "preview", "3"])).json();
      expect(p.epochs.map((e: { epoch: string }) => e.epoch)).to.deep.equal(["0", "1", "2"]);
      expect(p.epochs[0].amount).to.equal(s.previewEmission);
      const t = await kit(["--json", "emission", "trigger"], TEAM_KEY);
      expect(t.code, t.stderr).to.equal(0);
      const j = t.json();
      expect(j).to.include({ action: "triggerEpoch", epoch: "0", amount: p.epochs[0].amount });
      expect([j.toStaking, j.toTreasury, j.toEcosystem]).to.deep.equal([
        p.epochs[0].toStaking,
        p.epochs[0].toTreasury,
        p.epochs[0].toEcosystem,
      ]);
      const again = await kit(["--json", "emission", "trigger"], TEAM_KEY);
      expect(again.code).to.equal(EXIT_FAILURE);
      expect(JSON.parse(again.stdout).error.errorName).to.equal("EmissionEpochAlreadyTriggered");

      const pending = BigInt((await kit(["--json", "stake", "rewards", ECOSYSTEM])).json().pendingRewards);
      expect(pending).to.be.greaterThan(0n);
      const before = await f.quiv.balanceOf(ECOSYSTEM);
      const c = await kit(["--json", "stake", "claim", ECOSYSTEM]);
      expect(c.code, c.stderr).to.equal(0);
      expect(c.json().amount).to.equal(pending.toString());
      expect((await f.quiv.balanceOf(ECOSYSTEM)) - before).to.equal(pending);

      const status = (await kit(["--json", "status"])).json();
      expect(status.quiver).to.include({ totalValueLocked: (10_000n * Q).toString(), governanceProposals: "0" });
      expect(status.quiver.emission.previewEmission).to.equal("0");
      expect((await kit(["status"])).stdout).to.contain("TVL       10000 QUIV");
    });

    it("gov info / propose / vote / state / queue / execute / list change the registry through the timelock", async () => {
      const key = parameterKey("quiver.market.treasuryFeeBps");
      await kit(["token", "delegate"], TEAM_KEY);
      const info = (await kit(["--json", "gov", "info"])).json();
      expect(info.types[1]).to.include({ typeName: "EconomicParameter", minDelay: "172800" });
      const pr = await kit(
        [
          "--json",
          "gov",
          "propose",
          "--type",
          "economic",
          "--description",
          "Raise the treasury fee to 2.5%",
          "--param",
          "quiver.market.treasuryFeeBps=250",
        ],
        TEAM_KEY,
      );
      expect(pr.code, pr.stderr).to.equal(0);
      const { proposalId, description } = pr.json();
      expect(description).to.equal(`Raise the treasury fee to 2.5%#proposer=${TEAM}`);
      expect((await kit(["--json", "gov", "state", proposalId])).json()).to.include({
        stateName: "Pending",
        typeName: "EconomicParameter",
        quorum: null,
      });
      await time.increaseTo((await f.governor.proposalSnapshot(proposalId)) + 1n);
      const v = await kit(["--json", "gov", "vote", proposalId, "for", "--reason", "fund the treasury"], TEAM_KEY);
      expect(v.code, v.stderr).to.equal(0);
      expect(v.json()).to.include({ action: "vote", support: 1, reason: "fund the treasury" });
      expect(v.json().weight).to.equal((100_000_000n * Q).toString());
      await time.increaseTo((await f.governor.proposalDeadline(proposalId)) + 1n);
      const qd = await kit(["--json", "gov", "queue", proposalId]); // anyone may queue
      expect(qd.code, qd.stderr).to.equal(0);
      expect(qd.json().state).to.equal("Queued");
      await time.increaseTo(BigInt(qd.json().eta));
      expect(await f.registry.get(key)).to.equal(200n);
      const ex = await kit(["--json", "gov", "execute", proposalId]);
      expect(ex.code, ex.stderr).to.equal(0);
      expect(ex.json().state).to.equal("Executed");
      expect(await f.registry.get(key)).to.equal(250n);
      const list = (await kit(["--json", "gov", "list"])).json();
      expect(list.map((p: { id: string; stateName: string }) => [p.id, p.stateName])).to.deep.equal([
        [proposalId, "Executed"],
      ]);
      expect((await kit(["gov", "list"])).stdout).to.contain("Executed  EconomicParameter  Raise the treasury fee");
      const ins = (await kit(["--json", "gov", "inspect", proposalId])).json();
      expect(ins.targetCode).to.have.length(1);
      expect(ins.targetCode[0]).to.include({ target: await f.registry.getAddress(), hasCode: true });
      expect(ins.warnings).to.deep.equal([]);
      expect((await kit(["gov", "state", proposalId])).stdout).to.match(/state\s+Executed/);
    });

    it("gov inspect warns about a target without code; gov propose takes raw --action calls", async () => {
      await kit(["token", "delegate"], TEAM_KEY);
      const pr = await kit(
        [
          "--json",
          "gov",
          "propose",
          "--type",
          "treasury",
          "--description",
          "Send 1 wei",
          "--action",
          `${ECOSYSTEM}:0x:1`,
        ],
        TEAM_KEY,
      );
      expect(pr.code, pr.stderr).to.equal(0);
      expect(pr.json()).to.include({ type: 2 });
      expect(pr.json().values).to.deep.equal(["1"]);
      const ins = await kit(["gov", "inspect", pr.json().proposalId]);
      expect(ins.stdout).to.contain(`warning: ${ECOSYSTEM} has no code`);
      expect(ins.stdout).to.contain("(TreasurySpending, Pending)");
    });

    it("treasury balance / budget / grant show / grant claim", async () => {
      const bal = (await kit(["--json", "treasury", "balance"])).json();
      expect(bal.map((b: { asset: string; balance: string }) => [b.asset, b.balance])).to.deep.equal([
        ["QUIV", (150_000_000n * Q).toString()],
        ["ETH", "0"],
      ]);
      const budget = (await kit(["--json", "treasury", "budget"])).json();
      expect(budget[0]).to.include({ asset: "QUIV", budget: (1_000_000n * Q).toString(), budgetPeriod: "2592000" });
      const timelock = await (await import("hardhat")).ethers.getImpersonatedSigner(await f.timelock.getAddress());
      await setBalance(timelock.address, 10n ** 18n);
      const start = BigInt(await time.latest()) + 10n;
      await f.treasury
        .connect(timelock)
        .createGrant(await f.quiv.getAddress(), TEAM, 100n * Q, start, start, 10n * DAY);
      await time.increaseTo(start + 5n * DAY - 1n);
      const show = (await kit(["--json", "treasury", "grant", "show", "0"])).json();
      expect(show).to.include({ grantee: TEAM, amount: (100n * Q).toString(), claimed: "0" });
      const cl = await kit(["--json", "treasury", "grant", "claim", "0"], TEAM_KEY);
      expect(cl.code, cl.stderr).to.equal(0);
      expect(cl.json()).to.include({ action: "claimGrant", amount: (50n * Q).toString() });
      const notMine = await kit(["--json", "treasury", "grant", "claim", "0"]);
      expect(notMine.code).to.equal(EXIT_FAILURE);
      expect(JSON.parse(notMine.stdout).error.errorName).to.equal("TreasuryNotGrantee");
    });
  });

  describe("when the input is bad", () => {
    const P = "quiver.market.treasuryFeeBps";
    const cases: [string, string[], RegExp][] = [
      ["a negative stake", ["stake", "stake", "-5"], /must not be negative/],
      ["a negative wei delegation", ["stake", "delegate", ECOSYSTEM, "-1", "--wei"], /not a non-negative integer/],
      ["a bad provider checksum", ["stake", "delegate", "0x3c44CdDdB6a900fa2b585dd299e03d12FA4293BC", "1"], /checksum/],
      ["a commission above 100%", ["stake", "register", "10001"], /at most 10000/],
      ["a non-integer index", ["stake", "withdraw", "1.5"], /index must be a non-negative integer/],
      [
        "an unknown proposal type",
        ["gov", "propose", "--type", "party", "--description", "x", "--param", `${P}=1`],
        /unknown proposal type/,
      ],
      ["no actions", ["gov", "propose", "--description", "x"], /at least one --param or --action/],
      [
        "an unknown parameter",
        ["gov", "propose", "--description", "x", "--param", "nope=1"],
        /unknown parameter "nope"/,
      ],
      ["a malformed --param", ["gov", "propose", "--description", "x", "--param", P], /NAME=VALUE/],
      [
        "a negative parameter value",
        ["gov", "propose", "--description", "x", "--param", `${P}=-1`],
        /non-negative integer/,
      ],
      ["a malformed --action", ["gov", "propose", "--description", "x", "--action", "0x12:zz"], /calldata is not hex/],
      [
        "an --action without calldata",
        ["gov", "propose", "--description", "x", "--action", ECOSYSTEM],
        /TARGET:CALLDATA/,
      ],
      ["a bad vote", ["gov", "vote", "1", "maybe"], /for, against or abstain/],
      ["a bad proposal id", ["gov", "state", "-3"], /not a proposal id/],
      ["an unknown proposal to queue", ["gov", "queue", "12345"], /no proposal 12345/],
      ["zero preview epochs", ["emission", "preview", "0"], /epochs must be in \[1, 10000\]/],
      ["a bad grant id", ["treasury", "grant", "show", "x"], /grant id must be a non-negative integer/],
      ["a bad token", ["treasury", "balance", "--token", "0x12"], /20-byte/],
      ["a missing argument", ["treasury", "grant", "claim"], /missing required argument/],
      ["an unknown subcommand", ["treasury", "grant", "revoke", "0"], /unknown command/],
    ];
    for (const [what, args, message] of cases) {
      it(`${what}: a clear message and exit code ${EXIT_USAGE}`, async () => {
        const r = await kit(args);
        expect(r.code, r.stderr).to.equal(EXIT_USAGE);
        expect(r.stderr).to.match(message);
        expect(r.stdout).to.equal("");
      });
    }

    it("a signing command without a key says how to configure one", async () => {
      const r = await kit(["emission", "trigger"], "");
      expect(r.code).to.equal(EXIT_USAGE);
      expect(r.stderr).to.contain("set KIT_PRIVATE_KEY or pass --keystore");
    });

    it("a Foundation-only address book has no QUIVer commands to offer", async () => {
      const only = path.join(f.cli.dir, "foundation.json");
      fs.writeFileSync(
        only,
        JSON.stringify({
          [CONTRACT_IDS.quiv]: await f.quiv.getAddress(),
          [CONTRACT_IDS.registry]: await f.registry.getAddress(),
        }),
      );
      const r = await kit(["--address-book", only, "emission", "status"]);
      expect(r.code).to.equal(EXIT_USAGE);
      expect(r.stderr).to.contain("has no Kit#ProviderStaking");
      const s = await kit(["--address-book", only, "--json", "status"]);
      expect(s.code, s.stderr).to.equal(0);
      expect(s.json()).to.not.have.property("quiver");
    });
  });
});
