/**
 * Proof that the next economy plugs in: a throwaway preset written here (one token, the Kit stack, one registry
 * parameter) deploys through the Kit module, registers itself at runtime with `registerPreset` (the documented way
 * to add a preset without editing sdk/presets.ts), and shows up in the address book and in `kit status`. No shared
 * file is edited for it.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers, network } from "hardhat";
import { BrowserProvider, id } from "ethers";
import { ROLES } from "../../deploy/blocks/roles";
import { addressOf } from "../../sdk/kit/chain/addressBook";
import { findPreset, listPresets, presetsIn, registerPreset, unregisterPreset } from "../../sdk/kit/preset";
import { runCli } from "../../sdk/cli/main";
import type { EconomyGovernor, MockMintableVotesToken, ParameterRegistry } from "../../typechain-types";
import { barrelBindings, economyOf, importSpecifiers, readBarrel, resolveImport } from "../helpers/layout";
import { requireSource } from "./packageSource";
import { TOY_CAP, TOY_IDS, TOY_RATE, deployToy, toyPreset } from "./toyPreset";

const TOY = toyPreset();

describe("a preset written outside the kit plugs in", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-toy-"));
    registerPreset(TOY);
  });
  after(() => {
    unregisterPreset("toy");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is in the preset list through registerPreset, and a second registration is refused", () => {
    expect(listPresets().map((p) => p.name)).to.include("toy");
    expect(findPreset("toy").symbol).to.equal("TOY");
    expect(() => registerPreset(TOY)).to.throw(/already registered/);
  });

  it("reaches the same registry through the package path `economy-kit/preset` (package.json exports)", () => {
    // In the repo the package path resolves to the sources through the `economy-kit-source` export condition (the
    // installed package's import/require go to dist/: test/sdk/package.process.test.ts).
    const pkg = requireSource<typeof import("../../sdk/kit/preset")>("economy-kit/preset");
    expect(pkg.registerPreset).to.equal(registerPreset);
    expect(pkg.findPreset("toy")).to.equal(findPreset("toy"));
    expect(pkg.listPresets()).to.deep.equal(listPresets());
  });

  it("deploys through the Kit stack: Kit# ids, its parameter seeded, its token the vote source, no EOA admin", async () => {
    const { d, book, deployer } = await deployToy();
    expect(Object.keys(book.contracts).sort()).to.deep.equal(Object.values(TOY_IDS).sort());
    expect(addressOf(book, "token")).to.equal(await d.token.getAddress());
    const governor = d.governor as unknown as EconomyGovernor;
    const registry = d.registry as unknown as ParameterRegistry;
    const token = d.token as unknown as MockMintableVotesToken;
    expect(await governor.name()).to.equal("Toy Governor");
    expect([await token.name(), await token.symbol(), await token.cap()]).to.deep.equal(["Toy", "TOY", TOY_CAP]);
    expect(await token.totalSupply()).to.equal(1_000_000n * 10n ** 18n);
    expect((await governor.voteSources()).map((v) => v.token)).to.deep.equal([await token.getAddress()]);
    expect(await registry.get(id(TOY_RATE))).to.equal(100n);
    const timelock = await d.timelock.getAddress();
    for (const c of [registry, token] as const) {
      expect(await c.hasRole(ROLES.DEFAULT_ADMIN, timelock)).to.equal(true);
      expect(await c.hasRole(ROLES.DEFAULT_ADMIN, deployer.address)).to.equal(false);
    }
    expect(await registry.hasRole(ROLES.PARAMETER_ADMIN, deployer.address)).to.equal(false);
    // The minter role went to the timelock with the admin role: the deployer can no longer mint.
    expect(await token.hasRole(ROLES.MINTER, timelock)).to.equal(true);
    expect(await token.hasRole(ROLES.MINTER, deployer.address)).to.equal(false);
    await expect(token.connect(deployer).mint(deployer.address, 1n))
      .to.be.revertedWithCustomError(token, "AccessControlUnauthorizedAccount")
      .withArgs(deployer.address, ROLES.MINTER);
    expect(presetsIn(book).map((p) => p.name)).to.deep.equal(["toy"]);
  });

  it("is written from the kit alone: the preset's files import nothing from an economy folder, even indirectly", () => {
    // test/sdk/ may import every economy (test/helpers/layout.ts, mayImportEveryEconomy), so the repository-wide
    // layout check does not cover the toy: this walks its own files and everything they import in the repository
    // (typechain bindings mapped to their contract folder), and refuses any file of quiver, caesar or bpci.
    const root = path.resolve(__dirname, "../..");
    const barrel = readBarrel(root);
    expect(barrel.get("MockMintableVotesToken")).to.equal("contracts/mocks/kit/MockMintableVotesToken");
    // A module path, or a typechain binding (`contracts/x/Y`, `contracts/x/Y.sol/Z`, a `__factory`) mapped back to
    // the .sol file it was generated from.
    const onDisk = (p: string) => {
      const q = p.replace(/__factory$/, "");
      return [q, `${q}.ts`, `${q}/index.ts`, `${q}.sol`, q.replace(/\.sol\/[^/]+$/, ".sol")].find(
        (c) => /\.(ts|sol)$/.test(c) && fs.existsSync(path.join(root, c)),
      );
    };
    const seen = new Map<string, string>(); // file -> the file that imported it
    const reached: string[] = [];
    const visit = (file: string, from: string) => {
      if (seen.has(file)) return;
      seen.set(file, from);
      reached.push(file);
      const source = { path: file, source: fs.readFileSync(path.join(root, file), "utf8") };
      const bound = barrelBindings(source).map((n) => barrel.get(n) ?? `typechain-types#${n}`);
      for (const target of [...importSpecifiers(source).map((s) => resolveImport(file, s)), ...bound]) {
        if (target === undefined || target.startsWith("typechain-types")) continue;
        const found = onDisk(target);
        if (found === undefined) expect.fail(`${file} imports ${target}, which is not a .ts or .sol file`);
        visit(found, file);
      }
    };
    visit("test/sdk/toyPreset.ts", "(the preset)");
    visit("contracts/mocks/kit/MockMintableVotesToken.sol", "(its token)");
    // This test's own direct imports (the CLI it runs lists every preset, so only the direct ones count here).
    const self = { path: "test/sdk/preset.plugin.test.ts", source: fs.readFileSync(__filename, "utf8") };
    const direct = [...importSpecifiers(self).map((s) => resolveImport(self.path, s)), ...barrelBindings(self)];
    expect(reached).to.include.members([
      "deploy/modules/Kit.ts",
      "deploy/blocks/handover.ts",
      "contracts/tokens/CappedVotesToken.sol",
    ]);
    // Contracts deployed by name (`m.contract("Name", ...)`) in the preset's files count as imports of their folder.
    const deployed = reached
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => [...fs.readFileSync(path.join(root, f), "utf8").matchAll(/\bm\.contract\(\s*"(\w+)"/g)])
      .map((m) => m[1]);
    // (A name missing from the barrel is a package's artifact, e.g. the Safe of the council: no economy's.)
    const economicDeploys = deployed.filter((n) => economyOf(barrel.get(n) ?? "") !== undefined);
    expect(economicDeploys).to.deep.equal([]);
    expect(deployed).to.include("MockMintableVotesToken");
    const economic = reached.filter((f) => economyOf(f) !== undefined).map((f) => `${seen.get(f)} -> ${f}`);
    expect(economic).to.deep.equal([]);
    const selfEconomic = direct
      .map((t) => (t !== undefined && barrel.has(t) ? barrel.get(t) : t))
      .filter((t) => t !== undefined && economyOf(t) !== undefined);
    expect(selfEconomic).to.deep.equal([]);
  });

  it("shows up in `kit status` with its own status lines and token", async () => {
    const { book } = await deployToy();
    const file = path.join(dir, "toy.json");
    fs.writeFileSync(file, JSON.stringify(book.contracts));
    const run = async (args: string[]) => {
      let stdout = "";
      let stderr = "";
      const code = await runCli(["node", "kit", "--address-book", file, ...args], {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        env: {},
        isTTY: false,
        provider: new BrowserProvider(network.provider as never),
      });
      return { code, stdout, stderr };
    };
    const j = await run(["--json", "status"]);
    expect(j.code, j.stderr).to.equal(0);
    const status = JSON.parse(j.stdout);
    expect(status.presets).to.deep.equal(["toy"]);
    expect(status.toy).to.deep.equal({ rateBps: "100" });
    expect(status.deployment.contracts).to.have.property("Kit#ToyToken");
    expect(status).to.not.have.property("quiver");
    const t = await run(["status"]);
    expect(t.code, t.stderr).to.equal(0);
    expect(t.stdout).to.contain("presets   toy").and.contain("toy       fee rate 100 bps").and.contain("Kit#ToyToken");
    const b = await run(["--json", "token", "balance", (await ethers.getSigners())[1].address]);
    expect(b.code, b.stderr).to.equal(0);
    const text = await run(["token", "balance", (await ethers.getSigners())[1].address]);
    expect(text.stdout).to.contain("1000000 TOY");
  });
});
