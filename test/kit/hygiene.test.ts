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

  it("the README's SDK example is sdk/examples/quickstart.ts (which the node tests run), line for line", () => {
    const root = path.join(__dirname, "..", "..");
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const at = readme.indexOf("The SDK in a dozen lines (`sdk/examples/quickstart.ts`");
    expect(at, "the README's SDK example").to.be.greaterThan(-1);
    const start = readme.indexOf("```ts\n", at) + "```ts\n".length;
    const block = readme.slice(start, readme.indexOf("\n```", start)).split("\n");
    // the example without its comment header, its `main` wrapper and the wrapper's indentation
    const source = fs.readFileSync(path.join(root, "sdk", "examples", "quickstart.ts"), "utf8").split("\n");
    const body = source.slice(source.indexOf("async function main() {") + 1, source.indexOf("}"));
    const imports = source.filter((l) => l.startsWith("import "));
    expect(block).to.deep.equal([...imports, "", ...body.map((l) => l.replace(/^ {2}/, ""))]);
  });
});
