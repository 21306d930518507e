import { expect } from "chai";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployFoundation, QUIV } from "../quiver/fixtures/foundation";
import { ContractRevertError } from "../../sdk/kit/core";
import { readAccount } from "../../sdk/kit/chain";
import type { Signer } from "ethers";
import { buildTransfer, encodeRequest, send, writeRequest, type WriteRequest } from "../../sdk/kit/tx";
import { buildFlushFees, buildJobAction, MARKET_ABI, QUIV_ABI, type QuivToken } from "../../sdk/quiver";

const TOKEN = QUIV_ABI;
const MARKET = MARKET_ABI;
const SOME = "0x00000000000000000000000000000000000000a1";

describe("sdk/tx typed requests (viem writeContract shape)", () => {
  it("encodes exactly what the hand-written builders encode", () => {
    expect(encodeRequest(writeRequest(TOKEN, SOME, "transfer", [SOME, 5n * QUIV]))).to.deep.equal(
      encodeRequest(buildTransfer(SOME, SOME, 5n * QUIV)),
    );
    expect(encodeRequest(writeRequest(MARKET, SOME, "confirm", [7n]))).to.deep.equal(
      encodeRequest(buildJobAction(SOME, "confirm", 7n)),
    );
    expect(encodeRequest(writeRequest(MARKET, SOME, "flushFees", []))).to.deep.equal(
      encodeRequest(buildFlushFees(SOME)),
    );
  });

  it("carries a value and defaults it to zero", () => {
    expect(encodeRequest(writeRequest(MARKET, SOME, "flushFees", [], 3n)).value).to.equal(3n);
    expect(encodeRequest(writeRequest(MARKET, SOME, "flushFees", [])).value).to.equal(0n);
  });

  it("rejects, at compile time, a read-only function and an unknown name", () => {
    // @ts-expect-error balanceOf is a view: not a write request
    expect(() => writeRequest(TOKEN, SOME, "balanceOf", [SOME])).not.to.throw();
    // @ts-expect-error no such function
    expect(() => writeRequest(TOKEN, SOME, "transferAll", [])).not.to.throw();
  });

  // `tsc --noEmit` (npm run lint) fails when a line below compiles: each `@ts-expect-error` needs its error. The
  // bodies never run (the signer is a stand-in), the type checker is the test.
  it("rejects, at compile time, an argument list that is not the function's", () => {
    const signer = undefined as unknown as Signer;
    const typeOnly = () => {
      // @ts-expect-error confirm takes one argument, not two
      writeRequest(MARKET, SOME, "confirm", [1n, 2n]);
      // @ts-expect-error confirm takes one argument, not none (another function's [] does not count)
      writeRequest(MARKET, SOME, "confirm", []);
      // @ts-expect-error a boolean is not a job id
      writeRequest(MARKET, SOME, "confirm", [true]);
      // @ts-expect-error an ethers overrides object is not an argument (it would not encode)
      writeRequest(MARKET, SOME, "confirm", [1n, { gasLimit: 1n }]);
      // @ts-expect-error a literal request passed to send is checked against its functionName
      void send(signer, { address: SOME, abi: MARKET, functionName: "confirm", args: [SOME, SOME] });
      // @ts-expect-error a request typed for every write of the token is still one function's request
      const loose: WriteRequest<QuivToken> = { address: SOME, abi: TOKEN, functionName: "transfer", args: [1n] };
      void loose;
      // @ts-expect-error the ABI of another contract
      void send(signer, writeRequest<QuivToken, "transfer">(MARKET, SOME, "transfer", [SOME, 1n]));
      // @ts-expect-error a typed multiplexer takes only the names it lists
      buildJobAction(SOME, "flushFees", 1n);
    };
    expect(typeOnly).to.be.a("function");
    const ok: WriteRequest<QuivToken> = writeRequest(TOKEN, SOME, "transfer", [SOME, 1n]);
    expect(ok.functionName).to.equal("transfer");
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
