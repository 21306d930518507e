import type { Command } from "commander";
import type { Provider } from "ethers";
import { InvalidArgumentError, KitError } from "../../kit/core";
import type { CliContext } from "../context";
import { durationArg, formatTime, localOnly, uintArg } from "../helpers";

/** Most blocks `kit dev mine` mines at once. */
const MAX_BLOCKS = 100_000n;

/** The provider's raw JSON-RPC `send` (JsonRpcProvider, BrowserProvider). */
async function rawSend(c: CliContext): Promise<Send> {
  const provider = await c.provider();
  const send = (provider as Provider & { send?: Send }).send;
  if (typeof send !== "function") throw new KitError("the provider cannot send raw JSON-RPC requests");
  return (method, params) => send.call(provider, method, params);
}

/** {@link rawSend}, refused on chains other than local ones. */
async function localRpc(c: CliContext, what: string): Promise<Send> {
  await localOnly(c, `dev ${what}`);
  return rawSend(c);
}

type Send = (method: string, params: unknown[]) => Promise<unknown>;

/** The latest block, read raw (a provider's cache would show the block before the one just mined). */
async function head(send: Send): Promise<{ block: number; timestamp: bigint }> {
  const b = (await send("eth_getBlockByNumber", ["latest", false])) as { number: string; timestamp: string } | null;
  if (!b) throw new KitError("the node returned no latest block");
  return { block: Number(BigInt(b.number)), timestamp: BigInt(b.timestamp) };
}

/** `kit dev …`: local-chain helpers (time travel, mining) so multi-day flows need no raw JSON-RPC. */
export function registerDev(program: Command, ctx: () => CliContext): void {
  const dev = program.command("dev").description("local chains only (31337, 1337): move time, mine blocks");
  const time = dev.command("time").description("the chain's clock");

  time
    .command("show")
    .description("the latest block and its timestamp")
    .action(async () => {
      const c = ctx();
      const now = await head(await rawSend(c));
      c.print(now, (r) => [`block ${r.block} at ${formatTime(r.timestamp)}`]);
    });

  time
    .command("advance")
    .description("mine one block <duration> after the latest one (seconds, or 90m, 6h, 7d, 1d12h)")
    .argument("<duration>")
    .action(async (d: string) => {
      const c = ctx();
      const seconds = durationArg(d, "duration");
      const send = await localRpc(c, "time advance");
      const before = await head(send);
      // Exact: the next block is stamped `latest + seconds` (Hardhat and anvil keep the offset for later blocks).
      await send("evm_setNextBlockTimestamp", [Number(before.timestamp + seconds)]);
      await send("evm_mine", []);
      const after = await head(send);
      c.print({ seconds, from: before, to: after }, (r) => [
        `advanced ${r.seconds} s: block ${r.to.block} at ${formatTime(r.to.timestamp)} (was ${formatTime(r.from.timestamp)})`,
      ]);
    });

  dev
    .command("mine")
    .description("mine blocks (default 1)")
    .argument("[blocks]", "how many", "1")
    .action(async (n: string) => {
      const c = ctx();
      const blocks = uintArg(n, "blocks");
      if (blocks === 0n || blocks > MAX_BLOCKS) {
        throw new InvalidArgumentError(`blocks must be 1..${MAX_BLOCKS}, not ${blocks}`, { details: { blocks: n } });
      }
      const send = await localRpc(c, "mine");
      const before = await head(send);
      if (blocks === 1n) await send("evm_mine", []);
      else {
        // hardhat_mine (Hardhat; anvil accepts it too) mines many blocks in one request; else one evm_mine each.
        try {
          await send("hardhat_mine", ["0x" + blocks.toString(16)]);
        } catch {
          for (let i = 0n; i < blocks; i++) await send("evm_mine", []);
        }
      }
      const after = await head(send);
      c.print({ mined: after.block - before.block, from: before, to: after }, (r) => [
        `mined ${r.mined} block${r.mined === 1 ? "" : "s"}: block ${r.to.block} at ${formatTime(r.to.timestamp)}`,
      ]);
    });
}
