import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import {
  AuthorizationDomainMismatchError,
  AuthorizationSignatureError,
  AuthorizationWindowError,
  parseAuthorization,
  serializeAuthorization,
  verifyAuthorization,
  nonceSlot,
  randomNonce,
} from "../../../sdk/caesar/core/authorization";
import { readProcessorDomain, signAuthorization } from "../../../sdk/caesar/chain/authorization";
import { agentsDefaults, authOf, chainId, tupleOf } from "./fixtures";

describe("sdk/caesar authorization signing", () => {
  it("signs what the processor accepts, after checking the chain's domain", async () => {
    const { processor, alice, bob, agent1 } = await loadFixture(agentsDefaults);
    const expected = { chainId: await chainId(), verifyingContract: await processor.getAddress() };
    const actual = await readProcessorDomain(processor);
    const a = await authOf(alice, bob.address, 10n ** 18n, { nonce: randomNonce() });
    const sa = await signAuthorization(alice, a, { expected, actual });
    verifyAuthorization(sa, { expected, actual, now: BigInt((await ethers.provider.getBlock("latest"))!.timestamp) });
    const back = parseAuthorization(serializeAuthorization(sa));
    expect(back).to.deep.equal(sa);
    await expect(processor.connect(agent1).process(tupleOf(back), back.signature)).to.emit(
      processor,
      "AuthorizationProcessed",
    );
    const { word, bit } = nonceSlot(a.nonce);
    expect((await processor.nonceBitmap(alice.address, word)) & bit).to.equal(bit);
  });

  it("refuses another chain or another contract, and a signer who is not the payer", async () => {
    const { processor, alice, bob } = await loadFixture(agentsDefaults);
    const actual = await readProcessorDomain(processor);
    const a = await authOf(alice, bob.address, 1n);
    const wrongChain = { chainId: 1n, verifyingContract: await processor.getAddress() };
    const wrongContract = { chainId: await chainId(), verifyingContract: bob.address };
    let err: unknown;
    for (const expected of [wrongChain, wrongContract]) {
      err = undefined;
      try {
        await signAuthorization(alice, a, { expected, actual });
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(AuthorizationDomainMismatchError);
    }
    // The chain reports the expected domain but the signer's network is another chain.
    err = undefined;
    try {
      await signAuthorization(alice, a, { expected: wrongChain, actual: { ...actual, chainId: 1n } });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(AuthorizationDomainMismatchError);
    err = undefined;
    const expected = { chainId: await chainId(), verifyingContract: await processor.getAddress() };
    try {
      await signAuthorization(bob, a, { expected, actual });
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(AuthorizationSignatureError);
  });

  it("verifies off-chain: a tampered amount or an expired window is refused", async () => {
    const { processor, alice, bob } = await loadFixture(agentsDefaults);
    const expected = { chainId: await chainId(), verifyingContract: await processor.getAddress() };
    const actual = await readProcessorDomain(processor);
    const sa = await signAuthorization(alice, await authOf(alice, bob.address, 5n), { expected, actual });
    expect(() => verifyAuthorization({ ...sa, amount: 6n }, { expected, actual })).to.throw(
      AuthorizationSignatureError,
    );
    expect(() => verifyAuthorization(sa, { expected, actual, now: sa.validBefore })).to.throw(AuthorizationWindowError);
    expect(() => verifyAuthorization(sa, { expected, actual: { ...actual, verifyingContract: bob.address } })).to.throw(
      AuthorizationDomainMismatchError,
    );
  });
});
