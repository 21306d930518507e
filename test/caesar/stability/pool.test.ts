import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { Contract } from "ethers";
import PairArtifact from "@uniswap/v2-core/build/UniswapV2Pair.json";
import RouterArtifact from "@uniswap/v2-periphery/build/UniswapV2Router02.json";
import { CAESAR } from "../fixtures";
import { DEADLINE, deployPool, SEED, type PoolFixture } from "./fixtures";

/** Uniswap V2's pair init-code hash, hard-coded in UniswapV2Library.pairFor. */
const INIT_CODE_HASH = "96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f";

/** Every router trade a holder makes: buy, sell, add and remove liquidity; each must succeed. */
async function tradeEverything(f: PoolFixture): Promise<void> {
  const { router, token, usd, alice, pair, pairAddress } = f;
  const r = router.connect(alice) as Contract;
  const c = await token.getAddress();
  const u = await usd.getAddress();
  const cBefore = await token.balanceOf(alice.address);
  await r.swapExactTokensForTokensSupportingFeeOnTransferTokens(1_000n * CAESAR, 0n, [u, c], alice.address, DEADLINE);
  expect(await token.balanceOf(alice.address)).to.be.greaterThan(cBefore);
  const uBefore = await usd.balanceOf(alice.address);
  await r.swapExactTokensForTokensSupportingFeeOnTransferTokens(1_000n * CAESAR, 0n, [c, u], alice.address, DEADLINE);
  expect(await usd.balanceOf(alice.address)).to.be.greaterThan(uBefore);
  const lpBefore = (await pair.balanceOf(alice.address)) as bigint;
  await r.addLiquidity(c, u, 500n * CAESAR, 500n * CAESAR, 0n, 0n, alice.address, DEADLINE);
  const lp = ((await pair.balanceOf(alice.address)) as bigint) - lpBefore;
  expect(lp).to.be.greaterThan(0n);
  await (pair.connect(alice) as Contract).approve(await router.getAddress(), lp);
  await r.removeLiquidity(c, u, lp, 0n, 0n, alice.address, DEADLINE);
  // reserves equal balances after every trade (nothing to skim on the CAESAR side)
  const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
  const caesar0 = (await pair.token0()) === c;
  expect(await token.balanceOf(pairAddress)).to.equal(caesar0 ? r0 : r1);
}

describe("CAESAR pool (a real Uniswap V2 pair)", () => {
  it("uses the artifacts' pair bytecode, whose init-code hash the router's library hard-codes", async () => {
    const { factory, router, token, usd, pairAddress } = await loadFixture(deployPool);
    expect(ethers.keccak256(`0x${PairArtifact.bytecode.replace(/^0x/, "")}`)).to.equal(`0x${INIT_CODE_HASH}`);
    expect(RouterArtifact.bytecode.includes(INIT_CODE_HASH)).to.equal(true);
    expect(await router.factory()).to.equal(await factory.getAddress());
    const [a, b] = [await token.getAddress(), await usd.getAddress()].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
    const salt = ethers.keccak256(ethers.solidityPacked(["address", "address"], [a, b]));
    expect(ethers.getCreate2Address(await factory.getAddress(), salt, `0x${INIT_CODE_HASH}`)).to.equal(pairAddress);
  });

  it("registers the pair as a CAESAR pool seeded 1:1", async () => {
    const { token, pair, pairAddress } = await loadFixture(deployPool);
    expect(await token.kindOf(pairAddress)).to.equal(2n);
    const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
    expect([r0, r1]).to.deep.equal([SEED, SEED]);
  });

  it("trades through the router on the first day", async () => {
    const f = await loadFixture(deployPool);
    await tradeEverything(f);
  });

  it("trades through the router after a month without a sync", async () => {
    const f = await loadFixture(deployPool);
    await time.increase(30 * 86_400);
    await tradeEverything(f);
  });

  it("trades through the router right after a sync, which applied the pool's decay to the reserves", async () => {
    const f = await loadFixture(deployPool);
    const { token, pair, pairAddress } = f;
    await time.increase(30 * 86_400);
    const before = await token.balanceOf(pairAddress);
    await expect(token.syncPool(pairAddress)).to.emit(pair, "Sync");
    const after = await token.balanceOf(pairAddress);
    expect(after).to.be.lessThan(before);
    const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
    expect(((await pair.token0()) as string) === (await token.getAddress()) ? r0 : r1).to.equal(after);
    await tradeEverything(f);
  });
});
