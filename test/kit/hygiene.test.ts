import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";

/** Files a merge could leave conflict markers in: the READMEs and every source under the project's folders. */
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : files(p);
    return /\.(ts|sol|md|json|js)$/.test(e.name) ? [p] : [];
  });
}

describe("repository hygiene", () => {
  it("no file holds a leftover merge conflict marker", () => {
    const root = path.join(__dirname, "..", "..");
    const scanned = [
      path.join(root, "README.md"),
      ...["contracts", "sdk", "deploy", "scripts", "test", "reports"].flatMap((d) => files(path.join(root, d))),
    ];
    const hits = scanned.flatMap((f) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          /^(<{7}|>{7}) |^={7}$/.test(line) ? [`${path.relative(root, f)}:${i + 1}: ${line.slice(0, 20)}`] : [],
        ),
    );
    expect(hits).to.deep.equal([]);
  });
});
