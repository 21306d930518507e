import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployFoundation, QUIV } from "../quiver/fixtures/foundation";
import { ContractRevertError } from "../../sdk/kit/core";
import { readAccount } from "../../sdk/kit/chain";
import { abiOf, buildTransfer, encodeRequest, send, writeRequest } from "../../sdk/kit/tx";
import {
  InferenceMarketplace__factory,
  QuivToken__factory,
  type InferenceMarketplace,
  type QuivToken,
} from "../../sdk/kit/chain/contracts";
import { buildFlushFees, buildJobAction } from "../../sdk/quiver";

const TOKEN = abiOf<QuivToken>("QuivToken", QuivToken__factory);
const MARKET = abiOf<InferenceMarketplace>("InferenceMarketplace", InferenceMarketplace__factory);
const SOME = "0x00000000000000000000000000000000000000a1";

describe("sdk/tx typed requests (viem writeContract shape)", () => {
  it("encodes exactly what the hand-written builders encode", () => {
    expect(encodeRequest(writeRequest(TOKEN, SOME, "transfer", [SOME, 5n * QUIV]))).to.deep.equal(
      buildTransfer(SOME, SOME, 5n * QUIV),
    );
    expect(encodeRequest(writeRequest(MARKET, SOME, "confirm", [7n]))).to.deep.equal(
      buildJobAction(SOME, "confirm", 7n),
    );
    expect(encodeRequest(writeRequest(MARKET, SOME, "flushFees", []))).to.deep.equal(buildFlushFees(SOME));
  });

  it("carries a value and defaults it to zero", () => {
    expect(encodeRequest(writeRequest(MARKET, SOME, "flushFees", [], 3n)).value).to.equal(3n);
    expect(encodeRequest(writeRequest(MARKET, SOME, "flushFees", [])).value).to.equal(0n);
  });

  it("rejects, at compile time, a read-only function and an unknown name", () => {
    // @ts-expect-error balanceOf is a view: not a write request
    writeRequest(TOKEN, SOME, "balanceOf", [SOME]);
    // @ts-expect-error no such function
    writeRequest(TOKEN, SOME, "transferAll", []);
  });

  it("sends a request and decodes a revert against the request's ABI", async () => {
    const f = await loadFixture(deployFoundation);
    const token = await f.quiv.getAddress();
    const [from, to] = [f.alice, f.bob];
    const before = (await readAccount(f.quiv, to.address)).balance;
    await send(f.treasury, writeRequest(TOKEN, token, "transfer", [from.address, 2n * QUIV]));
    await send(from, writeRequest(TOKEN, token, "transfer", [to.address, QUIV]));
    expect((await readAccount(f.quiv, to.address)).balance - before).to.equal(QUIV);
    const err = await send(from, writeRequest(TOKEN, token, "transfer", [to.address, 10n * QUIV])).catch(
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(ContractRevertError);
    expect((err as ContractRevertError).errorName).to.equal("ERC20InsufficientBalance");
  });
});
