import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { JsonRpcProvider, Wallet } from "ethers";
import { InvalidArgumentError } from "../../sdk/kit/core";
import {
  artifactResolver,
  deployPreset,
  placeholderAddresses,
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

  it("finds the placeholder addresses of a parameters file (below 2^64), in arrays too, and no real address", () => {
    const params = (file: string) =>
      readDeploymentParameters(path.join(__dirname, "..", "..", "deploy", "parameters", file));
    const quiver = placeholderAddresses(params("quiver.sepolia.json"));
    expect(quiver).to.include("Kit.genesisRecipients[0] = 0x000000000000000000000000000000000000D001");
    expect(quiver).to.include("Quiver.growthFeed = 0x000000000000000000000000000000000000F100");
    for (const f of ["caesar.sepolia.json", "bpci.sepolia.json"])
      expect(placeholderAddresses(params(f)), f).to.not.be.empty;
    // The local files use Hardhat's accounts: nothing to fill in.
    for (const f of ["quiver.localhost.json", "caesar.localhost.json", "bpci.localhost.json"])
      expect(placeholderAddresses(params(f)), f).to.deep.equal([]);
    expect(
      placeholderAddresses({
        M: {
          a: "0x000000000000000000000000000000000000FFFF",
          b: "0x0000000000000000000000010000000000000000", // exactly 2^64: not a placeholder
          c: ["0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x0000000000000000000000000000000000000001"],
          d: 5n,
          e: "0x1234",
        },
      }),
    ).to.deep.equal([
      "M.a = 0x000000000000000000000000000000000000FFFF",
      "M.c[1] = 0x0000000000000000000000000000000000000001",
    ]);
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
