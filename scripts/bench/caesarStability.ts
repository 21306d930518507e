/**
 * CAESAR stability rows (contracts/caesar/stability): a market buy and a sell of CAESAR through the real Uniswap V2
 * router (package artifacts) on a registered pool, with the StabilityController wired as the fee engine's stability
 * source (its factor applied after `refreshFactors`), and a controller update reading the pool's TWAP (with and
 * without the observation roll), beside the same router swap between two plain OZ ERC-20s; then the StabilityGate on
 * the same pair (the token's stability reserve and direct-trade hook): a queued destabilizing buy, a sell with its
 * bonus, a direct router sell asking the hook, the queued buy executed, a buy paying its penalty, a poke.
 */
import { ethers } from "hardhat";
import { ContractFactory, type Contract } from "ethers";
import FactoryArtifact from "@uniswap/v2-core/build/UniswapV2Factory.json";
import RouterArtifact from "@uniswap/v2-periphery/build/UniswapV2Router02.json";
import WethArtifact from "@uniswap/v2-periphery/build/WETH9.json";
import { CAESAR_PARAMETERS } from "../../sdk/caesar/core/parameters";
import type { CaesarToken, StabilityController, StabilityGate } from "../../typechain-types";
import { catalogueRegistry, gasOf, row, warp, type BenchRow, TOKEN as Q } from "./lib";

const DEADLINE = 2n ** 40n;

async function art(a: { abi: unknown[]; bytecode: string }, args: unknown[]): Promise<Contract> {
  const [admin] = await ethers.getSigners();
  const code = a.bytecode.startsWith("0x") ? a.bytecode : `0x${a.bytecode}`;
  const c = await new ContractFactory(a.abi as never, code, admin).deploy(...args);
  await c.waitForDeployment();
  return c as unknown as Contract;
}

