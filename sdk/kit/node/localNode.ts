/**
 * Local development nodes as child processes: `hardhat node` or anvil on a free port, ready when they answer
 * `eth_chainId`. Used by `npm run devnet` and the process tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { KitError } from "../core/errors";
import { REPO_ROOT } from "./root";

/** The repository root (where node_modules/.bin lives), from the sources and from dist/ alike. */
const ROOT = REPO_ROOT;

/** A running local node. */
export interface LocalNode {
  readonly kind: "hardhat" | "anvil";
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Everything the node printed so far (for diagnostics). */
  output(): string;
  /** Stops the node (SIGTERM, then SIGKILL after 3 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Options of {@link startLocalNode}. */
export interface StartNodeOptions {
  readonly kind: "hardhat" | "anvil";
  /** Port (default: a free one). */
  readonly port?: number;
  /** Chain id (anvil only; hardhat node is always 31337). */
  readonly chainId?: number;
  /** How long to wait for the first answer (default 60 s). */
  readonly timeoutMs?: number;
  /** Forward the node's output to this stream as it comes. */
  readonly echo?: NodeJS.WritableStream;
}

/**
 * A free TCP port on 127.0.0.1.
 *
 * @example
 * const port = await freePort();
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(1_000),
    });
    return res.ok && typeof ((await res.json()) as { result?: string }).result === "string";
  } catch {
    return false;
  }
}

/**
 * Starts `hardhat node` or anvil and resolves once it serves JSON-RPC.
 *
 * @example
 * const node = await startLocalNode({ kind: "anvil" });
 * try { console.log(node.url) } finally { await node.stop() }
 */
export async function startLocalNode(options: StartNodeOptions): Promise<LocalNode> {
  const port = options.port ?? (await freePort());
  const bin = path.join(ROOT, "node_modules", ".bin", options.kind === "hardhat" ? "hardhat" : "anvil");
  const args =
    options.kind === "hardhat"
      ? ["node", "--hostname", "127.0.0.1", "--port", String(port)]
      : [
          "--host",
          "127.0.0.1",
          "--port",
          String(port),
          ...(options.chainId ? ["--chain-id", String(options.chainId)] : []),
        ];
  const child = spawn(bin, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: process.env });
  let log = "";
  const collect = (b: Buffer) => {
    log += b.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
    options.echo?.write(b);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const node: LocalNode = {
    kind: options.kind,
    url,
    port,
    process: child,
    output: () => log,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
      await exit;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!(await answers(url))) {
    if (exited || Date.now() > deadline) {
      await node.stop();
      throw new KitError(`${options.kind} node did not start on port ${port}`, {
        details: { output: log.slice(-2_000) },
      });
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return node;
}
