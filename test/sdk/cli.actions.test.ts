/**
 * The user actions a review found without a command, each through the CLI in-process (`runCli`, captured output,
 * `--json`): token allowance / transfer-from / burn-from / permit / permit-submit / delegate --sign-only /
 * delegate-submit; stake finalize-slash / apply-commission / delegate-votes / sync-votes; gov cancel; dispute
 * appeal / claim-reward / penalize / fund / validator exit / validator withdraw; price poke. And no leftover
 * approvals: a command that pulls tokens pre-flights the action as if approved and sends no approval when it
 * would fail (allowance 0 and nonce unchanged afterwards); without state overrides, the approval is set back.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ZeroHash, id as keccakText } from "ethers";
import { deployQuiverActors, type QuiverActors } from "../quiver/fixtures/quiverActors";
import { EXIT_FAILURE, EXIT_USAGE } from "../../sdk/cli/main";
import { QUIVER_ACTOR_KEYS, devKey, kitRunner } from "../helpers/kitCli";
import { parameterKey } from "../../sdk/quiver";
import { TOKEN as Q } from "../helpers/units";

/** Dummy keys of the fixture's actors (hardhat accounts #10, #12, #14, #17), and #3 (team, 100M QUIV in the genesis). */
const KEY = { ...QUIVER_ACTOR_KEYS, team: devKey(3) };
const TEAM = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

let f: QuiverActors;
let dir: string;
let book: string;

/** The in-process node as an EIP-1193 provider that, like some public nodes, refuses `eth_call` state overrides. */
const noOverrides = {
  request: (a: { method: string; params?: unknown[] }) => {
    if (a.method === "eth_call" && (a.params?.length ?? 0) > 2) {
      return Promise.reject(Object.assign(new Error("state overrides are not supported"), { code: -32602 }));
    }
    return network.provider.request(a);
  },
};

const {
  kit: run,
  ok,
  reverts,
} = kitRunner({
  book: () => book,
  env: () => ({ KIT_SALT_STORE: path.join(dir, "salts.json") }),
});
const kit = (args: string[], key?: string, eip1193?: unknown) => run(args, key, { eip1193 });

