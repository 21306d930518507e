import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { CAESAR, caesarDefaults } from "./fixtures";

/**
 * Errors of CaesarToken's relayed path not reached through the processor (it skips an authorization whose charge
 * is above its maxFee instead of reverting): the token itself refuses the charge, with the amounts.
 */
describe("CaesarToken.transferFromAuthorized: the charge bound", () => {
  async function withProcessorRole() {
    const f = await caesarDefaults();
    await f.token.connect(f.admin).grantRole(await f.token.PROCESSOR_ROLE(), f.dave.address);
    return f;
  }

  it("refuses a fee above maxCharge with CaesarChargeAboveMax(from, charge, maxCharge); moves at exactly it", async () => {
    const f = await loadFixture(withProcessorRole);
    const amount = 1_000n * CAESAR;
    // Ten minutes into a congestion window of a new day: the quote and both calls share the day and the window.
    const genesis = await f.token.genesisTime();
    const day = (BigInt(await time.latest()) - genesis) / 86_400n + 1n;
    await time.increaseTo(genesis + day * 86_400n + 600n);
    const q = await f.token.quoteTransfer(f.alice.address, f.bob.address, amount);
    expect(q.fee).to.be.greaterThan(0n);
    const charge = q.fee + q.penalty;
    // Within one day and congestion window the charge does not depend on the second: both calls charge the quote.
    await expect(
      f.token.connect(f.dave).transferFromAuthorized(f.alice.address, f.bob.address, amount, charge - 1n, 10_000n),
    )
      .to.be.revertedWithCustomError(f.token, "CaesarChargeAboveMax")
      .withArgs(f.alice.address, charge, charge - 1n);
    await expect(
      f.token.connect(f.dave).transferFromAuthorized(f.alice.address, f.bob.address, amount, charge, 10_000n),
    ).to.changeTokenBalance(f.token, f.bob, q.net);
  });

  it("refuses the zero address as sender or receiver before planning anything", async () => {
    const f = await loadFixture(withProcessorRole);
    const Z = "0x0000000000000000000000000000000000000000";
    await expect(f.token.connect(f.dave).transferFromAuthorized(Z, f.bob.address, 1n, 0n, 10_000n))
      .to.be.revertedWithCustomError(f.token, "ERC20InvalidSender")
      .withArgs(Z);
    await expect(f.token.connect(f.dave).transferFromAuthorized(f.alice.address, Z, 1n, 0n, 10_000n))
      .to.be.revertedWithCustomError(f.token, "ERC20InvalidReceiver")
      .withArgs(Z);
  });
});
