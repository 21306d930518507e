import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { AGENT_STAKE, CAESAR, DAY, KIND, agentsDefaults, agentsFactory } from "./fixtures";
import type { CaesarAgents } from "../../../typechain-types";
import { WAD } from "../../../sdk/caesar/core/demurrage";

describe("CaesarAgents", () => {
  it("registers an agent with a stake in base units, a region and an endpoint", async () => {
    const { agents, token, others } = await loadFixture(agentsDefaults);
    const [agent] = others;
    await token.connect(agent).approve(await agents.getAddress(), ethers.MaxUint256);
    // A stranger without CAESAR cannot stake.
    await expect(agents.connect(agent).register(7, "https://x", AGENT_STAKE)).to.be.revertedWithCustomError(
      token,
      "ERC20InsufficientBalance",
    );
    const f = await loadFixture(agentsDefaults);
    const [registered, region, endpoint, base, worth] = await f.agents.agentOf(f.agent1.address);
    expect([registered, region, endpoint]).to.deep.equal([true, 1n, "https://agent1.example"]);
    // Same day as genesis: index 1.0, so base units equal wei.
    expect(base).to.equal(AGENT_STAKE);
    expect(worth).to.equal(AGENT_STAKE);
    expect(await f.agents.activeAgent(f.agent1.address)).to.deep.equal([true, 1n]);
    expect(await f.token.kindOf(await f.agents.getAddress())).to.equal(KIND.FeeFree);
  });

  it("emits the registration and stake events; refuses a second registration and a stake below the minimum", async () => {
    const { agents, token, alice, agent1 } = await loadFixture(agentsDefaults);
    await token.connect(alice).approve(await agents.getAddress(), ethers.MaxUint256);
    await expect(agents.connect(alice).register(3, "wss://a", 9_999n * CAESAR))
      .to.be.revertedWithCustomError(agents, "CaesarAgentsStakeTooLow")
      .withArgs(alice.address, 9_999n * CAESAR, 10_000n * CAESAR);
    await expect(agents.connect(alice).register(3, "wss://a", 10_000n * CAESAR))
      .to.emit(agents, "AgentRegistered")
      .withArgs(alice.address, 3n, "wss://a")
      .and.to.emit(agents, "AgentStaked")
      .withArgs(alice.address, 10_000n * CAESAR, 10_000n * CAESAR);
    await expect(agents.connect(agent1).register(1, "x", CAESAR))
      .to.be.revertedWithCustomError(agents, "CaesarAgentsAlreadyRegistered")
      .withArgs(agent1.address);
    await expect(agents.connect(alice).register(1, "x".repeat(257), CAESAR))
      .to.be.revertedWithCustomError(agents, "CaesarAgentsAlreadyRegistered")
      .withArgs(alice.address);
    await expect(agents.connect(alice).setProfile(4, "x".repeat(257)))
      .to.be.revertedWithCustomError(agents, "CaesarAgentsEndpointTooLong")
      .withArgs(257n, 256n);
    await expect(agents.connect(alice).setProfile(4, "wss://b"))
      .to.emit(agents, "AgentProfileChanged")
      .withArgs(alice.address, 4n, "wss://b");
  });

  it("takes stakes only while the registry is FeeFree (an exempt registry would escape demurrage)", async () => {
    const { token, registry, admin, alice } = await loadFixture(agentsDefaults);
    const factory = await agentsFactory();
    const deployed = await factory.deploy(await token.getAddress(), await registry.getAddress(), admin.address);
    const fresh = deployed as unknown as CaesarAgents;
    await token.connect(alice).approve(await fresh.getAddress(), ethers.MaxUint256);
    await expect(fresh.connect(alice).register(1, "x", 10_000n * CAESAR))
      .to.be.revertedWithCustomError(fresh, "CaesarAgentsNotFeeFree")
      .withArgs(KIND.Decaying);
    await token.setKind(await fresh.getAddress(), KIND.Exempt);
    await expect(fresh.connect(alice).register(1, "x", 10_000n * CAESAR))
      .to.be.revertedWithCustomError(fresh, "CaesarAgentsNotFeeFree")
      .withArgs(KIND.Exempt);
  });

  it("lets stakes decay like balances: after 30 days a stake is worth base x index, and so is its withdrawal", async () => {
    const { agents, token, agent1, agent2 } = await loadFixture(agentsDefaults);
    await time.increase(30 * DAY);
    const index = await token.index();
    expect(index < WAD).to.equal(true);
    const [, , , base, worth] = await agents.agentOf(agent1.address);
    expect(worth).to.equal((base * index) / WAD);
    expect(await agents.activeAgent(agent1.address)).to.deep.equal([true, 1n]);
    const exit = await agents.connect(agent1).exit();
    // The unlock time is the exit block's timestamp + 7 days (read from the block: under solidity-coverage a block
    // may share the previous one's timestamp).
    const exitedAt = BigInt((await ethers.provider.getBlock((await exit.wait())!.blockNumber))!.timestamp);
    await expect(exit)
      .to.emit(agents, "AgentUnbonding")
      .withArgs(agent1.address, 0n, base, exitedAt + 7n * BigInt(DAY));
    expect(await agents.activeAgent(agent1.address)).to.deep.equal([false, 1n]);
    await expect(agents.connect(agent1).withdraw(0n)).to.be.revertedWithCustomError(
      agents,
      "CaesarAgentsStillUnbonding",
    );
    await expect(agents.connect(agent1).withdraw(1n))
      .to.be.revertedWithCustomError(agents, "CaesarAgentsUnknownUnbonding")
      .withArgs(agent1.address, 1n, 1n);
    await time.increase(7 * DAY);
    const before = await token.balanceOf(agent1.address);
    const idx = await token.index();
    const expected = (base * idx) / WAD; // the FeeFree registry pays no fee; the agent's credit rounds down <= 1 wei
    const { net } = await token.quoteTransfer(await agents.getAddress(), agent1.address, expected);
    await expect(agents.connect(agent1).withdraw(0n))
      .to.emit(agents, "AgentWithdrawn")
      .withArgs(agent1.address, base, expected);
    expect(await token.balanceOf(agent1.address)).to.equal(before + net);
    // The registry's base units still cover the other agent's stake (a withdrawal debits at most its base units).
    expect(await token.baseOf(await agents.getAddress())).to.be.greaterThanOrEqual(
      (await agents.agentOf(agent2.address))[3],
    );
  });

  it("lets governance slash bonded and unbonding stake pro rata, paying the reserve", async () => {
    const { agents, token, admin, reserve, agent1 } = await loadFixture(agentsDefaults);
    await agents.connect(agent1).unbond(AGENT_STAKE / 4n); // 5,000 unbonding, 15,000 bonded
    const evidence = ethers.id("forged authorization 0x01");
    const r0 = await token.balanceOf(reserve.address);
    const slash = 8_000n * CAESAR;
    await expect(agents.connect(admin).slash(agent1.address, slash, evidence))
      .to.emit(agents, "AgentSlashed")
      .withArgs(agent1.address, slash, slash, evidence);
    expect(await token.balanceOf(reserve.address)).to.equal(r0 + slash);
    const [, , , bonded] = await agents.agentOf(agent1.address);
    // bonded part ceil(8,000 x 15/20) = 6,000; the unbonding entry keeps 3,000 (less segment rounding)
    expect(bonded).to.equal(9_000n * CAESAR);
    expect(await agents.activeAgent(agent1.address)).to.deep.equal([false, 1n]);
    await time.increase(7 * DAY);
    const index = await token.index(); // the same day as the withdrawal below
    await expect(agents.connect(agent1).withdraw(0n))
      .to.emit(agents, "AgentWithdrawn")
      .withArgs(agent1.address, 3_000n * CAESAR, (3_000n * CAESAR * index) / WAD);
    // Capped at what the agent has.
    await expect(agents.connect(admin).slash(agent1.address, AGENT_STAKE, evidence))
      .to.emit(agents, "AgentSlashed")
      .withArgs(agent1.address, 9_000n * CAESAR, (9_000n * CAESAR * (await token.index())) / WAD, evidence);
    await expect(agents.connect(agent1).slash(agent1.address, 1n, evidence))
      .to.be.revertedWithCustomError(agents, "AccessControlUnauthorizedAccount")
      .withArgs(agent1.address, await agents.SLASHER_ROLE());
  });

  it("tops up a stake, and refuses zero amounts and unregistered callers", async () => {
    const { agents, agent1, alice } = await loadFixture(agentsDefaults);
    await expect(agents.connect(agent1).addStake(5n * CAESAR))
      .to.emit(agents, "AgentStaked")
      .withArgs(agent1.address, 5n * CAESAR, 5n * CAESAR);
    await expect(agents.connect(agent1).addStake(0n)).to.be.revertedWithCustomError(agents, "StakingZeroAmount");
    await expect(agents.connect(agent1).unbond(0n)).to.be.revertedWithCustomError(agents, "StakingZeroAmount");
    await expect(agents.connect(alice).addStake(1n))
      .to.be.revertedWithCustomError(agents, "CaesarAgentsNotRegistered")
      .withArgs(alice.address);
    await expect(agents.connect(alice).unbond(1n))
      .to.be.revertedWithCustomError(agents, "CaesarAgentsNotRegistered")
      .withArgs(alice.address);
  });
});
