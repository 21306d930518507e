/**
 * `npm run demo` and `npm run devnet` as real processes: the demo prints every step and exits 0; the devnet
 * starts a node, deploys, prints the addresses, and stays up until stopped.
 */
import { expect } from "chai";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { JsonRpcProvider } from "ethers";
import { readTokenInfo } from "../../sdk/kit/chain";
import { loadAddressBook } from "../../sdk/kit/node/deploy";
import { freePort } from "../../sdk/kit/node/localNode";
import { parseAmount } from "../../sdk/kit/core";
import { connectFoundation } from "../../sdk/quiver";

const ROOT = path.resolve(__dirname, "..", "..");
const coverage = Boolean((hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING);

describe("scripts as processes", function () {
  this.timeout(180_000);
  before(function () {
    if (coverage) this.skip();
  });

  it("`npm run demo` tells the story step by step with amounts and exits 0", async () => {
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(path.join(ROOT, "node_modules", ".bin", "hardhat"), ["run", "scripts/demo.ts"], {
        cwd: ROOT,
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
      child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), 150_000);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
    expect(out.code, out.stderr).to.equal(0);
    for (const step of [
      "1. Genesis allocation",
      "2. A transfer",
      "3. Delegation and votes",
      "4. A burn (the cap is unaffected)",
      "5. A registry read",
      "6. A fee split",
      "7. A provider registers and stakes",
      "8. A delegator delegates; tierOf",
      "9. An emission epoch",
      "10. A governance proposal through the timelock (EconomicParameter)",
    ]) {
      expect(out.stdout).to.contain(step);
    }
    expect(out.stdout).to.contain("ecosystem -> alice 25000 QUIV");
    expect(out.stdout).to.contain("tierOf(provider) = 2");
    expect(out.stdout).to.contain("staking rewards 864000 QUIV, treasury 288000 QUIV, ecosystem 288000 QUIV");
    expect(out.stdout).to.contain("executed: quiver.market.treasuryFeeBps 200 -> 250 bps (Executed)");
    expect(out.stdout).to.contain("supply 400000000 QUIV -> 399999000 QUIV");
    expect(out.stdout).to.contain("on-chain split identical: true");
    // the fee split uses the deployed shares, named by where they come from
    expect(out.stdout).to.match(/treasury fee \(quiver\.market\.treasuryFeeBps\)\s+200 bps/);
    expect(out.stdout).to.match(/burn \(quiver\.market\.burnBps\)\s+100 bps/);
    expect(out.stdout).to.contain("network fee (PricingOracle.networkFeeBps)");
    // CAESAR and BPCI follow, numbered on, each checking its amounts against the SDK (a mismatch exits 1)
    expect(out.stdout).to.match(/\d+\. A transfer pays the fee the token quoted, to the wei/);
    expect(out.stdout).to.contain("alice -> #5 1000 CAESAR: fee 1 CAESAR, penalty 0 CAESAR, receiver got 999 CAESAR");
    expect(out.stdout).to.contain("(the SDK predicted it before the jump)");
    expect(out.stdout).to.match(/bob relayed it and paid the gas: processed true/);
    expect(out.stdout).to.match(/reserve [\d.]+ CAESAR \(SDK agrees\)/);
    expect(out.stdout).to.match(/bob claimed [\d.]+ CAESAR/);
    expect(out.stdout).to.match(/\d+\. BPCI genesis: four tokens/);
    expect(out.stdout).to.contain("(SDK agrees)");
  });

  describe("given `npm run devnet` on a free port", () => {
    let child: ReturnType<typeof spawn> | undefined;
    let dir: string;
    let exited: Promise<void>;

    after(async () => {
      if (child && child.exitCode === null) {
        child.kill("SIGTERM");
        const t = setTimeout(() => child?.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(t);
      }
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("deploys every preset (QUIVer on its Kit stack), prints the addresses and keeps serving", async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-devnet-"));
      const port = await freePort();
      child = spawn(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", "scripts/devnet.ts"], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), KIT_DEPLOYMENTS_DIR: dir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      exited = new Promise((r) => child!.once("exit", () => r()));
      let stdout = "";
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`devnet did not come up:\n${stdout}`)), 150_000);
        child!.stdout!.on("data", (b: Buffer) => {
          stdout += b.toString();
          if (stdout.includes("Ctrl-C stops the node")) {
            clearTimeout(timer);
            resolve();
          }
        });
        child!.once("exit", (code) => reject(new Error(`devnet exited with ${code}:\n${stdout}`)));
      });
      expect(stdout).to.match(/Kit#QuivToken\s+0x[0-9a-fA-F]{40}/);
      expect(stdout).to.match(/Quiver#EmissionController\s+0x[0-9a-fA-F]{40}/); // the QUIVer preset
      const provider = new JsonRpcProvider(`http://127.0.0.1:${port}`, undefined, { staticNetwork: true });
      try {
        const book = loadAddressBook({ chainId: 31337, deploymentsDir: dir, economy: "quiver" });
        const info = await readTokenInfo(connectFoundation(book, provider).quiv);
        expect(info.totalSupply).to.equal(parseAmount("400000000"));
      } finally {
        provider.destroy();
      }
      expect(child.exitCode).to.equal(null); // still running
    });
  });
});
