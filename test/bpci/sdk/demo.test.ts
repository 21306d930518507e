import { parameterKey } from "../../../sdk/bpci/core/parameters";
import { expect } from "chai";
import { deployBpciPreset } from "../fixtures/preset";
import { BPCI_PRESET } from "../../../sdk/bpci/preset";
import { findPreset, listPresets } from "../../../sdk/presets";
import { runDemoSteps } from "../../helpers/demo";
import { formatAmount } from "../../../sdk/kit/core";
import { WFLX_DECIMALS } from "../../../sdk/bpci/core/units";
import { TOKEN } from "../../helpers/units";

describe("BPCI preset descriptor and demo steps", () => {
  it("is registered (after QUIVer) with its ids, parameters files, catalogue and devnet hints", () => {
    expect(listPresets().map((p) => p.name)).to.include.members(["quiver", "bpci"]);
    expect(findPreset("bpci")).to.equal(BPCI_PRESET);
    expect(BPCI_PRESET.parameters).to.deep.equal({
      localhost: "deploy/parameters/bpci.localhost.json",
      sepolia: "deploy/parameters/bpci.sepolia.json",
    });
    expect(BPCI_PRESET.devnetHints!("--rpc-url http://x ").join("\n")).to.contain("bpci status");
  });

  it("runs every demo step on a fresh deployment: rebase, AUR refused then accepted, jobs with SDK-checked legs, issuance and claim, vesting, billing, the mesh minimum lowered by governance, the bank mesh, stability", async () => {
    const f = await deployBpciPreset();
    const lines = await runDemoSteps(BPCI_PRESET, f.book, f.signers);
    const text = lines.join("\n");
    expect(BPCI_PRESET.demoSteps).to.have.length(12);
    // Governance lowers the mesh's minimum stake to its 1 NEX floor (the miner's ~11.4 NEX is all the NEX there is).
    expect(text).to.contain("alice proposes bpci.mesh.minStake 1000 -> 1 NEX (EconomicParameter): Pending");
    expect(text).to.match(/alice and bob vote for with their GEN at 10x: 199995 for, 0 against, quorum [1-9]/);
    expect(text).to.contain("(the 2-day EconomicParameter delay)");
    expect(text).to.contain("Executed: bpci.mesh.minStake = 1 NEX");
    expect(await f.registry.get(parameterKey("bpci.mesh.minStake"))).to.equal(TOKEN);
    // The bank mesh: two banks on the miner's NEX, a 1.5 NEX loan at 500 bps for 30 days repaid to the wei
    // (1.5e18 x 500 x 30 d / (10,000 x 365 d) = 6,164,383,561,643,835.6 wei of interest, rounded up).
    expect(text).to.contain("Bank A joins staking 2 NEX, Bank B 4 NEX (minimum 1): 2 banks");
    expect(text).to.contain("an hour without a heartbeat: Bank A Inactive; after both heartbeat: Active, Active");
    expect(text).to.contain("Bank B offers it at 500 bps: offer 1, the mesh escrows 1500000000000000000 wei NEX");
    expect(text).to.contain(
      "Bank A accepts: loan 1, 1500000000000000000 wei paid out of the escrow (left 0), 1506164383561643836 wei due at",
    );
    expect(text).to.contain(
      "Bank A repays 1506164383561643836 wei = principal 1500000000000000000 + interest 6164383561643836; Bank B received 1506164383561643836; loan Repaid (SDK agrees)",
    );
    expect(text).to.contain(
      "Bank B confirms: Confirmed, 250000000000000000 wei NEX received; Bank A's reputation 5110",
    );
    expect(text).to.contain("approves with 4 NEX: Active, 0.02 NEX short");
    expect(text).to.contain("Bank A approves with 2 NEX: 6 of 6 NEX, Passed");
    const [bankA, bankB] = [f.signers[10].address, f.signers[11].address];
    expect(await f.mesh.loanState(1n)).to.equal(3n); // Repaid
    expect(await f.mesh.settlementState(1n)).to.equal(3n); // Confirmed
    expect(await f.mesh.proposalState(1n)).to.equal(4n); // Executed
    expect(await f.mesh.escrowed(await f.nex.getAddress())).to.equal(0n);
    // The default: 1 NEX at 500 bps for 1 day, due 1 NEX + ceil(1e18 x 500 / 3,650,000) = 136,986,301,369,864 wei,
    // never repaid, claimed whole from bank A's 2 NEX stake; the second settlement refunded after its timeout.
    expect(text).to.contain(
      "Bank A borrows 1000000000000000000 wei NEX for 1 day at 500 bps (loan 2, 1000136986301369864 wei due) and does not repay",
    );
    expect(text).to.contain(
      "Bank B claims: shortfall 1000136986301369864 wei, 1000136986301369864 wei taken from Bank A's stake (2 -> 0.999863013698630136 NEX)",
    );
    expect(text).to.match(/Bank A's reputation 5110 -> \d+ bps \(exact\)/);
    expect(text).to.contain("Bank A (Inactive: its stake is under the minimum) cannot open positions");
    expect(text).to.contain("refunds it: Refunded, Bank B got back 100000000000000000 wei; escrow 0");
    expect(await f.mesh.loanState(2n)).to.equal(4n); // Claimed
    expect(await f.mesh.settlementState(2n)).to.equal(4n); // Refunded
    expect(await f.mesh.stakeOf(bankA)).to.equal(2n * TOKEN - 1_000_136_986_301_369_864n);
    expect(await f.mesh.stakeOf(bankB)).to.equal(4n * TOKEN);
    // A: 3 - 2 staked + 1.5 borrowed - 1.506164383561643836 repaid - 0.25 settled + 1 borrowed;
    // B: 6 - 4 - 1.5 + 1.506164383561643836 + 0.25 - 1 lent + 1.000136986301369864 claimed (the refund nets 0).
    expect(await f.nex.balanceOf(bankA)).to.equal(1_743_835_616_438_356_164n);
    expect(await f.nex.balanceOf(bankB)).to.equal(2_256_301_369_863_013_700n);
    // The stability step: the fast path opens at 15%, the halt at 30%; AUR minting refused, redemption accepted.
    expect(text).to.contain("FLX at 1.15: deviation 15%, level Intervention");
    expect(text).to.contain("FLX at 0.70: deviation 30%, level Emergency; minting halted");
    expect(text).to.contain("AUR mint refused: ");
    expect(text).to.contain("AurMintingHalted");
    expect(text).to.match(/alice still redeems 1 AUR \(redemption \d+\)/);
    expect(await f.registry.get(parameterKey("bpci.stability.mintHalted"))).to.equal(1n);
    // The billing step: 5 records, 0.5 GEN and 150 FLX ($45) paid, a record verified on-chain.
    expect(text).to.contain("operator committed settlement 1: 5 records");
    expect(text).to.contain("alice paid 0.5 GEN and 150 FLX ($45); the treasury's FLX rose by 150");
    expect(text).to.contain("record 2 in settlement 1: verified with a 2-hash proof");
    const s = await f.billing.getSettlement(1n);
    expect(s.paidAt).to.be.greaterThan(0n);
    expect(text).to.contain("refused: ");
    expect(text).to.contain("AurReservesInsufficient");
    expect(text).to.contain("accepted: 1,000 AUR");
    expect(text.match(/SDK agrees/g)).to.have.length(4);
    expect(text).to.match(/miner claimed [1-9]/);
    expect(text).to.match(/released [1-9]/);
    // Every NEX is an epoch's issuance, all of it claimed by the demo's one miner, as its log says.
    const closed = await f.mining.queryFilter(f.mining.filters.EpochClosed());
    const issued = closed.reduce((s, e) => s + e.args.issued, 0n);
    const claims = await f.mining.queryFilter(f.mining.filters.IssuanceClaimed());
    expect(claims.map((e) => e.args.amount)).to.deep.equal(
      closed.filter((e) => e.args.issued > 0n).map((e) => e.args.issued),
    );
    expect(await f.nex.totalSupply()).to.equal(issued);
    // The banks' NEX moved by transfers only: the miner, the two banks and the mesh's bonded stake hold it all.
    const held = await Promise.all([f.signers[4], f.signers[10], f.signers[11]].map((s) => f.nex.balanceOf(s.address)));
    expect(held.reduce((s, x) => s + x, await f.nex.balanceOf(await f.mesh.getAddress()))).to.equal(issued);
    for (const c of claims) expect(text).to.contain(`miner claimed ${formatAmount(c.args.amount)} NEX`);
    // The last release is the vesting step's (the earlier ones are the vested parts paid as jobs merged lines).
    const released = (await f.mining.queryFilter(f.mining.filters.ReserveReleased())).at(-1)!;
    expect(text).to.contain(`released ${formatAmount(released.args.amount, WFLX_DECIMALS)} (`);
  });
});
