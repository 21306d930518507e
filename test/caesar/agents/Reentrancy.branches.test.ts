import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { id } from "ethers";
import { agentsDefaults, agentsFactory } from "./fixtures";
import type { CaesarAgents, CallbackCaesarToken } from "../../../typechain-types";

async function deployHostile() {
  const f = await agentsDefaults();
  const hostile = (await ethers.deployContract("CallbackCaesarToken", [
    f.reserve.address,
  ])) as unknown as CallbackCaesarToken;
  const agents = (await (
    await agentsFactory()
  ).deploy(await hostile.getAddress(), await f.registry.getAddress(), f.admin.address)) as unknown as CaesarAgents;
  // The hook calls from the token's address: give it the slasher role so the guard, not the role, answers.
  await agents.connect(f.admin).grantRole(id("SLASHER_ROLE"), await hostile.getAddress());
  await hostile.mint(f.alice.address, 10n ** 24n);
  await hostile.connect(f.alice).approve(await agents.getAddress(), ethers.MaxUint256);
  const minimum = await f.registry.get(id("caesar.agents.minStake"));
  return { ...f, hostile, hAgents: agents, minimum };
}

describe("CaesarAgents: re-entry through a hostile token", () => {
  it("every guarded entry point refuses a call from inside the stake transfer; the outer call completes", async () => {
    const f = await loadFixture(deployHostile);
    const a = f.hAgents;
    const reentrant = a.interface.getError("ReentrancyGuardReentrantCall")!.selector;
    const payloads = [
      a.interface.encodeFunctionData("register", [1, "x", f.minimum]),
      a.interface.encodeFunctionData("addStake", [1n]),
      a.interface.encodeFunctionData("unbond", [1n]),
      a.interface.encodeFunctionData("exit"),
      a.interface.encodeFunctionData("withdraw", [0n]),
      a.interface.encodeFunctionData("slash", [f.alice.address, 1n, ethers.ZeroHash]),
    ];
    await f.hostile.arm(await a.getAddress(), payloads[0]);
    await expect(a.connect(f.alice).register(7, "https://hostile.example", f.minimum))
      .to.emit(a, "AgentStaked")
      .withArgs(f.alice.address, f.minimum, f.minimum);
    expect(await f.hostile.lastCallSucceeded()).to.equal(false);
    expect(await f.hostile.lastReturnData()).to.equal(reentrant);
    for (const payload of payloads.slice(1)) {
      await f.hostile.arm(await a.getAddress(), payload);
      await expect(a.connect(f.alice).addStake(3n)).to.emit(a, "AgentStaked").withArgs(f.alice.address, 3n, 3n);
      expect(await f.hostile.lastCallSucceeded()).to.equal(false);
      expect(await f.hostile.lastReturnData()).to.equal(reentrant);
    }
    expect(await f.hostile.attacks()).to.equal(6n);
    expect((await a.agentOf(f.alice.address))[3]).to.equal(f.minimum + 15n);
    expect((await a.unbondingsOf(f.alice.address)).length).to.equal(0);
  });
});
