import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { id } from "ethers";
import { deployBpciMining, EPOCH, SALARY_PERIOD } from "../fixtures/mining";
import { findBpciParameter } from "../../../sdk/bpci/core";
import type { CallbackToken, MinerStaking, PoeMining } from "../../../typechain-types";

/**
 * A hostile payment (or staked) token that calls back into the contract during its transfer: every external
 * entry point behind nonReentrant must refuse the re-entry with ReentrancyGuardReentrantCall.
 */
const TIMEOUT = findBpciParameter("bpci.poe.jobTimeout")!.value;
const MIN_STAKE = findBpciParameter("bpci.poe.minStake")!.value;

async function deployHostile() {
  const f = await deployBpciMining();
  const hostile = (await ethers.deployContract("CallbackToken")) as unknown as CallbackToken;
  const h = await hostile.getAddress();
  const mining = (await ethers.deployContract("PoeMining", [
    f.admin.address,
    await f.registry.getAddress(),
    await f.staking.getAddress(),
    await f.nex.getAddress(),
    h,
    await f.aur.getAddress(),
    f.treasury.address,
    f.owner.address,
    [await f.liquidityFeed.getAddress(), await f.uptimeFeed.getAddress(), await f.qualityFeed.getAddress()],
    EPOCH,
    SALARY_PERIOD,
  ])) as unknown as PoeMining;
  // The hook calls from the token's address: give it the slasher role so the guard, not the role, answers.
  await mining.connect(f.admin).grantRole(id("SLASHER_ROLE"), h);
  await hostile.mint(f.requesters[0].address, 10n ** 24n);
  await hostile.connect(f.requesters[0]).approve(await mining.getAddress(), ethers.MaxUint256);
  const libraries: Record<string, string> = {};
  for (const name of ["UnbondingSegments", "RewardDrip"])
    libraries[name] = await (await ethers.deployContract(name)).getAddress();
  const staking = (await (
    await ethers.getContractFactory("MinerStaking", { libraries })
  ).deploy(h, await f.registry.getAddress())) as unknown as MinerStaking;
  await hostile.mint(f.stranger.address, 10n ** 24n);
  await hostile.connect(f.stranger).approve(await staking.getAddress(), ethers.MaxUint256);
  return { ...f, hostile, h, hMining: mining, hStaking: staking };
}

describe("PoeMining and MinerStaking: re-entry through a hostile token", () => {
  it("every PoeMining entry point behind the guard refuses a call from inside a transfer", async () => {
    const f = await loadFixture(deployHostile);
    const m = f.hMining;
    const miner = f.miners[0].address;
    const reentrant = m.interface.getError("ReentrancyGuardReentrantCall")!.selector;
    const payloads = [
      m.interface.encodeFunctionData("submitJob", [miner, 0, f.h, 1n]),
      m.interface.encodeFunctionData("confirmJob", [1n]),
      m.interface.encodeFunctionData("refundJob", [1n]),
      m.interface.encodeFunctionData("releaseReserve", [f.h]),
      m.interface.encodeFunctionData("slashReserve", [miner, f.h, 0n]),
      m.interface.encodeFunctionData("claimOwnerSalary", [f.h]),
      m.interface.encodeFunctionData("flushTreasury", [f.h]),
      m.interface.encodeFunctionData("closeEpoch"),
      m.interface.encodeFunctionData("claimIssuance", [0n]),
    ];
    for (const [i, payload] of payloads.entries()) {
      await f.hostile.arm(await m.getAddress(), payload);
      const t = BigInt(await time.latest()) + 1n;
      await time.setNextBlockTimestamp(t);
      // The outer call (the transferFrom of submitJob) goes through; the inner one was refused.
      await expect(m.connect(f.requesters[0]).submitJob(miner, 0, f.h, 1_000n))
        .to.emit(m, "JobSubmitted")
        .withArgs(BigInt(i + 1), f.requesters[0].address, miner, 0, f.h, 1_000n, 10n, t + TIMEOUT);
      expect(await f.hostile.lastCallSucceeded()).to.equal(false);
      expect(await f.hostile.lastReturnData()).to.equal(reentrant);
    }
    expect(await f.hostile.attacks()).to.equal(9n);
    expect(await m.obligations(f.h)).to.deep.equal([9n * 1_010n, 0n, 0n, 0n]);
  });

  it("every MinerStaking entry point behind the guard refuses a call from inside a transfer", async () => {
    const f = await loadFixture(deployHostile);
    const s = f.hStaking;
    const reentrant = s.interface.getError("ReentrancyGuardReentrantCall")!.selector;
    const min = MIN_STAKE;
    const payloads = [
      s.interface.encodeFunctionData("registerMiner", [min]),
      s.interface.encodeFunctionData("stake", [1n]),
      s.interface.encodeFunctionData("unbond", [1n]),
      s.interface.encodeFunctionData("withdraw", [0n]),
    ];
    await f.hostile.arm(await s.getAddress(), payloads[0]);
    await expect(s.connect(f.stranger).registerMiner(min))
      .to.emit(s, "MinerRegistered")
      .withArgs(f.stranger.address, min);
    expect(await f.hostile.lastReturnData()).to.equal(reentrant);
    for (const payload of payloads.slice(1)) {
      await f.hostile.arm(await s.getAddress(), payload);
      await expect(s.connect(f.stranger).stake(5n)).to.emit(s, "MinerStaked");
      expect(await f.hostile.lastCallSucceeded()).to.equal(false);
      expect(await f.hostile.lastReturnData()).to.equal(reentrant);
    }
    expect(await s.stakeOf(f.stranger.address)).to.equal(min + 15n);
  });
});
