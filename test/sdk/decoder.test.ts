import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { AbiCoder, Interface, ParamType, ZeroAddress, type ErrorFragment } from "ethers";
import { ContractRevertError, KitError } from "../../sdk/kit/core";
import { decodeRevertData, errorSources, extractRevertData, toKitError } from "../../sdk/kit/chain";

const ARTIFACTS = path.join(__dirname, "..", "..", "artifacts", "contracts");

function artifactFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return artifactFiles(full);
    return e.name.endsWith(".json") && !e.name.endsWith(".dbg.json") ? [full] : [];
  });
}

/** A valid dummy value of any ABI type (structs and arrays included). */
function dummy(t: ParamType): unknown {
  if (t.isArray())
    return t.arrayLength! > 0
      ? Array.from({ length: t.arrayLength! }, () => dummy(t.arrayChildren!))
      : [dummy(t.arrayChildren!)];
  if (t.isTuple()) return t.components!.map(dummy);
  if (t.baseType === "address") return "0x00000000000000000000000000000000000000A1";
  if (t.baseType === "bool") return true;
  if (t.baseType === "string") return "dummy";
  if (t.baseType === "bytes") return "0x1234";
  if (t.baseType.startsWith("bytes")) return "0x" + "ab".repeat(Number(t.baseType.slice(5)));
  if (t.baseType.startsWith("int")) return -7n;
  return 7n;
}

describe("sdk/chain revert decoder", () => {
  const files = artifactFiles(ARTIFACTS);

  it("finds the compiled artifacts", () => {
    expect(files.length, "run `npx hardhat compile` first").to.be.greaterThan(0);
  });

  describe("given every custom error of every artifact in artifacts/contracts", () => {
    const errors: { contract: string; fragment: ErrorFragment }[] = [];
    for (const f of files) {
      const { contractName, abi } = JSON.parse(fs.readFileSync(f, "utf8")) as { contractName: string; abi: unknown[] };
      for (const fragment of new Interface(abi as never).fragments) {
        if (fragment.type === "error") errors.push({ contract: contractName, fragment: fragment as ErrorFragment });
      }
    }

    it("there are errors to check", () => {
      expect(errors.length).to.be.greaterThan(10);
    });

    for (const { contract, fragment } of errors) {
      it(`${contract}.${fragment.format("sighash")} decodes with its name and arguments`, () => {
        const args = fragment.inputs.map(dummy);
        const iface = new Interface([fragment]);
        const data = iface.encodeErrorResult(fragment, args);
        const decoded = decodeRevertData(data, contract);
        expect(decoded).to.be.instanceOf(ContractRevertError);
        expect(decoded.decoded, `no SDK ABI declares ${fragment.format("sighash")}`).to.equal(true);
        expect(decoded.errorName).to.equal(fragment.name);
        expect(decoded.contract).to.equal(contract);
        expect(decoded.signature).to.equal(fragment.format("sighash"));
        // Round trip: the decoded arguments re-encode to the same bytes.
        expect(iface.encodeErrorResult(fragment, decoded.args as unknown[])).to.equal(data);
      });
    }
  });

  it("every typechain factory is an error source", () => {
    expect(errorSources().map((s) => s.contract)).to.include.members(["QuivToken", "ParameterRegistry", "IFeeSplit"]);
  });

  describe("when the data is not a custom error", () => {
    it("decodes Error(string) and Panic(uint256)", () => {
      const coder = AbiCoder.defaultAbiCoder();
      const err = "0x08c379a0" + coder.encode(["string"], ["nope"]).slice(2);
      const panic = "0x4e487b71" + coder.encode(["uint256"], [0x11]).slice(2);
      expect(decodeRevertData(err).errorName).to.equal("Error");
      expect(decodeRevertData(err).args).to.deep.equal(["nope"]);
      expect(decodeRevertData(panic).errorName).to.equal("Panic");
      expect(decodeRevertData(panic).args).to.deep.equal([0x11n]);
    });

    it("keeps unknown data raw", () => {
      const e = decodeRevertData("0xdeadbeef0001", "QuivToken");
      expect(e.decoded).to.equal(false);
      expect(e.data).to.equal("0xdeadbeef0001");
      expect(e.contract).to.equal("QuivToken");
    });
  });

  describe("extractRevertData / toKitError", () => {
    it("finds data nested the ways ethers, Hardhat and nodes nest it", () => {
      const data = "0x" + "12345678" + "00".repeat(32);
      expect(extractRevertData({ data })).to.equal(data);
      expect(extractRevertData({ error: { error: { data } } })).to.equal(data);
      expect(extractRevertData({ info: { error: { data: { data } } } })).to.equal(data);
      expect(extractRevertData({ cause: { data } })).to.equal(data);
      expect(extractRevertData(new Error("x"))).to.equal(undefined);
    });

    it("wraps errors without data in a KitError and passes KitErrors through", () => {
      const k = new KitError("k");
      expect(toKitError(k)).to.equal(k);
      const wrapped = toKitError(new Error("boom\nstack"));
      expect(wrapped).to.be.instanceOf(KitError);
      expect(wrapped.shortMessage).to.equal("boom");
      expect(toKitError({ code: "CALL_EXCEPTION" })).to.be.instanceOf(ContractRevertError);
      expect(ZeroAddress).to.be.a("string");
    });
  });
});
