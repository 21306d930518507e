/**
 * CAESAR regional price matrix rows (contracts/caesar/regions/RegionalPriceMatrix.sol) on the largest allowed matrix:
 * 16 regions, complete graph (15 neighbours each, 120 edges). A quote and a hop read are views: their rows are
 * `estimateGas` of a call (the 21,000 of a transaction included), the cost another contract pays is that minus
 * 21,000 plus a call's overhead. Governance edits are transactions: creating a region, a new edge (which rewrites
 * the hop table of all 16 regions), an update of an existing edge (no rewrite), and the 24 temporal factors.
 */
import { ethers } from "hardhat";
import { CAESAR_PARAMETERS } from "../../sdk/caesar/core/parameters";
import type { RegionalPriceMatrix } from "../../typechain-types";
import { catalogueRegistry, gasOf, row, type BenchRow } from "./lib";

export default async function caesarRegions(): Promise<BenchRow[]> {
  const [admin] = await ethers.getSigners();
  const registry = await catalogueRegistry(admin.address, CAESAR_PARAMETERS);
  const matrix = (await ethers.deployContract("RegionalPriceMatrix", [
    await registry.getAddress(),
    admin.address,
  ])) as unknown as RegionalPriceMatrix;
  const firstRegion = await gasOf(matrix.setRegion(1, 12_000n, 11_000n, 10_500n));
  for (let id = 2; id <= 16; id++) await matrix.setRegion(id, 12_000n, 11_000n, 10_500n);
  let lastNewEdge = 0n;
  for (let a = 1; a <= 16; a++) {
    for (let b = a + 1; b <= 16; b++) lastNewEdge = await gasOf(matrix.setEdge(a, b, 150n, -100n));
  }
  const edgeUpdate = await gasOf(matrix.setEdge(1, 2, 300n, -200n));
  const temporal = await gasOf(
    matrix.setTemporalFactors(Array.from({ length: 24 }, (_, h) => 10_000n + BigInt(h) * 100n)),
  );
  const quote = await matrix.quote.estimateGas(16, 1_800_000_000n, 1);
  const hops = await matrix.hops.estimateGas(16, 1);
  return [
    row("CAESAR regions: quote, 16 regions x 15 neighbours (eth_estimateGas)", quote),
    row("CAESAR regions: hops, 16 regions (eth_estimateGas)", hops),
    row("CAESAR regions: setRegion (new)", firstRegion),
    row("CAESAR regions: setEdge (new, hop table of 16 rewritten)", lastNewEdge),
    row("CAESAR regions: setEdge (update, no rewrite)", edgeUpdate),
    row("CAESAR regions: setTemporalFactors (24)", temporal),
  ];
}
