import type { Command } from "commander";
import type { CliContext } from "../../cli/context";
export function registerCaesar(_program: Command, _ctx: () => CliContext): void {}
