import { expect } from "chai";
import hre from "hardhat";
import fs from "node:fs";
import path from "node:path";

// The mutation tool is plain CommonJS (scripts/mutate), run by `npm run mutate`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const operators = require("../../scripts/mutate/operators");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const report = require("../../scripts/mutate/report");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require("../../scripts/mutate/index");

const FILE = "contracts/mocks/kit/MutationSample.sol";

interface Mutant {
  operator: string;
  start: number;
  end: number;
  replacement: string;
  line: number;
  original: string;
}

async function sample(): Promise<{ buf: Buffer; mutants: Mutant[] }> {
  const info = await hre.artifacts.getBuildInfo(`${FILE}:MutationSample`);
  if (!info) throw new Error("no build info for MutationSample");
  const buf = fs.readFileSync(path.join(hre.config.paths.root, FILE));
  return { buf, mutants: operators.mutantsOf(buf, info.output.sources[FILE].ast) };
}

describe("scripts/mutate: the mutation operators", () => {
  it("generates exactly the mutants of the sample, one per operator site (equivalent swaps left out)", async () => {
    const { mutants } = await sample();
    expect(mutants.map((m) => [m.line, m.operator, m.original, m.replacement])).to.deep.equal([
      [17, "drop-check", "if (a < 10) revert TooLow(a);", "{}"],
      [17, "cmp-boundary", "<", "<="],
      [17, "literal-bound", "10", "11"],
      [17, "literal-bound", "10", "9"],
      [19, "drop-check", 'require(b != a, "same");', "{}"],
      [19, "cmp-negate", "!=", "=="],
      [20, "cmp-boundary", ">=", ">"],
      [24, "delete-assign", "total += amount;", "{}"],
      [24, "arith-swap", "+=", "-="],
      [25, "delete-emit", "emit Moved(from, to, amount);", "{}"],
      [25, "swap-args", "from, to", "to, from"],
      [29, "rounding", "Math.ceilDiv(x, y)", "(x) / (y)"],
      [29, "swap-args", "x, y", "y, x"],
      // mulDiv's two factors commute: the first pair swapped is the first factor and the divisor.
      [29, "swap-args", "x, 3, y", "y, 3, x"],
      [29, "rounding", "Math.Rounding.Floor", "Math.Rounding.Ceil"],
      [29, "arith-swap", "*", "/"],
      // the loop's `++i` is not deleted (an endless loop, not a mutant), Math.max's arguments are not swapped
      [33, "cmp-boundary", "<", "<="],
      [34, "delete-assign", "s = Math.max(s, i);", "{}"],
    ]);
    expect(operators.OPERATORS.every((o: string) => mutants.some((m) => m.operator === o))).to.equal(true);
  });

  it("applies a mutant to the bytes and shows it as a diff of its line", async () => {
    const { buf, mutants } = await sample();
    const m = mutants.find((x) => x.operator === "cmp-boundary" && x.line === 20)!;
    const out: Buffer = operators.apply(buf, m);
    expect(out.length).to.equal(buf.length - 1);
    expect(out.toString("utf8")).to.contain("return a > b;");
    expect(operators.diffOf(buf, m)).to.equal("- return a >= b;\n+ return a > b;");
  });

  it("draws a reproducible sample for a seed, in source order", () => {
    const list = Array.from({ length: 20 }, (_, i) => ({ start: i }));
    const a = cli.sample(list, 5, cli.rng(7));
    expect(a).to.deep.equal(cli.sample(list, 5, cli.rng(7)));
    expect(a).to.have.length(5);
    expect(a.map((x: { start: number }) => x.start)).to.deep.equal(
      [...a.map((x: { start: number }) => x.start)].sort((x, y) => x - y),
    );
    expect(cli.sample(list, 30, cli.rng(7))).to.equal(list);
  });

  it("rejects bad arguments with a clear message", () => {
    expect(() => cli.parseArgs(["--max", "0"])).to.throw("--max must be a positive integer, got 0");
    expect(() => cli.parseArgs(["--bogus"])).to.throw("unknown argument --bogus");
    expect(() => cli.parseArgs(["--contract"])).to.throw("--contract needs a value");
    expect(cli.parseArgs(["--contract", "A,B", "--max", "3", "--seed", "0"])).to.include({ max: 3, seed: 0 });
  });

  it("scores killed / (killed + survived + timed out), equivalent survivors left out", () => {
    const m = (outcome: string, line: number) => ({
      outcome,
      line,
      operator: "cmp-negate",
      replacement: "==",
      diff: `- if (a != ${line}) x();\n+ if (a == ${line}) x();`,
    });
    const list = [
      m("killed", 1),
      m("killed", 2),
      m("survived", 3),
      m("survived", 4),
      m("timed-out", 5),
      m("not-compiled", 6),
    ];
    // Equivalents are keyed by the mutated line, not its number: an edit elsewhere in the file keeps the key.
    const t = report.tally(list, "X", { "X cmp-negate: if (a == 4) x();": "the branch is unreachable" });
    expect(t).to.include({ killed: 2, survived: 1, equivalent: 1, notCompiled: 1, timedOut: 1 });
    expect(t.score).to.equal(0.5);
  });
});
