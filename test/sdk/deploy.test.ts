import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { JsonRpcProvider, Wallet } from "ethers";
import { InvalidArgumentError } from "../../sdk/kit/core";
import {
  artifactResolver,
  deployPreset,
  presetNames,
  readDeploymentParameters,
  signingEip1193,
} from "../../sdk/kit/node/deploy";
import { Progress, type CliIO } from "../../sdk/cli/context";

describe("sdk/chain/deploy (no node needed)", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-deploy-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads Ignition parameter files, turning `123n` strings into bigints", () => {
    const p = readDeploymentParameters(path.join(__dirname, "..", "..", "deploy", "parameters", "localhost.json"));
    const f = p.Foundation as { genesisRecipients: string[]; genesisAmounts: bigint[] };
    expect(f.genesisRecipients).to.have.length(3);
    expect(f.genesisAmounts).to.deep.equal([
      150_000_000n * 10n ** 18n,
      150_000_000n * 10n ** 18n,
      100_000_000n * 10n ** 18n,
    ]);
    expect(() => readDeploymentParameters(path.join(dir, "none.json"))).to.throw(InvalidArgumentError, /not found/);
  });

  it("knows the registered presets (quiver) and rejects unknown ones before connecting", async () => {
    await import("../../sdk/presets");
    expect(presetNames()).to.include("quiver");
    await expect(deployPreset({ rpcUrl: "http://127.0.0.1:1", preset: "quiver-full" })).to.be.rejectedWith(
      InvalidArgumentError,
      /unknown preset "quiver-full"/,
    );
  });

  it("resolves artifacts from artifacts/ and explains a missing one", async () => {
    const r = artifactResolver();
    expect((await r.loadArtifact("QuivToken")).contractName).to.equal("QuivToken");
    await expect(r.loadArtifact("NoSuchContract")).to.be.rejectedWith(InvalidArgumentError, /no artifact/);
    await expect(artifactResolver(dir).loadArtifact("QuivToken")).to.be.rejectedWith(InvalidArgumentError, /compile/);
    expect(await r.getBuildInfo("QuivToken")).to.equal(undefined);
  });

  it("the signing EIP-1193 provider answers accounts locally and refuses to sign for another sender", async () => {
    const rpc = new JsonRpcProvider("http://127.0.0.1:1", 31337, { staticNetwork: true });
    try {
      const wallet = Wallet.createRandom();
      const p = signingEip1193(rpc, wallet as unknown as Wallet);
      expect(await p.request({ method: "eth_accounts" })).to.deep.equal([wallet.address]);
      await expect(
        p.request({ method: "eth_sendTransaction", params: [{ from: "0x0000000000000000000000000000000000000001" }] }),
      ).to.be.rejectedWith(InvalidArgumentError, /cannot sign for/);
    } finally {
      rpc.destroy();
    }
  });
});

describe("CLI progress indicator", () => {
  const io = (isTTY: boolean) => {
    const lines: string[] = [];
    const cli: CliIO = { stdout: () => undefined, stderr: (t) => lines.push(t), env: {}, isTTY };
    return { cli, lines };
  };

  it("animates a status line on a terminal and ends with a mark", () => {
    const { cli, lines } = io(true);
    const p = new Progress(cli, "deploying", false);
    p.update("[1] Kit#QuivToken");
    p.done();
    expect(lines.join("")).to.contain("deploying: [1] Kit#QuivToken").and.contain("✔ deploying");
  });

  it("prints plain lines when not a terminal, and nothing when silent (--json)", () => {
    const plain = io(false);
    const p = new Progress(plain.cli, "burn", false);
    p.update("sending");
    p.done(false);
    expect(plain.lines[0]).to.equal("… burn\n");
    expect(plain.lines[1]).to.equal("  sending\n");
    expect(plain.lines[2]).to.match(/^✖ burn \(\d+\.\ds\)\n$/);
    const silent = io(true);
    const s = new Progress(silent.cli, "x", true);
    s.update("y");
    s.done();
    expect(silent.lines).to.deep.equal([]);
  });
});
