/**
 * Ignition deployments from the SDK and CLI, without a Hardhat runtime: the real Ignition modules of
 * `deploy/modules/` run through `@nomicfoundation/ignition-core` over any JSON-RPC endpoint, signing either
 * with a local key or with the node's unlocked accounts. The journal and `deployed_addresses.json` are written
 * to `<deploymentsDir>/<economy>-chain-<id>/` (one deployment per economy and chain; `npx hardhat ignition deploy
 * --deployment-id quiver-chain-31337` writes the same place), so the address book finds each economy's.
 */
import fs from "node:fs";
import path from "node:path";
import {
  deploy,
  DeploymentResultType,
  ExecutionEventType,
  type ArtifactResolver,
  type DeploymentParameters,
  type EIP1193Provider,
  type ExecutionEventListener,
  type IgnitionModule,
} from "@nomicfoundation/ignition-core";
import { JsonRpcProvider, Transaction, type Wallet } from "ethers";
import { InvalidArgumentError, KitError } from "../core/errors";
import { addressBookFrom, deploymentIdOf, type AddressBook } from "../chain/addressBook";
import { LOCAL_CHAIN_IDS, deployTargetOf, findPreset, listPresets, type Preset } from "../preset";
import { REPO_ROOT, deploymentsDir } from "./root";

// The address book read from disk (the pure mapping is economy-kit/chain's).
export {
  DEFAULT_DEPLOYMENTS_DIR,
  defaultDeploymentsDir,
  deploymentsDirFromEnv,
  deployedEconomies,
  loadAddressBook,
} from "./addressBookFile";
export type { LoadAddressBookOptions } from "./addressBookFile";

/**
 * Names of the deployable presets: every registered {@link Preset} (sdk/presets.ts registers the built-in ones;
 * import it, or register your own with `registerPreset`, before deploying by name).
 *
 * @example
 * presetNames(); // ["quiver"]
 */
export function presetNames(): string[] {
  return listPresets().map((p) => p.name);
}

/** Repository root (for artifacts/ and deploy/parameters/), from the sources and from dist/ alike. */
export { REPO_ROOT };

/**
 * Reads `artifacts/` as written by `npx hardhat compile`.
 *
 * @example
 * await artifactResolver().loadArtifact("QuivToken");
 */
export function artifactResolver(artifactsDir = path.join(REPO_ROOT, "artifacts")): ArtifactResolver {
  const index = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "build-info") walk(full);
      } else if (entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json")) {
        const name = entry.name.slice(0, -5);
        if (!index.has(name)) index.set(name, full); // the repo's own contracts win over libraries'
      }
    }
  };
  return {
    async loadArtifact(contractName: string) {
      if (index.size === 0) {
        if (!fs.existsSync(path.join(artifactsDir, "contracts"))) {
          throw new InvalidArgumentError(`no artifacts in ${artifactsDir}: run \`npx hardhat compile\` first`);
        }
        walk(path.join(artifactsDir, "contracts"));
        // Library contracts the modules deploy directly (OpenZeppelin's TimelockController, ...).
        walk(artifactsDir);
      }
      const file = index.get(contractName);
      if (!file) throw new InvalidArgumentError(`no artifact for ${contractName} in ${artifactsDir}`);
      return JSON.parse(fs.readFileSync(file, "utf8"));
    },
    async getBuildInfo() {
      return undefined; // only needed for verification, which goes through `npx hardhat ignition verify`
    },
  };
}

/**
 * An EIP-1193 provider over a JSON-RPC URL that signs locally with `wallet` (when given): `eth_accounts`
 * answers the wallet's address and `eth_sendTransaction` is signed here and sent raw, so the node never
 * sees the key. Without a wallet every request goes to the node (its unlocked accounts sign).
 *
 * @example
 * const eip1193 = signingEip1193(new JsonRpcProvider(url), wallet);
 */
