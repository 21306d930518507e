import type { Command } from "commander";
import { formatAmount } from "../../kit/core";
import {
  addressOf,
  connectParameterRegistry,
  readParameter,
  readParameters,
  type ParameterState,
} from "../../kit/chain";
import { QUIVER_PARAMETERS } from "../../quiver";
import type { CliContext } from "../context";

function show(p: ParameterState): string {
  const v = (x: bigint) =>
    p.unit === "wei"
      ? `${formatAmount(x)} QUIV`
      : p.unit === "bps"
        ? `${x} bps`
        : p.unit === "seconds"
          ? `${x} s`
          : `${x}`;
  return `${p.name.padEnd(34)} ${v(p.value).padEnd(18)} [${v(p.min)} .. ${v(p.max)}], ±${v(p.maxDelta)} per ${p.period} s`;
}

/** `kit params …`: the ParameterRegistry. */
export function registerParams(program: Command, ctx: () => CliContext): void {
  const params = program.command("params").description("economic parameters of the ParameterRegistry");
  const registryFor = async (c: CliContext) =>
    connectParameterRegistry(addressOf(await c.addressBook(), "registry"), await c.provider());

  params
    .command("list")
    .description("every parameter with its value, bounds and rate limit")
    .action(async () => {
      const c = ctx();
      const all = await readParameters(await registryFor(c), QUIVER_PARAMETERS);
      c.print(all, (r) => r.map(show));
    });

  params
    .command("get")
    .description("one parameter by name (e.g. quiver.staking.unbondingPeriod) or 32-byte key")
    .argument("<name>")
    .action(async (name: string) => {
      const c = ctx();
      const p = await readParameter(await registryFor(c), name, QUIVER_PARAMETERS);
      c.print(p, (r) => [show(r)]);
    });
}
