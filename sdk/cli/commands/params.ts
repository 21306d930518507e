import type { Command } from "commander";
import { formatAmount } from "../../kit/core";
import {
  addressOf,
  connectParameterRegistry,
  readParameter,
  readParameters,
  type ParameterState,
} from "../../kit/chain";
import { allCatalogues, tokenPresetOf } from "../../kit/preset";
import type { CliContext } from "../context";

function show(p: ParameterState, symbol: string | undefined): string {
  const v = (x: bigint) =>
    p.unit === "wei"
      ? symbol
        ? `${formatAmount(x)} ${symbol}`
        : `${x} wei`
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
  // Wei amounts are shown in the deployment's token (its preset's symbol), or in wei without one.
  const symbolFor = async (c: CliContext) => tokenPresetOf(await c.addressBook())?.symbol;

  params
    .command("list")
    .description("every parameter with its value, bounds and rate limit")
    .action(async () => {
      const c = ctx();
      const all = await readParameters(await registryFor(c), allCatalogues());
      const symbol = await symbolFor(c);
      c.print(all, (r) => r.map((p) => show(p, symbol)));
    });

  params
    .command("get")
    .description("one parameter by name (e.g. quiver.staking.unbondingPeriod) or 32-byte key")
    .argument("<name>")
    .action(async (name: string) => {
      const c = ctx();
      const p = await readParameter(await registryFor(c), name, allCatalogues());
      const symbol = await symbolFor(c);
      c.print(p, (r) => [show(r, symbol)]);
    });
}
