import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployChannels, sign, v } from "../fixtures/channels";
import { QUIV } from "../fixtures/foundation";
import type { CallbackToken, PaymentChannels } from "../../../typechain-types";
import { DAY } from "../../helpers/units";

/**
 * SECURITY-CHECKLIST X-REENT-01: every external-call site of PaymentChannels (pull on open/topUp, payout on
 * collect/close, refund on close/finalize) runs with a token whose transfer hook calls back into the contract.
 * Expected: the inner call reverts with ReentrancyGuardReentrantCall and the accounting stays exact.
 */
describe("PaymentChannels reentrancy (hostile token)", () => {
  async function deployHostile() {
    const f = await deployChannels();
    const token = (await (await ethers.getContractFactory("CallbackToken")).deploy()) as unknown as CallbackToken;
    const F = await ethers.getContractFactory("PaymentChannels");
    const channels = (await F.deploy(
      await token.getAddress(),
      await f.registry.getAddress(),
    )) as unknown as PaymentChannels;
    await token.mint(f.alice.address, 1_000n * QUIV);
    await token.connect(f.alice).approve(await channels.getAddress(), ethers.MaxUint256);
    const deployment = { chainId: f.deployment.chainId, verifyingContract: await channels.getAddress() };
    const domain = { ...f.domain, verifyingContract: deployment.verifyingContract };
    const expiry = BigInt(await time.latest()) + 10n * DAY;
    await channels.connect(f.alice).open(f.provider.address, 100n * QUIV, expiry);
    return { ...f, token, channels, deployment, domain, expiry, id: 1n };
  }

  const REENTRANT = ethers.id("ReentrancyGuardReentrantCall()").slice(0, 10);

  async function expectBlocked(token: CallbackToken) {
    expect(await token.attacks()).to.equal(1n);
    expect(await token.lastCallSucceeded()).to.equal(false);
    expect(await token.lastReturnData()).to.equal(REENTRANT);
  }

  it("blocks a second collect from inside the collect payout", async () => {
    const f = await loadFixture(deployHostile);
    const v1 = await sign(f, f.alice, f.id, 10n * QUIV);
    const v2 = await sign(f, f.alice, f.id, 20n * QUIV);
    await f.token.arm(
      await f.channels.getAddress(),
      f.channels.interface.encodeFunctionData("collect", [f.id, v(v2), v2.signature]),
    );
    await f.channels.connect(f.provider).collect(f.id, v(v1), v1.signature);
    await expectBlocked(f.token);
    expect(await f.token.balanceOf(f.provider.address)).to.equal(10n * QUIV);
    expect(await f.token.balanceOf(await f.channels.getAddress())).to.equal(90n * QUIV);
  });

  it("blocks a collect from inside the close payout or refund", async () => {
    const f = await loadFixture(deployHostile);
    const v1 = await sign(f, f.alice, f.id, 10n * QUIV);
    const v2 = await sign(f, f.alice, f.id, 20n * QUIV);
    await f.token.arm(
      await f.channels.getAddress(),
      f.channels.interface.encodeFunctionData("collect", [f.id, v(v2), v2.signature]),
    );
    await f.channels.connect(f.provider).close(f.id, v(v1), v1.signature);
    await expectBlocked(f.token);
    expect(await f.token.balanceOf(f.provider.address)).to.equal(10n * QUIV);
    expect(await f.token.balanceOf(f.alice.address)).to.equal(990n * QUIV);
    expect(await f.token.balanceOf(await f.channels.getAddress())).to.equal(0n);
  });

  it("blocks a second finalize from inside the finalize refund", async () => {
    const f = await loadFixture(deployHostile);
    await time.increaseTo(f.expiry);
    await f.channels.connect(f.alice).startClose(f.id);
    await time.increase(DAY);
    await f.token.arm(await f.channels.getAddress(), f.channels.interface.encodeFunctionData("finalize", [f.id]));
    await f.channels.finalize(f.id);
    await expectBlocked(f.token);
    expect(await f.token.balanceOf(f.alice.address)).to.equal(1_000n * QUIV);
    expect(await f.token.balanceOf(await f.channels.getAddress())).to.equal(0n);
  });

  it("blocks a topUp or open from inside the deposit pull", async () => {
    const f = await loadFixture(deployHostile);
    await f.token.arm(await f.channels.getAddress(), f.channels.interface.encodeFunctionData("topUp", [f.id, QUIV]));
    await f.channels.connect(f.alice).topUp(f.id, QUIV);
    await expectBlocked(f.token);
    expect((await f.channels.getChannel(f.id)).deposit).to.equal(101n * QUIV);
    const open = f.channels.interface.encodeFunctionData("open", [f.provider.address, QUIV, f.expiry]);
    await f.token.arm(await f.channels.getAddress(), open);
    await f.channels.connect(f.alice).open(f.provider.address, QUIV, f.expiry);
    expect(await f.token.attacks()).to.equal(2n);
    expect(await f.token.lastReturnData()).to.equal(REENTRANT);
    expect(await f.channels.nextChannelId()).to.equal(3n);
    expect(await f.token.balanceOf(await f.channels.getAddress())).to.equal(102n * QUIV);
  });
});
