/**
 * On a chain that is not a local dev chain `kit deploy` runs each preset's live module, which must deploy nothing
 * anyone could update: a MockAggregatorV3 there would let anyone set the reserve behind AUR, FLX's rebase or
 * QUIVer's growth metric. The live modules take every feed's address from the parameters.
 */
import { expect } from "chai";
import { ethers, ignition } from "hardhat";
import type { IgnitionModule } from "@nomicfoundation/ignition-core";
import { deployTargetOf, listPresets, LOCAL_CHAIN_IDS } from "../../sdk/kit/preset";
import "../../sdk/presets";
import { readDeploymentParameters } from "../../sdk/kit/node/deploy";
import { BPCI_LOCALHOST_PARAMETERS } from "../bpci/fixtures/preset";
import { QUIVER_LOCALHOST_PARAMETERS } from "../quiver/fixtures/quiver";
import BpciLive from "../../deploy/modules/BpciLive";
import QuiverLive from "../../deploy/modules/QuiverLive";
import QuiverLocal from "../../deploy/modules/Quiver";

/** Contract names of every deployment future of a module and its submodules. */
function deployedContracts(m: IgnitionModule): string[] {
  const names: string[] = [];
  const walk = (x: IgnitionModule) => {
    for (const f of x.futures) {
      const name = (f as { contractName?: string; constructorArgs?: unknown }).contractName;
      if (name !== undefined && "constructorArgs" in f) names.push(name);
    }
    for (const sub of x.submodules) walk(sub);
  };
  walk(m);
  return names;
}

async function mockFeed(answer: bigint): Promise<string> {
  const feed = await ethers.deployContract("MockAggregatorV3", [8, answer]);
  return feed.getAddress();
}

describe("presets on a live chain: no feed anyone could update", () => {
  it("deployTargetOf: local on the dev chain ids (31337, 1337), live on every other", () => {
    expect([...LOCAL_CHAIN_IDS]).to.deep.equal([31337n, 1337n]);
    expect([31337n, 1337, 11_155_111n, 1n].map((id) => deployTargetOf(id))).to.deep.equal([
      "local",
      "local",
      "live",
      "live",
    ]);
  });

  for (const preset of listPresets()) {
    it(`${preset.name}: the live module deploys no mock contract`, async () => {
      const deployed = deployedContracts(await preset.loadModule("live"));
      expect(deployed.length).to.be.greaterThan(10);
      expect(deployed.filter((n) => n.startsWith("Mock"))).to.deep.equal([]);
    });
  }

  it("the local modules of QUIVer and BPCI do deploy mock feeds (so the check above can fail)", async () => {
    const count = async (name: string) =>
      deployedContracts(
        await listPresets()
          .find((p) => p.name === name)!
          .loadModule("local"),
      ).filter((n) => n === "MockAggregatorV3").length;
    expect([await count("quiver"), await count("bpci")]).to.deep.equal([1, 10]);
  });

  it("QuiverLive reads the growth feed from the parameter growthFeed", async () => {
    const parameters = readDeploymentParameters(QUIVER_LOCALHOST_PARAMETERS);
    const feed = await mockFeed(10n ** 8n);
    (parameters.Quiver as Record<string, unknown>).growthFeed = feed;
    const d = await ignition.deploy(QuiverLive, { parameters });
    expect(await d.emission.growthFeed()).to.equal(feed);
    expect(await d.growthFeed.getAddress()).to.equal(feed);
  });

  it("QuiverLive without a growthFeed parameter fails before deploying anything", async () => {
    const parameters = readDeploymentParameters(QUIVER_LOCALHOST_PARAMETERS);
    const before = await ethers.provider.getTransactionCount((await ethers.getSigners())[0].address);
    let error: Error | undefined;
    try {
      await ignition.deploy(QuiverLive, { parameters });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/growthFeed/);
    expect(await ethers.provider.getTransactionCount((await ethers.getSigners())[0].address)).to.equal(before);
  });

  it("Quiver without treasuryGenesis (no default) fails before deploying anything", async () => {
    const parameters = readDeploymentParameters(QUIVER_LOCALHOST_PARAMETERS);
    const { treasuryGenesis, ...quiver } = parameters.Quiver as Record<string, unknown>;
    expect(treasuryGenesis).to.equal(150_000_000n * 10n ** 18n);
    const before = await ethers.provider.getTransactionCount((await ethers.getSigners())[0].address);
    let error: Error | undefined;
    try {
      await ignition.deploy(QuiverLocal, { parameters: { ...parameters, Quiver: quiver } as never });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/treasuryGenesis/);
    expect(await ethers.provider.getTransactionCount((await ethers.getSigners())[0].address)).to.equal(before);
  });

  it("BpciLive reads its ten feeds from the parameters (the monitor's five too)", async () => {
    const parameters = readDeploymentParameters(BPCI_LOCALHOST_PARAMETERS);
    const kit = parameters.Kit as Record<string, unknown>;
    const bpci = parameters.Bpci as Record<string, unknown>;
    const feeds = {
      usageFeed: await mockFeed(10n ** 8n),
      reserveFeed: await mockFeed(1_000_000n * 10n ** 8n),
      liquidityFeed: await mockFeed(10n ** 8n),
      uptimeFeed: await mockFeed(10n ** 8n),
      qualityFeed: await mockFeed(10n ** 8n),
    };
    const monitorFeeds = {
      aurPriceFeed: await mockFeed(10n ** 8n),
      goldPriceFeed: await mockFeed(10n ** 8n),
      flxPriceFeed: await mockFeed(10n ** 8n),
      nexPriceFeed: await mockFeed(10n ** 8n),
      nexReferenceFeed: await mockFeed(10n ** 8n),
    };
    Object.assign(kit, { usageFeed: feeds.usageFeed, reserveFeed: feeds.reserveFeed });
    Object.assign(bpci, {
      liquidityFeed: feeds.liquidityFeed,
      uptimeFeed: feeds.uptimeFeed,
      qualityFeed: feeds.qualityFeed,
      ...monitorFeeds,
    });
    const d = await ignition.deploy(BpciLive, { parameters });
    expect(await d.flx.usageFeed()).to.equal(feeds.usageFeed);
    expect(await d.aur.reserveFeed()).to.equal(feeds.reserveFeed);
    const handles = [d.usageFeed, d.reserveFeed, d.liquidityFeed, d.uptimeFeed, d.qualityFeed];
    expect(await Promise.all(handles.map((h) => h.getAddress()))).to.deep.equal(Object.values(feeds));
    const monitor = await ethers.getContractAt("StabilityMonitor", await d.stability.getAddress());
    const tracks = await Promise.all([0, 1, 2].map((t) => monitor.trackConfig(t)));
    expect(tracks.map((t) => [t.price, t.target])).to.deep.equal([
      [monitorFeeds.aurPriceFeed, monitorFeeds.goldPriceFeed],
      [monitorFeeds.flxPriceFeed, ethers.ZeroAddress],
      [monitorFeeds.nexPriceFeed, monitorFeeds.nexReferenceFeed],
    ]);
  });
});
