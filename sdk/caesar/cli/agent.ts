import type { Command } from "commander";
import type { CliContext } from "../../cli/context";
export function registerCaesarAgent(_program: Command, _ctx: () => CliContext): void {}
