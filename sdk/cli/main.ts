/**
 * The `kit` CLI: parses arguments, calls the SDK, prints text or `--json`. Exit codes: 0 success, 1 failure
 * (revert, unreachable node), 2 bad input or usage.
 */
import { Command, CommanderError } from "commander";
import { ContractRevertError, InvalidArgumentError, KitError, stringifyDetails } from "../kit/core";
import { CliContext, type CliIO, type GlobalOptions } from "./context";
import { registerDeploy } from "./commands/deploy";
import { registerParams } from "./commands/params";
import { registerStatus } from "./commands/status";
import { registerToken } from "./commands/token";
import { registerGov } from "./commands/gov";
import { registerTreasury } from "./commands/treasury";
import { registerDev } from "./commands/dev";
import { registerFeed } from "./commands/feed";
import { listPresets } from "../presets";
import { describeRevert, type DescribeContext } from "./describe";

/** Exit code of a bad argument or unknown command. */
export const EXIT_USAGE = 2;
/** Exit code of any other failure. */
export const EXIT_FAILURE = 1;

/**
 * Builds the commander program; `ctx()` gives the per-invocation context after the global options parsed.
 *
 * @example
 * buildProgram(io, () => ctx).parseAsync(["node", "kit", "status"]);
 */
export function buildProgram(io: CliIO, ctx: () => CliContext): Command {
  const program = new Command("kit")
    .description("CLI of the economy kit: deploy, inspect and use the contracts")
    .option("--network <name>", "network: localhost, sepolia (default localhost)")
    .option("--rpc-url <url>", "JSON-RPC endpoint (overrides the network's URL)")
    .option("--json", "print one JSON document on stdout; no progress output")
    .option("--keystore <file>", "ethers encrypted JSON keystore (password from KIT_KEYSTORE_PASSWORD or a prompt)")
    .option(
      "--deployments <dir>",
      "Ignition deployments directory (default $KIT_DEPLOYMENTS_DIR or deploy/deployments)",
    )
    .option("--address-book <file>", "JSON file mapping Ignition ids to addresses (overrides the deployments)")
    .option(
      "--economy <name>",
      `economy the shared commands act on (${listPresets()
        .map((p) => p.name)
        .join(", ")}; default $KIT_ECONOMY, else the only one deployed on the chain)`,
    )
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerStatus(program, ctx);
  registerDeploy(program, ctx);
  registerToken(program, ctx);
  registerParams(program, ctx);
  registerGov(program, ctx);
  registerTreasury(program, ctx);
  registerDev(program, ctx);
  registerFeed(program, ctx);
  // Each preset registers its own command groups (QUIVer: job, channel, dispute, price, agent, stake, emission);
  // every command it adds, at any depth (a subcommand of a group another preset made too), acts on its deployment.
  const owner = new Map<Command, string>();
  const claim = (cmd: Command, name: string): void => {
    if (!owner.has(cmd) && cmd !== program) owner.set(cmd, name);
    cmd.commands.forEach((sub) => claim(sub, name));
  };
  const shared = new Set<Command>();
  const mark = (cmd: Command): void => {
    shared.add(cmd);
    cmd.commands.forEach(mark);
  };
  program.commands.forEach(mark);
  for (const preset of listPresets()) {
    preset.commands?.(program, ctx as () => never);
    for (const cmd of program.commands) if (!shared.has(cmd)) claim(cmd, preset.name);
  }
  program.hook("preAction", (_program, action) => {
    let cmd: Command | null = action;
    while (cmd && !owner.has(cmd)) cmd = cmd.parent;
    ctx().setCommandEconomy(cmd ? owner.get(cmd) : undefined);
  });
  // Every level of subcommands (`channel voucher sign`, `treasury grant claim`) reports through io, never exits.
  const configure = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    cmd.commands.forEach(configure); // nested groups (`channel voucher sign`, `dispute validator register`)
  };
  program.commands.forEach(configure);
  return program;
}

/**
 * Runs the CLI with `argv` (as `process.argv`) and returns the exit code; never throws.
 *
 * @example
 * const code = await runCli(["node", "kit", "--json", "status"], { stdout: console.log, stderr: console.error, env: process.env, isTTY: false });
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let context: CliContext | undefined;
  // With --json, commander's own messages (usage errors) are captured and reported as the one JSON document.
  const jsonAsked = argv.slice(2).includes("--json");
  let usage = "";
  const cliIO: CliIO = jsonAsked ? { ...io, stderr: (t) => void (usage += t) } : io;
  const program = buildProgram(cliIO, () => {
    context ??= new CliContext(io, program.opts<GlobalOptions>());
    return context;
  });
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (e) {
    const described = e instanceof ContractRevertError ? describeRevert(e, await describeContext(context)) : undefined;
    return report(e, io, jsonAsked, usage, described);
  } finally {
    context?.close();
  }
}

/** What a revert description can use: the deployment's token and the chain's time (best effort, never throws). */
async function describeContext(c: CliContext | undefined): Promise<DescribeContext> {
  if (!c) return {};
  const [token, block] = await Promise.all([
    c.token().catch(() => undefined),
    c
      .provider()
      .then((p) => p.getBlock("latest"))
      .catch(() => null),
  ]);
  return { symbol: token?.symbol, tokenAddress: token?.address, now: block ? BigInt(block.timestamp) : undefined };
}

/** The `--json` shape of an error: `{ error: { name, message, details, ... } }` (reverts add errorName, args, description). */
export function errorJson(err: KitError, description?: string): { error: Record<string, unknown> } {
  const body: Record<string, unknown> = { name: err.name, message: err.shortMessage, details: err.details };
  if (err instanceof ContractRevertError) {
    Object.assign(body, { errorName: err.errorName, args: err.args, ...(description ? { description } : {}) });
  }
  return { error: body };
}

function report(e: unknown, io: CliIO, json: boolean, usage: string, described?: string): number {
  if (e instanceof CommanderError) {
    if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.exitCode === 0) return 0;
    // commander already printed the message (on stderr; with --json it was captured instead)
    if (json) {
      const message = e.message.replace(/^error: /, "");
      io.stdout(stringifyDetails({ error: { name: "UsageError", message, details: { code: e.code } } }) + "\n");
      io.stderr(usage); // the message and the help commander wrote, for a person
    }
    return EXIT_USAGE;
  }
  const err = e instanceof KitError ? e : new KitError(String((e as Error)?.message ?? e).split("\n")[0], { cause: e });
  const code = err instanceof InvalidArgumentError ? EXIT_USAGE : EXIT_FAILURE;
  // With --json the error is the one document on stdout; stderr keeps the line for a person either way.
  if (json) io.stdout(stringifyDetails(errorJson(err, described)) + "\n");
  if (err instanceof ContractRevertError && described) {
    io.stderr(`error: ${err.contract ? `${err.contract} reverted: ` : ""}${described}\n`);
  } else io.stderr(`error: ${err.shortMessage}\n`);
  if (err instanceof ContractRevertError && err.decoded) io.stderr(`  ${err.signature} in ${err.contract}\n`);
  return code;
}

/** Process entry point used by `bin.js`. */
export async function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
  });
}
