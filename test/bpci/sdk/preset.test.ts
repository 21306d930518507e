import { expect } from "chai";
import { ethers, ignition } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { AddressLike, BaseContract } from "ethers";
import { BPCI_LOCALHOST_PARAMETERS, deployBpciPreset } from "../fixtures/preset";
import { readDeploymentParameters } from "../../../sdk/kit/node/deploy";
import { ROLES } from "../../../deploy/blocks/roles";
import { BPCI_PRESET_PARAMETERS, BOOTSTRAP_OVERRIDES } from "../../../deploy/bpci/economy";
import { BPCI_TIER_WEIGHTS } from "../../../deploy/bpci/votes";
import { BPCI_PARAMETERS, parameterKey } from "../../../sdk/bpci/core/parameters";
import { BPCI_CONTRACT_IDS } from "../../../sdk/bpci/chain/ids";
import { connectBpci } from "../../../sdk/bpci/chain/contracts";
import { TOKEN } from "../../helpers/units";
import BpciModule from "../../../deploy/modules/Bpci";
import { depsOf, futuresOf } from "../../helpers/futures";
import { buildModule } from "@nomicfoundation/ignition-core";
import { ZeroAddress } from "ethers";
import { buildMesh } from "../../../deploy/bpci/mesh";
import { buildStakingLibraries } from "../../../deploy/blocks/staking";

/** Every future of an Ignition module and its submodules, by id. */

interface RoleHolder extends BaseContract {
  hasRole(role: string, account: AddressLike): Promise<boolean>;
}

const ISSUER = ethers.id("ISSUER_ROLE");
const SLASHER = ethers.id("SLASHER_ROLE");
const ALL_ROLES = [...Object.values(ROLES), ISSUER, SLASHER];

