import { time } from "@nomicfoundation/hardhat-network-helpers";

/** Pins the next block's time to one second after the latest (automine would use the wall clock), returns it. */
export async function nextTimestamp(): Promise<bigint> {
  const t = BigInt(await time.latest()) + 1n;
  await time.setNextBlockTimestamp(t);
  return t;
}

/** The error a suite sees when it runs against a canary: fast-check's report, or its cause. */
export async function failureOf(run: Promise<void>): Promise<string | undefined> {
  return run.then(
    () => undefined,
    (e: Error & { cause?: Error }) => String(e?.cause?.message ?? e?.message),
  );
}
