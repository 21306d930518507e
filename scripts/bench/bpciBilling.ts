/**
 * BPCI billing meter rows: commit a settlement, pay its four totals, and verify a record's inclusion with trees of
 * 1,000 and 100,000 records (the proof grows with log2 of the records, nothing else does). The four tokens are OZ
 * ERC-20 stand-ins (RefERC20): the payment row is the meter's work plus four plain `transferFrom`s; with the preset's
 * votes tokens each transfer costs what their rows in this table say. No reference implementation is measured.
 */
import { ethers } from "hardhat";
import { BPCI_PARAMETERS } from "../../sdk/bpci/core/parameters";
import { buildBillingTree, type UsageRecord } from "../../sdk/bpci/core/billing";
import type { BillingMeter, RefERC20 } from "../../typechain-types";
import { catalogueRegistry, gasOf, row, type BenchContext, type BenchRow, TOKEN as Q } from "./lib";

function records(n: number, user: string): UsageRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    user,
    service: i % 10,
    resource: BigInt(1_000 + i),
    gen: Q / 100n,
    nex: Q / 50n,
    flx: BigInt(i + 1) * 10n ** 15n,
    aur: Q / 1_000n,
    usd: 2n * Q + BigInt(i),
  }));
}

export default async function bpciBilling(ctx: BenchContext): Promise<BenchRow[]> {
  const [admin, operator, payer, treasury] = await ethers.getSigners();
  const registry = await catalogueRegistry(admin.address, BPCI_PARAMETERS);
  const tokens: RefERC20[] = [];
  for (let i = 0; i < 4; i++) {
    const t = (await ethers.deployContract("RefERC20")) as unknown as RefERC20;
    await t.mint(payer.address, 1_000_000n * Q);
    await t.mint(treasury.address, 1n); // the treasury already holds each token: no fresh-slot cost in the rows
    tokens.push(t);
  }
  const meter = (await ethers.deployContract("BillingMeter", [
    admin.address,
    operator.address,
    await registry.getAddress(),
    treasury.address,
    ...(await Promise.all(tokens.map((t) => t.getAddress()))),
  ])) as unknown as BillingMeter;
  for (const t of tokens) await t.connect(payer).approve(await meter.getAddress(), ethers.MaxUint256);

  const small = buildBillingTree(records(1_000, payer.address));
  const t0 = Date.now();
  const large = buildBillingTree(records(100_000, payer.address));
  ctx.note(`BPCI billing: the SDK built a 100,000-record tree in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const m = meter.connect(operator);
  const first = await gasOf(m.commit(1, small.root, 1_000, payer.address, small.totals));
  for (let p = 2; p < 100; p++) await m.commit(p, small.root, 1_000, payer.address, small.totals);
  const hundredth = await gasOf(m.commit(100, large.root, 100_000, payer.address, large.totals));
  const pay = await gasOf(meter.connect(payer).pay(1n));
  const verify = async (id: bigint, tree: typeof small, i: number) =>
    (await meter.verify.estimateGas(id, tree.records[i], tree.proof(i))) - 21_000n;
  const v1k = await verify(1n, small, 777);
  const v100k = await verify(100n, large, 77_777);
  ctx.note(
    `BPCI billing: proofs of ${small.proof(777).length} and ${large.proof(77_777).length} hashes; verify is a view (gas of the call without the 21,000 intrinsic)`,
  );
  return [
    row("BPCI billing: commit a settlement (root, 5 totals, payer)", first),
    row("BPCI billing: commit the 100th settlement (100,000 records)", hundredth, "the 1st", first, 1.0),
    row("BPCI billing: pay the four totals into the treasury (OZ ERC-20 stand-ins)", pay),
    row("BPCI billing: verify a record, 1,000 records (view)", v1k),
    row("BPCI billing: verify a record, 100,000 records (view)", v100k),
  ];
}
