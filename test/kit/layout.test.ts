import { expect } from "chai";
import { join } from "node:path";
import {
  barrelBindings,
  barrelIndex,
  edge,
  economyOf,
  findViolations,
  importSpecifiers,
  readBarrel,
  resolveImport,
  scanRepository,
} from "../helpers/layout";

/**
 * Known wrong-way imports, each `file -> imported file`, left from the time QUIVer was the only economy.
 * The list only shrinks: any import not listed here fails the test below, and so does an entry that no longer
 * occurs (delete it when the import goes).
 */
const KNOWN_VIOLATIONS: readonly string[] = [];

/** `require("spec")` / `import("spec")` text for a synthetic file, built so this file holds no such call itself. */
const call = (fn: "require" | "import", spec: string) => `${fn}(${JSON.stringify(spec)})`;

const REPO_ROOT = join(__dirname, "..", "..");

describe("Kit layout: dependencies point one way", () => {
  describe("the repository", () => {
    it("has no wrong-way import besides the known ones (shared -> economy, economy -> other economy)", () => {
      const files = scanRepository(REPO_ROOT);
      expect(files.length).to.be.greaterThan(100);
      // bindings taken from the root typechain barrel count as imports of their contract's folder
      const barrel = readBarrel(REPO_ROOT);
      expect(barrel.get("QuivToken")).to.equal("contracts/quiver/QuivToken");
      const known = new Set(KNOWN_VIOLATIONS);
      const fresh = [...new Set(findViolations(files, barrel).map(edge))].filter((e) => !known.has(e));
      expect(fresh, "new wrong-way imports").to.deep.equal([]);
      // The list only shrinks: an entry that no longer occurs must be deleted from it.
      const found = new Set(findViolations(files, barrel).map(edge));
      expect(
        KNOWN_VIOLATIONS.filter((e) => !found.has(e)),
        "known violations that are gone (delete them)",
      ).to.deep.equal([]);
    });

    it("reads the import lines of every scanned tree", () => {
      const files = scanRepository(REPO_ROOT);
      for (const root of ["contracts/", "deploy/", "sdk/", "scripts/", "test/"])
        expect(
          files.some((f) => f.path.startsWith(root)),
          root,
        ).to.equal(true);
      const self = files.find((f) => f.path === "test/kit/layout.test.ts");
      expect(self && importSpecifiers(self)).to.include("../helpers/layout");
    });
  });

  describe("the checker (canaries)", () => {
    it("flags a shared SDK file importing an economy", () => {
      const files = [
        {
          path: "sdk/kit/core/fresh.ts",
          source: 'import { QUIVER_PARAMETERS } from "../../quiver/core/parameters";\n',
        },
      ];
      expect(findViolations(files).map(edge)).to.deep.equal(["sdk/kit/core/fresh.ts -> sdk/quiver/core/parameters"]);
    });

    it("flags a shared contract importing an economy's contract, and a typechain binding of one", () => {
      const files = [
        { path: "contracts/staking/Fresh.sol", source: 'import {IQuivToken} from "../quiver/IQuivToken.sol";\n' },
        {
          path: "deploy/blocks/fresh.ts",
          source: 'import type {\n  QuivToken,\n} from "../../typechain-types/contracts/quiver/QuivToken";\n',
        },
      ];
      expect(findViolations(files).map(edge)).to.deep.equal([
        "contracts/staking/Fresh.sol -> contracts/quiver/IQuivToken.sol",
        "deploy/blocks/fresh.ts -> contracts/quiver/QuivToken",
      ]);
    });

    it("flags a binding of an economy's contract taken from the root typechain barrel, named or through a namespace", () => {
      const barrel = barrelIndex(
        'export type { QuivToken } from "./contracts/quiver/QuivToken";\n' +
          'export { NexToken__factory } from "./factories/contracts/bpci/tokens/NexToken__factory";\n' +
          'export type { ParameterRegistry } from "./contracts/registry/ParameterRegistry";\n',
      );
      expect([...barrel.keys()]).to.deep.equal(["QuivToken", "NexToken__factory", "ParameterRegistry"]);
      const files = [
        {
          path: "test/helpers/fresh.ts",
          source: 'import type { ParameterRegistry, QuivToken as Q } from "../../typechain-types";\n',
        },
        {
          path: "sdk/kit/chain/fresh.ts",
          source:
            'import type * as TC from "../../../typechain-types";\nlet a: TC.ParameterRegistry; let b = TC.NexToken__factory;\n',
        },
        { path: "test/quiver/own.ts", source: 'import type { QuivToken } from "../../typechain-types";\n' },
      ];
      expect(barrelBindings(files[1])).to.deep.equal(["ParameterRegistry", "NexToken__factory"]);
      expect(findViolations(files, barrel).map(edge)).to.deep.equal([
        "test/helpers/fresh.ts -> contracts/quiver/QuivToken",
        "sdk/kit/chain/fresh.ts -> contracts/bpci/tokens/NexToken__factory",
      ]);
      expect(findViolations(files).map(edge), "without the barrel the names are not known").to.deep.equal([]);
    });

    it("flags an economy importing another economy, with require() and import() forms", () => {
      const files = [
        { path: "contracts/caesar/Fresh.sol", source: 'import "../quiver/QuivToken.sol";\n' },
        {
          path: "test/bpci/fresh.test.ts",
          source: `const q = ${call("require", "../quiver/QuivToken.test")};\nawait ${call("import", "../../sdk/caesar/core")};\n`,
        },
      ];
      const found = findViolations(files);
      expect(found.map(edge)).to.deep.equal([
        "contracts/caesar/Fresh.sol -> contracts/quiver/QuivToken.sol",
        "test/bpci/fresh.test.ts -> test/quiver/QuivToken.test",
        "test/bpci/fresh.test.ts -> sdk/caesar/core",
      ]);
      expect(found[0].reason).to.equal("the caesar economy imports the quiver economy");
    });

    it("allows an economy's own imports, shared imports, packages, comments and the exempt files", () => {
      const files = [
        {
          path: "sdk/quiver/tx/x.ts",
          source: 'import { send } from "../../kit/tx";\nimport { a } from "../core/market";\n',
        },
        {
          path: "contracts/quiver/X.sol",
          source: 'import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";\n',
        },
        { path: "deploy/modules/Quiver.ts", source: 'import { buildQuiver } from "../quiver/economy";\n' },
        { path: "sdk/presets.ts", source: 'import { quiverPreset } from "./quiver/preset";\n' },
        { path: "scripts/demo.ts", source: 'import { x } from "../sdk/quiver/core";\n' },
        { path: "test/sdk/x.test.ts", source: 'import { x } from "../../sdk/quiver/core";\n' },
        {
          path: "sdk/kit/core/y.ts",
          source: '// import { x } from "../../quiver/core";\n/* from "../../quiver/core" */\n',
        },
      ];
      expect(findViolations(files)).to.deep.equal([]);
    });

    it("knows which folder belongs to which economy", () => {
      expect(economyOf("contracts/quiver/QuivToken.sol")).to.equal("quiver");
      expect(economyOf("contracts/mocks/caesar/M.sol")).to.equal("caesar");
      expect(economyOf("deploy/modules/Bpci.ts")).to.equal("bpci");
      expect(economyOf("deploy/modules/BpciLive.ts")).to.equal("bpci");
      expect(economyOf("deploy/modules/Kit.ts")).to.equal(undefined);
      expect(economyOf("contracts/mocks/kit/M.sol")).to.equal(undefined);
      expect(economyOf("sdk/kit/quiver.ts")).to.equal(undefined);
      expect(resolveImport("sdk/cli/x.ts", "economy-kit/core")).to.equal("sdk/kit/core");
      expect(resolveImport("sdk/cli/x.ts", "@openzeppelin/contracts/token/ERC20/ERC20.sol")).to.equal(undefined);
      expect(resolveImport("test/kit/x.ts", "../../typechain-types/factories/contracts/quiver/X__factory")).to.equal(
        "contracts/quiver/X__factory",
      );
    });
  });
});