/** The BPCI preset exactly as deploy/modules/Bpci.ts wires it, deployed in process through Ignition. */
describe("BPCI preset: Ignition deployment (deploy/modules/Bpci.ts)", () => {
  it("gives every admin role to the timelock and leaves the deployer none", async () => {
    const f = await loadFixture(deployBpciPreset);
    const timelock = await f.timelock.getAddress();
    const admins: Array<[string, RoleHolder, string[]]> = [
      ["ParameterRegistry", f.registry, [ROLES.DEFAULT_ADMIN, ROLES.PARAMETER_ADMIN]],
      ["GenToken", f.gen, [ROLES.DEFAULT_ADMIN]],
      ["NexToken", f.nex, [ROLES.DEFAULT_ADMIN]],
      ["AurToken", f.aur, [ROLES.DEFAULT_ADMIN]],
      ["PoeMining", f.mining, [ROLES.DEFAULT_ADMIN]],
      ["BillingMeter", f.billing, [ROLES.DEFAULT_ADMIN]],
      ["Treasury", f.treasury, [ROLES.DEFAULT_ADMIN]],
      ["TimelockController", f.timelock, [ROLES.DEFAULT_ADMIN]],
    ];
    for (const [name, c, roles] of admins) {
      for (const role of roles) expect(await c.hasRole(role, timelock), `${name} ${role}`).to.equal(true);
      for (const role of ALL_ROLES) {
        expect(await c.hasRole(role, f.deployer.address), `${name}: deployer holds ${role}`).to.equal(false);
      }
    }
  });

  it("hands over the six contracts the deployer wires; the BankMesh builder lists none: no admin, role or owner", async () => {
    const items = [...futuresOf(BpciModule).keys()]
      .map((id) => /^[A-Za-z]+#([A-Za-z]+)GrantTimelock\d+$/.exec(id)?.[1])
      .filter((x): x is string => x !== undefined);
    // Treasury and TimelockController are deployed with the timelock as admin: nothing to hand over.
    expect([...new Set(items)].sort()).to.deep.equal(["Aur", "BillingMeter", "Gen", "Mining", "Nex", "Registry"]);
    let meshHandover: unknown;
    buildModule("MeshHandoverProbe", (m) => {
      const at = (name: string) => m.contractAt(name, ZeroAddress, { id: name });
      const built = buildMesh(
        m,
        { registry: at("ParameterRegistry"), nex: at("NexToken"), aur: at("AurToken") },
        buildStakingLibraries(m),
      );
      meshHandover = built.handover;
      return built.futures;
    });
    expect(meshHandover).to.deep.equal([]);
    const f = await loadFixture(deployBpciPreset);
    const names = f.mesh.interface.fragments.flatMap((x) => ("name" in x ? [x.name as string] : []));
    expect(
      names.filter((n) => /^(hasRole|grantRole|owner|transferOwnership|DEFAULT_ADMIN_ROLE)$/.test(n)),
    ).to.deep.equal([]);
  });

  it("wires the protocol roles: PoeMining is NEX's only minter, the issuer mints AUR, nobody slashes yet, the billing operator commits", async () => {
    const f = await loadFixture(deployBpciPreset);
    const mining = await f.mining.getAddress();
    expect(await f.nex.hasRole(ROLES.MINTER, mining)).to.equal(true);
    const minters = (await f.nex.queryFilter(f.nex.filters.RoleGranted(ROLES.MINTER))).map((l) => l.args.account);
    expect(minters).to.deep.equal([mining]);
    expect(await f.aur.hasRole(ISSUER, f.issuer.address)).to.equal(true);
    expect(await f.mining.queryFilter(f.mining.filters.RoleGranted(SLASHER))).to.have.length(0);
    expect(await f.mining.owner()).to.equal(f.issuer.address);
    // The billing meter: the operator of the local parameters (#1) commits, payments go to the Treasury.
    expect(await f.billing.hasRole(await f.billing.OPERATOR_ROLE(), f.issuer.address)).to.equal(true);
    expect(await f.billing.treasury()).to.equal(await f.treasury.getAddress());
    expect(await f.billing.tokens()).to.deep.equal([
      await f.gen.getAddress(),
      await f.nex.getAddress(),
      await f.flx.getAddress(),
      await f.aur.getAddress(),
    ]);
  });

  it("allocates the genesis: 80,000 GEN in the Treasury, 10,000 each to accounts #2 and #3, FLX 5M each, no NEX, no AUR", async () => {
    const f = await loadFixture(deployBpciPreset);
    const treasury = await f.treasury.getAddress();
    expect(await f.gen.totalSupply()).to.equal(100_000n * TOKEN);
    expect(await f.gen.balanceOf(treasury)).to.equal(80_000n * TOKEN);
    expect(await f.gen.balanceOf(f.alice.address)).to.equal(10_000n * TOKEN);
    expect(await f.gen.balanceOf(f.bob.address)).to.equal(10_000n * TOKEN);
    expect(await f.gen.balanceOf(f.deployer.address)).to.equal(0n);
    expect(await f.gen.isExempt(treasury)).to.equal(true);
    expect(await f.gen.isExempt(await f.timelock.getAddress())).to.equal(true);
    expect(await f.gen.isExempt(f.deployer.address)).to.equal(false);
    expect(await f.flx.balanceOf(f.alice.address)).to.equal(5_000_000n * TOKEN);
    expect(await f.flx.balanceOf(f.bob.address)).to.equal(5_000_000n * TOKEN);
    expect(await f.nex.totalSupply()).to.equal(0n);
    expect(await f.aur.totalSupply()).to.equal(0n);
  });

  it("the kit hands its votes builder the registry's seeding: GEN (whose genesis reads the registry) waits for Kit#SeedParameters, the kit's own seed", () => {
    const bpci = futuresOf(BpciModule);
    expect(depsOf(bpci.get("Kit#GenToken"))).to.include("Kit#SeedParameters");
    expect(depsOf(bpci.get("Kit#GenToken"))).to.not.include("Kit#FlxToken"); // no proxy ordering left
    // One seed only, the kit's (BPCI's catalogue; CAESAR's is now the kit's too, its own seeding call is gone).
    expect([...bpci.keys()].filter((id) => id.endsWith("SeedParameters"))).to.deep.equal(["Kit#SeedParameters"]);
  });

  it("refuses to deploy without treasuryGenesis (no default), before sending any transaction", async () => {
    await loadFixture(deployBpciPreset); // a clean snapshot to deploy from
    const parameters = readDeploymentParameters(BPCI_LOCALHOST_PARAMETERS);
    const { treasuryGenesis, ...bpci } = parameters.Bpci as Record<string, unknown>;
    expect(treasuryGenesis).to.equal(80_000n * TOKEN);
    const block = await ethers.provider.getBlockNumber();
    const nonce = await ethers.provider.getTransactionCount(await (await ethers.getSigners())[0].getAddress());
    await expect(
      ignition.deploy(BpciModule, { parameters: { ...parameters, Bpci: bpci } as never }),
    ).to.be.rejectedWith(/treasuryGenesis/);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect(await ethers.provider.getTransactionCount(await (await ethers.getSigners())[0].getAddress())).to.equal(
      nonce,
    );
  });

  it("seeds every BPCI parameter with its bounds, bpci.poe.minStake at 0 for the NEX bootstrap", async () => {
    const f = await loadFixture(deployBpciPreset);
    expect(BPCI_PRESET_PARAMETERS).to.have.length(BPCI_PARAMETERS.length);
    for (const s of BPCI_PRESET_PARAMETERS) {
      const p = await f.registry.getParameter(parameterKey(s.name));
      expect([p.value, p.min, p.max, p.maxDelta, p.period], s.name).to.deep.equal([
        s.value,
        s.min,
        s.max,
        s.maxDelta,
        s.period,
      ]);
    }
    expect(BOOTSTRAP_OVERRIDES).to.deep.equal({ "bpci.poe.minStake": 0n });
    expect(await f.registry.get(parameterKey("bpci.poe.minStake"))).to.equal(0n);
  });

  it("counts the tier vote sources GEN 10x, AUR 5x, NEX 3x, wFLX 1x per FLX in the BPCI Governor", async () => {
    const f = await loadFixture(deployBpciPreset);
    expect(await f.governor.name()).to.equal("BPCI Governor");
    const sources = await f.governor.voteSources();
    expect(sources.map((s) => [s.token, s.weightBps, s.wrapsFirst])).to.deep.equal([
      [await f.gen.getAddress(), BPCI_TIER_WEIGHTS.gen, false],
      [await f.aur.getAddress(), BPCI_TIER_WEIGHTS.aur, false],
      [await f.nex.getAddress(), BPCI_TIER_WEIGHTS.nex, false],
      [await f.wflx.getAddress(), BPCI_TIER_WEIGHTS.wflx, false],
    ]);
    expect(await f.governor.proposalThreshold()).to.equal(10_000n * TOKEN); // 1,000 GEN at 10x
    expect(await f.governor.token()).to.equal(await f.governorVotes.getAddress());
  });

  it("has an address for every BPCI_CONTRACT_IDS key and connects every contract", async () => {
    const f = await loadFixture(deployBpciPreset);
    expect(Object.keys(f.book.contracts).sort()).to.deep.equal(Object.values(BPCI_CONTRACT_IDS).sort());
    const b = connectBpci(f.book, ethers.provider);
    expect(await b.mining.getAddress()).to.equal(await f.mining.getAddress());
    expect(await b.minerStaking.getAddress()).to.equal(await f.staking.getAddress());
    expect(await b.feeds.reserve.getAddress()).to.equal(await f.reserveFeed.getAddress());
    expect(await b.aur.reserveFeed()).to.equal(await f.reserveFeed.getAddress());
    expect(await b.flx.usageFeed()).to.equal(await f.usageFeed.getAddress());
    expect(b.timelock).to.equal(await f.timelock.getAddress());
  });
});
