/**
 * BPCI's story for `npm run demo` (`BPCI_PRESET.demoSteps`): the genesis, an FLX rebase, an AUR mint refused by the
 * reserve guard and one accepted, a miner registering during the NEX bootstrap, jobs of several types paid in wFLX
 * with the 1% fee legs to the wei, an epoch's NEX issuance at its Phi and the claim, the locked reserve vesting, and
 * a day's usage billed through the billing meter, a governance proposal (governor and timelock) that lowers
 * `bpci.mesh.minStake` to the 1 NEX floor so that two banks can stake the miner's issued NEX, the bank mesh's story
 * (two banks join, heartbeat, bank A borrows from bank B through the escrow and repays principal + interest to the
 * wei, a settlement from A to B confirmed, a mesh proposal passed at the 67% stake rule), and a price deviation that
 * opens the stability monitor's fast path and then halts NEX and AUR minting (not redemptions).
 * Each step uses only the SDK on a fresh deployment of the preset (sdk/kit/demo.ts); a step reads what earlier
 * steps left on chain.
 *
 * Accounts (deploy/parameters/bpci.localhost.json): #0 the deployer, #1 the AUR issuer and owner-salary recipient,
 * #2 alice (10,000 GEN, 5M FLX), #3 bob (the same), #4 a miner, #10 bank A and #11 bank B (NEX from the miner).
 */
import { id as keccakText } from "ethers";
import { formatAmount, parseAmount } from "../../kit/core";
import {
  buildCastVote,
  buildDelegate,
  buildExecute,
  buildParameterSet,
  buildQueue,
  buildTransfer,
  proposalActions,
  propose,
  send,
} from "../../kit/tx";
import { findProposal, readProposal } from "../../kit/chain";
import type { DemoAccount, DemoContext } from "../../kit/demo";
import type { DemoStep } from "../../kit/preset";
import { toKitError } from "../../kit/chain/decoder";
import { connectBpci, type BpciContracts } from "../chain/contracts";
import { readBpciStatus } from "../chain/readers";
import {
  buildAurMint,
  buildFlxRebase,
  buildRegisterMiner,
  buildWrapFlx,
  claimIssuance,
  closeEpoch,
  commitBilling,
  payBilling,
  confirmJob,
  buildSetLocalFeed,
  buildStabilityCheck,
  redeemAur,
  releaseReserve,
  submitJob,
  acceptMeshOffer,
  buildMeshConfirm,
  buildMeshRefund,
  claimMeshLoan,
  voteMesh,
  executeMesh,
  heartbeatMesh,
  joinMesh,
  offerMeshLiquidity,
  openMeshSettlement,
  proposeMesh,
  repayMeshLoan,
  requestMeshLiquidity,
} from "../tx";
import { readStability } from "../chain/stability";
import { readMeshBank, readMeshProposal, readMeshSettlement } from "../chain/mesh";
import { meshDue } from "../core/mesh";
import { feeLegs, POE_JOB_TYPES } from "../core/poe";
import { buildBillingTree, type UsageRecord } from "../core/billing";
import { BPCI_PARAMETERS, parameterKey } from "../core/parameters";
import { WFLX_DECIMALS as WFLX } from "../core/units";
const DAY = 86_400n;

interface BpciDemo {
  readonly b: BpciContracts;
  readonly issuer: DemoAccount;
  readonly alice: DemoAccount;
  readonly bob: DemoAccount;
  readonly miner: DemoAccount;
  /** Two banks of the mesh (accounts #10 and #11), funded with NEX by the miner. */
  readonly bankA: DemoAccount;
  readonly bankB: DemoAccount;
  readonly ctx: DemoContext;
}

function demo(ctx: DemoContext): BpciDemo {
  const [, issuer, alice, bob, miner] = ctx.accounts;
  const [bankA, bankB] = [ctx.accounts[10], ctx.accounts[11]];
  return { b: connectBpci(ctx.book, ctx.provider), issuer, alice, bob, miner, bankA, bankB, ctx };
}

