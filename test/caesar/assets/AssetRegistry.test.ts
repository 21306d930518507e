import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { CAESAR, agentsDefaults, authOf, signAuth, tupleOf } from "../agents/fixtures";
import type { AssetRegistry, CaesarAssetPlugin } from "../../../typechain-types";
import type { IAssetRegistry } from "../../../typechain-types/contracts/caesar/assets/AssetRegistry";

const STATUS = { None: 0n, Active: 1n, Paused: 2n, Deprecated: 3n } as const;
const MODEL = { Demurrage: 2n, Stablecoin: 3n, Custom: 6n } as const;

function meta(over: Partial<IAssetRegistry.MetadataStruct> = {}): IAssetRegistry.MetadataStruct {
  return {
    name: "CAESAR",
    version: "1.0.0",
    author: "kit",
    description: "demurrage currency",
    chainIds: [31337n],
    permissions: [ethers.id("PROCESSOR_ROLE")],
    economicModel: MODEL.Demurrage,
    customModel: "",
    governanceModel: "EconomyGovernor",
    ...over,
  };
}

async function pluginAt(any: string): Promise<CaesarAssetPlugin> {
  return (await ethers.deployContract("CaesarAssetPlugin", [any, any, any, any])) as unknown as CaesarAssetPlugin;
}

async function deploy() {
  const [admin, guardian, stranger] = await ethers.getSigners();
  const assets = (await ethers.deployContract("AssetRegistry", [admin.address])) as unknown as AssetRegistry;
  await assets.grantRole(await assets.GUARDIAN_ROLE(), guardian.address);
  const p1 = await pluginAt(admin.address);
  const p2 = await pluginAt(admin.address);
  return { assets, admin, guardian, stranger, p1, p2 };
}

async function deployRegistered() {
  const f = await deploy();
  await f.assets.register(await f.p1.getAddress(), meta());
  return f;
}

