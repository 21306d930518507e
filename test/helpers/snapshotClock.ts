/**
 * Deterministic block time after a snapshot is restored, for the in-process chain of the test suites.
 *
 * After `evm_revert` (which `loadFixture` calls before every test but the first), Hardhat mines the next block at
 * the wall clock plus the restored time offset, so a test that reads `time.latest()` after `loadFixture` and
 * expects its next transaction at `latest + 1` (deadlines `now + 100`, errors carrying `block.timestamp`) fails
 * whenever the fixture's snapshot is older than its margin: on a loaded machine, or with two test workers sharing
 * two cores. `installSnapshotClock` makes the first block after every successful revert `latest + 1`, as if no wall
 * time had passed; a test that sets the next timestamp itself (`time.setNextBlockTimestamp`, `time.increase`,
 * `time.increaseTo`, which mine with an explicit timestamp) still wins, because it comes later.
 *
 * It acts only inside a mocha run (mocha's `it` global is defined), so `hardhat node`, the demo and the bench keep
 * Hardhat's own behaviour. One caveat, which no suite here meets: a raw `evm_increaseTime` right after a revert is
 * ignored for that first block (an explicit next timestamp takes precedence); use `time.increase` instead.
 */

/** The part of an EIP-1193 provider this module wraps. */
interface RequestProvider {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
}

const INSTALLED = Symbol.for("economy-kit.snapshotClock");

/** True while mocha runs tests in this process (serial runs and parallel workers alike). */
function insideMocha(): boolean {
  return typeof (globalThis as { it?: unknown }).it === "function";
}

/**
 * Wraps `provider.request` once (idempotent): after a successful `evm_revert` inside a mocha run, the next block's
 * timestamp is set to the restored latest block's timestamp plus one.
 *
 * @example
 * installSnapshotClock(hre.network.provider);
 */
export function installSnapshotClock(provider: RequestProvider): void {
  const marked = provider as RequestProvider & { [INSTALLED]?: true };
  if (marked[INSTALLED]) return;
  const original = provider.request.bind(provider);
  marked.request = async (args) => {
    const result = await original(args);
    if (args.method === "evm_revert" && result === true && insideMocha()) {
      const block = (await original({ method: "eth_getBlockByNumber", params: ["latest", false] })) as {
        timestamp: string;
      };
      await original({ method: "evm_setNextBlockTimestamp", params: [Number(BigInt(block.timestamp) + 1n)] });
    }
    return result;
  };
  marked[INSTALLED] = true;
}