const param = (d: BpciDemo, name: string) => d.b.registry.get(parameterKey(name));

async function wait(d: BpciDemo, seconds: bigint): Promise<void> {
  await d.ctx.clock.increaseTo((await d.ctx.clock.latest()) + seconds);
}

function step(title: string, run: (d: BpciDemo) => Promise<void>): DemoStep {
  return { title, run: (ctx) => run(demo(ctx)) };
}

/** The BPCI demo steps, in order. */
export const BPCI_DEMO_STEPS: readonly DemoStep[] = [
  step("BPCI genesis: four tokens, no NEX before mining, the tier-weighted governor", async (d) => {
    const s = await readBpciStatus(d.b);
    d.ctx.log(
      `GEN ${formatAmount(s.supplies.gen)} (Treasury ${formatAmount(await d.b.gen.balanceOf(d.b.treasury.target as string))}), FLX ${formatAmount(s.supplies.flx)}, NEX ${formatAmount(s.supplies.nex)}, AUR ${formatAmount(s.supplies.aur)}`,
    );
    const sources = await d.b.governor.voteSources();
    d.ctx.log(
      `governor "${await d.b.governor.name()}": weights ${sources.map((x) => `${x.weightBps} bps`).join(", ")} (GEN, AUR, NEX, wFLX)`,
    );
    d.ctx.log(`bpci.poe.minStake = ${formatAmount(await param(d, "bpci.poe.minStake"))} NEX during the NEX bootstrap`);
  }),

  step("An FLX rebase by the usage feed: usage 1.02 -> every balance +2%", async (d) => {
    const before = await d.b.flx.balanceOf(d.alice.address);
    await (await d.b.feeds.usage.connect(d.issuer).updateAnswer(102_000_000n)).wait();
    await wait(d, DAY + 1n);
    await send(d.alice, buildFlxRebase(d.b.flx.target as string));
    await wait(d, 1n);
    const after = await d.b.flx.balanceOf(d.alice.address);
    d.ctx.log(
      `alice FLX ${formatAmount(before)} -> ${formatAmount(after)}; supply ${formatAmount(await d.b.flx.totalSupply())}`,
    );
  }),

  step(
    "AUR: a stale reserve feed halts minting; a mint beyond the reserve is refused, one within it accepted",
    async (d) => {
      const aur = d.b.aur.target as string;
      const refused = async (amount: bigint) => {
        try {
          await send(d.issuer, buildAurMint(aur, d.alice.address, amount));
        } catch (e) {
          return toKitError(e, "AurToken").message.split("\n")[0];
        }
        throw new Error("the reserve guard let a mint through");
      };
      d.ctx.log(`a day after the last proof of reserve: ${await refused(1n)}`);
      const [, answer] = await d.b.feeds.reserve.latestRoundData();
      await (await d.b.feeds.reserve.connect(d.issuer).updateAnswer(answer)).wait(); // the custodian's daily report
      const [, reserves, mintable] = await d.b.aur.maxMintable();
      d.ctx.log(
        `reserve feed ${formatAmount(reserves)} units, margin ${await param(d, "bpci.aur.marginBps")} bps: at most ${formatAmount(mintable)} AUR`,
      );
      d.ctx.log(`refused: ${await refused(mintable + 1n)}`);
      await send(d.issuer, buildAurMint(d.b.aur.target as string, d.alice.address, parseAmount("1000")));
      d.ctx.log(`accepted: 1,000 AUR to alice; supply ${formatAmount(await d.b.aur.totalSupply())}`);
    },
  ),

  step(
    "A miner registers with no stake (bootstrap); alice wraps FLX and pays jobs of three types in wFLX",
    async (d) => {
      await send(d.miner, buildRegisterMiner(d.b.minerStaking.target as string, 0n));
      const wflx = d.b.wflx.target as string;
      const assets = parseAmount("100000");
      await (await d.b.flx.connect(d.alice).approve(wflx, assets)).wait();
      await send(d.alice, buildWrapFlx(wflx, assets, d.alice.address));
      const [lock, spend, owner] = await Promise.all([
        param(d, "bpci.poe.lockShareBps"),
        param(d, "bpci.poe.spendShareBps"),
        param(d, "bpci.poe.ownerShareBps"),
      ]);
      for (const [type, value] of [
        [0, parseAmount("1234.567890123456789", WFLX)],
        [2, parseAmount("20000", WFLX)],
        [9, 99_999n],
      ] as const) {
        // The fee is quoted from the registry's bpci.poe.feeBps by submitJob (governance may have changed it).
        const s = await submitJob(d.alice, {
          mining: d.b.mining.target as string,
          registry: d.b.registry.target as string,
          miner: d.miner.address,
          jobType: type,
          token: wflx,
          value,
        });
        const fee = s.fee;
        const c = await confirmJob(d.miner, d.b.mining.target as string, s.jobId);
        const legs = feeLegs(fee, lock, spend, owner);
        const same =
          c.locked === legs.locked &&
          c.spendable === legs.spendable &&
          c.ownerSalary === legs.owner &&
          c.treasury === legs.treasury;
        d.ctx.log(
          `job ${s.jobId} ${POE_JOB_TYPES[type]}: value ${value} wei, fee ${fee} (${s.feeBps} bps) -> locked ${c.locked}, spendable ${c.spendable}, owner ${c.ownerSalary}, treasury ${c.treasury} (SDK ${same ? "agrees" : "DIFFERS"})`,
        );
        if (!same) throw new Error("fee legs differ from the SDK");
      }
    },
  ),

  step(
    "The epoch closes: Phi from volume and the feeds, its EMA, Gamma = Phi/(1+Phi), NEX issued and claimed",
    async (d) => {
      await wait(d, DAY);
      const mining = d.b.mining.target as string;
      // Epochs close in order (the EMA needs the previous one); the jobs ran in the last ended epoch.
      for (;;) {
        const [current, nextToClose] = await d.b.mining.epochStatus();
        if (nextToClose >= current) break;
        const e = await closeEpoch(d.miner, mining);
        if (e.work === 0n) {
          d.ctx.log(`epoch ${e.epoch}: no fee-paying work, nothing issued (EMA ${formatAmount(e.phiEma)})`);
          continue;
        }
        d.ctx.log(
          `epoch ${e.epoch}: Phi ${formatAmount(e.phiRaw)}, EMA ${formatAmount(e.phiEma)}, Gamma ${formatAmount(e.gamma)}`,
        );
        d.ctx.log(
          `issued ${formatAmount(e.issued)} NEX (at most maxNexPerWork x work), withheld ${formatAmount(e.withheld)} NEX`,
        );
        const c = await claimIssuance(d.miner, mining, e.epoch);
        d.ctx.log(`miner claimed ${formatAmount(c.amount)} NEX`);
      }
    },
  ),

  step("The locked reserve vests linearly: the miner releases what vested after 30 days", async (d) => {
    const wflx = d.b.wflx.target as string;
    await wait(d, 30n * DAY);
    const [locked, vestedNow, end] = await d.b.mining.reserveOf(d.miner.address, wflx);
    const { amount: got } = await releaseReserve(d.miner, d.b.mining.target as string, wflx);
    d.ctx.log(
      `locked ${formatAmount(locked, WFLX)} wFLX vesting until ${end}; released ${formatAmount(got, WFLX)} (view said ${formatAmount(vestedNow, WFLX)})`,
    );
  }),

  step(
    "Usage billing: a day's records as one Merkle root, the totals paid into the treasury, a record verified",
    async (d) => {
      const records: UsageRecord[] = [1, 2, 3, 4, 5].map((i) => ({
        user: d.alice.address,
        service: i % 10,
        resource: BigInt(1_000 * i),
        gen: parseAmount("0.1"),
        nex: 0n,
        flx: parseAmount(String(10 * i)),
        aur: 0n,
        usd: parseAmount(String(3 * i)),
      }));
      const tree = buildBillingTree(records);
      const { settlementId, payBy } = await commitBilling(
        d.issuer,
        d.b.billing.target as string,
        1n,
        tree,
        d.alice.address,
      );
      d.ctx.log(
        `operator committed settlement ${settlementId}: ${records.length} records, root ${tree.root.slice(0, 18)}..., due ${payBy}`,
      );
      const treasury = d.b.treasury.target as string;
      const before = await d.b.flx.balanceOf(treasury);
      const { totals } = await payBilling(d.alice, connectBpci(d.ctx.book, d.alice), settlementId);
      d.ctx.log(
        `alice paid ${formatAmount(totals.gen)} GEN and ${formatAmount(totals.flx)} FLX ($${formatAmount(totals.usd)}); the treasury's FLX rose by ${formatAmount((await d.b.flx.balanceOf(treasury)) - before)}`,
      );
      const ok = await d.b.billing.verify(settlementId, records[2], tree.proof(2));
      d.ctx.log(
        `record 2 in settlement ${settlementId}: ${ok ? "verified" : "NOT verified"} with a ${tree.proof(2).length}-hash proof`,
      );
    },
  ),

  step(
    "Governance lowers bpci.mesh.minStake from 1,000 NEX to its 1 NEX floor through the governor and the timelock: the demo's only NEX is the miner's issuance, far short of two banks' 1,000 NEX stakes",
    async (d) => {
      const name = "bpci.mesh.minStake";
      const governor = d.b.governor.target as string;
      const before = await param(d, name);
      const target = parseAmount("1"); // the registry's floor; one change of 999 NEX, within its 1,000 NEX step
      // GEN votes count once delegated: alice and bob (10,000 GEN each, 10x) delegate to themselves.
      for (const v of [d.alice, d.bob]) await send(v, buildDelegate(d.b.gen.target as string, v.address));
      await wait(d, 1n);
      const actions = proposalActions([
        buildParameterSet(d.b.registry.target as string, name, target, BPCI_PARAMETERS),
      ]);
      const { proposalId } = await propose(
        d.alice,
        governor,
        actions,
        `Lower ${name} from ${formatAmount(before)} to ${formatAmount(target)} NEX so that banks can stake issued NEX`,
        "EconomicParameter",
      );
      let p = await readProposal(d.b.governor, proposalId);
      d.ctx.log(
        `alice proposes ${name} ${formatAmount(before)} -> ${formatAmount(target)} NEX (${p.typeName}): ${p.stateName}, votes from ${p.snapshot}`,
      );
      await d.ctx.clock.increaseTo(p.snapshot + 1n);
      await send(d.alice, buildCastVote(governor, proposalId, "for", "banks stake what mining issued"));
      await send(d.bob, buildCastVote(governor, proposalId, "for"));
      p = await readProposal(d.b.governor, proposalId);
      d.ctx.log(
        `alice and bob vote for with their GEN at 10x: ${formatAmount(p.votes.for)} for, ${formatAmount(p.votes.against)} against, quorum ${formatAmount(p.quorum ?? 0n)}`,
      );
      await d.ctx.clock.increaseTo(p.deadline + 1n);
      const record = await findProposal(d.b.governor, proposalId);
      await send(d.bob, buildQueue(governor, record));
      p = await readProposal(d.b.governor, proposalId);
      const delay = p.eta - (await d.ctx.clock.latest());
      d.ctx.log(
        `${p.stateName} on the timelock, executable from ${p.eta} (the ${delay / DAY}-day EconomicParameter delay)`,
      );
      await d.ctx.clock.increaseTo(p.eta);
      await send(d.bob, buildExecute(governor, record));
      p = await readProposal(d.b.governor, proposalId);
      d.ctx.log(`${p.stateName}: ${name} = ${formatAmount(await param(d, name))} NEX`);
    },
  ),

  step(
    "The bank mesh: two banks join with the miner's NEX as stake and heartbeat; bank A borrows from bank B through the escrow and repays principal + interest to the wei",
    async (d) => {
      const nex = d.b.nex.target as string;
      const mesh = d.b.mesh.target as string;
      const [A, B] = [d.bankA, d.bankB];
      const balance = (who: DemoAccount) => d.b.nex.balanceOf(who.address);
      // Transfers only: every NEX is still the miner's claimed issuance.
      await send(d.miner, buildTransfer(nex, A.address, parseAmount("3")));
      await send(d.miner, buildTransfer(nex, B.address, parseAmount("6")));
      d.ctx.log(
        `the miner transfers 3 NEX to bank A (#10) and 6 NEX to bank B (#11), keeping ${formatAmount(await balance(d.miner))} NEX`,
      );
      const ja = await joinMesh(A, d.b, parseAmount("2"), "Bank A", "https://bank-a.example/mesh");
      const jb = await joinMesh(B, d.b, parseAmount("4"), "Bank B", "https://bank-b.example/mesh");
      d.ctx.log(
        `Bank A joins staking ${formatAmount(ja.stake)} NEX, Bank B ${formatAmount(jb.stake)} NEX (minimum ${formatAmount(await param(d, "bpci.mesh.minStake"))}): ${await d.b.mesh.bankCount()} banks`,
      );
      await wait(d, await param(d, "bpci.mesh.heartbeatPeriod"));
      const silent = await readMeshBank(d.b, A.address);
      for (const bank of [A, B]) await heartbeatMesh(bank, mesh);
      d.ctx.log(
        `an hour without a heartbeat: Bank A ${silent.status}; after both heartbeat: ${(await readMeshBank(d.b, A.address)).status}, ${(await readMeshBank(d.b, B.address)).status}`,
      );

      const amount = parseAmount("1.5");
      const rateBps = 500n;
      const duration = 30n * DAY;
      const r = await requestMeshLiquidity(A, d.b, { amount, maxRateBps: 800n, duration });
      d.ctx.log(`Bank A requests ${amount} wei NEX for 30 days at most 800 bps a year: request ${r.requestId}`);
      const o = await offerMeshLiquidity(B, d.b, { requestId: r.requestId, amount, rateBps });
      d.ctx.log(
        `Bank B offers it at ${rateBps} bps: offer ${o.offerId}, the mesh escrows ${await d.b.mesh.escrowed(nex)} wei NEX`,
      );
      const aBefore = await balance(A);
      const loan = await acceptMeshOffer(A, mesh, o.offerId);
      d.ctx.log(
        `Bank A accepts: loan ${loan.loanId}, ${(await balance(A)) - aBefore} wei paid out of the escrow (left ${await d.b.mesh.escrowed(nex)}), ${loan.due} wei due at ${loan.dueAt}`,
      );
      await wait(d, 10n * DAY);
      const sdkDue = meshDue(amount, rateBps, duration); // the SDK's mirror of MeshInterest (rounded up)
      const bBefore = await balance(B);
      const paid = await repayMeshLoan(A, d.b, loan.loanId);
      const received = (await balance(B)) - bBefore;
      const same = sdkDue === loan.due && paid.amount === sdkDue && received === sdkDue && paid.closed;
      d.ctx.log(
        `10 days on, Bank A repays ${paid.amount} wei = principal ${amount} + interest ${sdkDue - amount}; Bank B received ${received}; loan ${paid.closed ? "Repaid" : "open"} (SDK ${same ? "agrees" : "DIFFERS"})`,
      );
      if (!same) throw new Error("the mesh repayment differs from the SDK's interest mirror");
    },
  ),

  step(
    "Bank A settles with bank B through the mesh escrow; a mesh proposal passes only once 67% of the stake approves",
    async (d) => {
      const nex = d.b.nex.target as string;
      const mesh = d.b.mesh.target as string;
      const [A, B] = [d.bankA, d.bankB];
      await heartbeatMesh(A, mesh); // 10 days since the last one: Inactive banks cannot open settlements
      const amount = parseAmount("0.25");
      const s = await openMeshSettlement(A, mesh, {
        to: B.address,
        token: nex,
        amount,
        purposeHash: keccakText("Bank A -> Bank B: correspondent fees"),
      });
      d.ctx.log(
        `Bank A opens settlement ${s.settlementId}: ${amount} wei NEX to Bank B, escrowed ${await d.b.mesh.escrowed(nex)}, confirmable until ${s.deadline}`,
      );
      const bBefore = await d.b.nex.balanceOf(B.address);
      await send(B, buildMeshConfirm(mesh, s.settlementId));
      const st = await readMeshSettlement(d.b, s.settlementId);
      d.ctx.log(
        `Bank B confirms: ${st.state}, ${(await d.b.nex.balanceOf(B.address)) - bBefore} wei NEX received; Bank A's reputation ${(await readMeshBank(d.b, A.address)).reputation} bps (5,000 + 100 repaid + 10 settled)`,
      );

      const p = await proposeMesh(B, mesh, {
        kind: "ParameterChange",
        key: parameterKey("bpci.mesh.heartbeatPeriod"),
        value: DAY,
      });
      const vb = await voteMesh(B, mesh, p.proposalId, true);
      let v = await readMeshProposal(d.b, p.proposalId);
      d.ctx.log(
        `Bank B proposes bpci.mesh.heartbeatPeriod = 1 day (mesh proposal ${p.proposalId}, threshold ${v.thresholdBps} bps of ${formatAmount(p.totalStake)} NEX staked) and approves with ${formatAmount(vb.weight)} NEX: ${v.state}, ${formatAmount(v.needed)} NEX short`,
      );
      const va = await voteMesh(A, mesh, p.proposalId, true);
      v = await readMeshProposal(d.b, p.proposalId);
      d.ctx.log(
        `Bank A approves with ${formatAmount(va.weight)} NEX: ${formatAmount(v.approvals)} of ${formatAmount(v.totalStake)} NEX, ${v.state}`,
      );
      const e = await executeMesh(A, mesh, p.proposalId);
      d.ctx.log(
        `executed: the mesh records its ${e.outcome.kind} approval (${e.outcome.kind === "ParameterChange" ? e.outcome.value : "?"} s); the registry keeps ${await param(d, "bpci.mesh.heartbeatPeriod")} s until governance sets it`,
      );
    },
  ),

  step(
    "A loan defaults: bank B claims the shortfall from bank A's stake; a settlement left unconfirmed is refunded after its 30-minute timeout",
    async (d) => {
      const nex = d.b.nex.target as string;
      const mesh = d.b.mesh.target as string;
      const [A, B] = [d.bankA, d.bankB];
      for (const bank of [A, B]) await heartbeatMesh(bank, mesh);
      const amount = parseAmount("1");
      const rateBps = 500n;
      const r = await requestMeshLiquidity(A, d.b, { amount, maxRateBps: 800n, duration: DAY });
      const o = await offerMeshLiquidity(B, d.b, { requestId: r.requestId, amount, rateBps });
      const loan = await acceptMeshOffer(A, mesh, o.offerId);
      const due = meshDue(amount, rateBps, DAY);
      if (loan.due !== due) throw new Error(`loan due ${loan.due} != SDK ${due}`);
      const before = await readMeshBank(d.b, A.address);
      d.ctx.log(
        `Bank A borrows ${amount} wei NEX for 1 day at ${rateBps} bps (loan ${loan.loanId}, ${due} wei due) and does not repay`,
      );
      await wait(d, DAY + 1n);
      const bBefore = await d.b.nex.balanceOf(B.address);
      const c = await claimMeshLoan(B, mesh, loan.loanId);
      const after = await readMeshBank(d.b, A.address);
      const gained = (await d.b.nex.balanceOf(B.address)) - bBefore;
      const exact = c.shortfall === due && c.claimed === due && gained === due && before.stake - after.stake === due;
      d.ctx.log(
        `a day later the loan is Overdue; Bank B claims: shortfall ${c.shortfall} wei, ${c.claimed} wei taken from Bank A's stake ` +
          `(${formatAmount(before.stake)} -> ${formatAmount(after.stake)} NEX) and paid to Bank B; Bank A's reputation ` +
          `${before.reputation} -> ${after.reputation} bps (${exact ? "exact" : "DIFFERS"})`,
      );
      if (!exact) throw new Error("the default claim differs from the shortfall");

      // Bank A's stake is now under the 1 NEX minimum: it cannot open positions; Bank B opens the settlement.
      await heartbeatMesh(B, mesh);
      const s = await openMeshSettlement(B, mesh, {
        to: A.address,
        token: nex,
        amount: parseAmount("0.1"),
        purposeHash: keccakText("Bank B -> Bank A: never confirmed"),
      });
      await wait(d, await param(d, "bpci.mesh.settlementTimeout"));
      const bBack = await d.b.nex.balanceOf(B.address);
      await send(d.miner, buildMeshRefund(mesh, s.settlementId)); // anyone may refund after the timeout
      const st = await readMeshSettlement(d.b, s.settlementId);
      d.ctx.log(
        `Bank A (${after.status}: its stake is under the minimum) cannot open positions; Bank B opens settlement ` +
          `${s.settlementId} (0.1 NEX) to Bank A, who never confirms; 30 minutes later the miner refunds it: ${st.state}, ` +
          `Bank B got back ${(await d.b.nex.balanceOf(B.address)) - bBack} wei; escrow ${await d.b.mesh.escrowed(nex)}`,
      );
    },
  ),

  step(
    "Stability: FLX 15% above target opens the intervention fast path; 30% below halts NEX and AUR minting, not redemptions",
    async (d) => {
      const f = d.b.feeds;
      const monitor = d.b.stability.target as string;
      const publish = async (feed: { target: unknown }, answer: bigint) =>
        send(d.alice, buildSetLocalFeed(feed.target as string, answer));
      // The monitor's five local feeds answer 1.0 (8 decimals), refreshed after the month the story has run.
      for (const feed of [f.aurPrice, f.goldPrice, f.nexPrice, f.nexReference]) await publish(feed, 100_000_000n);
      await publish(f.flxPrice, 115_000_000n);
      await send(d.alice, buildStabilityCheck(monitor));
      let s = await readStability(d.b);
      d.ctx.log(
        `FLX at 1.15: deviation ${Number(s.readings[1].deviationBps) / 100}%, level ${s.level}: the council may queue pre-approved changes (6 h delay)`,
      );
      await publish(f.flxPrice, 70_000_000n);
      await send(d.alice, buildStabilityCheck(monitor));
      s = await readStability(d.b);
      d.ctx.log(
        `FLX at 0.70: deviation ${Number(s.readings[1].deviationBps) / 100}%, level ${s.level}; minting ${s.mintHalted ? "halted" : "open"}`,
      );
      try {
        await send(d.issuer, buildAurMint(d.b.aur.target as string, d.alice.address, parseAmount("1")));
        d.ctx.log("AUR mint accepted (unexpected)");
      } catch (e) {
        d.ctx.log(`AUR mint refused: ${toKitError(e).message.split("\n")[0]}`);
      }
      const r = await redeemAur(d.alice, d.b.aur.target as string, parseAmount("1"), parameterKey("demo-vault"));
      d.ctx.log(
        `alice still redeems ${formatAmount(r.amount)} AUR (redemption ${r.redemptionId}); governance resumes minting by setting bpci.stability.mintHalted to 0`,
      );
    },
  ),
];
