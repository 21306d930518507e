/**
 * BPCI stability monitor rows: a check that records nothing new (six feed reads, three thresholds), the check that
 * enters an emergency and sets the halt flag, queueing an intervention of one and of eight changes (and the 100th,
 * to show the cost does not grow with the history), executing one, cancelling one. Feeds are the kit's
 * MockAggregatorV3. No reference implementation is measured (none exists for this mechanism).
 */
import { ethers } from "hardhat";
import { BPCI_PARAMETERS, parameterKey } from "../../sdk/bpci/core/parameters";
import { FAST_PATH_KEYS } from "../../sdk/bpci/core/stability";
import type { MockAggregatorV3, StabilityMonitor } from "../../typechain-types";
import { catalogueRegistry, gasOf, row, type BenchContext, type BenchRow } from "./lib";

const ONE = 10n ** 8n;

export default async function bpciStability(ctx: BenchContext): Promise<BenchRow[]> {
  const [admin, council, guardian, keeper] = await ethers.getSigners();
  const registry = await catalogueRegistry(admin.address, BPCI_PARAMETERS);
  const feeds: MockAggregatorV3[] = [];
  for (let i = 0; i < 5; i++) {
    feeds.push((await ethers.deployContract("MockAggregatorV3", [8, ONE])) as unknown as MockAggregatorV3);
  }
  const [aur, gold, flx, nex, ref] = await Promise.all(feeds.map((f) => f.getAddress()));
  const monitor = (await ethers.deployContract("StabilityMonitor", [
    admin.address,
    council.address,
    guardian.address,
    await registry.getAddress(),
    [
      [aur, gold, 0n],
      [flx, ethers.ZeroAddress, 10n ** 18n],
      [nex, ref, 0n],
    ],
    FAST_PATH_KEYS.map(parameterKey),
  ])) as unknown as StabilityMonitor;
  await registry.grantRole(await registry.PARAMETER_ADMIN_ROLE(), await monitor.getAddress());
  const m = monitor.connect(keeper);
  await m.check();
  const quiet = await gasOf(m.check());
  await feeds[2].updateAnswer((ONE * 70n) / 100n);
  const emergency = await gasOf(m.check());
  const steady = await gasOf(m.check());
  await feeds[2].updateAnswer((ONE * 115n) / 100n);
  await m.check(); // back to Intervention: the episode ends
  const c = monitor.connect(council);
  const margin = parameterKey("bpci.aur.marginBps");
  const one = await gasOf(c.propose([margin], [300n], "margin 3%"));
  const eight = FAST_PATH_KEYS.slice(0, 8).map(parameterKey);
  const values = await Promise.all(eight.map(async (k) => await registry.get(k)));
  const many = await gasOf(c.propose(eight, values, "eight changes at their current values"));
  for (let i = 3; i < 100; i++) await c.propose([margin], [300n], "again");
  const hundredth = await gasOf(c.propose([margin], [300n], "the 100th"));
  await ethers.provider.send("evm_increaseTime", [6 * 3600]);
  const execute = await gasOf(m.execute(1n));
  const cancel = await gasOf(monitor.connect(guardian).cancel(2n));
  ctx.note(
    "BPCI stability: check reads six feeds (two per token) and three registry values; gas does not depend on anything that grows",
  );
  return [
    row("BPCI stability: check, level unchanged (3 tokens, 6 feeds)", quiet),
    row("BPCI stability: check entering an emergency (sets the halt flag)", emergency),
    row("BPCI stability: check during the emergency (no second halt)", steady),
    row("BPCI stability: propose an intervention, 1 change (a fresh check first)", one),
    row("BPCI stability: propose an intervention, 8 changes", many),
    row("BPCI stability: propose the 100th intervention, 1 change", hundredth, "the 1st", one, 1.0),
    row("BPCI stability: execute an intervention, 1 change (registry set)", execute),
    row("BPCI stability: cancel an intervention (guardian)", cancel),
  ];
}
