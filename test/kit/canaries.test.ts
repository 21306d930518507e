import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";

/**
 * Every stateful invariant suite carries a known-bad canary (a mock with a known bug, or a checker
 * switch) and a test that the suite catches it. A suite is a `*.inv.test.ts` file anywhere under test/; its canary
 * test is an `it(...)` (or a suite runner's `title`) whose title names the canary. A new suite without one fails
 * here.
 */
function suites(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? suites(p) : e.name.endsWith(".inv.test.ts") ? [p] : [];
  });
}

describe("every stateful invariant suite has a canary that it must catch", () => {
  const root = path.join(__dirname, "..");
  const files = suites(root).sort();

  it("finds the suites", () => {
    expect(files.length).to.be.greaterThanOrEqual(17);
  });

  for (const file of files) {
    it(path.relative(root, file), () => {
      const text = fs.readFileSync(file, "utf8");
      // it("...") directly, or a `title` handed to a suite runner (test/bpci/invariants/helpers.ts: describeInvariants).
      const titles = [...text.matchAll(/(?:\bit\(|\btitle:)\s*["`]([^"`]+)["`]/g)].map((m) => m[1]);
      expect(
        titles.filter((t) => /canary/i.test(t)),
        "an it(...) that runs the suite against a known-bad variant",
      ).to.not.be.empty;
    });
  }
});
