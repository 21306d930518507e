import type { Command } from "commander";
import { InvalidArgumentError } from "../../kit/core";
import { ProviderAgent, ValidatorAgent, submissionVerifier } from "..";
import { JsonLineLogger } from "../../kit/agents";
import { runAgentCommand, type AgentLoopOpts } from "../../cli/agentLoop";
import type { CliContext } from "../../cli/context";
import { amountArg, uintArg, type AmountOpts } from "../../cli/helpers";
import { saltStoreFor } from "./shared";
import { connectQuiver } from "..";

interface LoopOpts extends AgentLoopOpts {
  saltStore?: string;
}

/** `kit agent provider|validator`: run an agent against the network (JSON-line logs on stdout). */
export function registerAgent(program: Command, ctx: () => CliContext): void {
  const agent = program.command("agent").description("run a market agent (structured JSON logs on stdout)");
  const common = (cmd: Command) =>
    cmd
      .option("--once", "run one tick and exit")
      .option("--interval <seconds>", "seconds between ticks", "5")
      .option("--ticks <n>", "stop after this many ticks")
      .option("--salt-store <file>", "state file: salts, cursors, vouchers (default $KIT_SALT_STORE or ~/.kit/…)");

  common(
    agent
      .command("provider")
      .description("bid on eligible jobs (commit-reveal), submit results, redeem channel vouchers")
      .option("--price <amount>", "bid this price on every eligible job (default: the oracle's reference price)")
      .option("--wei", "amounts are in wei")
      .option("--collect-threshold <amount>", "collect a channel once this much is owed"),
  ).action(async (opts: LoopOpts & AmountOpts & { price?: string; collectThreshold?: string }) => {
    const c = ctx();
    const price = opts.price === undefined ? undefined : amountArg(opts.price, opts);
    if (price === 0n) throw new InvalidArgumentError("price must be positive");
    const threshold = opts.collectThreshold === undefined ? undefined : amountArg(opts.collectThreshold, opts);
    const signer = await c.signer();
    const book = await c.addressBook();
    const store = await saltStoreFor(c, opts.saltStore);
    const log = new JsonLineLogger("provider", (l) => c.io.stdout(l));
    const a = new ProviderAgent({
      signer,
      contracts: connectQuiver(book, signer),
      chainId: book.chainId,
      store,
      log,
      pricing: price === undefined ? undefined : (job) => (price <= job.maxPrice ? price : undefined),
      collectThreshold: threshold,
    });
    log.log("info", "agent.started", { provider: await a.address(), chainId: book.chainId, once: Boolean(opts.once) });
    await runAgentCommand(c, a, log, opts);
  });

  common(
    agent
      .command("validator")
      .description("register, attest submitted jobs, vote on disputes with commit-reveal, resolve and finalize")
      .option("--stake <amount>", "stake to register with (default: the registry minimum)")
      .option("--wei", "amounts are in wei")
      .option(
        "--score <n>",
        "score attested for a job that passes the default checks (in review, no upheld dispute, hashes match the provider's submission); 0..100",
        "100",
      )
      .option("--vote <side>", "always vote uphold or reject (default: uphold when attested quality < 50)"),
  ).action(async (opts: LoopOpts & AmountOpts & { stake?: string; score: string; vote?: string }) => {
    const c = ctx();
    const stake = opts.stake === undefined ? undefined : amountArg(opts.stake, opts);
    const score = Number(uintArg(opts.score, "score"));
    if (score > 100) throw new InvalidArgumentError(`score must be 0..100, got ${score}`);
    if (opts.vote !== undefined && opts.vote !== "uphold" && opts.vote !== "reject") {
      throw new InvalidArgumentError(`--vote must be uphold or reject, got "${opts.vote}"`);
    }
    const signer = await c.signer();
    const book = await c.addressBook();
    const store = await saltStoreFor(c, opts.saltStore);
    const log = new JsonLineLogger("validator", (l) => c.io.stdout(l));
    const a = new ValidatorAgent({
      signer,
      contracts: connectQuiver(book, signer),
      store,
      log,
      stake,
      verifier: submissionVerifier({ score }),
      judge: opts.vote === undefined ? undefined : () => opts.vote === "uphold",
    });
    log.log("info", "agent.started", { validator: await a.address(), chainId: book.chainId, once: Boolean(opts.once) });
    await runAgentCommand(c, a, log, opts);
  });
}
