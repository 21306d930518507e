/**
 * What the ABI-enumeration tests (test/sdk/cli.abi.test.ts and each economy's test/<economy>/sdk/cli.abi.test.ts)
 * compare: the state-changing functions of a set of compiled contracts, and every command path of the `kit` CLI.
 */
import hre from "hardhat";
import type { Command } from "commander";
import { buildProgram } from "../../sdk/cli/main";
import { CliContext } from "../../sdk/cli/context";

interface AbiFn {
  type: string;
  name?: string;
  stateMutability?: string;
}

/** `Contract.function` of every state-changing function of the named artifacts (one entry per name), sorted. */
export async function stateChangingFunctions(artifacts: Iterable<string>): Promise<string[]> {
  const out = new Set<string>();
  for (const name of new Set(artifacts)) {
    const { abi } = await hre.artifacts.readArtifact(name);
    for (const f of abi as AbiFn[]) {
      if (f.type === "function" && f.stateMutability !== "view" && f.stateMutability !== "pure") {
        out.add(`${name}.${f.name}`);
      }
    }
  }
  return [...out].sort();
}

/** Every command path of the program (`"dispute validator exit"`) to its options' long flags. */
export function commandPaths(): Map<string, string[]> {
  const io = { stdout: () => {}, stderr: () => {}, env: {}, isTTY: false };
  const program = buildProgram(io, () => new CliContext(io, {}));
  const out = new Map<string, string[]>();
  const walk = (cmd: Command, prefix: string[]) => {
    for (const sub of cmd.commands) {
      const p = [...prefix, sub.name()];
      out.set(
        p.join(" "),
        sub.options.map((o) => o.long ?? ""),
      );
      walk(sub, p);
    }
  };
  walk(program, []);
  return out;
}
