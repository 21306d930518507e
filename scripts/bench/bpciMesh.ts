/**
 * BPCI bank mesh rows: register, request, offer, accept, repay, settle, confirm, refund, vote, each measured with 10
 * and with 1,000 registered banks (the extra banks are fresh wallets funded with hardhat_setBalance). Every
 * transition is O(1): the two figures must match (target 1.0). NEX and AUR are OZ ERC-20 stand-ins (RefERC20).
 */
import { ethers, network } from "hardhat";
import { BPCI_PARAMETERS } from "../../sdk/bpci/core/parameters";
import type { BankMesh, RefERC20 } from "../../typechain-types";
import { benchWallet, catalogueRegistry, gasOf, row, type BenchContext, type BenchRow, TOKEN as Q } from "./lib";

async function measure(n: number, ctx: BenchContext) {
  const [admin] = await ethers.getSigners();
  const registry = await catalogueRegistry(admin.address, BPCI_PARAMETERS);
  const nex = (await ethers.deployContract("RefERC20")) as unknown as RefERC20;
  const aur = (await ethers.deployContract("RefERC20")) as unknown as RefERC20;
  const libraries: Record<string, string> = {};
  for (const name of ["UnbondingSegments", "RewardDrip"])
    libraries[name] = await (await ethers.deployContract(name)).getAddress();
  const mesh = (await ethers.deployContract(
    "BankMesh",
    [await nex.getAddress(), await aur.getAddress(), await registry.getAddress()],
    { libraries },
  )) as unknown as BankMesh;
  const at = await mesh.getAddress();
  const banks = Array.from({ length: n + 1 }, (_, i) => benchWallet(`bank ${n}.${i}`).connect(ethers.provider));
  for (const w of banks) {
    await network.provider.send("hardhat_setBalance", [w.address, "0x56BC75E2D63100000"]);
    await nex.mint(w.address, 1_000_000n * Q);
    await aur.mint(w.address, 1_000_000n * Q);
    await nex.connect(w).approve(at, ethers.MaxUint256);
    await aur.connect(w).approve(at, ethers.MaxUint256);
  }
  for (const w of banks.slice(2, n)) await mesh.connect(w).join(5_000n * Q, "bank", "https://bank.example");
  const [a, b] = banks;
  await mesh.connect(b).join(5_000n * Q, "bank B", "https://b.example");
  const register = await gasOf(mesh.connect(a).join(5_000n * Q, "bank A", "https://a.example"));
  ctx.note(`BPCI mesh: ${await mesh.bankCount()} banks registered for the ${n}-bank rows`);
  const request = await gasOf(mesh.connect(a).requestLiquidity(await nex.getAddress(), 1_000n * Q, 1_000, 30 * 86_400));
  const offer = await gasOf(mesh.connect(b).offer(1n, 1_000n * Q, 500, ethers.id("net 30")));
  const accept = await gasOf(mesh.connect(a).accept(1n));
  const repay = await gasOf(mesh.connect(a).repay(1n, (await mesh.offerOf(1n)).due));
  const settle = await gasOf(
    mesh.connect(a).openSettlement(b.address, await aur.getAddress(), 10n * Q, ethers.id("x")),
  );
  const confirm = await gasOf(mesh.connect(b).confirmSettlement(1n));
  await mesh.connect(a).openSettlement(b.address, await nex.getAddress(), 10n * Q, ethers.id("y"));
  await network.provider.send("evm_increaseTime", [1_800]);
  await network.provider.send("evm_mine", []);
  const refund = await gasOf(mesh.connect(b).refundSettlement(2n));
  await mesh
    .connect(a)
    .propose(0, ethers.ZeroAddress, ethers.id("bpci.mesh.settlementTimeout"), 3_600n, ethers.id("d"));
  const vote = await gasOf(mesh.connect(b).vote(1n, true));
  return { register, request, offer, accept, repay, settle, confirm, refund, vote };
}

export default async function bpciMesh(ctx: BenchContext): Promise<BenchRow[]> {
  const small = await measure(10, ctx);
  const large = await measure(1_000, ctx);
  return (Object.keys(small) as (keyof typeof small)[]).flatMap((k) => [
    row(`BPCI mesh: ${k}, 10 banks`, small[k]),
    row(`BPCI mesh: ${k}, 1,000 banks`, large[k], "10 banks", small[k], 1.0),
  ]);
}
