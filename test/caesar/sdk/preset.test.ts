import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployCaesarPreset, HOLDER_GENESIS, POOL_SEED, SECOND_GENESIS } from "./fixture";
import { CAESAR_PARAMETERS, parameterKey } from "../../../sdk/caesar/core/parameters";
import { CAESAR_PRESET, caesarStatus } from "../../../sdk/caesar/preset";
import { findPreset, presetsIn } from "../../../sdk/presets";
import CaesarModule from "../../../deploy/modules/Caesar";
import { depsOf, futuresOf } from "../../helpers/futures";

const ADMIN = ethers.ZeroHash;
const role = (name: string) => ethers.id(name);
const KIND = { Decaying: 0n, Exempt: 1n, Pool: 2n, FeeFree: 3n } as const;

describe("CAESAR preset (Ignition, deploy/parameters/caesar.localhost.json)", () => {
  it("registers the preset with every id of the deployment", async () => {
    const f = await loadFixture(deployCaesarPreset);
    expect(findPreset("caesar")).to.equal(CAESAR_PRESET);
    expect(presetsIn(f.book).map((p) => p.name)).to.include("caesar");
    expect(f.book.contracts["Kit#CaesarToken"]).to.equal(await f.caesar.getAddress());
    expect(f.book.contracts["Caesar#CaesarProcessor"]).to.equal(await f.processor.getAddress());
  });

  it("allocates the genesis to accounts #2 and #3 and names the governor", async () => {
    const f = await loadFixture(deployCaesarPreset);
    expect(await f.caesar.totalSupply()).to.equal(HOLDER_GENESIS + SECOND_GENESIS + POOL_SEED);
    expect(await f.caesar.balanceOf(f.holder.address)).to.equal(HOLDER_GENESIS);
    expect(await f.caesar.balanceOf(f.second.address)).to.equal(SECOND_GENESIS);
    expect(await f.governor.name()).to.equal("CAESAR Governor");
    // The governor counts wCAESAR (the static votes wrapper over CAESAR).
    expect(await f.wrapper.asset()).to.equal(await f.caesar.getAddress());
  });

  it("hands every admin role to the timelock; the deployer keeps none", async () => {
    const f = await loadFixture(deployCaesarPreset);
    const tl = await f.timelock.getAddress();
    const deployer = f.deployer.address;
    const held: [string, { hasRole(r: string, a: string): Promise<boolean> }, string][] = [
      ["registry", f.registry, ADMIN],
      ["registry", f.registry, role("PARAMETER_ADMIN_ROLE")],
      ["caesar", f.caesar, ADMIN],
      ["distributor", f.distributor, ADMIN],
      ["agents", f.agents, ADMIN],
      ["agents", f.agents, role("SLASHER_ROLE")],
      ["processor", f.processor, ADMIN],
    ];
    for (const [name, c, r] of held) {
      expect(await c.hasRole(r, tl), `${name} ${r} timelock`).to.equal(true);
      expect(await c.hasRole(r, deployer), `${name} ${r} deployer`).to.equal(false);
    }
    const processor = await f.processor.getAddress();
    expect(await f.caesar.hasRole(role("PROCESSOR_ROLE"), processor)).to.equal(true);
    expect(await f.distributor.hasRole(role("PROCESSOR_ROLE"), processor)).to.equal(true);
    expect(await f.distributor.hasRole(role("REPORTER_ROLE"), f.reporter.address)).to.equal(true);
    expect(await f.distributor.hasRole(role("REPORTER_ROLE"), deployer)).to.equal(false);
  });

  it("sets the distributor, the reserve and the exemptions; stakes and the wrapper are FeeFree", async () => {
    const f = await loadFixture(deployCaesarPreset);
    const [distributor, timelock, treasury, registry, agents, wrapper] = await Promise.all([
      f.distributor.getAddress(),
      f.timelock.getAddress(),
      f.treasury.getAddress(),
      f.registry.getAddress(),
      f.agents.getAddress(),
      f.wrapper.getAddress(),
    ]);
    expect(await f.caesar.feeDistributor()).to.equal(distributor);
    expect(await f.caesar.stabilityReserve()).to.equal(await f.gate.getAddress());
    expect(await f.caesar.stabilityGate()).to.equal(await f.gate.getAddress());
    expect(await f.caesar.kindOf(await f.gate.getAddress())).to.equal(KIND.Exempt);
    expect(await f.caesar.kindOf(distributor)).to.equal(KIND.Exempt);
    expect(await f.caesar.kindOf(timelock)).to.equal(KIND.Exempt);
    expect(await f.caesar.kindOf(treasury)).to.equal(KIND.Exempt);
    expect(await f.caesar.kindOf(registry)).to.equal(KIND.Decaying); // the constructor's placeholder, undone
    expect(await f.caesar.kindOf(agents)).to.equal(KIND.FeeFree);
    expect(await f.caesar.kindOf(wrapper)).to.equal(KIND.FeeFree);
    expect(await f.caesar.kindOf(f.deployer.address)).to.equal(KIND.Decaying);
  });

  it("CaesarToken, whose constructor reads the registry, waits for the kit's seeding (Kit#SeedParameters), the only seed", () => {
    const caesar = futuresOf(CaesarModule);
    expect(depsOf(caesar.get("Kit#CaesarToken"))).to.include("Kit#SeedParameters");
    expect([...caesar.keys()].filter((id) => id.endsWith("SeedParameters"))).to.deep.equal(["Kit#SeedParameters"]);
  });

  it("seeds the registry with the whole catalogue, values and bounds as declared", async () => {
    const f = await loadFixture(deployCaesarPreset);
    expect(await f.registry.keyCount()).to.equal(BigInt(CAESAR_PARAMETERS.length));
    for (const s of CAESAR_PARAMETERS) {
      const p = await f.registry.getParameter(parameterKey(s.name));
      expect(p.exists, s.name).to.equal(true);
      expect([p.value, p.min, p.max, p.maxDelta, p.period], s.name).to.deep.equal([
        s.value,
        s.min,
        s.max,
        s.maxDelta,
        s.period,
      ]);
    }
  });

  it("kit status lines: supply, accrued demurrage, epoch and pot, agents", async () => {
    const f = await loadFixture(deployCaesarPreset);
    const s = await caesarStatus(f.book, ethers.provider);
    expect(s.data.supply).to.equal(HOLDER_GENESIS + SECOND_GENESIS + POOL_SEED);
    expect(s.data.accrued).to.equal(0n);
    expect(s.data.agents).to.equal(0n);
    expect(s.lines[0]).to.equal("supply    15100000 CAESAR, accrued demurrage 0 CAESAR (not yet settled)");
    expect(s.lines[1]).to.equal("epoch     0 (86400 s), pot 0 CAESAR, 0 agents rewarded");
    expect(s.lines[2]).to.equal("agents    0 registered");
  });
});