describe("kit CLI: every user action has a command (in-process chain)", () => {
  beforeEach(async () => {
    f = await loadFixture(deployQuiverActors);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-cli-actions-"));
    book = path.join(dir, "addresses.json");
    fs.writeFileSync(book, JSON.stringify(f.book.contracts));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe("token", () => {
    it("allowance, transfer-from and burn-from move exact amounts and spend the allowance", async () => {
      const { consumer, stranger, quiv } = f;
      const before = await quiv.balanceOf(consumer.address);
      await ok(["token", "approve", stranger.address, "5"], KEY.consumer);
      expect(await ok(["token", "allowance", stranger.address, consumer.address])).to.deep.equal({
        owner: consumer.address,
        spender: stranger.address,
        allowance: (5n * Q).toString(),
      });
      const t = await ok(["token", "transfer-from", consumer.address, stranger.address, "2"], KEY.stranger);
      expect(t).to.include({ action: "transferFrom", from: stranger.address, owner: consumer.address });
      expect(t.amount).to.equal((2n * Q).toString());
      const b = await ok(["token", "burn-from", consumer.address, "1.5"], KEY.stranger);
      expect(b).to.include({ action: "burnFrom", owner: consumer.address, amount: ((15n * Q) / 10n).toString() });
      expect(await quiv.balanceOf(consumer.address)).to.equal(before - 2n * Q - (15n * Q) / 10n);
      expect(await quiv.balanceOf(stranger.address)).to.equal(2n * Q);
      expect(await quiv.allowance(consumer.address, stranger.address)).to.equal((15n * Q) / 10n);
      // the signer is the default owner
      const mine = await ok(["token", "allowance", stranger.address], KEY.consumer);
      expect(mine.allowance).to.equal(((15n * Q) / 10n).toString());
      await reverts(
        ["token", "transfer-from", consumer.address, stranger.address, "2"],
        KEY.stranger,
        "ERC20InsufficientAllowance",
        [stranger.address, (15n * Q) / 10n, 2n * Q],
      );
      const bad = await kit(["--json", "token", "allowance", "0x123"], KEY.stranger);
      expect(bad.code).to.equal(EXIT_USAGE);
    });

    it("permit signs and submits; --sign-only prints a permit another account submits with permit-submit", async () => {
      const { consumer, stranger, quiv, disputes } = f;
      const spender = await disputes.getAddress();
      const p = await ok(["token", "permit", spender, "4"], KEY.consumer);
      expect(p).to.include({ action: "permit", from: consumer.address, spender, amount: (4n * Q).toString() });
      expect(await quiv.allowance(consumer.address, spender)).to.equal(4n * Q);
      expect(await quiv.nonces(consumer.address)).to.equal(1n);

      const signed = await ok(
        ["token", "permit", stranger.address, "3", "--sign-only", "--deadline", "2h"],
        KEY.consumer,
      );
      expect(signed).to.include({ action: "permitSigned", owner: consumer.address, spender: stranger.address });
      expect(signed.nonce).to.equal("1");
      expect(BigInt(signed.deadline)).to.equal(BigInt(await time.latest()) + 7_200n);
      expect(await quiv.allowance(consumer.address, stranger.address)).to.equal(0n); // nothing sent
      const file = path.join(dir, "permit.json");
      fs.writeFileSync(file, JSON.stringify(signed));
      const sub = await ok(["token", "permit-submit", `@${file}`], KEY.stranger);
      expect(sub).to.include({ action: "permit", from: stranger.address, owner: consumer.address });
      expect(await quiv.allowance(consumer.address, stranger.address)).to.equal(3n * Q);
      // replayed: the nonce is spent
      await reverts(["token", "permit-submit", `@${file}`], KEY.stranger, "ERC2612InvalidSigner");
      const bad = await kit(["--json", "token", "permit-submit", "{}"], KEY.stranger);
      expect(bad.code).to.equal(EXIT_USAGE);
      expect(bad.json().error.name).to.equal("InvalidArgumentError");
    });
  });

  describe("token delegate --sign-only / delegate-submit", () => {
    it("a holder signs a delegation without gas; another account submits it; a replay is refused", async () => {
      const { consumer, stranger, quiv } = f;
      const signed = await ok(["token", "delegate", stranger.address, "--sign-only", "--expiry", "30m"], KEY.consumer);
      expect(signed).to.include({ action: "delegationSigned", owner: consumer.address, delegatee: stranger.address });
      expect(BigInt(signed.expiry)).to.equal(BigInt(await time.latest()) + 1_800n);
      expect(await quiv.delegates(consumer.address)).to.not.equal(stranger.address); // nothing sent
      const sub = await ok(["token", "delegate-submit", JSON.stringify(signed)], KEY.stranger);
      expect(sub).to.include({ action: "delegateBySig", from: stranger.address, delegatee: stranger.address });
      expect(await quiv.delegates(consumer.address)).to.equal(stranger.address);
      expect(await quiv.getVotes(stranger.address)).to.equal(await quiv.balanceOf(consumer.address));
      const again = await kit(["--json", "token", "delegate-submit", JSON.stringify(signed)], KEY.stranger);
      expect(again.code).to.equal(EXIT_FAILURE);
      expect(again.json().error.name).to.equal("ContractRevertError");
      const bad = await kit(["--json", "token", "delegate-submit", '{"delegatee":"0x12"}'], KEY.stranger);
      expect(bad.code).to.equal(EXIT_USAGE);
    });
  });

  describe("stake", () => {
    it("apply-commission: refused before the delay with the due time, applied after it", async () => {
      const { provider, staking, registry } = f;
      await ok(["stake", "commission", "1500"], KEY.provider);
      const delay = await registry.get(parameterKey("quiver.staking.commissionDelay"));
      const due = BigInt(await time.latest()) + delay;
      const early = await reverts(["stake", "apply-commission"], KEY.provider, "StakingCommissionNotDue");
      expect(early.args[0]).to.equal(provider.address);
      expect(BigInt(early.args[2])).to.equal(due);
      await time.increaseTo(due);
      // anyone may apply it, for the provider given
      const r = await ok(["stake", "apply-commission", provider.address], KEY.stranger);
      expect(r).to.include({ action: "applyCommission", from: f.stranger.address, provider: provider.address });
      expect((await staking.poolOf(provider.address)).commissionBps).to.equal(1500n);
      await reverts(["stake", "apply-commission", provider.address], KEY.stranger, "StakingNoPendingCommission", [
        provider.address,
      ]);
    });

    it("delegate-votes activates the staked votes; sync-votes re-values a position (anyone)", async () => {
      const { provider, staking } = f;
      const votes = await staking.getVotes(provider.address); // staking delegates to self by default
      expect(votes).to.be.greaterThan(0n);
      const d = await ok(["stake", "delegate-votes", f.stranger.address], KEY.provider);
      expect(d).to.include({ action: "delegate", from: provider.address, delegatee: f.stranger.address });
      expect(await staking.delegates(provider.address)).to.equal(f.stranger.address);
      expect(await staking.getVotes(f.stranger.address)).to.equal(votes);
      expect(await staking.getVotes(provider.address)).to.equal(0n);
      await ok(["stake", "delegate-votes"], KEY.provider); // back to self (the default argument)
      expect(await staking.getVotes(provider.address)).to.equal(votes);
      const s = await ok(["stake", "sync-votes", provider.address, provider.address], KEY.stranger);
      expect(s).to.include({ action: "syncVotes", provider: provider.address, account: provider.address });
      expect(await staking.getVotes(provider.address)).to.equal(votes); // no slash: the same value
    });

    it("finalize-slash of a case that does not exist is a decoded revert (exit 1)", async () => {
      const r = await kit(["--json", "stake", "finalize-slash", "77"], KEY.stranger);
      expect(r.code).to.equal(EXIT_FAILURE);
      expect(r.json().error.name).to.equal("ContractRevertError");
      expect(r.json().error.errorName).to.match(/^Staking/);
      expect((await kit(["--json", "stake", "finalize-slash", "x"], KEY.stranger)).code).to.equal(EXIT_USAGE);
    });
  });

  describe("dispute", () => {
    it("validator exit and withdraw: locked until the unbonding delay, then the whole stake comes back", async () => {
      const { quiv, disputes, registry } = f;
      const v1 = f.validators[0];
      const before = await quiv.balanceOf(v1.address);
      const min = await registry.get(parameterKey("quiver.dispute.validatorMinStake"));
      await ok(["dispute", "validator", "register"], KEY.v1);
      expect(await quiv.balanceOf(v1.address)).to.equal(before - min);
      const exit = await ok(["dispute", "validator", "exit"], KEY.v1);
      expect(exit).to.include({ action: "requestValidatorExit", from: v1.address });
      const unbonding = await registry.get(parameterKey("quiver.dispute.validatorUnbonding"));
      const availableAt = BigInt(await time.latest()) + unbonding;
      await reverts(["dispute", "validator", "withdraw"], KEY.v1, "DisputeStakeLocked", [v1.address, availableAt, 0n]);
      await time.increaseTo(availableAt);
      await ok(["dispute", "validator", "withdraw"], KEY.v1);
      expect(await quiv.balanceOf(v1.address)).to.equal(before);
      expect(await quiv.balanceOf(await disputes.getAddress())).to.equal(0n);
      await reverts(["dispute", "validator", "exit"], KEY.v1, "DisputeValidatorExiting");
    });

    it("fund adds the exact amount to the reward pool and leaves no allowance", async () => {
      const { quiv, disputes, consumer } = f;
      const at = await disputes.getAddress();
      const r = await ok(["dispute", "fund", "10"], KEY.consumer);
      expect(r).to.include({ action: "fundRewardPool", from: consumer.address, amount: (10n * Q).toString() });
      expect(await quiv.balanceOf(at)).to.equal(10n * Q);
      expect(await quiv.allowance(consumer.address, at)).to.equal(0n);
      await reverts(["dispute", "fund", "0"], KEY.consumer, "DisputeZeroAmount");
    });

    it("appeal, claim-reward and penalize of an unknown dispute are bad input (exit 2); bad ids too", async () => {
      const unknown = keccakText("no such dispute");
      for (const args of [
        () => ["dispute", "appeal", unknown],
        () => ["dispute", "claim-reward", unknown],
        () => ["dispute", "penalize", unknown, f.validators[0].address],
        () => ["dispute", "penalize", unknown, f.validators[0].address, "--non-commit"],
        () => ["dispute", "appeal", "0x12"],
        () => ["dispute", "penalize", ZeroHash, "0x12"],
      ]) {
        const r = await kit(["--json", ...args()], KEY.stranger);
        expect(r.code, args().join(" ")).to.equal(EXIT_USAGE);
        expect(r.json().error.name).to.equal("InvalidArgumentError");
      }
    });
  });

  describe("gov cancel", () => {
    it("the proposer withdraws a pending proposal; a second cancel is a decoded revert", async () => {
      const { governor } = f;
      await ok(["token", "delegate"], KEY.team);
      const pr = await ok(
        ["gov", "propose", "--description", "withdrawn", "--param", "quiver.market.treasuryFeeBps=250"],
        KEY.team,
      );
      const c = await ok(["gov", "cancel", pr.proposalId], KEY.team);
      expect(c).to.include({ action: "cancel", from: TEAM, proposalId: pr.proposalId, state: "Canceled" });
      expect(await governor.state(BigInt(pr.proposalId))).to.equal(2n); // Canceled
      await reverts(["gov", "cancel", pr.proposalId], KEY.team, "GovernorUnableToCancel", [pr.proposalId, TEAM]);
    });
  });

  describe("price poke", () => {
    it("refused before the update interval with the time it is due, then moves the oracle's clock", async () => {
      const { oracle, registry } = f;
      const last = await oracle.lastUpdate();
      const interval = await registry.get(parameterKey("quiver.pricing.updateInterval"));
      const early = await reverts(["price", "poke"], KEY.stranger, "PricingUpdateTooEarly");
      expect(BigInt(early.args[2])).to.equal(last + interval);
      await time.increaseTo(last + interval);
      const r = await ok(["price", "poke"], KEY.stranger);
      expect(r).to.include({ action: "poke", from: f.stranger.address });
      expect(await oracle.lastUpdate()).to.equal(BigInt(await time.latest()));
      expect(BigInt(r.nextUpdateAt)).to.equal(BigInt(await time.latest()) + interval);
    });
  });

  describe("no leftover approvals (pre-flight as if approved, then the exact approval)", () => {
    const untouched = async (owner: string, spender: string, nonce: number) => {
      expect(await f.quiv.allowance(owner, spender)).to.equal(0n);
      expect(await network.provider.send("eth_getTransactionCount", [owner, "latest"])).to.equal(
        "0x" + nonce.toString(16),
      );
    };

    it("a failing `stake stake` (not a provider) sends no approval", async () => {
      const { consumer, staking } = f;
      const nonce = Number(await network.provider.send("eth_getTransactionCount", [consumer.address, "latest"]));
      const r = await kit(["--json", "stake", "stake", "10"], KEY.consumer);
      expect(r.code).to.equal(EXIT_FAILURE);
      expect(r.json().error.errorName).to.match(/^Staking/);
      await untouched(consumer.address, await staking.getAddress(), nonce);
    });

    it("a failing `channel open` (deposit above the balance) sends no approval", async () => {
      const { consumer, channels, provider, quiv } = f;
      const nonce = Number(await network.provider.send("eth_getTransactionCount", [consumer.address, "latest"]));
      const balance = await quiv.balanceOf(consumer.address);
      await reverts(
        ["channel", "open", provider.address, (balance + 1n).toString(), "--wei"],
        KEY.consumer,
        "ERC20InsufficientBalance",
        [consumer.address, balance, balance + 1n],
      );
      await untouched(consumer.address, await channels.getAddress(), nonce);
    });

    it("a failing `dispute fund` from an empty account sends no approval", async () => {
      const { stranger, disputes } = f;
      const nonce = Number(await network.provider.send("eth_getTransactionCount", [stranger.address, "latest"]));
      await reverts(["dispute", "fund", "5"], KEY.stranger, "ERC20InsufficientBalance", [stranger.address, 0n, 5n * Q]);
      await untouched(stranger.address, await disputes.getAddress(), nonce);
    });

    it("on a node without state overrides, a failing action's approval is set back to what it was", async () => {
      const { consumer, staking, quiv } = f;
      const at = await staking.getAddress();
      await quiv.connect(consumer).approve(at, 3n); // a prior allowance, below the 10 QUIV needed
      const nonce = Number(await network.provider.send("eth_getTransactionCount", [consumer.address, "latest"]));
      const r = await kit(["--json", "stake", "stake", "10"], KEY.consumer, noOverrides);
      expect(r.code).to.equal(EXIT_FAILURE);
      expect(r.json().error.errorName, r.stdout).to.match(/^Staking/);
      expect(await quiv.allowance(consumer.address, at)).to.equal(3n);
      // approve, action reverted in its pre-flight (not sent), approve back
      expect(await network.provider.send("eth_getTransactionCount", [consumer.address, "latest"])).to.equal(
        "0x" + (nonce + 2).toString(16),
      );
    });

    it("a successful `stake stake` approves exactly what it pulls (allowance 0 afterwards)", async () => {
      const { provider, staking, quiv } = f;
      const at = await staking.getAddress();
      await quiv.connect(provider).approve(at, 0n); // the fixture approved MaxUint256
      const bonded = (await staking.poolOf(provider.address)).bondedTokens;
      await ok(["stake", "stake", "7"], KEY.provider);
      expect((await staking.poolOf(provider.address)).bondedTokens).to.equal(bonded + 7n * Q);
      expect(await quiv.allowance(provider.address, at)).to.equal(0n);
    });
  });
});
