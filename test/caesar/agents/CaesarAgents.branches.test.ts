import { expect } from "chai";
import { artifacts, ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { id, Interface } from "ethers";
import { AGENT_STAKE, DAY, agentsDefaults, agentsFactory } from "./fixtures";
import { WAD } from "../../../sdk/caesar/core/demurrage";

const EVIDENCE = id("evidence");

async function selectors(name: string): Promise<Set<string>> {
  const i = new Interface((await artifacts.readArtifact(name)).abi);
  const out = new Set<string>();
  i.forEachFunction((f) => out.add(f.selector));
  return out;
}

describe("CaesarAgents: construction and interfaces", () => {
  it("refuses a zero registry or a zero admin with StakingZeroAddress", async () => {
    const { token, registry, admin, agents } = await loadFixture(agentsDefaults);
    const factory = await agentsFactory();
    const t = await token.getAddress();
    const r = await registry.getAddress();
    await expect(factory.deploy(t, ethers.ZeroAddress, admin.address)).to.be.revertedWithCustomError(
      agents,
      "StakingZeroAddress",
    );
    await expect(factory.deploy(t, r, ethers.ZeroAddress)).to.be.revertedWithCustomError(agents, "StakingZeroAddress");
  });

  it("supports ICaesarAgents (its own functions), AccessControl and ERC-165, not others", async () => {
    const { agents } = await loadFixture(agentsDefaults);
    const inherited = await selectors("IStakingPools");
    let own = 0n;
    for (const s of await selectors("ICaesarAgents")) if (!inherited.has(s)) own ^= BigInt(s);
    const interfaceId = ethers.toBeHex(own, 4);
    expect(await agents.supportsInterface(interfaceId)).to.equal(true);
    expect(await agents.supportsInterface("0x7965db0b")).to.equal(true); // IAccessControl
    expect(await agents.supportsInterface("0x01ffc9a7")).to.equal(true); // IERC165
    expect(await agents.supportsInterface("0xffffffff")).to.equal(false);
  });
});

describe("CaesarAgents: callers and amounts it refuses", () => {
  it("setProfile and slash of an unregistered address revert CaesarAgentsNotRegistered; a zero slash or unbond StakingZeroAmount", async () => {
    const { agents, admin, agent1, alice } = await loadFixture(agentsDefaults);
    await expect(agents.connect(alice).setProfile(3, "https://x.example"))
      .to.be.revertedWithCustomError(agents, "CaesarAgentsNotRegistered")
      .withArgs(alice.address);
    await expect(agents.connect(admin).slash(alice.address, 1n, EVIDENCE))
      .to.be.revertedWithCustomError(agents, "CaesarAgentsNotRegistered")
      .withArgs(alice.address);
    await expect(agents.connect(admin).slash(agent1.address, 0n, EVIDENCE)).to.be.revertedWithCustomError(
      agents,
      "StakingZeroAmount",
    );
    await expect(agents.connect(agent1).unbond(0n)).to.be.revertedWithCustomError(agents, "StakingZeroAmount");
    await expect(agents.connect(alice).slash(agent1.address, 1n, EVIDENCE))
      .to.be.revertedWithCustomError(agents, "AccessControlUnauthorizedAccount")
      .withArgs(alice.address, id("SLASHER_ROLE"));
  });

  it("takes at most MAX_UNBONDINGS (16) unbondings, then CaesarAgentsTooManyUnbondings(agent, 16, 16)", async () => {
    const { agents, agent2 } = await loadFixture(agentsDefaults);
    const max = await agents.MAX_UNBONDINGS();
    for (let i = 0n; i < max; i++) {
      const t = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(t);
      await expect(agents.connect(agent2).unbond(1_000n))
        .to.emit(agents, "AgentUnbonding")
        .withArgs(agent2.address, i, 1_000n, t + 7 * DAY);
    }
    await expect(agents.connect(agent2).unbond(1_000n))
      .to.be.revertedWithCustomError(agents, "CaesarAgentsTooManyUnbondings")
      .withArgs(agent2.address, max, max);
    await expect(agents.connect(agent2).exit())
      .to.be.revertedWithCustomError(agents, "CaesarAgentsTooManyUnbondings")
      .withArgs(agent2.address, max, max);
    expect((await agents.unbondingsOf(agent2.address)).length).to.equal(Number(max));
  });
});

describe("CaesarAgents: dust worth 0 wei after decay", () => {
  it("a 1-base-unit withdrawal after decay pays 0 wei and transfers nothing", async () => {
    const { agents, token, agent1 } = await loadFixture(agentsDefaults);
    await agents.connect(agent1).unbond(1n);
    await time.increase(7 * DAY);
    const index = await token.index();
    expect(index < WAD).to.equal(true);
    expect((1n * index) / WAD).to.equal(0n);
    const tx = agents.connect(agent1).withdraw(0n);
    await expect(tx).to.emit(agents, "AgentWithdrawn").withArgs(agent1.address, 1n, 0n);
    await expect(tx).to.not.emit(token, "Transfer");
    expect((await agents.unbondingsOf(agent1.address)).length).to.equal(0);
  });

  it("a 1-base-unit slash after decay takes the base unit and sends 0 wei to the reserve", async () => {
    const { agents, token, admin, agent1, reserve } = await loadFixture(agentsDefaults);
    await time.increase(DAY);
    expect((1n * (await token.index())) / WAD).to.equal(0n);
    const tx = agents.connect(admin).slash(agent1.address, 1n, EVIDENCE);
    await expect(tx).to.emit(agents, "AgentSlashed").withArgs(agent1.address, 1n, 0n, EVIDENCE);
    await expect(tx).to.not.emit(token, "Transfer");
    await expect(tx).to.changeTokenBalance(token, reserve, 0n);
    expect((await agents.agentOf(agent1.address))[3]).to.equal(AGENT_STAKE - 1n);
  });
});