export function signingEip1193(rpc: JsonRpcProvider, wallet?: Wallet): EIP1193Provider {
  return {
    async request({ method, params }) {
      const list = (params ?? []) as unknown[];
      if (wallet && (method === "eth_accounts" || method === "eth_requestAccounts")) return [wallet.address];
      if (wallet && method === "eth_sendTransaction") {
        const t = list[0] as Record<string, string | undefined>;
        if (t.from && t.from.toLowerCase() !== wallet.address.toLowerCase()) {
          throw new InvalidArgumentError(`cannot sign for ${t.from}`);
        }
        const { chainId } = await rpc.getNetwork();
        const big = (v: string | undefined) => (v === undefined ? undefined : BigInt(v));
        const tx = Transaction.from({
          chainId,
          to: t.to ?? null,
          data: t.data ?? "0x",
          value: big(t.value) ?? 0n,
          nonce: Number(t.nonce ?? (await rpc.getTransactionCount(wallet.address, "pending"))),
          gasLimit: big(t.gas) ?? 30_000_000n,
          ...(t.maxFeePerGas
            ? { type: 2, maxFeePerGas: big(t.maxFeePerGas), maxPriorityFeePerGas: big(t.maxPriorityFeePerGas) }
            : { type: 0, gasPrice: big(t.gasPrice) ?? (await rpc.getFeeData()).gasPrice }),
        });
        const signed = await wallet.signTransaction(tx);
        return rpc.send("eth_sendRawTransaction", [signed]);
      }
      return rpc.send(method, list);
    },
  };
}

/**
 * Reads an Ignition parameters file (`deploy/parameters/<network>.json`), turning `"123n"` strings into bigints
 * as `npx hardhat ignition deploy --parameters` does.
 *
 * @example
 * readDeploymentParameters("deploy/parameters/quiver.localhost.json").Kit.genesisAmounts; // [150000000…n, …]
 */
export function readDeploymentParameters(file: string): DeploymentParameters {
  if (!fs.existsSync(file)) throw new InvalidArgumentError(`parameters file not found: ${file}`);
  return JSON.parse(fs.readFileSync(file, "utf8"), (_k, v: unknown) =>
    typeof v === "string" && /^\d+n$/.test(v) ? BigInt(v.slice(0, -1)) : v,
  ) as DeploymentParameters;
}

/**
 * The number of futures (deployments, calls, reads) of an Ignition module and its submodules: the steps
 * `deployPreset` reports through `onStep` on a fresh deployment.
 *
 * @example
 * futureCount(await findPreset("quiver").loadModule("local")); // 60-odd
 */
export function futureCount(m: IgnitionModule): number {
  const ids = new Set<string>();
  const walk = (x: IgnitionModule) => {
    for (const f of x.futures) ids.add(f.id);
    for (const sub of x.submodules) walk(sub);
  };
  walk(m);
  return ids.size;
}

/** Addresses below this are placeholders (`0x…D001`): the example parameters files use them for addresses to fill in. */
const PLACEHOLDER_BELOW = 1n << 64n;

/**
 * Every address parameter that is a placeholder (an address numerically below 2^64, such as
 * `0x000000000000000000000000000000000000D001` in deploy/parameters/*.sepolia.json), as `Module.param` or
 * `Module.param[i]` with its value. Nobody holds keys for them: a deployment would send genesis tokens and roles to
 * addresses no one controls, and `kit deploy` refuses them on any chain that is not a local dev chain.
 *
 * @example
 * placeholderAddresses(readDeploymentParameters("deploy/parameters/caesar.sepolia.json")); // ["Kit.council[0] = 0x…C001", ...]
 */
export function placeholderAddresses(parameters: DeploymentParameters): string[] {
  const out: string[] = [];
  const check = (where: string, v: unknown) => {
    if (typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v) && BigInt(v) < PLACEHOLDER_BELOW)
      out.push(`${where} = ${v}`);
  };
  for (const [module, params] of Object.entries(parameters)) {
    for (const [name, v] of Object.entries((params ?? {}) as Record<string, unknown>)) {
      if (Array.isArray(v)) v.forEach((x, i) => check(`${module}.${name}[${i}]`, x));
      else check(`${module}.${name}`, v);
    }
  }
  return out;
}

