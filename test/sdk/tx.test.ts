import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { recoverTypedSignature, SignTypedDataVersion, TypedDataUtils } from "@metamask/eth-sig-util";
import fc from "fast-check";
import { fcSizes } from "../helpers/fc";
import { Wallet, ZeroAddress, getAddress, hexlify } from "ethers";
import { deployFoundation, GENESIS, QUIV } from "../quiver/fixtures/foundation";
import { ContractRevertError, InvalidArgumentError, parameterKey, parseAmount } from "../../sdk/kit/core";
import { readAccount } from "../../sdk/kit/chain";
import {
  buildApprove,
  buildBurn,
  buildBurnFrom,
  buildDelegate,
  buildParameterRead,
  buildParameterSet,
  buildTransfer,
  buildTransferFrom,
  DELEGATION_TYPES,
  delegationDigest,
  permitDigest,
  getParameterValue,
  PERMIT_TYPES,
  readDomain,
  signDelegation,
  signPermit,
  withGasHeadroom,
  GAS_HEADROOM,
  buildDelegateBySig,
  buildPermit,
  send,
  encodeRequest,
  encodeRead,
  decodeRead,
  proposalActions,
} from "../../sdk/kit/tx";
import { QuivToken__factory } from "../../typechain-types";
import { QUIVER_PARAMETERS } from "../../sdk/quiver";

const { numRuns: RUNS, seed: SEED } = fcSizes({ runs: 20, cmds: 0 });
const EIP712_DOMAIN = [
  { name: "name", type: "string" },
  { name: "version", type: "string" },
  { name: "chainId", type: "uint256" },
  { name: "verifyingContract", type: "address" },
];
const uint256 = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n });
const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(hexlify(b)));

async function fixture() {
  const f = await deployFoundation();
  return { ...f, token: await f.quiv.getAddress(), registryAddress: await f.registry.getAddress() };
}

