import { expect } from "chai";
import { ethers } from "hardhat";
import { amountOutV2, isqrt, spotPriceWad, tradeToPrice } from "../../../sdk/caesar";
import { InvalidArgumentError } from "../../../sdk/kit/core";
import { deployPool, DEADLINE } from "../stability/fixtures";
import { CAESAR } from "../fixtures";
import { WAD } from "../../../sdk/kit/core/math";

describe("CAESAR market math (sdk/caesar/core/market.ts)", () => {
  it("isqrt is the floor square root", () => {
    expect([0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n].map(isqrt)).to.deep.equal([0n, 1n, 1n, 1n, 2n, 3n, 4n, 4n]);
    expect(isqrt(10n ** 36n)).to.equal(10n ** 18n);
    expect(isqrt(10n ** 36n - 1n)).to.equal(10n ** 18n - 1n);
    expect(() => isqrt(-1n)).to.throw(InvalidArgumentError);
  });

  it("amountOutV2 and spotPriceWad are Uniswap V2's formulas; bad reserves are refused", () => {
    expect(amountOutV2(1_000n, 100_000n, 100_000n)).to.equal(987n); // 997000*100000 / (100000000+997000)
    expect(spotPriceWad(4n * WAD, WAD)).to.equal(WAD / 4n);
    expect(() => amountOutV2(1n, 0n, 1n)).to.throw(InvalidArgumentError);
    expect(() => spotPriceWad(0n, 1n)).to.throw(InvalidArgumentError);
    expect(() => tradeToPrice(1n, 1n, 0n)).to.throw(InvalidArgumentError);
  });

  it("tradeToPrice sizes the buy or sell that lands on the target (or just short, never beyond), and none at the target", () => {
    const r = 100_000n * WAD;
    expect(tradeToPrice(r, r, WAD)).to.deep.equal({ side: "none", amountIn: 0n });
    // 130k CAESAR / ~77k quote (after a sell shock): buy quote until quote reserve = sqrt(k)
    const c = 130_000n * WAD;
    const q = 76_923n * WAD;
    const buy = tradeToPrice(c, q, WAD);
    expect(buy.side).to.equal("buy");
    // the root: one wei more crosses the target
    const after = (x: bigint) => spotPriceWad(c - amountOutV2(x, q, c), q + x);
    expect(after(buy.amountIn + 10n ** 6n) > WAD, "a little more crosses").to.equal(true);
    const out = amountOutV2(buy.amountIn, q, c);
    const spot = spotPriceWad(c - out, q + buy.amountIn);
    expect(spot <= WAD && spot > WAD - 10n ** 6n, `spot ${spot}`).to.equal(true);
    const sell = tradeToPrice(q, c, WAD); // the mirror: too expensive, sell CAESAR
    expect(sell.side).to.equal("sell");
    const qOut = amountOutV2(sell.amountIn, q, c);
    const spot2 = spotPriceWad(q + sell.amountIn, c - qOut);
    expect(spot2 >= WAD && spot2 < WAD + 10n ** 6n, `spot ${spot2}`).to.equal(true);
  });

  it("agrees with the real Uniswap V2 pair: a router buy of tradeToPrice's amount lands on the target", async () => {
    const f = await deployPool({
      "caesar.fees.baseBps": 0n,
      "caesar.fees.minFee": 0n,
      "caesar.token.demurrageBps": 0n,
    });
    const { router, token, usd, alice, pair } = f;
    const [c, u] = [await token.getAddress(), await usd.getAddress()];
    await (router.connect(alice) as typeof router).swapExactTokensForTokensSupportingFeeOnTransferTokens(
      30_000n * CAESAR,
      0n,
      [c, u],
      alice.address,
      DEADLINE,
    );
    const reserves = async () => {
      const [r0, r1] = (await pair.getReserves()) as [bigint, bigint];
      return (await pair.token0()) === c ? [r0, r1] : [r1, r0];
    };
    const [rc, rq] = await reserves();
    const t = tradeToPrice(rc, rq, WAD);
    expect(t.side).to.equal("buy");
    await (router.connect(alice) as typeof router).swapExactTokensForTokensSupportingFeeOnTransferTokens(
      t.amountIn,
      0n,
      [u, c],
      alice.address,
      DEADLINE,
    );
    const [rc2, rq2] = await reserves();
    const spot = spotPriceWad(rc2, rq2);
    expect(spot <= WAD && spot > WAD - 10n ** 9n, `spot ${ethers.formatUnits(spot, 18)}`).to.equal(true);
  });
});
