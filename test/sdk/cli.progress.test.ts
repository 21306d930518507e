/**
 * Progress of long work (`kit deploy`, `kit agent --ticks`): a cli-progress bar on a terminal, plain lines
 * otherwise, nothing with `--json`; and the step count of a deployment (the bar's total).
 */
import { expect } from "chai";
import { ProgressBar, type CliIO } from "../../sdk/cli/context";
import { futureCount } from "../../sdk/kit/node/deploy";
import { findPreset } from "../../sdk/presets";

function capture(isTTY: boolean) {
  const lines: string[] = [];
  const io: CliIO = { stdout: () => undefined, stderr: (t) => lines.push(t), env: {}, isTTY };
  return { io, text: () => lines.join("") };
}

describe("kit CLI progress bars", () => {
  it("off a terminal: one plain line per step, then the final mark", () => {
    const { io, text } = capture(false);
    const bar = new ProgressBar(io, "deploying quiver", 3, false);
    bar.update(1, "Kit#QuivToken");
    bar.tick("Kit#ParameterRegistry");
    bar.update(9, "past the end");
    bar.done();
    const lines = text().split("\n");
    expect(lines.slice(0, 4)).to.deep.equal([
      "… deploying quiver (3 steps)",
      "  [1/3] Kit#QuivToken",
      "  [2/3] Kit#ParameterRegistry",
      "  [3/3] past the end",
    ]);
    expect(lines[4]).to.match(/^✔ deploying quiver \(\d+\.\ds\)$/);
  });

  it("on a terminal: a cli-progress bar with value/total and status, full on success", () => {
    const { io, text } = capture(true);
    const bar = new ProgressBar(io, "agent ticks", 4, false);
    bar.tick("tick 1");
    bar.done();
    const out = text();
    expect(out).to.contain("agent ticks [");
    expect(out).to.contain("1/4 tick 1");
    expect(out).to.contain("4/4");
    expect(out).to.match(/✔ agent ticks \(\d+\.\ds\)\n$/);
  });

  it("a failure ends with ✖ and the bar where it stopped", () => {
    const { io, text } = capture(true);
    const bar = new ProgressBar(io, "deploying quiver", 5, false);
    bar.update(2, "Kit#Treasury");
    bar.done(false);
    expect(text()).to.contain("2/5 Kit#Treasury").and.not.contain("5/5");
    expect(text()).to.match(/✖ deploying quiver/);
  });

  it("--json: silent", () => {
    const { io, text } = capture(true);
    const bar = new ProgressBar(io, "deploying quiver", 2, true);
    bar.tick("x");
    bar.done();
    expect(text()).to.equal("");
  });

  it("a deployment's total is the number of distinct futures of the preset's module and its submodules", async () => {
    const m = await findPreset("quiver").loadModule("local");
    const n = futureCount(m);
    expect(n).to.be.greaterThan(m.futures.size); // the Kit submodule's futures count too
    expect(futureCount(m)).to.equal(n);
  });
});
