import { expect } from "chai";
import { describeRevert } from "../../sdk/cli/describe";
import { decodeRevertData, errorSources } from "../../sdk/kit/chain";
import { encodeStates } from "../../sdk/kit/core";
import "../../sdk/quiver/cli/shared"; // registers QUIVer's state names
import { TOKEN as Q } from "../helpers/units";

const ALICE = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const OTHER_TOKEN = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const QUIV_TOKEN = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
const NOW = BigInt(Date.UTC(2026, 11, 2, 10, 15) / 1000);

function revert(contract: string, error: string, args: unknown[]) {
  const source = errorSources().find((s) => s.contract === contract);
  if (!source) throw new Error(`no ABI ${contract}`);
  return decodeRevertData(source.iface.encodeErrorResult(error, args), contract);
}

describe("CLI revert descriptions (decoded errors for a person)", () => {
  const ctx = { symbol: "QUIV", tokenAddress: QUIV_TOKEN, now: NOW };

  it("state errors name the current state and the allowed bitmap's states", () => {
    const e = revert("InferenceMarketplace", "MarketUnexpectedState", [1n, 2, encodeStates(3)]);
    expect(describeRevert(e, ctx)).to.equal("MarketUnexpectedState: job 1 is Revealing, needs Awarding");
    const d = revert("DisputeManager", "DisputeUnexpectedState", ["0x" + "ab".repeat(32), 1, encodeStates(2, 3, 4)]);
    expect(describeRevert(d, ctx)).to.equal(
      `DisputeUnexpectedState: dispute 0x${"ab".repeat(32)} is Commit, needs Reveal, Tally or Decided`,
    );
    const c = revert("PaymentChannels", "ChannelUnexpectedState", [4n, 5, encodeStates(1)]);
    expect(describeRevert(c, ctx)).to.equal("ChannelUnexpectedState: channel 4 is Closed, needs Open");
  });

  it("the kit's own state errors (governor proposals, slash cases, grants) are named too", () => {
    const g = revert("EconomyGovernor", "GovernorUnexpectedProposalState", [5n, 1, encodeStates(4, 5)]);
    expect(describeRevert(g, ctx)).to.equal(
      "GovernorUnexpectedProposalState: proposal 5 is Active, needs Succeeded or Queued",
    );
    const t = revert("Treasury", "TreasuryUnexpectedGrantState", [2n, 2, encodeStates(0)]);
    expect(describeRevert(t, ctx)).to.equal("TreasuryUnexpectedGrantState: grant 2 is Revoked, needs Vesting");
  });

  it("times read as ISO dates relative to chain time, amounts with the token symbol", () => {
    const s = revert("ProviderStaking", "StakingStillUnbonding", [ALICE, 0n, NOW, NOW + 3_540n]);
    expect(describeRevert(s, ctx)).to.equal(
      `StakingStillUnbonding(account ${ALICE}, index 0, nowTime 2026-12-02T10:15:00Z (now), unlockAt 2026-12-02T11:14:00Z (in 59 min))`,
    );
    const b = revert("QuivToken", "ERC20InsufficientBalance", [ALICE, 15n * 10n ** 17n, 10n * Q]);
    expect(describeRevert(b, ctx)).to.equal(
      `ERC20InsufficientBalance(sender ${ALICE}, balance 1.5 QUIV, needed 10 QUIV)`,
    );
    const p = revert("InferenceMarketplace", "MarketFeesTooHigh", [3n, 1_200n, 1_000n]);
    expect(describeRevert(p, ctx)).to.equal("MarketFeesTooHigh(jobId 3, totalFeeBps 1200 bps, maxFeeBps 1000 bps)");
  });

  it("amounts of another token stay in base units; without a symbol amounts stay raw", () => {
    const other = revert("Treasury", "TreasuryInsufficientSpendable", [OTHER_TOKEN, 5n * Q, Q]);
    expect(describeRevert(other, ctx)).to.equal(
      `TreasuryInsufficientSpendable(token ${OTHER_TOKEN}, amount ${5n * Q}, spendable ${Q})`,
    );
    const own = revert("Treasury", "TreasuryInsufficientSpendable", [QUIV_TOKEN, 5n * Q, Q]);
    expect(describeRevert(own, ctx)).to.equal(
      `TreasuryInsufficientSpendable(token ${QUIV_TOKEN}, amount 5 QUIV, spendable 1 QUIV)`,
    );
    const b = revert("QuivToken", "ERC20InsufficientBalance", [ALICE, 1n, 2n]);
    expect(describeRevert(b)).to.equal(`ERC20InsufficientBalance(sender ${ALICE}, balance 1, needed 2)`);
  });

  it("an undecoded revert has no description", () => {
    expect(describeRevert(decodeRevertData("0xdeadbeef"))).to.equal(undefined);
  });
});
