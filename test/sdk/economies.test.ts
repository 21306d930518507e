/**
 * Several economies on one chain: each has its own deployment (`<economy>-chain-<id>`: its journal and address book,
 * because each deploys its own `Kit#...` stack). The SDK's `loadAddressBook` picks the economy's, and the CLI
 * resolves it: `--economy` / `KIT_ECONOMY` for the shared commands, the command group's own economy for a
 * preset's commands (also a subcommand it adds to another preset's group), the only deployed economy otherwise.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers } from "hardhat";
import type { Command } from "commander";
import { chooseDeployment, deploymentIdOf, economiesIn } from "../../sdk/kit/chain/addressBook";
import { deployedEconomies, loadAddressBook } from "../../sdk/kit/node/addressBookFile";
import { InvalidArgumentError } from "../../sdk/kit/core";
import { registerPreset, unregisterPreset } from "../../sdk/kit/preset";
import type { CliContext } from "../../sdk/cli/context";
import { kitRunner } from "../helpers/kitCli";
import { deployToy, toyPreset } from "./toyPreset";

const ADDRESS = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;

function writeBook(dir: string, deploymentId: string, contracts: Record<string, string>): void {
  fs.mkdirSync(path.join(dir, deploymentId), { recursive: true });
  fs.writeFileSync(path.join(dir, deploymentId, "deployed_addresses.json"), JSON.stringify(contracts));
}

describe("one deployment per economy and chain", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-economies-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe("the pure mapping (sdk/kit/chain: no files)", () => {
    it("economiesIn keeps <economy>-chain-<id> folders of the chain that hold addresses; chooseDeployment picks one", () => {
      const folders = ["quiver-chain-31337", "caesar-chain-31337", "chain-31337", "Bad-chain-31337", "bpci-chain-1"];
      expect(economiesIn(folders, 31337n, (f) => f !== "caesar-chain-31337")).to.deep.equal(["quiver"]);
      expect(
        chooseDeployment(
          { chainId: 31337 },
          () => false,
          () => ["quiver"],
        ),
      ).to.deep.equal({
        id: "quiver-chain-31337",
        economy: "quiver",
      });
      expect(
        chooseDeployment(
          { chainId: 31337, economy: "bpci" },
          (id) => id === "chain-31337",
          () => [],
        ),
      ).to.deep.equal({ id: "chain-31337", economy: "bpci" });
      expect(() =>
        chooseDeployment(
          { chainId: 1 },
          () => false,
          () => ["a", "b"],
        ),
      ).to.throw(
        InvalidArgumentError,
        "2 economies are deployed on chain 1 (a, b): choose one (the CLI's --economy <name> or KIT_ECONOMY; the SDK's loadAddressBook({ economy }))",
      );
    });
  });

  describe("loadAddressBook", () => {
    it("reads <economy>-chain-<id> for a named economy and records the economy in the book", () => {
      writeBook(dir, "quiver-chain-31337", { "Kit#Treasury": ADDRESS(1) });
      writeBook(dir, "caesar-chain-31337", { "Kit#Treasury": ADDRESS(2) });
      const q = loadAddressBook({ chainId: 31337, deploymentsDir: dir, economy: "quiver" });
      expect(q.contracts["Kit#Treasury"]).to.equal(ethers.getAddress(ADDRESS(1)));
      expect(q.economy).to.equal("quiver");
      expect(q.source).to.equal(path.join(dir, "quiver-chain-31337", "deployed_addresses.json"));
      expect(loadAddressBook({ chainId: 31337n, deploymentsDir: dir, economy: "caesar" }).contracts).to.deep.equal({
        "Kit#Treasury": ethers.getAddress(ADDRESS(2)),
      });
    });

    it("without an economy: the only one deployed on the chain; several is an error naming them", () => {
      writeBook(dir, "quiver-chain-31337", { "Kit#Treasury": ADDRESS(1) });
      writeBook(dir, "caesar-chain-5", { "Kit#Treasury": ADDRESS(2) }); // another chain: not counted
      expect(loadAddressBook({ chainId: 31337, deploymentsDir: dir }).economy).to.equal("quiver");
      writeBook(dir, "caesar-chain-31337", { "Kit#Treasury": ADDRESS(2) });
      expect(deployedEconomies(31337, dir)).to.deep.equal(["caesar", "quiver"]);
      expect(() => loadAddressBook({ chainId: 31337, deploymentsDir: dir })).to.throw(
        InvalidArgumentError,
        "2 economies are deployed on chain 31337 (caesar, quiver): choose one",
      );
    });

    it("Ignition's own chain-<id> (a deploy without a deployment id) is read when no economy is named", () => {
      writeBook(dir, "chain-31337", { "Kit#Treasury": ADDRESS(3) });
      writeBook(dir, "quiver-chain-31337", { "Kit#Treasury": ADDRESS(1) });
      const plain = loadAddressBook({ chainId: 31337, deploymentsDir: dir });
      expect(plain.contracts["Kit#Treasury"]).to.equal(ethers.getAddress(ADDRESS(3)));
      expect(plain.economy).to.equal(undefined);
      expect(loadAddressBook({ chainId: 31337, deploymentsDir: dir, economy: "quiver" }).economy).to.equal("quiver");
      // An economy without its own folder falls back to chain-<id> (`npx hardhat ignition deploy` without an id).
      const caesar = loadAddressBook({ chainId: 31337, deploymentsDir: dir, economy: "caesar" });
      expect(caesar.contracts["Kit#Treasury"]).to.equal(ethers.getAddress(ADDRESS(3)));
      expect(caesar.economy).to.equal("caesar");
    });

    it("a named economy without a deployment is an error naming the folder it looked for", () => {
      expect(() => loadAddressBook({ chainId: 31337, deploymentsDir: dir, economy: "bpci" })).to.throw(
        InvalidArgumentError,
        `no deployment of bpci found for chain 31337 (looked for ${path.join(dir, "bpci-chain-31337")}`,
      );
      expect(() => loadAddressBook({ chainId: 1, deploymentsDir: dir })).to.throw(
        InvalidArgumentError,
        "or any <economy>-chain-1",
      );
    });

    it("deploymentIdOf refuses names that are not economy names", () => {
      expect(deploymentIdOf("quiver", 31337n)).to.equal("quiver-chain-31337");
      for (const bad of ["", "Quiver", "../x", "a/b"]) {
        expect(() => deploymentIdOf(bad, 1), bad).to.throw(InvalidArgumentError, "not an economy name");
      }
    });
  });

  describe("the CLI, with two toy economies deployed on the in-process chain", function () {
    this.timeout(120_000);
    const holder = async () => (await ethers.getSigners())[1].address;
    /** `toyb`'s own group `toyb supply`, and `toyb-bot` added to toy's group `toys`: both read toyb's book. */
    const commands = (program: Command, ctx: () => CliContext) => {
      const supply = async () => {
        const book = await ctx().addressBook();
        ctx().print({ economy: book.economy }, (r) => [`economy ${r.economy}`]);
      };
      program.command("toyb").command("supply").action(supply);
      const group = program.commands.find((c) => c.name() === "toys") ?? program.command("toys");
      group.command("toyb-bot").action(supply);
    };
    const toyCommands = (program: Command, ctx: () => CliContext) => {
      program
        .command("toys")
        .command("own")
        .action(async () => {
          const book = await ctx().addressBook();
          ctx().print({ economy: book.economy }, (r) => [`economy ${r.economy}`]);
        });
    };

    let cliDir: string;
    before(async () => {
      registerPreset(toyPreset("toya", { commands: toyCommands as never }));
      registerPreset(toyPreset("toyb", { commands: commands as never }));
      // Two deployments of the same module, one per economy, written where `kit deploy` would write them.
      cliDir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-economies-cli-"));
      const chainId = (await ethers.provider.getNetwork()).chainId;
      const a = await deployToy(1_000_000n * 10n ** 18n);
      const b = await deployToy(2_000_000n * 10n ** 18n);
      writeBook(cliDir, deploymentIdOf("toya", chainId), a.book.contracts);
      writeBook(cliDir, deploymentIdOf("toyb", chainId), b.book.contracts);
    });
    after(() => {
      fs.rmSync(cliDir, { recursive: true, force: true });
      unregisterPreset("toya");
      unregisterPreset("toyb");
    });

    const cli = kitRunner({ prefix: () => ["--deployments", cliDir] });
    const run = (args: string[], env: Record<string, string> = {}) => cli.kit(args, null, { env });

    it("a shared command without --economy exits 2 naming the deployed economies; --economy and KIT_ECONOMY pick one", async () => {
      const who = await holder();
      const none = await run(["--json", "token", "balance", who]);
      expect(none.code).to.equal(2);
      expect(none.json().error.message).to.contain("2 economies are deployed on chain 31337 (toya, toyb)");
      const a = await run(["--json", "--economy", "toya", "token", "balance", who]);
      expect(a.code, a.stderr).to.equal(0);
      expect(a.json().balance).to.equal(`${1_000_000n * 10n ** 18n}`);
      const b = await run(["--json", "token", "balance", who], { KIT_ECONOMY: "toyb" });
      expect(b.code, b.stderr).to.equal(0);
      expect(b.json().balance).to.equal(`${2_000_000n * 10n ** 18n}`);
      const unknown = await run(["--json", "--economy", "nope", "token", "balance", who]);
      expect(unknown.code).to.equal(2);
      expect(unknown.json().error.message).to.contain('unknown preset "nope"');
    });

    it("a preset's own commands read its deployment, also a subcommand it added to another preset's group", async () => {
      for (const [args, economy] of [
        [["toyb", "supply"], "toyb"],
        [["toys", "toyb-bot"], "toyb"],
        [["toys", "own"], "toya"],
      ] as const) {
        const r = await run(["--json", ...args]);
        expect(r.code, r.stderr).to.equal(0);
        expect(r.json(), args.join(" ")).to.deep.equal({ economy });
      }
    });

    it("`kit status` shows every deployed economy under economies.<name>, or one with --economy", async () => {
      const all = await run(["--json", "status", "--account", await holder()]);
      expect(all.code, all.stderr).to.equal(0);
      const s = all.json();
      expect(Object.keys(s.economies)).to.deep.equal(["toya", "toyb"]);
      expect(s.economies.toya.accounts[0].balance).to.equal(`${1_000_000n * 10n ** 18n}`);
      expect(s.economies.toyb.accounts[0].balance).to.equal(`${2_000_000n * 10n ** 18n}`);
      expect(s.economies.toyb.toyb).to.deep.equal({ rateBps: "100" });
      const text = await run(["status"]);
      expect(text.stdout).to.contain("economy   toya").and.contain("economy   toyb").and.contain("toyb      fee rate");
      const one = await run(["--json", "--economy", "toyb", "status"]);
      expect(one.json().economy).to.equal("toyb");
      expect(one.json()).to.not.have.property("economies");
    });
  });
});
