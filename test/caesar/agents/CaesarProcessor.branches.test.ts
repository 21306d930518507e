import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { CAESAR, SKIP, agentsDefaults, authOf, signAuth, tupleOf } from "./fixtures";

describe("CaesarProcessor: construction and admin", () => {
  it("refuses each of its five addresses zero with CaesarProcessorZeroAddress", async () => {
    const { token, agents, distributor, registry, admin, processor } = await loadFixture(agentsDefaults);
    const factory = await ethers.getContractFactory("CaesarProcessor");
    const base = [
      await token.getAddress(),
      await agents.getAddress(),
      await distributor.getAddress(),
      await registry.getAddress(),
      admin.address,
    ];
    for (let i = 0; i < base.length; i++) {
      const a = [...base];
      a[i] = ethers.ZeroAddress;
      await expect(factory.deploy(a[0], a[1], a[2], a[3], a[4])).to.be.revertedWithCustomError(
        processor,
        "CaesarProcessorZeroAddress",
      );
    }
    const ok = await factory.deploy(base[0], base[1], base[2], base[3], base[4]);
    expect(await ok.contracts()).to.deep.equal([base[0], base[1], base[2], ethers.ZeroAddress]);
  });

  it("setRegionHops is the admin's only", async () => {
    const { processor, alice } = await loadFixture(agentsDefaults);
    await expect(processor.connect(alice).setRegionHops(alice.address))
      .to.be.revertedWithCustomError(processor, "AccessControlUnauthorizedAccount")
      .withArgs(alice.address, ethers.ZeroHash);
    expect((await processor.contracts())[3]).to.equal(ethers.ZeroAddress);
  });
});

describe("CaesarProcessor: signatures and token refusals", () => {
  it("a malformed signature (wrong length) is BadSignature, the nonce stays free", async () => {
    const { processor, alice, bob, agent1 } = await loadFixture(agentsDefaults);
    const a = await authOf(alice, bob.address, CAESAR);
    const sig = await signAuth(alice, a, await processor.getAddress());
    const short = ethers.dataSlice(sig, 0, 64);
    await expect(processor.connect(agent1).process(tupleOf(a), short))
      .to.be.revertedWithCustomError(processor, "CaesarProcessorRejected")
      .withArgs(alice.address, a.nonce, SKIP.BadSignature);
    await expect(processor.connect(agent1).processBatch([tupleOf(a)], ["0x"]))
      .to.emit(processor, "AuthorizationSkipped")
      .withArgs(agent1.address, alice.address, a.nonce, SKIP.BadSignature);
    expect(await processor.nonceUsed(alice.address, a.nonce)).to.equal(false);
  });

  it("a token refusal other than the fee cap and the balance (the processor's role revoked) is TransferFailed, the nonce unmarked", async () => {
    const { token, processor, admin, alice, bob, agent1 } = await loadFixture(agentsDefaults);
    await token.connect(admin).revokeRole(await token.PROCESSOR_ROLE(), await processor.getAddress());
    const a = await authOf(alice, bob.address, CAESAR);
    const sig = await signAuth(alice, a, await processor.getAddress());
    await expect(processor.connect(agent1).process(tupleOf(a), sig))
      .to.be.revertedWithCustomError(processor, "CaesarProcessorRejected")
      .withArgs(alice.address, a.nonce, SKIP.TransferFailed);
    const tx = processor.connect(agent1).processBatch([tupleOf(a)], [sig]);
    await expect(tx)
      .to.emit(processor, "AuthorizationSkipped")
      .withArgs(agent1.address, alice.address, a.nonce, SKIP.TransferFailed);
    await expect(tx).to.changeTokenBalances(token, [alice, bob], [0n, 0n]);
    expect(await processor.nonceUsed(alice.address, a.nonce)).to.equal(false);
  });
});