export default async function caesarStability(): Promise<BenchRow[]> {
  const sg = await ethers.getSigners();
  const [admin, distributor, reserve, treasury] = sg;
  const [alice] = sg.slice(15, 16);
  const registry = await catalogueRegistry(admin.address, CAESAR_PARAMETERS);
  const token = (await ethers.deployContract("CaesarToken", [
    admin.address,
    await registry.getAddress(),
    distributor.address,
    reserve.address,
    [treasury.address],
    [alice.address, treasury.address],
    [1_000_000n * Q, 10_000_000n * Q],
  ])) as unknown as CaesarToken;
  const factory = await art(FactoryArtifact, [admin.address]);
  const weth = await art(WethArtifact, []);
  const router = await art(RouterArtifact, [await factory.getAddress(), await weth.getAddress()]);
  const usd = await ethers.deployContract("MockStablecoin");
  const c = await token.getAddress();
  const u = await usd.getAddress();
  await (await factory.createPair(c, u)).wait();
  const pair = (await factory.getPair(c, u)) as string;
  await token.setKind(pair, 2n);
  for (const who of [treasury, alice]) {
    await usd.mint(who.address, 1_000_000n * Q);
    await usd.connect(who).approve(await router.getAddress(), ethers.MaxUint256);
    await token.connect(who).approve(await router.getAddress(), ethers.MaxUint256);
  }
  await (router.connect(treasury) as Contract).addLiquidity(
    c,
    u,
    100_000n * Q,
    100_000n * Q,
    0n,
    0n,
    treasury.address,
    DEADLINE,
  );
  const twap = await ethers.deployContract("PoolTwap", [pair, c, await registry.getAddress(), 18, 18]);
  const controller = (await ethers.deployContract("StabilityController", [
    await registry.getAddress(),
    await twap.getAddress(),
    admin.address,
  ])) as unknown as StabilityController;
  await token.setFactorSources(ethers.ZeroAddress, ethers.ZeroAddress, await controller.getAddress());
  const r = router.connect(alice) as Contract;
  // warm both accounts, move the price 10% up and let the TWAP see it
  await r.swapExactTokensForTokensSupportingFeeOnTransferTokens(5_000n * Q, 0n, [u, c], alice.address, DEADLINE);
  await warp(3_600);
  const updateRoll = await gasOf(controller.update());
  await warp(3_600);
  const updateRoll2 = await gasOf(controller.update());
  await token.refreshFactors();
  await warp(3_600);
  const buy = await gasOf(
    r.swapExactTokensForTokensSupportingFeeOnTransferTokens(1_000n * Q, 0n, [u, c], alice.address, DEADLINE),
  );
  const sell = await gasOf(
    r.swapExactTokensForTokensSupportingFeeOnTransferTokens(1_000n * Q, 0n, [c, u], alice.address, DEADLINE),
  );
  const refresh = await gasOf(token.refreshFactors());

  // Reference: the same router swap between two plain ERC-20s (OZ), measured in this run.
  const plainA = await ethers.deployContract("RefERC20");
  const plainB = await ethers.deployContract("RefERC20");
  const [a, b] = [await plainA.getAddress(), await plainB.getAddress()];
  for (const t of [plainA, plainB]) {
    await t.mint(alice.address, 1_000_000n * Q);
    await t.connect(alice).approve(await router.getAddress(), ethers.MaxUint256);
  }
  await r.addLiquidity(a, b, 100_000n * Q, 100_000n * Q, 0n, 0n, alice.address, DEADLINE);
  await r.swapExactTokensForTokens(1_000n * Q, 0n, [a, b], alice.address, DEADLINE); // warm the pair's slots
  const plainSwap = await gasOf(r.swapExactTokensForTokens(1_000n * Q, 0n, [a, b], alice.address, DEADLINE));

  // The StabilityGate on the same pair: the token's stability reserve (funded) and its direct-trade hook.
  const gate = (await ethers.deployContract("StabilityGate", [
    c,
    pair,
    await controller.getAddress(),
    await registry.getAddress(),
    admin.address,
  ])) as unknown as StabilityGate;
  const g = await gate.getAddress();
  await token.setStabilityReserve(g);
  await token.setStabilityGate(g);
  await token.connect(treasury).transfer(g, 10_000n * Q);
  await usd.connect(alice).approve(g, ethers.MaxUint256);
  await token.connect(alice).approve(g, ethers.MaxUint256);
  const ga = gate.connect(alice);
  // The price is ~10% above target: a buy is destabilizing beyond the delay threshold (queued), a sell gets the bonus.
  await warp(3_600);
  await controller.update();
  const queue = await gasOf(ga.buy(1_000n * Q, 0n, DEADLINE));
  const sellBonus = await gasOf(ga.sell(1_000n * Q, 0n, DEADLINE));
  const directSell = await gasOf(
    r.swapExactTokensForTokensSupportingFeeOnTransferTokens(1_000n * Q, 0n, [c, u], alice.address, DEADLINE),
  );
  await warp(3_600);
  await controller.update();
  const execute = await gasOf(ga.execute(1n));
  // Back under the delay threshold (sold down through the gate): a buy pays its penalty into the reserve.
  await ga.sell(1_000n * Q, 0n, DEADLINE);
  await warp(3_600);
  await controller.update();
  const [, dev, out] = await controller.regime();
  if (dev <= 0n || dev >= 10n ** 17n || out <= 0n)
    throw new Error(`bench set-up: regime (${dev}, ${out}) penalises no buy`);
  const buyPenalty = await gasOf(ga.buy(1_000n * Q, 0n, DEADLINE));
  const poke = await gasOf(gate.poke());
  const V2 = "Uniswap V2 router swap (two OZ ERC-20s)";
  return [
    row("CAESAR stability: market buy through the V2 router (controller wired)", buy, V2, plainSwap),
    row("CAESAR stability: market sell through the V2 router (controller wired)", sell, V2, plainSwap),
    row("CAESAR stability: controller update (TWAP read + observation roll)", updateRoll2),
    row("CAESAR stability: controller update (first, TWAP observation roll)", updateRoll),
    row("CAESAR stability: token refreshFactors reading the controller", refresh),
    row("CAESAR gate: buy, penalty into the reserve", buyPenalty, V2, plainSwap),
    row("CAESAR gate: sell, bonus from the reserve", sellBonus, V2, plainSwap),
    row("CAESAR gate: destabilizing buy queued (escrow)", queue),
    row("CAESAR gate: execute a queued buy", execute, V2, plainSwap),
    row("CAESAR gate: direct router sell asking the gate's hook", directSell, V2, plainSwap),
    row("CAESAR gate: poke (breaker check)", poke),
  ];
}
