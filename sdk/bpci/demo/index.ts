/**
 * BPCI's story for `npm run demo` (`BPCI_PRESET.demoSteps`): the genesis, an FLX rebase, an AUR mint refused by the
 * reserve guard and one accepted, a miner registering during the NEX bootstrap, jobs of several types paid in wFLX
 * with the 1% fee legs to the wei, an epoch's NEX issuance at its Phi and the claim, the locked reserve vesting, and
 * a day's usage billed through the billing meter, and a price deviation that opens the stability monitor's fast path
 * and then halts NEX and AUR minting (not redemptions).
 * Each step uses only the SDK on a fresh deployment of the preset (sdk/kit/demo.ts); a step reads what earlier
 * steps left on chain.
 *
 * Accounts (deploy/parameters/bpci.localhost.json): #0 the deployer, #1 the AUR issuer and owner-salary recipient,
 * #2 alice (10,000 GEN, 5M FLX), #3 bob (the same), #4 a miner.
 */
import { formatAmount, parseAmount } from "../../kit/core";
import { send } from "../../kit/tx";
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
} from "../tx";
import { readStability } from "../chain/stability";
import { feeLegs, POE_JOB_TYPES } from "../core/poe";
import { buildBillingTree, type UsageRecord } from "../core/billing";
import { parameterKey } from "../core/parameters";
import { WFLX_DECIMALS as WFLX } from "../core/units";
const DAY = 86_400n;

interface BpciDemo {
  readonly b: BpciContracts;
  readonly issuer: DemoAccount;
  readonly alice: DemoAccount;
  readonly miner: DemoAccount;
  readonly ctx: DemoContext;
}

function demo(ctx: DemoContext): BpciDemo {
  const [, issuer, alice, , miner] = ctx.accounts;
  return { b: connectBpci(ctx.book, ctx.provider), issuer, alice, miner, ctx };
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