/** Options of {@link deployPreset}. */
export interface DeployPresetOptions {
  /** JSON-RPC endpoint. */
  readonly rpcUrl: string;
  /** A registered preset's name (`"quiver"`, `"caesar"`, `"bpci"`, ...) or a preset descriptor. */
  readonly preset: string | Preset;
  /** Signs locally when given; otherwise the node's first unlocked account deploys. */
  readonly wallet?: Wallet;
  /** Ignition parameters (see {@link readDeploymentParameters}). */
  readonly parameters?: DeploymentParameters;
  /** Ignition deployments directory (default `$KIT_DEPLOYMENTS_DIR`, else `deploy/deployments`). */
  readonly deploymentsDir?: string;
  /** Wipe this economy's previous deployment journal for this chain first (a restarted local node). */
  readonly reset?: boolean;
  /** Called for each finished step (`"Kit#EconomyGovernor"`), for progress output. */
  readonly onStep?: (futureId: string, done: number) => void;
}

/**
 * Deploys a preset through its Ignition module and returns the resulting address book.
 *
 * @example
 * const book = await deployPreset({ rpcUrl: "http://127.0.0.1:8545", preset: "quiver", parameters: readDeploymentParameters(file) });
 * book.contracts["Kit#EconomyGovernor"];
 */
export async function deployPreset(options: DeployPresetOptions): Promise<AddressBook> {
  const preset = typeof options.preset === "object" ? options.preset : findPreset(options.preset);
  const presetName = preset.name;
  const rpc = new JsonRpcProvider(options.rpcUrl, undefined, { staticNetwork: true });
  try {
    const { chainId } = await rpc.getNetwork();
    // Mock feeds only on a local dev chain: anywhere else the preset's live module (outside addresses from parameters).
    const target = deployTargetOf(chainId);
    const placeholders = target === "live" ? placeholderAddresses(options.parameters ?? {}) : [];
    if (placeholders.length > 0) {
      throw new InvalidArgumentError(
        `the parameters name ${placeholders.length} placeholder address(es) nobody controls; fill them in before deploying to chain ${chainId}: ${placeholders.join(", ")}`,
        { details: { chainId, placeholders } },
      );
    }
    const ignitionModule = await preset.loadModule(target);
    const provider = signingEip1193(rpc, options.wallet?.connect(rpc) as Wallet | undefined);
    const accounts = (await provider.request({ method: "eth_accounts" })) as string[];
    if (accounts.length === 0) throw new InvalidArgumentError("no account to deploy from: give a private key");
    // One journal per economy and chain: each economy deploys its own kit stack under the same `Kit#...` ids.
    const deploymentDir = path.join(deploymentsDir(options.deploymentsDir), deploymentIdOf(presetName, chainId));
    if (options.reset) fs.rmSync(deploymentDir, { recursive: true, force: true });
    let done = 0;
    const listener = Object.fromEntries(
      Object.values(ExecutionEventType).map((t) => [
        t.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()),
        (e: { futureId?: string }) => {
          if (e.futureId && t.endsWith("_EXECUTION_STATE_COMPLETE")) options.onStep?.(e.futureId, ++done);
        },
      ]),
    ) as unknown as ExecutionEventListener;
    const result = await deploy({
      // A local automining node has the receipt at once: poll it every 50 ms, not Ignition's 1 s per batch.
      config: LOCAL_CHAIN_IDS.has(chainId) ? { blockPollingInterval: 50 } : {},
      artifactResolver: artifactResolver(),
      provider,
      executionEventListener: listener,
      deploymentDir,
      ignitionModule,
      deploymentParameters: options.parameters ?? {},
      accounts,
      defaultSender: accounts[0],
    });
    if (result.type !== DeploymentResultType.SUCCESSFUL_DEPLOYMENT) {
      throw new KitError(`deployment of ${presetName} failed (${result.type})`, {
        details: { result: JSON.parse(JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? `${v}` : v))) },
      });
    }
    const contracts = Object.fromEntries(Object.entries(result.contracts).map(([id, c]) => [id, c.address]));
    return Object.freeze({ ...addressBookFrom(chainId, contracts), economy: presetName });
  } finally {
    rpc.destroy();
  }
}
