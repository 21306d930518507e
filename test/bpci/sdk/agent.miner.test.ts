import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, mine, setBalance, time } from "@nomicfoundation/hardhat-network-helpers";
import { BrowserProvider, type Eip1193Provider } from "ethers";
import { deployBpciEconomy, type BpciEconomy } from "../fixtures/preset";
import { BpciMinerAgent, connectBpci } from "../../../sdk/bpci";
import { MemoryLogger } from "../../../sdk/kit/agents/log";
import { POE_ABI } from "../../../sdk/bpci/chain/contracts";
import { feeLegs, poeFee } from "../../../sdk/bpci/core/poe";
import { findBpciParameter } from "../../../sdk/bpci/core/parameters";

/** Largest `eth_getLogs` range (blocks, inclusive) the wrapped node accepts, like a public RPC's limit. */
const RANGE_LIMIT = 20;
const FEE_BPS = findBpciParameter("bpci.poe.feeBps")!.value;

/**
 * The in-process node behind an EIP-1193 wrapper that refuses `eth_getLogs` over more than {@link RANGE_LIMIT}
 * blocks and, once, runs `before` ahead of the first request carrying calldata for `selector` (a competing
 * transaction landing between the agent's read and its own transaction).
 */
function wrappedNode(hook?: { selector: string; before: () => Promise<void> }) {
  const inner = network.provider as unknown as Eip1193Provider;
  const ranges: number[] = [];
  let fired = false;
  const block = async (tag: unknown): Promise<number> =>
    tag === "latest" || tag === undefined
      ? Number(await inner.request({ method: "eth_blockNumber", params: [] }))
      : Number(tag);
  const provider: Eip1193Provider = {
    request: async (req: { method: string; params?: unknown[] | object }) => {
      const params = (req.params ?? []) as Array<Record<string, unknown>>;
      if (req.method === "eth_getLogs") {
        const span = (await block(params[0].toBlock)) - (await block(params[0].fromBlock)) + 1;
        ranges.push(span);
        if (span > RANGE_LIMIT) throw new Error(`query exceeds max block range ${RANGE_LIMIT}`);
      }
      const data = params[0]?.data ?? params[0]?.input;
      if (hook && !fired && typeof data === "string" && data.startsWith(hook.selector)) {
        fired = true;
        await hook.before();
      }
      return inner.request(req);
    },
  };
  return { provider: new BrowserProvider(provider), ranges };
}

async function agentFor(f: BpciEconomy, hook?: Parameters<typeof wrappedNode>[0]) {
  const node = wrappedNode(hook);
  const signer = await node.provider.getSigner(f.miner.address);
  const log = new MemoryLogger();
  const agent = new BpciMinerAgent({ signer, contracts: connectBpci(f.book, signer), log, chunkSize: RANGE_LIMIT });
  return { agent, log, ranges: node.ranges };
}

describe("BpciMinerAgent (kit agent bpci-miner)", () => {
  it("scans from block 0 to a head far past a node's eth_getLogs range limit in chunks, and confirms its job", async () => {
    const f = await loadFixture(deployBpciEconomy);
    const value = 5_000n * 10n ** 21n;
    await f.mining.connect(f.bob).submitJob(f.miner.address, 3, await f.wflx.getAddress(), value);
    await mine(3 * RANGE_LIMIT); // a long gap of empty blocks
    const head = await ethers.provider.getBlockNumber();
    expect(head).to.be.greaterThan(5 * RANGE_LIMIT);
    const { agent, log, ranges } = await agentFor(f);
    const tick = await agent.tick();
    expect(tick.confirmed).to.deep.equal([2n]);
    expect(ranges.every((r) => r <= RANGE_LIMIT)).to.equal(true);
    // Two event kinds, each over [0, head] in ceil((head + 1) / 20) chunks.
    expect(ranges.length).to.equal(2 * Math.ceil((head + 1) / RANGE_LIMIT));
    const legs = feeLegs(poeFee(value, FEE_BPS), 2_000n, 3_000n, 2_000n);
    const rec = log.records.find((r) => r.event === "job.confirmed")!;
    expect(rec.fields).to.include({ jobId: 2n, epoch: 1n, locked: legs.locked, spendable: legs.spendable });
    expect(log.lines.every((l) => JSON.parse(l).agent === "memory")).to.equal(true);
  });

  it("a real failure (the miner cannot pay gas) is logged at error with its name and fails the tick", async () => {
    const f = await loadFixture(deployBpciEconomy);
    await f.mining.connect(f.bob).submitJob(f.miner.address, 0, await f.wflx.getAddress(), 10n ** 21n);
    const { agent, log } = await agentFor(f);
    await setBalance(f.miner.address, 0n);
    await expect(agent.tick()).to.be.rejected;
    const rec = log.records.find((r) => r.event === "job.confirm.failed")!;
    expect(rec.level).to.equal("error");
    expect(rec.fields.jobId).to.equal(2n);
    expect(rec.fields.errorName).to.equal("KitError"); // not a revert: the node refused the transaction
    expect(Number(await f.mining.state(2n))).to.equal(1); // still Pending: picked up again next tick
    await setBalance(f.miner.address, 10n ** 20n);
    expect((await agent.tick()).confirmed).to.deep.equal([2n]);
  });

  it("the known races are warnings decoded by error name: the job confirmed by another run, the epoch closed by someone else", async () => {
    const f = await loadFixture(deployBpciEconomy);
    await f.mining.connect(f.bob).submitJob(f.miner.address, 0, await f.wflx.getAddress(), 10n ** 21n);
    const confirm = POE_ABI.iface.getFunction("confirmJob")!.selector;
    // Another process of the same miner confirms job 2 between the agent's state read and its own confirmation.
    const race = await agentFor(f, {
      selector: confirm,
      before: async () => void (await f.mining.connect(f.miner).confirmJob(2n)),
    });
    const t1 = await race.agent.tick();
    expect(t1.confirmed).to.deep.equal([]);
    const skipped = race.log.records.find((r) => r.event === "job.confirm.skipped")!;
    expect(skipped.level).to.equal("warn");
    expect(skipped.fields).to.include({ jobId: 2n, errorName: "PoeUnexpectedState" });
    // Epoch 1 ends; someone closes it between the agent's epochStatus read and its closeEpoch.
    await time.increase(Number(await f.mining.EPOCH_LENGTH()));
    const close = POE_ABI.iface.getFunction("closeEpoch")!.selector;
    const other = await agentFor(f, {
      selector: close,
      before: async () => void (await f.mining.connect(f.bob).closeEpoch()),
    });
    const t2 = await other.agent.tick();
    expect(t2.closed).to.deep.equal([]);
    const notEnded = other.log.records.find((r) => r.event === "epoch.close.skipped")!;
    expect(notEnded.level).to.equal("warn");
    expect(notEnded.fields).to.include({ epoch: 1n, errorName: "PoeEpochNotEnded" });
    // The tick went on to claim the miner's share of epoch 1 (its only miner: all of the issuance).
    const [, , , , , , , issued] = (await f.mining.queryFilter(f.mining.filters.EpochClosed(1n)))[0].args;
    expect(t2.claimed).to.deep.equal([{ epoch: 1n, amount: issued }]);
  });
});
