import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";

// The npm solc build the kit compiles with (hardhat.config.ts serves the same soljson.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const solc = require("solc") as { compile(input: string, opts: { import(p: string): object }): string };

const ROOT = path.join(__dirname, "..", "..", "..");

interface SolcError {
  severity: string;
  type: string;
  message: string;
}

/** Compiles one snippet against the repository's contracts; returns its errors (warnings dropped). */
function compile(body: string): SolcError[] {
  const source = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;
import {IDisputeManager} from "contracts/quiver/disputes/IDisputeManager.sol";
import {JobId, CaseId} from "contracts/types/Ids.sol";
contract Snippet {
  function f(IDisputeManager.Dispute memory d) external pure returns (IDisputeManager.Dispute memory) {
    ${body}
    return d;
  }
}`;
  const input = {
    language: "Solidity",
    sources: { "Snippet.sol": { content: source } },
    settings: { outputSelection: { "*": { "*": [] } } },
  };
  const findImports = (p: string) => {
    const file = path.join(ROOT, p);
    return fs.existsSync(file) ? { contents: fs.readFileSync(file, "utf8") } : { error: `not found: ${p}` };
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports })) as { errors?: SolcError[] };
  return (out.errors ?? []).filter((e) => e.severity === "error");
}

describe("types/Ids: a job id and a case id cannot be swapped (IDisputeManager.Dispute)", function () {
  this.timeout(120_000);

  it("the control snippet (each id into its own field) compiles", () => {
    expect(compile("(d.jobId, d.caseId) = (d.jobId, CaseId.wrap(CaseId.unwrap(d.caseId) + 1));")).to.deep.equal([]);
  });

  it("assigning the case id to the job id field is a TypeError", () => {
    const errors = compile("d.jobId = d.caseId;");
    expect(errors.map((e) => e.type)).to.deep.equal(["TypeError"]);
    expect(errors[0].message).to.match(/CaseId.*JobId/);
  });

  it("swapping the two fields is a TypeError", () => {
    const errors = compile("(d.jobId, d.caseId) = (d.caseId, d.jobId);");
    expect(errors.length).to.be.greaterThan(0);
    expect(errors.every((e) => e.type === "TypeError")).to.equal(true);
  });

  it("a plain uint256 does not go into either field without a wrap", () => {
    const errors = compile("d.caseId = 7;");
    expect(errors.map((e) => e.type)).to.deep.equal(["TypeError"]);
  });
});