describe("sdk/tx", () => {
  describe("builders", () => {
    it("encode { to, data, value } that the contract accepts", async () => {
      const { token, quiv, treasury, alice, bob } = await loadFixture(fixture);
      const t = encodeRequest(buildTransfer(token, alice.address, 5n * QUIV));
      expect(t).to.deep.equal({
        to: token,
        data: quiv.interface.encodeFunctionData("transfer", [alice.address, 5n * QUIV]),
        value: 0n,
      });
      await treasury.sendTransaction(t);
      await treasury.sendTransaction(encodeRequest(buildApprove(token, bob.address, 2n * QUIV)));
      await bob.sendTransaction(encodeRequest(buildTransferFrom(token, treasury.address, bob.address, QUIV)));
      await bob.sendTransaction(encodeRequest(buildBurnFrom(token, treasury.address, QUIV)));
      await alice.sendTransaction(encodeRequest(buildDelegate(token, alice.address)));
      await alice.sendTransaction(encodeRequest(buildBurn(token, QUIV)));
      expect(await quiv.balanceOf(alice.address)).to.equal(4n * QUIV);
      expect(await quiv.getVotes(alice.address)).to.equal(4n * QUIV);
      expect(await quiv.balanceOf(bob.address)).to.equal(QUIV);
      expect(await quiv.balanceOf(treasury.address)).to.equal(GENESIS.treasury - 7n * QUIV);
    });

    it("keep every uint256 amount exact through ABI encoding (SDK-03)", () => {
      const iface = QuivToken__factory.createInterface();
      const token = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
      fc.assert(
        fc.property(address, uint256, (to, amount) => {
          const [decodedTo, decodedAmount] = iface.decodeFunctionData(
            "transfer",
            encodeRequest(buildTransfer(token, to, amount)).data,
          );
          expect([decodedTo, decodedAmount]).to.deep.equal([to, amount]);
        }),
        { numRuns: RUNS * 10, seed: SEED },
      );
    });

    it("reject negative amounts, bad addresses and non-bigints before encoding", () => {
      const token = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
      const ok = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
      expect(() => buildTransfer(token, ok, -1n)).to.throw(InvalidArgumentError, /negative/);
      expect(() => buildTransfer(token, ok, 1 as unknown as bigint)).to.throw(InvalidArgumentError);
      expect(() => buildTransfer(token, ok, 1n << 256n)).to.throw(InvalidArgumentError, /uint256/);
      expect(() => buildTransfer(token, ok.toLowerCase().replace("0x7", "0x7"), 1n)).not.to.throw();
      expect(() => buildTransfer(token, "0x70997970c51812dc3A010C7d01b50e0d17dc79C8", 1n)).to.throw(
        InvalidArgumentError,
        /checksum/,
      );
      expect(() => buildApprove("nope", ok, 1n)).to.throw(InvalidArgumentError, /token/);
      expect(() => buildParameterSet(token, "no.such", 1n, QUIVER_PARAMETERS)).to.throw(
        InvalidArgumentError,
        /unknown parameter/,
      );
    });

    it("buildParameterRead is a typed read request (eth_call); buildParameterSet a typed write request, admin-only", async () => {
      const { registry, registryAddress, stranger } = await loadFixture(fixture);
      const key = parameterKey("quiver.pricing.feeRaiseBps");
      const read = buildParameterRead(registryAddress, "quiver.pricing.feeRaiseBps", QUIVER_PARAMETERS);
      expect([read.address, read.abi.name, read.functionName, read.args]).to.deep.equal([
        registryAddress,
        "ParameterRegistry",
        "get",
        [key],
      ]);
      expect(encodeRead(read)).to.deep.equal({
        to: registryAddress,
        data: registry.interface.encodeFunctionData("get", [key]),
      });
      expect(decodeRead(read, await ethers.provider.call(encodeRead(read)))).to.deep.equal([1_000n]);
      const set = buildParameterSet(registryAddress, "quiver.pricing.feeRaiseBps", 1_100n, QUIVER_PARAMETERS);
      expect([set.address, set.abi.name, set.functionName, set.args, set.value]).to.deep.equal([
        registryAddress,
        "ParameterRegistry",
        "set",
        [key, 1_100n],
        undefined,
      ]);
      expect(encodeRequest(set)).to.deep.equal({
        to: registryAddress,
        data: registry.interface.encodeFunctionData("set", [key, 1_100n]),
        value: 0n,
      });
      expect(proposalActions([set])).to.deep.equal({
        targets: [registryAddress],
        values: [0n],
        calldatas: [registry.interface.encodeFunctionData("set", [key, 1_100n])],
      });
      expect(() => buildParameterSet("nope", "quiver.pricing.feeRaiseBps", 1n, QUIVER_PARAMETERS)).to.throw(
        InvalidArgumentError,
        /contract/,
      );
      const err = await send(stranger, set).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ContractRevertError);
      expect((err as ContractRevertError).errorName).to.equal("AccessControlUnauthorizedAccount");
      expect((err as ContractRevertError).args).to.deep.equal([
        stranger.address,
        await registry.PARAMETER_ADMIN_ROLE(),
      ]);
    });
  });

  describe("senders", () => {
    it("transfer, approve, delegate and burn, with exact balances and votes", async () => {
      const { token, quiv, treasury, alice, bob } = await loadFixture(fixture);
      const progress: string[] = [];
      const r = await send(treasury, buildTransfer(token, alice.address, parseAmount("12.5")), {
        onProgress: (s) => progress.push(s),
      });
      expect(r.status).to.equal(1);
      expect(progress[0]).to.equal("estimating gas");
      await send(alice, buildApprove(token, bob.address, parseAmount("1")));
      expect(await quiv.allowance(alice.address, bob.address)).to.equal(QUIV);
      await send(alice, buildDelegate(token, bob.address));
      expect(await quiv.getVotes(bob.address)).to.equal(parseAmount("12.5"));
      await send(alice, buildBurn(token, parseAmount("2.5")));
      const a = await readAccount(quiv, alice.address);
      expect([a.balance, a.delegate]).to.deep.equal([10n * QUIV, bob.address]);
      expect(await quiv.getVotes(bob.address)).to.equal(10n * QUIV);
      expect(await quiv.totalMinted()).to.equal((await quiv.totalSupply()) + parseAmount("2.5"));
    });

    it("decode reverts: insufficient balance, zero receiver", async () => {
      const { token, alice, treasury } = await loadFixture(fixture);
      const e1 = (await send(alice, buildTransfer(token, treasury.address, 1n)).catch(
        (e: unknown) => e,
      )) as ContractRevertError;
      expect(e1).to.be.instanceOf(ContractRevertError);
      expect(e1.errorName).to.equal("ERC20InsufficientBalance");
      expect(e1.args).to.deep.equal([alice.address, 0n, 1n]);
      expect(e1.contract).to.equal("CappedVotesToken"); // the kit token base declares the OZ errors
      expect(e1.data.slice(0, 10)).to.equal("0xe450d38c");
      const e2 = (await send(treasury, buildTransfer(token, ZeroAddress, 1n)).catch(
        (e: unknown) => e,
      )) as ContractRevertError;
      expect(e2.errorName).to.equal("ERC20InvalidReceiver");
      expect(e2.args).to.deep.equal([ZeroAddress]);
    });

    it("concurrent sends from one account all land once, with exact balances (SDK-05)", async () => {
      const { token, quiv, treasury, alice } = await loadFixture(fixture);
      const receipts = await Promise.all(
        [1n, 2n, 3n].map((i) => send(treasury, buildTransfer(token, alice.address, i))),
      );
      expect(new Set(receipts.map((r) => r.hash)).size).to.equal(3);
      expect(await quiv.balanceOf(alice.address)).to.equal(6n);
    });

    it("send with the estimate plus 20% plus 50k gas of headroom (vote checkpoints can cost more than estimated)", () => {
      expect(withGasHeadroom(80_000n)).to.equal(146_000n);
      expect(GAS_HEADROOM).to.equal(50_000n);
    });

    it("getParameterValue reads by name", async () => {
      const { registryAddress } = await loadFixture(fixture);
      expect(
        await getParameterValue(ethers.provider, registryAddress, "quiver.staking.maxSlashBps", QUIVER_PARAMETERS),
      ).to.equal(5_000n);
    });
  });

  describe("signatures", () => {
    it("signPermit matches an independent EIP-712 implementation and the token accepts it", async () => {
      const { token, quiv, treasury, alice, bob } = await loadFixture(fixture);
      const deadline = BigInt(await time.latest()) + 3_600n;
      const permit = await signPermit(treasury, token, { spender: alice.address, value: 7n * QUIV, deadline });
      const domain = await readDomain(token, ethers.provider);
      expect(domain).to.deep.equal({ name: "QUIV", version: "1", chainId: 31337n, verifyingContract: token });
      const recovered = recoverTypedSignature({
        data: {
          types: {
            EIP712Domain: [
              { name: "name", type: "string" },
              { name: "version", type: "string" },
              { name: "chainId", type: "uint256" },
              { name: "verifyingContract", type: "address" },
            ],
            ...PERMIT_TYPES,
          } as never,
          primaryType: "Permit",
          domain: { ...domain, chainId: Number(domain.chainId) },
          message: { ...permit, value: permit.value.toString(), nonce: "0", deadline: deadline.toString() },
        },
        signature: permit.signature,
        version: SignTypedDataVersion.V4,
      });
      expect(recovered.toLowerCase()).to.equal(treasury.address.toLowerCase());
      await send(bob, buildPermit(token, permit)); // a relayer submits it
      expect(await quiv.allowance(treasury.address, alice.address)).to.equal(7n * QUIV);
      expect(await quiv.nonces(treasury.address)).to.equal(1n);
      const replay = (await send(bob, buildPermit(token, permit)).catch((e: unknown) => e)) as ContractRevertError;
      expect(replay.errorName).to.equal("ERC2612InvalidSigner");
    });

    it("permit and delegation digests equal @metamask/eth-sig-util's for random inputs (SDK-01)", async () => {
      const { token } = await loadFixture(fixture);
      const domain = await readDomain(token, ethers.provider);
      const metaDomain = { ...domain, chainId: Number(domain.chainId) };
      fc.assert(
        fc.property(address, address, uint256, uint256, uint256, (owner, spender, value, nonce, deadline) => {
          const ours = permitDigest(domain, { owner, spender, value, nonce, deadline });
          const theirs = TypedDataUtils.eip712Hash(
            {
              types: { EIP712Domain: EIP712_DOMAIN, ...PERMIT_TYPES },
              primaryType: "Permit",
              domain: metaDomain,
              message: {
                owner,
                spender,
                value: value.toString(),
                nonce: nonce.toString(),
                deadline: deadline.toString(),
              },
            },
            SignTypedDataVersion.V4,
          );
          expect(ours).to.equal(hexlify(theirs));
        }),
        { numRuns: RUNS * 5, seed: SEED },
      );
      fc.assert(
        fc.property(address, uint256, uint256, (delegatee, nonce, expiry) => {
          const theirs = TypedDataUtils.eip712Hash(
            {
              types: { EIP712Domain: EIP712_DOMAIN, ...DELEGATION_TYPES },
              primaryType: "Delegation",
              domain: metaDomain,
              message: { delegatee, nonce: nonce.toString(), expiry: expiry.toString() },
            },
            SignTypedDataVersion.V4,
          );
          expect(delegationDigest(domain, { delegatee, nonce, expiry })).to.equal(hexlify(theirs));
        }),
        { numRuns: RUNS * 5, seed: SEED },
      );
    });

    it("permits signed by the SDK for random spenders and values are accepted on chain (SDK-01)", async () => {
      const { token, quiv, treasury, bob } = await loadFixture(fixture);
      const now = BigInt(await time.latest());
      await fc.assert(
        fc.asyncProperty(address, uint256, fc.bigInt({ min: 3_600n, max: 10n ** 12n }), async (spender, value, ttl) => {
          const permit = await signPermit(treasury, token, { spender, value, deadline: now + ttl });
          await send(bob, buildPermit(token, permit));
          expect(await quiv.allowance(treasury.address, spender)).to.equal(value);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });

    it("refuses to sign when the expected domain differs from the chain's (SDK-02)", async () => {
      const { token, registryAddress, treasury, alice } = await loadFixture(fixture);
      const domain = await readDomain(token, ethers.provider);
      const args = { spender: alice.address, value: 1n, deadline: 2n ** 40n };
      for (const expectedDomain of [
        { ...domain, chainId: 1n },
        { ...domain, verifyingContract: registryAddress },
        { ...domain, version: "2" },
      ]) {
        await expect(signPermit(treasury, token, { ...args, expectedDomain })).to.be.rejectedWith(
          InvalidArgumentError,
          /refusing to sign/,
        );
        await expect(
          signDelegation(treasury, token, { delegatee: alice.address, expiry: 2n ** 40n, expectedDomain }),
        ).to.be.rejectedWith(InvalidArgumentError, /refusing to sign/);
      }
      await expect(signPermit(treasury, token, { ...args, expectedDomain: domain })).to.be.fulfilled;
      const offline = Wallet.createRandom();
      await expect(signPermit(offline, token, args)).to.be.rejectedWith(InvalidArgumentError, /needs a provider/);
    });

    it("an expired permit reverts with ERC2612ExpiredSignature", async () => {
      const { token, treasury, alice } = await loadFixture(fixture);
      const deadline = BigInt(await time.latest()) - 1n;
      const permit = await signPermit(treasury, token, { spender: alice.address, value: 1n, deadline });
      const e = (await send(alice, buildPermit(token, permit)).catch((x: unknown) => x)) as ContractRevertError;
      expect(e.errorName).to.equal("ERC2612ExpiredSignature");
      expect(e.args).to.deep.equal([deadline]);
    });

    it("signDelegation is accepted by delegateBySig; a replay reverts with InvalidAccountNonce", async () => {
      const { token, quiv, ecosystem, bob } = await loadFixture(fixture);
      const expiry = BigInt(await time.latest()) + 3_600n;
      const d = await signDelegation(ecosystem, token, { delegatee: ecosystem.address, expiry });
      await send(bob, buildDelegateBySig(token, d));
      expect(await quiv.getVotes(ecosystem.address)).to.equal(GENESIS.ecosystem);
      const again = (await send(bob, buildDelegateBySig(token, d)).catch((x: unknown) => x)) as ContractRevertError;
      expect(again).to.be.instanceOf(ContractRevertError);
      expect(again.errorName).to.equal("InvalidAccountNonce");
      await expect(signDelegation(ecosystem, token, { delegatee: ecosystem.address, expiry: -1n })).to.be.rejectedWith(
        InvalidArgumentError,
      );
    });
  });
});
