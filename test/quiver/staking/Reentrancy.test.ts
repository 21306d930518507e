import { expect } from "chai";
import { ethers, ignition } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import FoundationModule from "../../../deploy/quiver/modules/Foundation";
import type { ProviderStaking, ReentrantQuiv } from "../../../typechain-types";
import { TOKEN as QUIV } from "../../helpers/units";

/** Deploys ProviderStaking's linked libraries and returns its factory. */
async function stakingFactory() {
  const libraries: Record<string, string> = {};
  for (const name of ["UnbondingSegments", "RewardDrip"]) {
    libraries[name] = await (await ethers.deployContract(name)).getAddress();
  }
  return ethers.getContractFactory("ProviderStaking", { libraries });
}

describe("ProviderStaking reentrancy (X-REENT-01)", () => {
  /** A ProviderStaking on a hostile token that re-enters on every transfer it is armed for. */
  async function fixture() {
    const [deployer, alice, insurance] = await ethers.getSigners();
    const { registry } = await ignition.deploy(FoundationModule, {
      parameters: { Foundation: { genesisRecipients: [], genesisAmounts: [] } },
    });
    const token = (await (await ethers.getContractFactory("ReentrantQuiv")).deploy()) as unknown as ReentrantQuiv;
    const staking = (await (
      await stakingFactory()
    ).deploy(
      await token.getAddress(),
      await registry.getAddress(),
      deployer.address,
      insurance.address,
    )) as unknown as ProviderStaking;
    await token.transfer(alice.address, 1_000_000n * QUIV);
    await token.connect(alice).approve(await staking.getAddress(), ethers.MaxUint256);
    await staking.connect(alice).registerProvider(0n);
    return { token, staking, alice, deployer, registry };
  }

  const reentries: [string, (s: ProviderStaking, who: string) => string][] = [
    ["stake", (s) => s.interface.encodeFunctionData("stake", [QUIV])],
    ["delegateStake", (s, who) => s.interface.encodeFunctionData("delegateStake", [who, QUIV])],
    ["unbond", (s, who) => s.interface.encodeFunctionData("unbond", [who, QUIV])],
    ["withdraw", (s) => s.interface.encodeFunctionData("withdraw", [0n])],
    ["claimRewards", (s, who) => s.interface.encodeFunctionData("claimRewards", [who])],
    ["distributeRewards", (s) => s.interface.encodeFunctionData("distributeRewards", [QUIV])],
    ["finalizeSlash", (s) => s.interface.encodeFunctionData("finalizeSlash", [1n])],
  ];

  for (const [name, encode] of reentries) {
    it(`rejects re-entering ${name} from a token callback`, async () => {
      const { token, staking, alice } = await loadFixture(fixture);
      await token.arm(await staking.getAddress(), encode(staking, alice.address));
      await expect(staking.connect(alice).stake(QUIV)).to.be.revertedWithCustomError(
        staking,
        "ReentrancyGuardReentrantCall",
      );
    });
  }

  it("rejects zero addresses in the constructor", async () => {
    const { token, registry, deployer } = await loadFixture(fixture);
    const F = await stakingFactory();
    const [t, r, a] = [await token.getAddress(), await registry.getAddress(), deployer.address];
    const z = ethers.ZeroAddress;
    for (const args of [
      [z, r, a, a],
      [t, z, a, a],
      [t, r, z, a],
      [t, r, a, z],
    ] as const) {
      await expect(F.deploy(...args)).to.be.revertedWithCustomError(F, "StakingZeroAddress");
    }
  });
});
