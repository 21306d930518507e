/**
 * Gas of the staking user operations with 10 and with 1,000 stakers in the pool (SECURITY-CHECKLIST
 * STK-10 / X-DOS-01: no loop over stakers, so the 1,000-staker figure must stay within 1.1x of the
 * 10-staker one), and of an emission epoch trigger. Delegators are seeded in batches of 40 through the
 * test-only StakerSwarm (one transaction per batch), so the whole file runs in seconds.
 */
import hre from "hardhat";
import EmissionModule from "../../deploy/quiver/modules/Emission";
import type {
  EmissionController,
  MockAggregatorV3,
  ProviderStaking,
  QuivToken,
  StakerSwarm,
} from "../../typechain-types";
import { gasOf, row, type BenchContext, type BenchRow, TOKEN as QUIV, DAY } from "./lib";
import { foundationGenesis } from "../../test/quiver/fixtures/foundation";

const BATCH = 40;

interface Measured {
  stake: bigint;
  delegate: bigint;
  unbond: bigint;
  withdraw: bigint;
  claim: bigint;
  openCase: bigint;
  finalize: bigint;
  trigger: bigint;
  triggerStale: bigint;
}

async function measure(stakers: number): Promise<Measured> {
  const { ethers, ignition, network } = hre;
  const [deployer, treasury, ecosystem, team, provider, user, newcomer, insurance, slasher, challenger] =
    await ethers.getSigners();
  const d = await ignition.deploy(EmissionModule, {
    parameters: {
      Foundation: foundationGenesis(treasury, ecosystem, team),
      Staking: { insuranceFund: insurance.address },
      Emission: { treasury: treasury.address, ecosystem: ecosystem.address },
    },
  });
  const quiv = d.quiv as unknown as QuivToken;
  const staking = d.staking as unknown as ProviderStaking;
  const emission = d.emission as unknown as EmissionController;
  const stakingAddr = await staking.getAddress();

  for (const s of [provider, user, newcomer]) {
    await quiv.connect(team).transfer(s.address, 100_000n * QUIV);
    await quiv.connect(s).approve(stakingAddr, ethers.MaxUint256);
  }
  await staking.connect(provider).registerProvider(1_000n);
  await staking.connect(provider).stake(10_000n * QUIV);
  await staking.connect(user).delegateStake(provider.address, 5_000n * QUIV);

  const swarm = (await (await ethers.getContractFactory("StakerSwarm")).deploy()) as unknown as StakerSwarm;
  await quiv.connect(team).transfer(await swarm.getAddress(), BigInt(stakers) * 10n * QUIV);
  for (let done = 0; done < stakers; done += BATCH) {
    const n = Math.min(BATCH, stakers - done);
    await swarm.seed(stakingAddr, await quiv.getAddress(), provider.address, n, 10n * QUIV);
  }
  // Steady state: a first reward settled by the measured accounts (so their reward slots are non-zero, as
  // in a live pool), then a second reward so that every measured operation settles a non-zero accrual.
  await quiv.connect(treasury).approve(stakingAddr, ethers.MaxUint256);
  await staking.connect(treasury).distributeRewards(1_000n * QUIV);
  await staking.connect(provider).stake(100n * QUIV);
  await staking.connect(user).claimRewards(provider.address);
  await staking.connect(provider).unbond(provider.address, 10n * QUIV); // the pool already has unbonding stake
  await staking.connect(treasury).distributeRewards(1_000n * QUIV);

  const m: Partial<Measured> = {};
  m.stake = await gasOf(staking.connect(provider).stake(100n * QUIV));
  m.delegate = await gasOf(staking.connect(newcomer).delegateStake(provider.address, 100n * QUIV));
  m.claim = await gasOf(staking.connect(user).claimRewards(provider.address));
  m.unbond = await gasOf(staking.connect(user).unbond(provider.address, 1_000n * QUIV));
  await network.provider.send("evm_increaseTime", [14 * DAY]);
  m.withdraw = await gasOf(staking.connect(user).withdraw(0n));
  // A slash case for an offence an hour ago (one unbonding before it, one after), proposed and finalized.
  await staking.connect(deployer).grantRole(await staking.SLASHER_ROLE(), slasher.address);
  await staking.connect(user).unbond(provider.address, 100n * QUIV);
  await network.provider.send("evm_increaseTime", [3_600]);
  await staking.connect(user).unbond(provider.address, 100n * QUIV);
  const block = await ethers.provider.getBlock("latest");
  m.openCase = await gasOf(staking.connect(slasher).openSlashCase(provider.address, block!.timestamp - 1_800));
  const caseId = 1n;
  await staking.connect(slasher).proposeSlash(caseId, 1_000n * QUIV, challenger.address);
  await network.provider.send("evm_increaseTime", [3 * DAY]);
  m.finalize = await gasOf(staking.finalizeSlash(caseId));
  // A fresh growth feed (1.0): the usual trigger; then 7 days later the feed is stale and the trigger falls back.
  await (d.growthFeed as unknown as MockAggregatorV3).updateAnswer(10n ** 8n);
  m.trigger = await gasOf(emission.connect(deployer).triggerEpoch());
  await network.provider.send("evm_increaseTime", [7 * DAY]);
  m.triggerStale = await gasOf(emission.connect(deployer).triggerEpoch());
  return m as Measured;
}

export default async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const t0 = Date.now();
  const small = await measure(10);
  const large = await measure(1_000);
  ctx.note(`staking bench: seeded 10 + 1,000 stakers and measured in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const ref = "same op, 10 stakers";
  const rows: BenchRow[] = [];
  const ops: [keyof Measured, string][] = [
    ["stake", "stake"],
    ["delegate", "delegate"],
    ["unbond", "unbond"],
    ["withdraw", "withdraw"],
    ["claim", "claim rewards"],
    ["openCase", "open slash case"],
    ["finalize", "finalize slash"],
  ];
  for (const [k, name] of ops) {
    rows.push(row(`${name} (10 stakers)`, small[k]));
    rows.push(row(`${name} (1000 stakers)`, large[k], ref, small[k], 1.1));
  }
  rows.push(row("emission epoch trigger", large.trigger));
  rows.push(row("emission epoch trigger (stale growth feed, 1.0 fallback)", large.triggerStale));
  return rows;
}
