import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ethers } from "hardhat";
import type { Contract } from "ethers";
import { CAESAR } from "../fixtures";
import { DEADLINE, deployStability } from "./fixtures";

describe("StabilityController on the pool, feeding the fee engine", () => {
  it("reads the pool's TWAP after a large buy and sets CaesarToken's stability factor through refreshFactors", async () => {
    const f = await loadFixture(deployStability);
    const { router, token, usd, alice, controller, twap, admin } = f;
    await token.connect(admin).setFactorSources(ethers.ZeroAddress, ethers.ZeroAddress, await controller.getAddress());
    await (router.connect(alice) as Contract).swapExactTokensForTokensSupportingFeeOnTransferTokens(
      20_000n * CAESAR,
      0n,
      [await usd.getAddress(), await token.getAddress()],
      alice.address,
      DEADLINE,
    );
    await time.increase(3_600);
    const price = await twap.peek();
    await expect(controller.update()).to.emit(controller, "StabilityUpdated");
    const s = await controller.status();
    expect(s.marketPriceWad).to.be.greaterThan(CAESAR);
    expect(s.marketPriceWad - price).to.be.lessThan(price / 1_000n); // one more second of the same price
    const [factor, deviation] = await controller.stabilityFactor();
    expect(factor).to.be.greaterThan(10_000n);
    expect(deviation).to.be.greaterThan(500n);
    await expect(token.refreshFactors()).to.emit(token, "FactorsRefreshed");
    // beyond the 5% threshold the fee engine multiplies the factor by 1.5
    expect((await token.factors())[2]).to.equal((factor * 15_000n) / 10_000n);
  });
});