describe("AssetRegistry", () => {
  describe("when governance registers a plugin", () => {
    it("gives it asset id 1, version 1, Active, and stores the metadata", async () => {
      const { assets, p1 } = await loadFixture(deploy);
      const p = await p1.getAddress();
      await expect(assets.register(p, meta()))
        .to.emit(assets, "AssetRegistered")
        .withArgs(1n, p, "CAESAR", "1.0.0")
        .and.to.emit(assets, "AssetStatusChanged")
        .withArgs(1n, 1n, STATUS.Active);
      expect(await assets.assetCount()).to.equal(1n);
      expect(await assets.currentVersion(1)).to.deep.equal([1n, p, STATUS.Active]);
      expect(await assets.assetIdOf(p)).to.equal(1n);
      const m = await assets.metadataOf(1, 1);
      expect([m.name, m.version, m.author, m.description, m.economicModel, m.governanceModel]).to.deep.equal([
        "CAESAR",
        "1.0.0",
        "kit",
        "demurrage currency",
        MODEL.Demurrage,
        "EconomyGovernor",
      ]);
      expect(m.chainIds).to.deep.equal([31337n]);
      expect(m.permissions).to.deep.equal([ethers.id("PROCESSOR_ROLE")]);
    });

    it("accepts a custom economic model with its name", async () => {
      const { assets, p1 } = await loadFixture(deploy);
      await assets.register(
        await p1.getAddress(),
        meta({ economicModel: MODEL.Custom, customModel: "carbon credits" }),
      );
      expect((await assets.metadataOf(1, 1)).customModel).to.equal("carbon credits");
    });

    it("rejects a non-plugin (an EOA, a contract without ERC-165) and a plugin registered twice", async () => {
      const { assets, p1, stranger } = await loadFixture(deployRegistered);
      await expect(assets.register(stranger.address, meta()))
        .to.be.revertedWithCustomError(assets, "AssetsNotPlugin")
        .withArgs(stranger.address);
      const reg = await assets.getAddress();
      await expect(assets.register(reg, meta())).to.be.revertedWithCustomError(assets, "AssetsNotPlugin").withArgs(reg);
      const p = await p1.getAddress();
      await expect(assets.register(p, meta()))
        .to.be.revertedWithCustomError(assets, "AssetsPluginAlreadyRegistered")
        .withArgs(p, 1n);
    });

    it("rejects every bad metadata field with its name, length and bound", async () => {
      const { assets, p2 } = await loadFixture(deploy);
      const p = await p2.getAddress();
      const cases: [Partial<IAssetRegistry.MetadataStruct>, string, unknown[]][] = [
        [{ name: "" }, "AssetsEmptyField", ["name"]],
        [{ version: "" }, "AssetsEmptyField", ["version"]],
        [{ name: "x".repeat(65) }, "AssetsFieldTooLong", ["name", 65n, 64n]],
        [{ version: "x".repeat(33) }, "AssetsFieldTooLong", ["version", 33n, 32n]],
        [{ author: "x".repeat(65) }, "AssetsFieldTooLong", ["author", 65n, 64n]],
        [{ description: "x".repeat(1025) }, "AssetsFieldTooLong", ["description", 1025n, 1024n]],
        [{ governanceModel: "x".repeat(65) }, "AssetsFieldTooLong", ["governanceModel", 65n, 64n]],
        [{ economicModel: MODEL.Custom }, "AssetsEmptyField", ["customModel"]],
        [{ economicModel: MODEL.Custom, customModel: "x".repeat(65) }, "AssetsFieldTooLong", ["customModel", 65n, 64n]],
        [{ customModel: "mine" }, "AssetsUnexpectedCustomModel", [MODEL.Demurrage]],
        [{ chainIds: Array(17).fill(1n) }, "AssetsTooManyChains", [17n, 16n]],
        [{ chainIds: [1n, 0n] }, "AssetsZeroChainId", []],
        [{ permissions: Array(17).fill(ethers.ZeroHash) }, "AssetsTooManyPermissions", [17n, 16n]],
      ];
      for (const [over, error, args] of cases) {
        await expect(assets.register(p, meta(over)), error)
          .to.be.revertedWithCustomError(assets, error)
          .withArgs(...args);
      }
      // At the bounds: accepted.
      await assets.register(
        p,
        meta({
          name: "x".repeat(64),
          version: "v".repeat(32),
          chainIds: Array(16).fill(1n),
          permissions: Array(16).fill(ethers.ZeroHash),
        }),
      );
    });

    it("holds at most 64 assets", async () => {
      const { assets, admin } = await loadFixture(deploy);
      for (let i = 0; i < 64; i++) await assets.register(await (await pluginAt(admin.address)).getAddress(), meta());
      const p = await (await pluginAt(admin.address)).getAddress();
      await expect(assets.register(p, meta()))
        .to.be.revertedWithCustomError(assets, "AssetsTooMany")
        .withArgs(64n, 64n);
    });
  });

  describe("given a registered asset", () => {
    it("an upgrade registers version 2 and deprecates version 1; the current version is one read", async () => {
      const { assets, p1, p2 } = await loadFixture(deployRegistered);
      const [a, b] = [await p1.getAddress(), await p2.getAddress()];
      await expect(assets.upgrade(1, b, meta({ version: "2.0.0" })))
        .to.emit(assets, "AssetStatusChanged")
        .withArgs(1n, 1n, STATUS.Deprecated)
        .and.to.emit(assets, "AssetUpgraded")
        .withArgs(1n, 2n, b, a)
        .and.to.emit(assets, "AssetStatusChanged")
        .withArgs(1n, 2n, STATUS.Active);
      expect(await assets.currentVersion(1)).to.deep.equal([2n, b, STATUS.Active]);
      expect(await assets.versionOf(1, 1)).to.deep.equal([a, STATUS.Deprecated]);
      expect((await assets.metadataOf(1, 2)).version).to.equal("2.0.0");
      expect(await assets.assetIdOf(b)).to.equal(1n);
      await expect(assets.metadataOf(1, 3))
        .to.be.revertedWithCustomError(assets, "AssetsUnknownVersion")
        .withArgs(1n, 3n);
    });

    it("holds at most 16 versions", async () => {
      const { assets, admin } = await loadFixture(deployRegistered);
      for (let v = 2; v <= 16; v++) await assets.upgrade(1, await (await pluginAt(admin.address)).getAddress(), meta());
      const p = await (await pluginAt(admin.address)).getAddress();
      await expect(assets.upgrade(1, p, meta()))
        .to.be.revertedWithCustomError(assets, "AssetsTooManyVersions")
        .withArgs(1n, 16n);
    });

    it("sets the status: Paused, Active, then Deprecated is final", async () => {
      const { assets, p2 } = await loadFixture(deployRegistered);
      await expect(assets.setStatus(1, STATUS.Paused))
        .to.emit(assets, "AssetStatusChanged")
        .withArgs(1n, 1n, STATUS.Paused);
      await assets.setStatus(1, STATUS.Active);
      await expect(assets.setStatus(1, STATUS.None))
        .to.be.revertedWithCustomError(assets, "AssetsInvalidStatus")
        .withArgs(1n, STATUS.None);
      await assets.setStatus(1, STATUS.Deprecated);
      await expect(assets.setStatus(1, STATUS.Active))
        .to.be.revertedWithCustomError(assets, "AssetsDeprecated")
        .withArgs(1n);
      await expect(assets.upgrade(1, await p2.getAddress(), meta()))
        .to.be.revertedWithCustomError(assets, "AssetsDeprecated")
        .withArgs(1n);
    });

    it("rejects unknown asset ids", async () => {
      const { assets, p2 } = await loadFixture(deployRegistered);
      await expect(assets.upgrade(9, await p2.getAddress(), meta()))
        .to.be.revertedWithCustomError(assets, "AssetsUnknownAsset")
        .withArgs(9n);
      await expect(assets.setStatus(9, STATUS.Active))
        .to.be.revertedWithCustomError(assets, "AssetsUnknownAsset")
        .withArgs(9n);
      await expect(assets.setProcessingPaused(9, true))
        .to.be.revertedWithCustomError(assets, "AssetsUnknownAsset")
        .withArgs(9n);
      await expect(assets.definitionOf(9)).to.be.revertedWithCustomError(assets, "AssetsUnknownAsset").withArgs(9n);
      await expect(assets.statusOf(9)).to.be.revertedWithCustomError(assets, "AssetsUnknownAsset").withArgs(9n);
      expect(await assets.currentVersion(9)).to.deep.equal([0n, ethers.ZeroAddress, STATUS.None]);
      expect(await assets.processingPaused(9)).to.equal(false);
    });
  });

  describe("pauses", () => {
    it("the guardian pauses processing and the stabilizer; only governance unpauses", async () => {
      const { assets, admin, guardian, stranger } = await loadFixture(deployRegistered);
      const g = assets.connect(guardian);
      await expect(g.setProcessingPaused(1, true))
        .to.emit(assets, "ProcessingPauseSet")
        .withArgs(1n, true, guardian.address);
      await expect(g.setStabilizerPaused(1, true))
        .to.emit(assets, "StabilizerPauseSet")
        .withArgs(1n, true, guardian.address);
      expect(await assets.pauseFlags(1)).to.deep.equal([true, true]);
      expect(await assets.processingPaused(1)).to.equal(true);
      const adminRole = await assets.DEFAULT_ADMIN_ROLE();
      await expect(g.setProcessingPaused(1, false))
        .to.be.revertedWithCustomError(assets, "AccessControlUnauthorizedAccount")
        .withArgs(guardian.address, adminRole);
      await expect(assets.connect(stranger).setStabilizerPaused(1, true))
        .to.be.revertedWithCustomError(assets, "AccessControlUnauthorizedAccount")
        .withArgs(stranger.address, await assets.GUARDIAN_ROLE());
      await expect(assets.connect(admin).setProcessingPaused(1, false))
        .to.emit(assets, "ProcessingPauseSet")
        .withArgs(1n, false, admin.address);
      await assets.connect(admin).setStabilizerPaused(1, false);
      expect(await assets.pauseFlags(1)).to.deep.equal([false, false]);
    });

    it("lets only governance register, upgrade and set statuses", async () => {
      const { assets, guardian, p2 } = await loadFixture(deployRegistered);
      const role = await assets.DEFAULT_ADMIN_ROLE();
      const g = assets.connect(guardian);
      const p = await p2.getAddress();
      for (const tx of [
        () => g.register(p, meta()),
        () => g.upgrade(1, p, meta()),
        () => g.setStatus(1, STATUS.Paused),
      ]) {
        await expect(tx())
          .to.be.revertedWithCustomError(assets, "AccessControlUnauthorizedAccount")
          .withArgs(guardian.address, role);
      }
    });
  });

  describe("the processor's gate", () => {
    async function gated() {
      const f = await agentsDefaults();
      const [, , , , , , , , , , guardian] = await ethers.getSigners();
      const assets = (await ethers.deployContract("AssetRegistry", [f.admin.address])) as unknown as AssetRegistry;
      await assets.connect(f.admin).grantRole(await assets.GUARDIAN_ROLE(), guardian.address);
      const plugin = await ethers.deployContract("CaesarAssetPlugin", [
        await f.token.getAddress(),
        await f.agents.getAddress(),
        await f.registry.getAddress(),
        await assets.getAddress(),
      ]);
      await assets.connect(f.admin).register(await plugin.getAddress(), meta());
      await expect(f.processor.connect(f.admin).setAssetGate(await assets.getAddress(), 1n))
        .to.emit(f.processor, "AssetGateChanged")
        .withArgs(await assets.getAddress(), 1n);
      return { ...f, assets, guardian: guardian as HardhatEthersSigner, plugin };
    }

    it("paused processing refuses relays; holders' own transfers still go through; governance resumes it", async () => {
      const { token, processor, assets, guardian, admin, alice, bob, agent1 } = await loadFixture(gated);
      expect(await processor.assetGate()).to.deep.equal([await assets.getAddress(), 1n]);
      await assets.connect(guardian).setProcessingPaused(1, true);
      const a = await authOf(alice, bob.address, 10n * CAESAR);
      const sig = await signAuth(alice, a, await processor.getAddress());
      await expect(processor.connect(agent1).process(tupleOf(a), sig))
        .to.be.revertedWithCustomError(processor, "CaesarProcessorPaused")
        .withArgs(1n);
      await expect(processor.connect(agent1).processBatch([tupleOf(a)], [sig]))
        .to.be.revertedWithCustomError(processor, "CaesarProcessorPaused")
        .withArgs(1n);
      const before = await token.balanceOf(bob.address);
      const q = await token.quoteTransfer(alice.address, bob.address, 10n * CAESAR);
      await token.connect(alice).transfer(bob.address, 10n * CAESAR);
      expect((await token.balanceOf(bob.address)) - before).to.equal(q.net);
      await assets.connect(admin).setProcessingPaused(1, false);
      await expect(processor.connect(agent1).process(tupleOf(a), sig)).to.emit(processor, "AuthorizationProcessed");
    });

    it("CAESAR's plugin reports its definition and status through the registry", async () => {
      const { token, agents, assets, guardian } = await loadFixture(gated);
      const d = await assets.definitionOf(1);
      expect([d.supply, d.demurrageBps, d.antiSpeculationThreshold, d.stabilityTarget]).to.deep.equal([
        await token.totalSupply(),
        100n,
        3n,
        10n ** 18n, // caesar.stability.targetPriceWad
      ]);
      await assets.connect(guardian).setStabilizerPaused(1, true);
      const s = await assets.statusOf(1);
      expect([s.priceDeviationBps, s.reserve, s.agents, s.processingPaused, s.stabilizerPaused]).to.deep.equal([
        0n,
        await token.balanceOf(await token.stabilityReserve()),
        await agents.agentCount(),
        false,
        true,
      ]);
      expect(s.agents).to.equal(2n);
    });

    it("CaesarAssetPlugin rejects zero addresses", async () => {
      const { plugin, admin } = await loadFixture(gated);
      const F = await ethers.getContractFactory("CaesarAssetPlugin");
      const z = ethers.ZeroAddress;
      const a = admin.address;
      for (const args of [
        [z, a, a, a],
        [a, z, a, a],
        [a, a, z, a],
        [a, a, a, z],
      ] as [string, string, string, string][]) {
        await expect(F.deploy(...args)).to.be.revertedWithCustomError(plugin, "CaesarAssetPluginZeroAddress");
      }
    });
  });
});
